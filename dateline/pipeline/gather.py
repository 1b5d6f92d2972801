"""Load → extract → assemble: everything read and understood, before anything is rendered.

The full build, ``check`` and the dev server's rebuilds all gather this way.  A dev-server
rebuild passes what it kept of the previous one (``KeptInputs``) and the content paths that
changed: only those are read again, and unchanged files give back the very same extraction
objects.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

from dateline import events
from dateline.config import Settings
from dateline.content.loader import load_documents, load_user_data
from dateline.events.buckets import groups_by_bucket
from dateline.events.gazetteer import Gazetteer
from dateline.events.merge import merge_groups
from dateline.models import Document, Event, Extraction, Problem, Timeline
from dateline.pipeline import pools
from dateline.pipeline.assemble import assemble
from dateline.pipeline.cache import ExtractionCache
from dateline.pipeline.extract import extract_all, version_key
from dateline.pipeline.memo import Memos
from dateline.pipeline.options import BuildOptions
from dateline.pipeline.pausepoints import pause_at
from dateline.pipeline.timing import StageTimes
from dateline.problems import under


class KeptInputs(Protocol):
    """What a dev-server rebuild keeps of the previous one's inputs (``gather`` updates it)."""

    documents: dict[str, Document]
    load_problems: dict[str, tuple[Problem, ...]]
    memos: Memos


@dataclass(frozen=True)
class Gathered:
    """Everything read and understood, before anything is rendered."""

    documents: list[Document]  # every valid document (the timeline leaves out duplicates)
    timeline: Timeline
    gazetteer: Gazetteer
    problems: list[Problem]  # paths from the project root


def gather(settings: Settings, options: BuildOptions, kept: KeptInputs | None = None,
           changed: Sequence[str] | None = None, times: StageTimes | None = None) -> Gathered:
    """Load → extract → assemble, each timed as its stage; with ``kept``, only the ``changed``
    content paths are read again (``None``: every file)."""
    times = times or StageTimes()
    memos = kept.memos if kept is not None else None
    with times.stage("load"):
        documents, found = load(settings, kept, changed)
        gazetteer, site_data, problems = _gazetteer(settings, memos)
        version = version_key(site_data)
    pause_at("loaded")
    with times.stage("extract"):
        extractions = extract_all(documents, gazetteer=gazetteer, cache=None, jobs=options.jobs,
                                  version=version, executor=options.executor) \
            if not options.use_cache else _extract_cached(settings, documents, gazetteer, options,
                                                          version, memos, problems)
    found += [p for e in extractions.values() for p in e.problems]
    pause_at("extracted")
    with times.stage("assemble"):
        timeline, assembly_problems = assemble(documents, extractions, settings.content, memos,
                                               _merge_groups(options.jobs), gazetteer)
    pause_at("assembled")
    return Gathered(documents, timeline, gazetteer,
                    problems + under(found + assembly_problems, settings.content))


def load(settings: Settings, kept: KeptInputs | None, changed: Sequence[str] | None
         ) -> tuple[list[Document], list[Problem]]:
    """Documents of the build: all of them, or the kept ones with ``changed`` re-read."""
    if kept is None or changed is None or (not kept.documents and not kept.load_problems):
        loaded = load_documents(settings.content_dir)
        by_path = {d.path: d for d in loaded.documents}
        grouped = _group(loaded.problems)
    else:
        by_path, grouped = dict(kept.documents), dict(kept.load_problems)
        for rel in changed:  # a changed folder (deleted, renamed) drops everything inside it
            for known in [k for k in {*by_path, *grouped} if k == rel or k.startswith(rel + "/")]:
                by_path.pop(known, None)
                grouped.pop(known, None)
        present = [r for r in changed if (settings.content_dir / r).is_file()]
        loaded = load_documents(settings.content_dir, present)
        by_path.update({d.path: d for d in loaded.documents})
        grouped.update(_group(loaded.problems))
    if kept is not None:
        kept.documents, kept.load_problems = by_path, grouped
    return [by_path[k] for k in sorted(by_path)], [p for k in sorted(grouped) for p in grouped[k]]


def _group(problems: Sequence[Problem]) -> dict[str, tuple[Problem, ...]]:
    grouped: dict[str, list[Problem]] = {}
    for problem in problems:
        grouped.setdefault(problem.path, []).append(problem)
    return {k: tuple(v) for k, v in grouped.items()}


def _gazetteer(settings: Settings, memos: Memos | None = None
               ) -> tuple[Gazetteer, dict[str, Any] | None, list[Problem]]:
    """The gazetteer with the site's actors, and those actors as read (they key the extraction
    cache); the dev server builds it again only when they change (event views are reused only
    while it is the same object)."""
    extra, problems = load_user_data(settings.root, "actors")
    if memos is not None and memos.gazetteer is not None and memos.gazetteer[0] == extra:
        kept: Gazetteer = memos.gazetteer[1]
        return kept, extra, problems
    gazetteer = events.load_gazetteer(extra)
    if memos is not None:
        memos.gazetteer = (extra, gazetteer)
    return gazetteer, extra, problems


def _extract_cached(settings: Settings, documents: Sequence[Document], gazetteer: Gazetteer,
                    options: BuildOptions, version: str, memos: Memos | None = None,
                    problems: list[Problem] | None = None) -> dict[str, Extraction]:
    """``problems`` is told once that a damaged cache file was replaced (``cache.notices``)."""
    with ExtractionCache.open(settings.root / ".cache" / "extract.sqlite",
                              ".cache/extract.sqlite") as cache:
        layered = cache if memos is None else KeptExtractions(cache, memos.extractions)
        extractions = extract_all(documents, gazetteer=gazetteer, cache=layered,
                                  jobs=options.jobs, version=version,
                                  executor=options.executor)
    if problems is not None:
        problems.extend(cache.notices)
    return extractions


class KeptExtractions:
    """The SQLite cache behind the extractions of the previous rebuild, kept as objects.

    Unchanged files get the very same ``Extraction`` back (not an equal unpickled copy), which is
    what lets the memos downstream recognize unchanged events by identity.
    """

    def __init__(self, cache: ExtractionCache, kept: dict[str, Extraction]) -> None:
        self.cache, self.kept = cache, kept

    def get_many(self, keys: Sequence[str]) -> dict[str, Extraction]:
        found = {k: self.kept[k] for k in keys if k in self.kept}
        found.update(self.cache.get_many([k for k in keys if k not in found]))
        self.kept.clear()
        self.kept.update(found)
        return found

    def put_many(self, items: Mapping[str, Extraction]) -> None:
        self.cache.put_many(items)
        self.kept.update(items)


def _merge_groups(jobs: int) -> Callable[[Sequence[Event]], list[list[Event]]]:
    """How a build groups reports of one development: bucket by bucket in forked workers when
    it has several jobs (the biggest bucket bounds the time it takes)."""
    if jobs < 2:
        return merge_groups
    return groups_by_bucket(partial(pools.results_forked, workers=jobs), 2 * jobs)
