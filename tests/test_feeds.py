"""RSS and Atom feeds: valid for independent parsers, entries matching the records, stable."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest

from generator import urls
from generator.context import BuildContext
from generator.feeds import (
    ATOM_MEDIA_TYPE,
    MAX_FEED_BYTES,
    RSS_MEDIA_TYPE,
    feed_directory,
    feeds_for_page,
    render_feeds,
)
from generator.feeds.items import (
    MAX_LINE_CHARS,
    MAX_SUMMARY_CHARS,
    UNKNOWN_DATE,
    FeedItem,
    fit_lines,
    format_when,
)
from generator.feeds.render import render_feed
from generator.models import Event
from generator.vocabulary import vocabulary
from tests.conftest import REPO_ROOT, make_context
from tests.feed_fixtures import CORPUS, EVENT_IDS, parse_feed, strict_xml

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def ctx(tmp_path: Path) -> BuildContext:
    return make_context(tmp_path, CORPUS)


def _utc(parsed_time: object) -> datetime:
    """feedparser's struct_time (always UTC) as an aware datetime."""
    return datetime(*parsed_time[:6], tzinfo=UTC)  # type: ignore[index, misc]


def test_every_feed_parses_cleanly_as_rss20_and_atom10(ctx: BuildContext) -> None:
    outputs = render_feeds(ctx)
    directory = feed_directory(ctx)
    assert sorted(outputs) == sorted(
        path for info in directory for path in (info.rss_path, info.atom_path)
    )
    for info in directory:
        parse_feed(outputs[info.rss_path], "rss20")
        parse_feed(outputs[info.atom_path], "atom10")


def test_feed_paths_come_from_urls(ctx: BuildContext) -> None:
    outputs = render_feeds(ctx)
    for name in urls.FEED_NAMES:
        assert urls.feed(name, "rss") in outputs and urls.feed(name, "atom") in outputs
    for topic in vocabulary("topics").values:  # every topic, also those without entries
        assert urls.topic_feed(topic, "rss") in outputs
    for code in ("JP", "SG", "KR", "US", "VN"):
        assert urls.country_feed(code, "atom") in outputs
    assert "feeds/countries/jp.xml" in outputs


def test_announcement_entries_match_the_events(ctx: BuildContext) -> None:
    outputs = render_feeds(ctx)
    for fmt, version in (("rss", "rss20"), ("atom", "atom10")):
        feed = parse_feed(outputs[urls.feed("events", fmt)], version)
        assert len(feed.entries) == len(EVENT_IDS)
        by_id = {entry.id: entry for entry in feed.entries}
        for event_id in EVENT_IDS:
            entry = by_id[f"tag:xc-clearinghouse.org,2026:events/{event_id}"]
            event = ctx.catalog.events[event_id]
            assert entry.title == event.title
            assert entry.link == f"https://xc-clearinghouse.org/events/{event_id}/"
            if event.announced is not None:
                expected = datetime.combine(event.announced, datetime.min.time(), UTC)
            else:  # no git history here: the documented fallback is the first day
                expected = datetime.combine(event.first_day, datetime.min.time(), UTC)
            assert _utc(entry.published_parsed) == expected
        dates = [_utc(entry.published_parsed) for entry in feed.entries]
        assert dates == sorted(dates, reverse=True), "newest first"


def test_summaries_give_dates_place_organizers_and_the_page_link(ctx: BuildContext) -> None:
    feed = parse_feed(render_feeds(ctx)[urls.feed("events", "atom")], "atom10")
    entry = next(e for e in feed.entries if e.id.endswith("/seminar-2030"))
    text = lxml.html.fromstring(entry.summary).text_content()
    assert "6–8 February 2030" in text
    assert "Hotel Example, Tokyo, Japan" in text
    assert "Organized by Ministry of Economy, Trade and Industry (METI)" in text
    assert "https://xc-clearinghouse.org/events/seminar-2030/" in text
    cancelled = next(e for e in feed.entries if e.id.endswith("/hanoi-workshop-2030"))
    assert "Workshop · Cancelled" in lxml.html.fromstring(cancelled.summary).text_content()


