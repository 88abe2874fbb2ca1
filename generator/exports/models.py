"""The shape of the open-data exports: one pydantic model per row and per file.

These models are the single source of truth for ``/api/*.json`` (serialized from them),
their JSON Schemas under ``/schema/api/`` (generated from them) and the columns of
``/api/events.csv`` (flattened from :class:`EventRow`).  Field descriptions of fields
copied from records are taken from the record models, so they are written once.

Rows keep every key, also when the value is empty (``null`` or ``[]``), so every row has
the same shape.  Dates are ISO 8601: ``YYYY-MM-DD`` days, ``YYYY-MM`` months, UTC times
as ``YYYY-MM-DDTHH:MM:SSZ``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from generator import models as records
from generator.fieldtypes import EVENT_DATE_SCHEMA
from generator.vocabulary import vocabulary


def _vocab(name: str) -> Any:
    """A string whose JSON Schema lists the values of vocabulary *name*."""
    return Annotated[str, WithJsonSchema({"type": "string", "enum": list(vocabulary(name).values)})]


def _pattern(pattern: str, **extra: str) -> Any:
    return Annotated[str, WithJsonSchema({"type": "string", "pattern": pattern, **extra})]


if TYPE_CHECKING:
    EventKind = str
    EventStatus = str
    Audience = str
    Topic = str
    ProgramKind = str
    ReportKind = str
    OrganizationKind = str
    CountryCode = str
    LanguageCode = str
    EventDateText = str
    MonthOrDayText = str
    Url = str
    LinkUrl = str
else:
    EventKind = _vocab("event_kinds")
    EventStatus = _vocab("event_statuses")
    Audience = _vocab("audiences")
    Topic = _vocab("topics")
    ProgramKind = _vocab("program_kinds")
    ReportKind = _vocab("report_kinds")
    OrganizationKind = _vocab("organization_kinds")
    CountryCode = _pattern("^[A-Z]{2}$")
    LanguageCode = _pattern("^[a-z]{2}$")
    EventDateText = Annotated[str, WithJsonSchema(dict(EVENT_DATE_SCHEMA))]
    MonthOrDayText = _pattern(r"^\d{4}-\d{2}(-\d{2})?$")
    Url = _pattern("^https?://", format="uri")
    LinkUrl = _pattern("^(https?://|mailto:)", format="uri")


def _from(model: type[BaseModel], name: str, extra: str = "") -> Any:
    """A ``Field`` whose description is the record model's description of *name*."""
    description = model.model_fields[name].description or ""
    return Field(description=f"{description} {extra}".strip())


