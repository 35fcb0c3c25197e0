"""Kazakh syllables and hyphenation points (signage/render/kazakh.py) against a list of
words whose syllables were written out by hand from the rules (tests/unit/data/
kazakh_hyphenation.txt), and the non-breaking joins of signage/render/glue.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from signage.render.glue import joins
from signage.render.kazakh import hyphen_points, syllables

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
