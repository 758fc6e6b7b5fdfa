"""Browser tests: the app on a real port, Debian's Chromium through Playwright, axe-core."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import Page
from werkzeug.serving import make_server

from quizapp import create_app
from quizapp.live_push import watcher_of
from tests.conftest import settings_for

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's Chromium where it is installed; Playwright's own browser elsewhere."""
    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    args = {**browser_type_launch_args, "args": CHROMIUM_ARGS}
    if Path(chromium).exists():
        args["executable_path"] = chromium
    return args


@pytest.fixture
def app(template_database: Path, tmp_path: Path) -> Iterator[Flask]:
    """The browser tests' app: like the app tests' one, but with CSRF protection on."""
    database = tmp_path / "quizapp.sqlite"
    shutil.copyfile(template_database, database)
    # The live pages push over Server-Sent Events, as under gunicorn's gevent worker.
    settings = settings_for(database, WTF_CSRF_ENABLED=True, LIVE_PUSH=True)
    app = create_app(settings, instance_path=str(tmp_path))
    yield app
    watcher_of(app).stop()


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    """Serve the test app on a free loopback port; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


AXE = Axe()


def assert_accessible(page: Page) -> None:
    """axe-core finds no violation on the page as it is now."""
    result = AXE.run(page)
    assert result.violations_count == 0, result.generate_report()


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot under tests/screenshots/ for a person to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
