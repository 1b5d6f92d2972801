"""The example site works both at ``https://user.github.io/repo/`` and at a custom domain's root.

Each build is served by a small server that answers only under its prefix (as GitHub Pages does for
a project site), every HTML page is opened in Chromium, and every internal link, stylesheet, script
and image is requested: none may fail.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest

from tests.conftest import REPO, run_cli

pytestmark = pytest.mark.browser

ASSETS = """els => els.map(e => e.getAttribute('href') || e.getAttribute('src'))
                    .filter(Boolean).map(v => new URL(v, document.baseURI).href)"""
SELECTOR = "a[href], link[href], script[src], img[src], iframe[src], source[src]"


class PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site only under ``prefix``: a link that forgets the prefix gets a 404."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / ".outside-the-prefix")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format: str, *args: Any) -> None:
        return


def _build(root: Path, out: str, *options: str) -> Path:
    code, _out, err = run_cli("--root", str(root), "build", "--no-cache", "--jobs", "1",
                              "--out", str(root / out), *options)
    assert code == 0, err
    return root / out


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("crawl")
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser leaving a page mid-download resets the connection: not a failure."""
        return


@pytest.fixture
def serve() -> Iterator[Any]:
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(site: Path, prefix: str) -> str:
        handler = type("Handler", (PrefixHandler,), {"prefix": prefix})
        server = QuietServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}{prefix}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _page_urls(site: Path, base: str) -> list[str]:
    urls = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        urls.append(base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return urls


def _status(url: str) -> int:
    request = urllib.request.Request(url, method="GET")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def crawl(browser: Any, site: Path, base: str) -> tuple[int, dict[str, str]]:
    """Open every page; return how many, and each broken internal URL with a page using it."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
    broken: dict[str, str] = {}
    context = browser.new_context()
    page = context.new_page()
    current = {"url": ""}
    # The theme loads nothing from elsewhere (its policy is default-src 'self'): anything
    # requested from another origin counts as broken.
    page.on("request", lambda r: None if r.url.startswith((origin, "data:"))
            else broken.setdefault(r.url, current["url"]))
    page.on("response", lambda r: broken.setdefault(r.url, current["url"])
            if r.status >= 400 and r.url.startswith(origin) else None)
    # A request cut short by the next navigation (a late favicon) is not broken; every link is
    # also fetched on its own below.
    page.on("requestfailed", lambda r: broken.setdefault(r.url, current["url"])
            if r.url.startswith(origin) and "ERR_ABORTED" not in (r.failure or "") else None)
    links: dict[str, str] = {}
    pages = _page_urls(site, base)
    sections: set[str] = set()
    for url in pages:
        current["url"] = url
        # Pages of one section share a template: the first of each is awaited to its "load"
        # event (late scripts and styles included); the rest only to DOMContentLoaded, since
        # every link, stylesheet and script they name is fetched on its own below anyway.
        section = url[len(base):].split("/", 1)[0]
        page.goto(url, wait_until="domcontentloaded" if section in sections else "load")
        sections.add(section)
        for target in page.eval_on_selector_all(SELECTOR, ASSETS):
            if target.startswith(origin):
                links.setdefault(urldefrag(target).url, url)
    context.close()
    for target, found_on in sorted(links.items()):
        if not target.startswith(base) or _status(target) >= 400:
            broken.setdefault(target, found_on)
    return len(pages), broken


def test_project_site_under_repo_prefix_has_no_broken_links(browser: Any, example: Path,
                                                            serve: Any) -> None:
    site = _build(example, "site-repo", "--base-url", "/repo/")
    count, failures = crawl(browser, site, serve(site, "/repo/"))
    assert count >= 20
    assert failures == {}


def test_custom_domain_root_has_no_broken_links(browser: Any, example: Path, serve: Any) -> None:
    site = _build(example, "site-root", "--base-url", "https://timeline.example.org/")
    count, failures = crawl(browser, site, serve(site, "/"))
    assert count >= 20
    assert failures == {}


def test_crawler_notices_a_link_that_ignores_the_prefix(browser: Any, tmp_path: Path,
                                                        serve: Any) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<!doctype html><title>x</title>'
                                     '<link rel="stylesheet" href="/style.css">'
                                     '<a href="/repo/a/">ok</a>', "utf-8")
    (site / "style.css").write_text("body{}", "utf-8")
    (site / "a" / "index.html").write_text('<!doctype html><title>a</title>'
                                           '<a href="/a/">forgot the prefix</a>', "utf-8")
    count, failures = crawl(browser, site, serve(site, "/repo/"))
    assert count == 2
    assert sorted(urlsplit(u).path for u in failures) == ["/a/", "/style.css"]
