"""The built site in Chromium, served by a real nginx with the shipped config.

Two things only a real browser behind the real server shows: every response Chromium loads
from the example site (pages, styles, scripts, fonts, pictures, the search index) carries the
site's CSP and ``nosniff``; and the head's-blog form posts on the same origin to
``/api/letters``, through nginx, to the letters service, and shows the letter's number.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.security.nginx_harness import Nginx, free_port, need_nginx, prepare, shipped_csp
from tests.site.conftest import REPO, TODAY

pytestmark = [pytest.mark.browser, need_nginx]
LETTER_KK = "Асхананың түскі ас уақытын ауысымдағы жұмысшылар үшін 30 минутқа ұзартуды сұраймыз."


@pytest.fixture(scope="module")
def nginx_url(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = prepare(tmp_path_factory.mktemp("nginx-example") / "prefix", built_site)
    server.start()
    try:
        yield f"http://127.0.0.1:{server.port}/"
    finally:
        server.stop()


def test_every_response_of_the_example_site_carries_the_policy(page: Any, nginx_url: str
                                                                ) -> None:
    seen: dict[str, dict[str, str]] = {}
    page.on("response", lambda r: seen.__setitem__(r.url, r.all_headers()))
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text)
            if "Content Security Policy" in m.text else None)
    for path in ("kk/", "ru/", "kk/page/blog/", "kk/search/"):
        page.goto(nginx_url + path)
        page.wait_for_load_state("networkidle")
    ours = {u: h for u, h in seen.items() if u.startswith(nginx_url)}
    kinds = {h.get("content-type", "").split(";")[0] for h in ours.values()}
    assert {"text/html", "text/css", "application/javascript"} <= kinds, kinds
    for url, headers in ours.items():
        assert shipped_csp() in headers.get("content-security-policy", ""), url
        assert headers.get("x-content-type-options") == "nosniff", url
    assert violations == []


@dataclass
class LettersSite:
    url: str
    db: Path


@pytest.fixture(scope="module")
def letters_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LettersSite]:
    """A small site whose form posts to /api/letters on its own origin, as deployed."""
    from site_gen.build import build

    root = tmp_path_factory.mktemp("jarshy-letters-nginx")
    letters_port = free_port()
    nginx: Nginx = prepare(root / "prefix", root / "site", letters_port=letters_port)
    origin = f"http://127.0.0.1:{nginx.port}"
    content = root / "content"
    for folder in ("_data", "images", "pages"):
        shutil.copytree(REPO / "content" / folder, content / folder)
    site_yml = content / "_data" / "site.yml"
    text = re.sub(r"(?m)^base_url:.*$", f'base_url: "{origin}/"',
                  site_yml.read_text(encoding="utf-8"))
    text = re.sub(r"(?m)^letters_endpoint:.*$", f'letters_endpoint: "{origin}/api/letters"', text)
    site_yml.write_text(text, encoding="utf-8")
    build(content, root / "site", date=TODAY, repo=REPO, build_dir=root / "build")
    db = root / "var" / "letters.sqlite3"
    service = subprocess.Popen(  # --origin comes from base_url, as on the server
        [sys.executable, "-m", "site_gen.cli", "letters", "serve", "--port", str(letters_port),
         "--db", str(db), "--content", str(content)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=REPO)
    try:
        assert service.stdout is not None
        assert "listening on" in service.stdout.readline()
        nginx.start()
        yield LettersSite(origin + "/", db)
    finally:
        nginx.stop()
        service.terminate()
        service.communicate(timeout=10)


def test_the_form_posts_on_the_same_origin_through_nginx(page: Any,
                                                         letters_site: LettersSite) -> None:
    page.goto(letters_site.url + "kk/page/blog/")
    page.get_by_label("Бөлімше").fill("Жылу желілері")
    page.get_by_label("Хат мәтіні").fill(LETTER_KK)
    page.get_by_label("Жеке деректерімді осы хат бойынша өңдеуге келісемін").check()
    page.get_by_role("button", name="Жіберу").click()
    status = page.locator(".jarshy-blog-status[data-state=done]")
    status.wait_for()
    found = re.search(r"Сіздің № (\d{4}-0001) хатыңыз тіркелді\.", status.inner_text())
    assert found, status.inner_text()
    assert letters_site.url + "api/letters" in page.requests_seen
    listed = subprocess.run(
        [sys.executable, "-m", "site_gen.cli", "letters", "export", "--format", "json",
         "--db", str(letters_site.db), "--content", str(REPO / "content")],
        capture_output=True, text=True, cwd=REPO, check=True)
    assert [(x["number"], x["text"]) for x in json.loads(listed.stdout)] == \
        [(found.group(1), LETTER_KK)]
