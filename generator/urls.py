"""Every public URL path of the site, in one place.

These paths are a public contract: subscribers put calendar and feed URLs into their apps,
other sites link to event pages.  Never change an existing function's result; add new
functions instead.  Paths are relative to the site root and never start with ``/``.
"""

from __future__ import annotations

HOME = ""
EVENTS = "events/"
PROGRAMS = "programs/"
REPORTS = "reports/"
ORGANIZATIONS = "organizations/"
COUNTRIES = "countries/"
TOPICS = "topics/"
COVERAGE = "coverage/"
COORDINATION = "coordination/"


def coordination_kind(kind: str) -> str:
    """``coordination/<kind>/``: every upcoming finding of one kind (paginated)."""
    return f"coordination/{kind}/"


SUBSCRIBE = "subscribe/"
CONTRIBUTE = "contribute/"
ARCHIVE = "events/archive/"
CALENDAR = "calendar/"
KINDS = "kinds/"
AUDIENCES = "audiences/"
SEARCH = "search/"

RESERVED_IDS = frozenset({"index", "archive", "all", "page", "upcoming", "past"})
"""Ids no record may use, because they would collide with list pages or files."""


def event_page(event_id: str) -> str:
    """``events/<id>/``."""
    return f"events/{event_id}/"


def archive_year(year: int) -> str:
    """``events/archive/<yyyy>/``: past events of one year."""
    return f"events/archive/{year:04d}/"


def month_grid(year: int, month: int) -> str:
    """``calendar/<yyyy>/<mm>/``: the month grid."""
    return f"calendar/{year:04d}/{month:02d}/"


def program_page(program_id: str) -> str:
    """``programs/<id>/``."""
    return f"programs/{program_id}/"


def report_page(report_id: str) -> str:
    """``reports/<id>/``."""
    return f"reports/{report_id}/"


def organization_page(organization_id: str) -> str:
    """``organizations/<id>/``."""
    return f"organizations/{organization_id}/"


def country_page(code: str) -> str:
    """``countries/<cc>/`` with the lowercase ISO code."""
    return f"countries/{code.lower()}/"


def topic_page(topic: str) -> str:
    """``topics/<topic>/``."""
    return f"topics/{topic}/"


def kind_page(kind: str) -> str:
    """``kinds/<kind>/``: events of one kind (seminar, workshop, …)."""
    return f"kinds/{kind}/"


def audience_page(audience: str) -> str:
    """``audiences/<audience>/``: events for one audience."""
    return f"audiences/{audience}/"


# --- calendars (iCalendar) --------------------------------------------------------------

CALENDAR_ALL = "calendars/all.ics"


def event_calendar(event_id: str) -> str:
    """``calendars/events/<id>.ics``: one event, for "add to calendar"."""
    return f"calendars/events/{event_id}.ics"


def topic_calendar(topic: str) -> str:
    """``calendars/topics/<topic>.ics``."""
    return f"calendars/topics/{topic}.ics"


def country_calendar(code: str) -> str:
    """``calendars/countries/<cc>.ics`` with the lowercase ISO code."""
    return f"calendars/countries/{code.lower()}.ics"


def program_calendar(program_id: str) -> str:
    """``calendars/programs/<id>.ics``."""
    return f"calendars/programs/{program_id}.ics"


def organization_calendar(organization_id: str) -> str:
    """``calendars/organizations/<id>.ics``."""
    return f"calendars/organizations/{organization_id}.ics"


def series_calendar(series: str) -> str:
    """``calendars/series/<id>.ics``."""
    return f"calendars/series/{series}.ics"


# --- feeds (RSS 2.0 and Atom) -----------------------------------------------------------

FEED_NAMES = ("events", "changes", "reports", "programs")


def feed(name: str, fmt: str) -> str:
    """``feeds/<name>.xml`` (RSS) or ``feeds/<name>.atom`` (Atom)."""
    return f"feeds/{name}.{_feed_suffix(fmt)}"


COORDINATION_FEED = "feeds/coordination.xml"
"""RSS 2.0 feed of coordination findings about upcoming events."""
COORDINATION_ATOM = "feeds/coordination.atom"
"""The same findings as an Atom feed."""


def topic_feed(topic: str, fmt: str) -> str:
    """``feeds/topics/<topic>.xml`` or ``.atom``."""
    return f"feeds/topics/{topic}.{_feed_suffix(fmt)}"


def country_feed(code: str, fmt: str) -> str:
    """``feeds/countries/<cc>.xml`` or ``.atom`` (lowercase ISO code)."""
    return f"feeds/countries/{code.lower()}.{_feed_suffix(fmt)}"


def _feed_suffix(fmt: str) -> str:
    if fmt not in ("rss", "atom"):
        raise ValueError(f"unknown feed format {fmt!r}")
    return "xml" if fmt == "rss" else "atom"


# --- open data --------------------------------------------------------------------------

API_EVENTS_JSON = "api/events.json"
API_EVENTS_CSV = "api/events.csv"
API_PROGRAMS_JSON = "api/programs.json"
API_REPORTS_JSON = "api/reports.json"
API_ORGANIZATIONS_JSON = "api/organizations.json"
API_OVERLAPS_JSON = "api/overlaps.json"


def api_schema(name: str) -> str:
    """``schema/api/<name>.schema.json``: JSON Schema of an export."""
    return f"schema/api/{name}.schema.json"


def record_schema(record_type: str) -> str:
    """``schema/<type>.schema.json``: JSON Schema of a record file."""
    return f"schema/{record_type}.schema.json"


# --- helpers ---------------------------------------------------------------------------


def markdown_source(path: str) -> str:
    """The Markdown file that MkDocs turns into page *path* (``events/x/`` → ``events/x.md``).

    List pages own their folder: ``events/`` → ``events/index.md``.
    """
    if path == HOME:
        return "index.md"
    stripped = path.rstrip("/")
    if path in _FOLDER_PAGES or path.startswith((ARCHIVE, CALENDAR)):
        return f"{stripped}/index.md"
    return f"{stripped}.md"


_FOLDER_PAGES = frozenset(
    {
        EVENTS,
        PROGRAMS,
        REPORTS,
        ORGANIZATIONS,
        COUNTRIES,
        TOPICS,
        KINDS,
        AUDIENCES,
        ARCHIVE,
        CALENDAR,
    }
)


def absolute(base_url: str, path: str) -> str:
    """*path* joined to the site's base URL (which ends with ``/``)."""
    return base_url + path


def webcal(url: str) -> str:
    """The ``webcal://`` form of an https calendar URL (opens the subscribe dialog)."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            return "webcal://" + url[len(scheme) :]
    return url
