"""Dev-server cases beyond tests/serve/: more traversal spellings, many stalled clients, and a
stalled client's connection being dropped.  (tests/serve/ covers plain, encoded, double-encoded
and backslash traversal, oversized request lines and headers, bodies, methods and host checks.)
"""

from __future__ import annotations

import io
import socket
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from dateline.models import BuildReport, Change
from dateline.serve import DevServer, httpd

CLIENT_TIMEOUT = 10.0


def _ok(changes: Sequence[Change]) -> BuildReport:
    return BuildReport(ok=True, problems=())


@pytest.fixture
def server(tmp_path: Path) -> Iterator[DevServer]:
    site = tmp_path / "site"
    (site / "events").mkdir(parents=True)
    (site / "index.html").write_text("<html><body>home</body></html>", encoding="utf-8")
    (site / "404.html").write_text("<html><body>lost</body></html>", encoding="utf-8")
    (site / "style.css").write_text("body{}", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("TOP-SECRET", encoding="utf-8")
    with DevServer(_ok, site_dir=site, base_path="/", port=0, out=io.StringIO()) as dev:
        yield dev


def _request(server: DevServer, raw: bytes) -> tuple[int, bytes]:
    with socket.create_connection(("127.0.0.1", server.port), timeout=CLIENT_TIMEOUT) as sock:
        sock.sendall(raw)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def _get(server: DevServer, target: str) -> tuple[int, bytes]:
    return _request(server, f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode("latin-1"))


@pytest.mark.parametrize("target", [
    "/%2E%2E/secret.txt",
    "/.%2e/secret.txt",
    "/%2e./secret.txt",
    "/events/%2E%2E%2F%2E%2E%2Fsecret.txt",
    "/%c0%ae%c0%ae/secret.txt",  # overlong UTF-8 dots
    "/%e0%80%ae%e0%80%ae/secret.txt",
    "/..%00/secret.txt",
    "/%00../secret.txt",
    "/....//secret.txt",
    "/..;/secret.txt",
    "/%5C..%5C..%5Csecret.txt",
    "/..%255c..%255csecret.txt",
    "//../secret.txt",
    "/./../secret.txt",
    "/index.html/../../secret.txt",
    "/?q=../../secret.txt&x=%2e%2e",
    "http://127.0.0.1/../secret.txt",
    "/" + "../" * 40 + "etc/passwd",
    "/%2e%2e/" * 20 + "etc/passwd",
    "/../../../../../../../../proc/self/environ",
])
def test_more_traversal_spellings_never_leave_the_site(server: DevServer, target: str) -> None:
    status, body = _get(server, target)
    assert status in (200, 400, 404, 414)
    assert b"TOP-SECRET" not in body
    assert b"root:" not in body and b"PATH=" not in body
    if status == 200:  # only the site's own home page may come back (e.g. a query string)
        assert b"home" in body


def test_many_stalled_clients_do_not_block_a_reader(server: DevServer) -> None:
    stalled = []
    try:
        for n in range(60):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=CLIENT_TIMEOUT)
            if n % 2:
                sock.sendall(b"GET / HTTP/1.1\r\nHost: 12")  # stops mid-header
            stalled.append(sock)
        assert _get(server, "/style.css") == (200, b"body{}")
    finally:
        for sock in stalled:
            sock.close()


def test_a_trickling_client_does_not_block_a_reader(server: DevServer) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=CLIENT_TIMEOUT) as slow:
        for byte in b"GET / HTTP/1.1\r\nHost: 1":
            slow.sendall(bytes([byte]))
            assert _get(server, "/style.css")[0] == 200 if byte == ord(" ") else True
        assert _get(server, "/style.css") == (200, b"body{}")


def test_a_stalled_client_is_dropped_after_the_socket_timeout(
        server: DevServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(httpd.DevRequestHandler, "timeout", 0.5)
    with socket.create_connection(("127.0.0.1", server.port), timeout=CLIENT_TIMEOUT) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\n")  # and then nothing
        data = b""
        # The server closes the connection (recv returns b""); were it kept open, our own
        # timeout would raise socket.timeout instead.
        while chunk := sock.recv(4096):
            data += chunk
    assert b"home" not in data  # no page for an unfinished request
