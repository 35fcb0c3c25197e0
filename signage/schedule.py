"""The scheduler: a pure function from (bundle, screen, moment) to that screen's playlist.

Flow: :mod:`signage.bundle` → **here** → ``signage.render`` (one slide → Surface) and the
player loop, which owns the clock and asks again at :attr:`Playlist.valid_until`.

Nothing here reads the clock; every moment is passed in and must be timezone-aware.
Local dates and hours are those of the bundle's zone (default Asia/Almaty). The rules:

* an item plays for a screen listed in its ``screens`` (empty: every screen);
* on a day within ``from``..``until`` (both inclusive) and on its weekdays;
* inside its hours (default: the screen's on-hours), half-open ``[start, end)``; an
  overnight range (22:00-06:00) belongs to the day it starts on, for dates and weekdays;
* each language only while its own ``publish_at`` ≤ moment < ``expires``; an event only
  before it starts;
* outside the screen's on-hours the playlist is empty and ``night`` is true;
* urgent items first (marked to interrupt), then normal items in an order that changes
  from day to day, seeded by the date; each item in Kazakh, then Russian;
* a slide lasts the item's ``duration`` or its reading time, 8–30 seconds.

For many look-ups (the player's day, a week simulated minute by minute) :func:`compile_day`
evaluates a day once at each moment where anything can change; :meth:`DayIndex.at` is then a
binary search. ``compile_day(b, s, d).at(t) == playlist(b, s, t)`` for every ``t`` in day ``d``.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .bundle import Bundle, BundleItem, Hours, ItemText, Media, ScreenInfo, Table

READING_MIN = 8  # seconds: bounds of a duration computed from reading time
READING_MAX = 30
WORDS_PER_SECOND = 2.5  # a comfortable pace for a screen read while passing by
DAY_MINUTES = 1440


class UnknownScreen(LookupError):
    """The screen id is not in the bundle; the message lists the known ids."""

    def __init__(self, screen_id: str, known: Sequence[str]) -> None:
        listed = ", ".join(known) or "none"
        super().__init__(f"screen '{screen_id}' is not in the bundle; known screens: {listed}")
        self.screen_id = screen_id


@dataclass(frozen=True, slots=True)
class Slide:
    """One language of one item, ready for ``signage.render.render_slide``."""

    item_id: str  # content key, e.g. "announcements/2026-11-23-su-azhyratu"
    lang: str  # kk | ru
    kind: str  # article | event | …
    title: str
    text: str  # the short screen text
    body: str  # Markdown body of this language
    duration: int  # seconds on screen
    priority: str  # normal | urgent
    image: Media | None  # path relative to the bundle folder
    video: Media | None
    url: str  # the intranet page in this language, for the QR code
    screen_id: str
    event_starts: datetime | None = None  # events: when and where
    place: str = ""
    table: Table | None = None  # a table slide (a meeting's action plan), in ``lang``
    section: str = ""  # the item's section key ("announcements"): picks the template
    section_label: str = ""  # its name in ``lang`` ("Хабарландырулар"), "" if the bundle has none

    @property
    def urgent(self) -> bool:
        """Urgent slides come first and interrupt whatever is on screen."""
        return self.priority == "urgent"


@dataclass(frozen=True, slots=True)
class Playlist:
    """What one screen shows from a moment until :attr:`valid_until`."""

    screen_id: str
    day: date  # the screen's day: where its current on-hours range started
    slides: tuple[Slide, ...]  # urgent first; empty at night or with nothing to show
    night: bool  # outside the screen's on-hours: show nothing (see off_hours)
    off_hours: str  # dark | dim: what the screen does at night
    valid_until: datetime  # aware; the next moment the playlist may change

    @property
    def urgent(self) -> tuple[Slide, ...]:
        return tuple(s for s in self.slides if s.urgent)

    @property
    def seconds(self) -> int:
        """One pass through the playlist, in seconds."""
        return sum(s.duration for s in self.slides)


def reading_seconds(*texts: str) -> int:
    """Seconds to read ``texts`` on a screen: 3 s to look, then the words; 8–30 s."""
    words = sum(len(t.split()) for t in texts)
    return max(READING_MIN, min(READING_MAX, math.ceil(3 + words / WORDS_PER_SECOND)))


def playlist(bundle: Bundle, screen_id: str, now: datetime) -> Playlist:
    """The playlist of ``screen_id`` at ``now`` (aware). Pure: same inputs, same result.

    Raises :class:`UnknownScreen` for an id not in the bundle and ValueError for a naive
    ``now``.
    """
    index = _screen_index(bundle, screen_id)
    local = _local(now, index.zone)
    day = local.date()
    return _evaluate(index, _relevant(index, day), local, None)


def next_change(bundle: Bundle, screen_id: str, now: datetime) -> datetime:
    """The next moment after ``now`` at which the playlist may change (at the latest,
    the next local midnight). The player sleeps until then or until a new bundle."""
    return playlist(bundle, screen_id, now).valid_until


@dataclass(frozen=True, slots=True)
class DayIndex:
    """A screen's local day compiled once: playlists between the moments they change."""

    screen_id: str
    day: date
    starts: tuple[float, ...]  # POSIX timestamps where each segment starts (sorted)
    playlists: tuple[Playlist, ...]  # playlists[i] holds from starts[i] to starts[i+1]
    end: float  # timestamp of the next local midnight

    def at(self, now: datetime) -> Playlist:
        """The playlist at ``now``, which must fall within this local day."""
        ts = _aware(now).timestamp()
        if not self.starts[0] <= ts < self.end:
            raise ValueError(f"{now.isoformat()} is not on {self.day.isoformat()}")
        return self.playlists[bisect.bisect_right(self.starts, ts) - 1]

    def segments(self) -> Iterator[tuple[datetime, Playlist]]:
        """(start, playlist) for each stretch of the day; start is in the playlist's zone."""
        for start, pl in zip(self.starts, self.playlists, strict=True):
            yield datetime.fromtimestamp(start, pl.valid_until.tzinfo), pl


