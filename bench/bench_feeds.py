"""How long the feeds and the open-data exports take for 10,000 synthetic events.

Run: ``python bench/bench_feeds.py``.  Goal: feeds + exports in at most 1 s.  The baseline
printed next to it is bare feedgen writing 10,000 entries as RSS and as Atom (no
selection, no summaries, no exports), measured in the same run and in turns with the steps, so the ratio means something on a
noisy machine.  Medians of three runs are printed, as wall-clock time and as process CPU
time (which other processes on a busy machine disturb much less).  Loading the content is
the check stage and is not counted.

A second measurement puts the corpus in a git repository with one more commit that
cancels or moves 1,000 events, so the changes feed reads 2,000 old versions back and
has 1,000 changes to choose from.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from feedgen.feed import FeedGenerator

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synth import generate_corpus

from generator.context import BuildContext
from generator.exports import render_exports
from generator.feeds import render_feeds
from generator.pipeline import load_context

EVENTS = 10_000
EDITED = 1_000
RUNS = 3


def bare_feedgen(entries: int = EVENTS) -> None:
    """The reference: feedgen alone, one feed of *entries* entries, RSS and Atom."""
    feed = FeedGenerator()
    feed.id("tag:example.org,2026:feeds/bench")
    feed.title("Benchmark")
    feed.description("Bare feedgen")
    feed.link(href="https://example.org/", rel="alternate")
    base = datetime(2030, 1, 1, tzinfo=UTC)
    for i in range(entries):
        entry = feed.add_entry(order="append")
        entry.id(f"tag:example.org,2026:events/event-{i:06d}")
        entry.title(f"Regional Export Control Seminar {i}")
        entry.link(href=f"https://example.org/events/event-{i:06d}/")
        entry.summary(f"<p>6–8 February 2030<br/>Tokyo, Japan</p><p>event {i}</p>", type="html")
        entry.published(base - timedelta(hours=i))
        entry.updated(base - timedelta(hours=i))
    feed.rss_str(pretty=True)
    feed.atom_str(pretty=True)


@dataclass
class Timing:
    """Wall-clock and process CPU seconds of each run of one step."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def measure(self, step: Callable[[], object]) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        step()
        self.cpu.append(time.process_time() - cpu)
        self.wall.append(time.perf_counter() - wall)

    @property
    def median_wall(self) -> float:
        return statistics.median(self.wall)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)


def git(repo: Path, *args: str, when: str = "2026-01-01T00:00:00+00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def edit_events(content: Path, count: int) -> None:
    """Cancel half of the first *count* events and move the other half to another city."""
    paths = sorted((content / "events").rglob("*.yml"))[:count]
    for index, path in enumerate(paths):
        lines = path.read_text("utf-8").splitlines(keepends=True)
        lines = [line for line in lines if not line.startswith("status:")]
        if index % 2 == 0:
            lines.append("status: cancelled\n")
        else:
            lines = [
                '  city: "Elsewhere"\n' if line.startswith("  city:") else line for line in lines
            ]
        path.write_text("".join(lines), "utf-8")


def report(label: str, ctx: BuildContext) -> None:
    """Run reference, feeds and exports in turns (so load from other processes hits all
    three alike) and print medians; the first run is included (nothing is cached)."""
    reference, feeds, exports = Timing(), Timing(), Timing()
    for _ in range(RUNS):
        reference.measure(bare_feedgen)
        feeds.measure(lambda: render_feeds(ctx))
        exports.measure(lambda: render_exports(ctx))
    total_wall = feeds.median_wall + exports.median_wall
    total_cpu = feeds.median_cpu + exports.median_cpu
    print(f"{label} (median of {RUNS} runs):")
    print(
        f"  feeds {feeds.median_wall:5.2f} s + exports {exports.median_wall:5.2f} s = "
        f"{total_wall:5.2f} s wall, {total_cpu:5.2f} s CPU (goal <= 1.0 s)"
    )
    print(
        f"  bare feedgen, {EVENTS:,} entries as RSS and Atom: {reference.median_wall:5.2f} s "
        f"wall, {reference.median_cpu:5.2f} s CPU | ratio {total_wall / reference.median_wall:4.2f}"
        f" wall, {total_cpu / reference.median_cpu:4.2f} CPU"
    )


def main() -> None:
    """Print feed and export times, the bare-feedgen time and their ratio."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        content = generate_corpus(root / "content", EVENTS)
        ctx, _ = load_context(content, None, date(2026, 12, 3))
        report(f"{EVENTS:,} events, no git history", ctx)

        git(root, "init", "-q", "-b", "main")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "corpus", when="2026-01-01T00:00:00+00:00")
        edit_events(content, EDITED)
        git(root, "commit", "-q", "-am", "edits", when="2026-02-01T00:00:00+00:00")
        ctx, _ = load_context(content, None, date(2026, 12, 3))
        report(f"{EVENTS:,} events, {EDITED:,} edited in git", ctx)


if __name__ == "__main__":
    main()
