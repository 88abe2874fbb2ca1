"""Significant changes to published events, derived from the git history of their files.

An event is *published* by the first commit that holds a valid version of its file; every
later commit whose valid version differs from the previous valid version in a way that
matters to participants is a change: the status (postponed, cancelled, back on, …), the
dates (start, end, or the time zone of a timed event) or the place (venue, city, country,
online).  Edits to titles, descriptions, links and so on are not changes in this sense.
Versions that no longer validate (the rules or vocabularies have changed since) are
skipped, so a change is measured against the last valid version before it.  Only
committed versions count, and only events that still exist (a deleted event has no page
to link to).  The versions compared are those of the first-parent line of the built branch
(:attr:`generator.history.RecordHistory.mainline`): what the published site showed, one
state after the other, so a merge is one step and the commits inside a merged branch are
not announced one by one.

Identifiers
-----------
A change's identifier is derived from *what* changed, never from the commit or the URL::

    tag:<uid_domain>,2026:events/<event id>/changes/<digest>[-<n>]

``digest`` is the first 16 hex digits of the SHA-256 of the event id and the sorted
``aspect=old→new`` texts; ``-<n>`` numbers the second, third, … time the very same
transition happens to the same event (postponed, back on, postponed again).  Rebasing,
squashing or cherry-picking the commits keeps the identifiers (commit hashes would not);
only rewriting history so that an earlier identical transition disappears renumbers the
later ones.  The entry's date is the commit time, which a rebase may move.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator.context import BuildContext
from generator.discovery import RecordFile
from generator.history import ContentHistory, Revision
from generator.models import Event
from generator.validation import validate_record
from generator.yamlsource import load_yaml

TAG_DATE = "2026"
"""The date part of every ``tag:`` identifier (RFC 4151).  NEVER CHANGE: it is part of
every feed entry id."""

ASPECTS = ("status", "dates", "place")
"""The aspects of an event whose change is announced, in the order they are reported."""


def tag_id(uid_domain: str, specific: str) -> str:
    """A ``tag:`` URI for a site-relative name, e.g. ``events/<id>`` (stable for ever)."""
    return f"tag:{uid_domain},{TAG_DATE}:{specific}"


@dataclass(frozen=True)
class AspectChange:
    """One aspect of an event that changed, with its old and new value as display text."""

    aspect: str
    """``status``, ``dates`` or ``place``."""
    old: str
    new: str

    @property
    def key(self) -> str:
        """``aspect=old→new``: what the change identifier is computed from."""
        return f"{self.aspect}={self.old}\u2192{self.new}"


@dataclass(frozen=True)
class EventChange:
    """A commit that changed a published event significantly."""

    event_id: str
    key: str
    """``events/<event id>/changes/<digest>[-<n>]`` (see the module documentation)."""
    entry_id: str
    """The stable feed entry id: the ``tag:`` URI of :attr:`key`."""
    commit: str
    committed: datetime
    """Commit time (aware, UTC): the date of the feed entry."""
    aspects: tuple[AspectChange, ...]
    before: Event
    after: Event

    def aspect(self, name: str) -> AspectChange | None:
        """The change of one aspect, if it changed."""
        return next((a for a in self.aspects if a.aspect == name), None)


def status_text(event: Event) -> str:
    """The status as compared and shown, e.g. ``cancelled``."""
    return event.status


def dates_text(event: Event) -> str:
    """The dates as compared: start, last value, and the time zone of timed events.

    ``end`` equal to ``start`` and a missing ``end`` mean the same; a time zone given with
    plain dates changes nothing for participants and is left out.
    """
    text = str(event.start)
    if event.last != event.start:
        text += f"/{event.last}"
    if event.is_timed and event.timezone:
        text += f" {event.timezone}"
    return text


def place_text(event: Event) -> str:
    """The place as compared: venue, city and country code, and whether it is online."""
    location = event.location
    if location is None:
        return ""
    parts = [part for part in (location.venue, location.city, location.country) if part]
    if location.online:
        parts.append("online")
    return ", ".join(parts)


_ASPECT_TEXT = {"status": status_text, "dates": dates_text, "place": place_text}


def significant_changes(before: Event, after: Event) -> tuple[AspectChange, ...]:
    """The aspects that differ between two versions of an event, in :data:`ASPECTS` order."""
    changes = []
    for aspect in ASPECTS:
        text = _ASPECT_TEXT[aspect]
        old, new = text(before), text(after)
        if old != new:
            changes.append(AspectChange(aspect, old, new))
    return tuple(changes)


def change_digest(event_id: str, aspects: Iterable[AspectChange]) -> str:
    """16 hex digits identifying a transition of one event (independent of commits)."""
    material = "\n".join([event_id, *sorted(a.key for a in aspects)])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:16]


def _parse_version(event_id: str, revision: Revision, raw: bytes) -> Event | None:
    """An old version of an event file as a model, or None when it is not valid (today)."""
    display = f"{revision.path}@{revision.commit[:12]}"
    document, problems = load_yaml(raw, display)
    if document is None or any(p.severity == "error" for p in problems):
        return None
    record_file = RecordFile("event", event_id, Path(revision.path), display)
    record, record_problems = validate_record(record_file, document)
    if not isinstance(record, Event) or any(p.severity == "error" for p in record_problems):
        return None
    return record


def _content_revisions(history: ContentHistory, event_id: str) -> list[Revision]:
    """The revisions that hold content, one per commit (the last one of a move commit)."""
    by_commit: dict[str, Revision] = {}
    for revision in history.of("event", event_id).mainline:
        if revision.status == "D":
            continue
        by_commit.pop(revision.commit, None)  # keep commit order, last revision wins
        by_commit[revision.commit] = revision
    return list(by_commit.values())


def event_changes(ctx: BuildContext) -> list[EventChange]:
    """Every significant change to every event in the catalog, oldest first per event.

    Only committed versions count (the commit time is the date).  Without git history
    (outside a checkout) the list is empty; a shallow history must be rejected or ignored
    by the caller (see :func:`generator.feeds.render_feeds`).  Events with one revision are
    never read back from git, so the cost is proportional to the number of edits.
    """
    history = ctx.history
    if not history.available:
        return []
    wanted: dict[str, list[Revision]] = {}
    for event_id in ctx.catalog.events:
        revisions = _content_revisions(history, event_id)
        if len(revisions) > 1:
            wanted[event_id] = revisions
    blobs = history.read_versions(
        (revision.commit, revision.path) for revisions in wanted.values() for revision in revisions
    )
    changes: list[EventChange] = []
    for event_id, revisions in wanted.items():
        current = _current_version(ctx, event_id)
        changes.extend(_changes_of(ctx.settings.uid_domain, event_id, revisions, blobs, current))
    return changes


def _current_version(ctx: BuildContext, event_id: str) -> tuple[bytes, Event] | None:
    """The file as it is now and its record: a committed version with the same bytes is
    the same record, so it need not be parsed and validated again (in a clean checkout
    that is the newest revision of every event)."""
    try:
        raw = ctx.catalog.source("event", event_id).path.read_bytes()
    except (KeyError, OSError):
        return None
    return raw, ctx.catalog.events[event_id]


def _changes_of(
    uid_domain: str,
    event_id: str,
    revisions: list[Revision],
    blobs: dict[tuple[str, str], bytes],
    current: tuple[bytes, Event] | None = None,
) -> list[EventChange]:
    changes: list[EventChange] = []
    seen: dict[str, int] = {}
    previous: Event | None = None
    previous_raw: bytes | None = None
    for revision in revisions:
        raw = blobs.get((revision.commit, revision.path))
        if raw is None or raw == previous_raw:
            continue
        if current is not None and raw == current[0]:
            version: Event | None = current[1]
        else:
            version = _parse_version(event_id, revision, raw)
        if version is None:
            continue
        previous_raw = raw
        if previous is not None:
            aspects = significant_changes(previous, version)
            if aspects:
                digest = change_digest(event_id, aspects)
                seen[digest] = seen.get(digest, 0) + 1
                suffix = "" if seen[digest] == 1 else f"-{seen[digest]}"
                key = f"events/{event_id}/changes/{digest}{suffix}"
                changes.append(
                    EventChange(
                        event_id=event_id,
                        key=key,
                        entry_id=tag_id(uid_domain, key),
                        commit=revision.commit,
                        committed=revision.committed,
                        aspects=aspects,
                        before=previous,
                        after=version,
                    )
                )
        previous = version
    return changes
