"""``clearinghouse build`` end to end: MkDocs, strict mode, links, atomic swaps, plain mkdocs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import MINIMAL_EVENT, REPO_ROOT, write_content
from tests.sitehelpers import broken_links, isolated_mkdocs_config

FIXTURE = REPO_ROOT / "tests/fixtures/site/content"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build(tmp: Path, *args: str, content: Path = FIXTURE) -> int:
    config = isolated_mkdocs_config(tmp)
    return main(
        [
            "build",
            "--content",
            str(content),
            "--mkdocs-config",
            str(config),
            "--out",
            str(tmp / "site"),
            "--allow-shallow",
            "--today",
            "2030-01-15",
            *args,
        ]
    )


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("shipped")
    status = build(tmp, "--strict", content=REPO_ROOT / "content")
    assert status == 0
    return tmp / "site"


def test_shipped_content_builds_in_strict_mode_without_broken_links(shipped_site: Path) -> None:
    assert (shipped_site / "events/xcxg-2007-tokyo/index.html").exists()
    assert (shipped_site / "pagefind/pagefind.js").exists()
    assert broken_links(shipped_site, "xc-clearinghouse.org") == []


def test_every_page_has_one_h1_and_the_escaped_title(shipped_site: Path) -> None:
    html = (shipped_site / "events/asian-export-control-seminar-14/index.html").read_text()
    assert "<title>14th Asian Export Control Seminar - XC Clearinghouse</title>" in html
    assert html.count("<h1") == 1


def test_pages_load_nothing_from_other_hosts(shipped_site: Path) -> None:
    for page in ("index.html", "events/xcxg-2007-tokyo/index.html", "search/index.html"):
        html = (shipped_site / page).read_text()
        sources = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(https?://[^"]+)"', html)
        assert [s for s in sources if "xc-clearinghouse.org" not in s] == [], page


def test_content_errors_stop_the_build_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_content(tmp_path, {"events/bad-event.yml": MINIMAL_EVENT + "kind: x\n"})
    previous = tmp_path / "site"
    previous.mkdir()
    (previous / "marker.html").write_text("previous build")
    status = build(tmp_path, content=content)
    out = capsys.readouterr().out
    assert status == 1
    assert "content/events/bad-event.yml:4:1: error: duplicate key" in out
    assert (previous / "marker.html").read_text() == "previous build"
    assert not (tmp_path / "docs").exists()


def test_a_failed_mkdocs_build_leaves_the_previous_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous = tmp_path / "site"
    previous.mkdir()
    (previous / "marker.html").write_text("previous build")
    config = isolated_mkdocs_config(tmp_path)
    config.write_text(config.read_text().replace("name: material", "name: no-such-theme"))
    status = main(
        ["build", "--content", str(FIXTURE), "--mkdocs-config", str(config), "--out", str(previous)]
    )
    assert status == 1
    assert "MkDocs failed" in capsys.readouterr().err
    assert (previous / "marker.html").read_text() == "previous build"
    assert not list(tmp_path.glob(".site.*"))
    time.sleep(3)  # nothing started by the build (the search indexer) writes on afterwards
    assert not list(tmp_path.glob(".site.*"))


def test_work_folders_left_by_a_killed_build_are_removed_by_the_next(tmp_path: Path) -> None:
    stale = tmp_path / ".site.new-999999999"
    stale.mkdir()
    (stale / "index.html").write_text("half-built")
    assert build(tmp_path, "--no-search-index") == 0
    assert not stale.exists()
    assert (tmp_path / "site/index.html").exists()


def test_plain_mkdocs_build_works_after_generating_the_docs_folder(tmp_path: Path) -> None:
    assert build(tmp_path, "--no-mkdocs") == 0
    assert (tmp_path / "docs/events/seminar-2030.md").exists()
    assert (tmp_path / "docs/schema/event.schema.json").exists()
    config = isolated_mkdocs_config(tmp_path, hooks=False)
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(config),
            "-d",
            str(tmp_path / "plain"),
        ],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "plain/events/seminar-2030/index.html").exists()
    assert (tmp_path / "plain/schema/event.schema.json").exists()


def _article(html: str) -> str:
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
    assert match is not None
    return " ".join(match.group(1).split())


def _outside_article(html: str) -> str:
    return re.sub(
        r'(<article class="md-content__inner md-typeset">).*?(</article>)', "", html, flags=re.S
    )


def test_the_mkdocs_hook_only_makes_the_build_faster(tmp_path: Path) -> None:
    assert build(tmp_path, "--no-search-index") == 0
    config = isolated_mkdocs_config(tmp_path, hooks=False)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(config),
            "-d",
            str(tmp_path / "plain"),
        ],
        check=True,
        env=ENV,
    )
    pages = sorted(p.relative_to(tmp_path / "plain") for p in (tmp_path / "plain").rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        with_hook = (tmp_path / "site" / page).read_text()
        without = (tmp_path / "plain" / page).read_text()
        assert _article(with_hook) == _article(without), page
        # Outside the article (sidebars, footer, scripts: cached per folder by the hook)
        # the pages are the same byte for byte.
        assert _outside_article(with_hook) == _outside_article(without), page


def test_site_url_option_changes_links_but_not_pages(tmp_path: Path) -> None:
    assert build(tmp_path, "--no-search-index", "--site-url", "https://example.net/sub/") == 0
    html = (tmp_path / "site/events/seminar-2030/index.html").read_text()
    assert '<link rel="canonical" href="https://example.net/sub/events/seminar-2030/">' in html
    assert '"url":"https://example.net/sub/events/seminar-2030/"' in html


def test_a_failing_search_indexer_fails_the_build_and_keeps_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator import sitebuild

    previous = tmp_path / "site"
    previous.mkdir()
    (previous / "marker.txt").write_text("old site")
    monkeypatch.setattr(sitebuild, "pagefind_executable", lambda: Path("/bin/false"))
    assert build(tmp_path) == 1
    assert "error: Pagefind failed" in capsys.readouterr().err
    assert (previous / "marker.txt").read_text() == "old site"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []
