"""MkDocs hook (listed in mkdocs.yml): pass generated HTML bodies through untouched.

Generated pages are Markdown files whose body is one finished HTML block, marked
``xc_html: true`` in their front matter.  Python-Markdown would pass such a block through
unchanged anyway, but only after tokenizing it with Python's HTML parser, which made MkDocs
five times slower on generated pages than on plain ones.  This hook hands the body to
MkDocs directly.  It is an optimization only: without it (plain ``mkdocs build`` with the
hook removed, or Zensical, which runs no hooks) the result is the same, just slower.
"""

from __future__ import annotations

from typing import Any

_BODIES: dict[str, str] = {}


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Keep the body of generated pages aside and give Markdown nothing to parse."""
    if page.meta.get("xc_html"):
        _BODIES[page.file.src_uri] = markdown
        return ""
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Put the body of generated pages back in place of Markdown's (empty) output."""
    return _BODIES.pop(page.file.src_uri, html)
