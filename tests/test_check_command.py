"""``clearinghouse check``: output format, ordering, exit status and CI annotations."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_EVENT, REPO_ROOT, run_cli, write_content


def test_reports_every_problem_in_every_file_sorted_by_path_and_line(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_content(
        in_tmp,
        {
            "events/b-event.yml": "title: B\nkind: semnar\nstart: 2030-13-01\n",
            "events/a-event.yml": MINIMAL_EVENT + "titel: x\ntopics: [nope]\n",
            "programs/p-one.yml": "name: P\n",
        },
    )
    status, out, _ = run_cli(["check"], capsys)
    locations = [line.split(": ", 1)[0] for line in out.splitlines()[:-1]]
    assert locations == [
        "content/events/a-event.yml:4:1",
        "content/events/a-event.yml:5:10",
        "content/events/b-event.yml:2:7",
        "content/events/b-event.yml:3:8",
        "content/programs/p-one.yml:1:1",
    ]
    assert out.splitlines()[-1] == "5 errors in 3 files"
    assert status == 1


def test_valid_content_exits_zero_with_a_total_line(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_content(in_tmp, {"events/ok-event.yml": MINIMAL_EVENT})
    status, out, _ = run_cli(["check"], capsys)
    assert status == 0
    assert out.splitlines()[-1] == "no problems found"


def test_warnings_alone_do_not_fail(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_content(in_tmp, {"events/notes.txt": "x", "events/ok-event.yml": MINIMAL_EVENT})
    status, out, _ = run_cli(["check"], capsys)
    assert status == 0
    assert "warning: ignored" in out


def test_github_actions_annotations_escape_properties_and_data(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    write_content(in_tmp, {"events/a,b-c.yml": "x"})
    status, out, _ = run_cli(["check"], capsys)
    assert status == 1
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert annotations == [
        "::error file=content/events/a%2Cb-c.yml,line=1,col=1,title=Not a mapping::"
        "expected a mapping of fields (lines like title: ...) at the top of the file, "
        "found a single value",
        "::error file=content/events/a%2Cb-c.yml,line=1,col=1,title=Invalid file name::"
        'file name "a,b-c.yml" does not make a valid record id: use 3–80 lowercase letters, '
        "digits and hyphens, starting and ending with a letter or digit "
        '(hint: rename it to "a-b-c.yml")',
    ]


def test_no_annotations_outside_github_actions(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    write_content(in_tmp, {"events/bad-one.yml": "x"})
    _, out, _ = run_cli(["check"], capsys)
    assert "::error" not in out


def test_missing_content_folder_is_reported_without_traceback(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run_cli(["check", "--content", "nowhere"], capsys)
    assert status == 1
    assert out.splitlines()[0] == (
        "nowhere:1:1: error: content folder not found; hint: pass --content DIR"
    )
    assert "Traceback" not in out + err


def test_invalid_settings_file_is_reported_with_position(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_content(in_tmp, {"events/ok-event.yml": MINIMAL_EVENT})
    (in_tmp / "clearinghouse.yml").write_text("site_url: ftp://x\nupcoming_dayz: 3\n")
    status, out, _ = run_cli(["check"], capsys)
    assert status == 1
    assert out.splitlines()[:2] == [
        'clearinghouse.yml:1:11: error: site_url: links must start with https: or http:, found "ftp:"',
        'clearinghouse.yml:2:1: error: unknown field "upcoming_dayz" (did you mean '
        '"upcoming_days"?); expected one of: site_name, site_description, site_url, uid_domain, '
        "repository_url, country_names, upcoming_days, feed_max_entries, coordination",
    ]


def test_shipped_content_passes_check(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(
        [
            "check",
            "--content",
            str(REPO_ROOT / "content"),
            "--config",
            str(REPO_ROOT / "clearinghouse.yml"),
        ],
        capsys,
    )
    assert status == 0, out
    assert out.splitlines()[-1] == "no problems found"


def test_python_dash_m_generator_runs_the_same_command(tmp_path: Path) -> None:
    write_content(tmp_path, {"events/bad-one.yml": "title: [\n"})
    completed = subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert completed.stdout.startswith("content/events/bad-one.yml:2:1: error: YAML syntax error")
    assert "Traceback" not in completed.stderr
