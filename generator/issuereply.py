"""The Markdown reply posted on a new-event issue: what was made, or which fields to fix.

Everything that comes from the issue (and so from any member of the public) is shown only
inside code spans or fenced code blocks, where GitHub renders no HTML, links or
@-mentions.  The rest of the text is written here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.issueform import FIELDS_BY_ID
from generator.issuerecord import FieldProblem, form_order

COORDINATED_LABEL = FIELDS_BY_ID["coordinated_with"].label
"""The form field that acknowledges a deliberate overlap."""

EDIT_HINT = (
    "Please edit this issue (the **···** menu at the top right of your issue, then **Edit**), "
    "correct the fields below and save. The check then runs again by itself."
)


@dataclass(frozen=True)
class CoordinationNote:
    """A coordination finding about the new event, as the organizer should read it."""

    title: str
    """E.g. "Conflict" or "Opportunity"."""
    summary: str
    """The sentence naming both events (with their ids) and what they share; it contains
    issue text."""
    is_warning: bool


@dataclass(frozen=True)
class IssueOutcome:
    """What ``from-issue`` did with one issue."""

    path: str
    record_text: str
    problems: tuple[FieldProblem, ...]
    other_errors: int = 0
    coordination: tuple[CoordinationNote, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the record has no errors (warnings are fine)."""
        return not any(problem.severity == "error" for problem in self.problems)


def code_span(text: str) -> str:
    """*text* as an inline code span, whatever backticks it contains."""
    flat = " ".join(text.splitlines())
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith(("`", " ")) or flat.endswith(("`", " ")) else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def numbered_block(text: str, info: str = "") -> str:
    """*text* in a fenced code block with line numbers, fenced so nothing can close it."""
    lines = text.rstrip("\n").split("\n")
    width = len(str(len(lines)))
    body = "\n".join(f"{number:>{width}}  {line}" for number, line in enumerate(lines, 1))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{body}\n{fence}"


def _bullet(problem: FieldProblem) -> str:
    where = f"**{problem.field}**" if problem.field else "**The form as a whole**"
    if problem.line is not None:
        where += f" (line {problem.line})"
    marker = "" if problem.severity == "error" else "⚠️ "
    return f"- {marker}{where}: {code_span(problem.message)}"


def _bullets(problems: Sequence[FieldProblem]) -> str:
    return "\n".join(_bullet(problem) for problem in sorted(problems, key=form_order))


def _record_details(outcome: IssueOutcome, *, expanded: bool) -> str:
    summary = f"The record made from this issue: <code>{outcome.path}</code>"
    return "\n".join(
        [
            "<details open>" if expanded else "<details>",
            f"<summary>{summary}</summary>",
            "",
            numbered_block(outcome.record_text, "yaml"),
            "",
            "</details>",
        ]
    )


def _coordination(notes: Sequence[CoordinationNote]) -> list[str]:
    """The section on other events that compete with (or suit) the new one."""
    warnings = [note for note in notes if note.is_warning]
    others = [note for note in notes if not note.is_warning]
    parts = ["", "#### Other events at the same time or place", ""]
    if warnings:
        parts += [
            "These events compete for the same people. Please consider other dates; if the "
            "events are planned together, add the other event's short name to the "
            f"**{COORDINATED_LABEL}** field.",
            "",
        ]
        parts += [f"- ⚠️ **{note.title}**: {code_span(note.summary)}" for note in warnings]
    if others:
        if warnings:
            parts.append("")
        parts += [
            "Worth knowing (no change needed):",
            "",
            *(f"- **{note.title}**: {code_span(note.summary)}" for note in others),
        ]
    return parts


def render_reply(outcome: IssueOutcome) -> str:
    """The comment for the issue, in GitHub-flavoured Markdown (ends with a newline)."""
    errors = [p for p in outcome.problems if p.severity == "error"]
    warnings = [p for p in outcome.problems if p.severity != "error"]
    parts: list[str] = []
    if errors:
        count = "1 problem" if len(errors) == 1 else f"{len(errors)} problems"
        parts += [
            f"### ❌ The event cannot be added yet ({count} to fix)",
            "",
            EDIT_HINT,
            "",
            _bullets(errors),
        ]
        if warnings:
            parts += ["", "Please also check:", "", _bullets(warnings)]
        parts += [
            "",
            "Line numbers refer to the record below, which the bot made from your answers.",
            "",
            _record_details(outcome, expanded=False),
        ]
    else:
        parts += [
            "### ✅ Thank you: the event record is ready",
            "",
            f"Your answers became `{outcome.path}` and passed every check. A maintainer will "
            "review the pull request and publish the event. To change something, edit this "
            "issue; the record is made again.",
        ]
        if warnings:
            parts += ["", "Please double-check:", "", _bullets(warnings)]
        if outcome.coordination:
            parts += _coordination(outcome.coordination)
        parts += ["", _record_details(outcome, expanded=True)]
    if outcome.other_errors:
        noun = "problem" if outcome.other_errors == 1 else "problems"
        parts += [
            "",
            f"_Note for maintainers: the repository has {outcome.other_errors} other {noun} "
            "outside this record; `clearinghouse check` lists them._",
        ]
    return "\n".join(parts) + "\n"
