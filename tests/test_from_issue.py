"""``clearinghouse from-issue``: realistic issue-form bodies give the right record or errors.

The bodies in ``tests/data/issues/`` are written the way GitHub renders an issue form
(``### Label``, a blank line, the answer; ``_No response_`` when empty; ``- [X]`` for ticked
boxes).  Records and replies are compared with golden files and key facts are asserted
here, so a change in either shows up in review.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator.issuerecord import dump_record
from generator.issuereply import code_span
from generator.yamlsource import load_yaml
from tests.conftest import MINIMAL_ORGANIZATION, REPO_ROOT, run_cli, write_content

ISSUES = REPO_ROOT / "tests" / "data" / "issues"

CONTENT = {
    "organizations/mofa-japan.yml": MINIMAL_ORGANIZATION,
    "organizations/meti.yml": MINIMAL_ORGANIZATION,
    "organizations/cistec.yml": MINIMAL_ORGANIZATION,
    "organizations/cistec-partner.yml": MINIMAL_ORGANIZATION,
    "programs/asian-export-control-seminar.yml": "name: AECS\nkind: seminar-series\n",
    "events/2027/xcxg-2027-tokyo.yml": "title: XCXG Tokyo\nkind: meeting\nstart: 2027-02-06\n",
}

Golden = Callable[[str, str | bytes], None]


def body(name: str) -> str:
    return (ISSUES / f"{name}.md").read_text("utf-8")


def with_answer(text: str, label: str, answer: str) -> str:
    """*text* with the answer under ``### label`` replaced."""
    pattern = re.compile(rf"(### {re.escape(label)}\n\n)(.*?)(\n\n### |\n*\Z)", re.S)
    assert pattern.search(text), label
    return pattern.sub(lambda m: m.group(1) + answer + m.group(3), text, count=1)


def from_issue(
    root: Path, capsys: pytest.CaptureFixture[str], text: str, *extra: str
) -> tuple[int, str, str]:
    write_content(root, CONTENT)
    (root / "schema").mkdir(exist_ok=True)  # beside content/, as in the repository
    issue = root / "issue-body.md"
    issue.write_text(text, encoding="utf-8")
    dates = ["--today", "2026-12-03", "--as-of", "2026-12-03"]
    return run_cli(["from-issue", str(issue), "--number", "42", *dates, *extra], capsys)


def record_data(path: Path) -> dict[str, Any]:
    document, problems = load_yaml(path.read_bytes(), str(path))
    assert document is not None and problems == []
    return document.data


def bullets(reply: str) -> list[str]:
    return [line for line in reply.splitlines() if line.startswith("- ")]


def test_all_fields_give_the_full_record_which_passes_check(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], golden: Golden
) -> None:
    status, out, err = from_issue(in_tmp, capsys, body("all-fields"))
    assert status == 0, out
    path = in_tmp / "content/events/2027/asian-export-control-seminar-15.yml"
    golden("from-issue/all-fields.yml", path.read_text("utf-8"))
    golden("from-issue/all-fields.reply.md", out)
    assert record_data(path) == {
        "title": "15th Asian Export Control Seminar",
        "kind": "seminar",
        "status": "confirmed",
        "start": "2027-02-03T09:30",
        "end": "2027-02-05T17:00",
        "timezone": "Asia/Tokyo",
        "location": {
            "city": "Tokyo",
            "country": "JP",
            "venue": "Mita Conference Hall",
            "online": True,
            "lat": 35.6486,
            "lon": 139.7411,
        },
        "organizers": ["mofa-japan", "meti", "cistec"],
        "partners": ["cistec-partner"],
        "programs": ["asian-export-control-seminar"],
        "series": "asian-export-control-seminar",
        "audience": ["government", "licensing", "industry"],
        "topics": ["legal-framework", "licensing", "catch-all", "industry-compliance"],
        "countries": ["ID", "MY", "PH", "SG", "TH", "VN", "TW"],
        "participants": 120,
        "languages": ["en", "ja"],
        "url": "https://www.example.org/seminar",
        "registration": {
            "url": "https://www.example.org/seminar/register",
            "deadline": "2027-01-15",
        },
        "contact": {"name": "Export Control Policy Division", "email": "seminar@example.org"},
        "description": "The annual seminar for export-control officials of Asian countries.\n\n"
        "### Programme\n"
        "- **Day 1**: legal frameworks and catch-all controls\n"
        "- **Day 2**: licensing practice, with METI and CISTEC",
        "coordinated_with": ["xcxg-2027-tokyo"],
        "announced": "2026-12-03",
        "source": "Invitation letter of 1 December 2026",
    }
    assert err.splitlines()[-1] == "no problems found"
    status, out, _ = run_cli(["check"], capsys)
    assert (status, out) == (0, "no problems found\n")


