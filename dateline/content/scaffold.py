"""``new``: scaffold a note, an era or an article whose front matter explains itself in YAML
comments.

The file lands in ``content/notes/`` (notes and eras) or ``content/articles/`` under a name made
from its date and title (an era's from its title: ``era-the-2018-summits.md``), and never
replaces an existing file (``-2``, ``-3``... are added instead).  The text is validated with the
loader before it is written, so a scaffolded file always passes ``check``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from dateline import dates
from dateline.config import load_settings
from dateline.content.loader import parse_document
from dateline.problems import format_text
from dateline.site.slugs import slugify

FOLDERS = {"note": "notes", "era": "notes", "article": "articles"}
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
MAX_TRIES = 1000

NOTE = """\
---
# A note puts one event on the timeline.  Lines starting with # are comments: keep or delete them.
# date: when it happened, as precisely as you know it: 2018, 2018-06, 2018-06-12,
#   a range 2019-02-27/2019-02-28, or words such as "early 2019", "mid-2018", "summer 2018".
date: {date}
# title: what happened, in one line, as the timeline shows it.
title: {title}
# actors: who acted, as codes: USA, PRK (North Korea), KOR (South Korea), CHN, RUS, JPN, UN ...
actors: []
# source, target: (optional) who did it and to whom, as codes: source: [USA], target: [PRK].
# source: []
# target: []
# tags: words that group related events, e.g. [summit, sanctions].
tags: []
# sources: where this is reported: web addresses, or articles of this site such as
#   articles/2018-06-12-singapore-statement.md.
{sources}
# id: (optional) a permanent name for the event's address, lower-case words and dashes.
# id: {slug}
# status: (optional) happened (the default), planned or reported.
# why: (optional) a paragraph on why it matters, in Markdown; the event's page shows it.
# why: It was the first meeting between a sitting U.S. president and a North Korean leader.
# Below the closing line you may write more about the event in Markdown; it shows on its page.
---
{body}"""

ERA = """\
---
# An era groups the timeline's events between two dates under a title, with the text below the
# closing line as its introduction (a paragraph or two of Markdown).  Lines starting with # are
# comments: keep or delete them.
era:
  # title: the era's name, as its heading shows it.
  title: {title}
  # start, end: the first and the last period it covers, as precisely as you like: 2018,
  #   2018-04, 2018-04-27.  It runs from the first day of start to the last day of end.
  #   Eras may not overlap.
  start: {start}
  end: {end}
