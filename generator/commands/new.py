"""``clearinghouse new``: create a valid starter record file."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from generator.commands.common import (
    add_content_option,
    add_today_option,
    report_problems,
    resolve_today,
)
from generator.discovery import RECORD_TYPES, display_path
from generator.newrecord import plan_new_record
from generator.writer import write_text_file


def register(subparsers: Any) -> None:
    """Add the ``new`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "new",
        help="write a new record with the required fields filled in",
        description="Write a new, valid record file and print its path. Optional fields are "
        "included as comments to fill in.",
    )
    parser.add_argument(
        "record_type", choices=RECORD_TYPES, metavar="TYPE", help="|".join(RECORD_TYPES)
    )
    parser.add_argument("--title", required=True, help="title (or name) of the record")
    parser.add_argument(
        "--start",
        help="event start (YYYY-MM-DD, YYYY-MM-DDTHH:MM with --timezone, or YYYY-MM); "
        "program: start year; report: published",
    )
    parser.add_argument("--end", help="event: last day (inclusive) or end time")
    parser.add_argument(
        "--timezone", help="event time zone (IANA name such as Asia/Tokyo), needed with times"
    )
    parser.add_argument("--kind", help="kind (default: seminar / assistance / paper / government)")
    parser.add_argument("--id", dest="record_id", help="record id (default: made from the title)")
    add_content_option(parser)
    add_today_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write the record unless it would be invalid or already exists."""
    path, text, problems = plan_new_record(
        args.content,
        args.record_type,
        title=args.title,
        today=resolve_today(args.today),
        start=args.start,
        kind=args.kind,
        record_id=args.record_id,
        end=args.end,
        timezone=args.timezone,
    )
    if problems:
        report_problems(problems, sys.stderr)
        return 1
    write_text_file(path, text, overwrite=False)
    print(display_path(path))
    return 0
