"""The record formats organizers write: events, programs, reports and organizations.

These pydantic models are the single source of truth for the YAML contract: validation,
the JSON Schemas in ``schema/`` and the field reference on the site are all generated
from them.  Field descriptions are written for organizers, not programmers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any, ClassVar
from zoneinfo import ZoneInfo

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)

from generator.fieldtypes import (
    ID_PATTERN,
    CountryCode,
    DayDate,
    Email,
    EventDate,
    LanguageCode,
    LinkUrl,
    MonthOrDay,
    RecordId,
    TimeZoneName,
    WebUrl,
    fail,
    id_problem,
    line_type,
    markdown_type,
    text_type,
    unique_items,
    vocab_type,
)

if TYPE_CHECKING:
    Title = str
    ShortText = str
    Markdown = str
    Source = str
    EventKind = str
    EventStatus = str
    Audience = str
    Topic = str
    ProgramKind = str
    ReportKind = str
    OrganizationKind = str
else:
    Title = line_type(200)
    ShortText = line_type(120)
    Markdown = markdown_type(20_000)
    Source = text_type(1_000)
    EventKind = vocab_type("event_kinds", "event kind")
    EventStatus = vocab_type("event_statuses", "status")
    Audience = vocab_type("audiences", "audience")
    Topic = vocab_type("topics", "topic")
    ProgramKind = vocab_type("program_kinds", "program kind")
    ReportKind = vocab_type("report_kinds", "report kind")
    OrganizationKind = vocab_type("organization_kinds", "organization kind")

MAX_LIST = 100

ID_DESCRIPTION = (
    "Optional. The record id is the file name without .yml; if you write id: it must be "
    "the same. Ids appear in public URLs and calendar UIDs and must never change."
)


def _ids(description: str) -> Any:
    return Field(
        default=(),
        max_length=MAX_LIST,
        description=description,
        json_schema_extra={"uniqueItems": True},
    )


class StrictModel(BaseModel):
    """Common configuration: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        validate_default=False,
    )


class RecordModel(StrictModel):
    """A record stored in its own file; its id is the file name."""

    record_type: ClassVar[str] = ""

    id: Annotated[str, WithJsonSchema({"type": "string", "pattern": ID_PATTERN})] = Field(
        default="", validate_default=True, description=ID_DESCRIPTION
    )

    @field_validator("id", mode="after")
    @classmethod
    def _id_matches_file_name(cls, value: str, info: ValidationInfo) -> str:
        file_id = (info.context or {}).get("file_id")
        if value:
            problem = id_problem(value)
            if problem:
                fail("record_id", problem)
        if not file_id:
            return value
        if value and value != file_id:
            fail(
                "id_mismatch",
                f'"{value}" differs from the file name "{file_id}"; hint: remove the id: '
                "line or rename the file, and never change an id once published",
            )
        return str(file_id)


class Location(StrictModel):
    """Where an event takes place."""

    city: ShortText | None = Field(None, description="City, in English, e.g. Tokyo.")
    country: CountryCode | None = Field(
        None, description="Host country as an ISO 3166-1 alpha-2 code, e.g. JP."
    )
    venue: Title | None = Field(None, description="Building or venue name.")
    online: StrictBool = Field(False, description="true if participants can join online.")
    lat: Annotated[StrictFloat, Field(ge=-90, le=90)] | None = Field(
        None, description="Latitude in decimal degrees (optional, with lon)."
    )
    lon: Annotated[StrictFloat, Field(ge=-180, le=180)] | None = Field(
        None, description="Longitude in decimal degrees (optional, with lat)."
    )

    def place_parts(self, country_name: Callable[[str], str]) -> list[str]:
        """Venue, city and country name for people (see :meth:`city_beside`)."""
        country = country_name(self.country) if self.country else None
        return [part for part in (self.venue, self.city_beside(country), country) if part]

    def city_beside(self, country: str | None) -> str | None:
        """The city, unless it has the name of the *country* shown next to it (not
        "Singapore, Singapore")."""
        if self.city and country and self.city.casefold() == country.casefold():
            return None
        return self.city


class Registration(StrictModel):
    """How and until when to register."""

    url: WebUrl | None = Field(None, description="Registration page (https://…).")
    deadline: DayDate | None = Field(None, description="Last day to register, YYYY-MM-DD.")


class Contact(StrictModel):
    """Who answers questions about an event."""

    name: ShortText | None = Field(None, description="Contact person or office.")
    email: Email | None = Field(None, description="E-mail address.")


class Link(StrictModel):
    """A related document or page."""

    title: Title = Field(description="What the link is, e.g. Agenda.")
    url: LinkUrl = Field(description="https://… or mailto: address.")


