"""Findings as open data: ``api/overlaps.json`` and its JSON Schema (pure renderers)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from generator import urls
from generator.context import BuildContext
from generator.coordination.model import KINDS, Finding
from generator.gcpause import collector_paused
from generator.writer import Outputs


def finding_data(finding: Finding) -> dict[str, Any]:
    """One finding as JSON-ready data (the keys of the issue first, then the details)."""
    shared = finding.shared
    return {
        "id": finding.id,
        "kind": finding.kind,
        "events": list(finding.events),
        "possible": finding.possible,
        "shared": {
            "audience": list(shared.audience),
            "countries": list(shared.countries),
            "topics": list(shared.topics),
        },
        "message": finding.message,
        "severity": finding.severity,
        "title": finding.title,
        "summary": finding.summary,
        "fix": finding.fix,
        "family": {
            "organizers": list(shared.organizers),
            "programs": list(shared.programs),
            "series": list(shared.series),
        },
        "first_day": finding.first_day.isoformat(),
        "last_day": finding.last_day.isoformat(),
        "overlap": (
            None
            if finding.overlap is None
            else {"first": finding.overlap[0].isoformat(), "last": finding.overlap[1].isoformat()}
        ),
        "gap_days": finding.gap_days,
        "distance_km": finding.distance_km,
        "acknowledges": finding.acknowledges,
    }


def findings_json(findings: Iterable[Finding], *, indent: int | None = 2) -> str:
    """``{"findings": [...]}`` as text, in the order given, ending with a newline."""
    with collector_paused():
        document = {"findings": [finding_data(f) for f in findings]}
        return json.dumps(document, ensure_ascii=False, indent=indent) + "\n"


def render_overlaps_json(ctx: BuildContext, findings: Sequence[Finding]) -> Outputs:
    """``api/overlaps.json``: every finding (past and upcoming) with stable ids.

    Besides the findings, the document holds the thresholds in force and each event's page
    URL.  The bytes depend only on the findings and settings, never on the clock.
    """
    with collector_paused():
        pages = {
            event_id: ctx.url(urls.event_page(event_id)) for f in findings for event_id in f.events
        }
        items = []
        for finding in findings:
            data = finding_data(finding)
            data["event_urls"] = [pages[event_id] for event_id in finding.events]
            items.append(data)
        document = {
            "thresholds": ctx.settings.coordination.model_dump(mode="json"),
            "findings": items,
        }
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
    outputs = Outputs()
    outputs.add(urls.API_OVERLAPS_JSON, text)
    return outputs


def _strings() -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string"}}


def _day() -> dict[str, Any]:
    return {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


OVERLAPS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "XC Clearinghouse coordination findings",
    "type": "object",
    "required": ["thresholds", "findings"],
    "additionalProperties": False,
    "properties": {
        "thresholds": {"type": "object"},
        "findings": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": [
                    "id",
                    "kind",
                    "events",
                    "possible",
                    "shared",
                    "message",
                    "severity",
                    "title",
                    "summary",
                    "fix",
                    "family",
                    "first_day",
                    "last_day",
                    "overlap",
                    "gap_days",
                    "distance_km",
                    "acknowledges",
                    "event_urls",
                ],
                "properties": {
                    "id": {"type": "string", "pattern": r"^[a-z-]+:[a-z0-9-]+:[a-z0-9-]+$"},
                    "kind": {"enum": list(KINDS)},
                    "events": {
                        "type": "array",
                        "items": {"type": "string"},
                        "minItems": 2,
                        "maxItems": 2,
                    },
                    "possible": {"type": "boolean"},
                    "shared": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["audience", "countries", "topics"],
                        "properties": {
                            "audience": _strings(),
                            "countries": _strings(),
                            "topics": _strings(),
                        },
                    },
                    "message": {"type": "string"},
                    "severity": {"enum": ["warning", "info"]},
                    "title": {"type": "string"},
                    "summary": {"type": "string"},
                    "fix": {"type": "string"},
                    "family": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["organizers", "programs", "series"],
                        "properties": {
                            "organizers": _strings(),
                            "programs": _strings(),
                            "series": _strings(),
                        },
                    },
                    "first_day": _day(),
                    "last_day": _day(),
                    "overlap": {
                        "oneOf": [
                            {"type": "null"},
                            {
                                "type": "object",
                                "additionalProperties": False,
                                "required": ["first", "last"],
                                "properties": {"first": _day(), "last": _day()},
                            },
                        ]
                    },
                    "gap_days": {"type": ["integer", "null"], "minimum": 1},
                    "distance_km": {"type": ["number", "null"], "minimum": 0},
                    "acknowledges": {"oneOf": [{"type": "null"}, {"enum": list(KINDS)}]},
                    "event_urls": {
                        "type": "array",
                        "items": {"type": "string", "format": "uri"},
                        "minItems": 2,
                        "maxItems": 2,
                    },
                },
            },
        },
    },
}
"""JSON Schema of ``api/overlaps.json`` (published at ``urls.api_schema("overlaps")``)."""


def render_overlaps_schema() -> Outputs:
    """``schema/api/overlaps.schema.json``."""
    outputs = Outputs()
    outputs.add(
        urls.api_schema("overlaps"),
        json.dumps(OVERLAPS_SCHEMA, ensure_ascii=False, indent=2) + "\n",
    )
    return outputs
