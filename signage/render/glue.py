"""Non-breaking joins: which spaces of a slide's text the line breaker must not break at.

Called by ``text.wrap`` on each paragraph's words before lines are broken: a join marked
here keeps two words on one line (the pair moves to the next line together), so a reader
never sees "10 / желтоқсанға" or "в / столовой". Pure function of the words and the
slide's language; the rules are listed in docs/screens.md ("How text is laid out"):

* a number, with or without its ending, stays with the word after it: a date and its
  month (10 желтоқсан), a time (18:00-ге дейін), a number and its unit or sign (15 %,
  3 км, 2026 ж.), an ordinal and its noun (3-қабат залы);
* № and § stay with the number after them (№ 12);
* an initial stays with the name on each side of it (А. Сейітова, Сейітова А. Б.);
* a dash never starts a line: it stays with the word before it (Жиналыс — ертең);
* Russian: a short preposition, conjunction or particle stays with the word after it
  (в, на, с, к, и, а, о, у, по, до, из, за, от, об, во, со, ко, не, ни, но);
* Kazakh: the question particles ма/ме/ба/бе/па/пе stay with the word before them.

A join is never made after a word ending in a comma, colon, semicolon or full stop
(except initials and abbreviations listed above), so a sentence's end still breaks.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(r"^[(«\"„]?\d[\w.,:/–%-]*$")  # 10, 18:00, 18:00-ге, 3-қабат, 12,5
_SIGN = frozenset({"№", "§"})
_INITIAL = re.compile(r"^[А-ЯЁӘҒҚҢӨҰҮҺІA-Z]\.(?:[А-ЯЁӘҒҚҢӨҰҮҺІA-Z]\.)?$")
_NAME = re.compile(r"^[«(\"]?[А-ЯЁӘҒҚҢӨҰҮҺІA-Z][а-яёәғқңөұүһіa-z-]+$")
_DASHES = frozenset({"—", "–", "-"})
RU_SHORT = frozenset("в на с к и а о у по до из за от об во со ко не ни но".split())
KK_PARTICLES = frozenset("ма ме ба бе па пе".split())
_OPENERS = "«(\"„"


def joins(words: list[str], lang: str) -> list[bool]:
    """For each word but the last, whether it must stay on the same line as the next one.

    ``joins(["Жиналыс", "10", "желтоқсанда"], "kk") == [False, True]``."""
    out: list[bool] = []
    for a, b in zip(words, words[1:], strict=False):
        out.append(_glued(a, b, lang))
    return out


def _glued(a: str, b: str, lang: str) -> bool:
    if b in _DASHES:
        return True  # a dash never starts a line
    if a in _SIGN:
        return True
    if _NUMBER.match(a) and not a.endswith((".", ",", ":", ";", "-", "–")):
        return True
    if _INITIAL.match(a) and (_NAME.match(b) or _INITIAL.match(b)):
        return True
    if _INITIAL.match(b) and _NAME.match(a):
        return True
    bare = a.lstrip(_OPENERS).lower()
    if lang == "ru" and bare in RU_SHORT:
        return True
    return lang == "kk" and b.rstrip("?!.,").lower() in KK_PARTICLES
