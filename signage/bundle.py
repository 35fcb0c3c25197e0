"""The signage bundle, format v1: what the site publishes and what every player reads.

Flow: ``site_gen.bundle`` builds a :class:`Bundle` from the content and writes it with
:func:`dump_bundle` to ``site/signage/bundle.json`` (media and ``manifest.json`` beside it);
a player fetches that folder, checks it with :func:`load_bundle`, :func:`verify_media` and
:func:`verify_manifest`, and hands the :class:`Bundle` to :mod:`signage.schedule`.

Stdlib only; never imports ``site_gen``. The format is documented, with a JSON Schema, in
``docs/bundle.md``. Every problem with a bundle is a :class:`BundleError` with one line
that says where and what ("bundle.json: items[3].langs.kk.title: expected text").
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn
from zoneinfo import ZoneInfo

from .timezones import DEFAULT_ZONE, UnknownZone, load_zone

FORMAT_VERSION = 1
BUNDLE_NAME = "bundle.json"
MANIFEST_NAME = "manifest.json"
LANGS: tuple[str, ...] = ("kk", "ru")  # Kazakh first, everywhere
PRIORITIES: tuple[str, ...] = ("normal", "urgent")
OFF_HOURS: tuple[str, ...] = ("dark", "dim")
MEDIA_TYPES: dict[str, str] = {
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".mp4": "video/mp4", ".webm": "video/webm",
}


_Date = date  # BundleItem has a field named "date"


class BundleError(ValueError):
    """A bundle that cannot be used: corrupt, truncated, of an unknown format, or wrong."""


@dataclass(frozen=True, slots=True)
class Hours:
    """Minutes of the day, half-open ``[start, end)``; ``end <= start`` runs past midnight
    and belongs to the day it starts on. ``end == 1440`` is 24:00."""

    start: int
    end: int

    @property
    def overnight(self) -> bool:
        return self.end <= self.start

    def __str__(self) -> str:
        return f"{_hhmm(self.start)}-{_hhmm(self.end)}"

    @classmethod
    def parse(cls, text: str) -> Hours:
        """``"08:00-18:00"`` → ``Hours(480, 1080)``; raises ValueError."""
        a, sep, b = text.partition("-")
        if not sep:
            raise ValueError(f"'{text}' is not an hour range like 08:00-18:00")
        start, end = _minutes(a), _minutes(b)
        if start >= 1440 or start == end:
            raise ValueError(f"'{text}' is not an hour range like 08:00-18:00")
        return cls(start, 1440 if end == 0 else end)


@dataclass(frozen=True, slots=True)
class Media:
    """One media file beside bundle.json: ``path`` is relative to the bundle's folder."""

    path: str  # media/3f2a…c1.png (POSIX, never absolute, never "..")
    size: int  # bytes
    sha256: str  # lowercase hex
    type: str  # MIME type: image/png, image/jpeg, video/mp4, video/webm

    @property
    def is_video(self) -> bool:
        return self.type.startswith("video/")


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of a slide's table: its cells in the language's words, and what decides
    whether the row is overdue on the day it is shown."""

    cells: tuple[str, ...]
    due: date | None = None  # overdue from the day after this local day…
    done: bool = False  # …unless it is done


@dataclass(frozen=True, slots=True)
class Table:
    """A table slide's table (a report meeting's action plan), in one language."""

    columns: tuple[str, ...]  # headings, in the language of the slide
    rows: tuple[TableRow, ...]
    overdue: str = ""  # the mark of an overdue row: «Мерзімі өтті» / «Срок истёк»

    def overdue_rows(self, today: date) -> tuple[bool, ...]:
        """For each row: past its due day on ``today`` and not done."""
        return tuple(r.due is not None and not r.done and today > r.due for r in self.rows)


@dataclass(frozen=True, slots=True)
class ItemText:
    """One language of an item. Only approved languages are in a bundle."""

    lang: str  # kk | ru
    title: str
    text: str  # short screen text (the editor's, else the summary, else the title)
    body: str  # Markdown
    url: str  # the item's intranet page in this language (for the QR code)
    publish_at: datetime | None  # not shown before this moment
    expires: datetime | None  # not shown from this moment on
    place: str = ""  # events: where, in this language
    table: Table | None = None  # a table slide (optional key, format 1 revision 2)
    section: str = ""  # the section's name in this language (optional key, revision 3)


@dataclass(frozen=True, slots=True)
class BundleItem:
    """One item on the screens; its schedule fields are shared by both languages."""

    id: str  # content key: "announcements/2026-11-23-su-azhyratu"
    kind: str  # article | event | page | answer
    section: str
    date: date
    priority: str  # normal | urgent
    screens: tuple[str, ...]  # empty: every screen
    start: _Date | None  # "from", inclusive local date; None: no start
    until: _Date | None  # inclusive local date; None: no end
    days: tuple[int, ...]  # 0 = Monday; empty: every day
    hours: tuple[Hours, ...]  # empty: the screen's on-hours
    duration: int | None  # seconds; None: from reading time
    image: Media | None
    video: Media | None
    event_starts: datetime | None  # events: shown until this moment
    event_ends: datetime | None
    langs: Mapping[str, ItemText]  # "kk" and/or "ru"

    @property
    def urgent(self) -> bool:
        return self.priority == "urgent"

    def texts(self) -> Iterator[ItemText]:
        """The languages present, Kazakh first."""
        return (self.langs[lang] for lang in LANGS if lang in self.langs)


@dataclass(frozen=True, slots=True)
class ScreenInfo:
    id: str
    name: Mapping[str, str]  # kk, ru
    location: Mapping[str, str]
    width: int  # as mounted, before rotation: 1920x1080 …
    height: int
    rotation: int  # 0, 90, 180, 270
    on_hours: tuple[Hours, ...]  # when the screen shows slides; empty: always
    off_hours: str  # dark | dim: what the screen does outside on-hours
    ticker: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Bundle:
    format: int
    version: str  # sha256 of the content (everything but version and generated_at)
    generated_at: datetime
    timezone: str  # e.g. Asia/Almaty: the zone every local date and hour refers to
    company: Mapping[str, str]
    window_days: int  # items on air now or within this many days are included
    screens: tuple[ScreenInfo, ...]
    items: tuple[BundleItem, ...]

    @property
    def zone(self) -> ZoneInfo:
        return load_zone(self.timezone)

    def screen(self, screen_id: str) -> ScreenInfo | None:
        return next((s for s in self.screens if s.id == screen_id), None)

    def media(self) -> tuple[Media, ...]:
        """Every media file the bundle refers to, each once, in item order."""
        seen: dict[str, Media] = {}
        for item in self.items:
            for m in (item.image, item.video):
                if m is not None:
                    seen.setdefault(m.path, m)
        return tuple(seen.values())


@dataclass(frozen=True, slots=True)
class MediaProblem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


# ---------------------------------------------------------------- reading


def load_bundle(path: Path) -> Bundle:
    """Read and check ``bundle.json``; raises :class:`BundleError` with one line."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise BundleError(f"{path}: cannot read the bundle ({exc.strerror or exc})") from None
    return parse_bundle(data, name=str(path))


