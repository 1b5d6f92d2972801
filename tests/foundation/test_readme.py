"""README's two copy-paste commands exist, and CI runs the test command exactly as written."""

from __future__ import annotations

import re

from tests.conftest import REPO


def _commands() -> list[str]:
    readme = (REPO / "README.md").read_text("utf-8")
    return re.findall(r"```sh\n(.+?)\n```", readme)


def test_readme_has_site_and_test_commands() -> None:
    commands = _commands()
    assert any("build.py serve" in c and "pip install" in c for c in commands)
    assert any("pytest" in c and "pip install" in c and "[test]" in c for c in commands)


def test_ci_runs_the_readme_test_command() -> None:
    test_command = next(c for c in _commands() if "pytest" in c)
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    assert test_command in ci.splitlines()
