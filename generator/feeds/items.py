"""Feed items: what each record or change says in a feed, and the date it carries.

Every item is plain data (title, date, page link, summary lines, topics and countries);
:mod:`generator.feeds.render` turns items into RSS and Atom.  Dates never come from the
clock.  In order of preference:

* event announcement: ``announced`` → commit that first added the file → the event's
  first day;
* report: ``published`` → commit that first added the file → last day of its event →
  :data:`UNKNOWN_DATE`;
* program: commit that first added the file → 1 January of ``start_year`` →
  :data:`UNKNOWN_DATE`;
* change: the commit time of the change (see :mod:`generator.feeds.changes`).

A date (without time) is midnight UTC of that day; a month is its first day.  The
fallbacks after the commit apply outside a git checkout, to files not committed yet, and to
shallow clones when the build explicitly allows them (``--allow-shallow``, see
:func:`generator.pipeline.history_for_build`; by default a shallow clone is an error).
Every input is part of the commit being built, so each way of building gives the same bytes
on every build.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal, NamedTuple

from generator import urls
from generator.catalog import Catalog
from generator.context import BuildContext
from generator.feeds.changes import EventChange, event_changes, tag_id
from generator.fieldtypes import EventDate
from generator.history import ContentHistory
from generator.models import Event, Program, Report
from generator.settings import SiteSettings
from generator.vocabulary import vocabulary

UNKNOWN_DATE = datetime(1970, 1, 1, tzinfo=UTC)
"""The date of an item with no date at all, and the ``updated`` date of an empty feed."""

MAX_LINE_CHARS = 300
"""Longest summary line; longer lines are cut with an ellipsis."""

MAX_SUMMARY_CHARS = 1_000
"""Most characters of summary text per item (this keeps any feed under 512 KB)."""

MAX_EXCERPT_CHARS = 280
"""Most characters quoted from a description or report summary."""

ItemKind = Literal["event", "change", "report", "program", "finding"]

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
"""English month names (not the locale's: output must not depend on the machine)."""


@dataclass(frozen=True)
class FeedItem:
    """One feed entry, independent of the feed format and of the feeds it appears in."""

    entry_id: str
    """Stable ``tag:`` URI: never derived from URLs, the build or the clock."""
    kind: ItemKind
    title: str
    date: datetime
    """Aware UTC datetime: ``published`` and ``updated`` of the entry."""
    link: str
    """Absolute URL of the page the entry is about."""
    lines: tuple[str, ...]
    """Plain-text summary lines, cut to size (escaped when rendered)."""
    topics: tuple[str, ...] = ()


class Candidate(NamedTuple):
    """What selecting the entries of every feed needs to know about one item: cheap to
    make for every record; the full :class:`FeedItem` is made only for items a feed lists.
    """

    date: datetime
    key: str
    """The specific part of the entry id, e.g. ``events/<id>`` (unique, sortable)."""
    kind: ItemKind
    source: Event | EventChange | Report | Program
    topics: tuple[str, ...]
    countries: tuple[str, ...]


# --- dates -----------------------------------------------------------------------------


def day_start(day: date) -> datetime:
    """Midnight UTC at the start of *day*."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def announcement_date(event: Event, history: ContentHistory) -> datetime:
    """When an event was announced (see the module documentation for the order)."""
    if event.announced is not None:
        return day_start(event.announced)
    first = history.of("event", event.id).first_published
    return first if first is not None else day_start(event.first_day)


def report_date(report: Report, catalog: Catalog, history: ContentHistory) -> datetime:
    """When a report was published (see the module documentation for the order)."""
    if report.published is not None:
        return day_start(report.published.first_day())
    first = history.of("report", report.id).first_published
    if first is not None:
        return first
    event = catalog.events.get(report.event) if report.event else None
    return day_start(event.last_day) if event is not None else UNKNOWN_DATE


def program_date(program: Program, history: ContentHistory) -> datetime:
    """When a program was added (see the module documentation for the order)."""
    first = history.of("program", program.id).first_published
    if first is not None:
        return first
    if program.start_year is not None:
        return datetime(program.start_year, 1, 1, tzinfo=UTC)
    return UNKNOWN_DATE


# --- text ------------------------------------------------------------------------------


def format_day(day: date) -> str:
    """``6 February 2007``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_value(value: EventDate) -> str:
    """A month, day or time as written for people: ``February 2007``, ``6 February 2007``."""
    if value.day is None:
        return f"{MONTHS[value.month - 1]} {value.year}"
    text = format_day(value.first_day())
    if value.hour is not None:
        text += f", {value.hour:02d}:{value.minute or 0:02d}"
    return text


def format_when(event: Event, *, times: bool = True) -> str:
    """The dates of an event for people, e.g. ``6–8 February 2007``.

    Month-only events say "dates to be confirmed"; times carry their time zone (or are left
    out with ``times=False``).
    """
    start, last = event.start, event.last
    if event.is_month_only:
        if (start.year, start.month) == (last.year, last.month):
            text = format_value(start)
        elif start.year == last.year:
            text = f"{MONTHS[start.month - 1]} – {format_value(last)}"
        else:
            text = f"{format_value(start)} – {format_value(last)}"
        return f"{text} (dates to be confirmed)"
    first, final = start.first_day(), last.first_day()
    if event.is_timed and times:
        if first == final:
            text = f"{format_value(start)}–{last.hour or 0:02d}:{last.minute or 0:02d}"
        else:
            text = f"{format_value(start)} – {format_value(last)}"
        return f"{text} ({event.timezone})" if event.timezone else text
    if first == final:
        return format_day(first)
    if (first.year, first.month) == (final.year, final.month):
        return f"{first.day}–{format_day(final)}"
    if first.year == final.year:
        return f"{first.day} {MONTHS[first.month - 1]} – {format_day(final)}"
    return f"{format_day(first)} – {format_day(final)}"


def format_place(event: Event, settings: SiteSettings) -> str:
    """Venue, city and country for people, e.g. ``Tokyo, Japan and online``."""
    location = event.location
    if location is None:
        return ""
    text = ", ".join(location.place_parts(settings.country_name))
    if location.online:
        return f"{text} and online" if text else "Online"
    return text


def shorten(text: str, limit: int) -> str:
    """*text* on one line, cut at a word boundary to at most *limit* characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


def fit_lines(lines: Iterable[str]) -> tuple[str, ...]:
    """Non-empty lines, each at most :data:`MAX_LINE_CHARS`, together at most
    :data:`MAX_SUMMARY_CHARS` (later lines are dropped or cut)."""
    kept: list[str] = []
    budget = MAX_SUMMARY_CHARS
    for line in lines:
        line = shorten(line, min(MAX_LINE_CHARS, budget))
        if not line or budget <= 1:
            continue
        kept.append(line)
        budget -= len(line)
    return tuple(kept)


def _names(catalog: Catalog, ids: Iterable[str]) -> str:
    names = []
    for org_id in ids:
        org = catalog.organizations.get(org_id)
        if org is None:
            names.append(org_id)
        elif org.short_name and org.short_name != org.name:
            names.append(f"{org.name} ({org.short_name})")
        else:
            names.append(org.name)
    return ", ".join(names)


def _topic_labels(topics: Iterable[str]) -> str:
    vocab = vocabulary("topics")
    return ", ".join(vocab.label(topic) for topic in topics)


def event_lines(event: Event, ctx: BuildContext) -> Iterator[str]:
    """Summary lines of an event: dates, place, kind and status, organizers, topics."""
    yield format_when(event)
    yield format_place(event, ctx.settings)
    kind = vocabulary("event_kinds").label(event.kind)
    if event.status != "confirmed":
        kind += f" · {vocabulary('event_statuses').label(event.status)}"
    yield kind
    if event.organizers:
        yield f"Organized by {_names(ctx.catalog, event.organizers)}"
    if event.topics:
        yield f"Topics: {_topic_labels(event.topics)}"


# --- items -----------------------------------------------------------------------------


def event_item(event: Event, ctx: BuildContext) -> FeedItem:
    """The announcement entry of an event (its id and date never change with edits)."""
    return FeedItem(
        entry_id=tag_id(ctx.settings.uid_domain, f"events/{event.id}"),
        kind="event",
        title=event.title,
        date=announcement_date(event, ctx.history),
        link=ctx.url(urls.event_page(event.id)),
        lines=fit_lines(event_lines(event, ctx)),
        topics=event.topics,
    )


_STATUS_HEADLINES = {"cancelled": "Cancelled", "postponed": "Postponed"}


def change_headline(change: EventChange) -> str:
    """What happened, e.g. ``Postponed, new dates``."""
    labels = []
    status = change.aspect("status")
    if status is not None:
        if status.new in _STATUS_HEADLINES:
            labels.append(_STATUS_HEADLINES[status.new])
        elif status.old in _STATUS_HEADLINES:
            labels.append("Back on")
        elif status.new == "confirmed":
            labels.append("Confirmed")
        else:
            labels.append("Status changed")
    if change.aspect("dates") is not None:
        labels.append("New dates")
    if change.aspect("place") is not None:
        labels.append("New place")
    text = ", ".join(labels)
    return text[:1] + text[1:].lower()


def change_lines(change: EventChange, ctx: BuildContext) -> Iterator[str]:
    """Summary lines of a change: each changed aspect as ``old → new``, then the facts."""
    before, after = change.before, change.after
    statuses = vocabulary("event_statuses")
    if change.aspect("status") is not None:
        yield f"Status: {statuses.label(before.status)} → {statuses.label(after.status)}"
    if change.aspect("dates") is not None:
        yield f"Dates: {format_when(before)} → {format_when(after)}"
    if change.aspect("place") is not None:
        old = format_place(before, ctx.settings) or "not given"
        new = format_place(after, ctx.settings) or "not given"
        yield f"Place: {old} → {new}"
    if change.aspect("dates") is None:
        yield format_when(after)
    if change.aspect("place") is None:
        yield format_place(after, ctx.settings)


def change_item(change: EventChange, ctx: BuildContext) -> FeedItem:
    """The entry of one change (its text is the version of that commit; the categories are
    the event's current topics)."""
    return FeedItem(
        entry_id=change.entry_id,
        kind="change",
        title=f"{change_headline(change)}: {change.after.title}",
        date=change.committed,
        link=ctx.url(urls.event_page(change.event_id)),
        lines=fit_lines(change_lines(change, ctx)),
        topics=ctx.catalog.events[change.event_id].topics,
    )


def report_lines(report: Report, ctx: BuildContext) -> Iterator[str]:
    """Summary lines of a report: kind, authors, event, date and an excerpt."""
    yield vocabulary("report_kinds").label(report.kind)
    if report.authors:
        yield f"By {', '.join(report.authors)}"
    event = ctx.catalog.events.get(report.event) if report.event else None
    if event is not None:
        yield f"From {event.title} ({format_when(event, times=False)})"
    program = ctx.catalog.programs.get(report.program) if report.program else None
    if program is not None:
        yield f"Program: {program.name}"
    if report.published is not None:
        yield f"Published {format_value(report.published)}"
    if report.summary:
        yield shorten(report.summary, MAX_EXCERPT_CHARS)


def report_item(report: Report, ctx: BuildContext) -> FeedItem:
    """The entry of a published report."""
    return FeedItem(
        entry_id=tag_id(ctx.settings.uid_domain, f"reports/{report.id}"),
        kind="report",
        title=report.title,
        date=report_date(report, ctx.catalog, ctx.history),
        link=ctx.url(urls.report_page(report.id)),
        lines=fit_lines(report_lines(report, ctx)),
        topics=report.topics,
    )


def program_lines(program: Program, ctx: BuildContext) -> Iterator[str]:
    """Summary lines of a program: kind, sponsors, years, topics and an excerpt."""
    yield vocabulary("program_kinds").label(program.kind)
    if program.sponsors:
        yield f"Run by {_names(ctx.catalog, program.sponsors)}"
    if program.start_year and program.end_year:
        yield f"{program.start_year}–{program.end_year}"
    elif program.start_year:
        yield f"Since {program.start_year}"
    if program.topics:
        yield f"Topics: {_topic_labels(program.topics)}"
    if program.description:
        yield shorten(program.description, MAX_EXCERPT_CHARS)


def program_item(program: Program, ctx: BuildContext) -> FeedItem:
    """The entry of a program."""
    name = program.name
    if program.short_name and program.short_name != program.name:
        name += f" ({program.short_name})"
    return FeedItem(
        entry_id=tag_id(ctx.settings.uid_domain, f"programs/{program.id}"),
        kind="program",
        title=name,
        date=program_date(program, ctx.history),
        link=ctx.url(urls.program_page(program.id)),
        lines=fit_lines(program_lines(program, ctx)),
        topics=program.topics,
    )


def candidates(ctx: BuildContext) -> list[Candidate]:
    """Every item of every feed, newest first (ties by entry id, so the order is total).

    Topics and countries (which decide the topic and country feeds an item is in) are the
    current record's; for a change, those of the event as it is now.
    """
    history = ctx.history
    found = [
        Candidate(
            announcement_date(event, history),
            f"events/{event_id}",
            "event",
            event,
            event.topics,
            event.all_countries,
        )
        for event_id, event in ctx.catalog.events.items()
    ]
    events = ctx.catalog.events
    for change in event_changes(ctx):
        event = events[change.event_id]
        found.append(
            Candidate(
                change.committed, change.key, "change", change, event.topics, event.all_countries
            )
        )
    found.extend(
        Candidate(
            report_date(report, ctx.catalog, history),
            f"reports/{rid}",
            "report",
            report,
            report.topics,
            (),
        )
        for rid, report in ctx.catalog.reports.items()
    )
    found.extend(
        Candidate(
            program_date(program, history),
            f"programs/{pid}",
            "program",
            program,
            program.topics,
            tuple(sorted(program.countries)),
        )
        for pid, program in ctx.catalog.programs.items()
    )
    found.sort(key=lambda candidate: candidate.key)
    found.sort(key=lambda candidate: candidate.date, reverse=True)
    return found


def feed_item(candidate: Candidate, ctx: BuildContext) -> FeedItem:
    """The full item of a candidate: title, link and summary."""
    source = candidate.source
    if isinstance(source, Event):
        return event_item(source, ctx)
    if isinstance(source, EventChange):
        return change_item(source, ctx)
    if isinstance(source, Report):
        return report_item(source, ctx)
    return program_item(source, ctx)
