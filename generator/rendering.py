"""Analyse + render: everything the site publishes, in memory, from one build context.

The result has two parts: ``pages`` (Markdown sources that MkDocs turns into HTML pages)
and ``files`` (published as they are: calendars, feeds, data exports, schemas, assets).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator import urls
from generator.context import BuildContext
from generator.indexes import SiteIndex, build_index
from generator.pages.environment import template_dir
from generator.pages.render import PageExtras, render_pages
from generator.schema import render_record_schemas
from generator.writer import Outputs

ASSET_FOLDER = "assets"


@dataclass(frozen=True)
class RenderedSite:
    """Everything a build publishes, keyed by path relative to the site root."""

    pages: Outputs
    assets: Outputs
    """The site's CSS and JavaScript (MkDocs needs them in the docs folder)."""
    files: Outputs
    """Published as they are: calendars, feeds, data exports, schemas."""
    search_documents: Outputs
    """HTML bodies of searchable pages, for the search indexer."""
    index: SiteIndex


def render_assets(directory: Path | None = None) -> Outputs:
    """The site's own CSS and JavaScript from ``site_templates/assets/``."""
    outputs = Outputs()
    source = (directory or template_dir()) / ASSET_FOLDER
    for path in sorted(source.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            outputs.add(f"{ASSET_FOLDER}/{path.name}", path.read_bytes())
    return outputs


def render_schemas() -> Outputs:
    """The record JSON Schemas, published under ``/schema/``."""
    outputs = Outputs()
    for name, text in render_record_schemas().items():
        outputs.add(urls.record_schema(name.removesuffix(".schema.json")), text)
    return outputs


def page_extras(ctx: BuildContext, index: SiteIndex) -> PageExtras:
    """What calendars, feeds and the coordination analysis contribute to pages."""
    del ctx, index
    return PageExtras()


def render_site(ctx: BuildContext) -> RenderedSite:
    """Analyse the catalog and render every page and file (pure; nothing is written)."""
    index = build_index(ctx.catalog, ctx.today)
    pages, search_documents = render_pages(ctx, index, page_extras(ctx, index))
    files = Outputs()
    files.update_from(render_schemas())
    return RenderedSite(
        pages=pages,
        assets=render_assets(),
        files=files,
        search_documents=search_documents,
        index=index,
    )
