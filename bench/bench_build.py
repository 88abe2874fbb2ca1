"""``clearinghouse build`` of 10,000 synthetic events against a bare ``mkdocs build``.

Run: ``python bench/bench_build.py [--events 10000]``.  Prints, from one run on the same
machine:

- the full ``clearinghouse build`` (validate, render pages + calendars + feeds + data,
  MkDocs, Pagefind search index), with page count and site size;
- a bare ``mkdocs build`` (mkdocs-material with its default plugins, i.e. the built-in
  search) of as many plain Markdown pages as the clearinghouse build produced (event
  pages plus lists, facets, month grids, ...), out of the nav;
- the same bare build with the project's theme settings and no search plugin;
- the ratios.  Goal: clearinghouse / bare default ≤ 1.25.

Also prints the largest first-visit page weight (HTML + CSS + JS, uncompressed).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import generate_corpus

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-12-03"


def _folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _run(args: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    completed = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{completed.stdout}\n{completed.stderr}")
    return elapsed


def _project_config(tmp: Path, docs: Path) -> Path:
    text = (REPO / "mkdocs.yml").read_text("utf-8")
    text = text.replace("docs_dir: build/docs", f"docs_dir: {docs}")
    text = text.replace(
        "custom_dir: site_templates/overrides", f"custom_dir: {REPO / 'site_templates/overrides'}"
    )
    text = text.replace(
        "  - generator/mkdocs_hooks.py", f"  - {REPO / 'generator/mkdocs_hooks.py'}"
    )
    config = tmp / "mkdocs.yml"
    config.write_text(text, "utf-8")
    return config


def _mkdocs_build(config: Path, site: Path) -> float:
    """Seconds of a quiet ``mkdocs build`` with *config* into *site*."""
    return _run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        cwd=config.parent,
    )


def _plain_pages(folder: Path, count: int) -> None:
    (folder / "events").mkdir(parents=True)
    (folder / "index.md").write_text("# Home\n\nPlain pages for the baseline.\n", "utf-8")
    for i in range(count):
        (folder / "events" / f"event-{i:06d}.md").write_text(
            f"# Synthetic event {i}\n\nA seminar on export controls in Tokyo, 6–8 February.\n\n"
            "- Organizer: Ministry of Examples\n- Topics: licensing, customs\n",
            "utf-8",
        )


def _bare_config(tmp: Path, name: str, docs: Path, plugins: str) -> Path:
    config = tmp / f"{name}.yml"
    config.write_text(
        f"site_name: Baseline\nsite_url: https://example.org/\ndocs_dir: {docs}\n"
        f"theme:\n  name: material\n  font: false\n{plugins}"
        "nav:\n  - Home: index.md\nvalidation:\n  nav:\n    omitted_files: ignore\n",
        "utf-8",
    )
    return config


def _first_visit_weight(site: Path) -> tuple[int, str]:
    """Largest HTML page plus the CSS and JS every page loads (uncompressed bytes)."""
    assets = sum(
        p.stat().st_size
        for pattern in (
            "assets/stylesheets/main.*.min.css",
            "assets/stylesheets/palette.*.min.css",
            "assets/javascripts/bundle.*.min.js",
            "assets/xc.css",
            "assets/xc.js",
        )
        for p in site.glob(pattern)
    )
    largest = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    return largest.stat().st_size + assets, str(largest.relative_to(site))


def main() -> None:
    """Run the three builds and print times, sizes and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        content = generate_corpus(tmp / "content", args.events)
        docs = tmp / "docs"
        site = tmp / "site"
        config = _project_config(tmp, docs)
        ours = _run(
            [
                sys.executable,
                "-m",
                "generator",
                "build",
                "--content",
                str(content),
                "--out",
                str(site),
                "--today",
                TODAY,
                "--mkdocs-config",
                str(config),
            ],
            cwd=REPO,
        )
        pages = sum(1 for _ in site.rglob("*.html"))
        print(
            f"clearinghouse build, {args.events:,} events: {ours:6.1f} s  "
            f"({pages:,} HTML pages, {_folder_size(site) / 1e6:,.0f} MB)"
        )
        weight, page = _first_visit_weight(site)
        print(
            f"  heaviest first visit: {weight / 1000:,.0f} KB uncompressed ({page} + CSS + JS; goal ≤ 400 KB)"
        )

        plain = tmp / "plain"
        _plain_pages(plain, pages - 1)
        default = _bare_config(tmp, "default", plain, "")
        bare_default = _mkdocs_build(default, tmp / "bare1")
        print(
            f"bare mkdocs build, {pages:,} plain pages, material defaults (search): {bare_default:6.1f} s"
        )
        no_search = _bare_config(tmp, "nosearch", plain, "plugins: []\n")
        bare_plain = _mkdocs_build(no_search, tmp / "bare2")
        print(
            f"bare mkdocs build, {pages:,} plain pages, no search plugin:        {bare_plain:6.1f} s"
        )
        print(
            f"ratio clearinghouse / bare (material defaults): {ours / bare_default:4.2f}  (goal ≤ 1.25)"
        )
        print(f"ratio clearinghouse / bare (no search plugin):  {ours / bare_plain:4.2f}")


if __name__ == "__main__":
    main()
