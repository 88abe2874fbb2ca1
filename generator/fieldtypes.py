"""Field types shared by the record models: ids, dates, countries, time zones, URLs, text.

Every validator raises :class:`pydantic_core.PydanticCustomError` with a complete sentence
that says what was expected, what was found and, where possible, a hint.  The validation
stage adds the file position.  Each type also declares its JSON Schema, so the schemas that
editors use are generated from the same definitions.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn
from urllib.parse import urlsplit

import pycountry
from pydantic import (
    AfterValidator,
    GetCoreSchemaHandler,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError, core_schema

from generator.pages.richtext import URL_SCHEMES, markdown_targets
from generator.problems import did_you_mean, quote_found
from generator.vocabulary import vocabulary

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$"
_ID_RE = re.compile(ID_PATTERN)


def fail(kind: str, message: str) -> NoReturn:
    """Raise a validation error whose message is *message*, verbatim."""
    raise PydanticCustomError(kind, "{message}", {"message": message})


# --- identifiers -----------------------------------------------------------------------


def title_slug(text: str) -> str:
    """The lowercase ASCII words of *text* joined by hyphens, at most 80 characters.

    Empty (or shorter than an id) when *text* has almost no Latin letters or digits, e.g.
    a title written in Chinese; callers then choose an id another way.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:80].strip("-")


def slugify(text: str) -> str:
    """A valid id made from *text* (``"Tokyo Seminar 2007"`` → ``"tokyo-seminar-2007"``)."""
    slug = title_slug(text)
    if len(slug) >= 3:
        return slug
    return f"{slug}-record" if slug else "record"


def is_valid_id(value: str) -> bool:
    """True when *value* is a lowercase ``[a-z0-9-]`` id of 3–80 characters."""
    return bool(_ID_RE.match(value))


def id_problem(value: str) -> str | None:
    """Why *value* is not a valid id (a sentence), or None when it is valid."""
    if is_valid_id(value):
        return None
    return (
        f"{quote_found(value)} is not a valid id: use 3–80 lowercase letters, digits and "
        f'hyphens, starting and ending with a letter or digit (e.g. "{slugify(value)}")'
    )


def _check_id(value: str) -> str:
    problem = id_problem(value)
    if problem:
        fail("record_id", problem)
    return value


if TYPE_CHECKING:
    RecordId = str
else:
    RecordId = Annotated[
        str,
        AfterValidator(_check_id),
        WithJsonSchema({"type": "string", "pattern": ID_PATTERN}),
    ]


# --- dates -----------------------------------------------------------------------------

Precision = Literal["month", "day", "minute"]
_PLAIN_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_DATE_RE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2}))?)?\Z")
_FORMS = {
    "month": "YYYY-MM (month only)",
    "day": "YYYY-MM-DD",
    "minute": "YYYY-MM-DDTHH:MM (with timezone)",
}


