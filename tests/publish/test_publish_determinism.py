"""Two builds of the same content are byte-identical whatever the hash seed, time zone, locale,
job count and the order files were created in; the build time comes from the content."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def _project(root: Path, reverse: bool) -> Path:
    """A copy of the example; files created in sorted or reverse order, mtimes kept."""
    root.mkdir(parents=True)
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copy2(REPO / "pyproject.toml", root / "pyproject.toml")
    files = sorted(p for p in (REPO / "content").rglob("*") if p.is_file())
    for path in reversed(files) if reverse else files:
        target = root / "content" / path.relative_to(REPO / "content")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return root


def _build(root: Path, seed: str, tz: str, locale: str, jobs: str) -> dict[str, bytes]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(PYTHONHASHSEED=seed, TZ=tz, LC_ALL=locale, LANG=locale)
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "--root", str(root), "build", "--no-cache",
         "--jobs", jobs], env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


SEARCH = "pagefind/"  # the search index, written by the external pagefind binary


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], ...]:
    tmp = tmp_path_factory.mktemp("determinism")
    first = _build(_project(tmp / "a", reverse=False), "0", "UTC", "C", "1")
    second = _build(_project(tmp / "b", reverse=True), "4242", "Pacific/Kiritimati",
                    "C.UTF-8", "2")
    return first, second


def _without_search(files: dict[str, bytes]) -> dict[str, bytes]:
    return {k: v for k, v in files.items() if not k.startswith(SEARCH)}


def test_pages_and_exports_are_byte_identical(two_builds: tuple[dict[str, bytes], ...]) -> None:
    first, second = map(_without_search, two_builds)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    for name in ("index.html", "timeline.json", "events.ics", "events.csv", "timelinejs.json",
                 "feed.xml", "sitemap.xml"):
        assert name in first


def test_build_time_is_the_newest_content_change(two_builds: tuple[dict[str, bytes], ...]
                                                 ) -> None:
    newest = max(p.stat().st_mtime for p in (REPO / "content").rglob("*.md"))
    expected = dt.datetime.fromtimestamp(int(newest), dt.UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ")
    assert json.loads(two_builds[0]["timeline.json"])["site"]["generated"] == expected


def test_search_index_is_byte_identical(two_builds: tuple[dict[str, bytes], ...]) -> None:
    first, second = ({k: v for k, v in b.items() if k.startswith(SEARCH)} for b in two_builds)
    if not first and not second:
        pytest.skip("pagefind is not installed: the site was built without search")
    assert first == second
