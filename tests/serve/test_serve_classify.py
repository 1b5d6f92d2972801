"""classify(): which changed paths feed which part of the build, and which are noise."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.models import Change
from dateline.serve import classify, is_ignored_name
from dateline.serve.watcher import watch_roots

ROOT = Path("/project")
WATCH = {
    "content": ROOT / "content",
    "template": ROOT / "templates",
    "config": ROOT / "pyproject.toml",
}


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/project/content/articles/seed.md", "content"),
        ("/project/content/notes/2018/summit.md", "content"),
        ("/project/content/articles", "content"),  # a folder renamed or deleted
        ("/project/content", "content"),  # the content folder itself
        ("/project/templates/base.html", "template"),
        ("/project/templates/partials/event.html", "template"),
        ("/project/templates/static/style.css", "static"),
        ("/project/templates/static/img/logo.svg", "static"),
        ("/project/templates/static", "template"),  # the folder itself is not a static file
        ("/project/pyproject.toml", "config"),
    ],
)
def test_paths_that_feed_the_build(path: str, kind: str) -> None:
    assert classify(path, WATCH) == Change(path=path, kind=kind)


def test_paths_are_normalised_without_touching_the_disk() -> None:
    change = classify("/project/content/../content/./a.md", WATCH)
    assert change == Change("/project/content/a.md", "content")


@pytest.mark.parametrize(
    "path",
    [
        "/project/content/articles/.seed.md.swp",  # vim swap
        "/project/content/articles/.seed.md.swo",
        "/project/content/articles/.seed.md.swx",  # vim's write test
        "/project/content/articles/seed.md~",  # backup
        "/project/content/articles/.#seed.md",  # emacs lock
        "/project/content/articles/#seed.md#",  # emacs auto-save
        "/project/content/articles/4913",  # vim probes whether the folder is writable
        "/project/content/articles/5036",  # ... and 4913 + 123 when that exists
        "/project/content/.DS_Store",
        "/project/content/articles/seed.md.tmp",
        "/project/templates/.goutputstream-XYZ123",  # gedit atomic save
        "/project/content/.~lock.seed.md#",  # LibreOffice
        "/project/templates/base.html___jb_tmp___",  # JetBrains safe write
        "/project/content/articles/sedAb12Cd",  # sed -i temp file
        "/project/content/.git/index",
        "/project/content/.git/objects/ab/cdef",
        "/project/content/.git",
        "/project/templates/__pycache__/x.pyc",
        "/project/README.md",  # not watched
        "/project/pyproject.toml.bak",  # next to the config file, but not it
        "/project/site/index.html",  # the output
        "/elsewhere/content/a.md",
    ],
)
def test_noise_and_unwatched_paths_are_ignored(path: str) -> None:
    assert classify(path, WATCH) is None


@pytest.mark.parametrize(
    ("name", "ignored"),
    [
        ("seed.md", False),
        ("4913.md", False),
        ("4914", False),  # not one of vim's probe names
        ("2019", False),
        ("notes.swp.md", False),
        ("index.html", False),
        ("style.css", False),
        ("4913", True),
        ("5159", True),  # 4913 + 2*123
    ],
)
def test_ignored_names(name: str, ignored: bool) -> None:
    assert is_ignored_name(name) is ignored


def test_most_specific_watch_entry_wins() -> None:
    watch = {"content": ROOT / "content", "data": ROOT / "content" / "data"}
    assert classify("/project/content/data/actors.yaml", watch) == Change(
        "/project/content/data/actors.yaml", "data"
    )
    assert classify("/project/content/a.md", watch) == Change("/project/content/a.md", "content")


def test_relative_watch_paths_are_made_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    change = classify(str(tmp_path / "content" / "a.md"), {"content": Path("content")})
    assert change == Change(str(tmp_path / "content" / "a.md"), "content")


def test_watch_roots_schedule_folders_recursively_and_files_through_their_parent(
    tmp_path: Path,
) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "templates").mkdir()
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    roots = watch_roots(
        {
            "content": tmp_path / "content",
            "template": tmp_path / "templates",
            "config": tmp_path / "pyproject.toml",
            "missing": tmp_path / "nowhere" / "x.yaml",  # parent missing: skipped
        }
    )
    assert roots == [
        (tmp_path, False),
        (tmp_path / "content", True),
        (tmp_path / "templates", True),
    ]


def test_watch_roots_skip_folders_inside_a_recursive_root(tmp_path: Path) -> None:
    (tmp_path / "content" / "notes").mkdir(parents=True)
    roots = watch_roots({"content": tmp_path / "content", "notes": tmp_path / "content" / "notes"})
    assert roots == [(tmp_path / "content", True)]
