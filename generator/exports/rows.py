"""Export rows built from the catalog: references resolved, dates in ISO form, URLs absolute."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from zoneinfo import ZoneInfo

from generator import urls
from generator.catalog import Catalog
from generator.context import BuildContext
from generator.exports.models import (
    ContactRow,
    EventRow,
    LinkRow,
    LocationRow,
    OrganizationRow,
    ProgramRow,
    Ref,
    RegistrationRow,
    ReportRow,
)
from generator.models import Event, Organization, Program, Report


class RefResolver:
    """Resolved references, each built once and shared (records are referenced often)."""

    def __init__(self, ctx: BuildContext) -> None:
        self._ctx = ctx
        self._cache: dict[tuple[str, str], Ref] = {}

    def _ref(self, record_type: str, record_id: str) -> Ref:
        key = (record_type, record_id)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        catalog, url = self._ctx.catalog, self._ctx.url
        name, short_name, page = record_id, None, ""
        if record_type == "organization":
            org = catalog.organizations.get(record_id)
            if org is not None:
                name, short_name = org.name, org.short_name
            page = urls.organization_page(record_id)
        elif record_type == "program":
            program = catalog.programs.get(record_id)
            if program is not None:
                name, short_name = program.name, program.short_name
            page = urls.program_page(record_id)
        elif record_type == "report":
            report = catalog.reports.get(record_id)
            if report is not None:
                name = report.title
            page = urls.report_page(record_id)
        else:
            event = catalog.events.get(record_id)
            if event is not None:
                name = event.title
            page = urls.event_page(record_id)
        ref = Ref(id=record_id, name=name, short_name=short_name, page_url=url(page))
        self._cache[key] = ref
        return ref

    def refs(self, record_type: str, ids: Sequence[str]) -> list[Ref]:
        """References to records of one type, in the given order."""
        return [self._ref(record_type, record_id) for record_id in ids] if ids else []

    def ref(self, record_type: str, record_id: str | None) -> Ref | None:
        """One reference, or None."""
        return None if record_id is None else self._ref(record_type, record_id)


def reports_by_event(catalog: Catalog) -> dict[str, list[str]]:
    """Event id → ids of the reports that name it or that it lists, sorted."""
    found: dict[str, set[str]] = {}
    for event_id, event in catalog.events.items():
        if event.reports:
            found.setdefault(event_id, set()).update(event.reports)
    for report_id, report in catalog.reports.items():
        if report.event:
            found.setdefault(report.event, set()).add(report_id)
    return {event_id: sorted(ids) for event_id, ids in found.items()}


def event_row(
    event: Event,
    ctx: BuildContext,
    resolver: RefResolver,
    report_ids: list[str],
    country_name: Callable[[str], str] | None = None,
) -> EventRow:
    """The export row of one event."""
    country_name = country_name or ctx.settings.country_name
    start_utc = end_utc = None
    if event.is_timed and event.timezone:
        start_utc, end_utc = event.utc_span()
    location = event.location
    location_row = None
    if location is not None:
        location_row = LocationRow(
            venue=location.venue,
            city=location.city,
            country=location.country,
            country_name=country_name(location.country) if location.country else None,
            online=location.online,
            lat=location.lat,
            lon=location.lon,
        )
    registration = event.registration
    contact = event.contact
    return EventRow(
        id=event.id,
        title=event.title,
        kind=event.kind,
        status=event.status,
        start=str(event.start),
        end=str(event.end) if event.end is not None else None,
        precision=event.start.precision,
        timezone=event.timezone,
        first_day=event.first_day,
        last_day=event.last_day,
        start_utc=start_utc,
        end_utc=end_utc,
        location=location_row,
        organizers=resolver.refs("organization", event.organizers),
        partners=resolver.refs("organization", event.partners),
        programs=resolver.refs("program", event.programs),
        series=event.series,
        series_calendar_url=ctx.url(urls.series_calendar(event.series)) if event.series else None,
        audience=list(event.audience),
        topics=list(event.topics),
        countries=list(event.countries),
        all_countries=list(event.all_countries),
        participants=event.participants,
        languages=list(event.languages),
        url=event.url,
        registration=(
            RegistrationRow(url=registration.url, deadline=registration.deadline)
            if registration is not None
            else None
        ),
        contact=ContactRow(name=contact.name, email=contact.email) if contact is not None else None,
        description=event.description,
        links=[LinkRow(title=link.title, url=link.url) for link in event.links]
        if event.links
        else [],
        reports=resolver.refs("report", report_ids),
        coordinated_with=resolver.refs("event", event.coordinated_with),
        announced=event.announced,
        source=event.source,
        page_url=ctx.url(urls.event_page(event.id)),
        calendar_url=None if event.is_month_only else ctx.url(urls.event_calendar(event.id)),
    )


def event_rows(ctx: BuildContext) -> list[EventRow]:
    """Rows of every event, sorted by id."""
    resolver = RefResolver(ctx)
    by_event = reports_by_event(ctx.catalog)
    country_name = cache(ctx.settings.country_name)
    # ZoneInfo keeps only a few zones strongly cached and reloads the others from disk on
    # every lookup; holding one reference per zone in use makes every lookup a cache hit.
    zones = [ZoneInfo(name) for name in sorted(_timezones(ctx.catalog))]
    rows = [
        event_row(event, ctx, resolver, by_event.get(event_id, []), country_name)
        for event_id, event in sorted(ctx.catalog.events.items())
    ]
    del zones
    return rows


def _timezones(catalog: Catalog) -> set[str]:
    return {event.timezone for event in catalog.events.values() if event.timezone}


def program_rows(ctx: BuildContext) -> list[ProgramRow]:
    """Rows of every program, sorted by id; events and reports are listed by id."""
    catalog = ctx.catalog
    resolver = RefResolver(ctx)
    events: dict[str, list[str]] = {}
    for event_id, event in sorted(catalog.events.items()):
        for program_id in event.programs:
            events.setdefault(program_id, []).append(event_id)
    reports: dict[str, list[str]] = {}
    for report_id, report in sorted(catalog.reports.items()):
        if report.program:
            reports.setdefault(report.program, []).append(report_id)
    return [
        _program_row(program, ctx, resolver, events.get(pid, []), reports.get(pid, []))
        for pid, program in sorted(catalog.programs.items())
    ]


def _program_row(
    program: Program,
    ctx: BuildContext,
    resolver: RefResolver,
    event_ids: list[str],
    report_ids: list[str],
) -> ProgramRow:
    return ProgramRow(
        id=program.id,
        name=program.name,
        short_name=program.short_name,
        kind=program.kind,
        sponsors=resolver.refs("organization", program.sponsors),
        partners=resolver.refs("organization", program.partners),
        countries=list(program.countries),
        topics=list(program.topics),
        audience=list(program.audience),
        start_year=program.start_year,
        end_year=program.end_year,
        url=program.url,
        description=program.description,
        source=program.source,
        events=event_ids,
        reports=report_ids,
        page_url=ctx.url(urls.program_page(program.id)),
        calendar_url=ctx.url(urls.program_calendar(program.id)),
    )


def report_rows(ctx: BuildContext) -> list[ReportRow]:
    """Rows of every report, sorted by id."""
    resolver = RefResolver(ctx)
    return [_report_row(report, ctx, resolver) for _, report in sorted(ctx.catalog.reports.items())]


def _report_row(report: Report, ctx: BuildContext, resolver: RefResolver) -> ReportRow:
    return ReportRow(
        id=report.id,
        title=report.title,
        kind=report.kind,
        event=resolver.ref("event", report.event),
        program=resolver.ref("program", report.program),
        authors=list(report.authors),
        published=str(report.published) if report.published is not None else None,
        topics=list(report.topics),
        url=report.url,
        summary=report.summary,
        source=report.source,
        page_url=ctx.url(urls.report_page(report.id)),
    )


def organization_rows(ctx: BuildContext) -> list[OrganizationRow]:
    """Rows of every organization, sorted by id, with the events and programs it is in."""
    catalog = ctx.catalog
    events: dict[str, set[str]] = {}
    for event_id, event in catalog.events.items():
        for org_id in (*event.organizers, *event.partners):
            events.setdefault(org_id, set()).add(event_id)
    programs: dict[str, set[str]] = {}
    for program_id, program in catalog.programs.items():
        for org_id in (*program.sponsors, *program.partners):
            programs.setdefault(org_id, set()).add(program_id)
    return [
        _organization_row(
            org, ctx, sorted(events.get(org_id, ())), sorted(programs.get(org_id, ()))
        )
        for org_id, org in sorted(catalog.organizations.items())
    ]


def _organization_row(
    org: Organization, ctx: BuildContext, event_ids: list[str], program_ids: list[str]
) -> OrganizationRow:
    return OrganizationRow(
        id=org.id,
        name=org.name,
        short_name=org.short_name,
        kind=org.kind,
        country=org.country,
        country_name=ctx.settings.country_name(org.country) if org.country else None,
        url=org.url,
        events=event_ids,
        programs=program_ids,
        page_url=ctx.url(urls.organization_page(org.id)),
        calendar_url=ctx.url(urls.organization_calendar(org.id)),
    )
