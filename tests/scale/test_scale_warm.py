"""Warm and one-file rebuilds: the cache does the extraction, unchanged pages are not touched."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from dateline.config import load_settings
from dateline.models import BuildReport, Document, Extraction
from dateline.pipeline import builds, extract
from dateline.pipeline.incremental import IncrementalBuilder
from dateline.pipeline.options import BuildOptions
from dateline.site import render
from tests.conftest import run_cli

BUILD_TIME = "2020-01-01T00:00:00Z"
ARTICLE = """---
title: Talks, round {n}
date: 2018-06-{day:02d}
publisher: Test Wire
url: https://example.org/wire/{n}
---
Envoys of North Korea and the United States met in Singapore on Tuesday, officials said.

The two sides agreed on {n} May to meet again next week, the foreign ministry said.
"""


def write_articles(project: Path, count: int) -> list[Path]:
    folder = project / "content" / "articles"
    paths = []
    for n in range(1, count + 1):
        path = folder / f"talks-{n:03d}.md"
        path.write_text(ARTICLE.format(n=n, day=1 + n % 28), encoding="utf-8")
        paths.append(path)
    return paths


def snapshot(site: Path) -> dict[str, tuple[int, int, bytes]]:
    """inode, mtime and bytes of every file of the site."""
    return {p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(site.rglob("*")) if p.is_file()}


def build(project: Path, **options: object) -> BuildReport:
    settings, problems = load_settings(project)
    assert problems == []
    return builds.build(settings, BuildOptions(BUILD_TIME, search=False,
                                               **options))  # type: ignore[arg-type]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths of the documents actually extracted (jobs=1 extracts in this process)."""
    seen: list[str] = []
    real = extract.extract_document

    def counting(document: Document, gazetteer: object = None) -> Extraction:
        seen.append(document.path)
        return real(document, gazetteer)

    monkeypatch.setattr(extract, "extract_document", counting)
    return seen


@pytest.mark.parametrize("reuse", [True, False], ids=["no-op build", "full pipeline"])
def test_warm_build_extracts_nothing_and_touches_no_file(project: Path, counted: list[str],
                                                         reuse: bool) -> None:
    write_articles(project, 6)
    first = build(project)
    assert first.ok and first.events > 0
    assert len(counted) == 6
    before = snapshot(project / "site")
    counted.clear()
    second = build(project, reuse_unchanged=reuse)
    assert second.ok
    assert counted == []
    assert second.written == ()
    assert snapshot(project / "site") == before  # same inodes and mtimes: nothing rewritten
    assert (second.documents, second.events, second.pages) == (first.documents, first.events,
                                                               first.pages)


def test_one_edited_article_is_the_only_one_extracted(project: Path, counted: list[str]) -> None:
    articles = write_articles(project, 5)
    build(project)
    before = snapshot(project / "site")
    counted.clear()
    with articles[2].open("a", encoding="utf-8") as handle:
        handle.write("\nThe talks resumed on Friday in Hanoi, diplomats said.\n")
    report = build(project)
    assert counted == ["articles/talks-003.md"]
    after = snapshot(project / "site")
    assert report.written and set(report.written) <= set(before) | set(after)
    assert any(p.startswith("sources/") for p in report.written)  # its source page changed
    untouched = [p for p in after if p in before and p not in report.written]
    assert untouched, "an edit to one article should leave most pages alone"
    for path in untouched:
        assert after[path] == before[path], path  # same inode and mtime: hard-linked, not copied
    for path in report.written:
        if path in after and path in before:
            assert after[path][2] != before[path][2], f"{path} rewritten with the same bytes"


def test_extraction_log_says_how_many_came_from_the_cache(project: Path,
                                                          caplog: pytest.LogCaptureFixture
                                                          ) -> None:
    write_articles(project, 3)
    build(project)
    with caplog.at_level(logging.DEBUG, logger="dateline.pipeline.extract"):
        build(project, reuse_unchanged=False)
    assert "extracting 0 of 3 documents (3 cached)" in caplog.text


def test_no_cache_option_extracts_everything_again(project: Path, counted: list[str]) -> None:
    write_articles(project, 3)
    build(project)
    counted.clear()
    build(project, use_cache=False)
    assert len(counted) == 3


def test_warm_cli_build_leaves_mtimes_alone(project: Path) -> None:
    write_articles(project, 3)
    assert run_cli("--root", str(project), "build", "--jobs", "1")[0] == 0
    before = snapshot(project / "site")
    code, _out, err = run_cli("--root", str(project), "build", "--jobs", "1")
    assert code == 0, err
    after = snapshot(project / "site")
    assert after == before  # the pages and the search index alike


def test_template_error_while_streaming_keeps_the_previous_site(project: Path) -> None:
    write_articles(project, 2)
    assert build(project).ok
    before = snapshot(project / "site")
    year = project / "templates" / "year.html"  # year pages come last: others are on disk
    year.write_text(year.read_text("utf-8").replace(
        "{% block content %}", "{% block content %}{{ no_such_variable.field }}", 1), "utf-8")
    report = build(project)
    assert not report.ok
    assert any("template" in p.message for p in report.problems)
    assert snapshot(project / "site") == before
    assert not list(project.glob(".site.tmp-*")), "the half-written tree was left behind"


def test_stage_times_are_reported_for_every_stage(project: Path) -> None:
    write_articles(project, 2)
    stages: dict[str, float] = {}
    build(project, on_stage=stages.__setitem__)
    assert set(stages) >= {"load", "extract", "assemble", "plan", "render", "exports", "write"}
    assert all(seconds >= 0 for seconds in stages.values())


def test_memo_is_untouched_by_full_builds(project: Path) -> None:
    """Full builds stream without a memo; the dev server's memo path still renders into it."""
    write_articles(project, 2)
    settings, _ = load_settings(project)
    builder = IncrementalBuilder(settings, BuildOptions(BUILD_TIME, search=False))
    report = builder([])
    assert report.ok
    state = builder.state
    assert isinstance(state.memo, render.RenderMemo) and state.memo.rendered == report.pages
