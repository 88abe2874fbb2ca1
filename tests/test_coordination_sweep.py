"""The indexed sweeps find exactly what comparing every pair by the issue's rules finds.

The oracle below is written from the issue text with plain ``Event`` attributes and no
index; random dense corpora (and Hypothesis) exercise every rule, boundary and index
(same city, grid cells, month-only events, time zones, acknowledgements) at once.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.catalog import Catalog
from generator.coordination import analyse, find_findings, upcoming
from generator.coordination.matching import city_key, distance_km, title_tokens
from generator.models import Event
from generator.settings import CoordinationSettings

CITIES = [
    # name, country, lat, lon, timezone
    ("Tokyo", "JP", 35.68, 139.69, "Asia/Tokyo"),
    ("Yokohama", "JP", 35.44, 139.64, "Asia/Tokyo"),  # ~27 km from Tokyo
    ("tōkyō", "JP", None, None, "Asia/Tokyo"),  # same city, other spelling, no coordinates
    ("Seoul", "KR", 37.57, 126.98, "Asia/Seoul"),
    ("Singapore", "SG", 1.29, 103.85, "Asia/Singapore"),
    ("Johor Bahru", "MY", 1.49, 103.74, "Asia/Kuala_Lumpur"),  # ~25 km from Singapore
    ("Honolulu", "US", 21.31, -157.86, "Pacific/Honolulu"),
    ("Auckland", "NZ", -36.85, 174.76, "Pacific/Auckland"),
]
WORDS = ["Export", "Control", "Seminar", "Workshop", "Regional", "Customs", "Forum"]
AUDIENCES = ["government", "customs", "industry", "academia"]
TOPICS = ["licensing", "customs", "outreach", "nuclear"]
COUNTRIES = ["JP", "KR", "SG", "MY", "US", "NZ"]


def random_event(rng: random.Random, index: int, ids: list[str]) -> Event:
    """One valid event; dense in time (60 days) and place (8 cities)."""
    city, country, lat, lon, zone = rng.choice(CITIES)
    day = date(2030, 3, 1) + timedelta(days=rng.randrange(60))
    data: dict[str, object] = {
        "title": " ".join(rng.sample(WORDS, rng.randint(2, 4))),
        "kind": rng.choice(
            ["seminar", "workshop", "meeting", "webinar" if rng.random() < 0.1 else "training"]
        ),
        "audience": rng.sample(AUDIENCES, rng.randint(0, 2)),
        "topics": rng.sample(TOPICS, rng.randint(0, 2)),
        "countries": rng.sample(COUNTRIES, rng.randint(0, 2)),
        "organizers": rng.sample(["org-a", "org-b", "org-c"], rng.randint(0, 1)),
        "programs": rng.sample(["prog-a", "prog-b"], rng.randint(0, 1)),
    }
    if rng.random() < 0.2:
        data["series"] = rng.choice(["series-a", "series-b"])
    shape = rng.random()
    if shape < 0.1:
        data["start"] = f"{day:%Y-%m}"
        if rng.random() < 0.3:
            data["end"] = f"{day + timedelta(days=31):%Y-%m}"
    elif shape < 0.3:
        hour = rng.choice([0, 9, 18, 22, 23])
        start = f"{day.isoformat()}T{hour:02d}:00"
        end_day = day + timedelta(days=1 if hour >= 22 else 0)
        end_hour = (hour + rng.choice([1, 2, 3])) % 24 if hour >= 22 else min(hour + 3, 23)
        if rng.random() < 0.2:  # ends exactly at midnight
            end_day, end_hour = day + timedelta(days=1), 0
        data.update(start=start, end=f"{end_day.isoformat()}T{end_hour:02d}:00", timezone=zone)
    else:
        data["start"] = day.isoformat()
        length = rng.choice([0, 0, 1, 2, 5])
        if length:
            data["end"] = (day + timedelta(days=length)).isoformat()
    place = rng.random()
    if place < 0.07:
        data["location"] = {"country": country, "online": True}  # online-only, host known
    elif place < 0.12:
        pass  # no location at all
    else:
        location: dict[str, object] = {"city": city, "country": country}
        if lat is not None and rng.random() < 0.7:
            location.update(lat=lat + rng.uniform(-0.02, 0.02), lon=lon + rng.uniform(-0.02, 0.02))
        if rng.random() < 0.1:
            location["online"] = True  # hybrid
        data["location"] = location
    roll = rng.random()
    if roll < 0.04:
        data["status"] = "cancelled"
    elif roll < 0.07:
        data["status"] = "postponed"
    event_id = f"event-{index:04d}"
    if ids and rng.random() < 0.08:
        data["coordinated_with"] = [rng.choice(ids)]
    return Event.model_validate(data, context={"file_id": event_id})


def random_catalog(seed: int, count: int) -> Catalog:
    rng = random.Random(seed)
    catalog = Catalog(content_dir=Path("content"))
    ids: list[str] = []
    for index in range(count):
        event = random_event(rng, index, ids)
        catalog.events[event.id] = event
        ids.append(event.id)
    return catalog


# --- the oracle: the rules, pair by pair --------------------------------------------


def _online_only(event: Event) -> bool:
    loc = event.location
    return event.kind == "webinar" or (
        loc is not None and loc.online and not (loc.city or loc.venue or loc.lat is not None)
    )


def _in_person(event: Event) -> bool:
    return event.host_country is not None and not _online_only(event)


def _distance(x: Event, y: Event) -> float | None:
    lx, ly = x.location, y.location
    if lx is None or ly is None or lx.lat is None or ly.lat is None:
        return None
    assert lx.lon is not None and ly.lon is not None
    return distance_km(lx.lat, lx.lon, ly.lat, ly.lon)


def _same_place(x: Event, y: Event, s: CoordinationSettings) -> bool:
    cx = city_key(x.location.city if x.location else None)
    cy = city_key(y.location.city if y.location else None)
    hx, hy = x.host_country, y.host_country
    if cx and cx == cy and (hx is None or hy is None or hx == hy):
        return True
    distance = _distance(x, y)
    if distance is not None and distance <= s.nearby_km:
        return True
    return _online_only(x) and _online_only(y) and cx is None and cy is None


def oracle_kind(x: Event, y: Event, s: CoordinationSettings) -> str | None:
    audience = set(x.audience) & set(y.audience)
    region = set(x.all_countries) & set(y.all_countries)
    topics = set(x.topics) & set(y.topics)
    family = (
        set(x.organizers) & set(y.organizers)
        or set(x.programs) & set(y.programs)
        or (x.series is not None and x.series == y.series)
    )
    if x.first_day <= y.last_day and y.first_day <= x.last_day:
        if x.is_month_only or y.is_month_only:
            same_start = (x.start.year, x.start.month) == (y.start.year, y.start.month)
        else:
            same_start = x.first_day == y.first_day
        tx, ty = title_tokens(x.title), title_tokens(y.title)
        similar = len(tx & ty) / len(tx | ty) >= s.duplicate_title_similarity
        if same_start and _same_place(x, y, s) and similar:
            return "possible-duplicate"
        if audience and (region or family):
            return "conflict"
        if audience or region:
            return "overlap"
        return None
    earlier, later = (x, y) if x.last_day < y.first_day else (y, x)
    gap = (later.first_day - earlier.last_day).days
    both_in_person = _in_person(x) and _in_person(y)
    distance = _distance(x, y)
    if (
        gap <= s.tight_travel_max_gap_days
        and both_in_person
        and x.host_country != y.host_country
        and audience
        and region
        and not (distance is not None and distance <= s.nearby_km)
    ):
        return "tight-travel"
    if (
        gap <= s.opportunity_max_gap_days
        and both_in_person
        and (audience or topics)
        and _same_place(x, y, s)
    ):
        return "opportunity"
    return None


def oracle(catalog: Catalog, s: CoordinationSettings) -> set[tuple[str, str, str, str | None]]:
    active = [e for e in catalog.events.values() if e.status not in ("cancelled", "postponed")]
    found = set()
    for x, y in combinations(active, 2):
        kind = oracle_kind(x, y, s)
        a, b = sorted((x.id, y.id))
        if y.id in x.coordinated_with or x.id in y.coordinated_with:
            found.add(("coordinated", a, b, kind))
        elif kind is not None:
            found.add((kind, a, b, None))
    return found


def swept(catalog: Catalog, s: CoordinationSettings) -> set[tuple[str, str, str, str | None]]:
    findings = find_findings(catalog, s)
    result = {(f.kind, *f.events, f.acknowledges) for f in findings}
    assert len(result) == len(findings)
    assert len({f.events for f in findings}) == len(findings), "a pair is listed twice"
    return result


def test_sweep_equals_all_pairs_on_dense_random_corpora() -> None:
    for seed in range(4):
        catalog = random_catalog(seed, 400)
        expected = oracle(catalog, CoordinationSettings())
        assert swept(catalog, CoordinationSettings()) == expected
        kinds = {kind for kind, *_ in expected}
        assert kinds == {
            "conflict",
            "overlap",
            "opportunity",
            "tight-travel",
            "possible-duplicate",
            "coordinated",
        }, f"seed {seed} does not exercise every kind"


def test_sweep_equals_all_pairs_with_other_thresholds() -> None:
    catalog = random_catalog(7, 300)
    for thresholds in (
        {"opportunity_max_gap_days": 0, "tight_travel_max_gap_days": 0},
        {"opportunity_max_gap_days": 30, "tight_travel_max_gap_days": 5, "nearby_km": 300},
        {"nearby_km": 0, "duplicate_title_similarity": 0.0},
        {"duplicate_title_similarity": 1.0, "nearby_km": 1000},
    ):
        s = CoordinationSettings(**thresholds)  # type: ignore[arg-type]
        assert swept(catalog, s) == oracle(catalog, s), thresholds


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**9), count=st.integers(0, 40))
def test_sweep_equals_all_pairs_property(seed: int, count: int) -> None:
    catalog = random_catalog(seed, count)
    assert swept(catalog, CoordinationSettings()) == oracle(catalog, CoordinationSettings())


def test_since_equals_keeping_upcoming_findings() -> None:
    catalog = random_catalog(3, 300)
    s = CoordinationSettings()
    every = find_findings(catalog, s)
    for today in (date(2030, 1, 1), date(2030, 3, 20), date(2030, 4, 15), date(2031, 1, 1)):
        assert find_findings(catalog, s, since=today) == upcoming(every, catalog, today)


def test_order_of_input_does_not_matter() -> None:
    catalog = random_catalog(5, 300)
    s = CoordinationSettings()
    events = list(catalog.events.values())
    expected = [(f.id, f.message) for f in analyse(events, catalog, s)]
    random.Random(1).shuffle(events)
    assert [(f.id, f.message) for f in analyse(events, catalog, s)] == expected


def test_findings_are_sorted_by_the_later_event_then_the_earlier() -> None:
    catalog = random_catalog(2, 300)
    findings = find_findings(catalog, CoordinationSettings())
    keys = []
    for finding in findings:
        earlier, later = sorted(
            (catalog.events[i] for i in finding.events), key=lambda e: (e.first_day, e.id)
        )
        keys.append((later.first_day, later.id, earlier.first_day, earlier.id))
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
