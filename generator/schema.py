"""JSON Schemas for the record files, generated from the models (the one source of truth).

Editors with the YAML language server read them through the comment on the first line of
every record, ``# yaml-language-server: $schema=../../schema/event.schema.json``, and then
autocomplete field names and underline mistakes as organizers type.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from generator.discovery import RECORD_TYPES
from generator.models import RECORD_MODELS

SCHEMA_DIR = Path("schema")
PROJECT_SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
"""The repository's schema folder (present in a source checkout or an editable install)."""
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_file_name(record_type: str) -> str:
    """``event`` → ``event.schema.json``."""
    return f"{record_type}.schema.json"


def record_schema(record_type: str) -> dict[str, Any]:
    """The JSON Schema of one record type."""
    model = RECORD_MODELS[record_type]
    schema: dict[str, Any] = {"$schema": JSON_SCHEMA_DIALECT}
    schema.update(model.model_json_schema())
    schema["properties"]["id"].pop("default", None)
    schema["title"] = f"XC Clearinghouse {record_type} record"
    return schema


def render_record_schemas() -> dict[str, str]:
    """File name → JSON text for every record type (stable formatting, trailing newline)."""
    return {
        schema_file_name(record_type): json.dumps(
            record_schema(record_type), indent=2, ensure_ascii=False
        )
        + "\n"
        for record_type in RECORD_TYPES
    }


def schema_folder(content_dir: Path) -> Path:
    """The schema folder that records in *content_dir* point at.

    It sits beside the content folder (``content/`` and ``schema/`` in the repository
    root); a separate content tree without one points at the repository's own.
    """
    beside = content_dir.resolve().parent / SCHEMA_DIR.name
    if beside.is_dir():
        return beside
    return PROJECT_SCHEMA_DIR if PROJECT_SCHEMA_DIR.is_dir() else SCHEMA_DIR


def modeline(record_type: str, record_path: Path, schema_dir: Path = SCHEMA_DIR) -> str:
    """The ``# yaml-language-server`` comment pointing from *record_path* to its schema."""
    target = schema_dir.resolve() / schema_file_name(record_type)
    relative = os.path.relpath(target, record_path.resolve().parent)
    return f"# yaml-language-server: $schema={Path(relative).as_posix()}"
