"""Untrusted text in feeds: well-formed XML for strict parsers, no markup in readers."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest

from generator import urls
from generator.feeds import feed_directory, render_feeds
from generator.feeds.items import FeedItem
from generator.feeds.render import render_feed, summary_html, xml_safe
from tests.conftest import make_context
from tests.feed_fixtures import CORPUS, parse_feed, strict_xml

TRICKY = "Catch-all & <brokering> ]]> controls"


@pytest.mark.parametrize(("fmt", "version"), [("rss", "rss20"), ("atom", "atom10")])
def test_titles_with_ampersands_angle_brackets_and_cdata_ends_survive(
    tmp_path: Path, fmt: str, version: str
) -> None:
    outputs = render_feeds(make_context(tmp_path, CORPUS))
    data = outputs[urls.feed("events", fmt)]
    assert b"]]>" not in data  # lxml writes ]]&gt; in text
    root = strict_xml(data)
    titles = [element.text for element in root.iter() if element.tag.endswith("title")]
    assert TRICKY in titles
    feed = parse_feed(data, version)
    assert TRICKY in [entry.title for entry in feed.entries]


def test_html_in_records_never_becomes_markup_in_summaries(tmp_path: Path) -> None:
    files = {
        "organizations/evil.yml": (
            'name: "<img src=x onerror=alert(1)> Ministry"\nkind: government\n'
        ),
        "events/evil.yml": (
            'title: "<script>alert(1)</script> Seminar"\nkind: seminar\nstart: 2030-01-01\n'
            'location: {city: "<b>Tokyo</b>", country: JP}\norganizers: [evil]\n'
        ),
    }
    outputs = render_feeds(make_context(tmp_path, files))
    for fmt, version in (("rss", "rss20"), ("atom", "atom10")):
        data = outputs[urls.feed("events", fmt)]
        (entry,) = parse_feed(data, version).entries
        assert entry.title == "<script>alert(1)</script> Seminar"  # text, not markup
        # what the file says the summary is (before any reader's sanitizer):
        root = strict_xml(data)
        raw = root.findtext("channel/item/description") or root.findtext(
            "{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary"
        )
        assert raw
        fragment = lxml.html.fragment_fromstring(raw, create_parent="div")
        assert {element.tag for element in fragment.iter()} <= {"div", "p", "br", "a"}
        text = fragment.text_content()
        assert "<img src=x onerror=alert(1)> Ministry" in text
        assert "<b>Tokyo</b>, Japan" in text
        assert [a.get("href") for a in fragment.iter("a")] == [
            "https://xc-clearinghouse.org/events/evil/"
        ]


def test_control_characters_are_removed_before_writing_xml(tmp_path: Path) -> None:
    """Records cannot contain control characters (the validator rejects them), so the
    feed functions are tested directly: lxml refuses to write such strings at all."""
    ctx = make_context(tmp_path, CORPUS)
    ctx = dataclasses.replace(
        ctx, settings=ctx.settings.model_copy(update={"site_name": "XC\x07 Clearinghouse"})
    )
    nasty = "Bell\x07 NUL\x00 VT\x0b ESC\x1b DEL\x7f C1\x85\x9b FFFE\ufffe lone\ud800 & <ok> ]]>"
    item = FeedItem(
        entry_id="tag:xc-clearinghouse.org,2026:events/nasty",
        kind="event",
        title=nasty,
        date=datetime(2030, 1, 1, tzinfo=UTC),
        link="https://xc-clearinghouse.org/events/nasty/",
        lines=(nasty, "second\x01 line"),
    )
    info = dataclasses.replace(feed_directory(ctx)[0], title="Feed\x02 title & more")
    rss, atom = render_feed(ctx, info, [item])
    expected = "Bell NUL VT ESC DEL C1 FFFE lone & <ok> ]]>"
    for data, version in ((rss, "rss20"), (atom, "atom10")):
        strict_xml(data)
        feed = parse_feed(data, version)
        assert feed.feed.title == "Feed title & more"
        (entry,) = feed.entries
        assert entry.title == expected
        assert "second line" in lxml.html.fromstring(entry.summary).text_content()
    assert b"XC Clearinghouse" in atom  # the author name, cleaned


def test_xml_safe_keeps_tabs_line_breaks_and_all_printable_text() -> None:
    text = "tab\there\nnew line\r\nHà Nội 東京 😀 \u2028"
    assert xml_safe(text) == text
    assert xml_safe("a\x00b\x1fc\x7fd\x9fe\uffff") == "abcde"


def test_summary_html_escapes_every_line_and_the_link() -> None:
    html = summary_html(["a & b", "<i>x</i>"], 'https://example.org/?q="x"&y=<1>')
    assert html == (
        "<p>a &amp; b<br/>&lt;i&gt;x&lt;/i&gt;</p>"
        '<p><a href="https://example.org/?q=&quot;x&quot;&amp;y=&lt;1&gt;">'
        "https://example.org/?q=&quot;x&quot;&amp;y=&lt;1&gt;</a></p>"
    )