def test_missing_optional_fields_give_a_minimal_record_with_an_id_from_title_and_year(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = from_issue(in_tmp, capsys, body("minimal"))
    assert status == 0, out
    path = in_tmp / "content/events/2027/export-control-workshop-for-customs-officers-2027.yml"
    assert path.read_text("utf-8") == (
        "# yaml-language-server: $schema=../../../schema/event.schema.json\n"
        "# Submitted through GitHub issue #42 (new-event form).\n"
        "title: Export Control Workshop for Customs Officers\n"
        "kind: workshop\n"
        "start: 2027-06\n"
        "announced: 2026-12-03\n"
        'source: "GitHub issue #42 (new-event form)"\n'
    )
    assert run_cli(["check"], capsys)[0] == 0


def test_bad_dates_are_reported_by_form_field_and_line_and_nothing_is_written(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], golden: Golden
) -> None:
    status, out, err = from_issue(in_tmp, capsys, body("bad-dates"))
    assert status == 1
    assert not (in_tmp / "content/events/regional-licensing-workshop.yml").exists()
    assert out.startswith("### ❌ The event cannot be added yet (4 problems to fix)\n")
    assert bullets(out) == [
        "- **First day** (line 5): `start: expected a date written as YYYY-MM (month only) or "
        'YYYY-MM-DD or YYYY-MM-DDTHH:MM (with timezone), found "5 March 2027"`',
        '- **Last day** (line 6): `end: "2027-02-30" is not a real date or time; hint: February 2027 has 28 days`',
        '- **Host country** (line 8): `location.country: "Malaysia" is not an ISO 3166-1 alpha-2 '
        'country code; expected two capital letters such as "JP" or "SG" (did you mean "MY", '
        "Malaysia?)`",
        "- **Registration deadline** (line 10): `registration.deadline: expected a date written "
        'as YYYY-MM-DD, found "2027/01/15"`',
    ]
    golden("from-issue/bad-dates.reply.md", out)
    assert err.splitlines()[0] == (
        "content/events/regional-licensing-workshop.yml:5:1: error: [First day] start: expected "
        "a date written as YYYY-MM (month only) or YYYY-MM-DD or YYYY-MM-DDTHH:MM (with "
        'timezone), found "5 March 2027"'
    )
    assert err.splitlines()[-1] == "4 errors in 1 file"


def test_title_with_shell_metacharacters_and_expressions_is_stored_exactly(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], golden: Golden
) -> None:
    text = body("shell-title")
    status, out, _ = from_issue(in_tmp, capsys, text)
    assert status == 0, out
    [path] = (in_tmp / "content/events/2027").glob("seminar-export-*.yml")
    assert path.name == (
        "seminar-export-1-github-token-touch-tmp-pwned-whoami-rm-rf-echo-x-tee-etc-p-2027.yml"
    )
    data = record_data(path)
    assert data["title"] == (
        'Seminar: "Export" #1 ${{ github.token }} $(touch /tmp/pwned) `whoami` && rm -rf ~; '
        "echo 'x' | tee /etc/passwd"
    )
    assert data["description"].startswith("Run `${{ secrets.NEW_EVENT_TOKEN }}` here:\n\n```sh")
    assert not Path("/tmp/pwned").exists()
    golden("from-issue/shell-title.yml", path.read_text("utf-8"))
    golden("from-issue/shell-title.reply.md", out)
    assert run_cli(["check"], capsys)[0] == 0


