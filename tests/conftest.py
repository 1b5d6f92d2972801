"""Shared fixtures: a throwaway project folder, builds through the real CLI, a headless browser."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_78f3f7e25b09e543.txt"
CHROMIUM = "/usr/bin/chromium"
# A note that must still build beside every bad file of a fixture
VALID_NOTE = """---
id: valid-note
date: 2018-06-12
title: A valid note that must still build
sources: [https://example.org/report]
---
"""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def shared(relative: str) -> Path:
    """A path of the shared data (``../shared`` beside the repository, as CI lays it out); a test
    that needs it fails, never skips, when it is missing."""
    path = SHARED / relative
    if not path.exists():
        pytest.fail(f"{path} is missing: the tests read the shared data from ../shared beside the "
                    "repository (CI lays it out there); clone the repository beside it")
    return path


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current build (review the diff!)")


def make_project(root: Path, pyproject: str = "") -> Path:
    """A project folder with the repo's theme, an empty content tree and settings."""
    (root / "content" / "articles").mkdir(parents=True)
    (root / "content" / "notes").mkdir(parents=True)
    shutil.copytree(REPO / "templates", root / "templates")
    (root / "pyproject.toml").write_text(pyproject or (
        '[tool.dateline]\ntitle = "Test timeline"\ndescription = "A test."\nbase_url = "/"\n'),
        encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def run_cli(*argv: str) -> tuple[int, str, str]:
    """Run ``build.py`` in-process; returns (exit code, stdout, stderr)."""
    from dateline.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
