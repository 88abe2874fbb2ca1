"""``clearinghouse check``: report every problem in every record, exit 1 on errors."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from generator.commands.common import add_content_option, load_content, report_problems


def register(subparsers: Any) -> None:
    """Add the ``check`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "check",
        help="validate every record and report problems as path:line:col",
        description="Validate every record. Prints path:line:col: error: message for each "
        "problem, then a total; exits 1 when there is any error.",
    )
    add_content_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Validate the content tree and print what is wrong."""
    _, _, problems = load_content(args)
    report_problems(problems, sys.stdout)
    return 0
