"""The build and serve commands: options in, one pipeline call, a summary out."""

from __future__ import annotations

import argparse
import os
from concurrent.futures import Executor
from typing import Any, Literal, TextIO

from dateline.config import Settings
from dateline.models import BuildReport
from dateline.output.writer import WriteError
from dateline.pipeline.builds import build
from dateline.pipeline.clock import build_time_from
from dateline.pipeline.options import BuildOptions
from dateline.pipeline.pools import WorkerLost
from dateline.problems import count, plural, report_problems


def _exit_code(report: BuildReport, strict: bool) -> int:
    if not report.ok:
        return 1
    if strict and any(p.severity == "warning" for p in report.problems):
        return 1
    return 0


def _build_time(settings: Settings) -> str:
    return build_time_from(os.environ.get("SOURCE_DATE_EPOCH"), settings.content_dir,
                           settings.timezone)


def summary(report: BuildReport) -> str:
    return (f"{plural(report.documents, 'document')}, {plural(report.events, 'event')}, "
            f"{plural(report.pages, 'page')}, {plural(count(report.problems, 'error'), 'error')}, "
            f"{plural(count(report.problems, 'warning'), 'warning')} in {report.seconds:.2f} s")


def build_command(settings: Settings, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    executor = _executor(args.executor, err) if args.executor else None
    if executor is False:
        return 1
    options = BuildOptions(build_time=_build_time(settings),
                           jobs=max(1, args.jobs), use_cache=not args.no_cache,
                           executor=executor)
    try:
        report = build(settings, options)
    except WriteError as exc:
        print(f"{settings.output}: error: {exc.strerror}", file=err)
        print("  hint: check free disk space and that the output folder is writable; "
              "the previous site was left as it was", file=err)
        return 1
    except WorkerLost as exc:
        print(f"{settings.output}: error: {exc}", file=err)
        print("  hint: free some memory or build with --jobs 1; "
              "the previous site was left as it was", file=err)
        return 1
    report_problems(report.problems, err)
    print(f"Built {settings.output}/: {summary(report)}", file=out)
    return _exit_code(report, args.strict)


def _executor(address: str, err: TextIO) -> Executor | Literal[False]:
    """The Dask cluster's executor, or False once the reason it cannot be had is printed."""
    from dateline.pipeline.pools import (  # the pools' imports: only here
        ExecutorError,
        dask_executor,
    )

    try:
        return dask_executor(address)
    except ExecutorError as exc:
        print(f"error: --executor: {exc}", file=err)
        print("  hint: start a scheduler (dask scheduler) and pass its address, e.g. "
              "--executor dask://127.0.0.1:8786, or leave --executor out", file=err)
        return False


def serve_command(settings: Settings, args: argparse.Namespace, overrides: dict[str, Any],
                  out: TextIO, err: TextIO) -> int:
    """The dev server; ``overrides`` (the command line's settings) are applied again whenever
    ``pyproject.toml`` changes."""
    from dateline.pipeline.incremental import IncrementalBuilder
    from dateline.serve import serve

    options = BuildOptions(build_time=_build_time(settings),
                           jobs=os.cpu_count() or 1, write_on_error=False)
    builder = IncrementalBuilder(settings, options, overrides)
    watch = {"content": settings.content_dir, "template": settings.templates_dir,
             "config": settings.root / "pyproject.toml", "data": settings.root / "data"}
    return serve(builder, site_dir=settings.out_dir, base_path=settings.base_path, watch=watch,
                 host=args.host, port=args.port, poll=args.poll, open_browser=args.open)
