"""Where bundles come from: a folder (a site build, a mounted share) or the intranet over HTTP.

Where it sits: under ``signage.sync``, which decides what to fetch and verifies it; a
fetcher only moves bytes, within :class:`Limits`. Over HTTP it sends a conditional GET for
``bundle.json`` (``If-None-Match`` / ``If-Modified-Since`` from ``http.json`` in the cache)
and plain GETs for the signature and media, each through ``signage.download`` (a size cap, a
total deadline, redirects only on the source's own origin); a folder answers "unchanged"
while ``bundle.json`` keeps its size and modification time. ``bundle.json`` may not be larger
than ``Limits.bundle_bytes``, and a media file is never written past the size the bundle
declares for it. Problems are :class:`SyncProblem` with one line that names the URL or file.
"""

from __future__ import annotations

import json
import logging
import os
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from .bundle import BUNDLE_NAME
from .download import CHUNK, DownloadProblem, get, origin_of
from .signing import MAX_SIGNATURE_BYTES, SIGNATURE_NAME

log = logging.getLogger(__name__)

MiB = 1 << 20


@dataclass(frozen=True, slots=True)
class Limits:
    """What one download may cost (``docs/screens.md``, "Limits on downloads")."""

    bundle_bytes: int = 8 * MiB  # bundle.json; a real one is tens of KB (--max-bundle-mib)
    bundle_seconds: float = 60.0  # bundle.json and its signature, each
    media_seconds: float = 60.0  # a media file: at least this long …
    media_rate: float = 256 * 1024  # … plus its declared size at this many bytes a second

    def media_deadline(self, size: int) -> float:
        return self.media_seconds + size / self.media_rate


def size_text(n: int) -> str:
    """8388608 → '8 MiB', 65536 → '64 KiB', 1000 → '1000 bytes'."""
    for unit, name in ((MiB, "MiB"), (1024, "KiB")):
        if n >= unit:
            return f"{n // unit} {name}" if n % unit == 0 else f"{n / unit:.1f} {name}"
    return f"{n} bytes"


class SyncProblem(Exception):
    """Why an attempt failed, in words for the log and status.json."""


def inside(root: Path, rel: str) -> Path:
    """``root / rel``, refusing a path that would leave ``root``."""
    target = (root / rel).resolve()
    if not target.is_relative_to(root.resolve()):
        raise SyncProblem(f"media path {rel!r} leaves the bundle directory")
    return target


def _nothing() -> None:
    pass


class Fetcher:
    """Where bundles come from: a folder or an HTTP URL. ``progress`` is called for every
    chunk received (the sync worker's heartbeat, so a long download is not a hung thread)."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self.progress: Callable[[], None] = _nothing

    def bundle(self) -> bytes | None:
        """The bundle's bytes, or None when it has not changed since the last fetch."""
        raise NotImplementedError

    def media(self, rel: str, target: Path, size: int) -> None:
        """Write media file ``rel`` to ``target``; never more than ``size`` bytes."""
        raise NotImplementedError

    def signature(self) -> bytes | None:
        """``bundle.json.sig`` beside the bundle (at most a few KB), or None if there is none."""
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def too_big(self, where: str) -> str:
        return (f"{where}: larger than {size_text(self.limits.bundle_bytes)}; refused (a "
                "bundle is tens of KB; if yours really is this big, raise --max-bundle-mib)")


def declared(where: str, size: int) -> str:
    return (f"{where}: more than the {size} bytes the bundle declares; stopped, the partial "
            "file was deleted")


class FolderFetcher(Fetcher):
    def __init__(self, folder: Path, limits: Limits | None = None) -> None:
        super().__init__(limits)
        self.folder = folder.parent if folder.name == BUNDLE_NAME else folder
        self._seen: tuple[int, int] | None = None

    def bundle(self) -> bytes | None:
        path = self.folder / BUNDLE_NAME
        cap = self.limits.bundle_bytes
        try:
            st = path.stat()
            stamp = (st.st_mtime_ns, st.st_size)
            if stamp == self._seen:
                return None
            if st.st_size > cap:
                raise SyncProblem(self.too_big(str(path)))
            with open(path, "rb") as fh:
                data = fh.read(cap + 1)  # it may have grown since stat
        except OSError as exc:
            raise SyncProblem(f"cannot read {path}: {exc.strerror or exc}") from exc
        if len(data) > cap:
            raise SyncProblem(self.too_big(str(path)))
        self._seen = stamp
        return data

    def forget(self) -> None:
        self._seen = None

    def media(self, rel: str, target: Path, size: int) -> None:
        src = inside(self.folder, rel)
        tmp = target.with_name(target.name + ".part")
        try:
            with open(src, "rb") as fh, open(tmp, "wb") as out:
                _copy_at_most(fh, out, size, str(src), self.progress)
            os.replace(tmp, target)
        except OSError as exc:
            raise SyncProblem(f"cannot copy {src}: {exc.strerror or exc}") from exc
        finally:
            tmp.unlink(missing_ok=True)

    def signature(self) -> bytes | None:
        path = self.folder / SIGNATURE_NAME
        try:
            with open(path, "rb") as fh:
                return fh.read(MAX_SIGNATURE_BYTES + 1)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise SyncProblem(f"cannot read {path}: {exc.strerror or exc}") from exc

    def describe(self) -> str:
        return str(self.folder / BUNDLE_NAME)


