"""Markdown descriptions become plain text that calendar apps show as it is."""

from __future__ import annotations

import pytest

from generator.calendars.plaintext import markdown_to_text


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("Plain text, nothing to do.", "Plain text, nothing to do."),
        ("A **bold** and *em* and __strong__ word.", "A bold and em and strong word."),
        ('See [the agenda](https://x.org/a_b "Agenda").', "See the agenda (https://x.org/a_b)."),
        ("[https://x.org](https://x.org) and <https://y.org>", "https://x.org and https://y.org"),
        ("Write to [us](mailto:info@x.org).", "Write to us (info@x.org)."),
        ("Use `catch_all` and snake_case_names.", "Use catch_all and snake_case_names."),
        ("2*3*4 stays, \\*escaped\\* too", "2*3*4 stays, *escaped* too"),
        ("## Programme ##\nDay one", "Programme\nDay one"),
        (
            "A paragraph\nwrapped by hand\nin three lines.",
            "A paragraph wrapped by hand in three lines.",
        ),
        ("Line with a hard break  \nnext", "Line with a hard break\nnext"),
        ("- one\n  continued\n- two\n1. three", "- one continued\n- two\n1. three"),
        ("First.\n\n\n  \nSecond.", "First.\n\nSecond."),
        ("```\ncode  line\n```", "code  line"),
        ("BEGIN:VEVENT\nUID:x", "BEGIN:VEVENT UID:x"),
    ],
)
def test_markdown_syntax_is_taken_out(markdown: str, text: str) -> None:
    assert markdown_to_text(markdown) == text


def test_line_ends_are_normalized_and_text_trimmed() -> None:
    assert markdown_to_text("  a\r\nb\rc  ") == "a b c"
