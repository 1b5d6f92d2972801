"""A full build runs with fewer cycle collections (``builds.few_collections``) and puts the
process's own thresholds back afterwards, also when the build fails."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from dateline.config import load_settings
from dateline.pipeline import builds
from dateline.pipeline import full as pipeline
from tests.conftest import REPO, make_project

BUILD_TIME = "2020-01-01T00:00:00Z"


def options() -> builds.BuildOptions:
    return builds.BuildOptions(BUILD_TIME, use_cache=False, search=False)


def test_a_full_build_collects_less_and_restores_the_thresholds(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: list[tuple[int, int, int]] = []
    real = pipeline.full_build

    def spy(*args: Any) -> Any:
        seen.append(gc.get_threshold())
        return real(*args)

    monkeypatch.setattr(pipeline, "full_build", spy)
    project = make_project(tmp_path / "site")
    article = sorted((REPO / "content" / "articles").glob("*.md"))[0]
    (project / "content" / "articles" / article.name).write_bytes(article.read_bytes())
    before = gc.get_threshold()
    settings, _ = load_settings(project)
    report = builds.build(settings, options())
    assert report.ok and report.events > 0
    assert seen == [builds.BUILD_GC_THRESHOLDS] != [before]
    assert gc.get_threshold() == before


def test_the_thresholds_come_back_when_the_build_raises(monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    def broken(*_args: Any) -> Any:
        raise RuntimeError("the pipeline broke")

    monkeypatch.setattr(pipeline, "full_build", broken)
    before = gc.get_threshold()
    settings, _ = load_settings(make_project(tmp_path / "site"))
    with pytest.raises(RuntimeError, match="the pipeline broke"):
        builds.build(settings, options())
    assert gc.get_threshold() == before


def test_check_gathers_with_fewer_collections(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    from dateline import check

    seen: list[tuple[int, int, int]] = []
    real = check.gather

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.get_threshold())
        return real(*args, **kwargs)

    monkeypatch.setattr(check, "gather", spy)
    before = gc.get_threshold()
    settings, _ = load_settings(make_project(tmp_path / "site"))
    check.validate(settings)
    assert seen == [builds.BUILD_GC_THRESHOLDS]
    assert gc.get_threshold() == before
