"""What the period report (the social-media regulation's Appendix 2) knows besides counts:
the main topics, the checklist's answers, the decisions not to publish, the letters.

Where it sits: :func:`site_gen.editorial.report.build_report` calls these on the items it
counted (the versions published in the period) and, with ``--letters DB``, on the blog's
register (read through ``site_gen.blog.store`` and judged by ``site_gen.blog.office``, as
``site-gen letters list`` does); :mod:`.reportview` writes them out.

- Topics: the tags of the published versions, per language, most used first.
- Checklist: per item, the reviewer's recorded answers (``checklist:`` in front matter,
  ``site_gen.content.review``): every block ``ok`` or ``not-applicable``; at least one
  ``concern``; or not recorded (a block without an answer in some language).
- Decisions: the items whose decision is ``rework`` or ``reject``, dated in the period (the
  day of ``approved_at``, else ``date``).
- Letters received in the period: by topic (the tags of the answer published in the blog;
  a question for a report meeting under that meeting), by outcome (a first reply given, the
  official answer given, forwarded to official correspondence, still waiting), and the
  deadlines missed: the first reply (3 working days) or the official answer (15) given after
  its day, or not given by the end of the period (or today, if that is sooner).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..blog.letters import answer_by
from ..blog.office import Answer, answers
from ..blog.store import LetterStore, StoredLetter
from ..content.holidays import Calendar
from ..content.model import LANGS, ContentSet, Item, Lang, Version
from ..content.review import BLOCKS

TOP_TAGS = 10


@dataclass(frozen=True, slots=True)
class Compliance:
    ok: tuple[str, ...] = ()  # item keys: every block ok or not-applicable
    concern: tuple[str, ...] = ()  # at least one concern
    not_recorded: tuple[str, ...] = ()  # a block left without an answer


@dataclass(frozen=True, slots=True)
class Decision:
    item: str
    decision: str  # rework | reject
    who: str
    day: date
    title: str


@dataclass(frozen=True, slots=True)
class Letters:
    received: int = 0
    topics: Mapping[str, int] = field(default_factory=dict)  # topic → letters
    meetings: Mapping[str, int] = field(default_factory=dict)  # meeting id → questions
    no_topic: int = 0  # no answer published yet, not a meeting question
    replied: int = 0  # a first reply given (the official answer is one too)
    answered: int = 0  # the official answer given (recorded, or published in the blog)
    published: int = 0  # ... of those, published in the blog
    forwarded: int = 0  # moved to official correspondence
    waiting: int = 0  # none of these yet
    late_reply: tuple[str, ...] = ()  # numbers: first reply after its day, or none
    late_answer: tuple[str, ...] = ()  # numbers: official answer after its day, or none


def topics(versions: Iterable[Version]) -> dict[str, list[tuple[str, int]]]:
    """Per language, the tags of ``versions`` with their counts, most used first (ties by
    name), at most :data:`TOP_TAGS`."""
    counts: dict[str, Counter[str]] = {lang: Counter() for lang in LANGS}
    for v in versions:
        counts[v.lang].update({t.strip() for t in v.tags if t.strip()})
    return {lang: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TAGS]
            for lang, c in counts.items()}


def compliance(items: Iterable[tuple[Item, list[Version]]]) -> Compliance:
    ok, concern, missing = [], [], []
    for item, versions in items:
        answers_ = [v.checklist.get(block, "") for v in versions for block in BLOCKS]
        if any(a.startswith("concern") for a in answers_):
            concern.append(item.key)
        elif all(answers_):
            ok.append(item.key)
        else:
            missing.append(item.key)
    return Compliance(tuple(ok), tuple(concern), tuple(missing))


def decisions(content: ContentSet, start: date, end: date, lang: Lang) -> list[Decision]:
    out = []
    for item in content.items:
        for v in item.versions.values():
            if v.decision not in ("rework", "reject"):
                continue
            day = v.approved_at.date() if v.approved_at else v.date
            if start <= day <= end:
                shown = item.versions.get(lang) or item.primary
                out.append(Decision(item.key, v.decision, v.approved_by, day, shown.title))
                break  # one line per item
    return sorted(out, key=lambda d: (d.day, d.item))


def letters(db: Path, content: ContentSet, start: date, end: date, now: datetime,
            calendar: Calendar | None = None, lang: Lang = "kk") -> Letters:
    """The letters received from ``start`` to ``end`` in the register ``db``."""
    store = LetterStore(db, calendar=calendar)
    found = answers(content, now)
    tags = _answer_tags(content, lang)
    as_of = min(now.date(), end)
    mine = [x for x in store.letters() if start <= x.received.date() <= end]
    topic: Counter[str] = Counter()
    meetings: Counter[str] = Counter()
    no_topic = replied = answered = published = forwarded = waiting = 0
    late_reply, late_answer = [], []
    for x in mine:
        answer = found.get(x.number)
        if x.meeting:
            meetings[x.meeting] += 1
        elif answer is not None and tags.get(x.number):
            topic.update(tags[x.number])
        else:
            no_topic += 1
        official = _official_day(x, answer)
        first = min((d for d in (x.replied, official, x.forwarded) if d is not None),
                    default=None)
        replied += first is not None
        answered += official is not None
        published += answer is not None
        forwarded += official is None and x.forwarded is not None
        waiting += first is None
        if _late(first, x.reply_by, as_of):
            late_reply.append(x.number)
        closed = official or x.forwarded
        deadline = x.answer_by or answer_by(x.received.date(), calendar)
        if _late(closed, deadline, as_of):
            late_answer.append(x.number)
    return Letters(len(mine), dict(topic.most_common()), dict(sorted(meetings.items())),
                   no_topic, replied, answered, published, forwarded, waiting,
                   tuple(late_reply), tuple(late_answer))


def _official_day(x: StoredLetter, answer: Answer | None) -> date | None:
    days = [d for d in (x.answered, answer.date if answer else None) if d is not None]
    return min(days) if days else None


def _late(done: date | None, deadline: date, as_of: date) -> bool:
    """Given after its day, or not given and the day has passed."""
    return done > deadline if done is not None else as_of > deadline


def _answer_tags(content: ContentSet, lang: Lang) -> dict[str, list[str]]:
    """Letter number → the tags of its answer item in ``lang`` (else the other language)."""
    out: dict[str, list[str]] = {}
    for item in sorted(content.items, key=lambda i: (i.date, i.key)):
        if item.kind != "answer":
            continue
        shown = item.versions.get(lang) or item.primary
        for v in item.versions.values():
            number = v.letter.strip()
            if number and number not in out:
                out[number] = [t.strip() for t in shown.tags if t.strip()]
    return out
