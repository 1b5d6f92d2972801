"""Every way a build runs work in other processes: forked workers, the extraction pool, a Dask
cluster, and how a full build shares its pages out among forked workers.

Forked workers (``run_forked``) see this process's memory as it was at the fork: each piece of
work goes to a child as a number and only its small result comes back pickled, so a full build
hands its merge buckets, event cards and pages to them without sending any planned page.  The
extraction pool (``process_pool``) is a ``concurrent.futures`` executor whose tasks and results
are pickled; ``dask_executor`` gives the same interface on a Dask cluster (``--executor``).

Every worker process a build starts first runs ``start_worker``: it dies with the build.  A
worker that outlived a ``kill -9`` of the build would sit blocked on a pipe nobody reads, or go
on writing pages into a tree being cleaned away.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import multiprocessing
import os
import re
import select
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from functools import partial
from typing import Any, TypeVar

from dateline.pipeline.pausepoints import pause_at

T = TypeVar("T")
U = TypeVar("U")
R = TypeVar("R")
log = logging.getLogger(__name__)

FORK_THRESHOLD = 400  # pages: below this, forking workers costs more than it saves
SHARE_PAGES = 100  # pages a worker renders and writes before it takes the next share
_WORK: list[Callable[[], Any]] = []  # the pieces of the call in progress, seen by the children
PARENT_POLL_SECONDS = 0.5  # how often a worker without pidfds looks for its parent
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_DASK_ADDRESS = re.compile(r"^(?:dask|tcp)://[^\s/:]+:\d{1,5}$")
_FORK = (multiprocessing.get_context("fork")
         if "fork" in multiprocessing.get_all_start_methods() else None)


def start_worker(parent: int, creator: int, stage: str) -> None:
    """Run first in every worker process of a build: it dies with the build (``parent``: its
    pid; ``creator``: the ident of the thread that made the pool), then the test-only pause
    point ``stage`` ("extract": the extraction pool; "forked": the forked workers), so a test
    can kill the build while its workers certainly exist (``pausepoints``)."""
    die_with_parent(parent, creator)
    pause_at(stage)


def die_with_parent(parent: int, creator: int) -> None:
    """Have this worker end as soon as process ``parent`` (the build) has ended, and at once
    if it already has (the worker was then reparented).

    Two ways.  A daemon thread waits on a pidfd of the parent (Linux 5.3+; elsewhere it polls
    ``getppid``) and calls ``os._exit``, but only once it holds the GIL, which a long regular
    expression does not let go of.  So a worker forked by the pool's ``creator`` thread also
    has the kernel SIGKILL it (``prctl(PR_SET_PDEATHSIG)``, Linux): that signal comes when
    the *thread* that forked the worker ends, and ``creator`` outlives its pool; a worker
    forked by any other thread (a pool's own) is left to the watcher.  After a fork, a
    thread's ident is the forking thread's.
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


# --- forked workers ---------------------------------------------------------------------------


class WorkerLost(RuntimeError):
    """A forked worker ended before it returned its piece's result."""


def _run_piece(index: int) -> Any:
    return _WORK[index]()


def can_fork() -> bool:
    return _FORK is not None


def run_forked(work: Sequence[Callable[[], T]], workers: int, here: Callable[[], U]
               ) -> tuple[U, list[T]]:
    """``here()`` run in this process while ``workers`` forked children run the pieces of
    ``work`` (each takes the next piece when it is free); their results in order.

    With one worker, no ``fork`` or a call already in progress, everything runs here.  A piece's
    exception is raised here, after every running piece has stopped; a worker that dies makes
    it raise ``WorkerLost``.
    """
    if workers <= 1 or not work or not can_fork() or _WORK:
        return here(), [piece() for piece in work]
    _WORK[:] = work
    # Objects alive now are left out of the children's garbage collections: a collection touches
    # every object it tracks, which would copy the whole shared heap into each child.
    gc.freeze()
    try:
        # An executor, not a multiprocessing.Pool: a worker that dies makes its pieces fail
        # (BrokenProcessPool) instead of leaving this process waiting, and its shutdown waits
        # for the running pieces instead of terminating workers that may hold a queue's lock.
        with ProcessPoolExecutor(min(workers, len(work)), mp_context=_FORK,
                                 initializer=start_worker,
                                 initargs=(os.getpid(), threading.get_ident(), "forked")) as pool:
            pieces = [pool.submit(_run_piece, index) for index in range(len(work))]
            try:
                mine = here()
                return mine, [piece.result() for piece in pieces]  # the first failure in order
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)  # pieces not started never run
                raise
    except BrokenProcessPool as exc:
        raise WorkerLost("a worker process ended before it finished its share of the pages "
                         "(killed, or out of memory)") from exc
    finally:
        _WORK.clear()
        gc.unfreeze()


def results_forked(work: Sequence[Callable[[], T]], workers: int) -> list[T]:
    """The results of ``work``'s pieces, run by ``workers`` forked children (nothing else to
    do here meanwhile)."""
    return run_forked(work, workers, _nothing)[1]


def _nothing() -> None:
    return None


def page_workers(pages: int, jobs: int) -> int:
    """How many processes render and write a site of ``pages`` pages: ``jobs``, or only this
    one for a small site."""
    return jobs if pages >= FORK_THRESHOLD else 1


def share_out(task: Callable[[T], R], here: T, shares: Sequence[T], workers: int) -> list[R]:
    """``task(here)`` run in this process while ``workers`` forked children run ``task`` on
    each of ``shares``; the results, this process's first, then the shares' in order."""
    mine, theirs = run_forked([partial(task, share) for share in shares], workers,
                              partial(task, here))
    return [mine, *theirs]


# --- executors: the extraction pool, a Dask cluster -------------------------------------------


@contextmanager
def process_pool(jobs: int, stage: str, initializer: Callable[..., None],
                 initargs: tuple[Any, ...]) -> Iterator[Executor]:
    """A pool of ``jobs`` worker processes, each started by ``start_worker`` (pause point
    ``stage``) and then ``initializer(*initargs)``: what every task needs goes to each worker
    once, not with every task."""
    # On Linux the workers are forked by this process itself (not by a fork server, Python
    # 3.14's default), so their parent is the build they must die with.
    context = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_pooled,
                             initargs=(os.getpid(), threading.get_ident(), stage, initializer,
                                       initargs)) as pool:
        yield pool


def _start_pooled(parent: int, creator: int, stage: str, initializer: Callable[..., None],
                  initargs: tuple[Any, ...]) -> None:
    start_worker(parent, creator, stage)
    initializer(*initargs)


class ExecutorError(RuntimeError):
    """The cluster could not be reached or the extra is not installed."""


def dask_executor(address: str) -> Executor:
    """An executor on the Dask cluster at ``dask://HOST:PORT`` (or ``tcp://HOST:PORT``):
    ``distributed``'s client offers a ``concurrent.futures`` executor, which extraction uses
    like its own process pool (optional extra ``dateline[dask]``)."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise ExecutorError("the Dask executor needs the optional extra: "
                            "pip install 'dateline[dask]'") from exc
    if not _DASK_ADDRESS.match(address):
        raise ExecutorError(f"'{address}' is not a scheduler address (expected dask://HOST:PORT "
                            "or tcp://HOST:PORT)")
    target = "tcp://" + address.split("://", 1)[1]
    try:
        client = Client(target, timeout="10s", set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:  # refused, unreachable, malformed
        raise ExecutorError(f"cannot reach the Dask scheduler at {target}: {exc}") from exc
    executor: Executor = client.get_executor()  # type: ignore[no-untyped-call]
    return executor
