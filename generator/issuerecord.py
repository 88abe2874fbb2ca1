"""From issue-form answers to an event record file, and from its problems back to form fields.

The record text is produced by PyYAML's emitter, never by pasting answers into a template:
every answer that is not a plain, unambiguous token (an id, a vocabulary value, a country
code or a date) is written as a double-quoted scalar, and multi-line text as a literal
block, so a title with ``: ``, ``#``, quotes, ``${{ }}`` or backticks is stored exactly as
typed.  Problems found by validation are mapped back to the form field whose key is on
that line, so the reply can say which field to fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from generator.fieldtypes import id_problem, slugify, title_slug
from generator.issueform import (
    FIELDS_BY_ID,
    FORM_FIELDS,
    Answer,
    FormField,
    checkbox_ticked,
    decimal_value,
    dropdown_values,
    labels_by_target,
    list_items,
    number_value,
)
from generator.problems import Problem, Severity
from generator.yamlsource import Loc, YamlDocument, load_yaml

ID_FIELD = FIELDS_BY_ID["record_id"]


@dataclass(frozen=True)
class FieldProblem:
    """A problem as the organizer should read it: which form field, and (if any) which line."""

    field: str | None
    message: str
    line: int | None = None
    severity: Severity = "error"


@dataclass(frozen=True)
class IssueRecord:
    """The record built from one issue: its id, data, file text and the form's own problems."""

    record_id: str
    data: dict[str, Any]
    text: str
    form_problems: tuple[FieldProblem, ...] = field(default_factory=tuple)


# --- answers → record data -------------------------------------------------------------

_COUNTRY_TARGETS = {("location", "country"), ("countries",)}
_ID_LIST_TARGETS = {
    ("organizers",),
    ("partners",),
    ("programs",),
    ("coordinated_with",),
}


def _normalise_item(target: tuple[str, ...], item: str) -> str:
    """Unambiguous spelling fixes: country codes in capitals, language codes and ids lowercase."""
    if target in _COUNTRY_TARGETS and len(item) == 2 and item.isascii() and item.isalpha():
        return item.upper()
    if target == ("languages",) and len(item) == 2 and item.isascii() and item.isalpha():
        return item.lower()
    if target in _ID_LIST_TARGETS and item.isascii():
        return item.lower()
    return item


def _answer_value(form_field: FormField, answer: Answer) -> Any:
    """The record value of one answer, or ``None`` when it adds nothing."""
    target = form_field.target
    if form_field.type == "checkboxes":
        return True if checkbox_ticked(answer.text, form_field.checkbox) else None
    if form_field.type == "dropdown":
        values = dropdown_values(form_field, answer.text)
        if form_field.multiple:
            return values or None
        return values[0] if values else None
    if form_field.is_list:
        items = [_normalise_item(target, item) for item in list_items(answer.text)]
        return items or None
    if form_field.is_number:
        return number_value(answer.text)
    if form_field.is_decimal:
        return decimal_value(answer.text)
    if answer.text is not None and target in _COUNTRY_TARGETS:
        return _normalise_item(target, answer.text)
    return answer.text


def record_data(
    answers: Mapping[str, Answer], *, today: date, issue_number: int | None
) -> dict[str, Any]:
    """The event record (in the models' field order) that the answers describe."""
    data: dict[str, Any] = {}
    for form_field in FORM_FIELDS:
        if form_field.target == ("source",):
            data["announced"] = today.isoformat()
        answer = answers.get(form_field.id)
        if not form_field.target or answer is None:
            continue
        value = _answer_value(form_field, answer)
        if value is None:
            continue
        if len(form_field.target) == 1:
            data[form_field.target[0]] = value
        else:
            parent, key = form_field.target
            data.setdefault(parent, {})[key] = value
    if "source" not in data and issue_number is not None:
        data["source"] = f"GitHub issue #{issue_number} (new-event form)"
    return data


def form_problems(answers: Mapping[str, Answer]) -> list[FieldProblem]:
    """Problems with the form itself: missing sections, empty required fields, no consent."""
    if not answers:
        return [
            FieldProblem(
                None,
                'this issue was not written with the "New event" form: no field headings such '
                'as "### Title" were found; hint: open a new issue and choose the New event form',
            )
        ]
    problems = []
    for form_field in FORM_FIELDS:
        if not form_field.required:
            continue
        answer = answers.get(form_field.id)
        if form_field.type == "checkboxes":
            if answer is None or not checkbox_ticked(answer.text, form_field.checkbox):
                problems.append(
                    FieldProblem(
                        form_field.label,
                        f'please tick "{form_field.checkbox}"; the clearinghouse only lists '
                        "public information",
                    )
                )
        elif answer is None or answer.text is None:
            problems.append(FieldProblem(form_field.label, "this field is required"))
    return problems


