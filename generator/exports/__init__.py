"""Open data: every record as JSON (with JSON Schemas) and the events as CSV.

``render_exports`` returns, in memory:

* ``api/events.json``, ``api/programs.json``, ``api/reports.json``,
  ``api/organizations.json``: ``{"$schema": <schema URL>, "<name>": [rows…]}`` with rows
  sorted by id, references resolved (id, name, page URL), ISO dates, page and calendar URLs
  (see :mod:`generator.exports.models`);
* ``schema/api/<name>.schema.json``: the JSON Schema (draft 2020-12) of each file,
  generated from the same models;
* ``api/events.csv``: one row per event (see :mod:`generator.exports.table`).

Output is deterministic: rows sorted by id, keys in model order, no build time.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from generator import urls
from generator.context import BuildContext
from generator.exports.models import (
    EXPORT_MODELS,
    EventsExport,
    ExportModel,
    OrganizationsExport,
    ProgramsExport,
    ReportsExport,
)
from generator.exports.rows import event_rows, organization_rows, program_rows, report_rows
from generator.exports.table import CSV_COLUMNS, CsvColumn, events_csv
from generator.gcpause import collector_paused
from generator.schema import JSON_SCHEMA_DIALECT
from generator.writer import Outputs

API_PATHS = {
    "events": urls.API_EVENTS_JSON,
    "programs": urls.API_PROGRAMS_JSON,
    "reports": urls.API_REPORTS_JSON,
    "organizations": urls.API_ORGANIZATIONS_JSON,
}
"""Export name → path of its JSON file."""

__all__ = ["API_PATHS", "CSV_COLUMNS", "CsvColumn", "export_schema", "render_exports"]


def export_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one export file (``events``, ``programs``, …)."""
    schema: dict[str, Any] = json.loads(_schema_text(name))
    return schema


@cache
def _schema_text(name: str) -> str:
    """The schema as published (generated once per process: it depends only on code)."""
    model = EXPORT_MODELS[name]
    schema: dict[str, Any] = {"$schema": JSON_SCHEMA_DIALECT}
    schema.update(model.model_json_schema(by_alias=True, mode="serialization"))
    schema["title"] = f"XC Clearinghouse {name} export"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _json(model: ExportModel) -> bytes:
    return model.model_dump_json(by_alias=True).encode("utf-8") + b"\n"


def render_exports(ctx: BuildContext) -> Outputs:
    """The JSON and CSV exports and their JSON Schemas (paths from :mod:`generator.urls`)."""
    with collector_paused():
        events = event_rows(ctx)

        def schema_url(name: str) -> str:
            return ctx.url(urls.api_schema(name))

        documents: dict[str, ExportModel] = {
            "events": EventsExport.model_construct(schema_url=schema_url("events"), events=events),
            "programs": ProgramsExport.model_construct(
                schema_url=schema_url("programs"), programs=program_rows(ctx)
            ),
            "reports": ReportsExport.model_construct(
                schema_url=schema_url("reports"), reports=report_rows(ctx)
            ),
            "organizations": OrganizationsExport.model_construct(
                schema_url=schema_url("organizations"), organizations=organization_rows(ctx)
            ),
        }
        outputs = Outputs()
        for name, document in documents.items():
            outputs.add(API_PATHS[name], _json(document))
            outputs.add(urls.api_schema(name), _schema_text(name))
        outputs.add(urls.API_EVENTS_CSV, events_csv(events))
    return outputs
