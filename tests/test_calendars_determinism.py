"""Same commit, same bytes; an edit keeps the UID and raises SEQUENCE."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from bench.synth import generate_corpus
from generator import urls
from generator.calendars import render_calendars
from generator.pipeline import load_context
from generator.writer import Outputs
from tests.calendar_fixtures import FIXTURE, SITE
from tests.conftest import REPO_ROOT, make_context
from tests.test_calendars_content import event_file
from tests.test_history import git

DIGEST_SCRIPT = """
import hashlib, sys
from datetime import date
from pathlib import Path
from generator.calendars import render_calendars
from generator.pipeline import load_context
context, _ = load_context(Path(sys.argv[1]), None, date(2030, 1, 1))
outputs = render_calendars(context)
digest = hashlib.sha256()
for path in outputs:
    digest.update(path.encode() + b"\\0" + outputs[path] + b"\\0")
print(digest.hexdigest())
"""


def digest(outputs: Outputs) -> str:
    value = hashlib.sha256()
    for path in outputs:
        value.update(path.encode() + b"\0" + outputs[path] + b"\0")
    return value.hexdigest()


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path: Path) -> None:
    first = render_calendars(make_context(tmp_path / "a", FIXTURE, site_url=SITE))
    second = render_calendars(make_context(tmp_path / "b", FIXTURE, site_url=SITE))
    assert list(first) == list(second)
    for path in first:
        assert first[path] == second[path], path


def test_builds_with_different_hash_seeds_are_byte_identical(tmp_path: Path) -> None:
    content = generate_corpus(tmp_path / "content", 200, seed=3)
    context, _ = load_context(content, None, date(2030, 1, 1))
    expected = digest(render_calendars(context))
    for seed in ("1", "4242"):
        completed = subprocess.run(
            [sys.executable, "-c", DIGEST_SCRIPT, str(content)],
            cwd=REPO_ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        )
        assert completed.stdout.strip() == expected, f"PYTHONHASHSEED={seed}"


def test_an_edit_commit_keeps_the_uid_and_raises_the_sequence(tmp_path: Path) -> None:
    content = make_context(tmp_path, FIXTURE, site_url=SITE).catalog.content_dir
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "add", date="2030-01-01T10:00:00+00:00")

    def seminar() -> dict[str, str]:
        context, _ = load_context(content, None, date(2030, 1, 1), SITE)
        return event_file(render_calendars(context), "seminar-2007")

    before = seminar()
    record = content / "events" / "seminar-2007.yml"
    record.write_text(record.read_text().replace("end: 2007-02-08", "end: 2007-02-09"))
    git(tmp_path, "commit", "-qam", "extend", date="2030-02-03T04:05:06+00:00")
    after = seminar()

    assert after["UID"] == before["UID"] == "seminar-2007@xc-clearinghouse.org"
    assert (before["SEQUENCE"], after["SEQUENCE"]) == ("1", "2")
    assert before["DTSTAMP"] == before["LAST-MODIFIED"] == "20300101T100000Z"
    assert after["DTSTAMP"] == after["LAST-MODIFIED"] == "20300203T040506Z"
    assert after["CREATED"] == before["CREATED"] == "20300101T100000Z"
    assert after["DTEND;VALUE=DATE"] == "20070210"


def test_moving_a_record_into_a_folder_does_not_lower_the_sequence(tmp_path: Path) -> None:
    content = make_context(tmp_path, FIXTURE, site_url=SITE).catalog.content_dir
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "add", date="2030-01-01T10:00:00+00:00")
    (content / "events" / "2007").mkdir()
    git(tmp_path, "mv", "content/events/seminar-2007.yml", "content/events/2007/seminar-2007.yml")
    git(tmp_path, "commit", "-q", "-m", "move", date="2030-01-02T00:00:00+00:00")
    context, _ = load_context(content, None, date(2030, 1, 1), SITE)
    outputs = render_calendars(context)
    assert event_file(outputs, "seminar-2007")["SEQUENCE"] == "2"
    assert urls.event_calendar("seminar-2007") in outputs
