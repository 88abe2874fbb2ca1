"""Options and output helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

from generator import pipeline
from generator.catalog import Catalog
from generator.problems import Problem, summary_line, workflow_command
from generator.settings import SiteSettings

DEFAULT_CONTENT_DIR = Path("content")


def add_content_option(parser: argparse.ArgumentParser) -> None:
    """``--content DIR`` and ``--config FILE``, which every command takes."""
    parser.add_argument(
        "--content",
        type=Path,
        default=DEFAULT_CONTENT_DIR,
        metavar="DIR",
        help="folder with events/, programs/, reports/, organizations/ (default: content/)",
    )
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        metavar="FILE",
        help="site settings (default: clearinghouse.yml if it exists)",
    )


def parse_day(text: str) -> date:
    """argparse type for ``YYYY-MM-DD``."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, found {text!r}") from None


def add_today_option(parser: argparse.ArgumentParser) -> None:
    """``--today YYYY-MM-DD``: what counts as upcoming (default: the current date)."""
    parser.add_argument(
        "--today",
        type=parse_day,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date that decides what is upcoming (default: today)",
    )


def resolve_today(value: date | None) -> date:
    """The explicit ``--today`` or else the current local date (the only clock read)."""
    return value if value is not None else date.today()


def in_github_actions() -> bool:
    """True inside a GitHub Actions job."""
    return os.environ.get("GITHUB_ACTIONS") == "true"


@dataclass(frozen=True, order=True)
class Notice:
    """Information at a place in a file that asks nobody to act (e.g. an opportunity).

    Printed as ``path:line:col: note: message``; under GitHub Actions also as a
    ``::notice`` annotation.  Notices never change a command's exit status.
    """

    path: str
    line: int
    col: int
    message: str
    title: str = field(default="", compare=False)

    def format(self) -> str:
        """``path:line:col: note: message``."""
        return f"{self.path}:{self.line}:{self.col}: note: {self.message}"

    def github_annotation(self) -> str:
        """A GitHub Actions ``::notice`` workflow command for the line."""
        return workflow_command("notice", self.path, self.line, self.col, self.message, self.title)


def report_problems(
    problems: Sequence[Problem], stream: TextIO, notices: Sequence[Notice] = ()
) -> None:
    """Print problems as ``path:line:col: severity: message``, then notices, then a total.

    Under GitHub Actions each problem (and notice) is also printed as a workflow command,
    so it shows up as an annotation on the changed line of the pull request.
    """
    for problem in problems:
        print(problem.format(), file=stream)
    for notice in notices:
        print(notice.format(), file=stream)
    if in_github_actions():
        for problem in problems:
            print(problem.github_annotation(), file=stream)
        for notice in notices:
            print(notice.github_annotation(), file=stream)
    total = summary_line(problems)
    if notices:
        total += f" ({len(notices)} note{'' if len(notices) == 1 else 's'})"
    print(total, file=stream)


def add_changed_since_option(parser: argparse.ArgumentParser, what: str) -> None:
    """``--changed-since GIT_REF``: limit *what* to records changed since a git ref."""
    parser.add_argument(
        "--changed-since",
        metavar="GIT_REF",
        default=None,
        help=f"only {what} that involve records changed since GIT_REF (e.g. origin/main): "
        "commits since the branch left it, plus uncommitted and new files",
    )


def step_summary_path() -> Path | None:
    """The file named by ``$GITHUB_STEP_SUMMARY`` (a GitHub Actions job summary), if set."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    return Path(target) if target else None


def append_step_summary(markdown: str) -> bool:
    """Append *markdown* to the job summary file, if ``$GITHUB_STEP_SUMMARY`` is set.

    This is the summary page of a GitHub Actions run, not a site output.  Returns True
    when something was written.
    """
    target = step_summary_path()
    if target is None:
        return False
    with target.open("a", encoding="utf-8", newline="\n") as handle:
        handle.write(markdown)
    return True


def load_content(args: argparse.Namespace) -> tuple[SiteSettings, Catalog, list[Problem]]:
    """Settings and catalog for a command; raises :class:`ContentError` on any error."""
    return pipeline.load_content(args.content, args.config)
