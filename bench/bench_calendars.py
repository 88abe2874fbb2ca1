"""How long rendering every calendar takes for 10,000 synthetic events.

Run: ``python bench/bench_calendars.py``.  Goal: all calendars (all.ics, one per topic,
country, program, organization and series, one per event) in at most 1.5 s.  Measured
in the same run, for ratios that mean something on a noisy machine:

* naive: one ``icalendar.Calendar`` holding all 10,000 events, each built with
  ``Event.new`` and the whole calendar serialized with ``to_ical()`` — a single file;
* icalendar per event: ``Event.new(...).to_ical()`` once per event, which the fast VEVENT
  writer replaces (it writes the same bytes; the tests compare them).

Loading and validating the records is not timed (``bench_check.py`` measures that).
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from icalendar import Calendar

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synth import generate_corpus

from generator.calendars import render_calendars
from generator.calendars.entries import calendar_entry
from generator.calendars.vevent import icalendar_event
from generator.pipeline import load_context

EVENTS = 10_000
GOAL_SECONDS = 1.5


def main() -> None:
    """Print the render time, the two reference times and the ratios."""
    with tempfile.TemporaryDirectory() as tmp:
        content = generate_corpus(Path(tmp) / "content", EVENTS)
        ctx, _ = load_context(content, None, date(2026, 12, 3))

        started = time.perf_counter()
        outputs = render_calendars(ctx)
        ours = time.perf_counter() - started
        size = sum(len(data) for data in outputs.values())

        started = time.perf_counter()
        naive = Calendar.new(prodid="-//bench//naive//EN", uid="bench-naive")
        for event in ctx.catalog.events.values():
            entry = calendar_entry(ctx, event)
            if entry is not None:
                naive.add_component(icalendar_event(entry))
        naive_bytes = naive.to_ical()
        naive_time = time.perf_counter() - started

        started = time.perf_counter()
        for event in ctx.catalog.events.values():
            entry = calendar_entry(ctx, event)
            if entry is not None:
                icalendar_event(entry).to_ical()
        per_event = time.perf_counter() - started

    print(
        f"render_calendars, {EVENTS:,} events: {ours:6.2f} s (goal <= {GOAL_SECONDS} s) | "
        f"{len(outputs):,} files, {size / 1e6:.1f} MB"
    )
    print(
        f"naive single icalendar calendar:     {naive_time:6.2f} s | 1 file, "
        f"{len(naive_bytes) / 1e6:.1f} MB | ratio ours/naive {ours / naive_time:4.2f}"
    )
    print(
        f"icalendar Event.new + to_ical each:   {per_event:6.2f} s | "
        f"ratio ours/per-event {ours / per_event:4.2f}"
    )


if __name__ == "__main__":
    main()
