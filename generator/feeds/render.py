"""RSS 2.0 and Atom files for every feed of the directory, written with feedgen.

Each feed has a stable ``tag:`` id, its title and description, an absolute
``atom:link rel="self"`` and a ``<link>`` to its page.  feedgen takes the RSS channel
``<link>`` from the *last* ``link()`` call, so the self link is added first and the
alternate (page) link last.  The feed's ``updated`` (RSS ``lastBuildDate``) is the date of
its newest entry — never the build time — and :data:`~generator.feeds.items.UNKNOWN_DATE`
for an empty feed.

Summaries are small HTML fragments (``type="html"`` in Atom, ``<description>`` in RSS) made
of plain-text lines escaped with :func:`html.escape`; the XML serializer then escapes them
once more, so no text from records can become markup in a reader.  Characters that XML 1.0
cannot carry (control characters) are removed from every string first.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from datetime import datetime

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from generator.context import BuildContext
from generator.feeds.changes import tag_id
from generator.feeds.directory import (
    ATOM_MEDIA_TYPE,
    RSS_MEDIA_TYPE,
    FeedInfo,
    feed_directory,
)
from generator.feeds.items import UNKNOWN_DATE, Candidate, FeedItem, candidates, feed_item
from generator.gcpause import collector_paused
from generator.vocabulary import vocabulary
from generator.writer import Outputs

MAX_FEED_BYTES = 512 * 1024
"""Upper limit of every feed file; entries are dropped (oldest first) to stay under it."""

GENERATOR_NAME = "XC Clearinghouse"
"""The ``<generator>`` of every feed (no version number, so output does not change when
feedgen is upgraded)."""

FEED_LANGUAGE = "en"

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """*text* without the characters XML 1.0 cannot carry (C0 control characters other
    than tab and line breaks, lone surrogates, U+FFFE, U+FFFF) nor C1 control characters
    (allowed but invisible); ``&``, ``<``, ``>`` and ``]]>`` are escaped later by lxml."""
    return _NOT_XML.sub("", text)


def summary_html(lines: Iterable[str], link: str) -> str:
    """The summary fragment: the escaped lines, then a link to the page."""
    body = "<br/>".join(html.escape(xml_safe(line)) for line in lines)
    href = html.escape(link)
    paragraphs = f"<p>{body}</p>" if body else ""
    return f'{paragraphs}<p><a href="{href}">{href}</a></p>'


class EntryCache:
    """One feedgen entry per item, shared by every feed that lists the item (feedgen
    serializes an entry anew for each feed, so sharing it is safe)."""

    def __init__(self) -> None:
        self._entries: dict[str, FeedEntry] = {}
        self._topic_labels = {t.value: xml_safe(t.label) for t in vocabulary("topics").terms}

    def entry(self, item: FeedItem) -> FeedEntry:
        """The feedgen entry of *item* (made on first use)."""
        cached = self._entries.get(item.entry_id)
        if cached is not None:
            return cached
        self._entries[item.entry_id] = entry = self._make(item)
        return entry

    def _make(self, item: FeedItem) -> FeedEntry:
        entry = FeedEntry()
        entry.id(item.entry_id)
        entry.title(xml_safe(item.title))
        entry.link(href=item.link, rel="alternate", type="text/html")
        entry.summary(summary_html(item.lines, item.link), type="html")
        entry.published(item.date)
        entry.updated(item.date)
        if item.topics:
            entry.category(
                [{"term": t, "label": self._topic_labels.get(t, t)} for t in item.topics]
            )
        return entry


def _generator(
    ctx: BuildContext, info: FeedInfo, entries: Sequence[FeedEntry], updated: datetime
) -> FeedGenerator:
    feed = FeedGenerator()
    feed.id(tag_id(ctx.settings.uid_domain, info.rss_path.rsplit(".", 1)[0]))
    feed.title(xml_safe(info.title))
    feed.description(xml_safe(info.description))
    feed.author(name=xml_safe(ctx.settings.site_name))
    feed.language(FEED_LANGUAGE)
    feed.generator(GENERATOR_NAME)
    feed.updated(updated)
    for entry in entries:
        feed.add_entry(entry, order="append")
    return feed


def _links(feed: FeedGenerator, ctx: BuildContext, info: FeedInfo, fmt: str) -> None:
    """Self link first, the page (alternate) last: feedgen's RSS ``<link>`` is the last."""
    self_path, media_type = (
        (info.rss_path, RSS_MEDIA_TYPE) if fmt == "rss" else (info.atom_path, ATOM_MEDIA_TYPE)
    )
    feed.link(href=ctx.url(self_path), rel="self", type=media_type, replace=True)
    feed.link(href=ctx.url(info.page_path), rel="alternate", type="text/html")


