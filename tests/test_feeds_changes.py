"""The changes feed: significant edits from git history, with ids that survive rewrites."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import lxml.html
import pytest

from generator import urls
from generator.context import BuildContext
from generator.feeds import event_changes, render_feeds, significant_changes
from generator.models import Event
from generator.pipeline import load_context
from generator.problems import ContentError
from generator.writer import Outputs
from tests.conftest import MINIMAL_ORGANIZATION, write_content
from tests.feed_fixtures import parse_feed
from tests.test_history import git

EVENT = """\
title: Example Seminar
kind: seminar
start: 2030-02-06
end: 2030-02-08
location:
  city: Tokyo
  country: JP
organizers: [meti]
topics: [licensing]
description: First version.
"""

CANCELLED_AND_MOVED = EVENT.replace("status", "").replace(
    "start: 2030-02-06\nend: 2030-02-08\n",
    "status: cancelled\nstart: 2030-03-13\nend: 2030-03-14\n",
)

CHANGE_ID = re.compile(r"^tag:xc-clearinghouse\.org,2026:events/x-event/changes/[0-9a-f]{16}$")


class Repo:
    """A content repository in a temporary folder with commits at fixed times."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = write_content(root, {"organizations/meti.yml": MINIMAL_ORGANIZATION})
        git(root, "init", "-q", "-b", "main")
        self.event = self.content / "events" / "x-event.yml"

    def commit(self, text: str, when: str, path: Path | None = None) -> None:
        target = path or self.event
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        git(self.root, "add", "-A")
        git(self.root, "commit", "-q", "-m", f"edit at {when}", date=when)

    def context(self) -> BuildContext:
        ctx, _ = load_context(self.content, None, date(2030, 1, 1))
        return ctx

    def feeds(self) -> Outputs:
        return render_feeds(self.context())


def _entries(outputs: Outputs, name: str, fmt: str = "atom") -> list[dict[str, object]]:
    return parse_feed(outputs[urls.feed(name, fmt)], "atom10" if fmt == "atom" else "rss20").entries


def _when(entry: object) -> datetime:
    return datetime(*entry.updated_parsed[:6], tzinfo=UTC)  # type: ignore[attr-defined]


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path)


def test_an_edit_commit_adds_a_change_entry_and_keeps_the_announcement(repo: Repo) -> None:
    repo.commit(EVENT, "2030-01-01T10:00:00+00:00")
    before = repo.feeds()
    assert _entries(before, "changes") == []
    repo.commit(CANCELLED_AND_MOVED, "2030-01-05T12:00:00+00:00")
    after = repo.feeds()

    for fmt in ("rss", "atom"):
        (old,) = _entries(before, "events", fmt)
        (new,) = _entries(after, "events", fmt)
        assert new.id == old.id == "tag:xc-clearinghouse.org,2026:events/x-event"
        assert new.published_parsed == old.published_parsed  # first commit, not the edit
    (announcement,) = _entries(after, "events")
    assert _when(announcement) == datetime(2030, 1, 1, 10, tzinfo=UTC)

    for fmt in ("rss", "atom"):
        (change,) = _entries(after, "changes", fmt)
        assert CHANGE_ID.match(change.id)
        assert change.title == "Cancelled, new dates: Example Seminar"
        assert change.link == "https://xc-clearinghouse.org/events/x-event/"
        assert datetime(*change.published_parsed[:6], tzinfo=UTC) == datetime(
            2030, 1, 5, 12, tzinfo=UTC
        )
        text = lxml.html.fromstring(change.summary).text_content()
        assert "Status: Confirmed → Cancelled" in text
        assert "Dates: 6–8 February 2030 → 13–14 March 2030" in text
        assert "Tokyo, Japan" in text
    changes = parse_feed(after[urls.feed("changes", "atom")], "atom10")
    assert _when(changes.feed) == datetime(2030, 1, 5, 12, tzinfo=UTC)
    # the change also reaches subscribers of the event's topic and country
    for path in (urls.topic_feed("licensing", "atom"), urls.country_feed("JP", "atom")):
        ids = [e.id for e in parse_feed(after[path], "atom10").entries]
        assert ids == [change.id, announcement.id]


def test_rebuilding_gives_the_same_bytes(repo: Repo) -> None:
    repo.commit(EVENT, "2030-01-01T10:00:00+00:00")
    repo.commit(CANCELLED_AND_MOVED, "2030-01-05T12:00:00+00:00")
    assert dict(repo.feeds()) == dict(repo.feeds())


