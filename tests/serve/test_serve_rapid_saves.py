"""A hundred saves in two seconds under the real dev server end in exactly the site `build` makes:
no pages of intermediate saves left behind, no empty folders, the same search index."""

from __future__ import annotations

import io
import shutil
import time
from pathlib import Path

import pytest

from dateline.config import load_settings
from dateline.models import Change
from dateline.pipeline import builds
from dateline.pipeline.incremental import IncrementalBuilder
from dateline.pipeline.options import BuildOptions
from dateline.serve import DevServer

REPO = Path(__file__).resolve().parents[2]
BUILD_TIME = "2020-01-01T00:00:00Z"
ARTICLE = "articles/2018-12-08-ri-in-beijing.md"
ANCHOR = "arrived in Beijing"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def tree(site: Path) -> tuple[dict[str, bytes], set[str]]:
    """Every file with its bytes, and every folder (an empty one counts too)."""
    entries = sorted(site.rglob("*"))
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in entries if p.is_file()}
    return files, {p.relative_to(site).as_posix() for p in entries if p.is_dir()}


def variant(text: str, number: int) -> str:
    """The article with one more dated development, different in every save."""
    month, day = MONTHS[number % len(MONTHS)], number % 27 + 1
    sentence = f"{ANCHOR} after envoys met on {month} {day}, 2018 in talk round {number},"
    return text.replace(ANCHOR, sentence, 1)


def wait_until_idle(server: DevServer, quiet: float = 1.5, limit: float = 120.0) -> None:
    """Until no save is waiting and no rebuild runs, for ``quiet`` seconds in a row."""
    deadline, calm_since = time.monotonic() + limit, None
    while time.monotonic() < deadline:
        busy = server._loop.has_pending() or not server._build_lock.acquire(blocking=False)
        if not busy:
            server._build_lock.release()
        calm_since = None if busy else (calm_since or time.monotonic())
        if calm_since is not None and time.monotonic() - calm_since >= quiet:
            return
        time.sleep(0.05)
    raise AssertionError("the dev server did not settle")


def test_a_hundred_fast_saves_end_in_the_full_builds_site(project: Path) -> None:
    settings, problems = load_settings(project)
    assert problems == []
    options = BuildOptions(build_time=BUILD_TIME, write_on_error=False)
    watch = {"content": settings.content_dir, "template": settings.templates_dir,
             "config": project / "pyproject.toml"}
    article = settings.content_dir / ARTICLE
    original = article.read_text("utf-8")
    with DevServer(IncrementalBuilder(settings, options), site_dir=settings.out_dir,
                   base_path=settings.base_path, watch=watch, port=0, out=io.StringIO()) as server:
        assert server.hub.current().ok
        started = time.monotonic()
        for number in range(100):
            article.write_text(variant(original, number), "utf-8")
            time.sleep(max(0.0, started + 0.02 * (number + 1) - time.monotonic()))
        wait_until_idle(server)
        served_files, served_folders = tree(settings.out_dir)
        assert server.hub.current().ok

    fresh, _ = load_settings(project, {"output": str(project / "fresh")})
    report = builds.build(fresh, BuildOptions(build_time=BUILD_TIME, jobs=1,
                                              use_cache=False))
    assert report.ok, report.problems
    built_files, built_folders = tree(project / "fresh")
    source_page = settings.out_dir / "sources" / ARTICLE[9:-3] / "index.html"
    assert "talk round 99" in source_page.read_text("utf-8")
    assert sorted(served_files.keys() - built_files.keys()) == []  # pages of earlier saves
    assert sorted(built_files.keys() - served_files.keys()) == []
    assert sorted(served_folders - built_folders) == []  # folders emptied by a removal
    assert [p for p in built_files if served_files[p] != built_files[p]] == []


def test_an_edit_and_its_revert_leave_no_empty_folders(project: Path) -> None:
    settings, _ = load_settings(project)
    build = IncrementalBuilder(settings, BuildOptions(
        build_time=BUILD_TIME, search=False, write_on_error=False))
    assert build(()).ok
    before = tree(settings.out_dir)
    article = settings.content_dir / ARTICLE
    original = article.read_text("utf-8")
    change = [Change(str(article), "content")]
    article.write_text(variant(original, 7), "utf-8")
    assert build(change).ok
    assert tree(settings.out_dir)[1] - before[1]  # the new event's folder
    article.write_text(original, "utf-8")
    assert build(change).ok
    assert tree(settings.out_dir) == before


def test_a_site_without_data_folder_is_served_without_a_warning(project: Path) -> None:
    settings, _ = load_settings(project)
    out = io.StringIO()
    watch = {"content": settings.content_dir, "template": settings.templates_dir,
             "config": project / "pyproject.toml", "data": project / "data"}
    builder = IncrementalBuilder(settings, BuildOptions(
        build_time=BUILD_TIME, search=False, write_on_error=False))
    with DevServer(builder, site_dir=settings.out_dir, base_path=settings.base_path,
                   watch=watch, port=0, out=out) as server:
        assert server.hub.current().ok
    assert "warning" not in out.getvalue()
