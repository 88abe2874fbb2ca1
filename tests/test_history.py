"""Record history from git: counts that never decrease, dates from commits, moves kept."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from generator.history import read_history
from tests.conftest import MINIMAL_EVENT, write_content


def git(repo: Path, *args: str, date: str = "2030-01-01T00:00:00+00:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
    ).stdout


def make_repo(tmp_path: Path) -> Path:
    content = write_content(tmp_path, {"events/x-event.yml": MINIMAL_EVENT})
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "add", date="2030-01-01T10:00:00+00:00")
    return content


def test_outside_git_history_is_empty(tmp_path: Path) -> None:
    content = write_content(tmp_path, {"events/x-event.yml": MINIMAL_EVENT})
    history = read_history(content)
    assert not history.available
    assert history.of("event", "x-event").count == 0


def test_each_commit_counts_and_dates_come_from_commits(tmp_path: Path) -> None:
    content = make_repo(tmp_path)
    (content / "events/x-event.yml").write_text(MINIMAL_EVENT + "status: cancelled\n")
    git(tmp_path, "commit", "-qam", "cancel", date="2030-01-05T12:00:00+00:00")
    record = read_history(content).of("event", "x-event")
    assert record.count == 2
    assert record.first_published is not None and record.last_modified is not None
    assert record.first_published.isoformat() == "2030-01-01T10:00:00+00:00"
    assert record.last_modified.isoformat() == "2030-01-05T12:00:00+00:00"


def test_moving_a_record_into_a_sub_folder_keeps_its_history(tmp_path: Path) -> None:
    content = make_repo(tmp_path)
    (content / "events/2030").mkdir()
    git(tmp_path, "mv", "content/events/x-event.yml", "content/events/2030/x-event.yml")
    git(tmp_path, "commit", "-qm", "move", date="2030-02-01T00:00:00+00:00")
    record = read_history(content).of("event", "x-event")
    assert record.count == 2
    assert record.revisions[-1].path == "content/events/2030/x-event.yml"


def test_old_versions_are_read_back(tmp_path: Path) -> None:
    content = make_repo(tmp_path)
    (content / "events/x-event.yml").write_text(MINIMAL_EVENT + "status: cancelled\n")
    git(tmp_path, "commit", "-qam", "cancel", date="2030-01-05T12:00:00+00:00")
    history = read_history(content)
    revisions = history.of("event", "x-event").revisions
    versions = history.read_versions((r.commit, r.path) for r in revisions)
    assert versions[(revisions[0].commit, revisions[0].path)] == MINIMAL_EVENT.encode()
    assert versions[(revisions[1].commit, revisions[1].path)].endswith(b"status: cancelled\n")


def test_shallow_clones_are_detected(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    make_repo(source)
    (source / "content/events/x-event.yml").write_text(MINIMAL_EVENT + "status: planned\n")
    git(source, "commit", "-qam", "edit", date="2030-01-02T00:00:00+00:00")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{source}", str(clone))
    history = read_history(clone / "content")
    assert history.shallow
    assert not read_history(source / "content").shallow


def _merge_where_the_branch_wins(tmp_path: Path) -> Path:
    """main cancels the event; a branch retitles it; the merge keeps the branch's file."""
    content = make_repo(tmp_path)
    record = content / "events/x-event.yml"
    git(tmp_path, "checkout", "-q", "-b", "side")
    record.write_text(MINIMAL_EVENT.replace("Example Seminar", "Renamed Seminar"))
    git(tmp_path, "commit", "-qam", "retitle", date="2030-01-02T00:00:00+00:00")
    git(tmp_path, "checkout", "-q", "main")
    record.write_text(MINIMAL_EVENT + "status: cancelled\n")
    git(tmp_path, "commit", "-qam", "cancel", date="2030-01-03T00:00:00+00:00")
    git(tmp_path, "merge", "-q", "--no-commit", "--no-ff", "side", "-X", "theirs")
    git(tmp_path, "checkout", "side", "--", "content/events/x-event.yml")
    git(tmp_path, "commit", "-qm", "merge side", date="2030-01-04T00:00:00+00:00")
    return content


def test_merges_never_lower_the_count_and_date_the_change(tmp_path: Path) -> None:
    content = _merge_where_the_branch_wins(tmp_path)
    record = read_history(content).of("event", "x-event")
    # add, retitle (branch), cancel (main) and the merge that undid the cancellation
    assert record.count == 4
    assert record.last_modified is not None
    assert record.last_modified.isoformat() == "2030-01-04T00:00:00+00:00"


def test_the_mainline_is_what_the_built_branch_showed_one_state_after_the_other(
    tmp_path: Path,
) -> None:
    content = _merge_where_the_branch_wins(tmp_path)
    history = read_history(content)
    mainline = history.of("event", "x-event").mainline
    assert [r.committed.day for r in mainline] == [1, 3, 4]  # add, cancel, merge
    versions = history.read_versions((r.commit, r.path) for r in mainline)
    texts = [versions[(r.commit, r.path)].decode() for r in mainline]
    assert "status: cancelled" in texts[1] and "Renamed Seminar" in texts[2]
