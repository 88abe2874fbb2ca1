"""Comparing places and titles: city names, distances, the spatial grid and title words."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius (IUGG), used for great-circle distances."""

_NON_WORD = re.compile(r"[\W_]+")

TITLE_STOPWORDS = frozenset(
    {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "the", "to", "with"}
)
"""Words that do not make two titles similar."""


def fold_text(text: str) -> str:
    """*text* lowercased without accents, punctuation runs turned into single spaces.

    ``"  Hồ Chí Minh-City "`` → ``"ho chi minh city"``; ``"Ōsaka"`` → ``"osaka"``.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Letters that do not decompose (ø, ł, đ, ß…) are spelled out the usual way.
    stripped = stripped.translate(_SPELLED_OUT)
    return _NON_WORD.sub(" ", stripped).strip()


_SPELLED_OUT = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


@lru_cache(maxsize=4096)
def city_key(city: str | None) -> str | None:
    """The comparable form of a city name, or None when empty.

    Folded (see :func:`fold_text`) and without spaces, so that "Hà Nội", "Ha Noi" and
    "HANOI", or "Ho Chi Minh City" and "Ho-Chi-Minh City", are the same city.
    """
    if not city:
        return None
    key = fold_text(city).replace(" ", "")
    return key or None


def title_tokens(title: str) -> frozenset[str]:
    """The words of a title that count for similarity (folded, without stopwords).

    A title made only of stopwords keeps them, so it is still comparable.
    """
    words = fold_text(title).split()
    kept = frozenset(w for w in words if w not in TITLE_STOPWORDS)
    return kept or frozenset(words)


def title_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of words the titles have in common: |a ∩ b| / |a ∪ b| (Jaccard), 0 to 1."""
    union = len(a | b)
    return len(a & b) / union if union else 1.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine formula)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


Cell = tuple[int, int, int]


class SpatialGrid:
    """Cells of a 3-D grid over the unit sphere, sized so that places within *km* share a cell
    or sit in neighbouring cells.

    Points are placed by their unit vector (x, y, z), so the grid works the same at the
    poles and across the antimeridian (Fiji, Tonga, Samoa).  The cell edge is the chord of
    *km*; two points within *km* differ by at most one cell edge in each coordinate, so
    looking at the 27 cells around a point finds every neighbour.  The grid only proposes
    candidates; :func:`distance_km` decides.
    """

    def __init__(self, km: float) -> None:
        self.km = km
        chord = 2 * math.sin(min(km, math.pi * EARTH_RADIUS_KM) / (2 * EARTH_RADIUS_KM))
        # A zero distance still needs a positive cell size; identical points share a cell.
        self.edge = max(chord, 1e-9)
        self._neighbours: dict[Cell, tuple[Cell, ...]] = {}

    def cell(self, lat: float, lon: float) -> Cell:
        """The cell of a point."""
        phi, lam = math.radians(lat), math.radians(lon)
        x = math.cos(phi) * math.cos(lam)
        y = math.cos(phi) * math.sin(lam)
        z = math.sin(phi)
        edge = self.edge
        return (math.floor(x / edge), math.floor(y / edge), math.floor(z / edge))

    def neighbours(self, cell: Cell) -> tuple[Cell, ...]:
        """The cell and its 26 neighbours (cached)."""
        found = self._neighbours.get(cell)
        if found is None:
            found = tuple(_around(cell))
            self._neighbours[cell] = found
        return found


def _around(cell: Cell) -> Iterator[Cell]:
    cx, cy, cz = cell
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            for dz in (-1, 0, 1):
                yield (cx + dx, cy + dy, cz + dz)
