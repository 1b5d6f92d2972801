"""The built example timeline in headless Chromium: events in order, no console errors."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from dateline import dates
from tests.conftest import REPO, run_cli

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served_example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("example")
    for name in ("content", "templates", "pyproject.toml"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    code, _out, err = run_cli("--root", str(root), "build", "--no-cache")
    assert code == 0, err
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_timeline_renders_events_in_date_order(browser: Any, served_example: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served_example)
    values = page.eval_on_selector_all(
        "main article.event time", "els => els.map(e => e.getAttribute('datetime'))")
    assert len(values) >= 10
    keys = [dates.sort_key(v)[0] for v in values]
    assert keys == sorted(keys)
    assert page.locator("h1").first.inner_text().startswith("US–North Korea")
    assert errors == []
    page.close()


def test_every_event_links_to_a_working_permalink(browser: Any, served_example: str) -> None:
    page = browser.new_page()
    page.goto(served_example)
    first = page.locator("main article.event h3 a").first
    summary = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == summary
    assert page.locator("main time").first.get_attribute("datetime")
    page.close()
