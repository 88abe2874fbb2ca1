"""A feed of coordination findings about upcoming events, newest first (RSS and Atom).

Organizers who subscribe learn when someone schedules an event that collides with theirs,
or that could be held back to back with it.  A finding's date is the last commit that
changed either of its two records (from the git history, never the clock), so a new or
moved event brings its findings to the top.  Coordinated pairs need no action and are not
in the feed.  Like the pages, the feed lists what is upcoming on ``--today``; entry ids and
dates do not depend on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from generator import urls
from generator.context import BuildContext
from generator.coordination.model import Finding
from generator.coordination.select import upcoming
from generator.feeds.changes import tag_id
from generator.feeds.directory import FeedInfo
from generator.feeds.items import UNKNOWN_DATE, FeedItem
from generator.feeds.render import render_feed
from generator.gcpause import collector_paused
from generator.writer import Outputs


def finding_date(ctx: BuildContext, finding: Finding) -> datetime | None:
    """When the finding last changed: the newest commit to either record (None outside git)."""
    dates = [ctx.history.of("event", event_id).last_modified for event_id in finding.events]
    known = [d for d in dates if d is not None]
    return max(known) if known else None


def findings_feed_info(ctx: BuildContext) -> FeedInfo:
    """Title, description, files and page of the coordination feed."""
    return FeedInfo(
        rss_path=urls.COORDINATION_FEED,
        atom_path=urls.COORDINATION_ATOM,
        title=f"{ctx.settings.site_name}: coordination",
        description="Conflicts, overlaps, tight travel, possible duplicates and opportunities "
        "among upcoming export-control events.",
        group="site",
        key="coordination",
        page_path=urls.COORDINATION,
    )


def finding_item(ctx: BuildContext, finding: Finding, when: datetime) -> FeedItem:
    """The feed entry of one finding; its id is ``tag:…:coordination/<finding id>``."""
    titles = " / ".join(ctx.catalog.events[event_id].title for event_id in finding.events)
    return FeedItem(
        entry_id=tag_id(ctx.settings.uid_domain, f"coordination/{finding.id}"),
        kind="finding",
        title=f"{finding.title}: {titles}",
        date=when,
        # Each event page lists its own findings with stable anchors (the coordination
        # pages are paginated, so a finding's place there can move).
        link=f"{ctx.url(urls.event_page(finding.events[0]))}#{finding.id}",
        lines=(finding.summary, finding.fix),
    )


def render_findings_feed(ctx: BuildContext, findings: Sequence[Finding]) -> Outputs:
    """``feeds/coordination.xml`` and ``.atom``: upcoming warnings and opportunities.

    At most ``feed_max_entries`` entries, newest first; the feed's date is its newest
    entry's (see :func:`generator.feeds.render.render_feed`).
    """
    with collector_paused():
        shown = [f for f in upcoming(findings, ctx.catalog, ctx.today) if f.kind != "coordinated"]
        dated = [(finding_date(ctx, f) or UNKNOWN_DATE, f) for f in shown]
        dated.sort(key=lambda item: (item[0], item[1].id), reverse=True)
        items = [finding_item(ctx, f, when) for when, f in dated[: ctx.settings.feed_max_entries]]
        info = findings_feed_info(ctx)
        rss, atom = render_feed(ctx, info, items)
    outputs = Outputs()
    outputs.add(info.rss_path, rss)
    outputs.add(info.atom_path, atom)
    return outputs
