"""Faults never lose work: kill -9 mid-build, two builds at once, a full disk, a read-only output.

Builds run as real ``build.py build`` subprocesses (their own session, so kill -9 reaches the
extraction workers too) on a generated corpus of a few hundred articles and notes.  Kills land
at every stage of a build, each exactly where the test hook
(``dateline.pipeline.pausepoints``) pauses the build, never after a random delay.
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline.output import writer
from dateline.pipeline import pausepoints, pools
from tests.conftest import REPO, make_project, run_cli

EPOCH = "1560000000"  # fixed SOURCE_DATE_EPOCH: builds of the same content are byte-identical
PLACES = ("Singapore", "Hanoi", "Panmunjom", "Beijing", "Pyongyang", "Seoul", "Washington")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def generate_corpus(content: Path, articles: int, notes: int, seed: int = 9) -> None:
    """Plausible wire stories with relative dates, and dated editors' notes."""
    rng = random.Random(seed)
    for index in range(articles):
        day = 1 + index % 28
        month = 1 + (index // 28) % 12
        place = rng.choice(PLACES)
        body = "\n\n".join(
            f"{place} (AP) — Officials met on {rng.choice(DAYS)} to discuss the summit, "
            f"and talks will resume next week, a spokesman said in {place} on item {index}-{n}."
            for n in range(4))
        (content / "articles" / f"story-{index:04d}.md").write_text(
            f"---\ntitle: Story {index} from {place}\ndate: 2018-{month:02d}-{day:02d}\n"
            f"publisher: Test Wire\n---\n{body}\n", encoding="utf-8")
    for index in range(notes):
        (content / "notes" / f"note-{index:04d}.md").write_text(
            f"---\nid: note-{index:04d}\ndate: 2019-{1 + index % 12:02d}-{1 + index % 28:02d}\n"
            f"title: Editors' note {index}\nactors: [USA, PRK]\n---\nNote {index}.\n",
            encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(REPO)}


def start_build(root: Path, *extra: str, env: dict[str, str] | None = None
                ) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--root", str(root), "build", "--jobs", "2",
         *extra], env={**_env(), **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True)


def finish(process: subprocess.Popen[bytes]) -> tuple[int, str]:
    _out, err = process.communicate(timeout=600)
    return process.returncode, err.decode()


def clean_build(tmp_path: Path, content: Path) -> dict[str, bytes]:
    """The site a fresh project (no cache, no previous site) builds from ``content``."""
    fresh = make_project(tmp_path / "fresh")
    shutil.rmtree(fresh / "content")
    shutil.copytree(content, fresh / "content")
    code, err = finish(start_build(fresh, "--no-cache"))
    assert code == 0, err
    return snapshot(fresh / "site")  # the search index too: builds are byte-identical


@pytest.fixture(scope="module")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("faults") / "project")
    generate_corpus(root / "content", articles=120, notes=30)
    return root


# --- kill -9 at every stage -----------------------------------------------------------------
# Each build is paused at one of ``pausepoints.POINTS`` (the test hook), killed there with its
# workers, and the site must then be one of two complete sites: the one it replaces, or, once
# the swap is done, the one it builds.  Content goes back and forth between two versions so
# that every killed build has a different site to make; both are built once from scratch.

AFTER_SWAP = ("swapped", "built")  # killed here, the new site is already in place
REMOVED = "articles/story-0000.md"  # version "b": one article fewer, one note more
ADDED = "notes/added-later.md"
ADDED_NOTE = "---\nid: added-later\ndate: 2019-06-30\ntitle: Added later\n---\nAdded.\n"


class KillProject:
    """A project whose site is a complete build of one of two content versions ("a", "b")."""

    def __init__(self, root: Path, removed: bytes, sites: dict[str, dict[str, bytes]]) -> None:
        self.root, self.removed, self.sites = root, removed, sites
        self.version = "a"

    def switch(self) -> tuple[str, str]:
        """The content changed to the other version; (old, new) version."""
        old, new = self.version, "b" if self.version == "a" else "a"
        content = self.root / "content"
        if new == "b":
            (content / REMOVED).unlink()
            (content / ADDED).write_text(ADDED_NOTE, encoding="utf-8")
        else:
            (content / ADDED).unlink()
            (content / REMOVED).write_bytes(self.removed)
        self.version = new
        return old, new

    def differences(self, site: dict[str, bytes], version: str) -> list[str]:
        """The paths (the first ten) where ``site`` is not the whole site of ``version``."""
        expected = self.sites[version]
        return sorted(p for p in site.keys() | expected.keys()
                      if site.get(p) != expected.get(p))[:10]

    def make_whole(self) -> None:
        """The site built from the current content, should an earlier failed test have left
        it otherwise."""
        if snapshot(self.root / "site") != self.sites[self.version]:
            code, err = finish(start_build(self.root))
            assert code == 0, err


