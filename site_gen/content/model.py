"""The content model: plain frozen dataclasses, built without MkDocs.

An :class:`Item` is one piece of content in up to two languages; each language is a
:class:`Version` read from one file (``x.kk.md`` or ``x.ru.md``). Shared facts (date,
section, issue, schedule) come from the Kazakh file when both exist: Kazakh is first.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Literal
from zoneinfo import ZoneInfo

from .dates import HourRange

Lang = Literal["kk", "ru"]
LANGS: tuple[Lang, ...] = ("kk", "ru")

# The newspaper's sections, in the order of the regulation (5.1.9, 5.2.3): the ten it names,
# then "other" for its "and others". "sports-culture" keeps its slug (and its URLs) but is
# named "sports, culture and leisure" on every channel.
SECTIONS: tuple[str, ...] = (
    "news",
    "announcements",
    "interviews",
    "analytics",
    "innovations",
    "master-classes",
    "success-stories",
    "new-staff",
    "sports-culture",
    "congratulations",
    "other",
)
# Sections of the portal and the screens that the newspaper does not carry: management's
# orders and directives (5.1.8 lists them for the monitors; 5.1.9 not for the newspaper).
PORTAL_SECTIONS: tuple[str, ...] = ("orders",)
# Newspaper sections an issue may leave empty without it being a gap in the plan.
OPTIONAL_SECTIONS: tuple[str, ...] = ("other",)
PAGE_SECTION = "page"
ALL_SECTIONS: tuple[str, ...] = (*SECTIONS, *PORTAL_SECTIONS, PAGE_SECTION)
KINDS: tuple[str, ...] = ("article", "page", "event", "answer")
CONTENT_KINDS: tuple[str, ...] = (
    "information",
    "legal",
    "social",
    "education",
    "image",
    "interactive",
)
STATUSES: tuple[str, ...] = ("draft", "review", "approved")
DECISIONS: tuple[str, ...] = ("publish", "rework", "reject")
PRIORITIES: tuple[str, ...] = ("normal", "urgent")
PLAN_STATUSES: tuple[str, ...] = ("planned", "in-progress", "done")
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class Signage:
    """When and where an item goes on the screens (the ``signage:`` block)."""

    screens: tuple[str, ...]  # empty: every screen
    start: date | None  # "from", inclusive
    until: date | None  # inclusive
    days: tuple[int, ...]  # 0 = Monday; empty: every day
    hours: tuple[HourRange, ...]  # empty: the screen's on-hours
    duration: int | None  # seconds; None: from reading time
    priority: str  # normal | urgent
    text: str  # this language's short screen text ("" = use summary or title)
    image: PurePosixPath | None  # relative to the content root
    video: PurePosixPath | None
    line: int  # where the block starts, for messages


@dataclass(frozen=True, slots=True)
class PlanRow:
    task: str
    responsible: str
    due: date
    status: str  # planned | in-progress | done


@dataclass(frozen=True, slots=True)
class Event:
    """A dated gathering, such as the head's report meeting with staff."""

    starts: datetime
    ends: datetime | None
    place: str
    audience: str
    questions_until: date
    announce_from: int  # days before ``starts`` it goes on the screens
    report: PurePosixPath | None
    action_plan: tuple[PlanRow, ...]
    # The rules of clause 5.1.1 as the editor records them (docs/editors.md, report meetings).
    questions_deadline_reason: str = ""  # why questions close less than 14 days before
    minutes_signed: date | None = None  # the head signed the minutes (due within 3 days)
    action_plan_approved: date | None = None  # the head approved the plan (within 5 days)
    poster_printed: date | None = None  # the announcement went up on the notice boards
    no_newspaper_issue: str = ""  # why no newspaper issue announces the meeting
    report_meeting: bool = True  # "meeting: other" (a sports day): the 5.1.1 rules do not apply

    @property
    def held_until(self) -> datetime:
        """When the meeting is over: ``ends``, else ``starts``."""
        return self.ends or self.starts


_Day = date  # inside Version, "date" is a field's name


