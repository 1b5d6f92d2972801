"""The no-op build: reused only while every input and the output folder are as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.config import load_settings
from dateline.models import BuildReport
from dateline.pipeline import builds, extract, gather
from dateline.pipeline.incremental import IncrementalBuilder
from dateline.pipeline.options import BuildOptions

BUILD_TIME = "2020-01-01T00:00:00Z"
ARTICLE = """---
title: Talks
date: 2018-06-0{n}
publisher: Test Wire
---
North Korea and the United States held talks in Singapore on Tuesday, officials said.
"""


@pytest.fixture
def built(project: Path) -> Path:
    for n in (1, 2, 3):
        (project / "content" / "articles" / f"a{n}.md").write_text(ARTICLE.format(n=n), "utf-8")
    (project / "content" / "articles" / "clipping.md").write_text(  # a warning: no date
        "Talks resume\n\nTalks were held on Tuesday.\n", "utf-8")
    first = build(project)
    assert first.ok and first.pages > 0
    return project


def build(project: Path, build_time: str = BUILD_TIME, **options: object) -> BuildReport:
    settings, _ = load_settings(project)
    return builds.build(settings, BuildOptions(build_time, search=False, jobs=1,
                                               **options))  # type: ignore[arg-type]


@pytest.fixture
def extracted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts calls of the first pipeline stage after the no-op check (load)."""
    calls: list[str] = []
    real = gather.load

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append("load")
        return real(*args, **kwargs)

    monkeypatch.setattr(gather, "load", counting)
    return calls


def test_unchanged_inputs_reuse_the_report(built: Path, extracted: list[str]) -> None:
    first = build(built, reuse_unchanged=False)
    extracted.clear()
    again = build(built)
    assert extracted == []
    assert (again.ok, again.documents, again.events, again.pages, again.written) == \
        (first.ok, first.documents, first.events, first.pages, ())
    assert again.problems == first.problems
    assert any(p.severity == "warning" for p in again.problems)  # replayed, not lost


@pytest.mark.parametrize("change", ["content", "template", "settings", "data", "new file"])
def test_any_changed_input_means_a_real_build(built: Path, extracted: list[str],
                                              change: str) -> None:
    if change == "content":
        with (built / "content" / "articles" / "a1.md").open("a", encoding="utf-8") as handle:
            handle.write("More talks followed on Friday.\n")
    elif change == "template":
        with (built / "templates" / "404.html").open("a", encoding="utf-8") as handle:
            handle.write("\n")
    elif change == "settings":
        path = built / "pyproject.toml"
        path.write_text(path.read_text("utf-8").replace('"Test timeline"', '"Other"'), "utf-8")
    elif change == "data":
        (built / "data").mkdir()
        (built / "data" / "actors.yaml").write_text("{}\n", "utf-8")
    else:
        (built / "content" / "articles" / "a4.md").write_text(ARTICLE.format(n=4), "utf-8")
    extracted.clear()
    report = build(built)
    assert extracted == ["load"]
    assert report.ok


def test_other_build_time_or_no_cache_means_a_real_build(built: Path,
                                                         extracted: list[str]) -> None:
    build(built, build_time="2021-01-01T00:00:00Z")
    build(built, build_time="2021-01-01T00:00:00Z", use_cache=False)
    assert extracted == ["load", "load"]


def test_a_touched_output_file_is_rebuilt(built: Path, extracted: list[str]) -> None:
    index = built / "site" / "index.html"
    original = index.read_bytes()
    index.write_bytes(b"edited by hand")
    report = build(built)
    assert extracted == ["load"]
    assert report.written == ("index.html",)
    assert index.read_bytes() == original


def test_a_deleted_output_file_is_rebuilt(built: Path, extracted: list[str]) -> None:
    (built / "site" / "feed.xml").unlink()
    report = build(built)
    assert extracted == ["load"] and report.written == ("feed.xml",)


def test_a_failed_build_is_never_reused(built: Path, extracted: list[str]) -> None:
    (built / "content" / "articles" / "bad.md").write_text("---\ntitle: [\n---\n", "utf-8")
    assert not build(built).ok
    assert not build(built).ok
    assert extracted == ["load", "load"]


def test_a_corrupt_record_means_a_real_build(built: Path, extracted: list[str]) -> None:
    (built / ".cache" / "build.json").write_text("{not json", "utf-8")
    assert build(built).ok
    assert build(built).ok
    assert extracted == ["load"]


def test_the_dev_server_path_never_uses_the_record(built: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    settings, _ = load_settings(built)
    calls: list[int] = []
    real = extract.extract_all
    monkeypatch.setattr(gather, "extract_all",
                        lambda *a, **k: calls.append(1) or real(*a, **k))
    IncrementalBuilder(settings, BuildOptions(BUILD_TIME, search=False))([])
    assert calls == [1]


def test_a_no_op_build_from_the_command_line_never_imports_the_pipeline(built: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import REPO

    probe = (  # the CLI in a fresh interpreter, then which heavy modules it loaded
        "import sys; from dateline.cli import main; code = main(sys.argv[1:]); "
        "print(sorted(m for m in ('dateline.pipeline.full', 'jinja2', 'markdown',"
        " 'dateline.events') if m in sys.modules)); sys.exit(code)")
    env = {"SOURCE_DATE_EPOCH": "1577836800", "PATH": "/usr/bin:/bin"}

    def run() -> list[str]:
        done = subprocess.run([sys.executable, "-c", probe, "--root", str(built), "build",
                               "--jobs", "1"], cwd=REPO, env=env, capture_output=True,
                              text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip().splitlines()

    assert run()[-1] != "[]"  # the first build from the CLI runs the pipeline
    assert run()[-1] == "[]"  # the same build again: the recorded report, nothing imported
