"""MkDocs hook (listed in mkdocs.yml): pass generated HTML bodies through untouched.

Generated pages are Markdown files whose body is one finished HTML block, marked
``xc_html: true`` in their front matter.  Python-Markdown would pass such a block through
unchanged anyway, but only after building a converter and tokenizing the block with
Python's HTML parser, which made MkDocs five times slower on generated pages than on plain
ones.  This hook hands the body to MkDocs directly.  It is an optimization only:
without it (plain ``mkdocs build`` with the hook removed, or Zensical, which runs no
hooks) the result is the same, just slower.

It also gives the theme override (``site_templates/overrides/main.html``) a cache for
the sidebars of generated pages that are not in the navigation: their sidebars depend
only on the folder the page is in (links are relative) and what it hides, so thousands of
record pages share a handful of renderings instead of each rendering the theme's
navigation again.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from mkdocs.structure.toc import get_toc

_SIDEBARS: dict[tuple[Any, ...], Any] = {}


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def cached_block(*key: Any, caller: Callable[[], Any]) -> Any:
    """``{% call xc_cached(key...) %}…{% endcall %}``: the block's output, rendered once
    per key during a build."""
    cache_key = tuple(_hashable(part) for part in key)
    output = _SIDEBARS.get(cache_key)
    if output is None:
        output = _SIDEBARS[cache_key] = caller()
    return output


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Offer ``xc_cached`` to the theme templates, with an empty cache for each build."""
    _SIDEBARS.clear()
    env.globals["xc_cached"] = cached_block
    return env


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Let generated pages skip Markdown: their body becomes the page content as it is.

    MkDocs would build a Markdown converter for each page (about a third of its time per
    page) and tokenize the HTML block only to pass it through unchanged.
    """
    if page.meta.get("xc_html"):
        page.render = partial(_use_finished_html, page, markdown)
    return markdown


def _use_finished_html(page: Any, body: str, config: Any, files: Any) -> None:
    """What ``Page.render`` leaves on a page whose Markdown is one HTML block without
    headings or Markdown links: the block itself, no table of contents, no title."""
    page.content = body
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()
    page.links_to_anchors = {}
