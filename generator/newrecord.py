"""``clearinghouse new``: write a valid starter record that organizers then fill in."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from generator.discovery import RecordFile, display_path, filing_folder, find_record
from generator.fieldtypes import id_problem, slugify, title_slug
from generator.problems import Problem, quote_found
from generator.schema import modeline, schema_folder
from generator.validation import validate_record
from generator.yamlsource import load_yaml


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def record_text(
    record_type: str,
    *,
    title: str,
    today: date,
    start: str | None = None,
    kind: str | None = None,
    end: str | None = None,
    timezone: str | None = None,
    header: str = "",
) -> str:
    """The YAML text of a new record, with optional fields as comments to fill in.

    Nothing is invented: without *start* an event starts in the current month (to be
    confirmed), while a program's ``start_year`` and a report's ``published`` stay comments.
    """
    lines = [header] if header else []
    if record_type == "event":
        lines += [
            f"title: {_quoted(title)}",
            f"kind: {kind or 'seminar'}",
            "status: planned",
            f"start: {start or today.strftime('%Y-%m')}",
            f"end: {end}" if end else "# end: 2027-02-08            # last day, inclusive",
            f"timezone: {timezone}"
            if timezone
            else "# timezone: Asia/Tokyo       # only with times, e.g. start: 2027-02-06T09:30",
            "# location:",
            "#   city: Tokyo",
            "#   country: JP",
            "#   venue: Mita Conference Hall",
            "#   online: false",
            "# organizers: []             # ids from content/organizations/",
            "# programs: []               # ids from content/programs/",
            "# audience: [government, licensing]",
            "# topics: [legal-framework, licensing]",
            "# countries: [JP, SG]",
            "# url: https://…",
            "# description: |",
            "#   What the event is about (Markdown).",
            f"announced: {today.isoformat()}",
            "# source: where these facts come from",
        ]
    elif record_type == "program":
        lines += [
            f"name: {_quoted(title)}",
            f"kind: {kind or 'assistance'}",
            "# sponsors: []               # ids from content/organizations/",
            "# countries: [JP]",
            "# topics: [licensing]",
            "# audience: [government]",
            f"start_year: {start[:4]}" if start else f"# start_year: {today.year}",
            "# url: https://…",
            "# description: |",
            "#   What the program does (Markdown).",
            "# source: where these facts come from",
        ]
    elif record_type == "report":
        lines += [
            f"title: {_quoted(title)}",
            f"kind: {kind or 'paper'}",
            "# event: event-id",
            "# program: program-id",
            "# authors: [Name Surname]",
            f"published: {start}" if start else f"# published: {today.isoformat()}",
            "# url: https://…",
            "# summary: |",
            "#   A short summary (Markdown).",
            "# topics: [licensing]",
            "# source: where these facts come from",
        ]
    else:
        lines += [
            f"name: {_quoted(title)}",
            f"kind: {kind or 'government'}",
            "# short_name: METI",
            "# country: JP",
            "# url: https://…",
        ]
    return "\n".join(lines) + "\n"


def plan_new_record(
    content_dir: Path,
    record_type: str,
    *,
    title: str,
    today: date,
    start: str | None = None,
    kind: str | None = None,
    record_id: str | None = None,
    end: str | None = None,
    timezone: str | None = None,
) -> tuple[Path, str, list[Problem]]:
    """Path and text of a new record, validated exactly like the files in content/.

    Nothing is written here; the caller writes the file when there are no problems.
    """
    new_id = record_id or slugify(title)
    # An event without --start starts this month (see record_text); a report has no date.
    filed_on = start or (today.isoformat() if record_type == "event" else None)
    path = filing_folder(content_dir, record_type, filed_on) / f"{new_id}.yml"
    text = record_text(
        record_type,
        title=title,
        today=today,
        start=start,
        kind=kind,
        end=end,
        timezone=timezone,
        header=modeline(record_type, path, schema_folder(content_dir)),
    )
    shown = display_path(path)
    document, problems = load_yaml(text.encode("utf-8"), shown)
    if record_id is None and len(title_slug(title)) < 3:
        problems.append(
            Problem(
                "--title",
                1,
                1,
                f"--title: {quote_found(title)} has too few Latin letters or digits to make a "
                "file name from; hint: choose the record id (its file name and web address) "
                "with --id, e.g. --id asian-export-control-seminar-15",
                title="No id",
            )
        )
    else:
        naming = id_problem(new_id)
        if naming:
            problems.append(Problem("--id", 1, 1, f"--id: {naming}"))
    if document is not None:
        _, record_problems = validate_record(RecordFile(record_type, new_id, path, shown), document)
        problems += record_problems
    existing = find_record(content_dir, record_type, new_id)
    if existing is not None:
        problems.append(
            Problem(
                shown,
                1,
                1,
                f"a record with this id already exists ({existing.display}); hint: pass --id",
            )
        )
    return path, text, problems
