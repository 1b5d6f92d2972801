"""Special files under content/: each is named at path:1:1 and skipped; nothing hangs or crashes.

A link to /dev/zero, a FIFO, a symlink loop and a dangling symlink are made for real and built
by real ``build.py build`` and ``build.py check`` processes with a timeout and a memory limit
(reading /dev/zero into memory is what used to happen).  The build's no-op check (``manifest``)
and its clock (``clock``) take their list of files from the loader's (``contentfiles``), so
none of them opens what the loader skips.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, VALID_NOTE, make_project

ARTICLE = "---\ntitle: A valid article\ndate: 2018-06-12\n---\nThe talks ended on Tuesday.\n"
MEMORY = 1536 * 2**20  # far above a small build, far below what reading /dev/zero takes


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _run(root: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}  # clock reads files
    return subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), *argv],
                          capture_output=True, text=True, timeout=120, env=env,
                          preexec_fn=_limits, check=False)


def _zero(notes: Path) -> None:
    (notes / "zero.md").symlink_to("/dev/zero")


def _fifo(notes: Path) -> None:
    os.mkfifo(notes / "pipe.md")


def _loop(notes: Path) -> None:
    (notes / "a.md").symlink_to("b.md")
    (notes / "b.md").symlink_to("a.md")


def _dangling(notes: Path) -> None:
    (notes / "gone.md").symlink_to("nowhere.md")


def _warning(name: str, message: str, hint: str) -> str:
    return f"content/notes/{name}:1:1: warning: {message}\n  hint: {hint}\n"


LOOP = ("symlink loop: the link leads back to itself; skipped",
        "point the link at a file, or replace it with the file")
CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "dev-zero": (_zero, _warning("zero.md", "symlink points outside the content folder; skipped",
                                 "copy the file into content/ instead of linking it")),
    "fifo": (_fifo, _warning("pipe.md", "not a regular file; skipped",
                             "replace it with a plain text file")),
    "loop": (_loop, _warning("a.md", *LOOP) + _warning("b.md", *LOOP)),
    "dangling": (_dangling, _warning("gone.md", "symlink points to a file that does not exist; "
                                     "skipped", "fix the link's target, or delete the link")),
}


def _project(tmp_path: Path, make: Callable[[Path], None]) -> Path:
    root = make_project(tmp_path / "project")
    (root / "content" / "notes" / "zz-valid.md").write_text(VALID_NOTE, encoding="utf-8")
    (root / "content" / "articles" / "story.md").write_text(ARTICLE, encoding="utf-8")
    make(root / "content" / "notes")
    return root


@pytest.mark.parametrize("case", sorted(CASES))
def test_build_and_check_name_the_special_file_and_build_the_rest(tmp_path: Path, case: str
                                                                  ) -> None:
    make, expected = CASES[case]
    root = _project(tmp_path, make)
    checked = _run(root, "check")
    assert (checked.stdout, checked.returncode) == (expected, 0)
    assert _run(root, "check", "--strict").returncode == 1
    assert not (root / "site").exists()
    for _attempt in ("full build", "no-op build: the recorded report"):
        done = _run(root, "build", "--jobs", "1")
        assert done.stderr == expected
        assert done.returncode == 0
        assert done.stdout.startswith("Built site/: 2 documents, ")
        assert (root / "site" / "events" / "valid-note" / "index.html").is_file()
        assert (root / "site" / "sources" / "story" / "index.html").is_file()
    assert _run(root, "build", "--strict").returncode == 1


def test_the_manifest_hashes_only_what_the_loader_reads(tmp_path: Path) -> None:
    from dateline.pipeline import manifest

    root = _project(tmp_path, lambda notes: None)
    content = root / "content"

    def key() -> str:
        return manifest.fingerprint(root, content, root / "templates", "facts")

    first = key()
    (content / "notes" / "readme.txt").write_text("not content", encoding="utf-8")
    (content / ".drafts").mkdir()
    (content / ".drafts" / "hidden.md").write_text("never read", encoding="utf-8")
    assert key() == first  # the loader reads none of these
    os.mkfifo(content / "notes" / "pipe.md")  # read, it would block; it changes the report
    with_fifo = key()
    assert with_fifo != first
    (content / "notes" / "pipe.md").unlink()
    assert key() == first
    (content / "articles" / "story.md").write_text(ARTICLE + "More.\n", encoding="utf-8")
    assert key() != first


def test_the_dev_server_reads_a_changed_path_by_the_same_rules(tmp_path: Path) -> None:
    from dateline.content.loader import load_documents

    root = _project(tmp_path, lambda notes: None)
    outside = tmp_path / "secret.md"
    outside.write_text("---\ndate: 2018-06-01\ntitle: SECRET\n---\n", encoding="utf-8")
    (root / "content" / "notes" / "leak.md").symlink_to(outside)
    (root / "content" / "notes" / "notes.txt").write_text("---\n---\n", encoding="utf-8")
    loaded = load_documents(root / "content", ["notes/leak.md", "notes/notes.txt",
                                               "notes/zz-valid.md"])
    assert [d.path for d in loaded.documents] == ["notes/zz-valid.md"]
    assert [(p.path, p.message) for p in loaded.problems] == [
        ("notes/leak.md", "symlink points outside the content folder; skipped")]


def test_the_clock_dates_the_build_by_the_files_the_loader_reads(tmp_path: Path) -> None:
    from dateline.pipeline.clock import build_time_from

    root = _project(tmp_path, _dangling)
    _loop(root / "content" / "articles")
    for number, path in enumerate(sorted((root / "content").rglob("*.md"))):
        if path.is_file():
            os.utime(path, (1_500_000_000 + number, 1_500_000_000 + number))
    newest = max(p.stat().st_mtime for p in (root / "content").rglob("*.md") if p.is_file())
    assert build_time_from(None, root / "content") == \
        build_time_from(str(int(newest)), root / "content")
