"""How long ``clearinghouse check`` takes for 1,000 and 10,000 synthetic events.

Run: ``python bench/bench_check.py``.  Goal: 10,000 events in under 2 s.  The baseline
printed next to it is the bare PyYAML C loader reading the same files (no positions, no
validation), measured in the same run, so the ratio is meaningful on a noisy machine.
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synth import generate_corpus

from generator.cli import main as clearinghouse


def _bare_load(content: Path) -> float:
    started = time.perf_counter()
    for path in sorted(content.rglob("*.yml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - started


def main() -> None:
    """Print check time, bare-loader time and their ratio for each size."""
    with tempfile.TemporaryDirectory() as tmp:
        for events in (1_000, 10_000):
            content = generate_corpus(Path(tmp) / f"c{events}", events)
            output = io.StringIO()
            started = time.perf_counter()
            with contextlib.redirect_stdout(output):
                status = clearinghouse(["check", "--content", str(content)])
            elapsed = time.perf_counter() - started
            assert status == 0, output.getvalue()[-2000:]
            bare = _bare_load(content)
            goal = "  (goal < 2.0 s)" if events == 10_000 else ""
            print(
                f"check {events:>6,} events: {elapsed:6.2f} s{goal} | bare C loader {bare:5.2f} s | "
                f"ratio {elapsed / bare:4.2f}"
            )


if __name__ == "__main__":
    main()
