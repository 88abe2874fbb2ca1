"""``clearinghouse issue-form``: write (or verify) the New event issue form template."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.issueform import TEMPLATE_PATH, render_issue_form
from generator.writer import write_text_file


def register(subparsers: Any) -> None:
    """Add the ``issue-form`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "issue-form",
        help="regenerate (or verify) .github/ISSUE_TEMPLATE/new-event.yml",
        description="Write the New event issue form from the form definition and the "
        "vocabularies, so its dropdowns always offer exactly the allowed values.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if the file is missing or out of date",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=Path(TEMPLATE_PATH),
        metavar="FILE",
        help=f"where the template lives (default: {TEMPLATE_PATH})",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write the template, or compare it with the file on disk."""
    expected = render_issue_form()
    if args.check:
        try:
            current = args.output.read_text("utf-8")
        except OSError:
            current = None
        if current != expected:
            print(
                f"{args.output}: out of date; run `clearinghouse issue-form` and commit the result",
                file=sys.stderr,
            )
            return 1
        print(f"{args.output}: up to date")
        return 0
    write_text_file(args.output, expected)
    print(args.output)
    return 0
