"""Workers die with their build: ``kill -9`` of a build's main process leaves no worker behind.

A real ``build.py build --jobs 2`` subprocess of 150 generated articles is killed (only its
main process, not its process group) once its workers exist, and every process it had started
must be gone within a few seconds.  Before workers set a parent-death signal, the extraction
pool's workers sat blocked on a pipe for as long as the machine ran, and a forked render
worker went on with its piece.  Processes are read from ``/proc``, so this runs on Linux only.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline.pipeline import pausepoints
from tests.conftest import REPO, make_project
from tests.robustness.test_robust_faults import EPOCH, generate_corpus

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir(),
                                reason="reads processes from Linux's /proc")

GONE_WITHIN = 5.0  # seconds a killed build's workers may take to go
Process = tuple[int, str]  # pid and start time (a pid alone may be reused)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("orphans") / "project")
    generate_corpus(root / "content", articles=150, notes=10)
    return root


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name (state first), or None if it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except (FileNotFoundError, ProcessLookupError):
        return None
    return text.rsplit(")", 1)[1].split()


def _process(pid: int) -> Process | None:
    fields = _stat(pid)
    return None if fields is None else (pid, fields[19])  # field 22: start time


def _alive(process: Process) -> bool:
    """Running (not a zombie waiting to be reaped) and the same process, not a reused pid."""
    fields = _stat(process[0])
    return fields is not None and fields[0] not in "ZX" and fields[19] == process[1]


def _children(pid: int) -> set[Process]:
    found: set[Process] = set()
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            pids = children.read_text(encoding="utf-8").split()
        except (FileNotFoundError, ProcessLookupError):
            continue  # the thread ended meanwhile
        found.update(p for p in map(_process, map(int, pids)) if p is not None)
    return found


def _naming(root: Path) -> set[Process]:
    """Live processes whose command line names the project: the build and any fork of it."""
    mark = str(root).encode()
    found: set[Process] = set()
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            named = mark in (entry / "cmdline").read_bytes()
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        process = _process(int(entry.name))
        if named and process is not None and _alive(process):
            found.add(process)
    return found


def _start(root: Path, *extra: str, env: dict[str, str] | None = None
           ) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--root", str(root), "build", "--jobs", "2",
         *extra], env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(REPO),
                       **(env or {})},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _workers_of(build: subprocess.Popen[bytes]) -> set[Process]:
    """The build's child processes, as soon as there are any (it must not finish first)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        children = _children(build.pid)
        if children:
            return children
        assert build.poll() is None, "the build finished without starting a worker"
        time.sleep(0.002)
    raise AssertionError("no worker started within 120 s")


@pytest.fixture
def leftovers() -> Iterator[set[Process]]:
    """Processes to kill after the test whatever it found, so a failure leaves none behind."""
    processes: set[Process] = set()
    yield processes
    for process in processes:
        if _alive(process):
            os.kill(process[0], signal.SIGKILL)


def _kill_and_watch(build: subprocess.Popen[bytes], root: Path, leftovers: set[Process]
                    ) -> tuple[set[Process], set[Process]]:
    """Kill -9 the build once it has workers; (its workers, those alive GONE_WITHIN later)."""
    workers = _workers_of(build)
    workers |= _naming(root) - {_process(build.pid)}
    leftovers |= workers
    build.send_signal(signal.SIGKILL)  # the main process only, as an OOM killer or a user would
    build.wait(timeout=30)
    deadline = time.monotonic() + GONE_WITHIN
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.05)
        alive = {p for p in workers if _alive(p)} | _naming(root)
    leftovers |= alive
    return workers, alive


@pytest.mark.slow
def test_extraction_workers_die_with_a_killed_build(project: Path,
                                                    leftovers: set[Process]) -> None:
    # --no-cache: all 150 articles are extracted, by the pool, the first workers a build starts.
    workers, alive = _kill_and_watch(_start(project, "--no-cache"), project, leftovers)
    assert workers
    assert alive == set(), f"{len(alive)} of {len(workers)} workers outlived the build"


@pytest.mark.slow
def test_forked_render_workers_die_with_a_killed_build(project: Path,
                                                       leftovers: set[Process]) -> None:
    warm = _start(project)  # fills the extraction cache: the next build forks workers first
    _out, err = warm.communicate(timeout=600)
    assert warm.returncode == 0, err.decode()
    (project / ".cache" / "build.json").unlink()  # so the next build is not a no-op
    # The forked workers pause before their first piece (the test hook), so they are certainly
    # alive when the build is killed: a worker in the middle of a long piece.
    build = _start(project, env={pausepoints.VARIABLE: "forked"})
    workers, alive = _kill_and_watch(build, project, leftovers)
    assert workers
    assert alive == set(), f"{len(alive)} of {len(workers)} workers outlived the build"
