"""End to end: the real pipeline behind the dev server, the example site in Chromium."""

from __future__ import annotations

import io
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from dateline import config
from dateline.pipeline.incremental import IncrementalBuilder
from dateline.pipeline.options import BuildOptions
from dateline.serve import DevServer

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
WAIT_MS = 15_000
NOTE = "notes/2018-summit-cancelled.md"
ARTICLE = "articles/2019-02-28-hanoi-no-deal.md"

if not os.path.exists(CHROMIUM):
    pytest.skip("needs /usr/bin/chromium", allow_module_level=True)


def test_the_example_content_these_tests_edit_is_there() -> None:
    assert (REPO / "content" / NOTE).is_file() and (REPO / "content" / ARTICLE).is_file(), \
        "the example content changed: point NOTE and ARTICLE at files that exist"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[DevServer, Path]]:
    """The example project copied to a temp folder, served at the project-site path /repo/."""
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    settings, problems = config.load_settings(tmp_path, {"base_url": "/repo/"})
    assert problems == []
    options = BuildOptions(build_time="2020-01-01T00:00:00Z", write_on_error=False)
    watch = {"content": settings.content_dir, "template": settings.templates_dir,
             "config": tmp_path / "pyproject.toml"}
    with DevServer(IncrementalBuilder(settings, options), site_dir=settings.out_dir,
                   base_path=settings.base_path, watch=watch, port=0, out=io.StringIO()) as server:
        assert server.hub.current().ok, server.hub.current().problems
        yield server, settings.content_dir


@pytest.fixture
def page(browser: Browser, site: tuple[DevServer, Path]) -> Iterator[Page]:
    server, _ = site
    context = browser.new_context()
    opened = context.new_page()
    opened.goto(f"http://127.0.0.1:{server.port}/")  # redirected to /repo/
    assert opened.url == server.url
    expect(opened.locator("html[data-dateline=live]")).to_have_count(1, timeout=WAIT_MS)
    yield opened
    context.close()


def test_editing_a_note_updates_the_open_page(page: Page, site: tuple[DevServer, Path]) -> None:
    _, content = site
    note = content / NOTE
    old_title = "Trump calls off the Singapore summit in a letter to Kim, then revives it"
    new_title = "Trump cancels the Singapore summit by letter, then revives it"
    text = note.read_text(encoding="utf-8")
    assert f"title: {old_title}\n" in text
    expect(page.get_by_text(old_title).filter(visible=True).first).to_be_visible()
    note.write_text(text.replace(old_title, new_title), encoding="utf-8")
    expect(page.get_by_text(new_title).filter(visible=True).first).to_be_visible(timeout=WAIT_MS)
    expect(page.get_by_text(old_title)).to_have_count(0)


def test_broken_front_matter_shows_then_clears_the_overlay(
    page: Page, site: tuple[DevServer, Path]
) -> None:
    _, content = site
    note = content / NOTE
    text = note.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    after = lines.index("tags: [summit]\n") + 1  # the bad value goes on the line after it
    note.write_text("".join([*lines[:after], "status: soon\n", *lines[after:]]),
                    encoding="utf-8")
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible(timeout=WAIT_MS)
    expect(alert).to_contain_text(f"content/{NOTE}:{after + 1}")
    expect(alert).to_contain_text("status")
    note.write_text(text, encoding="utf-8")
    expect(page.get_by_role("alert")).to_have_count(0, timeout=WAIT_MS)


def test_deleting_an_article_removes_its_events(page: Page, site: tuple[DevServer, Path]) -> None:
    server, content = site
    timeline = json.loads((server.site_dir / "timeline.json").read_text(encoding="utf-8"))
    only_from_article = [
        event["summary"] for event in timeline["events"]
        if {source["path"] for source in event["sources"]} == {ARTICLE}
    ]
    assert only_from_article, "the example article should contribute events"
    first = only_from_article[0][:60]
    expect(page.get_by_text(first).filter(visible=True).first).to_be_visible()
    (content / ARTICLE).unlink()
    expect(page.get_by_text(first, exact=False)).to_have_count(0, timeout=WAIT_MS)
    for summary in only_from_article:
        expect(page.get_by_text(summary[:60], exact=False)).to_have_count(0)
