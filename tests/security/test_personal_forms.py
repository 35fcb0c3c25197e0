"""Personal data written the ways people write it (``site_gen.content.personal``).

The attack: an IIN written ``850101 301231``, ``850101-301231`` or with a zero-width space
inside, and a phone written ``+7.701.123.45.67``, passed ``check`` and went out on every
channel. Hypothesis writes valid IINs and Kazakh phones in such forms (separators, no-break
spaces, dashes, dots, invisible format characters, full-width digits) inside Kazakh and
Russian text, and ordinary numbers (dates, times, amounts) that must stay unflagged.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_gen.content import check
from site_gen.content.personal import find_personal_data, iin_check_digit

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
SPACES = [" ", "\u00a0", "\u202f", "\u2009", "\t"]
IIN_SEPARATORS = [*SPACES, "-", "\u2011", "\u2013", "\u2014", ".", " - ", " – ", "\u00a0-\u00a0"]
PHONE_SEPARATORS = ["", *SPACES, "-", ".", "\u2011"]
WORDS = st.text(alphabet="әғқңөұүһіабвгдежзийклмнопрстуфхцчшщъыьэюяЖСНИИН:,;!? ", max_size=20)
CENTURY = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@st.composite
def iins(draw: st.DrawFn) -> str:
    digit = draw(st.integers(1, 6))
    born = draw(st.dates(date(CENTURY[digit], 1, 1), date(CENTURY[digit] + 99, 12, 31)))
    first11 = f"{born:%y%m%d}{digit}{draw(st.integers(0, 9999)):04d}"
    check_digit = iin_check_digit(first11)
    if check_digit is None:
        first11 = first11[:10] + str((int(first11[10]) + 1) % 10)
        check_digit = iin_check_digit(first11)
    assert check_digit is not None  # at most one last serial digit has no check digit
    return first11 + str(check_digit)


def sprinkle(draw: st.DrawFn, digits: str) -> str:
    """Invisible characters between some of the digits."""
    out = []
    for i, ch in enumerate(digits):
        if i and draw(st.integers(0, 3)) == 0:
            out.append(draw(st.sampled_from(INVISIBLE)))
        out.append(ch)
    return "".join(out)


@st.composite
def written_iins(draw: st.DrawFn) -> tuple[str, str]:
    """(the IIN, the IIN as someone wrote it)."""
    iin = draw(iins())
    split = draw(st.sampled_from([(12,), (6, 6), (4, 4, 4)]))
    parts, at = [], 0
    for n in split:
        parts.append(iin[at:at + n])
        at += n
    text = parts[0]
    for part in parts[1:]:
        text += draw(st.sampled_from(IIN_SEPARATORS)) + part
    text = sprinkle(draw, text)
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    return iin, text


@st.composite
def written_phones(draw: st.DrawFn) -> str:
    code = f"7{draw(st.integers(0, 99)):02d}"
    rest = f"{draw(st.integers(0, 999)):03d}", f"{draw(st.integers(0, 99)):02d}", \
        f"{draw(st.integers(0, 99)):02d}"
    sep = draw(st.sampled_from(PHONE_SEPARATORS))  # people keep one style in one number
    start = draw(st.sampled_from(["+7", "8"]))
    first = f"({code})" if draw(st.booleans()) else code
    text = start + sep + first + sep + sep.join(rest)
    return sprinkle(draw, text)


def place(before: str, written: str, after: str) -> tuple[str, int, int]:
    """``written`` on the second line between words: (text, line, column)."""
    before = before.rstrip("0123456789+(") + " "
    return f"Тақырып\n{before}{written} {after}\n", 2, len(before) + 1


@settings(max_examples=300, deadline=None)
@given(written_iins(), WORDS, WORDS)
def test_an_iin_is_found_however_it_is_written(iin_form: tuple[str, str], before: str,
                                               after: str) -> None:
    _iin, written = iin_form
    text, line, col = place(before, written, after)
    found = [(f.kind, f.text, f.line, f.col) for f in find_personal_data(text)]
    assert found == [("iin", written, line, col)]


@settings(max_examples=300, deadline=None)
@given(written_iins(), WORDS)
def test_the_company_bin_stays_allowed_however_it_is_written(iin_form: tuple[str, str],
                                                             before: str) -> None:
    iin, written = iin_form
    text, _line, _col = place(before, written, "")
    assert list(find_personal_data(text, frozenset({iin}))) == []


@settings(max_examples=300, deadline=None)
@given(written_phones(), WORDS, WORDS)
def test_a_phone_is_found_however_it_is_written(written: str, before: str, after: str) -> None:
    text, line, col = place(before, written, after)
    found = [(f.kind, f.text, f.line, f.col) for f in find_personal_data(text)]
    assert found == [("phone", written, line, col)]


@pytest.mark.parametrize("written", [
    "850714 300127", "850714-300127", "8507\u200b14300127", "8507\u200c1430\u200d0127",
    "850714\u2060300127", "850714\ufeff300127", "8507\u00ad14300127", "850714\u00a0300127",
    "8507 1430 0127", "８５０７１４３００１２７",
])
def test_the_forms_of_the_issue_are_iins(written: str) -> None:
    [f] = find_personal_data(f"ЖСН: {written}.")
    assert (f.kind, f.text, f.col) == ("iin", written, 6)


@pytest.mark.parametrize("written", [
    "+7.701.123.45.67", "8.701.123.45.67", "+7\u00a0701\u00a0123\u00a045\u00a067",
    "+7 701 123\u200b 45 67", "+7-701-123-45-67", "+7\u2011701\u2011123\u201145\u201167",
])
def test_the_forms_of_the_issue_are_phones(written: str) -> None:
    [f] = find_personal_data(f"Тел.: {written}")
    assert f.kind == "phone" and f.text == written


ordinary = st.one_of(
    st.dates(date(1950, 1, 1), date(2099, 12, 31)).flatmap(lambda d: st.sampled_from([
        f"{d:%d.%m.%Y}", f"{d:%Y-%m-%d}", f"{d:%d.%m.%y}", f"{d:%d.%m.%Y} 10:00",
        f"{d:%Y-%m-%d} 09:30–18:00"])),
    st.integers(0, 10**11 - 1).map(lambda n: f"{n:,}".replace(",", "\u00a0") + " ₸"),
    st.integers(0, 10**11 - 1).map(lambda n: f"{n:,}".replace(",", " ") + " теңге"),
    st.integers(0, 10**9).map(lambda n: f"{n / 100:.2f}".replace(".", ",") + " %"),
    st.sampled_from(["08:00-18:00", "№ 12", "2026 жыл", "110/10 кВ", "12 мың", "ИНН 7707083893",
                     "+7 495 123 45 67"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ordinary, min_size=1, max_size=8),
       st.sampled_from([", ", "; ", " және ", " и ", "\n", " (", ") "]))
def test_dates_times_and_amounts_are_not_personal_data(numbers: list[str], joint: str) -> None:
    text = "Есеп: " + joint.join(numbers) + "."
    assert list(find_personal_data(text)) == []


def test_check_reports_the_written_form_at_its_line(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures/bad/iin-approved", root)
    file = root / "news" / "2026-11-20-spartakiada.kk.md"
    text = file.read_text("utf-8").replace("850714300127", "850714\u200b-\u00a0300127")
    file.write_text(text + "Телефоны: +7.701.123.45.67\n", "utf-8")
    _, diagnostics, _ = check(root)
    got = sorted((d.line, d.code, d.severity) for d in diagnostics
                 if d.path.endswith("spartakiada.kk.md"))
    lines = text.split("\n")
    iin_line = next(i for i, s in enumerate(lines, 1) if "850714" in s)
    assert got == [(iin_line, "personal-data", "error"), (len(lines), "personal-data", "error")]
