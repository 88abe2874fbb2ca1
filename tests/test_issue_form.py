"""The New event issue form: up to date, valid issue-form syntax, and mirrors the event record."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from generator.issueform import FORM_FIELDS, TEMPLATE_PATH, dropdown_values, render_issue_form
from generator.models import Event
from generator.vocabulary import vocabulary
from generator.yamlsource import load_yaml
from tests.conftest import REPO_ROOT, run_cli

TEMPLATE = REPO_ROOT / TEMPLATE_PATH

# Keys GitHub's issue-form syntax allows (docs: "Syntax for issue forms" and "Syntax for
# GitHub's form schema").
TOP_LEVEL_KEYS = {"name", "description", "body", "assignees", "labels", "title", "projects", "type"}
ELEMENT_KEYS = {"type", "id", "attributes", "validations"}
ATTRIBUTE_KEYS = {
    "markdown": {"value"},
    "input": {"label", "description", "placeholder", "value"},
    "textarea": {"label", "description", "placeholder", "value", "render"},
    "dropdown": {"label", "description", "multiple", "options", "default"},
    "checkboxes": {"label", "description", "options"},
}


def template() -> dict[str, Any]:
    document, problems = load_yaml(TEMPLATE.read_bytes(), TEMPLATE_PATH)
    assert document is not None, problems
    return document.data


def test_template_is_generated_from_the_form_definition() -> None:
    assert TEMPLATE.read_text("utf-8") == render_issue_form(), (
        "run `clearinghouse issue-form` and commit .github/ISSUE_TEMPLATE/new-event.yml"
    )


def test_issue_form_command_writes_and_checks_the_template(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run_cli(["issue-form", "--check", "--output", "form.yml"], capsys)
    assert (status, err) == (
        1,
        "form.yml: out of date; run `clearinghouse issue-form` and commit the result\n",
    )
    assert run_cli(["issue-form", "--output", "form.yml"], capsys)[:2] == (0, "form.yml\n")
    assert run_cli(["issue-form", "--check", "--output", "form.yml"], capsys)[:2] == (
        0,
        "form.yml: up to date\n",
    )


def test_template_follows_githubs_issue_form_syntax() -> None:
    form = template()
    assert set(form) <= TOP_LEVEL_KEYS
    assert form["name"] and form["description"] and form["labels"] == ["new-event"]
    ids, labels = [], []
    for element in form["body"]:
        assert set(element) <= ELEMENT_KEYS
        kind = element["type"]
        attributes = element["attributes"]
        assert set(attributes) <= ATTRIBUTE_KEYS[kind], element
        if kind == "markdown":
            assert "id" not in element and "validations" not in element
            continue
        assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"])
        ids.append(element["id"])
        labels.append(attributes["label"])
        if kind == "dropdown":
            options = attributes["options"]
            assert options and len(set(options)) == len(options)
            assert all(isinstance(o, str) and o.strip() for o in options)
            assert "none" not in {o.lower() for o in options}  # GitHub reserves "None"
            if "default" in attributes:
                assert 0 <= attributes["default"] < len(options)
        if kind == "checkboxes":
            assert "validations" not in element  # checkboxes are required per option
            assert all(set(option) <= {"label", "required"} for option in attributes["options"])
    assert len(set(ids)) == len(ids)
    assert len(set(labels)) == len(labels)


def test_dropdowns_offer_exactly_the_vocabulary_and_read_back_to_its_values() -> None:
    dropdowns = {
        element["id"]: element["attributes"]
        for element in template()["body"]
        if element["type"] == "dropdown"
    }
    expected = {"kind": "event_kinds", "status": "event_statuses", "audience": "audiences"}
    expected["topics"] = "topics"
    assert set(dropdowns) == set(expected)
    for field_id, name in expected.items():
        vocab = vocabulary(name)
        assert dropdowns[field_id]["options"] == [term.label for term in vocab.terms]
        field = next(f for f in FORM_FIELDS if f.id == field_id)
        if field.multiple:
            # GitHub joins several choices with ", ", so no label may contain it.
            assert all(", " not in term.label for term in vocab.terms)
            rendered = ", ".join(dropdowns[field_id]["options"])
            assert dropdown_values(field, rendered) == list(vocab.values)
        else:
            for term in vocab.terms:
                assert dropdown_values(field, term.label) == [term.value]
    status = dropdowns["status"]
    assert status["options"][status["default"]] == vocabulary("event_statuses").label("confirmed")


def _model_field(model: type[BaseModel], target: tuple[str, ...]) -> Any:
    field = model.model_fields[target[0]]
    if len(target) == 1:
        return field
    inner = next(
        arg
        for arg in getattr(field.annotation, "__args__", ())
        if isinstance(arg, type) and issubclass(arg, BaseModel)
    )
    return _model_field(inner, target[1:])


def test_form_fields_mirror_the_event_record() -> None:
    by_target = {field.target: field for field in FORM_FIELDS if field.target}
    for target, field in by_target.items():
        model_field = _model_field(Event, target)
        assert field.required == model_field.is_required(), target
    required = {(name,) for name, f in Event.model_fields.items() if f.is_required()}
    assert required == {("title",), ("kind",), ("start",)}
    assert required <= set(by_target)
    # What the form leaves out is either set by the bot or needs a maintainer.
    top_level = {target[0] for target in by_target}
    assert set(Event.model_fields) - top_level == {
        "id",
        "links",
        "reports",
        "announced",
    }
    location_fields = {target[1] for target in by_target if target[0] == "location"}
    assert location_fields == {"city", "country", "venue", "online", "lat", "lon"}
