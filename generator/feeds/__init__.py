"""News feeds (RSS 2.0 and Atom): announcements, changes, reports, programs, per topic and
per country.

Stages: :mod:`~generator.feeds.changes` reads significant changes from git history
(analyse), :mod:`~generator.feeds.items` turns records and changes into dated feed items,
:mod:`~generator.feeds.directory` says which feeds exist and which pages advertise them,
and :mod:`~generator.feeds.render` writes the XML in memory.
"""

from generator.feeds.changes import AspectChange, EventChange, event_changes, significant_changes
from generator.feeds.directory import (
    ATOM_MEDIA_TYPE,
    RSS_MEDIA_TYPE,
    FeedInfo,
    feed_directory,
    feeds_for_page,
)
from generator.feeds.items import Candidate, FeedItem, candidates, feed_item
from generator.feeds.render import MAX_FEED_BYTES, render_feeds

__all__ = [
    "ATOM_MEDIA_TYPE",
    "MAX_FEED_BYTES",
    "RSS_MEDIA_TYPE",
    "AspectChange",
    "Candidate",
    "EventChange",
    "FeedInfo",
    "FeedItem",
    "candidates",
    "event_changes",
    "feed_directory",
    "feed_item",
    "feeds_for_page",
    "render_feeds",
    "significant_changes",
]