@pytest.fixture(scope="module")
def kill_project(tmp_path_factory: pytest.TempPathFactory) -> KillProject:
    folder = tmp_path_factory.mktemp("kill")
    root = make_project(folder / "project")
    generate_corpus(root / "content", articles=120, notes=30)
    code, err = finish(start_build(root, "--no-cache"))  # version "a", from scratch
    assert code == 0, err
    project = KillProject(root, (root / "content" / REMOVED).read_bytes(),
                          {"a": snapshot(root / "site")})
    other = make_project(folder / "other")  # version "b", from scratch
    shutil.rmtree(other / "content")
    shutil.copytree(root / "content", other / "content")
    (other / "content" / REMOVED).unlink()
    (other / "content" / ADDED).write_text(ADDED_NOTE, encoding="utf-8")
    code, err = finish(start_build(other, "--no-cache"))
    assert code == 0, err
    project.sites["b"] = snapshot(other / "site")
    assert project.sites["a"] != project.sites["b"]
    assert "pagefind/pagefind.js" in project.sites["a"]  # the index is part of a whole site
    pages = sum(path.endswith(".html") for path in project.sites["a"])
    assert pages >= pools.FORK_THRESHOLD, "too few pages for the build to fork workers"
    return project


def user_files(root: Path) -> dict[str, bytes]:
    """What the user wrote: everything in the project but the output, its temporary trees and
    lock, and the cache."""
    ours = ("site", ".cache", ".site.lock")
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.relative_to(root).parts[0] not in ours
            and not p.relative_to(root).parts[0].startswith(".site.tmp-")}


def wait_until_paused(process: subprocess.Popen[bytes], point: str,
                      timeout: float = 120.0) -> None:
    """Return once the build (or one of its workers) says it is paused at ``point``."""
    assert process.stderr is not None
    said, marker = b"", f"{pausepoints.MESSAGE} {point} ".encode()
    deadline = time.monotonic() + timeout
    while marker not in said:
        ready, _, _ = select.select([process.stderr], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(process.stderr.fileno(), 1 << 16) if ready else b""
        if not chunk:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=60)
            pytest.fail(f"the build never paused at {point!r} "
                        f"({'it ended' if ready else 'timed out'}): {said.decode()[-2000:]}")
        said += chunk


def kill_at(root: Path, point: str) -> None:
    """A build of ``root`` killed (with every process it started) where it pauses at
    ``point``; extraction workers start only for a cold cache."""
    extra = ("--no-cache",) if point == "extract" else ()
    process = start_build(root, *extra, env={pausepoints.VARIABLE: point})
    wait_until_paused(process, point)
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)


@pytest.mark.slow
@pytest.mark.parametrize("point", pausepoints.POINTS)
def test_kill_9_at_each_stage_leaves_a_whole_site_and_the_next_build_succeeds(
        kill_project: KillProject, point: str) -> None:
    root = kill_project.root
    kill_project.make_whole()
    old, new = kill_project.switch()
    written = user_files(root)
    kill_at(root, point)
    whole = new if point in AFTER_SWAP else old
    assert kill_project.differences(snapshot(root / "site"), whole) == [], \
        f"killed at {point}: the site is not the whole site of version {whole!r}"
    assert user_files(root) == written  # nothing the user wrote was touched
    code, err = finish(start_build(root))
    assert code == 0, err
    assert kill_project.differences(snapshot(root / "site"), new) == []  # as built from scratch
    assert not [line for line in err.splitlines() if line.startswith(".cache/")], err
    assert list(root.glob(".site.tmp-*")) == []


def test_pause_points_cost_a_look_up_when_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr(time, "sleep", slept.append)  # the time module pausepoints uses
    monkeypatch.delenv(pausepoints.VARIABLE, raising=False)
    for point in pausepoints.POINTS:
        pausepoints.pause_at(point)
    assert slept == []
    monkeypatch.setenv(pausepoints.VARIABLE, "planned")
    pausepoints.pause_at("loaded")
    assert slept == []
    pausepoints.pause_at("planned")
    assert slept == [pausepoints.SECONDS]


@pytest.mark.slow
def test_two_builds_at_once_both_succeed_and_the_site_is_whole(big_project: Path,
                                                               tmp_path: Path) -> None:
    root = big_project
    (root / "content" / "notes" / "concurrent.md").write_text(
        "---\nid: concurrent\ndate: 2019-07-01\ntitle: Built twice at once\n---\n",
        encoding="utf-8")
    first, second = start_build(root), start_build(root)
    results = [finish(first), finish(second)]
    assert [code for code, _ in results] == [0, 0], results
    final = snapshot(root / "site")
    assert "events/concurrent/index.html" in final
    assert final == clean_build(tmp_path, root / "content")
    assert list(root.glob(".site.tmp-*")) == []


# --- full disk and read-only output ---------------------------------------------------------

NOTE = ("---\nid: note-{n}\ndate: 2018-06-{n:02d}\ntitle: Note {n}\n"
        "sources: [https://example.org/note-{n}]\n---\n{body}\n")


def _small_project(tmp_path: Path, notes: int = 3) -> Path:
    root = make_project(tmp_path / "project")
    for n in range(1, notes + 1):
        (root / "content" / "notes" / f"n{n}.md").write_text(
            NOTE.format(n=n, body="Text."), encoding="utf-8")
    return root


