"""Analysis stage: who links to whom, what is upcoming, and which events touch which month.

Everything here is derived once from the catalog and ``today`` and then shared by every
renderer, so no renderer scans the whole catalog again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from generator.catalog import Catalog
from generator.models import Event, Report

Month = tuple[int, int]


def event_sort_key(event: Event) -> tuple[date, int, str, str]:
    """Chronological order: first day, then dated before month-only, then time, then id."""
    precision_rank = {"minute": 0, "day": 0, "month": 1}[event.start.precision]
    return (event.first_day, precision_rank, str(event.start), event.id)


def report_date(report: Report, catalog: Catalog) -> date | None:
    """When a report appeared: ``published``, else the last day of its event."""
    if report.published is not None:
        return report.published.first_day()
    if report.event and report.event in catalog.events:
        return catalog.events[report.event].last_day
    return None


def months_between(first: date, last: date) -> list[Month]:
    """Every (year, month) from *first*'s month to *last*'s month, inclusive."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _sorted_ids(ids: Iterable[str], order: dict[str, int]) -> tuple[str, ...]:
    return tuple(sorted(set(ids), key=order.__getitem__))


@dataclass(frozen=True)
class SiteIndex:
    """Reverse indexes over the catalog, all in chronological event order."""

    today: date
    chronological: tuple[str, ...]
    upcoming: tuple[str, ...]
    past: tuple[str, ...]
    """Past events, most recent first."""
    by_topic: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_country: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Events hosted in or open to a country (host plus ``countries``)."""
    hosted_in: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_kind: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_audience: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_organization: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Events an organization organizes or supports."""
    by_program: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_series: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_month: dict[Month, tuple[str, ...]] = field(default_factory=dict)
    """Events touching each month (multi-day events appear in every month they touch)."""
    reports_by_event: dict[str, tuple[str, ...]] = field(default_factory=dict)
    reports_by_program: dict[str, tuple[str, ...]] = field(default_factory=dict)
    reports_by_topic: dict[str, tuple[str, ...]] = field(default_factory=dict)
    reports_newest_first: tuple[str, ...] = ()
    programs_by_country: dict[str, tuple[str, ...]] = field(default_factory=dict)
    programs_by_topic: dict[str, tuple[str, ...]] = field(default_factory=dict)
    programs_by_organization: dict[str, tuple[str, ...]] = field(default_factory=dict)
    organizations_by_country: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def is_upcoming(self, event: Event) -> bool:
        """True when the event has not ended before ``today``."""
        return event.last_day >= self.today

    def split(self, event_ids: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(upcoming in date order, past most recent first) of the given events."""
        upcoming_set = set(self.upcoming)
        ids = list(event_ids)
        upcoming = tuple(i for i in ids if i in upcoming_set)
        past = tuple(reversed([i for i in ids if i not in upcoming_set]))
        return upcoming, past


def build_index(catalog: Catalog, today: date) -> SiteIndex:
    """Compute every index for *catalog* as seen on *today*."""
    events = catalog.events
    chronological = tuple(sorted(events, key=lambda i: event_sort_key(events[i])))
    order = {event_id: position for position, event_id in enumerate(chronological)}
    upcoming = tuple(i for i in chronological if events[i].last_day >= today)
    past = tuple(reversed([i for i in chronological if events[i].last_day < today]))

    by: dict[str, defaultdict[str, list[str]]] = {
        name: defaultdict(list)
        for name in (
            "topic",
            "country",
            "hosted",
            "kind",
            "audience",
            "organization",
            "program",
            "series",
        )
    }
    by_month: defaultdict[Month, list[str]] = defaultdict(list)
    for event_id in chronological:
        event = events[event_id]
        for topic in event.topics:
            by["topic"][topic].append(event_id)
        for code in event.all_countries:
            by["country"][code].append(event_id)
        if event.host_country:
            by["hosted"][event.host_country].append(event_id)
        by["kind"][event.kind].append(event_id)
        for audience in event.audience:
            by["audience"][audience].append(event_id)
        for organization in (*event.organizers, *event.partners):
            by["organization"][organization].append(event_id)
        for program in event.programs:
            by["program"][program].append(event_id)
        if event.series:
            by["series"][event.series].append(event_id)
        for month in months_between(event.first_day, event.last_day):
            by_month[month].append(event_id)

    reports_by_event: defaultdict[str, set[str]] = defaultdict(set)
    reports_by_program: defaultdict[str, set[str]] = defaultdict(set)
    reports_by_topic: defaultdict[str, set[str]] = defaultdict(set)
    for report_id, report in catalog.reports.items():
        if report.event:
            reports_by_event[report.event].add(report_id)
        if report.program:
            reports_by_program[report.program].add(report_id)
        for topic in report.topics:
            reports_by_topic[topic].add(report_id)
    for event_id, event in events.items():
        for report_id in event.reports:
            reports_by_event[event_id].add(report_id)
    newest = sorted(  # newest first; reports of the same day in id order
        sorted(catalog.reports),
        key=lambda r: report_date(catalog.reports[r], catalog) or date.min,
        reverse=True,
    )
    report_order = {report_id: position for position, report_id in enumerate(newest)}

    programs_by_country: defaultdict[str, list[str]] = defaultdict(list)
    programs_by_topic: defaultdict[str, list[str]] = defaultdict(list)
    programs_by_organization: defaultdict[str, list[str]] = defaultdict(list)
    for program_id, program_record in catalog.programs.items():
        for code in program_record.countries:
            programs_by_country[code].append(program_id)
        for topic in program_record.topics:
            programs_by_topic[topic].append(program_id)
        for organization in (*program_record.sponsors, *program_record.partners):
            programs_by_organization[organization].append(program_id)
    for program_id in catalog.programs:
        for event_id in by["program"].get(program_id, []):
            for code in events[event_id].all_countries:
                if program_id not in programs_by_country[code]:
                    programs_by_country[code].append(program_id)

    def frozen(mapping: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
        return {key: _sorted_ids(ids, order) for key, ids in sorted(mapping.items())}

    def frozen_reports(mapping: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
        return {key: _sorted_ids(ids, report_order) for key, ids in sorted(mapping.items())}

    def frozen_plain(mapping: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
        return {key: tuple(sorted(set(ids))) for key, ids in sorted(mapping.items())}

    return SiteIndex(
        today=today,
        chronological=chronological,
        upcoming=upcoming,
        past=past,
        by_topic=frozen(by["topic"]),
        by_country=frozen(by["country"]),
        hosted_in=frozen(by["hosted"]),
        by_kind=frozen(by["kind"]),
        by_audience=frozen(by["audience"]),
        by_organization=frozen(by["organization"]),
        by_program=frozen(by["program"]),
        by_series=frozen(by["series"]),
        by_month={m: tuple(ids) for m, ids in sorted(by_month.items())},
        reports_by_event=frozen_reports(reports_by_event),
        reports_by_program=frozen_reports(reports_by_program),
        reports_by_topic=frozen_reports(reports_by_topic),
        reports_newest_first=tuple(newest),
        programs_by_country=frozen_plain(programs_by_country),
        programs_by_topic=frozen_plain(programs_by_topic),
        programs_by_organization=frozen_plain(programs_by_organization),
        organizations_by_country=frozen_plain(
            {
                code: [o for o, org in catalog.organizations.items() if org.country == code]
                for code in {org.country for org in catalog.organizations.values() if org.country}
            }
        ),
    )


def within_days(index: SiteIndex, events: dict[str, Event], days: int) -> tuple[str, ...]:
    """Upcoming events that start within *days* of ``today`` (or are running now)."""
    horizon = index.today + timedelta(days=days)
    return tuple(i for i in index.upcoming if events[i].first_day <= horizon)
