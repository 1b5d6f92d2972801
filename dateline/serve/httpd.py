"""The preview HTTP server: the site folder under its base path, plus ``/__dateline/``.

One thread per connection (daemon threads, socket timeouts), one request per
connection (HTTP/1.0), small limits on the request head.  Event-stream
connections wait on their own doorbell and never hold a lock while writing; past
the hub's limit (``status.MAX_SUBSCRIBERS``) a new one gets 503 with ``Retry-After``.
"""

from __future__ import annotations

import http.client
import mimetypes
import socket
import time
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BufferedIOBase
from pathlib import Path

from dateline.serve.client import (
    BUSY_RETRY_SECONDS,
    EVENTS_PATH,
    PREFIX,
    RELOAD_JS,
    SCRIPT_PATH,
    STATUS_PATH,
    inject_reload,
)
from dateline.serve.paths import resolve_request
from dateline.serve.status import StatusHub, Subscription

MAX_REQUEST_LINE = 8 * 1024
MAX_REQUEST_HEAD = 32 * 1024  # all header lines together
SOCKET_TIMEOUT = 10.0  # seconds a client may stall before its connection is dropped
KEEPALIVE_SECONDS = 15.0
HANGUP_CHECK = 0.5  # seconds between an event stream's checks that its client is still there
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
_DISCONNECTS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)


class _HeadReader:
    """Reads header lines from ``raw`` but refuses more than ``budget`` bytes in all."""

    def __init__(self, raw: BufferedIOBase, budget: int) -> None:
        self._raw = raw
        self._remaining = budget

    def readline(self, limit: int = -1) -> bytes:
        if self._remaining <= 0:
            raise http.client.LineTooLong(f"request head larger than {MAX_REQUEST_HEAD} bytes")
        cap = self._remaining + 1 if limit < 0 else min(limit, self._remaining + 1)
        line = self._raw.readline(cap)
        self._remaining -= len(line)
        return line

    def read(self, size: int = -1) -> bytes:
        return self._raw.read(size)


