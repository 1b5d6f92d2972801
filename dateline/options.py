"""The options of a build, and the timer that reports its stages.

Every part of a build reads these (the no-op check, the full build, the dev server's rebuild,
``check``), so they sit below all of them and import nothing of Dateline.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class BuildOptions:
    build_time: str  # ISO timestamp shown on pages (from SOURCE_DATE_EPOCH or content)
    jobs: int = 1
    use_cache: bool = True
    write_on_error: bool = True  # False in the dev server: keep the last good site
    executor: Executor | None = None
    search: bool = True  # build the Pagefind index as the last step (the dev server may skip it)
    # Told (stage, seconds) after each stage: load, extract, assemble, plan, render, write.
    on_stage: Callable[[str, float], None] | None = None
    reuse_unchanged: bool = True  # nothing changed since the last full build: do nothing


Stage = Callable[[str], AbstractContextManager[None]]


def stage_timer(report: Callable[[str, float], None] | None) -> Stage:
    """``with stage("name"):`` blocks that tell ``report`` how long each took (if asked to)."""
    @contextmanager
    def stage(name: str) -> Iterator[None]:
        began = time.perf_counter()
        try:
            yield
        finally:
            if report is not None:
                report(name, time.perf_counter() - began)
    return stage