def compile_day(bundle: Bundle, screen_id: str, day: date) -> DayIndex:
    """Evaluate ``day`` for ``screen_id`` once at every moment where anything can change."""
    index = _screen_index(bundle, screen_id)
    relevant = _relevant(index, day)
    zone = index.zone
    first = _at_minute(day, 0, zone)
    end = _at_minute(day, DAY_MINUTES, zone)
    points = {first.timestamp()}
    for key in {0, *(e.hours_key for e in relevant)}:
        for h in index.hour_sets[key]:
            for minute in (h.start, h.end):
                if minute < DAY_MINUTES:
                    points.add(_at_minute(day, minute, zone).timestamp())
    for e in relevant:
        for ts in e.moments:
            if first.timestamp() < ts < end.timestamp():
                points.add(ts)
    starts = sorted(points)
    ends = [*starts[1:], end.timestamp()]
    playlists = tuple(
        _evaluate(index, relevant, datetime.fromtimestamp(s, zone), datetime.fromtimestamp(e, zone))
        for s, e in zip(starts, ends, strict=True))
    return DayIndex(screen_id, day, tuple(starts), playlists, end.timestamp())


# ---------------------------------------------------------------- compiled bundle


@dataclass(slots=True)
class _Lang:
    """One language of an entry; its :class:`Slide` is made the first time it plays."""

    text: ItemText
    item: BundleItem
    screen_id: str
    shown_from: float  # timestamps; -inf / inf when open
    shown_until: float
    made: Slide | None = None

    def slide(self) -> Slide:
        if self.made is None:
            self.made = make_slide(self.item, self.text, self.screen_id)
        return self.made


