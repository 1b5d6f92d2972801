"""Which files under ``content/`` are content: the one list the loader reads, the no-op check
hashes and the clock dates.

A content file is a Markdown file (``.md`` or ``.markdown``, in any case) whose name and folders
do not start with '.', and which is, after following links, a regular file inside the content
folder.  Anything else with such a name is skipped with a warning at ``path:1:1``: a FIFO would
block the read forever, a link to ``/dev/zero`` would never end, a link loop or a dangling link
makes ``stat`` raise, and a link leaving the folder could publish any file of the machine.  This
module imports little (``builds`` asks it for the list before the pipeline is imported).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from dateline.models import Problem

SUFFIXES = (".md", ".markdown")
# C0 controls but tab and newline, DEL and the C1 controls: invisible, and invalid in XML
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def is_markdown_name(name: str) -> bool:
    """A name the loader reads: not hidden, ending in .md or .markdown (any case)."""
    return not name.startswith(".") and name.lower().endswith(SUFFIXES)


def content_files(content_dir: Path) -> tuple[list[str], list[Problem]]:
    """Content-relative POSIX paths of every content file, sorted, and why others were skipped.

    Never raises and never opens a file (``stat``, ``lstat`` and ``realpath`` only).
    """
    found: list[str] = []
    problems: list[Problem] = []
    if not content_dir.is_dir():
        return found, problems
    top = os.fspath(content_dir)
    root = os.path.realpath(top)

    def unreadable(exc: OSError) -> None:
        where = os.path.relpath(exc.filename or top, top).replace(os.sep, "/")
        problems.append(Problem(where, 1, 1, "warning",
                                f"cannot read folder: {exc.strerror or exc}; skipped",
                                "check the folder's permissions"))

    for folder, dirs, files in os.walk(top, onerror=unreadable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in dirs:  # os.walk does not enter linked folders; say so when one leaves
            full = os.path.join(folder, name)
            if os.path.islink(full) and not _inside(os.path.realpath(full), root):
                problems.append(_outside(_relative(full, top), "folder"))
        for name in sorted(files):
            if not is_markdown_name(name):
                continue
            rel = _relative(os.path.join(folder, name), top)
            problem = file_problem(content_dir, rel, root, walked=True)
            if problem is None:
                found.append(rel)
            else:
                problems.append(problem)
    return sorted(found), problems


def file_problem(content_dir: Path, rel: str, root: str | None = None, walked: bool = False
                 ) -> Problem | None:
    """Why the content file ``rel`` must not be read, or None when it is a regular file inside
    the content folder (``root``: the folder's real path, when the caller has it).

    ``walked``: ``rel`` was found by walking the folder without following linked folders, so
    only the file itself can be a link (a path given by the dev server may pass through one).
    """
    full = os.path.join(content_dir, rel)
    control = CONTROL.search(rel)
    if control:  # the report must not carry the character either: it is written as \xNN
        shown = CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", rel)
        return Problem(shown, 1, 1, "warning",
                       f"file name holds control character U+{ord(control.group()):04X}; skipped",
                       "rename the file with letters, digits and '-'")
    try:  # lstat first: stat of a link loop or a dangling link raises
        linked = stat.S_ISLNK(os.lstat(full).st_mode)
        info = os.stat(full)
    except OSError as exc:
        return _broken_link(rel, exc)
    if (linked or not walked) and not _inside(os.path.realpath(full),
                                              root or os.path.realpath(content_dir)):
        return _outside(rel, "file" if linked else "folder")
    if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end the read
        return Problem(rel, 1, 1, "warning", "not a regular file; skipped",
                       "replace it with a plain text file")
    return None


def _broken_link(rel: str, exc: OSError) -> Problem:
    if exc.errno == errno.ELOOP:
        return Problem(rel, 1, 1, "warning", "symlink loop: the link leads back to itself; "
                       "skipped", "point the link at a file, or replace it with the file")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return Problem(rel, 1, 1, "warning", "symlink points to a file that does not exist; "
                       "skipped", "fix the link's target, or delete the link")
    return Problem(rel, 1, 1, "warning", f"cannot read file: {exc.strerror or exc}; skipped",
                   "check the file's permissions")


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _relative(full: str, top: str) -> str:
    return os.path.relpath(full, top).replace(os.sep, "/")


def _outside(rel: str, what: str) -> Problem:
    return Problem(rel, 1, 1, "warning", "symlink points outside the content folder; skipped",
                   f"copy the {what} into content/ instead of linking it")


def newest_mtime(content_dir: Path) -> float | None:
    """The newest modification time among the content files (None when there are none)."""
    times = []
    for rel in content_files(content_dir)[0]:
        try:
            times.append(os.stat(os.path.join(content_dir, rel)).st_mtime)
        except OSError:  # deleted since it was listed: it no longer dates the build
            continue
    return max(times) if times else None
