"""Personal data an editor must not publish without consent.

Two patterns a machine can judge: a Kazakh IIN (12 digits: a real birth date
YYMMDD, a century-and-sex digit 1–6, four serial digits and a check digit) and a
Kazakh phone number (+7 7xx… or 8 7xx…). The company's own BINs are never flagged.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

# A run of digits is one number; twelve exactly may be an IIN. (No look-behind at the start:
# re finds a pattern that starts with a character class much faster.)
_DIGITS = re.compile(r"\d{12,}")
# A separator is a hyphen or white space inside one line: a number never runs over a line end.
_SEP = r"(?:[^\S\n]|-)?"
_PHONE = re.compile(  # not after a digit or "+": checked apart, see find_personal_data
    rf"(?:\+[^\S\n]?7|8){_SEP}\(?7\d{{2}}\)?{_SEP}\d{{3}}{_SEP}\d{{2}}{_SEP}\d{{2}}(?![\d])"
)
_CENTURY = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}
_W1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_W2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str  # "iin" or "phone"
    text: str
    line: int  # 1-based
    col: int  # 1-based


def iin_check_digit(first11: str) -> int | None:
    """The 12th digit the IIN/BIN algorithm requires, or None when none fits."""
    digits = [int(c) for c in first11]
    for weights in (_W1, _W2):
        rest = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if rest != 10:
            return rest
    return None


def is_iin(number: str) -> bool:
    if len(number) != 12 or not number.isdigit():
        return False
    century = _CENTURY.get(int(number[6]))
    if century is None:
        return False
    try:
        date(century + int(number[0:2]), int(number[2:4]), int(number[4:6]))
    except ValueError:
        return False
    return iin_check_digit(number[:11]) == int(number[11])


def _phones(text: str) -> Iterator[re.Match[str]]:
    """Phone numbers not glued to a digit or "+" before them. A match so glued is skipped
    and the search goes on right after its first character, as a look-behind would."""
    pos = 0
    while (m := _PHONE.search(text, pos)) is not None:
        if m.start() > 0 and (text[m.start() - 1].isdecimal() or text[m.start() - 1] == "+"):
            pos = m.start() + 1
            continue
        yield m
        pos = m.end()


def find_personal_data(text: str, allowed: frozenset[str] = frozenset()) -> Iterator[Finding]:
    """Yield each IIN or Kazakh phone number in ``text``, skipping numbers in ``allowed``."""
    # One pass over the whole text; only "\n" ends an editor's line (U+0085, U+2028 and
    # form feeds do not), and the line of a match is counted only when there is one.
    found = [("iin", m.start(), m[0]) for m in _DIGITS.finditer(text)
             if len(m[0]) == 12 and m[0] not in allowed and is_iin(m[0])]
    found += [("phone", m.start(), m[0]) for m in _phones(text)]
    if not found:
        return
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    for kind, at, number in sorted(found, key=lambda f: (bisect.bisect_right(starts, f[1]),
                                                          f[0] == "phone", f[1])):
        line = bisect.bisect_right(starts, at) - 1
        yield Finding(kind, number, line + 1, at - starts[line] + 1)
