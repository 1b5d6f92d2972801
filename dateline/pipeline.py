"""The build, top to bottom: load → extract → assemble → render → write.

All reading and validation finish before anything is written; a build with errors still builds
every valid file (and says so in its exit code), except in the dev server, which keeps the last good
site on screen instead.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import jinja2

from dateline import events, exports, forked, lint, plan, render, search, writer
from dateline.assemble import assemble
from dateline.cache import ExtractionCache
from dateline.config import Settings
from dateline.events.buckets import groups_by_bucket
from dateline.events.merge import merge_groups
from dateline.extract import extract_all, version_key
from dateline.loader import load_documents, load_user_data
from dateline.memo import Memos
from dateline.models import BuildReport, Document, Event, Extraction, Problem, Timeline
from dateline.options import BuildOptions, Stage, stage_timer
from dateline.pausepoints import pause_at
from dateline.problems import sort_problems, under

T = TypeVar("T")


@dataclass
class BuildState:
    """What an incremental rebuild keeps from the previous one."""

    documents: dict[str, Document] = field(default_factory=dict)
    load_problems: dict[str, tuple[Problem, ...]] = field(default_factory=dict)
    memo: render.RenderMemo = field(default_factory=render.RenderMemo)
    written: set[str] = field(default_factory=set)
    memos: Memos = field(default_factory=Memos)
    env: tuple[str, jinja2.Environment] | None = None  # (templates' fingerprint key, env)


@dataclass(frozen=True)
class Gathered:
    """Everything read and understood, before anything is rendered."""

    documents: list[Document]  # every valid document (the timeline leaves out duplicates)
    timeline: Timeline
    gazetteer: object
    problems: list[Problem]  # paths from the project root


def gather(settings: Settings, options: BuildOptions, state: BuildState | None = None,
           changed: Sequence[str] | None = None, stage: Stage | None = None) -> Gathered:
    """Load → extract → assemble: the part of a build that ``check`` runs too."""
    stage = stage or stage_timer(None)
    memos = state.memos if state is not None else None
    with stage("load"):
        documents, found = load(settings, state, changed)
        gazetteer, site_data, problems = _gazetteer(settings, memos)
        version = version_key(site_data)
    pause_at("loaded")
    with stage("extract"):
        extractions = extract_all(documents, gazetteer=gazetteer, cache=None, jobs=options.jobs,
                                  version=version, executor=options.executor) \
            if not options.use_cache else _extract_cached(settings, documents, gazetteer, options,
                                                          version, memos, problems)
    found += [p for e in extractions.values() for p in e.problems]
    pause_at("extracted")
    with stage("assemble"):
        timeline, assembly_problems = assemble(documents, extractions, settings.content, memos,
                                               _merge_groups(options.jobs), gazetteer)
    pause_at("assembled")
    return Gathered(documents, timeline, gazetteer,
                    problems + under(found + assembly_problems, settings.content))


def full_build(settings: Settings, options: BuildOptions) -> BuildReport:
    """A full build: everything loaded and checked, then streamed into a new tree swapped in at
    the end."""
    started = time.perf_counter()
    stage = stage_timer(options.on_stage)
    gathered = gather(settings, options, stage=stage)
    timeline, gazetteer, problems = (_pages_part(gathered.timeline), gathered.gazetteer,
                                     gathered.problems)
    with stage("plan"):
        pages, event_views = plan.plan_pages(timeline, settings, gazetteer, options.build_time)
        problems = sort_problems(problems + lint.quiet_problems(gathered.documents, gazetteer,
                                                                settings, pages))
    del gathered  # its timeline holds every document's pre-merge events
    pause_at("planned")
    has_errors = any(p.severity == "error" for p in problems)
    indexed: list[Problem] = []

    def finish(tree: Path) -> None:
        with stage("search"):  # inside "write": it runs on the new tree before the swap
            indexed.extend(search.index_site(tree, settings.output))

    if has_errors and not options.write_on_error:
        return report_of(False, problems, timeline, 0, (), started)
    try:
        written = _stream_site(pages, event_views, settings, options, stage,
                               finish if options.search else None)
    except render.TemplateProblem as exc:
        return report_of(False, [*problems, exc.problem], timeline, 0, (), started)
    return report_of(not has_errors, problems + indexed, timeline, len(pages), written, started)


def _pages_part(timeline: Timeline) -> Timeline:
    """``timeline`` without what only assembling needed: each extraction's own (pre-merge)
    events, 86 MB at 12,000 articles (pages show only timexes and anchors)."""
    return replace(timeline, extractions={path: replace(e, events=(), problems=())
                                          for path, e in timeline.extractions.items()})


def load(settings: Settings, state: BuildState | None, changed: Sequence[str] | None
         ) -> tuple[list[Document], list[Problem]]:
    """Documents of the build: all of them, or the previous ones with ``changed`` re-read."""
    if state is None or changed is None or (not state.documents and not state.load_problems):
        loaded = load_documents(settings.content_dir)
        by_path = {d.path: d for d in loaded.documents}
        grouped = _group(loaded.problems)
    else:
        by_path, grouped = dict(state.documents), dict(state.load_problems)
        for rel in changed:  # a changed folder (deleted, renamed) drops everything inside it
            for known in [k for k in {*by_path, *grouped} if k == rel or k.startswith(rel + "/")]:
                by_path.pop(known, None)
                grouped.pop(known, None)
        present = [r for r in changed if (settings.content_dir / r).is_file()]
        loaded = load_documents(settings.content_dir, present)
        by_path.update({d.path: d for d in loaded.documents})
        grouped.update(_group(loaded.problems))
    if state is not None:
        state.documents, state.load_problems = by_path, grouped
    return [by_path[k] for k in sorted(by_path)], [p for k in sorted(grouped) for p in grouped[k]]


def _group(problems: Sequence[Problem]) -> dict[str, tuple[Problem, ...]]:
    grouped: dict[str, list[Problem]] = {}
    for problem in problems:
        grouped.setdefault(problem.path, []).append(problem)
    return {k: tuple(v) for k, v in grouped.items()}


def _gazetteer(settings: Settings, memos: Memos | None = None
               ) -> tuple[object, dict[str, Any] | None, list[Problem]]:
    """The gazetteer with the site's actors, and those actors as read (they key the extraction
    cache); the dev server builds it again only when they change (event views are reused only
    while it is the same object)."""
    extra, problems = load_user_data(settings.root, "actors")
    if memos is not None and memos.gazetteer is not None and memos.gazetteer[0] == extra:
        return memos.gazetteer[1], extra, problems
    gazetteer = events.load_gazetteer(extra)
    if memos is not None:
        memos.gazetteer = (extra, gazetteer)
    return gazetteer, extra, problems


def _extract_cached(settings: Settings, documents: Sequence[Document], gazetteer: object,
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

    def __init__(self, cache: ExtractionCache, kept: dict[str, Any]) -> None:
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
    """How a full build groups reports of one development: bucket by bucket in forked
    workers when it has several jobs (the biggest bucket bounds it: half the time, here)."""
    if jobs < 2:
        return merge_groups
    return groups_by_bucket(partial(forked.results_forked, workers=jobs), 2 * jobs)


def closing_files(paths: Iterable[str], settings: Settings, build_time: str
                  ) -> dict[str, bytes | Path]:
    """What every site has besides its pages and data: the sitemap of ``paths`` (pages and
    data files), .nojekyll, CNAME and the theme's assets."""
    return {"sitemap.xml": exports.sitemap(paths, settings, build_time), **_fixed_files(settings)}


