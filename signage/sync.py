"""Sync: bring the newest good bundle from a folder or the intranet into the player's cache.

Where it sits: between the site (``site/signage/bundle.json`` + media, served over plain HTTP
or found in a folder) and ``signage.player``. The loop never waits for the network: a
:class:`SyncWorker` thread runs :meth:`Syncer.sync_once` and posts each :class:`SyncResult`;
the loop picks the newest one up between frames and switches at the next slide boundary.

Fetching itself (a folder, or HTTP with a conditional GET) is ``signage.fetch``.
Cache layout (``--cache DIR``)::

    current -> bundles/<version>     symlink, swapped atomically with os.replace
    bundles/<version>/bundle.json    last good bundle and its media, each file verified
    incoming/                        a new bundle is assembled here, never shown from here
    http.json                        ETag / Last-Modified of the last bundle.json fetched

Over HTTP the bundle is fetched with a conditional GET (``If-None-Match`` and
``If-Modified-Since``), and a media file is downloaded only when its sha256 is not already in
the current bundle. A new ``bundle.json`` is installed only when ``bundle.json.sig`` proves it
was signed by one of the configured public keys (``signage.signing``), checked before it is
even parsed, and when it is not older than the installed one (no replay of an old bundle).
Every file is checked against its size and sha256 before the swap; a bad or incomplete
bundle is thrown away and the last good one stays. Failed attempts back off.
"""

from __future__ import annotations

import hashlib
import logging
import os
import queue
import random
import shutil
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .bundle import (
    BUNDLE_NAME,
    Bundle,
    BundleError,
    load_bundle,
    parse_bundle,
)
from .fetch import Fetcher, FolderFetcher, HttpFetcher, Limits, SyncProblem, inside
from .signing import OLDER, SIGNATURE_NAME, Refused, verify

log = logging.getLogger(__name__)

POLL_SECONDS = 3.0  # a 304 costs the web server almost nothing; urgent items need < 5 s
BACKOFF_FIRST = 5.0
BACKOFF_MAX = 300.0
TIMEOUT = 10.0
# The worker reports at least this often (a pause beats every BEAT_EVERY seconds, a download
# every chunk, a read waits at most TIMEOUT); quieter than SYNC_STALE means it hangs. With
# the unit's WatchdogSec=30 and RestartSec=5 a hung sync is restarted within a minute.
BEAT_EVERY = 5.0
SYNC_STALE = 25.0


@dataclass(frozen=True, slots=True)
class SyncResult:
    """One attempt: ``changed`` means ``bundle`` is new and already installed in the cache;
    ``refused`` names why a bundle was not trusted (``signage.signing.REASONS``)."""

    ok: bool
    changed: bool
    message: str
    bundle: Bundle | None = None
    media_dir: Path | None = None
    version: str | None = None
    refused: str = ""


@dataclass(frozen=True, slots=True)
class MediaFile:
    path: str
    sha256: str
    size: int


def media_files(bundle: Bundle) -> list[MediaFile]:
    """The media a bundle lists, as (relative path, sha256, size)."""
    return [MediaFile(m.path, m.sha256, m.size) for m in bundle.media()]


def bundle_version(bundle: Bundle) -> str:
    return str(bundle.version)


