"""Low-level iCalendar text: TEXT escaping, date values and folded content lines.

Calendars are assembled from bytes, so these helpers produce exactly what icalendar
writes (``tests/test_calendars_serializer.py`` compares them byte for byte with
icalendar's output, on fixtures and on generated text), only without building a
component object per event.  Folding follows icalendar's rules — lines of at most 75
octets, never inside a UTF-8 character, never right after the backslash of an escape —
but works on bytes: icalendar's per-character loop took most of the time of rendering
10,000 events.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from icalendar import vText

CRLF = b"\r\n"
FOLD_OCTETS = 75
"""Content lines are folded when they reach this many octets (RFC 5545, section 3.1)."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_text(value: str) -> str:
    r"""An RFC 5545 TEXT value: ``\``, ``;``, ``,`` and line breaks escaped.

    The same as icalendar's ``vText`` with two deliberate differences: a literal
    backslash followed by ``N`` stays literal (icalendar reads ``\N`` in Python text as a
    line break), and control characters other than tab and line breaks, which the
    validator already rejects, are dropped instead of being written raw.
    """
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(value):
        value = _CONTROL.sub("", value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


class PlainText(vText):
    """A TEXT value for icalendar components that is escaped with :func:`escape_text`."""

    __slots__ = ()

    def to_ical(self) -> bytes:
        """The escaped value as UTF-8."""
        return escape_text(str(self)).encode("utf-8")


def fold(line: bytes) -> bytes:
    """*line* (UTF-8, no line break) folded as icalendar folds it, without the final CRLF.

    Every physical line holds at most 74 octets of the content line (75 with the space
    that starts a continuation), cut only between UTF-8 characters; a ``\\`` or ``^``
    that would end a piece moves to the next one, so an escape is never split.
    """
    end = len(line)
    if end < FOLD_OCTETS:
        return line
    pieces = []
    start = 0
    while end - start >= FOLD_OCTETS:
        cut = start + FOLD_OCTETS - 1
        while line[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back to its lead
            cut -= 1
        if line[cut - 1] in b"\\^" and cut - 1 > start:
            cut -= 1
        pieces.append(line[start:cut])
        start = cut
    pieces.append(line[start:])
    return b"\r\n ".join(pieces)


def content_line(name: str, value: str, params: str = "") -> bytes:
    """One content line ``NAME;PARAMS:value`` with its CRLF, folded when it is long.

    *value* must already be in iCalendar form (see :func:`escape_text`); *params* is
    empty or starts with ``;``.
    """
    return fold(f"{name}{params}:{value}".encode()) + CRLF


def date_value(day: date) -> str:
    """A DATE value, ``YYYYMMDD``."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def utc_value(moment: datetime) -> str:
    """A UTC DATE-TIME value, ``YYYYMMDDTHHMMSSZ`` (*moment* must be aware)."""
    utc = moment.astimezone(UTC)
    return (
        f"{utc.year:04d}{utc.month:02d}{utc.day:02d}"
        f"T{utc.hour:02d}{utc.minute:02d}{utc.second:02d}Z"
    )


def float_value(number: float) -> str:
    """A FLOAT value as icalendar writes it, but never in exponent notation."""
    text = repr(float(number))
    if "e" in text or "E" in text:
        text = f"{number:.10f}".rstrip("0")
        if text.endswith("."):
            text += "0"
    return text
