"""Page weight of the TE3 silver site: the biggest page, the filter indexes, and the biggest
page's load time in Chromium (issue 20: under 1 MB, under 200 KB gzipped for the busiest
actor's index, under 1 s).

    .venv/bin/python bench/listing_index.py [--keep DIR] [--limit N] [--runs 5]

Converts the corpus into a Dateline project (``bench/common.py``), builds it once (a cold build
with SOURCE_DATE_EPOCH set, as ``bench/build.py``), then prints:

- the pages by kind of folder (``types/`` are the per-type listings, ``filter-index.json`` the
  listings' filter indexes), so the growth in page count can be read off;
- the biggest HTML page, and the biggest filter index and the busiest actor's, raw and gzip -9;
- the load time of the biggest page in Chromium from a static server on 127.0.0.1: the median
  of ``--runs`` fresh browser contexts (an empty cache each), from navigation start to the
  load event.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))

from bench.common import make_project, read_stories

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
EPOCH = "1577836800"  # 2020-01-01, as bench/build.py


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Requests are not worth a line each."""


def build(root: Path) -> Path:
    from dateline.cli import main

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    if main(["--root", str(root), "build", "--no-cache"]) != 0:
        sys.exit("the TE3 silver site did not build")
    return root / "site"


def page_counts(site: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in site.rglob("*"):
        relative = path.relative_to(site).parts
        if path.name == "index.html":
            counts[relative[0] if len(relative) > 1 else "/"] += 1
        elif path.name == "filter-index.json":
            counts["filter-index.json"] += 1
    return counts


def sizes(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 9))


def busiest_actor(site: Path) -> str:
    events = json.loads((site / "timeline.json").read_text("utf-8"))["events"]
    counts = Counter(code for event in events for code in event.get("actors", ()))
    return counts.most_common(1)[0][0]


def load_seconds(site: Path, page: str, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{server.server_address[1]}/{page}"
    times = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                tab = context.new_page()
                tab.goto(address, wait_until="load")
                times.append(tab.evaluate(
                    "() => performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000)
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return times


def report(site: Path, runs: int) -> None:
    counts = page_counts(site)
    print("pages by folder: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(f"HTML pages {sum(v for k, v in counts.items() if k != 'filter-index.json')}, "
          f"filter indexes {counts['filter-index.json']}")
    pages = sorted(site.rglob("*.html"), key=lambda p: (p.stat().st_size, str(p)))
    biggest = pages[-1]
    raw, packed = sizes(biggest)
    print(f"biggest page: {biggest.relative_to(site)} {raw / 1e6:.3f} MB "
          f"({packed / 1e3:.1f} KB gzip) {'< 1 MB' if raw < 1e6 else 'OVER 1 MB'}")
    indexes = sorted(site.rglob("filter-index.json"), key=lambda p: (p.stat().st_size, str(p)))
    if indexes:
        raw, packed = sizes(indexes[-1])
        print(f"biggest filter index: {indexes[-1].relative_to(site)} {raw / 1e3:.1f} KB, "
              f"{packed / 1e3:.1f} KB gzip")
    actor = busiest_actor(site)
    from dateline.site.views import actor_path

    own = site / actor_path(actor) / "filter-index.json"
    if own.exists():
        raw, packed = sizes(own)
        print(f"busiest actor ({actor}) filter index: {raw / 1e3:.1f} KB, {packed / 1e3:.1f} KB "
              f"gzip {'< 200 KB' if packed < 200e3 else 'OVER 200 KB'}")
    else:
        print(f"busiest actor ({actor}): one page, no filter index (its cards are filtered)")
    relative = biggest.relative_to(site).as_posix()
    times = load_seconds(site, relative[: -len("index.html")], runs)
    median = statistics.median(times)
    print(f"load of {relative} in Chromium: median {median:.3f} s of {runs} "
          f"(min {min(times):.3f}, max {max(times):.3f}) {'< 1 s' if median < 1 else 'OVER 1 s'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="work in DIR and leave it there")
    parser.add_argument("--limit", type=int, default=None, help="only the first N stories")
    parser.add_argument("--runs", type=int, default=5, help="page loads to time")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="dateline-weight-"))
    try:
        root = workdir / "te3"
        shutil.rmtree(root, ignore_errors=True)
        make_project(root, read_stories(limit=args.limit))
        report(build(root), args.runs)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
