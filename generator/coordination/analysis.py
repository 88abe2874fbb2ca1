"""Finding conflicts, overlaps, opportunities, tight travel, duplicates and coordinated pairs.

The analysis never compares all pairs.  Two sweeps over the events sorted by first day
find every candidate pair:

1. **Near in time** (conflict, overlap, duplicate, tight travel): the sweep keeps the
   events whose last day plus the tight-travel gap is not before the current event's
   first day, so every candidate pair shares a day or is at most that gap apart.
2. **Same place, a few days apart** (opportunity): the same sweep with the opportunity
   gap, but the kept in-person events are grouped by place — by folded city name and by
   cell of a spatial grid (:class:`~generator.coordination.matching.SpatialGrid`) — and an
   event is only compared with the events of its city and of the 27 cells around it.

The work is ``O(n log n)`` for sorting plus the number of candidate pairs, which is close
to the number of findings: nearly every pair of events that share days also shares an
audience or a country.  Both sweeps apply the rules through :class:`Rules`, which
:func:`classify_pair` also uses for a single pair (the all-pairs reference in ``bench/``
and the tests compare the two).  :mod:`generator.coordination.rules` describes the rules
for people.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from generator.catalog import Catalog
from generator.coordination.matching import SpatialGrid, distance_km, title_similarity
from generator.coordination.messages import Describer
from generator.coordination.model import Explanation, Finding, Kind, Shared, new_findings
from generator.coordination.profile import (
    EventProfile,
    Vocabularies,
    build_profiles,
    grid_cell,
    takes_part,
)
from generator.gcpause import collector_paused
from generator.models import Event
from generator.settings import CoordinationSettings


def find_findings(
    catalog: Catalog, settings: CoordinationSettings, *, since: date | None = None
) -> list[Finding]:
    """Every finding about the events of *catalog*, in the order of ``model.sort_key``.

    Cancelled and postponed events take part in nothing.  With *since*, only events whose
    last day is on or after *since* take part — the same result as keeping the findings
    whose events have not ended before *since*
    (:func:`~generator.coordination.select.upcoming`), but faster.  The result depends on
    nothing but the arguments.
    """
    events = [
        event
        for event in catalog.events.values()
        if takes_part(event) and (since is None or event.last_day >= since)
    ]
    return analyse(events, catalog, settings)


def analyse(
    events: Iterable[Event], catalog: Catalog, settings: CoordinationSettings
) -> list[Finding]:
    """Findings among *events* (all taking part); *catalog* gives the record file paths."""
    with collector_paused():
        profiles, vocabularies = build_profiles(events)
        analysis = _Analysis(catalog, settings, vocabularies, profiles)
        analysis.sweep_near(profiles)
        analysis.sweep_places(profiles)
        analysis.add_coordinated(profiles)
        return analysis.sorted_findings()


def classify_pair(p: EventProfile, e: EventProfile, settings: CoordinationSettings) -> Kind | None:
    """The kind of finding for one pair, ignoring ``coordinated_with`` (None: nothing).

    The reference for the sweeps: ``find_findings`` reports exactly the pairs for which
    this returns a kind (as ``coordinated`` when acknowledged).
    """
    return Rules(settings).classify(p, e)


class Rules:
    """The rules applied to a pair of event profiles, with the thresholds of one run."""

    def __init__(self, settings: CoordinationSettings) -> None:
        self.nearby_km = settings.nearby_km
        self.similarity = settings.duplicate_title_similarity
        self.travel_gap = settings.tight_travel_max_gap_days
        self.opportunity_gap = settings.opportunity_max_gap_days

    def classify(self, p: EventProfile, e: EventProfile) -> Kind | None:
        """Any pair, in any order: the kind of finding, ignoring acknowledgements."""
        if (e.first, e.id) < (p.first, p.id):
            p, e = e, p
        if p.last + self.travel_gap >= e.first:
            kind = self.near_kind(p, e)
            if kind is not None or p.last >= e.first:
                return kind
        if p.last < e.first <= p.last + self.opportunity_gap and p.in_person and e.in_person:
            return self.apart_kind(p, e)
        return None

    def near_kind(self, p: EventProfile, e: EventProfile) -> Kind | None:
        """Days overlap: duplicate, conflict or overlap.  Days apart: tight travel.

        *p* starts no later than *e*; the caller guarantees that *e* starts at most the
        tight-travel gap after *p* ends.
        """
        audience = p.audience & e.audience
        countries = p.countries & e.countries
        if p.last >= e.first:
            if (
                (p.first == e.first or p.month_only or e.month_only)
                and self.same_start(p, e)
                and self.same_place(p, e)
                and self.similar(p, e)
            ):
                return "possible-duplicate"
            if audience and (countries or not p.family.isdisjoint(e.family)):
                return "conflict"
            if audience or countries:
                return "overlap"
            return None
        if (
            audience
            and countries
            and p.in_person
            and e.in_person
            and p.host != e.host
            and not self.nearby(p, e)
        ):
            return "tight-travel"
        return None

    def apart_kind(self, p: EventProfile, e: EventProfile) -> Kind | None:
        """Days apart, both in person: opportunity in the same place with something shared.

        *p* ends before *e* starts; the caller guarantees that *e* starts at most the
        opportunity gap after *p* ends.
        """
        if (p.audience & e.audience or p.topics & e.topics) and self.same_place(p, e):
            return "opportunity"
        return None

    @staticmethod
    def same_start(p: EventProfile, e: EventProfile) -> bool:
        """Same first day; with a month-only event, the same month."""
        if p.month_only or e.month_only:
            return p.start_month == e.start_month
        return p.first == e.first

    def same_place(self, p: EventProfile, e: EventProfile) -> bool:
        """Same folded city name (hosts not different), nearby, or both online without city."""
        if (
            p.city is not None
            and p.city == e.city
            and (p.host is None or e.host is None or p.host == e.host)
        ):
            return True
        if self.nearby(p, e):
            return True
        return p.online_only and e.online_only and p.city is None and e.city is None

    def nearby(self, p: EventProfile, e: EventProfile) -> bool:
        """Both have coordinates at most ``nearby_km`` apart."""
        distance = pair_distance(p, e)
        return distance is not None and distance <= self.nearby_km

    def similar(self, p: EventProfile, e: EventProfile) -> bool:
        """Title words in common reach ``duplicate_title_similarity``."""
        return title_similarity(p.tokens, e.tokens) >= self.similarity


def pair_distance(p: EventProfile, e: EventProfile) -> float | None:
    """Kilometres between the two venues, or None unless both have coordinates."""
    if p.lat is None or p.lon is None or e.lat is None or e.lon is None:
        return None
    return distance_km(p.lat, p.lon, e.lat, e.lon)


class _Analysis:
    """The state of one run: thresholds, the findings so far, the acknowledged pairs."""

    def __init__(
        self,
        catalog: Catalog,
        settings: CoordinationSettings,
        vocabularies: Vocabularies,
        profiles: list[EventProfile],
    ) -> None:
        self.settings = settings
        self.rules = Rules(settings)
        self.grid = SpatialGrid(settings.nearby_km)
        self.found: list[_Found] = []
        """One :data:`_Found` row per finding, turned into objects at the end."""
        self.explainer = _Explainer(vocabularies, Describer(catalog))
        self.by_id = {p.id: p for p in profiles}
        self.silenced: dict[tuple[str, str], Kind] = {}
        """Acknowledged pairs → the kind they would otherwise have been reported as."""

    def sweep_near(self, profiles: list[EventProfile]) -> None:
        """Sweep 1: pairs that share days or are at most the tight-travel gap apart.

        The common cases of :meth:`Rules.near_kind` are written out in the loop (this is
        the hot path: about two candidate pairs per event per day of density); the
        all-pairs tests check that the result equals :meth:`Rules.classify` pair by pair.
        """
        window = self.settings.tight_travel_max_gap_days
        rules = self.rules
        near_kind = rules.near_kind
        append = self.found.append
        silence = self._silence
        active: list[EventProfile] = []
        for event in profiles:
            first = event.first
            earliest = first - window
            active = [other for other in active if other.last >= earliest]
            audience, countries = event.audience, event.countries
            e_id, e_special = event.id, event.special
            for other in active:
                if other.last < first or other.first == first or other.special or e_special:
                    # Days apart (tight travel), a possible duplicate, or acknowledged.
                    kind = near_kind(other, event)
                    if kind is not None:
                        if other.acknowledges(event):
                            silence(kind, other, event)
                        else:
                            self._add(kind, other, event)
                    continue
                shares_audience = other.audience & audience
                if shares_audience and (
                    other.countries & countries or not other.family.isdisjoint(event.family)
                ):
                    append((first, e_id, other.first, other.id, "conflict", None, other, event))
                elif shares_audience or other.countries & countries:
                    append((first, e_id, other.first, other.id, "overlap", None, other, event))
            active.append(event)

    def sweep_places(self, profiles: list[EventProfile]) -> None:
        """Sweep 2: in-person events in the same place, a few days apart (opportunities)."""
        window = self.settings.opportunity_max_gap_days
        apart_kind = self.rules.apart_kind
        grid = self.grid
        by_place: dict[object, list[EventProfile]] = {}
        for event in profiles:
            if not event.in_person:
                continue
            cell = grid_cell(grid, event)
            keys: list[object] = [] if event.city is None else [event.city]
            if cell is not None:
                keys.extend(grid.neighbours(cell))
            first = event.first
            earliest = first - window
            candidates: dict[str, EventProfile] = {}
            for key in keys:
                waiting = by_place.get(key)
                if not waiting:
                    continue
                kept = [other for other in waiting if other.last >= earliest]
                by_place[key] = kept
                for other in kept:
                    if other.last < first:
                        candidates[other.id] = other
            for other in candidates.values():
                kind = apart_kind(other, event)
                if kind is not None:
                    self._emit(kind, other, event)
            if event.city is not None:
                by_place.setdefault(event.city, []).append(event)
            if cell is not None:
                by_place.setdefault(cell, []).append(event)

    def add_coordinated(self, profiles: list[EventProfile]) -> None:
        """One ``coordinated`` finding per acknowledged pair of events that take part."""
        by_id = self.by_id
        pairs: set[tuple[str, str]] = set()
        for profile in profiles:
            for other_id in profile.acknowledged:
                if other_id in by_id and other_id != profile.id:
                    pairs.add((min(profile.id, other_id), max(profile.id, other_id)))
        for pair in sorted(pairs):
            p, e = by_id[pair[0]], by_id[pair[1]]
            if (e.first, e.id) < (p.first, p.id):
                p, e = e, p
            self._add("coordinated", p, e, acknowledges=self.silenced.get(pair))

    def _emit(self, kind: Kind, p: EventProfile, e: EventProfile) -> None:
        """Record a finding, or remember its kind when the pair is acknowledged."""
        if (p.acknowledged or e.acknowledged) and p.acknowledges(e):
            self._silence(kind, p, e)
        else:
            self._add(kind, p, e)

    def _silence(self, kind: Kind, p: EventProfile, e: EventProfile) -> None:
        """Remember the kind of an acknowledged pair (reported as ``coordinated``)."""
        self.silenced[(p.id, e.id) if p.id < e.id else (e.id, p.id)] = kind

    def _add(
        self, kind: Kind, p: EventProfile, e: EventProfile, *, acknowledges: Kind | None = None
    ) -> None:
        """Remember a finding; *p* starts no later than *e* (objects are made at the end)."""
        self.found.append((e.first, e.id, p.first, p.id, kind, acknowledges, p, e))

    def sorted_findings(self) -> list[Finding]:
        """The findings in the order of :func:`~generator.coordination.model.sort_key`.

        The rows start with that key, which is unique per pair, so sorting compares plain
        ints and strings.  Sweep 1 appends its rows already in that order and sweep 2 in
        nearly that order, so the sort mostly merges runs.
        """
        self.found.sort()
        findings = new_findings(
            (
                (kind, (p_id, e_id) if p_id < e_id else (e_id, p_id), acknowledges, (p, e))
                for _, e_id, _, p_id, kind, acknowledges, p, e in self.found
            ),
            self.explainer,
        )
        self.found = []
        return findings


_Found = tuple[int, str, int, str, Kind, "Kind | None", EventProfile, EventProfile]
"""(later event's first day and id, earlier event's first day and id, kind, acknowledged
kind, earlier event, later event)."""


class _Explainer:
    """Works out what a pair shares and its sentences, when a finding is first shown.

    Kept apart from the analysis state, so that findings do not reference their own list.
    """

    def __init__(self, vocabularies: Vocabularies, describer: Describer) -> None:
        self.vocabularies = vocabularies
        self.describer = describer

    def explain(self, finding: Finding) -> Explanation:
        """What the pair shares and the sentences about it."""
        p, e = finding.pair
        pa, pb = (p, e) if p.id < e.id else (e, p)
        a, b = pa.event, pb.event
        vocab = self.vocabularies
        shared = Shared(
            audience=vocab.audience.decode(pa.audience & pb.audience),
            countries=vocab.countries.decode(pa.countries & pb.countries),
            topics=vocab.topics.decode(pa.topics & pb.topics),
            organizers=_common(a.organizers, b.organizers),
            programs=_common(a.programs, b.programs),
            series=(a.series,) if a.series and a.series == b.series else (),
        )
        # For kinds about days apart, the sentence names the event that ends first first.
        first, second = (p.event, e.event) if finding.gap_days is not None else (a, b)
        describer = self.describer
        summary = describer.summary(
            finding.kind,
            first,
            second,
            shared,
            possible=finding.possible,
            overlap=finding.overlap,
            gap_days=finding.gap_days,
            distance_km=finding.distance_km,
            acknowledges=finding.acknowledges,
        )
        return Explanation(shared, summary, describer.fix(finding.kind, a, b))


def _common(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    if not a or not b:
        return ()
    return tuple(sorted(set(a) & set(b)))
