"""The records shipped from the source report say what the report says."""

from __future__ import annotations

from datetime import date

import pytest

from generator.catalog import Catalog, read_catalog
from tests.conftest import REPO_ROOT


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    result, problems = read_catalog(REPO_ROOT / "content")
    assert result is not None, problems
    return result


def test_third_xcxg_meeting_tokyo_9_10_february_2007(catalog: Catalog) -> None:
    event = catalog.events["xcxg-2007-tokyo"]
    assert (event.first_day, event.last_day) == (date(2007, 2, 9), date(2007, 2, 10))
    assert event.location is not None and event.location.city == "Tokyo"
    assert event.participants == 37


def test_fourteenth_asian_export_control_seminar_is_coordinated_with_xcxg(
    catalog: Catalog,
) -> None:
    seminar = catalog.events["asian-export-control-seminar-14"]
    assert (seminar.first_day, seminar.last_day) == (date(2007, 2, 6), date(2007, 2, 8))
    assert set(seminar.organizers) == {"mofa-japan", "meti", "cistec"}
    assert "xcxg-2007-tokyo" in seminar.coordinated_with
    assert catalog.programs["asian-export-control-seminar"].start_year == 1993


def test_approximate_dates_stay_approximate(catalog: Catalog) -> None:
    assert str(catalog.events["xcxg-2006-beijing"].start) == "2006-05"
    assert catalog.events["cits-export-control-academy-2007-06"].is_month_only
    us_seminar = catalog.events["us-export-control-seminar-japan-2007"]
    assert us_seminar.is_month_only


def test_programs_reports_and_organizations_named_in_the_report_exist(catalog: Catalog) -> None:
    for program in (
        "asian-export-control-seminar",
        "cits-export-control-academy",
        "sipri-eu-pilot-project",
        "us-doe-asia-pacific-partnerships",
        "unscr-1540-outreach",
        "wco-columbus-programme",
        "korea-stic-outreach",
        "cscap-xcxg",
    ):
        assert program in catalog.programs
    for report in (
        "xcxg-2007-tokyo-chairmans-report",
        "scheinman-2007-export-controls-1540-safeguards",
        "vu-2007-vietnam-customs",
        "cscap-handbook-chapter-9",
    ):
        assert catalog.reports[report].source
    assert all(event.source for event in catalog.events.values())
