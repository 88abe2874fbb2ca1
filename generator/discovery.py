"""Finding record files in a content tree and deriving their ids from file names."""

from __future__ import annotations

import os
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


def _walk_files(folder: Path) -> list[str]:
    """POSIX paths of the files below *folder*, relative to it, sorted; hidden ones skipped."""
    found: list[str] = []
    for directory, subdirectories, names in os.walk(folder):
        subdirectories[:] = [d for d in subdirectories if not d.startswith(".")]
        prefix = os.path.relpath(directory, folder).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        found.extend(prefix + name for name in names if not name.startswith("."))
    return sorted(found, key=lambda p: p.split("/"))


def discover(content_dir: Path) -> tuple[list[RecordFile], list[Problem]]:
    """All record files below *content_dir*, sorted by type and path, plus naming problems.

    Files whose names start with ``.`` are ignored silently (editor and OS files); other
    files that are not ``.yml``/``.yaml`` get a warning, since they are never published.
    """
    files: list[RecordFile] = []
    problems: list[Problem] = []
    shown_root = display_path(content_dir)
    for record_type in RECORD_TYPES:
        folder = content_dir / folder_name(record_type)
        if not folder.is_dir():
            continue
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
