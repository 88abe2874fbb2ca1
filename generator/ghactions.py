"""Talking to a GitHub Actions job: step outputs and the job summary.

Both are files whose paths the runner puts in ``GITHUB_OUTPUT`` and ``GITHUB_STEP_SUMMARY``;
outside a job (or when the variable is unset) nothing is written.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path


def output_block(name: str, value: str) -> str:
    """One step output in the multi-line ``name<<DELIMITER`` form.

    The delimiter is derived from the value's hash, so the value cannot contain it and
    cannot end the block early or define other outputs.
    """
    delimiter = "EOF_" + hashlib.sha256(value.encode("utf-8")).hexdigest()
    return f"{name}<<{delimiter}\n{value}\n{delimiter}\n"


def _append(variable: str, text: str) -> bool:
    target = os.environ.get(variable)
    if not target:
        return False
    with Path(target).open("a", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return True


def set_outputs(values: Mapping[str, str]) -> bool:
    """Append step outputs to ``$GITHUB_OUTPUT``; False when not in a job."""
    return _append("GITHUB_OUTPUT", "".join(output_block(k, v) for k, v in values.items()))


def append_step_summary(markdown: str) -> bool:
    """Append Markdown to the job summary (``$GITHUB_STEP_SUMMARY``); False when not in a job."""
    return _append("GITHUB_STEP_SUMMARY", markdown if markdown.endswith("\n") else markdown + "\n")