def parse_bundle(data: bytes, name: str = BUNDLE_NAME) -> Bundle:
    """Parse and check bundle bytes: JSON, format version, every field, the content hash."""
    try:
        raw = json.loads(data.decode("utf-8"), parse_int=_whole_number)
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # cut inside a letter's bytes
            raise BundleError(f"{name}: ends inside a character; the file is truncated "
                              "(cut short)") from None
        raise BundleError(f"{name}: not UTF-8 text; the file is corrupt") from None
    except json.JSONDecodeError as exc:
        rest = exc.doc[exc.pos:].strip()
        cut = (exc.pos >= len(exc.doc.rstrip()) - 1 or exc.msg.startswith("Unterminated string")
               or any(word.startswith(rest) for word in ("null", "true", "false")))
        what = "truncated (cut short)" if cut else "corrupt"
        raise BundleError(f"{name}: not valid JSON at line {exc.lineno} column {exc.colno}; "
                          f"the file is {what}") from None
    except _LongNumber as exc:
        raise BundleError(f"{name}: {_where(data.decode('utf-8'), exc.digits)}a number of "
                          f"{len(exc.digits.lstrip('-'))} digits; a bundle's numbers are small, "
                          "so the file is corrupt or was not written by site-gen") from None
    except RecursionError:  # json gives up near sys.getrecursionlimit() levels
        raise BundleError(f"{name}: {_TOO_DEEP}") from None
    r = _Reader(name)
    if not isinstance(raw, dict):
        raise BundleError(f"{name}: expected a JSON object at the top")
    fmt = raw.get("format")
    if fmt != FORMAT_VERSION:
        raise BundleError(f"{name}: unknown bundle format {json.dumps(fmt)}; this player reads "
                          f"format {FORMAT_VERSION}; update the player or the site")
    bundle = r.bundle(raw)
    try:
        expected = content_hash(raw)
    except RecursionError:  # deep nesting under a key the reader does not look at
        raise BundleError(f"{name}: {_TOO_DEEP}") from None
    if bundle.version != expected:
        raise BundleError(f"{name}: content does not match its version {bundle.version[:12]}; "
                          "the file is corrupt or was edited by hand")
    return bundle


