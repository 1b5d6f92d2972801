"""Extraction in a process pool and on a Dask cluster gives the same site as in one process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline.config import load_settings
from dateline.models import BuildReport
from dateline.pipeline import builds, extract, gather
from dateline.pipeline.options import BuildOptions
from tests.conftest import make_project, run_cli

BUILD_TIME = "2020-01-01T00:00:00Z"
STORY = """---
title: Report {n}
date: 2018-{month:02d}-{day:02d}
publisher: {publisher}
url: https://example.org/wire/{n}
---
North Korea and South Korea held talks on Tuesday, officials said.

The United States said on {day} March that sanctions would stay until next year.
"""


def site_bytes(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


def corpus(root: Path, count: int) -> Path:
    project = make_project(root)
    for n in range(count):
        text = STORY.format(n=n, month=1 + n % 12, day=1 + n % 28,
                            publisher=("Wire A", "Wire B")[n % 2])
        (project / "content" / "articles" / f"report-{n:03d}.md").write_text(text, "utf-8")
    return project


def build(project: Path, **options: object) -> BuildReport:
    settings, _ = load_settings(project)
    report = builds.build(settings, BuildOptions(
        BUILD_TIME, use_cache=False, search=False, **options))  # type: ignore[arg-type]
    assert report.ok, report.problems
    return report


@pytest.fixture
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    project = corpus(tmp_path_factory.mktemp("serial"), 12)
    build(project, jobs=1)
    return site_bytes(project / "site")


def test_process_pool_builds_the_same_site(tmp_path: Path, reference: dict[str, bytes],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "PARALLEL_THRESHOLD", 2)  # a pool even for a dozen stories
    used: list[int] = []
    real = extract._parallel

    def spy(todo, gazetteer, jobs, executor):  # type: ignore[no-untyped-def]
        used.append(len(todo))
        return real(todo, gazetteer, jobs, executor)

    monkeypatch.setattr(extract, "_parallel", spy)
    project = corpus(tmp_path, 12)
    build(project, jobs=2)
    assert used == [12]
    assert site_bytes(project / "site") == reference


def test_parallel_results_keep_document_order(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    project = corpus(tmp_path, 10)
    settings, _ = load_settings(project)
    documents, _ = gather.load(settings, None, None)
    serial = extract.extract_all(documents, jobs=1)
    monkeypatch.setattr(extract, "PARALLEL_THRESHOLD", 2)
    parallel = extract.extract_all(documents, jobs=2)
    assert list(parallel) == list(serial)
    assert parallel == serial


@pytest.fixture
def dask_address() -> Iterator[str]:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  protocol="tcp", host="127.0.0.1", dashboard_address=None
                                  ) as cluster:
        yield "dask://" + cluster.scheduler_address.removeprefix("tcp://")


def test_dask_cluster_builds_the_same_site(tmp_path: Path, reference: dict[str, bytes],
                                           dask_address: str) -> None:
    from dateline.pipeline.pools import dask_executor

    executor = dask_executor(dask_address)
    try:
        project = corpus(tmp_path, 12)
        build(project, jobs=1, executor=executor)
    finally:
        executor.shutdown()
        executor._client.close()  # type: ignore[attr-defined]
    assert site_bytes(project / "site") == reference


def test_dask_executor_through_the_cli(tmp_path: Path, reference: dict[str, bytes],
                                       dask_address: str,
                                       monkeypatch: pytest.MonkeyPatch) -> None:

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1577836800")  # 2020-01-01T00:00:00Z
    project = corpus(tmp_path, 12)
    code, _out, err = run_cli("--root", str(project), "build", "--no-cache",
                              "--executor", dask_address)
    assert code == 0, err
    built = {k: v for k, v in site_bytes(project / "site").items()
             if not k.startswith("pagefind/")}
    assert built == reference


@pytest.mark.parametrize(("address", "message"), [
    ("bogus", "error: --executor: 'bogus' is not a scheduler address (expected dask://HOST:PORT "
              "or tcp://HOST:PORT)"),
    ("http://127.0.0.1:8786", "error: --executor: 'http://127.0.0.1:8786' is not a scheduler "
                              "address (expected dask://HOST:PORT or tcp://HOST:PORT)"),
])
def test_a_bad_executor_address_is_an_error_line_with_a_hint(tmp_path: Path, address: str,
                                                             message: str) -> None:
    root = make_project(tmp_path / "p")
    code, _out, err = run_cli("--root", str(root), "build", "--executor", address)
    assert code == 1
    assert err.splitlines()[0] == message
    assert err.splitlines()[1].startswith("  hint: start a scheduler")
    assert "Traceback" not in err
