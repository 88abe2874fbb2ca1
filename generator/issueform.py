"""The "new event" issue form: its fields, the template GitHub shows, and reading its answers.

Organizers who do not use git fill in ``.github/ISSUE_TEMPLATE/new-event.yml`` on GitHub.
GitHub renders the answers into the issue body as Markdown, one section per field::

    ### Title

    15th Asian Export Control Seminar

    ### Audience

    Government officials, Licensing officers

    ### Online participation

    - [X] Participants can also join online

Empty answers read ``_No response_``.  :data:`FORM_FIELDS` is the single definition of the
form: :func:`render_issue_form` writes the template from it (dropdown options come from the
vocabularies, so they cannot drift) and :func:`parse_issue_body` reads a rendered body back
into answers keyed by field id.  The issue text is only ever treated as data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import yaml

from generator.vocabulary import vocabulary

FieldType = Literal["input", "textarea", "dropdown", "checkboxes"]

FORM_LABEL = "new-event"
"""The label the template puts on every issue; the workflow only reacts to issues with it."""

NO_RESPONSE = "_No response_"

TEMPLATE_PATH = ".github/ISSUE_TEMPLATE/new-event.yml"


@dataclass(frozen=True)
class FormField:
    """One question of the issue form and the record field its answer fills.

    ``target`` is the location of the answer in the event record, e.g.
    ``("location", "city")``; an empty tuple means the answer is not part of the record.
    """

    id: str
    label: str
    type: FieldType
    target: tuple[str, ...] = ()
    required: bool = False
    description: str = ""
    placeholder: str = ""
    vocabulary: str | None = None
    multiple: bool = False
    default: str | None = None
    checkbox: str = ""
    is_list: bool = False
    is_number: bool = False
    is_decimal: bool = False

    def options(self) -> tuple[str, ...]:
        """Dropdown options as GitHub shows them: the vocabulary labels, in order."""
        if self.vocabulary is None:
            return ()
        return tuple(term.label for term in vocabulary(self.vocabulary).terms)


INTRO = (
    "Thank you for adding an event to the clearinghouse. Fill in what you know; fields marked "
    "with a red star are required. After you submit, a bot turns your answers into a record "
    "file, checks it, and replies here within a few minutes: either with a link to the pull "
    "request that a maintainer will review, or with the fields that need fixing (edit this "
    "issue and save, and the check runs again)."
)

DATE_HELP = (
    "Written year first: 2027-02-03. If only the month is known, write 2027-02. "
    "With a start time, write 2027-02-03T09:30 and fill in the time zone below."
)

LIST_HELP = "Separate several with commas."

FORM_FIELDS: tuple[FormField, ...] = (
    FormField(
        "title",
        "Title",
        "input",
        ("title",),
        required=True,
        description="The full title, as on the invitation.",
        placeholder="15th Asian Export Control Seminar",
    ),
    FormField(
        "kind",
        "Kind of event",
        "dropdown",
        ("kind",),
        required=True,
        vocabulary="event_kinds",
    ),
    FormField(
        "status",
        "Status",
        "dropdown",
        ("status",),
        vocabulary="event_statuses",
        default="confirmed",
        description="Planned: announced, details may change. Confirmed: will take place as "
        "described. Postponed or cancelled: shown with a notice, and left out of the overlap "
        "warnings (give the new dates in a new issue once they are known).",
    ),
    FormField(
        "start",
        "First day",
        "input",
        ("start",),
        required=True,
        description=DATE_HELP,
        placeholder="2027-02-03",
    ),
    FormField(
        "end",
        "Last day",
        "input",
        ("end",),
        description="The last day, inclusive (a 3–5 February seminar ends 2027-02-05), or the "
        "end time. Leave empty for a one-day event.",
        placeholder="2027-02-05",
    ),
    FormField(
        "timezone",
        "Time zone",
        "input",
        ("timezone",),
        description="Only needed with times: the IANA name of the place's time zone.",
        placeholder="Asia/Tokyo",
    ),
    FormField(
        "city",
        "City",
        "input",
        ("location", "city"),
        description="In English.",
        placeholder="Tokyo",
    ),
    FormField(
        "country",
        "Host country",
        "input",
        ("location", "country"),
        description="Two-letter ISO code, in capitals: JP for Japan, SG for Singapore, "
        "TW for Chinese Taipei.",
        placeholder="JP",
    ),
    FormField(
        "venue",
        "Venue",
        "input",
        ("location", "venue"),
        placeholder="Mita Conference Hall",
    ),
    FormField(
        "online",
        "Online participation",
        "checkboxes",
        ("location", "online"),
        checkbox="Participants can also join online",
    ),
    FormField(
        "lat",
        "Latitude",
        "input",
        ("location", "lat"),
        is_decimal=True,
        description="Optional: the venue's latitude in decimal degrees (north is positive). "
        "With the longitude, it shows a map link and finds other meetings nearby.",
        placeholder="35.6486",
    ),
    FormField(
        "lon",
        "Longitude",
        "input",
        ("location", "lon"),
        is_decimal=True,
        description="Optional: the venue's longitude in decimal degrees (east is positive).",
        placeholder="139.7411",
    ),
    FormField(
        "organizers",
        "Organizers",
        "input",
        ("organizers",),
        is_list=True,
        description="Short names of the organizing organizations, as in the folder "
        "content/organizations/ (for example meti, cistec). " + LIST_HELP + " If yours is "
        "not there yet, leave this empty and name it in the description; a maintainer adds it.",
        placeholder="mofa-japan, meti, cistec",
    ),
    FormField(
        "partners",
        "Partners",
        "input",
        ("partners",),
        is_list=True,
        description="Supporting organizations, written like the organizers.",
    ),
    FormField(
        "programs",
        "Programs",
        "input",
        ("programs",),
        is_list=True,
        description="Short names of the programs or series this event belongs to, as in "
        "content/programs/. " + LIST_HELP,
        placeholder="asian-export-control-seminar",
    ),
    FormField(
        "series",
        "Series",
        "input",
        ("series",),
        description="For a recurring event: one short name shared by all its editions, in "
        "lowercase with hyphens (for example asian-export-control-seminar). Editions of a "
        "series get their own calendar, and clashes within a series are flagged.",
        placeholder="asian-export-control-seminar",
    ),
    FormField(
        "audience",
        "Audience",
        "dropdown",
        ("audience",),
        vocabulary="audiences",
        multiple=True,
        description="Who the event is for. Choose all that apply.",
    ),
    FormField(
        "topics",
        "Topics",
        "dropdown",
        ("topics",),
        vocabulary="topics",
        multiple=True,
        description="What the event covers. Choose all that apply.",
    ),
    FormField(
        "countries",
        "Invited countries",
        "input",
        ("countries",),
        is_list=True,
        description="Two-letter ISO codes of the participating countries, besides the host. "
        + LIST_HELP,
        placeholder="ID, MY, PH, SG, TH, VN",
    ),
    FormField(
        "participants",
        "Number of participants",
        "input",
        ("participants",),
        is_number=True,
        description="Expected or actual, as a whole number.",
        placeholder="120",
    ),
    FormField(
        "languages",
        "Working languages",
        "input",
        ("languages",),
        is_list=True,
        description="Two-letter ISO 639-1 codes. " + LIST_HELP,
        placeholder="en, ja",
    ),
    FormField(
        "url",
        "Event web page",
        "input",
        ("url",),
        placeholder="https://www.example.org/seminar",
    ),
    FormField(
        "registration_url",
        "Registration page",
        "input",
        ("registration", "url"),
        placeholder="https://www.example.org/seminar/register",
    ),
    FormField(
        "registration_deadline",
        "Registration deadline",
        "input",
        ("registration", "deadline"),
        description="The last day to register, written year first.",
        placeholder="2027-01-15",
    ),
    FormField(
        "contact_name",
        "Contact person or office",
        "input",
        ("contact", "name"),
        placeholder="Export Control Policy Division",
    ),
    FormField(
        "contact_email",
        "Contact e-mail",
        "input",
        ("contact", "email"),
        description="Published on the site.",
        placeholder="seminar@example.org",
    ),
    FormField(
        "description",
        "Description",
        "textarea",
        ("description",),
        description="One or two paragraphs about the event. Markdown is allowed; HTML is not.",
    ),
    FormField(
        "coordinated_with",
        "Coordinated with",
        "input",
        ("coordinated_with",),
        is_list=True,
        description="Short names of events this one is deliberately held next to (back to back "
        "in the same city, or for the same people), so the coordination report does not warn "
        "about them. " + LIST_HELP,
    ),
    FormField(
        "source",
        "Source",
        "input",
        ("source",),
        description="Where the facts come from, e.g. the invitation letter of 1 December 2026.",
    ),
    FormField(
        "record_id",
        "Short name for the web address",
        "input",
        description="Becomes the permanent address /events/short-name/ and can never change. "
        "Lowercase letters, digits and hyphens. Leave empty to make one from the title and the "
        "year.",
        placeholder="asian-export-control-seminar-15",
    ),
    FormField(
        "consent",
        "Publication",
        "checkboxes",
        required=True,
        checkbox="The information above is public and may be published on the clearinghouse",
    ),
)
"""Every question of the form, in the order GitHub shows and renders them."""

FIELDS_BY_ID: dict[str, FormField] = {field.id: field for field in FORM_FIELDS}


# --- the template ----------------------------------------------------------------------


def issue_form_definition() -> dict[str, Any]:
    """The issue form as data, in GitHub's issue-form syntax."""
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": INTRO}}]
    for field in FORM_FIELDS:
        attributes: dict[str, Any] = {"label": field.label}
        if field.description:
            attributes["description"] = field.description
        if field.type == "dropdown":
            options = field.options()
            attributes["multiple"] = field.multiple
            attributes["options"] = list(options)
            if field.default is not None:
                label = vocabulary(field.vocabulary or "").label(field.default)
                attributes["default"] = options.index(label)
        elif field.type == "checkboxes":
            option: dict[str, Any] = {"label": field.checkbox}
            if field.required:
                option["required"] = True
            attributes["options"] = [option]
        elif field.placeholder:
            attributes["placeholder"] = field.placeholder
        element: dict[str, Any] = {"type": field.type, "id": field.id, "attributes": attributes}
        if field.required and field.type != "checkboxes":
            element["validations"] = {"required": True}
        body.append(element)
    return {
        "name": "New event",
        "description": "Propose a seminar, workshop, academy, training or meeting for the "
        "clearinghouse, without git.",
        "title": "New event: ",
        "labels": [FORM_LABEL],
        "body": body,
    }


