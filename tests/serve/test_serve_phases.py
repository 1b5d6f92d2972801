"""The dev server's phased rebuild: the saved file's pages first, and in the end the same site a
full build makes, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dateline.config import load_settings
from dateline.models import Change
from dateline.pipeline import builds
from dateline.pipeline.incremental import IncrementalBuilder
from dateline.pipeline.options import BuildOptions

REPO = Path(__file__).resolve().parents[2]
BUILD_TIME = "2020-01-01T00:00:00Z"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the repository's example site (its articles, notes, templates and settings)."""
    root = tmp_path / "example"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


def builder(root: Path) -> IncrementalBuilder:
    settings, problems = load_settings(root)
    assert problems == []
    return IncrementalBuilder(settings, BuildOptions(
        BUILD_TIME, search=False, write_on_error=False))


def full_build(root: Path, out: Path) -> dict[str, bytes]:
    settings, _ = load_settings(root, {"output": str(out)})
    report = builds.build(settings, BuildOptions(BUILD_TIME, search=False, jobs=1,
                                                 use_cache=False))
    assert report.ok, report.problems
    return files(out)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_first_phase_writes_the_edited_articles_page_and_the_last_the_rest(example: Path) -> None:
    build = builder(example)
    assert build(()).ok
    article = example / "content" / "articles" / "2018-12-08-ri-in-beijing.md"
    edit(article, "arrived in Beijing", "arrived in Beijing by train")
    reports = list(build.phases([Change(str(article), "content")]))
    assert len(reports) == 2 and all(r.ok for r in reports)
    first, last = reports
    assert "sources/2018-12-08-ri-in-beijing/index.html" in first.written
    assert all(p.startswith(("sources/2018-12-08-ri-in-beijing/", "events/"))
               for p in first.written)
    assert first.pages < last.pages
    page = (example / "site" / "sources" / "2018-12-08-ri-in-beijing" / "index.html")
    assert "by train" in page.read_text("utf-8")


def test_phased_rebuilds_end_with_exactly_the_full_builds_site(example: Path) -> None:
    build = builder(example)
    assert build(()).ok
    articles = example / "content" / "articles"
    notes = example / "content" / "notes"
    edit(articles / "2018-12-08-ri-in-beijing.md", "arrived in Beijing",
         "arrived in Beijing on Thursday, and on Friday met Wang Yi,")
    assert build([Change(str(articles / "2018-12-08-ri-in-beijing.md"), "content")]).ok
    (articles / "2019-02-28-hanoi-no-deal.md").unlink()
    assert build([Change(str(articles / "2019-02-28-hanoi-no-deal.md"), "content")]).ok
    edit(notes / "2018-singapore-summit.md", "title:", "title: Revised")
    assert build([Change(str(notes / "2018-singapore-summit.md"), "content")]).ok
    assert files(example / "site") == full_build(example, example / "fresh")


def test_an_interrupted_rebuild_leaves_its_pages_due_for_the_next_one(example: Path) -> None:
    build = builder(example)
    assert build(()).ok
    article = example / "content" / "articles" / "2018-05-10-singapore-announced.md"
    edit(article, "Singapore", "the city-state of Singapore")
    stop = iter([False, True])  # let the second phase start, then say newer changes arrived
    reports = list(build.phases([Change(str(article), "content")], lambda: next(stop, True)))
    assert len(reports) == 1  # the first phase only: the second stopped before writing
    assert build([]).ok  # the next rebuild (here: a template-only change) catches up
    assert files(example / "site") == full_build(example, example / "fresh")


def test_template_syntax_error_fails_the_rebuild_at_its_line_until_fixed(example: Path) -> None:
    build = builder(example)
    assert build(()).ok
    card = example / "templates" / "partials" / "event_card.html"
    good = card.read_text("utf-8")
    card.write_text(good.replace("{% endif %}", "{% endfi %}", 1), "utf-8")
    broken = build([Change(str(card), "template")])
    assert not broken.ok
    [problem] = broken.problems
    assert problem.path == "templates/partials/event_card.html"
    assert problem.line == next(n for n, line in enumerate(card.read_text("utf-8").splitlines(), 1)
                                if "endfi" in line)
    assert "template syntax error" in problem.message
    card.write_text(good.replace('class="event-summary"', 'class="event-summary edited"'), "utf-8")
    fixed = build([Change(str(card), "template")])
    assert fixed.ok and "index.html" in fixed.written  # the listings show the new cards
    assert files(example / "site") == full_build(example, example / "fresh")


def test_editing_a_shared_partial_rerenders_the_pages_that_show_it(example: Path) -> None:
    """The footer's years come through ``shared_html``, which Jinja does not see as an include."""
    build = builder(example)
    assert build(()).ok
    years = example / "templates" / "partials" / "years.html"
    years.write_text(years.read_text("utf-8").replace('class="years"', 'class="years edited"'),
                     "utf-8")
    report = build([Change(str(years), "template")])
    assert report.ok
    assert any(p.startswith("events/") for p in report.written)
    assert 'class="years edited"' in (example / "site" / "index.html").read_text("utf-8")
    assert files(example / "site") == full_build(example, example / "fresh")
