"""Shared test helpers: tiny content trees written to a temporary folder."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from pathlib import Path

import pytest

from generator.cli import main
from generator.context import BuildContext
from generator.pipeline import load_context

REPO_ROOT = Path(__file__).resolve().parent.parent

MINIMAL_ORGANIZATION = "name: Ministry of Examples\nkind: government\ncountry: JP\n"
MINIMAL_PROGRAM = "name: Example Program\nkind: assistance\n"
MINIMAL_EVENT = "title: Example Seminar\nkind: seminar\nstart: 2030-02-06\n"
MINIMAL_REPORT = "title: Example Report\nkind: paper\n"


def write_content(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``{"events/x.yml": text}`` below *root*/content and return that folder."""
    content = root / "content"
    for folder in ("events", "programs", "reports", "organizations"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    for relative, text in files.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return content


@pytest.fixture
def in_tmp(tmp_path: Path) -> Iterator[Path]:
    """Run the test with the temporary folder as working directory."""
    previous = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(previous)


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``clearinghouse`` in-process; returns (status, stdout, stderr)."""
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def make_context(
    root: Path,
    files: Mapping[str, str | bytes],
    *,
    today: str = "2030-01-01",
    site_url: str | None = None,
) -> BuildContext:
    """A render-stage context for a tiny content tree written below *root*."""
    content = write_content(root, files)
    context, _ = load_context(content, None, date.fromisoformat(today), site_url)
    return context


GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden`` rewrites the expected files in tests/golden/."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files in tests/golden/ from the current output",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str | bytes], None]:
    """Compare generated output with ``tests/golden/<name>`` (or rewrite it on request)."""
    update = bool(request.config.getoption("--update-golden"))

    def check(name: str, actual: str | bytes) -> None:
        path = GOLDEN_DIR / name
        data = actual.encode("utf-8") if isinstance(actual, str) else actual
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return
        assert path.exists(), f"missing golden file {path}; run pytest --update-golden"
        assert path.read_bytes() == data, (
            f"{name} differs from tests/golden/{name}; if the change is intended, run "
            "pytest --update-golden and review the diff"
        )

    return check
