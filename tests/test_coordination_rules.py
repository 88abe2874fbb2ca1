"""The coordination rules, scenario by scenario: every rule and its boundaries.

Each scenario is two events, ``a-event`` and ``b-event``, and the one finding expected
about them (or none).  Titles differ unless a scenario is about duplicates.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.coordination_helpers import event_yaml, findings_of

A = "a-event"
B = "b-event"

# One degree of latitude along a meridian, in km, for the Earth radius the analysis uses.
KM_PER_DEGREE = 6371.0088 * 3.141592653589793 / 180


def a(start: str, end: str | None = None, **fields: Any) -> str:
    """Event A (default title "Licensing Workshop", Tokyo, government officials)."""
    return event_yaml(start, end, **{"title": "Licensing Workshop", **fields})


def b(start: str, end: str | None = None, **fields: Any) -> str:
    """Event B (default title "Customs Forum", Tokyo, government officials)."""
    return event_yaml(start, end, **{"title": "Customs Forum", **fields})


SEOUL = {"city": "Seoul", "country": "KR"}
OSAKA = {"city": "Osaka", "country": "JP"}
INDUSTRY = {"audience": ("industry",)}

SCENARIOS = [
    # --- days: overlap or not ---------------------------------------------------------
    pytest.param(a("2030-03-10"), b("2030-03-10"), "conflict", {}, id="same-day-is-conflict"),
    pytest.param(
        a("2030-03-10", "2030-03-11"),
        b("2030-03-12"),
        "opportunity",
        {},
        id="adjacent-days-do-not-overlap",
    ),
    pytest.param(
        a("2030-03-10", "2030-03-12"),
        b("2030-03-12", "2030-03-13"),
        "conflict",
        {},
        id="last-day-equals-first-day-overlaps",
    ),
    pytest.param(
        a(
            "2030-03-10T22:00",
            "2030-03-11T02:00",
            timezone="Pacific/Auckland",
            city="Auckland",
            country="NZ",
        ),
        b("2030-03-11", city="Auckland", country="NZ"),
        "conflict",
        {},
        id="timed-event-crossing-local-midnight-touches-next-day",
    ),
    pytest.param(
        a(
            "2030-03-10T09:00",
            "2030-03-10T12:00",
            timezone="Pacific/Auckland",
            city="Auckland",
            country="NZ",
        ),
        b("2030-03-09", city="Wellington", country="NZ"),
        None,
        {},
        id="timed-event-is-on-its-local-day-not-its-utc-day",
    ),
    pytest.param(
        a(
            "2030-03-10T09:00",
            "2030-03-10T12:00",
            timezone="Pacific/Auckland",
            city="Auckland",
            country="NZ",
        ),
        b("2030-03-10", city="Wellington", country="NZ"),
        "conflict",
        {},
        id="timed-event-in-another-timezone-same-local-day",
    ),
    pytest.param(
        a("2030-03-10T20:00", "2030-03-11T00:00", timezone="Asia/Tokyo"),
        b("2030-03-11"),
        "opportunity",
        {},
        id="timed-event-ending-at-midnight-does-not-touch-next-day",
    ),
    # --- month-only events: whole month, possible ------------------------------------
    pytest.param(
        a("2030-03"), b("2030-03-20"), "conflict possible", {}, id="month-only-vs-day-inside"
    ),
    pytest.param(
        a("2030-03"), b("2030-04-01"), "opportunity possible", {}, id="month-only-vs-next-month"
    ),
    pytest.param(
        a("2030-03"), b("2030-03"), "conflict possible", {}, id="month-only-vs-month-only"
    ),
    pytest.param(
        a("2030-01", "2030-02"),
        b("2030-02-27"),
        "conflict possible",
        {},
        id="month-range-covers-end-month",
    ),
    # --- statuses -----------------------------------------------------------------------
    pytest.param(
        a("2030-03-10", status="cancelled"), b("2030-03-10"), None, {}, id="cancelled-ignored"
    ),
    pytest.param(
        a("2030-03-10", status="postponed"), b("2030-03-10"), None, {}, id="postponed-ignored"
    ),
    pytest.param(
        a("2030-03-10", status="planned"), b("2030-03-10"), "conflict", {}, id="planned-counts"
    ),
    # --- conflict or overlap: audience, region, family -------------------------------
    pytest.param(
        a("2030-03-10"), b("2030-03-10", **SEOUL), "overlap", {}, id="audience-only-is-overlap"
    ),
    pytest.param(
        a("2030-03-10", organizers=("org-one",)),
        b("2030-03-10", organizers=("org-one", "org-two"), **SEOUL),
        "conflict",
        {},
        id="audience-and-shared-organizer-is-conflict",
    ),
    pytest.param(
        a("2030-03-10", programs=("prog-one",)),
        b("2030-03-10", programs=("prog-one",), **SEOUL),
        "conflict",
        {},
        id="audience-and-shared-program-is-conflict",
    ),
    pytest.param(
        a("2030-03-10", series="aecs"),
        b("2030-03-10", series="aecs", **SEOUL),
        "conflict",
        {},
        id="audience-and-same-series-is-conflict",
    ),
    pytest.param(
        a("2030-03-10", series="aecs"),
        b("2030-03-10", series="other", **SEOUL),
        "overlap",
        {},
        id="different-series-is-not-family",
    ),
    pytest.param(
        a("2030-03-10"),
        b("2030-03-10", countries=("JP",), **SEOUL),
        "conflict",
        {},
        id="participating-country-meets-host-country",
    ),
    pytest.param(
        a("2030-03-10"), b("2030-03-10", **INDUSTRY), "overlap", {}, id="country-only-is-overlap"
    ),
    pytest.param(
        a("2030-03-10"), b("2030-03-10", **INDUSTRY, **SEOUL), None, {}, id="nothing-shared"
    ),
    pytest.param(
        a("2030-03-10", audience=()),
        b("2030-03-10", audience=(), **SEOUL),
        None,
        {},
        id="empty-audience-lists-share-nothing",
    ),
    pytest.param(
        a("2030-03-10", audience=(), organizers=("org-one",)),
        b("2030-03-10", audience=(), organizers=("org-one",)),
        "overlap",
        {},
        id="empty-audience-same-country-is-only-overlap",
    ),
    pytest.param(
        a("2030-03-10", city=None, country=None),
        b("2030-03-10", city=None, country=None),
        "overlap",
        {},
        id="no-location-shared-audience-is-overlap",
    ),
    # --- opportunity: same place, a few days apart -----------------------------------
    pytest.param(
        a("2030-03-10"), b("2030-03-17"), "opportunity", {}, id="seven-days-apart-is-opportunity"
    ),
    pytest.param(a("2030-03-10"), b("2030-03-18"), None, {}, id="eight-days-apart-is-not"),
    pytest.param(
        a("2030-03-10", topics=("licensing",)),
        b("2030-03-13", topics=("licensing", "customs"), **INDUSTRY),
        "opportunity",
        {},
        id="shared-topic-is-enough",
    ),
    pytest.param(
        a("2030-03-10"), b("2030-03-13", **INDUSTRY), None, {}, id="nothing-shared-no-opportunity"
    ),
    pytest.param(
        a("2030-03-10", city="Hà Nội", country="VN"),
        b("2030-03-12", city=" HANOI", country="VN"),
        "opportunity",
        {},
        id="city-names-ignore-accents-case-spaces",
    ),
    pytest.param(
        a("2030-03-10", city="Athens", country="US"),
        b("2030-03-12", city="Athens", country="GR"),
        None,
        {},
        id="same-city-name-in-different-countries-is-not-same-place",
    ),
    pytest.param(
        a("2030-03-10", city="Alpha", lat=35.68, lon=139.69),
        b("2030-03-12", city="Beta", lat=round(35.68 + 49.9 / KM_PER_DEGREE, 6), lon=139.69),
        "opportunity",
        {},
        id="49-9-km-apart-is-same-place",
    ),
    pytest.param(
        a("2030-03-10", city="Alpha", lat=35.68, lon=139.69),
        b("2030-03-12", city="Beta", lat=round(35.68 + 50.1 / KM_PER_DEGREE, 6), lon=139.69),
        None,
        {},
        id="50-1-km-apart-is-not",
    ),
    pytest.param(
        a("2030-03-10", city="Suva", country="FJ", lat=-18.0, lon=179.9),
        b("2030-03-12", city="Taveuni", country="FJ", lat=-18.0, lon=-179.9),
        "opportunity",
        {},
        id="nearby-across-the-antimeridian",
    ),
    pytest.param(
        a("2030-03-10", city="Alpha", lat=35.68, lon=139.69),
        b("2030-03-12", city="Beta"),
        None,
        {},
        id="coordinates-on-one-side-only",
    ),
    pytest.param(
        a("2030-03-10"), b("2030-03-12", kind="webinar"), None, {}, id="webinar-is-no-opportunity"
    ),
    pytest.param(
        a("2030-03-10"),
        b("2030-03-12", online=True),
        "opportunity",
        {},
        id="hybrid-event-is-in-person",
    ),
    pytest.param(
        a("2030-03-10", lat=35.68, lon=139.69),
        b("2030-03-12", lat=35.70, lon=139.70),
        "opportunity",
        {},
        id="same-name-and-nearby-found-once",
    ),
    # --- tight travel -------------------------------------------------------------------
    pytest.param(
        a("2030-03-10"),
        b("2030-03-11", countries=("JP",), **SEOUL),
        "tight-travel",
        {},
        id="next-day-in-another-country",
    ),
    pytest.param(
        a("2030-03-10"),
        b("2030-03-12", countries=("JP",), **SEOUL),
        None,
        {},
        id="two-days-apart-is-fine",
    ),
    pytest.param(
        a("2030-03-10"), b("2030-03-11", **SEOUL), None, {}, id="tight-travel-needs-shared-country"
    ),
    pytest.param(
        a("2030-03-10"),
        b("2030-03-11", countries=("JP",), **INDUSTRY, **SEOUL),
        None,
        {},
        id="tight-travel-needs-shared-audience",
    ),
    pytest.param(
        a("2030-03-10"), b("2030-03-11", **OSAKA), None, {}, id="same-country-is-not-tight-travel"
    ),
    pytest.param(
        a("2030-03-10"),
        b("2030-03-11", kind="webinar", countries=("JP",), **SEOUL),
        None,
        {},
        id="webinar-needs-no-travel",
    ),
    pytest.param(
        a("2030-03-10"),
        b("2030-03-11", city=None, country="KR", online=True, countries=("JP",)),
        None,
        {},
        id="online-only-needs-no-travel",
    ),
    pytest.param(
        a("2030-03-10"),
        b("2030-03-11", online=True, countries=("JP",), **SEOUL),
        "tight-travel",
        {},
        id="hybrid-still-means-travel",
    ),
    pytest.param(
        a("2030-03-10", city="Singapore", country="SG", lat=1.2903, lon=103.8519),
        b(
            "2030-03-11",
            city="Johor Bahru",
            country="MY",
            lat=1.4927,
            lon=103.7414,
            countries=("SG",),
        ),
        "opportunity",
        {},
        id="nearby-across-a-border-is-an-opportunity-not-travel",
    ),
    # --- possible duplicates --------------------------------------------------------------
    pytest.param(
        a("2030-03-10", title="Export Control Seminar"),
        b("2030-03-10", title="Export Control Seminar"),
        "possible-duplicate",
        {},
        id="identical-events-are-one-duplicate",
    ),
    pytest.param(
        a("2030-03-10", title="14th Asian Export Control Seminar"),
        b("2030-03-10", "2030-03-12", title="Asian Export Control Seminar 2030"),
        "possible-duplicate",
        {},
        id="similar-titles",
    ),
    pytest.param(
        a("2030-03-10", title="Séminaire Régional"),
        b("2030-03-10", title="seminaire regional"),
        "possible-duplicate",
        {},
        id="titles-ignore-accents-and-case",
    ),
    pytest.param(
        a("2030-03-10", title="Alpha Beta Gamma Delta"),
        b("2030-03-10", title="Alpha Beta Gamma Epsilon"),
        "possible-duplicate",
        {},
        id="title-similarity-exactly-at-threshold",
    ),
    pytest.param(
        a("2030-03-10", title="Alpha Beta Gamma Delta"),
        b("2030-03-10", title="Alpha Beta Epsilon Zeta"),
        "conflict",
        {},
        id="title-similarity-below-threshold",
    ),
    pytest.param(
        a("2030-03-10", title="Export Control Seminar"),
        b("2030-03-10", title="Export Control Seminar", **OSAKA),
        "conflict",
        {},
        id="duplicate-needs-same-place",
    ),
    pytest.param(
        a("2030-03-10", "2030-03-12", title="Export Control Seminar"),
        b("2030-03-11", title="Export Control Seminar"),
        "conflict",
        {},
        id="duplicate-needs-same-start",
    ),
    pytest.param(
        a("2030-03", title="Export Control Seminar"),
        b("2030-03-10", title="Export Control Seminar"),
        "possible-duplicate possible",
        {},
        id="month-only-duplicate-is-possible",
    ),
    pytest.param(
        a("2030-03-10", title="Export Control Webinar", kind="webinar", city=None, country=None),
        b("2030-03-10", title="Export Control Webinar", kind="webinar", city=None, country=None),
        "possible-duplicate",
        {},
        id="online-only-duplicates",
    ),
    # --- thresholds come from the settings ------------------------------------------------
    pytest.param(
        a("2030-03-10"),
        b("2030-03-14"),
        None,
        {"opportunity_max_gap_days": 3},
        id="opportunity-gap-setting",
    ),
    pytest.param(
        a("2030-03-10"),
        b("2030-03-12", countries=("JP",), **SEOUL),
        "tight-travel",
        {"tight_travel_max_gap_days": 2},
        id="tight-travel-gap-setting",
    ),
    pytest.param(
        a("2030-03-10", city="Alpha", lat=35.68, lon=139.69),
        b("2030-03-12", city="Beta", lat=round(35.68 + 80 / KM_PER_DEGREE, 6), lon=139.69),
        "opportunity",
        {"nearby_km": 100},
        id="nearby-km-setting",
    ),
    pytest.param(
        a("2030-03-10", title="Alpha Beta Gamma Delta"),
        b("2030-03-10", title="Alpha Beta Gamma Epsilon"),
        "conflict",
        {"duplicate_title_similarity": 1.0},
        id="title-similarity-setting",
    ),
]


@pytest.mark.parametrize(("event_a", "event_b", "expected", "thresholds"), SCENARIOS)
def test_scenario(
    tmp_path: Path, event_a: str, event_b: str, expected: str | None, thresholds: dict[str, Any]
) -> None:
    findings = findings_of(tmp_path, {A: event_a, B: event_b}, **thresholds)
    found = [(f.kind, f.possible) for f in findings]
    if expected is None:
        assert found == []
    else:
        kind, _, possible = expected.partition(" ")
        assert found == [(kind, possible == "possible")]
        assert findings[0].events == (A, B)


@pytest.mark.parametrize(
    ("a_lists", "b_lists"),
    [((B,), ()), ((), (A,)), ((B,), (A,))],
    ids=["a-lists-b", "b-lists-a", "both-list-each-other"],
)
def test_acknowledged_conflict_is_one_coordinated_finding_in_either_direction(
    tmp_path: Path, a_lists: tuple[str, ...], b_lists: tuple[str, ...]
) -> None:
    findings = findings_of(
        tmp_path,
        {
            A: a("2030-03-10", coordinated_with=a_lists),
            B: b("2030-03-10", coordinated_with=b_lists),
        },
    )
    assert [(f.kind, f.events, f.acknowledges, f.is_warning) for f in findings] == [
        ("coordinated", (A, B), "conflict", False)
    ]


def test_coordinated_pair_without_any_rule_is_still_listed(tmp_path: Path) -> None:
    findings = findings_of(
        tmp_path, {A: a("2030-03-10", coordinated_with=(B,)), B: b("2030-06-10", **SEOUL)}
    )
    assert [(f.kind, f.acknowledges, f.gap_days) for f in findings] == [("coordinated", None, 92)]


def test_acknowledgement_with_a_cancelled_event_reports_nothing(tmp_path: Path) -> None:
    findings = findings_of(
        tmp_path,
        {A: a("2030-03-10", coordinated_with=(B,)), B: b("2030-03-10", status="cancelled")},
    )
    assert findings == []


def test_acknowledgement_silences_only_its_own_pair(tmp_path: Path) -> None:
    findings = findings_of(
        tmp_path,
        {
            A: a("2030-03-10", coordinated_with=(B,)),
            B: b("2030-03-10"),
            "c-event": event_yaml("2030-03-10", title="Enforcement Course"),
        },
    )
    assert [(f.kind, f.events) for f in findings] == [
        ("coordinated", (A, B)),
        ("conflict", (A, "c-event")),
        ("conflict", (B, "c-event")),
    ]


def test_each_pair_is_listed_once_under_one_kind(tmp_path: Path) -> None:
    same = event_yaml("2030-03-10", "2030-03-12", organizers=("org-one",))
    findings = findings_of(tmp_path, {"one-event": same, "two-event": same, "three-event": same})
    assert [(f.kind, f.events) for f in findings] == [
        ("possible-duplicate", ("one-event", "three-event")),
        ("possible-duplicate", ("one-event", "two-event")),
        ("possible-duplicate", ("three-event", "two-event")),
    ]
