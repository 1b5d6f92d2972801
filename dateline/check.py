"""``check``: validate every content file in one pass without writing the site."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TextIO

from dateline.assemble import assemble
from dateline.config import Settings
from dateline.extract import extract_all, version_key
from dateline.loader import load_documents
from dateline.models import Problem
from dateline.pipeline import _gazetteer
from dateline.problems import (
    count,
    format_github,
    format_json,
    format_text,
    plural,
    sort_problems,
    under,
)


def validate(settings: Settings) -> list[Problem]:
    """Every problem the build would report, without rendering or writing."""
    loaded = load_documents(settings.content_dir)
    gazetteer, problems = _gazetteer(settings)
    extractions = extract_all(loaded.documents, gazetteer=gazetteer, version=version_key(),
                              jobs=os.cpu_count() or 1)
    found = list(loaded.problems) + [p for e in extractions.values() for p in e.problems]
    _timeline, assembly_problems = assemble(loaded.documents, extractions)
    return sort_problems(problems + under(found + assembly_problems, settings.content))


def run(settings: Settings, fmt: str, strict: bool, out: TextIO, err: TextIO) -> int:
    problems = validate(settings)
    emit(problems, fmt, out)
    errors, warnings = count(problems, "error"), count(problems, "warning")
    if fmt == "text":
        print(f"{plural(errors, 'error')}, {plural(warnings, 'warning')}", file=err)
    return 1 if errors or (strict and warnings) else 0


def emit(problems: Sequence[Problem], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        print(format_json(problems), file=out)
        return
    for problem in problems:
        if fmt == "github":
            print(format_github(problem), file=out)
        else:
            print(format_text(problem), file=out)
