"""Whatever bytes or YAML an outside contributor sends, the result is content errors only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.catalog import read_catalog
from generator.problems import Problem
from generator.yamlsource import load_yaml

KEYS = st.sampled_from(
    [
        "title",
        "kind",
        "start",
        "end",
        "timezone",
        "location",
        "city",
        "country",
        "topics",
        "audience",
        "url",
        "organizers",
        "coordinated_with",
        "registration",
        "deadline",
        "lat",
        "lon",
        "participants",
        "links",
        "id",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["2007-02-06", "2007-02", "2007-02-06T09:00", "Asia/Tokyo", "JP", "seminar"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(KEYS, st.text(max_size=8)), children, max_size=5),
    ),
    max_leaves=20,
)


def _assert_only_problems(problems: list[Problem]) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 1 and problem.col >= 1
        assert problem.message


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_a_document_or_problems(raw: bytes) -> None:
    document, problems = load_yaml(raw, "f.yml")
    _assert_only_problems(problems)
    assert document is not None or problems


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_gives_a_document_or_problems(text: str) -> None:
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates cannot be in a file
        return
    document, problems = load_yaml(raw, "f.yml")
    _assert_only_problems(problems)
    assert document is not None or problems


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.dictionaries(KEYS, VALUES, max_size=8),
    st.sampled_from(["events", "programs", "reports", "organizations"]),
)
def test_arbitrary_yaml_records_never_crash_validation(
    tmp_path: Path, data: dict[str, Any], folder: str
) -> None:
    content = tmp_path / "content"
    target = content / folder / "some-record.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    catalog, problems = read_catalog(content)
    _assert_only_problems(problems)
    assert catalog is not None or any(p.severity == "error" for p in problems)
