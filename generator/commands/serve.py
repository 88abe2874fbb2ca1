"""``clearinghouse serve``: the site on a local web server, rebuilt when anything changes.

MkDocs' own development server watches the generated docs folder and the theme; this
command adds a watcher on ``content/``, ``site_templates/`` and the settings file that
generates the docs folder again, writing only the files that changed, so editing a
record updates its page in the browser.  Content errors are printed and the last good
pages stay up.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.commands.build import add_site_options
from generator.commands.common import report_problems, resolve_today
from generator.pages.environment import template_dir
from generator.parallel import default_processes
from generator.pipeline import load_context
from generator.problems import ContentError
from generator.rendering import render_site
from generator.settings import DEFAULT_SETTINGS_FILE
from generator.sitebuild import SiteLayout, docs_outputs, read_layout
from generator.writer import sync_tree

QUIET_SECONDS = 0.3


def register(subparsers: Any) -> None:
    """Add the ``serve`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "serve",
        help="serve the site locally and rebuild it when content or templates change",
        description="Generate the site, serve it with MkDocs' development server and "
        "regenerate whenever a record, a template or a settings file changes.",
    )
    add_site_options(parser)
    parser.add_argument(
        "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="where to serve"
    )
    parser.set_defaults(handler=run)


def generate(args: argparse.Namespace, layout: SiteLayout) -> bool:
    """Regenerate the docs folder in place; False (with problems printed) on content errors."""
    try:
        context, warnings = load_context(
            args.content,
            args.config,
            resolve_today(args.today),
            args.site_url,
            allow_shallow=args.allow_shallow,
        )
    except ContentError as error:
        report_problems(error.problems, sys.stderr)
        print("the previous pages stay up until the errors are fixed", file=sys.stderr)
        return False
    if warnings:
        report_problems(warnings, sys.stderr)
    changed = sync_tree(
        docs_outputs(render_site(context, processes=default_processes()), with_files=True),
        layout.docs_dir,
    )
    print(f"regenerated: {changed} file(s) changed", file=sys.stderr)
    return True


CHANGE_EVENTS = frozenset({"created", "modified", "deleted", "moved", "closed"})
"""Watchdog event types that mean a file changed.  Not "opened" or "closed_no_write":
every regeneration reads the records and templates, and reacting to reads would
regenerate for ever."""


def is_change(event: FileSystemEvent, only: Path | None = None) -> bool:
    """True when *event* changed a file (below a watched folder, or the file *only*)."""
    if event.event_type not in CHANGE_EVENTS:
        return False
    if event.is_directory and event.event_type == "modified":
        return False
    if only is None:
        return True
    paths = {event.src_path, getattr(event, "dest_path", "") or ""}
    return any(p and Path(os.fsdecode(p)).resolve() == only for p in paths)


_ONE_AT_A_TIME = threading.Lock()
"""Regenerations never run at the same time (content and settings have their own timers)."""


class _Regenerate(FileSystemEventHandler):
    """Debounced regeneration: many events from one save trigger one rebuild."""

    def __init__(
        self, args: argparse.Namespace, layout: SiteLayout, only: Path | None = None
    ) -> None:
        self.args = args
        self.layout = layout
        self.only = only
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not is_change(event, self.only):
            return
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(QUIET_SECONDS, self.regenerate)
            self.timer.daemon = True
            self.timer.start()

    def regenerate(self) -> None:
        """Generate the docs folder again (after the quiet period)."""
        with _ONE_AT_A_TIME:
            generate(self.args, self.layout)


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    from mkdocs.commands.serve import serve

    layout = read_layout(args.mkdocs_config)
    if not generate(args, layout):
        return 1
    observer = Observer()
    handler = _Regenerate(args, layout)
    for folder in (Path(args.content), template_dir()):
        observer.schedule(handler, str(folder), recursive=True)
    settings_file = Path(args.config or DEFAULT_SETTINGS_FILE).resolve()
    if settings_file.exists():  # its folder is watched, but only the file itself counts
        settings_handler = _Regenerate(args, layout, only=settings_file)
        observer.schedule(settings_handler, str(settings_file.parent), recursive=False)
    observer.start()
    try:
        options: dict[str, Any] = {"dev_addr": args.dev_addr}
        if args.site_url:
            options["site_url"] = args.site_url
        serve(config_file=str(layout.config_file), livereload=True, watch_theme=True, **options)
    finally:
        observer.stop()
        observer.join()
    return 0
