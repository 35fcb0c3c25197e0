"""The period report: what was published from one day to another, and what the screens
showed, for the half-year report of internal communications.

Where it sits: ``site-gen report --from D --to D [--plays DIR]``
(``site_gen/commands/report.py``) calls :func:`build_report` on the ContentSet from
``site_gen.content.check`` and the proof-of-play logs the players wrote
(``signage.playlog``, format in ``docs/bundle.md``) or the fleet's database their
heartbeats fill (``--plays var/fleet.sqlite3``, ``site_gen.fleet``), then :mod:`.reportview` writes
Markdown, CSV and an SVG bar chart (``site_gen.charts``).

Counted: each language version that is approved with a publish decision and whose publish
day (``publish_at``, else ``date``) falls in the period, by section, by content kind and
by language (an item published before approval counts, and is also listed apart until
it is approved: SM 6.4 has the head told afterwards). Plays: each proof-of-play record
whose local day falls in the period, per item and screen, with the minutes on screen. A
line that is not a record is reported as ``file:line: what`` and skipped; the other lines
still count.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TypedDict
from zoneinfo import ZoneInfo

from signage.playlog import PlayRecord, read_plays

from ..bundle.writer import content_key
from ..content.approval import out_before_approval
from ..content.dates import DateProblem, parse_date
from ..content.holidays import Calendar
from ..content.model import ALL_SECTIONS, CONTENT_KINDS, LANGS, ContentSet, Item, Lang, Version
from ..fleet.store import stored_plays
from . import reportfacts
from .i18n import N_

CONTENT_KIND_NAMES = {
    "information": N_("Information"), "legal": N_("Legal explanation"),
    "social": N_("Social protection"), "education": N_("Education"), "image": N_("Image"),
    "interactive": N_("Interactive"),
}


class ReportProblem(ValueError):
    """A wrong option; ``template`` and ``values`` make the message in any language."""

    def __init__(self, template: str, **values: object) -> None:
        super().__init__(template.format(**values))
        self.template = template
        self.values = values


def parse_day(option: str, text: str) -> date:
    try:
        return parse_date(text)
    except DateProblem:
        raise ReportProblem(N_("{option} '{value}' is not a date; write e.g. 2026-07-01 or "
                               "01.07.2026"), option=option, value=text) from None


@dataclass(frozen=True, slots=True)
class PlayRow:
    item: str
    screen: str
    lang: str
    plays: int
    seconds: float
    known: bool  # the item exists in the content

    @property
    def minutes(self) -> float:
        return round(self.seconds / 60, 1)


@dataclass(frozen=True, slots=True)
class Report:
    start: date
    end: date
    by_section: dict[str, dict[str, int]]  # section → lang → versions
    by_kind: dict[str, dict[str, int]]  # content kind → lang → versions
    by_lang: dict[str, int]
    items: int  # items with at least one version counted
    plays: tuple[PlayRow, ...] | None  # None: no --plays given
    problems: tuple[str, ...] = ()  # "file:line: what" of skipped lines
    titles: dict[str, dict[str, str]] = field(default_factory=dict)  # item → lang → title
    files_read: int = 0
    outside: int = 0  # records outside the period
    # Published before approval (SM 6.4) and not approved yet, up to the period's end: the
    # head is told. (item key, language, publish day, reason)
    awaiting: tuple[tuple[str, str, date, str], ...] = ()
    versions: int = 0  # language versions counted (by_lang summed)
    topics: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # lang → tags
    compliance: reportfacts.Compliance = field(default_factory=reportfacts.Compliance)
    decisions: tuple[reportfacts.Decision, ...] = ()
    letters: reportfacts.Letters | None = None  # None: no --letters given


@dataclass(frozen=True, slots=True)
class LettersSource:
    """``--letters DB``: the register, and what judging its deadlines needs."""

    db: Path
    now: datetime
    calendar: Calendar | None = None


def build_report(content: ContentSet, start: date, end: date,
                 plays_dir: Path | None = None, letters: LettersSource | None = None,
                 lang: Lang = "kk") -> Report:
    """The report of ``start``..``end``; ``lang`` chooses the titles and the answers' tags
    shown (the report's language, Kazakh for English)."""
    if end < start:
        raise ReportProblem(N_("--to {end} is before --from {start}; swap the dates"),
                            start=start.isoformat(), end=end.isoformat())
    sections = list(ALL_SECTIONS)
    langs: tuple[str, ...] = LANGS
    by_section: dict[str, dict[str, int]] = {s: dict.fromkeys(langs, 0) for s in sections}
    by_kind: dict[str, dict[str, int]] = {k: dict.fromkeys(langs, 0) for k in CONTENT_KINDS}
    by_lang: dict[str, int] = dict.fromkeys(langs, 0)
    counted: dict[str, tuple[Item, list[Version]]] = {}
    for item in content.items:
        for v_lang, v in item.versions.items():
            day = v.publish_day
            if not (v.approved and start <= day <= end):
                continue
            by_section.setdefault(item.section, dict.fromkeys(langs, 0))[v_lang] += 1
            by_kind.setdefault(v.content_kind, dict.fromkeys(langs, 0))[v_lang] += 1
            by_lang[v_lang] += 1
            counted.setdefault(item.key, (item, []))[1].append(v)
    titles: dict[str, dict[str, str]] = {
        i.key: {v_lang: v.title for v_lang, v in i.versions.items()} for i in content.items}
    awaiting = tuple((i.key, v.lang, v.publish_day, v.published_before_approval)
                     for i, v in out_before_approval(content) if v.publish_day <= end)
    facts = _facts(content, start, end, counted, letters, lang)
    if plays_dir is None:
        return Report(start, end, by_section, by_kind, by_lang, len(counted), None,
                      titles=titles, awaiting=awaiting, **facts)
    rows, problems, files, outside = read_play_dir(plays_dir, start, end,
                                                   content.settings.zone, set(titles))
    return Report(start, end, by_section, by_kind, by_lang, len(counted), rows,
                  tuple(problems), titles, files, outside, awaiting, **facts)


class _Facts(TypedDict):
    versions: int
    topics: dict[str, list[tuple[str, int]]]
    compliance: reportfacts.Compliance
    decisions: tuple[reportfacts.Decision, ...]
    letters: reportfacts.Letters | None


def _facts(content: ContentSet, start: date, end: date,
           counted: dict[str, tuple[Item, list[Version]]], letters: LettersSource | None,
           lang: Lang) -> _Facts:
    """What Appendix 2 asks beyond the counts (:mod:`.reportfacts`)."""
    return {
        "versions": sum(len(vs) for _, vs in counted.values()),
        "topics": reportfacts.topics(v for _, vs in counted.values() for v in vs),
        "compliance": reportfacts.compliance(counted.values()),
        "decisions": tuple(reportfacts.decisions(content, start, end, lang)),
        "letters": None if letters is None else reportfacts.letters(
            letters.db, content, start, end, letters.now, letters.calendar, lang),
    }


def read_play_dir(folder: Path, start: date, end: date, zone: ZoneInfo,
                  known: set[str]) -> tuple[tuple[PlayRow, ...], list[str], int, int]:
    """Every ``*.jsonl`` under ``folder`` (one folder per screen or all in one), or, when
    ``folder`` is a file, the fleet's database, where the screens' heartbeats collect their
    proof of play (``site_gen.fleet``)."""
    problems: list[str] = []
    if folder.is_file():
        try:
            records = stored_plays(folder)
        except sqlite3.Error as exc:
            raise ReportProblem(N_("'{path}' is not the fleet's database ({reason}); give the "
                                   "database of 'site-gen fleet serve' or a folder of "
                                   "plays-*.jsonl files"), path=folder, reason=str(exc)
                                ) from None
        rows, outside = _count_plays([records], start, end, zone, known)
        return rows, problems, 1, outside
    if not folder.is_dir():
        raise ReportProblem(N_("no plays folder at '{path}'; give the folder with the "
                               "screens' plays-*.jsonl files"), path=folder)
    files = sorted(folder.rglob("*.jsonl"))

    def each_file() -> Iterator[Iterable[PlayRecord]]:
        for file in files:
            try:
                yield list(read_plays(file, problems))
            except OSError as exc:
                problems.append(f"{file}: {exc.strerror}")

    rows, outside = _count_plays(each_file(), start, end, zone, known)
    return rows, problems, len(files), outside


def _count_plays(sources: Iterable[Iterable[PlayRecord]], start: date, end: date,
                 zone: ZoneInfo, known: set[str]) -> tuple[tuple[PlayRow, ...], int]:
    """Plays and seconds per (item, screen, language) in the period; the lines outside it."""
    count: Counter[tuple[str, str, str]] = Counter()
    seconds: defaultdict[tuple[str, str, str], float] = defaultdict(float)
    outside = 0
    for records in sources:
        for record in records:
            if not start <= record.time.astimezone(zone).date() <= end:
                outside += 1
                continue
            # A meeting's results slide ("…#results") counts for its meeting's item.
            key = (content_key(record.item), record.screen, record.lang)
            count[key] += 1
            seconds[key] += record.seconds
    rows = tuple(PlayRow(i, s, lang, n, seconds[(i, s, lang)], i in known)
                 for (i, s, lang), n in sorted(count.items()))
    return rows, outside


def plays_per_item(rows: Iterable[PlayRow]) -> list[tuple[str, str, int, float, bool]]:
    """(item, screen, plays, minutes, known) summed over languages, by item then screen."""
    total: dict[tuple[str, str], list[float]] = {}
    known: dict[str, bool] = {}
    for r in rows:
        acc = total.setdefault((r.item, r.screen), [0, 0.0])
        acc[0] += r.plays
        acc[1] += r.seconds
        known[r.item] = r.known
    return [(item, screen, int(n), round(s / 60, 1), known[item])
            for (item, screen), (n, s) in sorted(total.items())]


_PROBLEM = re.compile(r"^(?P<where>.*?:\d+): (?P<what>.*)$", re.DOTALL)


def split_problem(text: str) -> tuple[str, str]:
    """``file:line: what`` → (``file:line``, ``what``)."""
    m = _PROBLEM.match(text)
    return (m["where"], m["what"]) if m else ("", text)

