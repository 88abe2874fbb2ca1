"""The sentences of a finding: what was found (naming both events) and what to do.

Messages are plain text (no Markdown apart from backticks around YAML to copy); renderers
escape them like any other string.  Country codes are used as written in the records.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from pathlib import PurePosixPath

from generator.catalog import Catalog
from generator.coordination.model import KIND_LABELS, Kind, Shared
from generator.models import Event
from generator.vocabulary import vocabulary


@cache
def _labels(name: str) -> dict[str, str]:
    vocab = vocabulary(name)
    return {value: vocab.label(value) for value in vocab.values}


def audience_text(values: Sequence[str]) -> str:
    """``"Government officials, Customs officers"``."""
    labels = _labels("audiences")
    return ", ".join(labels.get(v, v) for v in values)


def topics_text(values: Sequence[str]) -> str:
    """``"Licensing, Customs"``."""
    labels = _labels("topics")
    return ", ".join(labels.get(v, v) for v in values)


def day_text(day: date) -> str:
    """ISO form of a day."""
    return day.isoformat()


def span_text(first: date, last: date) -> str:
    """``"2030-02-06"`` or ``"2030-02-06 to 2030-02-08"``."""
    if first == last:
        return first.isoformat()
    return f"{first.isoformat()} to {last.isoformat()}"


def when_text(event: Event) -> str:
    """The event's dates as written: months, days, or local times with the time zone."""
    start, last = event.start, event.last
    if event.is_month_only:
        months = str(start) if start == last else f"{start} to {last}"
        return f"{months}, month only"
    if event.is_timed:
        text = str(start).replace("T", " ")
        end = str(last).replace("T", " ")
        if end[:10] == text[:10]:
            end = end[11:]
        return f"{text} to {end} {event.timezone}"
    return span_text(event.first_day, event.last_day)


def place_text(event: Event) -> str:
    """``"Tokyo, JP"``, ``"JP"``, ``"online"`` or ``""`` when unknown."""
    location = event.location
    if event.kind == "webinar":
        return "online"
    if location is None:
        return ""
    parts = [p for p in (location.city, location.country) if p]
    if not parts and location.online:
        return "online"
    return ", ".join(parts)


def _on_days(span: tuple[date, date]) -> str:
    first, last = span
    if first == last:
        return f"on {first.isoformat()}"
    return f"from {first.isoformat()} to {last.isoformat()}"


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


