"""The head's blog page in Chromium: rules, answers, the form with and without JavaScript,
and a letter posted to a real ``site-gen letters serve`` on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from tests.site.conftest import LOCAL_HOST, REPO, TODAY
from tests.site.test_search import search

pytestmark = pytest.mark.browser
BLOG = {"kk": "kk/page/blog/", "ru": "ru/page/blog/"}  # the blog item's own address
LETTER_KK = "Асхананың түскі ас уақытын ауысымдағы жұмысшылар үшін 30 минутқа ұзартуды сұраймыз."


def h1(page: Any) -> str:
    return str(page.locator("h1").inner_text()).rstrip("¶").strip()


def test_blog_page_has_the_rules_the_form_and_the_answers(page: Any, site_url: str) -> None:
    page.goto(site_url + BLOG["kk"])
    assert h1(page) == "Бірінші басшының блогы"
    rules = page.locator("h2", has_text="Блогты пайдалану қағидалары")
    write = page.locator("h2", has_text="Хат жазу")
    assert rules.is_visible() and write.is_visible()
    # one page: the item's text (the rules), then the form, then the answers, in one article
    heads = [str(x).strip().rstrip("¶").strip()
             for x in page.locator("article h2").all_inner_texts()]
    assert heads.index("Блогты пайдалану қағидалары") < heads.index("Хат жазу") \
        < heads.index("Хаттарға жауаптар")
    form = page.locator("form.jarshy-blog-form")
    assert form.is_visible()
    for label in ("Аты-жөніңіз (міндетті емес)", "Бөлімше", "Хат тілі", "Хат мәтіні"):
        assert page.get_by_label(label).is_visible()
    assert page.locator("#jarshy-letter-lang").input_value() == "kk"
    # the mail alternative says plainly that a mail is not anonymous
    assert "жасырын емес" in page.locator(".jarshy-blog-anon").inner_text()
    # answers: newest first, each with its letter number, each link opens the answer
    items = page.locator(".jarshy-blog-answer-list li")
    assert items.count() >= 2
    dates = [items.nth(i).locator("time").get_attribute("datetime") for i in range(items.count())]
    assert dates == sorted(dates, reverse=True)
    meta = items.first.locator(".jarshy-blog-answer-meta").inner_text()
    assert re.search(r"№ \d{4}-\d{4} хатқа жауап", meta)
    title = items.first.locator("h3 a").inner_text()
    items.first.locator("h3 a").click()
    page.wait_for_url(re.compile(r"/kk/page/[^/]+/$"))
    assert h1(page) == title


def test_russian_blog_page_speaks_russian(page: Any, site_url: str) -> None:
    page.goto(site_url + BLOG["ru"])
    assert h1(page) == "Блог первого руководителя"
    assert page.locator("h2", has_text="Правила пользования блогом").is_visible()
    assert page.locator("h2", has_text="Написать письмо").is_visible()
    assert page.locator("#jarshy-letter-lang").input_value() == "ru"
    assert "не анонимно" in page.locator(".jarshy-blog-anon").inner_text()
    assert page.locator(".jarshy-blog-answer-meta").first.inner_text().count("Ответ на письмо № ")


def test_blog_is_in_the_sidebar_and_on_the_home_page(page: Any, site_url: str) -> None:
    page.goto(site_url + "kk/")
    page.locator(".jarshy-home-blog a.md-button").click()
    page.wait_for_url(re.compile(r"/kk/page/blog/#letter$"))
    assert page.locator("form.jarshy-blog-form").is_visible()
    page.goto(site_url + "ru/news/")  # the home page is full width, without the sidebar
    page.locator(".md-sidebar--primary a[href$='page/blog/']").first.click()
    page.wait_for_url(re.compile(r"/ru/page/blog/$"))
    assert h1(page) == "Блог первого руководителя"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_blog_has_one_page_and_it_links_to_its_translation(
        page: Any, site_url: str, built_site: Path, lang: str) -> None:
    pages = [p.parent.relative_to(built_site / lang).as_posix()
             for p in (built_site / lang).rglob("index.html")
             if "jarshy-blog-form" in p.read_text(encoding="utf-8")]
    assert pages == ["page/blog"]
    assert not (built_site / lang / "blog").exists()
    # search finds the blog once, at the item's address
    title = {"kk": "Бірінші басшының блогы", "ru": "Блог первого руководителя"}[lang]
    found = [r.split(f"/{lang}/", 1)[1] for r in search(page, site_url, lang, title)
             if "blog" in r.split(f"/{lang}/", 1)[1]]
    assert found == ["page/blog/"]
    other = "ru" if lang == "kk" else "kk"
    page.goto(site_url + BLOG[lang])
    page.locator("a[data-jarshy=translation]").click()
    page.wait_for_url(re.compile(rf"/{other}/page/blog/$"))
    assert page.locator("form.jarshy-blog-form").count() == 1


def mail_parts(href: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    return unquote(parts.path), query


def test_without_javascript_the_page_offers_a_filled_in_mail(_browser: Any,
                                                              site_url: str) -> None:
    context = _browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(site_url + BLOG["kk"])
        assert not pg.locator("form.jarshy-blog-form").is_visible()
        assert "скрипттер өшірулі" in pg.locator(".jarshy-blog-noscript").inner_text()
        assert "жасырын емес" in pg.locator(".jarshy-blog-anon").inner_text()
        link = pg.locator("a[data-jarshy=mailto]")
        assert link.is_visible()
        to, query = mail_parts(link.get_attribute("href") or "")
        assert to == "blog@zharyq.example.kz"
        assert query["subject"] == "Бірінші басшының блогына хат"
        assert "Бөлімше:" in query["body"] and "Хат мәтіні:" in query["body"]
        assert "Хат тілі: Қазақ тілі" in query["body"]
    finally:
        context.close()


def test_without_an_endpoint_the_form_writes_the_mail(page: Any, site_url: str) -> None:
    page.goto(site_url + BLOG["kk"])
    page.get_by_label("Бөлімше").fill("Жылу желілері")
    page.get_by_label("Хат мәтіні").fill(LETTER_KK)
    assert page.locator(".jarshy-blog-count").inner_text() == f"{len(LETTER_KK)} / 4000 таңба"
    _to, query = mail_parts(page.locator("a[data-jarshy=mailto]").get_attribute("href") or "")
    assert "Бөлімше: Жылу желілері" in query["body"]
    assert LETTER_KK in query["body"]
    page.get_by_label("Жеке деректерімді осы хат бойынша өңдеуге келісемін").check()
    page.get_by_role("button", name="Жіберу").click()
    status = page.locator(".jarshy-blog-status").inner_text()
    assert "Пошта бағдарламасында хат дайындалды" in status


def test_length_checks_speak_the_page_language_before_anything_is_sent(
        page: Any, site_url: str) -> None:
    page.goto(site_url + BLOG["ru"])
    page.get_by_label("Текст письма").fill("Коротко")
    page.get_by_role("button", name="Отправить").click()
    assert page.locator(".jarshy-blog-error[data-for=department]").inner_text() == \
        "Заполните это поле."
    assert page.locator(".jarshy-blog-error[data-for=text]").inner_text() == \
        "Напишите не менее 10 знаков."
    assert page.locator("#jarshy-letter-department").get_attribute("aria-invalid") == "true"
    # the field takes no more than the server accepts, and the counter says so
    page.get_by_label("Текст письма").fill("ю" * 4100)
    assert len(page.get_by_label("Текст письма").input_value()) == 4000
    assert page.locator(".jarshy-blog-count").inner_text() == "4000 из 4000 знаков"
    assert not any(u.startswith("mailto:") for u in page.requests_seen)


# ---- a site whose letters_endpoint is a real `site-gen letters serve` --------------------


@dataclass
class LettersSite:
    url: str
    db: Path
    endpoint: str


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _small_content(target: Path, endpoint: str) -> None:
    """The example's data files and pages (the blog and its answers), with the endpoint set."""
    for folder in ("_data", "images", "pages"):  # issue covers live in images/
        shutil.copytree(REPO / "content" / folder, target / folder)
    site_yml = target / "_data" / "site.yml"
    text = re.sub(r'(?m)^letters_endpoint:.*$', f'letters_endpoint: "{endpoint}"',
                  site_yml.read_text(encoding="utf-8"))
    site_yml.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def letters_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LettersSite]:
    from site_gen.build import build

    root = tmp_path_factory.mktemp("jarshy-letters")
    out = root / "site"
    handler = functools.partial(_Quiet, directory=str(out))
    web = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    threading.Thread(target=web.serve_forever, daemon=True).start()
    origin = f"http://{LOCAL_HOST}:{web.server_address[1]}"
    db = root / "var" / "letters.sqlite3"
    server = subprocess.Popen(
        [sys.executable, "-m", "site_gen.cli", "letters", "serve", "--host", LOCAL_HOST,
         "--port", "0", "--db", str(db), "--origin", origin, "--content", str(root / "content")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        found = re.search(r"listening on (http://[\d.]+:\d+/)", first)
        assert found, f"letters serve did not start: {first!r}"
        endpoint = found.group(1) + "letters"
        _small_content(root / "content", endpoint)
        build(root / "content", out, date=TODAY, repo=REPO, build_dir=root / "build")
        yield LettersSite(origin + "/", db, endpoint)
    finally:
        server.terminate()
        server.wait(10)
        web.shutdown()
        web.server_close()


def test_a_letter_posted_from_the_page_gets_its_number(page: Any, letters_site: LettersSite
                                                        ) -> None:
    page.goto(letters_site.url + BLOG["kk"])
    assert page.locator("form.jarshy-blog-form").get_attribute("data-endpoint") == \
        letters_site.endpoint
    page.get_by_label("Бөлімше").fill("Жылу желілері")
    page.get_by_label("Хат мәтіні").fill(LETTER_KK)
    page.get_by_label("Жеке деректерімді осы хат бойынша өңдеуге келісемін").check()
    page.get_by_role("button", name="Жіберу").click()
    status = page.locator(".jarshy-blog-status[data-state=done]")
    status.wait_for()
    text = status.inner_text()
    found = re.search(r"Сіздің № (\d{4}-0001) хатыңыз тіркелді\. "
                      r"Алғашқы жауап (\d\d\.\d\d\.\d{4}) дейін беріледі\.", text)
    assert found, text
    assert page.get_by_label("Хат мәтіні").input_value() == ""
    # The office sees the same letter, with the number the writer was shown.
    listed = subprocess.run(
        [sys.executable, "-m", "site_gen.cli", "letters", "export", "--format", "json",
         "--db", str(letters_site.db), "--content", str(REPO / "content")],
        capture_output=True, text=True, cwd=REPO, check=True)
    letters = json.loads(listed.stdout)
    assert [(x["number"], x["lang"], x["department"], x["text"]) for x in letters] == \
        [(found.group(1), "kk", "Жылу желілері", LETTER_KK)]
    day, month, year = found.group(2).split(".")
    assert letters[0]["reply_by"] == f"{year}-{month}-{day}"
