"""Live-preview latency on the TempEval-3 silver corpus (2,452 wire stories).

Converts every story to a Markdown article (front matter: title, date from the
DCT, publisher, url; body: the TEXT as plain text), starts the dev server with
the real incremental builder, opens one article's page in Chromium, edits that
article repeatedly and prints how long each save took to show up in the page,
plus the rebuild time the server reports.

    .venv/bin/python bench/serve.py [--edits 20] [--stories N] [--keep DIR]

``--keep DIR`` reuses the converted project (and its extraction cache) across
runs; without it everything lives in a temp folder and the first build extracts
every story.  Reference on this corpus: Hugo's server ~345 ms, Pelican
650 ms-1.5 s, MkDocs 3-6 s.  Target: median <= 300 ms.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import yaml

from dateline.config import load_settings
from dateline.models import BuildReport, Change
from dateline.pipeline.cache import ExtractionCache
from dateline.pipeline.incremental import IncrementalBuilder, last_report
from dateline.pipeline.options import BuildOptions
from dateline.serve import DevServer
from dateline.serve.status import format_problems

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "te3-silver"
REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PUBLISHERS = {"AFP": "Agence France-Presse", "APW": "Associated Press",
              "NYT": "The New York Times", "XIE": "Xinhua", "CNA": "Central News Agency",
              "LTW": "Los Angeles Times/Washington Post", "WPB": "The Washington Post"}


def story_to_markdown(tml: Path) -> tuple[str, str]:
    """(file stem, Markdown article) for one TimeML story."""
    root = ET.parse(tml).getroot()
    docid = (root.findtext("DOCID") or tml.stem).strip()
    dct = root.find("DCT/TIMEX3")
    date = (dct.get("value") or "")[:10] if dct is not None else ""
    text_element = root.find("TEXT")
    text = "".join(text_element.itertext()) if text_element is not None else ""
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    title = " ".join((root.findtext("TITLE") or "").split()) or docid
    front = {"title": title, "date": date,
             "publisher": PUBLISHERS.get(docid.split("_")[0], docid.split("_")[0]),
             "url": f"https://example.org/te3/{docid}"}
    stem = docid.lower().replace("_", "-").replace(".", "-")
    body = "\n\n".join(paragraphs)
    return stem, f"---\n{yaml.safe_dump(front, sort_keys=False, allow_unicode=True)}---\n{body}\n"


def make_project(folder: Path, limit: int | None) -> None:
    """The corpus as a Dateline project (content/articles, the repo's templates and config)."""
    # Theme and config are copied afresh each run, so --keep follows the repository.
    shutil.rmtree(folder / "templates", ignore_errors=True)
    shutil.copytree(REPO / "templates", folder / "templates")
    shutil.copy(REPO / "pyproject.toml", folder / "pyproject.toml")
    articles = folder / "content" / "articles"
    if articles.is_dir():
        return  # --keep: converted before
    articles.mkdir(parents=True)
    (folder / "content" / "notes").mkdir()
    for tml in sorted(CORPUS.glob("*.tml"))[:limit]:
        stem, markdown = story_to_markdown(tml)
        (articles / f"{stem}.md").write_text(markdown, encoding="utf-8")


class TimedBuilder:
    """The real builder, recording when each build (each phase of one) started and ended."""

    def __init__(self, inner: IncrementalBuilder) -> None:
        self.inner = inner
        self.builds: list[tuple[float, float, BuildReport]] = []  # first phases (and full builds)
        self.later: list[tuple[float, float, BuildReport]] = []  # the phases after the first
        self.lock = threading.Lock()

    def __call__(self, changes: Sequence[Change]) -> BuildReport:
        return last_report(self.phases(changes))

    def phases(self, changes: Sequence[Change], interrupted: Callable[[], bool] | None = None
               ) -> Iterator[BuildReport]:
        started = time.time()
        for number, report in enumerate(self.inner.phases(changes, interrupted)):
            with self.lock:
                (self.builds if number == 0 else self.later).append((started, time.time(),
                                                                     report))
            yield report


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def show(name: str, seconds: Sequence[float]) -> None:
    ms = [s * 1000 for s in seconds]
    median, p95 = statistics.median(ms), percentile(ms, 0.95)
    print(f"  {name:<34} median {median:7.1f} ms   p95 {p95:7.1f} ms"
          f"   min {min(ms):6.1f}   max {max(ms):7.1f}")


def measure(server: DevServer, builder: TimedBuilder, article: Path, url: str, edits: int) -> None:
    from playwright.sync_api import sync_playwright

    original = article.read_text(encoding="utf-8")
    seen, dom, rebuild, server_side, to_build, to_page = [], [], [], [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url)
        page.locator("html[data-dateline=live]").wait_for(state="attached", timeout=30_000)
        for attempt in range(edits + 1):  # the first edit warms up and is not counted
            token = f"benchmark{attempt}x{time.time_ns() % 100000}"
            with builder.lock:
                before = len(builder.builds)
            saved = time.time()
            article.write_text(original + f"\nOfficials said on Tuesday that {token} was agreed.\n",
                               encoding="utf-8")
            while True:  # each reload of the page, until one shows the edit (no polling)
                page.wait_for_event("domcontentloaded", timeout=60_000)
                if token in page.content():
                    break
            visible = time.time()
            loaded = page.evaluate("performance.timeOrigin + performance.getEntriesByType"
                                   "('navigation')[0].domContentLoadedEventEnd") / 1000
            page.locator("html[data-dateline=live]").wait_for(state="attached", timeout=30_000)
            with builder.lock:
                mine = builder.builds[before:]
            if attempt == 0 or not mine:
                continue
            seen.append(visible - saved)
            dom.append(loaded - saved)
            rebuild.append(sum(report.seconds for _, _, report in mine))
            server_side.append(mine[-1][1] - saved)
            to_build.append(mine[0][0] - saved)  # watcher + debounce
            to_page.append(loaded - mine[-1][1])  # event stream + reload + serving the page
        browser.close()
    article.write_text(original, encoding="utf-8")
    time.sleep(1)
    print(f"{len(seen)} edits of {article.name} ({url})")
    show("save -> edited text in the page", seen)
    show("save -> page DOMContentLoaded", dom)
    show("save -> rebuild finished", server_side)
    show("first phase (the edited page's own pages)", rebuild)
    with builder.lock:
        later = [report.seconds for _, _, report in builder.later]
    if later:
        show("whole rebuild (all phases, uninterrupted)", later)
    print("server overhead (everything but the build):")
    show("save -> build started", to_build)
    show("build finished -> DOMContentLoaded", to_page)


def time_cache_open(path: Path, repeats: int = 20) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        ExtractionCache.open(path).close()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--stories", type=int, default=None, help="only the first N stories")
    parser.add_argument("--keep", type=Path, default=None, help="project folder to reuse")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} not found", file=sys.stderr)
        return 0
    folder = args.keep or Path(tempfile.mkdtemp(prefix="dateline-bench-serve-"))
    try:
        return run(folder, args)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


