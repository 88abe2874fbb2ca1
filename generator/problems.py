"""Problems found in content: positions, severities and the formats people read them in."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file, at a 1-based line and column.

    ``path`` is the path as it should be shown (relative to the working directory).
    ``title`` is a short label used for GitHub annotations.
    """

    path: str
    line: int
    col: int
    message: str
    severity: Severity = field(default="error", compare=False)
    title: str = field(default="", compare=False)

    def format(self) -> str:
        """``path:line:col: severity: message`` — the form editors and CI understand."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"

    def github_annotation(self) -> str:
        """A GitHub Actions workflow command that annotates the line in the diff."""
        return workflow_command(
            self.severity, self.path, self.line, self.col, self.message, self.title
        )


def workflow_command(
    command: str, path: str, line: int, col: int, message: str, title: str = ""
) -> str:
    """``::<command> file=…,line=…,col=…[,title=…]::message``, escaped as GitHub Actions
    requires (``%``, CR, LF everywhere; ``:`` and ``,`` in properties too)."""
    props = [f"file={_escape_property(path)}", f"line={line}", f"col={col}"]
    if title:
        props.append(f"title={_escape_property(title)}")
    return f"::{command} {','.join(props)}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class ContentError(Exception):
    """Raised when content has errors; carries every problem found (never raised for bugs)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in content")


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems sorted by path, line and column, with exact duplicates removed."""
    return sorted(set(problems))


def summary_line(problems: Sequence[Problem]) -> str:
    """The one-line total printed after the list, e.g. ``2 errors, 1 warning in 3 files``."""
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    files = len({p.path for p in problems})
    if not problems:
        return "no problems found"
    parts = [_plural(errors, "error")]
    if warnings:
        parts.append(_plural(warnings, "warning"))
    return f"{', '.join(parts)} in {_plural(files, 'file')}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def did_you_mean(word: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str:
    """`` (did you mean "x"?)`` for the closest choice, or ``""`` when nothing is close."""
    lowered = {choice.lower(): choice for choice in choices}
    if word.lower() in lowered and lowered[word.lower()] != word:
        return f' (did you mean "{lowered[word.lower()]}"?)'
    matches = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=cutoff)
    if not matches and len(word) >= 3:
        matches = sorted(c for c in lowered if c.startswith(word.lower()) or word.lower() in c)
    return f' (did you mean "{lowered[matches[0]]}"?)' if matches else ""


def quote_found(value: object, limit: int = 60) -> str:
    """A short, printable rendering of a found value for messages."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        shown = "".join(
            ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text
        )
        return f'"{shown}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)
