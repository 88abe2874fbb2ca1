"""``clearinghouse overlaps``: conflicts, overlaps, opportunities and duplicates.

Prints one ``path:line:col: message`` line per finding (at the ``start:`` line of the
first event, or of the changed event with ``--changed-since``) and a total, or the
findings as JSON.  Only upcoming events take part unless ``--all`` is given.

In a pull-request job, ``clearinghouse overlaps --changed-since origin/main --strict``
lists what the pull request introduces and fails on conflicts and possible duplicates;
see :mod:`generator.changes` for what counts as changed.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from generator.changes import changed_event_ids
from generator.commands.common import (
    add_changed_since_option,
    add_content_option,
    add_today_option,
    load_content,
    resolve_today,
)
from generator.coordination import (
    STRICT_KINDS,
    counts_text,
    find_findings,
    findings_json,
    involving,
)
from generator.coordination.report import locate


def register(subparsers: Any) -> None:
    """Add the ``overlaps`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "overlaps",
        help="list conflicts, overlaps, opportunities and possible duplicates",
        description="Compare upcoming events: conflicts (same days, same officials), "
        "overlaps, tight travel between countries, possible duplicates, opportunities to "
        "hold events back to back, and pairs acknowledged with coordinated_with. Exits 0 "
        "unless --strict is given and there is a conflict or possible duplicate.",
    )
    add_content_option(parser)
    add_today_option(parser)
    parser.add_argument(
        "--all",
        action="store_true",
        help="compare all events, past ones included (default: events not ended before today)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help='print {"findings": [...]} as JSON instead of text',
    )
    add_changed_since_option(parser, "list findings")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when a conflict or a possible duplicate is listed",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the findings; the exit status is 1 only for --strict with conflicts/duplicates."""
    settings, catalog, _ = load_content(args)
    changed = None
    if args.changed_since is not None:
        changed = changed_event_ids(args.content, args.changed_since)
    since = None if args.all else resolve_today(args.today)
    findings = find_findings(catalog, settings.coordination, since=since)
    if changed is not None:
        findings = involving(findings, changed)
    if args.json:
        sys.stdout.write(findings_json(findings))
    else:
        shown: set[str] = set()
        for placed in locate(findings, catalog, changed):
            if placed.finding.id in shown:
                continue
            shown.add(placed.finding.id)
            print(f"{placed.path}:{placed.line}:{placed.col}: {placed.finding.message}")
        scope = "all events" if args.all else "upcoming events"
        if changed is not None:
            scope += f" changed since {args.changed_since}"
        print(f"{counts_text(findings)} among {scope}")
    if args.strict and any(f.kind in STRICT_KINDS for f in findings):
        return 1
    return 0