class Event(RecordModel):
    """A seminar, workshop, academy session, training, conference, meeting or webinar."""

    record_type: ClassVar[str] = "event"

    title: Title = Field(description="Full title, e.g. 14th Asian Export Control Seminar.")
    kind: EventKind = Field(description="What sort of event this is.")
    status: EventStatus = Field(
        "confirmed", description="planned, confirmed (default), postponed or cancelled."
    )
    start: EventDate = Field(
        description="First day (YYYY-MM-DD), start time (YYYY-MM-DDTHH:MM, needs timezone) "
        "or only the month (YYYY-MM) when the dates are not yet known.",
    )
    end: EventDate | None = Field(
        None,
        description="Last day, inclusive (a 6–8 Feb seminar ends 2007-02-08), or end time. "
        "Written like start; leave out for one-day events.",
    )
    timezone: TimeZoneName | None = Field(
        None, description="IANA time zone of the times, e.g. Asia/Tokyo. Required with times."
    )
    location: Location | None = Field(None, description="Where the event takes place.")
    organizers: Annotated[tuple[RecordId, ...], unique_items("organizer")] = _ids(
        "Ids of the organizing organizations (files in content/organizations/)."
    )
    partners: Annotated[tuple[RecordId, ...], unique_items("partner")] = _ids(
        "Ids of supporting organizations."
    )
    programs: Annotated[tuple[RecordId, ...], unique_items("program")] = _ids(
        "Ids of the programs this event belongs to (content/programs/)."
    )
    series: RecordId | None = Field(
        None,
        description="A free id shared by recurring events, e.g. asian-export-control-seminar.",
    )
    audience: Annotated[tuple[Audience, ...], unique_items("audience")] = Field(
        (), max_length=MAX_LIST, description="Who the event is for."
    )
    topics: Annotated[tuple[Topic, ...], unique_items("topic")] = Field(
        (), max_length=MAX_LIST, description="What the event covers."
    )
    countries: Annotated[tuple[CountryCode, ...], unique_items("country")] = Field(
        (),
        max_length=300,
        description="Participating or invited countries (ISO codes), besides the host.",
    )
    participants: Annotated[StrictInt, Field(ge=0, le=1_000_000)] | None = Field(
        None, description="Number of participants (expected or actual)."
    )
    languages: Annotated[tuple[LanguageCode, ...], unique_items("language")] = Field(
        (), max_length=20, description="Working languages as ISO 639-1 codes, e.g. en, ja."
    )
    url: WebUrl | None = Field(None, description="The event's own web page.")
    registration: Registration | None = Field(None, description="How to register.")
    contact: Contact | None = Field(None, description="Who to ask.")
    description: Markdown | None = Field(
        None, description="What the event is about, in Markdown (no HTML)."
    )
    links: tuple[Link, ...] = Field(
        (), max_length=MAX_LIST, description="Agenda, papers, press releases."
    )
    reports: Annotated[tuple[RecordId, ...], unique_items("report")] = _ids(
        "Ids of reports from this event (content/reports/)."
    )
    coordinated_with: Annotated[tuple[RecordId, ...], unique_items("event")] = _ids(
        "Ids of events this one is deliberately held next to or alongside; acknowledges the "
        "overlap so it is reported as coordinated, not as a warning.",
    )
    announced: DayDate | None = Field(
        None, description="The day the event was first published, YYYY-MM-DD."
    )
    source: Source | None = Field(None, description="Where the facts come from.")

    # --- derived facts used by every later stage ---------------------------------------

    @property
    def last(self) -> EventDate:
        """The end value, or the start when no end is given."""
        return self.end or self.start

    @property
    def is_month_only(self) -> bool:
        """True when only the month is known ("dates to be confirmed")."""
        return self.start.precision == "month"

    @property
    def is_timed(self) -> bool:
        """True when start (and end) carry local times."""
        return self.start.precision == "minute"

    @property
    def first_day(self) -> date:
        """First local calendar day of the event (first of the month for month-only)."""
        return self.start.first_day()

    @property
    def last_day(self) -> date:
        """Last local calendar day the event touches (month end for month-only).

        A timed event ending exactly at midnight does not touch the next day.  Worked out
        once per event (pages ask for it many times) and kept with the start and end it
        was computed from, so a copy with other dates (``model_copy``) computes its own.
        """
        cached = self.__dict__.get("_last_day")
        if cached is not None and cached[0] is self.start and cached[1] is self.end:
            return cached[2]  # type: ignore[no-any-return]
        day = self._compute_last_day()
        self.__dict__["_last_day"] = (self.start, self.end, day)
        return day

    def _compute_last_day(self) -> date:
        if self.is_timed and self.end is not None:
            end = self.end.local_datetime()
            if end.time() == datetime.min.time() and end > self.start.local_datetime():
                return (end - timedelta(days=1)).date()
            return end.date()
        return self.last.last_day()

    @property
    def zone(self) -> ZoneInfo | None:
        """The event's time zone, if set."""
        return ZoneInfo(self.timezone) if self.timezone else None

    def utc_span(self) -> tuple[datetime, datetime]:
        """Start and end as aware UTC datetimes (timed events only)."""
        zone = self.zone
        if not self.is_timed or zone is None:
            raise ValueError(f"event {self.id} has no times")
        start = self.start.local_datetime().replace(tzinfo=zone)
        end = self.last.local_datetime().replace(tzinfo=zone)
        utc = ZoneInfo("UTC")
        return start.astimezone(utc), end.astimezone(utc)

    @property
    def host_country(self) -> str | None:
        """ISO code of the host country, if known."""
        return self.location.country if self.location else None

    @property
    def all_countries(self) -> tuple[str, ...]:
        """Host country plus participating countries, sorted, without repeats."""
        codes = set(self.countries)
        if self.host_country:
            codes.add(self.host_country)
        return tuple(sorted(codes))

    @property
    def is_cancelled(self) -> bool:
        """True for cancelled events."""
        return self.status == "cancelled"


