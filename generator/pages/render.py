"""Render stage for pages: one Markdown file per public page, for MkDocs to wrap in the theme.

Each file is front matter (title and description already HTML-escaped, because the theme
prints them unescaped) plus one HTML block rendered by Jinja2 with autoescaping, so record
text can never become markup.  Links between pages are relative, so the site works under any
base path (e.g. a GitHub Pages project URL).
"""

from __future__ import annotations

import calendar as calendar_module
import html
import json
import re
from collections.abc import Callable, Container, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar
from urllib.parse import urlsplit

import pycountry
from markupsafe import Markup, escape

from generator import urls
from generator.context import BuildContext
from generator.exports.table import CSV_COLUMNS
from generator.indexes import SiteIndex, months_between, report_date, within_days
from generator.models import Event, Location
from generator.pages.environment import make_environment
from generator.pages.formatting import (
    event_when_html,
    event_when_text,
    format_day,
    format_month,
    month_name,
    short_when,
)
from generator.pages.jsonld import event_jsonld
from generator.pages.reference import field_reference
from generator.pages.richtext import SafeMarkdown, plain_excerpt
from generator.parallel import run_shares
from generator.vocabulary import vocabulary
from generator.writer import Outputs

T = TypeVar("T")

NOT_SEARCHED = re.compile(r"<!--xc-not-searched-->.*?<!--/xc-not-searched-->", re.S)
"""Parts of a page left out of its search document (they also carry data-pagefind-ignore,
but leaving them out makes the documents several times smaller and indexing faster)."""

EVENTS_PER_PAGE = 100
FINDINGS_PER_PAGE = 50
FINDINGS_PREVIEW = 10
"""Findings of each kind shown on ``/coordination/`` before "all N …" links to its pages."""
FINDING_SECTIONS = (
    ("conflict", "Conflicts"),
    ("possible-duplicate", "Possible duplicates"),
    ("tight-travel", "Tight travel"),
    ("overlap", "Overlaps"),
    ("opportunity", "Back-to-back opportunities"),
    ("coordinated", "Coordinated pairs"),
)
REPORTS_PER_PAGE = 100
PAST_ON_FACET_PAGE = 50
REPORTS_ON_HOME = 5
EVENTS_PER_GRID_CELL = 4
EVENTS_IN_MONTH_LIST = 200


@dataclass(frozen=True)
class HeadLink:
    """A ``<link rel="alternate">`` advertised in a page head (feeds, calendars)."""

    href: str
    """Site path (see :mod:`generator.urls`)."""
    title: str
    type: str


@dataclass(frozen=True)
class PageExtras:
    """What other stages contribute to pages; empty defaults keep pages valid without them."""

    head_links: Callable[[str], Sequence[HeadLink]] = lambda path: ()
    """Feeds and calendars a page advertises in its head, by page path."""
    add_to_calendar: Callable[[Event], dict[str, str]] = lambda event: {}
    """``{"google": url, "outlook": url}`` for an event (empty for month-only events)."""
    calendars: Sequence[Any] = ()
    """Calendar directory entries for /subscribe/ (``path``, ``title``, ``description``,
    ``group``, ``event_count``)."""
    feeds: Sequence[Any] = ()
    """Feed directory entries for /subscribe/ (``rss_path``, ``atom_path``, ``title``,
    ``description``, ``group``)."""
    findings: Sequence[Any] = ()
    """Coordination findings (``kind``, ``events``, ``message``, ``possible``, ``shared``)."""
    warning_kinds: frozenset[str] = frozenset()
    """Finding kinds that count as open warnings (shown on the home page)."""
    coordination_rules: str = ""
    """Markdown describing the coordination rules with the current thresholds."""


@dataclass(frozen=True)
class PageSpec:
    """One page to render: where, with which template, title and variables."""

    path: str
    template: str
    title: str
    description: str
    variables: dict[str, Any] = field(default_factory=dict)
    head_html: str = ""
    searchable: bool = False
    """Whether the search index includes the page (records and topics, not lists)."""


def relative(from_path: str, to_path: str) -> str:
    """Relative URL from page *from_path* (a folder URL) to site path *to_path*."""
    return "../" * from_path.count("/") + to_path or "./"


_CODE_SPAN = re.compile(r"`([^`]+)`")


def code_spans(text: str) -> Markup:
    """*text* escaped, with its ``backtick`` spans as ``<code>`` (finding fixes quote YAML)."""
    return Markup(_CODE_SPAN.sub(r"<code>\1</code>", str(escape(text))))