def test_report_and_program_entries_use_their_dates(ctx: BuildContext) -> None:
    outputs = render_feeds(ctx)
    reports = parse_feed(outputs[urls.feed("reports", "rss")], "rss20")
    dates = {entry.id.rsplit("/", 1)[1]: _utc(entry.published_parsed) for entry in reports.entries}
    assert dates == {
        "webinar-2030-slides": datetime(2030, 3, 10, tzinfo=UTC),  # no date: its event's day
        "seminar-2030-report": datetime(2030, 3, 1, tzinfo=UTC),  # published
    }
    programs = parse_feed(outputs[urls.feed("programs", "atom")], "atom10")
    assert [(e.id, e.title) for e in programs.entries] == [
        ("tag:xc-clearinghouse.org,2026:programs/aecs", "Asian Export Control Seminar")
    ]
    assert _utc(programs.entries[0].updated_parsed) == datetime(1993, 1, 1, tzinfo=UTC)


def test_feed_updated_is_the_newest_entry_date_never_the_build_time(ctx: BuildContext) -> None:
    outputs = render_feeds(ctx)
    for name in urls.FEED_NAMES:
        rss = parse_feed(outputs[urls.feed(name, "rss")], "rss20")
        atom = parse_feed(outputs[urls.feed(name, "atom")], "atom10")
        dates = [_utc(e.updated_parsed) for e in atom.entries]
        newest = max(dates, default=UNKNOWN_DATE)
        assert _utc(atom.feed.updated_parsed) == newest
        assert _utc(rss.feed.updated_parsed) == newest  # lastBuildDate


def test_channel_link_is_the_page_and_self_links_are_absolute(ctx: BuildContext) -> None:
    """feedgen's RSS <link> is the last link() call: the page must be added last."""
    outputs = render_feeds(ctx)
    for info in feed_directory(ctx):
        page = f"https://xc-clearinghouse.org/{info.page_path}"
        rss = strict_xml(outputs[info.rss_path])
        assert rss.findtext("channel/link") == page
        (self_link,) = rss.findall(f"channel/{ATOM}link")
        assert self_link.get("rel") == "self"
        assert self_link.get("href") == f"https://xc-clearinghouse.org/{info.rss_path}"
        assert self_link.get("type") == RSS_MEDIA_TYPE
        atom = strict_xml(outputs[info.atom_path])
        links = {link.get("rel"): link for link in atom.findall(f"{ATOM}link")}
        assert links["self"].get("href") == f"https://xc-clearinghouse.org/{info.atom_path}"
        assert links["self"].get("type") == ATOM_MEDIA_TYPE
        assert links["alternate"].get("href") == page
        assert atom.findtext(f"{ATOM}title") == info.title
        assert rss.findtext("channel/description") == info.description


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = render_feeds(make_context(tmp_path / "a", CORPUS))
    second = render_feeds(make_context(tmp_path / "b", CORPUS))
    assert dict(first) == dict(second)


def test_entry_ids_do_not_change_with_the_site_url(tmp_path: Path) -> None:
    default = render_feeds(make_context(tmp_path / "a", CORPUS))
    moved = render_feeds(
        make_context(tmp_path / "b", CORPUS, site_url="http://preview.example.net/xc/")
    )
    for path in default:
        fmt = "rss20" if path.endswith(".xml") else "atom10"
        before, after = parse_feed(default[path], fmt), parse_feed(moved[path], fmt)
        assert [e.id for e in before.entries] == [e.id for e in after.entries]
        assert [e.published_parsed for e in before.entries] == [
            e.published_parsed for e in after.entries
        ]
        if fmt == "atom10":
            assert before.feed.id == after.feed.id
        for entry in after.entries:
            assert entry.link.startswith("http://preview.example.net/xc/")
            assert "preview" not in entry.id and "xc-clearinghouse.org,2026:" in entry.id


_HASH_SCRIPT = """
import hashlib, sys
from datetime import date
from pathlib import Path
from generator.exports import render_exports
from generator.feeds import render_feeds
from generator.pipeline import load_context
ctx, _ = load_context(Path(sys.argv[1]), None, date(2030, 1, 1))
digest = hashlib.sha256()
for outputs in (render_feeds(ctx), render_exports(ctx)):
    for path in outputs:
        digest.update(path.encode() + b"\\0" + outputs[path])
print(digest.hexdigest())
"""


