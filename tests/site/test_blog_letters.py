"""Issue 15 on the blog page, in Chromium under the site's real CSP: the answer mode and the
consent with its rule, a question for a report meeting, the code shown once and the status
lookup, the meeting page's count of questions, and ``blog.anonymous: refuse``.

A small site (the example's data, pages and December report meeting) is built with its
letters_endpoint set to a real ``site-gen letters serve`` on 127.0.0.1.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.security.nginx_harness import free_port
from tests.site.conftest import LOCAL_HOST, REPO, TODAY, _QuietHandler, _Server

pytestmark = pytest.mark.browser
BLOG = "kk/page/blog/"
MEETING = "2026-11-18-esep-beru-kezdesui"
MEETING_PAGE = f"kk/announcements/{MEETING}/"
JUNE = "2026-05-29-mausym-kezdesui"  # a past meeting (made in the fixture)
LETTER = "Сыйақы төлеу тәртібі туралы есеп беру кездесуінде айтып берсеңіздер екен."


@dataclass
class Site:
    url: str
    db: Path
    endpoint: str


def _content(target: Path, endpoint: str, anonymous: str) -> None:
    for folder in ("_data", "images", "pages", "files"):
        if (REPO / "content" / folder).is_dir():
            shutil.copytree(REPO / "content" / folder, target / folder)
    (target / "announcements").mkdir()
    for lang in ("kk", "ru"):
        name = f"{MEETING}.{lang}.md"
        shutil.copy(REPO / "content" / "announcements" / name, target / "announcements" / name)
    # June: the results page (with its report file) and, made from it here, the meeting's own
    # announcement (no report of its own: its answers are on the results page).
    results = "2026-06-19-esep-beru-qorytyndysy"
    for lang in ("kk", "ru"):
        source = REPO / "content" / "announcements" / f"{results}.{lang}.md"
        shutil.copy(source, target / "announcements" / source.name)
        head, _sep, body = source.read_text(encoding="utf-8")[4:].partition("\n---\n")
        head = re.sub(r"(?ms)^(report|action_plan):.*?(?=^\S|\Z)", "", head)
        head = re.sub(r"(?m)^date: .*$", "date: 2026-05-29", head)
        head = re.sub(r'(?m)^title: .*$', 'title: "June meeting"', head)
        (target / "announcements" / f"{JUNE}.{lang}.md").write_text(
            f"---\n{head}\n---\n{body}", encoding="utf-8")
    site_yml = target / "_data" / "site.yml"
    text = re.sub(r'(?m)^letters_endpoint:.*$', f'letters_endpoint: "{endpoint}"',
                  site_yml.read_text(encoding="utf-8"))
    text = re.sub(r"(?m)^  anonymous: .*$", f"  anonymous: {anonymous}", text)
    site_yml.write_text(text, encoding="utf-8")


def _serve_folder(folder: Path) -> tuple[_Server, str]:
    web = _Server((LOCAL_HOST, 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=web.serve_forever, daemon=True).start()
    return web, f"http://{LOCAL_HOST}:{web.server_address[1]}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    from site_gen.build import build

    root = tmp_path_factory.mktemp("jarshy-letters15")
    (root / "site").mkdir()
    web, origin = _serve_folder(root / "site")
    port = free_port()
    endpoint = f"http://{LOCAL_HOST}:{port}/letters"
    _content(root / "content", endpoint, "accept")
    db = root / "var" / "letters.sqlite3"
    server = subprocess.Popen(
        [sys.executable, "-m", "site_gen.cli", "letters", "serve", "--host", LOCAL_HOST,
         "--port", str(port), "--db", str(db), "--origin", origin,
         "--content", str(root / "content")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    try:
        assert server.stdout is not None
        assert "listening on" in server.stdout.readline()
        build(root / "content", root / "site", date=TODAY, repo=REPO, build_dir=root / "build")
        yield Site(origin + "/", db, endpoint)
    finally:
        server.terminate()
        server.communicate(timeout=10)
        web.shutdown()
        web.server_close()


@pytest.fixture
def browser_page(_browser: Any) -> Iterator[Any]:
    """A page that may reach only 127.0.0.1 and records CSP violations, the clock set to
    the site's build day (the form drops meetings whose questions deadline has passed)."""
    context = _browser.new_context(locale="kk-KZ", viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def route(r: Any) -> None:
        host = urlsplit(r.request.url).hostname
        if r.request.url.startswith(("data:", "blob:", "about:")) or host == LOCAL_HOST:
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.clock.set_fixed_time(f"{TODAY}T10:00:00")
    pg.csp_errors = []
    pg.on("console", lambda m: pg.csp_errors.append(m.text)
          if "Content Security Policy" in m.text else None)
    pg.set_default_timeout(10_000)
    yield pg
    context.close()
    assert not outside, outside


def test_the_form_asks_the_answer_mode_and_consent_with_its_rule(browser_page: Any,
                                                                 site: Site) -> None:
    page = browser_page
    page.goto(site.url + BLOG)
    assert page.locator(".jarshy-blog-terms").inner_text().count("Есімсіз хаттар да қабылданады")
    assert page.get_by_label("Блогта жариялансын (аты-жөнім көрсетілмейді)").is_checked()
    assert page.get_by_label("Жеке өзіме, көрсетілген байланыс арқылы").is_visible()
    consent = page.get_by_label("Жеке деректерімді осы хат бойынша өңдеуге келісемін")
    assert consent.is_visible() and not consent.is_checked()
    page.get_by_text("Жеке деректерді өңдеу қағидасы").click()
    rule = page.locator("#jarshy-consent-rule")
    assert rule.is_visible() and "тек уәкілетті қызметкерлер" in rule.inner_text()
    # an answer in person without a contact, and no consent: both said before sending
    page.get_by_label("Бөлімше").fill("Жылу желілері")
    page.get_by_label("Хат мәтіні").fill(LETTER)
    page.get_by_label("Жеке өзіме, көрсетілген байланыс арқылы").check()
    page.get_by_role("button", name="Жіберу").click()
    assert page.locator(".jarshy-blog-error[data-for=contact]").inner_text() == \
        "Бұл жолды толтырыңыз."
    assert page.locator(".jarshy-blog-error[data-for=consent]").inner_text() == \
        "Келісіміңізсіз хатты қабылдай алмаймыз: белгі қойыңыз."
    assert not json.loads(_export(site))
    assert page.csp_errors == []


def _export(site: Site) -> str:
    return subprocess.run(
        [sys.executable, "-m", "site_gen.cli", "letters", "export", "--format", "json",
         "--db", str(site.db), "--content", str(REPO / "content")],
        capture_output=True, text=True, cwd=REPO, check=True).stdout if site.db.exists() \
        else "[]"


def test_a_question_for_the_meeting_gets_a_code_that_looks_it_up(browser_page: Any,
                                                                 site: Site) -> None:
    page = browser_page
    page.goto(site.url + BLOG)
    meeting = page.get_by_label("Есеп беру кездесуіне сұрақ")
    options = meeting.locator("option").all_inner_texts()
    assert options[0] == "Жоқ, бұл жай хат" and len(options) == 2, options
    assert options[1].startswith("Бас директордың ұжыммен есеп беру кездесуі — 18 желтоқсан, ")
    assert re.search(r"\(сұрақтар .*4.* дейін қабылданады\)$", options[1]), options
    meeting.select_option(MEETING)
    page.get_by_label("Аты-жөніңіз (міндетті емес)").fill("Айгүл Сапарова")
    page.get_by_label("Байланыс (телефон, электрондық пошта немесе жұмыс орны)").fill("ішкі 1234")
    page.get_by_label("Бөлімше").fill("Жылу желілері")
    page.get_by_label("Хат мәтіні").fill(LETTER)
    page.get_by_label("Жеке өзіме, көрсетілген байланыс арқылы").check()
    page.get_by_label("Жеке деректерімді осы хат бойынша өңдеуге келісемін").check()
    page.get_by_role("button", name="Жіберу").click()
    status = page.locator(".jarshy-blog-status[data-state=done]")
    status.wait_for()
    text = status.inner_text()
    number = re.search(r"№ (\d{4}-\d{4}) хатыңыз тіркелді", text)
    code = re.search(r"құпия код: ([A-Z2-7]{4}(?:-[A-Z2-7]{4}){5})\.", text)
    assert number and code, text
    assert "Ресми жауап" in text
    stored = json.loads(_export(site))[-1]
    assert (stored["number"], stored["meeting"], stored["answer_mode"], stored["contact"]) == \
        (number.group(1), MEETING, "personal", "ішкі 1234")
    # the lookup: the right code shows the status and dates, a wrong one the same "not found"
    page.get_by_label("Хат нөмірі").fill(number.group(1))
    page.get_by_label("Құпия код").fill(code.group(1).lower())
    page.get_by_role("button", name="Тексеру").click()
    result = page.locator(".jarshy-lookup-result[data-state=done]")
    result.wait_for()
    shown = result.inner_text()
    assert "Хат тіркелді, қаралуда." in shown and "Ресми жауап мерзімі" in shown
    assert "Айгүл" not in shown and "ішкі" not in shown
    page.get_by_label("Құпия код").fill("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF")
    page.get_by_role("button", name="Тексеру").click()
    page.locator(".jarshy-lookup-result[data-state=error]").wait_for()
    assert page.locator(".jarshy-lookup-result").inner_text() == \
        "Мұндай нөмір мен код табылмады. Екеуін де тексеріңіз."
    # the meeting's page counts the question (read from the letters service)
    page.goto(site.url + MEETING_PAGE)
    count = page.locator("[data-jarshy=questions-count]")
    count.wait_for(state="visible")
    assert count.inner_text() == "Кездесуге келген сұрақтар: 1"
    assert page.csp_errors == []


def test_a_meeting_past_its_questions_deadline_is_not_offered(_browser: Any,
                                                              site: Site) -> None:
    context = _browser.new_context(locale="kk-KZ")
    try:
        page = context.new_page()
        page.clock.set_fixed_time("2026-12-05T10:00:00")  # after 04.12, the last day
        page.goto(site.url + BLOG)
        assert page.locator("form.jarshy-blog-form").is_visible()
        assert page.locator("#jarshy-letter-meeting option").count() == 1
        assert not page.locator("#jarshy-letter-meeting").is_visible()
    finally:
        context.close()


@pytest.fixture(scope="module")
def refusing_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from site_gen.build import build

    root = tmp_path_factory.mktemp("jarshy-refuse")
    _content(root / "content", "", "refuse")
    build(root / "content", root / "site", date=TODAY, repo=REPO, build_dir=root / "build")
    web, origin = _serve_folder(root / "site")
    try:
        yield origin + "/"
    finally:
        web.shutdown()
        web.server_close()


def test_with_anonymous_refuse_the_page_and_the_form_ask_for_a_name(browser_page: Any,
                                                                    refusing_site: str) -> None:
    page = browser_page
    page.goto(refusing_site + BLOG)
    assert "Есімсіз хаттар қабылданбайды" in page.locator(".jarshy-blog-terms").inner_text()
    page.get_by_label("Аты-жөніңіз", exact=True).wait_for()
    page.get_by_label("Бөлімше").fill("Жылу желілері")
    page.get_by_label("Хат мәтіні").fill(LETTER)
    page.get_by_label("Жеке деректерімді осы хат бойынша өңдеуге келісемін").check()
    page.get_by_role("button", name="Жіберу").click()
    assert page.locator(".jarshy-blog-error[data-for=name]").inner_text() == \
        "Бұл жолды толтырыңыз."
    assert page.locator(".jarshy-blog-error[data-for=contact]").inner_text() == \
        "Бұл жолды толтырыңыз."
    page.goto(refusing_site + "ru/page/blog/")
    assert "Анонимные письма не принимаются" in page.locator(".jarshy-blog-terms").inner_text()
    # this site has no letters endpoint: its meeting pages show no count and no lookup form
    assert page.locator("form.jarshy-lookup-form").count() == 0
    page.goto(refusing_site + MEETING_PAGE)
    assert page.locator("[data-jarshy=questions-count]").count() == 0
    assert page.csp_errors == []


def test_after_the_meeting_its_page_says_where_the_answers_are(browser_page: Any,
                                                               site: Site) -> None:
    page = browser_page
    page.goto(site.url + f"kk/announcements/{JUNE}/")
    link = page.get_by_role("link", name="Сұрақтарға жауаптар")
    assert link.get_attribute("href") == "../2026-06-19-esep-beru-qorytyndysy/"
    link.click()
    page.wait_for_url("**/2026-06-19-esep-beru-qorytyndysy/")
    report = page.get_by_role("link", name="Сұрақтарға жауаптар")
    assert (report.get_attribute("href") or "").endswith("files/esep-2026-06.pdf")
    # before the meeting there is no such link, only the count
    page.goto(site.url + MEETING_PAGE)
    assert page.get_by_role("link", name="Сұрақтарға жауаптар").count() == 0
    assert page.csp_errors == []
