"""The build command: outputs, base URL, atomic writes and the one-line summary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dateline.output import writer
from tests.conftest import run_cli

NOTE = """---
id: {id}
date: {date}
title: {title}
actors: [USA, PRK]
tags: [summit]
sources: [https://example.org/{id}]
---
Body of {title}.
"""


def _note(project: Path, name: str, **fields: str) -> None:
    (project / "content" / "notes" / f"{name}.md").write_text(NOTE.format(**fields), "utf-8")


def test_build_writes_pages_data_and_summary(project: Path) -> None:
    _note(project, "a", id="singapore", date="2018-06-12", title="Singapore summit")
    _note(project, "b", id="hanoi", date="2019-02-27/2019-02-28", title="Hanoi summit")
    code, out, err = run_cli("--root", str(project), "build")
    assert code == 0, err
    assert re.fullmatch(r"Built site/: 2 documents, 2 events, \d+ pages, 0 errors, 0 warnings "
                        r"in \d+\.\d\d s\n", out)
    site = project / "site"
    for path in ("index.html", "events/singapore/index.html", "events/hanoi/index.html",
                 "years/2018/index.html", "years/2019/index.html", "tags/summit/index.html",
                 "sources/a/index.html", "feed.xml", "sitemap.xml", "404.html", ".nojekyll",
                 "timeline.json", "static/style.css"):
        assert (site / path).is_file(), path
    data = json.loads((site / "timeline.json").read_text("utf-8"))
    assert [e["id"] for e in data["events"]] == ["singapore", "hanoi"]
    hanoi = data["events"][1]
    assert (hanoi["date"], hanoi["end"], hanoi["precision"]) == ("2019-02-27", "2019-02-28", "day")
    assert hanoi["sources"][0]["path"] == "notes/b.md"
    assert set(data["events"][0]) >= {"id", "date", "end", "precision", "status", "summary",
                                      "quote", "actors", "type", "tags", "sources", "url"}


def test_every_internal_url_honours_the_base_url(project: Path) -> None:
    _note(project, "a", id="singapore", date="2018-06-12", title="Singapore summit")
    code, _, err = run_cli("--root", str(project), "build", "--base-url", "/repo/")
    assert code == 0, err
    for page in (project / "site").rglob("*.html"):
        html = page.read_text("utf-8")
        for url in re.findall(r'(?:href|src)="([^"]+)"', html):
            if url.startswith(("http://", "https://", "#", "mailto:")):
                continue
            assert url.startswith("/repo/"), (page, url)
            assert "//" not in url


def test_ids_are_stable_across_unrelated_edits(project: Path) -> None:
    (project / "content" / "notes" / "a.md").write_text(
        "---\ndate: 2018-06-12\ntitle: Singapore summit\n---\n", "utf-8")
    run_cli("--root", str(project), "build")
    first = json.loads((project / "site" / "timeline.json").read_text())["events"][0]["id"]
    _note(project, "z", id="other", date="2017-01-01", title="Unrelated")
    run_cli("--root", str(project), "build")
    ids = [e["id"] for e in json.loads((project / "site" / "timeline.json").read_text())["events"]]
    assert first in ids


def test_failed_write_leaves_previous_site_intact(project: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _note(project, "a", id="singapore", date="2018-06-12", title="Singapore summit")
    assert run_cli("--root", str(project), "build")[0] == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    _note(project, "b", id="hanoi", date="2019-02-27", title="Hanoi summit")

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    code, _out, err = run_cli("--root", str(project), "build", "--no-cache")
    assert code == 1
    assert "No space left on device" in err and "previous site was left" in err
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not list(project.glob(".site.tmp-*"))


def test_swap_keeps_unchanged_files_and_reports_changes(tmp_path: Path) -> None:
    out = tmp_path / "site"
    writer.write_site(out, [("a.html", b"one"), ("b.html", b"two")])
    inode = (out / "a.html").stat().st_ino
    changed = writer.write_site(out, [("a.html", b"one"), ("c.html", b"three")])
    assert changed == ["b.html", "c.html"]
    assert (out / "a.html").stat().st_ino == inode  # linked, not rewritten
    assert sorted(p.name for p in out.iterdir()) == ["a.html", "c.html"]


def test_leftover_temporary_trees_are_cleaned(tmp_path: Path) -> None:
    out = tmp_path / "site"
    stale = tmp_path / ".site.tmp-killed"
    stale.mkdir()
    (stale / "half.html").write_bytes(b"half")
    writer.write_site(out, [("index.html", b"ok")])
    assert not stale.exists()
    assert (out / "index.html").read_bytes() == b"ok"


def test_unwritable_output_is_a_clear_error(project: Path) -> None:
    _note(project, "a", id="x", date="2018-06-12", title="X")
    blocker = project / "not-a-folder"
    blocker.write_text("a file where the output's parent folder should be", "utf-8")
    code, _, err = run_cli("--root", str(project), "build", "--no-cache",
                           "--out", str(blocker / "site"))
    assert code == 1
    assert "error: cannot write the site to" in err and "hint: check free disk space" in err


def test_settings_errors_point_at_pyproject(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.dateline]\ntitel = "x"\n', "utf-8")
    code, _out, err = run_cli("--root", str(project), "build")
    assert code == 1
    assert err == ("pyproject.toml:2:1: error: unknown setting 'titel' in [tool.dateline]\n"
                   "  hint: did you mean 'title'?\n")


def test_no_publication_date_never_anchors_to_today(project: Path) -> None:
    (project / "content" / "articles" / "clip.md").write_text(
        "Talks resume\n\nNegotiators met on Tuesday and will meet again tomorrow.\n", "utf-8")
    code, _out, err = run_cli("--root", str(project), "build")
    assert code == 0
    assert "articles/clip.md:1:1: warning: no publication date found" in err
    data = json.loads((project / "site" / "timeline.json").read_text("utf-8"))
    assert data["events"] == []


def test_events_centuries_apart_build_and_keep_the_chart_small(project: Path) -> None:
    (project / "content" / "notes" / "old.md").write_text(
        "---\nsources: [https://example.org/a]\nevents:\n"
        "  - date: 0005-03\n    title: A date from antiquity\n"
        "  - date: 0950\n    title: A tenth-century date\n"
        "  - date: 2018-06-12\n    title: Singapore summit\n---\n", "utf-8")
    code, _out, err = run_cli("--root", str(project), "build")
    assert code == 0, err
    site = project / "site"
    assert (site / "years" / "5" / "index.html").is_file()
    index = (site / "index.html").read_text("utf-8")
    bars = re.findall(r'<rect class="seg', index)
    assert 0 < len(bars) <= 360  # the last 30 years with events, not 2,000 years of months
