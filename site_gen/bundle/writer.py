"""Choose what goes to the screens and write the bundle folder atomically.

Selection (``docs/bundle.md``): every item with a ``signage:`` block and every ``event``
whose play window (``from``..``until``, inclusive local dates) meets the days from today to
today + ``window_days``, with at least one approved language that is not expired. A report
meeting (``kind: event``) has two windows (``site_gen.content.meetings``): its announcement,
which stops when the meeting starts, and its results after the meeting (an explicit
``signage:`` window after the meeting's day, or its action plan as a table slide), which go
as a second bundle item ``<id>#results`` (``#`` is never in a content key).

Writing: media first (content-addressed names, each through a temp file and ``os.replace``),
then the signature ``bundle.json.sig`` (``site_gen.bundle.signing`` finds the key), then
``bundle.json``, then ``manifest.json``; a player that reads ``bundle.json`` at any moment
finds every media file it names. Media no longer referenced are removed last.

Unchanged means untouched: when the payload (``version``) equals the previous bundle's, the
new one keeps the previous ``generated_at``, so its bytes, and (Ed25519 is deterministic) its
signature's, are the old ones; a file whose bytes are already there is not written again, so
its modification time, nginx's ETag and every screen's 304 stay (``site_gen.keeptimes`` does
the same for a build's fresh folder). A changed payload gets ``generated_at`` = now, never
earlier than the previous one, so players' "older bundles refused" rule lets it in. A build
that writes a fresh site also installs a changed bundle into the served folder at once
(:func:`install`): the screens' urgent path does not wait for the pages to render.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path, PurePosixPath

from signage.bundle import (
    BUNDLE_NAME,
    FORMAT_VERSION,
    MANIFEST_NAME,
    MEDIA_TYPES,
    Bundle,
    BundleItem,
    Hours,
    ItemText,
    Media,
    ScreenInfo,
    bundle_to_json,
    dump_bundle,
    manifest_json,
    sha256_file,
    write_atomic,
)
from signage.signing import SIGNATURE_NAME, sign

from ..content.dates import HourRange
from ..content.meetings import Window, event_windows, is_event
from ..content.model import LANGS, ContentSet, Item, Lang, Screen, Version
from ..stage.strings import STRINGS
from .media import DEFAULT_LONGEST, ContentFileError, largest_side, screen_media
from .plantable import plan_table
from .signing import ENV_SIGNING_KEY, SiteKey, find_signing_key

log = logging.getLogger(__name__)

DEFAULT_WINDOW_DAYS = 14
MEDIA_DIR = "media"


RESULTS_SUFFIX = "#results"  # the bundle id of a meeting's after-the-meeting slide


def section_name(section: str, lang: Lang) -> str:
    """The section's name in ``lang`` as the site shows it ("Хабарландырулар"), for the
    label on every slide; "" for a section the interface strings do not name."""
    return STRINGS.get(lang, {}).get(f"section.{section}", "")


def content_key(bundle_id: str) -> str:
    """The content item behind a bundle item id (a meeting's results slide is its own)."""
    return bundle_id.removesuffix(RESULTS_SUFFIX)


@dataclass(frozen=True, slots=True)
class Chosen:
    """An item going to the screens with its play window worked out."""

    item: Item
    start: date | None
    until: date | None
    versions: tuple[Version, ...]  # approved ones, Kazakh first
    results: bool = False  # a meeting's slide after the meeting (results, action plan)


def _windows(item: Item, now: datetime) -> list[tuple[Window, bool]]:
    """The item's play windows, each with whether it is a meeting's results window."""
    sig, event = item.signage, item.event
    if is_event(item):
        assert event is not None
        w = event_windows(event, sig)
        found = [(w.announce, False)] if w.announce and event.starts > now else []
        return found + ([(w.results, True)] if w.results else [])
    assert sig is not None
    return [(Window(sig.start or item.date, sig.until), False)]


def select_items(content: ContentSet, now: datetime,
                 window_days: int = DEFAULT_WINDOW_DAYS) -> list[Chosen]:
    """Items on the screens now or within ``window_days`` days, in id order."""
    zone = content.settings.zone
    today = now.astimezone(zone).date()
    horizon = today + timedelta(days=window_days)
    horizon_end = datetime.combine(horizon + timedelta(days=1), time(0), tzinfo=zone)
    chosen = []
    for item in sorted(content.items, key=lambda i: i.key):
        if item.signage is None and not is_event(item):
            continue
        for window, results in _windows(item, now):
            start, until = window.start, window.until
            # "until" yesterday still matters after midnight for an overnight range.
            if (until is not None and until < today - timedelta(days=1)) or (
                    start is not None and start > horizon):
                continue
            versions = tuple(
                v for lang in LANGS if (v := item.versions.get(lang)) is not None
                and v.approved and (v.expires is None or v.expires > now)
                and (v.publish_at is None or v.publish_at < horizon_end))
            if versions:
                chosen.append(Chosen(item, start, until, versions, results))
    return chosen


def _hours(ranges: tuple[HourRange, ...]) -> tuple[Hours, ...]:
    def minutes(t: time) -> int:
        return t.hour * 60 + t.minute

    return tuple(Hours(minutes(r.start), minutes(r.end) or 1440) for r in ranges)


def _strs(texts: Mapping[Lang, str]) -> dict[str, str]:
    return {str(lang): text for lang, text in texts.items()}


def _screen(s: Screen) -> ScreenInfo:
    return ScreenInfo(id=s.id, name=_strs(s.name), location=_strs(s.location), width=s.width,
                      height=s.height, rotation=s.rotation, on_hours=_hours(s.on_hours),
                      off_hours=s.off_hours, ticker=_strs(s.ticker))


class _Media:
    """Media files of the bundle: content path → (bundle path, file on disk)."""

    def __init__(self, root: Path, longest: int = DEFAULT_LONGEST) -> None:
        self.root = root
        self.longest = longest  # pictures are copied at most this long (the largest screen)
        self.files: dict[str, Path] = {}  # bundle-relative path → source file
        self._refs: dict[PurePosixPath, Media | None] = {}

    def ref(self, path: PurePosixPath | None, owner: str) -> Media | None:
        if path is None:
            return None
        if path not in self._refs:
            self._refs[path] = self._make(path, owner)
        return self._refs[path]

    def _make(self, path: PurePosixPath, owner: str) -> Media | None:
        try:  # the content boundary, and a screen-sized copy of a picture (media.py)
            source, suffix = screen_media(self.root, path, self.longest)
        except ContentFileError as problem:
            # The content check reports this at the field's line; say it here too.
            log.warning("%s: media %s %s; the slide goes without it", owner, path,
                        problem.problem)
            return None
        kind = MEDIA_TYPES.get(suffix)
        if kind is None:
            log.warning("%s: media %s has an unknown type; the slide goes without it", owner,
                        path)
            return None
        sha = sha256_file(source)
        rel = f"{MEDIA_DIR}/{sha[:20]}{suffix}"
        self.files[rel] = source
        return Media(rel, source.stat().st_size, sha, kind)


def _url(base: str, path: str) -> str:
    return (base.rstrip("/") + path) if base else path


def _text(v: Version) -> str:
    if v.signage is not None and v.signage.text:
        return v.signage.text
    return v.summary or v.title


# One site build asks for the same bundle several times (the writer, each language's "on the
# screens today" page and home block): keep the last one, so media are hashed once a build.
_last: tuple[ContentSet, datetime, int, Bundle, dict[str, Path]] | None = None


def build_bundle(content: ContentSet, now: datetime,
                 window_days: int = DEFAULT_WINDOW_DAYS) -> tuple[Bundle, dict[str, Path]]:
    """The bundle for ``now`` and its media files (bundle path → file in content/)."""
    global _last
    if (_last is not None and _last[0] is content and _last[1] == now
            and _last[2] == window_days):
        return _last[3], dict(_last[4])
    bundle, files = _build_bundle(content, now, window_days)
    _last = (content, now, window_days, bundle, files)
    return bundle, dict(files)


def _build_bundle(content: ContentSet, now: datetime,
                  window_days: int) -> tuple[Bundle, dict[str, Path]]:
    media = _Media(content.root, largest_side(content.screens))
    items = []
    for c in select_items(content, now, window_days):
        item, sig, event = c.item, c.item.signage, c.item.event
        if c.results:
            items.append(_results_item(content, c, media))
            continue
        texts: dict[str, ItemText] = {v.lang: ItemText(
            lang=v.lang, title=v.title, text=_text(v), body=v.body,
            url=_url(content.settings.base_url, item.url(v.lang)),
            publish_at=v.publish_at, expires=v.expires,
            place=v.event.place if v.event else "",
            section=section_name(item.section, v.lang)) for v in c.versions}
        owner = item.primary.path
        image = sig.image if sig and sig.image else item.primary.image
        items.append(BundleItem(
            id=item.key, kind=item.kind, section=item.section, date=item.date,
            priority=sig.priority if sig else "normal", screens=sig.screens if sig else (),
            start=c.start, until=c.until, days=sig.days if sig else (),
            hours=_hours(sig.hours) if sig else (), duration=sig.duration if sig else None,
            image=media.ref(image, owner), video=media.ref(sig.video if sig else None, owner),
            event_starts=event.starts if event and item.kind == "event" else None,
            event_ends=event.ends if event and item.kind == "event" else None,
            langs=texts))
    bundle = Bundle(
        format=FORMAT_VERSION, version="", generated_at=now,
        timezone=content.settings.timezone, company=_strs(content.settings.company),
        window_days=window_days, screens=tuple(_screen(s) for s in content.screens),
        items=tuple(items))
    version = str(bundle_to_json(bundle)["version"])
    return _with_version(bundle, version), media.files


def _results_item(content: ContentSet, c: Chosen, media: _Media) -> BundleItem:
    """A meeting's slide after the meeting: from its end, with the results block's text
    (none without one: the title and the plan speak) and the action plan as a table."""
    item, sig, event = c.item, c.item.signage, c.item.event
    assert event is not None
    block = event_windows(event, sig).results_block
    texts: dict[str, ItemText] = {}
    for v in c.versions:
        own = v.event or event
        shown_from = max(v.publish_at or event.held_until, event.held_until)
        texts[v.lang] = ItemText(
            lang=v.lang, title=v.title, text=_text(v) if block else "", body=v.body,
            url=_url(content.settings.base_url, item.url(v.lang)), publish_at=shown_from,
            expires=v.expires, section=section_name(item.section, v.lang),
            table=plan_table(own, v.lang) if event.action_plan_approved else None)
    tables = any(t.table is not None for t in texts.values())
    image = None if tables or not block or sig is None else (sig.image or item.primary.image)
    return BundleItem(
        id=item.key + RESULTS_SUFFIX, kind=item.kind, section=item.section, date=item.date,
        priority=sig.priority if sig and block else "normal",
        screens=sig.screens if sig else (), start=c.start, until=c.until,
        days=sig.days if sig and block else (),
        hours=_hours(sig.hours) if sig and block else (),
        duration=sig.duration if sig and block and not tables else None,
        image=media.ref(image, item.primary.path),
        video=media.ref(sig.video if sig and block and not tables else None, item.primary.path),
        event_starts=None, event_ends=None, langs=texts)


def _with_version(bundle: Bundle, version: str) -> Bundle:
    return replace(bundle, version=version)


# A payload unchanged this long gets a fresh generated_at all the same: players treat a clock
# more than 400 days past generated_at as wrong (signage.plan.CLOCK_HORIZON).
KEEP_GENERATED_AT = timedelta(days=180)


def previous_made(previous: Path, version: str, now: datetime) -> datetime | None:
    """``generated_at`` of the bundle in the folder ``previous`` when its payload is the same
    (same ``version``) and it was made at most :data:`KEEP_GENERATED_AT` before ``now``
    (never after it); else ``None``: the new bundle is made ``now``."""
    try:
        raw = json.loads((previous / BUNDLE_NAME).read_bytes())
        made = datetime.fromisoformat(raw["generated_at"])
        same = raw["version"] == version
    except (OSError, ValueError, KeyError, TypeError):
        return None  # none yet, or unreadable: a new one is written
    if not same or made.tzinfo is None or not now - KEEP_GENERATED_AT <= made <= now:
        return None
    return made


def _write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` atomically unless ``path`` already holds exactly it (its time stays)."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomic(path, data)
    return True


def write_bundle(content: ContentSet, out_dir: Path, now: datetime,
                 window_days: int = DEFAULT_WINDOW_DAYS, *, key: SiteKey | None = None,
                 live: Path | None = None) -> Path:
    """Write ``out_dir/bundle.json``, its media, its signature and ``manifest.json``; return
    the bundle path. ``key`` None: the key :func:`find_signing_key` finds, if any.
    ``live``: the folder screens fetch from, when a build writes a fresh site beside it
    (default: ``out_dir`` itself). An equal payload keeps the live bundle's ``generated_at``;
    a new one is also put into ``live`` at once (:func:`install`), so the screens have it
    while the pages are still being rendered, not after the whole site is swapped in.

    Each file goes through a temp file in its folder and ``os.replace``, media first, so
    a reader never sees a bundle whose media are not there yet. The signature goes just
    before ``bundle.json``: a player whose conditional GET of ``bundle.json`` says
    "unchanged" never reads it, and one that fetches an old ``bundle.json`` with the new
    signature between the two renames refuses the pair and gets the matching one next time.
    """
    out_dir = Path(out_dir)
    key = key or find_signing_key(content.root)  # before writing: a bad key changes nothing
    bundle, files = build_bundle(content, now, window_days)
    made = previous_made(out_dir if live is None else Path(live), bundle.version, now)
    if made is not None:
        bundle = replace(bundle, generated_at=made)
    expected = {m.path: m.sha256 for item in bundle.items for m in (item.image, item.video)
                if m is not None}
    for rel, source in sorted(files.items()):
        target = out_dir / rel
        if not (target.is_file() and sha256_file(target) == expected[rel]):
            write_atomic(target, source.read_bytes())
    path = out_dir / BUNDLE_NAME
    data = dump_bundle(bundle)
    listed: dict[str, Path] = {BUNDLE_NAME: path, **{rel: out_dir / rel for rel in files}}
    if key is not None:
        _write_if_changed(out_dir / SIGNATURE_NAME, sign(data, key.private))
        listed[SIGNATURE_NAME] = out_dir / SIGNATURE_NAME
    else:
        (out_dir / SIGNATURE_NAME).unlink(missing_ok=True)  # never a stale signature
    _write_if_changed(path, data)
    if key is None:
        log.warning("%s is NOT signed: no signing key (--signing-key, $%s or %s); every "
                    "screen will refuse it. Make a key pair with 'site-gen keys' "
                    "(docs/screens.md)", path, ENV_SIGNING_KEY, "keys/bundle-signing.key")
    _write_if_changed(out_dir / MANIFEST_NAME, manifest_json(bundle.version, listed))
    _prune(out_dir / MEDIA_DIR, {out_dir / rel for rel in files})
    if live is not None and Path(live).resolve() != out_dir.resolve():
        install(out_dir, Path(live), sorted(files))
    return path


def install(fresh: Path, live: Path, media: list[str]) -> bool:
    """Put the bundle just written in ``fresh`` into the served folder ``live``, in the
    writer's order (media, signature, ``bundle.json``, manifest), each file only when its
    bytes differ; ``False`` (nothing done) when nothing is served there yet. Media the live
    bundle used stay until the build swaps the whole site in (a player may be fetching
    them). Should the rest of the build then fail, the screens keep this bundle and the
    site its last pages: an urgent notice never waits for the site's pages."""
    if not (live / BUNDLE_NAME).is_file():
        return False
    try:
        for rel in [*media, SIGNATURE_NAME, BUNDLE_NAME, MANIFEST_NAME]:
            source = fresh / rel
            if source.is_file():
                _write_if_changed(live / rel, source.read_bytes())
            elif rel == SIGNATURE_NAME:
                (live / rel).unlink(missing_ok=True)  # an unsigned build: no stale signature
    except OSError as problem:  # a full disk: the site's swap brings the bundle, or fails
        log.warning("the new bundle could not go live before the pages: %s", problem)
        return False
    return True


def _prune(media_dir: Path, keep: set[Path]) -> None:
    if not media_dir.is_dir():
        return
    for f in media_dir.iterdir():
        if f.is_file() and f not in keep:
            f.unlink(missing_ok=True)