class Store:
    """The player's cache directory: the last good bundle and where a new one is assembled."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.current = root / "current"
        self.bundles = root / "bundles"
        self.incoming = root / "incoming"

    def load_current(self) -> tuple[Bundle, Path] | None:
        """The last good bundle, used at boot before (or without) any network."""
        path = self.current / BUNDLE_NAME
        if not path.exists():
            return None
        try:
            return load_bundle(path), self.current.resolve()
        except (BundleError, OSError) as exc:
            log.error("the cached bundle %s cannot be used: %s", path, exc)
            return None

    def known_media(self) -> dict[str, Path]:
        """sha256 -> file, for media the current bundle already has on disk."""
        found = self.load_current()
        if found is None:
            return {}
        bundle, base = found
        out: dict[str, Path] = {}
        for m in media_files(bundle):
            p = base / m.path
            if p.is_file():
                out[m.sha256] = p
        return out

    def install(self, raw: bytes, bundle: Bundle, fetch: Fetcher,
                signature: bytes | None = None) -> Path:
        """Assemble ``bundle`` in ``incoming/``, verify every file, swap ``current`` to it."""
        version = _safe_name(bundle_version(bundle))
        self.incoming.mkdir(parents=True, exist_ok=True)
        self.bundles.mkdir(parents=True, exist_ok=True)
        staging = self.incoming / f"{version}.{os.getpid()}.{random.randrange(1 << 30):x}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        try:
            known = self.known_media()
            for m in media_files(bundle):
                target = inside(staging, m.path)
                target.parent.mkdir(parents=True, exist_ok=True)
                reuse = known.get(m.sha256)
                if reuse is not None:  # checked once, as the new bundle's own file
                    _link_or_copy(reuse, target)
                    try:
                        _verify(target, m, fetch.progress)
                        continue
                    except SyncProblem:  # the cached copy is damaged: fetch it again
                        target.unlink()
                fetch.media(m.path, target, m.size)
                _verify(target, m, fetch.progress)
            (staging / BUNDLE_NAME).write_bytes(raw)
            if signature is not None:  # kept beside it, so it can be checked again later
                (staging / SIGNATURE_NAME).write_bytes(signature)
            final = self.bundles / version
            if final.exists():
                shutil.rmtree(final)
            os.replace(staging, final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        previous = os.readlink(self.current) if self.current.is_symlink() else ""
        link = self.root / f".current.{os.getpid()}.tmp"
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(Path("bundles") / version)
        os.replace(link, self.current)
        # The previous bundle stays until the next swap: the loop may still be showing a
        # slide from it while the new one waits for the slide boundary.
        self._drop_old(keep={version, Path(previous).name})
        return final

    def _drop_old(self, keep: set[str]) -> None:
        for d in self.bundles.iterdir():
            if d.name not in keep:
                shutil.rmtree(d, ignore_errors=True)


def _safe_name(version: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "-_." else "_" for c in version)[:80]
    return cleaned.strip(".") or "bundle"


def _verify(path: Path, m: MediaFile, progress: Callable[[], None]) -> None:
    size = path.stat().st_size
    if size != m.size:
        raise SyncProblem(f"{m.path}: {size} bytes received, {m.size} expected (truncated?)")
    digest = _sha256(path, progress)
    if digest != m.sha256:
        raise SyncProblem(f"{m.path}: sha256 {digest[:12]}… does not match {m.sha256[:12]}…")


def _sha256(path: Path, progress: Callable[[], None]) -> str:
    """``bundle.sha256_file``, reporting each MiB: hashing a few GB of video on a slow PC
    takes longer than the sync worker may stay silent (SYNC_STALE)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            progress()
    return digest.hexdigest()


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def make_fetcher(source: str, store: Store, limits: Limits | None = None) -> Fetcher:
    if source.startswith(("http://", "https://")):
        return HttpFetcher(source, store.root / "http.json", timeout=TIMEOUT, limits=limits)
    return FolderFetcher(Path(source).expanduser(), limits)