def test_issue_text_in_the_reply_is_only_inside_code(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = with_answer(body("shell-title"), "Host country", "<b>@octocat</b>")
    status, out, _ = from_issue(in_tmp, capsys, text)
    assert status == 1
    # An independent CommonMark parser: raw HTML is only ours, mentions only in code.
    tokens = MarkdownIt("commonmark").parse(out)
    html = []
    for token in tokens:
        children = token.children or []
        html += [t.content for t in children if t.type == "html_inline"]
        if token.type == "html_block":
            html.append(token.content)
        for child in children:
            if child.type == "text":
                assert "@" not in child.content and "<" not in child.content, child.content
    assert all(
        re.fullmatch(r"(</?details( open)?>|</?summary>|</?code>|\n)+", fragment)
        or fragment.startswith("<details")
        for fragment in html
    ), html
    assert any("@octocat" in t.content for t in tokens if t.type == "inline")
    assert '`location.country: "<b>@octocat</b>" is not an ISO 3166-1' in out


def test_an_existing_short_name_is_refused_and_the_existing_file_kept(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = in_tmp / "content/events/2026/export-control-workshop-for-customs-officers-2027.yml"
    existing.parent.mkdir(parents=True)
    existing.write_text("title: Other\nkind: seminar\nstart: 2027-06-01\n", encoding="utf-8")
    status, out, _ = from_issue(in_tmp, capsys, body("minimal"))
    assert status == 1
    assert bullets(out) == [
        "- **Short name for the web address**: `an event with the short name "
        '"export-control-workshop-for-customs-officers-2027" already exists '
        "(content/events/2026/export-control-workshop-for-customs-officers-2027.yml); hint: if "
        "this is a different event, choose another short name here`"
    ]
    assert existing.read_text("utf-8").startswith("title: Other\n")
    assert sorted(p.name for p in (in_tmp / "content/events").rglob("*.yml")) == [
        "export-control-workshop-for-customs-officers-2027.yml",
        "xcxg-2027-tokyo.yml",
    ]


def test_required_fields_and_consent_are_reported_without_duplicates(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = with_answer(body("minimal"), "Title", "_No response_")
    text = with_answer(text, "Kind of event", "_No response_")
    text = text.replace("- [X] The information", "- [ ] The information")
    status, out, _ = from_issue(in_tmp, capsys, text)
    assert status == 1
    assert bullets(out) == [
        "- **Title**: `this field is required`",
        "- **Kind of event**: `this field is required`",
        '- **Publication**: `please tick "The information above is public and may be published '
        'on the clearinghouse"; the clearinghouse only lists public information`',
    ]


def test_a_body_that_is_not_the_form_gets_one_clear_error(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = from_issue(in_tmp, capsys, "Please add our seminar on 3 February.\n")
    assert status == 1
    assert not list((in_tmp / "content/events").glob("*.yml"))
    [bullet] = bullets(out)
    assert bullet == (
        '- **The form as a whole**: `this issue was not written with the "New event" form: no '
        'field headings such as "### Title" were found; hint: open a new issue and choose the '
        "New event form`"
    )


def test_unknown_references_point_at_the_form_field(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = with_answer(body("minimal"), "Organizers", "meti, METY")
    status, out, _ = from_issue(in_tmp, capsys, text)
    assert status == 1
    assert bullets(out) == [
        '- **Organizers** (line 6): `unknown organization "mety" in organizers: there is no file '
        'content/organizations/mety.yml (did you mean "meti"?)`'
    ]


def test_warnings_do_not_block_the_record(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = with_answer(body("minimal"), "Registration deadline", "2027-07-15")
    status, out, _ = from_issue(in_tmp, capsys, text)
    assert status == 0
    assert "Please double-check:" in out
    assert bullets(out) == [
        "- ⚠️ **Registration deadline** (line 7): `registration deadline 2027-07-15 is after the "
        "event ends (2027-06-30); check the date`"
    ]


def test_problems_elsewhere_in_the_repository_do_not_block_the_record(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_content(in_tmp, {"events/broken-event.yml": "title: Broken\n"})
    status, out, _ = from_issue(in_tmp, capsys, body("minimal"))
    assert status == 0, out
    assert out.endswith(
        "_Note for maintainers: the repository has 2 other problems outside this record; "
        "`clearinghouse check` lists them._\n"
    )


def test_windows_line_ends_and_headings_inside_the_description(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = with_answer(body("minimal"), "Description", "Intro.\n\n### Source\n\nNot a field.")
    status, out, _ = from_issue(in_tmp, capsys, text.replace("\n", "\r\n"))
    assert status == 0, out
    [path] = (in_tmp / "content/events/2027").glob("export-control-*.yml")
    data = record_data(path)
    assert data["description"] == "Intro.\n\n### Source\n\nNot a field."
    assert data["source"] == "GitHub issue #42 (new-event form)"


def test_github_actions_outputs_and_summary_are_exact(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    outputs, summary = in_tmp / "outputs.txt", in_tmp / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_OUTPUT", str(outputs))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    status, out, _ = from_issue(in_tmp, capsys, body("minimal"), "--reply", "reply.md")
    assert status == 0
    record = (
        in_tmp / "content/events/2027/export-control-workshop-for-customs-officers-2027.yml"
    ).read_text("utf-8")
    assert summary.read_text("utf-8") == out
    assert (in_tmp / "reply.md").read_text("utf-8") == out
    blocks = re.findall(
        r"^(\w+)<<(EOF_[0-9a-f]{64})\n(.*?)\n\2\n", outputs.read_text("utf-8"), re.S | re.M
    )
    assert [(name, value) for name, _, value in blocks] == [
        ("valid", "true"),
        ("id", "export-control-workshop-for-customs-officers-2027"),
        ("path", "content/events/2027/export-control-workshop-for-customs-officers-2027.yml"),
        ("title", "Export Control Workshop for Customs Officers"),
        ("record", record.removesuffix("\n")),  # the workflow adds the newline back
        ("reply", out),
    ]
    # Nothing else was written: the blocks make up the whole file.
    assert "".join(f"{n}<<{d}\n{v}\n{d}\n" for n, d, v in blocks) == outputs.read_text("utf-8")


def test_unreadable_body_file_is_a_usage_error(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_content(in_tmp, {})
    status, out, err = run_cli(["from-issue", "missing.md"], capsys)
    assert (status, out) == (2, "")
    assert err == "missing.md: cannot read the issue body: No such file or directory\n"


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("plain", "`plain`"),
        ("a `b` c", "``a `b` c``"),
        ("`start", "`` `start ``"),
        ("two\nlines", "`two lines`"),
    ],
)
def test_code_spans_cannot_be_closed_by_the_text(text: str, span: str) -> None:
    assert code_span(text) == span


@settings(max_examples=300, deadline=None)
@given(
    st.text(min_size=1, max_size=80),
    st.text(min_size=1, max_size=200),
    st.lists(st.text(min_size=1, max_size=10), max_size=4),
)
def test_any_answer_is_written_so_that_it_reads_back_exactly(
    title: str, description: str, items: list[str]
) -> None:
    data = {
        "title": title,
        "location": {"venue": title},
        "description": description,
        "countries": items,
    }
    document, problems = load_yaml(dump_record(data).encode("utf-8"), "x.yml")
    assert problems == []
    assert document is not None and document.data == data


def test_a_title_without_latin_letters_gets_an_id_from_year_and_issue_number(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = with_answer(body("minimal"), "Title", "亚洲出口管制研讨会")
    status, out, _ = from_issue(in_tmp, capsys, text)
    assert status == 0, out
    path = in_tmp / "content/events/2027/event-2027-issue-42.yml"
    assert record_data(path)["title"] == "亚洲出口管制研讨会"
    assert run_cli(["check"], capsys)[0] == 0


@pytest.mark.parametrize(
    ("answer", "expected"), [("35.6486", 35.6486), ("35,6486", 35.6486), ("-8", -8.0)]
)
def test_coordinates_are_read_as_decimal_numbers(
    answer: str, expected: float, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = with_answer(with_answer(body("minimal"), "Latitude", answer), "Longitude", "139.7")
    status, out, _ = from_issue(in_tmp, capsys, text)
    assert status == 0, out
    [path] = (in_tmp / "content/events/2027").glob("export-control-*.yml")
    assert record_data(path)["location"] == {"lat": expected, "lon": 139.7}


def test_headings_of_other_fields_inside_the_description_stay_in_the_description(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    description = "Intro.\n\n### Coordinated with\n\nsomething\n\n### Title\n\nx"
    text = with_answer(body("minimal"), "Description", description)
    status, out, _ = from_issue(in_tmp, capsys, text)
    assert status == 0, out
    [path] = (in_tmp / "content/events/2027").glob("export-control-*.yml")
    data = record_data(path)
    assert data["description"] == description
    assert data["title"] == "Export Control Workshop for Customs Officers"
    assert "coordinated_with" not in data


def test_the_reply_warns_of_events_that_compete_for_the_same_people(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = body("minimal")
    for label, answer in [
        ("First day", "2027-02-06"),
        ("City", "Tokyo"),
        ("Host country", "JP"),
        ("Audience", "Licensing officers"),
    ]:
        text = with_answer(text, label, answer)
    rival = "title: Licensing forum\nkind: meeting\nstart: 2027-02-06\naudience: [licensing]\n"
    write_content(
        in_tmp, {"events/2027/licensing-forum-2027.yml": rival + "location:\n  country: JP\n"}
    )
    status, out, _ = from_issue(in_tmp, capsys, text)
    assert status == 0, out
    section = out.split("#### Other events at the same time or place\n\n", 1)[1]
    assert section.startswith(
        "These events compete for the same people. Please consider other dates; if the events "
        "are planned together, add the other event's short name to the **Coordinated with** "
        "field.\n\n- ⚠️ **Conflict**: `"
    )
    assert "licensing-forum-2027" in section.split("\n\n<details", 1)[0]


def test_coordination_is_checked_as_of_the_run_not_the_day_the_issue_was_opened(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = body("minimal")
    for label, answer in [("First day", "2027-02-06"), ("Host country", "JP")]:
        text = with_answer(text, label, answer)
    text = with_answer(text, "Audience", "Licensing officers")
    rival = "title: Licensing forum\nkind: meeting\nstart: 2027-02-06\naudience: [licensing]\n"
    write_content(in_tmp, {"events/2027/forum-2027.yml": rival + "location:\n  country: JP\n"})
    status, out, _ = from_issue(in_tmp, capsys, text)
    assert status == 0 and "⚠️ **Conflict**" in out
    (in_tmp / "content/events/2027/export-control-workshop-for-customs-officers-2027.yml").unlink()
    status, out, _ = from_issue(in_tmp, capsys, text, "--as-of", "2027-03-01")
    assert status == 0, out
    assert "Other events at the same time or place" not in out  # the rival is over by then
