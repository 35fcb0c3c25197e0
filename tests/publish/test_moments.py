"""``next_change``: the next moment the output changes by itself (pure, clock passed in);
``publish_report_to`` in site.yml is read and checked."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from site_gen.content import check
from site_gen.content.data import load_settings
from site_gen.content.diagnostics import Diagnostic
from site_gen.content.moments import next_change, next_midnight
from tests.publish.tree import ISSUE_YML, SCREENS_YML, SITE_YML, item, write_item

ZONE = ZoneInfo("Asia/Almaty")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZONE)


def tree(root: Path, site_yml: str = SITE_YML) -> Path:
    data = root / "content" / "_data"
    (data / "issues").mkdir(parents=True)
    (data / "site.yml").write_text(site_yml, encoding="utf-8")
    (data / "screens.yml").write_text(SCREENS_YML, encoding="utf-8")
    (data / "issues" / "12.yml").write_text(ISSUE_YML.replace("2026-11-20", "2026-12-04"),
                                            encoding="utf-8")
    write_item(root, "news/2026-11-20-a", item("Ерте", "Рано", extra=(
        'publish_at: "2026-11-23 09:10"\nexpires: "2026-11-25 18:00"\n')))
    write_item(root, "announcements/2026-11-20-b", item("Экранда", "На экранах", extra=(
        "signage:\n  from: 2026-11-26\n  until: 2026-11-27\n"), section="announcements"))
    write_item(root, "announcements/2026-11-20-c", item("Кездесу", "Встреча", extra=(
        'kind: event\nstarts: "2026-11-29 15:00"\nends: "2026-11-29 17:00"\n'
        'place: "Зал"\naudience: "Барлығы"\nmeeting: other\n'), section="announcements"))
    return root / "content"


@pytest.mark.parametrize(("now", "expected"), [
    ("2026-11-23 09:00", "2026-11-23 09:10"),  # publish_at
    ("2026-11-23 09:10", "2026-11-25 18:00"),  # strictly after now: then the expiry
    ("2026-11-25 18:00", "2026-11-26 00:00"),  # signage "from": its first midnight
    ("2026-11-26 00:00", "2026-11-28 00:00"),  # "until" 27th includes the whole day
    ("2026-11-28 00:00", "2026-11-29 15:00"),  # event start
    ("2026-11-29 15:00", "2026-11-29 17:00"),  # event end
    ("2026-11-29 17:00", "2026-12-04 00:00"),  # newspaper issue date
])
def test_next_change_is_the_earliest_moment_after_now(tmp_path: Path, now: str,
                                                      expected: str) -> None:
    content, diagnostics, _ = check(tree(tmp_path))
    assert [d for d in diagnostics if d.severity == "error"] == []
    assert len(content.items) == 3
    assert next_change(content, at(now)) == at(expected)


def test_nothing_left_to_change(tmp_path: Path) -> None:
    content, _, _ = check(tree(tmp_path))
    assert next_change(content, at("2026-12-04 00:00")) is None
    assert next_midnight(at("2026-12-04 23:59"), ZONE) == at("2026-12-05 00:00")


def test_publish_report_to_is_read_and_a_wrong_address_is_named(tmp_path: Path) -> None:
    root = tree(tmp_path, SITE_YML.replace("[editors@example.kz]",
                                           "[editors@example.kz, редакция, a@b]"))
    out: list[Diagnostic] = []
    settings = load_settings(root, out)
    assert settings.publish_report_to == ("editors@example.kz",)
    assert [(d.path, d.line, d.severity, d.code, d.message) for d in out] == [
        ("content/_data/site.yml", 7, "warning", "bad-email",
         "'редакция' is not an e-mail address"),
        ("content/_data/site.yml", 7, "warning", "bad-email", "'a@b' is not an e-mail address"),
    ]


def test_the_wrong_address_is_said_in_kazakh_and_russian(tmp_path: Path) -> None:
    from site_gen.editorial.checkmsgs import format_diagnostic
    from site_gen.editorial.i18n import Messages

    out: list[Diagnostic] = []
    load_settings(tree(tmp_path, SITE_YML.replace("[editors@example.kz]", "редакция")), out)
    (wrong,) = out
    assert format_diagnostic(wrong, Messages("kk")) == (
        "content/_data/site.yml:7:20: ескерту: 'редакция' — электрондық пошта мекенжайы емес; "
        "name@example.kz түрінде жазыңыз; жариялау есебі бұл мекенжайға жіберілмейді")
    ru = format_diagnostic(wrong, Messages("ru"))
    assert ru.endswith("напишите в виде name@example.kz; отчёт о публикации на этот адрес не "
                       "отправляется")