def test_output_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    make_context(tmp_path, CORPUS)
    digests = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", _HASH_SCRIPT, str(tmp_path / "content")],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        digests.add(result.stdout.strip())
    assert len(digests) == 1


def test_feeds_keep_the_newest_entries_up_to_the_cap(ctx: BuildContext) -> None:
    capped = dataclasses.replace(
        ctx, settings=ctx.settings.model_copy(update={"feed_max_entries": 2})
    )
    full = parse_feed(render_feeds(ctx)[urls.feed("events", "atom")], "atom10")
    feed = parse_feed(render_feeds(capped)[urls.feed("events", "atom")], "atom10")
    assert [e.id for e in feed.entries] == [e.id for e in full.entries[:2]]


def test_topic_and_country_feeds_hold_the_matching_records(ctx: BuildContext) -> None:
    outputs = render_feeds(ctx)
    licensing = parse_feed(outputs[urls.topic_feed("licensing", "rss")], "rss20")
    assert sorted(e.id.split(":", 2)[2] for e in licensing.entries) == [
        "events/academy-2030-06",
        "events/seminar-2030",
        "programs/aecs",
        "reports/seminar-2030-report",
    ]
    korea = parse_feed(outputs[urls.country_feed("KR", "atom")], "atom10")
    assert [e.id.split(":", 2)[2] for e in korea.entries] == ["events/seminar-2030"]
    singapore = parse_feed(outputs[urls.country_feed("SG", "atom")], "atom10")
    assert sorted(e.id.split(":", 2)[2] for e in singapore.entries) == [
        "events/seminar-2030",
        "programs/aecs",
    ]
    nuclear = parse_feed(outputs[urls.topic_feed("nuclear", "atom")], "atom10")
    assert nuclear.entries == []
    assert _utc(nuclear.feed.updated_parsed) == UNKNOWN_DATE


def test_directory_lists_site_topic_and_country_feeds_in_order(ctx: BuildContext) -> None:
    directory = feed_directory(ctx)
    groups = [info.group for info in directory]
    assert groups == sorted(groups, key=["site", "topic", "country"].index)
    assert [i.key for i in directory if i.group == "site"] == list(urls.FEED_NAMES)
    assert [i.key for i in directory if i.group == "topic"] == list(vocabulary("topics").values)
    countries = [i for i in directory if i.group == "country"]
    names = [i.title.removeprefix("XC Clearinghouse: ") for i in countries]
    assert names == ["Japan", "Singapore", "South Korea", "United States", "Vietnam"]
    assert [i.key for i in countries] == ["JP", "SG", "KR", "US", "VN"]
    taipei = make_context(
        ctx.catalog.content_dir.parent.parent / "tw",
        {
            "events/taipei.yml": "title: T\nkind: seminar\nstart: 2030-01-01\n"
            "location: {country: TW}\n"
        },
    )
    (tw,) = [i for i in feed_directory(taipei) if i.group == "country"]
    assert tw.title == "XC Clearinghouse: Chinese Taipei"  # the site's name for TW
    assert (tw.rss_path, tw.atom_path, tw.page_path) == (
        "feeds/countries/tw.xml",
        "feeds/countries/tw.atom",
        "countries/tw/",
    )


def test_pages_advertise_the_site_feeds_and_their_own(ctx: BuildContext) -> None:
    def keys(page: str) -> list[str]:
        return [info.key for info in feeds_for_page(ctx, page)]

    assert keys(urls.event_page("seminar-2030")) == ["events", "changes"]
    assert keys(urls.HOME) == ["reports", "programs", "events", "changes"]
    assert keys(urls.SUBSCRIBE) == ["reports", "programs", "events", "changes"]
    assert keys(urls.topic_page("licensing")) == ["licensing", "events", "changes"]
    assert keys(urls.country_page("JP")) == ["JP", "events", "changes"]
    assert keys(urls.country_page("FR")) == ["events", "changes"]  # no such feed
    assert keys(urls.report_page("seminar-2030-report")) == ["reports", "events", "changes"]
    assert keys(urls.PROGRAMS) == ["programs", "events", "changes"]


