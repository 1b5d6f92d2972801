"""The pipeline end to end: a fixture site built into tmp_path equals a reviewed golden copy.

Regenerate with ``pytest tests/foundation/test_golden_site.py --update-golden`` and review the
diff before committing it.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

FIXTURE = REPO / "tests" / "fixtures" / "golden-site"
GOLDEN = REPO / "tests" / "golden" / "site"
SKIP = ("pagefind/",)  # search index: binary, checked by its own tests


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.relative_to(root).as_posix().startswith(SKIP)}


def test_fixture_site_matches_golden(tmp_path: Path, request: pytest.FixtureRequest,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    shutil.copytree(REPO / "templates", root / "templates")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1546300800")  # 2019-01-01T00:00:00Z
    code, _out, err = run_cli("--root", str(root), "build", "--no-cache", "--jobs", "1")
    assert code == 0, err
    built = _files(root / "site")
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(root / "site", GOLDEN, ignore=shutil.ignore_patterns("pagefind"))
    golden = _files(GOLDEN)
    assert sorted(built) == sorted(golden)
    for name in sorted(golden):
        if built[name] != golden[name]:
            diff = difflib.unified_diff(golden[name].decode(errors="replace").splitlines(),
                                        built[name].decode(errors="replace").splitlines(),
                                        "golden/" + name, "built/" + name, lineterm="", n=2)
            pytest.fail("\n".join(list(diff)[:60]))


def test_golden_site_never_contains_contributors_script() -> None:
    for name, data in _files(GOLDEN).items():
        if name.endswith(".html"):
            text = data.decode()
            assert "alert(1)" not in text.replace("&lt;script&gt;alert(1)", ""), name
            assert "javascript:" not in text, name
