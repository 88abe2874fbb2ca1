"""``/api/events.csv``: one row per event, for spreadsheets.

* UTF-8 **with a byte-order mark**: Excel opens a CSV file as UTF-8 only when it starts
  with a BOM (otherwise "Chinese Taipei" survives but "Hà Nội" does not).  Python reads it
  with ``encoding="utf-8-sig"``; pandas and R's readr skip the BOM by themselves.
* Comma-separated, every field quoted only when needed, ``\\r\\n`` line ends (RFC 4180);
  a header row with the column names of :data:`CSV_COLUMNS`.
* Lists are joined with ``;`` and no space (ids, codes and URLs never contain ``;``; the
  ``*_names`` columns are for reading, the id columns for joining).
* Empty values are empty cells; true/false are ``true``/``false``; dates are ISO 8601.
* **Formula injection**: records are untrusted input, and a spreadsheet runs a cell that
  starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) as a formula.  Every
  text cell that starts with one of these — or with their full-width forms — gets a
  leading apostrophe (``'=HYPERLINK(…)``), which spreadsheets show as text (OWASP's
  advice).  Numbers written by the generator itself (latitude ``-6.21``) are not text cells
  and are left alone.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import get_type_hints

from pydantic.fields import FieldInfo

from generator.exports.models import EventRow, LocationRow, Ref

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""First characters that make a spreadsheet evaluate a cell (with full-width forms)."""

LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class CsvColumn:
    """One column of ``events.csv``: its header and what it means."""

    name: str
    description: str


