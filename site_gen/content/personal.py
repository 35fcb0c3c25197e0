"""Personal data an editor must not publish without consent.

Two patterns a machine can judge: a Kazakh IIN (12 digits: a real birth date
YYMMDD, a century-and-sex digit 1–6, four serial digits and a check digit) and a
Kazakh phone number (+7 7xx… or 8 7xx…). The company's own BINs are never flagged.

People write numbers in many ways, so each stretch of the text that looks like a number is
normalised before matching, and the finding keeps the text as written:

- invisible format characters (zero-width space and joiners, word joiner, BOM, soft hyphen:
  Unicode category Cf) are dropped;
- each character is read in its NFKC form (full-width ０–９ become 0–9, a no-break space a
  space);
- every separator inside a line (any white space but a line end, '-', the dashes ‐ ‑ ‒ – —
  and the minus sign, '.') counts as one separator.

An IIN is twelve digits written as one group, or as 6 + 6 or 4 + 4 + 4 digits with up to three
separators between the groups (``850101 301231``, ``850101-301231``, ``8501 0130 1231``).
Other splits are not read as one number: dates and times, and amounts grouped by three
(``850 714 300 127`` is an amount as often as an IIN). A stretch with fewer than ten digits
is not looked at. A phone may have one
separator between its parts (``+7.701.123.45.67``). A number never runs over a line end.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

# A stretch that may hold a number: from a digit, "+" or "(" through digits, separators,
# brackets and format characters. (It starts with a character class: re finds such a pattern
# much faster than one with a look-behind at the start.)
_FORMAT = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
_DASHES = "\u2010-\u2015\u2212"
_WIDE = "\uff08\uff09\uff0b\uff0d\uff0e"  # full-width ( ) + - .
_STRETCH = re.compile(rf"[\d+({_WIDE}](?:[^\S\n]|[\d+().\-{_DASHES}{_FORMAT}{_WIDE}])*")
_SEPARATORS = frozenset("-.\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d\uff0e")
# In the normalised stretch every separator is a single " ".
_GROUP = re.compile(r"\d+")
_IIN_SPLITS = ((12,), (6, 6), (4, 4, 4))
_MOST_BETWEEN = 3  # separators between two groups of one IIN
_PHONE = re.compile(  # not after a digit or "+": checked apart, see _phones
    r"(?:\+ ?7|8) ?\(?7\d{2}\)? ?\d{3} ?\d{2} ?\d{2}(?!\d)")
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


def _normalise(stretch: str) -> tuple[str, list[int]]:
    """The stretch as matched (see the module's docstring), and for each of its characters
    the index of the character it came from."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(stretch):
        if ch.isascii() and (ch.isdigit() or ch in "+()"):
            out.append(ch)
        elif ch.isspace() or ch in _SEPARATORS:
            out.append(" ")
        elif unicodedata.category(ch) == "Cf":
            continue
        elif ch.isdecimal():
            out.append(str(unicodedata.decimal(ch)))
        else:
            out.append(unicodedata.normalize("NFKC", ch)[:1] or " ")
        origin.append(i)
    return "".join(out), origin


def _iins(norm: str, allowed: frozenset[str]) -> Iterator[tuple[int, int]]:
    """(start, end) in ``norm`` of each IIN: a run of digit groups split as an IIN is
    written, whose digits are an IIN and not in ``allowed``."""
    groups = list(_GROUP.finditer(norm))
    i = 0
    while i < len(groups):
        for split in _IIN_SPLITS:
            run = groups[i:i + len(split)]
            if len(run) == len(split) and all(
                    len(g[0]) == n for g, n in zip(run, split, strict=True)) and all(
                    a.end() < b.start() <= a.end() + _MOST_BETWEEN
                    and norm[a.end():b.start()].isspace()
                    for a, b in zip(run, run[1:], strict=False)):
                digits = "".join(g[0] for g in run)
                if digits not in allowed and is_iin(digits):
                    yield run[0].start(), run[-1].end()
                    i += len(split)
                    break
        else:
            i += 1


def _phones(norm: str) -> Iterator[re.Match[str]]:
    """Phone numbers not glued to a digit or "+" before them. A match so glued is skipped
    and the search goes on right after its first character, as a look-behind would."""
    pos = 0
    while (m := _PHONE.search(norm, pos)) is not None:
        if m.start() > 0 and (norm[m.start() - 1].isdecimal() or norm[m.start() - 1] == "+"):
            pos = m.start() + 1
            continue
        yield m
        pos = m.end()


def find_personal_data(text: str, allowed: frozenset[str] = frozenset()) -> Iterator[Finding]:
    """Yield each IIN or Kazakh phone number in ``text``, skipping numbers in ``allowed``;
    ``Finding.text`` is the number as written, invisible characters and all."""
    # Only "\n" ends an editor's line (U+0085, U+2028 and form feeds do not), and the line of
    # a match is counted only when there is one.
    found: list[tuple[str, int, int]] = []  # kind, start, end in text
    for stretch in _STRETCH.finditer(text):
        if len(stretch[0]) < 10 or sum(ch.isdecimal() for ch in stretch[0]) < 10:
            continue  # dates, times, amounts: no IIN or phone has fewer digits
        norm, origin = _normalise(stretch[0])
        base = stretch.start()
        found += [("iin", base + origin[a], base + origin[b - 1] + 1)
                  for a, b in _iins(norm, allowed)]
        found += [("phone", base + origin[m.start()], base + origin[m.end() - 1] + 1)
                  for m in _phones(norm)]
    if not found:
        return
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    for kind, at, end in sorted(found, key=lambda f: (bisect.bisect_right(starts, f[1]),
                                                      f[0] == "phone", f[1])):
        line = bisect.bisect_right(starts, at) - 1
        yield Finding(kind, text[at:end], line + 1, at - starts[line] + 1)
