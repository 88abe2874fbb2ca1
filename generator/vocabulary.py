"""Controlled vocabularies (kinds, statuses, audiences, topics), read from one data file.

The values live in ``generator/data/vocabularies.yml`` so that the lists can grow without
code changes and so that a ``--content`` tree needs nothing but records.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class Term:
    """One allowed value of a vocabulary, with a human label and a one-line description."""

    value: str
    label: str
    description: str


@dataclass(frozen=True)
class Vocabulary:
    """An ordered list of allowed values (order is the display order)."""

    name: str
    terms: tuple[Term, ...]

    @property
    def values(self) -> tuple[str, ...]:
        """The allowed values, in display order."""
        return tuple(term.value for term in self.terms)

    def label(self, value: str) -> str:
        """The human label for *value* (the value itself if unknown)."""
        for term in self.terms:
            if term.value == value:
                return term.label
        return value

    def __contains__(self, value: object) -> bool:
        return value in self._value_set

    @property
    def _value_set(self) -> frozenset[str]:
        cached: frozenset[str] | None = self.__dict__.get("_values_cache")
        if cached is None:
            cached = frozenset(self.values)
            object.__setattr__(self, "_values_cache", cached)
        return cached


VOCABULARY_NAMES = (
    "event_kinds",
    "event_statuses",
    "audiences",
    "topics",
    "program_kinds",
    "report_kinds",
    "organization_kinds",
)


def _parse_vocabularies(data: dict[str, Any]) -> dict[str, Vocabulary]:
    vocabularies: dict[str, Vocabulary] = {}
    for name in VOCABULARY_NAMES:
        entries = data[name]
        vocabularies[name] = Vocabulary(
            name=name,
            terms=tuple(
                Term(
                    value=str(value), label=str(meta["label"]), description=str(meta["description"])
                )
                for value, meta in entries.items()
            ),
        )
    return vocabularies


@cache
def vocabularies() -> dict[str, Vocabulary]:
    """All vocabularies from the packaged data file, keyed by name (cached)."""
    text = resources.files("generator").joinpath("data/vocabularies.yml").read_text("utf-8")
    return _parse_vocabularies(yaml.load(text, Loader=yaml.CSafeLoader))


def vocabulary(name: str) -> Vocabulary:
    """One vocabulary by name, e.g. ``vocabulary("topics")``."""
    return vocabularies()[name]
