"""The strict YAML loader: plain data, positions, and YAML 1.2 scalar rules."""

from __future__ import annotations

import pytest

from generator.yamlsource import Position, load_yaml, resolve_plain_scalar


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("NO", "NO"),
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("", None),
        ("37", 37),
        ("-4", -4),
        ("1.5", 1.5),
        ("2007-02-06", "2007-02-06"),
        ("2007-02", "2007-02"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("12:30", "12:30"),
        (".inf", ".inf"),
    ],
)
def test_plain_scalars_follow_yaml_1_2_core_schema(text: str, value: object) -> None:
    assert resolve_plain_scalar(text) == value
    assert type(resolve_plain_scalar(text)) is type(value)


def test_quoted_scalars_stay_text() -> None:
    document, problems = load_yaml(b"a: \"37\"\nb: 'true'\nc: |\n  x\n", "f.yml")
    assert problems == []
    assert document is not None
    assert document.data == {"a": "37", "b": "true", "c": "x\n"}


def test_positions_of_keys_and_nested_values_are_one_based() -> None:
    text = b"title: x\nlocation:\n  city: Tokyo\ntopics:\n  - licensing\n  - customs\n"
    document, _ = load_yaml(text, "f.yml")
    assert document is not None
    assert document.position(("location", "city")) == Position(3, 9)
    assert document.position(("location", "city"), key=True) == Position(3, 3)
    assert document.position(("topics", 1)) == Position(6, 5)
    assert document.position(("missing", "deeper")) == Position(1, 1)


def test_byte_order_mark_and_crlf_line_ends_are_accepted() -> None:
    document, problems = load_yaml(b"\xef\xbb\xbftitle: x\r\nkind: seminar\r\n", "f.yml")
    assert problems == []
    assert document is not None
    assert document.data == {"title": "x", "kind": "seminar"}


def test_deep_nesting_does_not_exhaust_the_stack() -> None:
    text = ("a: " + "[" * 5000 + "]" * 5000 + "\n").encode()
    document, problems = load_yaml(text, "f.yml")
    assert document is not None or problems


def test_unicode_text_survives() -> None:
    document, _ = load_yaml("title: 東京セミナー — Ñandú\n".encode(), "f.yml")
    assert document is not None
    assert document.data["title"] == "東京セミナー — Ñandú"


def test_a_value_under_a_duplicate_key_is_ignored_after_the_error() -> None:
    document, problems = load_yaml(b"a: 1\na: {b: 2}\nc: 3\n", "f.yml")
    assert [p.message.split(":")[0] for p in problems] == ['duplicate key "a"']
    assert document is not None
    assert document.data == {"a": 1, "c": 3}


def test_complex_keys_are_rejected() -> None:
    document, problems = load_yaml(b"? [a, b]\n: 1\n", "f.yml")
    assert document is None or document.data == {}
    assert problems[0].message.startswith("keys must be plain words")
