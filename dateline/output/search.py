"""Full-text search: a Pagefind index of the finished site, built as the last build step.

Pagefind reads the rendered HTML (event and source pages mark their text with
``data-pagefind-body``, their facets with ``data-pagefind-filter``, the date a result shows with
``data-pagefind-meta`` and the date results sort by with ``data-pagefind-sort``) and writes
``pagefind/`` beside it: the index and the WebAssembly search code that the ``search/`` page's
own script (``templates/static/search.js``) runs. Search is optional: when Pagefind is missing
or fails, the build warns and goes on without it.

The search page sets titles, dates and filter values as text and rebuilds an excerpt's
``<mark>``s one by one; Pagefind keeps a filter value decoded one time fewer than written, so
templates write every filter value through :func:`filter_value` (the ``pagefind_value``
template filter) and the page decodes it once more.
"""

from __future__ import annotations

import html
import importlib.util
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from dateline.models import Problem
from dateline.output.search_canonical import IndexFormatError, canonicalize
from dateline.pipeline.pausepoints import pause_at

OUTPUT = "pagefind"
HINT = "install it with: pip install 'pagefind[bin]' (the site is built without search)"


def filter_value(value: object) -> str:
    """``value`` ready for ``data-pagefind-filter="key:…"``, to be autoescaped once more.

    Contract: a reader of the search page sees ``str(value)`` exactly, as text, in the filter
    options (whitespace runs collapsed to one space, as Pagefind does). Pagefind decodes a filter
    value's character references twice (the HTML attribute, then its own normalization) and
    keeps the result as the value, which ``static/search.js`` decodes once more and shows as
    text, so the value must reach the page escaped three times: twice here and once by the
    template's autoescaping. The result is a plain ``str``, never ``Markup``, so that
    autoescaping does apply. Filter *names* stay plain words written in the templates.
    """
    return html.escape(html.escape(str(value)))


def available() -> bool:
    """True when the ``pagefind`` Python package (the wrapper around its binary) is importable."""
    return importlib.util.find_spec("pagefind") is not None


def index_command(site: Path, output: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output),
            "--quiet"]


def index_site(site: Path, label: str = "site") -> list[Problem]:
    """Index ``site``, replacing its ``pagefind/``; warnings (never errors) when search could not
    be built.  ``label`` names the output folder in messages (the real ``site`` is a temporary
    tree in a full build).

    Pagefind leaves the files of an earlier index beside the new ones, so it writes into an
    empty folder that then takes the old one's place: the dev server, which indexes the live
    site again after every save, ends with the same index as a full build.
    """
    if not available():
        return [_warning(label, "search index skipped: Pagefind is not installed", HINT)]
    staging = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site))
    try:
        problems = _index_into(site, staging / OUTPUT, label)
        pause_at("indexing")
        if (staging / OUTPUT / "pagefind.js").is_file():
            _replace(site / OUTPUT, staging / OUTPUT, staging / "old")
        return problems
    finally:
        shutil.rmtree(staging)


def _index_into(site: Path, output: Path, label: str) -> list[Problem]:
    try:
        done = subprocess.run(index_command(site, output), capture_output=True, text=True,
                              timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return [_warning(label, f"search index skipped: Pagefind did not run ({exc})", HINT)]
    if done.returncode != 0 or not (output / "pagefind.js").is_file():
        shutil.rmtree(output, ignore_errors=True)  # never half an index in place of a whole one
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return [_warning(label, f"search index skipped: Pagefind failed: {detail[0]}", HINT)]
    try:
        canonicalize(output)
    except (IndexFormatError, OSError, ValueError, KeyError, TypeError) as exc:
        return [_warning(label, f"search index kept as Pagefind wrote it ({exc}); two builds of "
                         "the same input may differ in pagefind/",
                         "report this with your Pagefind version")]
    return []


def _replace(target: Path, new: Path, old: Path) -> None:
    """``new`` moved to ``target``; what was there is moved to ``old`` (removed with it)."""
    if target.exists():
        target.rename(old)
    new.rename(target)


def _warning(label: str, message: str, hint: str) -> Problem:
    return Problem(label, 1, 1, "warning", message, hint)