def render_issue_form() -> str:
    """The text of ``.github/ISSUE_TEMPLATE/new-event.yml`` (deterministic)."""
    header = (
        "# Generated by `clearinghouse issue-form` from generator/issueform.py and the\n"
        "# vocabularies in generator/data/vocabularies.yml. Do not edit by hand: change those\n"
        "# and run `clearinghouse issue-form` (a test fails when this file is out of date).\n"
    )
    text = yaml.safe_dump(
        issue_form_definition(),
        sort_keys=False,
        allow_unicode=True,
        width=1000,
        default_flow_style=False,
    )
    return header + text


# --- reading a rendered body -----------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """The raw text GitHub rendered for one field (``None`` when left empty)."""

    field: FormField
    text: str | None


def _normalise(body: str) -> list[str]:
    return body.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _sections(lines: list[str]) -> Iterator[tuple[FormField, list[str]]]:
    """The lines under each known field heading, matched in form order.

    GitHub writes every field's heading, in form order.  Each heading is looked for from
    the end, before the heading of the next field, so an answer that itself contains
    ``### Some label`` (of a field before or after it) stays part of that answer.
    """
    found: list[tuple[int, FormField]] = []
    end = len(lines)
    for field in reversed(FORM_FIELDS):
        heading = f"### {field.label}"
        for index in range(end - 1, -1, -1):
            if lines[index].rstrip() == heading:
                found.append((index, field))
                end = index
                break
    found.reverse()
    for position, (index, field) in enumerate(found):
        stop = found[position + 1][0] if position + 1 < len(found) else len(lines)
        yield field, lines[index + 1 : stop]


