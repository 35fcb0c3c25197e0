"""``site-gen publish`` with a fake clock and a fake sleep: a push is picked up at the next
fetch, the post-receive hook wakes the service at once, a ``publish_at`` moment publishes with
no push, and a bad push publishes the rest and mails its report once (aiosmtpd)."""

from __future__ import annotations

import logging
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from site_gen.mail import SmtpSettings
from site_gen.publish.follow import Follower
from site_gen.publish.report import Reporter
from site_gen.publish.service import Publisher
from tests.conftest import serve_folder
from tests.mailbox import Inbox, mails
from tests.publish.tree import REPO, git, item, make_remote, push, write_item

ZONE = ZoneInfo("Asia/Almaty")
START = datetime(2026, 11, 23, 9, 0, tzinfo=ZONE)
pytestmark = pytest.mark.slow  # each build takes a few seconds (tens on a loaded machine)


class FakeTime:
    """The service's clock and sleep: sleeping moves the clock, nothing else waits."""

    def __init__(self, start: datetime) -> None:
        self.current = start
        self.slept = 0.0

    def now(self) -> datetime:
        return self.current

    def sleep(self, seconds: float) -> None:
        assert 0 <= seconds <= 1.0  # short slices: a wake is noticed within a second
        self.current += timedelta(seconds=seconds)
        self.slept += seconds


def publisher(tmp: Path, bare: Path, clock: FakeTime, *, every: float,
              smtp: SmtpSettings | None = None, wake: Path | None = None) -> Publisher:
    return Publisher(follower=Follower(str(bare), "main", tmp / "publish" / "work"),
                     out=tmp / "srv" / "site", build_dir=tmp / "publish" / "build",
                     every=every, now=clock.now, sleep=clock.sleep,
                     reporter=Reporter(smtp, "publish@example.kz"), wake=wake)


def page(site: Path, lang: str, key: str) -> str:
    path = site / lang / key / "index.html"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


FIRST = {"news/2026-11-20-birinshi": item("Бірінші жаңалық", "Первая новость")}


@pytest.mark.browser
def test_a_push_is_published_at_the_next_fetch(tmp_path: Path, chromium: Any) -> None:
    bare, editor = make_remote(tmp_path, FIRST)
    clock = FakeTime(START)
    service = publisher(tmp_path, bare, clock, every=30)
    service.run(turns=0)  # the first build, from the clone it makes
    site = service.out
    assert "Бірінші жаңалық" in page(site, "kk", "news/2026-11-20-birinshi")
    assert page(site, "kk", "news/2026-11-23-ekinshi") == ""

    write_item(editor, "news/2026-11-23-ekinshi",
               item("Жылу беру кестесі", "График отопления", date="2026-11-23"))
    push(editor, "жаңа жаңалық")
    assert service.turn() == "push"
    assert clock.slept == pytest.approx(30)  # found at the next fetch, not before
    assert "Жылу беру кестесі" in page(site, "kk", "news/2026-11-23-ekinshi")
    assert "График отопления" in page(site, "ru", "news/2026-11-23-ekinshi")
    assert service.built == git(editor, "rev-parse", "HEAD")
    with serve_folder(site) as url:  # what a reader sees: the new item on the home page
        context = chromium.new_context(locale="kk-KZ")
        try:
            tab = context.new_page()
            tab.goto(f"{url}kk/")
            tab.get_by_role("link", name="Жылу беру кестесі").first.click()
            tab.wait_for_url("**/kk/news/2026-11-23-ekinshi/")
            assert tab.locator("h1").first.inner_text().startswith("Жылу беру кестесі")
        finally:
            context.close()

    assert service.turn() is None  # nothing new: no build
    assert [reason for reason, _, _ in service.builds] == ["start", "push"]


def test_the_post_receive_hook_wakes_the_service_without_waiting(tmp_path: Path) -> None:
    bare, editor = make_remote(tmp_path, FIRST)
    wake = tmp_path / "run" / "wake"
    wake.parent.mkdir()
    hook = bare / "hooks" / "post-receive"
    shutil.copy(REPO / "deploy" / "git" / "post-receive", hook)
    hook.chmod(0o755)
    git(bare, "config", "jarshy.wake", str(wake))
    clock = FakeTime(START)
    service = publisher(tmp_path, bare, clock, every=600, wake=wake)
    service.run(turns=0)

    write_item(editor, "news/2026-11-23-shugyl", item("Шұғыл хабар", "Срочное сообщение",
                                                      date="2026-11-23"))
    push(editor, "шұғыл")  # git runs the hook, which touches the wake file
    assert wake.exists()
    assert service.turn() == "wake"
    assert clock.slept < 1  # not the 600 s to the next fetch
    assert not wake.exists()
    assert "Шұғыл хабар" in page(service.out, "kk", "news/2026-11-23-shugyl")


def test_a_publish_at_moment_is_published_then_with_no_push(tmp_path: Path) -> None:
    later = {"news/2026-11-23-keshki": item(
        "Кешкі жаңалық", "Вечерняя новость", date="2026-11-23",
        extra='publish_at: "2026-11-23 09:10"\n')}
    bare, _ = make_remote(tmp_path, {**FIRST, **later})
    clock = FakeTime(START)
    service = publisher(tmp_path, bare, clock, every=3600)
    service.run(turns=0)
    assert page(service.out, "kk", "news/2026-11-23-keshki") == ""  # not yet at 09:00
    assert service.due == datetime(2026, 11, 23, 9, 10, tzinfo=ZONE)

    assert service.turn() == "moment"
    assert clock.current == datetime(2026, 11, 23, 9, 10, tzinfo=ZONE)  # at that moment
    assert "Кешкі жаңалық" in page(service.out, "kk", "news/2026-11-23-keshki")
    # Nothing else is scheduled: the next wake-up is midnight, for the "today" pages.
    assert service.due == datetime(2026, 11, 24, 0, 0, tzinfo=ZONE)


