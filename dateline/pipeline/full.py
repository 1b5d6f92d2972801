"""The full build, top to bottom: load → extract → assemble (``gather.py``) → plan → render →
write.

All reading and validation finish before anything is written; a build with errors still builds
every valid file (and says so in its exit code) unless ``BuildOptions.write_on_error`` is off.
The dev server's rebuild (``incremental.py``) gathers the same way and takes ``closing_files``
and ``report_of`` from here.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from dateline.config import Settings
from dateline.models import BuildReport, Era, Problem, Timeline
from dateline.output import exports, search, writer
from dateline.pipeline import lint, pools
from dateline.pipeline.gather import gather
from dateline.pipeline.options import BuildOptions
from dateline.pipeline.pausepoints import pause_at
from dateline.pipeline.timing import StageTimes
from dateline.problems import sort_problems
from dateline.site import plan, render
from dateline.site.views import EventView


def full_build(settings: Settings, options: BuildOptions) -> BuildReport:
    """A full build: everything loaded and checked, then streamed into a new tree swapped in at
    the end."""
    times = StageTimes(options.on_stage)
    gathered = gather(settings, options, times=times)
    timeline, gazetteer, problems = (_pages_part(gathered.timeline), gathered.gazetteer,
                                     gathered.problems)
    with times.stage("plan"):
        pages, event_views = plan.plan_pages(timeline, settings, gazetteer, options.build_time)
        problems = sort_problems(problems + lint.quiet_problems(gathered.documents, gazetteer,
                                                                settings, pages))
    del gathered  # its timeline holds every document's pre-merge events
    pause_at("planned")
    has_errors = any(p.severity == "error" for p in problems)
    indexed: list[Problem] = []

    def finish(tree: Path) -> None:
        with times.stage("search"):  # inside "write": it runs on the new tree before the swap
            indexed.extend(search.index_site(tree, settings.output))

    if has_errors and not options.write_on_error:
        return report_of(False, problems, timeline, 0, (), times.elapsed())
    try:
        written = _stream_site(pages, event_views, settings, options, times,
                               finish if options.search else None, timeline.eras)
    except render.TemplateProblem as exc:
        return report_of(False, [*problems, exc.problem], timeline, 0, (), times.elapsed())
    return report_of(not has_errors, problems + indexed, timeline, len(pages), written,
                     times.elapsed())


def _pages_part(timeline: Timeline) -> Timeline:
    """``timeline`` without what only assembling needed: each extraction's own (pre-merge)
    events (pages show only timexes and anchors)."""
    return replace(timeline, extractions={path: replace(e, events=(), problems=())
                                          for path, e in timeline.extractions.items()})


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


def _stream_site(pages: Mapping[str, render.Page], event_views: Sequence[EventView],
                 settings: Settings, options: BuildOptions, times: StageTimes,
                 finish: Callable[[Path], None] | None, eras: Sequence[Era] = ()
                 ) -> tuple[str, ...]:
    """A full build's render and write in one pass: each page goes to disk as it is rendered.

    Never the whole site in memory.  With ``jobs`` > 1 (and enough pages) the pages are rendered
    and written by forked workers, a share at a time, while this process writes the data files
    (with one job, this process writes the data files, then the pages).  Returns the changed
    paths.
    """
    env = render.environment(settings)
    closing = closing_files([*pages, *exports.DATA_FILES], settings, options.build_time)
    data = exports.iter_data_files(event_views, settings, options.build_time, eras)
    workers = pools.page_workers(len(pages), options.jobs)  # one: all in this process
    with times.across_workers(("render", "exports", "write"), rest="write") as spent:
        shares = [spent.each(render.render_pages(env, {p: pages[p] for p in share}, None),
                             "render", "write")
                  for share in render.page_shares(pages, pools.SHARE_PAGES)]
        here = itertools.chain(spent.each(data, "exports", "write"),
                               spent.each(closing.items(), "write", "write"))
        if workers > 1:  # compiled once here rather than again in every worker
            render.compile_templates(env)
        with writer.new_tree(settings.out_dir) as tree:
            filled = pools.share_out(tree.fill, here, shares, workers)
            written = tree.swap_in(filled, finish)
    return tuple(written)


def report_of(ok: bool, problems: Sequence[Problem], timeline: Timeline, pages: int,
              written: Sequence[str], seconds: float) -> BuildReport:
    """The report of a build that took ``seconds``, its problems in order."""
    return BuildReport(ok, tuple(sort_problems(problems)), len(timeline.documents),
                       len(timeline.events), pages, tuple(written), round(seconds, 3))