def choose_record_id(
    answers: Mapping[str, Answer], data: Mapping[str, Any], issue_number: int | None = None
) -> tuple[str, list[FieldProblem]]:
    """The record id: the organizer's short name, or one made from the title and year.

    A title with too few Latin letters for a readable id (one written in Chinese, say)
    gives ``event-<year>-issue-<number>``; reviewers may rename it before merging.
    """
    answer = answers.get(ID_FIELD.id)
    if answer is not None and answer.text is not None:
        wanted = answer.text.strip()
        problem = id_problem(wanted)
        if problem:
            return slugify(wanted), [FieldProblem(ID_FIELD.label, problem)]
        return wanted, []
    title = data.get("title")
    base = title_slug(title) if isinstance(title, str) else ""
    start = data.get("start")
    year = start[:4] if isinstance(start, str) and re.match(r"\d{4}-\d{2}", start) else ""
    if not re.search(r"[a-z]{2}", base):
        parts = ["event", year, f"issue-{issue_number}" if issue_number else ""]
        return "-".join(part for part in parts if part), []
    if year and year not in base.split("-"):
        base = f"{base[: 80 - len(year) - 1].rstrip('-')}-{year}"
    return slugify(base), []


# --- record data → file text -----------------------------------------------------------

_PLAIN_TOKEN = re.compile(
    r"[a-z][a-z0-9_-]*"  # ids, vocabulary values and field names
    r"|[A-Z]{2}"  # country codes
    r"|\d{4}-\d{2}(?:-\d{2}(?:T\d{2}:\d{2})?)?"  # dates as the records write them
    r"|[A-Z][A-Za-z_]+(?:/[A-Z][A-Za-z_-]+)+"  # IANA time zones such as Asia/Tokyo
    r"|[A-Za-z][A-Za-z0-9 .'-]*[A-Za-z0-9.]"  # plain words, e.g. a city or a venue
)


class _RecordDumper(yaml.SafeDumper):
    """Writes records the way people write them, quoting everything that is not a token."""


# Dates stay plain (the loader reads them as text); every other implicit type still
# forces quotes, so "NO", "true" or "null" can never be read back as something else.
_RecordDumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


# YAML also reads these as line breaks; a literal block would turn them into "\n".
_OTHER_LINE_BREAKS = frozenset("\r\x85\u2028\u2029")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value and not _OTHER_LINE_BREAKS.intersection(value):
        style: str | None = "|"
    elif _PLAIN_TOKEN.fullmatch(value):
        style = None
    else:
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_RecordDumper.add_representer(str, _represent_str)
_RecordDumper.add_representer(list, _represent_list)


def dump_record(data: Mapping[str, Any]) -> str:
    """YAML text of a record mapping (keys in the given order)."""
    return yaml.dump(
        dict(data),
        Dumper=_RecordDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,
    )


def build_issue_record(
    answers: Mapping[str, Answer],
    *,
    today: date,
    issue_number: int | None,
) -> IssueRecord:
    """Everything made from the answers alone: id, data, file text and form problems.

    The text has no schema line yet: that depends on where the file goes.
    """
    data = record_data(answers, today=today, issue_number=issue_number)
    record_id, id_problems = choose_record_id(answers, data, issue_number)
    prefix = ""
    if issue_number is not None:
        prefix = f"# Submitted through GitHub issue #{issue_number} (new-event form).\n"
    return IssueRecord(
        record_id=record_id,
        data=data,
        text=prefix + dump_record(data),
        form_problems=tuple(form_problems(answers) + id_problems),
    )


# --- problems → form fields ------------------------------------------------------------


def _key_lines(document: YamlDocument) -> list[tuple[int, Loc]]:
    """(line, location) of every key of the record and of its nested mappings, by line."""
    found: list[tuple[int, Loc]] = []
    for key, value in document.data.items():
        found.append((document.position((key,), key=True).line, (key,)))
        if isinstance(value, dict):
            for inner in value:
                loc: Loc = (key, inner)
                found.append((document.position(loc, key=True).line, loc))
    return sorted(found, key=lambda item: item[0])


_MISSING = re.compile(r'missing required field "([a-z_]+)"')


def field_label_at(document: YamlDocument, line: int) -> str | None:
    """The form field whose answer is written on *line* of the record (None: no field)."""
    labels = labels_by_target()
    current: str | None = None
    for key_line, loc in _key_lines(document):
        if key_line > line:
            break
        current = labels.get(tuple(str(part) for part in loc))
    return current


def locate_problems(
    problems: Sequence[Problem], record: IssueRecord, display: str
) -> list[FieldProblem]:
    """Validation problems of the record file, each with its form field and line."""
    document, _ = load_yaml(record.text.encode("utf-8"), display)
    reported = {problem.field for problem in record.form_problems}
    labels = labels_by_target()
    located = []
    for problem in problems:
        missing = _MISSING.match(problem.message)
        if missing:
            label = labels.get((missing.group(1),))
            if label in reported:
                continue  # the form problem already says "this field is required"
        else:
            label = field_label_at(document, problem.line) if document is not None else None
        located.append(FieldProblem(label, problem.message, problem.line, problem.severity))
    return located


def form_order(problem: FieldProblem) -> tuple[int, int, str]:
    """Sort key: problems in the order of the form (whole-form ones first), then by line."""
    first = (problem.field or "").split(" / ")[0]
    position = next((i for i, f in enumerate(FORM_FIELDS) if f.label == first), -1)
    return (position, problem.line or 0, problem.message)
