"""The one place that writes files: generated outputs, swapped into place in one step.

Every other stage returns content in memory; this module puts it on disk.  Whole output
folders are written next to their destination and then swapped in, so a build that fails
half-way leaves the previous folder intact.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath


class Outputs(Mapping[str, bytes]):
    """Generated files keyed by their path relative to the output folder (POSIX form)."""

    def __init__(self) -> None:
        self._files: dict[str, bytes] = {}

    def add(self, path: str, content: str | bytes) -> None:
        """Add one file; a path may be added only once (two renderers clashing is a bug)."""
        pure = PurePosixPath(path)
        if pure.is_absolute() or ".." in pure.parts or "\\" in path or not pure.parts:
            raise ValueError(f"unsafe output path: {path!r}")
        key = pure.as_posix()
        if key in self._files:
            raise ValueError(f"output path produced twice: {key}")
        self._files[key] = content.encode("utf-8") if isinstance(content, str) else content

    def update_from(self, other: Mapping[str, bytes]) -> None:
        """Add every file of *other*."""
        for path, content in other.items():
            self.add(path, content)

    def __getitem__(self, path: str) -> bytes:
        return self._files[path]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._files))

    def __len__(self) -> int:
        return len(self._files)


def write_tree(files: Mapping[str, bytes], root: Path) -> None:
    """Write *files* below *root* (which is created; existing files are overwritten)."""
    made: set[Path] = set()
    for relative in sorted(files):
        target = root / relative
        parent = target.parent
        if parent not in made:
            parent.mkdir(parents=True, exist_ok=True)
            made.add(parent)
        target.write_bytes(files[relative])


def fresh_sibling(target: Path, label: str) -> Path:
    """An empty folder next to *target* to build into before :func:`replace_directory`."""
    sibling = target.with_name(f".{target.name}.{label}-{os.getpid()}")
    if sibling.exists():
        shutil.rmtree(sibling)
    sibling.mkdir(parents=True)
    return sibling


def replace_directory(new: Path, target: Path) -> None:
    """Put folder *new* where *target* is, removing the old *target* afterwards."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def discard(folder: Path) -> None:
    """Remove a temporary folder if it exists."""
    if folder.exists():
        shutil.rmtree(folder)


def write_text_file(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Write one UTF-8 text file (with ``\\n`` line ends), creating its folder."""
    if path.exists() and not overwrite:
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
