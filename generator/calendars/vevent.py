"""One calendar entry (VEVENT): its facts, and its serialization, done once per event.

:class:`CalendarEntry` holds the final values of one event's VEVENT.  :func:`vevent_bytes`
writes it in the same bytes as ``icalendar.Event.new(...).to_ical()`` would (same property
order, escaping, date forms and folding; the tests compare the two on every fixture), but
several times faster (see ``bench/bench_calendars.py``), which lets 10,000 events go into
hundreds of calendars well within the time budget.  :func:`icalendar_event` builds the
same entry through icalendar; the tests and the benchmark use it as the reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from icalendar import Event as IcalEvent
from icalendar.enums import STATUS, TRANSP

from generator.calendars.contentlines import (
    PlainText,
    content_line,
    date_value,
    escape_text,
    float_value,
    utc_value,
)


@dataclass(frozen=True)
class CalendarEntry:
    """The values of one VEVENT.

    ``start``/``end`` are dates for all-day entries (``end`` exclusive: the day after the
    last day) and aware UTC datetimes for timed entries.
    """

    uid: str
    summary: str
    start: date | datetime
    end: date | datetime
    stamp: datetime
    sequence: int
    status: str
    url: str
    description: str
    location: str | None = None
    geo: tuple[float, float] | None = None
    categories: tuple[str, ...] = ()
    created: datetime | None = None
    last_modified: datetime | None = None
    transparent: bool = False


def _when(name: str, value: date | datetime) -> bytes:
    if isinstance(value, datetime):
        return content_line(name, utc_value(value))
    return content_line(name, date_value(value), ";VALUE=DATE")


def vevent_bytes(entry: CalendarEntry) -> bytes:
    """The VEVENT block of *entry*, CRLF line ends, folded at 75 octets.

    Properties come in icalendar's canonical order (SUMMARY, DTSTART, DTEND, DTSTAMP,
    UID, SEQUENCE, then the others alphabetically).
    """
    parts = [
        b"BEGIN:VEVENT\r\n",
        content_line("SUMMARY", escape_text(entry.summary)),
        _when("DTSTART", entry.start),
        _when("DTEND", entry.end),
        content_line("DTSTAMP", utc_value(entry.stamp)),
        content_line("UID", escape_text(entry.uid)),
        content_line("SEQUENCE", str(entry.sequence)),
    ]
    if entry.categories:
        parts.append(content_line("CATEGORIES", ",".join(map(escape_text, entry.categories))))
    if entry.created is not None:
        parts.append(content_line("CREATED", utc_value(entry.created)))
    parts.append(content_line("DESCRIPTION", escape_text(entry.description)))
    if entry.geo is not None:
        latitude, longitude = entry.geo
        parts.append(content_line("GEO", f"{float_value(latitude)};{float_value(longitude)}"))
    if entry.last_modified is not None:
        parts.append(content_line("LAST-MODIFIED", utc_value(entry.last_modified)))
    if entry.location is not None:
        parts.append(content_line("LOCATION", escape_text(entry.location)))
    parts.append(content_line("STATUS", entry.status))
    if entry.transparent:
        parts.append(b"TRANSP:TRANSPARENT\r\n")
    parts.append(content_line("URL", entry.url))
    parts.append(b"END:VEVENT\r\n")
    return b"".join(parts)


def icalendar_event(entry: CalendarEntry) -> IcalEvent:
    """The same entry built with ``icalendar.Event.new`` (reference for tests and bench)."""
    event = IcalEvent.new(
        uid=PlainText(entry.uid),
        stamp=entry.stamp,
        start=entry.start,
        end=entry.end,
        summary=PlainText(entry.summary),
        description=PlainText(entry.description),
        location=PlainText(entry.location) if entry.location is not None else None,
        url=entry.url,
        categories=tuple(PlainText(c) for c in entry.categories),
        sequence=entry.sequence,
        status=STATUS(entry.status),
        created=entry.created,
        last_modified=entry.last_modified,
        transparency=TRANSP.TRANSPARENT if entry.transparent else None,
    )
    if entry.geo is not None:
        event.add("GEO", entry.geo)
    return event
