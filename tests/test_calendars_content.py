"""What the calendars say: dates, UIDs, statuses, text fields, headers and membership."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from generator import urls
from generator.calendars import calendar_directory, event_calendar_path, render_calendars
from generator.calendars.entries import UNKNOWN_CHANGE, calendar_entry
from generator.context import BuildContext
from generator.pipeline import load_context
from generator.vocabulary import vocabulary
from generator.writer import Outputs
from tests.calendar_fixtures import FIXTURE, HOSTILE, SITE
from tests.conftest import REPO_ROOT, make_context


@pytest.fixture
def ctx(tmp_path: Path) -> BuildContext:
    return make_context(tmp_path, FIXTURE, site_url=SITE)


@pytest.fixture
def outputs(ctx: BuildContext) -> Outputs:
    return render_calendars(ctx)


def unfolded_lines(data: bytes) -> list[str]:
    """Content lines with folding undone (RFC 5545, section 3.1)."""
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]


def vevents(data: bytes) -> list[dict[str, str]]:
    """Each VEVENT as {property name with parameters: raw value}."""
    events: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in unfolded_lines(data):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return events


def event_file(outputs: Outputs, event_id: str) -> dict[str, str]:
    (vevent,) = vevents(outputs[urls.event_calendar(event_id)])
    return vevent


def uids(data: bytes) -> list[str]:
    return [e["UID"] for e in vevents(data)]


# --- dates ---------------------------------------------------------------------------


def test_all_day_event_ends_the_day_after_its_last_day(outputs: Outputs) -> None:
    vevent = event_file(outputs, "seminar-2007")
    assert vevent["DTSTART;VALUE=DATE"] == "20070206"
    assert vevent["DTEND;VALUE=DATE"] == "20070209"


def test_one_day_event_without_end_lasts_one_day(outputs: Outputs) -> None:
    vevent = event_file(outputs, "cancelled-2030")
    assert vevent["DTSTART;VALUE=DATE"] == "20300520"
    assert vevent["DTEND;VALUE=DATE"] == "20300521"


def test_timed_event_crossing_midnight_is_written_in_utc(outputs: Outputs) -> None:
    vevent = event_file(outputs, "night-webinar")
    # 22:00 Tokyo (UTC+9) on 10 March is 13:00Z; 01:30 on 11 March is 16:30Z on 10 March.
    assert vevent["DTSTART"] == "20300310T130000Z"
    assert vevent["DTEND"] == "20300310T163000Z"
    assert "VTIMEZONE" not in outputs[urls.event_calendar("night-webinar")].decode()


def test_nine_oclock_in_berlin_is_seven_utc_in_summer_and_eight_in_winter(
    outputs: Outputs,
) -> None:
    assert event_file(outputs, "berlin-summer")["DTSTART"] == "20300715T070000Z"
    assert event_file(outputs, "berlin-winter")["DTSTART"] == "20300115T080000Z"
    assert event_file(outputs, "berlin-summer")["DTEND"] == "20300715T150000Z"


def test_month_only_events_are_in_no_calendar(ctx: BuildContext, outputs: Outputs) -> None:
    assert urls.event_calendar("month-only-2030") not in outputs
    assert event_calendar_path(ctx, "month-only-2030") is None
    assert event_calendar_path(ctx, "seminar-2007") == urls.event_calendar("seminar-2007")
    for path, data in outputs.items():
        assert b"month-only-2030" not in data, path


def test_past_events_stay_in_the_calendars(outputs: Outputs) -> None:
    # The fixture's "today" is 2030-01-01; the 2007 seminar is long past.
    assert "seminar-2007@xc-clearinghouse.org" in uids(outputs[urls.CALENDAR_ALL])


# --- identity and change tracking ------------------------------------------------------


def test_uid_is_the_event_id_at_the_uid_domain(ctx: BuildContext, outputs: Outputs) -> None:
    assert ctx.settings.uid_domain == "xc-clearinghouse.org"
    all_uids = uids(outputs[urls.CALENDAR_ALL])
    expected = {f"{i}@xc-clearinghouse.org" for i in ctx.catalog.events if "month-only" not in i}
    assert set(all_uids) == expected


def test_uid_does_not_depend_on_site_url_title_or_dates(tmp_path: Path) -> None:
    changed = dict(FIXTURE)
    changed["events/seminar-2007.yml"] = (
        FIXTURE["events/seminar-2007.yml"]
        .replace("14th Example", "Renamed")
        .replace("2007-02-08", "2007-02-09")
    )
    first = make_context(tmp_path / "a", FIXTURE, site_url=SITE)
    second = make_context(tmp_path / "b", changed, site_url="https://mirror.example.net/xc/")
    assert (
        event_file(render_calendars(first), "seminar-2007")["UID"]
        == event_file(render_calendars(second), "seminar-2007")["UID"]
    )


def test_without_git_stamps_fall_back_to_announced_then_a_fixed_instant(
    ctx: BuildContext, outputs: Outputs
) -> None:
    assert not ctx.history.available
    announced = event_file(outputs, "seminar-2007")
    assert announced["DTSTAMP"] == "20061120T000000Z"
    assert announced["LAST-MODIFIED"] == "20061120T000000Z"
    assert announced["CREATED"] == "20061120T000000Z"
    assert announced["SEQUENCE"] == "0"
    bare = event_file(outputs, "bare-2030")
    assert bare["DTSTAMP"] == "19700101T000000Z" == UNKNOWN_CHANGE.strftime("%Y%m%dT%H%M%SZ")
    assert "LAST-MODIFIED" not in bare and "CREATED" not in bare


# --- status ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event_id", "status", "summary", "transparent"),
    [
        ("seminar-2007", "CONFIRMED", "14th Example Export Control Seminar", False),
        ("night-webinar", "TENTATIVE", "Night Webinar on Licensing", False),
        ("postponed-2030", "TENTATIVE", "Postponed: Enforcement Training", True),
        ("cancelled-2030", "CANCELLED", "Cancelled: Customs Workshop", True),
    ],
)
def test_status_maps_to_ical_status_and_shows_in_the_summary(
    outputs: Outputs, event_id: str, status: str, summary: str, transparent: bool
) -> None:
    vevent = event_file(outputs, event_id)
    assert vevent["STATUS"] == status
    assert vevent["SUMMARY"] == summary
    assert (vevent.get("TRANSP") == "TRANSPARENT") is transparent


def test_cancelled_events_stay_in_every_calendar_they_belong_to(outputs: Outputs) -> None:
    uid = "cancelled-2030@xc-clearinghouse.org"
    for path in (
        urls.CALENDAR_ALL,
        urls.country_calendar("SG"),
        urls.country_calendar("JP"),
        urls.topic_calendar("customs"),
        urls.organization_calendar("meti-x"),
    ):
        assert uid in uids(outputs[path]), path


# --- text fields ---------------------------------------------------------------------------


def test_description_is_plain_text_ending_with_the_event_page(outputs: Outputs) -> None:
    description = event_file(outputs, "seminar-2007")["DESCRIPTION"]
    text = description.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")
    assert text.startswith(
        "The annual seminar, see the agenda (https://www.example.org/agenda).\n\n"
        "- legal frameworks\n- licensing\n\n"
    )
    assert "Organized by: Ministry of Economy, Trade and Industry (METI)" in text
    assert "Event website: https://www.example.org/seminar" in text
    assert "Registration: https://www.example.org/register (deadline 2007-01-15)" in text
    assert text.endswith(f"Details: {SITE}events/seminar-2007/")
    assert "**" not in text and "](" not in text


def test_timed_events_state_their_local_time(outputs: Outputs) -> None:
    description = event_file(outputs, "night-webinar")["DESCRIPTION"].replace("\\n", "\n")
    assert description.startswith("Planned: the dates and details may still change.\n\n")
    assert "Local time: 2030-03-10 22:00–2030-03-11 01:30 (Asia/Tokyo)" in description


def test_location_geo_url_and_categories(outputs: Outputs) -> None:
    vevent = event_file(outputs, "seminar-2007")
    assert vevent["LOCATION"] == "Mita Conference Hall\\, Tokyo\\, Japan"
    assert vevent["GEO"] == "35.6485;139.7445"
    assert vevent["URL"] == f"{SITE}events/seminar-2007/"
    assert vevent["CATEGORIES"] == "Legal framework,Licensing"


def test_country_names_come_from_the_settings_and_online_is_said(outputs: Outputs) -> None:
    assert event_file(outputs, "postponed-2030")["LOCATION"] == (
        "Taipei\\, Chinese Taipei (also online)"
    )
    assert event_file(outputs, "night-webinar")["LOCATION"] == "Online"
    assert "LOCATION" not in event_file(outputs, "bare-2030")
    assert "CATEGORIES" not in event_file(outputs, "bare-2030")


# --- calendar headers ----------------------------------------------------------------------


def header(data: bytes) -> dict[str, str]:
    lines = unfolded_lines(data)
    end = lines.index("BEGIN:VEVENT") if "BEGIN:VEVENT" in lines else len(lines) - 1
    return dict(line.partition(":")[::2] for line in lines[1:end])


def test_subscription_calendars_carry_name_description_and_refresh(outputs: Outputs) -> None:
    data = outputs[urls.country_calendar("JP")]
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    fields = header(data)
    assert fields["VERSION"] == "2.0"
    assert fields["PRODID"] == "-//XC Clearinghouse//Calendars//EN"
    assert fields["METHOD"] == "PUBLISH"
    assert fields["NAME"] == fields["X-WR-CALNAME"] == "XC Clearinghouse: Japan"
    assert fields["X-WR-CALDESC"] == "Events hosted in Japan or open to participants from Japan."
    assert fields["REFRESH-INTERVAL;VALUE=DURATION"] == "PT12H"
    assert fields["X-PUBLISHED-TTL"] == "PT12H"
    assert fields["SOURCE;VALUE=URI"] == f"{SITE}calendars/countries/jp.ics"


def test_event_files_have_no_calendar_name_so_clients_import_the_event(
    outputs: Outputs,
) -> None:
    fields = header(outputs[urls.event_calendar("seminar-2007")])
    assert fields == {
        "VERSION": "2.0",
        "PRODID": "-//XC Clearinghouse//Calendars//EN",
        "CALSCALE": "GREGORIAN",
        "METHOD": "PUBLISH",
    }


# --- file format ---------------------------------------------------------------------------


def check_file_format(path: str, data: bytes) -> None:
    assert b"\n" not in data.replace(b"\r\n", b""), f"{path}: bare LF"
    assert b"\r" not in data.replace(b"\r\n", b""), f"{path}: bare CR"
    assert data.endswith(b"\r\n"), path
    data.decode("utf-8")  # valid UTF-8 everywhere
    for line in data.split(b"\r\n")[:-1]:
        assert len(line) <= 75, f"{path}: {len(line)} octets: {line!r}"
        assert line, f"{path}: empty line"
        line.decode("utf-8")  # no UTF-8 character split by folding


@pytest.mark.parametrize("files", ["fixture", "hostile", "shipped"])
def test_every_line_ends_in_crlf_and_is_at_most_75_octets(tmp_path: Path, files: str) -> None:
    if files == "shipped":
        context, _ = load_context(
            REPO_ROOT / "content", None, date(2026, 12, 3), allow_shallow=True
        )
    else:
        context = make_context(tmp_path, FIXTURE if files == "fixture" else HOSTILE)
    outputs = render_calendars(context)
    assert outputs
    for path, data in outputs.items():
        check_file_format(path, data)


def test_uids_are_unique_in_every_calendar(outputs: Outputs) -> None:
    for path, data in outputs.items():
        found = uids(data)
        assert len(found) == len(set(found)), path


# --- which calendars exist and what they hold ---------------------------------------------


def test_country_calendar_holds_exactly_the_events_hosted_in_or_open_to_it(
    ctx: BuildContext, outputs: Outputs
) -> None:
    japan = set(uids(outputs[urls.country_calendar("JP")]))
    assert japan == {
        "seminar-2007@xc-clearinghouse.org",  # hosted in JP
        "cancelled-2030@xc-clearinghouse.org",  # hosted in SG, open to JP
    }
    for code in ("JP", "SG", "TH", "KR", "DE", "TW"):
        expected = {
            f"{e.id}@xc-clearinghouse.org"
            for e in ctx.catalog.events.values()
            if not e.is_month_only and (e.host_country == code or code in e.countries)
        }
        assert set(uids(outputs[urls.country_calendar(code)])) == expected, code


def test_membership_of_topic_program_organization_and_series_calendars(
    outputs: Outputs,
) -> None:
    def ids(path: str) -> list[str]:
        return [uid.partition("@")[0] for uid in uids(outputs[path])]

    assert ids(urls.topic_calendar("licensing")) == ["seminar-2007", "night-webinar"]
    assert ids(urls.program_calendar("prog-a")) == ["seminar-2007"]
    assert ids(urls.organization_calendar("partner-org")) == ["seminar-2007", "night-webinar"]
    assert ids(urls.organization_calendar("meti-x")) == ["seminar-2007", "cancelled-2030"]
    assert ids(urls.series_calendar("berlin-briefing")) == ["berlin-winter", "berlin-summer"]
    assert ids(urls.series_calendar("example-seminar")) == ["seminar-2007"]


def test_calendars_exist_for_every_topic_and_named_country_even_when_empty(
    outputs: Outputs,
) -> None:
    for topic in vocabulary("topics").values:
        assert urls.topic_calendar(topic) in outputs
    assert uids(outputs[urls.topic_calendar("biological")]) == []
    assert uids(outputs[urls.country_calendar("VN")]) == []  # named only by a program
    assert urls.program_calendar("prog-empty") in outputs
    assert urls.organization_calendar("idle-org") in outputs
    # An organization's country has a page on the site, so it has a (possibly empty) calendar.
    assert uids(outputs[urls.country_calendar("NZ")]) == []
    assert urls.country_calendar("FR") not in outputs


def test_the_directory_lists_every_subscription_calendar_with_its_count(
    ctx: BuildContext, outputs: Outputs
) -> None:
    directory = calendar_directory(ctx)
    subscription_files = {p for p in outputs if not p.startswith("calendars/events/")}
    assert {info.path for info in directory} == subscription_files
    for info in directory:
        assert info.event_count == len(uids(outputs[info.path])), info.path
        assert "\n" not in info.description and info.description.endswith(".")
        assert info.title.startswith("XC Clearinghouse: ")
    groups = [info.group for info in directory]
    assert groups[0] == "all"
    assert groups == sorted(
        groups,
        key=["all", "topic", "country", "program", "organization", "series"].index,
    )
    countries = [info.title for info in directory if info.group == "country"]
    assert countries == sorted(countries, key=str.casefold)
    assert directory == calendar_directory(ctx)


def test_events_are_in_chronological_order(outputs: Outputs) -> None:
    starts = [
        re.sub(r"T.*", "", e.get("DTSTART") or e["DTSTART;VALUE=DATE"])
        for e in vevents(outputs[urls.CALENDAR_ALL])
    ]
    assert starts == sorted(starts)


def test_entries_of_month_only_events_are_none(ctx: BuildContext) -> None:
    assert calendar_entry(ctx, ctx.catalog.events["month-only-2030"]) is None
