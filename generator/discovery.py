"""Finding record files in a content tree and deriving their ids from file names."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from generator.fieldtypes import is_valid_id, slugify
from generator.problems import Problem
from generator.urls import RESERVED_IDS

RECORD_TYPES = ("organization", "program", "report", "event")
"""Record types in the order they are loaded (referenced types first)."""

RECORD_SUFFIXES = (".yml", ".yaml")


def folder_name(record_type: str) -> str:
    """The content sub-folder of a record type: ``event`` → ``events``."""
    return f"{record_type}s"


def display_path(path: Path) -> str:
    """*path* as shown to people: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return os.path.relpath(path) if os.name != "nt" else str(path)


@dataclass(frozen=True)
class RecordFile:
    """One record file found in the content tree."""

    record_type: str
    record_id: str
    path: Path
    display: str


def _walk_files(folder: Path, *, hidden: bool = False) -> list[str]:
    """POSIX paths of the files below *folder*, relative to it, sorted.

    Hidden files and folders (names starting with ``.``) are skipped, or with ``hidden=True``
    only hidden files are returned (still outside hidden folders).
    """
    found: list[str] = []
    for directory, subdirectories, names in os.walk(folder):
        subdirectories[:] = [d for d in subdirectories if not d.startswith(".")]
        prefix = os.path.relpath(directory, folder).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        found.extend(prefix + name for name in names if name.startswith(".") == hidden)
    return sorted(found, key=lambda p: p.split("/"))


def _is_yaml(name: str) -> bool:
    return name.lower().endswith(RECORD_SUFFIXES)


MAX_PROBE_BYTES = 64 * 1024
"""How much of a stray YAML file is read to tell whether it is a record."""
_RECORD_KEYS = re.compile(rb"^kind:", re.MULTILINE), re.compile(rb"^(?:title|name):", re.MULTILINE)


def _looks_like_record(path: Path) -> bool:
    """True for a YAML file with top-level ``kind:`` and ``title:``/``name:`` (what every
    record has, and settings files such as clearinghouse.yml or mkdocs.yml do not)."""
    try:
        head = path.read_bytes()[:MAX_PROBE_BYTES]
    except OSError:
        return False
    return all(pattern.search(head) for pattern in _RECORD_KEYS)


def _misplaced_records(content_dir: Path, shown_root: str) -> list[Problem]:
    """Errors for records that no record folder holds, so they would never be published.

    A record in ``content/`` itself or in a misspelt folder (``content/event/``) would
    otherwise pass the check and silently never appear on the site.  Only files that look
    like records count, and only folders whose names are close to a record folder's, so a
    content folder may share its directory with settings, documentation or tests.
    """
    folders = [folder_name(record_type) for record_type in reversed(RECORD_TYPES)]
    expected = ", ".join(f"{folder}/" for folder in folders[:-1]) + f" or {folders[-1]}/"
    move = "; hint: move it into the folder of its type"
    problems: list[Problem] = []
    for entry in sorted(content_dir.iterdir(), key=lambda p: p.name):
        if entry.name.startswith(".") or entry.name in folders:
            continue
        if entry.is_dir():
            close = difflib.get_close_matches(entry.name.lower(), folders, n=1)
            if not close:
                continue
            misplaced = [
                f"{entry.name}/{name}"
                for name in _walk_files(entry)
                if _is_yaml(name) and _looks_like_record(entry / name)
            ]
            hint = f'; hint: did you mean "{close[0]}/"?'
        elif _is_yaml(entry.name) and _looks_like_record(entry):
            misplaced, hint = [entry.name], move
        else:
            continue
        problems.extend(
            Problem(
                f"{shown_root}/{relative}",
                1,
                1,
                f"not in a record folder ({expected}), so it would never be published{hint}",
                title="Misplaced record",
            )
            for relative in misplaced
        )
    return problems


def _hidden_record_warnings(folder: Path, shown_folder: str) -> list[Problem]:
    """Warnings for ``.name.yml`` files in a record folder: hidden files are never loaded."""
    return [
        Problem(
            f"{shown_folder}/{relative}",
            1,
            1,
            "ignored: names starting with a dot are hidden files, never records; hint: rename "
            f'it to "{relative.rsplit("/", 1)[-1].lstrip(".")}"',
            severity="warning",
            title="File ignored",
        )
        for relative in _walk_files(folder, hidden=True)
        if _is_yaml(relative)
    ]


def discover(content_dir: Path) -> tuple[list[RecordFile], list[Problem]]:
    """All record files below *content_dir*, sorted by type and path, plus naming problems.

    Hidden files (names starting with ``.``) are ignored, with a warning when they look like
    records; other files that are not ``.yml``/``.yaml`` get a warning, since they are never
    published; YAML files outside the record folders are errors.
    """
    files: list[RecordFile] = []
    shown_root = display_path(content_dir)
    problems = _misplaced_records(content_dir, shown_root)
    for record_type in RECORD_TYPES:
        folder = content_dir / folder_name(record_type)
        if not folder.is_dir():
            continue
        problems.extend(_hidden_record_warnings(folder, f"{shown_root}/{folder.name}"))
        for relative in _walk_files(folder):
            path = folder / relative
            shown = f"{shown_root}/{folder.name}/{relative}"
            if path.suffix not in RECORD_SUFFIXES:
                hint = ""
                if path.suffix.lower() in RECORD_SUFFIXES:
                    hint = f'; hint: rename it to "{path.stem}{path.suffix.lower()}"'
                elif any(path.name.lower().endswith(s + ".txt") for s in RECORD_SUFFIXES):
                    hint = '; hint: remove the ".txt" ending'
                problems.append(
                    Problem(
                        shown,
                        1,
                        1,
                        f"ignored: only .yml and .yaml files are records{hint}",
                        severity="warning",
                        title="File ignored",
                    )
                )
                continue
            record_id = path.stem
            if record_id in RESERVED_IDS:
                problems.append(
                    Problem(
                        shown,
                        1,
                        1,
                        f'"{record_id}" is reserved for the site\'s own pages and cannot be a '
                        "record id; hint: rename the file, e.g. "
                        f'"{record_type}-{record_id}{path.suffix}"',
                        title="Reserved id",
                    )
                )
            elif not is_valid_id(record_id):
                problems.append(
                    Problem(
                        shown,
                        1,
                        1,
                        f'file name "{path.name}" does not make a valid record id: use 3–80 '
                        "lowercase letters, digits and hyphens, starting and ending with a letter "
                        f'or digit (hint: rename it to "{slugify(record_id)}{path.suffix}")',
                        title="Invalid file name",
                    )
                )
            files.append(RecordFile(record_type, record_id, path, shown))
    return files, problems


def find_record(content_dir: Path, record_type: str, record_id: str) -> RecordFile | None:
    """The file of the record with this type and id anywhere below *content_dir*, if any."""
    for record_file in discover(content_dir)[0]:
        if (record_file.record_type, record_file.record_id) == (record_type, record_id):
            return record_file
    return None


_YEAR = re.compile(r"(\d{4})-")


def filing_folder(content_dir: Path, record_type: str, date_text: str | None) -> Path:
    """Where a new record goes: events and reports in a folder per year (as the shipped
    records are filed) when *date_text* starts with one, everything else in its type's
    folder."""
    folder = content_dir / folder_name(record_type)
    year = _YEAR.match(date_text or "")
    if record_type in ("event", "report") and year:
        return folder / year.group(1)
    return folder
