"""JSON Schemas generated from the models: current, and agreeing with the validator."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.cli import main
from generator.discovery import RECORD_TYPES, folder_name
from generator.schema import render_record_schemas
from tests.conftest import REPO_ROOT

SCHEMA_DIR = REPO_ROOT / "schema"


def _records(record_type: str) -> list[Path]:
    folder = REPO_ROOT / "content" / folder_name(record_type)
    return sorted(folder.rglob("*.yml"))


def test_schema_files_are_current() -> None:
    for name, text in render_record_schemas().items():
        assert (SCHEMA_DIR / name).read_text("utf-8") == text, (
            f"schema/{name} is out of date; run `clearinghouse schema`"
        )


def test_schema_check_command_detects_stale_files(tmp_path: Path) -> None:
    assert main(["schema", "--out", str(tmp_path)]) == 0
    assert main(["schema", "--out", str(tmp_path), "--check"]) == 0
    (tmp_path / "event.schema.json").write_text("{}")
    assert main(["schema", "--out", str(tmp_path), "--check"]) == 1


@pytest.mark.parametrize("record_type", RECORD_TYPES)
def test_every_shipped_record_validates_against_its_schema(record_type: str) -> None:
    schema = json.loads((SCHEMA_DIR / f"{record_type}.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    paths = _records(record_type)
    assert paths
    for path in paths:
        data = yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
        # PyYAML (YAML 1.1) turns dates into date objects; the files hold them as text.
        data = json.loads(json.dumps(data, default=str))
        errors = sorted(validator.iter_errors(data), key=str)
        assert not errors, f"{path}: {errors[0].message}"


@pytest.mark.parametrize("record_type", RECORD_TYPES)
def test_every_shipped_record_points_editors_at_its_schema(record_type: str) -> None:
    for path in _records(record_type):
        first_line = path.read_text("utf-8").splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first_line.startswith(prefix), path
        target = (path.parent / first_line[len(prefix) :]).resolve()
        assert target == (SCHEMA_DIR / f"{record_type}.schema.json").resolve(), path


def test_schema_rejects_what_the_validator_rejects() -> None:
    schema = json.loads((SCHEMA_DIR / "event.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    good = {"title": "x", "kind": "seminar", "start": "2030-01-02"}
    assert not list(validator.iter_errors(good))
    for bad in (
        {**good, "titel": "x"},
        {**good, "kind": "semnar"},
        {**good, "start": "02/01/2030"},
        {**good, "topics": ["nope"]},
        {**good, "url": "javascript:alert(1)"},
        {"title": "x", "start": "2030-01-02"},
    ):
        assert list(validator.iter_errors(bad)), bad