def test_edits_that_do_not_matter_to_participants_are_not_changes(repo: Repo) -> None:
    repo.commit(EVENT, "2030-01-01T10:00:00+00:00")
    repo.commit(
        EVENT.replace("Example Seminar", "Example Seminar (renamed)").replace("First", "Second"),
        "2030-01-02T00:00:00+00:00",
    )
    moved = repo.content / "events" / "2030" / "x-event.yml"
    repo.event.unlink()
    repo.commit(EVENT, "2030-01-03T00:00:00+00:00", path=moved)
    assert event_changes(repo.context()) == []
    (announcement,) = _entries(repo.feeds(), "events")
    assert _when(announcement) == datetime(2030, 1, 1, 10, tzinfo=UTC)


def test_versions_that_no_longer_validate_are_skipped(repo: Repo) -> None:
    repo.commit(EVENT, "2030-01-01T10:00:00+00:00")
    repo.commit(EVENT.replace("title:", "titel:"), "2030-01-02T00:00:00+00:00")
    repo.commit(EVENT.replace("topics: [licensing]", "topics: [lisencing]"), "2030-01-03T00:00")
    repo.commit(EVENT.replace("city: Tokyo", "city: Osaka"), "2030-01-04T00:00:00+00:00")
    (change,) = event_changes(repo.context())
    assert change.committed == datetime(2030, 1, 4, tzinfo=UTC)
    assert [(a.aspect, a.old, a.new) for a in change.aspects] == [
        ("place", "Tokyo, JP", "Osaka, JP")
    ]
    assert change.before.location is not None and change.before.location.city == "Tokyo"


def test_change_ids_come_from_the_change_not_the_commit(tmp_path: Path) -> None:
    """The same edits committed at other times (as after a rebase) keep their ids; the
    same transition happening again gets a numbered id of its own."""
    cancelled_text = EVENT + "status: cancelled\n"

    def history(root: Path, day: int) -> list[tuple[str, datetime]]:
        repo = Repo(root)
        for offset, text in enumerate((EVENT, cancelled_text, EVENT, cancelled_text)):
            repo.commit(text, f"2030-0{day}-0{offset + 1}T08:00:00+00:00")
        return [(c.entry_id, c.committed) for c in event_changes(repo.context())]

    first, rebased = history(tmp_path / "a", 1), history(tmp_path / "b", 2)
    assert [entry_id for entry_id, _ in first] == [entry_id for entry_id, _ in rebased]
    assert [when.month for _, when in first] == [1, 1, 1]
    assert [when.month for _, when in rebased] == [2, 2, 2]
    cancelled, reinstated, cancelled_again = (entry_id for entry_id, _ in first)
    assert len({cancelled, reinstated, cancelled_again}) == 3
    assert CHANGE_ID.match(cancelled) and CHANGE_ID.match(reinstated)
    assert cancelled_again == cancelled + "-2"


def test_headlines_name_what_happened(repo: Repo) -> None:
    planned = EVENT + "status: planned\n"
    repo.commit(planned, "2030-01-01T00:00:00+00:00")
    steps = [
        (EVENT, "Confirmed: Example Seminar"),
        (EVENT + "status: postponed\n", "Postponed: Example Seminar"),
        (EVENT.replace("2030-02-08", "2030-02-09"), "Back on, new dates: Example Seminar"),
        (
            EVENT.replace("2030-02-08", "2030-02-09").replace(
                "country: JP", "country: JP\n  online: true"
            ),
            "New place: Example Seminar",
        ),
        (planned.replace("2030-02-08", "2030-02-09"), "Status changed, new place: Example Seminar"),
    ]
    for day, (text, _) in enumerate(steps, start=2):
        repo.commit(text, f"2030-01-{day:02d}T00:00:00+00:00")
    titles = [e.title for e in _entries(repo.feeds(), "changes")]
    assert titles == [headline for _, headline in reversed(steps)]


def test_a_shallow_clone_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    source = Repo(tmp_path / "source")
    source.commit(EVENT, "2030-01-01T10:00:00+00:00")
    source.commit(CANCELLED_AND_MOVED, "2030-01-05T12:00:00+00:00")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{source.root}", str(clone))
    with pytest.raises(ContentError) as raised:
        load_context(clone / "content", None, date(2030, 1, 1))
    (problem,) = raised.value.problems
    assert problem.format().endswith(
        "error: cannot build from a shallow git clone: calendar sequence numbers and feed "
        "dates come from the full history of every record, and a shallow clone would "
        "silently change them; hint: run `git fetch --unshallow` (in GitHub Actions: "
        "actions/checkout with fetch-depth: 0), or pass --allow-shallow for a preview"
    )
    # previews may opt in: history is then ignored, exactly as outside git
    ctx, _ = load_context(clone / "content", None, date(2030, 1, 1), allow_shallow=True)
    assert not ctx.history.available
    outputs = render_feeds(ctx)
    assert _entries(outputs, "changes") == []
    (announcement,) = _entries(outputs, "events")
    assert _when(announcement) == datetime(2030, 3, 13, tzinfo=UTC)  # the event's first day


