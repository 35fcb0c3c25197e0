"""Notice-board posters: Kazakh above, Russian below, the date, a QR code to the page."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
import segno

from site_gen.cli import main
from site_gen.content import ContentSet, check
from site_gen.poster import PosterProblem, find_item, poster_html

REPO = Path(__file__).resolve().parents[2]
NOW = datetime.fromisoformat("2026-11-23T12:00:00+05:00")
NOTICE = "announcements/2026-11-23-su-azhyratu"


@pytest.fixture(scope="module")
def content() -> ContentSet:
    return check(REPO / "content")[0]


def test_items_are_found_by_key_stem_or_file(content: ContentSet) -> None:
    assert find_item(content, NOTICE).key == NOTICE
    assert find_item(content, "2026-11-23-su-azhyratu").key == NOTICE
    assert find_item(content, f"content/{NOTICE}.ru.md").key == NOTICE
    with pytest.raises(PosterProblem, match="did you mean 'announcements/2026-11-23-su-azhyratu'"):
        find_item(content, "announcements/2026-11-23-su-azhyratw")


def test_kazakh_half_comes_first_with_its_own_qr_code(content: ContentSet) -> None:
    item = find_item(content, NOTICE)
    page = poster_html(content, item, NOW).html
    kk_title = item.versions["kk"].title
    ru_title = item.versions["ru"].title
    assert page.index('<section class="half kind-urgent" lang="kk"') \
        < page.index(f"<h1>{kk_title}") \
        < page.index('<section class="half kind-urgent" lang="ru"') < page.index(f"<h1>{ru_title}")
    for lang in ("kk", "ru"):
        url = f"http://intranet.zharyq.example.kz/{lang}/{NOTICE}/"
        qr = segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#000", light="#fff")
        assert qr in page  # the code a phone reads is that language's page
        assert url in page  # and the address is printed for those without a phone
    flat = page.replace("\u00a0", " ").replace("\u202f", " ")
    assert "2026 ж. 23 қараша" in flat and "23 ноября 2026" in flat
    assert "ШҰҒЫЛ · СРОЧНО" in page  # the item is urgent on the screens


def small_content(tmp_path: Path, stem: str, body: str) -> ContentSet:
    root = tmp_path / "content"
    shutil.copytree(REPO / "content" / "_data", root / "_data")
    shutil.copytree(REPO / "content" / "images", root / "images")
    (root / "announcements").mkdir()
    for lang, title in (("kk", "Хабарландыру"), ("ru", "Объявление")):
        (root / "announcements" / f"{stem}.{lang}.md").write_text(
            f"---\ntitle: {title}\ndate: 2026-11-23\nsection: announcements\n"
            f"summary: Қысқаша мазмұны {lang}\nstatus: approved\n---\n\n{body}\n",
            encoding="utf-8")
    return check(root)[0]


def test_a_kazakh_address_is_percent_encoded_in_the_qr_code(tmp_path: Path) -> None:
    content = small_content(tmp_path, "2026-11-23-жиналыс", "Қысқа мәтін.")
    page = poster_html(content, find_item(content, "2026-11-23-жиналыс"), NOW).html
    url = ("http://intranet.zharyq.example.kz/kk/announcements/2026-11-23-"
           "%D0%B6%D0%B8%D0%BD%D0%B0%D0%BB%D1%8B%D1%81/")
    qr = segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#000", light="#fff")
    assert qr in page
    assert "/kk/announcements/2026-11-23-жиналыс/" in page  # readable under the code


def test_an_event_poster_says_when_and_where(content: ContentSet) -> None:
    item = find_item(content, "announcements/2026-11-18-esep-beru-kezdesui")
    page = poster_html(content, item, NOW).html
    assert "Күні, уақыты, орны:" in page and "Дата, время, место:" in page
    assert "15:00" in page


def test_an_item_not_published_today_is_refused(content: ContentSet) -> None:
    item = find_item(content, NOTICE)
    with pytest.raises(PosterProblem, match="not published on 01.12.2026"):
        poster_html(content, item, datetime.fromisoformat("2026-12-01T12:00:00+05:00"))


def test_a_text_too_long_for_half_a_page_prints_its_summary_and_says_so(
        tmp_path: Path) -> None:
    long_body = "\n\n".join(["Ұзақ мәтін жолы, бірнеше сөзден тұрады. " * 12] * 10)
    content = small_content(tmp_path, "2026-11-23-uzyn", long_body)
    poster = poster_html(content, find_item(content, "announcements/2026-11-23-uzyn"), NOW)
    assert "Қысқаша мазмұны kk" in poster.html and "Қысқаша мазмұны ru" in poster.html
    assert "Ұзақ мәтін жолы" not in poster.html
    assert any("too long for half an A4 page" in note for note in poster.notes)


@pytest.mark.slow
def test_site_gen_poster_writes_a_one_page_a4_pdf(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/usr/bin/chromium").exists() or not shutil.which("pdftotext"):
        pytest.skip("needs chromium and poppler-utils")
    code = main(["poster", NOTICE, "--content", str(REPO / "content"), "--out", str(tmp_path),
                 "--date", "2026-11-23"])
    assert code == 0, capsys.readouterr().err
    pdf = tmp_path / "2026-11-23-su-azhyratu.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "Pages:           1" in info and "(A4)" in info
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True).stdout
    kk = text.index("Шұғыл: 23–24 қарашада тұрмыстық корпуста су болмайды")
    ru = text.index("Срочно: 23–24 ноября в бытовом корпусе не будет воды")
    assert kk < ru
    # the last words of each language made it onto the paper: nothing was cut off
    flat = " ".join(text.split())
    assert "қарағандарыңызға рақмет!" in flat and "Спасибо за понимание!" in flat


def test_missing_chromium_is_one_line_and_the_html_is_kept(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["poster", NOTICE, "--content", str(REPO / "content"), "--out", str(tmp_path),
                 "--date", "2026-11-23", "--chromium", str(tmp_path / "no-chromium")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "Chromium" in err
    assert (tmp_path / "2026-11-23-su-azhyratu.html").is_file()


def test_unknown_item_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["poster", "news/nothing-here", "--content", str(REPO / "content")]) == 2
    assert "there is no item 'news/nothing-here'" in capsys.readouterr().err


def test_a_missing_translation_is_said_on_the_poster_and_to_the_printer(tmp_path: Path) -> None:
    content = small_content(tmp_path, "2026-11-23-tek-qazaqsha", "Қысқа мәтін.")
    (content.root / "announcements" / "2026-11-23-tek-qazaqsha.ru.md").unlink()
    content = check(content.root)[0]
    poster = poster_html(content, find_item(content, "2026-11-23-tek-qazaqsha"), NOW)
    assert "Бұл материалдың аудармасы әлі жоқ" not in poster.html  # the kk half is there
    assert "Перевод этого материала пока не готов" in poster.html
    assert poster.notes == ("no published ru version: its half says the translation is "
                            "not ready",)
