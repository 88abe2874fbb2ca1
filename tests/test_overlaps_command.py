"""``clearinghouse overlaps`` and the coordination part of ``clearinghouse check``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import cmarkgfm
import pytest
from lxml import html

from tests.conftest import REPO_ROOT, run_cli, write_content
from tests.coordination_helpers import SUPPORT_FILES, event_yaml
from tests.test_history import git

SHIPPED = [
    "--content",
    str(REPO_ROOT / "content"),
    "--config",
    str(REPO_ROOT / "clearinghouse.yml"),
]

EVENTS = {
    # a conflict in Tokyo on 10 March 2030
    "events/a-event.yml": event_yaml("2030-03-10", title="Licensing Workshop"),
    "events/b-event.yml": event_yaml("2030-03-10", title="Customs Forum"),
    # an opportunity in Osaka, two days apart
    "events/c-event.yml": event_yaml("2030-03-20", title="Enforcement Course", city="Osaka"),
    "events/d-event.yml": event_yaml("2030-03-22", title="Industry Outreach", city="Osaka"),
    # a conflict in 2029, past relative to --today 2030-01-01
    "events/old-one.yml": event_yaml("2029-05-01", title="Old Seminar"),
    "events/old-two.yml": event_yaml("2029-05-01", title="Old Workshop"),
}

CONFLICT = (
    'Conflict: "Licensing Workshop" (a-event, 2030-03-10, Tokyo, JP) and "Customs Forum" '
    "(b-event, 2030-03-10, Tokyo, JP) both take place on 2030-03-10 and share the same "
    "audience (Government officials) and the same countries (JP): the same officials are "
    "asked to be in two places. Fix: move one of the events to other days; if they are "
    "deliberately held together, add `coordinated_with: [b-event]` to "
    "content/events/a-event.yml (or `coordinated_with: [a-event]` to content/events/b-event.yml)."
)
OPPORTUNITY = (
    'Opportunity: "Industry Outreach" (d-event, 2030-03-22, Osaka, JP) starts 2 days after '
    '"Enforcement Course" (c-event, 2030-03-20, Osaka, JP) ends, in Osaka, and they share '
    "audience (Government officials). Suggestion: hold them back to back, share speakers and "
    "invite each other's participants; once they are coordinated, add "
    "`coordinated_with: [d-event]` to content/events/c-event.yml "
    "(or `coordinated_with: [c-event]` to content/events/d-event.yml)."
)


@pytest.fixture
def content(in_tmp: Path) -> Path:
    return write_content(in_tmp, {**SUPPORT_FILES, **EVENTS})


@pytest.fixture(autouse=True)
def outside_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


# --- clearinghouse overlaps ---------------------------------------------------------------


def test_lists_upcoming_findings_one_line_each_with_a_total(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run_cli(["overlaps", "--today", "2030-01-01"], capsys)
    assert status == 0
    assert out.splitlines() == [
        f"content/events/a-event.yml:3:8: {CONFLICT}",
        f"content/events/c-event.yml:3:8: {OPPORTUNITY}",
        "1 conflict, 1 opportunity among upcoming events",
    ]


def test_all_includes_past_events(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(["overlaps", "--today", "2030-01-01", "--all"], capsys)
    assert out.splitlines()[0].startswith('content/events/old-one.yml:3:8: Conflict: "Old Seminar"')
    assert out.splitlines()[-1] == "2 conflicts, 1 opportunity among all events"


def test_events_still_running_today_are_upcoming(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run_cli(["overlaps", "--today", "2030-03-10"], capsys)
    assert out.splitlines()[-1] == "1 conflict, 1 opportunity among upcoming events"
    _, out, _ = run_cli(["overlaps", "--today", "2030-03-11"], capsys)
    assert out.splitlines()[-1] == "1 opportunity among upcoming events"


def test_json_has_the_documented_shape(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(["overlaps", "--today", "2030-01-01", "--json"], capsys)
    assert status == 0
    document = json.loads(out)
    assert list(document) == ["findings"]
    first = document["findings"][0]
    assert {k: first[k] for k in ("id", "kind", "events", "possible", "shared", "message")} == {
        "id": "conflict:a-event:b-event",
        "kind": "conflict",
        "events": ["a-event", "b-event"],
        "possible": False,
        "shared": {"audience": ["government"], "countries": ["JP"], "topics": []},
        "message": CONFLICT,
    }
    assert [f["kind"] for f in document["findings"]] == ["conflict", "opportunity"]
    assert document["findings"][1]["gap_days"] == 2


def test_json_bytes_do_not_depend_on_hash_seed(content: Path) -> None:
    outputs = set()
    for seed in ("0", "1", "12345"):
        completed = subprocess.run(
            [sys.executable, "-m", "generator", "overlaps", "--all", "--json"],
            cwd=content.parent,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO_ROOT)},
            capture_output=True,
            check=True,
        )
        outputs.add(completed.stdout)
    assert len(outputs) == 1


@pytest.mark.parametrize(
    ("extra", "status"),
    [
        ({}, 1),  # conflict
        (
            {
                "events/b-event.yml": event_yaml(
                    "2030-03-10", title="Customs Forum", coordinated_with=("a-event",)
                )
            },
            0,
        ),
        (
            {
                "events/b-event.yml": event_yaml(
                    "2030-03-10", title="Licensing Workshop", coordinated_with=()
                )
            },
            1,
        ),
        (
            {
                "events/b-event.yml": event_yaml(
                    "2030-03-10", title="Customs Forum", city="Seoul", country="KR"
                )
            },
            0,
        ),
    ],
    ids=["conflict-fails", "acknowledged-passes", "duplicate-fails", "overlap-passes"],
)
def test_strict_exits_1_on_conflicts_and_duplicates_only(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], extra: dict[str, str], status: int
) -> None:
    write_content(in_tmp, {**SUPPORT_FILES, **EVENTS, **extra})
    assert run_cli(["overlaps", "--today", "2030-01-01", "--strict"], capsys)[0] == status
    assert run_cli(["overlaps", "--today", "2030-01-01"], capsys)[0] == 0


def test_content_errors_are_reported_and_nothing_is_analysed(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_content(in_tmp, {**EVENTS, "events/bad-one.yml": "title: x\n"})
    status, out, _ = run_cli(["overlaps", "--today", "2030-01-01"], capsys)
    assert status == 1
    assert out.splitlines()[0].startswith("content/events/bad-one.yml:1:1: error:")
    assert "Conflict" not in out


def test_shipped_seminar_and_xcxg_meeting_are_coordinated_not_a_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run_cli(["overlaps", *SHIPPED, "--all", "--json"], capsys)
    findings = json.loads(out)["findings"]
    pair = ["asian-export-control-seminar-14", "xcxg-2007-tokyo"]
    about_pair = [f for f in findings if f["events"] == pair]
    assert [(f["kind"], f["severity"], f["acknowledges"]) for f in about_pair] == [
        ("coordinated", "info", "opportunity")
    ]
    status, out, _ = run_cli(["check", *SHIPPED, "--today", "2007-01-01"], capsys)
    assert status == 0
    warnings = [line for line in out.splitlines() if ": warning: " in line]
    assert len(warnings) == 4, "the month-only U.S. seminar possibly overlaps both, 2 lines each"
    assert all("(us-export-control-seminar-japan-2007, 2007-01 to 2007-02" in w for w in warnings)


# --- --changed-since in a git repository -------------------------------------------------


@pytest.fixture
def repo(in_tmp: Path) -> Path:
    """A repository whose main branch has the conflict a/b; a branch adds e-event."""
    content = write_content(in_tmp, {**SUPPORT_FILES, **EVENTS})
    git(in_tmp, "init", "-q", "-b", "main")
    git(in_tmp, "add", ".")
    git(in_tmp, "commit", "-q", "-m", "base")
    git(in_tmp, "checkout", "-q", "-b", "proposal")
    (content / "events/e-event.yml").write_text(event_yaml("2030-03-10", title="Brokering Talk"))
    git(in_tmp, "add", ".")
    git(in_tmp, "commit", "-q", "-m", "add e-event")
    return content


def test_changed_since_lists_only_findings_about_changed_records(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run_cli(
        ["overlaps", "--today", "2030-01-01", "--changed-since", "main", "--json"], capsys
    )
    assert status == 0
    ids = [f["id"] for f in json.loads(out)["findings"]]
    assert ids == ["conflict:a-event:e-event", "conflict:b-event:e-event"]


def test_changed_since_includes_uncommitted_and_new_files_and_moves(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "events/2030").mkdir()
    git(repo.parent, "mv", "content/events/d-event.yml", "content/events/2030/d-event.yml")
    (repo / "events/f-event.yml").write_text(
        event_yaml("2030-03-21", title="Catch-all Controls", city="Osaka")
    )
    _, out, _ = run_cli(
        ["overlaps", "--today", "2030-01-01", "--changed-since", "main", "--json"], capsys
    )
    assert [f["id"] for f in json.loads(out)["findings"]] == [
        "conflict:a-event:e-event",  # committed on the branch
        "conflict:b-event:e-event",
        "opportunity:c-event:f-event",  # f-event is a new, untracked file
        "opportunity:c-event:d-event",  # d-event moved into a sub-folder, not committed
        "opportunity:d-event:f-event",
    ]


def test_changed_since_points_at_the_changed_record(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run_cli(["overlaps", "--today", "2030-01-01", "--changed-since", "main"], capsys)
    locations = [line.split(": ", 1)[0] for line in out.splitlines()[:-1]]
    assert locations == ["content/events/e-event.yml:3:8", "content/events/e-event.yml:3:8"]


def test_unknown_ref_is_an_error_for_people(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(["overlaps", "--changed-since", "nope"], capsys)
    assert status == 1
    assert out.splitlines()[0] == (
        '--changed-since:1:1: error: --changed-since: unknown git ref "nope"; hint: fetch it '
        "first (git fetch origin main) and pass it as origin/main, or give a commit id"
    )
    assert "Traceback" not in out + err


def test_changed_since_outside_git_is_an_error(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run_cli(["overlaps", "--changed-since", "main"], capsys)
    assert status == 1
    assert "is not in a git checkout" in out.splitlines()[0]


# --- clearinghouse check --------------------------------------------------------------------


def test_check_reports_warnings_at_both_start_lines_and_opportunities_as_notes(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run_cli(["check", "--today", "2030-01-01"], capsys)
    assert status == 0
    assert out.splitlines() == [
        f"content/events/a-event.yml:3:8: warning: {CONFLICT}",
        f"content/events/b-event.yml:3:8: warning: {CONFLICT}",
        f"content/events/c-event.yml:3:8: note: {OPPORTUNITY}",
        f"content/events/d-event.yml:3:8: note: {OPPORTUNITY}",
        "0 errors, 2 warnings in 2 files (2 notes)",
    ]


def test_check_considers_only_events_not_over_by_today(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run_cli(["check", "--today", "2030-03-21"], capsys)
    assert out.splitlines() == ["no problems found"]
    _, out, _ = run_cli(["check", "--today", "2029-01-01"], capsys)
    assert out.splitlines()[-1] == "0 errors, 4 warnings in 4 files (2 notes)"


def test_check_github_annotations_exact_format(
    content: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out, _ = run_cli(["check", "--today", "2030-01-01"], capsys)
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert annotations == [
        f"::warning file=content/events/a-event.yml,line=3,col=8,title=Conflict::{CONFLICT}",
        f"::warning file=content/events/b-event.yml,line=3,col=8,title=Conflict::{CONFLICT}",
        f"::notice file=content/events/c-event.yml,line=3,col=8,title=Opportunity::{OPPORTUNITY}",
        f"::notice file=content/events/d-event.yml,line=3,col=8,title=Opportunity::{OPPORTUNITY}",
    ]


def test_check_annotates_only_the_changed_record(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out, _ = run_cli(["check", "--today", "2030-01-01", "--changed-since", "main"], capsys)
    annotations = [line.split("::")[1] for line in out.splitlines() if line.startswith("::")]
    assert annotations == [
        "warning file=content/events/e-event.yml,line=3,col=8,title=Conflict",
        "warning file=content/events/e-event.yml,line=3,col=8,title=Conflict",
    ]
    assert out.splitlines()[-1] == "0 errors, 2 warnings in 1 file"


def test_possible_findings_are_titled_possible(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    write_content(
        in_tmp,
        {
            "events/a-event.yml": event_yaml("2030-03", title="Licensing Workshop"),
            "events/b-event.yml": event_yaml("2030-03-10", title="Customs Forum"),
        },
    )
    _, out, _ = run_cli(["check", "--today", "2030-01-01"], capsys)
    annotation = next(line for line in out.splitlines() if line.startswith("::warning"))
    assert annotation.startswith(
        "::warning file=content/events/a-event.yml,line=3,col=8,title=Possible conflict::"
        'Possible conflict: "Licensing Workshop" (a-event, 2030-03, month only, Tokyo, JP) and '
    )
    assert "One of them gives only the month, so the real dates may not collide." in annotation


STEP_SUMMARY = """\
### Coordination: 1 conflict, 1 opportunity

