"""Full-text search: a Pagefind index of the finished site, built as the last build step.

Pagefind reads the rendered HTML (event and source pages mark their text with
``data-pagefind-body`` and their facets with ``data-pagefind-filter``) and writes ``pagefind/``
beside it: the index, the WebAssembly search code and the bundled UI the ``search/`` page loads.
Search is optional: when Pagefind is missing or fails, the build warns and goes on without it.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from dateline.models import Problem
from dateline.search_canonical import IndexFormatError, canonicalize

OUTPUT = "pagefind"
HINT = "install it with: pip install 'pagefind[bin]' (the site is built without search)"


def available() -> bool:
    """True when the ``pagefind`` Python package (the wrapper around its binary) is importable."""
    return importlib.util.find_spec("pagefind") is not None


def index_command(site: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", OUTPUT,
            "--quiet"]


def index_site(site: Path, label: str = "site") -> list[Problem]:
    """Index ``site`` in place; warnings (never errors) when search could not be built.

    ``label`` names the output folder in messages (the real ``site`` is a temporary tree here).
    """
    if not available():
        return [_warning(label, "search index skipped: Pagefind is not installed", HINT)]
    try:
        done = subprocess.run(index_command(site), capture_output=True, text=True, timeout=600,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return [_warning(label, f"search index skipped: Pagefind did not run ({exc})", HINT)]
    if done.returncode != 0 or not (site / OUTPUT / "pagefind.js").is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return [_warning(label, f"search index skipped: Pagefind failed: {detail[0]}", HINT)]
    try:
        canonicalize(site / OUTPUT)
    except (IndexFormatError, OSError, ValueError, KeyError, TypeError) as exc:
        return [_warning(label, f"search index kept as Pagefind wrote it ({exc}); two builds of "
                         "the same input may differ in pagefind/",
                         "report this with your Pagefind version")]
    return []


def _warning(label: str, message: str, hint: str) -> Problem:
    return Problem(label, 1, 1, "warning", message, hint)
