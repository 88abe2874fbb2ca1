"""The page renderer on a small fixture corpus: structure, links, escaping, golden pages."""

from __future__ import annotations

import json
import posixpath
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator import urls
from generator.pages import render as render_module
from generator.pages.render import relative
from generator.pipeline import load_context
from generator.rendering import RenderedSite, render_site
from tests.conftest import REPO_ROOT

FIXTURE = REPO_ROOT / "tests/fixtures/site/content"
HOSTILE = REPO_ROOT / "tests/fixtures/hostile/content"
TODAY = date(2030, 1, 15)


def render(content: Path = FIXTURE, today: date = TODAY) -> RenderedSite:
    context, _ = load_context(content, None, today, "https://example.org/xc/", allow_shallow=True)
    return render_site(context)


@pytest.fixture(scope="module")
def site() -> RenderedSite:
    return render()


def body(site: RenderedSite, source: str) -> str:
    return site.pages[source].decode("utf-8")


def front_matter(text: str) -> dict[str, object]:
    _, front, _ = text.split("---\n", 2)
    loaded = yaml.safe_load(front)
    assert isinstance(loaded, dict)
    return loaded


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("index.md", "home.md"),
        ("events/index.md", "events.md"),
        ("events/seminar-2030.md", "event-seminar-2030.md"),
        ("events/academy-tbc.md", "event-academy-tbc.md"),
        ("calendar/2030/02/index.md", "month-2030-02.md"),
        ("coverage.md", "coverage.md"),
        ("countries/jp.md", "country-jp.md"),
    ],
)
def test_pages_match_golden_files(site: RenderedSite, golden, source: str, name: str) -> None:
    golden(f"pages/{name}", body(site, source))


def test_relative_links_work_from_any_depth() -> None:
    assert relative("", "events/") == "events/"
    assert relative("events/x/", "topics/licensing/") == "../../topics/licensing/"
    assert relative("events/x/", "") == "../../"
    assert relative("", "") == "./"
    assert relative("calendar/2030/02/", "calendars/all.ics") == "../../../calendars/all.ics"


def page_path_of(source: str) -> str:
    """``events/x.md`` → ``events/x/``; ``events/index.md`` → ``events/``; ``index.md`` → ``""``."""
    if source == "index.md":
        return ""
    if source.endswith("/index.md"):
        return source.removesuffix("index.md")
    return source.removesuffix(".md") + "/"


def resolve_link(page_path: str, href: str) -> str:
    target = posixpath.normpath(posixpath.join("/", page_path, href.split("#")[0]))
    return target.lstrip("/") + ("/" if href.split("#")[0].endswith("/") and target != "/" else "")


def test_every_internal_link_points_at_a_generated_page_or_file(site: RenderedSite) -> None:
    page_paths = {page_path_of(source) for source in site.pages}
    files = set(site.files) | set(site.assets)
    # Calendars, feeds, data exports and the search index come from other renderers.
    other_renderers = ("calendars/", "feeds/", "api/", "pagefind/")
    broken = []
    for source, content in site.pages.items():
        for href in re.findall(r'href="([^"]+)"', content.decode("utf-8")):
            if href.startswith(("http://", "https://", "mailto:", "webcal://", "#")):
                continue
            target = resolve_link(page_path_of(source), href)
            if not (target in page_paths or target in files or target.startswith(other_renderers)):
                broken.append(f"{source}: {href} → {target}")
    assert not broken, "\n".join(broken[:20])


def test_record_pages_are_not_in_the_mkdocs_navigation() -> None:
    config = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text("utf-8"))
    entries = [next(iter(item.values())) for item in config["nav"]]
    assert len(entries) < 20
    for entry in entries:
        assert not re.match(
            r"(events|programs|reports|organizations|countries|topics)/(?!index\.md)[^/]+\.md",
            entry,
        )


def test_site_url_is_the_same_in_both_configuration_files() -> None:
    mkdocs_config = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text("utf-8"))
    settings = yaml.safe_load((REPO_ROOT / "clearinghouse.yml").read_text("utf-8"))
    assert mkdocs_config["site_url"] == settings["site_url"]


def test_month_only_event_says_dates_to_be_confirmed(site: RenderedSite) -> None:
    text = body(site, "events/academy-tbc.md")
    assert "June 2030 (dates to be confirmed)" in text
    assert "not in the calendars" in text
    assert "calendars/events/academy-tbc.ics" not in text


def test_cancelled_and_postponed_events_are_prominent(site: RenderedSite) -> None:
    cancelled = body(site, "events/workshop-cancelled.md")
    assert 'class="xc-banner xc-banner--cancelled" role="status"' in cancelled
    postponed = body(site, "events/outreach-postponed.md")
    assert "xc-banner--postponed" in postponed
    listing = body(site, "events/index.md")
    assert 'xc-event xc-event--cancelled" id="event-workshop-cancelled"' in listing


def test_timed_event_shows_local_time_and_zone(site: RenderedSite) -> None:
    text = body(site, "events/customs-webinar.md")
    assert "12 February 2030, 09:00–11:30 (Asia/Bangkok, UTC+07:00)" in text
    assert '<time datetime="2030-02-12T02:00Z">' in text


