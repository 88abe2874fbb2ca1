"""Pausing Python's cyclic garbage collector around allocation-heavy stages."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration of the block.

    Stages that create hundreds of thousands of objects and no reference cycles (loading
    records, comparing events, writing messages) otherwise trigger full collections that
    rescan every long-lived record again and again.  Reference counting still frees
    memory; the collector resumes (if it was enabled) when the block ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
