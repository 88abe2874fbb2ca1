"""The facts of one event that the coordination rules compare, computed once per event.

Lists become bit masks (audiences, topics, countries), so "do these two events share an
audience?" is one integer ``&``.  Title words and the family (organizers, programs,
series) are only needed for a few pairs and are worked out on first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter

from generator.coordination.matching import SpatialGrid, city_key, title_tokens
from generator.models import Event

INACTIVE_STATUSES = frozenset({"cancelled", "postponed"})
"""Statuses of events that take part in no rule: they do not happen on their dates."""


@dataclass(slots=True)
class EventProfile:
    """Comparable facts of one event (see :func:`build_profiles`)."""

    event: Event
    id: str
    first: int
    """Ordinal of the first local day (``date.toordinal()``)."""
    last: int
    """Ordinal of the last local day, inclusive."""
    month_only: bool
    start_month: int
    """``year * 12 + month`` of the start."""
    audience: int
    topics: int
    countries: int
    """Host and participating countries."""
    city: str | None
    """Folded city name (:func:`~generator.coordination.matching.city_key`)."""
    host: str | None
    lat: float | None
    lon: float | None
    in_person: bool
    """A host country is known and the event is not online-only (hybrid counts)."""
    online_only: bool
    """A webinar, or ``online: true`` without a city, venue or coordinates."""
    acknowledged: frozenset[str]
    """Ids listed in ``coordinated_with``."""
    special: bool
    """Month-only or acknowledging: the pair needs the full rules, not the fast path."""
    _tokens: frozenset[str] | None = field(default=None)
    _family: frozenset[str] | None = field(default=None)

    @property
    def tokens(self) -> frozenset[str]:
        """Title words for duplicate detection (computed on first use)."""
        if self._tokens is None:
            self._tokens = title_tokens(self.event.title)
        return self._tokens

    @property
    def family(self) -> frozenset[str]:
        """``organizer:<id>``, ``program:<id>`` and ``series:<id>`` (computed on first use)."""
        if self._family is None:
            event = self.event
            self._family = frozenset(
                [f"organizer:{o}" for o in event.organizers]
                + [f"program:{p}" for p in event.programs]
                + ([f"series:{event.series}"] if event.series else [])
            )
        return self._family

    def acknowledges(self, other: EventProfile) -> bool:
        """True when either event lists the other in ``coordinated_with``."""
        return other.id in self.acknowledged or self.id in other.acknowledged


class BitNames:
    """One bit per distinct value, assigned as values are first seen."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.bits: dict[str, int] = {}

    def mask(self, values: Iterable[str]) -> int:
        """The mask of *values*; a value seen for the first time gets the next bit."""
        mask = 0
        for value in values:
            bit = self.bits.get(value)
            if bit is None:
                bit = self.bits[value] = 1 << len(self.names)
                self.names.append(value)
            mask |= bit
        return mask

    def decode(self, mask: int) -> tuple[str, ...]:
        """The values whose bits are set in *mask*, sorted."""
        found: list[str] = []
        names = self.names
        while mask:
            low = mask & -mask
            found.append(names[low.bit_length() - 1])
            mask ^= low
        return tuple(sorted(found))


@dataclass(frozen=True)
class Vocabularies:
    """The bit assignments used for one analysis run."""

    audience: BitNames = field(default_factory=BitNames)
    topics: BitNames = field(default_factory=BitNames)
    countries: BitNames = field(default_factory=BitNames)


def takes_part(event: Event) -> bool:
    """False for cancelled and postponed events, which take part in no rule."""
    return event.status not in INACTIVE_STATUSES


def build_profiles(events: Iterable[Event]) -> tuple[list[EventProfile], Vocabularies]:
    """Profiles of *events*, sorted by first day and id, and the bit assignments they use.

    This runs once per event of the catalog, so the common cases are written out: masks
    come from a cache keyed by the event's own tuples.
    """
    vocabularies = Vocabularies()
    audience, topics, countries = vocabularies.audience, vocabularies.topics, vocabularies.countries
    audience_masks: dict[tuple[str, ...], int] = {}
    topics_masks: dict[tuple[str, ...], int] = {}
    country_masks: dict[tuple[tuple[str, ...], str | None], int] = {}
    profiles: list[EventProfile] = []
    append = profiles.append
    for event in events:
        location = event.location
        city = host = lat = lon = None
        online_only = event.kind == "webinar"
        if location is not None:
            city = city_key(location.city)
            host = location.country
            if location.lat is not None and location.lon is not None:
                lat, lon = location.lat, location.lon
            if location.online and not online_only:
                online_only = not (location.city or location.venue or lat is not None)
        start = event.start
        if start.hour is None:  # dates: inclusive last day (month end for month-only)
            last = (event.end or start).last_day().toordinal()
        else:  # times: the local day the end touches (see Event.last_day)
            last = event.last_day.toordinal()
        audience_mask = audience_masks.get(event.audience)
        if audience_mask is None:
            audience_mask = audience_masks[event.audience] = audience.mask(event.audience)
        topics_mask = topics_masks.get(event.topics)
        if topics_mask is None:
            topics_mask = topics_masks[event.topics] = topics.mask(event.topics)
        region = (event.countries, host)
        country_mask = country_masks.get(region)
        if country_mask is None:
            codes = event.countries if host is None else (*event.countries, host)
            country_mask = country_masks[region] = countries.mask(codes)
        month_only = start.day is None
        acknowledged = frozenset(event.coordinated_with) if event.coordinated_with else _NONE
        append(
            EventProfile(
                event,
                event.id,
                date(start.year, start.month, start.day or 1).toordinal(),
                last,
                month_only,
                start.year * 12 + start.month,
                audience_mask,
                topics_mask,
                country_mask,
                city,
                host,
                lat,
                lon,
                host is not None and not online_only,
                online_only,
                acknowledged,
                month_only or bool(acknowledged),
            )
        )
    profiles.sort(key=attrgetter("first", "id"))
    return profiles, vocabularies


_NONE: frozenset[str] = frozenset()


def profiles_of(events: Sequence[Event]) -> list[EventProfile]:
    """Profiles of a few events (tests and references); see :func:`build_profiles`."""
    return build_profiles(events)[0]


def grid_cell(grid: SpatialGrid, profile: EventProfile) -> tuple[int, int, int] | None:
    """The grid cell of an event with coordinates, else None."""
    if profile.lat is None or profile.lon is None:
        return None
    return grid.cell(profile.lat, profile.lon)
