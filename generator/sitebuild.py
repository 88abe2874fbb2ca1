"""Write stage for the site: generated docs folder → MkDocs → search index → swap into place.

Generation stays a separate step from MkDocs (not a MkDocs hook), so the generated folder
can be built by ``mkdocs build`` — or by Zensical, which reads ``mkdocs.yml`` but runs no
hooks — as well as by ``clearinghouse build``.  A failed build leaves the previous
``site/`` untouched: everything is built in sibling folders and swapped in at the end.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import multiprocessing.connection
import multiprocessing.context
import os
import signal
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.rendering import RenderedSite
from generator.writer import (
    BackgroundWriter,
    Outputs,
    discard,
    discard_stale_siblings,
    fresh_sibling,
    move_into,
    replace_directory,
    write_tree,
)

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # the banner means nothing to organizers

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

SEARCH_INDEX_FOLDER = "pagefind"
"""Where the search index goes in the site (the search page loads it from there)."""


class BuildError(Exception):
    """The site could not be built (MkDocs or the search indexer failed)."""


@dataclass(frozen=True)
class SiteLayout:
    """Where the generated sources and the built site go (from ``mkdocs.yml``)."""

    config_file: Path
    docs_dir: Path
    site_dir: Path


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml even when it uses MkDocs' ``!!python/name:`` or ``!ENV`` tags."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_layout(config_file: Path, site_dir: Path | None = None) -> SiteLayout:
    """``docs_dir`` and ``site_dir`` of *config_file* (relative to it), *site_dir* overriding.

    Read without MkDocs, because MkDocs insists that ``docs_dir`` already exists.
    """
    try:
        config = yaml.load(config_file.read_text("utf-8"), Loader=_TolerantLoader) or {}
    except (OSError, yaml.YAMLError) as error:
        raise BuildError(f"{config_file}: cannot read the MkDocs configuration: {error}") from None
    base = config_file.parent
    return SiteLayout(
        config_file=config_file,
        docs_dir=base / str(config.get("docs_dir", "docs")),
        site_dir=site_dir or base / str(config.get("site_dir", "site")),
    )


def docs_outputs(rendered: RenderedSite, *, with_files: bool) -> Outputs:
    """The docs folder: page sources and assets, plus the published files if MkDocs is to
    copy them (``--no-mkdocs``); a full build puts those straight into the site instead."""
    outputs = Outputs()
    outputs.update_from(rendered.pages)
    outputs.update_from(rendered.assets)
    if with_files:
        outputs.update_from(rendered.files)
    return outputs


def write_docs(rendered: RenderedSite, docs_dir: Path, *, with_files: bool = True) -> None:
    """Replace *docs_dir* with the generated sources in one step."""
    staging = fresh_sibling(docs_dir, "new")
    try:
        write_tree(docs_outputs(rendered, with_files=with_files), staging)
        replace_directory(staging, docs_dir)
    finally:
        discard(staging)


class _MkDocsLogHandler(logging.Handler):
    """Shows MkDocs warnings and errors to the person building, prefixed with their origin."""

    def emit(self, record: logging.LogRecord) -> None:
        print(f"mkdocs: {record.levelname.lower()}: {record.getMessage()}", file=sys.stderr)


def run_mkdocs(layout: SiteLayout, site_dir: Path, site_url: str, strict: bool) -> None:
    """Build the HTML site from ``layout.docs_dir`` into *site_dir*."""
    logger = logging.getLogger("mkdocs")
    handler = _MkDocsLogHandler(logging.WARNING)
    logger.addHandler(handler)
    previous_level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        config = load_config(
            config_file=str(layout.config_file),
            docs_dir=str(layout.docs_dir),
            site_dir=str(site_dir),
            site_url=site_url,
            strict=strict,
        )
        mkdocs_build(config)
    except MkDocsException as error:
        raise BuildError(f"MkDocs failed: {error}") from None
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)


def pagefind_executable() -> Path | None:
    """The Pagefind binary shipped by the ``pagefind-bin`` wheel, if installed."""
    try:
        import pagefind_bin  # type: ignore[import-untyped]
    except ImportError:
        return None
    try:
        return Path(pagefind_bin.get_executable())
    except FileNotFoundError:
        return None


class SearchIndexer:
    """Writes the search documents and indexes them with Pagefind, in a forked process
    at low priority, while MkDocs (one core, the longest step) builds the pages."""

    def __init__(self, documents: Mapping[str, bytes], folder: Path, output: Path) -> None:
        executable = pagefind_executable()
        if executable is None:
            raise BuildError(
                "the search index needs Pagefind (pip install pagefind-bin); "
                "or build with --no-search-index"
            )
        context = multiprocessing.get_context("fork")
        self._errors, sender = context.Pipe(duplex=False)
        self._process: multiprocessing.context.ForkProcess | None = context.Process(
            target=_write_and_index,
            args=(executable, documents, folder, output, sender),
            daemon=True,
        )
        self._process.start()
        sender.close()

    def wait(self) -> None:
        """Block until the index is written; raise :class:`BuildError` if it failed."""
        if self._process is None:
            return
        self._process.join()
        failed = self._process.exitcode != 0
        self._process = None
        if failed:
            message = self._errors.recv() if self._errors.poll() else "the indexer stopped"
            raise BuildError(f"Pagefind failed: {message}")

    def cancel(self) -> None:
        """Stop indexing (after another failure), Pagefind included.

        The child and the Pagefind process it starts are each killed by the kernel when
        their parent dies (see :func:`_die_with_parent`), so nothing goes on writing
        after the build has cleaned up — also when the build itself is killed.
        """
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._process = None


_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # pragma: no cover - runs in child processes
    """Ask Linux to kill this process when its parent dies (``PR_SET_PDEATHSIG``).

    Elsewhere (no ``prctl``) this does nothing, and a killed build may leave the
    indexer running until it finishes on its own.
    """
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _write_and_index(
    executable: Path,
    documents: Mapping[str, bytes],
    folder: Path,
    output: Path,
    errors: multiprocessing.connection.Connection,
) -> None:  # pragma: no cover - runs in the child, tested through the built site
    _die_with_parent()
    os.nice(10)
    write_tree(documents, folder)
    completed = subprocess.run(
        [str(executable), "--site", str(folder), "--output-path", str(output), "--quiet"],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=_die_with_parent,
    )
    discard(folder)  # here rather than after MkDocs: 100 MB at 10,000 events
    if completed.returncode != 0:
        errors.send(completed.stderr.strip() or completed.stdout.strip())
        sys.exit(1)


def build_site(
    rendered: RenderedSite,
    layout: SiteLayout,
    *,
    site_url: str,
    strict: bool,
    run_html_build: bool = True,
    search_index: bool = True,
) -> None:
    """Write the docs folder and, unless told otherwise, build and swap in the HTML site.

    While MkDocs renders the pages (one core), the search indexer and the writing of the
    published files (calendars, feeds, data) run beside it, and their results are moved
    into the site when MkDocs is done.
    """
    if not run_html_build:
        write_docs(rendered, layout.docs_dir, with_files=True)
        return
    discard_stale_siblings(layout.site_dir)
    staging = fresh_sibling(layout.site_dir, "new")
    documents = fresh_sibling(layout.site_dir, "search-documents")
    index_dir = fresh_sibling(layout.site_dir, "search-index")
    files_dir = fresh_sibling(layout.site_dir, "files")
    indexer: SearchIndexer | None = None
    writer: BackgroundWriter | None = None
    try:
        # The indexer starts first: it is the longest of the background steps.
        if search_index:
            indexer = SearchIndexer(rendered.search_documents, documents, index_dir)
        writer = BackgroundWriter(lambda: rendered.files, files_dir)
        write_docs(rendered, layout.docs_dir, with_files=False)
        run_mkdocs(layout, staging, site_url, strict)
        writer.wait()
        move_into(files_dir, staging)
        if indexer is not None:
            indexer.wait()
            index_dir.rename(staging / SEARCH_INDEX_FOLDER)
        replace_directory(staging, layout.site_dir)
    finally:
        if indexer is not None:
            indexer.cancel()
        if writer is not None:
            writer.cancel()
        for folder in (staging, documents, index_dir, files_dir):
            discard(folder)
