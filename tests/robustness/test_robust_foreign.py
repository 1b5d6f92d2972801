"""Content migrated from Hugo, Jekyll and Pelican builds: foreign keys are kept, typos are named.

A folder of another generator's articles carries keys Dateline does not know (``layout``,
``categories``, ``slug``, ``permalink``...), datetimes instead of days, drafts, and files named
``.markdown`` or ``.MD``.  They build; the keys reach templates as ``page.extra``; a key that
looks like a misspelt one of ours is a warning with the suggestion (an error under ``--strict``);
drafts are checked but not built.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import make_project, run_cli

HUGO = """---
title: "Singapore summit opens"
date: 2018-06-12T10:00:00+02:00
draft: false
layout: single
categories: [diplomacy, asia]
slug: singapore-summit-opens
aliases: [/old/singapore/]
weight: 10
summary: The leaders met.
---
Trump and Kim Jong Un met in Singapore on Tuesday. See also [the Jekyll post](jekyll-post.markdown).
"""
JEKYLL = """---
layout: post
title: Talks resume in Panmunjom
date: 2018-06-12 10:00:00 +0200
permalink: /2018/06/12/talks/
categories: news
published: true
---
South Korean officials said talks with North Korea would resume on Friday.
"""
PELICAN = """---
title: Pompeo visits Pyongyang
date: 2018-07-06 10:20
category: diplomacy
slug: pompeo
summary: A short visit.
status: published
tag: [visit]
---
US Secretary of State Mike Pompeo arrived in North Korea on Friday.
"""
HUGO_DRAFT = """---
title: Unfinished draft
date: 2018-06-13
draft: true
auther: Somebody
---
DRAFT-TEXT that must not be published on Wednesday.
"""
JEKYLL_UNPUBLISHED = """---
title: Unpublished Jekyll post
date: 2018-06-14
published: false
---
UNPUBLISHED-TEXT on Thursday.
"""
EXTRA_TEMPLATE = """{% set extra = page.extra %}<p id="extra">layout={{ extra.get("layout", "") }};\
categories={{ extra.get("categories", [])|join(",") if extra.get("categories") is not string \
else extra.categories }};weight={{ extra.get("weight", "") }};keys={{ extra|sort|join(",") }}</p>"""


def _migrated(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project")
    articles = root / "content" / "articles"
    for name, text in (("hugo-post.md", HUGO), ("jekyll-post.markdown", JEKYLL),
                       ("PELICAN.MD", PELICAN), ("draft.Markdown", HUGO_DRAFT),
                       ("unpublished.md", JEKYLL_UNPUBLISHED)):
        (articles / name).write_text(text, encoding="utf-8")
    source = root / "templates" / "source.html"
    template = source.read_text("utf-8")
    marker = "{% block content %}"
    assert marker in template
    source.write_text(template.replace(marker, marker + EXTRA_TEMPLATE, 1), encoding="utf-8")
    return root


TYPO = ("content/articles/PELICAN.MD:8:6: warning: unknown key 'tag' in article front matter\n"
        "  hint: did you mean 'tags'?\n")
DRAFT_TYPO = ("content/articles/draft.Markdown:5:9: warning: unknown key 'auther' in article "
              "front matter\n  hint: did you mean 'author'?\n")


def test_a_migrated_folder_builds_with_only_typos_reported(tmp_path: Path) -> None:
    root = _migrated(tmp_path)
    code, out, err = run_cli("--root", str(root), "build", "--no-cache", "--jobs", "1")
    # the draft is read and checked like any file (its typo is reported), then left out
    assert err == TYPO + DRAFT_TYPO
    assert code == 0
    assert out.startswith("Built site/: 3 documents, ")
    sources = root / "site" / "sources"
    assert {p.name for p in sources.iterdir() if p.is_dir()} == {
        "hugo-post", "jekyll-post", "pelican"}
    site = b"".join(p.read_bytes() for p in (root / "site").rglob("*") if p.is_file())
    assert b"DRAFT-TEXT" not in site and b"UNPUBLISHED-TEXT" not in site
    assert b"Unfinished draft" not in site and b"Unpublished Jekyll post" not in site


def test_foreign_keys_reach_templates_as_page_extra(tmp_path: Path) -> None:
    root = _migrated(tmp_path)
    assert run_cli("--root", str(root), "build", "--no-cache", "--jobs", "1")[0] == 0
    hugo = (root / "site" / "sources" / "hugo-post" / "index.html").read_text("utf-8")
    assert ('<p id="extra">layout=single;categories=diplomacy,asia;weight=10;'
            'keys=aliases,categories,layout,slug,summary,weight</p>') in hugo
    jekyll = (root / "site" / "sources" / "jekyll-post" / "index.html").read_text("utf-8")
    assert ('<p id="extra">layout=post;categories=news;weight=;'
            'keys=categories,layout,permalink,published</p>') in jekyll


def test_datetimes_of_other_generators_are_read_as_their_day(tmp_path: Path) -> None:
    root = _migrated(tmp_path)
    assert run_cli("--root", str(root), "build", "--no-cache", "--jobs", "1")[0] == 0
    pages = {slug: (root / "site" / "sources" / slug / "index.html").read_text("utf-8")
             for slug in ("hugo-post", "jekyll-post", "pelican")}
    for slug, day, label in (("hugo-post", "2018-06-12", "12 June 2018"),
                             ("jekyll-post", "2018-06-12", "12 June 2018"),
                             ("pelican", "2018-07-06", "6 July 2018")):  # the page header's date
        assert re.search(f'<time datetime="{day}"[^>]*>{label}</time>', pages[slug]), slug
    timeline = json.loads((root / "site" / "timeline.json").read_text("utf-8"))
    paths = {s["path"] for e in timeline["events"] for s in e["sources"]}
    assert {"articles/hugo-post.md", "articles/jekyll-post.markdown",
            "articles/PELICAN.MD"} <= paths


def test_a_link_to_a_markdown_file_points_at_its_page(tmp_path: Path) -> None:
    root = _migrated(tmp_path)
    assert run_cli("--root", str(root), "build", "--no-cache", "--jobs", "1")[0] == 0
    hugo = (root / "site" / "sources" / "hugo-post" / "index.html").read_text("utf-8")
    assert 'href="/sources/jekyll-post/"' in hugo


def test_check_reports_the_typos_and_strict_fails_on_them(tmp_path: Path) -> None:
    root = _migrated(tmp_path)
    code, out, _err = run_cli("--root", str(root), "check")
    assert DRAFT_TYPO in out and TYPO in out
    assert ": error: " not in out
    assert code == 0
    assert run_cli("--root", str(root), "check", "--strict")[0] == 1
    assert run_cli("--root", str(root), "build", "--strict", "--no-cache")[0] == 1


@pytest.mark.parametrize(("key", "expected"), [("dat", "date"), ("titel", "title"),
                                               ("Title", "title"), ("actor", "actors"),
                                               ("sourcs", "sources"), ("targets", "target")])
def test_a_likely_typo_names_the_key_it_resembles(key: str, expected: str) -> None:
    from dateline.content.loader import parse_document

    text = f"---\n{key}: x\ndate: 2018-06-12\ntitle: T\nsources: [https://a.example/]\n---\n"
    _document, problems = parse_document("notes/n.md", "note", text, "0")
    typo = [p for p in problems if p.message.startswith(f"unknown key '{key}'")]
    assert [(p.severity, p.line, p.hint) for p in typo] == [
        ("warning", 2, f"did you mean '{expected}'?")]


@pytest.mark.parametrize("key", ["layout", "categories", "slug", "permalink",
                                 "weight", "aliases", "source_url", "lastmod", "subtitle",
                                 "published", "source", "authors", "description"])
def test_keys_of_other_generators_are_kept_without_a_word(key: str) -> None:
    from dateline.content.loader import parse_document

    text = f"---\ntitle: T\ndate: 2018-06-12\n{key}: [a, b]\n---\nBody.\n"
    document, problems = parse_document("articles/a.md", "article", text, "0")
    assert problems == []
    assert document is not None and document.extra == ((key, ["a", "b"]),)


def test_unknown_keys_of_an_event_entry_are_warned_about() -> None:
    from dateline.content.loader import parse_document

    text = ("---\ntitle: Several\nlayout: post\nevents:\n  - date: 2018-06-12\n"
            "    title: One\n    colour: red\n---\n")
    document, problems = parse_document("notes/n.md", "note", text, "0")
    assert document is not None and document.extra == (("layout", "post"),)
    assert [(p.line, p.col, p.severity, p.message) for p in problems] == [
        (7, 13, "warning", "unknown key 'colour' in event front matter; ignored")]


def test_a_draft_with_an_error_is_still_reported() -> None:
    from dateline.content.loader import parse_document

    text = "---\ntitle: Draft\ndate: 2018-02-30\ndraft: true\n---\n"
    document, problems = parse_document("articles/d.md", "article", text, "0")
    assert document is None
    assert [(p.line, p.severity, p.message) for p in problems] == [
        (3, "error", "'date' day does not exist (got 2018-02-30)")]
    _document, problems = parse_document("articles/d.md", "article",
                                          text.replace("true", "yes please"), "0")
    assert [p.message for p in problems][-1] == "'draft' must be true or false " \
                                                 "(got 'yes please')"


def test_a_time_of_day_that_does_not_exist_is_reported() -> None:
    from dateline.content.loader import parse_document

    text = "---\ntitle: Late\ndate: 2018-06-12T25:61:00+02:00\n---\n"
    _document, problems = parse_document("articles/l.md", "article", text, "0")
    assert [(p.line, p.col, p.message) for p in problems] == [
        (3, 7, "'date' time of day does not exist (got 2018-06-12T25:61:00+02:00)")]


PELICAN_NATIVE = """Title: Envoys meet in Panmunjom
Date: 2018-06-12 10:20
Author: Jane Doe
Category: Korea
Tags: talks, Panmunjom
Slug: envoys-panmunjom
Url: 2018/06/envoys-panmunjom.html
Summary: Envoys of the two Koreas met,
    and agreed to meet again.

