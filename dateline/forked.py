"""Work shared out to forked copies of this process (a full build's render and write).

A full build plans its pages in memory as tens of thousands of contexts; sending them to worker
processes would cost more than rendering them.  Forked children see the parent's memory as it was
at the fork instead, so each piece of work goes to a child as a number, and only its small result
(the paths it wrote) comes back pickled.

Every worker process a build starts (these, and the extraction pool's) first runs
``start_worker``: it dies with the build.  A worker that outlived a ``kill -9`` of the build
would sit blocked on a pipe nobody reads, or go on writing pages into a tree being cleaned away.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from dateline.pausepoints import pause_at

T = TypeVar("T")
U = TypeVar("U")
log = logging.getLogger(__name__)

PIECES_PER_CHILD = 16  # pieces a forked child runs before a fresh one takes its place
_WORK: list[Callable[[], Any]] = []  # the pieces of the call in progress, seen by the children
PARENT_POLL_SECONDS = 0.5  # how often a worker without pidfds looks for its parent
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def start_worker(parent: int, creator: int, stage: str) -> None:
    """Run first in every worker process of a build: it dies with the build (``parent``: its
    pid; ``creator``: the ident of the thread that made the pool), then the test-only pause
    point ``stage`` ("extract": the extraction pool; "forked": the workers of this module), so
    a test can kill the build while its workers certainly exist (``pausepoints``)."""
    die_with_parent(parent, creator)
    pause_at(stage)


def die_with_parent(parent: int, creator: int) -> None:
    """Have this worker end as soon as process ``parent`` (the build) has ended, and at once
    if it already has (the worker was then reparented).

    Two ways.  A daemon thread waits on a pidfd of the parent (Linux 5.3+; elsewhere it polls
    ``getppid``) and calls ``os._exit``, but only once it holds the GIL, which a long regular
    expression does not let go of.  So a worker forked by the pool's ``creator`` thread also
    has the kernel SIGKILL it (``prctl(PR_SET_PDEATHSIG)``, Linux): that signal comes when
    the *thread* that forked the worker ends, and ``creator`` outlives its pool, whereas the
    replacement workers of a ``multiprocessing`` pool are forked by a pool thread that ends
    while the pool closes (killed then, one holding the task queue's lock left the build
    waiting for that lock for ever).  After a fork, a thread's ident is the forking thread's.
    """
    if threading.get_ident() == creator:
        _kill_with_forking_thread()
    if os.getppid() != parent:  # checked after prctl, which does nothing for a dead parent
        os._exit(1)
    threading.Thread(target=_exit_with, args=(parent,), name="dateline-parent-watch",
                     daemon=True).start()


def _kill_with_forking_thread() -> None:
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:  # the watcher still acts
        log.warning("prctl(PR_SET_PDEATHSIG) failed in worker %d: %s", os.getpid(),
                    os.strerror(ctypes.get_errno()))


def _exit_with(parent: int) -> None:
    try:
        handle = os.pidfd_open(parent)
    except (AttributeError, OSError):  # no pidfd_open (not Linux, an old kernel): poll
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)
    # Still this process's parent once its pidfd is open: the pidfd is of that very process
    # (not of another that reused its number after it ended).
    if os.getppid() == parent:
        waiter = select.poll()  # not select(): the worker inherits the build's descriptors
        waiter.register(handle, select.POLLIN)
        waiter.poll()
    os._exit(1)


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
        with context.Pool(min(workers, len(work)), maxtasksperchild=PIECES_PER_CHILD,
                          initializer=start_worker,
                          initargs=(os.getpid(), threading.get_ident(), "forked")) as pool:
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
