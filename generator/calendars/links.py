"""Links that add an event to Google Calendar or Outlook on the web (for event pages).

Both take the event through URL parameters, so they need no file and no account linking.
All-day events use dates with an exclusive end (a 6–8 Feb seminar is
``20070206/20070209``), timed events UTC instants (``…Z``), as in the ``.ics`` files.
Events known only to the month have no link.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from urllib.parse import quote, urlencode

from generator import urls
from generator.calendars.contentlines import date_value, utc_value
from generator.calendars.entries import event_location, event_span, event_summary
from generator.calendars.plaintext import markdown_to_text
from generator.context import BuildContext
from generator.models import Event

GOOGLE_URL = "https://calendar.google.com/calendar/render"
OUTLOOK_URL = "https://outlook.live.com/calendar/deeplink/compose"
"""Outlook on the web for personal accounts (outlook.com, hotmail.com)."""
OFFICE365_URL = "https://outlook.office.com/calendar/deeplink/compose"
"""Outlook on the web for work and school accounts (Microsoft 365)."""

DETAILS_LIMIT = 500
"""Characters of the description put into a link (URLs must stay short)."""


def _details(ctx: BuildContext, event: Event) -> str:
    page = ctx.url(urls.event_page(event.id))
    text = markdown_to_text(event.description) if event.description else ""
    if len(text) > DETAILS_LIMIT:
        text = text[:DETAILS_LIMIT].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"
    return f"{text}\n\nDetails: {page}" if text else f"Details: {page}"


def _query(params: list[tuple[str, str]]) -> str:
    """Percent-encoded query (spaces as %20: Outlook shows a + literally); / stays."""
    return urlencode(params, safe="/", quote_via=quote)


def google_calendar_url(ctx: BuildContext, event: Event) -> str | None:
    """A Google Calendar "add event" link, or None for a month-only event.

    ``dates`` is ``YYYYMMDD/YYYYMMDD`` (end exclusive) for all-day events and
    ``YYYYMMDDTHHMMSSZ/YYYYMMDDTHHMMSSZ`` in UTC for timed events.
    """
    span = event_span(event)
    if span is None:
        return None
    start, end = span
    if isinstance(start, datetime) and isinstance(end, datetime):
        dates = f"{utc_value(start)}/{utc_value(end)}"
    else:
        dates = f"{date_value(start)}/{date_value(end)}"
    params = [("action", "TEMPLATE"), ("text", event_summary(event)), ("dates", dates)]
    params.append(("details", _details(ctx, event)))
    location = event_location(ctx, event)
    if location:
        params.append(("location", location))
    return f"{GOOGLE_URL}?{_query(params)}"


def _outlook_time(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return f"{value.astimezone(UTC):%Y-%m-%dT%H:%M:%S}Z"
    return value.isoformat()


def outlook_calendar_url(ctx: BuildContext, event: Event, *, office365: bool = False) -> str | None:
    """An Outlook on the web "new event" link, or None for a month-only event.

    ``startdt``/``enddt`` are ``YYYY-MM-DD`` with ``allday=true`` (end exclusive) for
    all-day events and ``YYYY-MM-DDTHH:MM:SSZ`` in UTC for timed events.  *office365*
    links to the Microsoft 365 (work or school) site instead of outlook.com.
    """
    span = event_span(event)
    if span is None:
        return None
    start, end = span
    all_day = not isinstance(start, datetime)
    params = [
        ("path", "/calendar/action/compose"),
        ("rru", "addevent"),
        ("subject", event_summary(event)),
        ("startdt", _outlook_time(start)),
        ("enddt", _outlook_time(end)),
        ("allday", "true" if all_day else "false"),
        ("body", _details(ctx, event)),
    ]
    location = event_location(ctx, event)
    if location:
        params.append(("location", location))
    base = OFFICE365_URL if office365 else OUTLOOK_URL
    return f"{base}?{_query(params)}"
