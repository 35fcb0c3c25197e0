"""Kazakh and Russian letters → readable ASCII, for the slugs of new file names.

Where it sits: ``site-gen new`` (:mod:`site_gen.editorial.new`) makes the stem
``YYYY-MM-DD-<slug>`` from the title with :func:`slugify`. The mapping is a plain,
readable one (close to the everyday Latin spelling used in Kazakhstan), documented in
``docs/editors.md`` and tested letter by letter in ``tests/unit/test_translit.py``:

======  ======  ======  ======  ======  ======  ======  ======
а a     ә a     б b     в v     г g     ғ g     д d     е e
ё yo    ж zh    з z     и i     й y     к k     қ k     л l
м m     н n     ң n     о o     ө o     п p     р r     с s
т t     у u     ұ u     ү u     ф f     х kh    һ h     ц ts
ч ch    ш sh    щ shch  ъ —     ы y     і i     ь —     э e
ю yu    я ya
======  ======  ======  ======  ======  ======  ======  ======

Latin letters with accents lose them (é → e); anything else becomes a hyphen.
Example: «Қараша жаңалықтары» → ``karasha-zhanalyktary``.
"""

from __future__ import annotations

import re
import unicodedata

CYRILLIC: dict[str, str] = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e",
    "ё": "yo", "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "қ": "k", "л": "l",
    "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
    "ю": "yu", "я": "ya",
}
MAX_SLUG = 60  # characters; longer titles are cut at a word boundary
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def transliterate(text: str) -> str:
    """``text`` with every Kazakh/Russian letter written in ASCII (case kept, roughly)."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        low = ch.lower()
        if low in CYRILLIC:
            latin = CYRILLIC[low]
            out.append(latin.capitalize() if ch != low and latin else latin)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            # é → e + combining accent → e; letters of other scripts become a separator.
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if ord(c) < 128)
            out.append(base or " ")
    return "".join(out)


def slugify(title: str, max_len: int = MAX_SLUG) -> str:
    """A lowercase ASCII slug for file names and URLs; ``item`` when nothing is left."""
    slug = _NOT_SLUG.sub("-", transliterate(title).lower()).strip("-")
    if len(slug) > max_len:
        cut = slug[: max_len + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_len]
    return slug.strip("-") or "item"
