"""``clearinghouse build``: validate, render everything, build the HTML site."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from generator.commands.common import (
    add_content_option,
    add_today_option,
    report_problems,
    resolve_today,
)
from generator.discovery import display_path
from generator.parallel import default_processes
from generator.pipeline import load_context
from generator.rendering import render_site
from generator.sitebuild import BuildError, build_site, read_layout

DEFAULT_MKDOCS_CONFIG = Path("mkdocs.yml")


def add_site_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by ``build`` and ``serve``."""
    add_content_option(parser)
    add_today_option(parser)
    parser.add_argument(
        "--site-url",
        metavar="URL",
        help="public address of the site (default: site_url in clearinghouse.yml)",
    )
    parser.add_argument(
        "--allow-shallow",
        action="store_true",
        help="build from a shallow git clone for a preview (history is ignored: calendar "
        "sequence numbers and feed dates fall back to record fields)",
    )
    parser.add_argument(
        "--mkdocs-config",
        type=Path,
        default=DEFAULT_MKDOCS_CONFIG,
        metavar="FILE",
        help="MkDocs configuration (default: mkdocs.yml)",
    )


def register(subparsers: Any) -> None:
    """Add the ``build`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "build",
        help="build the site (pages, calendars, feeds, data) into site/",
        description="Validate the content (stopping on errors, writing nothing), generate the "
        "pages and files into the MkDocs docs folder, build the HTML site with MkDocs and "
        "index it for search. The previous site stays in place if anything fails.",
    )
    add_site_options(parser)
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help="where the HTML site goes (default: site/)"
    )
    parser.add_argument(
        "--no-mkdocs",
        action="store_true",
        help="only generate the docs folder; run `mkdocs build` (or Zensical) yourself",
    )
    parser.add_argument(
        "--no-search-index", action="store_true", help="skip the Pagefind search index"
    )
    parser.add_argument(
        "--strict", action="store_true", help="treat MkDocs warnings (e.g. broken links) as errors"
    )
    parser.set_defaults(handler=run)


NO_HISTORY_NOTE = (
    "note: no git history for {content} (not a git checkout, or a shallow clone built with "
    "--allow-shallow): calendar SEQUENCE numbers are 0 and LAST-MODIFIED and feed dates come "
    "from the records' announced/published fields; publish only builds of a full clone"
)


def run(args: argparse.Namespace) -> int:
    """Build the site; exit 1 on content errors or a failed build."""
    started = time.perf_counter()
    context, warnings = load_context(
        args.content,
        args.config,
        resolve_today(args.today),
        args.site_url,
        allow_shallow=args.allow_shallow,
    )
    if warnings:
        report_problems(warnings, sys.stderr)
    if not context.history.available:
        print(NO_HISTORY_NOTE.format(content=display_path(args.content)), file=sys.stderr)
    rendered = render_site(context, processes=default_processes())
    try:
        layout = read_layout(args.mkdocs_config, args.out)
        build_site(
            rendered,
            layout,
            site_url=context.settings.base_url,
            strict=args.strict,
            run_html_build=not args.no_mkdocs,
            search_index=not args.no_search_index,
        )
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    where = layout.docs_dir if args.no_mkdocs else layout.site_dir
    print(
        f"built {len(rendered.pages):,} pages, calendars, feeds and data for "
        f"{len(context.catalog.events):,} events into {where} "
        f"in {time.perf_counter() - started:.1f} s (today: {context.today.isoformat()})",
        file=sys.stderr,
    )
    return 0
