"""Kazakh syllables and hyphenation points for the screens' line breaker.

Called by ``text.wrap`` when a word of a Kazakh slide is wider than its line: the word is
broken after a syllable, with a hyphen, before the renderer would shrink the title or cut
the word between arbitrary letters. Pure functions, no pygame; the rules are written out
in docs/screens.md ("How text is laid out") after the hyphenation (тасымал) rules of
«Қазақ тілінің емле ережелері» (2016):

* a syllable has exactly one vowel (а ә е ё о ө ұ ү ы і э ю я, and и, у as below);
* one consonant between two vowels starts the next syllable (V-CV: ба-ла);
* two consonants split between the syllables (VC-CV: жаң-быр);
* three or more: the last one starts the next syllable (VCC-CV: айт-ты), except that a
  loanword's stop or ф/в followed by р or л stays together (кон-тракт, инс-трук-тор);
* и is always a vowel (it stands for ый/ій: қи-ын, би-ік, мо-за-и-ка); у is a glide
  (a consonant) right after a vowel and at a word's start before a vowel (сау-да, жа-уап,
  уа-қыт) and a vowel elsewhere (ту-ра, су-ық, о-қу-шы);
* ь and ъ stay with the consonant before them (паль-то); before a vowel the break comes
  right after them (объ-ект);
* typography: a break leaves at least two letters on each side, so one letter never stays
  alone at a line's end or start.
"""

from __future__ import annotations

VOWELS = frozenset("аәеёоөұүыіэюя")
VOWEL_I = frozenset("и")  # ый/ій in one letter: always a vowel
GLIDE_U = "у"  # a vowel, except after a vowel or before one at the word's start
SIGNS = frozenset("ьъ")
LETTERS = frozenset("аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя")
# A stop (or ф, в) followed by р/л: an onset a Russian loanword keeps together (кон-тракт).
_ONSET_FIRST = frozenset("бвгдкптф")
_ONSET_SECOND = frozenset("рл")
MIN_PART = 2  # letters a break leaves on each side


def _vowel_flags(word: str) -> list[bool]:
    """For each letter of a lower-case word, whether it is a syllable's vowel."""
    flags: list[bool] = []
    for i, ch in enumerate(word):
        if ch in VOWELS or ch in VOWEL_I:
            flags.append(True)
        elif ch == GLIDE_U:
            if i == 0:
                nxt = word[1] if len(word) > 1 else ""
                flags.append(not (nxt in VOWELS or nxt in VOWEL_I))
            else:
                flags.append(not flags[i - 1])
        else:
            flags.append(False)
    return flags


def _split_cluster(cluster: str) -> int:
    """How many letters of the consonants between two vowels stay with the first syllable."""
    if cluster and cluster[-1] in SIGNS:  # ь/ъ right before the vowel: break after it
        return len(cluster)
    return _units_split(cluster)


def _units_split(cluster: str) -> int:
    units: list[str] = []
    for ch in cluster:  # ь/ъ belongs to the consonant before it
        if ch in SIGNS and units:
            units[-1] += ch
        else:
            units.append(ch)
    if len(units) <= 1:
        keep = 0
    elif len(units) == 2:
        keep = 1
    elif units[-2][0] in _ONSET_FIRST and units[-1] in _ONSET_SECOND:
        keep = len(units) - 2
    else:
        keep = len(units) - 1
    return sum(len(u) for u in units[:keep])


def syllables(word: str) -> list[str]:
    """The syllables of a Cyrillic word, e.g. ``"балалар"`` → ``["ба", "ла", "лар"]``.

    Case is kept; a word with a character that is not a Cyrillic letter of the Kazakh
    alphabet (a digit, a Latin letter, a hyphen) comes back whole, as one piece."""
    low = word.lower()
    if not low or any(ch not in LETTERS for ch in low):
        return [word] if word else []
    nuclei = [i for i, vowel in enumerate(_vowel_flags(low)) if vowel]
    if len(nuclei) < 2:
        return [word]
    cuts: list[int] = []
    for a, b in zip(nuclei, nuclei[1:], strict=False):
        cuts.append(a + 1 + _split_cluster(low[a + 1:b]))
    bounds = [0, *cuts, len(word)]
    return [word[s:e] for s, e in zip(bounds, bounds[1:], strict=False)]


def hyphen_points(word: str) -> list[int]:
    """Offsets in ``word`` where a line may break with a hyphen (syllable boundaries that
    leave at least two letters on each side). Leading and trailing punctuation («», quotes,
    commas) is kept on its side and does not count as letters; a word with a digit, a Latin
    letter or a hyphen inside (2026-жылы, 18:00-ге) has none."""
    start = 0
    while start < len(word) and not word[start].isalnum():
        start += 1
    end = len(word)
    while end > start and not word[end - 1].isalnum():
        end -= 1
    core = word[start:end]
    points: list[int] = []
    pos = 0
    for part in syllables(core)[:-1]:
        pos += len(part)
        if pos >= MIN_PART and len(core) - pos >= MIN_PART:
            points.append(start + pos)
    return points
