"""Organizer Markdown becomes inert HTML: no raw HTML, images or links other than http(s)/mailto."""

from __future__ import annotations

import pytest

from generator.pages.richtext import SafeMarkdown


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "nope.md",
        "/x",
    ],
)
def test_links_other_than_http_and_mailto_lose_their_target(target: str) -> None:
    html = SafeMarkdown().render(f"see [the page]({target}) *now*")
    assert "href" not in html
    assert "the page" in html


def test_web_and_mail_links_are_kept_with_safe_rel() -> None:
    html = SafeMarkdown().render("[a](https://example.org/x) and <mailto:someone@example.org>")
    assert '<a href="https://example.org/x" rel="nofollow noopener noreferrer">a</a>' in html
    assert 'href="mailto:someone@example.org"' in html


def test_raw_html_and_images_never_become_markup() -> None:
    html = SafeMarkdown().render(
        "<script>alert(1)</script> <img src=x onerror=alert(1)> ![p](https://example.org/p.png) *x*"
    )
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
