"""Placing findings in files: the quick ``start:`` position and Markdown escaping."""

from __future__ import annotations

from pathlib import Path

import cmarkgfm
import pytest
from lxml import html

from generator.catalog import read_catalog
from generator.coordination.report import markdown_escape, markdown_keep_code, start_position
from tests.conftest import REPO_ROOT, write_content

LAYOUTS = {
    "plain": "title: X Seminar\nkind: seminar\nstart: 2030-01-01\n",
    "document-marker-and-comments": "---\n# an event\n\ntitle: X Seminar  # the title\nkind: seminar\nstart: 2030-01-01\n",
    "flow-mapping": "{title: X Seminar, kind: seminar, start: 2030-01-01}\n",
    "quoted-key-and-value": '"title": "X Seminar"\n"kind": seminar\n"start": "2030-01-01"\n',
    "after-nested-blocks": (
        "title: X Seminar\nkind: seminar\nlocation:\n  city: Tokyo\n  country: JP\n"
        "audience:\n  - government\n  - customs\ntopics: [licensing, customs]\n"
        "description: |\n  start: not this one\n  nor this\nstart: 2030-01-01\n"
    ),
    "value-on-next-line": "title: X Seminar\nkind: seminar\nstart:\n  2030-01-01\n",
    "timed": "title: X Seminar\nkind: seminar\nstart: 2030-01-01T09:00\nend: 2030-01-01T10:00\ntimezone: Asia/Tokyo\n",
}


@pytest.mark.parametrize("text", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_quick_start_position_equals_the_full_positions(tmp_path: Path, text: str) -> None:
    catalog, problems = read_catalog(write_content(tmp_path, {"events/x-event.yml": text}))
    assert catalog is not None, problems
    source = catalog.source("event", "x-event")
    assert start_position(source) == source.position(("start",))


def test_quick_start_position_on_the_shipped_records() -> None:
    catalog, _ = read_catalog(REPO_ROOT / "content")
    assert catalog is not None
    for event_id in catalog.events:
        source = catalog.source("event", event_id)
        assert start_position(source) == source.position(("start",)), event_id


@pytest.mark.parametrize(
    "text",
    [
        "plain words",
        "a | b || c",
        "*not emphasis* and _not_ and **not**",
        "[not a link](https://example.org) ![not an image](x.png)",
        "<script>alert(1)</script> <b>not bold</b>",
        "&amp; &lt; stay as typed",
        "`not code` and ~~not struck~~",
        "line one\nline two\r\nline three",
        "back\\slash \\| \\* escaped already",
    ],
)
def test_markdown_escape_shows_text_literally_in_a_github_table_cell(text: str) -> None:
    cell = markdown_escape(text)
    rendered = cmarkgfm.github_flavored_markdown_to_html(f"| h |\n| --- |\n| {cell} |\n")
    cells = html.fromstring(rendered).xpath("//td")
    assert len(cells) == 1
    assert cells[0].text_content() == " ".join(text.split())
    # No emphasis, code, HTML or Markdown links; GitHub only autolinks a bare URL as typed.
    for element in cells[0]:
        assert element.tag == "a" and element.get("href") == element.text_content()


def test_markdown_keep_code_keeps_backtick_spans_as_code() -> None:
    cell = markdown_keep_code("add `coordinated_with: [a|b]` to content/events/x_y.yml")
    rendered = cmarkgfm.github_flavored_markdown_to_html(f"| h |\n| --- |\n| {cell} |\n")
    td = html.fromstring(rendered).xpath("//td")[0]
    assert [c.text for c in td.xpath(".//code")] == ["coordinated_with: [a|b]"]
    assert td.text_content() == "add coordinated_with: [a|b] to content/events/x_y.yml"
    assert markdown_keep_code("an `unbalanced backtick") == markdown_escape(
        "an `unbalanced backtick"
    )