def test_feeds_for_page_is_cheap_for_thousands_of_pages(ctx: BuildContext) -> None:
    """The directory is computed once per context, not once per page."""
    first = feeds_for_page(ctx, urls.HOME)
    calls = 0
    original = ctx.catalog.events

    class CountingDict(dict[str, Event]):
        def values(self):  # type: ignore[override]
            nonlocal calls
            calls += 1
            return super().values()

    ctx.catalog.events = CountingDict(original)
    try:
        for _ in range(100):
            assert feeds_for_page(ctx, urls.HOME) == first
    finally:
        ctx.catalog.events = original
    assert calls == 0


def _heavy_items(count: int) -> list[FeedItem]:
    """Items as large as records allow, written with characters that escaping multiplies
    (``&`` becomes ``&amp;amp;`` in an RSS description)."""
    heavy = "&<>" * 400
    return [
        FeedItem(
            entry_id=f"tag:xc-clearinghouse.org,2026:events/e-{i:04d}",
            kind="event",
            title=heavy[:200],
            date=datetime(2030, 1, 1, tzinfo=UTC) - timedelta(hours=i),
            link=f"https://xc-clearinghouse.org/events/e-{i:04d}/",
            lines=fit_lines([heavy] * 10),
            topics=vocabulary("topics").values,
        )
        for i in range(count)
    ]


def test_oldest_entries_are_dropped_to_stay_under_512_kb(ctx: BuildContext) -> None:
    info = feed_directory(ctx)[0]
    items = _heavy_items(500)
    rss, atom = render_feed(ctx, info, items)
    assert len(rss) <= MAX_FEED_BYTES and len(atom) <= MAX_FEED_BYTES
    rss_entries = parse_feed(rss, "rss20").entries
    atom_entries = parse_feed(atom, "atom10").entries
    assert 10 < len(atom_entries) < 100, "the size limit, not the cap, decided"
    assert [e.id for e in rss_entries] == [e.id for e in atom_entries]
    assert [e.id for e in atom_entries] == [i.entry_id for i in items[: len(atom_entries)]]
    assert _utc(parse_feed(atom, "atom10").feed.updated_parsed) == items[0].date


def test_summaries_are_cut_to_size(ctx: BuildContext) -> None:
    (item,) = _heavy_items(1)
    assert sum(len(line) for line in item.lines) <= MAX_SUMMARY_CHARS
    assert all(len(line) <= MAX_LINE_CHARS for line in item.lines)
    assert item.lines[0].endswith("…")
    rss, _ = render_feed(ctx, feed_directory(ctx)[0], [item])
    (entry,) = parse_feed(rss, "rss20").entries
    assert len(lxml.html.fromstring(entry.summary).text_content()) < MAX_SUMMARY_CHARS + 100


@pytest.mark.slow
def test_feeds_for_ten_thousand_events_stay_under_512_kb(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO_ROOT / "bench"))
    try:
        from synth import generate_corpus
    finally:
        sys.path.remove(str(REPO_ROOT / "bench"))
    from datetime import date

    from generator.pipeline import load_context

    content = generate_corpus(tmp_path / "content", 10_000)
    ctx, _ = load_context(content, None, date(2026, 12, 3))
    outputs = render_feeds(ctx)
    assert max(len(data) for data in outputs.values()) < MAX_FEED_BYTES
    events = parse_feed(outputs[urls.feed("events", "atom")], "atom10")
    assert len(events.entries) == ctx.settings.feed_max_entries


def test_human_dates_cover_every_shape() -> None:
    def when(text: str) -> str:
        return format_when(
            Event.model_validate(
                {
                    "title": "t",
                    "kind": "seminar",
                    **dict(line.split(": ", 1) for line in text.split("; ")),
                }
            )
        )

    assert when("start: 2030-02-06") == "6 February 2030"
    assert when("start: 2030-02-06; end: 2030-02-08") == "6–8 February 2030"
    assert when("start: 2030-02-27; end: 2030-03-02") == "27 February – 2 March 2030"
    assert when("start: 2030-12-30; end: 2031-01-02") == "30 December 2030 – 2 January 2031"
    assert when("start: 2030-02") == "February 2030 (dates to be confirmed)"
    assert when("start: 2030-02; end: 2030-03") == "February – March 2030 (dates to be confirmed)"
    assert (
        when("start: 2030-02-06T09:30; end: 2030-02-06T17:00; timezone: Asia/Tokyo")
        == "6 February 2030, 09:30–17:00 (Asia/Tokyo)"
    )
    assert (
        when("start: 2030-02-06T09:30; end: 2030-02-07T12:00; timezone: Asia/Tokyo")
        == "6 February 2030, 09:30 – 7 February 2030, 12:00 (Asia/Tokyo)"
    )


