"""Work shared out to forked copies of this process (a full build's render and write).

A full build plans its pages in memory as tens of thousands of contexts; sending them to worker
processes would cost more than rendering them.  Forked children see the parent's memory as it was
at the fork instead, so each piece of work goes to a child as a number, and only its small result
(the paths it wrote) comes back pickled.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
U = TypeVar("U")

PIECES_PER_CHILD = 16  # pieces a forked child runs before a fresh one takes its place
_WORK: list[Callable[[], Any]] = []  # the pieces of the call in progress, seen by the children


def _run_piece(index: int) -> Any:
    return _WORK[index]()


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def run_forked(work: Sequence[Callable[[], T]], workers: int, here: Callable[[], U]
               ) -> tuple[U, list[T]]:
    """``here()`` run in this process while ``workers`` forked children run the pieces of
    ``work`` (each takes the next piece when it is free); their results in order.

    With one worker, no ``fork`` or a call already in progress, everything runs here.  A piece's
    exception is raised here, after every running piece has stopped.
    """
    if workers <= 1 or not work or not can_fork() or _WORK:
        return here(), [piece() for piece in work]
    _WORK[:] = work
    # Objects alive now are left out of the children's garbage collections: a collection touches
    # every object it tracks, which would copy the whole shared heap into each child.
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        # A child is replaced after a few pieces: the pages of shared memory it has touched
        # (reference counts) become its own copies, and a fresh child starts with none.
        with context.Pool(min(workers, len(work)), maxtasksperchild=PIECES_PER_CHILD) as pool:
            results = pool.imap(_run_piece, range(len(work)))  # in order: the first failure
            mine = here()                                        # is raised as it is reached
            return mine, list(results)
    finally:
        _WORK.clear()
        gc.unfreeze()


def results_forked(work: Sequence[Callable[[], T]], workers: int) -> list[T]:
    """The results of ``work``'s pieces, run by ``workers`` forked children (nothing else to
    do here meanwhile)."""
    return run_forked(work, workers, _nothing)[1]


def _nothing() -> None:
    return None


class SharedSeconds:
    """Seconds per name, added to by this process and its forked children alike (the figures
    of a stage that runs in several processes are their sum: process-seconds)."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)
        self._values = multiprocessing.get_context("fork").Array("d", len(self.names)) \
            if can_fork() else None
        self._local = [0.0] * len(self.names)

    def add(self, name: str, seconds: float) -> None:
        index = self.names.index(name)
        if self._values is None:
            self._local[index] += seconds
            return
        with self._values.get_lock():
            self._values[index] += seconds

    def totals(self) -> dict[str, float]:
        values = self._local if self._values is None else list(self._values[:])
        return dict(zip(self.names, values, strict=True))
