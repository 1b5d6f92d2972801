"""The state of the last build, as browsers and the terminal see it.

``StatusHub`` hands the latest ``BuildStatus`` to any number of event-stream
connections.  A connection waits on its own ``threading.Event`` and reads the
status under a lock held only for an assignment, so a slow browser can never
hold up a rebuild or another browser.
"""

from __future__ import annotations

import json
import threading
import traceback
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from dateline.models import BuildReport, Problem


@dataclass(frozen=True)
class BuildStatus:
    """``generation`` counts successful builds; pages reload when it moves on."""

    generation: int
    ok: bool
    problems: tuple[Problem, ...] = ()
    seconds: float = 0.0
    written: int = 0
    # URL paths of the pages the build changed, so other pages need not reload; None when that
    # cannot be said (a stylesheet or script changed, or too many pages to list)
    pages: tuple[str, ...] | None = None

    def to_json(self) -> str:
        return json.dumps(
            {
                "generation": self.generation,
                "ok": self.ok,
                "seconds": round(self.seconds, 4),
                "written": self.written,
                "pages": None if self.pages is None else list(self.pages),
                "problems": [asdict(problem) for problem in self.problems],
            }
        )


MAX_LISTED_PAGES = 500


def changed_pages(written: Sequence[str], base_path: str = "/") -> tuple[str, ...] | None:
    """URL paths of the HTML pages among ``written`` (site paths), or None (reload everything).

    A builder that lists nothing it wrote says nothing about its pages: reload them all.
    """
    if not written or len(written) > MAX_LISTED_PAGES \
            or any(p.startswith("static/") for p in written):
        return None
    return tuple(base_path + (p[:-10] if p.endswith("index.html") else p)
                 for p in written if p.endswith(".html"))


def next_status(previous: BuildStatus, report: BuildReport, base_path: str = "/") -> BuildStatus:
    """The status after ``report``: a new generation if it succeeded, the old one if not."""
    generation = previous.generation + 1 if report.ok else previous.generation
    return BuildStatus(
        generation=generation,
        ok=report.ok,
        problems=report.problems,
        seconds=report.seconds,
        written=len(report.written),
        pages=changed_pages(report.written, base_path) if report.ok and previous.ok else None,
    )


def report_from_exception(error: BaseException, seconds: float) -> BuildReport:
    """A failed report whose one problem is ``error``, located at its innermost frame."""
    frames = traceback.extract_tb(error.__traceback__)
    where = frames[-1] if frames else None
    problem = Problem(
        path=where.filename if where else "(builder)",
        line=(where.lineno or 0) if where else 0,
        col=0,
        severity="error",
        message=f"{type(error).__name__}: {error}",
        hint="the builder raised; the full traceback is in the terminal",
    )
    return BuildReport(ok=False, problems=(problem,), seconds=seconds)


def problem_location(problem: Problem) -> str:
    """``path:line:col`` with the parts that are known."""
    location = problem.path
    if problem.line:
        location += f":{problem.line}"
        if problem.col:
            location += f":{problem.col}"
    return location


def format_problems(problems: Sequence[Problem]) -> str:
    """One ``path:line:col: severity: message`` line per problem, hints indented below."""
    lines = []
    for problem in problems:
        lines.append(f"{problem_location(problem)}: {problem.severity}: {problem.message}")
        if problem.hint:
            lines.append(f"    hint: {problem.hint}")
    return "\n".join(lines)


class Subscription:
    """One event-stream connection's doorbell."""

    def __init__(self) -> None:
        self.changed = threading.Event()


# Event streams open at once.  Each holds a thread and a socket for as long as its page is
# open, so a client opening them in a loop could exhaust threads or file descriptors; 64
# is far more browser tabs than one person previews at once.
MAX_SUBSCRIBERS = 64


class StatusHub:
    """Holds the latest status and rings every subscriber when it changes."""

    def __init__(self, initial: BuildStatus | None = None, limit: int | None = None) -> None:
        self._lock = threading.Lock()
        self._status = initial or BuildStatus(generation=0, ok=True)
        self._subscribers: set[Subscription] = set()
        self._closed = False
        self.limit = MAX_SUBSCRIBERS if limit is None else limit

    @property
    def closed(self) -> bool:
        return self._closed

    def current(self) -> BuildStatus:
        with self._lock:
            return self._status

    def publish(self, status: BuildStatus) -> None:
        with self._lock:
            self._status = status
            subscribers = tuple(self._subscribers)
        for subscriber in subscribers:
            subscriber.changed.set()

    def subscribe(self) -> Subscription | None:
        """A new subscriber's doorbell, or None when ``limit`` subscribers are already in
        (until one of them unsubscribes)."""
        subscription = Subscription()
        with self._lock:
            if len(self._subscribers) >= self.limit:
                return None
            self._subscribers.add(subscription)
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        with self._lock:
            self._subscribers.discard(subscription)

    def subscriber_count(self) -> int:
        with self._lock:
            return len(self._subscribers)

    def close(self) -> None:
        """Wake every subscriber so its connection can end."""
        with self._lock:
            self._closed = True
            subscribers = tuple(self._subscribers)
        for subscriber in subscribers:
            subscriber.changed.set()