class Syncer:
    """One source, one cache: :meth:`sync_once` is one attempt and never raises.

    ``keys``: the public keys a bundle must be signed by (none: every bundle is refused).
    ``limits``: what one download may cost (``signage.fetch.Limits``).
    """

    def __init__(self, source: str, store: Store, *, keys: Sequence[bytes] = (),
                 limits: Limits | None = None) -> None:
        self.store = store
        self.keys = tuple(keys)
        self.fetcher = make_fetcher(source, store, limits)
        self._surprise = ""  # the last unexpected failure, logged with its traceback once
        self.installed: str | None = None
        self.installed_at: datetime | None = None  # a bundle made earlier is a replay
        found = store.load_current()
        if found is not None:
            self.installed = bundle_version(found[0])
            self.installed_at = found[0].generated_at

    def sync_once(self) -> SyncResult:
        try:
            if not self.keys:
                verify(b"", None, self.keys)  # refused: say so without fetching anything
            raw = self.fetcher.bundle()
            if raw is None:
                return SyncResult(True, False, "unchanged", version=self.installed)
            signature = self.fetcher.signature()
            verify(raw, signature, self.keys)  # before parsing: only signed bytes are read
            try:
                bundle = parse_bundle(raw, name=self.fetcher.describe())
            except BundleError as exc:
                raise SyncProblem(f"bad bundle, the last good one stays: {exc}") from exc
            version = bundle_version(bundle)
            if version == self.installed and (self.store.current / BUNDLE_NAME).exists():
                self._accepted()
                return SyncResult(True, False, "unchanged", version=version)
            if self.installed_at is not None and bundle.generated_at < self.installed_at:
                raise Refused(OLDER, f"bundle {version[:12]} was made at "
                              f"{bundle.generated_at.isoformat()}, before the installed "
                              f"{(self.installed or '')[:12]} "
                              f"({self.installed_at.isoformat()}); an old bundle served "
                              "again is never installed")
            media_dir = self.store.install(raw, bundle, self.fetcher, signature)
            self._accepted()
            self.installed, self.installed_at = version, bundle.generated_at
            return SyncResult(True, True, f"installed bundle {version}", bundle, media_dir,
                              version)
        except Refused as refused:
            if isinstance(self.fetcher, HttpFetcher | FolderFetcher):
                self.fetcher.forget()  # fetch it in full next time: the site may fix it
            return SyncResult(False, False, f"{refused}; the last good one stays",
                              version=self.installed, refused=refused.reason)
        except (SyncProblem, OSError) as exc:
            # Next time, fetch the bundle in full again, whatever the validators say.
            if isinstance(self.fetcher, HttpFetcher | FolderFetcher):
                self.fetcher.forget()
            message = str(exc) if isinstance(exc, SyncProblem) else f"cache: {exc}"
            return SyncResult(False, False, message, version=self.installed)
        except Exception as exc:  # noqa: BLE001 - one attempt must never end the sync
            # thread (a kiosk then shows yesterday's notices for good): any surprise is a
            # failed attempt like the others, retried after a pause.
            message = unexpected(exc)
            if message != self._surprise:  # the traceback once, for whoever runs with -v
                log.debug("%s", message, exc_info=True)
                self._surprise = message
            if isinstance(self.fetcher, HttpFetcher | FolderFetcher):
                self.fetcher.forget()
            return SyncResult(False, False, message, version=self.installed)

    def _accepted(self) -> None:
        if isinstance(self.fetcher, HttpFetcher):
            self.fetcher.accepted()


