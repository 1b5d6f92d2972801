"""The live-reload event stream is capped: past the limit a new stream gets 503 with
``Retry-After``, and a place is free again soon after a client hangs up.  Real sockets on
127.0.0.1; every loop is bounded."""

from __future__ import annotations

import io
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from dateline.serve import DevServer, status
from dateline.serve.client import BUSY_RETRY_SECONDS, EVENTS_PATH
from dateline.serve.status import MAX_SUBSCRIBERS
from tests.serve.test_serve_http import connect, get, ok_builder, raw_request

REQUEST = f"GET {EVENTS_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
FREED_WITHIN = 5.0  # seconds; the server looks for hung-up clients twice a second


@pytest.fixture
def server(tmp_path: Path) -> Iterator[DevServer]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body>home</body></html>", encoding="utf-8")
    with DevServer(ok_builder, site_dir=site, base_path="/", port=0, out=io.StringIO()) as dev:
        httpd = dev._httpd
        yield dev
    assert httpd is not None and httpd.unexpected_errors == []


def open_stream(server: DevServer) -> socket.socket:
    """An event stream, read up to its first status: it is subscribed."""
    sock = connect(server)
    sock.sendall(REQUEST)
    seen = b""
    while b"event: status" not in seen:
        chunk = sock.recv(4096)
        assert chunk, seen
        seen += chunk
    assert seen.startswith(b"HTTP/1.0 200 "), seen
    return sock


def wait_for(condition: Callable[[], bool], seconds: float = FREED_WITHIN) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_streams_past_the_limit_get_503_with_retry_after(server: DevServer) -> None:
    with ExitStack() as streams:
        for _ in range(MAX_SUBSCRIBERS):
            streams.enter_context(open_stream(server))
        assert server.hub.subscriber_count() == MAX_SUBSCRIBERS
        for _ in range(3):
            code, headers, body = raw_request(server, REQUEST)  # answered and closed at once
            assert code == 503
            assert headers["retry-after"] == str(BUSY_RETRY_SECONDS)
            assert int(headers["content-length"]) == len(body) and b"retry later" in body
        assert get(server, "/")[0] == 200  # pages are served as ever: only streams are capped
        assert server.hub.subscriber_count() == MAX_SUBSCRIBERS


def test_a_place_is_free_again_when_a_client_hangs_up(server: DevServer) -> None:
    with ExitStack() as streams:
        first = open_stream(server)
        for _ in range(MAX_SUBSCRIBERS - 1):
            streams.enter_context(open_stream(server))
        assert raw_request(server, REQUEST)[0] == 503
        first.close()  # a tab closed: the server hears of it long before the next keepalive
        assert wait_for(lambda: server.hub.subscriber_count() == MAX_SUBSCRIBERS - 1)
        streams.enter_context(open_stream(server))  # 200, asserted by open_stream
        assert raw_request(server, REQUEST)[0] == 503
    assert wait_for(lambda: server.hub.subscriber_count() == 0)


@pytest.mark.browser
def test_a_refused_page_connects_once_a_place_is_free(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, browser: Browser) -> None:
    # EventSource gives up for good on a 503 (it retries only lost connections): the reload
    # script must open a new stream itself, after the Retry-After.
    monkeypatch.setattr(status, "MAX_SUBSCRIBERS", 1)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body>home</body></html>", encoding="utf-8")
    with DevServer(ok_builder, site_dir=site, base_path="/", port=0, out=io.StringIO()) as dev:
        taken = open_stream(dev)
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(dev.url)
            expect(page.locator("html[data-dateline=offline]")).to_have_count(1, timeout=10_000)
            taken.close()
            expect(page.locator("html[data-dateline=live]")).to_have_count(
                1, timeout=(BUSY_RETRY_SECONDS + 5) * 1000)
        finally:
            context.close()