@dataclass(frozen=True, order=True)
class EventDate:
    """A date as precise as the organizer knows it: a month, a day, or a local time.

    Times are local to the event's ``timezone``; they carry no zone themselves.
    """

    year: int
    month: int
    day: int | None = None
    hour: int | None = None
    minute: int | None = None

    @property
    def precision(self) -> Precision:
        """``"month"``, ``"day"`` or ``"minute"``."""
        if self.day is None:
            return "month"
        return "day" if self.hour is None else "minute"

    def first_day(self) -> date:
        """The first calendar day this value covers."""
        return date(self.year, self.month, self.day or 1)

    def last_day(self) -> date:
        """The last calendar day this value covers (month end for month-only values)."""
        if self.day is None:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, self.month, self.day)

    def local_datetime(self) -> datetime:
        """Naive local date-time (midnight for dates, first of month for months)."""
        return datetime(self.year, self.month, self.day or 1, self.hour or 0, self.minute or 0)

    def __str__(self) -> str:
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        text = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.hour is not None:
            text += f"T{self.hour:02d}:{self.minute:02d}"
        return text

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_plain_validator_function(
            lambda value: parse_event_date(value, ("month", "day", "minute")),
            serialization=core_schema.to_string_ser_schema(),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return dict(EVENT_DATE_SCHEMA)


def _not_a_real_date(
    value: str, year: int, month: int, hour: int | None = None, minute: int | None = None
) -> str:
    """Why a well-formed *value* names no real day or time, with the valid range as a hint."""
    if not 1 <= month <= 12:
        hint = "months run from 01 to 12"
    elif hour is not None and hour > 23:
        hint = "hours run from 00 to 23"
    elif minute is not None and minute > 59:
        hint = "minutes run from 00 to 59"
    else:
        days = calendar.monthrange(year, month)[1]
        hint = f"{calendar.month_name[month]} {year} has {days} days"
    return f"{quote_found(value)} is not a real date or time; hint: {hint}"


def parse_event_date(value: Any, allowed: tuple[Precision, ...]) -> EventDate:
    """Parse ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM`` (as *allowed*)."""
    if isinstance(value, EventDate):
        parsed = value
    elif isinstance(value, str) and len(value) == 10 and _PLAIN_DAY_RE.match(value):
        try:  # the common case, parsed in C
            day_value = date.fromisoformat(value)
        except ValueError:
            fail("date_value", _not_a_real_date(value, int(value[:4]), int(value[5:7])))
        if not 1900 <= day_value.year <= 2200:
            fail("date_value", f"year {day_value.year} is out of range; expected 1900 to 2200")
        parsed = EventDate(day_value.year, day_value.month, day_value.day)
    elif isinstance(value, datetime):
        parsed = EventDate(value.year, value.month, value.day, value.hour, value.minute)
    elif isinstance(value, date):
        parsed = EventDate(value.year, value.month, value.day)
    else:
        if not isinstance(value, str):
            forms = " or ".join(_FORMS[p] for p in allowed)
            fail("date_type", f"expected a date written as {forms}, found {quote_found(value)}")
        match = _DATE_RE.match(value.strip())
        if not match:
            forms = " or ".join(_FORMS[p] for p in allowed)
            hint = ""
            if re.match(r"\d{1,2}[/.]\d{1,2}[/.]\d{4}", value):
                hint = "; hint: write year first, e.g. 2007-02-06"
            elif re.match(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}", value):
                hint = "; hint: leave out the seconds, e.g. 2007-02-06T09:30"
            fail(
                "date_format",
                f"expected a date written as {forms}, found {quote_found(value)}{hint}",
            )
        year, month, day, hour, minute = (int(g) if g else None for g in match.groups())
        assert year is not None and month is not None
        parsed = EventDate(year, month, day, hour, minute)
        try:
            datetime(year, month, day or 1, hour or 0, minute or 0)
        except ValueError:
            fail("date_value", _not_a_real_date(value, year, month, hour, minute))
        if not 1900 <= year <= 2200:
            fail("date_value", f"year {year} is out of range; expected 1900 to 2200")
    if parsed.precision not in allowed:
        forms = " or ".join(_FORMS[p] for p in allowed)
        fail(
            "date_precision",
            f"expected a date written as {forms}, found {quote_found(str(parsed))}",
        )
    return parsed


def _date_schema(allowed: tuple[Precision, ...], description: str) -> dict[str, Any]:
    patterns = {
        "month": r"\d{4}-\d{2}",
        "day": r"\d{4}-\d{2}-\d{2}",
        "minute": r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}",
    }
    pattern = "^(" + "|".join(patterns[p] for p in allowed) + ")$"
    return {"type": "string", "pattern": pattern, "description": description}


def _parse_day(value: Any) -> date:
    return parse_event_date(value, ("day",)).first_day()


if TYPE_CHECKING:
    DayDate = date
    MonthOrDay = EventDate
else:
    DayDate = Annotated[
        date,
        PlainValidator(_parse_day),
        PlainSerializer(lambda d: d.isoformat(), return_type=str),
        WithJsonSchema(_date_schema(("day",), "A date: YYYY-MM-DD.")),
    ]
    MonthOrDay = Annotated[
        EventDate,
        PlainValidator(lambda v: parse_event_date(v, ("month", "day"))),
        PlainSerializer(str, return_type=str),
        WithJsonSchema(_date_schema(("month", "day"), "A date (YYYY-MM-DD) or a month (YYYY-MM).")),
    ]

EVENT_DATE_SCHEMA = _date_schema(
    ("month", "day", "minute"),
    "YYYY-MM-DD, YYYY-MM-DDTHH:MM (local time, needs timezone) or YYYY-MM (month only).",
)


def days_between(first: date, last: date) -> int:
    """Whole days from *first* to *last* (negative when *last* is earlier)."""
    return (last - first) // timedelta(days=1)


# --- places and languages --------------------------------------------------------------


@cache
def _country_codes() -> tuple[str, ...]:
    return tuple(sorted(c.alpha_2 for c in pycountry.countries))


@cache
def _country_code_set() -> frozenset[str]:
    return frozenset(_country_codes())


_COMMON_COUNTRY_MISTAKES = {"UK": "GB", "EN": "GB", "KO": "KR", "JA": "JP", "RK": "KR"}


