"""Thin command line: each command parses its options and calls one function."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from dateline.config import Settings, load_settings
from dateline.problems import report_problems


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description="Dateline: news → timeline site")
    parser.add_argument("--root", default=".", help="project folder holding pyproject.toml")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the site")
    _site_options(build)
    build.add_argument("--strict", action="store_true", help="fail on warnings too")
    build.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                       help="processes for extraction (default: all cores)")
    build.add_argument("--executor", default=None,
                       help="dask://HOST:PORT to extract on a Dask cluster")
    build.add_argument("--no-cache", action="store_true", help="ignore the extraction cache")
    serve = commands.add_parser("serve", help="build, serve and rebuild on change")
    _site_options(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--poll", action="store_true", help="poll for changes (network mounts)")
    serve.add_argument("--open", action="store_true", help="open the site in a browser")
    check = commands.add_parser("check", help="validate content without writing the site")
    _site_options(check)
    check.add_argument("--format", choices=("text", "github", "json"), default="text")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--candidates", metavar="FILE",
                       help="list every dated candidate of one article: on the timeline or left "
                            "off, and why")
    new = commands.add_parser("new", help="scaffold a note, an era or an article")
    new.add_argument("kind", choices=("note", "era", "article"))
    new.add_argument("title")
    new.add_argument("--date", default=None)
    new.add_argument("--url", default=None)
    new.add_argument("--publisher", default=None)
    new.add_argument("--content", default=None)
    timex = commands.add_parser("timex", help="print the time expressions of a text")
    timex.add_argument("file", nargs="?")
    timex.add_argument("--anchor", default=None, help="story date YYYY-MM-DD")
    timex.add_argument("--batch", default=None, help="JSON lines {doc, dct, text}")
    return parser


def _site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", default=None, help="content folder (default content/)")
    parser.add_argument("--out", dest="output", default=None, help="output folder (default site/)")
    parser.add_argument("--base-url", dest="base_url", default=None,
                        help="public URL or path of the site, e.g. /repo/")


def overrides_from(args: argparse.Namespace) -> dict[str, Any]:
    """Command-line settings, with folders made relative to the project root."""
    overrides = {k: getattr(args, k, None) for k in ("content", "output", "base_url")}
    root = Path(args.root)
    for key in ("content", "output"):
        value = overrides[key]
        if value is not None:
            overrides[key] = os.path.relpath(str(Path(value).absolute()), str(root.absolute()))
    return overrides


def settings_from(args: argparse.Namespace, overrides: dict[str, Any], err: TextIO
                  ) -> Settings | None:
    settings, problems = load_settings(Path(args.root), overrides)
    if problems:
        report_problems(problems, err)
        return None
    return settings


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr
         ) -> int:
    args = _parser().parse_args(argv)
    if args.command == "timex":
        from dateline.timex import cli as timex_cli
        return timex_cli.run(args.file, args.anchor, args.batch, out)
    if args.command == "new":
        from dateline.content import scaffold  # type: ignore[attr-defined, unused-ignore]
        code: int = scaffold.run(args, out, err)
        return code
    overrides = overrides_from(args)
    settings = settings_from(args, overrides, err)
    if settings is None:
        return 1
    if args.command == "build":
        from dateline import commands
        return commands.build_command(settings, args, out, err)
    if args.command == "serve":
        from dateline import commands
        return commands.serve_command(settings, args, overrides, out, err)
    from dateline import check
    if args.candidates:
        return check.list_candidates(settings, args.candidates, args.format, out, err)
    return check.run(settings, args.format, args.strict, out, err)
