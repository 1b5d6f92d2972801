"""Watching: file-system events become classified changes and rebuilds."""

from __future__ import annotations

import io
import os
import socket
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from watchdog.events import (
    DirModifiedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
)

from dateline.models import BuildReport, Change
from dateline.serve import DevServer, serve
from dateline.serve.watcher import ChangeHandler

WAIT = 15.0


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "content" / "articles").mkdir(parents=True)
    (tmp_path / "templates" / "static").mkdir(parents=True)
    (tmp_path / "site").mkdir()
    (tmp_path / "content" / "articles" / "a.md").write_text("one", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.dateline]\n", encoding="utf-8")
    return tmp_path


def watch_of(project: Path) -> dict[str, Path]:
    return {
        "content": project / "content",
        "template": project / "templates",
        "config": project / "pyproject.toml",
    }


def handler_changes(project: Path, event: object) -> list[Change]:
    handler = ChangeHandler(watch_of(project), lambda changes: None, [project / "site"])
    return handler.changes_for(event)  # type: ignore[arg-type]


def test_reads_and_folder_mtimes_are_not_changes(project: Path) -> None:
    article = str(project / "content" / "articles" / "a.md")
    # The build opens every watched file; reacting to that would rebuild forever.
    assert handler_changes(project, FileOpenedEvent(article)) == []
    assert handler_changes(project, FileClosedNoWriteEvent(article)) == []
    assert handler_changes(project, DirModifiedEvent(str(project / "content"))) == []


def test_writes_are_changes(project: Path) -> None:
    article = str(project / "content" / "articles" / "a.md")
    expected = [Change(article, "content")]
    assert handler_changes(project, FileModifiedEvent(article)) == expected
    assert handler_changes(project, FileClosedEvent(article)) == expected
    assert handler_changes(project, FileCreatedEvent(article)) == expected


def test_a_move_changes_both_ends(project: Path) -> None:
    source = str(project / "content" / "articles")
    target = str(project / "content" / "archive")
    assert handler_changes(project, DirMovedEvent(source, target)) == [
        Change(source, "content"),
        Change(target, "content"),
    ]
    # An atomic save: the temp file is noise, the rename target is the change.
    temp = str(project / "templates" / "base.html.tmp")
    final = str(project / "templates" / "base.html")
    assert handler_changes(project, FileMovedEvent(temp, final)) == [Change(final, "template")]


def test_the_output_folder_is_never_a_change(project: Path) -> None:
    watch = {"content": project}  # a project that watches everything, site/ included
    handler = ChangeHandler(watch, lambda changes: None, [project / "site"])
    assert handler.changes_for(FileModifiedEvent(str(project / "site" / "index.html"))) == []


class RecordingBuilder:
    """Records each batch; ``wait_for`` blocks until a batch contains a given change."""

    def __init__(self) -> None:
        self.batches: list[tuple[Change, ...]] = []
        self._changed = threading.Condition()

    def __call__(self, changes: Sequence[Change]) -> BuildReport:
        with self._changed:
            self.batches.append(tuple(changes))
            self._changed.notify_all()
        return BuildReport(ok=True, problems=())

    def wait_for(self, change: Change) -> bool:
        with self._changed:
            return self._changed.wait_for(
                lambda: any(change in batch for batch in self.batches), WAIT
            )


@pytest.fixture(params=[False, True], ids=["native", "polling"])
def running(project: Path, request: pytest.FixtureRequest) -> Iterator[RecordingBuilder]:
    builder = RecordingBuilder()
    with DevServer(builder, site_dir=project / "site", watch=watch_of(project),
                   poll=request.param, port=0, out=io.StringIO()):
        yield builder


def test_first_build_is_a_full_build(running: RecordingBuilder) -> None:
    assert running.batches[0] == ()


def test_an_edit_triggers_a_rebuild_with_its_change(
    project: Path, running: RecordingBuilder
) -> None:
    article = project / "content" / "articles" / "a.md"
    article.write_text("two", encoding="utf-8")
    assert running.wait_for(Change(str(article), "content"))


def test_an_editor_style_save_rebuilds_without_its_temp_files(
    project: Path, running: RecordingBuilder
) -> None:
    folder = project / "content" / "articles"
    article = folder / "a.md"
    (folder / "4913").write_text("", encoding="utf-8")  # vim's probe
    (folder / "4913").unlink()
    (folder / ".a.md.swp").write_bytes(b"\0" * 64)
    os.replace(article, folder / "a.md~")  # vim's backup-then-write
    article.write_text("three", encoding="utf-8")
    (folder / "a.md~").unlink()
    (folder / ".a.md.swp").unlink()
    assert running.wait_for(Change(str(article), "content"))
    seen = {change.path for batch in running.batches for change in batch}
    assert seen == {str(article)}


def test_static_and_config_changes_are_classified(project: Path, running: RecordingBuilder) -> None:
    css = project / "templates" / "static" / "style.css"
    css.write_text("p {}", encoding="utf-8")
    (project / "pyproject.toml").write_text("[tool.dateline]\ntitle = 'x'\n", encoding="utf-8")
    assert running.wait_for(Change(str(css), "static"))
    assert running.wait_for(Change(str(project / "pyproject.toml"), "config"))


def test_serve_runs_until_stopped(project: Path) -> None:
    ready, stop = threading.Event(), threading.Event()
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(serve(
        RecordingBuilder(), site_dir=project / "site", base_path="/", watch=watch_of(project),
        port=0, ready=ready, stop=stop)))
    thread.start()
    assert ready.wait(WAIT)
    stop.set()
    thread.join(WAIT)
    assert result == [0]


def test_serve_reports_a_busy_port(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status = serve(RecordingBuilder(), site_dir=project / "site", base_path="/",
                       watch=watch_of(project), port=port)
    assert status == 1
    assert "cannot serve" in capsys.readouterr().err
