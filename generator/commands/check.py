"""``clearinghouse check``: report every problem in every record, exit 1 on errors.

When the records are valid, the coordination findings about upcoming events are reported
too: conflicts, overlaps, tight travel and possible duplicates as warnings at each
event's ``start:`` line, opportunities as notes.  They never change the exit status.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from generator.catalog import Catalog
from generator.changes import changed_event_ids
from generator.commands.common import (
    Notice,
    add_changed_since_option,
    add_content_option,
    add_today_option,
    append_step_summary,
    load_content,
    report_problems,
    resolve_today,
    step_summary_path,
)
from generator.coordination import find_findings, involving
from generator.coordination.report import locate, step_summary_markdown
from generator.gcpause import collector_paused
from generator.problems import ContentError, Problem
from generator.settings import SiteSettings

COORDINATION_WAITS = "Overlap and conflict warnings are checked once every error above is fixed."


def register(subparsers: Any) -> None:
    """Add the ``check`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "check",
        help="validate every record and report problems as path:line:col",
        description="Validate every record. Prints path:line:col: error: message for each "
        "problem, then a total; exits 1 when there is any error. Conflicts, overlaps, tight "
        "travel and possible duplicates among upcoming events are warnings (exit status 0); "
        "opportunities to hold events back to back are notes.",
    )
    add_content_option(parser)
    add_today_option(parser)
    add_changed_since_option(parser, "report coordination findings")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Validate the content tree and print what is wrong, then the coordination findings."""
    try:
        settings, catalog, problems = load_content(args)
    except ContentError as error:
        report_problems(error.problems, sys.stdout)
        print(COORDINATION_WAITS, file=sys.stderr)
        if step_summary_path() is not None:
            append_step_summary(f"### Coordination\n\n{COORDINATION_WAITS}\n\n")
        return 1
    with collector_paused():
        warnings, notices = coordination_report(catalog, settings, args)
    report_problems(sorted([*problems, *warnings]), sys.stdout, sorted(notices))
    return 0


def coordination_report(
    catalog: Catalog, settings: SiteSettings, args: argparse.Namespace
) -> tuple[list[Problem], list[Notice]]:
    """Warnings and notes for the findings about upcoming events (and the step summary).

    Only events that have not ended before ``--today`` take part.  With
    ``--changed-since``, only findings about changed events are reported, at the changed
    events' lines; otherwise each finding is reported at both events' lines, so whichever
    file a pull request touches carries the annotation.
    """
    changed = None
    if args.changed_since is not None:
        changed = changed_event_ids(args.content, args.changed_since)
    findings = find_findings(catalog, settings.coordination, since=resolve_today(args.today))
    if changed is not None:
        findings = involving(findings, changed)
    warnings: list[Problem] = []
    notices: list[Notice] = []
    for placed in locate(findings, catalog, changed):
        finding = placed.finding
        if finding.is_warning:
            warnings.append(
                Problem(
                    placed.path,
                    placed.line,
                    placed.col,
                    finding.message,
                    severity="warning",
                    title=finding.title,
                )
            )
        elif finding.kind == "opportunity":
            notices.append(
                Notice(placed.path, placed.line, placed.col, finding.message, finding.title)
            )
    if step_summary_path() is not None:
        append_step_summary(step_summary_markdown(findings, catalog))
    return warnings, notices
