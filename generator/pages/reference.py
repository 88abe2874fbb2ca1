"""The field reference on /contribute/, generated from the record models' JSON Schemas."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.discovery import RECORD_TYPES
from generator.models import RECORD_MODELS
from generator.schema import record_schema

LONG_ENUM = 30


@dataclass(frozen=True)
class FieldDoc:
    """One row of the reference: name, whether required, type, allowed values, description."""

    name: str
    required: bool
    kind: str
    values: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class RecordDoc:
    """The fields of one record type (nested mappings are listed with dotted names)."""

    record_type: str
    summary: str
    fields: tuple[FieldDoc, ...]


def _describe(schema: dict[str, Any], defs: dict[str, Any]) -> tuple[str, tuple[str, ...], str]:
    """(type text, allowed values, nested definition name or "") of a property schema."""
    options = [s for s in schema.get("anyOf", [schema]) if s.get("type") != "null"]
    item = options[0] if options else schema
    if "$ref" in item:
        return "mapping", (), item["$ref"].rsplit("/", 1)[-1]
    if item.get("type") == "array":
        inner, values, nested = _describe(item.get("items", {}), defs)
        return f"list of {inner}", values, nested
    if "enum" in item:
        values = tuple(str(v) for v in item["enum"])
        if len(values) > LONG_ENUM:
            return "code", (), ""
        return "one of", values, ""
    if "pattern" in item and "\\d{4}" in item["pattern"]:
        return "date", (), ""
    if item.get("format") == "uri":
        return "link", (), ""
    if item.get("format") == "email":
        return "e-mail", (), ""
    return (
        {"string": "text", "integer": "number", "number": "number", "boolean": "true/false"}.get(
            str(item.get("type")), "text"
        ),
        (),
        "",
    )


def _field_rows(
    properties: dict[str, Any], required: set[str], prefix: str, defs: dict[str, Any]
) -> list[FieldDoc]:
    rows = []
    for name, prop in properties.items():
        kind, values, nested = _describe(prop, defs)
        rows.append(
            FieldDoc(
                name=prefix + name,
                required=name in required,
                kind=kind,
                values=values,
                description=str(prop.get("description", "")),
            )
        )
        if nested:
            child = defs[nested]
            separator = "[]." if kind.startswith("list") else "."
            rows += _field_rows(
                child["properties"],
                set(child.get("required", [])),
                f"{prefix}{name}{separator}",
                defs,
            )
    return rows


def field_reference() -> tuple[RecordDoc, ...]:
    """Every field of every record type, in model order."""
    docs = []
    for record_type in RECORD_TYPES[::-1]:
        schema = record_schema(record_type)
        rows = _field_rows(
            schema["properties"], set(schema.get("required", [])), "", schema.get("$defs", {})
        )
        docs.append(
            RecordDoc(
                record_type=record_type,
                summary=(RECORD_MODELS[record_type].__doc__ or "").strip().splitlines()[0],
                fields=tuple(rows),
            )
        )
    return tuple(docs)
