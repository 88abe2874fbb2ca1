"""``clearinghouse new`` writes records that pass ``check`` as they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINIMAL_EVENT, REPO_ROOT, run_cli, write_content


@pytest.mark.parametrize("record_type", ["event", "program", "report", "organization"])
def test_new_record_is_valid_and_dated_today(
    record_type: str, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_content(in_tmp, {})
    (in_tmp / "schema").mkdir()
    status, out, err = run_cli(
        ["new", record_type, "--title", "Tokyo Seminar: 2030 edition", "--today", "2030-01-15"],
        capsys,
    )
    assert status == 0, err
    path = Path(out.strip())
    year = "2030/" if record_type == "event" else ""  # events are filed by year
    assert path == Path(f"content/{record_type}s/{year}tokyo-seminar-2030-edition.yml")
    text = path.read_text("utf-8")
    up = "../../../" if record_type == "event" else "../../"
    assert text.startswith(
        f"# yaml-language-server: $schema={up}schema/{record_type}.schema.json\n"
    )
    if record_type == "event":
        assert "announced: 2030-01-15\n" in text
        assert "start: 2030-01\n" in text
    if record_type in ("program", "report"):  # no invented start year or publication date
        assert "\n# start_year: 2030\n" in text or "\n# published: 2030-01-15\n" in text
    status, out, _ = run_cli(["check"], capsys)
    assert status == 0, out


def test_new_record_in_a_separate_content_tree_points_at_the_project_schema(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_content(in_tmp, {})
    status, out, _ = run_cli(["new", "event", "--title", "Separate tree"], capsys)
    assert status == 0
    record = Path(out.strip())
    first_line = record.read_text("utf-8").splitlines()[0]
    target = first_line.removeprefix("# yaml-language-server: $schema=")
    assert (record.parent / target).resolve() == REPO_ROOT / "schema/event.schema.json"


def test_new_program_takes_its_start_year_from_start(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_content(in_tmp, {})
    status, out, _ = run_cli(
        ["new", "program", "--title", "Old program", "--start", "1993"], capsys
    )
    assert status == 0
    assert "\nstart_year: 1993\n" in Path(out.strip()).read_text("utf-8")


def test_new_timed_event_takes_end_and_timezone(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_content(in_tmp, {})
    status, out, err = run_cli(
        [
            "new",
            "event",
            "--title",
            "Webinar",
            "--start",
            "2030-03-04T09:30",
            "--end",
            "2030-03-04T11:00",
            "--timezone",
            "Asia/Tokyo",
        ],
        capsys,
    )
    assert status == 0, err
    text = Path(out.strip()).read_text("utf-8")
    assert "\nend: 2030-03-04T11:00\ntimezone: Asia/Tokyo\n" in text
    assert run_cli(["check"], capsys)[0] == 0


def test_new_with_a_title_in_another_script_asks_for_an_id(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_content(in_tmp, {})
    status, _, err = run_cli(["new", "event", "--title", "한국 수출통제 세미나"], capsys)
    assert status == 1
    assert err.splitlines()[0] == (
        '--title:1:1: error: --title: "한국 수출통제 세미나" has too few Latin letters or digits '
        "to make a file name from; hint: choose the record id (its file name and web address) "
        "with --id, e.g. --id asian-export-control-seminar-15"
    )
    assert not list(Path("content").rglob("*.yml"))
    status, out, _ = run_cli(
        [
            "new",
            "event",
            "--title",
            "한국 수출통제 세미나",
            "--id",
            "korea-seminar",
            "--start",
            "2031-05",
        ],
        capsys,
    )
    assert status == 0 and out.strip() == "content/events/2031/korea-seminar.yml"


def test_new_refuses_an_id_that_exists_in_another_folder(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_content(in_tmp, {"events/2029/x-event.yml": MINIMAL_EVENT})
    status, _, err = run_cli(["new", "event", "--title", "X", "--id", "x-event"], capsys)
    assert status == 1
    assert "a record with this id already exists (content/events/2029/x-event.yml)" in err


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
