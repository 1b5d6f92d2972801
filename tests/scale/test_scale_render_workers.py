"""A full build's pages rendered and written by forked workers: the same site as in one process,
template errors reported from the worker, and the previous site kept when a worker fails."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dateline.config import load_settings
from dateline.output import writer
from dateline.pipeline import builds, pools
from dateline.pipeline import full as pipeline
from dateline.pipeline.options import BuildOptions
from tests.scale.test_scale_parallel import BUILD_TIME, corpus, site_bytes


@pytest.fixture
def in_workers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Render (and merge) in workers even for a small site, a few pages per share; returns a
    file where each share's writer notes the process it ran in."""
    from dateline.events import buckets

    monkeypatch.setattr(pools, "FORK_THRESHOLD", 0)
    monkeypatch.setattr(buckets, "PARALLEL_EVENTS", 0)
    monkeypatch.setattr(pools, "SHARE_PAGES", 5)
    record = tmp_path / "pids.txt"
    real = writer._fill

    def noting(tree, old, files):  # type: ignore[no-untyped-def]
        with record.open("a") as handle:  # children inherit this patch through the fork
            handle.write(f"{os.getpid()}\n")
        return real(tree, old, files)

    monkeypatch.setattr(writer, "_fill", noting)
    return record


def build(project: Path, jobs: int) -> pipeline.BuildReport:
    settings, _ = load_settings(project)
    return builds.build(settings, BuildOptions(BUILD_TIME, jobs=jobs, use_cache=False,
                                               search=False))


def edit_template(project: Path, name: str, old: str, new: str) -> None:
    """The first ``old`` of ``templates/<name>`` replaced by ``new``."""
    template = project / "templates" / name
    template.write_text(template.read_text("utf-8").replace(old, new, 1), "utf-8")


def errors_of(report: pipeline.BuildReport) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.message) for p in report.problems if p.severity == "error"]


def test_workers_write_the_same_site_as_one_process(tmp_path: Path, in_workers: Path) -> None:
    serial = corpus(tmp_path / "serial", 12)
    assert build(serial, jobs=1).ok
    in_workers.unlink()
    parallel = corpus(tmp_path / "parallel", 12)
    report = build(parallel, jobs=2)
    assert report.ok, report.problems
    processes = set(in_workers.read_text().split())
    assert len(processes - {str(os.getpid())}) >= 1  # shares really ran in other processes
    assert site_bytes(parallel / "site") == site_bytes(serial / "site")
    assert sorted(report.written) == sorted(site_bytes(serial / "site"))


def test_each_worker_is_forked_once_and_takes_many_shares(tmp_path: Path,
                                                          in_workers: Path) -> None:
    report = build(corpus(tmp_path, 12), jobs=2)
    assert report.ok, report.problems
    pids = in_workers.read_text().split()
    children = set(pids) - {str(os.getpid())}
    shares = len(pids) - pids.count(str(os.getpid()))
    assert shares >= 6 and 1 <= len(children) <= 2  # two workers, never replaced


def test_a_template_error_in_a_worker_is_reported_and_the_site_kept(tmp_path: Path,
                                                                    in_workers: Path) -> None:
    project = corpus(tmp_path, 12)
    assert build(project, jobs=2).ok
    before = site_bytes(project / "site")
    edit_template(project, "event.html", "{% block content %}",
                  "{% block content %}{{ no_such_value }}")
    report = build(project, jobs=2)
    assert not report.ok
    ((path, _line, message),) = errors_of(report)
    assert path == "templates/event.html"
    assert message.startswith("template error while rendering events/")
    assert "'no_such_value' is undefined" in message
    assert site_bytes(project / "site") == before
    assert list(tmp_path.glob("**/.site.tmp-*")) == []


