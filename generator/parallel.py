"""Running pure, CPU-bound work on several cores by forking (no pickling of the inputs).

Rendering pages is pure: each process renders its share of the page specs from the same
in-memory catalog, and only the results travel back, through a pipe.  Where ``fork`` is
not available the shares are computed one after the other in this process, with the same
result.
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def default_processes() -> int:
    """How many processes to use: the cores this process may run on (at most 4)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


def run_shares(task: Callable[[int], T], shares: int) -> list[T]:
    """``[task(0), …, task(shares - 1)]``, share 0 in this process, the others in forked
    children.  An exception in a child (a bug, never bad content: content is validated
    before anything is rendered) is printed there and raised here as RuntimeError."""
    if shares <= 1 or not hasattr(os, "fork"):
        return [task(share) for share in range(max(shares, 1))]
    children = [_start(task, share) for share in range(1, shares)]
    results = [task(0)]
    failed = []
    for share, (pid, reader) in enumerate(children, start=1):
        with os.fdopen(reader, "rb") as stream:
            data = stream.read()
        _, status = os.waitpid(pid, 0)
        if status != 0 or not data:
            failed.append(share)
            continue
        results.append(pickle.loads(data))
    if failed:
        raise RuntimeError(f"rendering failed in worker process(es) {failed}; see above")
    return results


def _start(task: Callable[[int], T], share: int) -> tuple[int, int]:
    reader, writer = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, measured through the results
        os.close(reader)
        status = 0
        try:
            data = pickle.dumps(task(share), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writer, "wb") as stream:
                stream.write(data)
        except BaseException:
            traceback.print_exc()
            status = 1
        finally:
            os._exit(status)
    os.close(writer)
    return pid, reader
