"""The render stage for calendars: every ``.ics`` file, assembled from cached VEVENTs.

Each event's VEVENT is serialized once (:func:`generator.calendars.vevent.vevent_bytes`);
every calendar is a header, the blocks of its events and a footer, joined as bytes.
Headers are built with icalendar, once per calendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from icalendar import Calendar, vDuration

from generator import urls
from generator.calendars.collections import CalendarGroup, calendar_sets, dated_events
from generator.calendars.contentlines import PlainText, content_line, escape_text
from generator.calendars.entries import Names, calendar_entry
from generator.calendars.vevent import vevent_bytes
from generator.context import BuildContext
from generator.gcpause import collector_paused
from generator.writer import Outputs

PRODID = "-//XC Clearinghouse//Calendars//EN"
REFRESH = timedelta(hours=12)
"""How often subscribers' apps should fetch calendars again."""
REFRESH_VALUE = "PT12H"
""":data:`REFRESH` as an iCalendar DURATION."""

FOOTER = b"END:VCALENDAR\r\n"


@dataclass(frozen=True)
class CalendarInfo:
    """A subscription calendar, for the /subscribe/ page.

    ``path`` is the site path (see :mod:`generator.urls`), ``title`` the name apps show,
    ``description`` one line on what it contains, ``event_count`` its number of entries.
    """

    path: str
    title: str
    description: str
    group: CalendarGroup
    event_count: int


def _header(calendar: Calendar) -> bytes:
    data: bytes = calendar.to_ical()
    if not data.endswith(FOOTER):  # pragma: no cover - icalendar always ends like this
        raise ValueError("unexpected end of an icalendar calendar")
    return data[: -len(FOOTER)]


def _base_calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    return calendar


def subscription_header(ctx: BuildContext, path: str, title: str, description: str) -> bytes:
    """The VCALENDAR header of a subscription calendar (everything before its events).

    NAME/X-WR-CALNAME, DESCRIPTION/X-WR-CALDESC (RFC 7986 and the names Apple, Google
    and Outlook read), a 12-hour REFRESH-INTERVAL and X-PUBLISHED-TTL, and SOURCE, the
    calendar's own URL.  Written directly, in the bytes of
    :func:`icalendar_subscription_header` (the tests compare them): building hundreds of
    icalendar components took a quarter of the render time.
    """
    name = escape_text(title)
    text = escape_text(description)
    return b"".join(
        (
            _common_header(),
            content_line("DESCRIPTION", text),
            content_line("X-WR-CALDESC", text),
            content_line("NAME", name),
            content_line("X-WR-CALNAME", name),
            content_line("REFRESH-INTERVAL", REFRESH_VALUE, ";VALUE=DURATION"),
            content_line("SOURCE", ctx.url(path), ";VALUE=URI"),
            content_line("X-PUBLISHED-TTL", REFRESH_VALUE),
        )
    )


def icalendar_subscription_header(
    ctx: BuildContext, path: str, title: str, description: str
) -> bytes:
    """:func:`subscription_header` built with icalendar (the reference for the tests)."""
    calendar = _base_calendar()
    calendar.add("NAME", PlainText(title))
    calendar.add("X-WR-CALNAME", PlainText(title))
    calendar.add("DESCRIPTION", PlainText(description))
    calendar.add("X-WR-CALDESC", PlainText(description))
    calendar.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH))
    calendar.add("SOURCE", ctx.url(path), parameters={"VALUE": "URI"})
    return _header(calendar)


@cache
def _common_header() -> bytes:
    return _header(_base_calendar())


def event_file_header() -> bytes:
    """The VCALENDAR header of a one-event file (``calendars/events/<id>.ics``).

    It has no calendar name or refresh interval on purpose: opened from an event page,
    clients then add the event to an existing calendar instead of creating a new
    calendar or subscription.
    """
    return _common_header()


def render_calendars(ctx: BuildContext) -> Outputs:
    """Every ``.ics`` file: ``calendars/all.ics``, one per topic, country, program,
    organization and series, and one per dated event.

    Which calendars exist (see :mod:`generator.calendars.collections`): ``all``; every
    topic of the vocabulary, even without events (a stable URL beats a 404 later); every
    country that any event names as host or participant or any program names; every
    program and organization record; every series used by an event.  Country calendars
    hold the events hosted in or open to that country; organization calendars the events
    it organizes or supports as a partner.  Events known only to the month are in no
    calendar; past and cancelled events stay (cancelled ones with STATUS:CANCELLED and the
    same UID).  Per-event files exist for every event with days.  The content rules of
    each entry are documented in :mod:`generator.calendars.entries`.
    """
    with collector_paused():
        return _render_calendars(ctx)


def _render_calendars(ctx: BuildContext) -> Outputs:
    events = dated_events(ctx)
    blocks: dict[str, bytes] = {}
    names = Names(ctx)
    for event in events:
        entry = calendar_entry(ctx, event, names)
        if entry is not None:
            blocks[event.id] = vevent_bytes(entry)
    outputs = Outputs()
    for calendar_set in calendar_sets(ctx, events):
        header = subscription_header(
            ctx, calendar_set.path, calendar_set.title, calendar_set.description
        )
        parts = [header, *(blocks[event_id] for event_id in calendar_set.event_ids), FOOTER]
        outputs.add(calendar_set.path, b"".join(parts))
    event_header = event_file_header()
    for event_id in sorted(blocks):
        outputs.add(urls.event_calendar(event_id), event_header + blocks[event_id] + FOOTER)
    return outputs


def calendar_directory(ctx: BuildContext) -> list[CalendarInfo]:
    """Every subscription calendar for /subscribe/, in display order.

    ``all`` first, then topics, countries, programs, organizations and series, each
    sorted by title.  Per-event files are not listed (event pages link them).  Which
    calendars exist and what they hold is documented on :func:`render_calendars`.
    """
    return [
        CalendarInfo(
            path=calendar_set.path,
            title=calendar_set.title,
            description=calendar_set.description,
            group=calendar_set.group,
            event_count=len(calendar_set.event_ids),
        )
        for calendar_set in calendar_sets(ctx)
    ]


def event_calendar_path(ctx: BuildContext, event_id: str) -> str | None:
    """``calendars/events/<id>.ics`` for an event with days, None for month-only events."""
    event = ctx.catalog.events[event_id]
    return None if event.is_month_only else urls.event_calendar(event_id)