def render_feed(
    ctx: BuildContext, info: FeedInfo, items: Sequence[FeedItem], cache: EntryCache | None = None
) -> tuple[bytes, bytes]:
    """RSS and Atom bytes of one feed listing *items* (newest first, already capped).

    If a file would exceed :data:`MAX_FEED_BYTES`, the oldest entries are dropped until
    both files fit.
    """
    cache = cache or EntryCache()
    entries = [cache.entry(item) for item in items]
    updated = items[0].date if items else UNKNOWN_DATE
    count = len(entries)
    while True:
        feed = _generator(ctx, info, entries[:count], updated)
        _links(feed, ctx, info, "rss")
        rss = feed.rss_str(pretty=True)
        _links(feed, ctx, info, "atom")
        atom = feed.atom_str(pretty=True)
        largest = max(len(rss), len(atom))
        if largest <= MAX_FEED_BYTES or count == 0:
            return rss, atom
        count = min(count - 1, count * MAX_FEED_BYTES * 9 // (largest * 10))
        count = max(count, 0)


def select_items(
    directory: Sequence[FeedInfo], candidates: Iterable[Candidate], cap: int
) -> dict[FeedInfo, list[Candidate]]:
    """The newest *cap* candidates of each feed (*candidates* are sorted newest first).

    Site feeds take items of their kind; a topic feed takes events, changes, reports and
    programs with the topic; a country feed takes events and changes of events held in or
    with the country, and programs working with it.
    """
    buckets: list[list[Candidate]] = [[] for _ in directory]
    index = {(info.group, info.key): position for position, info in enumerate(directory)}
    kind_feed = {"event": "events", "change": "changes", "report": "reports", "program": "programs"}
    site = {kind: index[("site", name)] for kind, name in kind_feed.items()}
    for candidate in candidates:
        targets = [site[candidate.kind]]
        targets += [index[("topic", t)] for t in candidate.topics if ("topic", t) in index]
        targets += [index[("country", c)] for c in candidate.countries if ("country", c) in index]
        for target in targets:
            bucket = buckets[target]
            if len(bucket) < cap:
                bucket.append(candidate)
    return dict(zip(directory, buckets, strict=True))


def render_feeds(ctx: BuildContext) -> Outputs:
    """Every feed of :func:`~generator.feeds.feed_directory` as RSS 2.0 and Atom.

    Shallow clones never reach this function: the pipeline refuses them, or (for previews)
    replaces their history by an empty one, so dates fall back to record fields exactly as
    outside git (see :mod:`generator.feeds.items`) and the changes feed is empty.
    """
    outputs = Outputs()
    with collector_paused():
        directory = feed_directory(ctx)
        selected = select_items(directory, candidates(ctx), ctx.settings.feed_max_entries)
        items: dict[str, FeedItem] = {}
        cache = EntryCache()
        for info in directory:
            feed_items = []
            for candidate in selected[info]:
                item = items.get(candidate.key)
                if item is None:
                    items[candidate.key] = item = feed_item(candidate, ctx)
                feed_items.append(item)
            rss, atom = render_feed(ctx, info, feed_items, cache)
            outputs.add(info.rss_path, rss)
            outputs.add(info.atom_path, atom)
    return outputs