| Finding | Events | Days | Shared | What to do |
| --- | --- | --- | --- | --- |
| Conflict | Licensing Workshop (`a-event`) and Customs Forum (`b-event`) | 2030-03-10 | \
audience: Government officials; countries: JP | Fix: move one of the events to other days; \
if they are deliberately held together, add `coordinated_with: [b-event]` to \
content/events/a-event.yml (or `coordinated_with: [a-event]` to content/events/b-event.yml). |
| Opportunity | Enforcement Course (`c-event`) and Industry Outreach (`d-event`) | 2 days apart | \
audience: Government officials; countries: JP | Suggestion: hold them back to back, share \
speakers and invite each other's participants; once they are coordinated, add \
`coordinated_with: [d-event]` to content/events/c-event.yml (or `coordinated_with: [c-event]` \
to content/events/d-event.yml). |

"""


def test_check_appends_a_markdown_table_to_the_step_summary(
    content: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = content.parent / "summary.md"
    summary.write_text("# Earlier step\n\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run_cli(["check", "--today", "2030-01-01"], capsys)
    assert summary.read_text() == "# Earlier step\n\n" + STEP_SUMMARY


def test_step_summary_renders_as_a_table_in_githubs_markdown(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile = "Pipes | *stars* _under_ [link](javascript:x) <b>bold</b> & `tick"
    write_content(
        in_tmp,
        {
            "events/a-event.yml": event_yaml("2030-03-10", title=hostile),
            "events/b-event.yml": event_yaml("2030-03-10", title="Customs Forum"),
        },
    )
    summary = in_tmp / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run_cli(["check", "--today", "2030-01-01"], capsys)
    page = html.fromstring(cmarkgfm.github_flavored_markdown_to_html(summary.read_text()))
    rows = page.xpath("//table/tbody/tr")
    assert len(rows) == 1
    cells = rows[0].xpath("./td")
    assert len(cells) == 5
    assert cells[1].text_content() == f"{hostile} (a-event) and Customs Forum (b-event)"
    assert not page.xpath("//a | //b | //em | //strong")
    assert [c.text for c in cells[4].xpath(".//code")] == [
        "coordinated_with: [b-event]",
        "coordinated_with: [a-event]",
    ]


def test_no_step_summary_without_the_variable(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_cli(["check", "--today", "2030-01-01"], capsys)
    assert not (content.parent / "summary.md").exists()


def test_check_with_errors_reports_no_findings(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_content(in_tmp, {**SUPPORT_FILES, **EVENTS, "events/bad-one.yml": "title: x\n"})
    status, out, _ = run_cli(["check", "--today", "2030-01-01"], capsys)
    assert status == 1
    assert "warning: Conflict" not in out


def test_step_summary_without_findings_says_so(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_content(in_tmp, {"events/a-event.yml": event_yaml("2030-03-10")})
    summary = in_tmp / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    status, out, _ = run_cli(["check", "--today", "2030-01-01"], capsys)
    assert (status, out) == (0, "no problems found\n")
    assert summary.read_text() == (
        "### Coordination\n\nNo conflicts, overlaps, duplicates or opportunities.\n\n"
    )
