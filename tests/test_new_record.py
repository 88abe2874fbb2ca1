"""``clearinghouse new`` writes records that pass ``check`` as they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, run_cli, write_content


@pytest.mark.parametrize("record_type", ["event", "program", "report", "organization"])
def test_new_record_is_valid_and_dated_today(
    record_type: str, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_content(in_tmp, {})
    status, out, err = run_cli(
        ["new", record_type, "--title", "Tokyo Seminar: 2030 edition", "--today", "2030-01-15"],
        capsys,
    )
    assert status == 0, err
    path = Path(out.strip())
    assert path == Path(f"content/{record_type}s/tokyo-seminar-2030-edition.yml")
    text = path.read_text("utf-8")
    assert text.startswith(
        f"# yaml-language-server: $schema=../../schema/{record_type}.schema.json\n"
    )
    if record_type == "event":
        assert "announced: 2030-01-15\n" in text
        assert "start: 2030-01\n" in text
    status, out, _ = run_cli(["check"], capsys)
    assert status == 0, out


def test_new_event_takes_start_kind_and_id(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_content(in_tmp, {})
    status, out, _ = run_cli(
        [
            "new",
            "event",
            "--title",
            "X",
            "--start",
            "2030-03-04",
            "--kind",
            "workshop",
            "--id",
            "x-2030",
        ],
        capsys,
    )
    assert status == 0
    text = Path(out.strip()).read_text("utf-8")
    assert "start: 2030-03-04\n" in text and "kind: workshop\n" in text


def test_new_refuses_invalid_values_and_writes_nothing(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_content(in_tmp, {})
    status, _, err = run_cli(["new", "event", "--title", "X", "--start", "2030-02-30"], capsys)
    assert status == 1
    assert 'start: "2030-02-30" is not a real date or time' in err
    assert not list((content / "events").iterdir())


def test_new_refuses_to_overwrite(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_content(in_tmp, {"events/same-title.yml": "title: old\n"})
    status, _, err = run_cli(["new", "event", "--title", "Same title"], capsys)
    assert status == 1
    assert "already exists" in err
    assert (in_tmp / "content/events/same-title.yml").read_text() == "title: old\n"


def test_repository_has_no_generated_record_left_behind() -> None:
    assert not (REPO_ROOT / "content/events/tokyo-seminar-2030-edition.yml").exists()
