"""Shared bench helpers: the TempEval-3 silver corpus as a Dateline project.

Each TimeML story becomes one Markdown article: front matter with title, date (the DCT),
publisher (from the doc id prefix), url and source_id; body = the <TEXT> with tags stripped
(the reader in ../shared/tools/timex_eval/timeml.py, imported here only, never by product
code).  ``copies`` > 1 repeats the corpus with distinct ids, file names and source ids, so a
5x corpus is five times the documents, not five copies of the same pages.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "te3-silver"
TOOLS = Path(__file__).resolve().parents[2] / "shared" / "tools"
REPO = Path(__file__).resolve().parents[1]
PUBLISHERS = {"AFP": "Agence France-Presse", "APW": "Associated Press", "NYT": "The New York Times",
              "XIN": "Xinhua", "XIE": "Xinhua", "CNA": "Central News Agency"}
PYPROJECT = """[project]
name = "te3-silver-site"
version = "0"

[tool.dateline]
title = "TempEval-3 silver wire stories"
description = "Benchmark site built from the TE3 silver corpus"
base_url = "/"
"""


@dataclass(frozen=True)
class Story:
    doc_id: str  # e.g. "AFP_ENG_19970401.0006"
    date: str  # YYYY-MM-DD from the DCT
    title: str
    paragraphs: tuple[str, ...]

    @property
    def publisher(self) -> str:
        prefix = self.doc_id.split("_", 1)[0]
        return PUBLISHERS.get(prefix, prefix)


def _timeml():  # type: ignore[no-untyped-def]
    if str(TOOLS) not in sys.path:
        sys.path.insert(0, str(TOOLS))
    from timex_eval import timeml  # the corpus's own reader: tags stripped, entities unescaped

    return timeml


def _title(xml: str, doc_id: str) -> str:
    start, end = xml.find("<TITLE>"), xml.find("</TITLE>")
    if start < 0 or end < start:
        return doc_id
    return " ".join(xml[start + len("<TITLE>"):end].split()) or doc_id


def read_stories(corpus: Path = CORPUS, limit: int | None = None) -> list[Story]:
    """The corpus's stories, sorted by id (first ``limit`` only when given)."""
    timeml = _timeml()
    stories = []
    for path in sorted(corpus.glob("*.tml"))[:limit]:
        xml = path.read_text(encoding="utf-8")
        doc = timeml.parse_timeml(xml, path.stem)
        paragraphs = tuple(" ".join(p.split()) for p in doc.text.split("\n\n") if p.strip())
        stories.append(Story(doc.id, doc.dct[:10], _title(xml, doc.id), paragraphs))
    return stories


def slug(doc_id: str, copy: int = 0) -> str:
    """File stem and source_id: lower-case letters, digits and '-' (``-c2`` for copy 2)."""
    base = doc_id.lower().replace("_", "-").replace(".", "-")
    return f"{base}-c{copy}" if copy else base


def story_markdown(story: Story, copy: int = 0) -> tuple[str, str]:
    """(file stem, Markdown article) for one story; ``copy`` > 0 gives it a distinct identity."""
    stem = slug(story.doc_id, copy)
    title = story.title if not copy else f"{story.title} (copy {copy})"
    front = {"title": title, "date": story.date, "publisher": story.publisher,
             "url": f"https://example.org/te3/{stem}", "source_id": stem}
    head = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000)
    return stem, f"---\n{head}---\n" + "\n\n".join(story.paragraphs) + "\n"


def articles(stories: list[Story], copies: int = 1) -> Iterator[tuple[str, str]]:
    for copy in range(copies):
        for story in stories:
            yield story_markdown(story, copy)


def make_project(folder: Path, stories: list[Story], copies: int = 1) -> Path:
    """A Dateline project in ``folder``: content/articles, the repo's templates, a pyproject."""
    target = folder / "content" / "articles"
    target.mkdir(parents=True, exist_ok=True)
    (folder / "content" / "notes").mkdir(exist_ok=True)
    if not (folder / "templates").exists():
        shutil.copytree(REPO / "templates", folder / "templates")
    (folder / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    for stem, markdown in articles(stories, copies):
        (target / f"{stem}.md").write_text(markdown, encoding="utf-8")
    return folder


PELICAN_CONF = """AUTHOR = "bench"
SITENAME = "TempEval-3 silver wire stories"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 10
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
RELATIVE_URLS = True
"""
HUGO_CONF = """baseURL = "/"
title = "TempEval-3 silver wire stories"
disableKinds = ["taxonomy", "term"]
[pagination]
pagerSize = 10
"""
HUGO_LAYOUTS = {
    "baseof.html": "<!doctype html><html lang=en><head><meta charset=utf-8>"
                   "<title>{{ .Title }}</title></head><body>{{ block \"main\" . }}{{ end }}"
                   "</body></html>\n",
    "single.html": "{{ define \"main\" }}<article><h1>{{ .Title }}</h1>"
                   "<p>{{ .Date.Format \"2 January 2006\" }} · {{ .Params.publisher }}</p>"
                   "{{ .Content }}</article>{{ end }}\n",
    "list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>"
                 "{{ range (.Paginate .RegularPagesRecursive).Pages }}"
                 "<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>"
                 " {{ .Date.Format \"2006-01-02\" }}</li>{{ end }}</ul>{{ end }}\n",
}


def pelican_article(story: Story, copy: int = 0) -> tuple[str, str]:
    """The same article in Pelican's own metadata format (Pelican has no YAML front matter)."""
    stem = slug(story.doc_id, copy)
    title = story.title if not copy else f"{story.title} (copy {copy})"
    head = (f"Title: {title}\nDate: {story.date}\nAuthor: {story.publisher}\n"
            f"Category: {story.publisher}\nSlug: {stem}\n\n")
    return stem, head + "\n\n".join(story.paragraphs) + "\n"


def make_pelican_site(folder: Path, stories: list[Story], copies: int = 1) -> Path:
    target = folder / "content"
    target.mkdir(parents=True, exist_ok=True)
    (folder / "pelicanconf.py").write_text(PELICAN_CONF, encoding="utf-8")
    for copy in range(copies):
        for story in stories:
            stem, text = pelican_article(story, copy)
            (target / f"{stem}.md").write_text(text, encoding="utf-8")
    return folder


def make_hugo_site(folder: Path, stories: list[Story], copies: int = 1) -> Path:
    """A minimal Hugo site: the same Markdown files (Hugo reads YAML front matter) and layouts."""
    target = folder / "content" / "articles"
    target.mkdir(parents=True, exist_ok=True)
    (folder / "hugo.toml").write_text(HUGO_CONF, encoding="utf-8")
    layouts = folder / "layouts"
    layouts.mkdir(exist_ok=True)
    for name, text in HUGO_LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")
    for stem, markdown in articles(stories, copies):
        # Hugo reserves 'url' for the page's own address: the source link goes under another key
        markdown = markdown.replace("\nurl: ", "\nlink: ", 1)
        (target / f"{stem}.md").write_text(markdown, encoding="utf-8")
    return folder
