"""The kk/ru → ASCII transliteration behind `site-gen new` slugs, letter by letter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_gen.editorial.translit import CYRILLIC, MAX_SLUG, slugify, transliterate

SAFE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

REPO = Path(__file__).resolve().parents[2]
HEADER = "| letters | ASCII | letters | ASCII | letters | ASCII | letters | ASCII |"


def documented_table() -> dict[str, str]:
    """The letter table under `site-gen new` in docs/editors.md, read from the page."""
    lines = (REPO / "docs" / "editors.md").read_text(encoding="utf-8").splitlines()
    start = lines.index(HEADER)
    table: dict[str, str] = {}
    for row in lines[start + 2:]:
        if not row.startswith("|"):
            break
        cells = [c.strip() for c in row.strip("|").split("|")]
        for letters, latin in zip(cells[::2], cells[1::2], strict=True):
            for letter in letters.split():
                table[letter] = "" if latin == "(dropped)" else latin
    return table


def test_the_mapping_is_the_documented_one() -> None:
    documented = documented_table()
    assert len(documented) == 42  # 33 Russian letters and 9 Kazakh ones
    assert CYRILLIC == documented


@pytest.mark.parametrize("letter", "әғқңөұүһі")
def test_every_kazakh_letter_becomes_ascii(letter: str) -> None:
    out = transliterate(letter) + transliterate(letter.upper())
    assert out and out.isascii()


@pytest.mark.parametrize(("title", "slug"), [
    ("Қараша жаңалықтары", "karasha-zhanalyktary"),
    ("Ноябрьские новости: итоги года!", "noyabrskie-novosti-itogi-goda"),
    ("Өнер және ғылым — Үміт", "oner-zhane-gylym-umit"),
    ("Щука съела Ёжика", "shchuka-sela-yozhika"),
    ("«Шығыс-110» іске қосылды", "shygys-110-iske-kosyldy"),
    ("Café Résumé 2026", "cafe-resume-2026"),
])
def test_titles_become_readable_slugs(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_nfd_input_gives_the_same_slug() -> None:
    import unicodedata

    title = "Қараша жаңалықтары"
    assert slugify(unicodedata.normalize("NFD", title)) == slugify(title)


def test_nothing_left_gives_item() -> None:
    assert slugify("!!! ??? 中文") == "item"


def test_long_titles_are_cut_at_a_word() -> None:
    slug = slugify("Жаңа " * 40)
    assert len(slug) <= MAX_SLUG
    assert not slug.endswith("-")
    assert set(slug.split("-")) == {"zhana"}


@given(st.text(alphabet=st.sampled_from(
    list("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі") + list("ӘҒҚҢӨҰҮҺІЖЩ")
    + list("azAZ09 -—«»!?.,:;'\"\t\n/\\") + ["é", "ü", "中", "🙂"]), max_size=200))
def test_any_title_gives_a_safe_slug(title: str) -> None:
    slug = slugify(title)
    assert SAFE.fullmatch(slug), slug
    assert len(slug) <= MAX_SLUG
