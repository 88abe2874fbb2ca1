"""The stages in order: load + validate → analyse → render → write.

Commands call these functions; each stage is a function of the previous stage's result.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import ValidationError

from generator.catalog import Catalog, read_catalog
from generator.context import BuildContext
from generator.discovery import display_path
from generator.history import ContentHistory, read_history
from generator.problems import ContentError, Problem
from generator.settings import SiteSettings, read_settings


def load_content(
    content_dir: Path, config: Path | None
) -> tuple[SiteSettings, Catalog, list[Problem]]:
    """Settings and the validated catalog; raises :class:`ContentError` on any error.

    The returned problems are warnings only.
    """
    if not content_dir.is_dir():
        raise ContentError(
            [Problem(str(content_dir), 1, 1, "content folder not found; hint: pass --content DIR")]
        )
    settings, settings_problems = read_settings(config)
    catalog, problems = read_catalog(content_dir)
    problems = sorted(settings_problems + problems)
    if settings is None or catalog is None:
        raise ContentError(problems)
    return settings, catalog, problems


def with_site_url(settings: SiteSettings, site_url: str | None) -> SiteSettings:
    """*settings* with ``site_url`` replaced (validated like the settings file)."""
    if site_url is None:
        return settings
    try:
        return SiteSettings.model_validate({**settings.model_dump(), "site_url": site_url})
    except ValidationError as error:
        message = error.errors()[0]["msg"]
        raise ContentError([Problem("--site-url", 1, 1, f"--site-url: {message}")]) from None


def history_for_build(content_dir: Path, *, allow_shallow: bool) -> ContentHistory:
    """The git history of the content, refusing a shallow clone unless allowed.

    Calendar SEQUENCE/LAST-MODIFIED and feed dates come from the full history of each
    record; a shallow clone would silently lower sequence numbers and re-date entries, so
    it is an error.  ``allow_shallow`` (for throw-away previews) ignores the history
    instead, and everything falls back to the record fields, as outside git.
    """
    history = read_history(content_dir)
    if not history.shallow:
        return history
    if allow_shallow:
        return ContentHistory()
    raise ContentError(
        [
            Problem(
                display_path(content_dir),
                1,
                1,
                "cannot build from a shallow git clone: calendar sequence numbers and feed "
                "dates come from the full history of every record, and a shallow clone would "
                "silently change them; hint: run `git fetch --unshallow` (in GitHub Actions: "
                "actions/checkout with fetch-depth: 0), or pass --allow-shallow for a preview",
                title="Shallow clone",
            )
        ]
    )


def load_context(
    content_dir: Path,
    config: Path | None,
    today: date,
    site_url: str | None = None,
    *,
    allow_shallow: bool = False,
) -> tuple[BuildContext, list[Problem]]:
    """Everything the render stage needs (raises :class:`ContentError` on content errors)."""
    settings, catalog, warnings = load_content(content_dir, config)
    context = BuildContext(
        catalog=catalog,
        settings=with_site_url(settings, site_url),
        today=today,
        history=history_for_build(content_dir, allow_shallow=allow_shallow),
    )
    return context, warnings
