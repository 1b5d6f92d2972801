"""Decide what a changed path feeds (content, templates, static files, config) or ignore it.

Pure: looks only at the path strings, never at the file system, so it can be
tested with a table and called for paths that no longer exist (deletions).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path, PurePath

from dateline.models import Change

# Folders whose contents never feed a build: version control, caches, tooling.
IGNORED_DIRS = frozenset(
    {".git", ".hg", ".svn", ".bzr", "__pycache__", ".cache", ".venv", "node_modules",
     ".mypy_cache", ".pytest_cache", ".ruff_cache", ".idea", ".vscode"}
)

# Exact file names written by operating systems and tools, never by an author.
IGNORED_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", ".directory"})

# Editor swap, backup, lock and atomic-save temp files.  One pattern per editor
# so a wrong guess is easy to find.
IGNORED_PATTERNS = tuple(
    re.compile(p)
    for p in (
        r"\.sw[a-px]$",  # vim swap files (.swp, .swo, ... and .swx)
        r"~$",  # vim/emacs/gedit backups: name~
        r"^\.#",  # emacs lock files: .#name
        r"^#.*#$",  # emacs auto-save files: #name#
        r"\.(tmp|temp|part|crdownload|bak|orig)$",  # generic temp and backup files
        r"^\.goutputstream-",  # gedit / GIO atomic save
        r"^\.~lock\..*#$",  # LibreOffice locks
        r"___jb_(tmp|old|bak)___$",  # JetBrains safe write
        r"\.kate-swp$",  # Kate swap
        r"^sed[A-Za-z0-9]{6}$",  # sed -i temp file
        r"^\.nfs[0-9a-f]+",  # NFS silly-rename files
    )
)

_VIM_PROBE_FIRST = 4913  # vim writes 4913 (then +123 ...) to test if a folder is writable
_VIM_PROBE_STEP = 123


def is_ignored_name(name: str) -> bool:
    """True when a file name is an editor/OS artefact rather than something an author wrote."""
    if name in IGNORED_NAMES:
        return True
    if name.isdigit():
        number = int(name)
        if number >= _VIM_PROBE_FIRST and (number - _VIM_PROBE_FIRST) % _VIM_PROBE_STEP == 0:
            return True
    return any(pattern.search(name) for pattern in IGNORED_PATTERNS)


def _normalised(path: str | PurePath) -> PurePath:
    # abspath removes "." and ".." without touching the disk (the file may be gone).
    return PurePath(os.path.abspath(os.fspath(path)))


def _watch_root_for(path: PurePath, watch: Mapping[str, Path]) -> tuple[str, PurePath] | None:
    """The (kind, root) of the most specific watch entry containing ``path``."""
    best: tuple[str, PurePath] | None = None
    for kind, root_path in watch.items():
        root = _normalised(root_path)
        if path != root and not path.is_relative_to(root):
            continue
        if best is None or len(root.parts) > len(best[1].parts):
            best = (kind, root)
    return best


def classify(path: str, watch: Mapping[str, Path]) -> Change | None:
    """The ``Change`` a modified ``path`` means, or None when it feeds nothing.

    ``watch`` maps kind → folder or file (e.g. {"content": content_dir,
    "template": templates_dir, "config": pyproject}).  The most specific entry
    wins; files under ``<template>/static/`` are of kind "static".
    """
    absolute = _normalised(path)
    found = _watch_root_for(absolute, watch)
    if found is None:
        return None
    kind, root = found
    inside = absolute.relative_to(root).parts
    if any(part in IGNORED_DIRS for part in inside[:-1]):
        return None
    if inside and (inside[-1] in IGNORED_DIRS or is_ignored_name(inside[-1])):
        return None
    if kind == "template" and len(inside) >= 2 and inside[0] == "static":
        kind = "static"
    return Change(path=str(absolute), kind=kind)
