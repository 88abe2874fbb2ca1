"""How long the coordination analysis takes for 10,000 and 100,000 synthetic events.

Run: ``python bench/bench_overlaps.py [--dense]``.  Goal: 100,000 events in at most 3 s,
growing close to n log n plus the number of findings.

* 10,000 events: the corpus of ``bench/synth.py`` (13 years, ~40 cities), written to
  files and loaded with ``read_catalog`` like ``clearinghouse`` does; loading is not timed.
* 100,000 events: the same generator, but the events are built in memory (parsed with
  the C YAML loader and validated by the ``Event`` model, not timed) so the benchmark is
  about the analysis.  By default the dates are spread over 130 years instead of 13, so
  the density (events per day per city) is the same as at 10,000 and the ratio measures
  how the algorithm grows.  ``--dense`` also runs 100,000 events in 13 years: ten times
  the density gives about a hundred times the findings, and the output dominates.
* The all-pairs reference compares every pair of the 10,000 events with the same rules
  (:func:`all_pairs`), measured in the same run, so the ratio is meaningful on a noisy
  machine.  The two must find the same pairs, which the benchmark checks.

``find_findings`` decides every finding; the sentences of a finding are written on first
use, so the time to write them all (as for ``api/overlaps.json``) is printed separately.
Timings vary from run to run on a shared 2-core machine; compare the ratios.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import synth

from generator.catalog import Catalog, read_catalog
from generator.coordination import Finding, count_by_kind, find_findings
from generator.coordination.analysis import Rules
from generator.coordination.profile import build_profiles, takes_part
from generator.gcpause import collector_paused
from generator.models import Event
from generator.settings import CoordinationSettings


@contextlib.contextmanager
def _span_years(years: int) -> Iterator[None]:
    previous = synth.SPAN_DAYS
    synth.SPAN_DAYS = years * 365
    try:
        yield
    finally:
        synth.SPAN_DAYS = previous


def in_memory_catalog(events: int, years: int, seed: int = 42) -> Catalog:
    """A catalog of *events* synthetic events over *years*, built without files."""
    rng = random.Random(seed)
    organizations, programs = max(20, events // 50), max(10, events // 100)
    catalog = Catalog(content_dir=Path("synthetic"))
    with _span_years(years):
        for index in range(events):
            name, text = synth._event_text(rng, index, organizations, programs)
            record_id = name.rsplit("/", 1)[-1]
            data = yaml.load(text, Loader=yaml.CSafeLoader)
            catalog.events[record_id] = Event.model_validate(data, context={"file_id": record_id})
    return catalog


def all_pairs(catalog: Catalog, settings: CoordinationSettings) -> set[tuple[str, str, str]]:
    """The reference: every pair of events through the same rules, no index (quadratic)."""
    events = sorted(
        (e for e in catalog.events.values() if takes_part(e)), key=lambda e: (e.first_day, e.id)
    )
    profiles, _ = build_profiles(events)
    classify = Rules(settings).classify
    found = set()
    for p, e in combinations(profiles, 2):
        kind = classify(p, e)
        if kind is not None:
            found.add((kind, min(p.id, e.id), max(p.id, e.id)))
    return found


def _timed(
    catalog: Catalog, settings: CoordinationSettings, runs: int = 3
) -> tuple[float, float, list[Finding]]:
    """Best wall-clock and CPU time of *runs* analyses (the minimum is the least noisy)."""
    walls, cpus = [], []
    findings: list[Finding] = []
    for _ in range(runs):
        findings = []
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        findings = find_findings(catalog, settings)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), findings


def _explain_all(findings: list[Finding]) -> float:
    """Time to write every finding's sentences, as rendering ``api/overlaps.json`` does."""
    started = time.perf_counter()
    with collector_paused():
        for finding in findings:
            _ = finding.message
    return time.perf_counter() - started


def _line(
    label: str, events: int, wall: float, cpu: float, findings: list[Finding], text: float
) -> str:
    counts = ", ".join(f"{k} {v:,}" for k, v in count_by_kind(findings).items() if v)
    written = f"; writing all messages {text:5.2f} s" if text else ""
    return (
        f"{label:<22} {events:>7,} events: {wall:5.2f} s (CPU {cpu:5.2f} s), "
        f"{len(findings):>9,} findings ({counts}){written}"
    )


def main() -> None:
    """Print analysis times, finding counts and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dense", action="store_true", help="also 100,000 events in 13 years")
    parser.add_argument(
        "--no-reference", action="store_true", help="skip the all-pairs reference (~1 min)"
    )
    args = parser.parse_args()
    settings = CoordinationSettings()
    print("best of 3 runs each; wall clock and CPU time of find_findings()")
    with tempfile.TemporaryDirectory() as tmp:
        content = synth.generate_corpus(Path(tmp) / "c10000", 10_000)
        small, problems = read_catalog(content)
        assert small is not None, problems[:3]
    small_wall, small_cpu, small_findings = _timed(small, settings)
    text = _explain_all(small_findings)
    print(_line("files, 13 years", 10_000, small_wall, small_cpu, small_findings, text))

    if not args.no_reference:
        started = time.perf_counter()
        reference = all_pairs(small, settings)
        reference_time = time.perf_counter() - started
        swept = {(f.kind, *f.events) for f in small_findings if f.kind != "coordinated"}
        assert swept == reference, f"sweep and all-pairs differ: {len(swept ^ reference)} pairs"
        print(
            f"{'all-pairs reference':<22} {10_000:>7,} events: {reference_time:5.2f} s, "
            f"the same {len(reference):,} pairs; the sweep is "
            f"{reference_time / small_wall:4.0f}x faster"
        )

    big = in_memory_catalog(100_000, 130)
    big_wall, big_cpu, big_findings = _timed(big, settings)
    text = _explain_all(big_findings)
    print(_line("in memory, 130 years", 100_000, big_wall, big_cpu, big_findings, text))
    print(
        f"ratio 100,000/10,000 at the same density: time {big_wall / small_wall:4.1f}x "
        f"(CPU {big_cpu / small_cpu:4.1f}x; n log n alone would be ~12.5x), findings "
        f"{len(big_findings) / len(small_findings):4.1f}x; goal 100,000 events <= 3 s: "
        f"{'met' if big_wall <= 3 else 'NOT met'}"
    )
    del big, big_findings
    if args.dense:
        dense = in_memory_catalog(100_000, 13)
        dense_wall, dense_cpu, dense_findings = _timed(dense, settings, runs=1)
        print(_line("in memory, 13 years", 100_000, dense_wall, dense_cpu, dense_findings, 0.0))
        print(
            f"ratio dense/10,000: time {dense_wall / small_wall:4.1f}x, findings "
            f"{len(dense_findings) / len(small_findings):4.1f}x (ten times the density)"
        )


if __name__ == "__main__":
    main()
