"""The dev server's rebuild, in phases: the saved file's own pages first, then the rest.

Like Hugo's fast render mode, the page an editor is looking at comes first: after a save, the
changed documents are loaded, extracted and assembled into the timeline (reusing everything that
did not change, see ``memo.py``), their source pages and their events' pages are rendered and
written, and a report is yielded so the browser can reload.  Then every page is planned, only the
pages whose template or context changed are rendered, and the data files are refreshed.  Last,
the search index of the live site is made again (Pagefind takes longer than the rest of a
one-file rebuild, so it waits until nothing newer is pending).  The server may close the
generator between phases when a newer save is waiting: the pages not yet rendered are simply
still due, and the next rebuild renders them and indexes the site.

``IncrementalBuilder`` is the builder the dev server calls; it keeps a ``BuildState`` from one
rebuild to the next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from dateline.config import Settings, load_settings
from dateline.models import BuildReport, Change, Document, Problem
from dateline.output import exports, search, writer
from dateline.pipeline.full import closing_files, report_of
from dateline.pipeline.gather import Gathered, gather
from dateline.pipeline.memo import IdentityMemo, Memos
from dateline.pipeline.options import BuildOptions
from dateline.pipeline.timing import StageTimes
from dateline.site import plan, render


@dataclass
class BuildState:
    """What an incremental rebuild keeps from the previous one (``gather.KeptInputs`` too)."""

    documents: dict[str, Document] = field(default_factory=dict)
    load_problems: dict[str, tuple[Problem, ...]] = field(default_factory=dict)
    memo: render.RenderMemo = field(default_factory=render.RenderMemo)
    written: set[str] = field(default_factory=set)
    memos: Memos = field(default_factory=Memos)
    env: tuple[str, jinja2.Environment] | None = None  # (templates' fingerprint key, env)


class Interrupted(Exception):
    """Newer changes are waiting: the rest of this rebuild would be wasted work."""


class IncrementalBuilder:
    """The dev server's builder callable: keeps state so a rebuild re-reads only what changed.

    ``phases(changes)`` yields a report after each phase of the rebuild (the changed documents'
    own pages first, then every page): the server publishes each one, and may close the
    generator between phases when newer changes are waiting.  Calling the builder runs them all.
    """

    def __init__(self, settings: Settings, options: BuildOptions,
                 overrides: dict[str, Any] | None = None) -> None:
        self.settings, self.options, self.overrides = settings, options, overrides
        self.state = BuildState()

    def __call__(self, changes: Sequence[Change]) -> BuildReport:
        return last_report(self.phases(changes))

    def phases(self, changes: Sequence[Change], interrupted: Callable[[], bool] | None = None
               ) -> Iterator[BuildReport]:
        """Reports after each phase; ``interrupted()`` true stops the rest (newer changes)."""
        kinds = {c.kind for c in changes}
        if "config" in kinds:  # settings may have changed: read them again, then build it all
            settings, problems = load_settings(self.settings.root, self.overrides)
            if problems:
                yield BuildReport(False, tuple(problems))
                return
            self.settings = settings
        if not changes or "config" in kinds or "data" in kinds:  # data/: the site's actors
            self.state = BuildState(written=self.state.written)
            yield from rebuild_phases(self.settings, self.options, self.state, None, interrupted)
            return
        content = self.settings.content_dir.absolute()
        paths = sorted({Path(c.path).absolute().relative_to(content).as_posix()
                        for c in changes if c.kind == "content"
                        and Path(c.path).absolute().is_relative_to(content)})
        yield from rebuild_phases(self.settings, self.options, self.state, paths, interrupted)


def last_report(reports: Iterable[BuildReport]) -> BuildReport:
    """The report of the last phase of a phased build."""
    last = BuildReport(False, ())
    for last in reports:  # noqa: B007 - only the last one is wanted
        continue
    return last


def rebuild_phases(settings: Settings, options: BuildOptions, state: BuildState,
                   changed: Sequence[str] | None,
                   interrupted: Callable[[], bool] | None = None) -> Iterator[BuildReport]:
    """Reports after each phase; ``changed`` (content paths) ``None`` means everything.

    ``interrupted()`` is asked between the steps of the second phase: when it says newer changes
    are waiting, the phase stops before writing anything, and the generator ends.
    """
    try:
        yield from _phases(settings, options, state, changed, interrupted or (lambda: False))
    except Interrupted:
        state.memo.pending.clear()  # rendered but not written: still due next time


def _phases(settings: Settings, options: BuildOptions, state: BuildState,
            changed: Sequence[str] | None, interrupted: Callable[[], bool]
            ) -> Iterator[BuildReport]:
    times = StageTimes(options.on_stage)
    gathered = gather(settings, options, state, changed, times)
    timeline, problems = gathered.timeline, gathered.problems
    ok = not any(p.severity == "error" for p in problems)
    if not ok and not options.write_on_error:  # keep the last good site on screen
        yield report_of(False, problems, timeline, 0, (), times.elapsed())
        return
    try:
        env = _environment(settings, state)
        known = {d.path for d in timeline.documents}
        shown = {p for p in changed or () if p in known} if state.written else set()
        if shown:
            quick, written = _own_pages(settings, options, state, env, gathered, shown, times)
            yield report_of(ok, problems, timeline, quick, written, times.elapsed())
        _check(interrupted)
        pages, files, current = _every_page(settings, options, state, env, gathered, times,
                                            interrupted)
    except render.TemplateProblem as exc:
        state.memo.pending.clear()
        yield report_of(False, [*problems, exc.problem], timeline, 0, (), times.elapsed())
        return
    indexed: list[Problem] = []
    live = bool(state.written) and settings.out_dir.is_dir()
    with times.stage("write"):
        changed_files = _write(settings, files, current, state,
                               None if live else _indexer(settings, options, indexed))
    state.memo.commit(current)
    state.memos.sweep()
    yield report_of(ok, problems + indexed, timeline, pages, changed_files, times.elapsed())
    if live and options.search:
        _check(interrupted)  # the index is remade by whichever rebuild comes last
        with times.stage("search"):
            indexed = search.index_site(settings.out_dir, settings.output)
        yield report_of(ok, problems + indexed, timeline, 0, (f"{search.OUTPUT}/pagefind.js",),
                        times.elapsed())


def _own_pages(settings: Settings, options: BuildOptions, state: BuildState,
               env: jinja2.Environment, gathered: Gathered, shown: set[str],
               times: StageTimes) -> tuple[int, list[str]]:
    """The first phase: the ``shown`` documents' own pages rendered and written; how many
    pages, and the paths written."""
    with times.stage("render"):
        facts = plan.site_facts(gathered.timeline, settings, gathered.gazetteer,
                                options.build_time, state.memos, shown)
        quick = plan.document_pages(gathered.timeline, facts, settings, shown, state.memos)
        files: dict[str, bytes | Path] = dict(render.render_pages(env, quick, state.memo))
    with times.stage("write"):
        written = writer.update_site(settings.out_dir, files, previous=set())
    # pages of a save that a newer one makes stale must be removed by a later rebuild
    # even if this one is interrupted before its last phase
    state.written = state.written | files.keys()
    state.memo.commit()
    return len(quick), written


def _every_page(settings: Settings, options: BuildOptions, state: BuildState,
                env: jinja2.Environment, gathered: Gathered, times: StageTimes,
                interrupted: Callable[[], bool]
                ) -> tuple[int, dict[str, bytes | Path], set[str]]:
    """The second phase up to the write: every page planned, those whose template or context
    changed rendered, the data and closing files made.  How many pages; the files to write
    (pages not rendered again are left out); every path the site has now."""
    with times.stage("plan"):
        pages, event_views = plan.plan_pages(gathered.timeline, settings, gathered.gazetteer,
                                             options.build_time, state.memos,
                                             checkpoint=lambda: _check(interrupted))
    with times.stage("render"):
        files: dict[str, bytes | Path] = {}
        for number, (path, data_bytes) in enumerate(render.render_pages(env, pages,
                                                                         state.memo)):
            files[path] = data_bytes
            if number % 50 == 49:
                _check(interrupted)
    with times.stage("exports"):
        data = {}
        for name, made in exports.iter_data_files(event_views, settings, options.build_time,
                                                 gathered.timeline.eras):
            _check(interrupted)
            data[name] = made
    _check(interrupted)
    closing = closing_files([*pages, *data], settings, options.build_time)
    files.update(data)
    files.update(closing)
    return len(pages), files, {*pages, *data, *closing}


def _check(interrupted: Callable[[], bool]) -> None:
    if interrupted():
        raise Interrupted


def _environment(settings: Settings, state: BuildState) -> jinja2.Environment:
    """The Jinja environment of the previous rebuild while no template changed.

    Its compiled templates and its card cache (by event view, and views of unchanged events are
    the same objects) carry over; a changed template means a new environment.
    """
    key = repr(settings) + render.template_sources_key(settings)
    if state.env is None or state.env[0] != key:
        cards: IdentityMemo[Any, dict[int, Markup]] = IdentityMemo()  # not the old cards
        env = render.environment(settings, cards)
        state.memo.fingerprints = render.template_fingerprints(env)  # raises on syntax errors
        state.memos.cards, state.env = cards, (key, env)
    return state.env[1]


def _indexer(settings: Settings, options: BuildOptions, problems: list[Problem]
             ) -> Callable[[Path], None] | None:
    if not options.search:
        return None

    def index(tree: Path) -> None:
        problems.extend(search.index_site(tree, settings.output))

    return index


def _write(settings: Settings, files: dict[str, bytes | Path], current: set[str],
           state: BuildState, finish: Callable[[Path], None] | None) -> tuple[str, ...]:
    """The first build writes a whole tree; later ones update the live site file by file."""
    if state.written and settings.out_dir.is_dir():
        changed = writer.update_site(settings.out_dir, files, state.written, current)
    else:
        changed = writer.write_site(settings.out_dir, sorted(files.items()), finish)
    state.written = current
    return tuple(changed)
