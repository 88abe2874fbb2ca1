"""Every kind of content error has a minimal fixture with its exact message and position.

Each case writes a tiny content tree, runs ``clearinghouse check`` and compares the
``path:line:col: severity: message`` lines exactly — these messages are what organizers
read on their pull requests, so a change to one is a deliberate change of this file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINIMAL_EVENT, MINIMAL_ORGANIZATION, run_cli, write_content

E = MINIMAL_EVENT

CASES = [
    pytest.param(
        {"events/bad.yml": 'title: "unclosed\nkind: seminar\n'},
        [
            "content/events/bad.yml:3:1: error: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar); hint: a quote or bracket opened above is never closed"
        ],
        id="syntax",
    ),
    pytest.param(
        {"events/bad.yml": "title: x\n\tkind: seminar\n"},
        [
            "content/events/bad.yml:2:1: error: YAML syntax error: found a tab character that violates indentation (while scanning a plain scalar); hint: YAML does not allow tab characters for indentation; use spaces"
        ],
        id="tab",
    ),
    pytest.param(
        {"events/bad.yml": "title: Export controls: a primer\nkind: seminar\nstart: 2030-01-01\n"},
        [
            'content/events/bad.yml:1:23: error: YAML syntax error: mapping values are not allowed in this context; hint: a value that contains ": " must be quoted, e.g. title: "Export controls: a primer"'
        ],
        id="colon",
    ),
    pytest.param(
        {"events/bad.yml": E + "title: Again\n"},
        [
            'content/events/bad.yml:4:1: error: duplicate key "title": it is already set on line 1; hint: keep one of the two lines'
        ],
        id="dupkey",
    ),
    pytest.param(
        {"events/bad.yml": E + "topics: &t [licensing]\naudience: *t\n"},
        [
            'content/events/bad.yml:4:9: error: YAML anchors are not allowed (found "&t"); hint: write the value out in full where it is needed',
            'content/events/bad.yml:5:11: error: YAML aliases are not allowed (found "*t"); hint: write the value out in full where it is needed',
        ],
        id="alias",
    ),
    pytest.param(
        {"events/bad.yml": E + "---\n" + E},
        [
            'content/events/bad.yml:4:1: error: a record file must hold exactly one record, found a second document ("---"); hint: put each record in its own file'
        ],
        id="multidoc",
    ),
    pytest.param(
        {"events/bad.yml": "- title: x\n"},
        [
            "content/events/bad.yml:1:1: error: expected a mapping of fields (lines like title: ...) at the top of the file, found a list"
        ],
        id="list_top",
    ),
    pytest.param(
        {"events/bad.yml": ""},
        [
            "content/events/bad.yml:1:1: error: file is empty: expected fields such as title: and kind:; hint: copy an existing record or run `clearinghouse new`"
        ],
        id="empty",
    ),
    pytest.param(
        {"events/bad.yml": E + "description: |\n" + ("  " + "x" * 100 + "\n") * 2700},
        [
            "content/events/bad.yml:1:1: error: file is too large: 278,170 bytes, the limit is 262,144 bytes (256 KiB); hint: long texts belong in a linked document, not in the record"
        ],
        id="toolarge",
    ),
    pytest.param(
        {"events/bad.yml": E.encode() + b"description: caf\xe9\n"},
        [
            "content/events/bad.yml:4:17: error: file is not valid UTF-8: found byte 0xe9; hint: save the file with UTF-8 encoding (in most editors: Save with Encoding → UTF-8)"
        ],
        id="utf8",
    ),
    pytest.param(
        {"events/bad.yml": E + "titel: x\n"},
        [
            'content/events/bad.yml:4:1: error: unknown field "titel" (did you mean "title"?); expected one of: id, title, kind, status, start, end, timezone, location, organizers, partners, programs, series, audience, topics, countries, participants, languages, url, registration, contact, description, links, reports, coordinated_with, announced, source'
        ],
        id="unknown_key",
    ),
    pytest.param(
        {"events/bad.yml": E + "city: Tokyo\n"},
        [
            'content/events/bad.yml:4:1: error: unknown field "city" (did you mean "location: city:"?); expected one of: id, title, kind, status, start, end, timezone, location, organizers, partners, programs, series, audience, topics, countries, participants, languages, url, registration, contact, description, links, reports, coordinated_with, announced, source'
        ],
        id="unknown_key_city",
    ),
    pytest.param(
        {"events/bad.yml": E + "location:\n  cty: Tokyo\n"},
        [
            'content/events/bad.yml:5:3: error: unknown field "cty" in location (did you mean "city"?); expected one of: city, country, venue, online, lat, lon'
        ],
        id="nested_unknown",
    ),
    pytest.param(
        {"events/bad.yml": E + "participants: many\n"},
        ['content/events/bad.yml:4:15: error: participants: expected a whole number, found "many"'],
        id="wrong_type",
    ),
    pytest.param(
        {"events/bad.yml": E + "topics: licensing\n"},
        [
            "content/events/bad.yml:4:9: error: topics: expected a list, found \"licensing\"; hint: write topics: [licensing] or one '- item' per line"
        ],
        id="wrong_type_list",
    ),
    pytest.param(
        {"events/bad.yml": "title: 1984\nkind: seminar\nstart: 2030-02-06\n"},
        [
            'content/events/bad.yml:1:8: error: title: expected text, found 1984; hint: put it in quotes, e.g. title: "1984"'
        ],
        id="title_number",
    ),
    pytest.param(
        {"events/bad.yml": "title: x\nstart: 2030-02-06\n"},
        [
            'content/events/bad.yml:1:1: error: missing required field "kind" (What sort of event this is.)'
        ],
        id="missing",
    ),
    pytest.param(
        {"events/bad.yml": E + "topics: [licensing, transhipment]\n"},
        [
            'content/events/bad.yml:4:21: error: topics[2]: "transhipment" is not a known topic; expected one of: legal-framework, control-lists, licensing, catch-all, enforcement, customs, transshipment, brokering, deemed-exports, end-use, commodity-identification, industry-compliance, outreach, information-sharing, unscr-1540, nuclear, chemical, biological, missile, dual-use (did you mean "transshipment"?)'
        ],
        id="vocab",
    ),
    pytest.param(
        {"events/bad.yml": "title: x\nkind: semnar\nstart: 2030-02-06\n"},
        [
            'content/events/bad.yml:2:7: error: kind: "semnar" is not a known event kind; expected one of: seminar, workshop, academy, training, conference, meeting, outreach, webinar (did you mean "seminar"?)'
        ],
        id="kind",
    ),
    pytest.param(
        {"events/bad.yml": E + "end: 2030-02-05\n"},
        [
            "content/events/bad.yml:4:6: error: end (2030-02-05) is before start (2030-02-06); hint: end is the last day, inclusive — are start and end swapped?"
        ],
        id="end_before",
    ),
    pytest.param(
        {
            "events/bad.yml": "title: x\nkind: webinar\nstart: 2030-02-06T09:00\nend: 2030-02-06T11:00\n"
        },
        [
            "content/events/bad.yml:3:8: error: start has a time (2030-02-06T09:00) but there is no timezone; hint: add a line such as timezone: Asia/Tokyo (an IANA time-zone name)"
        ],
        id="time_no_tz",
    ),
    pytest.param(
        {
            "events/bad.yml": "title: x\nkind: webinar\nstart: 2030-02-06T09:00\nend: 2030-02-06T11:00\ntimezone: Asia/Tokio\n"
        },
        [
            'content/events/bad.yml:5:11: error: timezone: "Asia/Tokio" is not an IANA time zone; expected a name such as "Asia/Tokyo" or "Asia/Singapore" (did you mean "Asia/Tokyo"?)'
        ],
        id="bad_tz",
    ),
    pytest.param(
        {"events/bad.yml": E + "location:\n  city: Tokyo\n  country: Japan\n"},
        [
            'content/events/bad.yml:6:12: error: location.country: "Japan" is not an ISO 3166-1 alpha-2 country code; expected two capital letters such as "JP" or "SG" (did you mean "JP", Japan?)'
        ],
        id="bad_country",
    ),
    pytest.param(
        {"events/bad.yml": E + "countries: [JP, XX]\n"},
        [
            'content/events/bad.yml:4:17: error: countries[2]: "XX" is not an ISO 3166-1 alpha-2 country code; expected two capital letters such as "JP" or "SG"'
        ],
        id="bad_country2",
    ),
    pytest.param(
        {"events/bad.yml": E + "url: javascript:alert(1)\n"},
        [
            'content/events/bad.yml:4:6: error: url: links must start with https: or http:, found "javascript:"'
        ],
        id="js_url",
    ),
    pytest.param(
        {"events/bad.yml": E + "contact:\n  email: someone(at)example.org\n"},
        [
            'content/events/bad.yml:5:10: error: contact.email: "someone(at)example.org" is not a valid e-mail address; expected e.g. name@example.org'
        ],
        id="bad_email",
    ),
    pytest.param(
        {"events/Tokyo Seminar.yml": E},
        [
            'content/events/Tokyo Seminar.yml:1:1: error: file name "Tokyo Seminar.yml" does not make a valid record id: use 3–80 lowercase letters, digits and hyphens, starting and ending with a letter or digit (hint: rename it to "tokyo-seminar.yml")'
        ],
        id="bad_id_file",
    ),
    pytest.param(
        {"events/good-id.yml": E + "id: other-id\n"},
        [
            'content/events/good-id.yml:4:5: error: id: "other-id" differs from the file name "good-id"; hint: remove the id: line or rename the file, and never change an id once published'
        ],
        id="id_mismatch",
    ),
    pytest.param(
        {"events/dup-id.yml": E, "events/2030/dup-id.yaml": E},
        [
            'content/events/2030/dup-id.yaml:1:1: error: duplicate event id "dup-id": content/events/dup-id.yml has the same file name; hint: ids are unique per type, rename one of the files',
            'content/events/dup-id.yml:1:1: error: duplicate event id "dup-id": content/events/2030/dup-id.yaml has the same file name; hint: ids are unique per type, rename one of the files',
        ],
        id="dup_id",
    ),
    pytest.param(
        {
            "events/x-event.yml": E + "organizers: [meti]\n",
            "organizations/meti-japan.yml": MINIMAL_ORGANIZATION,
        },
        [
            'content/events/x-event.yml:4:14: error: unknown organization "meti" in organizers: there is no file content/organizations/meti.yml (did you mean "meti-japan"?)'
        ],
        id="unknown_ref",
    ),
    pytest.param(
        {"events/bad.yml": "title: x\nkind: seminar\nstart: 06/02/2030\n"},
        [
            'content/events/bad.yml:3:8: error: start: expected a date written as YYYY-MM (month only) or YYYY-MM-DD or YYYY-MM-DDTHH:MM (with timezone), found "06/02/2030"; hint: write year first, e.g. 2007-02-06'
        ],
        id="bad_date",
    ),
    pytest.param(
        {"events/bad.yml": "title: x\nkind: seminar\nstart: 2030-02-30\n"},
        [
            'content/events/bad.yml:3:8: error: start: "2030-02-30" is not a real date or time; hint: February 2030 has 28 days'
        ],
        id="bad_date2",
    ),
    pytest.param(
        {"events/bad.yml": "title: x\nkind: seminar\nstart: 2030-13\n"},
        [
            'content/events/bad.yml:3:8: error: start: "2030-13" is not a real date or time; hint: months run from 01 to 12'
        ],
        id="bad_month",
    ),
    pytest.param(
        {
            "events/bad.yml": "title: x\nkind: webinar\nstart: 2030-02-06T09:00\nend: 2030-02-06T11:00\ntimezone: JST\n"
        },
        [
            'content/events/bad.yml:5:11: error: timezone: "JST" is not an IANA time zone; expected a name such as "Asia/Tokyo" or "Asia/Singapore" (did you mean "Asia/Tokyo"? abbreviations are ambiguous and ignore summer time)'
        ],
        id="tz_abbreviation",
    ),
    pytest.param(
        {"events/bad.yml": E + "participants: '37'\nlocation:\n  online: yes\n  lat: '35.6'\n"},
        [
            'content/events/bad.yml:4:15: error: participants: expected a whole number, found "37"; hint: remove the quotes: participants: 37',
            'content/events/bad.yml:6:11: error: location.online: expected true or false, found "yes"; hint: write online: true',
            'content/events/bad.yml:7:8: error: location.lat: expected a number, found "35.6"; hint: remove the quotes: lat: 35.6',
        ],
        id="no_type_coercion",
    ),
    pytest.param(
        {"events/bad.yml": E + "participants: true\n"},
        ["content/events/bad.yml:4:15: error: participants: expected a whole number, found true"],
        id="bool_is_not_a_number",
    ),
    pytest.param(
        {"events/bad.yml": E + "participants: " + "9" * 5000 + "\n"},
        [
            'content/events/bad.yml:4:15: error: participants: expected a whole number, found "99999999999999999999999999999999999999999999999999999999999…"'
        ],
        id="huge_number",
    ),
    pytest.param(
        {"events/bad.yml": E + "description: !!str hello\n"},
        [
            'content/events/bad.yml:4:14: error: YAML tags are not allowed (found "tag:yaml.org,2002:str"); hint: write a plain value'
        ],
        id="explicit_str_tag",
    ),
    pytest.param(
        {"events/bad.yml": E + "participants: ! 37\n"},
        [
            'content/events/bad.yml:4:15: error: YAML tags are not allowed (found "!"); hint: write a plain value',
            'content/events/bad.yml:4:15: error: participants: expected a whole number, found "37"; hint: remove the quotes: participants: 37',
        ],
        id="non_specific_tag",
    ),
    pytest.param(
        {"events/bad.yml": E + "participants: ! 37\nsource: R&D\n"},
        [
            'content/events/bad.yml:4:15: error: YAML tags are not allowed (found "!"); hint: write a plain value',
            'content/events/bad.yml:4:15: error: participants: expected a whole number, found "37"; hint: remove the quotes: participants: 37',
        ],
        id="non_specific_tag_exact_parser",
    ),
    pytest.param(
        {"events/bad.yml": "titel: x\nkind: seminar\nstart: 2030-02-06\n"},
        [
            'content/events/bad.yml:1:1: error: unknown field "titel" (did you mean "title"?); expected one of: id, title, kind, status, start, end, timezone, location, organizers, partners, programs, series, audience, topics, countries, participants, languages, url, registration, contact, description, links, reports, coordinated_with, announced, source'
        ],
        id="misspelt_required_field_once",
    ),
    pytest.param(
        {"events/bad.yml": E + "url: //example.org/x\n"},
        [
            'content/events/bad.yml:4:6: error: url: links must start with https: or http:, found no scheme (did you mean "https://example.org/x"?)'
        ],
        id="scheme_relative_url",
    ),
    pytest.param(
        {"events/bad.yml": E + "description: See [the agenda](agenda.pdf).\n"},
        [
            'content/events/bad.yml:4:14: error: description: the link "agenda.pdf" must start with https:, http: or mailto:; hint: write the full address, e.g. https://www.example.org/page'
        ],
        id="markdown_relative_link",
    ),
    pytest.param(
        {"events/bad.yml": E + "description: Our ![logo](https://example.org/logo.png)\n"},
        [
            "content/events/bad.yml:4:14: error: description: images are not shown on the site (pages load nothing from other hosts); hint: link to it instead: [logo](https://example.org/logo.png)"
        ],
        id="markdown_image",
    ),
    pytest.param(
        {"stray.yml": E, "event/typo.yml": E},
        [
            'content/event/typo.yml:1:1: error: not in a record folder (events/, reports/, programs/ or organizations/), so it would never be published; hint: did you mean "events/"?',
            "content/stray.yml:1:1: error: not in a record folder (events/, reports/, programs/ or organizations/), so it would never be published; hint: move it into the folder of its type",
        ],
        id="misplaced_record",
    ),
    pytest.param(
        {"events/.draft.yml": E},
        [
            'content/events/.draft.yml:1:1: warning: ignored: names starting with a dot are hidden files, never records; hint: rename it to "draft.yml"'
        ],
        id="hidden_record",
    ),
    pytest.param(
        {"events/norway.yml": E + "location:\n  country: NO\n"},
        [],
        id="norway",
    ),
    pytest.param(
        {"events/bad.yml": E + "description: !!python/object:os.system x\n"},
        [
            'content/events/bad.yml:4:14: error: YAML tags are not allowed (found "tag:yaml.org,2002:python/object:os.system"); hint: write a plain value'
        ],
        id="tag",
    ),
    pytest.param(
        {"events/readme.txt": "hello"},
        ["content/events/readme.txt:1:1: warning: ignored: only .yml and .yaml files are records"],
        id="nonyaml",
    ),
    pytest.param(
        {"events/archive.yml": E},
        [
            'content/events/archive.yml:1:1: error: "archive" is reserved for the site\'s own pages and cannot be a record id; hint: rename the file, e.g. "event-archive.yml"'
        ],
        id="reserved",
    ),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_check_reports_exact_message_and_position(
    files: dict[str, str | bytes],
    expected: list[str],
    in_tmp: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_content(in_tmp, files)
    status, out, _ = run_cli(["check"], capsys)
    lines = out.splitlines()
    assert lines[:-1] == expected
    has_error = any(": error: " in line for line in expected)
    assert status == (1 if has_error else 0)
