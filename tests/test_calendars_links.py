"""Links that add an event to Google Calendar or Outlook on the web."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.calendars import google_calendar_url, outlook_calendar_url
from generator.context import BuildContext
from tests.calendar_fixtures import FIXTURE, HOSTILE, HOSTILE_TITLE, SITE
from tests.conftest import make_context


@pytest.fixture
def ctx(tmp_path: Path) -> BuildContext:
    return make_context(tmp_path, {**FIXTURE, **HOSTILE}, site_url=SITE)


def query(url: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(url)
    values = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert all(len(v) == 1 for v in values.values()), values
    return f"{parts.scheme}://{parts.netloc}{parts.path}", {k: v[0] for k, v in values.items()}


def test_google_all_day_link_uses_dates_with_an_exclusive_end(ctx: BuildContext) -> None:
    url = google_calendar_url(ctx, ctx.catalog.events["seminar-2007"])
    assert url is not None
    base, params = query(url)
    assert base == "https://calendar.google.com/calendar/render"
    assert params["action"] == "TEMPLATE"
    assert params["dates"] == "20070206/20070209"
    assert "dates=20070206/20070209" in url
    assert params["text"] == "14th Example Export Control Seminar"
    assert params["location"] == "Mita Conference Hall, Tokyo, Japan"
    assert params["details"].startswith("The annual seminar, see the agenda")
    assert params["details"].endswith(f"Details: {SITE}events/seminar-2007/")


def test_google_timed_link_uses_utc_instants(ctx: BuildContext) -> None:
    url = google_calendar_url(ctx, ctx.catalog.events["berlin-summer"])
    assert url is not None
    assert query(url)[1]["dates"] == "20300715T070000Z/20300715T150000Z"
    url = google_calendar_url(ctx, ctx.catalog.events["night-webinar"])
    assert url is not None
    assert query(url)[1]["dates"] == "20300310T130000Z/20300310T163000Z"


def test_outlook_all_day_link_uses_days_and_allday(ctx: BuildContext) -> None:
    url = outlook_calendar_url(ctx, ctx.catalog.events["seminar-2007"])
    assert url is not None
    base, params = query(url)
    assert base == "https://outlook.live.com/calendar/deeplink/compose"
    assert params["path"] == "/calendar/action/compose"
    assert params["rru"] == "addevent"
    assert (params["startdt"], params["enddt"], params["allday"]) == (
        "2007-02-06",
        "2007-02-09",
        "true",
    )
    assert params["subject"] == "14th Example Export Control Seminar"
    assert params["location"] == "Mita Conference Hall, Tokyo, Japan"
    assert params["body"].endswith(f"Details: {SITE}events/seminar-2007/")
    assert "+" not in url  # Outlook shows a + for a space literally


def test_outlook_timed_link_uses_utc_instants(ctx: BuildContext) -> None:
    url = outlook_calendar_url(ctx, ctx.catalog.events["berlin-winter"], office365=True)
    assert url is not None
    base, params = query(url)
    assert base == "https://outlook.office.com/calendar/deeplink/compose"
    assert (params["startdt"], params["enddt"], params["allday"]) == (
        "2030-01-15T08:00:00Z",
        "2030-01-15T16:00:00Z",
        "false",
    )


def test_links_say_cancelled_and_postponed(ctx: BuildContext) -> None:
    url = google_calendar_url(ctx, ctx.catalog.events["cancelled-2030"])
    assert url is not None
    assert query(url)[1]["text"] == "Cancelled: Customs Workshop"


def test_month_only_events_have_no_links(ctx: BuildContext) -> None:
    event = ctx.catalog.events["month-only-2030"]
    assert google_calendar_url(ctx, event) is None
    assert outlook_calendar_url(ctx, event) is None


def test_hostile_text_round_trips_through_the_query_and_details_stay_short(
    ctx: BuildContext,
) -> None:
    event = ctx.catalog.events["hostile-event"]
    for url in (google_calendar_url(ctx, event), outlook_calendar_url(ctx, event)):
        assert url is not None
        assert url.isascii() and " " not in url and "\n" not in url
        _, params = query(url)
        assert HOSTILE_TITLE in (params.get("text"), params.get("subject"))
        details = params.get("details") or params["body"]
        assert len(details) < 700
        assert details.endswith(f"Details: {SITE}events/hostile-event/")
        assert len(url) < 8000