class Program(RecordModel):
    """A capacity-building program, seminar series, academy, project or experts group."""

    record_type: ClassVar[str] = "program"

    name: Title = Field(description="Full name, e.g. Asian Export Control Seminar.")
    short_name: ShortText | None = Field(None, description="Short name or acronym, e.g. XCXG.")
    kind: ProgramKind = Field(description="What sort of program this is.")
    sponsors: Annotated[tuple[RecordId, ...], unique_items("sponsor")] = _ids(
        "Ids of the organizations that run or fund the program."
    )
    partners: Annotated[tuple[RecordId, ...], unique_items("partner")] = _ids(
        "Ids of partner organizations."
    )
    countries: Annotated[tuple[CountryCode, ...], unique_items("country")] = Field(
        (), max_length=300, description="Countries the program works with (ISO codes)."
    )
    topics: Annotated[tuple[Topic, ...], unique_items("topic")] = Field(
        (), max_length=MAX_LIST, description="What the program covers."
    )
    audience: Annotated[tuple[Audience, ...], unique_items("audience")] = Field(
        (), max_length=MAX_LIST, description="Who the program is for."
    )
    start_year: Annotated[StrictInt, Field(ge=1900, le=2200)] | None = Field(
        None, description="Year the program began."
    )
    end_year: Annotated[StrictInt, Field(ge=1900, le=2200)] | None = Field(
        None, description="Year the program ended or is planned to end."
    )
    url: WebUrl | None = Field(None, description="The program's web page.")
    description: Markdown | None = Field(None, description="What the program does, in Markdown.")
    source: Source | None = Field(None, description="Where the facts come from.")


class Report(RecordModel):
    """A meeting report, paper, presentation or handbook chapter."""

    record_type: ClassVar[str] = "report"

    title: Title = Field(description="Title of the document.")
    kind: ReportKind = Field(description="What sort of document this is.")
    event: RecordId | None = Field(None, description="Id of the event it comes from.")
    program: RecordId | None = Field(None, description="Id of the program it belongs to.")
    authors: tuple[ShortText, ...] = Field(
        (), max_length=MAX_LIST, description="Authors, as written on the document."
    )
    published: MonthOrDay | None = Field(
        None, description="Publication date (YYYY-MM-DD) or month (YYYY-MM)."
    )
    url: WebUrl | None = Field(None, description="Where to read it.")
    summary: Markdown | None = Field(None, description="Summary in Markdown.")
    topics: Annotated[tuple[Topic, ...], unique_items("topic")] = Field(
        (), max_length=MAX_LIST, description="What it covers."
    )
    source: Source | None = Field(None, description="Where the facts come from.")


class Organization(RecordModel):
    """A government body, international organization, university, NGO or think tank."""

    record_type: ClassVar[str] = "organization"

    name: Title = Field(description="Full name, e.g. Ministry of Economy, Trade and Industry.")
    short_name: ShortText | None = Field(None, description="Acronym, e.g. METI.")
    kind: OrganizationKind = Field(description="What sort of organization this is.")
    country: CountryCode | None = Field(
        None, description="Country (ISO code); leave out for international bodies."
    )
    url: WebUrl | None = Field(None, description="Official web site.")


RECORD_MODELS: dict[str, type[RecordModel]] = {
    "event": Event,
    "program": Program,
    "report": Report,
    "organization": Organization,
}
"""Record type name → model; the folder for type ``t`` is ``content/<t>s/``."""