---
{body}"""

ARTICLE = """\
---
# An article is a news story; the timeline's events are read from its text.
# Lines starting with # are comments: keep or delete them.
# title: the headline.
title: {title}
# date: the day the story was published (YYYY-MM-DD).  "Tuesday" or "last week" in the text are
#   read relative to it, so it must be the story's own date.
date: {date}
# publisher: who published the story.
{publisher}
# url: the address of the original story.
{url}
# author: (optional) who wrote it.
# tags: (optional) words that group it with related events, e.g. [summit].
---
{body}
"""

ARTICLE_BODY = ("<!-- Replace this line with the text of the story, one paragraph per line, "
                "as it was published. -->")


@dataclass(frozen=True)
class Request:
    kind: str
    title: str
    date: str
    url: str = ""
    publisher: str = ""
    body: str = ""


class ScaffoldError(ValueError):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def _quoted(text: str) -> str:
    """A YAML scalar that reads back as ``text`` whatever it holds (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def checked_date(kind: str, date: str | None) -> str:
    """The date as the file should hold it; raises ScaffoldError with what to write instead."""
    if not date:
        raise ScaffoldError(f"a {kind} needs --date",
                            "e.g. --date 2018-12-04" + ("" if kind == "article" else
                                                         " (or 2018-06, 2018, 'early 2019')"))
    try:
        value, end, _mod = dates.parse_editor_date(date)
    except dates.DateError as exc:
        raise ScaffoldError(f"--date {exc}", exc.hint) from exc
    if kind == "era" and _mod:
        raise ScaffoldError(f"an era's --date cannot be approximate (got {date})",
                            "give START/END as years, months or days, e.g. 2018-04/2018-09")
    if kind == "article" and (end or dates.precision(value) != "day"):
        raise ScaffoldError(f"an article's --date must be one day (got {date})",
                            "give the publication date as YYYY-MM-DD")
    return date.strip()


def render(request: Request) -> str:
    """The file's text."""
    if request.kind == "era":
        start, _slash, end = request.date.partition("/")
        return ERA.format(title=_quoted(request.title), start=start.strip(),
                          end=(end or start).strip(),
                          body=request.body + "\n" if request.body else "")
    if request.kind == "note":
        sources = f"sources: [{_quoted(request.url)}]" if request.url else "sources: []"
        return NOTE.format(date=request.date, title=_quoted(request.title), sources=sources,
                           slug=slugify(request.title, 40),
                           body=request.body + "\n" if request.body else "")
    url = f"url: {_quoted(request.url)}" if request.url else "# url: https://..."
    publisher = (f"publisher: {_quoted(request.publisher)}" if request.publisher
                 else "# publisher: Example News")
    return ARTICLE.format(title=_quoted(request.title), date=request.date, publisher=publisher,
                          url=url, body=request.body or ARTICLE_BODY)


def file_stem(request: Request) -> str:
    """Date first, so a folder lists in time order: ``2018-12-04-bolton-speaks``; an era's
    name says what it is: ``era-the-2018-summits``."""
    if request.kind == "era":
        return f"era-{slugify(request.title, 60)}"
    prefix = slugify(request.date.split("/", 1)[0], 20)
    return f"{prefix}-{slugify(request.title, 60)}"


def create(folder: Path, stem: str, text: str) -> Path:
    """Write ``stem.md``, or ``stem-2.md``, ``stem-3.md``...: never over an existing file."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, MAX_TRIES + 1):
        path = folder / (f"{stem}.md" if number == 1 else f"{stem}-{number}.md")
        try:
            with path.open("x", encoding="utf-8", newline="\n") as handle:  # atomic "if absent"
                handle.write(text)
            return path
        except FileExistsError:
            continue
    raise ScaffoldError(f"{folder}/{stem}.md and {MAX_TRIES - 1} numbered copies exist",
                        "choose another title")


def request_from(args: argparse.Namespace, stdin: TextIO) -> Request:
    kind, title = args.kind, " ".join(str(args.title).split())
    if not title:
        raise ScaffoldError("the title is empty", 'e.g. new note "Trump and Kim meet in Hanoi"')
    url = (args.url or "").strip()
    if url and not _URL.match(url):
        raise ScaffoldError(f"--url must be an http(s) address (got {url})",
                            "copy the address from the browser, starting with https://")
    body = stdin.read() if args.content == "-" else (args.content or "")
    return Request(kind, title, checked_date(kind, args.date), url,
                   " ".join((args.publisher or "").split()), body.strip())


def run(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO | None = None) -> int:
    """``new KIND TITLE [--date] [--url] [--publisher] [--content TEXT|-]``: print the new path."""
    root = Path(args.root)
    settings, problems = load_settings(root)
    if problems:
        for problem in problems:
            print(format_text(problem), file=err)
        return 1
    try:
        request = request_from(args, stdin or sys.stdin)
        text = render(request)
        folder = FOLDERS[request.kind]
        rel = f"{folder}/{file_stem(request)}.md"
        document, found = parse_document(rel, "article" if request.kind == "article" else "note",
                                         text,
                                         hashlib.sha256(text.encode()).hexdigest())
        if document is None:  # a bug in the templates above, never the user's fault
            raise ScaffoldError("; ".join(p.message for p in found), "please report this")
        path = create(settings.content_dir / folder, file_stem(request), text)
    except ScaffoldError as exc:
        print(f"error: {exc}\n  hint: {exc.hint}", file=err)
        return 2
    print(path.relative_to(root) if path.is_relative_to(root) else path, file=out)
    return 0
