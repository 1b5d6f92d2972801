"""``check``: validate every content file in one pass without writing the site.

It reports what a build reports: front matter, dates, duplicate ids, corrections of unknown
events, unresolved relative dates, and the quiet problems of ``lint.py`` (unknown actors, broken
links, missing note sources, a malformed ``cname``), which every full build reports too.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TextIO

from dateline import lint, render
from dateline.builds import BuildOptions, few_collections
from dateline.config import Settings
from dateline.models import Problem
from dateline.pipeline import gather
from dateline.problems import count, format_github, format_json, format_text, plural, sort_problems


def validate(settings: Settings) -> list[Problem]:
    """Every problem the build would report; nothing is written."""
    with few_collections():  # as a build: millions of objects, next to no cyclic garbage
        gathered = gather(settings, BuildOptions(build_time="", jobs=os.cpu_count() or 1,
                                                 use_cache=False))
    pages, _views = render.plan_pages(gathered.timeline, settings, gathered.gazetteer,
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
