"""What every renderer receives: the validated catalog, settings, history and analysis."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.catalog import Catalog
from generator.history import ContentHistory
from generator.settings import SiteSettings
from generator.urls import absolute


@dataclass(frozen=True)
class BuildContext:
    """Inputs of the render stage; renderers are pure functions of this object.

    ``today`` decides what is upcoming; it is explicit so builds are reproducible.
    """

    catalog: Catalog
    settings: SiteSettings
    today: date
    history: ContentHistory

    def url(self, path: str) -> str:
        """Absolute URL of a site path (see :mod:`generator.urls`)."""
        return absolute(self.settings.base_url, path)
