"""Validating one record: typed model validation plus rules that involve several fields.

Pydantic's errors are translated into sentences for organizers and placed at the line and
column of the offending key or value.  Rules that compare fields (end before start, times
without a time zone, …) run after the model has been built.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.discovery import RecordFile
from generator.models import RECORD_MODELS, Event, Program, RecordModel
from generator.problems import Problem, did_you_mean, quote_found
from generator.yamlsource import Loc, YamlDocument, resolve_plain_scalar

MAX_EVENT_DAYS = 366

ModelT = TypeVar("ModelT", bound=BaseModel)

# Keys people often write instead of the right one, per record type.
_KEY_HINTS: dict[str, dict[str, str]] = {
    "event": {
        "date": "start",
        "dates": "start and end",
        "start_date": "start",
        "end_date": "end",
        "begin": "start",
        "finish": "end",
        "organiser": "organizers",
        "organisers": "organizers",
        "organizer": "organizers",
        "organisation": "organizers",
        "host": "organizers",
        "hosts": "organizers",
        "partner": "partners",
        "program": "programs",
        "programme": "programs",
        "programmes": "programs",
        "topic": "topics",
        "audiences": "audience",
        "language": "languages",
        "report": "reports",
        "link": "links",
        "website": "url",
        "tz": "timezone",
        "time_zone": "timezone",
        "type": "kind",
        "name": "title",
        "city": "location: city:",
        "venue": "location: venue:",
        "online": "location: online:",
        "country": "location: country: (host) or countries: (participants)",
        "email": "contact: email:",
        "deadline": "registration: deadline:",
        "coordinated": "coordinated_with",
        "coordinated-with": "coordinated_with",
    },
    "program": {
        "title": "name",
        "type": "kind",
        "sponsor": "sponsors",
        "partner": "partners",
        "topic": "topics",
        "start": "start_year",
        "end": "end_year",
        "website": "url",
        "country": "countries",
    },
    "report": {
        "author": "authors",
        "date": "published",
        "type": "kind",
        "topic": "topics",
        "events": "event",
        "programs": "program",
        "website": "url",
    },
    "organization": {
        "title": "name",
        "type": "kind",
        "acronym": "short_name",
        "abbreviation": "short_name",
        "website": "url",
    },
}


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model class inside ``X | None``, ``tuple[X, ...]`` or ``Annotated[X, …]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, tuple, list):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel]:
    """The (nested) model class that owns the mapping at *loc*."""
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        inner = _inner_model(field.annotation) if field else None
        if inner is None:
            break
        model = inner
    return model


def _label(loc: Loc) -> str:
    label = ""
    for part in loc:
        label += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if label else part)
    return label


def _list_example(loc: Loc, value: Any) -> str:
    field = next((p for p in reversed(loc) if isinstance(p, str)), "topics")
    shown = value if isinstance(value, str) and value else "…"
    return f"{field}: [{shown}]"


_YAML11_BOOLS = {
    "yes": "true",
    "no": "false",
    "on": "true",
    "off": "false",
    "y": "true",
    "n": "false",
}
_UNQUOTED_TYPES: dict[type, tuple[type, ...]] = {bool: (bool,), int: (int,), float: (int, float)}


def _unquote_hint(loc: Loc, value: object, wanted: type) -> str:
    """A hint to drop the quotes when a quoted value would be right without them."""
    if not isinstance(value, str):
        return ""
    unquoted = value.strip()
    if type(resolve_plain_scalar(unquoted)) not in _UNQUOTED_TYPES[wanted]:
        return ""
    return f"; hint: remove the quotes: {loc[-1]}: {unquoted}"


def translate_error(error: ErrorDetails, model: type[BaseModel]) -> tuple[Loc, bool, str, str]:
    """(location, is-a-key, message, title) for one pydantic error."""
    kind = error["type"]
    loc: Loc = tuple(error["loc"])
    value = error.get("input")
    label = _label(loc)
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        key = str(loc[-1])
        fields = [f for f in owner.model_fields if f != "id" or owner is model]
        hint = ""
        key_hints = _KEY_HINTS.get(getattr(model, "record_type", ""), {})
        if owner is model and key.lower() in key_hints:
            hint = f' (did you mean "{key_hints[key.lower()]}"?)'
        hint = hint or did_you_mean(key, fields)
        where = f" in {_label(loc[:-1])}" if loc[:-1] else ""
        return (
            loc,
            True,
            f'unknown field "{key}"{where}{hint}; expected one of: {", ".join(fields)}',
            "Unknown field",
        )
    if kind == "missing":
        owner = _model_at(model, loc[:-1])
        field_info = owner.model_fields.get(str(loc[-1]))
        about = f" ({field_info.description})" if field_info and field_info.description else ""
        where = f" in {_label(loc[:-1])}" if loc[:-1] else ""
        return loc[:-1], False, f'missing required field "{loc[-1]}"{where}{about}', "Missing field"
    if kind in ("string_type",):
        hint = ""
        if isinstance(value, bool | int | float):
            hint = f'; hint: put it in quotes, e.g. {loc[-1]}: "{quote_found(value)}"'
        return loc, False, f"{label}: expected text, found {quote_found(value)}{hint}", "Wrong type"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return (
            loc,
            False,
            f"{label}: expected a whole number, found {quote_found(value)}"
            f"{_unquote_hint(loc, value, int)}",
            "Wrong type",
        )
    if kind in ("float_type", "float_parsing", "finite_number"):
        return (
            loc,
            False,
            f"{label}: expected a number, found {quote_found(value)}"
            f"{_unquote_hint(loc, value, float)}",
            "Wrong type",
        )
    if kind in ("bool_type", "bool_parsing"):
        hint = _unquote_hint(loc, value, bool)
        if not hint and isinstance(value, str) and value.lower() in _YAML11_BOOLS:
            hint = f"; hint: write {loc[-1]}: {_YAML11_BOOLS[value.lower()]}"
        return (
            loc,
            False,
            f"{label}: expected true or false, found {quote_found(value)}{hint}",
            "Wrong type",
        )
    if kind in ("tuple_type", "list_type"):
        return (
            loc,
            False,
            f"{label}: expected a list, found {quote_found(value)}; hint: write "
            f"{_list_example(loc, value)} or one '- item' per line",
            "Wrong type",
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        names = ", ".join(_model_at(model, loc).model_fields)
        return (
            loc,
            False,
            f"{label}: expected a mapping with fields such as {names}, found {quote_found(value)}",
            "Wrong type",
        )
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = {
            "greater_than_equal": f"at least {ctx.get('ge')}",
            "less_than_equal": f"at most {ctx.get('le')}",
            "greater_than": f"more than {ctx.get('gt')}",
            "less_than": f"less than {ctx.get('lt')}",
        }[kind]
        return loc, False, f"{label}: must be {bound}, found {quote_found(value)}", "Out of range"
    if kind == "too_long":
        return (
            loc,
            False,
            f"{label}: too many items ({ctx.get('actual_length')}), the limit is "
            f"{ctx.get('max_length')}",
            "Too many items",
        )
    message = str(error["msg"])
    return loc, False, f"{label}: {message}" if label else message, "Invalid value"


def _without_misspelt_missing(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """*errors* without "missing field" errors that a misspelt key already explains.

    ``titel:`` gives an unknown-field error whose hint is "title"; also reporting that
    ``title`` is missing would say the same thing twice.
    """
    unknown: dict[Loc, list[str]] = {}
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            unknown.setdefault(loc[:-1], []).append(str(loc[-1]).lower())
    if not unknown:
        return errors
    kept = []
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "missing" and difflib.get_close_matches(
            str(loc[-1]), unknown.get(loc[:-1], []), n=1, cutoff=0.6
        ):
            continue
        kept.append(error)
    return kept


def validate_mapping(
    model_class: type[ModelT],
    document: YamlDocument,
    display: str,
    context: dict[str, Any] | None = None,
) -> tuple[ModelT | None, list[Problem]]:
    """Validate a loaded YAML mapping as *model_class*; every error gets a file position."""
    try:
        return model_class.model_validate(document.data, context=context), []
    except ValidationError as errors:
        problems = []
        for error in _without_misspelt_missing(errors.errors(include_url=False)):
            loc, is_key, message, title = translate_error(error, model_class)
            pos = document.position(loc, key=is_key)
            problems.append(Problem(display, pos.line, pos.col, message, title=title))
        return None, problems


def validate_record(
    record_file: RecordFile, document: YamlDocument
) -> tuple[RecordModel | None, list[Problem]]:
    """Validate one loaded file as its record type; returns the model (if valid) and problems."""
    record, problems = validate_mapping(
        RECORD_MODELS[record_file.record_type],
        document,
        record_file.display,
        {"file_id": record_file.record_id},
    )
    if record is None:
        return None, problems
    return record, list(_rule_problems(record, record_file, document))


def _rule_problems(
    record: RecordModel, record_file: RecordFile, document: YamlDocument
) -> Iterator[Problem]:
    def at(loc: Loc, message: str, title: str, severity: str = "error") -> Problem:
        pos = document.position(loc)
        return Problem(
            record_file.display,
            pos.line,
            pos.col,
            message,
            severity="warning" if severity == "warning" else "error",
            title=title,
        )

    if isinstance(record, Event):
        yield from _event_rules(record, at)
    elif (
        isinstance(record, Program)
        and record.start_year
        and record.end_year
        and record.end_year < record.start_year
    ):
        yield at(
            ("end_year",),
            f"end_year {record.end_year} is before start_year {record.start_year}",
            "End before start",
        )


def _nonexistent_local_time(local: datetime, zone: ZoneInfo) -> bool:
    aware = local.replace(tzinfo=zone)
    round_trip = aware.astimezone(ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None)
    return round_trip != local


def _event_rules(event: Event, at: Any) -> Iterator[Problem]:
    start, end = event.start, event.end
    if end is not None and end.precision != start.precision:
        forms = {"month": "a month (YYYY-MM)", "day": "a date (YYYY-MM-DD)", "minute": "a time"}
        yield at(
            ("end",),
            f"end is written as {forms[end.precision]} but start as {forms[start.precision]}; "
            "hint: write both the same way",
            "Mismatched dates",
        )
        return
    if end is not None and end < start:
        yield at(
            ("end",),
            f"end ({end}) is before start ({start}); hint: end is the last day, inclusive — "
            "are start and end swapped?",
            "End before start",
        )
        return
    if event.is_timed:
        if event.timezone is None:
            yield at(
                ("start",),
                f"start has a time ({start}) but there is no timezone; hint: add a line such as "
                "timezone: Asia/Tokyo (an IANA time-zone name)",
                "Time without timezone",
            )
            return
        if end is None:
            yield at(
                ("start",),
                "an event with a start time needs an end time; hint: add end: "
                f"{start.first_day().isoformat()}T17:00 (or write dates without times)",
                "Missing end time",
            )
            return
        zone = ZoneInfo(event.timezone)
        for name, value in (("start", start), ("end", end)):
            if _nonexistent_local_time(value.local_datetime(), zone):
                yield at(
                    (name,),
                    f"{value} does not exist in {event.timezone}: the clocks skip that hour "
                    "(daylight-saving change); hint: use a time outside the skipped hour",
                    "Nonexistent local time",
                )
                return
        utc_start, utc_end = event.utc_span()
        if utc_end <= utc_start:
            yield at(
                ("end",), f"end ({end}) must be later than start ({start})", "End before start"
            )
            return
    if (event.last_day - event.first_day) > timedelta(days=MAX_EVENT_DAYS):
        yield at(
            ("end",),
            f"the event would last more than {MAX_EVENT_DAYS} days ({start} to {event.last}); "
            "hint: long efforts are programs (content/programs/), not events",
            "Event too long",
        )
    location = event.location
    if location is not None and (location.lat is None) != (location.lon is None):
        missing = "lon" if location.lon is None else "lat"
        yield at(
            ("location",),
            f"location has {'lat' if missing == 'lon' else 'lon'} but no {missing}; give both or "
            "neither",
            "Incomplete coordinates",
        )
    if event.id in event.coordinated_with:
        index = event.coordinated_with.index(event.id)
        yield at(
            ("coordinated_with", index),
            "an event cannot be coordinated with itself; hint: list the other event's id",
            "Self reference",
        )
    registration = event.registration
    if (
        registration is not None
        and registration.deadline is not None
        and registration.deadline > event.last_day
    ):
        yield at(
            ("registration", "deadline"),
            f"registration deadline {registration.deadline} is after the event ends "
            f"({event.last_day}); check the date",
            "Late deadline",
            "warning",
        )