def _clean(lines: list[str]) -> str | None:
    text = "\n".join(lines).strip("\n")
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip()
    if not text or text == NO_RESPONSE:
        return None
    return text


def parse_issue_body(body: str) -> dict[str, Answer]:
    """Answers by field id for every field heading found in a rendered issue-form body.

    Fields whose heading is missing are absent from the result; empty ones map to an
    :class:`Answer` whose text is ``None``.
    """
    return {
        field.id: Answer(field, _clean(section)) for field, section in _sections(_normalise(body))
    }


_CHECKBOX = re.compile(r"-\s*\[([ xX])\]\s*(.*)\Z")


def checkbox_ticked(text: str | None, option: str) -> bool:
    """True when the rendered checkbox list ticks *option* (``- [X] option``)."""
    for line in (text or "").split("\n"):
        match = _CHECKBOX.match(line.strip())
        if match and match.group(1) in "xX" and match.group(2).strip() == option:
            return True
    return False


def dropdown_values(field: FormField, text: str | None) -> list[str]:
    """Vocabulary values for the labels chosen in a dropdown.

    GitHub joins several choices with ``", "``.  A label, a value, or any spelling in
    between is accepted; unknown text is passed on unchanged so that validation explains it.
    """
    if text is None or field.vocabulary is None:
        return []
    vocab = vocabulary(field.vocabulary)
    by_label = {term.label.casefold(): term.value for term in vocab.terms}
    by_value = {value.casefold(): value for value in vocab.values}
    parts = [part.strip() for part in text.split(", ")] if field.multiple else [text.strip()]
    values = []
    for part in parts:
        if not part:
            continue
        key = part.casefold()
        values.append(by_label.get(key) or by_value.get(key) or part)
    return values


