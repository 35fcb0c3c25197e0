"""`site-gen new`: a new item pair an editor can fill in, never overwriting anything."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_gen.cli import main
from site_gen.content import check

REPO = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A content folder with the example's data files and no items."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "content" / "_data", content / "_data")
    monkeypatch.setenv("JARSHY_TODAY", "2026-11-23")
    monkeypatch.setenv("LANG", "C.UTF-8")
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    return content


def new(root: Path, *args: str) -> int:
    return main(["new", *args, "--content", str(root)])


def test_creates_the_pair_with_date_slug_and_draft_status(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(root, "news", "Қараша жаңалықтары") == 0
    kk = root / "news" / "2026-11-23-karasha-zhanalyktary.kk.md"
    ru = root / "news" / "2026-11-23-karasha-zhanalyktary.ru.md"
    assert kk.is_file() and ru.is_file()
    out = capsys.readouterr().out
    assert f"created {kk}" in out and f"created {ru}" in out
    text = kk.read_text(encoding="utf-8")
    assert 'title: "Қараша жаңалықтары"' in text
    assert "date: 2026-11-23" in text and "section: news" in text
    assert "status: draft" in text
    assert "# approved_by:" in text and "# decision: publish" in text  # optional, commented


def test_new_files_pass_check_as_they_are(root: Path) -> None:
    assert new(root, "announcements", "Жиналыс туралы хабарландыру", "--signage") == 0
    content, diagnostics, _ = check(root)
    assert [d for d in diagnostics if d.path.endswith(".md")] == []
    (item,) = content.items
    assert item.section == "announcements"
    assert item.signage is not None and item.signage.priority == "normal"
    assert {v.status for v in item.versions.values()} == {"draft"}


def test_comments_are_in_the_files_language(root: Path) -> None:
    assert new(root, "news", "Жаңа цех") == 0
    kk = (root / "news" / "2026-11-23-zhana-tsekh.kk.md").read_text(encoding="utf-8")
    ru = (root / "news" / "2026-11-23-zhana-tsekh.ru.md").read_text(encoding="utf-8")
    assert "Материалдың мәтінін осында жазыңыз." in kk
    assert "Текст материала пишите здесь." in ru
    # The title is Kazakh: the Russian file asks for a translation, the Kazakh one does not.
    assert "Переведите заголовок" in ru and "аударыңыз" not in kk.split("date:")[0]


def test_lang_option_creates_only_that_file(root: Path) -> None:
    assert new(root, "news", "Только по-русски", "--lang", "ru") == 0
    files = sorted(p.name for p in (root / "news").iterdir())
    assert files == ["2026-11-23-tolko-po-russki.ru.md"]


def test_never_overwrites(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(root, "news", "Қараша жаңалықтары") == 0
    kk = root / "news" / "2026-11-23-karasha-zhanalyktary.kk.md"
    kk.write_text("my work", encoding="utf-8")
    capsys.readouterr()
    assert new(root, "news", "Қараша жаңалықтары") == 2
    err = capsys.readouterr().err
    assert err.startswith(f"site-gen: '{kk}' already exists; nothing was written")
    assert kk.read_text(encoding="utf-8") == "my work"


def test_an_existing_half_pair_is_not_overwritten_either(root: Path) -> None:
    (root / "news").mkdir()
    ru = root / "news" / "2026-11-23-karasha-zhanalyktary.ru.md"
    ru.write_text("keep", encoding="utf-8")
    assert new(root, "news", "Қараша жаңалықтары") == 2
    assert ru.read_text(encoding="utf-8") == "keep"
    assert not (root / "news" / "2026-11-23-karasha-zhanalyktary.kk.md").exists()


def test_unknown_section_is_one_clear_line(root: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert new(root, "newz", "Title") == 2
    err = capsys.readouterr().err.splitlines()
    assert err == ["site-gen: unknown section 'newz'; did you mean 'news'?"]
    assert not any(root.glob("*/*.md"))


def test_unknown_language(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(root, "news", "Title", "--lang", "kz") == 2
    assert "unknown language 'kz'; write kk, ru or kk,ru" in capsys.readouterr().err


def test_messages_follow_the_locale(root: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LANG", "kk_KZ.UTF-8")
    assert new(root, "newz", "Title") == 2
    assert capsys.readouterr().err.strip() == (
        "site-gen: белгісіз айдар: 'newz'; 'news' деп жазғыңыз келді ме?")
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert new(root, "news", "Новости") == 0
    assert "создан " in capsys.readouterr().out


def test_page_section_goes_to_the_pages_folder(root: Path) -> None:
    assert new(root, "page", "Анықтамалық") == 0
    assert (root / "pages" / "2026-11-23-anyktamalyk.kk.md").is_file()


def test_a_page_is_a_page(root: Path) -> None:
    assert new(root, "page", "Ережелер") == 0
    content, diagnostics, _ = check(root)
    assert [d for d in diagnostics if d.path.endswith(".md")] == []
    (item,) = content.items
    assert item.kind == "page" and item.section == "page"
