"""Notes: declared events, their sources, anchors for relative dates, duplicate slugs."""

from __future__ import annotations

import json
from pathlib import Path

from dateline.content.loader import parse_document
from dateline.pipeline.extract import anchor_of
from tests.conftest import run_cli

ARTICLE = """---
title: Statement signed
date: 2018-06-12
publisher: Wire
url: https://example.org/statement
---
Trump and North Korean leader Kim Jong Un signed a joint statement in Singapore on Tuesday.
"""


def test_note_sources_cite_articles_and_links(project: Path) -> None:
    (project / "content" / "articles" / "statement.md").write_text(ARTICLE, "utf-8")
    (project / "content" / "notes" / "summit.md").write_text(
        "---\nid: summit\ndate: 2018-06-12\ntitle: Summit\n"
        "sources: [articles/statement.md, https://www.example.com/report]\n---\nText.\n", "utf-8")
    code, _out, err = run_cli("--root", str(project), "build")
    assert code == 0, err
    data = json.loads((project / "site" / "timeline.json").read_text("utf-8"))
    summit = next(e for e in data["events"] if e["id"] == "summit")
    assert [s["path"] for s in summit["sources"]] == ["notes/summit.md", "articles/statement.md",
                                                      None]
    assert summit["sources"][1]["publisher"] == "Wire"
    assert summit["sources"][2]["url"] == "https://www.example.com/report"
    assert summit["sources"][0]["line"] == 2


def test_relative_dates_in_notes_anchor_on_the_notes_date() -> None:
    document, problems = parse_document(
        "notes/x.md", "note", "---\ndate: 2018-12-08\ntitle: X\n---\nBolton spoke on Tuesday.\n",
        "digest")
    assert problems == [] and document is not None
    anchor = anchor_of(document)
    assert anchor is not None and anchor.isoformat() == "2018-12-08"


def test_coarse_note_dates_give_no_anchor() -> None:
    document, _ = parse_document(
        "notes/x.md", "note", "---\ndate: early 2019\ntitle: X\n---\nOn Tuesday.\n", "digest")
    assert document is not None and anchor_of(document) is None


def test_duplicate_source_slugs_are_errors(project: Path) -> None:
    (project / "content" / "articles" / "a.md").write_text(
        ARTICLE.replace("publisher: Wire", "publisher: Wire\nsource_id: same"), "utf-8")
    (project / "content" / "articles" / "b.md").write_text(
        ARTICLE.replace("publisher: Wire", "publisher: Wire\nsource_id: same"), "utf-8")
    code, out, _err = run_cli("--root", str(project), "check")
    assert code == 1
    assert ("content/articles/b.md:1:1: error: duplicate source id 'same'\n"
            "  hint: content/articles/a.md has the same id; rename one file or set a different "
            "'source_id'\n") in out


def test_events_list_entries_point_at_their_own_lines(project: Path) -> None:
    (project / "content" / "notes" / "many.md").write_text(
        "---\ntitle: Many\nevents:\n  - date: 2018\n    title: One\n"
        "  - date: 2019-02\n    title: Two\n---\n", "utf-8")
    run_cli("--root", str(project), "build")
    data = json.loads((project / "site" / "timeline.json").read_text("utf-8"))
    assert [(e["summary"], e["sources"][0]["line"], e["precision"]) for e in data["events"]] == [
        ("One", 4, "year"), ("Two", 6, "month")]


def test_corrections_survive_rebuilds_and_unrelated_edits(project: Path) -> None:
    (project / "content" / "articles" / "statement.md").write_text(ARTICLE, "utf-8")
    assert run_cli("--root", str(project), "build")[0] == 0
    data = json.loads((project / "site" / "timeline.json").read_text("utf-8"))
    target = next(e for e in data["events"] if e["sources"][0]["path"] == "articles/statement.md")
    (project / "content" / "notes" / "fix.md").write_text(
        f"---\ntitle: Corrections\nsources: [https://example.org/statement]\nevents:\n"
        f"  - corrects: {target['id']}\n    title: Leaders sign the Singapore statement\n"
        f"    actors: [USA, PRK]\n---\n", "utf-8")
    for unrelated in ("", "---\ndate: 2017-01-01\ntitle: Unrelated\n"
                          "sources: [https://example.org/u]\n---\n"):
        if unrelated:
            (project / "content" / "notes" / "other.md").write_text(unrelated, "utf-8")
        code, _out, err = run_cli("--root", str(project), "build")
        assert code == 0, err
        events = json.loads((project / "site" / "timeline.json").read_text("utf-8"))["events"]
        fixed = next(e for e in events if e["id"] == target["id"])
        assert fixed["summary"] == "Leaders sign the Singapore statement"
        assert fixed["actors"] == ["USA", "PRK"]