def run(folder: Path, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    make_project(folder, args.stories)
    articles = sorted((folder / "content" / "articles").glob("*.md"))
    converted = time.perf_counter() - started
    print(f"{len(articles)} articles in {folder} ({converted:.1f} s to convert)")
    settings, problems = load_settings(folder, {})
    if problems:
        print(problems, file=sys.stderr)
        return 1
    options = BuildOptions(build_time="2020-01-01T00:00:00Z", jobs=args.jobs, write_on_error=False)
    builder = TimedBuilder(IncrementalBuilder(settings, options))
    watch = {"content": settings.content_dir, "template": settings.templates_dir,
             "config": folder / "pyproject.toml"}
    log = io.StringIO()
    started = time.perf_counter()
    with DevServer(builder, site_dir=settings.out_dir, base_path=settings.base_path,
                   watch=watch, port=0, out=log) as server:
        first = builder.builds[0][2]
        print(f"first build: {time.perf_counter() - started:.1f} s, {first.documents} documents, "
              f"{first.events} events, {first.pages} pages, ok={first.ok}")
        if not first.ok:
            print(format_problems([p for p in first.problems if p.severity == "error"][:10]))
            return 1
        article = articles[len(articles) // 2]
        url = f"{server.url}sources/{article.stem}/"
        measure(server, builder, article, url, args.edits)
    cache = folder / ".cache" / "extract.sqlite"
    if cache.exists():
        print(f"extraction cache: {cache.stat().st_size / 1e6:.1f} MB, "
              f"open+close median {time_cache_open(cache) * 1000:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