def make_slide(item: BundleItem, t: ItemText, screen_id: str) -> Slide:
    """The slide of one language of ``item`` on ``screen_id``."""
    return Slide(
        item_id=item.id, lang=t.lang, kind=item.kind, title=t.title, text=t.text,
        body=t.body, duration=item.duration or reading_seconds(
            t.title, t.text, *(c for r in (t.table.rows if t.table else ()) for c in r.cells)),
        priority=item.priority, image=item.image, video=item.video, url=t.url,
        screen_id=screen_id, event_starts=item.event_starts, place=t.place, table=t.table,
        section=item.section, section_label=t.section)


@dataclass(frozen=True, slots=True)
class _Entry:
    """One item for one screen, its rules as numbers for fast evaluation."""

    item: BundleItem
    first: int  # date ordinals, inclusive
    last: int
    weekdays: int  # bit n set: weekday n (0 = Monday) allowed
    hours_key: int  # index in _ScreenIndex.hour_sets; 0: the screen's on-hours
    stop: float  # events: the start; inf otherwise
    langs: tuple[_Lang, ...]  # Kazakh first
    moments: tuple[float, ...]  # finite stop / shown_from / shown_until: changes


@dataclass(frozen=True, slots=True)
class _ScreenIndex:
    screen: ScreenInfo
    zone: ZoneInfo
    on_hours: tuple[Hours, ...]
    entries: tuple[_Entry, ...]
    hour_sets: tuple[tuple[Hours, ...], ...]  # distinct hours; [0] is the screen's on-hours


# A few recently used bundles, compiled per screen. Keyed by id() and holding the bundle
# itself so the id cannot be reused while cached; invisible to callers (still pure).
_CACHE: OrderedDict[int, tuple[Bundle, dict[str, _ScreenIndex]]] = OrderedDict()
_CACHE_SIZE = 4
_CACHE_LOCK = threading.Lock()  # the player's sync thread and its loop may both ask


def _screen_index(bundle: Bundle, screen_id: str) -> _ScreenIndex:
    with _CACHE_LOCK:
        return _screen_index_locked(bundle, screen_id)


def _screen_index_locked(bundle: Bundle, screen_id: str) -> _ScreenIndex:
    cached = _CACHE.get(id(bundle))
    if cached is None or cached[0] is not bundle:
        cached = (bundle, {})
        _CACHE[id(bundle)] = cached
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    _CACHE.move_to_end(id(bundle))
    per_screen = cached[1]
    if screen_id not in per_screen:
        screen = bundle.screen(screen_id)
        if screen is None:
            raise UnknownScreen(screen_id, [s.id for s in bundle.screens])
        keys: dict[tuple[Hours, ...], int] = {}
        entries = tuple(
            _entry(item, screen_id, keys.setdefault(item.hours, len(keys) + 1)
                   if item.hours else 0)
            for item in bundle.items if not item.screens or screen_id in item.screens)
        per_screen[screen_id] = _ScreenIndex(screen, bundle.zone, screen.on_hours, entries,
                                             (screen.on_hours, *keys))
    return per_screen[screen_id]


def _ts(t: datetime | None, default: float) -> float:
    return default if t is None else t.timestamp()


def _entry(item: BundleItem, screen_id: str, hours_key: int) -> _Entry:
    langs = tuple(_Lang(t, item, screen_id, _ts(t.publish_at, -math.inf),
                        _ts(t.expires, math.inf)) for t in item.texts())
    mask = sum(1 << d for d in item.days) if item.days else 0x7F
    stop = _ts(item.event_starts, math.inf)
    moments = tuple(t for t in (stop, *(x for lang in langs
                                        for x in (lang.shown_from, lang.shown_until)))
                    if math.isfinite(t))
    return _Entry(item, item.start.toordinal() if item.start else 0,
                  item.until.toordinal() if item.until else 10**7, mask,
                  hours_key, stop, langs, moments)


