"""Which records changed since a git ref: what a pull request adds or edits.

``changed_records(content_dir, ref)`` combines

* ``git diff --name-only --no-renames REF...HEAD``: the commits on this branch since it
  left *ref* (the merge base), and
* ``git diff --name-only --no-renames HEAD`` plus untracked files: what is not committed
  yet, so that ``clearinghouse overlaps --changed-since origin/main`` shows an organizer
  what their pull request will introduce before they push.

In a GitHub Actions ``pull_request`` job the checkout is the PR's merge commit, whose
first parent is the base branch; ``REF...HEAD`` is then exactly the PR's change.  The base
branch must be fetched (``actions/checkout`` with ``fetch-depth: 0``, or
``git fetch origin $GITHUB_BASE_REF``) and passed as ``origin/<base>``.

Paths map to records the way the history does
(:func:`generator.history.record_key_for_path`), so a record moved into a sub-folder
keeps its id.  Deleted records are included; callers ignore ids that no longer exist.
"""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

from generator.history import RecordKey, record_key_for_path
from generator.problems import ContentError, Problem


def changed_records(content_dir: Path, ref: str) -> set[RecordKey]:
    """Records under *content_dir* changed since *ref* (committed or not).

    Raises :class:`ContentError` (shown as ``--changed-since:1:1: error: …``) when the
    folder is not in a git checkout or *ref* is unknown.
    """
    content_dir = content_dir.resolve()
    top = _git(content_dir, ["rev-parse", "--show-toplevel"])
    if top is None:
        raise _option_error(
            f"{content_dir} is not in a git checkout; hint: run the command inside the "
            "repository, or leave out --changed-since"
        )
    repo_root = Path(top.strip())
    known = _git(repo_root, ["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"])
    if ref.startswith("-") or known is None:
        raise _option_error(
            f'unknown git ref "{ref}"; hint: fetch it first (git fetch origin main) and '
            "pass it as origin/main, or give a commit id"
        )
    prefix = PurePosixPath(content_dir.relative_to(repo_root.resolve()).as_posix())
    listed: list[str] = []
    for args in (
        ["diff", "--name-only", "--no-renames", f"{ref}...HEAD", "--"],
        ["diff", "--name-only", "--no-renames", "HEAD", "--"],
        ["ls-files", "--others", "--exclude-standard", "--"],
    ):
        output = _git(repo_root, ["-c", "core.quotePath=false", *args, _pathspec(prefix)])
        if output is None:
            raise _option_error(
                f'cannot compare with "{ref}": git {args[0]} failed (no common history in a '
                "shallow clone?); hint: check out with fetch-depth: 0"
            )
        listed.extend(line for line in output.splitlines() if line)
    keys = {record_key_for_path(path, prefix) for path in listed}
    return {key for key in keys if key is not None}


def changed_event_ids(content_dir: Path, ref: str) -> set[str]:
    """Ids of the events changed since *ref* (see :func:`changed_records`)."""
    return {record_id for kind, record_id in changed_records(content_dir, ref) if kind == "event"}


def _pathspec(prefix: PurePosixPath) -> str:
    return "." if str(prefix) == "." else prefix.as_posix()


def _option_error(message: str) -> ContentError:
    return ContentError([Problem("--changed-since", 1, 1, f"--changed-since: {message}")])


def _git(cwd: Path, args: list[str]) -> str | None:
    try:
        completed = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, check=False, text=True
        )
    except OSError:
        return None
    return completed.stdout if completed.returncode == 0 else None
