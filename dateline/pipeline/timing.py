"""How long each stage of a build takes: the one clock every kind of build uses.

A build makes one ``StageTimes``; ``with times.stage("load"):`` times a block and tells the
build's ``BuildOptions.on_stage`` callback ``(stage, seconds)`` when the block ends.  Stages
that run in this process and its forked workers at once (render, exports and write of a full
build) are summed in shared memory by ``WorkerSeconds`` and told at the end of the block that
ran them (``StageTimes.across_workers``), as process-seconds.

This module imports nothing of Dateline and nothing slow: the no-op check uses it too.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from multiprocessing.sharedctypes import SynchronizedArray

T = TypeVar("T")
Report = Callable[[str, float], None]


class StageTimes:
    """The stage times of one build, each told to ``report`` (if any) as its stage ends."""

    def __init__(self, report: Report | None = None) -> None:
        self._report = report
        self._began = time.perf_counter()

    def elapsed(self) -> float:
        """Seconds since this build's clock was made (the build's own time)."""
        return time.perf_counter() - self._began

    def tell(self, name: str, seconds: float) -> None:
        """Tell ``report`` that stage ``name`` took ``seconds``."""
        if self._report is not None:
            self._report(name, seconds)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """The block timed as stage ``name`` (told even when it raises)."""
        began = time.perf_counter()
        try:
            yield
        finally:
            self.tell(name, time.perf_counter() - began)

    @contextmanager
    def across_workers(self, names: Sequence[str], rest: str) -> Iterator[WorkerSeconds]:
        """Stages ``names``, run by this process and the workers it forks inside the block,
        summed over all of them (``WorkerSeconds``) and told when the block ends.  The block's
        time in none of them (e.g. the swap and the search index) is added to ``rest``."""
        spent = WorkerSeconds(names)
        began = time.perf_counter()
        yield spent
        totals = spent.totals()
        totals[rest] += max(0.0, time.perf_counter() - began - sum(totals.values()))
        for name in names:
            self.tell(name, totals[name])


class WorkerSeconds:
    """Seconds per name, added to by this process and its forked children alike (a stage
    that runs in several processes at once takes the sum of their times: process-seconds).

    Made before the workers are forked: they add to the same shared memory.  Without ``fork``
    there are no forked workers, and the sums stay in this process.
    """

    def __init__(self, names: Sequence[str]) -> None:
        import multiprocessing  # only for builds that render (the no-op check never does)

        self.names = tuple(names)
        self._shared: SynchronizedArray[float] | None = None
        if "fork" in multiprocessing.get_all_start_methods():
            self._shared = multiprocessing.get_context("fork").Array("d", len(self.names))
        self._local = [0.0] * len(self.names)

    def add(self, name: str, seconds: float) -> None:
        index = self.names.index(name)
        if self._shared is None:
            self._local[index] += seconds
            return
        with self._shared.get_lock():
            self._shared[index] += seconds

    def totals(self) -> dict[str, float]:
        values = self._local if self._shared is None else list(self._shared[:])
        return dict(zip(self.names, values, strict=True))

    def each(self, items: Iterable[T], name: str, consumer: str) -> Iterator[T]:
        """``items`` as they come: the time spent making each is added to ``name``, the time
        its consumer spent on it before asking for the next, to ``consumer``."""
        iterator = iter(items)
        while True:
            began = time.perf_counter()
            try:
                item = next(iterator)
            except StopIteration:
                return
            finally:
                self.add(name, time.perf_counter() - began)
            handed = time.perf_counter()
            yield item
            self.add(consumer, time.perf_counter() - handed)
