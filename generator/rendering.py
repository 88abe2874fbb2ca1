"""Analyse + render: everything the site publishes, in memory, from one build context.

The result has two parts: ``pages`` (Markdown sources that MkDocs turns into HTML pages)
and ``files`` (published as they are: calendars, feeds, data exports, schemas, assets).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from generator import urls
from generator.calendars import (
    calendar_directory,
    google_calendar_url,
    outlook_calendar_url,
    render_calendars,
)
from generator.context import BuildContext
from generator.coordination import (
    WARNING_KINDS,
    Finding,
    find_findings,
    render_findings_feed,
    render_overlaps_json,
    render_overlaps_schema,
    rules_markdown,
)
from generator.exports import render_exports
from generator.feeds import (
    ATOM_MEDIA_TYPE,
    RSS_MEDIA_TYPE,
    feed_directory,
    feeds_for_page,
    render_feeds,
)
from generator.indexes import SiteIndex, build_index
from generator.models import Event
from generator.pages.environment import template_dir
from generator.pages.render import HeadLink, PageExtras, render_pages
from generator.schema import render_record_schemas
from generator.vocabulary import vocabulary
from generator.writer import Outputs

ASSET_FOLDER = "assets"
CALENDAR_TYPE = "text/calendar"


@dataclass(frozen=True)
class RenderedSite:
    """Everything a build publishes, keyed by path relative to the site root."""

    pages: Outputs
    assets: Outputs
    """The site's CSS and JavaScript (MkDocs needs them in the docs folder)."""
    render_files: Callable[[], Outputs]
    """Renders the files published as they are: calendars, feeds, data exports, schemas.
    A full build calls it in the process that writes them, beside MkDocs."""
    search_documents: Outputs
    """HTML bodies of searchable pages, for the search indexer."""
    index: SiteIndex

    @cached_property
    def files(self) -> Outputs:
        """The published files (rendered on first use)."""
        return self.render_files()


def render_assets(directory: Path | None = None) -> Outputs:
    """The site's own CSS and JavaScript from ``site_templates/assets/``."""
    outputs = Outputs()
    source = (directory or template_dir()) / ASSET_FOLDER
    for path in sorted(source.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            outputs.add(f"{ASSET_FOLDER}/{path.name}", path.read_bytes())
    return outputs


def render_schemas() -> Outputs:
    """The record JSON Schemas, published under ``/schema/``."""
    outputs = Outputs()
    for name, text in render_record_schemas().items():
        outputs.add(urls.record_schema(name.removesuffix(".schema.json")), text)
    return outputs


def head_links(ctx: BuildContext, path: str) -> list[HeadLink]:
    """Feeds and calendars a page advertises with ``<link rel="alternate">``."""
    links = []
    for feed in feeds_for_page(ctx, path):
        links.append(HeadLink(feed.rss_path, f"{feed.title} (RSS)", RSS_MEDIA_TYPE))
        links.append(HeadLink(feed.atom_path, f"{feed.title} (Atom)", ATOM_MEDIA_TYPE))
    links.append(HeadLink(urls.CALENDAR_ALL, "All events (iCalendar)", CALENDAR_TYPE))
    if path == urls.COORDINATION:
        links.append(
            HeadLink(urls.COORDINATION_FEED, "Coordination findings (RSS)", RSS_MEDIA_TYPE)
        )
        links.append(
            HeadLink(urls.COORDINATION_ATOM, "Coordination findings (Atom)", ATOM_MEDIA_TYPE)
        )
    parts = path.split("/")
    if len(parts) == 3 and parts[2] == "":
        section, key = parts[0], parts[1]
        catalog = ctx.catalog
        if section == "topics":
            label = vocabulary("topics").label(key)
            links.append(HeadLink(urls.topic_calendar(key), f"{label} (iCalendar)", CALENDAR_TYPE))
        elif section == "countries":
            name = ctx.settings.country_name(key.upper())
            links.append(HeadLink(urls.country_calendar(key), f"{name} (iCalendar)", CALENDAR_TYPE))
        elif section == "programs" and key in catalog.programs:
            name = catalog.programs[key].name
            links.append(HeadLink(urls.program_calendar(key), f"{name} (iCalendar)", CALENDAR_TYPE))
        elif section == "organizations" and key in catalog.organizations:
            name = catalog.organizations[key].name
            links.append(
                HeadLink(urls.organization_calendar(key), f"{name} (iCalendar)", CALENDAR_TYPE)
            )
    return links


def add_to_calendar_links(ctx: BuildContext, event: Event) -> dict[str, str]:
    """Google Calendar and Outlook links for an event page (none for month-only events)."""
    links = {}
    google = google_calendar_url(ctx, event)
    outlook = outlook_calendar_url(ctx, event)
    if google:
        links["google"] = google
    if outlook:
        links["outlook"] = outlook
    return links


def page_extras(ctx: BuildContext, findings: Sequence[Finding]) -> PageExtras:
    """What calendars, feeds and the coordination analysis contribute to pages."""
    return PageExtras(
        head_links=lambda path: head_links(ctx, path),
        add_to_calendar=lambda event: add_to_calendar_links(ctx, event),
        calendars=calendar_directory(ctx),
        feeds=feed_directory(ctx),
        findings=findings,
        warning_kinds=frozenset(WARNING_KINDS),
        coordination_rules=rules_markdown(ctx.settings.coordination),
    )


def render_files(ctx: BuildContext, findings: Sequence[Finding]) -> Outputs:
    """Schemas, calendars, feeds and data exports, keyed by their site path (pure)."""
    files = Outputs()
    files.update_from(render_schemas())
    files.update_from(render_overlaps_schema())
    files.update_from(render_overlaps_json(ctx, findings))
    files.update_from(render_findings_feed(ctx, findings))
    files.update_from(render_calendars(ctx))
    files.update_from(render_feeds(ctx))
    files.update_from(render_exports(ctx))
    files.update_from(theme_sitemaps(files))
    return files


EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)


def theme_sitemaps(files: Outputs) -> Outputs:
    """An empty ``sitemap.xml`` in every folder of feeds and calendars.

    mkdocs-material's script fetches ``sitemap.xml`` next to every
    ``<link rel="alternate">`` of a page (it expects language versions of the site); for
    our feed and calendar links that would be a failing request, answered with the whole
    404 page, several times per page view.  An empty sitemap tells it there is nothing.
    """
    folders = {
        path.rsplit("/", 1)[0] for path in files if path.startswith(("feeds/", "calendars/"))
    }
    outputs = Outputs()
    for folder in sorted(folders):
        outputs.add(f"{folder}/sitemap.xml", EMPTY_SITEMAP)
    return outputs


def render_site(ctx: BuildContext, *, processes: int = 1) -> RenderedSite:
    """Analyse the catalog and render every page and file (pure; nothing is written).

    Pages are rendered on *processes* cores; the result does not depend on it."""
    index = build_index(ctx.catalog, ctx.today)
    findings = find_findings(ctx.catalog, ctx.settings.coordination)
    pages, search_documents = render_pages(
        ctx, index, page_extras(ctx, findings), processes=processes
    )
    return RenderedSite(
        pages=pages,
        assets=render_assets(),
        render_files=lambda: render_files(ctx, findings),
        search_documents=search_documents,
        index=index,
    )
