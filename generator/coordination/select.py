"""Choosing the findings a page, a command or a pull request check shows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from datetime import date

from generator.catalog import Catalog
from generator.coordination.model import KINDS, Finding, Kind


def upcoming(findings: Iterable[Finding], catalog: Catalog, today: date) -> list[Finding]:
    """Findings whose two events both end on or after *today* (still to come or running).

    A pair where one event is already over needs nobody to act, so it is left out.
    """
    events = catalog.events
    return [
        finding
        for finding in findings
        if all(events[event_id].last_day >= today for event_id in finding.events)
    ]


def involving(findings: Iterable[Finding], event_ids: Collection[str]) -> list[Finding]:
    """Findings about at least one of *event_ids* (e.g. the records a pull request changes)."""
    wanted = set(event_ids)
    return [f for f in findings if f.events[0] in wanted or f.events[1] in wanted]


def for_event(findings: Iterable[Finding], event_id: str) -> list[Finding]:
    """Findings about one event, for its page."""
    return [f for f in findings if event_id in f.events]


def by_event(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Every event id that has findings → its findings, in the given order (one pass)."""
    index: dict[str, list[Finding]] = {}
    for finding in findings:
        for event_id in finding.events:
            index.setdefault(event_id, []).append(finding)
    return dict(sorted(index.items()))


def warnings(findings: Iterable[Finding]) -> list[Finding]:
    """Only the findings that ask for action (see ``WARNING_KINDS``)."""
    return [f for f in findings if f.is_warning]


def count_by_kind(findings: Iterable[Finding]) -> dict[Kind, int]:
    """How many findings of each kind, in :data:`KINDS` order, zero counts included."""
    counts = Counter(f.kind for f in findings)
    return {kind: counts.get(kind, 0) for kind in KINDS}


def counts_text(findings: Iterable[Finding]) -> str:
    """``"1 conflict, 2 opportunities"`` or ``"no findings"``."""
    nouns: dict[Kind, tuple[str, str]] = {
        "possible-duplicate": ("possible duplicate", "possible duplicates"),
        "conflict": ("conflict", "conflicts"),
        "overlap": ("overlap", "overlaps"),
        "tight-travel": ("tight-travel pair", "tight-travel pairs"),
        "opportunity": ("opportunity", "opportunities"),
        "coordinated": ("coordinated pair", "coordinated pairs"),
    }
    parts = [
        f"{count} {nouns[kind][0] if count == 1 else nouns[kind][1]}"
        for kind, count in count_by_kind(findings).items()
        if count
    ]
    return ", ".join(parts) if parts else "no findings"