def _copy_at_most(src: BinaryIO, out: BinaryIO, size: int, where: str,
                  progress: Callable[[], None]) -> None:
    copied = 0
    while chunk := src.read(min(CHUNK, size + 1 - copied)):
        copied += len(chunk)
        if copied > size:
            raise SyncProblem(declared(where, size))
        out.write(chunk)
        progress()


class HttpFetcher(Fetcher):
    """Plain HTTP from the intranet (``signage.download``); validators kept in ``http.json``."""

    def __init__(self, url: str, state_file: Path, timeout: float = 10.0,
                 limits: Limits | None = None) -> None:
        super().__init__(limits)
        self.url = url if not url.endswith("/") else url + BUNDLE_NAME
        self.state_file = state_file
        self.timeout = timeout
        self._validators: dict[str, str] = self._load()

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self.state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return {}
        if not isinstance(data, dict) or data.get("url") != self.url:
            return {}
        return {k: str(v) for k, v in data.items() if k in ("etag", "last_modified")}

    def remember(self, headers: Any) -> None:
        state = {"url": self.url}
        if headers.get("ETag"):
            state["etag"] = headers["ETag"]
        if headers.get("Last-Modified"):
            state["last_modified"] = headers["Last-Modified"]
        self._validators = {k: v for k, v in state.items() if k != "url"}
        try:
            self.state_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.state_file.with_suffix(".tmp")
            tmp.write_text(json.dumps(state), encoding="utf-8")
            os.replace(tmp, self.state_file)
        except OSError as exc:
            log.warning("cannot store HTTP validators in %s: %s", self.state_file, exc.strerror)

    def forget(self) -> None:
        self._validators = {}

    def _get(self, url: str, write: Callable[[bytes], object], *, limit: int, seconds: float,
             too_big: str, headers: dict[str, str] | None = None) -> tuple[int, str, Any]:
        try:
            answer = get(url, write, origin=origin_of(self.url), limit=limit, seconds=seconds,
                         too_big=too_big, timeout=self.timeout, headers=headers,
                         progress=self.progress)
        except DownloadProblem as exc:
            raise SyncProblem(str(exc)) from exc
        return answer.status, answer.reason, answer.headers

    def bundle(self) -> bytes | None:
        headers = {}
        if "etag" in self._validators:
            headers["If-None-Match"] = self._validators["etag"]
        if "last_modified" in self._validators:
            headers["If-Modified-Since"] = self._validators["last_modified"]
        body = bytearray()
        status, reason, answer = self._get(
            self.url, body.extend, limit=self.limits.bundle_bytes, headers=headers,
            seconds=self.limits.bundle_seconds, too_big=self.too_big(self.url))
        if status == 304:
            return None
        if status != 200:
            raise SyncProblem(f"{self.url}: HTTP {status} {reason}")
        self._pending_headers = answer
        return bytes(body)

    def accepted(self) -> None:
        """The bundle just fetched was installed: keep its validators for the next request."""
        headers = getattr(self, "_pending_headers", None)
        if headers is not None:
            self.remember(headers)

    def media(self, rel: str, target: Path, size: int) -> None:
        url = urllib.parse.urljoin(self.url, urllib.parse.quote(rel))
        tmp = target.with_name(target.name + ".part")
        try:
            with open(tmp, "wb") as out:
                status, reason, _ = self._get(url, out.write, limit=size,
                                              seconds=self.limits.media_deadline(size),
                                              too_big=declared(url, size))
            if status != 200:
                raise SyncProblem(f"{url}: HTTP {status} {reason}")
            os.replace(tmp, target)
        except OSError as exc:
            raise SyncProblem(f"{tmp}: {exc.strerror or exc}") from exc
        finally:
            tmp.unlink(missing_ok=True)

    def signature(self) -> bytes | None:
        url = urllib.parse.urljoin(self.url, SIGNATURE_NAME)
        body = bytearray()
        status, reason, _ = self._get(
            url, body.extend, limit=MAX_SIGNATURE_BYTES, seconds=self.limits.bundle_seconds,
            too_big=f"{url}: larger than {size_text(MAX_SIGNATURE_BYTES)}; a signature file "
                    "is about 170 bytes")
        if status == 404:
            return None
        if status != 200:
            raise SyncProblem(f"{url}: HTTP {status} {reason}")
        return bytes(body)

    def describe(self) -> str:
        return self.url