def test_a_bad_push_publishes_the_rest_and_mails_the_report_once(
        tmp_path: Path, smtp_server: tuple[int, Inbox],
        caplog: pytest.LogCaptureFixture) -> None:
    port, inbox = smtp_server
    bare, editor = make_remote(tmp_path, FIRST)
    clock = FakeTime(START)
    service = publisher(tmp_path, bare, clock, every=30,
                        smtp=SmtpSettings("127.0.0.1", port))
    service.run(turns=0)
    assert inbox.received == []  # nothing wrong, nothing mailed

    write_item(editor, "news/2026-11-23-jaqsy", item("Дұрыс жаңалық", "Верная новость",
                                                     date="2026-11-23"))
    write_item(editor, "news/2026-11-23-qate", item("Қате жаңалық", "Ошибочная новость",
                                                    date="2026-11-23", section="newz"))
    with caplog.at_level(logging.WARNING, logger="site_gen.publish"):
        push(editor, "бір дұрыс, бір қате")
        assert service.turn() == "push"
    assert "Дұрыс жаңалық" in page(service.out, "kk", "news/2026-11-23-jaqsy")
    assert not (service.out / "kk" / "newz").exists()
    assert "left out: news/2026-11-23-qate" in caplog.text  # the publish log
    assert "content/news/2026-11-23-qate.kk.md" in caplog.text

    (report,) = mails(inbox)
    assert report["To"] == "editors@example.kz"
    text = report.get_content()
    assert "Жарияланбады:" in text and "Не опубликовано:" in text
    # Each problem at its file and line, in Kazakh and in Russian.
    assert "content/news/2026-11-23-qate.kk.md:4:10: қате:" in text
    assert "content/news/2026-11-23-qate.kk.md:4:10: ошибка:" in text
    assert "'newz'" in text

    # Another editor's push while the mistake is still there: published, no second mail.
    write_item(editor, "news/2026-11-23-ushinshi", item("Үшінші", "Третья", date="2026-11-23"))
    push(editor, "тағы бір жаңалық")
    assert service.turn() == "push"
    assert "Үшінші" in page(service.out, "kk", "news/2026-11-23-ushinshi")
    assert len(inbox.received) == 1


def test_an_error_in_data_keeps_the_last_site_and_is_mailed(
        tmp_path: Path, smtp_server: tuple[int, Inbox]) -> None:
    port, inbox = smtp_server
    bare, editor = make_remote(tmp_path, FIRST)
    clock = FakeTime(START)
    service = publisher(tmp_path, bare, clock, every=30,
                        smtp=SmtpSettings("127.0.0.1", port))
    service.run(turns=0)
    site_yml = editor / "content" / "_data" / "site.yml"
    good = site_yml.read_text(encoding="utf-8")
    site_yml.write_text(good.replace("timezone: Asia/Almaty", "timezone: Asia/Almata"),
                        encoding="utf-8")
    write_item(editor, "news/2026-11-23-kelesi", item("Келесі", "Следующая", date="2026-11-23"))
    push(editor, "уақыт белдеуі қате")
    assert service.turn() == "push"
    assert "Бірінші жаңалық" in page(service.out, "kk", "news/2026-11-20-birinshi")
    assert page(service.out, "kk", "news/2026-11-23-kelesi") == ""  # the last site stays
    (report,) = mails(inbox)
    text = report.get_content()
    assert "Сайт не обновлён" in text and "content/_data/site.yml:4:" in text

    site_yml.write_text(good, encoding="utf-8")
    push(editor, "уақыт белдеуі түзетілді")
    assert service.turn() == "push"
    assert "Келесі" in page(service.out, "kk", "news/2026-11-23-kelesi")
    assert len(inbox.received) == 1  # fixed: nothing more to report


def test_a_push_of_one_edit_renders_that_item_and_its_lists_only(tmp_path: Path) -> None:
    items = {**FIRST, **{f"news/2026-11-{d}-item": item(f"Жаңалық {d}", f"Новость {d}",
                                                         date=f"2026-11-{d}")
                         for d in range(10, 19)}}
    bare, editor = make_remote(tmp_path, items)
    clock = FakeTime(START)
    service = publisher(tmp_path, bare, clock, every=30)
    service.run(turns=0)
    assert service.last is not None and set(service.last.full.values()) != {""}  # no cache yet
    write_item(editor, "news/2026-11-12-item",
               item("Жаңалық 12, түзетілген", "Новость 12, исправленная", date="2026-11-12"))
    push(editor, "түзету")
    assert service.turn() == "push"
    report = service.last
    assert report.full == {"kk": "", "ru": ""}  # incremental in both languages
    assert "news/2026-11-12-item.md" in report.rendered_pages["kk"]
    assert report.rendered["kk"] < report.pages["kk"] // 2
    assert service.warm.check_cache.hits > 0  # the files the push did not touch were not re-read
    assert "Жаңалық 12, түзетілген" in page(service.out, "kk", "news/2026-11-12-item")
    assert "Жаңалық 12, түзетілген" in (service.out / "kk/index.html").read_text("utf-8")
