"""Findings placed in record files, for ``clearinghouse check`` and pull-request checks.

A finding is about two files.  :func:`locate` places it at the ``start:`` line of the
events it should be shown on: both events, or — when the changed records are known — only
the changed ones, so a pull request's annotations land on the lines it touches.
:func:`step_summary_markdown` is the table appended to ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from generator.catalog import Catalog, SourceFile
from generator.coordination.messages import audience_text, span_text, topics_text
from generator.coordination.model import Finding
from generator.coordination.select import counts_text
from generator.yamlsource import Position


@dataclass(frozen=True)
class Placed:
    """A finding shown at one event's ``start:`` line."""

    finding: Finding
    event_id: str
    path: str
    line: int
    col: int


def locate(
    findings: Iterable[Finding],
    catalog: Catalog,
    changed: Collection[str] | None = None,
) -> list[Placed]:
    """Each finding at the ``start:`` line of its events (only the *changed* ones if given).

    In the order of the findings, and for each finding in the order of its event ids.
    Events without a source file (built in memory) are skipped.
    """
    placed: list[Placed] = []
    positions: dict[str, Position] = {}
    for finding in findings:
        for event_id in finding.events:
            if changed is not None and event_id not in changed:
                continue
            source = catalog.sources.get(("event", event_id))
            if source is None:
                continue
            position = positions.get(event_id)
            if position is None:
                position = positions[event_id] = start_position(source)
            placed.append(Placed(finding, event_id, source.display, position.line, position.col))
    return placed


def start_position(source: SourceFile) -> Position:
    """Where the ``start:`` value of a record file is written.

    The same as ``source.position(("start",))``, but reads only the YAML events up to that
    key instead of building the positions of the whole file (``check`` places thousands of
    findings in a large catalog).  Falls back to the full positions for unusual files.
    """
    try:
        found = _top_level_value_position(source.document.text, "start")
    except yaml.YAMLError:
        found = None
    return found if found is not None else source.position(("start",))


_EventLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _top_level_value_position(text: str, key: str) -> Position | None:
    loader = _EventLoader(text)
    try:
        get_event = loader.get_event
        event = get_event()
        while isinstance(event, yaml.StreamStartEvent | yaml.DocumentStartEvent):
            event = get_event()
        if not isinstance(event, yaml.MappingStartEvent):
            return None
        while True:
            event = get_event()
            if not isinstance(event, yaml.NodeEvent):  # end of the mapping
                return None
            if isinstance(event, yaml.ScalarEvent) and event.value == key:
                mark = get_event().start_mark
                return Position(mark.line + 1, mark.column + 1)
            _skip_node(get_event, event)
            _skip_node(get_event, get_event())
    finally:
        loader.dispose()


def _skip_node(get_event: Any, event: Any) -> None:
    """Consume the rest of a node whose first event is *event*."""
    if not isinstance(event, yaml.CollectionStartEvent):
        return
    depth = 1
    while depth:
        event = get_event()
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def days_text(finding: Finding) -> str:
    """``"2030-02-07 to 2030-02-08"`` (shared days) or ``"1 day apart"``."""
    if finding.overlap is not None:
        return span_text(*finding.overlap)
    gap = finding.gap_days
    return f"{gap} day{'' if gap == 1 else 's'} apart"


def shared_text(finding: Finding) -> str:
    """``"audience: Government officials; countries: JP; topics: Licensing"``."""
    shared = finding.shared
    parts = []
    if shared.audience:
        parts.append(f"audience: {audience_text(shared.audience)}")
    if shared.countries:
        parts.append(f"countries: {', '.join(shared.countries)}")
    if shared.topics:
        parts.append(f"topics: {topics_text(shared.topics)}")
    return "; ".join(parts) or "nothing"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_WHITESPACE = re.compile(r"\s+")


def markdown_escape(text: str) -> str:
    """*text* shown literally in Markdown, on one line, safe inside a table cell.

    Emphasis, code, links, HTML, entities and cell separators are escaped; line breaks
    become spaces.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _WHITESPACE.sub(" ", text))


def markdown_keep_code(text: str) -> str:
    """Like :func:`markdown_escape`, but spans written in backticks stay code spans."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # unbalanced backticks: show everything literally
        return markdown_escape(text)
    out = []
    for index, part in enumerate(parts):
        if index % 2:
            out.append("`" + _WHITESPACE.sub(" ", part).replace("|", "\\|") + "`")
        else:
            out.append(markdown_escape(part))
    return "".join(out)


def step_summary_markdown(
    findings: Sequence[Finding], catalog: Catalog, *, heading: str = "Coordination"
) -> str:
    """A Markdown section with one table row per finding (for ``$GITHUB_STEP_SUMMARY``)."""
    if not findings:
        return f"### {heading}\n\nNo conflicts, overlaps, duplicates or opportunities.\n\n"
    lines = [
        f"### {heading}: {counts_text(findings)}",
        "",
        "| Finding | Events | Days | Shared | What to do |",
        "| --- | --- | --- | --- | --- |",
    ]
    for finding in findings:
        events = " and ".join(
            f"{markdown_escape(catalog.events[event_id].title)} (`{event_id}`)"
            for event_id in finding.events
        )
        lines.append(
            f"| {markdown_escape(finding.title)} | {events} | {days_text(finding)} | "
            f"{markdown_escape(shared_text(finding))} | {markdown_keep_code(finding.fix)} |"
        )
    return "\n".join(lines) + "\n\n"
