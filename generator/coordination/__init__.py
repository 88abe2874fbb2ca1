"""Coordination between events: conflicts, overlaps, opportunities and duplicates.

The analyse stage of the pipeline: :func:`find_findings` compares every event with the
events near it in time and place and returns sorted :class:`Finding` objects.  Selection
helpers pick what a page or command shows; :func:`render_overlaps_json` publishes them
all; :func:`rules_markdown` documents the rules with the live thresholds.

Modules: ``model`` (the finding), ``profile`` and ``matching`` (comparable facts of an
event), ``analysis`` (the sweeps), ``messages`` (sentences), ``select``, ``rules``,
``export`` (JSON) and ``report`` (``clearinghouse check`` output).
"""

from generator.coordination.analysis import analyse, find_findings
from generator.coordination.export import (
    OVERLAPS_SCHEMA,
    finding_data,
    findings_json,
    render_overlaps_json,
    render_overlaps_schema,
)
from generator.coordination.feed import finding_date, render_findings_feed
from generator.coordination.model import (
    KIND_LABELS,
    KINDS,
    STRICT_KINDS,
    WARNING_KINDS,
    Finding,
    Kind,
    Shared,
)
from generator.coordination.rules import rule_descriptions, rules_markdown
from generator.coordination.select import (
    by_event,
    count_by_kind,
    counts_text,
    for_event,
    involving,
    upcoming,
    warnings,
)

__all__ = [
    "KINDS",
    "KIND_LABELS",
    "OVERLAPS_SCHEMA",
    "STRICT_KINDS",
    "WARNING_KINDS",
    "Finding",
    "Kind",
    "Shared",
    "analyse",
    "by_event",
    "count_by_kind",
    "counts_text",
    "find_findings",
    "finding_data",
    "finding_date",
    "findings_json",
    "for_event",
    "involving",
    "render_findings_feed",
    "render_overlaps_json",
    "render_overlaps_schema",
    "rule_descriptions",
    "rules_markdown",
    "upcoming",
    "warnings",
]