def page_number_path(base: str, number: int, part: str = "page") -> str:
    """``base`` for page 1, ``base<part>/<n>/`` after that."""
    return base if number == 1 else f"{base}{part}/{number}/"


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """*items* in consecutive pieces of *size* (one empty piece for an empty list)."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [items]


class SiteRenderer:
    """Turns the analysed catalog into page specs and renders them."""

    def __init__(self, ctx: BuildContext, index: SiteIndex, extras: PageExtras) -> None:
        self.ctx = ctx
        self.catalog = ctx.catalog
        self.index = index
        self.extras = extras
        self.env = make_environment()
        self.markdown = SafeMarkdown()
        self._upcoming_ids = frozenset(index.upcoming)
        self.findings_by_event: dict[str, list[Any]] = {}
        for finding in extras.findings:
            for event_id in finding.events:
                self.findings_by_event.setdefault(event_id, []).append(finding)
        self.env.globals.update(
            site=ctx.settings,
            catalog=self.catalog,
            index=self.index,
            urls=urls,
            vocab={
                "event_kinds": vocabulary("event_kinds"),
                "event_statuses": vocabulary("event_statuses"),
                "audiences": vocabulary("audiences"),
                "topics": vocabulary("topics"),
                "program_kinds": vocabulary("program_kinds"),
                "report_kinds": vocabulary("report_kinds"),
                "organization_kinds": vocabulary("organization_kinds"),
            },
            country_name=ctx.settings.country_name,
            when=lambda event: event_when_html(event, index.today),
            when_text=lambda event: event_when_text(event, index.today),
            short_when=lambda event: short_when(event, index.today),
            format_day=format_day,
            format_month=format_month,
            month_name=month_name,
            markdown=self.markdown.render,
            event_findings=self.event_findings,
            where=self.where,
            record_links=self.record_links,
            report_when=self.report_when,
            add_to_calendar=extras.add_to_calendar,
            absolute=ctx.url,
            webcal=urls.webcal,
            event_items=self.event_items,
            rel=relative,
        )
        self._item_cache: dict[tuple[str, int, bool], str] = {}
        self._link_cache: dict[tuple[str, str, int], str] = {}
        self.env.filters.update(
            groupby_month=self._group_by_month,
            by_country_name=lambda codes: sorted(codes, key=ctx.settings.country_name),
            language_name=_language_name,
        )
        self.env.tests.update(
            program_of_kind=lambda program_id, kind: self.catalog.programs[program_id].kind == kind,
            organization_of_kind=lambda org_id, kind: (
                self.catalog.organizations[org_id].kind == kind
            ),
        )

    def event_items(
        self, ids: Sequence[str], page_path: str, hosted: Container[str] = ()
    ) -> Markup:
        """``<li>`` items for events, each rendered once per link depth and reused.

        Every event appears on a dozen list pages (its month, topics, countries, kind,
        audiences, organizers…); building its item once keeps list pages cheap at 10,000
        events.
        """
        depth = page_path.count("/")
        parts = []
        for event_id in ids:
            key = (event_id, depth, event_id in hosted)
            item = self._item_cache.get(key)
            if item is None:
                item = self._event_item(event_id, "../" * depth, key[2])
                self._item_cache[key] = item
            parts.append(item)
        return Markup("\n".join(parts))

    def _event_item(self, event_id: str, prefix: str, hosted: bool) -> str:
        event = self.catalog.events[event_id]
        badges = []
        if event.status in ("cancelled", "postponed"):
            label = vocabulary("event_statuses").label(event.status)
            badges.append(f'<span class="xc-badge xc-badge--{event.status}">{label}</span>')
        elif event.status == "planned" and self.index.is_upcoming(event):
            badges.append('<span class="xc-badge xc-badge--planned">Planned</span>')
        if event.is_month_only and self.index.is_upcoming(event):
            badges.append('<span class="xc-badge xc-badge--tbc">Dates to be confirmed</span>')
        if hosted:
            badges.append('<span class="xc-badge xc-badge--host">host</span>')
        meta = [short_when(event, self.index.today)]
        where = place_text(event, self.ctx.settings.country_name)
        if where:
            meta.append(where)
        meta.append(vocabulary("event_kinds").label(event.kind))
        cancelled = " xc-event--cancelled" if event.is_cancelled else ""
        return (
            f'<li class="xc-event{cancelled}" id="event-{event_id}" data-kind="{event.kind}" '
            f'data-topics="{" ".join(event.topics)}" '
            f'data-countries="{" ".join(event.all_countries)}" '
            f'data-audience="{" ".join(event.audience)}">\n'
            f'<a class="xc-event__title" href="{prefix}{urls.event_page(event_id)}">'
            f"{escape(event.title)}</a> {' '.join(badges)}\n"
            f'<span class="xc-event__meta">{escape(" · ".join(meta))}</span>\n</li>'
        )

    def record_links(self, kind: str, keys: Sequence[str], page_path: str) -> Markup:
        """Comma-separated links to organizations, countries, topics or audiences.

        Each link is built once per link depth and reused (event pages list a handful of
        these, and there are thousands of event pages).
        """
        depth = page_path.count("/")
        cache = self._link_cache
        parts = []
        for key in keys:
            link = cache.get((kind, key, depth))
            if link is None:
                link = cache[(kind, key, depth)] = self._link(kind, key, "../" * depth)
            parts.append(link)
        return Markup(", ".join(parts))

    def _link(self, kind: str, key: str, prefix: str) -> str:
        if kind == "organization":
            org = self.catalog.organizations[key]
            text = f"{org.name} ({org.short_name})" if org.short_name else org.name
            return f'<a href="{prefix}{urls.organization_page(key)}">{escape(text)}</a>'
        if kind == "country":
            name = self.ctx.settings.country_name(key)
            return f'<a href="{prefix}{urls.country_page(key)}">{escape(name)}</a>'
        if kind == "topic":
            label = vocabulary("topics").label(key)
            return f'<a class="xc-tag" href="{prefix}{urls.topic_page(key)}">{escape(label)}</a>'
        label = vocabulary("audiences").label(key)
        return f'<a href="{prefix}{urls.audience_page(key)}">{escape(label)}</a>'

    def report_day(self, report_id: str) -> date | None:
        """When a report appeared (``published``, else the end of its event), if known."""
        return report_date(self.catalog.reports[report_id], self.catalog)

    def report_when(self, report_id: str) -> str:
        """The report's date for lists: "9 February 2007", "February 2007" or ""."""
        report = self.catalog.reports[report_id]
        if report.published is not None:
            published = report.published
            if published.day is None:
                return format_month(published.year, published.month)
            return format_day(published.first_day())
        day = self.report_day(report_id)
        return format_month(day.year, day.month) if day is not None else ""

    def where(self, location: Location, to: Callable[[str], str]) -> Markup:
        """The lines of an event page's "Where": venue; city and linked country (the
        country alone when the city has its name); online; a map link with coordinates."""
        lines: list[Markup] = []
        if location.venue:
            lines.append(escape(location.venue))
        place: list[Markup] = []
        country = self.ctx.settings.country_name(location.country) if location.country else None
        city = location.city_beside(country)
        if city:
            place.append(escape(city))
        if location.country:
            href = to(urls.country_page(location.country))
            place.append(Markup('<a href="{}">{}</a>').format(href, country))
        if place:
            lines.append(Markup(", ").join(place))
        if location.online:
            lines.append(Markup("Online participation possible" if lines else "Online"))
        if location.lat is not None and location.lon is not None:
            lines.append(
                Markup(
                    '<a href="https://www.openstreetmap.org/?mlat={0}&amp;mlon={1}'
                    '#map=15/{0}/{1}" rel="noopener">Map on OpenStreetMap</a>'
                ).format(location.lat, location.lon)
            )
        return Markup("<br>").join(lines)

    def event_findings(self, event_id: str) -> Markup:
        """The ``<li>`` items of an event page's coordination findings (built in Python:
        some events have dozens of findings and there are thousands of event pages).

        Only findings about two events that have not ended are shown (as on
        ``/coordination/``): a pair with a past event needs nobody to act.  Each says what
        the two share, then — for the organizers — what to do, with YAML as code.
        """
        if not self.index.is_upcoming(self.catalog.events[event_id]):
            return Markup("")
        upcoming = self._upcoming_ids
        prefix = "../" * urls.event_page(event_id).count("/")
        parts = []
        for finding in self.findings_by_event.get(event_id, ()):
            other = finding.other(event_id)
            if other not in upcoming:
                continue
            parts.append(
                f'<li class="xc-finding xc-finding--{finding.kind}" id="{escape(finding.id)}">'
                f'<span class="xc-badge xc-badge--{finding.kind}">{escape(finding.title)}</span>\n'
                f'with <a href="{prefix}{urls.event_page(other)}">'
                f"{escape(self.catalog.events[other].title)}</a>\n"
                f"<p>{escape(finding.summary.removeprefix(finding.title + ': '))}</p>\n"
                f'<p class="xc-finding__fix">For the organizers: {code_spans(finding.fix)}</p>'
                "</li>"
            )
        return Markup("\n".join(parts))

    def _group_by_month(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """Consecutive events grouped by the month they start in (for list headings)."""
        groups: list[dict[str, Any]] = []
        for event_id in ids:
            start = self.catalog.events[event_id].start
            key = f"{start.year:04d}-{start.month:02d}"
            if not groups or groups[-1]["key"] != key:
                groups.append(
                    {"key": key, "label": format_month(start.year, start.month), "ids": []}
                )
            groups[-1]["ids"].append(event_id)
        return groups

    # --- rendering ---------------------------------------------------------------------

    def render(self, spec: PageSpec) -> tuple[str, str]:
        """The Markdown source for *spec*, and the HTML body inside it."""
        template = self.env.get_template(spec.template)
        body = template.render(
            page_path=spec.path,
            to=lambda target: relative(spec.path, target),
            page_title=spec.title,
            searchable=spec.searchable,
            **spec.variables,
        )
        head = self._head_html(spec)
        front: dict[str, object] = {
            "title": html.escape(spec.title),
            "description": html.escape(spec.description),
            "hide": ["toc"],
            # The body is finished HTML: generator/mkdocs_hooks.py lets MkDocs skip parsing it.
            "xc_html": True,
        }
        if head:
            front["xc_head"] = head
        lines = ["---"]
        lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front.items()]
        body = body.strip("\n")
        lines += ["---", "", body, ""]
        return "\n".join(lines), body

    def _head_html(self, spec: PageSpec) -> str:
        parts = [
            f'<link rel="alternate" type="{escape(link.type)}" title="{escape(link.title)}" '
            f'href="{escape(relative(spec.path, link.href))}">'
            for link in self.extras.head_links(spec.path)
        ]
        if spec.head_html:
            parts.append(spec.head_html)
        return "".join(parts)

    def render_all(self, processes: int = 1) -> tuple[Outputs, Outputs]:
        """Every page keyed by its Markdown source path, and the search documents.

        Search documents are the bodies of searchable pages as small HTML files at the
        page's URL, so that Pagefind can index them while MkDocs is still building.  With
        several *processes*, each renders every n-th page; the result is the same.
        """
        shares = run_shares(lambda share: self.render_share(share, processes), processes)
        sources = Outputs()
        search = Outputs()
        for position in range(max(len(share) for share in shares)):
            for share in shares:
                if position < len(share):
                    source_path, source, search_path, document = share[position]
                    sources.add(source_path, source)
                    if search_path is not None and document is not None:
                        search.add(search_path, document)
        return sources, search

    def render_share(
        self, share: int, shares: int
    ) -> list[tuple[str, bytes, str | None, bytes | None]]:
        """``(source path, source, search path, search document)`` of every *shares*-th
        page, starting with page number *share* (in the order of :meth:`pages`)."""
        rendered = []
        for number, spec in enumerate(self.pages()):
            if number % shares != share:
                continue
            source, body = self.render(spec)
            search_path = document = None
            if spec.searchable:
                search_path = f"{spec.path}index.html"
                searched = NOT_SEARCHED.sub("", body)
                document = (
                    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
                    f"<title>{html.escape(spec.title)}</title></head><body>{searched}</body></html>"
                )
            rendered.append(
                (
                    urls.markdown_source(spec.path),
                    source.encode("utf-8"),
                    search_path,
                    None if document is None else document.encode("utf-8"),
                )
            )
        return rendered

    # --- page lists --------------------------------------------------------------------

    def pages(self) -> Iterator[PageSpec]:
        """Specs of every page of the site, in a stable order."""
        yield self.home()
        yield from self.event_lists()
        yield from self.archive()
        yield from self.calendar()
        yield from self.event_pages()
        yield from self.program_pages()
        yield from self.report_pages()
        yield from self.organization_pages()
        yield from self.country_pages()
        yield from self.facet_pages("topics", urls.TOPICS, urls.topic_page, self.index.by_topic)
        yield from self.facet_pages("event_kinds", urls.KINDS, urls.kind_page, self.index.by_kind)
        yield from self.facet_pages(
            "audiences", urls.AUDIENCES, urls.audience_page, self.index.by_audience
        )
        yield self.coverage()
        yield from self.coordination()
        yield self.subscribe()
        yield self.contribute()
        yield self.search()

    def home(self) -> PageSpec:
        """``/``: next events, latest reports, open coordination warnings, subscribe links."""
        soon = within_days(self.index, self.catalog.events, self.ctx.settings.upcoming_days)
        warnings = [f for f in self.upcoming_findings() if f.kind in self.extras.warning_kinds]
        return PageSpec(
            path=urls.HOME,
            template="home.html.j2",
            title=self.ctx.settings.site_name,
            description=self.ctx.settings.site_description,
            variables={
                "soon": soon,
                "upcoming_count": len(self.index.upcoming),
                "latest_reports": [
                    report_id
                    for report_id in self.index.reports_newest_first
                    if (self.report_day(report_id) or date.max) <= self.index.today
                ][:REPORTS_ON_HOME],
                "open_warnings": len(warnings),
            },
        )

    def _facet_links(self) -> dict[str, list[tuple[str, str, int]]]:
        """Server-rendered filter links: (label, path, upcoming count) per facet."""
        upcoming = set(self.index.upcoming)

        def count(ids: Sequence[str]) -> int:
            return sum(1 for i in ids if i in upcoming)

        kinds = vocabulary("event_kinds")
        topics = vocabulary("topics")
        audiences = vocabulary("audiences")
        settings = self.ctx.settings
        return {
            "Kind": [
                (kinds.label(k), urls.kind_page(k), count(ids))
                for k, ids in self.index.by_kind.items()
                if count(ids)
            ],
            "Topic": [
                (topics.label(t), urls.topic_page(t), count(ids))
                for t, ids in self.index.by_topic.items()
                if count(ids)
            ],
            "Country": sorted(
                (
                    (settings.country_name(c), urls.country_page(c), count(ids))
                    for c, ids in self.index.by_country.items()
                    if count(ids)
                ),
            ),
            "Audience": [
                (audiences.label(a), urls.audience_page(a), count(ids))
                for a, ids in self.index.by_audience.items()
                if count(ids)
            ],
        }

    def event_lists(self) -> Iterator[PageSpec]:
        """``/events/`` (upcoming, grouped by month) and its continuation pages."""
        pieces = chunks(self.index.upcoming, EVENTS_PER_PAGE)
        facets = self._facet_links()
        for number, ids in enumerate(pieces, start=1):
            yield PageSpec(
                path=page_number_path(urls.EVENTS, number),
                template="events.html.j2",
                title="Upcoming events" + ("" if number == 1 else f" (page {number})"),
                description="Export-control seminars, workshops and trainings to come.",
                variables={
                    "ids": ids,
                    "facets": facets if number == 1 else {},
                    "pager": self._pager(urls.EVENTS, number, len(pieces)),
                    "years": sorted(
                        {self.catalog.events[i].last_day.year for i in self.index.past}
                    ),
                },
            )

    def _pager(self, base: str, number: int, total: int, part: str = "page") -> dict[str, Any]:
        return {
            "number": number,
            "total": total,
            "previous": page_number_path(base, number - 1, part) if number > 1 else None,
            "next": page_number_path(base, number + 1, part) if number < total else None,
        }

    def archive(self) -> Iterator[PageSpec]:
        """``/events/archive/`` (years) and ``/events/archive/YYYY/`` (past events)."""
        by_year: dict[int, list[str]] = {}
        for event_id in self.index.past:
            by_year.setdefault(self.catalog.events[event_id].first_day.year, []).append(event_id)
        years = sorted(by_year, reverse=True)
        yield PageSpec(
            path=urls.ARCHIVE,
            template="archive_index.html.j2",
            title="Past events",
            description="Every past event, by year.",
            variables={"years": [(y, len(by_year[y])) for y in years]},
        )
        for year in years:
            ids = list(reversed(by_year[year]))  # chronological within the year
            pieces = chunks(ids, EVENTS_PER_PAGE)
            base = urls.archive_year(year)
            for number, piece in enumerate(pieces, start=1):
                yield PageSpec(
                    path=page_number_path(base, number),
                    template="archive_year.html.j2",
                    title=f"Events in {year}" + ("" if number == 1 else f" (page {number})"),
                    description=f"Export-control capacity-building events held in {year}.",
                    variables={
                        "year": year,
                        "ids": piece,
                        "years": years,
                        "pager": self._pager(base, number, len(pieces)),
                    },
                )

    def _month_range(self) -> list[tuple[int, int]]:
        """Every month from the first event (or today) to twelve months after the last
        event (or today): month URLs, once published, stay (the range only widens)."""
        today = self.index.today
        days = [today, date(today.year + 1, today.month, 1)]
        for event in self.catalog.events.values():
            days += [event.first_day, event.last_day]
        return months_between(min(days), max(days))

    def calendar(self) -> Iterator[PageSpec]:
        """``/calendar/`` and a month grid ``/calendar/YYYY/MM/`` for every month in range."""
        months = self._month_range()
        counts = {m: len(self.index.by_month.get(m, ())) for m in months}
        near_years = {self.index.today.year, self.index.today.year + 1}
        yield PageSpec(
            path=urls.CALENDAR,
            template="calendar_index.html.j2",
            title="Calendar",
            description="Month by month calendar of export-control events.",
            variables={
                # The index lists months with events, and every month of this year and
                # the next; the other (empty) grids are reached month by month.
                "years": sorted(
                    {y for (y, m), n in counts.items() if n or y in near_years}, reverse=True
                ),
                "counts": {m: n for m, n in counts.items() if n or m[0] in near_years},
                "current": (self.index.today.year, self.index.today.month),
            },
        )
        events = self.catalog.events
        for position, (year, month) in enumerate(months):
            ids = self.index.by_month.get((year, month), ())
            dated = [i for i in ids if not events[i].is_month_only]
            weeks = _weeks(year, month)
            cells = {
                day: [i for i in dated if events[i].first_day <= day <= events[i].last_day]
                for week in weeks
                for day in week
                if day is not None
            }
            yield PageSpec(
                path=urls.month_grid(year, month),
                template="month.html.j2",
                title=f"Calendar: {format_month(year, month)}",
                description=f"Export-control events in {format_month(year, month)}.",
                variables={
                    "year": year,
                    "month": month,
                    "weeks": weeks,
                    "cells": cells,
                    "tbc": [i for i in ids if events[i].is_month_only],
                    "ids": ids,
                    "previous": months[position - 1] if position > 0 else None,
                    "next": months[position + 1] if position + 1 < len(months) else None,
                    "per_cell": EVENTS_PER_GRID_CELL,
                    "list_limit": EVENTS_IN_MONTH_LIST,
                },
            )

    def event_pages(self) -> Iterator[PageSpec]:
        """``/events/<id>/`` for every event."""
        for event_id, event in self.catalog.events.items():
            path = urls.event_page(event_id)
            jsonld = event_jsonld(event, self.catalog, self.ctx.url(path))
            description = (
                f"{event_when_text(event, self.index.today)}. "
                + (plain_excerpt(event.description, 200) if event.description else "")
            ).strip()
            yield PageSpec(
                path=path,
                template="event.html.j2",
                title=event.title,
                description=description,
                variables={
                    "event": event,
                    "reports": self.index.reports_by_event.get(event_id, ()),
                },
                head_html=f'<script type="application/ld+json">{jsonld}</script>',
                searchable=True,
            )

    def program_pages(self) -> Iterator[PageSpec]:
        """``/programs/`` and ``/programs/<id>/`` with events, countries and reports."""
        yield PageSpec(
            path=urls.PROGRAMS,
            template="programs.html.j2",
            title="Programs",
            description="Assistance programs, seminar series, academies and experts groups.",
        )
        for program_id, program in self.catalog.programs.items():
            events = self.index.by_program.get(program_id, ())
            countries = sorted(
                set(program.countries).union(
                    *(self.catalog.events[e].all_countries for e in events)
                ),
                key=self.ctx.settings.country_name,
            )
            yield from self._with_event_lists(
                urls.program_page(program_id),
                "program.html.j2",
                program.name,
                plain_excerpt(program.description or program.name, 200),
                events,
                {
                    "program": program,
                    "countries": countries,
                    "reports": self.index.reports_by_program.get(program_id, ()),
                },
            )

    def _with_event_lists(
        self,
        base: str,
        template: str,
        title: str,
        description: str,
        event_ids: Sequence[str],
        variables: dict[str, Any],
        searchable: bool = True,
    ) -> Iterator[PageSpec]:
        """A facet page with upcoming and past events, plus continuation pages."""
        upcoming, past = self.index.split(event_ids)
        upcoming_pieces = chunks(upcoming, EVENTS_PER_PAGE)
        past_pieces = chunks(past, PAST_ON_FACET_PAGE)
        yield PageSpec(
            path=base,
            template=template,
            title=title,
            description=description,
            variables={
                **variables,
                "upcoming": upcoming_pieces[0],
                "upcoming_total": len(upcoming),
                "upcoming_more": page_number_path(base, 2, "upcoming")
                if len(upcoming_pieces) > 1
                else None,
                "past": past_pieces[0],
                "past_total": len(past),
                "past_more": page_number_path(base, 2, "past") if len(past_pieces) > 1 else None,
            },
            searchable=searchable,
        )
        for part, pieces, heading in (
            ("upcoming", upcoming_pieces, "upcoming events"),
            ("past", past_pieces, "past events"),
        ):
            for number in range(2, len(pieces) + 1):
                yield PageSpec(
                    path=page_number_path(base, number, part),
                    template="event_list_page.html.j2",
                    title=f"{title}: {heading} (page {number})",
                    description=description,
                    variables={
                        "ids": pieces[number - 1],
                        "parent": base,
                        "parent_title": title,
                        "heading": heading,
                        "pager": self._pager(base, number, len(pieces), part),
                    },
                )

    def report_pages(self) -> Iterator[PageSpec]:
        """``/reports/`` (newest first) and ``/reports/<id>/``."""
        pieces = chunks(self.index.reports_newest_first, REPORTS_PER_PAGE)
        for number, ids in enumerate(pieces, start=1):
            yield PageSpec(
                path=page_number_path(urls.REPORTS, number),
                template="reports.html.j2",
                title="Reports" + ("" if number == 1 else f" (page {number})"),
                description="Meeting reports, papers, presentations and handbook chapters.",
                variables={"ids": ids, "pager": self._pager(urls.REPORTS, number, len(pieces))},
            )
        for report_id, report in self.catalog.reports.items():
            yield PageSpec(
                path=urls.report_page(report_id),
                template="report.html.j2",
                title=report.title,
                description=plain_excerpt(report.summary or report.title, 200),
                variables={"report": report},
                searchable=True,
            )

    def organization_pages(self) -> Iterator[PageSpec]:
        """``/organizations/`` and ``/organizations/<id>/``."""
        yield PageSpec(
            path=urls.ORGANIZATIONS,
            template="organizations.html.j2",
            title="Organizations",
            description="Governments, international organizations, universities and NGOs.",
        )
        for organization_id, organization in self.catalog.organizations.items():
            yield from self._with_event_lists(
                urls.organization_page(organization_id),
                "organization.html.j2",
                organization.name,
                f"Events and programs of {organization.name}.",
                self.index.by_organization.get(organization_id, ()),
                {
                    "organization": organization,
                    "organization_id": organization_id,
                    "programs": self.index.programs_by_organization.get(organization_id, ()),
                },
            )

    def country_pages(self) -> Iterator[PageSpec]:
        """``/countries/`` and ``/countries/<cc>/``: hosted events, participation, programs."""
        codes = sorted(self.catalog.countries(), key=self.ctx.settings.country_name)
        upcoming = set(self.index.upcoming)
        rows = [
            {
                "code": code,
                "hosted": len(self.index.hosted_in.get(code, ())),
                "open": len(self.index.by_country.get(code, ())),
                "upcoming": sum(1 for e in self.index.by_country.get(code, ()) if e in upcoming),
                "programs": len(self.index.programs_by_country.get(code, ())),
            }
            for code in codes
        ]
        yield PageSpec(
            path=urls.COUNTRIES,
            template="countries.html.j2",
            title="Countries",
            description="Export-control capacity building by country.",
            variables={"rows": rows},
        )
        for code in codes:
            name = self.ctx.settings.country_name(code)
            hosted = set(self.index.hosted_in.get(code, ()))
            yield from self._with_event_lists(
                urls.country_page(code),
                "country.html.j2",
                name,
                f"Export-control events hosted in or open to {name}, and programs there.",
                self.index.by_country.get(code, ()),
                {
                    "code": code,
                    "hosted": hosted,
                    "programs": self.index.programs_by_country.get(code, ()),
                    "organizations": self.index.organizations_by_country.get(code, ()),
                },
            )

    def facet_pages(
        self,
        vocabulary_name: str,
        index_path: str,
        page_path: Callable[[str], str],
        events_by_value: dict[str, tuple[str, ...]],
    ) -> Iterator[PageSpec]:
        """Index and one page per value of a vocabulary (topics, kinds, audiences)."""
        terms = vocabulary(vocabulary_name).terms
        upcoming_set = set(self.index.upcoming)
        titles = {"topics": "Topics", "event_kinds": "Kinds of event", "audiences": "Audiences"}
        yield PageSpec(
            path=index_path,
            template="facet_index.html.j2",
            title=titles[vocabulary_name],
            description=f"Events by {titles[vocabulary_name].lower()}.",
            variables={
                "rows": [
                    {
                        "term": term,
                        "path": page_path(term.value),
                        "total": len(events_by_value.get(term.value, ())),
                        "upcoming": sum(
                            1 for e in events_by_value.get(term.value, ()) if e in upcoming_set
                        ),
                    }
                    for term in terms
                ],
            },
        )
        for term in terms:
            extra: dict[str, Any] = {"term": term, "facet": vocabulary_name}
            if vocabulary_name == "topics":
                extra["programs"] = self.index.programs_by_topic.get(term.value, ())
                extra["reports"] = self.index.reports_by_topic.get(term.value, ())
            yield from self._with_event_lists(
                page_path(term.value),
                "facet.html.j2",
                term.label,
                term.description,
                events_by_value.get(term.value, ()),
                extra,
                searchable=vocabulary_name == "topics",
            )

    def coverage(self) -> PageSpec:
        """``/coverage/``: countries × topics, counting events and programs."""
        topics = vocabulary("topics").terms
        # Rows: countries with at least one event or program (a country named only by an
        # organization has nothing to count).
        codes = sorted(
            (
                code
                for code in self.catalog.countries()
                if self.index.by_country.get(code) or self.index.programs_by_country.get(code)
            ),
            key=self.ctx.settings.country_name,
        )
        matrix: dict[str, dict[str, int]] = {}
        counted: dict[str, set[tuple[str, str]]] = {t.value: set() for t in topics}
        for code in codes:
            row: dict[str, int] = {}
            events = self.index.by_country.get(code, ())
            programs = self.index.programs_by_country.get(code, ())
            records = [
                *(("event", e, self.catalog.events[e].topics) for e in events),
                *(("program", p, self.catalog.programs[p].topics) for p in programs),
            ]
            for term in topics:
                matching = {(kind, rid) for kind, rid, their in records if term.value in their}
                row[term.value] = len(matching)
                counted[term.value] |= matching
            matrix[code] = row
        # Each event or program once, however many countries it involves.
        totals = {value: len(records) for value, records in counted.items()}
        return PageSpec(
            path=urls.COVERAGE,
            template="coverage.html.j2",
            title="Coverage",
            description="Where export-control capacity building concentrates, and where nothing "
            "happens: countries by topic.",
            variables={"topics": topics, "codes": codes, "matrix": matrix, "totals": totals},
        )

    def upcoming_findings(self) -> list[Any]:
        """Findings about two events that have not ended yet (a pair with a past event
        needs nobody to act)."""
        upcoming = self._upcoming_ids
        return [f for f in self.extras.findings if all(e in upcoming for e in f.events)]

    def coordination(self) -> Iterator[PageSpec]:
        """``/coordination/`` (a preview of each kind, the rules) and, per kind,
        ``/coordination/<kind>/`` with every upcoming finding, paginated."""
        by_kind: dict[str, list[Any]] = {kind: [] for kind, _ in FINDING_SECTIONS}
        for finding in self.upcoming_findings():
            by_kind.setdefault(finding.kind, []).append(finding)
        sections = [(kind, heading, by_kind[kind]) for kind, heading in FINDING_SECTIONS]
        yield PageSpec(
            path=urls.COORDINATION,
            template="coordination.html.j2",
            title="Coordination",
            description="Meetings that compete for the same officials, and chances to hold "
            "meetings back to back.",
            variables={
                "sections": sections,
                "preview": FINDINGS_PREVIEW,
                "rules": self.markdown.render(self.extras.coordination_rules)
                if self.extras.coordination_rules
                else Markup(""),
            },
        )
        for kind, heading, findings in sections:
            if len(findings) <= FINDINGS_PREVIEW:
                continue
            base = urls.coordination_kind(kind)
            pieces = chunks(findings, FINDINGS_PER_PAGE)
            for number, piece in enumerate(pieces, start=1):
                yield PageSpec(
                    path=page_number_path(base, number),
                    template="coordination_kind.html.j2",
                    title=f"{heading} ({len(findings)})"
                    + ("" if number == 1 else f", page {number}"),
                    description=f"{heading} among upcoming export-control events.",
                    variables={
                        "findings": piece,
                        "pager": self._pager(base, number, len(pieces)),
                    },
                )

    def subscribe(self) -> PageSpec:
        """``/subscribe/``: every calendar and feed, with webcal and https links."""
        return PageSpec(
            path=urls.SUBSCRIBE,
            template="subscribe.html.j2",
            title="Subscribe",
            description="Calendar subscriptions, news feeds and open data.",
            variables={
                "calendars": self.extras.calendars,
                "feeds": self.extras.feeds,
                "csv_columns": CSV_COLUMNS,
            },
        )

    def contribute(self) -> PageSpec:
        """``/contribute/``: how to add a record, with the generated field reference."""
        return PageSpec(
            path=urls.CONTRIBUTE,
            template="contribute.html.j2",
            title="Contribute",
            description="How to add an event, program, report or organization.",
            variables={"reference": field_reference()},
        )

    def search(self) -> PageSpec:
        """``/search/``: full-text search that loads index chunks on demand (Pagefind)."""
        return PageSpec(
            path=urls.SEARCH,
            template="search.html.j2",
            title="Search",
            description="Search events, programs, reports and organizations.",
            variables={"search_base_url": urlsplit(self.ctx.settings.base_url).path or "/"},
        )


def place_text(event: Event, country_name: Callable[[str], str]) -> str:
    """``Tokyo, Japan``, ``Tokyo, Japan and online``, ``online`` or ``""``."""
    location = event.location
    if location is None:
        return "online" if event.kind == "webinar" else ""
    parts = [
        part
        for part in (location.city, location.country and country_name(location.country))
        if part
    ]
    text = ", ".join(str(p) for p in parts)
    if location.online:
        text = f"{text} and online" if text else "online"
    return text


def _language_name(code: str) -> str:
    language = pycountry.languages.get(alpha_2=code)
    return str(language.name) if language is not None else code


def _weeks(year: int, month: int) -> list[list[date | None]]:
    """Monday-first weeks of a month; days outside the month are None."""
    return [
        [date(year, month, day) if day else None for day in week]
        for week in calendar_module.Calendar(firstweekday=0).monthdayscalendar(year, month)
    ]


def render_pages(
    ctx: BuildContext, index: SiteIndex, extras: PageExtras, *, processes: int = 1
) -> tuple[Outputs, Outputs]:
    """Markdown sources of every page, and search documents (pure: nothing is written).

    *processes* > 1 renders on that many cores (forked processes); same result."""
    return SiteRenderer(ctx, index, extras).render_all(processes)