def test_workers_use_the_templates_compiled_before_the_fork(tmp_path: Path, in_workers: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import jinja2

    record = tmp_path / "compiled.txt"
    real = jinja2.BaseLoader.load  # what the environment calls when a template is not compiled

    def noting(self, environment, name, globals=None):  # type: ignore[no-untyped-def]
        with record.open("a") as handle:  # children inherit this patch through the fork
            handle.write(f"{os.getpid()} {name}\n")
        return real(self, environment, name, globals)

    monkeypatch.setattr(jinja2.BaseLoader, "load", noting)
    report = build(corpus(tmp_path / "site", 12), jobs=2)
    assert report.ok, report.problems
    compiled = [line.split() for line in record.read_text().splitlines()]
    assert {name for _pid, name in compiled} >= {"event.html", "base.html",
                                                 "partials/event_card.html"}
    assert {pid for pid, _name in compiled} == {str(os.getpid())}  # none in a worker


def test_a_worker_renders_each_card_once(tmp_path: Path, in_workers: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.site import render

    record = tmp_path / "cards.txt"
    real = render._Cards.__call__

    def noting(self, event, level=3):  # type: ignore[no-untyped-def]
        if level not in self.cache.get(event.id, {}):
            with record.open("a") as handle:  # children inherit this patch through the fork
                handle.write(f"{os.getpid()} {event.id} {level}\n")
        return real(self, event, level)

    monkeypatch.setattr(render._Cards, "__call__", noting)
    report = build(corpus(tmp_path / "site", 12), jobs=2)
    assert report.ok, report.problems
    made = [tuple(line.split()) for line in record.read_text().splitlines()]
    assert len({(event, level) for _pid, event, level in made}) >= report.events
    assert len(set(made)) == len(made)  # no worker renders a card twice
    assert str(os.getpid()) not in {pid for pid, _e, _l in made}  # all of them in workers


@pytest.mark.parametrize("broken", ["{{ no_such_card_value }}", "{% if %}"])
def test_a_broken_card_is_reported_as_a_build_in_one_process_reports_it(
        tmp_path: Path, in_workers: Path, broken: str) -> None:
    problems = []
    for jobs in (1, 2):
        project = corpus(tmp_path / f"jobs{jobs}", 12)
        edit_template(project, "partials/event_card.html", "<article", broken + "<article")
        report = build(project, jobs=jobs)
        assert not report.ok
        problems.append(errors_of(report))
        assert not (project / "site").exists()
    assert problems[0] == problems[1] and len(problems[0]) == 1


def test_a_broken_template_no_page_uses_does_not_stop_the_build(tmp_path: Path,
                                                                in_workers: Path) -> None:
    project = corpus(tmp_path, 12)
    (project / "templates" / "partials" / "unused.html").write_bytes(b"\xff\xfe {% if %}")
    report = build(project, jobs=2)  # every template is compiled before the fork
    assert report.ok, report.problems


def test_a_template_syntax_error_is_reported_from_a_worker(tmp_path: Path,
                                                          in_workers: Path) -> None:
    project = corpus(tmp_path, 12)
    edit_template(project, "source.html", "{% block content %}", "{% block content %}{% if %}")
    report = build(project, jobs=2)
    assert not report.ok
    ((path, _line, message),) = errors_of(report)
    assert path == "templates/source.html"
    assert message.startswith("template syntax error:")
    assert not (project / "site").exists()


def test_a_worker_that_cannot_write_leaves_the_previous_site(tmp_path: Path, in_workers: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    project = corpus(tmp_path, 12)
    assert build(project, jobs=2).ok
    before = site_bytes(project / "site")
    real = writer._fill
    parent = os.getpid()

    def failing(tree, old, files):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            raise OSError(28, "No space left on device")
        return real(tree, old, files)

    monkeypatch.setattr(writer, "_fill", failing)
    (project / "content" / "articles" / "report-000.md").write_text(
        "---\ntitle: Changed\ndate: 2018-01-01\n---\nTalks were held on Tuesday.\n", "utf-8")
    with pytest.raises(writer.WriteError, match="No space left on device"):
        build(project, jobs=2)
    assert site_bytes(project / "site") == before
    assert list(tmp_path.glob("**/.site.tmp-*")) == []


def test_a_tree_another_build_is_writing_is_not_cleaned_away(tmp_path: Path) -> None:
    out = tmp_path / "site"
    busy, stale = tmp_path / ".site.tmp-busy", tmp_path / ".site.tmp-stale"
    busy.mkdir()
    stale.mkdir()
    claim = writer._claim(busy)
    try:
        writer.clean_leftovers(out)
        assert busy.is_dir()
        assert not stale.exists()
    finally:
        os.close(claim)
    writer.clean_leftovers(out)
    assert not busy.exists()


def test_a_worker_that_dies_fails_the_build_with_a_message_and_keeps_the_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_workers: Path) -> None:
    import io
    import signal

    from dateline import cli

    project = corpus(tmp_path, 12)
    assert build(project, jobs=2).ok
    before = site_bytes(project / "site")
    parent = os.getpid()

    real = writer._fill

    def dying(tree, old, files):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            os._exit(9)  # as the kernel's out-of-memory killer would end it
        return real(tree, old, files)

    def too_long(signum: int, frame: object) -> None:
        raise TimeoutError("the build waited for a dead worker")

    monkeypatch.setattr(writer, "_fill", dying)
    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(120)
    err = io.StringIO()
    try:
        code = cli.main(["--root", str(project), "build", "--jobs", "2", "--no-cache"],
                        io.StringIO(), err)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert code == 1
    assert "error: a worker process ended before it finished its share" in err.getvalue()
    assert "hint: free some memory or build with --jobs 1" in err.getvalue()
    assert site_bytes(project / "site") == before
    assert list(tmp_path.glob("**/.site.tmp-*")) == []
