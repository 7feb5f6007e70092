"""Real Chromium (Debian's, driven by Playwright) against a live server holding the demo unit.

One server for the session: a temporary SQLite file, the demo unit seeded once, CSRF on (so htmx's
X-CSRFToken header path is the one exercised). Each test gets a fresh browser context; a console error,
an uncaught script error, a failed request or a server-side exception fails the test, unless the test said
it expects that HTTP status (a 422 after invalid input, a 403 page). Every test leaves a screenshot in
test-artifacts/browser/.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, expect, sync_playwright
from werkzeug.serving import make_server

from app import create_app, demo
from app.extensions import db

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = os.environ.get("SOTD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
DEMO_PASSWORD = "demo1234"
LAPTOP = {"width": 1366, "height": 768}

# Chromium reports every HTTP error response in the console with this sentence.
_HTTP_ERROR_IN_CONSOLE = re.compile(r"the server responded with a status of (\d{3})")


@dataclass
class LiveServer:
    url: str
    server_errors: list[logging.LogRecord]
    app: Flask  # for a journey that sets up, straight in the database, what other people would have done


class _ErrorLog(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]):
        super().__init__(logging.ERROR)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def serve_demo(folder: Path) -> Iterator[LiveServer]:
    """A live server on a free port holding a freshly seeded demo unit in `folder`."""
    app = create_app({
        "TESTING": False,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'browser.sqlite3'}",
        "SECRET_KEY": "browser-tests",
        "INSTANCE_PATH": str(folder / "instance"),
    })
    with app.app_context():
        db.create_all()
        demo.seed(password=DEMO_PASSWORD)
        db.session.remove()
    server_errors: list[logging.LogRecord] = []
    handler = _ErrorLog(server_errors)
    app.logger.addHandler(handler)
    server = make_server("127.0.0.1", 0, app, threaded=True)  # port 0: the kernel picks a free one
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.server_port}", server_errors, app)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        app.logger.removeHandler(handler)
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    """The demo shared by the tests that leave it as the other tests expect it (a module whose journey moves the
    calendar on overrides this fixture with a server of its own)."""
    with serve_demo(tmp_path_factory.mktemp("live-server")) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. The browser tests drive Debian's chromium, never a downloaded one: "
            "run `make test` (its system-deps target installs chromium with apt), or `apt-get install chromium`. "
            "Set SOTD_CHROMIUM to use a browser elsewhere.",
            pytrace=False,
        )
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    except Exception:
        playwright.stop()
        raise
    yield chromium
    chromium.close()
    playwright.stop()


@dataclass
class BrowserWatch:
    """What went wrong in the browser or on the server while a test ran."""

    server_errors: list[logging.LogRecord]
    server_errors_before: int
    allowed_statuses: set[int] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)

    def allow_status(self, *statuses: int) -> None:
        """The test provokes these HTTP error statuses on purpose (Chromium logs each one as a console error)."""
        self.allowed_statuses.update(statuses)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        status = _HTTP_ERROR_IN_CONSOLE.search(message.text)
        if status and int(status.group(1)) in self.allowed_statuses:
            return
        self.problems.append(f"console error: {message.text} ({message.location.get('url', '')})")

    def on_response(self, response: Response) -> None:
        if response.status >= 400 and response.status not in self.allowed_statuses:
            self.problems.append(f"HTTP {response.status} {response.request.method} {response.url}")

    def on_request_failed(self, request: Request) -> None:
        if "favicon" in request.url and request.failure == "net::ERR_ABORTED":
            return  # Chromium fetches the icon after the load event; the test moving on cancels it, harmlessly
        self.problems.append(f"request failed: {request.method} {request.url}: {request.failure}")

    def on_page_error(self, error: Exception) -> None:
        self.problems.append(f"uncaught script error: {error}")

    def all_problems(self) -> list[str]:
        server = [f"server error: {logging.Formatter().format(record)}"
                  for record in self.server_errors[self.server_errors_before:]]
        return self.problems + server


_WATCH = pytest.StashKey[BrowserWatch]()


def pytest_configure(config):
    config.addinivalue_line("markers", "browser_context(**options): extra options for the test's browser context, "
                                       "e.g. java_script_enabled=False")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail the test itself (not its teardown) when the browser or the server reported a problem."""
    watch = item.stash.get(_WATCH, None)
    try:
        result = yield
    except BaseException as error:
        if watch and watch.all_problems():
            error.add_note("Also seen in the browser / server:\n  " + "\n  ".join(watch.all_problems()))
        raise
    if watch and watch.all_problems():
        pytest.fail("The browser or the server reported problems:\n  " + "\n  ".join(watch.all_problems()),
                    pytrace=False)
    return result


def _artifact(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / (re.sub(r"[^\w.-]+", "_", name).strip("_") + ".png")


@pytest.fixture
def watch(request) -> BrowserWatch:
    return request.node.stash[_WATCH]


@pytest.fixture
def page(request, browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    marker = request.node.get_closest_marker("browser_context")
    options = {"locale": "vi-VN", "viewport": LAPTOP, "base_url": live_server.url, **(marker.kwargs if marker else {})}
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    watch = BrowserWatch(live_server.server_errors, len(live_server.server_errors))
    request.node.stash[_WATCH] = watch
    page = context.new_page()
    page.on("console", watch.on_console)
    page.on("response", watch.on_response)
    page.on("requestfailed", watch.on_request_failed)
    page.on("pageerror", watch.on_page_error)
    yield page
    try:
        page.screenshot(path=_artifact(request.node.name), full_page=True)
    except Exception as error:  # a crashed page must not hide the test's own result
        warnings.warn(f"no screenshot for {request.node.name}: {error}", stacklevel=1)
    finally:
        context.close()


@pytest.fixture
def screenshot() -> Callable[[Page, str], Path]:
    """Save an extra screenshot, named by the caller, next to the per-test ones."""

    def save(page: Page, name: str) -> Path:
        path = _artifact(name)
        page.screenshot(path=path, full_page=True)
        return path

    return save


@pytest.fixture
def log_in(page: Page) -> Callable[[str], None]:
    """Sign in through the login form; lands on the home page."""

    def sign_in(username: str, password: str = DEMO_PASSWORD) -> None:
        page.goto("/login")
        page.get_by_label("Tên đăng nhập", exact=True).fill(username)
        page.get_by_label("Mật khẩu", exact=True).fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.get_by_role("heading", level=1, name="Việc của tôi")).to_be_visible()
        page.wait_for_load_state()  # its scripts too: navigating on sooner would abort them

    return sign_in


@pytest.fixture
def log_out(page: Page) -> Callable[[], None]:
    """Sign out with the header's button; lands on the login page."""

    def sign_out() -> None:
        page.get_by_role("button", name="Đăng xuất").click()
        expect(page).to_have_url(re.compile(r"/login\?signed_out=1$"))
        expect(page.get_by_role("heading", level=1, name="Đăng nhập")).to_be_visible()
        page.wait_for_load_state()

    return sign_out
