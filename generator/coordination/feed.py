"""An RSS feed of coordination findings about upcoming events, newest first.

Organizers who subscribe learn when someone schedules an event that collides with theirs,
or that could be held back to back with it.  A finding's date is the last commit that
changed either of its two records (from the git history, never the clock), so a new or
moved event brings its findings to the top.  Coordinated pairs need no action and are not
in the feed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time

from feedgen.feed import FeedGenerator

from generator import urls
from generator.context import BuildContext
from generator.coordination.model import Finding
from generator.coordination.select import upcoming
from generator.gcpause import collector_paused
from generator.writer import Outputs


def finding_date(ctx: BuildContext, finding: Finding) -> datetime | None:
    """When the finding last changed: the newest commit to either record (None outside git)."""
    dates = [ctx.history.of("event", event_id).last_modified for event_id in finding.events]
    known = [d for d in dates if d is not None]
    return max(known) if known else None


def render_findings_feed(ctx: BuildContext, findings: Sequence[Finding]) -> Outputs:
    """``feeds/coordination.xml``: upcoming warnings and opportunities, newest first.

    At most ``feed_max_entries`` items; each item's guid is ``<finding id>@<uid_domain>``
    and never changes.  The channel's lastBuildDate is the newest item's date (or the
    build's ``today`` when there is none), so the same commit gives the same bytes.
    """
    with collector_paused():
        shown = [f for f in upcoming(findings, ctx.catalog, ctx.today) if f.kind != "coordinated"]
        dated = [(finding_date(ctx, f), f) for f in shown]
        oldest = datetime.min.replace(tzinfo=UTC)
        dated.sort(key=lambda item: (item[0] or oldest, item[1].id), reverse=True)
        dated = dated[: ctx.settings.feed_max_entries]
        settings = ctx.settings
        page = ctx.url(urls.COORDINATION)
        feed = FeedGenerator()
        feed.title(f"{settings.site_name}: coordination")
        # The RSS channel <link> is the last link given: self first, the page last.
        feed.link(href=ctx.url(urls.COORDINATION_FEED), rel="self")
        feed.link(href=page, rel="alternate")
        feed.description(
            "Conflicts, overlaps, tight travel, possible duplicates and opportunities among "
            "upcoming export-control events."
        )
        feed.language("en")
        newest = dated[0][0] if dated and dated[0][0] is not None else None
        feed.lastBuildDate(newest or datetime.combine(ctx.today, time(), tzinfo=UTC))
        for when, finding in reversed(dated):  # feedgen puts each new entry first
            titles = " / ".join(ctx.catalog.events[event_id].title for event_id in finding.events)
            entry = feed.add_entry()
            entry.title(f"{finding.title}: {titles}")
            # Each event page lists its own findings with stable anchors (the coordination
            # pages are paginated, so a finding's place there can move).
            entry.link(href=f"{ctx.url(urls.event_page(finding.events[0]))}#{finding.id}")
            entry.guid(f"{finding.id}@{settings.uid_domain}", permalink=False)
            entry.description(finding.message)
            if when is not None:
                entry.pubDate(when)
        data = feed.rss_str(pretty=True)
    outputs = Outputs()
    outputs.add(urls.COORDINATION_FEED, data)
    return outputs
