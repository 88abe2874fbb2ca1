"""The git history of record files: when each record changed, and how often.

Calendars need a LAST-MODIFIED and a SEQUENCE that never decreases, feeds need the dates of
announcements and changes; both come from here, never from the clock.  History is keyed by
record (type and id), not by path, so moving a file into a sub-folder keeps its history.

One ``git log`` call reads the history of the whole content tree; ``git cat-file --batch``
reads old file versions in one process.  Outside a git checkout the history is empty and
consumers fall back to fields of the record (documented where they do so).
"""

from __future__ import annotations

import subprocess
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from generator.discovery import RECORD_SUFFIXES, RECORD_TYPES, folder_name

RecordKey = tuple[str, str]
"""(record type, record id), e.g. ``("event", "xcxg-2007-tokyo")``."""

_FOLDER_TO_TYPE = {folder_name(t): t for t in RECORD_TYPES}


@dataclass(frozen=True)
class Revision:
    """One commit that added, modified or deleted a record file."""

    commit: str
    committed: datetime
    path: str
    """Repository-relative POSIX path of the file in that commit."""
    status: str
    """``A`` (added), ``M`` (modified) or ``D`` (deleted)."""


@dataclass(frozen=True)
class RecordHistory:
    """The revisions of one record, oldest first.

    ``revisions`` holds every commit reachable from ``HEAD`` that changed the file — those
    of merged branches too, and merge commits whose result differs from their first
    parent — so the count only grows as history grows, whatever the merges did.
    ``mainline`` is the subset on the first-parent line of ``HEAD``: the versions the
    built branch itself had, one after the other (a merge is one step).
    """

    revisions: tuple[Revision, ...] = ()
    mainline: tuple[Revision, ...] = ()

    @property
    def count(self) -> int:
        """How many commits changed the record (never decreases as history grows)."""
        return len({r.commit for r in self.revisions})

    @property
    def last_modified(self) -> datetime | None:
        """Commit time of the newest change, or None without history."""
        return max((r.committed for r in self.revisions), default=None)

    @property
    def first_published(self) -> datetime | None:
        """Commit time of the first commit that added the record, or None."""
        return self.revisions[0].committed if self.revisions else None


@dataclass
class ContentHistory:
    """History of every record below a content folder."""

    repo_root: Path | None = None
    shallow: bool = False
    records: dict[RecordKey, RecordHistory] = field(default_factory=dict)

    @property
    def available(self) -> bool:
        """True when the content is in a git checkout with at least one commit."""
        return self.repo_root is not None

    def of(self, record_type: str, record_id: str) -> RecordHistory:
        """History of one record (empty when unknown)."""
        return self.records.get((record_type, record_id), RecordHistory())

    def read_versions(self, wanted: Iterable[tuple[str, str]]) -> dict[tuple[str, str], bytes]:
        """File contents for ``(commit, path)`` pairs, read through one git process.

        Pairs that do not exist in git (deleted files) are left out of the result.
        """
        pairs = sorted(set(wanted))
        if not pairs or self.repo_root is None:
            return {}
        request = "".join(f"{commit}:{path}\n" for commit, path in pairs).encode("utf-8")
        output = _git(self.repo_root, ["cat-file", "--batch"], stdin=request)
        if output is None:
            return {}
        result: dict[tuple[str, str], bytes] = {}
        offset = 0
        for pair in pairs:
            header_end = output.index(b"\n", offset)
            header = output[offset:header_end].split(b" ")
            offset = header_end + 1
            if len(header) < 3 or header[1] != b"blob":
                continue
            size = int(header[2])
            result[pair] = output[offset : offset + size]
            offset += size + 1
        return result


def _git(cwd: Path, args: list[str], stdin: bytes | None = None) -> bytes | None:
    try:
        completed = subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            check=False,
        )
    except OSError:
        return None
    return completed.stdout if completed.returncode == 0 else None


def record_key_for_path(repo_path: str, content_prefix: PurePosixPath) -> RecordKey | None:
    """The record a repository path belongs to, e.g. ``content/events/2007/x.yml``."""
    path = PurePosixPath(repo_path)
    try:
        relative = path.relative_to(content_prefix)
    except ValueError:
        return None
    if len(relative.parts) < 2 or path.suffix not in RECORD_SUFFIXES:
        return None
    record_type = _FOLDER_TO_TYPE.get(relative.parts[0])
    if record_type is None:
        return None
    return record_type, path.stem


def parse_log(
    output: str, content_prefix: PurePosixPath, mainline: Collection[str] | None = None
) -> dict[RecordKey, RecordHistory]:
    """Parse ``git log --format=%x1e%H %ct --name-status --no-renames`` output.

    *mainline* is the set of commits on the first-parent line (all commits when None).
    """
    revisions: dict[RecordKey, list[Revision]] = {}
    # git log lists the newest commit first; reversed, it is oldest first in commit order
    # (which, unlike timestamps, is never ambiguous).  Within a commit a deletion comes
    # before an addition, so after a move the newest revision is the file's new path.
    for chunk in reversed(output.split("\x1e")):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        commit, timestamp = lines[0].split()
        committed = datetime.fromtimestamp(int(timestamp), tz=UTC)
        for line in sorted(lines[1:], key=lambda entry: (not entry.startswith("D"), entry)):
            status, _, repo_path = line.partition("\t")
            key = record_key_for_path(repo_path, content_prefix)
            if key is not None:
                revisions.setdefault(key, []).append(
                    Revision(commit, committed, repo_path, status[:1])
                )
    return {
        key: RecordHistory(
            tuple(revs),
            tuple(revs) if mainline is None else tuple(r for r in revs if r.commit in mainline),
        )
        for key, revs in sorted(revisions.items())
    }


def read_history(content_dir: Path) -> ContentHistory:
    """The git history of every record under *content_dir* (empty outside git)."""
    content_dir = content_dir.resolve()
    top = _git(content_dir, ["rev-parse", "--show-toplevel"])
    if top is None:
        return ContentHistory()
    repo_root = Path(top.decode("utf-8").strip())
    if _git(repo_root, ["rev-parse", "--verify", "--quiet", "HEAD"]) is None:
        return ContentHistory()
    shallow = (_git(repo_root, ["rev-parse", "--is-shallow-repository"]) or b"").strip() == b"true"
    prefix = PurePosixPath(content_dir.relative_to(repo_root.resolve()).as_posix())
    # --full-history: without it git simplifies merges away and leaves out the commits of
    # a merged branch whose result matches the other side, which could lower a SEQUENCE.
    # --diff-merges=first-parent: a merge that changed a file counts as a change of it.
    # --topo-order: parents always after their children, so reversed, oldest first.
    log = _git(
        repo_root,
        [
            "-c",
            "core.quotePath=false",
            "log",
            "--full-history",
            "--diff-merges=first-parent",
            "--topo-order",
            "--format=%x1e%H %ct",
            "--name-status",
            "--no-renames",
            "--",
            prefix.as_posix() if str(prefix) != "." else ".",
        ],
    )
    first_parents = _git(repo_root, ["rev-list", "--first-parent", "HEAD"]) or b""
    mainline = frozenset(first_parents.decode("ascii", "replace").split())
    records = parse_log(log.decode("utf-8", "replace"), prefix, mainline) if log else {}
    return ContentHistory(repo_root=repo_root, shallow=shallow, records=records)