def test_event_page_has_schema_org_json_ld(site: RenderedSite) -> None:
    meta = front_matter(body(site, "events/seminar-2030.md"))
    head = str(meta["xc_head"])
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', head)
    assert script is not None
    data = json.loads(script.group(1))
    assert data["@type"] == "Event"
    assert data["startDate"] == "2030-02-04"
    assert data["endDate"] == "2030-02-06"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["address"]["addressLocality"] == "Tokyo"
    assert data["location"]["geo"]["latitude"] == 35.6486
    assert data["organizer"]["name"] == "Ministry of Trade of Country A"
    assert data["url"] == "https://example.org/xc/events/seminar-2030/"


def test_json_ld_of_online_and_cancelled_events(site: RenderedSite) -> None:
    webinar = front_matter(body(site, "events/customs-webinar.md"))
    data = json.loads(re.search(r">(\{.*\})<", str(webinar["xc_head"])).group(1))  # type: ignore[union-attr]
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["startDate"] == "2030-02-12T09:00+07:00"
    cancelled = front_matter(body(site, "events/workshop-cancelled.md"))
    assert "EventCancelled" in str(cancelled["xc_head"])


def test_openstreetmap_link_only_with_coordinates(site: RenderedSite) -> None:
    assert "openstreetmap.org/?mlat=35.6486&amp;mlon=139.7411" in body(
        site, "events/seminar-2030.md"
    )
    assert "openstreetmap" not in body(site, "events/experts-meeting-2030.md")


def test_home_lists_next_90_days_and_says_so_when_nothing_is_upcoming(site: RenderedSite) -> None:
    home = body(site, "index.md")
    assert "seminar-2030" in home and "academy-tbc" not in home.split('id="reports"')[0]
    empty = render(today=date(2031, 1, 1))
    assert "No upcoming events are known yet" in body(empty, "index.md")


def test_past_events_move_to_the_yearly_archive(site: RenderedSite) -> None:
    archive = body(site, "events/archive/2029/index.md")
    assert "seminar-2029" in archive
    assert "seminar-2029" not in body(site, "events/index.md")


def test_month_grid_is_a_table_with_multi_day_events_in_each_day(site: RenderedSite) -> None:
    grid = body(site, "calendar/2030/02/index.md")
    assert '<table class="xc-month">' in grid and '<th scope="col">' in grid
    cells = re.findall(r"<td>(?:(?!</td>).)*seminar-2030(?:(?!</td>).)*</td>", grid, re.S)
    assert len(cells) == 3
    assert 'rel="prev" href="../../../calendar/2030/01/"' in grid
    assert 'rel="next" href="../../../calendar/2030/03/"' in grid


def test_filter_links_are_server_rendered_pages(site: RenderedSite) -> None:
    listing = body(site, "events/index.md")
    for path in ("kinds/seminar/", "topics/licensing/", "countries/jp/", "audiences/customs/"):
        assert f'href="../{path}"' in listing
        assert urls.markdown_source(path) in site.pages


def test_lists_are_paginated_so_pages_stay_small(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_module, "EVENTS_PER_PAGE", 2)
    small = render()
    assert "events/page/2.md" in small.pages
    assert 'rel="next" href="../events/page/2/"' in small.pages["events/index.md"].decode()
    assert "topics/licensing/upcoming/2.md" not in small.pages


def test_country_page_lists_hosted_and_participating_events(site: RenderedSite) -> None:
    taiwan = body(site, "countries/tw.md")
    assert (
        "seminar-2030" in taiwan and "xc-badge--host" not in taiwan.split("seminar-2030")[1][:400]
    )
    assert front_matter(taiwan)["title"] == "Chinese Taipei"
    japan = body(site, "countries/jp.md")
    assert "xc-badge--host" in japan


def test_contribute_page_has_the_generated_field_reference(site: RenderedSite) -> None:
    text = body(site, "contribute.md")
    for field in ("title", "coordinated_with", "location.country", "links[].url", "short_name"):
        assert f"<code>{field}</code>" in text


class LiveMarkup(HTMLParser):
    """Collects elements and attributes that would run code if they were real markup."""

    def __init__(self) -> None:
        super().__init__()
        self.dangerous: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "img", "svg", "iframe", "object", "embed", "b"):
            self.dangerous.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith(
                ("javascript:", "data:")
            ):
                self.dangerous.append(f"{tag} {name}={value}")


def test_hostile_text_is_escaped_everywhere() -> None:
    hostile = render(HOSTILE, date(2030, 1, 1))
    for source, content in hostile.pages.items():
        if source == "search.md":  # our own script, no record text
            continue
        _, front, page_body = content.decode("utf-8").split("---\n", 2)
        parser = LiveMarkup()
        parser.feed(page_body)
        assert not parser.dangerous, (source, parser.dangerous)
        meta = yaml.safe_load(front)
        assert "<" not in str(meta["title"]) and "<" not in str(meta["description"])
        head = str(meta.get("xc_head", ""))
        if "<script" in head:
            json_ld = re.fullmatch(
                r'(?:<link [^>]*>)*<script type="application/ld\+json">([^<]*)</script>', head
            )
            assert json_ld is not None, source
            json.loads(json_ld.group(1))
    event = hostile.pages["events/evil-event.md"].decode()
    assert "{{ 7*7 }}" in event and "49" not in event
    assert "{% if true %}X{% endif %}" in event
