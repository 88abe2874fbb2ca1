"""``api/overlaps.json``, the rules text, the selection helpers and the ``Finding`` API."""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import feedparser
import jsonschema
import pytest

from generator import urls
from generator.coordination import (
    OVERLAPS_SCHEMA,
    Finding,
    by_event,
    count_by_kind,
    counts_text,
    find_findings,
    for_event,
    involving,
    render_findings_feed,
    render_overlaps_json,
    render_overlaps_schema,
    rules_markdown,
    upcoming,
    warnings,
)
from generator.pipeline import load_context
from generator.settings import CoordinationSettings
from tests.conftest import make_context, write_content
from tests.coordination_helpers import SUPPORT_FILES, catalog_of_files, event_yaml
from tests.test_history import git

FILES = {
    **SUPPORT_FILES,
    "events/a-event.yml": event_yaml("2030-03-10", title="Licensing Workshop"),
    "events/b-event.yml": event_yaml(
        "2030-03-10", "2030-03-11", title="Customs Forum", coordinated_with=("c-event",)
    ),
    "events/c-event.yml": event_yaml(
        "2030-03-12", title="Enforcement Course", lat=35.68, lon=139.69, topics=("customs",)
    ),
    "events/d-event.yml": event_yaml(
        "2030-03-13", title="Industry Outreach", lat=35.70, lon=139.75, topics=("customs",)
    ),
    "events/e-event.yml": event_yaml(
        "2030-03-14", title="Seoul Dialogue", city="Seoul", country="KR", countries=("JP",)
    ),
    "events/f-event.yml": event_yaml(
        "2030-04", title="Regional Academy", city="Seoul", country="KR"
    ),
    "events/g-event.yml": event_yaml(
        "2030-04-10", title="Regional Academy", city="Seoul", country="KR"
    ),
}


