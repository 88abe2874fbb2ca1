"""``clearinghouse from-issue``: turn a new-event issue into a record file, checked like ``check``.

The body of the issue (GitHub's rendering of the issue form) is read from a file, never
from the command line or the environment, so no shell ever sees it.  The record is written
to ``content/events/<year>/<id>.yml`` and the whole content tree is validated exactly as
``clearinghouse check`` does; if the record has an error the file is removed again.  The
Markdown reply for the issue goes to standard output (and ``--reply FILE``); the exit status
is 1 when the organizer has something to fix.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from datetime import date
from pathlib import Path
from typing import Any

from generator import ghactions, pipeline
from generator.catalog import Catalog
from generator.commands.common import (
    add_content_option,
    add_today_option,
    in_github_actions,
    parse_day,
    resolve_today,
)
from generator.coordination import find_findings, involving
from generator.discovery import RecordFile, display_path, filing_folder, find_record
from generator.fieldtypes import is_valid_id
from generator.issueform import parse_issue_body
from generator.issuerecord import (
    ID_FIELD,
    FieldProblem,
    IssueRecord,
    build_issue_record,
    locate_problems,
)
from generator.issuereply import CoordinationNote, IssueOutcome, render_reply
from generator.problems import ContentError, Problem, summary_line
from generator.schema import modeline, schema_folder
from generator.settings import SiteSettings
from generator.validation import validate_record
from generator.writer import write_text_file
from generator.yamlsource import load_yaml


def register(subparsers: Any) -> None:
    """Add the ``from-issue`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "from-issue",
        help="turn a new-event issue (issue-form body) into a checked record file",
        description="Read the body of an issue written with the New event form, write the "
        "event record to content/events/<year>/<id>.yml, validate it like `check`, and print a "
        "Markdown reply for the issue. Exits 1 (and keeps no file) when a field needs fixing.",
    )
    parser.add_argument(
        "body_file",
        type=Path,
        metavar="BODY_FILE",
        help="the issue body as GitHub rendered it (UTF-8 Markdown)",
    )
    parser.add_argument(
        "--number", type=int, metavar="N", help="the issue number, noted in the record"
    )
    parser.add_argument(
        "--reply", type=Path, metavar="FILE", help="also write the Markdown reply to FILE"
    )
    add_content_option(parser)
    add_today_option(parser)  # the record's "announced" day; the workflow passes the issue's date
    parser.add_argument(
        "--as-of",
        type=parse_day,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day the coordination with other events is checked for: events that ended "
        "before it are left out (default: the current date, also when the issue is edited "
        "weeks later)",
    )
    parser.set_defaults(handler=run)


def _validate_in_place(
    path: Path, shown: str, record_id: str, text: str, args: argparse.Namespace
) -> tuple[list[Problem], int, tuple[CoordinationNote, ...]]:
    """Write the record and validate the whole tree as ``check`` does.

    Returns the record's own problems, the number of errors in other files, and — when
    the whole tree is valid — what the coordination analysis says about the new event.
    """
    write_text_file(path, text, overwrite=False)
    try:
        settings, catalog, found = pipeline.load_content(args.content, args.config)
    except ContentError as error:
        found = list(error.problems)
        notes: tuple[CoordinationNote, ...] = ()
    else:
        notes = _coordination_notes(catalog, settings, record_id, resolve_today(args.as_of))
    mine = [problem for problem in found if problem.path == shown]
    others = sum(1 for p in found if p.path != shown and p.severity == "error")
    return mine, others, notes


def _coordination_notes(
    catalog: Catalog, settings: SiteSettings, record_id: str, today: date
) -> tuple[CoordinationNote, ...]:
    """The findings about the new event among events that have not ended, as in ``check``."""
    findings = involving(find_findings(catalog, settings.coordination, since=today), {record_id})
    return tuple(
        CoordinationNote(
            title=finding.title,
            summary=finding.summary.removeprefix(f"{finding.title}: "),
            is_warning=finding.is_warning,
        )
        for finding in findings
    )


def _validate_alone(record: IssueRecord, path: Path, shown: str) -> list[Problem]:
    """Validate the record text on its own (when it cannot be written under its id)."""
    document, problems = load_yaml(record.text.encode("utf-8"), shown)
    if document is not None:
        record_file = RecordFile("event", record.record_id, path, shown)
        problems += validate_record(record_file, document)[1]
    return problems


def process_issue(body: str, args: argparse.Namespace) -> tuple[IssueOutcome, IssueRecord]:
    """Make, write and validate the record of one issue; removes the file again on errors."""
    if not args.content.is_dir():
        raise ContentError(
            [Problem(str(args.content), 1, 1, "content folder not found; hint: pass --content DIR")]
        )
    answers = parse_issue_body(body)
    record = build_issue_record(answers, today=resolve_today(args.today), issue_number=args.number)
    start = record.data.get("start")
    path = filing_folder(args.content, "event", start if isinstance(start, str) else None)
    path /= f"{record.record_id}.yml"
    # The schema line depends on where the file goes, which depends on the answers.
    header = modeline("event", path, schema_folder(args.content))
    record = dataclasses.replace(record, text=f"{header}\n{record.text}")
    shown = f"{display_path(args.content)}/{path.relative_to(args.content).as_posix()}"
    problems: list[FieldProblem] = list(record.form_problems)
    if not answers:  # not the form at all: one clear message, nothing to validate
        return IssueOutcome(shown, record.text, tuple(problems)), record
    existing = find_record(args.content, "event", record.record_id)
    clash = existing.display if existing is not None else None
    if clash is not None:
        problems.append(
            FieldProblem(
                ID_FIELD.label,
                f'an event with the short name "{record.record_id}" already exists ({clash}); '
                "hint: if this is a different event, choose another short name here",
            )
        )
    others = 0
    notes: tuple[CoordinationNote, ...] = ()
    if clash is None and is_valid_id(record.record_id):
        found, others, notes = _validate_in_place(path, shown, record.record_id, record.text, args)
    else:
        found = _validate_alone(record, path, shown)
    problems += locate_problems(found, record, shown)
    outcome = IssueOutcome(shown, record.text, tuple(problems), others, notes)
    if not outcome.ok and clash is None and path.exists():
        path.unlink()
        if path.parent != args.content / "events" and not any(path.parent.iterdir()):
            path.parent.rmdir()  # the year folder made for this record
    return outcome, record


def _log(outcome: IssueOutcome) -> None:
    """Plain-text problems on standard error, for the job log."""
    shown: list[Problem] = []
    for problem in outcome.problems:
        where = f"[{problem.field}] " if problem.field else ""
        shown.append(
            Problem(
                outcome.path,
                problem.line or 1,
                1,
                where + problem.message,
                severity=problem.severity,
            )
        )
    for line in shown:
        print(line.format(), file=sys.stderr)
    print(summary_line(shown), file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Turn the issue into a record and print the reply; 1 when something must be fixed."""
    try:
        raw = args.body_file.read_bytes()
    except OSError as error:
        print(f"{args.body_file}: cannot read the issue body: {error.strerror}", file=sys.stderr)
        return 2
    body = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    outcome, record = process_issue(body, args)
    reply = render_reply(outcome)
    sys.stdout.write(reply)
    if args.reply is not None:
        write_text_file(args.reply, reply)
    _log(outcome)
    if in_github_actions():
        title = record.data.get("title")
        ghactions.set_outputs(
            {
                "valid": "true" if outcome.ok else "false",
                "id": record.record_id,
                "path": outcome.path,
                "title": " ".join(title.split())[:200] if isinstance(title, str) else "",
                # without its final newline: the workflow writes it back with printf "%s\n"
                "record": record.text.removesuffix("\n") if outcome.ok else "",
                "reply": reply,
            }
        )
        ghactions.append_step_summary(reply)
    return 0 if outcome.ok else 1
