"""The preview server over real sockets on 127.0.0.1 (port 0)."""

from __future__ import annotations

import io
import json
import socket
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from dateline.models import BuildReport, Change, Problem
from dateline.serve import DevServer
from dateline.serve.client import SCRIPT_PATH

TIMEOUT = 10.0


def ok_builder(changes: Sequence[Change]) -> BuildReport:
    return BuildReport(ok=True, problems=())


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "events").mkdir(parents=True)
    (root / "index.html").write_text("<html><body><p>home</p></body></html>", encoding="utf-8")
    (root / "events" / "index.html").write_text("<p>events</p></body>", encoding="utf-8")
    (root / "404.html").write_text("<html><body>lost</body></html>", encoding="utf-8")
    (root / "style.css").write_text("body { color: red }", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("TOP-SECRET", encoding="utf-8")
    (root / "leak.txt").symlink_to(tmp_path / "secret.txt")
    return root


@pytest.fixture
def server(site: Path) -> Iterator[DevServer]:
    with DevServer(ok_builder, site_dir=site, base_path="/", port=0, out=io.StringIO()) as dev:
        httpd = dev._httpd
        yield dev
    assert httpd is not None
    assert httpd.unexpected_errors == []  # no request ended in a server-side exception


def connect(server: DevServer) -> socket.socket:
    return socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT)


def raw_request(server: DevServer, request: bytes) -> Response:
    """Send ``request`` verbatim; the status, headers and body of the response."""
    with connect(server) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, body


Response = tuple[int, dict[str, str], bytes]