@dataclass(frozen=True, slots=True)
class Version:
    """One language file of an item, validated."""

    lang: Lang
    path: str  # as shown to editors: content/news/x.kk.md
    source: Path  # the file on disk
    title: str
    date: date
    section: str
    kind: str
    content_kind: str
    issue: int | None
    lead: bool
    author: str
    summary: str
    image: PurePosixPath | None
    image_alt: str
    tags: tuple[str, ...]
    status: str
    approved_by: str
    approved_at: datetime | None
    decision: str | None
    publish_at: datetime | None
    expires: datetime | None  # first moment it is no longer published
    personal_data_consent: bool
    letter: str
    event: Event | None
    signage: Signage | None
    body: str  # Markdown after the front matter
    body_line: int  # line of the file where the body starts
    lines: Mapping[str, int] = field(default_factory=dict)  # field name → line, for messages
    # The reviewer's answers per block of the pre-publication checklist (Appendix 1):
    # block → "ok", "not-applicable" or "concern: <text>"; "reaction" → who watches it.
    checklist: Mapping[str, str] = field(default_factory=dict)
    published_before_approval: str = ""  # the reason an urgent item went out unapproved
    image_caption: str = ""  # the caption under the item's picture on its page

    @property
    def approved(self) -> bool:
        """Published when its time comes: approved with the decision to publish, or sent
        out before approval for the reason given (SM 6.4), unless rejected or sent back."""
        if self.decision in ("rework", "reject"):
            return False
        return self.status == "approved" or bool(self.published_before_approval)

    @property
    def awaiting_approval(self) -> bool:
        """Out before approval and not approved yet: the head is told (digest, report)."""
        return bool(self.published_before_approval) and self.status != "approved" \
            and self.decision not in ("rework", "reject")

    @property
    def publish_day(self) -> _Day:
        """The day the version appears: its publish_at day, else its date."""
        return self.publish_at.date() if self.publish_at is not None else self.date

    def on_air(self, now: datetime) -> bool:
        """Published at ``now``: approved, past ``publish_at``, before ``expires``."""
        if not self.approved:
            return False
        if self.publish_at is not None and now < self.publish_at:
            return False
        return self.expires is None or now < self.expires


@dataclass(frozen=True, slots=True)
class Item:
    """One piece of content: the pair ``<folder>/<stem>.kk.md`` + ``.ru.md``."""

    folder: str  # relative to the content root, POSIX, NFC; "" for the root
    stem: str  # NFC file stem without the language suffix
    versions: Mapping[Lang, Version]

    @property
    def key(self) -> str:
        return f"{self.folder}/{self.stem}" if self.folder else self.stem

    @property
    def primary(self) -> Version:
        """The Kazakh version when there is one: it carries the shared facts."""
        return self.versions.get("kk") or self.versions["ru"]

    @property
    def section(self) -> str:
        return self.primary.section

    @property
    def date(self) -> date:
        return self.primary.date

    @property
    def kind(self) -> str:
        return self.primary.kind

    @property
    def issue(self) -> int | None:
        return self.primary.issue

    @property
    def signage(self) -> Signage | None:
        return self.primary.signage

    @property
    def event(self) -> Event | None:
        return self.primary.event

    def url(self, lang: Lang) -> str:
        """Site-relative URL of this item in ``lang``: ``/{lang}/{section}/{stem}/``."""
        return f"/{lang}/{self.section}/{self.stem}/"

    def missing(self) -> tuple[Lang, ...]:
        return tuple(lang for lang in LANGS if lang not in self.versions)


@dataclass(frozen=True, slots=True)
class Screen:
    id: str
    name: Mapping[Lang, str]
    location: Mapping[Lang, str]
    width: int
    height: int
    rotation: int  # 0, 90, 180, 270
    on_hours: tuple[HourRange, ...]
    off_hours: str  # dark | dim
    ticker: Mapping[Lang, str]


@dataclass(frozen=True, slots=True)
class NewspaperIssue:
    number: int
    date: date
    cover: PurePosixPath | None
    note: Mapping[Lang, str]
    path: str


@dataclass(frozen=True, slots=True)
class Settings:
    company: Mapping[Lang, str]
    timezone: str
    zone: ZoneInfo
    bins: frozenset[str]
    base_url: str
    letters_endpoint: str
    announce_days: int = 15  # report meetings: announced at least this many days before
    blog_anonymous: str = "accept"  # blog.anonymous: accept | refuse (letters without a name)
    publish_report_to: tuple[str, ...] = ()  # who gets the publish service's report


@dataclass(frozen=True, slots=True)
class ContentSet:
    """Everything valid under one content root, ready for every channel."""

    root: Path
    settings: Settings
    items: tuple[Item, ...]
    screens: tuple[Screen, ...]
    issues: tuple[NewspaperIssue, ...]

    def published(self, lang: Lang, now: datetime) -> Iterator[tuple[Item, Version]]:
        """Items whose ``lang`` version is on the site at ``now``, newest first."""
        for item in sorted(self.items, key=lambda i: (i.date, i.key), reverse=True):
            version = item.versions.get(lang)
            if version is not None and version.on_air(now):
                yield item, version

    def screen(self, screen_id: str) -> Screen | None:
        return next((s for s in self.screens if s.id == screen_id), None)

    def issue(self, number: int) -> NewspaperIssue | None:
        return next((i for i in self.issues if i.number == number), None)
