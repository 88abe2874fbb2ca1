"""Rendering on several cores gives exactly what one core gives."""

from __future__ import annotations

from datetime import date

import pytest

from generator.parallel import default_processes, run_shares
from generator.pipeline import load_context
from generator.rendering import render_site
from tests.conftest import REPO_ROOT

FIXTURE = REPO_ROOT / "tests/fixtures/site/content"


def test_pages_rendered_by_three_processes_equal_those_of_one() -> None:
    context, _ = load_context(FIXTURE, None, date(2030, 1, 15), None, allow_shallow=True)
    one = render_site(context, processes=1)
    three = render_site(context, processes=3)
    assert list(three.pages) == list(one.pages)
    assert all(three.pages[path] == one.pages[path] for path in one.pages)
    assert list(three.search_documents) == list(one.search_documents)
    assert all(three.search_documents[p] == one.search_documents[p] for p in one.search_documents)


def test_shares_come_back_in_order() -> None:
    assert run_shares(lambda share: [share] * 3, 4) == [[0] * 3, [1] * 3, [2] * 3, [3] * 3]
    assert run_shares(lambda share: share, 1) == [0]


def test_a_failing_worker_is_reported_not_ignored(capfd: pytest.CaptureFixture[str]) -> None:
    def task(share: int) -> int:
        if share == 1:
            raise ValueError("template bug")
        return share

    with pytest.raises(RuntimeError, match=r"worker process\(es\) \[1\]"):
        run_shares(task, 2)
    assert "ValueError: template bug" in capfd.readouterr().err


def test_default_is_at_least_one_process() -> None:
    assert 1 <= default_processes() <= 4