class SyncWorker:
    """Runs :class:`Syncer` in a thread: polls, backs off after failures, wakes on changes.

    It never ends on its own: an attempt that raises anything is a failed attempt, logged
    once (again only when the message changes) and retried after ``pause(failures)``
    seconds. ``heartbeat`` (``time.monotonic``) moves on every attempt, every chunk
    downloaded and every few seconds of a pause; :meth:`problem` tells the player's loop
    (and through it systemd's watchdog, ``signage.watchdog``) when it stopped moving.
    """

    def __init__(self, syncer: Syncer, poll: float = POLL_SECONDS, *,
                 pause: Callable[[int], float] | None = None,
                 stale_after: float = SYNC_STALE) -> None:
        self.syncer = syncer
        self.poll = poll
        self.pause = pause or backoff
        self.stale_after = stale_after
        self.results: queue.Queue[SyncResult] = queue.Queue()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="jarshy-sync", daemon=True)
        self._observer: Any = None
        self.failures = 0
        self.heartbeat = time.monotonic()

    def start(self) -> None:
        fetcher = self.syncer.fetcher
        fetcher.progress = self.beat
        if isinstance(fetcher, FolderFetcher):
            self._observer = _watch(fetcher.folder, self._wake)
        self.heartbeat = time.monotonic()
        self._thread.start()

    def beat(self) -> None:
        self.heartbeat = time.monotonic()

    def problem(self) -> str | None:
        """None while the thread reports in time; else what is wrong with it, in words."""
        if self._stop.is_set() or self._thread.ident is None:
            return None  # stopped on purpose, or not started yet
        if not self._thread.is_alive():
            return "the sync thread has stopped"
        quiet = time.monotonic() - self.heartbeat
        if quiet > self.stale_after:
            return f"the sync thread has not reported for {quiet:.0f} s (it hangs)"
        return None

    def _attempt(self) -> SyncResult:
        try:
            return self.syncer.sync_once()
        except Exception as exc:  # noqa: BLE001 - the thread must outlive any one attempt
            return SyncResult(False, False, unexpected(exc),
                              version=getattr(self.syncer, "installed", None))

    def _run(self) -> None:
        last_message = ""
        while not self._stop.is_set():
            self.beat()
            result = self._attempt()
            self.beat()
            self.results.put(result)
            if result.ok:
                self.failures = 0
                wait = self.poll
                if last_message and last_message != "ok":
                    log.info("sync works again: %s", result.message)
                last_message = "ok"
            else:
                self.failures += 1
                wait = self.pause(self.failures)
                if result.message != last_message:
                    log.warning("sync failed: %s; retrying in %.0f s", result.message, wait)
                last_message = result.message
            self._rest(wait)

    def _rest(self, seconds: float) -> None:
        """Wait ``seconds`` (or until woken), beating every few seconds meanwhile."""
        end = time.monotonic() + seconds
        while not self._stop.is_set():
            left = end - time.monotonic()
            if left <= 0 or self._wake.wait(min(left, BEAT_EVERY)):
                break
            self.beat()
        self._wake.clear()

    def poll_results(self) -> list[SyncResult]:
        out: list[SyncResult] = []
        while True:
            try:
                out.append(self.results.get_nowait())
            except queue.Empty:
                return out

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._observer is not None:
            try:
                self._observer.stop()
                self._observer.join(timeout=2.0)
            except RuntimeError:
                pass
        if self._thread.is_alive():
            self._thread.join(timeout=TIMEOUT + 2.0)


def unexpected(exc: BaseException) -> str:
    """One line for a failure no handler expected: its kind and its words."""
    text = str(exc).replace("\n", " ")[:300]
    return f"unexpected error {type(exc).__name__}: {text}; the last good bundle stays"


def backoff(failures: int, rng: random.Random | None = None) -> float:
    """5 s, 10 s, 20 s … up to 5 minutes, with ±20 % jitter so screens do not march together."""
    base = min(BACKOFF_MAX, BACKOFF_FIRST * 2.0 ** max(0, failures - 1))
    jitter: float = (rng or random.Random()).uniform(0.8, 1.2)
    return base * jitter


def _watch(folder: Path, wake: threading.Event) -> Any:
    """Wake the worker when anything in ``folder`` changes (watchdog; polling if it fails)."""
    try:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer
    except ImportError:
        return None

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: Any) -> None:
            # Only changes: the worker's own reads (opened, closed_no_write) must not wake it.
            if event.event_type in ("created", "modified", "moved", "deleted", "closed"):
                wake.set()

    observer = Observer()
    try:
        observer.schedule(Handler(), str(folder), recursive=True)
        observer.start()
    except OSError as exc:
        log.warning("cannot watch %s (%s); polling every %.0f s instead", folder, exc,
                    POLL_SECONDS)
        return None
    return observer