def _fixed_files(settings: Settings) -> dict[str, bytes | Path]:
    """Files that do not depend on the content: .nojekyll, CNAME and the theme's assets."""
    files: dict[str, bytes | Path] = {".nojekyll": b""}
    if settings.cname:
        files["CNAME"] = settings.cname.encode() + b"\n"
    files.update(render.static_files(settings))
    return files


def _stream_site(pages: Mapping[str, render.Page], event_views: Sequence[dict[str, Any]],
                 settings: Settings, options: BuildOptions, stage: Stage,
                 finish: Callable[[Path], None] | None) -> tuple[str, ...]:
    """A full build's render and write in one pass: each page goes to disk as it is rendered.

    Never the whole site in memory (it is hundreds of MB for a few thousand articles).  With
    ``jobs`` > 1 the pages are rendered and written by forked workers, a share at a time, while
    this process writes the data files (with one job, this process writes the data files, then
    the pages).  Returns the changed paths.
    """
    env = render.environment(settings)
    closing = closing_files([*pages, *exports.DATA_FILES], settings, options.build_time)
    data = exports.iter_data_files(event_views, settings, options.build_time)
    spent = forked.SharedSeconds(("render", "exports", "write"))
    began = time.perf_counter()
    shares = [_timed(render.render_pages(env, {p: pages[p] for p in share}, None), "render",
                     spent.add) for share in render.page_shares(pages, SHARE_PAGES)]
    here = itertools.chain(_timed(data, "exports", spent.add),
                           _timed(closing.items(), "write", spent.add))
    workers = options.jobs if len(pages) >= FORK_THRESHOLD else 1  # one worker: all in here
    if workers > 1:  # what every worker would otherwise make again: templates, then cards
        render.compile_templates(env)
        _cards_in_workers(env, event_views, workers, spent)
    written = writer.write_site(settings.out_dir, here, finish, shares, workers)
    if options.on_stage is not None:
        totals = spent.totals()
        for name in ("render", "exports"):
            options.on_stage(name, totals[name])
        unmeasured = time.perf_counter() - began - sum(totals.values())  # swap, links, search
        options.on_stage("write", totals["write"] + max(0.0, unmeasured))
    return tuple(written)


