"""What the reading tests share: the example site built once and served, the npm test tools
(axe-core, TimelineJS; ``package.json``), a browser tab that records script errors, and the
reader's two widths and two colour schemes.

The npm tools are installed with ``npm ci`` when ``node_modules`` is missing; a machine without
npm skips the tests that need them (as it skips the browser tests without Chromium).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, run_cli

HERE = Path(__file__).resolve().parent
NODE = HERE / "node_modules"
WIDTHS = (1280, 390)  # a desktop and a phone
SCHEMES = ("light", "dark")


def node_file(relative: str) -> Path:
    """A file of the npm test tools, installed with ``npm ci`` when it is missing."""
    path = NODE / relative
    if not path.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed, so the npm test tools cannot be fetched")
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=HERE,
                              capture_output=True, text=True, timeout=300, check=False)
        if done.returncode != 0 or not path.exists():
            pytest.skip(f"npm ci failed: {done.stderr.strip()[-300:]}")
    return path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that logs nothing and, like GitHub Pages, lets any origin fetch."""

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not worth a line each."""

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """``folder`` served on a free local port, and its address (ending in "/")."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def example_project(root: Path) -> Path:
    """A copy of the repository's example content, theme and settings at ``root``."""
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site, built once for every reading test that reads it."""
    root = example_project(tmp_path_factory.mktemp("reading"))
    code, _out, err = run_cli("--root", str(root), "build", "--no-cache")
    assert code == 0, err
    assert (root / "site" / "pagefind" / "pagefind.js").is_file(), "search index missing"
    return root / "site"


@pytest.fixture(scope="session")
def served(example_site: Path) -> Iterator[str]:
    server, address = serve(example_site)
    yield address
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return node_file("axe-core/axe.min.js").read_text(encoding="utf-8")


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A tab whose ``errors`` lists the console errors and uncaught exceptions it saw."""
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.errors = errors
    yield tab
    tab.close()


@pytest.fixture(params=[(w, s) for w in WIDTHS for s in SCHEMES],
                ids=[f"{w}px-{s}" for w in WIDTHS for s in SCHEMES])
def reader(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A tab at each of the reader's widths and colour schemes (``errors`` as for ``page``)."""
    width, scheme = request.param
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  color_scheme=scheme)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.errors = errors
    tab.width, tab.scheme = width, scheme
    yield tab
    context.close()


@pytest.fixture(params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def sized(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A tab at each of the reader's widths, for what colours do not change (sizes, order)."""
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.errors = errors
    tab.width = request.param
    yield tab
    context.close()
