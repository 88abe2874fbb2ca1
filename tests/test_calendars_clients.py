"""Independent clients read the calendars as the records say: Mozilla's ical.js
(Thunderbird's parser) and, as a second opinion, the icalendar parser."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from bench.synth import generate_corpus
from generator import urls
from generator.calendars import render_calendars
from generator.calendars.plaintext import markdown_to_text
from generator.context import BuildContext
from generator.pipeline import load_context
from generator.writer import Outputs
from tests import calendar_fixtures
from tests.calendar_fixtures import (
    EXPECTED_PREFIX,
    EXPECTED_STATUS,
    FIXTURE,
    HOSTILE,
    HOSTILE_CITY,
    HOSTILE_DESCRIPTION,
    HOSTILE_ORGANIZATION,
    HOSTILE_PROGRAM,
    HOSTILE_TITLE,
    HOSTILE_VENUE,
    SITE,
    expected_span,
    parse_with_icaljs,
)
from tests.conftest import REPO_ROOT, make_context


def corpus(name: str, tmp_path: Path) -> BuildContext:
    if name == "fixture":
        return make_context(tmp_path, FIXTURE, site_url=SITE)
    if name == "hostile":
        return make_context(tmp_path, HOSTILE, site_url=SITE)
    if name == "shipped":
        context, _ = load_context(
            REPO_ROOT / "content", None, date(2026, 12, 3), allow_shallow=True
        )
        return context
    content = generate_corpus(tmp_path / "synthetic", 300, seed=7)
    context, _ = load_context(content, None, date(2030, 1, 1))
    return context


def unescape_text(value: str) -> str:
    """An RFC 5545 TEXT value without its escapes."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def event_id(uid: str) -> str:
    return uid.rpartition("@")[0]


def check_event_as_recorded(ctx: BuildContext, parsed: dict[str, Any]) -> None:
    event = ctx.catalog.events[event_id(parsed["uid"])]
    assert parsed["uid"] == f"{event.id}@{ctx.settings.uid_domain}"
    assert parsed["summary"] == EXPECTED_PREFIX.get(event.status, "") + event.title
    assert parsed["allDay"] is (event.start.hour is None)
    assert (parsed["start"], parsed["end"]) == expected_span(event), event.id
    assert parsed["status"] == EXPECTED_STATUS[event.status]
    assert parsed["url"] == ctx.url(urls.event_page(event.id))
    assert parsed["description"].endswith("Details: " + ctx.url(urls.event_page(event.id)))
    assert parsed["components"] == []


@pytest.mark.parametrize("name", ["fixture", "hostile", "shipped", "synthetic"])
def test_icaljs_reads_every_calendar_as_the_records_say(tmp_path: Path, name: str) -> None:
    ctx = corpus(name, tmp_path)
    outputs = render_calendars(ctx)
    parsed = parse_with_icaljs(outputs, tmp_path / "out")
    assert set(parsed) == set(outputs)
    dated = {e.id for e in ctx.catalog.events.values() if not e.is_month_only}
    for path, calendar in parsed.items():
        assert "error" not in calendar, f"{path}: {calendar.get('error')}"
        assert calendar["calendar"]["version"] == "2.0"
        assert calendar["calendar"]["method"] == "PUBLISH"
        assert set(calendar["components"]) <= {"vevent"}, path
        for event in calendar["events"]:
            check_event_as_recorded(ctx, event)
        if path.startswith("calendars/events/"):
            (event,) = calendar["events"]
            assert path == urls.event_calendar(event_id(event["uid"]))
        else:
            assert calendar["calendar"]["refreshInterval"] == "PT12H", path
            assert calendar["calendar"]["names"] == [calendar["calendar"]["xWrCalname"]]
    all_events = parsed[urls.CALENDAR_ALL]["events"]
    assert {event_id(e["uid"]) for e in all_events} == dated
    assert len(all_events) == len(dated)


def test_icaljs_sees_the_same_instants_as_zoneinfo_for_the_dst_fixture(
    tmp_path: Path,
) -> None:
    ctx = corpus("fixture", tmp_path)
    parsed = parse_with_icaljs(render_calendars(ctx), tmp_path / "out")
    by_id = {event_id(e["uid"]): e for e in parsed[urls.CALENDAR_ALL]["events"]}
    assert by_id["berlin-summer"]["start"] == "2030-07-15T07:00:00.000Z"
    assert by_id["berlin-winter"]["start"] == "2030-01-15T08:00:00.000Z"
    assert by_id["night-webinar"]["end"] == "2030-03-10T16:30:00.000Z"
    assert (by_id["seminar-2007"]["start"], by_id["seminar-2007"]["end"]) == (
        "2007-02-06",
        "2007-02-09",
    )
    assert by_id["seminar-2007"]["geo"] == [35.6485, 139.7445]
    assert by_id["seminar-2007"]["categories"] == ["Legal framework", "Licensing"]


