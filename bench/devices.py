"""Builds with and without each speed device of the render, alternated (issue 21).

    .venv/bin/python bench/devices.py [--rounds 3] [--jobs 2] [--cached] [--limit N]

A device is kept only while its gain is at least 3 % of a cold build.  This script converts the
TE3 silver corpus into a project once (as ``bench/build.py`` does), snapshots the ``dateline``
package, then runs one build of every variant per round, in a rotating order (A B C, B C A, ...),
each in its own process under ``bench/build.py``'s wrapper (wall time, CPU of the process tree,
peak PSS of the tree).  A variant switches devices off in the build process before it builds:

- ``refork``: forked render workers replaced by a fresh fork every ``PIECES_PER_CHILD`` shares
  (off: a worker runs every share it is given, ``maxtasksperchild=None``);
- ``cards``: the card pre-render round (``pipeline._cards_in_workers``; off: each listing's
  worker renders the cards it shows);
- ``plain``: the plain-paragraph shortcut (``markup.plain_paragraphs``; off: every text goes
  through Python-Markdown).

A device no longer in the code is reported as such and its variant skipped.  Every build is
cold (no site, no extraction cache); ``--cached`` keeps the extraction cache between builds
(the rest of a cold build, without extraction's noise).  The printed gain of a device is the
median build of the variant without it minus the median with everything on, as a share of the
median cold build with everything on.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import json
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.append(str(Path(__file__).resolve().parents[1]))  # after PYTHONPATH: see snapshot_code

from bench.build import PYTHON, measured, snapshot_code
from bench.common import REPO, make_project, read_stories

HERE = Path(__file__).resolve()
DEVICES = ("refork", "cards", "plain")
VARIANTS = ("all", "no-refork", "no-cards", "no-plain", "none")


def _switch_off(device: str) -> bool:
    """Switch ``device`` off in this process (the build's); False when the code has no such
    device any more."""
    places, replacement = SWITCHES[device]
    for module_name, name in places:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        if hasattr(module, name):
            setattr(module, name, replacement())
            return True
    return False


# device: (where it may live, (module, name), first found; what replaces it)
SWITCHES: dict[str, tuple[tuple[tuple[str, str], ...], Callable[[], object]]] = {
    # each module as the measured revision lays it out: in folders (now), or at the top (before)
    "refork": ((("dateline.pipeline.pools", "PIECES_PER_CHILD"),
                ("dateline.pools", "PIECES_PER_CHILD"), ("dateline.forked", "PIECES_PER_CHILD")),
               lambda: None),
    "cards": ((("dateline.pipeline.full", "_cards_in_workers"),
               ("dateline.pipeline", "_cards_in_workers")), lambda: lambda *_args: None),
    "plain": ((("dateline.site.markup", "plain_paragraphs"),
               ("dateline.markup", "plain_paragraphs")), lambda: lambda _text: None),
}


def snapshot_revision(workdir: Path, revision: str) -> dict[str, str]:
    """The ``dateline`` package and the templates as committed at ``revision``, for this run's
    builds (others' edits in progress leave the working tree's half-changed while a run lasts).
    The templates go to ``workdir/x1/templates``, where ``make_project`` leaves them."""
    code = workdir / "code"
    shutil.rmtree(code, ignore_errors=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", revision, "dateline",
                              "templates"], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(code, filter="data")
    shutil.rmtree(workdir / "x1" / "templates", ignore_errors=True)
    shutil.copytree(code / "templates", workdir / "x1" / "templates")
    return {"PYTHONPATH": str(code)}


def devices_off(variant: str) -> tuple[str, ...]:
    if variant == "all":
        return ()
    if variant == "none":
        return DEVICES
    return (variant.removeprefix("no-"),)


def child(root: Path, jobs: int, variant: str, cached: bool) -> None:
    """One build of ``variant`` in this process; prints ``bench/build.py``'s JSON line."""
    from bench import build

    missing = [d for d in devices_off(variant) if not _switch_off(d)]
    if missing:
        print(json.dumps({"missing": missing}))
        return
    counters = _instrument()
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        build.child(root, jobs, search=False, profile="", reuse=not cached)
    result = json.loads(printed.getvalue().strip().splitlines()[-1])
    result.update(zip(COUNTED, counters[:], strict=True))
    print(json.dumps(result))


# What the devices act on, summed over the build process and its forked workers (CPU seconds
# of each process, ``time.process_time``): cards rendered (a card made once and reused is one),
# and Markdown conversions (``markup._converted``: the shortcut's test, or Python-Markdown).
COUNTED = ("cards_made", "cards_cpu", "markdown_calls", "markdown_cpu")


def _first_module(*names: str) -> Any:
    """The first of ``names`` the measured revision has (modules moved into folders)."""
    for name in names:
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError:
            continue
    raise ModuleNotFoundError(names[0])


def _instrument() -> Any:
    """Counters of ``COUNTED`` in memory the forked workers share with this process."""
    import multiprocessing

    # Any: the instrument fits whatever types the measured revision gives these modules
    render: Any = _first_module("dateline.site.render", "dateline.render")
    markup: Any = _first_module("dateline.site.markup", "dateline.markup")
    counters = multiprocessing.get_context("fork").Array("d", len(COUNTED))
    real_card, real_converted = render._Cards.__call__, markup._converted

    def add(first: int, began: float) -> None:
        with counters.get_lock():
            counters[first] += 1
            counters[first + 1] += time.process_time() - began

    def card(self: Any, event: dict[str, Any], level: int = 3) -> Any:
        if self.kept is not None or level in self.cache.get(event["id"], {}):
            return real_card(self, event, level)
        began = time.process_time()
        try:
            return real_card(self, event, level)
        finally:
            add(0, began)

    def converted(text: str) -> str:
        began = time.process_time()
        try:
            return str(real_converted(text))
        finally:
            add(2, began)

    render._Cards.__call__ = card
    markup._converted = converted
    return counters


def one_build(root: Path, args: argparse.Namespace, variant: str) -> dict[str, Any] | None:
    shutil.rmtree(root / "site", ignore_errors=True)
    if not args.cached:
        shutil.rmtree(root / ".cache", ignore_errors=True)
    command = [PYTHON, str(HERE), "--child", str(root), "--jobs", str(args.jobs),
               "--variant", variant] + (["--cached"] if args.cached else [])
    result = measured(command, args.code_env)
    last = json.loads(result.pop("last"))
    if "missing" in last:
        return None
    result.update(last)
    return result


def _line(variant: str, runs: list[dict[str, Any]]) -> str:
    walls = [r["wall"] for r in runs]

    def median(key: str) -> float:
        return statistics.median(float(r[key]) for r in runs)

    render = statistics.median(r["stages"].get("render", 0.0) for r in runs)
    cpus = [r["cpu"] for r in runs]
    return (f"{variant:10} wall {statistics.median(walls):6.2f} s "
            f"({min(walls):.2f}-{max(walls):.2f})  cpu {median('cpu'):5.1f} s "
            f"({min(cpus):.1f}-{max(cpus):.1f})  render {render:5.2f}  "
            f"cards {median('cards_made'):6.0f} in {median('cards_cpu'):4.2f} s  "
            f"markdown {median('markdown_cpu'):4.2f} s  memory {median('tree_mb'):4.0f} MB  "
            f"{runs[0]['pages']} pages, {len(runs)} runs")


def report(runs: dict[str, list[dict[str, Any]]], cold_wall: float) -> None:
    print("\nvariant    median (min-max) wall, cpu; render process-seconds; cards made and "
          "their CPU; Markdown CPU; peak PSS")
    for variant, done in runs.items():
        if done:
            print(_line(variant, done))
    base = runs["all"]
    base_wall = statistics.median(r["wall"] for r in base)
    base_cpu = statistics.median(r["cpu"] for r in base)
    print(f"\ngain of each device (without it minus with it; % of a cold build, "
          f"{cold_wall:.2f} s)")
    for variant in VARIANTS[1:]:
        if not runs[variant]:
            print(f"{variant:10} not in the code any more")
            continue
        wall = statistics.median(r["wall"] for r in runs[variant]) - base_wall
        cpu = statistics.median(r["cpu"] for r in runs[variant]) - base_cpu
        own = sum(statistics.median(r[k] for r in runs[variant])
                  - statistics.median(r[k] for r in base) for k in ("cards_cpu", "markdown_cpu"))
        print(f"{variant:10} wall {wall:+6.2f} s ({100 * wall / cold_wall:+5.1f} %)  "
              f"cpu {cpu:+6.2f} s ({100 * cpu / base_cpu:+5.1f} %)  "
              f"cards and Markdown cpu {own:+5.2f} s ({100 * own / base_cpu:+5.1f} %)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cached", action="store_true",
                        help="keep the extraction cache between builds")
    parser.add_argument("--cold-wall", type=float, default=0.0,
                        help="the cold build's wall time the gains are shares of (default: "
                        "this run's median with every device on)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N stories")
    parser.add_argument("--keep", type=Path, help="work in DIR and leave it there")
    parser.add_argument("--code-from", default="", metavar="REV",
                        help="build with the dateline package of git revision REV (default: "
                        "the working tree's, copied)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--variant", default="all", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.jobs, args.variant, args.cached)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="dateline-devices-"))
    args.code_env = snapshot_code(workdir) if not args.code_from else \
        snapshot_revision(workdir, args.code_from)
    root = make_project(workdir / "x1", read_stories(limit=args.limit))
    runs: dict[str, list[dict[str, Any]]] = {v: [] for v in VARIANTS}
    try:
        if args.cached:  # fills the extraction cache; not counted
            one_build(root, args, "all")
        for round_ in range(args.rounds):
            order = VARIANTS[round_ % len(VARIANTS):] + VARIANTS[:round_ % len(VARIANTS)]
            for variant in order:
                result = one_build(root, args, variant)
                if result is None:
                    continue
                runs[variant].append(result)
                print(f"round {round_ + 1} {variant:10} {result['wall']:6.2f} s  "
                      f"cpu {result['cpu']:5.1f} s  render {result['stages']['render']:.2f}  "
                      f"cards {result['cards_made']:.0f} ({result['cards_cpu']:.2f} s)  "
                      f"markdown {result['markdown_cpu']:.2f} s  "
                      f"{result['tree_mb']:.0f} MB", flush=True)
        base = statistics.median(r["wall"] for r in runs["all"])
        report(runs, args.cold_wall or base)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
