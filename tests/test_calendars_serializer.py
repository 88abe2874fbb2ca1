"""The fast VEVENT writer produces exactly what icalendar writes for the same entry."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Event as IcalEvent
from icalendar import vText
from icalendar.parser import Contentline

from generator.calendars.collections import calendar_sets
from generator.calendars.contentlines import content_line, escape_text, float_value, fold
from generator.calendars.entries import calendar_entry
from generator.calendars.render import icalendar_subscription_header, subscription_header
from generator.calendars.vevent import CalendarEntry, icalendar_event, vevent_bytes
from tests.calendar_fixtures import FIXTURE, HOSTILE, SITE
from tests.conftest import make_context


def test_every_fixture_entry_is_written_exactly_as_icalendar_writes_it(tmp_path: Path) -> None:
    ctx = make_context(tmp_path, {**FIXTURE, **HOSTILE}, site_url=SITE)
    checked = 0
    for event in ctx.catalog.events.values():
        entry = calendar_entry(ctx, event)
        if entry is None:
            continue
        assert vevent_bytes(entry) == icalendar_event(entry).to_ical(), event.id
        checked += 1
    assert checked == 8


# Text without "\N" (icalendar turns it into a line break, see test below) or controls.
TEXT = st.text(
    st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from(list("\n\\;,:\"'")),
    max_size=300,
).filter(lambda text: "\\N" not in text)
STAMP = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
).map(lambda moment: moment.replace(microsecond=0))
DAY = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 1, 1))


@st.composite
def entries(draw: st.DrawFn) -> CalendarEntry:
    if draw(st.booleans()):
        start: date | datetime = draw(DAY)
        end: date | datetime = start + timedelta(days=draw(st.integers(1, 400)))
    else:
        start = draw(STAMP)
        end = start + timedelta(minutes=draw(st.integers(1, 100_000)))
    return CalendarEntry(
        uid=draw(st.from_regex(r"[a-z0-9][a-z0-9-]{1,78}[a-z0-9]", fullmatch=True))
        + "@example.org",
        summary=draw(TEXT),
        start=start,
        end=end,
        stamp=draw(STAMP),
        sequence=draw(st.integers(0, 10_000)),
        status=draw(st.sampled_from(["TENTATIVE", "CONFIRMED", "CANCELLED"])),
        url="https://example.org/events/"
        + draw(st.from_regex(r"[a-z0-9-]{0,100}", fullmatch=True)),
        description=draw(TEXT),
        location=draw(st.none() | TEXT),
        geo=draw(
            st.none()
            | st.tuples(
                st.floats(-90, 90, allow_nan=False).filter(lambda f: "e" not in repr(f)),
                st.floats(-180, 180, allow_nan=False).filter(lambda f: "e" not in repr(f)),
            )
        ),
        categories=tuple(draw(st.lists(TEXT.filter(bool), max_size=4))),
        created=draw(st.none() | STAMP),
        last_modified=draw(st.none() | STAMP),
        transparent=draw(st.booleans()),
    )


@settings(max_examples=300, deadline=None)
@given(entries())
def test_any_entry_is_written_exactly_as_icalendar_writes_it(entry: CalendarEntry) -> None:
    assert vevent_bytes(entry) == icalendar_event(entry).to_ical()


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_text_escaping_matches_icalendar(text: str) -> None:
    assert escape_text(text).encode() == vText(text).to_ical()


LINE = st.text(
    st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from(list("\\^;,:é😀")),
    max_size=400,
)


@settings(max_examples=500, deadline=None)
@given(LINE)
def test_folding_matches_icalendar(line: str) -> None:
    assert fold(line.encode()) == Contentline(line).to_ical()


def test_folding_never_ends_a_piece_with_the_backslash_of_an_escape() -> None:
    line = "DESCRIPTION:" + "x" * 61 + "\\n" + "y" * 100
    assert fold(line.encode()) == Contentline(line).to_ical()
    first, second, _ = fold(line.encode()).split(b"\r\n ")
    assert first.endswith(b"x") and second.startswith(b"\\")


def test_a_literal_backslash_n_stays_literal() -> None:
    # icalendar's own vText would turn "\N" into a line break; ours keeps the text.
    assert escape_text("C:\\New") == "C:\\\\New"
    parsed = IcalEvent.from_ical(
        b"BEGIN:VEVENT\r\n" + content_line("SUMMARY", "C:\\\\New") + b"END:VEVENT\r\n"
    )
    assert str(parsed["SUMMARY"]) == "C:\\New"


def test_line_breaks_of_any_kind_become_escaped_newlines() -> None:
    assert escape_text("a\r\nb\rc\nd") == "a\\nb\\nc\\nd"
    assert escape_text("nul\x00vt\x0bdel\x7f tab\tkept") == "nulvtdel tab\tkept"


def test_long_lines_are_folded_by_octets_without_splitting_characters() -> None:
    line = content_line("SUMMARY", "😀" * 40 + "é" * 40)
    physical = line.split(b"\r\n")[:-1]
    assert len(physical) > 1
    assert all(len(part) <= 75 for part in physical)
    for part in physical:
        part.decode("utf-8")
    assert all(part.startswith(b" ") for part in physical[1:])
    assert (
        b"".join(p.removeprefix(b" ") for p in physical).decode()
        == "SUMMARY:" + "😀" * 40 + "é" * 40
    )


def test_short_lines_are_not_folded() -> None:
    assert content_line("UID", "x" * 70) == b"UID:" + b"x" * 70 + b"\r\n"
    assert len(content_line("UID", "x" * 71).split(b"\r\n")) == 3


def test_floats_are_never_written_in_exponent_notation() -> None:
    assert float_value(35.6485) == "35.6485"
    assert float_value(0.00001) == "0.00001"
    assert float_value(-1e-7) == "-0.0000001"
    assert float_value(139.0) == "139.0"


def test_calendar_headers_are_written_exactly_as_icalendar_writes_them(tmp_path: Path) -> None:
    ctx = make_context(tmp_path, {**FIXTURE, **HOSTILE}, site_url=SITE)
    sets = calendar_sets(ctx)
    assert len(sets) > 30
    for calendar_set in sets:
        args = (ctx, calendar_set.path, calendar_set.title, calendar_set.description)
        assert subscription_header(*args) == icalendar_subscription_header(*args)
