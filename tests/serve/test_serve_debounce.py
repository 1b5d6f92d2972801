"""Debouncer (pure: times are passed in) and RebuildLoop (one build at a time, coalescing)."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from dateline.models import Change
from dateline.serve.debounce import Debouncer, RebuildLoop

A = Change("/c/a.md", "content")
B = Change("/c/b.md", "content")
T = Change("/t/base.html", "template")
WAIT = 10.0  # generous bound for thread hand-offs; never reached when things work


def test_nothing_pending_means_nothing_due() -> None:
    debouncer = Debouncer(quiet=0.05)
    assert debouncer.due_at() is None
    assert debouncer.take(100.0) == ()


def test_batch_is_due_after_a_quiet_period() -> None:
    debouncer = Debouncer(quiet=0.05, max_wait=1.0)
    debouncer.add([A], now=10.0)
    assert debouncer.due_at() == 10.05
    assert debouncer.take(10.04) == ()
    assert debouncer.take(10.05) == (A,)
    assert debouncer.take(10.06) == ()  # taken once


def test_each_event_pushes_the_deadline_back() -> None:
    # An editor's save: temp file, rename, write, 10 ms apart.
    debouncer = Debouncer(quiet=0.05, max_wait=1.0)
    debouncer.add([A], now=0.00)
    debouncer.add([B], now=0.01)
    debouncer.add([A], now=0.02)
    assert debouncer.take(0.06) == ()  # 50 ms after the first, but only 40 after the last
    assert debouncer.take(0.07) == (B, A)  # deduplicated, in order of latest change


def test_endless_events_are_cut_at_max_wait() -> None:
    debouncer = Debouncer(quiet=0.05, max_wait=0.2)
    for tick in range(10):
        debouncer.add([Change(f"/c/{tick}.md", "content")], now=tick * 0.03)
    assert debouncer.due_at() == 0.2
    assert len(debouncer.take(0.2)) == 10


def test_empty_add_does_not_move_the_deadline() -> None:
    debouncer = Debouncer(quiet=0.05)
    debouncer.add([A], now=1.0)
    debouncer.add([], now=5.0)
    assert debouncer.due_at() == 1.05


class GatedBuild:
    """A build that records its batches and blocks until released."""

    def __init__(self) -> None:
        self.batches: list[tuple[Change, ...]] = []
        self.started = threading.Semaphore(0)
        self.release = threading.Event()
        self.running = 0
        self.overlapped = False

    def __call__(self, changes: Sequence[Change]) -> None:
        self.running += 1
        self.overlapped |= self.running > 1
        self.batches.append(tuple(changes))
        self.started.release()
        self.release.wait(WAIT)
        self.running -= 1


def test_changes_during_a_build_become_one_next_build() -> None:
    build = GatedBuild()
    loop = RebuildLoop(build, Debouncer(quiet=0.01))
    loop.start()
    try:
        loop.submit([A])
        assert build.started.acquire(timeout=WAIT)  # first build running, blocked
        loop.submit([B])
        loop.submit([T])
        loop.submit([B])
        build.release.set()
        assert build.started.acquire(timeout=WAIT)
    finally:
        loop.stop()
    assert build.batches == [(A,), (T, B)]
    assert not build.overlapped


def test_stop_ends_an_idle_loop() -> None:
    loop = RebuildLoop(GatedBuild())
    loop.start()
    loop.stop(timeout=WAIT)
    assert not loop._thread.is_alive()
