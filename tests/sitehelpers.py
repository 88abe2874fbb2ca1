"""Helpers for tests that build whole sites: isolated MkDocs configs, link crawling, serving."""

from __future__ import annotations

import contextlib
import functools
import http.server
import posixpath
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.conftest import REPO_ROOT


def isolated_mkdocs_config(folder: Path, *, hooks: bool = True) -> Path:
    """A copy of mkdocs.yml whose docs_dir is inside *folder* (so tests never touch build/)."""
    text = (REPO_ROOT / "mkdocs.yml").read_text("utf-8")
    text = text.replace("docs_dir: build/docs", f"docs_dir: {folder / 'docs'}")
    text = text.replace(
        "custom_dir: site_templates/overrides",
        f"custom_dir: {REPO_ROOT / 'site_templates/overrides'}",
    )
    if hooks:
        text = text.replace(
            "  - generator/mkdocs_hooks.py", f"  - {REPO_ROOT / 'generator/mkdocs_hooks.py'}"
        )
    else:
        text = text.replace("hooks:\n  - generator/mkdocs_hooks.py\n", "")
    config = folder / ("mkdocs.yml" if hooks else "mkdocs-no-hooks.yml")
    config.write_text(text, "utf-8")
    return config


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def broken_links(site: Path, site_host: str) -> list[str]:
    """Internal links of every HTML page in *site* that point at nothing."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text("utf-8"))
        page_url = "/" + page.relative_to(site).as_posix()
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme in ("mailto", "webcal", "data", "javascript"):
                continue
            if parts.scheme in ("http", "https") and parts.netloc != site_host:
                continue
            path = unquote(parts.path)
            if parts.scheme:
                continue  # absolute links to the site itself (canonical, sitemap) are fine
            if not path:
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), path))
            candidate = site / target.lstrip("/")
            if path.endswith("/") or candidate.is_dir():
                candidate = candidate / "index.html"
            if not candidate.exists():
                broken.append(f"{page_url}: {link}")
    return broken


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve *folder* over HTTP on localhost; yields the base URL."""

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