def test_real_content_builds_valid_feeds() -> None:
    """The shipped records (dated from git history when available) give valid feeds."""
    from datetime import date

    from generator.pipeline import load_context

    ctx, _ = load_context(
        REPO_ROOT / "content",
        REPO_ROOT / "clearinghouse.yml",
        date(2026, 12, 3),
        allow_shallow=True,
    )
    outputs = render_feeds(ctx)
    for path, data in outputs.items():
        parse_feed(data, "rss20" if path.endswith(".xml") else "atom10")
    events = parse_feed(outputs[urls.feed("events", "atom")], "atom10")
    assert len(events.entries) == len(ctx.catalog.events)


def test_feeds_golden(ctx: BuildContext, golden: Callable[[str, str | bytes], None]) -> None:
    outputs = render_feeds(ctx)
    for path in (
        urls.feed("events", "rss"),
        urls.feed("events", "atom"),
        urls.feed("reports", "rss"),
        urls.feed("programs", "atom"),
        urls.topic_feed("licensing", "atom"),
        urls.country_feed("JP", "rss"),
    ):
        golden(path, outputs[path])


def _rfc3339(text: str | None) -> datetime:
    assert text is not None
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", text)
    parsed = datetime.fromisoformat(text)
    assert parsed.tzinfo is not None
    return parsed


def test_atom_feeds_follow_the_rules_of_rfc_4287(ctx: BuildContext) -> None:
    """The MUSTs of RFC 4287 that apply, checked on the XML tree (not through feedgen)."""
    outputs = render_feeds(ctx)
    for info in feed_directory(ctx):
        feed = strict_xml(outputs[info.atom_path])
        assert feed.tag == f"{ATOM}feed"
        for name in ("id", "title", "updated"):
            assert len(feed.findall(f"{ATOM}{name}")) == 1, name
        assert urlsplit(feed.findtext(f"{ATOM}id") or "").scheme == "tag"
        _rfc3339(feed.findtext(f"{ATOM}updated"))
        feed_has_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
        alternates = [
            (link.get("type"), link.get("hreflang"))
            for link in feed.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        assert len(alternates) == len(set(alternates)) == 1
        for entry in feed.findall(f"{ATOM}entry"):
            for name in ("id", "title", "updated"):
                assert len(entry.findall(f"{ATOM}{name}")) == 1, name
            assert feed_has_author or entry.find(f"{ATOM}author") is not None
            entry_alternates = [
                link
                for link in entry.findall(f"{ATOM}link")
                if link.get("rel", "alternate") == "alternate"
            ]
            assert entry.find(f"{ATOM}content") is not None or len(entry_alternates) == 1
            assert urlsplit(entry_alternates[0].get("href")).scheme == "https"
            published = _rfc3339(entry.findtext(f"{ATOM}published"))
            assert published <= _rfc3339(entry.findtext(f"{ATOM}updated"))
            summary = entry.find(f"{ATOM}summary")
            assert summary is not None and summary.get("type") == "html"


def test_rss_feeds_have_the_required_elements_and_rfc_822_dates(ctx: BuildContext) -> None:
    outputs = render_feeds(ctx)
    for info in feed_directory(ctx):
        rss = strict_xml(outputs[info.rss_path])
        assert rss.tag == "rss" and rss.get("version") == "2.0"
        (channel,) = rss.findall("channel")
        for name in ("title", "link", "description"):
            assert channel.findtext(name), name
        parsedate_to_datetime(channel.findtext("lastBuildDate") or "")
        guids = [item.findtext("guid") for item in channel.findall("item")]
        assert len(guids) == len(set(guids))
        for item in channel.findall("item"):
            assert item.findtext("title") and item.findtext("description")
            assert item.find("guid").get("isPermaLink") == "false"  # type: ignore[union-attr]
            when = parsedate_to_datetime(item.findtext("pubDate") or "")
            assert when.tzinfo is not None
