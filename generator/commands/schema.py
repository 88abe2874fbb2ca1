"""``clearinghouse schema``: regenerate (or check) the JSON Schemas in schema/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.schema import SCHEMA_DIR, render_record_schemas
from generator.writer import write_text_file


def register(subparsers: Any) -> None:
    """Add the ``schema`` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "schema",
        help="write the record JSON Schemas to schema/ (from the models)",
        description="Write schema/<type>.schema.json from the record models.",
    )
    parser.add_argument("--out", type=Path, default=SCHEMA_DIR, metavar="DIR")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the files are missing or out of date"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write or compare the schema files."""
    stale = []
    for name, text in render_record_schemas().items():
        path = args.out / name
        current = path.read_text("utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            write_text_file(path, text)
    if args.check and stale:
        for path in stale:
            print(f"{path}: out of date; run `clearinghouse schema`", file=sys.stderr)
        return 1
    return 0
