"""Options and output helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from generator import pipeline
from generator.catalog import Catalog
from generator.problems import Problem, summary_line
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


def report_problems(problems: Sequence[Problem], stream: TextIO) -> None:
    """Print problems as ``path:line:col: severity: message`` and a total line.

    Under GitHub Actions each problem is also printed as a workflow command, so it shows
    up as an annotation on the changed line of the pull request.
    """
    for problem in problems:
        print(problem.format(), file=stream)
    if in_github_actions():
        for problem in problems:
            print(problem.github_annotation(), file=stream)
    print(summary_line(problems), file=stream)


def load_content(args: argparse.Namespace) -> tuple[SiteSettings, Catalog, list[Problem]]:
    """Settings and catalog for a command; raises :class:`ContentError` on any error."""
    return pipeline.load_content(args.content, args.config)