def _check_country(value: str) -> str:
    if value in _country_code_set():
        return value
    hint = ""
    if value.upper() in _country_codes():
        hint = f' (did you mean "{value.upper()}"? codes are written in capitals)'
    elif value.upper() in _COMMON_COUNTRY_MISTAKES:
        code = _COMMON_COUNTRY_MISTAKES[value.upper()]
        hint = f' (did you mean "{code}", {pycountry.countries.lookup(code).name}?)'
    else:
        try:
            country = pycountry.countries.lookup(value)
            hint = f' (did you mean "{country.alpha_2}", {country.name}?)'
        except LookupError:
            hint = ""
    fail(
        "country",
        f"{quote_found(value)} is not an ISO 3166-1 alpha-2 country code; expected two capital "
        f'letters such as "JP" or "SG"{hint}',
    )


@cache
def _language_codes() -> dict[str, str]:
    return {lang.alpha_2: lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")}


def _check_language(value: str) -> str:
    codes = _language_codes()
    if value in codes:
        return value
    hint = did_you_mean(value, codes)
    if not hint:
        by_name = {name.lower(): code for code, name in codes.items()}
        if value.lower() in by_name:
            hint = f' (did you mean "{by_name[value.lower()]}", {value.title()}?)'
    fail(
        "language",
        f"{quote_found(value)} is not an ISO 639-1 language code; expected two letters such as "
        f'"en" or "ja"{hint}',
    )


@cache
def _timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


_ZONE_ABBREVIATIONS = {
    "JST": "Asia/Tokyo",
    "KST": "Asia/Seoul",
    "CST": "Asia/Shanghai",
    "HKT": "Asia/Hong_Kong",
    "SGT": "Asia/Singapore",
    "MYT": "Asia/Kuala_Lumpur",
    "PHT": "Asia/Manila",
    "ICT": "Asia/Bangkok",
    "WIB": "Asia/Jakarta",
    "IST": "Asia/Kolkata",
    "PKT": "Asia/Karachi",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
    "NZST": "Pacific/Auckland",
    "NZDT": "Pacific/Auckland",
    "CET": "Europe/Brussels",
    "CEST": "Europe/Brussels",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
}
"""Common abbreviations organizers write, and the zone they most likely mean here."""


def _check_timezone(value: str) -> str:
    if value in _timezones() and value not in {"localtime", "Factory"}:
        return value
    meant = _ZONE_ABBREVIATIONS.get(value.upper())
    hint = (
        f' (did you mean "{meant}"? abbreviations are ambiguous and ignore summer time)'
        if meant
        else did_you_mean(value, _timezones())
    )
    fail(
        "timezone",
        f'{quote_found(value)} is not an IANA time zone; expected a name such as "Asia/Tokyo" or '
        f'"Asia/Singapore"{hint}',
    )


if TYPE_CHECKING:
    CountryCode = str
    LanguageCode = str
    TimeZoneName = str
else:
    CountryCode = Annotated[
        str,
        AfterValidator(_check_country),
        WithJsonSchema({"type": "string", "enum": list(_country_codes())}),
    ]
    LanguageCode = Annotated[
        str,
        AfterValidator(_check_language),
        WithJsonSchema({"type": "string", "enum": sorted(_language_codes())}),
    ]
    TimeZoneName = Annotated[
        str,
        AfterValidator(_check_timezone),
        WithJsonSchema({"type": "string", "examples": ["Asia/Tokyo", "Asia/Singapore"]}),
    ]


# --- links and e-mail ------------------------------------------------------------------

_EMAIL_RE = re.compile(
    r"[^@\s<>\"'(),;:\[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?\.[A-Za-z]{2,}\Z"
)
_UNSAFE_URL_CHARS = re.compile(r"[\s<>\"'`\\^{}|\x00-\x1f\x7f]")


def _check_url(value: str, schemes: tuple[str, ...]) -> str:
    allowed = " or ".join(f"{s}:" for s in schemes)
    if _UNSAFE_URL_CHARS.search(value):
        fail(
            "url",
            f"{quote_found(value)} is not a valid link: it contains spaces, quotes or other "
            "characters that must be percent-encoded",
        )
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme not in schemes:
        found = f'"{scheme}:"' if scheme else "no scheme"
        hint = ""
        if not scheme and "." in value:
            hint = f' (did you mean "https://{value.lstrip("/")}"?)'
        fail("url_scheme", f"links must start with {allowed}, found {found}{hint}")
    if scheme in ("http", "https") and not parts.hostname:
        fail(
            "url", f"{quote_found(value)} has no host name; expected e.g. https://www.example.org/"
        )
    if scheme == "mailto" and not _EMAIL_RE.match(parts.path):
        fail("url", f"{quote_found(value)} is not a valid mailto: link")
    return value


def _check_email(value: str) -> str:
    if not _EMAIL_RE.match(value):
        fail(
            "email",
            f"{quote_found(value)} is not a valid e-mail address; expected e.g. name@example.org",
        )
    return value


if TYPE_CHECKING:
    WebUrl = str
    LinkUrl = str
    Email = str
else:
    WebUrl = Annotated[
        str,
        AfterValidator(lambda v: _check_url(v, ("https", "http"))),
        WithJsonSchema(
            {"type": "string", "format": "uri", "pattern": "^https?://", "maxLength": 2000}
        ),
    ]
    LinkUrl = Annotated[
        str,
        AfterValidator(lambda v: _check_url(v, ("https", "http", "mailto"))),
        WithJsonSchema(
            {
                "type": "string",
                "format": "uri",
                "pattern": "^(https?://|mailto:)",
                "maxLength": 2000,
            }
        ),
    ]
    Email = Annotated[
        str,
        AfterValidator(_check_email),
        WithJsonSchema({"type": "string", "format": "email", "maxLength": 254}),
    ]


# --- text ------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _check_text(value: str, *, single_line: bool, limit: int) -> str:
    if single_line and ("\n" in value or "\r" in value):
        fail("single_line", "must be a single line; hint: remove the line break")
    bad = _CONTROL.search(value)
    if bad:
        fail(
            "control_character",
            f"contains an invisible control character (U+{ord(bad.group()):04X}); "
            "hint: retype the text instead of pasting it",
        )
    if "\t" in value and single_line:
        fail("control_character", "contains a tab character; hint: use spaces")
    if not value.strip():
        fail("empty_text", "must not be empty; hint: remove the line or fill it in")
    if len(value) > limit:
        fail("text_too_long", f"is too long: {len(value):,} characters, the limit is {limit:,}")
    return value


def line_type(limit: int) -> Any:
    """A one-line text field of at most *limit* characters."""
    return Annotated[
        str,
        AfterValidator(lambda v: _check_text(v, single_line=True, limit=limit)),
        WithJsonSchema({"type": "string", "minLength": 1, "maxLength": limit}),
    ]


def text_type(limit: int) -> Any:
    """A multi-line text field (Markdown where documented) of at most *limit* characters."""
    return Annotated[
        str,
        AfterValidator(lambda v: _check_text(v, single_line=False, limit=limit)),
        WithJsonSchema({"type": "string", "minLength": 1, "maxLength": limit}),
    ]


def _check_markdown(value: str, limit: int) -> str:
    """A text field in Markdown: plain checks, plus links only to http(s) and mailto and
    no images (the links are those the site's Markdown converter finds)."""
    _check_text(value, single_line=False, limit=limit)
    links, images = markdown_targets(value)
    for alt, source in images:
        fail(
            "markdown_image",
            "images are not shown on the site (pages load nothing from other hosts); "
            f"hint: link to it instead: [{alt or 'image'}]({source})",
        )
    for target in links:
        if urlsplit(target).scheme.lower() not in URL_SCHEMES:
            fail(
                "url_scheme",
                f"the link {quote_found(target)} must start with https:, http: or mailto:; "
                "hint: write the full address, e.g. https://www.example.org/page",
            )
    return value


def markdown_type(limit: int) -> Any:
    """A Markdown text field of at most *limit* characters whose links are http(s)/mailto."""
    return Annotated[
        str,
        AfterValidator(lambda v: _check_markdown(v, limit)),
        WithJsonSchema({"type": "string", "minLength": 1, "maxLength": limit}),
    ]


def vocab_type(name: str, noun: str) -> Any:
    """A string restricted to the vocabulary *name*; errors call a value a *noun*."""
    vocab = vocabulary(name)

    def check(value: str) -> str:
        if value in vocab:
            return value
        fail(
            "vocabulary",
            f"{quote_found(value)} is not a known {noun}; expected one of: "
            f"{', '.join(vocab.values)}{did_you_mean(value, vocab.values)}",
        )

    return Annotated[
        str,
        AfterValidator(check),
        WithJsonSchema(
            {
                "type": "string",
                "enum": list(vocab.values),
                "description": "; ".join(f"{t.value}: {t.label}" for t in vocab.terms),
            }
        ),
    ]


def unique_items(noun: str) -> AfterValidator:
    """A validator that rejects a list naming the same value twice."""

    def check(values: tuple[Any, ...]) -> tuple[Any, ...]:
        seen: set[Any] = set()
        for value in values:
            if value in seen:
                fail("duplicate_item", f"{noun} {quote_found(value)} is listed twice")
            seen.add(value)
        return values

    return AfterValidator(check)