def test_changes_feed_golden(repo: Repo, golden: Callable[[str, str | bytes], None]) -> None:
    repo.commit(EVENT, "2030-01-01T10:00:00+00:00")
    repo.commit(CANCELLED_AND_MOVED, "2030-01-05T12:00:00+00:00")
    repo.commit(CANCELLED_AND_MOVED.replace("status: cancelled\n", ""), "2030-01-09T09:30:00Z")
    outputs = repo.feeds()
    golden("feeds/changes.atom", outputs[urls.feed("changes", "atom")])
    golden("feeds/changes.xml", outputs[urls.feed("changes", "rss")])


def _event(**fields: object) -> Event:
    data: dict[str, object] = {"title": "t", "kind": "seminar", "start": "2030-02-06"}
    data.update(fields)
    return Event.model_validate({k: v for k, v in data.items() if v is not None})


@pytest.mark.parametrize(
    ("before", "after", "aspects"),
    [
        ({}, {"end": "2030-02-06"}, []),  # end equal to start is the same one-day event
        ({}, {"timezone": "Asia/Tokyo"}, []),  # a zone without times changes nothing
        ({}, {"title": "other", "description": "x"}, []),
        ({"location": {"city": "Tokyo", "lat": 1, "lon": 2}}, {"location": {"city": "Tokyo"}}, []),
        ({}, {"status": "cancelled"}, ["status"]),
        ({}, {"start": "2030-02"}, ["dates"]),
        (
            {"location": {"city": "Tokyo"}},
            {"location": {"city": "Tokyo", "online": True}},
            ["place"],
        ),
        (
            {"start": "2030-02-06T09:00", "end": "2030-02-06T10:00", "timezone": "Asia/Tokyo"},
            {"start": "2030-02-06T09:00", "end": "2030-02-06T10:00", "timezone": "Asia/Seoul"},
            ["dates"],
        ),
        (
            {},
            {"status": "postponed", "start": "2030-03-01", "location": {"country": "SG"}},
            ["status", "dates", "place"],
        ),
    ],
)
def test_significant_changes(
    before: dict[str, object], after: dict[str, object], aspects: list[str]
) -> None:
    changes = significant_changes(_event(**before), _event(**after))
    assert [change.aspect for change in changes] == aspects


def test_uncommitted_edits_are_not_changes_yet(repo: Repo) -> None:
    repo.commit(EVENT, "2030-01-01T10:00:00+00:00")
    repo.commit(CANCELLED_AND_MOVED, "2030-01-05T12:00:00+00:00")
    repo.event.write_text(EVENT.replace("city: Tokyo", "city: Osaka"), encoding="utf-8")
    ctx = repo.context()
    assert ctx.catalog.events["x-event"].location.city == "Osaka"  # type: ignore[union-attr]
    (change,) = event_changes(ctx)
    assert [a.aspect for a in change.aspects] == ["status", "dates"]
    assert change.after.is_cancelled


def test_a_merge_that_undoes_a_cancellation_is_announced_and_the_cancellation_kept(
    repo: Repo,
) -> None:
    repo.commit(EVENT, "2030-01-01T10:00:00+00:00")
    git(repo.root, "checkout", "-q", "-b", "side")
    repo.commit(EVENT.replace("First version.", "Second version."), "2030-01-02T00:00:00+00:00")
    git(repo.root, "checkout", "-q", "main")
    repo.commit(EVENT + "status: cancelled\n", "2030-01-03T00:00:00+00:00")
    cancelled = [e.id for e in _entries(repo.feeds(), "changes")]
    git(repo.root, "merge", "-q", "--no-commit", "--no-ff", "side", "-X", "theirs")
    git(repo.root, "checkout", "side", "--", "content/events/x-event.yml")
    git(repo.root, "commit", "-qm", "merge", date="2030-01-04T00:00:00+00:00")
    entries = _entries(repo.feeds(), "changes")
    assert [e.title for e in entries] == ["Back on: Example Seminar", "Cancelled: Example Seminar"]
    assert entries[1].id == cancelled[0]
    assert _when(entries[0]) == datetime(2030, 1, 4, tzinfo=UTC)
