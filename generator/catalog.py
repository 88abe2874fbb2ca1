"""The validated content: every record by type and id, where it came from, and loading it.

:func:`read_catalog` is the load + validate stage of the pipeline.  It reports every
problem in every file at once and returns a catalog only when there are no errors.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.discovery import RECORD_TYPES, RecordFile, discover, display_path, folder_name
from generator.gcpause import collector_paused
from generator.models import Event, Organization, Program, RecordModel, Report
from generator.problems import Problem, did_you_mean, sort_problems
from generator.validation import validate_record
from generator.yamlsource import Loc, Position, YamlDocument, load_yaml


@dataclass(frozen=True)
class SourceFile:
    """Where a record was read from, with the positions of its keys and values."""

    record_file: RecordFile
    document: YamlDocument

    @property
    def path(self) -> Path:
        """Absolute or working-directory-relative path of the file."""
        return self.record_file.path

    @property
    def display(self) -> str:
        """The path as shown in messages and annotations."""
        return self.record_file.display

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """Line and column of *loc* (e.g. ``("start",)``) in the file."""
        return self.document.position(loc, key=key)


@dataclass
class Catalog:
    """All valid records, each mapping sorted by id."""

    content_dir: Path
    events: dict[str, Event] = field(default_factory=dict)
    programs: dict[str, Program] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    sources: dict[tuple[str, str], SourceFile] = field(default_factory=dict)

    def records(self, record_type: str) -> dict[str, RecordModel]:
        """The mapping for a record type name (``"event"``, ``"program"``, …)."""
        mapping: dict[str, RecordModel] = getattr(self, folder_name(record_type))
        return mapping

    def source(self, record_type: str, record_id: str) -> SourceFile:
        """The file a record came from."""
        return self.sources[(record_type, record_id)]

    def countries(self) -> list[str]:
        """Every country any record names (event host or participant, program, organization).

        Each of them has a page and a calendar on the site.
        """
        codes: set[str] = set()
        for event in self.events.values():
            codes.update(event.all_countries)
        for program in self.programs.values():
            codes.update(program.countries)
        codes.update(o.country for o in self.organizations.values() if o.country)
        return sorted(codes)


def _reference_checks(catalog: Catalog) -> Iterator[tuple[str, str, Loc, str, str]]:
    """(record type, id, loc, referenced type, referenced id) for every reference."""
    for event_id, event in catalog.events.items():
        for loc_name, target in (
            ("organizers", "organization"),
            ("partners", "organization"),
            ("programs", "program"),
            ("reports", "report"),
            ("coordinated_with", "event"),
        ):
            for index, ref in enumerate(getattr(event, loc_name)):
                yield "event", event_id, (loc_name, index), target, ref
    for program_id, program in catalog.programs.items():
        for loc_name in ("sponsors", "partners"):
            for index, ref in enumerate(getattr(program, loc_name)):
                yield "program", program_id, (loc_name, index), "organization", ref
    for report_id, report in catalog.reports.items():
        if report.event:
            yield "report", report_id, ("event",), "event", report.event
        if report.program:
            yield "report", report_id, ("program",), "program", report.program


def check_references(catalog: Catalog, existing: dict[str, set[str]]) -> list[Problem]:
    """Problems for references to records that do not exist.

    *existing* holds, per type, the ids of all record files found — also those with
    errors, so that a broken file is reported once, not again at every reference to it.
    """
    problems = []
    for record_type, record_id, loc, target, ref in _reference_checks(catalog):
        known = existing.get(target, set())
        if ref in known:
            continue
        source = catalog.source(record_type, record_id)
        pos = source.position(loc)
        problems.append(
            Problem(
                source.display,
                pos.line,
                pos.col,
                f'unknown {target} "{ref}" in {loc[0]}: there is no file '
                f"{display_path(catalog.content_dir / folder_name(target) / ref)}.yml"
                f"{did_you_mean(ref, sorted(known))}",
                title="Unknown reference",
            )
        )
    return problems


def read_catalog(content_dir: Path) -> tuple[Catalog | None, list[Problem]]:
    """Load and validate every record under *content_dir*.

    Returns ``(catalog, problems)``; the catalog is ``None`` when any problem is an error.
    Problems are sorted by path, line and column.
    """
    with collector_paused():
        return _read_catalog(content_dir)


def _read_catalog(content_dir: Path) -> tuple[Catalog | None, list[Problem]]:
    catalog = Catalog(content_dir=content_dir)
    files, problems = discover(content_dir)
    first_file: dict[tuple[str, str], RecordFile] = {}
    for record_file in files:
        try:
            raw = record_file.path.read_bytes()
        except OSError as error:
            problems.append(
                Problem(record_file.display, 1, 1, f"cannot read file: {error.strerror}")
            )
            continue
        document, load_problems = load_yaml(raw, record_file.display)
        problems.extend(load_problems)
        if document is None:
            continue
        record, record_problems = validate_record(record_file, document)
        problems.extend(record_problems)
        key = (record_file.record_type, record_file.record_id)
        if key in first_file:
            # Both files are named, so the annotation lands on whichever one a PR adds.
            other = first_file[key]
            for here, there in ((record_file, other), (other, record_file)):
                problems.append(
                    Problem(
                        here.display,
                        1,
                        1,
                        f'duplicate {here.record_type} id "{here.record_id}": {there.display} '
                        "has the same file name; hint: ids are unique per type, rename one "
                        "of the files",
                        title="Duplicate id",
                    )
                )
            continue
        first_file[key] = record_file
        if record is not None:
            catalog.records(record_file.record_type)[record_file.record_id] = record
            catalog.sources[key] = SourceFile(record_file, document)
    existing: dict[str, set[str]] = {}
    for record_file in files:
        existing.setdefault(record_file.record_type, set()).add(record_file.record_id)
    problems.extend(check_references(catalog, existing))
    for record_type in RECORD_TYPES:
        records = catalog.records(record_type)
        ordered = dict(sorted(records.items()))
        records.clear()
        records.update(ordered)
    problems = sort_problems(problems)
    if any(p.severity == "error" for p in problems):
        return None, problems
    return catalog, problems
