"""Human date and time formatting for pages (English, day-month-year, no locale lookups)."""

from __future__ import annotations

from datetime import date, datetime

from markupsafe import Markup, escape

from generator.models import Event

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def month_name(month: int) -> str:
    """``2`` → ``February``."""
    return MONTHS[month - 1]


def format_day(day: date) -> str:
    """``6 February 2007``."""
    return f"{day.day} {month_name(day.month)} {day.year}"


def format_month(year: int, month: int) -> str:
    """``February 2007``."""
    return f"{month_name(month)} {year}"


def format_day_range(first: date, last: date) -> str:
    """``6–8 February 2007``, ``30 January – 2 February 2007`` or a single day."""
    if first == last:
        return format_day(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {month_name(last.month)} {last.year}"
    if first.year == last.year:
        return f"{first.day} {month_name(first.month)} – {format_day(last)}"
    return f"{format_day(first)} – {format_day(last)}"


def _utc_offset(moment: datetime) -> str:
    offset = moment.utcoffset()
    if offset is None:
        return ""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def _unknown_days(event: Event, today: date | None, long: bool) -> str:
    """How a month-only event's missing days are described: still to be confirmed, or —
    once the event is over (as seen on *today*) — simply not recorded."""
    over = today is not None and event.last_day < today
    if long:
        return "exact days not recorded" if over else "dates to be confirmed"
    return "days not recorded" if over else "dates tbc"


def event_when_text(event: Event, today: date | None = None) -> str:
    """Plain-text dates of an event, as shown in lists and feeds.

    With *today*, a past month-only event reads "exact days not recorded" instead of
    "dates to be confirmed" (feeds pass no *today*: their text must not depend on it).
    """
    if event.is_month_only:
        first, last = event.start, event.last
        if (first.year, first.month) == (last.year, last.month):
            span = format_month(first.year, first.month)
        elif first.year == last.year:
            span = f"{month_name(first.month)}–{format_month(last.year, last.month)}"
        else:
            span = (
                f"{format_month(first.year, first.month)} – {format_month(last.year, last.month)}"
            )
        return f"{span} ({_unknown_days(event, today, long=True)})"
    if event.is_timed and event.zone is not None:
        start = event.start.local_datetime().replace(tzinfo=event.zone)
        end = event.last.local_datetime().replace(tzinfo=event.zone)
        zone = f"{event.timezone}, {_utc_offset(start)}"
        if start.date() == end.date():
            return f"{format_day(start.date())}, {start:%H:%M}–{end:%H:%M} ({zone})"
        return (
            f"{format_day(start.date())} {start:%H:%M} – "
            f"{format_day(end.date())} {end:%H:%M} ({zone})"
        )
    return format_day_range(event.first_day, event.last_day)


def event_when_html(event: Event, today: date | None = None) -> Markup:
    """Dates of an event with machine-readable ``<time>`` elements."""
    text = escape(event_when_text(event, today))
    if event.is_month_only:
        return Markup('<time datetime="{}">{}</time>').format(str(event.start), text)
    if event.is_timed:
        start, end = event.utc_span()
        return Markup('<time datetime="{}">{}</time>').format(
            start.strftime("%Y-%m-%dT%H:%MZ"), text
        ) + Markup('<time datetime="{}"></time>').format(end.strftime("%Y-%m-%dT%H:%MZ"))
    return Markup('<time datetime="{}">{}</time>').format(event.first_day.isoformat(), text)


def short_when(event: Event, today: date | None = None) -> str:
    """Compact dates for list items: ``6–8 Feb 2007``, ``May 2007 (dates tbc)``,
    ``12 Feb 2030, 09:00``."""
    if event.is_month_only:
        begin, end = event.start, event.last
        unknown = _unknown_days(event, today, long=False)
        if (begin.year, begin.month) == (end.year, end.month):
            return f"{month_name(begin.month)[:3]} {begin.year} ({unknown})"
        if begin.year == end.year:
            months = f"{month_name(begin.month)[:3]}–{month_name(end.month)[:3]}"
            return f"{months} {end.year} ({unknown})"
        return (
            f"{month_name(begin.month)[:3]} {begin.year} – "
            f"{month_name(end.month)[:3]} {end.year} ({unknown})"
        )
    first, last = event.first_day, event.last_day
    if first == last:
        text = f"{first.day} {month_name(first.month)[:3]}"
    elif first.month == last.month and first.year == last.year:
        text = f"{first.day}–{last.day} {month_name(first.month)[:3]}"
    else:
        text = (
            f"{first.day} {month_name(first.month)[:3]} – {last.day} {month_name(last.month)[:3]}"
        )
    text = f"{text} {last.year}"
    if event.is_timed:
        text += f", {event.start.hour:02d}:{event.start.minute:02d}"
    return text
