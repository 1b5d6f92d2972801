"""The options of a build.

Every part of a build reads these (the no-op check, the full build, the dev server's rebuild,
``check``), so they sit below all of them and import nothing of Dateline.  Stage times are
measured by ``timing.StageTimes`` and told to ``on_stage``.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass


@dataclass(frozen=True)
class BuildOptions:
    build_time: str  # ISO timestamp shown on pages (from SOURCE_DATE_EPOCH or content)
    jobs: int = 1
    use_cache: bool = True
    write_on_error: bool = True  # False in the dev server: keep the last good site
    executor: Executor | None = None
    search: bool = True  # build the Pagefind index as the last step (the dev server may skip it)
    # Told (stage, seconds) after each stage: check, load, extract, assemble, plan, render,
    # exports, write, search (``timing.StageTimes``).
    on_stage: Callable[[str, float], None] | None = None
    reuse_unchanged: bool = True  # nothing changed since the last full build: do nothing