class ExportModel(BaseModel):
    """Common configuration: no unknown keys, immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Ref(ExportModel):
    """A reference to another record, resolved: its id, name and page."""

    id: str = Field(description="Id of the referenced record.")
    name: str = Field(description="Its name (organizations, programs) or title (events, reports).")
    short_name: str | None = Field(description="Short name or acronym, if any.")
    page_url: Url = Field(description="Absolute URL of its page on the site.")


class LocationRow(ExportModel):
    """Where an event takes place."""

    venue: str | None = _from(records.Location, "venue")
    city: str | None = _from(records.Location, "city")
    country: CountryCode | None = _from(records.Location, "country")
    country_name: str | None = Field(description="Display name of the host country.")
    online: bool = _from(records.Location, "online")
    lat: float | None = _from(records.Location, "lat")
    lon: float | None = _from(records.Location, "lon")


class RegistrationRow(ExportModel):
    """How and until when to register."""

    url: Url | None = _from(records.Registration, "url")
    deadline: date | None = _from(records.Registration, "deadline")


class ContactRow(ExportModel):
    """Who answers questions about an event."""

    name: str | None = _from(records.Contact, "name")
    email: str | None = _from(records.Contact, "email")


class LinkRow(ExportModel):
    """A related document or page."""

    title: str = _from(records.Link, "title")
    url: LinkUrl = _from(records.Link, "url")


class EventRow(ExportModel):
    """One event."""

    id: str = Field(description="The event id; it never changes (also in calendar UIDs).")
    title: str = _from(records.Event, "title")
    kind: EventKind = _from(records.Event, "kind")
    status: EventStatus = _from(records.Event, "status")
    start: EventDateText = _from(records.Event, "start")
    end: EventDateText | None = _from(records.Event, "end")
    precision: Literal["month", "day", "minute"] = Field(
        description="How precise the dates are: month (dates to be confirmed), day or minute."
    )
    timezone: str | None = _from(records.Event, "timezone")
    first_day: date = Field(description="First local day (first of the month if month-only).")
    last_day: date = Field(description="Last local day, inclusive (month end if month-only).")
    start_utc: datetime | None = Field(description="Start in UTC (timed events only).")
    end_utc: datetime | None = Field(description="End in UTC (timed events only).")
    location: LocationRow | None = _from(records.Event, "location")
    organizers: list[Ref] = Field(description="The organizing organizations.")
    partners: list[Ref] = Field(description="Supporting organizations.")
    programs: list[Ref] = Field(description="Programs this event belongs to.")
    series: str | None = _from(records.Event, "series")
    audience: list[Audience] = _from(records.Event, "audience")
    topics: list[Topic] = _from(records.Event, "topics")
    countries: list[CountryCode] = _from(records.Event, "countries")
    all_countries: list[CountryCode] = Field(
        description="Host and participating countries, sorted."
    )
    participants: int | None = _from(records.Event, "participants")
    languages: list[LanguageCode] = _from(records.Event, "languages")
    url: Url | None = _from(records.Event, "url")
    registration: RegistrationRow | None = _from(records.Event, "registration")
    contact: ContactRow | None = _from(records.Event, "contact")
    description: str | None = _from(records.Event, "description")
    links: list[LinkRow] = _from(records.Event, "links")
    reports: list[Ref] = Field(
        description="Reports from this event (listed by the event or naming it)."
    )
    coordinated_with: list[Ref] = _from(records.Event, "coordinated_with")
    announced: date | None = _from(records.Event, "announced")
    source: str | None = _from(records.Event, "source")
    page_url: Url = Field(description="Absolute URL of the event page.")
    calendar_url: Url | None = Field(
        description="Absolute URL of the event's iCalendar file (none for month-only events)."
    )


class ProgramRow(ExportModel):
    """One program."""

    id: str = Field(description="The program id; it never changes.")
    name: str = _from(records.Program, "name")
    short_name: str | None = _from(records.Program, "short_name")
    kind: ProgramKind = _from(records.Program, "kind")
    sponsors: list[Ref] = Field(description="Organizations that run or fund the program.")
    partners: list[Ref] = Field(description="Partner organizations.")
    countries: list[CountryCode] = _from(records.Program, "countries")
    topics: list[Topic] = _from(records.Program, "topics")
    audience: list[Audience] = _from(records.Program, "audience")
    start_year: int | None = _from(records.Program, "start_year")
    end_year: int | None = _from(records.Program, "end_year")
    url: Url | None = _from(records.Program, "url")
    description: str | None = _from(records.Program, "description")
    source: str | None = _from(records.Program, "source")
    events: list[str] = Field(description="Ids of the events of this program, sorted.")
    reports: list[str] = Field(description="Ids of the reports of this program, sorted.")
    page_url: Url = Field(description="Absolute URL of the program page.")


class ReportRow(ExportModel):
    """One report."""

    id: str = Field(description="The report id; it never changes.")
    title: str = _from(records.Report, "title")
    kind: ReportKind = _from(records.Report, "kind")
    event: Ref | None = Field(description="The event it comes from.")
    program: Ref | None = Field(description="The program it belongs to.")
    authors: list[str] = _from(records.Report, "authors")
    published: MonthOrDayText | None = _from(records.Report, "published")
    topics: list[Topic] = _from(records.Report, "topics")
    url: Url | None = _from(records.Report, "url")
    summary: str | None = _from(records.Report, "summary")
    source: str | None = _from(records.Report, "source")
    page_url: Url = Field(description="Absolute URL of the report page.")


class OrganizationRow(ExportModel):
    """One organization."""

    id: str = Field(description="The organization id; it never changes.")
    name: str = _from(records.Organization, "name")
    short_name: str | None = _from(records.Organization, "short_name")
    kind: OrganizationKind = _from(records.Organization, "kind")
    country: CountryCode | None = _from(records.Organization, "country")
    country_name: str | None = Field(description="Display name of the country.")
    url: Url | None = _from(records.Organization, "url")
    events: list[str] = Field(description="Ids of events it organizes or supports, sorted.")
    programs: list[str] = Field(description="Ids of programs it runs or supports, sorted.")
    page_url: Url = Field(description="Absolute URL of the organization page.")


_SCHEMA_FIELD = Field(alias="$schema", description="Absolute URL of the JSON Schema of this file.")


class EventsExport(ExportModel):
    """``/api/events.json``: every event, sorted by id."""

    schema_url: Url = _SCHEMA_FIELD
    events: list[EventRow]


class ProgramsExport(ExportModel):
    """``/api/programs.json``: every program, sorted by id."""

    schema_url: Url = _SCHEMA_FIELD
    programs: list[ProgramRow]


class ReportsExport(ExportModel):
    """``/api/reports.json``: every report, sorted by id."""

    schema_url: Url = _SCHEMA_FIELD
    reports: list[ReportRow]


class OrganizationsExport(ExportModel):
    """``/api/organizations.json``: every organization, sorted by id."""

    schema_url: Url = _SCHEMA_FIELD
    organizations: list[OrganizationRow]


EXPORT_MODELS: dict[str, type[ExportModel]] = {
    "events": EventsExport,
    "programs": ProgramsExport,
    "reports": ReportsExport,
    "organizations": OrganizationsExport,
}
"""Export name → file model; the name is used in ``urls.api_schema(name)``."""
