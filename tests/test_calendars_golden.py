"""Golden files: the whole output for a small corpus, reviewed as a diff when it changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator import urls
from generator.calendars import render_calendars
from tests.calendar_fixtures import FIXTURE, SITE
from tests.conftest import make_context


def test_all_calendar_and_one_event_file_match_the_golden_files(
    tmp_path: Path, golden: Callable[[str, str | bytes], None]
) -> None:
    outputs = render_calendars(make_context(tmp_path, FIXTURE, site_url=SITE))
    golden("calendars/all.ics", outputs[urls.CALENDAR_ALL])
    golden("calendars/seminar-2007.ics", outputs[urls.event_calendar("seminar-2007")])
    golden("calendars/night-webinar.ics", outputs[urls.event_calendar("night-webinar")])