def test_overlaps_json_is_deterministic_and_valid_against_its_schema(
    in_tmp: Path, golden: Callable[[str, str | bytes], None]
) -> None:
    context = make_context(in_tmp, FILES, site_url="https://example.org/xc/")
    findings = find_findings(context.catalog, context.settings.coordination)
    outputs = render_overlaps_json(context, findings)
    assert list(outputs) == [urls.API_OVERLAPS_JSON]
    data = outputs[urls.API_OVERLAPS_JSON]
    again = render_overlaps_json(
        context, find_findings(context.catalog, context.settings.coordination)
    )
    assert again[urls.API_OVERLAPS_JSON] == data
    document = json.loads(data)
    jsonschema.Draft202012Validator(
        OVERLAPS_SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(document)
    assert document["thresholds"] == CoordinationSettings().model_dump(mode="json")
    kinds = {f["id"]: (f["kind"], f["severity"], f["possible"]) for f in document["findings"]}
    assert kinds == {
        "conflict:a-event:b-event": ("conflict", "warning", False),
        "coordinated:b-event:c-event": ("coordinated", "info", False),
        "opportunity:a-event:c-event": ("opportunity", "info", False),
        "opportunity:c-event:d-event": ("opportunity", "info", False),
        "opportunity:b-event:d-event": ("opportunity", "info", False),
        "opportunity:a-event:d-event": ("opportunity", "info", False),
        "tight-travel:d-event:e-event": ("tight-travel", "warning", False),
        "possible-duplicate:f-event:g-event": ("possible-duplicate", "warning", True),
    }
    assert document["findings"][0]["event_urls"] == [
        "https://example.org/xc/events/a-event/",
        "https://example.org/xc/events/b-event/",
    ]
    golden("coordination/overlaps.json", json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def test_schema_file_is_published_at_the_api_schema_path() -> None:
    outputs = render_overlaps_schema()
    assert list(outputs) == [urls.api_schema("overlaps")]
    schema = json.loads(outputs[urls.api_schema("overlaps")])
    jsonschema.Draft202012Validator.check_schema(schema)


def test_finding_details(tmp_path: Path) -> None:
    findings = {
        f.id: f for f in find_findings(catalog_of_files(tmp_path, FILES), CoordinationSettings())
    }
    conflict = findings["conflict:a-event:b-event"]
    assert conflict.overlap == (date(2030, 3, 10), date(2030, 3, 10))
    assert (conflict.first_day, conflict.last_day, conflict.gap_days) == (
        date(2030, 3, 10),
        date(2030, 3, 11),
        None,
    )
    assert conflict.shared.audience == ("government",)
    assert conflict.other("a-event") == "b-event" and conflict.involves("b-event")
    nearby = findings["opportunity:c-event:d-event"]
    assert nearby.distance_km == 5.9
    assert nearby.gap_days == 1 and nearby.overlap is None
    assert nearby.shared.topics == ("customs",)
    coordinated = findings["coordinated:b-event:c-event"]
    assert coordinated.acknowledges == "opportunity"
    assert coordinated.fix == "No action needed."
    duplicate = findings["possible-duplicate:f-event:g-event"]
    assert duplicate.title == "Possible duplicate"
    assert duplicate.summary.startswith(
        'Possible duplicate: "Regional Academy" (f-event, 2030-04, month only, Seoul, KR) and '
        '"Regional Academy" (g-event, 2030-04-10, Seoul, KR) start in the same month'
    )


def test_findings_are_frozen_and_compare_by_pair_kind_and_acknowledgement(tmp_path: Path) -> None:
    catalog = catalog_of_files(tmp_path, FILES)
    first = find_findings(catalog, CoordinationSettings())
    second = find_findings(catalog, CoordinationSettings())
    assert first == second
    with pytest.raises(dataclasses.FrozenInstanceError):
        first[0].kind = "overlap"  # type: ignore[misc]
    built = Finding(
        first[0].kind, first[0].events, first[0].acknowledges, first[0].pair, first[0].explainer
    )
    assert built == first[0] and built.message == first[0].message
    assert copy.copy(first[0]) == first[0]


def test_selection_helpers(tmp_path: Path) -> None:
    catalog = catalog_of_files(tmp_path, FILES)
    findings = find_findings(catalog, CoordinationSettings())
    assert [f.id for f in upcoming(findings, catalog, date(2030, 3, 13))] == [
        "tight-travel:d-event:e-event",
        "possible-duplicate:f-event:g-event",
    ]
    assert [f.id for f in involving(findings, {"e-event", "g-event"})] == [
        "tight-travel:d-event:e-event",
        "possible-duplicate:f-event:g-event",
    ]
    assert for_event(findings, "e-event") == involving(findings, ["e-event"])
    index = by_event(findings)
    assert list(index) == sorted(index)
    assert index["d-event"] == for_event(findings, "d-event")
    assert {f.kind for f in warnings(findings)} == {
        "conflict",
        "tight-travel",
        "possible-duplicate",
    }
    assert count_by_kind(findings) == {
        "possible-duplicate": 1,
        "conflict": 1,
        "overlap": 0,
        "tight-travel": 1,
        "opportunity": 4,
        "coordinated": 1,
    }
    assert counts_text(findings) == (
        "1 possible duplicate, 1 conflict, 1 tight-travel pair, 4 opportunities, 1 coordinated pair"
    )
    assert counts_text([]) == "no findings"


def test_rules_text_shows_the_live_thresholds(golden: Callable[[str, str | bytes], None]) -> None:
    default = rules_markdown(CoordinationSettings())
    golden("coordination/rules.md", default)
    custom = rules_markdown(
        CoordinationSettings(
            opportunity_max_gap_days=3,
            nearby_km=25,
            tight_travel_max_gap_days=2,
            duplicate_title_similarity=0.75,
        )
    )
    assert "at most 3 days after the earlier one ends" in custom
    assert "at most 25 km apart" in custom
    assert "most 2 days after the earlier one ends" in custom
    assert "at least 75% of their title words" in custom
    assert "at most 7 days after the earlier one ends" in default
    assert "at most 50 km apart" in default


def test_findings_feed_lists_upcoming_findings_newest_first(in_tmp: Path) -> None:
    hostile = "Workshop <script>alert(1)</script> & co"
    write_content(
        in_tmp,
        {
            **SUPPORT_FILES,
            "events/a-event.yml": event_yaml("2030-03-10", title="Licensing Workshop"),
            "events/b-event.yml": event_yaml("2030-03-10", title=hostile),
            "events/old-one.yml": event_yaml("2029-01-10", title="Old Seminar"),
            "events/old-two.yml": event_yaml("2029-01-10", title="Old Workshop"),
        },
    )
    git(in_tmp, "init", "-q", "-b", "main")
    git(in_tmp, "add", ".")
    git(in_tmp, "commit", "-q", "-m", "base", date="2030-01-01T10:00:00+00:00")
    (in_tmp / "content/events/c-event.yml").write_text(
        event_yaml("2030-03-14", title="Enforcement Course")
    )
    git(in_tmp, "add", ".")
    git(in_tmp, "commit", "-q", "-m", "add c", date="2030-01-05T12:00:00+00:00")
    context, _ = load_context(in_tmp / "content", None, date(2030, 1, 10), "https://example.org/")
    findings = find_findings(context.catalog, context.settings.coordination)
    outputs = render_findings_feed(context, findings)
    assert sorted(outputs) == sorted([urls.COORDINATION_FEED, urls.COORDINATION_ATOM])
    data = outputs[urls.COORDINATION_FEED]
    assert render_findings_feed(context, findings)[urls.COORDINATION_FEED] == data
    tag = "tag:xc-clearinghouse.org,2026:coordination/"
    for path, version in ((urls.COORDINATION_FEED, "rss20"), (urls.COORDINATION_ATOM, "atom10")):
        feed = feedparser.parse(outputs[path])
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == version
        assert feed.feed.link == "https://example.org/coordination/"
        assert feed.feed.updated_parsed[:6] == (2030, 1, 5, 12, 0, 0)
        assert [(e.id, e.published_parsed[:4]) for e in feed.entries] == [
            (f"{tag}opportunity:b-event:c-event", (2030, 1, 5, 12)),
            (f"{tag}opportunity:a-event:c-event", (2030, 1, 5, 12)),
            (f"{tag}conflict:a-event:b-event", (2030, 1, 1, 10)),
        ]
        assert feed.entries[2].title == f"Conflict: Licensing Workshop / {hostile}"
        assert (
            feed.entries[2].link == "https://example.org/events/a-event/#conflict:a-event:b-event"
        )
        assert b"<script>" not in outputs[path]


def test_an_empty_findings_feed_has_the_fixed_date_of_empty_feeds(in_tmp: Path) -> None:
    context = make_context(in_tmp, {"events/a-event.yml": event_yaml("2030-03-10")})
    outputs = render_findings_feed(context, [])
    feed = feedparser.parse(outputs[urls.COORDINATION_FEED])
    assert feed.entries == []
    assert feed.feed.updated == "Thu, 01 Jan 1970 00:00:00 +0000"


def test_published_messages_do_not_depend_on_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = write_content(tmp_path / "repo", FILES)
    rendered = set()
    for cwd in (tmp_path / "repo", tmp_path, content / "events"):
        monkeypatch.chdir(cwd)
        context, _ = load_context(content, None, date(2030, 1, 1))
        findings = find_findings(context.catalog, context.settings.coordination)
        rendered.add(render_overlaps_json(context, findings)[urls.API_OVERLAPS_JSON])
    assert len(rendered) == 1
    assert b"to content/events/a-event.yml" in rendered.pop()
