"""The one place problems are formatted: text for people, GitHub annotations, JSON for tools."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TextIO

from dateline.models import Problem


def under(problems: Iterable[Problem], folder: str) -> list[Problem]:
    """Content problems carry content-relative paths; people need them from the project root."""
    prefix = folder.rstrip("/") + "/"
    return [replace(p, path=prefix + p.path) for p in problems]


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file order, so output is stable whatever order files were read in."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.col, p.severity, p.message))


def format_text(problem: Problem) -> str:
    """``path:line:col: error: message`` plus an indented ``hint:`` line."""
    head = f"{problem.path}:{problem.line}:{problem.col}: {problem.severity}: {problem.message}"
    return f"{head}\n  hint: {problem.hint}" if problem.hint else head


def report_problems(problems: Sequence[Problem], err: TextIO) -> None:
    """Problems as text, and as annotations too when running under GitHub Actions."""
    ordered = sort_problems(problems)
    for problem in ordered:
        print(format_text(problem), file=err)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in ordered:
            print(format_github(problem), file=err)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problem: Problem, prefix: str = "") -> str:
    """A GitHub Actions workflow command that annotates the line in the pull request."""
    level = "error" if problem.severity == "error" else "warning"
    path = _escape_property(prefix + problem.path)
    message = problem.message + (f" (hint: {problem.hint})" if problem.hint else "")
    return (f"::{level} file={path},line={problem.line},col={problem.col},"
            f"title=Dateline::{_escape_data(message)}")


def format_json(problems: Iterable[Problem]) -> str:
    """All problems as one JSON document for tools."""
    rows = [
        {"path": p.path, "line": p.line, "col": p.col, "severity": p.severity,
         "message": p.message, "hint": p.hint}
        for p in sort_problems(problems)
    ]
    return json.dumps({"problems": rows}, indent=2, ensure_ascii=False)


def count(problems: Iterable[Problem], severity: str) -> int:
    return sum(1 for p in problems if p.severity == severity)


def plural(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")
