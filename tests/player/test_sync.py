"""Sync against a real HTTP server on 127.0.0.1 that goes down, serves a truncated file,
serves a file whose hash does not match, and comes back; and from a watched folder."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pygame
import pytest

from signage.render import Fonts
from signage.signing import sign
from signage.sync import Store, Syncer, SyncResult, SyncWorker, backoff

from .helpers import TEST_KEY, TEST_KEYS, Hooks, make_player, plays, publish


class Site:
    """A static web server over a folder, with ETag / Last-Modified and fault modes."""

    def __init__(self, root: Path, port: int = 0) -> None:
        self.root = root
        self.mode = "ok"  # ok | truncate | badhash | cutoff
        self.requests: list[tuple[str, str, str, int]] = []  # path, INM, IMS, status
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep pytest output clean
                pass

            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                rel = self.path.lstrip("/").split("?")[0]
                file = site.root / rel
                inm = self.headers.get("If-None-Match", "")
                ims = self.headers.get("If-Modified-Since", "")
                if not file.is_file():
                    site.requests.append((rel, inm, ims, 404))
                    self.send_error(404)
                    return
                data = file.read_bytes()
                etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
                if inm and inm == etag:
                    site.requests.append((rel, inm, ims, 304))
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                if rel.startswith("media/") and site.mode == "truncate":
                    data = data[: len(data) // 2]
                elif rel.startswith("media/") and site.mode == "badhash":
                    data = bytes([data[0] ^ 0xFF]) + data[1:]
                site.requests.append((rel, inm, ims, 200))
                self.send_response(200)
                if site.mode == "cutoff":  # promise the whole file, send half, hang up
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data[: len(data) // 2])
                    self.close_connection = True
                    return
                self.send_header("Content-Length", str(len(data)))
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", formatdate(file.stat().st_mtime, usegmt=True))
                self.end_headers()
                self.wfile.write(data)

        ThreadingHTTPServer.allow_reuse_address = True
        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bundle.json"

    def down(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def site(tmp_path: Path) -> Iterator[Site]:
    s = Site(tmp_path / "site")
    yield s
    try:
        s.down()
    except OSError:
        pass




def test_http_sync_survives_outage_truncation_and_bad_hash(site: Site, tmp_path: Path) -> None:
    store = Store(tmp_path / "cache")
    v1 = publish(site.root, "v1", [(200, 30, 30)])
    syncer = Syncer(site.url, store, keys=TEST_KEYS)

    first = syncer.sync_once()
    assert first.ok and first.changed and first.version == v1
    assert [r[0] for r in site.requests if r[3] == 200][0] == "bundle.json"
    assert (store.current / "bundle.json").is_file()

    site.requests.clear()
    again = syncer.sync_once()
    assert again.ok and not again.changed
    assert site.requests == [("bundle.json", site.requests[0][1], site.requests[0][2], 304)]
    assert site.requests[0][1] and site.requests[0][2]  # If-None-Match and If-Modified-Since

    time.sleep(1.1)  # a new Last-Modified second
    v2 = publish(site.root, "v2", [(200, 30, 30), (30, 200, 30)])
    site.mode = "truncate"
    bad = syncer.sync_once()
    assert not bad.ok and "truncated" in bad.message
    loaded = store.load_current()
    assert loaded is not None and loaded[0].version == v1  # the last good bundle stays

    site.mode = "badhash"
    bad = syncer.sync_once()
    assert not bad.ok and "sha256" in bad.message
    assert store.load_current()[0].version == v1  # type: ignore[index]
    assert not list((store.incoming).iterdir())  # nothing half-assembled is left behind

    port = site.port
    site.down()
    down = syncer.sync_once()
    assert not down.ok and "127.0.0.1" in down.message
    assert store.load_current()[0].version == v1  # type: ignore[index]
    # a player booting now (network down) still has the last good bundle
    assert Syncer(site.url, store, keys=TEST_KEYS).installed == v1

    back = Site(site.root, port)
    try:
        back.mode = "ok"
        ok = syncer.sync_once()
        assert ok.ok and ok.changed and ok.version == v2
        fetched = [r[0] for r in back.requests if r[3] == 200]
        # the unchanged picture was reused from the cache, only the new one was downloaded
        assert sum(1 for p in fetched if p.startswith("media/")) == 1
        assert store.load_current()[0].version == v2  # type: ignore[index]
        # the previous bundle stays on disk until the next swap (a slide may still use it)
        assert {p.name for p in store.bundles.iterdir()} == {v1, v2}
        assert not Syncer(site.url, store, keys=TEST_KEYS).sync_once().changed
    finally:
        back.down()


def test_a_corrupt_bundle_json_is_refused(site: Site, tmp_path: Path) -> None:
    store = Store(tmp_path / "cache")
    v1 = publish(site.root, "v1", [(10, 20, 30)])
    syncer = Syncer(site.url, store, keys=TEST_KEYS)
    assert syncer.sync_once().version == v1
    text = (site.root / "bundle.json").read_bytes()
    (site.root / "bundle.json").write_bytes(text[: len(text) // 2])
    result = syncer.sync_once()  # cut short on the way: it no longer matches its signature
    assert not result.ok and result.refused == "bad-signature"
    assert store.load_current()[0].version == v1  # type: ignore[index]
    # cut short before it was signed: the signature holds, the reader says what is wrong
    (site.root / "bundle.json.sig").write_bytes(sign(text[: len(text) // 2], TEST_KEY))
    result = syncer.sync_once()
    assert not result.ok and "truncated" in result.message and not result.refused
    assert store.load_current()[0].version == v1  # type: ignore[index]


def test_a_connection_cut_in_the_middle_is_a_failed_attempt(site: Site,
                                                             tmp_path: Path) -> None:
    store = Store(tmp_path / "cache")
    v1 = publish(site.root, "v1", [(10, 20, 30)])
    syncer = Syncer(site.url, store, keys=TEST_KEYS)
    assert syncer.sync_once().version == v1
    publish(site.root, "v2", [(30, 20, 10)])
    site.mode = "cutoff"
    result = syncer.sync_once()
    assert not result.ok and "127.0.0.1" in result.message
    assert store.load_current()[0].version == v1  # type: ignore[index]
    site.mode = "ok"
    assert syncer.sync_once().changed


def test_backoff_grows_to_five_minutes_with_jitter() -> None:
    import random

    rng = random.Random(1)
    waits = [backoff(n, rng) for n in range(1, 12)]
    assert 4 <= waits[0] <= 6
    assert waits[3] > waits[2] > waits[1] > waits[0]
    assert all(w <= 360 for w in waits) and waits[-1] >= 240


def test_a_watched_folder_delivers_a_new_bundle_quickly(tmp_path: Path) -> None:
    folder = tmp_path / "signage"
    v1 = publish(folder, "v1", [(1, 2, 3)])
    store = Store(tmp_path / "cache")
    # poll=60: only the watcher can wake it
    worker = SyncWorker(Syncer(str(folder), store, keys=TEST_KEYS), poll=60.0)
    worker.start()
    try:
        deadline = time.monotonic() + 10
        seen: list[str | None] = []
        while time.monotonic() < deadline and v1 not in seen:
            seen += [r.version for r in worker.poll_results() if r.changed]
            time.sleep(0.05)
        assert v1 in seen
        v2 = publish(folder, "v2", [(4, 5, 6)])
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and v2 not in seen:
            seen += [r.version for r in worker.poll_results() if r.changed]
            time.sleep(0.05)
        assert v2 in seen, "the folder watcher did not pick up the new bundle within 5 s"
    finally:
        worker.stop()


class SyncEvery:
    """Runs the syncer in the loop's thread every ``n`` polls (the test's stand-in for the
    sync thread, so a FakeClock run stays deterministic)."""

    def __init__(self, syncer: Syncer, n: int) -> None:
        self.syncer, self.n, self.calls = syncer, n, 0

    def poll_results(self) -> list[SyncResult]:
        self.calls += 1
        return [self.syncer.sync_once()] if self.calls % self.n == 0 else []


def test_the_player_keeps_the_last_good_bundle_and_says_why(
        site: Site, tmp_path: Path, fonts: Fonts,
        display: Callable[..., pygame.Surface], at: Callable[..., datetime]) -> None:
    store = Store(tmp_path / "cache")
    v1 = publish(site.root, "v1", [(200, 30, 30)])
    syncer = Syncer(site.url, store, keys=TEST_KEYS)
    assert syncer.sync_once().changed
    bundle, media_dir = store.load_current()  # type: ignore[misc]
    publish(site.root, "v2", [(10, 10, 200)])
    site.mode = "badhash"
    hooks = Hooks()
    player = make_player(display((160, 90)), fonts, store.root, bundle, media_dir, at(9, 0),
                         hooks=hooks, source=SyncEvery(syncer, 20), duration=120.0)
    player.run()
    status = json.loads((store.root / "status.json").read_text(encoding="utf-8"))
    assert status["bundle"]["version"] == v1
    assert status["sync"]["result"] == "failed" and "sha256" in status["sync"]["message"]
    assert {r.version for r in plays(store.root)} == {v1}
    assert len(plays(store.root)) >= 10
