"""Fixtures for browser tests of the built site, shared by every test in the repository
(tests/site, tests/security, …): one build of the example and one Chromium per session.
Two Playwright instances in one process do not get along, so no test starts its own.

* ``built_site``: the example content (plus ``tests/site/fixtures/content``: a title with
  ``<script>``, a future and an expired item) built once per session, with today pinned to
  2026-11-23, into a temporary folder. Returns the site folder (``kk/``, ``ru/``, ``index.html``).
* ``built_content`` / ``built_now``: the content that site was built from, checked (a
  ``ContentSet``), and the build's moment (noon of ``TODAY`` in the company's zone).
* ``site_url``: that folder served by ``http.server`` on 127.0.0.1 (random free port, one
  thread), e.g. ``http://127.0.0.1:41234/``.
* ``page``: a Playwright page in Debian's headless Chromium. Every request is recorded in
  ``page.requests_seen`` (a list of URLs); a request to any other host is blocked, and the
  test fails at teardown if one was made. On failure a trace and a screenshot are kept
  under ``test-artifacts/<test name>/``.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import re
import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from site_gen.content.model import ContentSet
from tests.mailbox import Inbox

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-23"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCAL_HOST = "127.0.0.1"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the example content once; return the site folder."""
    from site_gen.build import build

    root = tmp_path_factory.mktemp("jarshy-site")
    content = root / "content"
    shutil.copytree(REPO / "content", content)
    shutil.copytree(Path(__file__).parent / "site" / "fixtures" / "content", content,
                    dirs_exist_ok=True)
    out = root / "site"
    build(content, out, date=TODAY, repo=REPO, build_dir=root / "build")
    return out


@pytest.fixture(scope="session")
def built_content(built_site: Path) -> ContentSet:
    """The content ``built_site`` was built from (copied beside it), as ``check`` reads it."""
    from site_gen.content import check

    found, _, _ = check(built_site.parent / "content")
    return found


@pytest.fixture(scope="session")
def built_now(built_content: ContentSet) -> datetime:
    """The moment ``built_site`` was built for: noon of ``TODAY`` in the company's zone."""
    return datetime.combine(date.fromisoformat(TODAY), time(12),
                            tzinfo=built_content.settings.zone)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that closes a connection early (a cancelled font or image) is not a bug.
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) from a thread; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _Server((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Serve ``built_site`` on 127.0.0.1 from a thread; yield the base URL."""
    with serve_folder(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def _browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing; install the Debian package 'chromium'")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, Inbox]]:
    """A real SMTP server on 127.0.0.1 (aiosmtpd); yields its port and what it received."""
    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind((LOCAL_HOST, 0))
        port = int(s.getsockname()[1])
    inbox = Inbox()
    controller = Controller(inbox, hostname=LOCAL_HOST, port=port)
    controller.start()
    try:
        yield port, inbox
    finally:
        controller.stop()


@pytest.fixture
def chromium(_browser: Any) -> Any:
    """The session's Chromium (a Playwright Browser), for tests that make their own contexts."""
    return _browser


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


_FAILED = pytest.StashKey[bool]()


@pytest.fixture
def page(_browser: Any, site_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page; no request may leave 127.0.0.1 (checked after the test)."""
    context = _browser.new_context(locale="kk-KZ", viewport={"width": 1280, "height": 900})
    context.tracing.start(screenshots=True, snapshots=True)
    seen: list[str] = []
    outside: list[str] = []

    def route(r: Any) -> None:
        url = r.request.url
        seen.append(url)
        host = urlsplit(url).hostname
        if url.startswith(("data:", "blob:", "about:")) or host == LOCAL_HOST:
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.requests_seen = seen
    pg.set_default_timeout(10_000)
    yield pg
    if request.node.stash.get(_FAILED, False):
        name = re.sub(r"[^\w.\[\]-]+", "_", request.node.nodeid, flags=re.ASCII)
        digest = hashlib.sha1(request.node.nodeid.encode()).hexdigest()[:8]
        folder = ARTIFACTS / f"{name[:80]}-{digest}"
        folder.mkdir(parents=True, exist_ok=True)
        try:
            pg.screenshot(path=str(folder / "failure.png"), full_page=True)
        finally:
            context.tracing.stop(path=str(folder / "trace.zip"))
    else:
        context.tracing.stop()
    context.close()
    assert not outside, f"requests left {LOCAL_HOST}: {outside}"
