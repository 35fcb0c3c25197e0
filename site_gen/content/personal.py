"""Personal data an editor must not publish without consent.

Two patterns a machine can judge: a Kazakh IIN (12 digits: a real birth date
YYMMDD, a century-and-sex digit 1–6, four serial digits and a check digit) and a
Kazakh phone number (+7 7xx… or 8 7xx…). The company's own BINs are never flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

_TWELVE = re.compile(r"(?<![\d])(\d{12})(?![\d])")
_PHONE = re.compile(
    r"(?<![\d+])(?:\+\s?7|8)[\s\-]?\(?7\d{2}\)?[\s\-]?\d{3}[\s\-]?\d{2}[\s\-]?\d{2}(?![\d])"
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


def find_personal_data(text: str, allowed: frozenset[str] = frozenset()) -> Iterator[Finding]:
    """Yield each IIN or Kazakh phone number in ``text``, skipping numbers in ``allowed``."""
    # split("\n"), not splitlines(): U+0085, U+2028, form feeds … do not end an editor's line.
    for lineno, line in enumerate(text.split("\n"), start=1):
        for m in _TWELVE.finditer(line):
            if m[1] not in allowed and is_iin(m[1]):
                yield Finding("iin", m[1], lineno, m.start() + 1)
        for m in _PHONE.finditer(line):
            yield Finding("phone", m[0], lineno, m.start() + 1)