class Describer:
    """Builds finding sentences for the events of one catalog (caches per-event text)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._names: dict[str, str] = {}
        self._paths: dict[str, str] = {}

    def name(self, event: Event) -> str:
        """``"Title" (id, dates, place)``."""
        found = self._names.get(event.id)
        if found is None:
            place = place_text(event)
            where = f", {place}" if place else ""
            found = f'"{event.title}" ({event.id}, {when_text(event)}{where})'
            self._names[event.id] = found
        return found

    def path(self, event_id: str) -> str:
        """The record file, as a path from the content folder's parent.

        ``content/events/2030/x.yml`` — the path in the repository, whatever the working
        directory, so published messages are the same in every build.
        """
        found = self._paths.get(event_id)
        if found is None:
            content_dir = self.catalog.content_dir
            source = self.catalog.sources.get(("event", event_id))
            relative = PurePosixPath("events", f"{event_id}.yml")
            if source is not None:
                try:
                    relative = PurePosixPath(source.path.relative_to(content_dir).as_posix())
                except ValueError:
                    relative = PurePosixPath(source.display)
            folder = content_dir.name or content_dir.resolve().name or "content"
            found = (PurePosixPath(folder) / relative).as_posix()
            self._paths[event_id] = found
        return found

    def acknowledgement(self, a: Event, b: Event) -> str:
        """How to acknowledge the pair, in either file, with the exact YAML line.

        "add LINE to FILE", or "change the coordinated_with line in FILE to LINE" when the
        file already has that key (adding a second one would be a duplicate key).
        """
        first, second = self._edit(a, b.id), self._edit(b, a.id)
        if first.startswith("add ") and second.startswith("add "):
            second = second.removeprefix("add ")
        return f"{first} (or {second})"

    def _edit(self, event: Event, other_id: str) -> str:
        line = self.yaml_line(event, other_id)
        if event.coordinated_with:
            return f"change the coordinated_with line in {self.path(event.id)} to {line}"
        return f"add {line} to {self.path(event.id)}"

    @staticmethod
    def yaml_line(event: Event, other_id: str) -> str:
        """The ``coordinated_with`` line *event* needs to acknowledge *other_id*.

        When the event already lists other events, the line keeps them.
        """
        ids = [*event.coordinated_with, other_id]
        return f"`coordinated_with: [{', '.join(ids)}]`"

    def summary(
        self,
        kind: Kind,
        a: Event,
        b: Event,
        shared: Shared,
        *,
        possible: bool,
        overlap: tuple[date, date] | None = None,
        gap_days: int | None = None,
        distance_km: float | None = None,
        acknowledges: Kind | None = None,
    ) -> str:
        """One sentence naming both events and what they share.

        For ``opportunity`` and ``tight-travel``, *a* is the event that ends first.
        """
        na, nb = self.name(a), self.name(b)
        if kind == "conflict":
            assert overlap is not None
            reasons = [f"the same audience ({audience_text(shared.audience)})"]
            if shared.countries:
                reasons.append(f"the same countries ({', '.join(shared.countries)})")
            family = _family_text(shared)
            if family:
                reasons.append(family)
            text = (
                f"{na} and {nb} both take place {_on_days(overlap)} and "
                f"share {_join(reasons)}: the same officials are asked to be in two places."
            )
        elif kind == "overlap":
            assert overlap is not None
            reasons = []
            if shared.audience:
                reasons.append(f"the audience ({audience_text(shared.audience)})")
            if shared.countries:
                reasons.append(f"countries ({', '.join(shared.countries)})")
            text = f"{na} and {nb} both take place {_on_days(overlap)} and share {_join(reasons)}."
        elif kind == "opportunity":
            assert gap_days is not None
            reasons = []
            if shared.audience:
                reasons.append(f"audience ({audience_text(shared.audience)})")
            if shared.topics:
                reasons.append(f"topics ({topics_text(shared.topics)})")
            place = _same_place_text(a, b, distance_km)
            text = (
                f"{nb} starts {_days(gap_days)} after {na} ends, {place}, and "
                f"they share {_join(reasons)}."
            )
        elif kind == "tight-travel":
            assert gap_days is not None
            if gap_days == 1:
                later, rest = "the day", "without a day in between"
            else:
                later, rest = _days(gap_days), "with little time in between"
            text = (
                f"{nb} starts {later} after {na} ends, in another country "
                f"({b.host_country} after {a.host_country}), for the same audience "
                f"({audience_text(shared.audience)}) from the same countries "
                f"({', '.join(shared.countries)}): participants would have to travel between "
                f"countries {rest}."
            )
        elif kind == "possible-duplicate":
            when = "in the same month" if possible else f"on the same day ({a.first_day})"
            text = (
                f"{na} and {nb} start {when} in the same place and have "
                "similar titles: the same event may have been entered twice."
            )
        else:
            listed = [
                f"{x.id} lists {y.id}" for x, y in ((a, b), (b, a)) if y.id in x.coordinated_with
            ]
            text = (
                f"{na} and {nb} are held in coordination "
                f"({' and '.join(listed)} in coordinated_with)."
            )
            if acknowledges is not None:
                lines = "those lines" if len(listed) == 2 else "that line"
                text += f" Without {lines} they would be reported as {_kind_phrase(acknowledges)}."
        if possible and kind not in ("possible-duplicate", "coordinated"):
            text += " One of them gives only the month, so the real dates may not collide."
        return f"{finding_title(kind, possible)}: {text}"

    def fix(self, kind: Kind, a: Event, b: Event) -> str:
        """What to do, ending with the exact YAML line that acknowledges the pair."""
        ack = self.acknowledgement(a, b)
        if kind == "conflict":
            return (
                "Fix: move one of the events to other days; if they are deliberately held "
                f"together, {ack}."
            )
        if kind == "overlap":
            return (
                "Fix: consider other days for one of them, or link them if they are planned "
                f"together: {ack}."
            )
        if kind == "tight-travel":
            return (
                "Fix: leave a free day between them, or, if the trip is planned for, "
                f"acknowledge it: {ack}."
            )
        if kind == "possible-duplicate":
            return (
                "Fix: if it is the same event, delete one of the two files and keep the record "
                "published first (its id is in subscribers' calendars); if they are different "
                f"events, {ack}."
            )
        if kind == "opportunity":
            return (
                "Suggestion: hold them back to back, share speakers and invite each other's "
                f"participants; once they are coordinated, {ack}."
            )
        return "No action needed."


def finding_title(kind: Kind, possible: bool) -> str:
    """``"Conflict"``, or ``"Possible conflict"`` when a month-only event is involved."""
    label = KIND_LABELS[kind]
    if possible and kind not in ("possible-duplicate", "coordinated"):
        return f"Possible {label.lower()}"
    return label


def _kind_phrase(kind: Kind) -> str:
    return {
        "conflict": "a conflict",
        "overlap": "an overlap",
        "opportunity": "an opportunity",
        "tight-travel": "tight travel",
        "possible-duplicate": "a possible duplicate",
        "coordinated": "coordinated",
    }[kind]


def _family_text(shared: Shared) -> str:
    parts = []
    if shared.organizers:
        parts.append(f"organizer {', '.join(shared.organizers)}")
    if shared.programs:
        parts.append(f"program {', '.join(shared.programs)}")
    if shared.series:
        parts.append(f"series {', '.join(shared.series)}")
    return f"the same {_join(parts)}" if parts else ""


def _same_place_text(a: Event, b: Event, distance_km: float | None) -> str:
    city_a = a.location.city if a.location else None
    city_b = b.location.city if b.location else None
    if city_a and city_b and city_a == city_b:
        return f"in {city_a}"
    if distance_km is not None:
        return f"{distance_km:.1f} km away"
    return f"in the same city ({city_a} and {city_b})"


def _join(parts: Sequence[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
