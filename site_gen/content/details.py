"""Personal details beyond numbers: e-mail addresses, home addresses, health and discipline.

Where it sits: beside :mod:`site_gen.content.personal` (IINs and phones); ``check`` runs
:func:`find_details` on each file's whole text when the file has no
``personal_data: consent``, and reports each finding as a warning at its line and column
(``personal-details``): a person's e-mail, home address, illness or penalty is personal data
(SM Appendix 1, "personal data and confidentiality"), but words alone cannot tell whose it
is, so an editor decides: remove it, or record the person's written consent.

What is found:

- an e-mail address (``name@host.kz``);
- a home address: a flat number (``кв. 12``, ``квартира 5``, ``12-пәтер``, ``пәтер 5``) or
  the words that introduce one (``проживает по адресу``, ``домашний адрес:``,
  ``тұрғылықты мекенжайы:``, ``үй мекенжайы:``; the words alone, as in a rule that
  forbids publishing them, are not a finding);
- medical and disciplinary words, in Kazakh and Russian (:data:`WORDS`): a word counts
  when it starts with one of the stems, so every case ending is found.

``check`` runs on thousands of files: a file is searched with the patterns only when it has
an ``@`` (e-mails) or one of the words' first letters in lower case (:data:`_CUES`), which
plain substring tests find much faster than a regular expression.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

# Stems: a word starting with one of them is a finding. Chosen to name a person's own
# health or penalty, not a topic (a vaccination campaign, injury statistics).
WORDS: dict[str, tuple[str, ...]] = {
    "medical": (
        # ru
        "диагноз", "больничн", "госпитализир", "инвалидност", "беременн", "онкологи",
        "психиатр", "нетрудоспособн", "медицинская карта", "медкарт",
        # kk
        "ауруханаға жатқыз", "еңбекке жарамсыздық", "мүгедектіг", "жүкті", "науқастан",
        "ауырып қал", "медициналық карта", "психиатр",
    ),
    "disciplinary": (
        # ru
        "выговор", "дисциплинарн", "взыскани", "уволен", "увольнени", "прогул",
        "в состоянии опьянения", "нарушение трудовой дисциплины", "лишён премии",
        "лишен премии",
        # kk
        "сөгіс", "тәртіптік жаза", "жұмыстан шығар", "жұмыстан босатыл", "еңбек тәртібін бұз",
        "мас күйінде", "сыйақыдан айыр",
    ),
}
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_ADDRESS = (r"(?-i:кв)\.\s*\d+|квартир[аеуы]?\s*№?\s*\d+|\d+\s*-?\s*пәтер(?!л)|пәтер\s*№?\s*\d+"
            r"|прожива\w*\s+по\s+адресу|домашн\w*\s+адрес\w*\s*:"
            r"|тұрғылықты\s+мекенжай\w*\s*:|үй\s+мекенжай\w*\s*:|мекенжайы\s+бойынша\s+тұрады")


def _words(kind: str) -> str:
    stems = sorted(WORDS[kind], key=len, reverse=True)
    return "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in stems)


_EMAIL_RE = re.compile(rf"(?<![\w.+-])(?:{_EMAIL.replace('+@', '++@')})")
_BODY = (rf"(?<!\w)(?:(?P<address>{_ADDRESS})|(?P<medical>{_words('medical')})"
         rf"|(?P<disciplinary>{_words('disciplinary')}))\w*")
_PATTERN = re.compile(_BODY, re.IGNORECASE)
_LOWER = re.compile(_BODY)  # on the text in lower case: many times faster than IGNORECASE
# Cheap tests first: most files have none of these, and ``in`` scans far faster than re.
_CUES = tuple(sorted({max(s.lower().split(), key=len) for stems in WORDS.values()
                      for s in stems} | {"кв.", "квартир", "пәтер", "прожива", "домашн",
                                         "мекенжай"}))
WHAT = {"email": "an e-mail address", "address": "a home address",
        "medical": "a medical detail", "disciplinary": "a disciplinary detail"}


@dataclass(frozen=True, slots=True)
class Detail:
    kind: str  # email | address | medical | disciplinary
    text: str
    line: int  # 1-based
    col: int  # 1-based


def find_details(text: str) -> Iterator[Detail]:
    """Each e-mail address, home address, medical or disciplinary word in ``text``."""
    found: list[tuple[str, re.Match[str]]] = []
    if "@" in text:
        found += [("email", m) for m in _EMAIL_RE.finditer(text)]
    low = text.lower()
    if any(cue in low for cue in _CUES):
        if len(low) == len(text):  # the same positions (true of Kazakh and Russian letters)
            found += [(m.lastgroup or "address", m) for m in _LOWER.finditer(low)
                      if not (m[0].startswith("кв.") and text[m.start():m.start() + 2] != "кв")]
        else:
            found += [(m.lastgroup or "address", m) for m in _PATTERN.finditer(text)]
    if not found:
        return
    starts = [0] + [n.end() for n in re.finditer("\n", text)]
    for kind, m in sorted(found, key=lambda f: f[1].start()):
        line = bisect.bisect_right(starts, m.start()) - 1
        yield Detail(kind, text[m.start():m.end()], line + 1, m.start() - starts[line] + 1)
