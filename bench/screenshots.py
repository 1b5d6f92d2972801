"""README images: the timeline, an event and an actor page, in light and dark mode.

Builds the example site into a temporary folder, serves it on 127.0.0.1 and saves Chromium
screenshots to docs/images/.  Run: python bench/screenshots.py [--out docs/images]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = {"timeline": "", "event": "events/singapore-summit/", "actor": "actors/usa/"}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Requests are not worth a line each."""


def build_example(root: Path) -> Path:
    from dateline.cli import main

    for name in ("content", "templates"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    if main(["--root", str(root), "build", "--no-cache"]) != 0:
        sys.exit("the example site did not build")
    return root / "site"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "images")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        site = build_example(Path(temp))
        handler = functools.partial(QuietHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                for scheme in ("light", "dark"):
                    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                                  color_scheme=scheme, device_scale_factor=1)
                    page = context.new_page()
                    for name, path in SHOTS.items():
                        started = time.perf_counter()
                        page.goto(base + path)
                        target = args.out / f"{name}-{scheme}.png"
                        page.screenshot(path=str(target))
                        shown = target.relative_to(REPO) if target.is_relative_to(REPO) else target
                        print(f"{shown}  {time.perf_counter() - started:.2f} s")
                    context.close()
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
