"""Live reload in headless Chromium, against a fake builder writing into a temp site."""

from __future__ import annotations

import html
import io
import os
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from dateline.models import BuildReport, Change, Problem
from dateline.serve import DevServer

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
WAIT_MS = 10_000
# The theme's policy: same-origin scripts and connections only, no inline code.
CSP = "default-src 'self'"

if not os.path.exists(CHROMIUM):
    pytest.skip("needs /usr/bin/chromium", allow_module_level=True)


class TextSiteBuilder:
    """content/<name>.txt → site/<name>.html; a line reading BROKEN is a build error."""

    def __init__(self, content: Path, site: Path) -> None:
        self.content = content
        self.site = site

    def __call__(self, changes: Sequence[Change]) -> BuildReport:
        pages = {path.stem: path.read_text(encoding="utf-8") for path in self.content.glob("*.txt")}
        problems = tuple(
            Problem(f"content/{name}.txt", number, 1, "error", "this line is broken", "fix it")
            for name, text in pages.items()
            for number, line in enumerate(text.splitlines(), start=1)
            if line == "BROKEN"
        )
        if problems:
            return BuildReport(ok=False, problems=problems)  # the site stays as it was
        (self.site / "style.css").write_text(".tall { height: 5000px }", encoding="utf-8")
        for name, text in pages.items():
            (self.site / f"{name}.html").write_text(page_html(text), encoding="utf-8")
        return BuildReport(ok=True, problems=(), pages=len(pages))


def page_html(text: str) -> str:
    first = html.escape(text.splitlines()[0] if text else "")
    return (
        f'<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<link rel="stylesheet" href="style.css"><title>t</title></head>'
        f'<body><h1 id="text">{first}</h1><div class="tall"></div><p>end</p></body></html>'
    )


@pytest.fixture
def project(tmp_path: Path) -> Iterator[tuple[DevServer, Path]]:
    content, site = tmp_path / "content", tmp_path / "site"
    content.mkdir()
    site.mkdir()
    (content / "page.txt").write_text("first version\n", encoding="utf-8")
    with DevServer(TextSiteBuilder(content, site), site_dir=site, base_path="/repo/",
                   watch={"content": content}, port=0, out=io.StringIO()) as server:
        yield server, content


@pytest.fixture
def console(browser: Browser) -> list[str]:
    """Console messages of the page under test."""
    return []


@pytest.fixture
def page(browser: Browser, project: tuple[DevServer, Path], console: list[str]) -> Iterator[Page]:
    server, _ = project
    context = browser.new_context(viewport={"width": 800, "height": 600})
    opened = context.new_page()
    opened.on("console", lambda message: console.append(message.text))
    opened.goto(server.url + "page.html")
    wait_until_live(opened)
    yield opened
    context.close()


def wait_until_live(page: Page) -> None:
    """Until the reload client is connected to the event stream."""
    expect(page.locator("html[data-dateline=live]")).to_have_count(1, timeout=WAIT_MS)