_LIST_SEPARATORS = re.compile(r"[\s,;]+")


def list_items(text: str | None) -> list[str]:
    """Items of a comma-separated answer (commas, semicolons, spaces or new lines)."""
    if text is None:
        return []
    return [item for item in _LIST_SEPARATORS.split(text) if item]


_GROUPED_NUMBER = re.compile(r"\d{1,3}(?:[, ]\d{3})+\Z")


_DECIMAL = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)\Z")


def decimal_value(text: str | None) -> float | str | None:
    """A decimal number such as ``35.6486`` (a comma as the decimal mark is accepted), or
    the text itself, for validation to report."""
    if text is None:
        return None
    stripped = text.strip().replace(",", ".")
    return float(stripped) if _DECIMAL.match(stripped) else text.strip()


def number_value(text: str | None) -> int | str | None:
    """A whole number (``1,200`` allowed) or the text itself, for validation to report."""
    if text is None:
        return None
    stripped = text.strip()
    if stripped.isdigit() or _GROUPED_NUMBER.match(stripped):
        return int(re.sub(r"[, ]", "", stripped))
    return stripped


def labels_by_target() -> Mapping[tuple[str, ...], str]:
    """Form label for every record location that a field fills, plus the parent mappings."""
    labels: dict[tuple[str, ...], str] = {}
    groups: dict[tuple[str, ...], list[str]] = {}
    for field in FORM_FIELDS:
        if not field.target:
            continue
        labels[field.target] = field.label
        if len(field.target) > 1:
            groups.setdefault(field.target[:-1], []).append(field.label)
    for parent, names in groups.items():
        labels[parent] = " / ".join(names)
    return labels