class DevHTTPServer(ThreadingHTTPServer):
    """Serves ``site_dir`` at ``base_path`` and reports build status from ``hub``."""

    daemon_threads = True
    block_on_close = False

    def __init__(
        self,
        address: tuple[str, int],
        *,
        site_dir: Path,
        base_path: str,
        hub: StatusHub,
        check_host: bool,
    ) -> None:
        self.site_dir = site_dir
        self.base_path = base_path
        self.hub = hub
        self.check_host = check_host
        self.unexpected_errors: list[str] = []
        super().__init__(address, DevRequestHandler)

    def handle_error(self, request: object, client_address: object) -> None:
        """Keep a record (tests check it is empty) and print the traceback as the stdlib does."""
        self.unexpected_errors.append(traceback.format_exc())
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class DevRequestHandler(BaseHTTPRequestHandler):
    server: DevHTTPServer
    protocol_version = "HTTP/1.0"
    timeout = SOCKET_TIMEOUT
    server_version = "dateline-serve"
    sys_version = ""

    def handle_one_request(self) -> None:
        """The stdlib's version with tighter limits on the request line and head."""
        try:
            line = self.rfile.readline(MAX_REQUEST_LINE + 1)
            if not line:
                self.close_connection = True
                return
            if len(line) > MAX_REQUEST_LINE:
                self.requestline = self.request_version = self.command = ""
                self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
                return
            self.raw_requestline = line
            if not self._parse_head():
                return
            method = getattr(self, "do_" + self.command, None)
            if method is None:
                self.send_error(HTTPStatus.METHOD_NOT_ALLOWED)
                return
            method()
            self.wfile.flush()
        except _DISCONNECTS:
            # A client that stalls or hangs up loses its own connection and nothing else.
            self.close_connection = True

    def _parse_head(self) -> bool:
        """``parse_request`` reading the headers through a size budget."""
        stream = self.rfile
        self.rfile = _HeadReader(stream, MAX_REQUEST_HEAD)  # type: ignore[assignment]
        try:
            return self.parse_request()
        finally:
            self.rfile = stream

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal is for build results, not one line per request."""

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _refusal(self) -> HTTPStatus | None:
        if self.server.check_host and not self._host_is_loopback():
            return HTTPStatus.MISDIRECTED_REQUEST
        if int(self.headers.get("Content-Length", "0") or "0") > 0:
            return HTTPStatus.REQUEST_ENTITY_TOO_LARGE
        if not self.path.startswith("/"):
            return HTTPStatus.BAD_REQUEST
        return None

    def _host_is_loopback(self) -> bool:
        """Guard against DNS rebinding: a loopback server answers only to loopback names."""
        host = self.headers.get("Host")
        if host is None:
            return True
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name.lower() in LOOPBACK_HOSTS

    def _respond(self, send_body: bool) -> None:
        try:
            refusal = self._refusal()
        except ValueError:  # a Content-Length that is not a number
            refusal = HTTPStatus.BAD_REQUEST
        if refusal is not None:
            self.send_error(refusal)
            return
        path_only = self.path.split("?", 1)[0]
        if path_only.startswith(PREFIX):
            self._internal(path_only, send_body)
            return
        base = self.server.base_path
        if base != "/" and path_only in ("/", base.rstrip("/")):
            self._redirect(base)
            return
        resolved = resolve_request(self.server.site_dir, base, self.path)
        if resolved is None:
            self._not_found(send_body)
        elif resolved.redirect:
            self._redirect(resolved.redirect)
        elif resolved.file is not None:
            self._send_file(resolved.file, HTTPStatus.OK, send_body)

    def _internal(self, path: str, send_body: bool) -> None:
        if path == SCRIPT_PATH:
            self._send_bytes(RELOAD_JS.encode(), "text/javascript; charset=utf-8", send_body)
        elif path == STATUS_PATH:
            body = self.server.hub.current().to_json().encode()
            self._send_bytes(body, "application/json", send_body)
        elif path == EVENTS_PATH:
            self._event_stream(send_body)
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _not_found(self, send_body: bool) -> None:
        """The site's own 404.html (with status 404) when there is one."""
        page = resolve_request(self.server.site_dir, "/", "/404.html")
        if page is not None and page.file is not None:
            self._send_file(page.file, HTTPStatus.NOT_FOUND, send_body)
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def _send_file(self, file: Path, status: HTTPStatus, send_body: bool) -> None:
        try:
            body = file.read_bytes()
        except OSError:  # removed or replaced by a rebuild since it was resolved
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if content_type == "text/html":
            body = inject_reload(body, self.server.hub.current().generation)
        if content_type.startswith("text/") or content_type.endswith(("javascript", "json", "xml")):
            content_type += "; charset=utf-8"
        self._send_bytes(body, content_type, send_body, status)

    def _send_bytes(
        self, body: bytes, content_type: str, send_body: bool, status: HTTPStatus = HTTPStatus.OK
    ) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if send_body:
                self.wfile.write(body)
        except _DISCONNECTS:
            self.close_connection = True  # the browser went away mid-response

    def _event_stream(self, send_body: bool) -> None:
        hub = self.server.hub
        subscription = hub.subscribe()
        if subscription is None:  # as many streams open as the hub allows
            self._busy()
            return
        try:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if not send_body:
                return
            self.wfile.write(b"retry: 1000\n\n")
            self._write_status()
            self._stream(subscription)
        except _DISCONNECTS:
            self.close_connection = True  # tab closed or client stuck past the timeout
        finally:
            hub.unsubscribe(subscription)

    def _stream(self, subscription: Subscription) -> None:
        """Each new status, and a keepalive comment when quiet, until the server closes or the
        client hangs up: that is looked for every ``HANGUP_CHECK`` seconds, so its place
        under the hub's limit is free soon after a tab closes (a write would notice only at
        the next keepalive)."""
        hub = self.server.hub
        quiet_since = time.monotonic()
        while not hub.closed and not self._hung_up():
            if subscription.changed.wait(HANGUP_CHECK):
                subscription.changed.clear()
                if not hub.closed:
                    self._write_status()
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= KEEPALIVE_SECONDS:
                self.wfile.write(b": keepalive\n\n")
                quiet_since = time.monotonic()

    def _hung_up(self) -> bool:
        """Whether the client closed its end (an event-stream client sends nothing more, so a
        readable socket means end of file, or bytes it had no business sending)."""
        connection: socket.socket = self.connection
        connection.settimeout(0)  # a look, not a wait (select() would fail past fd 1023)
        try:
            waiting = connection.recv(1, socket.MSG_PEEK)
        except BlockingIOError:
            return False  # nothing to read: still there
        except OSError:  # reset by the peer
            return True
        finally:
            connection.settimeout(self.timeout)
        return waiting == b""

    def _busy(self) -> None:
        """503 with ``Retry-After``: the reload client tries again after that long."""
        body = b"too many live-reload connections; retry later\n"
        self.send_response(HTTPStatus.SERVICE_UNAVAILABLE)
        self.send_header("Retry-After", str(BUSY_RETRY_SECONDS))
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _write_status(self) -> None:
        data = self.server.hub.current().to_json()
        self.wfile.write(f"event: status\ndata: {data}\n\n".encode())
