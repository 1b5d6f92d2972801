"""``DevServer``: build once, serve the site, watch the sources, rebuild on change."""

from __future__ import annotations

import ipaddress
import sys
import threading
import time
import traceback
import webbrowser
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TextIO

from watchdog.observers.api import BaseObserver

from dateline.models import BuildReport, Change
from dateline.serve.debounce import Debouncer, RebuildLoop
from dateline.serve.httpd import DevHTTPServer
from dateline.serve.paths import normalise_base_path
from dateline.serve.status import (
    BuildStatus,
    StatusHub,
    format_problems,
    next_status,
    report_from_exception,
)
from dateline.serve.watcher import start_observer

Builder = Callable[[Sequence[Change]], BuildReport]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def is_loopback(host: str) -> bool:
    """True for "localhost" and loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class DevServer:
    """The live preview.  ``start()`` builds, binds and watches; ``close()`` undoes it.

    Use port 0 to let the system pick a free port, then read ``.port``.
    """

    def __init__(
        self,
        builder: Builder,
        *,
        site_dir: Path,
        base_path: str = "/",
        watch: Mapping[str, Path] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        poll: bool = False,
        out: TextIO | None = None,
        debounce: float = 0.05,
        settle: float = 0.3,
    ) -> None:
        self.builder = builder
        self.settle = settle  # seconds between a phased builder's phases (browsers reload)
        self.site_dir = Path(site_dir)
        self.base_path = normalise_base_path(base_path)
        self.watch = dict(watch or {})
        self.host = host
        self.poll = poll
        self.out = out if out is not None else sys.stderr
        self.hub = StatusHub()
        self._requested_port = port
        self._loop = RebuildLoop(self.rebuild, Debouncer(quiet=debounce))
        self._httpd: DevHTTPServer | None = None
        self._observer: BaseObserver | None = None
        self._http_thread: threading.Thread | None = None
        self._build_lock = threading.Lock()

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("DevServer.start() has not been called")
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{self.base_path}"

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def start(self) -> None:
        """Bind, start watching, build once, then serve and rebuild in background threads."""
        if not is_loopback(self.host):
            self.say(f"warning: serving on {self.host}: anyone who can reach this machine "
                     "can read the preview. Use 127.0.0.1 unless you mean it.")
        self._httpd = DevHTTPServer(
            (self.host, self._requested_port),
            site_dir=self.site_dir,
            base_path=self.base_path,
            hub=self.hub,
            check_host=is_loopback(self.host),
        )
        for kind, path in self.watch.items():
            if not Path(path).exists() and kind != "data":  # data/ is optional: most sites lack it
                self.say(f"warning: {kind} path {path} does not exist; watching its folder")
        # Watch before the first build so an edit made during it is not lost.
        self._observer = start_observer(
            self.watch, self._loop.submit, poll=self.poll, ignore_under=[self.site_dir]
        )
        self.rebuild(())
        self._http_thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.2},
            name="dateline-http", daemon=True,
        )
        self._http_thread.start()
        self._loop.start()

    def rebuild(self, changes: Sequence[Change]) -> BuildStatus:
        """Run the builder (``()`` = full build), publish and print the outcome.

        Never raises: a builder exception becomes a failed status whose problem
        is the exception's message, and the last good site stays served.
        """
        with self._build_lock:
            started = time.perf_counter()
            reports = self._phases(changes)
            status = self.hub.current()
            while True:
                try:
                    report = next(reports, None)
                except Exception as error:  # any builder bug must not kill the server
                    self.say("error: the builder raised:\n" + traceback.format_exc().rstrip())
                    report = report_from_exception(error, time.perf_counter() - started)
                    reports = iter(())
                if report is None:
                    return status
                status = next_status(self.hub.current(), report, self.base_path)
                self.hub.publish(status)
                self._print_outcome(changes, report)
                if self._loop.has_pending() or not self._settle():
                    close = getattr(reports, "close", None)  # newer saves first; the rest of
                    if close is not None:                   # this rebuild is still due then
                        close()
                    return status

    def _settle(self) -> bool:
        """Give browsers a moment to reload the page just published before the next phase
        takes the CPU; False if newer changes arrive meanwhile."""
        deadline = time.monotonic() + self.settle
        while time.monotonic() < deadline:
            if self._loop.has_pending():
                return False
            time.sleep(0.01)
        return True

    def _phases(self, changes: Sequence[Change]) -> Iterator[BuildReport]:
        """The builder's reports: one per phase if it builds in phases, else its one report."""
        phases = getattr(self.builder, "phases", None)
        if callable(phases):
            yield from phases(changes, interrupted=self._loop.has_pending)
        else:
            yield self.builder(changes)

    def _print_outcome(self, changes: Sequence[Change], report: BuildReport) -> None:
        what = "built" if not changes else f"rebuilt ({len(changes)} changed)"
        if report.ok:
            self.say(f"{what} in {report.seconds:.2f} s: {_count(report.documents, 'document')}, "
                     f"{_count(report.events, 'event')}, "
                     f"{_count(len(report.written), 'file')} written")
            warnings = [p for p in report.problems if p.severity != "error"]
            if warnings:
                self.say(format_problems(warnings))
        else:
            self.say(f"build failed ({_count(len(report.problems), 'problem')}); "
                     "still serving the last good site:")
            self.say(format_problems(report.problems))

    def close(self) -> None:
        """Stop watching, rebuilding and serving (idempotent)."""
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(5)
            self._observer = None
        self._loop.stop()
        self.hub.close()
        if self._httpd is not None:
            if self._http_thread is not None:
                self._httpd.shutdown()
                self._http_thread.join(5)
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> DevServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def serve(
    builder: Builder,
    *,
    site_dir: Path,
    base_path: str,
    watch: Mapping[str, Path],
    host: str = "127.0.0.1",
    port: int = 8000,
    poll: bool = False,
    open_browser: bool = False,
    ready: threading.Event | None = None,
    stop: threading.Event | None = None,
) -> int:
    """Run the live preview until ``stop`` is set or Ctrl-C; the exit status for the CLI."""
    server = DevServer(builder, site_dir=site_dir, base_path=base_path, watch=watch,
                       host=host, port=port, poll=poll)
    try:
        server.start()
    except OSError as error:  # port in use, address not available
        server.close()
        server.say(f"error: cannot serve on {host}:{port}: {error.strerror or error}")
        return 1
    server.say(f"Serving {server.url} (Ctrl-C to stop)")
    if open_browser:
        webbrowser.open(server.url)
    if ready is not None:
        ready.set()
    stopping = stop or threading.Event()
    try:
        while not stopping.wait(0.5):
            pass
    except KeyboardInterrupt:
        server.say("stopping")
    finally:
        server.close()
    return 0
