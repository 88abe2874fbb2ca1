"""Coordination findings on the site: home count, /coordination/, kind pages, event pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pages import render as render_module
from generator.rendering import RenderedSite, render_site
from tests.conftest import make_context
from tests.coordination_helpers import event_yaml

CONFLICTING = {
    # Same days, same audience, same host country: a conflict.
    "events/seminar-a.yml": event_yaml("2030-03-02", "2030-03-04", title="Licensing Seminar"),
    "events/workshop-b.yml": event_yaml(
        "2030-03-03", "2030-03-05", title="Customs Workshop", kind="workshop"
    ),
    # Three more pairs of the same kind, in other months.
    **{
        f"events/{name}-{month}.yml": event_yaml(
            f"2030-{month}-10", title=f"{name.title()} {month}", kind="meeting"
        )
        for month in ("05", "06", "07")
        for name in ("alpha", "beta")
    },
    # A past pair: nobody needs to act any more.
    "events/old-a.yml": event_yaml("2029-03-02", title="Old Seminar"),
    "events/old-b.yml": event_yaml("2029-03-02", title="Old Workshop", kind="workshop"),
}


def render(tmp_path: Path) -> RenderedSite:
    """The site of the conflicting events, seen on 2030-01-01."""
    return render_site(make_context(tmp_path, CONFLICTING, today="2030-01-01"))


def page(site: RenderedSite, source: str) -> str:
    return site.pages[source].decode("utf-8")


def test_home_counts_open_warnings_about_upcoming_events_only(tmp_path: Path) -> None:
    home = page(render(tmp_path), "index.md")
    assert "<strong>4</strong> coordination warnings</a>" in home


def test_coordination_page_lists_each_kind_with_both_events_and_the_fix(tmp_path: Path) -> None:
    text = page(render(tmp_path), "coordination.md")
    assert '<h2 id="conflict">Conflicts (4)</h2>' in text
    assert '<a href="../events/seminar-a/">Licensing Seminar</a>' in text
    assert '<a href="../events/workshop-b/">Customs Workshop</a>' in text
    assert "coordinated_with: [workshop-b]" in text
    assert "old-a" not in text
    assert '<h2 id="opportunity">Back-to-back opportunities (0)</h2>' in text
    assert "How the check works" in text


def test_event_page_shows_its_findings_with_stable_anchors(tmp_path: Path) -> None:
    text = page(render(tmp_path), "events/seminar-a.md")
    assert '<li class="xc-finding xc-finding--conflict" id="conflict:seminar-a:workshop-b">' in text
    assert 'with <a href="../../events/workshop-b/">Customs Workshop</a>' in text
    # Findings name other events: left out of the search index so searches stay precise.
    assert '<div data-pagefind-ignore="all">\n<h2 id="coordination">' in text
    # What to do is addressed to the organizers, with the YAML line as code.
    assert (
        '<p class="xc-finding__fix">For the organizers: Fix: move one of the events to other '
        "days; if they are deliberately held together, add <code>coordinated_with: "
    ) in text


def test_past_event_pages_show_no_findings_a_past_pair_needs_nobody_to_act(
    tmp_path: Path,
) -> None:
    text = page(render(tmp_path), "events/old-a.md")
    assert "This event is over." in text
    assert 'id="coordination"' not in text and "conflict:old-a:old-b" not in text


def test_long_lists_of_findings_move_to_paginated_kind_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render_module, "FINDINGS_PREVIEW", 1)
    monkeypatch.setattr(render_module, "FINDINGS_PER_PAGE", 3)
    site = render(tmp_path)
    overview = page(site, "coordination.md")
    assert overview.count('class="xc-finding xc-finding--conflict"') == 1
    assert '<a href="../coordination/conflict/">All 4 conflicts</a>' in overview
    first = page(site, "coordination/conflict.md")
    assert first.count('class="xc-finding xc-finding--conflict"') == 3
    assert 'rel="next" href="../../coordination/conflict/page/2/"' in first
    second = page(site, "coordination/conflict/page/2.md")
    assert second.count('class="xc-finding xc-finding--conflict"') == 1
    assert "coordination/overlap.md" not in site.pages


def test_overlaps_json_and_feed_are_published(tmp_path: Path) -> None:
    files = render(tmp_path).files
    paths = set(files)
    assert {
        "api/overlaps.json",
        "feeds/coordination.xml",
        "schema/api/overlaps.schema.json",
    } <= paths


def test_search_documents_leave_out_findings_and_calendar_links(tmp_path: Path) -> None:
    site = render(tmp_path)
    document = site.search_documents["events/seminar-a/index.html"].decode("utf-8")
    assert "Licensing Seminar" in document
    assert "xc-finding" not in document and "Download .ics" not in document
    assert "xc-finding" in page(site, "events/seminar-a.md")
