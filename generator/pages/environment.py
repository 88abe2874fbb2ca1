"""The Jinja2 environment for page bodies: autoescaping, strict undefined, our filters."""

from __future__ import annotations

from pathlib import Path

import jinja2

TEMPLATE_DIR = Path("site_templates")


def template_dir() -> Path:
    """``site_templates/`` of the checkout (next to the package when run from elsewhere)."""
    if TEMPLATE_DIR.is_dir():
        return TEMPLATE_DIR
    return Path(__file__).resolve().parent.parent.parent / "site_templates"


def make_environment(directory: Path | None = None) -> jinja2.Environment:
    """A sandbox-free but strict environment: every value is HTML-escaped unless marked safe.

    Record text is data, never template source: templates come only from ``site_templates``
    and values are inserted with autoescaping, so ``{{ }}`` in a record is shown literally.
    """
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(directory or template_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
