"""Personal data detection (site_gen.content.personal): IINs and Kazakh phone numbers.

The expected check digits are worked out by hand in the comments, so a wrong weight
table or a wrong second round in the code fails here.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_gen.content.personal import find_personal_data, iin_check_digit, is_iin


def test_check_digit_first_round() -> None:
    # 8·1+5·2+0·3+7·4+1·5+4·6+3·7+0·8+0·9+1·10+2·11 = 128; 128 mod 11 = 7
    assert iin_check_digit("85071430012") == 7
    assert is_iin("850714300127")
    assert not is_iin("850714300128")  # any other last digit fails


def test_check_digit_second_round() -> None:
    # Round 1: 8+10+0+28+5+24+21+0+0+90+0 = 186; 186 mod 11 = 10, so round 2 with weights
    # 3,4,5,6,7,8,9,10,11,1,2: 24+20+0+42+7+32+27+0+0+9+0 = 161; 161 mod 11 = 7
    assert iin_check_digit("85071430090") == 7
    assert is_iin("850714300907")
    # A first-round reading (10 → 0) would accept this one:
    assert not is_iin("850714300900")


def test_no_check_digit_when_both_rounds_give_ten() -> None:
    # Round 1: 186 + 7·11 = 263; 263 mod 11 = 10. Round 2: 161 + 7·2 = 175; mod 11 = 10.
    assert iin_check_digit("85071430097") is None
    assert not any(is_iin(f"85071430097{d}") for d in range(10))


def _with_check(first11: str) -> str:
    digit = iin_check_digit(first11)
    assert digit is not None
    return first11 + str(digit)


@pytest.mark.parametrize(("century_digit", "valid"), [
    ("0", False), ("1", True), ("2", True), ("3", True), ("4", True), ("5", True),
    ("6", True), ("7", False), ("8", False), ("9", False),
])
def test_century_digit(century_digit: str, valid: bool) -> None:
    assert is_iin(_with_check(f"050303{century_digit}0001")) is valid


@pytest.mark.parametrize(("birth", "century_digit", "valid"), [
    ("000229", "5", True),  # 29 Feb 2000: a leap day
    ("000229", "3", False),  # 29 Feb 1900: no such day (1900 was not a leap year)
    ("960229", "3", True),  # 1996
    ("970229", "3", False),  # 1997
    ("851301", "3", False),  # month 13
    ("850001", "3", False),  # month 0
    ("850732", "3", False),  # 32 July
    ("850700", "3", False),  # day 0
    ("061140", "4", False),  # a BIN's shape: day 40
])
def test_birth_date_must_exist(birth: str, century_digit: str, valid: bool) -> None:
    assert is_iin(_with_check(f"{birth}{century_digit}0012")) is valid


@pytest.mark.parametrize("text", ["85071430012", "8507143001277", "85071430012a", ""])
def test_not_twelve_digits(text: str) -> None:
    assert not is_iin(text)


def test_finds_iin_with_position() -> None:
    text = "Тақырып\nЖеңімпаз: Асқар, ЖСН 850714300127, цех №3.\n"
    [f] = find_personal_data(text)
    assert (f.kind, f.text, f.line, f.col) == ("iin", "850714300127", 2, 22)


def test_iin_inside_a_longer_number_is_not_an_iin() -> None:
    assert list(find_personal_data("счёт 4850714300127 и 8507143001270")) == []


def test_allowed_numbers_are_skipped() -> None:
    text = "БСН 850714300127"
    assert list(find_personal_data(text, frozenset({"850714300127"}))) == []
    assert len(list(find_personal_data(text))) == 1


@pytest.mark.parametrize("phone", [
    "+7 701 234 56 78", "+77012345678", "+7 (701) 234-56-78", "8 701 234 56 78",
    "87012345678", "8 (727) 250-50-50", "8-727-250-50-50", "+7 747 000 11 22",
])
def test_kazakh_phone_numbers(phone: str) -> None:
    [f] = find_personal_data(f"Хабарласыңыз: {phone}, жұмыс уақытында.")
    assert f.kind == "phone" and f.text == phone and f.line == 1 and f.col == 15


@pytest.mark.parametrize("text", [
    "внутренний 1000", "2026-11-20", "+7 495 123 45 67",  # a Moscow number, not Kazakh
    "тираж 8 000 экземпляров", "12345678", "ИНН 7707083893",
])
def test_not_phone_numbers(text: str) -> None:
    assert [f for f in find_personal_data(text) if f.kind == "phone"] == []


def test_a_number_split_over_two_lines_is_not_one_number() -> None:
    assert list(find_personal_data("+7 701 234\n56 78 и 850714\n300127")) == []


_LINE_PHONE = re.compile(
    r"(?<![\d+])(?:\+\s?7|8)[\s\-]?\(?7\d{2}\)?[\s\-]?\d{3}[\s\-]?\d{2}[\s\-]?\d{2}(?![\d])")


def line_by_line(text: str) -> list[tuple[str, str, int, int]]:
    """The plain reading of the rule: each line on its own, twelve digits, then phones."""
    out = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        out += [("iin", m[1], lineno, m.start() + 1)
                for m in re.finditer(r"(?<![\d])(\d{12})(?![\d])", line) if is_iin(m[1])]
        out += [("phone", m[0], lineno, m.start() + 1) for m in _LINE_PHONE.finditer(line)]
    return out


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["850714300127", "+7 701 234 56 78", "8 (727) 250-50-50",
                                 "7", "8", "+", " ", "-", "\n", "\u2028", "\t", "(", ")",
                                 "0", "5", "ә", "x", "٣", "²", "1", "87012345678",
                                 "+77012345678"]), max_size=40))
def test_findings_match_a_line_by_line_reading(bits: list[str]) -> None:
    text = "".join(bits)
    found = [(f.kind, f.text, f.line, f.col) for f in find_personal_data(text)]
    assert found == line_by_line(text)
