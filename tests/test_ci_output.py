"""What a GitHub Actions job shows for ``clearinghouse check``, asserted byte for byte.

Under GitHub Actions (``GITHUB_ACTIONS=true``) every problem is printed first as
``path:line:col: severity: message`` (the job log), then as a workflow command that GitHub
turns into an annotation on that line of the pull request's diff, then the total.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINIMAL_EVENT, run_cli, write_content


def test_check_prints_problems_then_annotations_then_the_total(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    write_content(
        in_tmp,
        {
            "events/notes.txt": "x",
            "events/tokyo-seminar.yml": MINIMAL_EVENT + "location:\n  country: Japan\n",
        },
    )
    status, out, _ = run_cli(["check"], capsys)
    assert status == 1
    assert out == (
        "content/events/notes.txt:1:1: warning: ignored: only .yml and .yaml files are records\n"
        'content/events/tokyo-seminar.yml:5:12: error: location.country: "Japan" is not an '
        'ISO 3166-1 alpha-2 country code; expected two capital letters such as "JP" or "SG" '
        '(did you mean "JP", Japan?)\n'
        "::warning file=content/events/notes.txt,line=1,col=1,title=File ignored::ignored: "
        "only .yml and .yaml files are records\n"
        "::error file=content/events/tokyo-seminar.yml,line=5,col=12,title=Invalid value::"
        'location.country: "Japan" is not an ISO 3166-1 alpha-2 country code; expected two '
        'capital letters such as "JP" or "SG" (did you mean "JP", Japan?)\n'
        "1 error, 1 warning in 2 files\n"
    )


def test_annotation_data_and_properties_are_escaped(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # "%" in the data and "," or ":" in a file name must not end or split the command.
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    write_content(in_tmp, {"events/a,b:c.yml": 'title: T\nkind: "50%::x"\nstart: 2030-01\n'})
    status, out, _ = run_cli(["check"], capsys)
    assert status == 1
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert annotations == [
        "::error file=content/events/a%2Cb%3Ac.yml,line=1,col=1,title=Invalid file name::file "
        'name "a,b:c.yml" does not make a valid record id: use 3–80 lowercase letters, digits '
        'and hyphens, starting and ending with a letter or digit (hint: rename it to "a-b-c.yml")',
        "::error file=content/events/a%2Cb%3Ac.yml,line=2,col=7,title=Invalid value::kind: "
        '"50%25::x" is not a known event kind; expected one of: seminar, workshop, academy, '
        "training, conference, meeting, outreach, webinar",
    ]
