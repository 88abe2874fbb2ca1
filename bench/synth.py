"""Seeded synthetic content for benchmarks: ``python bench/synth.py --events 10000 --out DIR``.

The corpus looks like real content at scale: events spread over 13 years in ~40
Asia-Pacific cities, 1–4 topics and 1–3 audiences each, organizers, programs, series,
some timed, month-only and cancelled events, reports and organizations.  The same seed
always writes the same files.
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

CITIES = [
    ("Tokyo", "JP", 35.68, 139.69, "Asia/Tokyo"),
    ("Osaka", "JP", 34.69, 135.50, "Asia/Tokyo"),
    ("Seoul", "KR", 37.57, 126.98, "Asia/Seoul"),
    ("Busan", "KR", 35.18, 129.08, "Asia/Seoul"),
    ("Beijing", "CN", 39.90, 116.41, "Asia/Shanghai"),
    ("Shanghai", "CN", 31.23, 121.47, "Asia/Shanghai"),
    ("Hong Kong", "HK", 22.32, 114.17, "Asia/Hong_Kong"),
    ("Taipei", "TW", 25.03, 121.57, "Asia/Taipei"),
    ("Manila", "PH", 14.60, 120.98, "Asia/Manila"),
    ("Hanoi", "VN", 21.03, 105.85, "Asia/Ho_Chi_Minh"),
    ("Ho Chi Minh City", "VN", 10.82, 106.63, "Asia/Ho_Chi_Minh"),
    ("Bangkok", "TH", 13.76, 100.50, "Asia/Bangkok"),
    ("Kuala Lumpur", "MY", 3.14, 101.69, "Asia/Kuala_Lumpur"),
    ("Singapore", "SG", 1.35, 103.82, "Asia/Singapore"),
    ("Jakarta", "ID", -6.21, 106.85, "Asia/Jakarta"),
    ("Bali", "ID", -8.34, 115.09, "Asia/Makassar"),
    ("Phnom Penh", "KH", 11.56, 104.92, "Asia/Phnom_Penh"),
    ("Vientiane", "LA", 17.98, 102.63, "Asia/Vientiane"),
    ("Yangon", "MM", 16.87, 96.20, "Asia/Yangon"),
    ("Dhaka", "BD", 23.81, 90.41, "Asia/Dhaka"),
    ("New Delhi", "IN", 28.61, 77.21, "Asia/Kolkata"),
    ("Mumbai", "IN", 19.08, 72.88, "Asia/Kolkata"),
    ("Islamabad", "PK", 33.68, 73.05, "Asia/Karachi"),
    ("Colombo", "LK", 6.93, 79.86, "Asia/Colombo"),
    ("Kathmandu", "NP", 27.72, 85.32, "Asia/Kathmandu"),
    ("Ulaanbaatar", "MN", 47.89, 106.91, "Asia/Ulaanbaatar"),
    ("Canberra", "AU", -35.28, 149.13, "Australia/Sydney"),
    ("Sydney", "AU", -33.87, 151.21, "Australia/Sydney"),
    ("Wellington", "NZ", -41.29, 174.78, "Pacific/Auckland"),
    ("Auckland", "NZ", -36.85, 174.76, "Pacific/Auckland"),
    ("Suva", "FJ", -18.14, 178.44, "Pacific/Fiji"),
    ("Honolulu", "US", 21.31, -157.86, "Pacific/Honolulu"),
    ("Washington", "US", 38.91, -77.04, "America/New_York"),
    ("Athens", "US", 33.96, -83.38, "America/New_York"),
    ("Vienna", "AT", 48.21, 16.37, "Europe/Vienna"),
    ("Geneva", "CH", 46.20, 6.14, "Europe/Zurich"),
    ("Brussels", "BE", 50.85, 4.35, "Europe/Brussels"),
    ("Stockholm", "SE", 59.33, 18.07, "Europe/Stockholm"),
    ("Astana", "KZ", 51.17, 71.43, "Asia/Almaty"),
    ("Yokohama", "JP", 35.44, 139.64, "Asia/Tokyo"),
]
COUNTRIES = sorted({c[1] for c in CITIES} | {"BN", "TL", "PG", "MV", "BT"})
KINDS = [
    "seminar",
    "workshop",
    "academy",
    "training",
    "conference",
    "meeting",
    "outreach",
    "webinar",
]
AUDIENCES = [
    "government",
    "licensing",
    "customs",
    "enforcement",
    "industry",
    "academia",
    "ngo",
    "international",
]
TOPICS = [
    "legal-framework", "control-lists", "licensing", "catch-all", "enforcement", "customs",
    "transshipment", "brokering", "deemed-exports", "end-use", "commodity-identification",
    "industry-compliance", "outreach", "information-sharing", "unscr-1540", "nuclear",
    "chemical", "biological", "missile", "dual-use",
]  # fmt: skip
WORDS = [
    "Regional", "National", "Asian", "Pacific", "Export", "Control", "Strategic", "Trade",
    "Seminar", "Workshop", "Dialogue", "Forum", "Training", "Course", "Enforcement", "Licensing",
    "Customs", "Industry", "Outreach", "Nonproliferation", "Compliance", "Academy", "Meeting",
]  # fmt: skip
FIRST_DAY = date(2020, 1, 1)
SPAN_DAYS = 13 * 365


def _yaml_list(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def _event_text(
    rng: random.Random, index: int, organizations: int, programs: int
) -> tuple[str, str]:
    city, country, lat, lon, tz = rng.choice(CITIES)
    start = FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS))
    length = rng.choice([0, 0, 1, 1, 2, 2, 3, 4, 13])
    title = " ".join(rng.sample(WORDS, 4)) + f" {index}"
    lines = [f'title: "{title}"', f"kind: {rng.choice(KINDS)}"]
    roll = rng.random()
    if roll < 0.03:
        lines.append("status: cancelled")
    elif roll < 0.08:
        lines.append("status: planned")
    shape = rng.random()
    if shape < 0.03:
        lines.append(f"start: {start:%Y-%m}")
    elif shape < 0.13:
        hour = rng.randrange(7, 20)
        lines += [
            f"start: {start.isoformat()}T{hour:02d}:00",
            f"end: {start.isoformat()}T{min(hour + rng.randrange(1, 4), 23):02d}:30",
            f"timezone: {tz}",
        ]
    else:
        lines.append(f"start: {start.isoformat()}")
        if length:
            lines.append(f"end: {(start + timedelta(days=length)).isoformat()}")
    online = "true" if rng.random() < 0.1 else "false"
    lines += ["location:", f'  city: "{city}"', f"  country: {country}", f"  online: {online}"]
    if rng.random() < 0.5:
        lines += [
            f"  lat: {lat + rng.uniform(-0.05, 0.05):.4f}",
            f"  lon: {lon + rng.uniform(-0.05, 0.05):.4f}",
        ]
    lines.append(
        f"organizers: {_yaml_list([f'org-{rng.randrange(organizations):04d}' for _ in range(1)])}"
    )
    if rng.random() < 0.4:
        lines.append(f"programs: [program-{rng.randrange(programs):04d}]")
    if rng.random() < 0.3:
        lines.append(f"series: series-{rng.randrange(200):03d}")
    lines.append(f"audience: {_yaml_list(rng.sample(AUDIENCES, rng.randint(1, 3)))}")
    lines.append(f"topics: {_yaml_list(rng.sample(TOPICS, rng.randint(1, 4)))}")
    lines.append(f"countries: {_yaml_list(sorted(rng.sample(COUNTRIES, rng.randint(0, 5))))}")
    lines.append(f"participants: {rng.randrange(10, 300)}")
    lines.append(f"url: https://example.org/events/{index}")
    lines.append("description: |")
    lines.append(f"  Synthetic event number {index} in {city}, for benchmarks.")
    lines.append(f"announced: {(start - timedelta(days=rng.randrange(30, 200))).isoformat()}")
    return f"{start.year}/event-{index:06d}", "\n".join(lines) + "\n"


def generate_corpus(dest: Path, events: int, seed: int = 42) -> Path:
    """Write a synthetic content tree with *events* events into *dest* (replaced)."""
    rng = random.Random(seed)
    if dest.exists():
        shutil.rmtree(dest)
    organizations = max(20, events // 50)
    programs = max(10, events // 100)
    folders = {name: dest / name for name in ("events", "programs", "reports", "organizations")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    for i in range(organizations):
        country = rng.choice(COUNTRIES)
        (folders["organizations"] / f"org-{i:04d}.yml").write_text(
            f'name: "Organization {i}"\nkind: government\ncountry: {country}\n', "utf-8"
        )
    for i in range(programs):
        (folders["programs"] / f"program-{i:04d}.yml").write_text(
            f'name: "Program {i}"\nkind: assistance\nsponsors: [org-{rng.randrange(organizations):04d}]\n'
            f"topics: {_yaml_list(rng.sample(TOPICS, 2))}\ncountries: {_yaml_list(rng.sample(COUNTRIES, 3))}\n"
            f"start_year: {rng.randrange(1995, 2025)}\n",
            "utf-8",
        )
    for i in range(events):
        name, text = _event_text(rng, i, organizations, programs)
        path = folders["events"] / f"{name}.yml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, "utf-8")
    for i in range(events // 10):
        (folders["reports"] / f"report-{i:06d}.yml").write_text(
            f'title: "Report {i}"\nkind: meeting-report\nevent: event-{rng.randrange(events):06d}\n'
            f"published: {(FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS))).isoformat()}\n"
            f"topics: {_yaml_list(rng.sample(TOPICS, 2))}\n",
            "utf-8",
        )
    return dest


def main() -> None:
    """Command line: write a corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=Path("build/synthetic-content"))
    args = parser.parse_args()
    generate_corpus(args.out, args.events, args.seed)
    print(args.out)


if __name__ == "__main__":
    main()
