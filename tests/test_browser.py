"""The built site in headless Chromium: privacy, accessibility, safety, weight, behaviour.

Runs Debian's Chromium through Playwright (never a downloaded browser). Without
/usr/bin/chromium the tests skip with the reason; in CI (``XC_REQUIRE_BROWSER=1``, set by
``.ci/run``) a missing browser is a failure instead.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests.conftest import REPO_ROOT
from tests.sitehelpers import isolated_mkdocs_config, serve_folder

CHROMIUM = Path("/usr/bin/chromium")
FIXTURE = REPO_ROOT / "tests/fixtures/site/content"
HOSTILE = REPO_ROOT / "tests/fixtures/hostile/content"
FIRST_VISIT_LIMIT = 400_000
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


def _require_browser() -> None:
    if CHROMIUM.exists():
        return
    reason = (
        f"headless browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
    )
    if os.environ.get("XC_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _build(tmp: Path, content: Path, today: str, *extra: str) -> Path:
    config = isolated_mkdocs_config(tmp)
    status = main(
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
            today,
            "--site-url",
            "http://127.0.0.1/",
            *extra,
        ]
    )
    assert status == 0
    return tmp / "site"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_browser()
    site = _build(tmp_path_factory.mktemp("fixture-site"), FIXTURE, "2030-01-15")
    with serve_folder(site) as base:
        yield base


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_browser()
    site = _build(tmp_path_factory.mktemp("hostile-site"), HOSTILE, "2030-01-01")
    with serve_folder(site) as base:
        yield base


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """2,000 synthetic events: enough that unpaginated lists would blow the weight budget."""
    _require_browser()
    sys.path.insert(0, str(REPO_ROOT / "bench"))
    from synth import generate_corpus

    tmp = tmp_path_factory.mktemp("large-site")
    content = generate_corpus(tmp / "content", 2_000)
    site = _build(tmp, content, "2026-12-03")
    with serve_folder(site) as base:
        yield base


PAGES_FOR_AXE = [
    "",
    "events/",
    "events/seminar-2030/",
    "calendar/2030/02/",
    "coverage/",
    "countries/jp/",
]


def test_pages_request_nothing_from_other_hosts(browser: Any, fixture_site: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in [*PAGES_FOR_AXE, "subscribe/", "search/"]:
        page.goto(fixture_site + path, wait_until="networkidle")
    page.fill("#xc-search-input", "Tokyo")
    page.wait_for_selector(".xc-search__result", timeout=10_000)
    context.close()
    foreign = [url for url in requested if not url.startswith(fixture_site)]
    assert requested and foreign == []


def test_pages_make_no_request_that_fails(browser: Any, fixture_site: str) -> None:
    # mkdocs-material fetches sitemap.xml beside every <link rel="alternate"> (meant for
    # language versions); feed and calendar links must not turn that into 404s, which
    # GitHub Pages answers with the whole 404 page on every page view.
    context = browser.new_context()
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    for path in [*PAGES_FOR_AXE, "subscribe/", "coordination/", "topics/licensing/"]:
        page.goto(fixture_site + path, wait_until="networkidle")
    context.close()
    assert failed == []


@pytest.mark.parametrize("path", PAGES_FOR_AXE)
def test_no_serious_or_critical_accessibility_violations(
    browser: Any, fixture_site: str, path: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    page.goto(fixture_site + path, wait_until="networkidle")
    results = Axe().run(page)
    page.close()
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], "\n".join(serious)


HOSTILE_PAGES = [
    "",
    "events/",
    "events/evil-event/",
    "programs/evil-program/",
    "reports/evil-report/",
    "organizations/evil-org/",
    "countries/jp/",
    "topics/licensing/",
    "calendar/2030/02/",
    "reports/",
    "organizations/",
]


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_hostile_records_render_as_inert_text(browser: Any, hostile_site: str, path: str) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_site + path, wait_until="networkidle")
    injected = page.evaluate(
        """() => {
            const found = [];
            for (const el of document.querySelectorAll('iframe, object, embed, svg[onload], img[src="x"]')) {
                found.push(el.outerHTML.slice(0, 80));
            }
            for (const el of document.querySelectorAll('*')) {
                for (const attr of el.attributes) {
                    const value = attr.value.trim().toLowerCase();
                    if (attr.name.startsWith('on') || value.startsWith('javascript:')) {
                        found.push(el.tagName + ' ' + attr.name + '=' + attr.value.slice(0, 40));
                    }
                }
            }
            for (const el of document.querySelectorAll('script:not([src])')) {
                if (el.type !== 'application/ld+json' && el.textContent.includes('alert')) {
                    found.push('inline script: ' + el.textContent.slice(0, 60));
                }
            }
            return found;
        }"""
    )
    text = page.inner_text("article")
    page.close()
    assert dialogs == []
    assert injected == []
    if path == "events/evil-event/":
        assert "<script>alert('title')</script>" in text
        assert "{{ 7*7 }}" in text


def test_pages_are_readable_without_javascript(browser: Any, fixture_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(fixture_site + "events/seminar-2030/")
    assert page.inner_text("h1") == "20th Regional Export Control Seminar"
    assert "4–6 February 2030" in page.inner_text("article")
    page.goto(fixture_site + "kinds/webinar/")
    assert "Commodity Identification Webinar" in page.inner_text("article")
    context.close()


def test_instant_filter_narrows_the_events_list(browser: Any, fixture_site: str) -> None:
    page = browser.new_page()
    page.goto(fixture_site + "events/", wait_until="networkidle")
    assert page.is_visible("form.xc-filter")
    page.select_option("select[name=kind]", "webinar")
    visible = page.eval_on_selector_all(
        "li.xc-event", "items => items.filter(i => !i.hidden).map(i => i.id)"
    )
    page.close()
    assert visible == ["event-customs-webinar"]


def test_search_finds_events_from_the_on_demand_index(browser: Any, fixture_site: str) -> None:
    page = browser.new_page()
    page.goto(fixture_site + "search/", wait_until="networkidle")
    page.fill("#xc-search-input", "Webinar")
    page.wait_for_selector(".xc-search__result", timeout=10_000)
    results = page.inner_text("#xc-search-results")
    page.close()
    assert "Commodity Identification Webinar" in results


HEAVY_PAGES = [
    "",
    "events/",
    "events/archive/2024/",
    "calendar/2027/03/",
    "topics/licensing/",
    "countries/jp/",
    "kinds/seminar/",
    "audiences/government/",
    "countries/",
    "coverage/",
    "subscribe/",
    "reports/",
    "organizations/",
    "programs/",
    "search/",
    "events/event-000001/",
]


def test_first_visit_to_any_page_transfers_at_most_400_kb(browser: Any, large_site: str) -> None:
    heaviest: list[tuple[int, str]] = []
    for path in HEAVY_PAGES:
        context = browser.new_context()  # empty cache: a first visit
        page = context.new_page()
        sizes: list[int] = []
        page.on("response", lambda response, sink=sizes: sink.append(len(response.body() or b"")))
        page.goto(large_site + path, wait_until="networkidle")
        context.close()
        heaviest.append((sum(sizes), path))
    heaviest.sort(reverse=True)
    report = ", ".join(f"{path or '/'}: {size / 1000:.0f} KB" for size, path in heaviest[:5])
    assert heaviest[0][0] <= FIRST_VISIT_LIMIT, report


def test_chromium_is_the_debian_one() -> None:
    _require_browser()
    assert shutil.which("chromium") or CHROMIUM.exists()