def get(server: DevServer, target: str, host: str = "127.0.0.1") -> Response:
    return raw_request(server, f"GET {target} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode("latin-1"))


def test_serves_pages_with_the_reload_tag_injected(server: DevServer, site: Path) -> None:
    status, headers, body = get(server, "/")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert body.startswith(b"<html><body><p>home</p><script src=\"/__dateline/reload.js\"")
    assert body.endswith(b"</script></body></html>")
    # ... only in the response: the file on disk is untouched.
    assert "reload.js" not in (site / "index.html").read_text(encoding="utf-8")


def test_other_files_are_served_as_they_are(server: DevServer) -> None:
    status, headers, body = get(server, "/style.css")
    assert (status, body) == (200, b"body { color: red }")
    assert headers["content-type"] == "text/css; charset=utf-8"


def test_reload_script_is_served_same_origin(server: DevServer) -> None:
    status, headers, body = get(server, SCRIPT_PATH)
    assert status == 200
    assert headers["content-type"].startswith("text/javascript")
    assert b"EventSource" in body


def test_folder_without_slash_redirects(server: DevServer) -> None:
    status, headers, _ = get(server, "/events")
    assert (status, headers["location"]) == (302, "/events/")


@pytest.mark.parametrize(
    "target",
    [
        "/../secret.txt",
        "/events/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/%252e%252e/secret.txt",
        "/%252e%252e%252fsecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/leak.txt",  # symlink pointing out of the site
    ],
)
def test_traversal_attempts_get_the_404_page(server: DevServer, target: str) -> None:
    status, _, body = get(server, target)
    assert status == 404
    assert b"TOP-SECRET" not in body
    assert b"lost" in body  # the site's own 404.html


def test_missing_page_without_404_html_is_a_plain_404(server: DevServer, site: Path) -> None:
    (site / "404.html").unlink()
    status, _, body = get(server, "/nope.html")
    assert status == 404
    assert b"lost" not in body


def test_oversized_request_line_is_refused(server: DevServer) -> None:
    status, _, _ = get(server, "/" + "a" * 20_000)
    assert status == 414


def test_oversized_headers_are_refused(server: DevServer) -> None:
    headers = "".join(f"X-Filler-{n}: {'b' * 1000}\r\n" for n in range(64))
    status, _, _ = raw_request(server, f"GET / HTTP/1.1\r\nHost: x\r\n{headers}\r\n".encode())
    assert status == 431


def test_request_bodies_are_refused(server: DevServer) -> None:
    request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello"
    assert raw_request(server, request)[0] == 413


def test_other_methods_are_not_allowed(server: DevServer) -> None:
    request = b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"
    assert raw_request(server, request)[0] == 405


def test_foreign_host_names_are_refused_on_loopback(server: DevServer) -> None:
    # A DNS-rebinding page would send its own host name.
    assert get(server, "/", host="evil.example")[0] == 421
    assert get(server, "/", host=f"localhost:{server.port}")[0] == 200


def test_a_stuck_client_does_not_block_others(server: DevServer) -> None:
    silent = connect(server)  # connects and sends nothing
    half = connect(server)
    half.sendall(b"GET / HTTP/1.1\r\nHost: 127")  # stops mid-header
    try:
        status, _, body = get(server, "/style.css")
        assert (status, body) == (200, b"body { color: red }")
    finally:
        silent.close()
        half.close()


def read_event(stream: socket.socket, buffer: bytearray) -> dict[str, object]:
    """The data of the next ``status`` event on an open event stream."""
    while True:
        while b"\n\n" not in buffer:
            chunk = stream.recv(4096)
            assert chunk, "event stream closed"
            buffer.extend(chunk)
        raw, _, rest = bytes(buffer).partition(b"\n\n")
        buffer[:] = rest
        lines = raw.decode().split("\n")
        if "event: status" in lines:
            data = next(line[len("data: "):] for line in lines if line.startswith("data: "))
            return dict(json.loads(data))


def open_event_stream(server: DevServer) -> tuple[socket.socket, bytearray]:
    stream = connect(server)
    stream.sendall(b"GET /__dateline/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    buffer = bytearray()
    while b"\r\n\r\n" not in buffer:
        buffer.extend(stream.recv(4096))
    head, _, rest = bytes(buffer).partition(b"\r\n\r\n")
    assert b"text/event-stream" in head
    return stream, bytearray(rest)


def test_event_stream_reports_each_build(server: DevServer) -> None:
    stream, buffer = open_event_stream(server)
    with stream:
        first = read_event(stream, buffer)
        assert first["ok"] is True
        server.rebuild([Change("/c/a.md", "content")])
        second = read_event(stream, buffer)
    assert second["generation"] == first["generation"] + 1  # type: ignore[operator]


def test_a_stream_that_is_never_read_does_not_block_rebuilds(server: DevServer) -> None:
    stuck = connect(server)
    stuck.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
    stuck.sendall(b"GET /__dateline/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    try:
        for _ in range(300):  # far more status data than the socket buffers hold
            server.rebuild([Change("/c/a.md", "content")])
        assert get(server, "/style.css")[0] == 200
        assert server.hub.current().generation == 301
    finally:
        stuck.close()


def test_failed_build_keeps_serving_and_reports_problems(site: Path) -> None:
    problem = Problem("content/notes/a.md", 3, 1, "error", "bad front matter", "check the colon")
    reports = [BuildReport(ok=True, problems=()), BuildReport(ok=False, problems=(problem,))]

    def builder(changes: Sequence[Change]) -> BuildReport:
        return reports.pop(0)

    with DevServer(builder, site_dir=site, port=0, out=io.StringIO()) as dev:
        dev.rebuild([Change("/c/a.md", "content")])
        status, _, body = get(dev, "/__dateline/status.json")
        assert get(dev, "/")[0] == 200
    data = json.loads(body)
    assert status == 200
    assert data["ok"] is False
    assert data["generation"] == 1  # a failure does not move the generation on
    assert data["problems"][0]["path"] == "content/notes/a.md"
    assert data["problems"][0]["line"] == 3


def test_a_raising_builder_becomes_a_problem(site: Path, tmp_path: Path) -> None:
    def builder(changes: Sequence[Change]) -> BuildReport:
        if changes:
            raise ValueError("template exploded")
        return BuildReport(ok=True, problems=())

    log = tmp_path / "log.txt"
    with log.open("w") as out, DevServer(builder, site_dir=site, port=0, out=out) as dev:
        status = dev.rebuild([Change("/t/base.html", "template")])
        assert get(dev, "/")[0] == 200
    assert status.ok is False
    assert status.problems[0].message == "ValueError: template exploded"
    assert status.problems[0].path == __file__
    assert "Traceback" in log.read_text(encoding="utf-8")


def test_base_path_serves_under_it_and_root_redirects(site: Path) -> None:
    with DevServer(ok_builder, site_dir=site, base_path="/repo", port=0,
                   out=io.StringIO()) as dev:
        assert dev.url == f"http://127.0.0.1:{dev.port}/repo/"
        root = get(dev, "/")
        bare = get(dev, "/repo")
        page = get(dev, "/repo/style.css")
        outside = get(dev, "/style.css")
    assert (root[0], root[1]["location"]) == (302, "/repo/")
    assert (bare[0], bare[1]["location"]) == (302, "/repo/")
    assert page[0] == 200
    assert outside[0] == 404
