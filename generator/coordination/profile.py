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
    start_month: tuple[int, int]
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
    online_only: bool
    acknowledged: frozenset[str]
    """Ids listed in ``coordinated_with``."""
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
        self._masks: dict[tuple[str, ...], int] = {}

    def mask(self, values: tuple[str, ...]) -> int:
        """The mask of *values* (cached per distinct tuple)."""
        mask = self._masks.get(values)
        if mask is None:
            mask = 0
            for value in values:
                bit = self.bits.get(value)
                if bit is None:
                    bit = self.bits[value] = 1 << len(self.names)
                    self.names.append(value)
                mask |= bit
            self._masks[values] = mask
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


def is_online_only(event: Event) -> bool:
    """True for webinars and for online events without a city, venue or coordinates."""
    if event.kind == "webinar":
        return True
    location = event.location
    if location is None or not location.online:
        return False
    return not (location.city or location.venue or location.lat is not None)


def is_in_person(event: Event) -> bool:
    """True when people travel to a place: a host country is known and it is not online-only.

    Hybrid events (``online: true`` with a city or venue) count as in person: speakers and
    most participants still travel.
    """
    return event.host_country is not None and not is_online_only(event)


def build_profiles(events: Iterable[Event]) -> tuple[list[EventProfile], Vocabularies]:
    """Profiles of *events*, sorted by first day and id, and the bit assignments they use."""
    vocabularies = Vocabularies()
    audience_mask = vocabularies.audience.mask
    topics_mask = vocabularies.topics.mask
    countries_mask = vocabularies.countries.mask
    profiles = []
    for event in events:
        location = event.location
        city = host = lat = lon = None
        if location is not None:
            city = city_key(location.city)
            host = location.country
            if location.lat is not None and location.lon is not None:
                lat, lon = location.lat, location.lon
        online_only = is_online_only(event)
        countries = event.countries
        if host is not None and host not in countries:
            countries = (*countries, host)
        start = event.start
        if start.hour is None:  # dates: inclusive last day (month end for month-only)
            last = (event.end or start).last_day().toordinal()
        else:  # times: the local day the end touches (see Event.last_day)
            last = event.last_day.toordinal()
        profiles.append(
            EventProfile(
                event,
                event.id,
                date(start.year, start.month, start.day or 1).toordinal(),
                last,
                start.day is None,
                (start.year, start.month),
                audience_mask(event.audience),
                topics_mask(event.topics),
                countries_mask(countries),
                city,
                host,
                lat,
                lon,
                host is not None and not online_only,
                online_only,
                frozenset(event.coordinated_with) if event.coordinated_with else _NONE,
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
