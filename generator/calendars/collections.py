"""Which subscription calendars exist, what they are called and which events they hold.

Every calendar URL that ever appeared should keep working, so calendars exist for
everything a subscriber could have been offered, even when they hold no dated event now
(an empty calendar is better than a 404 in a subscriber's app):

* ``all`` — every dated event.
* one per topic of the vocabulary (values are never removed from it) — events with
  that topic;
* one per country that any record names (an event as host or participant, whatever its
  dates or status, a program, an organization) — events hosted in or open to it;
* one per program record — events that list the program;
* one per organization record — events it organizes or supports as a partner;
* one per series id used by any event — the events of that series.

Events known only to the month are in no calendar until their days are known.  Past
events stay in every calendar, without a time window: subscription clients delete
entries that disappear from a feed.  Entries are ordered by first day, then id.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from generator import urls
from generator.calendars.entries import Names
from generator.context import BuildContext
from generator.models import Event
from generator.vocabulary import vocabulary

CalendarGroup = Literal["all", "topic", "country", "program", "organization", "series"]
GROUP_ORDER: tuple[CalendarGroup, ...] = (
    "all",
    "topic",
    "country",
    "program",
    "organization",
    "series",
)

MembershipKey = tuple[CalendarGroup, str]


@dataclass(frozen=True)
class CalendarSet:
    """One subscription calendar: where it is published, its name and its events."""

    path: str
    title: str
    description: str
    group: CalendarGroup
    event_ids: tuple[str, ...]


def dated_events(ctx: BuildContext) -> list[Event]:
    """Events that have calendar entries (not month-only), by first day, then id."""
    events = [e for e in ctx.catalog.events.values() if not e.is_month_only]
    events.sort(key=lambda e: (e.first_day, e.id))
    return events


def membership_keys(event: Event) -> Iterator[MembershipKey]:
    """The subscription calendars (besides ``all``) that *event* belongs to."""
    for topic in event.topics:
        yield "topic", topic
    for code in event.all_countries:
        yield "country", code
    for program_id in event.programs:
        yield "program", program_id
    for organization_id in dict.fromkeys(event.organizers + event.partners):
        yield "organization", organization_id
    if event.series:
        yield "series", event.series


def calendar_countries(ctx: BuildContext) -> list[str]:
    """ISO codes of the country calendars: every country that has a page on the site."""
    return ctx.catalog.countries()


def calendar_series(ctx: BuildContext) -> list[str]:
    """Ids of the series calendars: every series named by an event."""
    return sorted({e.series for e in ctx.catalog.events.values() if e.series})


def _series_name(ctx: BuildContext, series: str) -> str:
    program = ctx.catalog.programs.get(series)
    return program.name if program is not None else series


def calendar_sets(ctx: BuildContext, events: list[Event] | None = None) -> list[CalendarSet]:
    """Every subscription calendar with its events, in directory order.

    Directory order: ``all`` first, then topics, countries, programs, organizations and
    series, each group sorted by title (case-insensitive), then by path.  *events* are
    the dated events in calendar order (computed when not given).
    """
    if events is None:
        events = dated_events(ctx)
    members: dict[MembershipKey, list[str]] = {}
    for event in events:
        for key in membership_keys(event):
            members.setdefault(key, []).append(event.id)
    site = ctx.settings.site_name
    names = Names(ctx)
    sets = [
        CalendarSet(
            path=urls.CALENDAR_ALL,
            title=f"{site}: all events",
            description="Every dated event in the clearinghouse, past and upcoming; "
            "cancelled events stay in, marked as cancelled.",
            group="all",
            event_ids=tuple(e.id for e in events),
        )
    ]

    def add(group: CalendarGroup, key: str, path: str, title: str, description: str) -> None:
        sets.append(
            CalendarSet(
                path=path,
                title=f"{site}: {title}",
                description=description,
                group=group,
                event_ids=tuple(members.get((group, key), ())),
            )
        )

    for term in vocabulary("topics").terms:
        add(
            "topic",
            term.value,
            urls.topic_calendar(term.value),
            term.label,
            f"Events on {term.label}: {term.description}",
        )
    for code in calendar_countries(ctx):
        name = names.country(code)
        add(
            "country",
            code,
            urls.country_calendar(code),
            name,
            f"Events hosted in {name} or open to participants from {name}.",
        )
    for program_id, program in ctx.catalog.programs.items():
        add(
            "program",
            program_id,
            urls.program_calendar(program_id),
            program.name,
            f"Events of the program {program.name}.",
        )
    for organization_id in ctx.catalog.organizations:
        name = names.organization(organization_id)
        add(
            "organization",
            organization_id,
            urls.organization_calendar(organization_id),
            name,
            f"Events organized or supported by {name}.",
        )
    for series in calendar_series(ctx):
        name = _series_name(ctx, series)
        add(
            "series",
            series,
            urls.series_calendar(series),
            f"{name} (series)",
            f"Events of the recurring series {name}.",
        )
    sets.sort(key=lambda s: (GROUP_ORDER.index(s.group), s.title.casefold(), s.title, s.path))
    return sets