def _cards_in_workers(env: jinja2.Environment, event_views: Sequence[dict[str, Any]],
                      workers: int, spent: forked.SharedSeconds) -> None:
    """Every event's cards rendered by forked workers and kept here, for the listings' workers
    (forked after this) to share."""
    def timed(piece: Callable[[], list[tuple[str, int, str]]]) -> list[tuple[str, int, str]]:
        began = time.perf_counter()
        try:
            return piece()
        finally:
            spent.add("render", time.perf_counter() - began)

    pieces = render.card_pieces(env, event_views, SHARE_PAGES * 5)
    rendered = forked.results_forked([partial(timed, p) for p in pieces], workers)
    render.keep_cards(env, (card for piece in rendered for card in piece))


FORK_THRESHOLD = 400  # pages: below this, forking workers costs more than it saves
SHARE_PAGES = 100  # pages a worker renders and writes before it takes the next share


def _timed(items: Iterable[T], name: str, add: Callable[[str, float], None]) -> Iterator[T]:
    """``items`` as they come, telling ``add`` the time spent making each (as ``name``) and the
    time its consumer spent on it before asking for the next (as ``"write"``)."""
    iterator = iter(items)
    while True:
        began = time.perf_counter()
        try:
            item = next(iterator)
        except StopIteration:
            return
        finally:
            add(name, time.perf_counter() - began)
        handed = time.perf_counter()
        yield item
        add("write", time.perf_counter() - handed)


def report_of(ok: bool, problems: Sequence[Problem], timeline: Timeline, pages: int,
            written: Sequence[str], started: float) -> BuildReport:
    return BuildReport(ok, tuple(sort_problems(problems)), len(timeline.documents),
                       len(timeline.events), pages, tuple(written),
                       round(time.perf_counter() - started, 3))
