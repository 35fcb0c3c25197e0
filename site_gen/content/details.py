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

One compiled pattern reads the whole text once (``check`` runs on thousands of files).
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


_PATTERN = re.compile(
    rf"(?P<email>{_EMAIL})|(?<!\w)(?:(?P<address>{_ADDRESS})|(?P<medical>{_words('medical')})"
    rf"|(?P<disciplinary>{_words('disciplinary')}))\w*", re.IGNORECASE)
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
    starts: list[int] | None = None
    for m in _PATTERN.finditer(text):
        if starts is None:
            starts = [0] + [n.end() for n in re.finditer("\n", text)]
        line = bisect.bisect_right(starts, m.start()) - 1
        kind = m.lastgroup or "email"
        yield Detail(kind, m[0], line + 1, m.start() - starts[line] + 1)
