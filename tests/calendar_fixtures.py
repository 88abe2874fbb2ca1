"""Content trees and helpers shared by the calendar tests."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from generator.models import Event
from generator.writer import write_tree
from tests.conftest import REPO_ROOT

SITE = "https://calendars.example.org/"

ORGANIZATIONS = {
    "organizations/meti-x.yml": """\
        name: Ministry of Economy, Trade and Industry
        short_name: METI
        kind: government
        country: JP
        """,
    "organizations/partner-org.yml": "name: Partner Institute\nkind: think-tank\n",
    "organizations/idle-org.yml": "name: Idle Office\nkind: government\ncountry: NZ\n",
}
PROGRAMS = {
    "programs/prog-a.yml": "name: Programme A\nkind: assistance\ncountries: [VN]\n",
    "programs/prog-empty.yml": "name: Programme Without Events\nkind: academy\n",
}
EVENTS = {
    # All-day, three days: 6–8 Feb 2007 must end DTEND;VALUE=DATE:20070209.
    "events/seminar-2007.yml": """\
        title: 14th Example Export Control Seminar
        kind: seminar
        status: confirmed
        start: 2007-02-06
        end: 2007-02-08
        location:
          venue: Mita Conference Hall
          city: Tokyo
          country: JP
          lat: 35.6485
          lon: 139.7445
        organizers: [meti-x]
        partners: [partner-org]
        programs: [prog-a]
        series: example-seminar
        topics: [legal-framework, licensing]
        countries: [SG, TH]
        url: https://www.example.org/seminar
        registration:
          url: https://www.example.org/register
          deadline: 2007-01-15
        announced: 2006-11-20
        description: |
          The **annual** seminar, see [the agenda](https://www.example.org/agenda).

          - legal frameworks
          - licensing
        """,
    # Timed, crossing local midnight, online only, planned.
    "events/night-webinar.yml": """\
        title: Night Webinar on Licensing
        kind: webinar
        status: planned
        start: 2030-03-10T22:00
        end: 2030-03-11T01:30
        timezone: Asia/Tokyo
        location:
          online: true
        organizers: [partner-org]
        topics: [licensing]
        countries: [KR]
        """,
    # 09:00 Berlin in summer (CEST, UTC+2) and winter (CET, UTC+1).
    "events/berlin-summer.yml": """\
        title: Berlin Summer Briefing
        kind: meeting
        start: 2030-07-15T09:00
        end: 2030-07-15T17:00
        timezone: Europe/Berlin
        location:
          city: Berlin
          country: DE
        series: berlin-briefing
        """,
    "events/berlin-winter.yml": """\
        title: Berlin Winter Briefing
        kind: meeting
        start: 2030-01-15T09:00
        end: 2030-01-15T17:00
        timezone: Europe/Berlin
        location:
          city: Berlin
          country: DE
        series: berlin-briefing
        """,
    "events/cancelled-2030.yml": """\
        title: Customs Workshop
        kind: workshop
        status: cancelled
        start: 2030-05-20
        location:
          city: Singapore
          country: SG
        topics: [customs]
        countries: [JP]
        organizers: [meti-x]
        """,
    "events/postponed-2030.yml": """\
        title: Enforcement Training
        kind: training
        status: postponed
        start: 2030-06-03
        end: 2030-06-04
        location:
          city: Taipei
          country: TW
          online: true
        topics: [enforcement]
        """,
    "events/month-only-2030.yml": """\
        title: Academy Session To Be Dated
        kind: academy
        start: 2030-09
        location:
          country: JP
        topics: [licensing]
        programs: [prog-a]
        series: example-seminar
        """,
    "events/bare-2030.yml": "title: Bare Meeting\nkind: meeting\nstart: 2030-10-01\n",
}
FIXTURE = {**ORGANIZATIONS, **PROGRAMS, **EVENTS}


def _yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


HOSTILE_TITLE = (
    "Évènement; with, commas \\ backslash \\N \\n and BEGIN:VEVENT END:VCALENDAR "
    "東京輸出管理セミナー 📅🧪 " + "漢字ü😀" * 20
)[:200]
HOSTILE_VENUE = ('Hall; A, B \\ C" BEGIN:VALARM ACTION:DISPLAY ' + "会議室🏛" * 60)[:200]
HOSTILE_CITY = ("Chiyoda; Kasumigaseki, " + "霞が関" * 40)[:120]
HOSTILE_DESCRIPTION = (
    "First line\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil@example.org\nSUMMARY:injected\n"
    "END:VEVENT\n\nBEGIN:VALARM\nTRIGGER:-PT5M\nEND:VALARM\n\n"
    '; , \\ \\n \\N :colon "quotes" 😀 ' + "長い説明文です。" * 300
)
HOSTILE_ORGANIZATION = ("Org, Inc.; BEGIN:VEVENT \\ " + "機関" * 90)[:200]
HOSTILE_PROGRAM = ("Programme; X, Y \\N END:VCALENDAR " + "計画" * 90)[:200]

HOSTILE = {
    "organizations/hostile-org.yml": f"name: {_yaml_string(HOSTILE_ORGANIZATION)}\nkind: ngo\n",
    "programs/hostile-program.yml": f"name: {_yaml_string(HOSTILE_PROGRAM)}\nkind: research\n",
    "events/hostile-event.yml": (
        f"title: {_yaml_string(HOSTILE_TITLE)}\n"
        "kind: seminar\n"
        "start: 2030-05-01\n"
        "location:\n"
        f"  venue: {_yaml_string(HOSTILE_VENUE)}\n"
        f"  city: {_yaml_string(HOSTILE_CITY)}\n"
        "  country: JP\n"
        "organizers: [hostile-org]\n"
        "programs: [hostile-program]\n"
        "topics: [outreach]\n"
        f"description: {_yaml_string(HOSTILE_DESCRIPTION)}\n"
    ),
}


# --- what a record says, computed independently of the generator ----------------------


def expected_span(event: Event) -> tuple[str, str]:
    """Start and end as ical.js reports them: days (end exclusive) or UTC instants."""
    if event.timezone and event.start.hour is not None:
        zone = ZoneInfo(event.timezone)
        end = event.end or event.start

        def utc(value: Any) -> str:
            local = datetime(value.year, value.month, value.day, value.hour, value.minute)
            moment = local.replace(tzinfo=zone).astimezone(UTC)
            return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")

        return utc(event.start), utc(end)
    first = event.start.first_day()
    last = (event.end or event.start).last_day()
    return first.isoformat(), (last + timedelta(days=1)).isoformat()


EXPECTED_STATUS = {
    "planned": "TENTATIVE",
    "confirmed": "CONFIRMED",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
}
EXPECTED_PREFIX = {"cancelled": "Cancelled: ", "postponed": "Postponed: "}


# --- Mozilla ical.js --------------------------------------------------------------------

ICALJS_SCRIPT = REPO_ROOT / "tests" / "js" / "parse_ics.mjs"
ICALJS_PACKAGE = REPO_ROOT / "node_modules" / "ical.js" / "package.json"


def clients_required() -> bool:
    """True under CI (``XC_REQUIRE_BROWSER=1``): independent clients must run there."""
    return os.environ.get("XC_REQUIRE_BROWSER") == "1"


def require_icaljs() -> str:
    """The node executable; skips the test (fails under CI) when ical.js is missing."""
    node = shutil.which("node")
    reason = None
    if node is None:
        reason = "node is not installed, so Mozilla's ical.js cannot check the calendars"
    elif not ICALJS_PACKAGE.exists():
        reason = "ical.js is not installed; run `make node_modules/.installed` (npm ci)"
    if reason is not None or node is None:
        if clients_required():
            pytest.fail(f"{reason} (XC_REQUIRE_BROWSER=1: independent clients are required)")
        pytest.skip(reason or "node is not installed")
    return node


def parse_with_icaljs(outputs: Mapping[str, bytes], folder: Path) -> dict[str, Any]:
    """Write *outputs* below *folder* and parse every .ics file with ical.js.

    Returns ``{site path: parsed}``.  Node runs in a time zone far from UTC
    (Pacific/Kiritimati, UTC+14) so that a local-time slip shows up.
    """
    node = require_icaljs()
    write_tree(outputs, folder)
    completed = subprocess.run(
        [node, str(ICALJS_SCRIPT), str(folder)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "TZ": "Pacific/Kiritimati"},
    )
    assert completed.returncode == 0, completed.stderr
    parsed: dict[str, Any] = json.loads(completed.stdout)
    return {Path(path).relative_to(folder).as_posix(): data for path, data in parsed.items()}
