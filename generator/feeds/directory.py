"""Which feeds exist, what they are called, and which pages advertise them.

The site feeds (events, changes, reports, programs) always exist.  There is a feed for
every topic of the vocabulary (topics only ever grow, so their URLs stay valid) and for
every country that any record names (the countries that have a page).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Literal

from generator import urls
from generator.catalog import Catalog
from generator.context import BuildContext
from generator.vocabulary import vocabulary

FeedGroup = Literal["site", "topic", "country"]

RSS_MEDIA_TYPE = "application/rss+xml"
ATOM_MEDIA_TYPE = "application/atom+xml"

_SITE_FEEDS: dict[str, tuple[str, str, str]] = {
    # name: (title suffix, description, matching page)
    "events": (
        "new events",
        "Seminars, workshops, academies and other events as they are announced.",
        urls.EVENTS,
    ),
    "changes": (
        "event changes",
        "Events that were postponed, cancelled, moved to new dates or to a new place.",
        urls.EVENTS,
    ),
    "reports": (
        "reports",
        "Meeting reports, papers and presentations as they are published.",
        urls.REPORTS,
    ),
    "programs": (
        "programs",
        "Capacity-building programs, seminar series and academies as they are added.",
        urls.PROGRAMS,
    ),
}


@dataclass(frozen=True)
class FeedInfo:
    """One feed, published as RSS 2.0 (``rss_path``) and Atom (``atom_path``)."""

    rss_path: str
    atom_path: str
    title: str
    description: str
    group: FeedGroup
    """``site``, ``topic`` or ``country``."""
    key: str
    """The feed name (``events``, …), the topic value, or the upper-case country code."""
    page_path: str
    """The site page the feed belongs to (its ``<link>``)."""


def feed_countries(catalog: Catalog) -> list[str]:
    """Country codes with a feed: every country that has a page (see ``Catalog.countries``)."""
    return catalog.countries()


def _site_feed(ctx: BuildContext, name: str) -> FeedInfo:
    suffix, description, page = _SITE_FEEDS[name]
    return FeedInfo(
        rss_path=urls.feed(name, "rss"),
        atom_path=urls.feed(name, "atom"),
        title=f"{ctx.settings.site_name}: {suffix}",
        description=description,
        group="site",
        key=name,
        page_path=page,
    )


def _topic_feed(ctx: BuildContext, topic: str) -> FeedInfo:
    label = vocabulary("topics").label(topic)
    return FeedInfo(
        rss_path=urls.topic_feed(topic, "rss"),
        atom_path=urls.topic_feed(topic, "atom"),
        title=f"{ctx.settings.site_name}: {label}",
        description=f"New and changed events, reports and programs on the topic “{label}”.",
        group="topic",
        key=topic,
        page_path=urls.topic_page(topic),
    )


def _country_feed(ctx: BuildContext, code: str) -> FeedInfo:
    name = ctx.settings.country_name(code)
    return FeedInfo(
        rss_path=urls.country_feed(code, "rss"),
        atom_path=urls.country_feed(code, "atom"),
        title=f"{ctx.settings.site_name}: {name}",
        description=(
            f"New and changed events held in or with {name}, and programs working with {name}."
        ),
        group="country",
        key=code,
        page_path=urls.country_page(code),
    )


def _build_directory(ctx: BuildContext) -> tuple[FeedInfo, ...]:
    site = [_site_feed(ctx, name) for name in urls.FEED_NAMES]
    topics = [_topic_feed(ctx, topic) for topic in vocabulary("topics").values]
    countries = sorted(
        (_country_feed(ctx, code) for code in feed_countries(ctx.catalog)),
        key=lambda info: (info.title.casefold(), info.key),
    )
    return (*site, *topics, *countries)


@dataclass(frozen=True)
class _Directory:
    feeds: tuple[FeedInfo, ...]
    by_page: dict[tuple[str, str], FeedInfo]
    site: dict[str, FeedInfo]


_cache: dict[int, tuple[weakref.ref[BuildContext], _Directory]] = {}


def _directory(ctx: BuildContext) -> _Directory:
    """The directory of *ctx*, computed once per context (pages ask for it thousands of
    times); the entry is dropped when the context is garbage-collected."""
    key = id(ctx)
    cached = _cache.get(key)
    if cached is not None and cached[0]() is ctx:
        return cached[1]
    feeds = _build_directory(ctx)
    directory = _Directory(
        feeds=feeds,
        by_page={(i.group, i.page_path): i for i in feeds if i.group != "site"},
        site={i.key: i for i in feeds if i.group == "site"},
    )
    _cache[key] = (weakref.ref(ctx, lambda _ref: _cache.pop(key, None)), directory)
    return directory


def feed_directory(ctx: BuildContext) -> list[FeedInfo]:
    """Every feed, in the order ``/subscribe/`` lists them.

    Site feeds first (events, changes, reports, programs), then topics in vocabulary
    order, then countries sorted by their display name.
    """
    return list(_directory(ctx).feeds)


def feeds_for_page(ctx: BuildContext, page_path: str) -> list[FeedInfo]:
    """The feeds a page advertises with ``<link rel="alternate">``, most specific first.

    Every page: new events and event changes.  The home and subscribe pages add reports and
    programs; report pages and the report list add reports; program pages and the program
    list add programs; ``topics/<t>/`` adds that topic's feed and ``countries/<cc>/`` that
    country's feed.  Render each as two links (:data:`RSS_MEDIA_TYPE` and
    :data:`ATOM_MEDIA_TYPE`).
    """
    directory = _directory(ctx)
    site = directory.site
    chosen: list[FeedInfo] = []
    for group in ("topic", "country"):
        specific = directory.by_page.get((group, page_path))
        if specific is not None:
            chosen.append(specific)
    everything = page_path in (urls.HOME, urls.SUBSCRIBE)
    if everything or page_path.startswith(urls.REPORTS):
        chosen.append(site["reports"])
    if everything or page_path.startswith(urls.PROGRAMS):
        chosen.append(site["programs"])
    chosen += [site["events"], site["changes"]]
    return chosen
