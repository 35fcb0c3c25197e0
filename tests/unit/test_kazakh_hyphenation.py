"""Kazakh syllables and hyphenation points (signage/render/kazakh.py) against a list of
words whose syllables were written out by hand from the rules (tests/unit/data/
kazakh_hyphenation.txt), and the non-breaking joins of signage/render/glue.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from signage.render.glue import joins
from signage.render.kazakh import LETTERS, hyphen_points, syllables

DATA = Path(__file__).parent / "data" / "kazakh_hyphenation.txt"


def _cases() -> list[tuple[str, str]]:
    cases = []
    for n, line in enumerate(DATA.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        word, expected = line.split()
        assert expected.replace("-", "") == word, f"line {n}: {expected} is not {word}"
        cases.append((word, expected))
    return cases


CASES = _cases()


def test_the_list_is_long_and_covers_the_kazakh_letters() -> None:
    words = {w for w, _ in CASES}
    assert len(words) == len(CASES) >= 300
    for letter in "әғқңөұүһі":
        assert any(letter in w.lower() for w in words), letter


@pytest.mark.parametrize(("word", "expected"), CASES, ids=[w for w, _ in CASES])
def test_syllables_match_the_hand_written_list(word: str, expected: str) -> None:
    assert "-".join(syllables(word)) == expected


@pytest.mark.parametrize(("word", "points"), [
    ("балалар", ["ба-лалар", "бала-лар"]),
    ("оқушы", ["оқу-шы"]),  # о-... would leave one letter behind
    ("ауыл", []),
    ("семья", []),  # семь-я would carry one letter over
    ("әже", []),
    ("«Қазақстан»,", ["«Қа-зақстан»,", "«Қазақс-тан»,"]),
    ("компьютер", ["компь-ютер", "компью-тер"]),
    ("2026-жылы", []),  # digits: not broken by syllables
    ("Sport", []),
    ("Уууу", []),  # у, glide у, у, glide у: У-ууу, one letter left; no endless look-back
])
def test_hyphen_points_leave_two_letters_on_each_side(word: str, points: list[str]) -> None:
    assert [word[:p] + "-" + word[p:] for p in hyphen_points(word)] == points


@pytest.mark.parametrize(("lang", "words", "expected"), [
    ("kk", "мерзімі 10 желтоқсанға дейін", [False, True, False]),
    ("kk", "сағат 18:00-ге дейін", [False, True]),
    ("kk", "№ 12 бөлме", [True, True]),
    ("kk", "ұзындығы 3 км", [False, True]),
    ("kk", "жауапты А. Сейітова", [False, True]),
    ("kk", "Сейітова А. Б.", [True, True]),
    ("kk", "Жиналыс — ертең", [True, False]),
    ("kk", "Келесіз бе ?", [True, False]),
    ("kk", "саны 10. Ертең", [False, False]),  # a sentence's end still breaks
    ("ru", "скидка 15 % в столовой", [False, True, False, True]),
    ("ru", "отдел по работе и за", [False, True, False, True]),
    ("kk", "в столовой", [False]),  # the Russian prepositions are Russian only
])
def test_joins(lang: str, words: str, expected: list[bool]) -> None:
    assert joins(words.split(" "), lang) == expected


_ALPHABET = "".join(sorted(LETTERS)) + "".join(sorted(LETTERS)).upper() + "«»,.-1Q"


@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_any_word_splits_into_its_own_letters_and_breaks_inside_it(word: str) -> None:
    """No word (уу, ьь, a lone ъ, digits, quotes) crashes the renderer or loses a letter."""
    assert "".join(syllables(word)) == word
    letters = [i for i, ch in enumerate(word) if ch.isalnum()]
    for p in hyphen_points(word):
        assert sum(1 for i in letters if i < p) >= 2
        assert sum(1 for i in letters if i >= p) >= 2


@given(st.lists(st.text(alphabet=_ALPHABET + "№—%", min_size=1, max_size=8), max_size=12),
       st.sampled_from(["kk", "ru", ""]))
def test_joins_has_one_mark_between_each_pair(words: list[str], lang: str) -> None:
    assert len(joins(words, lang)) == max(0, len(words) - 1)