_TOO_DEEP = ("JSON nested too deeply (a bundle is a few levels deep); the file is corrupt or "
             "was not written by site-gen")


class _LongNumber(ValueError):
    def __init__(self, digits: str) -> None:
        self.digits = digits


def _whole_number(text: str) -> int:
    """``int`` for json, with a located message where Python's digit limit (4300) would
    raise a bare ValueError that names no place."""
    try:
        return int(text)
    except ValueError:
        raise _LongNumber(text) from None


def _where(text: str, literal: str) -> str:
    at = text.find(literal)
    if at < 0:
        return ""
    return f"line {text.count(chr(10), 0, at) + 1} column {at - text.rfind(chr(10), 0, at)}: "


def content_hash(raw: Mapping[str, object]) -> str:
    """The bundle version: sha256 of canonical JSON without ``version`` and ``generated_at``."""
    body = {k: v for k, v in raw.items() if k not in ("version", "generated_at")}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Reader:
    """Typed access to the parsed JSON; each mistake names its place."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, where: str, what: str) -> BundleError:
        return BundleError(f"{self.name}: {where}: {what}")

    def get(self, obj: Mapping[str, object], key: str, where: str) -> object:
        if key not in obj:
            raise self.fail(where, f"missing '{key}'; the bundle is incomplete")
        return obj[key]

    def str_(self, obj: Mapping[str, object], key: str, where: str) -> str:
        v = self.get(obj, key, where)
        if not isinstance(v, str):
            raise self.fail(f"{where}.{key}", "expected text")
        return v

    def opt_str(self, obj: Mapping[str, object], key: str) -> str:
        """An optional text key: absent, null or not text gives "" (the section label is a
        courtesy; an older or odd bundle still plays, only without it)."""
        v = obj.get(key)
        return v if isinstance(v, str) else ""

    def int_(self, obj: Mapping[str, object], key: str, where: str) -> int:
        v = self.get(obj, key, where)
        if not isinstance(v, int) or isinstance(v, bool):
            raise self.fail(f"{where}.{key}", "expected a whole number")
        return v

    def obj(self, v: object, where: str) -> dict[str, object]:
        if not isinstance(v, dict):
            raise self.fail(where, "expected an object")
        return v

    def list_(self, obj: Mapping[str, object], key: str, where: str) -> list[object]:
        v = self.get(obj, key, where)
        if not isinstance(v, list):
            raise self.fail(f"{where}.{key}", "expected a list")
        return v

    def langmap(self, obj: Mapping[str, object], key: str, where: str) -> dict[str, str]:
        v = self.obj(self.get(obj, key, where), f"{where}.{key}")
        if not all(isinstance(t, str) for t in v.values()):
            raise self.fail(f"{where}.{key}", "expected texts by language")
        return {lang: str(v[lang]) for lang in LANGS if lang in v}

    def choice(self, obj: Mapping[str, object], key: str, where: str,
               allowed: tuple[str, ...]) -> str:
        v = self.str_(obj, key, where)
        if v not in allowed:
            raise self.fail(f"{where}.{key}", f"'{v}' is not one of {', '.join(allowed)}")
        return v

    def date_(self, obj: Mapping[str, object], key: str, where: str) -> date | None:
        v = self.get(obj, key, where)
        if v is None:
            return None
        try:
            return date.fromisoformat(str(v)) if isinstance(v, str) else _bad()
        except ValueError:
            raise self.fail(f"{where}.{key}", "expected a date like 2026-11-23") from None

    def instant(self, obj: Mapping[str, object], key: str, where: str) -> datetime | None:
        v = self.get(obj, key, where)
        if v is None:
            return None
        try:
            t = datetime.fromisoformat(v) if isinstance(v, str) else _bad()
        except ValueError:
            t = None
        if t is None or t.tzinfo is None:
            raise self.fail(f"{where}.{key}",
                            "expected a date-time with offset like 2026-11-23T09:00:00+05:00")
        return t

    def hours(self, obj: Mapping[str, object], key: str, where: str) -> tuple[Hours, ...]:
        out = []
        for i, v in enumerate(self.list_(obj, key, where)):
            try:
                out.append(Hours.parse(v) if isinstance(v, str) else _bad())
            except ValueError:
                raise self.fail(f"{where}.{key}[{i}]",
                                "expected an hour range like 08:00-18:00") from None
        return tuple(out)

    def media(self, obj: Mapping[str, object], key: str, where: str) -> Media | None:
        v = self.get(obj, key, where)
        if v is None:
            return None
        w = f"{where}.{key}"
        m = self.obj(v, w)
        path = self.str_(m, "path", w)
        parts = path.split("/")
        if path.startswith("/") or any(p in ("", ".", "..") for p in parts) or "\\" in path:
            raise self.fail(f"{w}.path", f"'{path}' must be a plain path inside the bundle folder")
        sha = self.str_(m, "sha256", w)
        if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
            raise self.fail(f"{w}.sha256", "expected 64 lowercase hex digits")
        typ = self.str_(m, "type", w)
        if typ not in MEDIA_TYPES.values():
            raise self.fail(f"{w}.type", f"unknown media type '{typ}'")
        return Media(path, self.int_(m, "size", w), sha, typ)

    def table(self, v: object, w: str) -> Table | None:
        """The optional ``table`` of a language; absent (older bundles) or null: none."""
        if v is None:
            return None
        t = self.obj(v, w)
        columns = self.list_(t, "columns", w)
        if not all(isinstance(c, str) for c in columns):
            raise self.fail(f"{w}.columns", "expected texts")
        rows = []
        for i, r in enumerate(self.list_(t, "rows", w)):
            rw = f"{w}.rows[{i}]"
            row = self.obj(r, rw)
            cells = self.list_(row, "cells", rw)
            if not all(isinstance(c, str) for c in cells) or len(cells) != len(columns):
                raise self.fail(f"{rw}.cells", f"expected {len(columns)} texts, one a column")
            done = row.get("done", False)
            if not isinstance(done, bool):
                raise self.fail(f"{rw}.done", "expected true or false")
            due = self.date_(row, "due", rw) if "due" in row else None
            rows.append(TableRow(tuple(str(c) for c in cells), due, done))
        overdue = t.get("overdue", "")
        if not isinstance(overdue, str):
            raise self.fail(f"{w}.overdue", "expected text")
        return Table(tuple(str(c) for c in columns), tuple(rows), overdue)

    def bundle(self, raw: dict[str, object]) -> Bundle:
        tz = self.str_(raw, "timezone", "top")
        try:
            load_zone(tz)
        except UnknownZone:
            raise self.fail("timezone", f"unknown time zone '{tz}'") from None
        generated = self.instant(raw, "generated_at", "top")
        if generated is None:
            raise self.fail("generated_at", "missing")
        screens = tuple(self.screen(self.obj(s, f"screens[{i}]"), f"screens[{i}]")
                        for i, s in enumerate(self.list_(raw, "screens", "top")))
        items = tuple(self.item(self.obj(s, f"items[{i}]"), f"items[{i}]")
                      for i, s in enumerate(self.list_(raw, "items", "top")))
        return Bundle(
            format=FORMAT_VERSION, version=self.str_(raw, "version", "top"),
            generated_at=generated, timezone=tz, company=self.langmap(raw, "company", "top"),
            window_days=self.int_(raw, "window_days", "top"), screens=screens, items=items)

    def screen(self, s: dict[str, object], w: str) -> ScreenInfo:
        rotation = self.int_(s, "rotation", w)
        if rotation not in (0, 90, 180, 270):
            raise self.fail(f"{w}.rotation", "expected 0, 90, 180 or 270")
        width, height = self.int_(s, "width", w), self.int_(s, "height", w)
        if width <= 0 or height <= 0:
            raise self.fail(w, "width and height must be positive")
        return ScreenInfo(
            id=self.str_(s, "id", w), name=self.langmap(s, "name", w),
            location=self.langmap(s, "location", w), width=width, height=height,
            rotation=rotation, on_hours=self.hours(s, "on_hours", w),
            off_hours=self.choice(s, "off_hours", w, OFF_HOURS),
            ticker=self.langmap(s, "ticker", w))

    def item(self, s: dict[str, object], w: str) -> BundleItem:
        days = self.list_(s, "days", w)
        if not all(isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= 6
                   for d in days):
            raise self.fail(f"{w}.days", "expected weekday numbers 0 (Monday) to 6 (Sunday)")
        screens = self.list_(s, "screens", w)
        if not all(isinstance(x, str) for x in screens):
            raise self.fail(f"{w}.screens", "expected screen ids")
        duration = self.get(s, "duration", w)
        if duration is not None and (not isinstance(duration, int) or isinstance(duration, bool)
                                     or duration <= 0):
            raise self.fail(f"{w}.duration", "expected a positive number of seconds or null")
        langs_raw = self.obj(self.get(s, "langs", w), f"{w}.langs")
        langs: dict[str, ItemText] = {}
        for lang in LANGS:
            if lang in langs_raw:
                lw = f"{w}.langs.{lang}"
                t = self.obj(langs_raw[lang], lw)
                langs[lang] = ItemText(
                    lang=lang, title=self.str_(t, "title", lw), text=self.str_(t, "text", lw),
                    body=self.str_(t, "body", lw), url=self.str_(t, "url", lw),
                    publish_at=self.instant(t, "publish_at", lw),
                    expires=self.instant(t, "expires", lw),
                    place=str(t.get("place") or ""),
                    section=self.opt_str(t, "section"),
                    table=self.table(t.get("table"), f"{lw}.table"))
        if not langs:
            raise self.fail(f"{w}.langs", "an item needs at least one language (kk or ru)")
        event = self.obj(s["event"], f"{w}.event") if s.get("event") is not None else None
        d = self.date_(s, "date", w)
        if d is None:
            raise self.fail(f"{w}.date", "missing")
        return BundleItem(
            id=self.str_(s, "id", w), kind=self.str_(s, "kind", w),
            section=self.str_(s, "section", w), date=d,
            priority=self.choice(s, "priority", w, PRIORITIES),
            screens=tuple(str(x) for x in screens), start=self.date_(s, "from", w),
            until=self.date_(s, "until", w), days=tuple(sorted({int(str(x)) for x in days})),
            hours=self.hours(s, "hours", w), duration=duration,
            image=self.media(s, "image", w), video=self.media(s, "video", w),
            event_starts=self.instant(event, "starts", f"{w}.event") if event else None,
            event_ends=self.instant(event, "ends", f"{w}.event") if event else None,
            langs=langs)


def _bad() -> NoReturn:
    raise ValueError


def _minutes(text: str) -> int:
    h, sep, m = text.strip().partition(":")
    if not sep or not h.isdigit() or not m.isdigit() or len(m) != 2:
        raise ValueError(text)
    hours, minutes = int(h), int(m)
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        raise ValueError(text)
    return hours * 60 + minutes


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# ---------------------------------------------------------------- writing


def bundle_to_json(bundle: Bundle) -> dict[str, object]:
    """The JSON object of ``bundle`` (format v1), with ``version`` recomputed."""
    raw: dict[str, object] = {
        "format": FORMAT_VERSION,
        "generated_at": bundle.generated_at.isoformat(),
        "timezone": bundle.timezone,
        "company": dict(bundle.company),
        "window_days": bundle.window_days,
        "screens": [_screen_json(s) for s in bundle.screens],
        "items": [_item_json(i) for i in bundle.items],
    }
    raw["version"] = content_hash(raw)
    return raw


def dump_bundle(bundle: Bundle) -> bytes:
    """UTF-8 JSON of ``bundle`` (Kazakh and Russian as letters, not escapes)."""
    return (json.dumps(bundle_to_json(bundle), ensure_ascii=False, indent=1) + "\n").encode()


def _screen_json(s: ScreenInfo) -> dict[str, object]:
    return {"id": s.id, "name": dict(s.name), "location": dict(s.location), "width": s.width,
            "height": s.height, "rotation": s.rotation,
            "on_hours": [str(h) for h in s.on_hours], "off_hours": s.off_hours,
            "ticker": dict(s.ticker)}


def _media_json(m: Media | None) -> dict[str, object] | None:
    return None if m is None else {"path": m.path, "size": m.size, "sha256": m.sha256,
                                   "type": m.type}


def _iso(t: datetime | None) -> str | None:
    return None if t is None else t.isoformat()


def _item_json(i: BundleItem) -> dict[str, object]:
    event = None if i.event_starts is None else {"starts": _iso(i.event_starts),
                                                 "ends": _iso(i.event_ends)}
    return {
        "id": i.id, "kind": i.kind, "section": i.section, "date": i.date.isoformat(),
        "priority": i.priority, "screens": list(i.screens),
        "from": i.start.isoformat() if i.start else None,
        "until": i.until.isoformat() if i.until else None,
        "days": list(i.days), "hours": [str(h) for h in i.hours], "duration": i.duration,
        "image": _media_json(i.image), "video": _media_json(i.video), "event": event,
        "langs": {t.lang: _lang_json(t) for t in i.texts()},
    }


def _lang_json(t: ItemText) -> dict[str, object]:
    out: dict[str, object] = {
        "title": t.title, "text": t.text, "body": t.body, "url": t.url,
        "publish_at": _iso(t.publish_at), "expires": _iso(t.expires), "place": t.place}
    if t.section:  # optional (revision 3): a player that predates it ignores the key
        out["section"] = t.section
    if t.table is not None:  # only when there is one: a bundle without tables is unchanged
        out["table"] = {
            "columns": list(t.table.columns),
            "rows": [{"cells": list(r.cells), "due": r.due.isoformat() if r.due else None,
                      "done": r.done} for r in t.table.rows],
            "overdue": t.table.overdue}
    return out


# ---------------------------------------------------------------- media and manifest


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def verify_media(bundle: Bundle, directory: Path) -> list[MediaProblem]:
    """Check every media file of ``bundle`` under ``directory``: present, size, sha256.

    Returns the problems (empty: all good). A player skips the slides whose media are
    listed here and keeps the rest; it never shows a file whose hash does not match.
    """
    problems = []
    for m in bundle.media():
        file = Path(directory) / m.path
        if not file.is_file():
            problems.append(MediaProblem(m.path, "missing"))
        elif file.stat().st_size != m.size:
            problems.append(MediaProblem(m.path, f"{file.stat().st_size} bytes, "
                                         f"the bundle says {m.size}"))
        elif sha256_file(file) != m.sha256:
            problems.append(MediaProblem(m.path, "sha256 does not match the bundle"))
    return problems


def verify_manifest(directory: Path) -> list[MediaProblem]:
    """Check every file listed in ``directory/manifest.json`` (bundle.json and media).

    Raises :class:`BundleError` when the manifest itself is missing or unreadable.
    """
    path = Path(directory) / MANIFEST_NAME
    try:
        raw = json.loads(path.read_bytes().decode("utf-8"))
        files = raw["files"]
        entries = [(str(f["path"]), int(f["size"]), str(f["sha256"])) for f in files]
    except OSError as exc:
        raise BundleError(f"{path}: cannot read the manifest ({exc.strerror or exc})") from None
    except (ValueError, KeyError, TypeError):
        raise BundleError(f"{path}: the manifest is corrupt or truncated") from None
    problems = []
    for rel, size, sha in entries:
        file = Path(directory) / rel
        if ".." in rel.split("/") or rel.startswith("/"):
            problems.append(MediaProblem(rel, "path leaves the bundle folder"))
        elif not file.is_file():
            problems.append(MediaProblem(rel, "missing"))
        elif file.stat().st_size != size or sha256_file(file) != sha:
            problems.append(MediaProblem(rel, "size or sha256 does not match the manifest"))
    return problems


def manifest_json(version: str, files: Mapping[str, Path]) -> bytes:
    """The manifest for ``files`` (relative path → file on disk): path, size, sha256 each."""
    entries = [{"path": rel, "size": f.stat().st_size, "sha256": sha256_file(f)}
               for rel, f in sorted(files.items())]
    raw = {"format": FORMAT_VERSION, "version": version, "files": entries}
    return (json.dumps(raw, ensure_ascii=False, indent=1) + "\n").encode()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temp file in the same folder and os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), 0o644)  # mkstemp makes 0600; the web server must read it
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


__all__ = [
    "BUNDLE_NAME", "DEFAULT_ZONE", "FORMAT_VERSION", "LANGS", "MANIFEST_NAME", "MEDIA_TYPES",
    "Bundle", "BundleError", "BundleItem", "Hours", "ItemText", "Media", "MediaProblem",
    "ScreenInfo", "Table", "TableRow", "bundle_to_json", "content_hash", "dump_bundle",
    "load_bundle", "manifest_json", "parse_bundle", "sha256_file", "verify_manifest",
    "verify_media", "write_atomic",
]
