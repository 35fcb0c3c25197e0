"""Faults on the way in: the bundle server is down at boot, goes down in the middle of a
download, serves a truncated media file, or serves a bundle of a newer format. In each case
the loop goes on with the last good bundle, nothing is black, and ``status.json`` says why.

(A wrong sha256 with the player running is ``tests/player/test_sync.py::
test_the_player_keeps_the_last_good_bundle_and_says_why``; a bad hash and a truncation at
the syncer alone are in ``test_http_sync_survives_outage_truncation_and_bad_hash`` there.)"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pygame
import pytest

from signage.render import Fonts
from signage.signing import sign
from signage.sync import Store, Syncer
from tests.player.helpers import TEST_KEY, TEST_KEYS, publish

from .loop import boot_and_play
from .server import FaultySite


def install_v1(site: FaultySite, store: Store) -> str:
    v1 = publish(site.root, "v1", [(200, 30, 30), (30, 160, 60)])
    first = Syncer(site.url, store, keys=TEST_KEYS).sync_once()
    assert first.ok and first.changed, first.message
    return v1


def v1_installed_v2_published(site: FaultySite, tmp_path: Path) -> tuple[Store, str, str]:
    """A player cache holding v1; the site already publishes v2, not fetched yet."""
    store = Store(tmp_path / "cache")
    v1 = install_v1(site, store)
    time.sleep(0.01)  # v2's files are written a moment after v1 was fetched
    v2 = publish(site.root, "v2", [(10, 10, 200)])
    return store, v1, v2


def test_server_down_at_boot_the_last_good_bundle_plays(
        site: FaultySite, tmp_path: Path, fonts: Fonts,
        display: Callable[..., pygame.Surface], at: Callable[..., datetime]) -> None:
    store = Store(tmp_path / "cache")
    v1 = install_v1(site, store)
    site.down()  # the kiosk reboots overnight; in the morning the intranet is down

    run = boot_and_play(store, site.url, fonts, display((160, 90)), at(9, 0), 300.0)

    records = run.plays
    assert len(records) >= 25 and {r.version for r in records} == {v1}
    assert {r.item for r in records} == {"v1-0", "v1-1"}
    assert not run.black_during_on_hours()
    status = run.status
    assert status["mode"] == "playing" and status["bundle"]["version"] == v1
    assert status["sync"]["result"] == "failed"
    assert "127.0.0.1" in status["sync"]["message"]
    assert "last_success" not in status["sync"]  # no success since this boot
    assert any(e["message"].startswith("sync: ") for e in status["errors_last_hour"])


@pytest.mark.parametrize("mode", ["cut", "cut-bundle"])
def test_server_goes_down_mid_download_the_old_bundle_stays(
        mode: str, site: FaultySite, tmp_path: Path, fonts: Fonts,
        display: Callable[..., pygame.Surface], at: Callable[..., datetime]) -> None:
    store, v1, v2 = v1_installed_v2_published(site, tmp_path)
    # half of the new picture (or of bundle.json), then the connection and the server die
    site.mode = mode

    run = boot_and_play(store, site.url, fonts, display((160, 90)), at(9, 0), 240.0)

    attempts = run.player.source.results  # type: ignore[union-attr]
    assert attempts and not any(r.ok for r in attempts)
    assert not any(p.name.endswith(".part") or p.is_dir()
                   for p in store.incoming.iterdir())  # nothing half-assembled is kept
    loaded = store.load_current()
    assert loaded is not None and loaded[0].version == v1
    records = run.plays
    assert len(records) >= 20 and {r.version for r in records} == {v1}
    assert not run.black_during_on_hours()
    status = run.status
    assert status["bundle"]["version"] == v1 and status["mode"] == "playing"
    assert status["sync"]["result"] == "failed" and status["sync"]["message"]


def test_a_truncated_media_file_is_refused_while_the_player_runs(
        site: FaultySite, tmp_path: Path, fonts: Fonts,
        display: Callable[..., pygame.Surface], at: Callable[..., datetime]) -> None:
    store, v1, v2 = v1_installed_v2_published(site, tmp_path)
    site.mode = "truncate"

    run = boot_and_play(store, site.url, fonts, display((160, 90)), at(9, 0), 120.0)
    assert {r.version for r in run.plays} == {v1}
    status = run.status
    assert status["bundle"]["version"] == v1
    assert status["sync"]["result"] == "failed" and "truncated" in status["sync"]["message"]
    assert not run.black_during_on_hours()

    site.mode = "ok"  # the proxy is fixed: the next attempt brings the new bundle
    later = boot_and_play(store, site.url, fonts, display((160, 90)), at(10, 0), 60.0)
    assert later.status["bundle"]["version"] == v2
    assert later.plays[-1].version == v2


def test_a_bundle_of_a_newer_format_is_refused_with_a_clear_reason(
        site: FaultySite, tmp_path: Path, fonts: Fonts,
        display: Callable[..., pygame.Surface], at: Callable[..., datetime]) -> None:
    store, v1, v2 = v1_installed_v2_published(site, tmp_path)
    raw = json.loads((site.root / "bundle.json").read_text("utf-8"))
    raw["format"] = 2  # a newer site published for newer players, signed with its key
    (site.root / "bundle.json").write_text(json.dumps(raw), encoding="utf-8")
    (site.root / "bundle.json.sig").write_bytes(
        sign((site.root / "bundle.json").read_bytes(), TEST_KEY))

    run = boot_and_play(store, site.url, fonts, display((160, 90)), at(9, 0), 120.0)

    assert {r.version for r in run.plays} == {v1} and len(run.plays) >= 10
    assert not run.black_during_on_hours()
    status = run.status
    assert status["bundle"]["version"] == v1
    message = status["sync"]["message"]
    assert status["sync"]["result"] == "failed"
    assert "unknown bundle format 2" in message
    assert "update the player" in message