def protect_text(text: str) -> str:
    """*text*, with a leading ``'`` when a spreadsheet would run it as a formula."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _text(value: str | None) -> str:
    return "" if value is None else protect_text(value)


def _names(refs: list[Ref]) -> str:
    """Names separated by ``;``; a ``;`` inside a name becomes ``,`` so the list splits
    back into exactly one name per reference."""
    if not refs:
        return ""
    names = [ref["name"].replace(LIST_SEPARATOR, ",") for ref in refs]
    return protect_text(LIST_SEPARATOR.join(names))


def _urls(values: Sequence[str]) -> str:
    """URLs separated by ``;``; a ``;`` inside a URL is percent-encoded (``%3B``)."""
    return LIST_SEPARATOR.join([value.replace(LIST_SEPARATOR, "%3B") for value in values])


def _ids(refs: list[Ref]) -> str:
    return LIST_SEPARATOR.join([ref["id"] for ref in refs]) if refs else ""


def _day(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def _utc(value: datetime | None) -> str:
    return "" if value is None else value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def event_cells(row: EventRow) -> dict[str, str]:
    """The cells of one event, keyed by column name in column order.

    Free text (titles, names, places, descriptions, e-mail addresses) goes through
    :func:`protect_text`; ids, codes, vocabulary values, dates and URLs are validated to
    start with a letter or digit (URLs with ``http``/``mailto``), so they need no guard.
    One function per row (rather than one per cell) keeps 10,000 rows fast; the keys are
    checked against :data:`CSV_COLUMNS` when the file is written.
    """
    join = LIST_SEPARATOR.join
    location, registration, contact = row["location"], row["registration"], row["contact"]
    lat = lon = None
    if location is not None:
        lat, lon = location["lat"], location["lon"]
    return {
        "id": row["id"],
        "title": protect_text(row["title"]),
        "kind": row["kind"],
        "status": row["status"],
        "start": row["start"],
        "end": row["end"] or "",
        "precision": row["precision"],
        "timezone": row["timezone"] or "",
        "first_day": row["first_day"].isoformat(),
        "last_day": row["last_day"].isoformat(),
        "start_utc": _utc(row["start_utc"]),
        "end_utc": _utc(row["end_utc"]),
        "venue": _text(location["venue"]) if location else "",
        "city": _text(location["city"]) if location else "",
        "country": (location["country"] or "") if location else "",
        "country_name": _text(location["country_name"]) if location else "",
        "online": ("true" if location["online"] else "false") if location else "",
        "lat": "" if lat is None else repr(lat),
        "lon": "" if lon is None else repr(lon),
        "organizers": _ids(row["organizers"]),
        "organizer_names": _names(row["organizers"]),
        "partners": _ids(row["partners"]),
        "partner_names": _names(row["partners"]),
        "programs": _ids(row["programs"]),
        "program_names": _names(row["programs"]),
        "series": row["series"] or "",
        "audience": join(row["audience"]),
        "topics": join(row["topics"]),
        "countries": join(row["countries"]),
        "all_countries": join(row["all_countries"]),
        "participants": "" if row["participants"] is None else str(row["participants"]),
        "languages": join(row["languages"]),
        "url": row["url"] or "",
        "registration_url": (registration["url"] or "") if registration else "",
        "registration_deadline": (
            registration["deadline"].isoformat()
            if registration and registration["deadline"]
            else ""
        ),
        "contact_name": _text(contact["name"]) if contact else "",
        "contact_email": _text(contact["email"]) if contact else "",
        "description": _text(row["description"]),
        "links": _urls([link["url"] for link in row["links"]]),
        "reports": _ids(row["reports"]),
        "coordinated_with": _ids(row["coordinated_with"]),
        "announced": row["announced"].isoformat() if row["announced"] else "",
        "source": _text(row["source"]),
        "page_url": row["page_url"],
        "calendar_url": row["calendar_url"] or "",
    }


def _describe(row_type: type, field: str) -> str:
    """The description of a row field (from its ``Annotated`` metadata)."""
    hints = get_type_hints(row_type, include_extras=True)
    for metadata in getattr(hints[field], "__metadata__", ()):
        if isinstance(metadata, FieldInfo) and metadata.description:
            return metadata.description
    return ""


_IDS = f"(ids separated by {LIST_SEPARATOR})"
_LOCATION_COLUMNS = ("venue", "city", "country", "country_name", "online", "lat", "lon")
_OWN_DESCRIPTIONS = {
    "organizers": f"Ids of the organizing organizations {_IDS}.",
    "organizer_names": f"Names of the organizing organizations (separated by {LIST_SEPARATOR}).",
    "partners": f"Ids of supporting organizations {_IDS}.",
    "partner_names": f"Names of supporting organizations (separated by {LIST_SEPARATOR}).",
    "programs": f"Ids of the programs the event belongs to {_IDS}.",
    "program_names": f"Names of the programs (separated by {LIST_SEPARATOR}).",
    "registration_url": "Registration page.",
    "registration_deadline": "Last day to register, YYYY-MM-DD.",
    "contact_name": "Contact person or office.",
    "contact_email": "Contact e-mail address.",
    "links": f"URLs of related documents and pages (separated by {LIST_SEPARATOR}; a "
    f"{LIST_SEPARATOR} inside a URL is written %3B).",
    "reports": f"Ids of reports from this event {_IDS}.",
    "coordinated_with": f"Ids of events deliberately held alongside this one {_IDS}.",
}
_COLUMN_NAMES = (
    *("id", "title", "kind", "status", "start", "end", "precision", "timezone"),
    *("first_day", "last_day", "start_utc", "end_utc", *_LOCATION_COLUMNS),
    *("organizers", "organizer_names", "partners", "partner_names", "programs"),
    *("program_names", "series", "audience", "topics", "countries", "all_countries"),
    *("participants", "languages", "url", "registration_url", "registration_deadline"),
    *("contact_name", "contact_email", "description", "links", "reports"),
    *("coordinated_with", "announced", "source", "page_url", "calendar_url"),
)


def _column(name: str) -> CsvColumn:
    if name in _OWN_DESCRIPTIONS:
        return CsvColumn(name, _OWN_DESCRIPTIONS[name])
    if name in _LOCATION_COLUMNS:
        return CsvColumn(name, _describe(LocationRow, name))
    return CsvColumn(name, _describe(EventRow, name))


CSV_COLUMNS: tuple[CsvColumn, ...] = tuple(_column(name) for name in _COLUMN_NAMES)
"""The columns of ``events.csv`` in order (a data page can list them with descriptions)."""


def events_csv(rows: Sequence[EventRow]) -> bytes:
    """``events.csv`` for *rows* (UTF-8 with BOM, header row, one row per event)."""
    header = [column.name for column in CSV_COLUMNS]
    records = [event_cells(row) for row in rows]
    if records and list(records[0]) != header:
        raise AssertionError("event_cells() and CSV_COLUMNS disagree")  # a bug, not content
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([list(record.values()) for record in records])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
