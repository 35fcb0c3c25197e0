"""Where bundles come from: a folder (a site build, a mounted share) or the intranet over HTTP.

Where it sits: under ``signage.sync``, which decides what to fetch and verifies it; a
fetcher only moves bytes. Over HTTP it sends a conditional GET for ``bundle.json``
(``If-None-Match`` / ``If-Modified-Since`` from ``http.json`` in the cache) and plain GETs
for media, with urllib (no extra dependency); a folder answers "unchanged" while
``bundle.json`` keeps its size and modification time. Problems are :class:`SyncProblem`
with one line that names the URL or file.
"""

from __future__ import annotations

import http.client
import json
import logging
import os
import shutil
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from .bundle import BUNDLE_NAME
from .signing import MAX_SIGNATURE_BYTES, SIGNATURE_NAME

log = logging.getLogger(__name__)


class SyncProblem(Exception):
    """Why an attempt failed, in words for the log and status.json."""


def inside(root: Path, rel: str) -> Path:
    """``root / rel``, refusing a path that would leave ``root``."""
    target = (root / rel).resolve()
    if not target.is_relative_to(root.resolve()):
        raise SyncProblem(f"media path {rel!r} leaves the bundle directory")
    return target


class Fetcher:
    """Where bundles come from: a folder or an HTTP URL."""

    def bundle(self) -> bytes | None:
        """The bundle's bytes, or None when it has not changed since the last fetch."""
        raise NotImplementedError

    def media(self, rel: str, target: Path) -> None:
        raise NotImplementedError

    def signature(self) -> bytes | None:
        """``bundle.json.sig`` beside the bundle (at most a few KB), or None if there is none."""
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError


class FolderFetcher(Fetcher):
    def __init__(self, folder: Path) -> None:
        self.folder = folder.parent if folder.name == BUNDLE_NAME else folder
        self._seen: tuple[int, int] | None = None

    def bundle(self) -> bytes | None:
        path = self.folder / BUNDLE_NAME
        try:
            st = path.stat()
            stamp = (st.st_mtime_ns, st.st_size)
            if stamp == self._seen:
                return None
            data = path.read_bytes()
        except OSError as exc:
            raise SyncProblem(f"cannot read {path}: {exc.strerror or exc}") from exc
        self._seen = stamp
        return data

    def forget(self) -> None:
        self._seen = None

    def media(self, rel: str, target: Path) -> None:
        src = inside(self.folder, rel)
        try:
            shutil.copyfile(src, target)
        except OSError as exc:
            raise SyncProblem(f"cannot copy {src}: {exc.strerror or exc}") from exc

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
        return str(self.folder)


class HttpFetcher(Fetcher):
    """Plain HTTP from the intranet with urllib; validators kept in ``http.json``."""

    def __init__(self, url: str, state_file: Path, timeout: float = 10.0) -> None:
        self.url = url if not url.endswith("/") else url + BUNDLE_NAME
        self.state_file = state_file
        self.timeout = timeout
        self._validators: dict[str, str] = self._load()

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self.state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
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

    def bundle(self) -> bytes | None:
        request = urllib.request.Request(self.url)
        if "etag" in self._validators:
            request.add_header("If-None-Match", self._validators["etag"])
        if "last_modified" in self._validators:
            request.add_header("If-Modified-Since", self._validators["last_modified"])
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                data: bytes = response.read()
                self._pending_headers = response.headers
                return data
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return None
            raise SyncProblem(f"{self.url}: HTTP {exc.code} {exc.reason}") from exc
        # HTTPException: the server closed the connection before the promised length
        # (http.client.IncompleteRead), or answered with something that is not HTTP.
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            reason = getattr(exc, "reason", exc)
            raise SyncProblem(f"{self.url}: {reason}") from exc

    def accepted(self) -> None:
        """The bundle just fetched was installed: keep its validators for the next request."""
        headers = getattr(self, "_pending_headers", None)
        if headers is not None:
            self.remember(headers)

    def media(self, rel: str, target: Path) -> None:
        url = urllib.parse.urljoin(self.url, urllib.parse.quote(rel))
        tmp = target.with_name(target.name + ".part")
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as response, \
                    open(tmp, "wb") as out:
                shutil.copyfileobj(response, out, 1 << 20)
            os.replace(tmp, target)
        except urllib.error.HTTPError as exc:
            raise SyncProblem(f"{url}: HTTP {exc.code} {exc.reason}") from exc
        # HTTPException: the server closed the connection before the promised length
        # (http.client.IncompleteRead), or answered with something that is not HTTP.
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            reason = getattr(exc, "reason", exc)
            raise SyncProblem(f"{url}: {reason}") from exc

    def signature(self) -> bytes | None:
        url = urllib.parse.urljoin(self.url, SIGNATURE_NAME)
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as response:
                data: bytes = response.read(MAX_SIGNATURE_BYTES + 1)
                return data
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return None
            raise SyncProblem(f"{url}: HTTP {exc.code} {exc.reason}") from exc
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            reason = getattr(exc, "reason", exc)
            raise SyncProblem(f"{url}: {reason}") from exc

    def describe(self) -> str:
        return self.url
