"""``check``: one pass over every content file, three output formats, exit codes, nothing written.

Line and column numbers below were counted by hand in the texts written here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import make_project, run_cli

GOOD = """\
---
id: singapore-summit
date: 2018-06-12
title: Trump and Kim meet in Singapore
actors: [USA, PRK]
sources: [https://example.org/singapore]
---
See [the statement](../articles/statement.md) and [Hanoi](/events/hanoi-summit/).
"""
ARTICLE = """\
---
title: Joint statement signed
date: 2018-06-12
url: https://example.org/statement
---
The two leaders signed a joint statement on Tuesday.
"""
HANOI = """\
---
id: hanoi-summit
date: 2019-02-27/2019-02-28
title: Hanoi summit
actors: [USA, PRK]
sources: [articles/statement.md]
---
"""


def _write(root: Path, rel: str, text: str) -> None:
    path = root / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


@pytest.fixture
def clean(project: Path) -> Path:
    _write(project, "notes/singapore.md", GOOD)
    _write(project, "notes/hanoi.md", HANOI)
    _write(project, "articles/statement.md", ARTICLE)
    return project


def test_clean_content_passes_strict_and_writes_nothing(clean: Path) -> None:
    code, out, err = run_cli("--root", str(clean), "check", "--strict")
    assert (code, out) == (0, ""), out
    assert err == "0 errors, 0 warnings\n"
    assert not (clean / "site").exists()


def test_month_13_in_all_three_formats(clean: Path) -> None:
    _write(clean, "notes/x.md", "---\ntitle: Bad\n# comment\ndate: 2024-13-01\n---\n")
    code, out, _err = run_cli("--root", str(clean), "check")
    assert code == 1
    assert out.startswith("content/notes/x.md:4:7: error: 'date' month must be 1..12 "
                          "(got 2024-13-01)\n  hint: write YYYY")
    _code, out, _err = run_cli("--root", str(clean), "check", "--format", "github")
    assert out.startswith("::error file=content/notes/x.md,line=4,col=7,title=Dateline::"
                          "'date' month must be 1..12 (got 2024-13-01) (hint: write YYYY")
    code, out, err = run_cli("--root", str(clean), "check", "--format", "json")
    assert code == 1 and err == ""
    problems = json.loads(out)["problems"]
    assert [(p["path"], p["line"], p["col"], p["severity"]) for p in problems] == [
        ("content/notes/x.md", 4, 7, "error")]
    assert problems[0]["hint"].startswith("write YYYY")


def test_every_file_is_reported_in_one_pass(clean: Path) -> None:
    _write(clean, "notes/a.md", "---\ndate: 2018-02-30\ntitle: A\n---\n")
    _write(clean, "notes/b.md", "---\ntitle: B\n---\n")
    _write(clean, "articles/c.md", "---\ntitle: C\ndate: 2018-06\n---\nText.\n")
    code, out, _err = run_cli("--root", str(clean), "check", "--format", "json")
    assert code == 1
    paths = {p["path"] for p in json.loads(out)["problems"] if p["severity"] == "error"}
    assert paths == {"content/notes/a.md", "content/notes/b.md", "content/articles/c.md"}


def test_duplicate_ids_and_dangling_corrections(clean: Path) -> None:
    _write(clean, "notes/copy.md", GOOD.replace("Trump and Kim meet", "Again"))
    _write(clean, "notes/fix.md", "---\ntitle: Fix\nevents:\n  - corrects: singapore-sumit\n"
                                  "    title: Corrected\n---\n")
    code, out, _err = run_cli("--root", str(clean), "check")
    assert code == 1
    assert "error: duplicate event id 'singapore-summit'" in out
    assert "correction targets unknown event id 'singapore-sumit'" in out
    assert "did you mean singapore-summit?" in out


def test_unknown_actor_is_a_warning_at_its_position(clean: Path) -> None:
    _write(clean, "notes/actors.md", "---\ndate: 2018\ntitle: T\nsources: [https://e.org/]\n"
                                     "actors: [USA, NKR, North Korea]\n---\n")
    code, out, _err = run_cli("--root", str(clean), "check")
    assert code == 0
    assert "content/notes/actors.md:5:15: warning: unknown actor 'NKR'" in out
    assert "content/notes/actors.md:5:20: warning: unknown actor 'North Korea'\n" \
           "  hint: write the code 'PRK' instead of the name" in out
    assert "'USA'" not in out
    assert run_cli("--root", str(clean), "check", "--strict")[0] == 1


def test_notes_without_sources_are_warnings(clean: Path) -> None:
    _write(clean, "notes/one.md", "---\ndate: 2018\ntitle: Unsourced\n---\n")
    _write(clean, "notes/many.md", "---\ntitle: Many\nevents:\n  - date: 2018\n    title: A\n"
                                   "  - date: 2019\n    title: B\n---\n")
    _write(clean, "notes/some.md", "---\ntitle: Some\nevents:\n  - date: 2018\n    title: A\n"
                                   "    sources: [https://e.org/]\n  - date: 2019\n"
                                   "    title: B\n---\n")
    code, out, _err = run_cli("--root", str(clean), "check")
    assert code == 0
    assert "content/notes/one.md:2:7: warning: event 'Unsourced' has no source" in out
    assert "content/notes/many.md:1:1: warning: none of the note's 2 events has a source" in out
    assert "content/notes/some.md:7:5: warning: event 'B' has no source" in out
    assert "event 'A' has no source" not in out


def test_missing_source_file_is_an_error(clean: Path) -> None:
    _write(clean, "notes/hanoi.md", HANOI.replace("articles/statement.md", "articles/gone.md"))
    code, out, _err = run_cli("--root", str(clean), "check")
    assert code == 1
    assert ("content/notes/hanoi.md:6:11: error: source 'articles/gone.md' is not a file in "
            "the content folder") in out


def test_broken_internal_links_in_bodies(clean: Path) -> None:
    body = ("Intro.\n\nSee [a](../articles/missing.md), [b](/events/hanio-summit/),\n"
            "[ok](#top), [web](https://example.org/x) and `[code](nowhere.md)`.\n\n"
            "```\n[fenced](nowhere.md)\n```\n[ref]: /tags/nothing/\n")
    _write(clean, "notes/links.md", GOOD.replace("id: singapore-summit", "id: links")
           .replace("See [the statement]", body + "\nSee [the statement]"))
    code, out, _err = run_cli("--root", str(clean), "check")
    assert code == 1
    lines = [line for line in out.splitlines() if line.startswith("content/notes/links.md")]
    assert lines == [
        "content/notes/links.md:10:9: error: link to '../articles/missing.md' points to no file",
        "content/notes/links.md:10:38: error: link to '/events/hanio-summit/' points to no page "
        "of the site",
        "content/notes/links.md:16:8: error: link to '/tags/nothing/' points to no page of the "
        "site",
    ]
    assert "hint: did you mean '/events/hanoi-summit/'?" in out


def test_links_under_the_base_path_are_understood(clean: Path) -> None:
    _write(clean, "notes/base.md", GOOD.replace("id: singapore-summit", "id: base")
           .replace("/events/hanoi-summit/", "/repo/events/hanoi-summit/"))
    assert run_cli("--root", str(clean), "check")[0] == 1
    code, out, _err = run_cli("--root", str(clean), "check", "--base-url", "/repo/")
    assert (code, out) == (0, "")


def test_cname_must_be_a_host_name(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", '[tool.dateline]\ntitle = "T"\n'
                                        'cname = "https://timeline.example.org/"\n')
    _write(root, "notes/a.md", GOOD.split("See [")[0])
    code, out, _err = run_cli("--root", str(root), "check")
    assert code == 1
    assert out.startswith("pyproject.toml:3:1: error: 'cname' must be a host name")
    assert "hint: leave out https://" in out