def test_hostile_text_cannot_inject_properties_or_components(tmp_path: Path) -> None:
    ctx = corpus("hostile", tmp_path)
    outputs = render_calendars(ctx)
    parsed = parse_with_icaljs(outputs, tmp_path / "out")
    for path in (
        urls.CALENDAR_ALL,
        urls.event_calendar("hostile-event"),
        urls.program_calendar("hostile-program"),
        urls.organization_calendar("hostile-org"),
    ):
        calendar = parsed[path]
        assert calendar["components"] == ["vevent"], path
        (event,) = calendar["events"]
        assert event["uid"] == "hostile-event@xc-clearinghouse.org"
        assert event["summary"] == HOSTILE_TITLE
        assert event["location"] == f"{HOSTILE_VENUE}, {HOSTILE_CITY}, Japan"
        assert event["categories"] == ["Outreach"]
        assert event["properties"] == [
            "categories",
            "description",
            "dtend",
            "dtstamp",
            "dtstart",
            "location",
            "sequence",
            "status",
            "summary",
            "uid",
            "url",
        ]
        assert markdown_to_text(HOSTILE_DESCRIPTION) in event["description"]
        assert f"Organized by: {HOSTILE_ORGANIZATION}\n" in event["description"]
    assert parsed[urls.program_calendar("hostile-program")]["calendar"]["description"] == (
        f"Events of the program {HOSTILE_PROGRAM}."
    )
    header = parsed[urls.organization_calendar("hostile-org")]["calendar"]
    # ical.js does not know NAME and X-WR-* and hands their TEXT over still escaped.
    assert [unescape_text(name) for name in header["names"]] == [
        f"XC Clearinghouse: {HOSTILE_ORGANIZATION}"
    ]
    assert unescape_text(header["xWrCalname"]) == f"XC Clearinghouse: {HOSTILE_ORGANIZATION}"
    assert outputs[urls.CALENDAR_ALL].count(b"\r\nBEGIN:VEVENT\r\n") == 1


def test_unvalidated_line_breaks_and_control_characters_cannot_inject(
    tmp_path: Path,
) -> None:
    ctx = corpus("fixture", tmp_path)
    event = ctx.catalog.events["bare-2030"]
    # Bypass validation, as a future code path might: CR, CRLF, NUL, VT in a title.
    evil = event.model_copy(
        update={"title": "A\rEND:VEVENT\r\nBEGIN:VEVENT\nUID:x\x00\x0bB", "description": "\r"}
    )
    ctx.catalog.events["bare-2030"] = evil
    parsed = parse_with_icaljs(render_calendars(ctx), tmp_path / "out")
    (entry,) = parsed[urls.event_calendar("bare-2030")]["events"]
    assert entry["summary"] == "A\nEND:VEVENT\nBEGIN:VEVENT\nUID:xB"
    assert entry["uid"] == "bare-2030@xc-clearinghouse.org"
    assert len(parsed[urls.CALENDAR_ALL]["events"]) == len(
        [e for e in ctx.catalog.events.values() if not e.is_month_only]
    )


def icalendar_components(outputs: Outputs) -> list[tuple[str, Any]]:
    found = []
    for path, data in outputs.items():
        calendar = Calendar.from_ical(data)
        found.extend((path, component) for component in calendar.walk())
    return found


@pytest.mark.parametrize("name", ["fixture", "hostile", "shipped", "synthetic"])
def test_icalendar_parses_every_calendar_without_errors(tmp_path: Path, name: str) -> None:
    ctx = corpus(name, tmp_path)
    outputs = render_calendars(ctx)
    components = icalendar_components(outputs)
    assert components
    for path, component in components:
        assert component.errors == [], f"{path}: {component.name}: {component.errors}"
    for path, data in outputs.items():
        calendar = Calendar.from_ical(data)
        for vevent in calendar.walk("VEVENT"):
            event = ctx.catalog.events[event_id(str(vevent["UID"]))]
            assert str(vevent["SUMMARY"]) == EXPECTED_PREFIX.get(event.status, "") + event.title
            assert str(vevent["STATUS"]) == EXPECTED_STATUS[event.status], path


def test_missing_icaljs_skips_locally_but_fails_under_ci(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(calendar_fixtures.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(calendar_fixtures, "ICALJS_PACKAGE", tmp_path / "missing.json")
    monkeypatch.delenv("XC_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"ical\.js is not installed"):
        calendar_fixtures.require_icaljs()
    monkeypatch.setenv("XC_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="independent clients are required"):
        calendar_fixtures.require_icaljs()
