"""Site settings from ``clearinghouse.yml``: typed, validated, reported like content errors."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import pycountry
from pydantic import Field, StrictFloat, StrictInt, StringConstraints

from generator.discovery import display_path
from generator.fieldtypes import CountryCode, WebUrl
from generator.models import StrictModel
from generator.problems import Problem
from generator.validation import validate_mapping
from generator.yamlsource import load_yaml

DEFAULT_SETTINGS_FILE = Path("clearinghouse.yml")

if TYPE_CHECKING:
    DomainName = str
else:
    DomainName = Annotated[
        str,
        StringConstraints(
            pattern=r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$"
        ),
    ]


class CoordinationSettings(StrictModel):
    """Thresholds of the coordination rules (overlaps, opportunities, duplicates)."""

    opportunity_max_gap_days: Annotated[StrictInt, Field(ge=0, le=60)] = Field(
        7, description="Events in the same city at most this many days apart are an opportunity."
    )
    nearby_km: Annotated[StrictFloat, Field(ge=0, le=1000)] = Field(
        50, description="Events with coordinates this close count as the same city."
    )
    tight_travel_max_gap_days: Annotated[StrictInt, Field(ge=0, le=14)] = Field(
        1, description="In-person events in different countries this close are tight travel."
    )
    duplicate_title_similarity: Annotated[StrictFloat, Field(ge=0, le=1)] = Field(
        0.6, description="Share of title words two events must have in common to be duplicates."
    )


class SiteSettings(StrictModel):
    """Settings of the published site."""

    site_name: Annotated[str, StringConstraints(min_length=1, max_length=80)] = Field(
        "XC Clearinghouse", description="Name shown in the header, feeds and calendars."
    )
    site_description: Annotated[str, StringConstraints(min_length=1, max_length=300)] = Field(
        "Export-control capacity building in the Asia Pacific: seminars, workshops, academies "
        "and assistance programs side by side.",
        description="One-line description for feeds and calendars.",
    )
    site_url: WebUrl = Field(
        "https://xc-clearinghouse.org/",
        description="Public address of the site, ending in /. --site-url overrides it.",
    )
    uid_domain: DomainName = Field(
        "xc-clearinghouse.org",
        description="NEVER CHANGE once calendars are published: the right-hand side of every "
        "calendar event UID (<event id>@<uid_domain>). Changing it duplicates every event in "
        "every subscriber's calendar.",
    )
    repository_url: WebUrl | None = Field(
        None, description="Where the content lives (for 'edit this record' links)."
    )
    country_names: dict[CountryCode, Annotated[str, StringConstraints(max_length=80)]] = Field(
        default_factory=lambda: {"TW": "Chinese Taipei"},
        description="Display names that replace the ISO names, e.g. TW: Chinese Taipei.",
    )
    upcoming_days: Annotated[StrictInt, Field(ge=1, le=730)] = Field(
        90, description="How far ahead the home page lists events."
    )
    feed_max_entries: Annotated[StrictInt, Field(ge=1, le=500)] = Field(
        50, description="Newest entries kept in each RSS/Atom feed."
    )
    coordination: CoordinationSettings = Field(default_factory=CoordinationSettings)

    def country_name(self, code: str) -> str:
        """Display name of an ISO country code (settings override pycountry)."""
        if code in self.country_names:
            return self.country_names[code]
        country = pycountry.countries.get(alpha_2=code)
        if country is None:
            return code
        return str(getattr(country, "common_name", None) or country.name)

    @property
    def base_url(self) -> str:
        """``site_url`` guaranteed to end with ``/``."""
        return self.site_url if self.site_url.endswith("/") else self.site_url + "/"


def read_settings(path: Path | None) -> tuple[SiteSettings | None, list[Problem]]:
    """Settings from *path* (defaults when the default file does not exist)."""
    settings_path = path or DEFAULT_SETTINGS_FILE
    if not settings_path.exists():
        if path is None:
            return SiteSettings(), []
        return None, [Problem(display_path(settings_path), 1, 1, "settings file not found")]
    shown = display_path(settings_path)
    document, problems = load_yaml(settings_path.read_bytes(), shown)
    if document is None:
        return None, problems
    settings, validation_problems = validate_mapping(SiteSettings, document, shown)
    return settings, problems + validation_problems
