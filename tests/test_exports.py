"""Open data: JSON that validates against its published schema, CSV for spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator import urls
from generator.context import BuildContext
from generator.exports import API_PATHS, CSV_COLUMNS, export_schema, render_exports
from generator.exports.models import EXPORT_MODELS
from generator.exports.table import FORMULA_PREFIXES, protect_text
from generator.writer import Outputs
from tests.conftest import make_context
from tests.feed_fixtures import CORPUS, EVENT_IDS

SITE = "https://xc-clearinghouse.org/"


@pytest.fixture
def ctx(tmp_path: Path) -> BuildContext:
    return make_context(tmp_path, CORPUS)


@pytest.fixture
def outputs(ctx: BuildContext) -> Outputs:
    return render_exports(ctx)


def _json(outputs: Outputs, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(outputs[API_PATHS[name]])
    return data


def _csv_rows(outputs: Outputs) -> list[dict[str, str]]:
    text = outputs[urls.API_EVENTS_CSV].decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_exports_are_written_at_their_public_paths(outputs: Outputs) -> None:
    assert sorted(outputs) == sorted(
        [
            urls.API_EVENTS_JSON,
            urls.API_PROGRAMS_JSON,
            urls.API_REPORTS_JSON,
            urls.API_ORGANIZATIONS_JSON,
            urls.API_EVENTS_CSV,
            *(urls.api_schema(name) for name in EXPORT_MODELS),
        ]
    )
    assert urls.API_OVERLAPS_JSON not in outputs  # the coordination stage's file


@pytest.mark.parametrize("name", list(EXPORT_MODELS))
def test_json_validates_against_the_published_schema(outputs: Outputs, name: str) -> None:
    schema = json.loads(outputs[urls.api_schema(name)])
    jsonschema.Draft202012Validator.check_schema(schema)
    document = _json(outputs, name)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert errors == []
    assert document["$schema"] == SITE + urls.api_schema(name)
    assert schema == export_schema(name)


def test_the_schema_rejects_rows_that_break_the_contract(outputs: Outputs) -> None:
    schema = json.loads(outputs[urls.api_schema("events")])
    document = _json(outputs, "events")
    validator = jsonschema.Draft202012Validator(schema)
    broken = json.loads(json.dumps(document))
    broken["events"][0]["topics"] = ["not-a-topic"]
    del broken["events"][1]["calendar_url"]
    broken["events"][2]["surprise"] = 1
    broken["events"][3]["start"] = "06/02/2030"
    assert len(list(validator.iter_errors(broken))) == 4


def test_every_record_is_exported_sorted_by_id(ctx: BuildContext, outputs: Outputs) -> None:
    assert [e["id"] for e in _json(outputs, "events")["events"]] == list(EVENT_IDS)
    assert [p["id"] for p in _json(outputs, "programs")["programs"]] == ["aecs"]
    assert [r["id"] for r in _json(outputs, "reports")["reports"]] == sorted(ctx.catalog.reports)
    assert [o["id"] for o in _json(outputs, "organizations")["organizations"]] == [
        "cits",
        "meti",
    ]


def test_references_are_resolved_with_names_and_page_urls(outputs: Outputs) -> None:
    events = {e["id"]: e for e in _json(outputs, "events")["events"]}
    seminar = events["seminar-2030"]
    assert seminar["organizers"] == [
        {
            "id": "meti",
            "name": "Ministry of Economy, Trade and Industry",
            "short_name": "METI",
            "page_url": SITE + "organizations/meti/",
        }
    ]
    assert [p["name"] for p in seminar["programs"]] == ["Asian Export Control Seminar"]
    assert [r["id"] for r in seminar["reports"]] == ["seminar-2030-report"]  # named by the report
    assert events["webinar-2030"]["coordinated_with"][0]["name"] == (
        "37th Asian Export Control Seminar"
    )
    (program,) = _json(outputs, "programs")["programs"]
    assert program["events"] == ["seminar-2030"]
    assert program["reports"] == ["seminar-2030-report"]
    assert [s["id"] for s in program["sponsors"]] == ["meti"]
    reports = {r["id"]: r for r in _json(outputs, "reports")["reports"]}
    assert reports["seminar-2030-report"]["event"]["page_url"] == SITE + "events/seminar-2030/"
    assert reports["webinar-2030-slides"]["program"] is None
    organizations = {o["id"]: o for o in _json(outputs, "organizations")["organizations"]}
    assert organizations["cits"]["events"] == ["academy-2030-06", "seminar-2030", "webinar-2030"]
    assert organizations["cits"]["programs"] == ["aecs"]
    assert organizations["meti"]["country_name"] == "Japan"
    assert program["calendar_url"] == SITE + "calendars/programs/aecs.ics"
    assert organizations["meti"]["calendar_url"] == SITE + "calendars/organizations/meti.ics"


def test_dates_are_iso_and_calendars_are_listed_except_for_month_only_events(
    outputs: Outputs,
) -> None:
    events = {e["id"]: e for e in _json(outputs, "events")["events"]}
    webinar = events["webinar-2030"]
    assert (webinar["start"], webinar["end"], webinar["precision"]) == (
        "2030-03-10T14:00",
        "2030-03-10T15:30",
        "minute",
    )
    assert (webinar["start_utc"], webinar["end_utc"]) == (
        "2030-03-10T06:00:00Z",
        "2030-03-10T07:30:00Z",
    )
    academy = events["academy-2030-06"]
    assert (academy["first_day"], academy["last_day"], academy["precision"]) == (
        "2030-06-01",
        "2030-06-30",
        "month",
    )
    assert academy["calendar_url"] is None
    assert academy["page_url"] == SITE + "events/academy-2030-06/"
    assert webinar["calendar_url"] == SITE + urls.event_calendar("webinar-2030")
    assert events["seminar-2030"]["registration"] == {
        "url": "https://www.example.org/aecs-37/register",
        "deadline": "2030-01-15",
    }
    assert events["seminar-2030"]["announced"] == "2029-11-01"


def test_every_row_has_every_key(outputs: Outputs) -> None:
    for name in EXPORT_MODELS:
        rows = _json(outputs, name)[name]
        assert len({tuple(row) for row in rows}) == 1


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = render_exports(make_context(tmp_path / "a", CORPUS))
    second = render_exports(make_context(tmp_path / "b", CORPUS))
    assert dict(first) == dict(second)


def test_site_url_changes_urls_only(tmp_path: Path) -> None:
    first = render_exports(make_context(tmp_path / "a", CORPUS))
    moved = render_exports(make_context(tmp_path / "b", CORPUS, site_url="http://preview.test/"))
    for path in first:
        assert first[path].replace(SITE.encode(), b"http://preview.test/") == moved[path]


def test_csv_round_trips_through_the_csv_module(outputs: Outputs) -> None:
    data = outputs[urls.API_EVENTS_CSV]
    assert data.startswith(b"\xef\xbb\xbfid,title,")  # UTF-8 with BOM, for Excel
    rows = _csv_rows(outputs)
    assert list(rows[0]) == [column.name for column in CSV_COLUMNS]
    events = {e["id"]: e for e in _json(outputs, "events")["events"]}
    assert [row["id"] for row in rows] == list(events)
    for row in rows:
        event = events[row["id"]]
        for column in ("start", "first_day", "last_day", "status", "kind", "page_url"):
            assert row[column] == event[column]
        assert row["topics"].split(";") == event["topics"] or not event["topics"]
        assert row["organizers"].split(";") == [o["id"] for o in event["organizers"]] or (
            not event["organizers"]
        )
        assert row["calendar_url"] == (event["calendar_url"] or "")
    seminar = next(row for row in rows if row["id"] == "seminar-2030")
    assert (
        seminar["description"] == "Two days of talks.\n\nA third day for licensing practitioners."
    )
    assert seminar["organizer_names"] == "Ministry of Economy, Trade and Industry"
    assert seminar["all_countries"] == "JP;KR;SG"
    assert seminar["participants"] == "250"
    assert seminar["online"] == "false"
    webinar = next(row for row in rows if row["id"] == "webinar-2030")
    assert webinar["title"] == "Catch-all & <brokering> ]]> controls"
    assert webinar["start_utc"] == "2030-03-10T06:00:00Z"
    assert webinar["lat"] == "" and webinar["venue"] == ""
    hanoi = next(row for row in rows if row["id"] == "hanoi-workshop-2030")
    assert hanoi["city"] == "Hà Nội"


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralized(outputs: Outputs) -> None:
    rows = {row["id"]: row for row in _csv_rows(outputs)}
    hanoi = rows["hanoi-workshop-2030"]
    assert hanoi["title"] == "'@Risk: enforcement workshop"
    assert hanoi["description"] == '\'=HYPERLINK("https://evil.example/", "click")'
    assert hanoi["source"] == "'-2 days notice"
    assert rows["academy-2030-06"]["lon"] == "-83.38"  # a number, written by us: left alone
    for row in rows.values():
        for column, value in row.items():
            if column not in ("lat", "lon"):
                assert not value.startswith(FORMULA_PREFIXES), (column, value)


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_protect_text_guards_every_formula_prefix(prefix: str) -> None:
    assert protect_text(f"{prefix}1+1") == f"'{prefix}1+1"
    assert protect_text(f"a{prefix}") == f"a{prefix}"


def test_an_empty_catalog_gives_valid_empty_exports(tmp_path: Path) -> None:
    outputs = render_exports(make_context(tmp_path, {}))
    for name in EXPORT_MODELS:
        document = _json(outputs, name)
        assert document[name] == []
        jsonschema.validate(document, export_schema(name))
    header = outputs[urls.API_EVENTS_CSV].decode("utf-8-sig")
    assert header == ",".join(column.name for column in CSV_COLUMNS) + "\r\n"


def test_csv_lists_split_back_into_one_item_per_reference(tmp_path: Path) -> None:
    files = {
        "organizations/alpha.yml": "name: Alpha; Beta Institute\nkind: academic\n",
        "organizations/gamma.yml": "name: Gamma\nkind: academic\n",
        "events/x-event.yml": "title: X\nkind: seminar\nstart: 2030-02-06\n"
        "organizers: [alpha, gamma]\nlinks:\n"
        "  - {title: Agenda, url: 'https://example.org/agenda;v=2?a=1;b=2'}\n"
        "  - {title: Paper, url: 'https://example.org/paper'}\n",
    }
    (row,) = _csv_rows(render_exports(make_context(tmp_path, files)))
    assert row["organizer_names"].split(";") == ["Alpha, Beta Institute", "Gamma"]
    assert row["links"].split(";") == [
        "https://example.org/agenda%3Bv=2?a=1%3Bb=2",
        "https://example.org/paper",
    ]


def test_csv_columns_are_documented() -> None:
    names = [column.name for column in CSV_COLUMNS]
    assert len(names) == len(set(names))
    assert all(column.description for column in CSV_COLUMNS)


def test_exports_golden(outputs: Outputs, golden: Callable[[str, str | bytes], None]) -> None:
    for path in (
        urls.API_EVENTS_JSON,
        urls.API_EVENTS_CSV,
        urls.API_REPORTS_JSON,
        urls.api_schema("events"),
    ):
        golden(path, outputs[path])