Envoys of the two Koreas met on Tuesday in Panmunjom.
"""


def test_pelicans_own_metadata_lines_are_read_as_front_matter() -> None:
    from dateline.content.loader import parse_document

    document, problems = parse_document("articles/p.md", "article", PELICAN_NATIVE, "0")
    assert problems == []
    assert document is not None
    assert (document.title, document.published, document.author, document.tags) == (
        "Envoys meet in Panmunjom", "2018-06-12", "Jane Doe", ("talks", "Panmunjom"))
    assert document.body == "Envoys of the two Koreas met on Tuesday in Panmunjom.\n"
    assert document.body_line == 11
    assert dict(document.extra) == {
        "category": "Korea", "slug": "envoys-panmunjom",
        "page_url": "2018/06/envoys-panmunjom.html",
        "summary": "Envoys of the two Koreas met, and agreed to meet again."}


def test_a_pelican_draft_is_left_out_and_a_clipping_stays_a_clipping() -> None:
    from dateline.content.loader import parse_document

    draft = PELICAN_NATIVE.replace("Slug:", "Status: draft\nSlug:")
    assert parse_document("articles/p.md", "article", draft, "0") == (None, [])
    clipping = "Title: a page without a date line\nSome text.\n\nMore text.\n"
    document, _problems = parse_document("articles/c.md", "article", clipping, "0")
    assert document is not None and document.title.startswith("Title: a page")


def test_hugos_url_is_a_page_address_kept_with_a_warning() -> None:
    from dateline.content.loader import parse_document

    text = "---\ntitle: T\ndate: 2018-06-12\nurl: /2018/06/t/\n---\nBody.\n"
    document, problems = parse_document("articles/h.md", "article", text, "0")
    assert document is not None and document.url == ""
    assert dict(document.extra) == {"url": "/2018/06/t/"}
    assert [(p.line, p.col, p.severity) for p in problems] == [(4, 6, "warning")]
    assert problems[0].message.startswith("'url' /2018/06/t/ is a page address")
