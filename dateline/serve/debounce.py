"""Group bursts of file events into one rebuild, and run rebuilds one at a time.

An editor's save is often several events (temp file, rename, write), and a
``git checkout`` is hundreds.  ``Debouncer`` is the pure part: it is told the
time and answers when the pending batch is due.  ``RebuildLoop`` is the thread
that sleeps until then and calls the build; changes that arrive during a build
pile up in the debouncer and become the next batch.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from dateline.models import Change


@dataclass
class Debouncer:
    """Pending changes, deduplicated by path, due after ``quiet`` seconds without news.

    ``max_wait`` bounds the delay when events never stop (a long copy), so the
    preview still updates while a stream of events is arriving.
    """

    quiet: float = 0.05
    max_wait: float = 0.5
    _pending: dict[str, Change] = field(default_factory=dict)
    _first: float = 0.0
    _last: float = 0.0

    def add(self, changes: Iterable[Change], now: float) -> None:
        """Record ``changes`` seen at time ``now`` (seconds on any monotonic clock)."""
        added = False
        for change in changes:
            if not self._pending:
                self._first = now
            # The latest kind wins; a path's kind only differs if watch roots changed.
            self._pending.pop(change.path, None)
            self._pending[change.path] = change
            added = True
        if added:
            self._last = now

    def due_at(self) -> float | None:
        """The time the pending batch becomes due, or None when nothing is pending."""
        if not self._pending:
            return None
        return min(self._last + self.quiet, self._first + self.max_wait)

    def take(self, now: float) -> tuple[Change, ...]:
        """The pending batch if it is due at ``now`` (and forget it), else ()."""
        due = self.due_at()
        if due is None or now < due:
            return ()
        batch = tuple(self._pending.values())
        self._pending.clear()
        return batch


class RebuildLoop:
    """A daemon thread that runs ``build`` for each due batch, never two at once."""

    def __init__(
        self,
        build: Callable[[Sequence[Change]], object],
        debouncer: Debouncer | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._build = build
        self._debouncer = debouncer or Debouncer()
        self._clock = clock
        self._wake = threading.Condition()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="dateline-rebuild", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def submit(self, changes: Iterable[Change]) -> None:
        """Queue changes (called from watcher threads); returns at once."""
        with self._wake:
            self._debouncer.add(changes, self._clock())
            self._wake.notify()

    def has_pending(self) -> bool:
        """Whether changes are waiting for the next build (a running one may stop early)."""
        with self._wake:
            return self._debouncer.due_at() is not None

    def stop(self, timeout: float = 5.0) -> None:
        """Stop after the build in progress, if any."""
        with self._wake:
            self._stopping = True
            self._wake.notify()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _next_batch(self) -> tuple[Change, ...] | None:
        """Block until a batch is due; None when stopping."""
        with self._wake:
            while not self._stopping:
                now = self._clock()
                batch = self._debouncer.take(now)
                if batch:
                    return batch
                due = self._debouncer.due_at()
                self._wake.wait(None if due is None else max(due - now, 0.001))
        return None

    def _run(self) -> None:
        while (batch := self._next_batch()) is not None:
            # The build runs outside the lock so watchers can keep submitting.
            self._build(batch)
