"""A build, or none: the no-op check in front of the pipeline.

This module imports little: a build whose inputs and output are as the last full build left
them returns that build's report without importing the pipeline (Jinja, Markdown, the tagger
and the event rules).  The options of a build are in ``options.py``, below both this and the
pipeline.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from dateline.config import Settings
from dateline.models import BuildReport
from dateline.pipeline import manifest
from dateline.pipeline.options import BuildOptions
from dateline.pipeline.pausepoints import pause_at
from dateline.pipeline.timing import StageTimes


def build(settings: Settings, options: BuildOptions) -> BuildReport:
    """One full build (the dev server's rebuilds are ``incremental.IncrementalBuilder``).

    A full build whose inputs are all as they were at the last full build, with that build's
    output untouched since, does nothing and returns that build's report (``manifest``).
    """
    if not (options.use_cache and options.reuse_unchanged):
        return _full_build(settings, options)
    times = StageTimes(options.on_stage)
    record = settings.root / ".cache" / manifest.NAME
    with times.stage("check"):
        key = manifest.fingerprint(settings.root, settings.content_dir, settings.templates_dir,
                                   _facts(settings, options))
        reused = manifest.reuse(record, key, settings.out_dir)
    if reused is not None:
        return replace(reused, seconds=round(times.elapsed(), 3))
    manifest.forget(record)
    report = _full_build(settings, options)
    pause_at("built")
    if report.ok:
        manifest.record(record, key, _to_replay(report), settings.out_dir)
    return replace(report, seconds=round(times.elapsed(), 3))


def _to_replay(report: BuildReport) -> BuildReport:
    """The report a no-op build gives back: without what this build said about its own cache
    under ``.cache/`` (a damaged file replaced is said once: the next build finds it sound)."""
    return replace(report, problems=tuple(p for p in report.problems
                                          if not p.path.startswith(".cache/")))


def _facts(settings: Settings, options: BuildOptions) -> str:
    """The settings and options that change the output, as text for the fingerprint."""
    return f"{settings!r}\n{options.build_time}\n{options.search}\n{options.write_on_error}"


def _full_build(settings: Settings, options: BuildOptions) -> BuildReport:
    from dateline.pipeline.full import full_build  # the whole pipeline: imported only when it runs

    with few_collections():
        return full_build(settings, options)


# Python's cycle collector walks every tracked object in each full collection.  A build holds
# millions of them (documents, events, views, pages) and makes almost no cyclic garbage, so
# full collections would cost time in the part only one process can do (docs/performance.md).
# Workers forked by the build inherit these.
BUILD_GC_THRESHOLDS = (100_000, 50, 100)


@contextmanager
def few_collections() -> Iterator[None]:
    """Fewer collections for the length of a build; the previous thresholds are put back."""
    previous = gc.get_threshold()
    gc.set_threshold(*BUILD_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)

