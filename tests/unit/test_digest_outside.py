"""The digest's outside news (5.2.2) from ``content/_data/digest/<day>.yml``, checked by
``site-gen check`` at file and line, and the digest sent on working days only."""

from __future__ import annotations

import email
import email.policy
import shutil
from email.message import EmailMessage
from pathlib import Path

import pytest

from site_gen.cli import main
from site_gen.content import check

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_NEWS = "Brent маркалы мұнай бағасы баррелі үшін 78 долларға дейін төмендеді"

BAD = """news:
  - topic: oil-gaz
    link: "https://oilgas.example/a"
    kk:
      title: "Мұнай бағасы"
      source: "Апталық"
    ru:
      title: "Цены на нефть"
      source: "Еженедельник"
  - topic: economy
    link: "www.example.kz/b"
    kk: {title: "Салық", source: "Шолу"}
    ru: {title: "Налоги", source: "Обзор"}
  - topic: economy
    link: "https://economy.example/c"
    ru:
      title: "Только по-русски: курс тенге укрепился"
      source: "Обзор"
      summary: "Коротко."
  - topic: other
    link: "https://other.example/d"
    kk: {title: "Көрме ашылды", source: "Шолу", sumary: "қате өріс"}
    ru: {title: "Открылась выставка", source: "Обзор"}
  - topic: economy
    link: "https://economy.example/e"
    kk: {title: "Экспорт өсті", source: "Шолу", summary: "Бір жол."}
    ru: {title: "Экспорт вырос", source: "Обзор", summary: "Одна строка."}
"""
BAD_PATH = "content/_data/digest/2026-11-24.yml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    (content / "_data" / "digest" / "2026-11-24.yml").write_text(BAD, encoding="utf-8")
    (content / "_data" / "digest" / "24.11.2026.yml").write_text("news: []\n",
                                                                  encoding="utf-8")
    return content


def read_eml(path: Path) -> tuple[str, str]:
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    plain, rich = msg.get_body(("plain",)), msg.get_body(("html",))
    assert plain is not None and rich is not None
    return str(plain.get_content()), str(rich.get_content())


def test_check_reports_each_problem_at_its_line_as_a_warning(root: Path) -> None:
    _content, diagnostics, _ = check(root)
    found = [(d.path, d.line, d.severity, d.code) for d in diagnostics
             if "/_data/digest/" in d.path]
    assert found == [
        (BAD_PATH, 2, "warning", "unknown-topic"),
        (BAD_PATH, 11, "warning", "bad-link"),
        (BAD_PATH, 14, "warning", "digest-no-language"),
        (BAD_PATH, 22, "warning", "unknown-key"),
        ("content/_data/digest/24.11.2026.yml", 1, "warning", "bad-digest-file"),
    ]
    assert not [d for d in diagnostics if d.severity == "error"]  # the site is not stopped


def test_check_speaks_kazakh_about_the_digest_file(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--lang", "kk", str(root)])
    lines = [ln for ln in capsys.readouterr().out.splitlines() if "/_data/digest/" in ln]
    assert len(lines) == 5
    link = next(ln for ln in lines if ":11:" in ln)
    assert link.startswith(f"{BAD_PATH}:11:")
    assert "'www.example.kz/b' веб-мекенжай емес" in link and "https://" in link
    no_kk = next(ln for ln in lines if ":14:" in ln)
    assert "қазақша мәтіні жоқ" in no_kk
    assert not any("is not" in ln or "has no" in ln for ln in lines)


def test_the_digest_carries_the_outside_news_beside_ours(
        root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "d.eml"
    assert main(["digest", "--date", "2026-11-24", "--content", str(root),
                 "--out", str(out)]) == 0
    err = capsys.readouterr().err
    # each entry left out is named with its file and line
    for line in (2, 11, 22):
        assert f"{BAD_PATH}:{line}:" in err
    plain, rich = read_eml(out)
    kk_part, ru_part = plain.split("-" * 60)
    assert "ҚАЗАҚСТАН МЕН САЛА ЖАҢАЛЫҚТАРЫ" in kk_part
    assert "* Экспорт өсті\n  Бір жол.\n  Дереккөзі: Шолу — https://economy.example/e" in kk_part
    assert "НОВОСТИ КАЗАХСТАНА И ОТРАСЛИ" in ru_part and "Экспорт вырос" in ru_part
    # a Russian-only news is in the Russian part only; the faulty entries are in neither
    assert "курс тенге" in ru_part and "курс тенге" not in kk_part
    for left_out in ("Мұнай бағасы", "Цены на нефть", "Налоги", "Открылась выставка"):
        assert left_out not in plain and left_out not in rich
    assert rich.index("Экспорт өсті") < rich.index('lang="ru"') < rich.index("Экспорт вырос")
    assert 'href="https://economy.example/e"' in rich


def test_the_example_day_groups_the_news_by_topic(tmp_path: Path) -> None:
    out = tmp_path / "d.eml"
    assert main(["digest", "--date", "2026-11-23", "--content", str(REPO / "content"),
                 "--out", str(out)]) == 0
    plain, rich = read_eml(out)
    kk_part = plain.split("-" * 60)[0]
    ours = kk_part.index("ХАБАРЛАНДЫРУЛАР")  # the company's own items come first
    economy = kk_part.index("Экономика және қоғамдық өмір:")
    oil = kk_part.index("Мұнай-газ нарығы:")
    assert ours < economy < oil < kk_part.index(EXAMPLE_NEWS)
    assert "Нефтегазовый рынок" in rich and "Экономика и общественная жизнь" in rich


@pytest.mark.parametrize(("day", "sent"), [
    ("2026-11-27", True),  # Friday
    ("2026-11-28", False),  # Saturday
    ("2026-12-16", False),  # Independence Day (holidays/2026.yml), a Wednesday
    ("2026-03-09", False),  # a day off by the holiday file (8 March fell on a Sunday)
    ("2026-12-19", True),  # a Saturday the test's holiday file makes a working day
])
def test_working_days_only(day: str, sent: bool, root: Path, tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    holidays = root / "_data" / "holidays" / "2026.yml"
    holidays.write_text(holidays.read_text(encoding="utf-8").replace(
        "working_days: []", "working_days:\n  - date: 2026-12-19\n    reason: тест / тест"),
        encoding="utf-8")
    out = tmp_path / "d.eml"
    assert main(["digest", "--date", day, "--content", str(root), "--out", str(out),
                 "--working-days-only"]) == 0
    assert out.exists() == sent
    if not sent:
        y, m, d = day.split("-")
        assert capsys.readouterr().out.strip() == (
            f"digest {d}.{m}.{y}: not a working day; nothing written or sent "
            "(--working-days-only)")


def test_a_year_without_a_holiday_file_says_so(root: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "d.eml"
    assert main(["digest", "--date", "2028-01-07", "--content", str(root), "--out", str(out),
                 "--working-days-only"]) == 0
    assert not out.exists()  # Orthodox Christmas, a fixed-date holiday, even without a file
    assert "no content/_data/holidays/2028.yml" in capsys.readouterr().err
