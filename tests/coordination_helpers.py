"""Small content trees for the coordination tests: events written from keyword arguments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.catalog import Catalog, read_catalog
from generator.coordination import Finding, find_findings
from generator.settings import CoordinationSettings
from tests.conftest import write_content

SUPPORT_FILES = {
    "organizations/org-one.yml": "name: Org One\nkind: government\n",
    "organizations/org-two.yml": "name: Org Two\nkind: government\n",
    "programs/prog-one.yml": "name: Program One\nkind: assistance\n",
    "programs/prog-two.yml": "name: Program Two\nkind: assistance\n",
}


def _yaml_list(values: Any) -> str:
    return "[" + ", ".join(str(v) for v in values) + "]"


def event_yaml(
    start: str,
    end: str | None = None,
    *,
    title: str = "Export Control Seminar",
    kind: str = "seminar",
    status: str | None = None,
    timezone: str | None = None,
    city: str | None = "Tokyo",
    country: str | None = "JP",
    lat: float | None = None,
    lon: float | None = None,
    online: bool | None = None,
    venue: str | None = None,
    audience: tuple[str, ...] = ("government",),
    topics: tuple[str, ...] = (),
    countries: tuple[str, ...] = (),
    organizers: tuple[str, ...] = (),
    programs: tuple[str, ...] = (),
    series: str | None = None,
    coordinated_with: tuple[str, ...] = (),
) -> str:
    """The text of an event file; ``city=None, country=None`` leaves out the location."""
    lines = [f'title: "{title}"', f"kind: {kind}", f"start: {start}"]
    if end:
        lines.append(f"end: {end}")
    if status:
        lines.append(f"status: {status}")
    if timezone:
        lines.append(f"timezone: {timezone}")
    location = []
    if city is not None:
        location.append(f'  city: "{city}"')
    if country is not None:
        location.append(f"  country: {country}")
    if venue is not None:
        location.append(f'  venue: "{venue}"')
    if lat is not None and lon is not None:
        location += [f"  lat: {lat}", f"  lon: {lon}"]
    if online is not None:
        location.append(f"  online: {'true' if online else 'false'}")
    if location:
        lines += ["location:", *location]
    for name, values in (
        ("audience", audience),
        ("topics", topics),
        ("countries", countries),
        ("organizers", organizers),
        ("programs", programs),
        ("coordinated_with", coordinated_with),
    ):
        if values:
            lines.append(f"{name}: {_yaml_list(values)}")
    if series:
        lines.append(f"series: {series}")
    return "\n".join(lines) + "\n"


def catalog_of(root: Path, events: dict[str, str]) -> Catalog:
    """A validated catalog of *events* (id → file text) plus two organizations, programs."""
    return catalog_of_files(
        root, {f"events/{event_id}.yml": text for event_id, text in events.items()}
    )


def catalog_of_files(root: Path, files: dict[str, str]) -> Catalog:
    """A validated catalog of *files* (``"events/x.yml"`` → text) plus the support files."""
    content = write_content(root, {**SUPPORT_FILES, **files})
    catalog, problems = read_catalog(content)
    assert catalog is not None, [p.format() for p in problems]
    return catalog


def findings_of(root: Path, events: dict[str, str], **thresholds: Any) -> list[Finding]:
    """All findings about *events* with the given thresholds (defaults otherwise)."""
    return find_findings(catalog_of(root, events), CoordinationSettings(**thresholds))


def summary(findings: list[Finding]) -> list[tuple[str, tuple[str, str], bool]]:
    """(kind, events, possible) of each finding."""
    return [(f.kind, f.events, f.possible) for f in findings]
