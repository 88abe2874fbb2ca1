"""``clearinghouse serve``: an edited record updates its page, and nothing else rebuilds."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from watchdog.events import (
    FileClosedEvent,
    FileClosedNoWriteEvent,
    FileModifiedEvent,
    FileOpenedEvent,
)

from generator.commands.serve import is_change
from tests.conftest import MINIMAL_EVENT, REPO_ROOT, write_content
from tests.sitehelpers import isolated_mkdocs_config


def test_reading_a_file_is_not_a_change(tmp_path: Path) -> None:
    path = str(tmp_path / "x.yml")
    assert not is_change(FileOpenedEvent(path))
    assert not is_change(FileClosedNoWriteEvent(path))
    assert is_change(FileModifiedEvent(path))
    assert is_change(FileClosedEvent(path))
    settings = tmp_path / "clearinghouse.yml"
    assert is_change(FileModifiedEvent(str(settings)), only=settings)
    assert not is_change(FileModifiedEvent(path), only=settings)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        text: str = response.read().decode("utf-8")
        return text


def _wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():  # type: ignore[operator]
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def test_editing_a_record_updates_its_page_and_an_idle_server_stays_idle(
    tmp_path: Path,
) -> None:
    content = write_content(tmp_path, {"events/x-event.yml": MINIMAL_EVENT})
    config = isolated_mkdocs_config(tmp_path)
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    command = [sys.executable, "-m", "generator", "serve", "--content", str(content)]
    command += ["--mkdocs-config", str(config), "--allow-shallow", "--today", "2030-01-01"]
    server = subprocess.Popen(
        [*command, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=REPO_ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    page = f"http://127.0.0.1:{port}/events/x-event/"
    try:
        assert _wait_for(lambda: "Example Seminar" in _get(page), 90), (
            tmp_path / "serve.log"
        ).read_text()
        time.sleep(3)  # idle: no file changed, so nothing may be regenerated
        assert (tmp_path / "serve.log").read_text().count("regenerated:") == 1
        (content / "events/x-event.yml").write_text(
            MINIMAL_EVENT.replace("Example Seminar", "Renamed Seminar"), "utf-8"
        )
        assert _wait_for(lambda: "Renamed Seminar" in _get(page), 60), (
            tmp_path / "serve.log"
        ).read_text()
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
