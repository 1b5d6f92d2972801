"""One fixture folder per invalid input, each with the exact message ``check`` prints.

Each case is built next to a valid note: the bad file is reported, the valid one still builds,
and the exit code says an error happened.  ``pytest --update-golden`` rewrites expected.txt.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, VALID_NOTE, make_project, run_cli

CASES = sorted(p for p in (REPO / "tests" / "fixtures" / "invalid").iterdir() if p.is_dir())


def _project(tmp_path: Path, case: Path) -> Path:
    root = make_project(tmp_path / "project")
    for item in case.iterdir():
        if item.is_dir():
            shutil.copytree(item, root / "content" / item.name, dirs_exist_ok=True)
    (root / "content" / "notes" / "zz-valid.md").write_text(VALID_NOTE, encoding="utf-8")
    return root


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_prints_the_exact_message(tmp_path: Path, case: Path,
                                        request: pytest.FixtureRequest) -> None:
    root = _project(tmp_path, case)
    code, out, _err = run_cli("--root", str(root), "check")
    expected_file = case / "expected.txt"
    if request.config.getoption("--update-golden"):
        expected_file.write_text(out, encoding="utf-8")
    assert out == expected_file.read_text(encoding="utf-8")
    has_error = ": error: " in out
    assert code == (1 if has_error else 0)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_other_files_still_build(tmp_path: Path, case: Path) -> None:
    root = _project(tmp_path, case)
    code, out, err = run_cli("--root", str(root), "build")
    assert (root / "site" / "events" / "valid-note" / "index.html").is_file()
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    assert code == (1 if ": error: " in expected else 0)
    for line in expected.splitlines():
        if ": error: " in line:
            assert line in err  # every error check finds stops the build too
    assert "1 document," in out or "documents," in out


def test_strict_build_fails_on_warnings(tmp_path: Path) -> None:
    root = _project(tmp_path, REPO / "tests" / "fixtures" / "invalid" / "no-date-clipping")
    assert run_cli("--root", str(root), "build")[0] == 0
    assert run_cli("--root", str(root), "build", "--strict")[0] == 1


def test_problems_are_reported_for_every_file_in_one_pass(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    for case in CASES:
        for item in case.rglob("*.md"):
            rel = item.relative_to(case)
            target = root / "content" / rel.parent / f"{case.name}-{rel.name}"
            target.write_bytes(item.read_bytes())
    code, out, _ = run_cli("--root", str(root), "check")
    assert code == 1
    reported = {line.split(":", 1)[0] for line in out.splitlines() if not line.startswith(" ")}
    bad_files = {f"content/{p.relative_to(c).parent}/{c.name}-{p.name}"
                 for c in CASES for p in c.rglob("*.md")
                 if ": " in (c / "expected.txt").read_text()}
    # duplicate-id reports only the second of its two files
    bad_files.discard("content/notes/duplicate-id-a.md")
    assert bad_files <= reported


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_build_strict_fails_exactly_where_check_strict_does(tmp_path: Path, case: Path) -> None:
    root = _project(tmp_path, case)
    check_code, check_out, _ = run_cli("--root", str(root), "check", "--strict")
    build_code, _out, build_err = run_cli("--root", str(root), "build", "--strict")
    assert build_code == check_code
    problems = [line for line in check_out.splitlines() if ": error: " in line
                or ": warning: " in line]
    assert problems, "every invalid fixture has a problem to report"
    for line in problems:  # the same problems, word for word
        assert line in build_err
