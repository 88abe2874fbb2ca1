"""What a calendar says about an event: the content rules of issue 4, in one place.

* UID ``<event id>@<uid_domain>``; never derived from dates, titles or the build.
* All-day events: DATE values and an exclusive DTEND (a 6–8 Feb seminar ends 20070209).
  Timed events: UTC DATE-TIME values (``…Z``), so no VTIMEZONE is needed.  Events known
  only to the month have no entry at all.
* DTSTAMP and LAST-MODIFIED: the commit time of the record's last change in git; without
  history (a build outside git, or a file not yet committed) the ``announced`` day at
  00:00 UTC; without that, LAST-MODIFIED is left out and DTSTAMP is
  :data:`UNKNOWN_CHANGE` (1970-01-01T00:00:00Z).  Never the build time.
  CREATED: the commit that first added the record, else ``announced``, else left out.
* SEQUENCE: the number of commits that changed the record's file, which never decreases
  (moving the file counts as a change; editing it always raises it).  Outside git it is 0.
  A shallow clone sees only its own commits, so builds must use the full history.
* STATUS: planned → TENTATIVE, confirmed → CONFIRMED, cancelled → CANCELLED (kept in every
  calendar with the same UID), postponed → TENTATIVE: a postponed event keeps its old
  dates until it is re-dated.  Because several clients ignore STATUS in subscribed
  calendars, SUMMARY also starts with "Cancelled: " or "Postponed: ", and those entries
  are TRANSP:TRANSPARENT (they do not make anyone busy).
* DESCRIPTION: plain text — a status note, the local time for timed events, the event's
  description without Markdown syntax, organizers, the event's own web site and
  registration — ending with ``Details: <event page URL>``.
* LOCATION: venue, city and country name (settings may rename countries, e.g. TW →
  Chinese Taipei; left out when the city has the country's name), "(also online)" when
  participants can join online; "Online" when there is no place.  GEO when the record
  has coordinates.  URL: the event page.
* CATEGORIES: the topics' labels (e.g. "Legal framework"), in the record's order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from generator import urls
from generator.calendars.plaintext import markdown_to_text
from generator.calendars.vevent import CalendarEntry
from generator.context import BuildContext
from generator.models import Event
from generator.vocabulary import vocabulary

STATUS_VALUES = {
    "planned": "TENTATIVE",
    "confirmed": "CONFIRMED",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
}
"""Record status → iCalendar STATUS."""

SUMMARY_PREFIXES = {"cancelled": "Cancelled: ", "postponed": "Postponed: "}
"""Statuses whose SUMMARY says so, for clients that do not show STATUS."""

STATUS_NOTES = {
    "planned": "Planned: the dates and details may still change.",
    "postponed": "Postponed: the event will not take place on these dates; new dates will "
    "be announced.",
    "cancelled": "Cancelled: this event will not take place.",
}
"""First paragraph of DESCRIPTION for events that are not simply confirmed."""

UNKNOWN_CHANGE = datetime(1970, 1, 1, tzinfo=UTC)
"""DTSTAMP of a record with neither git history nor an ``announced`` day."""


def event_uid(ctx: BuildContext, event: Event) -> str:
    """``<event id>@<uid_domain>``: the UID of the event in every calendar, forever."""
    return f"{event.id}@{ctx.settings.uid_domain}"


def event_summary(event: Event) -> str:
    """The SUMMARY: the title, prefixed for cancelled and postponed events."""
    return SUMMARY_PREFIXES.get(event.status, "") + event.title


def event_span(event: Event) -> tuple[date, date] | tuple[datetime, datetime] | None:
    """DTSTART and DTEND: dates (end exclusive) or UTC datetimes; None for month-only."""
    if event.is_month_only:
        return None
    if event.is_timed:
        return event.utc_span()
    return event.first_day, event.last.last_day() + timedelta(days=1)


@dataclass
class Names:
    """Display names for one render, each looked up once (pycountry lookups are slow)."""

    ctx: BuildContext
    _countries: dict[str, str] = field(default_factory=dict)
    _organizations: dict[str, str] = field(default_factory=dict)
    _topics: dict[str, str] = field(
        default_factory=lambda: {t.value: t.label for t in vocabulary("topics").terms}
    )

    def country(self, code: str) -> str:
        """The country's display name (settings override pycountry)."""
        name = self._countries.get(code)
        if name is None:
            name = self._countries[code] = self.ctx.settings.country_name(code)
        return name

    def organization(self, organization_id: str) -> str:
        """``Name (SHORT)`` of an organization record, e.g. "… Industry (METI)"."""
        name = self._organizations.get(organization_id)
        if name is None:
            name = self._organizations[organization_id] = _organization_name(
                self.ctx, organization_id
            )
        return name

    def topic(self, value: str) -> str:
        """The topic's label, e.g. "Legal framework"."""
        return self._topics.get(value, value)