def _relevant(index: _ScreenIndex, day: date) -> list[_Entry]:
    """Entries that can play at some moment of ``day`` (an overnight range from the day
    before included)."""
    d = day.toordinal()
    return [e for e in index.entries if e.first <= d and e.last >= d - 1]


# ---------------------------------------------------------------- evaluation


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("the scheduler needs an aware datetime (with a time zone)")
    return now


def _local(now: datetime, zone: ZoneInfo) -> datetime:
    return _aware(now).astimezone(zone)


def _at_minute(day: date, minute: int, zone: ZoneInfo) -> datetime:
    return datetime.combine(day + timedelta(days=minute // DAY_MINUTES),
                            time(minute % DAY_MINUTES // 60, minute % 60), tzinfo=zone)


def _days_covering(hours: Iterable[Hours], minute: int, d: int) -> Iterator[int]:
    """Ordinals of the days whose range in ``hours`` covers ``minute`` of day ``d``."""
    for h in hours:
        if h.start < h.end:
            if h.start <= minute < h.end:
                yield d
        elif minute >= h.start:
            yield d
        elif minute < h.end:
            yield d - 1


def _plays_on(e: _Entry, d: int) -> bool:
    return e.first <= d <= e.last and bool(e.weekdays >> ((d - 1) % 7) & 1)


def _order_key(day: date, item_id: str) -> bytes:
    return hashlib.sha256(f"{day.isoformat()}|{item_id}".encode()).digest()


def _evaluate(index: _ScreenIndex, relevant: Sequence[_Entry], local: datetime,
              until: datetime | None) -> Playlist:
    """The playlist at ``local``; ``until`` is its end when the caller knows it."""
    d = local.date().toordinal()
    minute = local.hour * 60 + local.minute
    ts = local.timestamp()
    screen = index.screen
    on_days = list(_days_covering(index.on_hours, minute, d)) if index.on_hours else [d]
    valid_until = until or _next_change(index, relevant, local)
    if not on_days:
        return Playlist(screen.id, local.date(), (), True, screen.off_hours, valid_until)
    urgent: list[tuple[_Entry, list[Slide]]] = []
    normal: list[tuple[_Entry, list[Slide]]] = []
    covers: dict[int, list[int]] = {0: on_days}
    for e in relevant:
        if ts >= e.stop:
            continue
        days = covers.get(e.hours_key)
        if days is None:  # each distinct set of hours is worked out once per moment
            days = covers[e.hours_key] = list(
                _days_covering(index.hour_sets[e.hours_key], minute, d))
        for day in days:
            if _plays_on(e, day):
                break
        else:
            continue
        slides = [lang.slide() for lang in e.langs
                  if lang.shown_from <= ts < lang.shown_until]
        if slides:
            (urgent if e.item.urgent else normal).append((e, slides))
    screen_day = date.fromordinal(max(on_days))
    urgent.sort(key=lambda p: (-p[0].first, p[0].item.id))
    normal.sort(key=lambda p: _order_key(screen_day, p[0].item.id))
    ordered = tuple(s for _, group in (*urgent, *normal) for s in group)
    return Playlist(screen.id, screen_day, ordered, False, screen.off_hours, valid_until)


def _next_change(index: _ScreenIndex, relevant: Sequence[_Entry], local: datetime) -> datetime:
    """The first moment after ``local`` where the screen or a relevant entry changes."""
    zone = index.zone
    day = local.date()
    minute = local.hour * 60 + local.minute
    best = DAY_MINUTES
    for key in {0, *(e.hours_key for e in relevant)}:
        for h in index.hour_sets[key]:
            for m in (h.start, h.end):
                if minute < m < best:
                    best = m
    result = _at_minute(day, best, zone)
    ts, limit = local.timestamp(), result.timestamp()
    for e in relevant:
        for t in e.moments:
            if ts < t < limit:
                limit = t
    return result if limit == result.timestamp() else datetime.fromtimestamp(limit, zone)
