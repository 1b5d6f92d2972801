"""``check``: validate every content file in one pass without writing the site.

It reports what a build reports: front matter, dates, duplicate ids, corrections of unknown
events, unresolved relative dates, and the quiet problems of ``lint.py`` (unknown actors, broken
links, missing note sources, a malformed ``cname``), which every full build reports too.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from dateline.config import Settings
from dateline.models import Problem
from dateline.pipeline import lint
from dateline.pipeline.builds import few_collections
from dateline.pipeline.gather import gather
from dateline.pipeline.options import BuildOptions
from dateline.problems import count, format_github, format_json, format_text, plural, sort_problems
from dateline.site import plan


def validate(settings: Settings) -> list[Problem]:
    """Every problem the build would report; nothing is written."""
    with few_collections():  # as a build: millions of objects, next to no cyclic garbage
        gathered = gather(settings, BuildOptions(build_time="", jobs=os.cpu_count() or 1,
                                                 use_cache=False))
    pages, _views = plan.plan_pages(gathered.timeline, settings, gathered.gazetteer,
                                    "1970-01-01T00:00:00Z")
    found = lint.quiet_problems(gathered.documents, gathered.gazetteer, settings, pages)
    return sort_problems(gathered.problems + found)


def run(settings: Settings, fmt: str, strict: bool, out: TextIO, err: TextIO) -> int:
    """Print the problems in ``fmt``; exit code 1 on errors, or on warnings with ``strict``."""
    problems = validate(settings)
    emit(problems, fmt, out)
    errors, warnings = count(problems, "error"), count(problems, "warning")
    if fmt != "json":
        print(f"{plural(errors, 'error')}, {plural(warnings, 'warning')}", file=err)
    return 1 if errors or (strict and warnings) else 0


def emit(problems: Sequence[Problem], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        print(format_json(problems), file=out)
        return
    for problem in problems:
        print(format_github(problem) if fmt == "github" else format_text(problem), file=out)


def list_candidates(settings: Settings, target: str, fmt: str, out: TextIO, err: TextIO) -> int:
    """Every dated candidate of one content file, in text order: kept (a development) or left
    off with the reason, each with the id a note's ``corrects:`` takes to promote or hide it."""
    rel = _content_relative(settings, target)
    with few_collections():
        gathered = gather(settings, BuildOptions(build_time="", use_cache=False))
    extraction = gathered.timeline.extractions.get(rel)
    if extraction is None:
        print(f"{target}: error: not a content file that was read", file=err)
        print("  hint: give the path of an article, e.g. content/articles/story.md", file=err)
        return 1
    rows = sorted([(e.sources[0].line, e.id, "development", "on the timeline", e.quote)
                   for e in extraction.events]
                  + [(c.event.sources[0].line, c.event.id, c.kind, c.reason, c.event.quote)
                     for c in extraction.left_off])
    if fmt == "json":
        print(json.dumps([{"line": line, "id": ident, "kind": kind, "reason": reason,
                           "quote": quote} for line, ident, kind, reason, quote in rows],
                         indent=1, ensure_ascii=False), file=out)
        return 0
    path = f"{settings.content}/{rel}"
    for line, ident, kind, reason, quote in rows:
        shown = quote if len(quote) <= 100 else quote[:99] + "…"
        print(f"{path}:{line}: {kind}: {reason}\n  id: {ident}\n  {shown}", file=out)
    print(f"{len(rows)} candidates, {len(extraction.events)} on the timeline", file=err)
    return 0


def _content_relative(settings: Settings, target: str) -> str:
    """``content/articles/x.md``, ``articles/x.md`` or an absolute path → ``articles/x.md``."""
    path = Path(target)
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return absolute.resolve().relative_to(settings.content_dir.resolve()).as_posix()
    except ValueError:
        return target.removeprefix(f"{settings.content}/").removeprefix("content/")
