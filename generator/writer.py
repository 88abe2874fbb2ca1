"""The one place that writes files: generated outputs, swapped into place in one step.

Every other stage returns content in memory; this module puts it on disk.  Whole output
folders are written next to their destination and then swapped in, so a build that fails
half-way leaves the previous folder intact.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os
import shutil
from collections.abc import Callable, Iterator, Mapping
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


def _render_and_write(files: Callable[[], Mapping[str, bytes]], root: Path) -> None:
    write_tree(files(), root)


class BackgroundWriter:
    """Writes files below a folder in a forked process, beside whatever the caller does.

    Forking shares the rendered bytes with the child without sending them through a pipe,
    so thousands of small files are written on a second core.  Where ``fork`` does not
    exist (Windows), the files are written at once, in this process.
    """

    def __init__(self, files: Callable[[], Mapping[str, bytes]], root: Path) -> None:
        """Start writing what *files* returns below *root*; *files* runs in the child, so
        rendering them costs the caller nothing either."""
        self._process: multiprocessing.context.ForkProcess | None = None
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self._process = context.Process(
                target=_render_and_write, args=(files, root), daemon=True
            )
            self._process.start()
        else:  # pragma: no cover - not on the CI platform
            _render_and_write(files, root)

    def wait(self) -> None:
        """Block until every file is written; raise :class:`OSError` if the child failed."""
        if self._process is None:
            return
        self._process.join()
        exit_code = self._process.exitcode
        self._process = None
        if exit_code != 0:
            raise OSError(f"writing the published files failed (exit status {exit_code})")

    def cancel(self) -> None:
        """Stop writing (after another failure)."""
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._process = None


def move_into(source: Path, target: Path) -> None:
    """Move everything in folder *source* into folder *target* (merging folders)."""
    for entry in sorted(source.iterdir()):
        destination = target / entry.name
        if destination.is_dir() and entry.is_dir():
            move_into(entry, destination)
        else:
            if destination.exists():
                raise FileExistsError(destination)
            entry.rename(destination)


def sync_tree(files: Mapping[str, bytes], root: Path) -> int:
    """Make *root* hold exactly *files*, touching only what changed; returns that count.

    Used by ``serve``: unchanged files keep their modification time, so the development
    server rebuilds and reloads only when something really changed.
    """
    changed = 0
    for relative in sorted(files):
        target = root / relative
        content = files[relative]
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        changed += 1
    wanted = {root / relative for relative in files}
    if root.is_dir():
        for path in sorted(root.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
                changed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changed


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def discard_stale_siblings(target: Path) -> None:
    """Remove the work folders of earlier builds of *target* that were killed.

    Their names end in the pid of the build (``.site.new-1234``); a folder whose process
    no longer runs is left over from a build that could not clean up (``kill -9``).
    """
    parent = target.parent
    if not parent.is_dir():
        return
    prefix = f".{target.name}."
    for entry in parent.iterdir():
        name = entry.name
        if not name.startswith(prefix) or not entry.is_dir():
            continue
        pid_text = name.rsplit("-", 1)[-1]
        if (
            pid_text.isdigit()
            and int(pid_text) != os.getpid()
            and not _process_alive(int(pid_text))
        ):
            shutil.rmtree(entry, ignore_errors=True)


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