def _write_error(err: str, out_dir: Path, reason: str, shown: str = "site") -> None:
    """The build's message: the output as configured, then the folder it could not write."""
    assert err == (f"{shown}: error: cannot write the site to {out_dir.absolute()}: {reason}\n"
                   "  hint: check free disk space and that the output folder is writable; "
                   "the previous site was left as it was\n")


def test_full_disk_while_writing_keeps_the_previous_site(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    root = _small_project(tmp_path)
    assert run_cli("--root", str(root), "build", "--no-cache")[0] == 0
    before = snapshot(root / "site")
    (root / "content" / "notes" / "n9.md").write_text(NOTE.format(n=9, body="New."), "utf-8")
    real = Path.write_bytes
    calls = {"n": 0}

    def filling(self: Path, data: bytes) -> int:  # the disk fills up after a few files
        calls["n"] += 1
        if calls["n"] > 5:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", filling)
    code, out, err = run_cli("--root", str(root), "build", "--no-cache")
    monkeypatch.undo()
    assert code == 1
    _write_error(err, root / "site", "No space left on device")
    assert out == ""
    assert snapshot(root / "site") == before
    assert list(root.glob(".site.tmp-*")) == []


@contextlib.contextmanager
def tmpfs(mount_point: Path, options: str) -> Iterator[Path]:
    mount_point.mkdir(parents=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mount_point)],
                            capture_output=True, check=False)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_real_full_disk_fails_cleanly_and_keeps_the_previous_site(tmp_path: Path) -> None:
    root = _small_project(tmp_path)
    with tmpfs(tmp_path / "disk", "size=256k") as disk:
        out_dir = disk / "site"
        assert run_cli("--root", str(root), "build", "--no-cache", "--out", str(out_dir))[0] == 0
        before = snapshot(out_dir)
        used = sum(len(v) for v in before.values())
        padding = disk / "padding"  # leave room for less than a second copy of the site
        free = shutil.disk_usage(disk).free
        padding.write_bytes(b"\0" * max(0, free - used // 2))
        (root / "content" / "notes" / "n9.md").write_text(NOTE.format(n=9, body="New."),
                                                          "utf-8")
        code, _out, err = run_cli("--root", str(root), "build", "--no-cache",
                                  "--out", str(out_dir))
        assert code == 1
        _write_error(err, root / "../disk/site", "No space left on device", "../disk/site")
        assert snapshot(out_dir) == before
        assert list(disk.glob(".site.tmp-*")) == []  # the half-written tree is gone


def test_read_only_output_fails_with_a_clear_message(tmp_path: Path) -> None:
    root = _small_project(tmp_path)
    with tmpfs(tmp_path / "ro", "size=1m,ro") as disk:
        out_dir = disk / "site"
        code, out, err = run_cli("--root", str(root), "build", "--no-cache", "--out", str(out_dir))
        assert code == 1
        _write_error(err, root / "../ro/site", "Read-only file system", "../ro/site")
        assert out == ""
        assert list(disk.iterdir()) == []


def test_output_path_under_a_file_fails_with_a_clear_message(tmp_path: Path) -> None:
    root = _small_project(tmp_path)
    (root / "blocker").write_text("not a folder", encoding="utf-8")
    code, _out, err = run_cli("--root", str(root), "build", "--no-cache",
                              "--out", str(root / "blocker" / "site"))
    assert code == 1
    _write_error(err, root / "blocker" / "site", "Not a directory", "blocker/site")
    assert (root / "blocker").read_text(encoding="utf-8") == "not a folder"


def test_output_that_is_a_file_is_not_replaced(tmp_path: Path) -> None:
    root = _small_project(tmp_path)
    (root / "site").write_text("my notes, not a site", encoding="utf-8")
    code, _out, err = run_cli("--root", str(root), "build", "--no-cache")
    assert code == 1
    _write_error(err, root / "site", "Not a directory")
    assert (root / "site").read_text(encoding="utf-8") == "my notes, not a site"
    assert list(root.glob(".site.tmp-*")) == []


def test_symlinked_output_is_updated_through_the_link(tmp_path: Path) -> None:
    root = _small_project(tmp_path)
    target = tmp_path / "www"
    target.mkdir()
    (root / "site").symlink_to(target, target_is_directory=True)
    code, _out, err = run_cli("--root", str(root), "build", "--no-cache")
    assert (code, err) == (0, "")
    assert (root / "site").is_symlink()
    assert (target / "events" / "note-1" / "index.html").is_file()


def test_writer_refuses_paths_that_leave_the_site(tmp_path: Path) -> None:
    out_dir = tmp_path / "site"
    for bad in ("../escaped.html", "a/../../escaped.html", "/tmp/escaped.html"):
        with pytest.raises(writer.WriteError):
            writer.write_site(out_dir, [("index.html", b"ok"), (bad, b"x")])
        assert not (tmp_path / "escaped.html").exists()
        assert not out_dir.exists()
