"""Organizer-written Markdown turned into safe HTML.

Raw HTML in records is never trusted: Python-Markdown's raw-HTML handling is switched off
(so ``<script>`` shows up as text), and the output is cleaned again by nh3 (the Ammonia
sanitizer) with an allow-list of tags and only http(s)/mailto links.
"""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


class SafeMarkdown:
    """A reusable Markdown converter with raw HTML disabled."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")

    def render(self, text: str) -> Markup:
        """Sanitized HTML for *text*; headings are demoted below the page's own."""
        self._md.reset()
        html = self._md.convert(text)
        for level in (2, 1):
            html = html.replace(f"<h{level}>", f"<h{level + 2}>").replace(
                f"</h{level}>", f"</h{level + 2}>"
            )
        cleaned = nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="nofollow noopener noreferrer",
        )
        return Markup(cleaned)


def plain_excerpt(text: str, limit: int = 240) -> str:
    """A one-line plain-text excerpt of Markdown *text* (for meta descriptions)."""
    flat = " ".join(text.replace("*", "").replace("_", " ").replace("#", "").split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"