def wait_until_true(page: Page, expression: str) -> None:
    """Poll ``expression`` from Python (wait_for_function would eval in the page: CSP forbids)."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false: {expression}"
        time.sleep(0.05)


def test_page_reloads_by_itself_after_a_change(
    page: Page, project: tuple[DevServer, Path], console: list[str]
) -> None:
    _, content = project
    expect(page.locator("#text")).to_have_text("first version")
    (content / "page.txt").write_text("second version\n", encoding="utf-8")
    expect(page.locator("#text")).to_have_text("second version", timeout=WAIT_MS)
    assert not [text for text in console if "Content Security Policy" in text]


def test_overlay_shows_file_and_line_then_clears(
    page: Page, project: tuple[DevServer, Path]
) -> None:
    _, content = project
    (content / "page.txt").write_text("still here\nfine\nBROKEN\n", encoding="utf-8")
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible(timeout=WAIT_MS)
    expect(alert).to_contain_text("content/page.txt:3:1")
    expect(alert).to_contain_text("this line is broken")
    # The last good page is still shown under the overlay.
    expect(page.locator("#text")).to_have_text("first version")
    (content / "page.txt").write_text("fixed version\nfine\n", encoding="utf-8")
    expect(page.locator("#text")).to_have_text("fixed version", timeout=WAIT_MS)
    expect(page.get_by_role("alert")).to_have_count(0)


def test_overlay_clears_when_the_fix_restores_identical_output(
    page: Page, project: tuple[DevServer, Path]
) -> None:
    _, content = project
    (content / "page.txt").write_text("first version\nBROKEN\n", encoding="utf-8")
    expect(page.get_by_role("alert")).to_be_visible(timeout=WAIT_MS)
    (content / "page.txt").write_text("first version\n", encoding="utf-8")
    expect(page.get_by_role("alert")).to_have_count(0, timeout=WAIT_MS)


def test_scroll_position_is_kept_across_reloads(
    page: Page, project: tuple[DevServer, Path]
) -> None:
    _, content = project
    page.evaluate("window.scrollTo(0, 3000)")
    wait_until_true(page, "window.scrollY === 3000")
    (content / "page.txt").write_text("scrolled version\n", encoding="utf-8")
    expect(page.locator("#text")).to_have_text("scrolled version", timeout=WAIT_MS)
    wait_until_live(page)  # the reloaded page's script has run
    page.wait_for_load_state("load")
    wait_until_true(page, "window.scrollY === 3000")


def test_back_restores_the_scroll_position_of_the_page_left(
    page: Page, project: tuple[DevServer, Path]
) -> None:
    server, _ = project
    # written straight into the site (no rebuild, so no live reload of the page under test)
    (server.site_dir / "other.html").write_text(page_html("another page"), encoding="utf-8")
    page.evaluate("window.scrollTo(0, 2500)")
    wait_until_true(page, "window.scrollY === 2500")
    page.goto(server.url + "other.html")
    wait_until_live(page)
    assert page.evaluate("window.scrollY") == 0
    page.go_back()
    expect(page.locator("#text")).to_have_text("first version")
    wait_until_live(page)
    page.wait_for_load_state("load")
    wait_until_true(page, "window.scrollY === 2500")


def test_reload_script_is_not_written_into_the_site(project: tuple[DevServer, Path]) -> None:
    server, _ = project
    written = (server.site_dir / "page.html").read_text(encoding="utf-8")
    assert "__dateline" not in written


class ListingBuilder(TextSiteBuilder):
    """Like TextSiteBuilder, but reports the pages it changed, as the real builder does."""

    def __call__(self, changes: Sequence[Change]) -> BuildReport:
        before = {p.name: p.read_bytes() for p in self.site.glob("*.html")}
        report = super().__call__(changes)
        written = tuple(sorted(p.name for p in self.site.glob("*.html")
                               if before.get(p.name) != p.read_bytes()))
        return BuildReport(ok=report.ok, problems=report.problems, pages=report.pages,
                           written=written)


def test_a_page_left_alone_by_one_build_keeps_its_state(browser: Browser, tmp_path: Path) -> None:
    content, site = tmp_path / "content", tmp_path / "site"
    content.mkdir()
    site.mkdir()
    for name in ("edited", "other"):
        (content / f"{name}.txt").write_text(f"{name} first\n", encoding="utf-8")
    with DevServer(ListingBuilder(content, site), site_dir=site, base_path="/repo/",
                   watch={"content": content}, port=0, out=io.StringIO()) as server:
        context = browser.new_context()
        edited, other = context.new_page(), context.new_page()
        edited.goto(server.url + "edited.html")
        other.goto(server.url + "other.html")
        wait_until_live(edited)
        wait_until_live(other)
        other.evaluate("document.title = 'not reloaded'")  # a reload would reset it
        (content / "edited.txt").write_text("edited second\n", encoding="utf-8")
        expect(edited.locator("#text")).to_have_text("edited second", timeout=WAIT_MS)
        time.sleep(0.5)  # long past the status that reloaded the edited page
        assert other.title() == "not reloaded"
        (content / "other.txt").write_text("other second\n", encoding="utf-8")
        expect(other.locator("#text")).to_have_text("other second", timeout=WAIT_MS)
        context.close()
