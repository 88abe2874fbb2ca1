"""Organizer-written Markdown turned into safe HTML.

Raw HTML in records is never trusted: Python-Markdown's raw-HTML handling is switched off
(so ``<script>`` shows up as text), and the output is cleaned again by nh3 (the Ammonia
sanitizer) with an allow-list of tags and only http(s)/mailto links.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import markdown
import nh3
from markupsafe import Markup, escape

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


# Text without any character that Markdown or HTML give a meaning to: paragraphs only.
_PLAIN_TEXT = re.compile(r"[^*_`\[\]<>#&\\!|~=+-]*\Z")
_NEEDS_MARKDOWN = re.compile(r"^(\s*\d+[.)]\s|    |\t)", re.MULTILINE)


def _paragraphs(text: str) -> Markup:
    """What Python-Markdown makes of plain text, without running it (10× faster)."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
    return Markup("\n".join(f"<p>{escape(block)}</p>" for block in blocks))


def _absolute_links_only(element: str, attribute: str, value: str) -> str | None:
    """nh3 keeps relative links; in a record they point nowhere on the site, so they go
    (validation reports them; this is the second line of defence)."""
    if element == "a" and attribute == "href" and urlsplit(value).scheme.lower() not in URL_SCHEMES:
        return None
    return value


_HREF = re.compile(r'<a [^>]*?href="([^"]*)"')
_IMG = re.compile(r'<img [^>]*?alt="([^"]*)"[^>]*?src="([^"]*)"')
_CHECKER: SafeMarkdown | None = None


def markdown_targets(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The link targets and the images (alt text, source) that *text* renders to.

    Found by running the site's own Markdown converter, so validation sees exactly the
    links a page would get (link syntax in Markdown has many corners).
    """
    if "[" not in text and "<" not in text:
        return [], []
    global _CHECKER  # one converter per process, like the renderer's
    if _CHECKER is None:
        _CHECKER = SafeMarkdown()
    html_text = _CHECKER.converted(text)
    links = [html.unescape(href) for href in _HREF.findall(html_text)]
    images = [(html.unescape(alt), html.unescape(src)) for alt, src in _IMG.findall(html_text)]
    return links, images


class SafeMarkdown:
    """A reusable Markdown converter with raw HTML disabled."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")

    def render(self, text: str) -> Markup:
        """Sanitized HTML for *text*; headings are demoted below the page's own."""
        if _PLAIN_TEXT.match(text) and not _NEEDS_MARKDOWN.search(text):
            return _paragraphs(text)
        return self.render_markdown(text)

    def converted(self, text: str) -> str:
        """Python-Markdown's HTML for *text* (raw HTML disabled), before sanitizing."""
        self._md.reset()
        return str(self._md.convert(text))

    def render_markdown(self, text: str) -> Markup:
        """Sanitized HTML for *text* through Python-Markdown and nh3."""
        converted_html = self.converted(text)
        for level in (2, 1):
            converted_html = converted_html.replace(f"<h{level}>", f"<h{level + 2}>").replace(
                f"</h{level}>", f"</h{level + 2}>"
            )
        cleaned = nh3.clean(
            converted_html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="nofollow noopener noreferrer",
            attribute_filter=_absolute_links_only,
        )
        return Markup(cleaned)


_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_MARKDOWN_MARKS = re.compile(
    r"(?m)^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)|[*`~]+|(?<!\w)_+|_+(?!\w)"
)


def plain_excerpt(text: str, limit: int = 240) -> str:
    """A one-line plain-text excerpt of Markdown *text* (for meta descriptions and
    JSON-LD): link texts without their targets, no emphasis, heading or list marks, cut
    at a word boundary."""
    plain = _MARKDOWN_MARKS.sub("", _MARKDOWN_LINK.sub(r"\1", text))
    flat = " ".join(plain.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"
