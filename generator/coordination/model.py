"""What the coordination analysis finds: one :class:`Finding` per pair of events."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal, NamedTuple, Protocol

from generator.coordination.matching import distance_km

if TYPE_CHECKING:
    from generator.coordination.profile import EventProfile

Kind = Literal[
    "conflict", "overlap", "opportunity", "tight-travel", "possible-duplicate", "coordinated"
]

KINDS: tuple[Kind, ...] = (
    "possible-duplicate",
    "conflict",
    "overlap",
    "tight-travel",
    "opportunity",
    "coordinated",
)
"""Every kind, most urgent first (the display and sort order)."""

WARNING_KINDS: frozenset[Kind] = frozenset(
    {"conflict", "overlap", "tight-travel", "possible-duplicate"}
)
"""Kinds that ask an organizer to act; ``opportunity`` and ``coordinated`` are information."""

STRICT_KINDS: frozenset[Kind] = frozenset({"conflict", "possible-duplicate"})
"""Kinds that make ``clearinghouse overlaps --strict`` exit 1."""

KIND_LABELS: dict[Kind, str] = {
    "conflict": "Conflict",
    "overlap": "Overlap",
    "opportunity": "Opportunity",
    "tight-travel": "Tight travel",
    "possible-duplicate": "Possible duplicate",
    "coordinated": "Coordinated",
}
"""Human names of the kinds (headings, annotation titles, tables)."""

KIND_RANK: dict[Kind, int] = {kind: rank for rank, kind in enumerate(KINDS)}
"""Position of each kind in :data:`KINDS` (0 = most urgent)."""


@dataclass(frozen=True, slots=True)
class Shared:
    """What two events have in common; each tuple is sorted."""

    audience: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    organizers: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    series: tuple[str, ...] = ()

    @property
    def same_family(self) -> bool:
        """True when the events share an organizer, a program or a series."""
        return bool(self.organizers or self.programs or self.series)


class Explanation(NamedTuple):
    """The parts of a finding that are only needed when it is shown."""

    shared: Shared
    summary: str
    fix: str


class Explainer(Protocol):
    """Computes the :class:`Explanation` of a finding (see ``Finding.explanation``)."""

    def explain(self, finding: Finding) -> Explanation:
        """What the events share, and the sentences about them."""
        ...


@dataclass(frozen=True, slots=True)
class Finding:
    """One coordination finding about a pair of events.

    ``events`` is the sorted pair of event ids; a pair appears at most once in a list of
    findings, under the one kind that applies (see :mod:`generator.coordination.rules`).
    Two findings are equal when they are about the same pair and kind and acknowledge the
    same kind; :attr:`id` names the pair and kind.

    The analysis decides the stored fields.  Days, gap and distance are derived from the
    two events on access; what they share and the sentences are worked out on first use
    (``shared``, ``summary``, ``fix``, ``message``) — a large catalog has hundreds of
    thousands of findings, and a page or command shows only some of them.
    """

    kind: Kind
    events: tuple[str, str]
    """The two event ids, sorted."""
    acknowledges: Kind | None
    """For ``coordinated``: the kind the pair would otherwise have been reported as."""
    pair: tuple[EventProfile, EventProfile] = field(compare=False, repr=False)
    """The two events' profiles; the first starts no later than the second."""
    explainer: Explainer = field(compare=False, repr=False)
    _explained: Explanation | None = field(default=None, compare=False, repr=False, init=False)

    # --- days, gap and distance ----------------------------------------------------------

    @property
    def possible(self) -> bool:
        """True when a month-only event is involved: the real dates may not collide."""
        p, e = self.pair
        return p.month_only or e.month_only

    @property
    def first_day(self) -> date:
        """The earliest day either event occupies."""
        return date.fromordinal(self.pair[0].first)

    @property
    def last_day(self) -> date:
        """The latest day either event occupies."""
        p, e = self.pair
        return date.fromordinal(max(p.last, e.last))

    @property
    def overlap(self) -> tuple[date, date] | None:
        """First and last day both events occupy, or None when their days do not overlap."""
        p, e = self.pair
        if p.last < e.first:
            return None
        return (date.fromordinal(e.first), date.fromordinal(min(p.last, e.last)))

    @property
    def gap_days(self) -> int | None:
        """Days from the end of the earlier event to the start of the later (1 = next day).

        None when the days overlap.
        """
        p, e = self.pair
        return e.first - p.last if p.last < e.first else None

    @property
    def distance_km(self) -> float | None:
        """Distance between the venues in km (one decimal), when both give coordinates."""
        p, e = self.pair
        if p.lat is None or p.lon is None or e.lat is None or e.lon is None:
            return None
        return round(distance_km(p.lat, p.lon, e.lat, e.lon), 1)

    # --- what they share, and the sentences ----------------------------------------------

    @property
    def explanation(self) -> Explanation:
        """Shared facts, summary and fix (computed once)."""
        explained = self._explained
        if explained is None:
            explained = self.explainer.explain(self)
            object.__setattr__(self, "_explained", explained)
        return explained

    @property
    def shared(self) -> Shared:
        """Audience, countries, topics (and organizers, programs, series) both events have."""
        return self.explanation.shared

    @property
    def summary(self) -> str:
        """What was found, naming both events (one or two sentences)."""
        return self.explanation.summary

    @property
    def fix(self) -> str:
        """What to do: move dates, merge records, or the exact YAML line to add."""
        return self.explanation.fix

    @property
    def message(self) -> str:
        """The summary followed by the fix."""
        return f"{self.summary} {self.fix}"

    # --- labels ------------------------------------------------------------------------

    @property
    def id(self) -> str:
        """Stable identifier of the pair and kind: ``"<kind>:<id a>:<id b>"``."""
        return f"{self.kind}:{self.events[0]}:{self.events[1]}"

    @property
    def is_warning(self) -> bool:
        """True for kinds that ask for action (conflict, overlap, tight travel, duplicate)."""
        return self.kind in WARNING_KINDS

    @property
    def severity(self) -> Literal["warning", "info"]:
        """``"warning"`` or ``"info"``."""
        return "warning" if self.is_warning else "info"

    @property
    def title(self) -> str:
        """Short label, e.g. ``"Conflict"`` or ``"Possible conflict"`` (month-only dates)."""
        label = KIND_LABELS[self.kind]
        if self.possible and self.kind not in ("possible-duplicate", "coordinated"):
            return f"Possible {label.lower()}"
        return label

    def involves(self, event_id: str) -> bool:
        """True when *event_id* is one of the pair."""
        return event_id in self.events

    def other(self, event_id: str) -> str:
        """The id of the other event of the pair."""
        return self.events[1] if self.events[0] == event_id else self.events[0]


