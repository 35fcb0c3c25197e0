"""The corporate newspaper as data: issues, their sections, the lead, the archive.

Sits between the content model and the pages: ``Newspaper.build(content, lang, now)``
takes the published items of one language that carry ``issue: N`` and groups them into
:class:`IssueView` objects (lead story, then the sections in the regulation's order),
with the reading order that gives each article its previous/next, the archive by year
and a view of one section across issues. Pure: no MkDocs, no files written, ``now`` is
passed in. What does not fit (a second lead, an issue item outside the newspaper's sections)
is kept in ``notes`` so the build can say so instead of dropping it quietly.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from ..content.model import SECTIONS, ContentSet, Item, Lang, NewspaperIssue, Version

# Silent reading speed of adults, words per minute. Kazakh words are longer
# (agglutination: one word carries what Russian says in two or three), so fewer per minute.
WORDS_PER_MINUTE: dict[Lang, int] = {"kk": 150, "ru": 180}

_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def count_words(markdown: str) -> int:
    """Words a reader reads: letters and digits, without link targets, tags or code."""
    text = _FENCE.sub(" ", markdown)
    text = _LINK_TARGET.sub("]", text)
    text = _TAG.sub(" ", text)
    return len(_WORD.findall(text))


@functools.lru_cache(maxsize=65536)  # per text: its page, cards, related; 10,000 pairs fit
def reading_minutes(markdown: str, lang: Lang) -> int:
    """Whole minutes to read ``markdown`` in ``lang``, at least 1."""
    return max(1, math.ceil(count_words(markdown) / WORDS_PER_MINUTE[lang]))


@dataclass(frozen=True, slots=True)
class Article:
    """One published item of an issue in one language."""

    item: Item
    version: Version
    issue: int
    minutes: int

    @property
    def lang(self) -> Lang:
        return self.version.lang

    @property
    def section(self) -> str:
        return self.item.section

    @property
    def title(self) -> str:
        return self.version.title

    @property
    def url(self) -> str:
        return self.item.url(self.version.lang)

    @property
    def key(self) -> str:
        return self.item.key


@dataclass(frozen=True, slots=True)
class IssueView:
    """One issue in one language: lead, then every section in order (empty ones too)."""

    lang: Lang
    meta: NewspaperIssue
    lead: Article | None
    sections: tuple[tuple[str, tuple[Article, ...]], ...]  # the lead is not repeated here

    @property
    def number(self) -> int:
        return self.meta.number

    @property
    def date(self) -> date:
        return self.meta.date

    @property
    def year(self) -> int:
        return self.meta.date.year

    @property
    def note(self) -> str:
        return self.meta.note.get(self.lang, "")

    @property
    def articles(self) -> tuple[Article, ...]:
        """Reading order: the lead, then each section's articles."""
        rest = tuple(a for _, arts in self.sections for a in arts)
        return ((self.lead,) if self.lead else ()) + rest

    def filled_sections(self) -> Iterator[tuple[str, tuple[Article, ...]]]:
        return ((s, arts) for s, arts in self.sections if arts)

    def in_section(self, section: str) -> tuple[Article, ...]:
        """Every article of ``section`` in this issue, the lead included."""
        return tuple(a for a in self.articles if a.section == section)

    def neighbours(self, key: str) -> tuple[Article | None, Article | None]:
        """Previous and next article in reading order, or None at either end."""
        order = self.articles
        for i, article in enumerate(order):
            if article.key == key:
                before = order[i - 1] if i > 0 else None
                after = order[i + 1] if i + 1 < len(order) else None
                return before, after
        raise KeyError(key)


@dataclass(frozen=True, slots=True)
class Newspaper:
    """Every issue with at least one published article in ``lang``, newest first."""

    lang: Lang
    issues: tuple[IssueView, ...]
    notes: tuple[str, ...] = field(default=())

    @classmethod
    def build(cls, content: ContentSet, lang: Lang, now: datetime,
              rows: Sequence[tuple[Item, Version]] | None = None) -> Newspaper:
        """``rows``: ``content.published(lang, now)`` when the caller has it already."""
        notes: list[str] = []
        by_issue: dict[int, list[Article]] = {}
        for item, version in rows if rows is not None else content.published(lang, now):
            number = item.issue
            if number is None:
                continue
            if item.section not in SECTIONS:
                notes.append(f"{version.path}: issue {number} lists only the newspaper "
                             f"sections; '{item.section}' is not one, so it is left out of "
                             "the issue; give it a newspaper section or remove 'issue'")
                continue
            text = f"{version.title}\n{version.summary}\n{version.body}"
            article = Article(item, version, number, reading_minutes(text, lang))
            by_issue.setdefault(number, []).append(article)
        views: list[IssueView] = []
        for meta in sorted(content.issues, key=lambda i: (i.date, i.number), reverse=True):
            articles = by_issue.pop(meta.number, [])
            if articles:
                views.append(_issue_view(lang, meta, articles, notes))
        for number in by_issue:  # validation reports unknown issues; say it here too
            notes.append(f"issue {number} has articles but no content/_data/issues/"
                         f"{number}.yml; its articles are not in the newspaper")
        return cls(lang, tuple(views), tuple(notes))

    @property
    def current(self) -> IssueView | None:
        """The newest issue (what the home page and the print default show)."""
        return self.issues[0] if self.issues else None

    def issue(self, number: int) -> IssueView | None:
        return next((v for v in self.issues if v.number == number), None)

    def archive(self) -> list[tuple[int, list[IssueView]]]:
        """Years newest first, each with its issues newest first."""
        years: dict[int, list[IssueView]] = {}
        for view in self.issues:
            years.setdefault(view.year, []).append(view)
        return sorted(years.items(), reverse=True)

    def section(self, section: str) -> list[tuple[IssueView, tuple[Article, ...]]]:
        """``section`` across issues, newest issue first; issues without it are skipped."""
        found = ((view, view.in_section(section)) for view in self.issues)
        return [(view, arts) for view, arts in found if arts]

    def find(self, key: str) -> tuple[IssueView, Article] | None:
        """The issue and article of item ``key`` (``news/2026-11-18-x``) in this language."""
        for view in self.issues:
            for article in view.articles:
                if article.key == key:
                    return view, article
        return None


def _issue_view(lang: Lang, meta: NewspaperIssue, articles: Sequence[Article],
                notes: list[str]) -> IssueView:
    # Oldest first inside a section: a paper reads like the month it covers.
    ordered = sorted(articles, key=lambda a: (a.item.date, a.key))
    leads = [a for a in ordered if a.version.lead]
    lead = leads[-1] if leads else None
    if len(leads) > 1:
        kept = leads[-1].version.path
        notes.append(f"issue {meta.number} ({lang}) has {len(leads)} lead stories; "
                     f"the newest, {kept}, leads; remove 'lead: true' from the others: "
                     + ", ".join(a.version.path for a in leads[:-1]))
    sections = tuple(
        (name, tuple(a for a in ordered if a.section == name and a is not lead))
        for name in SECTIONS
    )
    return IssueView(lang, meta, lead, sections)
