"""Build time and peak memory of one pathological content file, at growing sizes (issue 16).

    .venv/bin/python bench/pathological.py [--cases run-on,brackets,...] [--jobs 1]

Each case is one article whose body repeats a hostile pattern; each size is built from scratch
(``build --no-cache``) in its own subprocess, beside one ordinary article that must still build.
Printed per row: the body's size, wall time, peak RSS of the build process tree (``ru_maxrss``
of the command and what it waited for), the site's size, the events built and the problems
reported.  The ratios between rows show the growth: linear growth doubles the time when the size
doubles.  The budget is 10 s and 500 MB for any file under the 5 MB cap, on one core (``--jobs
1``); a size past a bound is refused at its line, and costs next to nothing.

Cases (the red-team inputs of issue 16):
- ``run-on``: one sentence without full stops ("Trump met Kim on Tuesday ... next week ");
- ``prose``: ordinary wire stories, one after another;
- ``brackets``: '[' after '[';
- ``link-targets``: '[a](' after '[a](';
- ``divs``: '<div>' after '<div>'.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.common import read_stories  # noqa: E402

RUN_ON = ("Trump met Kim on Tuesday in Singapore and officials said on Friday that talks would "
          "resume next week ")
FRONT = "---\ntitle: {title}\ndate: 2018-06-13\npublisher: Wire\nurl: https://example.org/{n}\n---\n"
# Characters of the body: sizes that build, then sizes past a bound (refused at their line).
SIZES = {
    "run-on": (50_000, 100_000, 200_000, 480_000, 5_000_000),
    "prose": (50_000, 100_000, 200_000, 480_000, 5_000_000),
    "brackets": (500, 1_000, 1_900, 20_000, 5_000_000),
    "link-targets": (1_000, 2_000, 3_996, 20_000, 5_000_000),
    "divs": (125, 250, 500, 400_000, 5_000_000),
}


def _prose(size: int) -> str:
    paragraphs: list[str] = []
    for story in read_stories():
        paragraphs.extend(story.paragraphs)
        if sum(map(len, paragraphs)) > size:
            break
    return "\n\n".join(paragraphs)[:size]


CASES: dict[str, Callable[[int], str]] = {
    "run-on": lambda size: (RUN_ON * (size // len(RUN_ON) + 1))[:size],
    "prose": _prose,
    "brackets": lambda size: "[" * size,
    "link-targets": lambda size: ("[a](" * (size // 4 + 1))[:size],
    "divs": lambda size: ("<div>" * (size // 5 + 1))[:size],
}


def project(folder: Path, body: str) -> Path:
    (folder / "content" / "articles").mkdir(parents=True)
    shutil.copytree(REPO / "templates", folder / "templates")
    (folder / "pyproject.toml").write_text(
        '[tool.dateline]\ntitle = "Pathological"\ndescription = "Bench."\nbase_url = "/"\n',
        encoding="utf-8")
    articles = folder / "content" / "articles"
    (articles / "hostile.md").write_text(FRONT.format(title="Hostile", n=1) + body + "\n",
                                         encoding="utf-8")
    (articles / "fine.md").write_text(FRONT.format(title="Fine", n=2)
                                      + "Kim met Moon on Friday in Panmunjom.\n", encoding="utf-8")
    return folder


def measure(root: Path, jobs: int) -> dict[str, object]:
    """One build in a subprocess: wall time, the tree's peak RSS, site size, summary line."""
    command = [sys.executable, str(REPO / "build.py"), "--root", str(root), "build",
               "--no-cache", "--jobs", str(jobs), "--out", str(root / "site")]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               env=env, cwd=REPO, text=True)
    _pid, status, usage = os.wait4(process.pid, 0)  # this child's usage, its workers included
    wall = time.perf_counter() - started
    built = process.stdout.read().strip() if process.stdout else ""
    site = root / "site"
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) if site.is_dir() else 0
    return {"wall_s": round(wall, 2), "peak_mb": round(usage.ru_maxrss / 1024),
            "site_mb": round(size / 2**20, 1), "exit": os.waitstatus_to_exitcode(status),
            "built": built.split(": ", 1)[-1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--sizes", default="", help="comma-separated sizes for every case")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    for name in args.cases.split(","):
        previous = None
        sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else SIZES[name]
        for size in sizes:
            with tempfile.TemporaryDirectory(prefix="dateline-patho-") as temp:
                root = project(Path(temp), CASES[name](size))
                row = measure(root, args.jobs)
                row["first_problem"] = _first_problem(root)
            growth = f"x{row['wall_s'] / previous:.1f}" if previous else ""  # type: ignore[operator]
            previous = row["wall_s"] or 0.01
            print(json.dumps({"case": name, "chars": size, **row, "time_growth": growth}),
                  flush=True)


def _first_problem(root: Path) -> str:
    """What ``check`` says first about the files (a refusal names its line)."""
    done = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), "check"],
                          capture_output=True, text=True, cwd=REPO, check=False)
    first = next((line for line in done.stdout.splitlines() if ": error: " in line
                  or ": warning: " in line), "")
    return first.split("content/", 1)[-1][:150]


if __name__ == "__main__":
    main()
