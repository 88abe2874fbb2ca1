"""The ``clearinghouse`` command line: one sub-command per module in ``generator.commands``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from generator.commands import build, check, from_issue, issue_form, new, overlaps, schema, serve
from generator.commands.common import report_problems
from generator.problems import ContentError

COMMANDS = (check, new, overlaps, build, serve, schema, from_issue, issue_form)
"""Modules that each provide ``register(subparsers)``; the order is the order in --help."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="clearinghouse",
        description="Check records and build the XC Clearinghouse site.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.handler(args)
    except ContentError as error:
        report_problems(error.problems, sys.stdout)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `clearinghouse overlaps | head`): not an error of ours.
        # Point stdout at /dev/null so the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    return status
