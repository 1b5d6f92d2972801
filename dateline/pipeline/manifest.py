"""The no-op build: when no input changed since the last full build, the site is already right.

A full build records, in ``.cache/build.json``, a fingerprint of everything its output depends on
(content and data files, templates, settings, build options, Dateline's own code and its
dependencies' versions) together with its report and the size, mtime and inode of every file it
left in the output folder.  The next build with the same fingerprint and an untouched output folder
returns that report without loading, extracting, rendering or writing anything.  Anything else, a
changed byte anywhere in the inputs or a touched output file, means a real build.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from dateline.content.contentfiles import content_files
from dateline.models import BuildReport, Problem

FORMAT = 1
NAME = "build.json"
_PACKAGE = Path(__file__).resolve().parent.parent


def _files(folder: Path) -> Iterator[tuple[str, str]]:
    """(relative path, absolute path) of every file under ``folder``, in a stable order."""
    if not folder.is_dir():
        return
    top = os.fspath(folder)
    for base, dirs, names in os.walk(top):
        dirs.sort()
        # os.walk's folders all start with ``top``: slicing is what relpath would give, at a
        # tenth of its cost (it was most of a no-op build's time for 22,800 output files)
        inside = base[len(top):].lstrip(os.sep)
        prefix = inside + os.sep if inside else ""
        for name in sorted(names):
            yield prefix + name, os.path.join(base, name)


def _hash_tree(digest: Any, label: str, folder: Path, skip: tuple[str, ...] = ()) -> None:
    digest.update(f"\0{label}\0".encode())
    for rel, full in _files(folder):
        if rel.split(os.sep, 1)[0] in skip or "__pycache__" in rel:
            continue
        _hash_file(digest, rel, full)


def _hash_file(digest: Any, rel: str, full: str) -> None:
    """Name and bytes of one regular file; only the name and kind of anything else.

    Opened without blocking and checked once open: a FIFO (or a link to one) would block the
    read forever and a link to ``/dev/zero`` would read until memory runs out.
    """
    digest.update(rel.encode() + b"\0")
    try:
        fd = os.open(full, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
        with os.fdopen(fd, "rb") as handle:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                digest.update(f"special:{stat.S_IFMT(mode)}".encode())
                return
            digest.update(hashlib.file_digest(handle, "sha256").digest())  # in chunks
    except OSError as exc:  # unreadable now (or a dangling link): never equal to a readable past
        digest.update(f"unreadable:{exc.errno}".encode())


def _hash_content(digest: Any, content: Path) -> None:
    """The content files the loader reads, and why it skips the others (their warnings are in
    the report a no-op build gives back), from the loader's own list."""
    digest.update(b"\0content\0")
    found, skipped = content_files(content)
    for rel in found:
        _hash_file(digest, rel, os.path.join(content, rel))
    for problem in skipped:
        digest.update(f"skipped\0{problem.path}\0{problem.message}\0".encode())


def _dependencies() -> str:
    """Python's version and the installed versions of Dateline's dependencies."""
    try:
        required = importlib.metadata.requires("dateline") or []
    except importlib.metadata.PackageNotFoundError:
        required = []
    versions = [sys.version]
    for requirement in required:
        name = re.split(r"[<>=!~ ;\[]", requirement, maxsplit=1)[0]
        try:
            versions.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name}: missing")
    return "\n".join(versions)


def fingerprint(root: Path, content: Path, templates: Path, facts: str) -> str:
    """Hash of every input of a build; ``facts`` carries the settings and options as text."""
    digest = hashlib.sha256(f"{FORMAT}\0{facts}\0{_dependencies()}".encode())
    _hash_content(digest, content)
    _hash_tree(digest, "templates", templates)
    _hash_tree(digest, "data", root / "data")
    _hash_tree(digest, "code", _PACKAGE)
    pyproject = root / "pyproject.toml"
    digest.update(pyproject.read_bytes() if pyproject.is_file() else b"-")
    return digest.hexdigest()


def output_state(out_dir: Path) -> dict[str, list[int]] | None:
    """size, mtime and inode of every file in the output folder (None when there is none)."""
    if not out_dir.is_dir():
        return None
    state: dict[str, list[int]] = {}
    folders = [(os.fspath(out_dir), "")]
    while folders:  # scandir directly: os.walk would add a stat per file
        folder, prefix = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append((entry.path, prefix + entry.name + os.sep))
                else:
                    info = entry.stat(follow_symlinks=False)
                    state[prefix + entry.name] = [info.st_size, info.st_mtime_ns, info.st_ino]
    return state


def reuse(path: Path, key: str, out_dir: Path) -> BuildReport | None:
    """The recorded report when ``key`` and the output folder are what they were, else None."""
    try:
        recorded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(recorded, dict) or recorded.get("key") != key:
        return None
    if recorded.get("output") != output_state(out_dir):
        return None
    try:
        report = recorded["report"]
        problems = tuple(Problem(**p) for p in report["problems"])
        return BuildReport(bool(report["ok"]), problems, int(report["documents"]),
                           int(report["events"]), int(report["pages"]))
    except (KeyError, TypeError, ValueError):
        return None


def record(path: Path, key: str, report: BuildReport, out_dir: Path) -> None:
    """Remember a full build (best effort: a cache that cannot be written only costs time)."""
    entry = {"key": key, "output": output_state(out_dir), "report": {
        "ok": report.ok, "problems": [asdict(p) for p in report.problems],
        "documents": report.documents, "events": report.events, "pages": report.pages}}
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if not path.parent.is_dir():  # the cache folder is never committed
            path.parent.mkdir(parents=True)
            (path.parent / ".gitignore").write_text("*\n", encoding="utf-8")
        temporary.write_text(json.dumps(entry), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)


def forget(path: Path) -> None:
    """Drop the record before a build changes the output, so a killed build is never reused."""
    with contextlib.suppress(OSError):  # read-only cache folder: reuse() checks the output too
        path.unlink(missing_ok=True)