def sort_key(finding: Finding) -> tuple[int, str, int, str]:
    """The order of findings: by the day the later-starting event starts, then its id,
    then the earlier-starting event's first day and id.

    For events that share days that is the first shared day, so a list reads in the
    order the collisions happen.  Each pair has one finding, so the key is unique.
    """
    p, e = finding.pair
    return (e.first, e.id, p.first, p.id)


_new = object.__new__
_set_kind, _set_events, _set_acknowledges, _set_pair, _set_explainer, _set_explained = (
    getattr(Finding, name).__set__
    for name in ("kind", "events", "acknowledges", "pair", "explainer", "_explained")
)


def new_finding(
    kind: Kind,
    events: tuple[str, str],
    acknowledges: Kind | None,
    pair: tuple[EventProfile, EventProfile],
    explainer: Explainer,
) -> Finding:
    """The same as ``Finding(...)``, several times faster (see :func:`new_findings`)."""
    return new_findings([(kind, events, acknowledges, pair)], explainer)[0]


def new_findings(
    rows: Iterable[tuple[Kind, tuple[str, str], Kind | None, tuple[EventProfile, EventProfile]]],
    explainer: Explainer,
) -> list[Finding]:
    """``Finding(kind, events, acknowledges, pair, explainer)`` for each row, quickly.

    The generated ``__init__`` of a frozen dataclass assigns each field through
    ``object.__setattr__`` (about 2.5 µs a finding); the analysis creates hundreds of
    thousands of findings for a large catalog, so it fills the slots directly.  The
    results are ordinary, frozen :class:`Finding` objects.
    """
    new = _new
    cls = Finding
    set_kind, set_events, set_acknowledges = _set_kind, _set_events, _set_acknowledges
    set_pair, set_explainer, set_explained = _set_pair, _set_explainer, _set_explained
    findings: list[Finding] = []
    append = findings.append
    for kind, events, acknowledges, pair in rows:
        finding = new(cls)
        set_kind(finding, kind)
        set_events(finding, events)
        set_acknowledges(finding, acknowledges)
        set_pair(finding, pair)
        set_explainer(finding, explainer)
        set_explained(finding, None)
        append(finding)
    return findings
