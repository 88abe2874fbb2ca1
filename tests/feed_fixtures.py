"""A small content tree that exercises feeds and exports: every date shape, a cancelled
event, a title that needs XML escaping, text that looks like a spreadsheet formula, and
references in every direction."""

from __future__ import annotations

import xml.etree.ElementTree as StdET
from pathlib import Path

import feedparser
from lxml import etree

CORPUS: dict[str, str] = {
    "organizations/meti.yml": (
        "name: Ministry of Economy, Trade and Industry\nshort_name: METI\nkind: government\n"
        "country: JP\nurl: https://www.meti.go.jp/\n"
    ),
    "organizations/cits.yml": (
        "name: Center for International Trade and Security\nshort_name: CITS\nkind: academic\n"
        "country: US\n"
    ),
    "programs/aecs.yml": (
        "name: Asian Export Control Seminar\nkind: seminar-series\nsponsors: [meti]\n"
        "partners: [cits]\ntopics: [licensing]\ncountries: [JP, SG]\nstart_year: 1993\n"
        "description: The annual seminar in Tokyo.\n"
    ),
    "events/2030/seminar-2030.yml": """\
        title: 37th Asian Export Control Seminar
        kind: seminar
        start: 2030-02-06
        end: 2030-02-08
        location:
          venue: Hotel Example
          city: Tokyo
          country: JP
          lat: 35.68
          lon: 139.69
        organizers: [meti]
        partners: [cits]
        programs: [aecs]
        series: aecs
        audience: [government, industry]
        topics: [licensing, industry-compliance]
        countries: [SG, KR]
        participants: 250
        languages: [en, ja]
        url: https://www.example.org/aecs-37
        registration:
          url: https://www.example.org/aecs-37/register
          deadline: 2030-01-15
        contact:
          name: Seminar office
          email: office@example.org
        description: |
          Two days of talks.

          A third day for licensing practitioners.
        links:
          - title: Agenda
            url: https://www.example.org/aecs-37/agenda.pdf
        announced: 2029-11-01
        """,
    "events/2030/webinar-2030.yml": """\
        title: "Catch-all & <brokering> ]]> controls"
        kind: webinar
        start: 2030-03-10T14:00
        end: 2030-03-10T15:30
        timezone: Asia/Singapore
        location:
          online: true
        organizers: [cits]
        topics: [catch-all, brokering]
        coordinated_with: [seminar-2030]
        announced: 2029-12-15
        """,
    "events/2030/academy-2030-06.yml": """\
        title: Export Control Academy, June session
        kind: academy
        status: planned
        start: 2030-06
        location:
          city: Athens
          country: US
          lat: 33.96
          lon: -83.38
        organizers: [cits]
        topics: [licensing]
        """,
    "events/2030/hanoi-workshop-2030.yml": """\
        title: "@Risk: enforcement workshop"
        kind: workshop
        status: cancelled
        start: 2030-04-21
        end: 2030-04-22
        location:
          city: Hà Nội
          country: VN
          lat: 21.03
          lon: 105.85
        topics: [enforcement]
        description: "=HYPERLINK(\\"https://evil.example/\\", \\"click\\")"
        announced: 2029-10-01
        source: "-2 days notice"
        """,
    "reports/2030/seminar-2030-report.yml": """\
        title: Chair's summary of the 37th seminar
        kind: meeting-report
        event: seminar-2030
        program: aecs
        authors: [A. Author, B. Author]
        published: 2030-03-01
        topics: [licensing]
        summary: The seminar agreed to meet again in 2031.
        """,
    "reports/2030/webinar-2030-slides.yml": """\
        title: Catch-all controls explained
        kind: presentation
        event: webinar-2030
        topics: [catch-all]
        """,
}
"""Files below content/ (dedented when written)."""

EVENT_IDS = ("academy-2030-06", "hanoi-workshop-2030", "seminar-2030", "webinar-2030")


def strict_xml(data: bytes) -> etree._Element:
    """Parse with lxml's strict parser (no recovery): raises on any well-formedness error."""
    parser = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)
    return etree.fromstring(data, parser)


def parse_feed(data: bytes, version: str) -> feedparser.FeedParserDict:
    """Parse with feedparser and the standard library, asserting a clean, typed result."""
    StdET.fromstring(data)  # a second, independent XML parser
    strict_xml(data)
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == version
    return parsed


def write_tree(root: Path, files: dict[str, str]) -> None:
    """Write files below *root* without dedenting (for git tests that edit files)."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