def event_location(ctx: BuildContext, event: Event, names: Names | None = None) -> str | None:
    """LOCATION text: venue, city, country name and whether one can join online."""
    location = event.location
    if location is None:
        return None
    place = ", ".join(location.place_parts((names or Names(ctx)).country))
    if location.online:
        return f"{place} (also online)" if place else "Online"
    return place or None


def _midnight_utc(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _organization_name(ctx: BuildContext, organization_id: str) -> str:
    organization = ctx.catalog.organizations.get(organization_id)
    if organization is None:
        return organization_id
    if organization.short_name and organization.short_name != organization.name:
        return f"{organization.name} ({organization.short_name})"
    return organization.name


def _local_time_note(event: Event) -> str | None:
    if not event.is_timed or event.end is None:
        return None
    start, end = event.start, event.end
    first = f"{start.first_day().isoformat()} {start.hour:02d}:{start.minute:02d}"
    if end.first_day() == start.first_day():
        last = f"{end.hour:02d}:{end.minute:02d}"
    else:
        last = f"{end.first_day().isoformat()} {end.hour:02d}:{end.minute:02d}"
    return f"Local time: {first}–{last} ({event.timezone})"


def event_description(ctx: BuildContext, event: Event, names: Names | None = None) -> str:
    """The DESCRIPTION: plain text, always ending with the event page's URL."""
    paragraphs: list[str] = []
    note = STATUS_NOTES.get(event.status)
    if note:
        paragraphs.append(note)
    time_note = _local_time_note(event)
    if time_note:
        paragraphs.append(time_note)
    if event.description:
        text = markdown_to_text(event.description)
        if text:
            paragraphs.append(text)
    facts: list[str] = []
    if event.organizers:
        names = names or Names(ctx)
        organizers = ", ".join(names.organization(o) for o in event.organizers)
        facts.append(f"Organized by: {organizers}")
    if event.url:
        facts.append(f"Event website: {event.url}")
    registration = event.registration
    if registration is not None and (registration.url or registration.deadline):
        deadline = f"deadline {registration.deadline.isoformat()}" if registration.deadline else ""
        if registration.url:
            facts.append(
                f"Registration: {registration.url}" + (f" ({deadline})" if deadline else "")
            )
        else:
            facts.append(f"Registration {deadline}")
    facts.append(f"Details: {ctx.url(urls.event_page(event.id))}")
    paragraphs.append("\n".join(facts))
    return "\n\n".join(paragraphs)


def calendar_entry(
    ctx: BuildContext, event: Event, names: Names | None = None
) -> CalendarEntry | None:
    """The VEVENT values of *event*, or None when only its month is known.

    Pass the same *names* for every event of a render to look each name up once.
    """
    span = event_span(event)
    if span is None:
        return None
    names = names or Names(ctx)
    history = ctx.history.of("event", event.id)
    announced = _midnight_utc(event.announced) if event.announced else None
    last_modified = history.last_modified or announced
    location = event.location
    geo = None
    if location is not None and location.lat is not None and location.lon is not None:
        geo = (location.lat, location.lon)
    return CalendarEntry(
        uid=event_uid(ctx, event),
        summary=event_summary(event),
        start=span[0],
        end=span[1],
        stamp=last_modified or UNKNOWN_CHANGE,
        sequence=history.count,
        status=STATUS_VALUES[event.status],
        url=ctx.url(urls.event_page(event.id)),
        description=event_description(ctx, event, names),
        location=event_location(ctx, event, names),
        geo=geo,
        categories=tuple(names.topic(topic) for topic in event.topics),
        created=history.first_published or announced,
        last_modified=last_modified,
        transparent=event.status in SUMMARY_PREFIXES,
    )
