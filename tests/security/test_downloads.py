"""Downloads are bounded: a ``bundle.json`` past the size cap, a media file past its declared
size, a server that trickles, and a redirect to another server are each refused with a clear
``status.json`` message; nothing is left on disk and the old bundle keeps playing.

Every attack comes from a real HTTP server on 127.0.0.1 (``hostile_site.py``)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pygame
import pytest

from signage.fetch import Limits
from signage.render import Fonts
from signage.signing import SIGNATURE_NAME, sign
from signage.sync import Store, Syncer
from tests.faults.loop import SyncInLoop
from tests.player.conftest import at, display, fonts  # noqa: F401  (shared fixtures)
from tests.player.helpers import TEST_KEY, TEST_KEYS, make_player, plays, publish
from tests.security.hostile_site import HostileSite

MiB = 1 << 20


@pytest.fixture()
def site(tmp_path: Path) -> Iterator[HostileSite]:
    s = HostileSite(tmp_path / "site")
    yield s
    s.down()


@pytest.fixture()
def other(tmp_path: Path) -> Iterator[HostileSite]:
    s = HostileSite(tmp_path / "other")
    yield s
    s.down()


def installed_v1(site: HostileSite, tmp_path: Path, limits: Limits | None = None
                 ) -> tuple[Syncer, str]:
    v1 = publish(site.root, "v1", [(200, 30, 30), (30, 160, 60)])
    syncer = Syncer(site.url, Store(tmp_path / "cache"), keys=TEST_KEYS,
                    limits=limits or Limits())
    first = syncer.sync_once()
    assert first.ok and first.changed, first.message
    time.sleep(0.01)
    return syncer, v1


def pad(folder: Path, size: int) -> None:
    """Grow bundle.json to ``size`` bytes with trailing spaces (still valid JSON, and
    signed again by the site: only its size is wrong)."""
    data = (folder / "bundle.json").read_bytes().rstrip()
    data += b" " * (size - len(data))
    (folder / SIGNATURE_NAME).write_bytes(sign(data, TEST_KEY))
    (folder / "bundle.json").write_bytes(data)


def play(syncer: Syncer, font_set: Fonts, surface: pygame.Surface, start: datetime,
         seconds: float = 60.0) -> dict[str, Any]:
    """The loop for ``seconds`` fake seconds with the syncer polled in it; status.json."""
    found = syncer.store.load_current()
    assert found is not None
    player = make_player(surface, font_set, syncer.store.root, found[0], found[1], start,
                         source=SyncInLoop(syncer, 20), duration=seconds, status_every=5.0)
    player.run()
    status: dict[str, Any] = json.loads((syncer.store.root / "status.json").read_text())
    return status


def assert_nothing_left_and_v1_plays(syncer: Syncer, v1: str, status: dict[str, Any]) -> None:
    store = syncer.store
    assert not list(store.incoming.iterdir())  # no half-assembled bundle, no .part file
    assert [p.name for p in store.bundles.iterdir()] == [v1]
    biggest = max(p.stat().st_size for p in store.root.rglob("*") if p.is_file())
    assert biggest < MiB
    assert status["bundle"]["version"] == v1 and status["sync"]["result"] == "failed"
    records = plays(store.root)
    assert records and {r.version for r in records} == {v1}


@pytest.mark.parametrize("length", [True, False], ids=["content-length", "until-close"])
def test_a_huge_bundle_json_is_refused(
        length: bool, site: HostileSite, tmp_path: Path, fonts: Fonts,  # noqa: F811
        display: Callable[..., pygame.Surface], at: Callable[..., datetime]) -> None:  # noqa: F811
    syncer, v1 = installed_v1(site, tmp_path)
    publish(site.root, "v2", [(10, 10, 200)])
    pad(site.root, 32 * MiB)
    site.length = length

    status = play(syncer, fonts, display((160, 90)), at(9, 0))

    message = status["sync"]["message"]
    assert site.url in message and "larger than 8 MiB" in message, message
    assert site.sent["bundle.json"] < 24 * MiB  # the player stopped reading
    assert_nothing_left_and_v1_plays(syncer, v1, status)


def test_the_bundle_size_cap_is_configurable(site: HostileSite, tmp_path: Path) -> None:
    syncer, v1 = installed_v1(site, tmp_path, Limits(bundle_bytes=64 * 1024))
    v2 = publish(site.root, "v2", [(10, 10, 200)])
    pad(site.root, 100 * 1024)
    refused = syncer.sync_once()
    assert not refused.ok and "larger than 64 KiB" in refused.message, refused.message
    pad(site.root, 60 * 1024)
    assert syncer.sync_once().version == v2 != v1


@pytest.mark.parametrize("length", [True, False], ids=["content-length", "until-close"])
def test_a_media_file_is_held_to_its_declared_size(
        length: bool, site: HostileSite, tmp_path: Path, fonts: Fonts,  # noqa: F811
        display: Callable[..., pygame.Surface], at: Callable[..., datetime]) -> None:  # noqa: F811
    syncer, v1 = installed_v1(site, tmp_path)
    publish(site.root, "v2", [(10, 10, 200)])
    site.junk["media/"] = 64 * MiB  # the real picture, then 64 MiB that fill the disk
    site.length = length

    status = play(syncer, fonts, display((160, 90)), at(9, 0))

    message = status["sync"]["message"]
    assert "more than the" in message and "bytes the bundle declares" in message, message
    sent = [n for rel, n in site.sent.items() if rel.startswith("media/")]
    assert sent and max(sent) < 48 * MiB  # the player stopped reading
    assert_nothing_left_and_v1_plays(syncer, v1, status)


@pytest.mark.parametrize("what", ["bundle.json", "media/", "headers"])
def test_a_trickling_server_is_cut_off_at_the_deadline(
        what: str, site: HostileSite, tmp_path: Path, fonts: Fonts,  # noqa: F811
        display: Callable[..., pygame.Surface], at: Callable[..., datetime]) -> None:  # noqa: F811
    limits = Limits(bundle_seconds=1.0, media_seconds=1.0, media_rate=1 << 30)
    syncer, v1 = installed_v1(site, tmp_path, limits)
    publish(site.root, "v2", [(10, 10, 200)])
    if what == "headers":
        site.trickle_headers = 0.05  # a byte every 50 ms: each read is quick, the whole is not
    else:
        site.trickle[what] = 0.05

    t0 = time.monotonic()
    attempt = syncer.sync_once()
    took = time.monotonic() - t0
    assert not attempt.ok and "took longer than 1 s" in attempt.message, attempt.message
    assert took < 5.0

    status = play(syncer, fonts, display((160, 90)), at(9, 0), seconds=20.0)
    assert "took longer than 1 s" in status["sync"]["message"]
    assert_nothing_left_and_v1_plays(syncer, v1, status)


def test_a_redirect_to_another_server_is_refused(
        site: HostileSite, other: HostileSite, tmp_path: Path, fonts: Fonts,  # noqa: F811
        display: Callable[..., pygame.Surface], at: Callable[..., datetime]) -> None:  # noqa: F811
    syncer, v1 = installed_v1(site, tmp_path)
    # Another server's bundle, signed alike and showing pictures the player already has:
    # only where it comes from is wrong.
    publish(other.root, "v2", [(200, 30, 30)])
    site.redirect["bundle.json"] = other.url
    site.redirect["bundle.json.sig"] = other.url + ".sig"

    status = play(syncer, fonts, display((160, 90)), at(9, 0))

    message = status["sync"]["message"]
    assert other.url in message and site.origin in message and "redirect" in message, message
    assert "bundle.json" not in other.sent  # not even asked
    assert_nothing_left_and_v1_plays(syncer, v1, status)


def test_a_redirect_of_a_media_file_to_another_server_is_refused(
        site: HostileSite, other: HostileSite, tmp_path: Path) -> None:
    syncer, v1 = installed_v1(site, tmp_path)
    publish(site.root, "v2", [(10, 10, 200)])
    publish(other.root, "v2", [(10, 10, 200)])
    bundle = json.loads((site.root / "bundle.json").read_bytes())
    rel = bundle["items"][0]["image"]["path"]
    site.redirect[rel] = f"{other.origin}/{rel}"
    attempt = syncer.sync_once()
    assert not attempt.ok and other.origin in attempt.message and "redirect" in attempt.message
    assert not other.sent
    assert syncer.store.load_current()[0].version == v1  # type: ignore[index]


def test_a_redirect_on_the_same_server_is_followed(site: HostileSite, tmp_path: Path) -> None:
    v1 = publish(site.root, "v1", [(200, 30, 30)])
    site.moved = "signage/"  # the site moved its folder and redirects each file
    syncer = Syncer(f"{site.origin}/signage/bundle.json", Store(tmp_path / "cache"),
                    keys=TEST_KEYS)
    first = syncer.sync_once()
    assert first.ok and first.version == v1, first.message
    assert {"signage/bundle.json", "signage/bundle.json.sig"} <= set(site.redirect)


def test_a_folder_source_has_the_same_caps(tmp_path: Path) -> None:
    """A mounted share is held to the same bundle.json cap and declared media sizes."""
    folder = tmp_path / "share"
    v1 = publish(folder, "v1", [(200, 30, 30)])
    syncer = Syncer(str(folder), Store(tmp_path / "cache"), keys=TEST_KEYS,
                    limits=Limits(bundle_bytes=64 * 1024))
    assert syncer.sync_once().version == v1
    time.sleep(0.01)
    publish(folder, "v2", [(10, 10, 200)])
    pad(folder, 100 * 1024)
    refused = syncer.sync_once()
    assert not refused.ok and "larger than 64 KiB" in refused.message, refused.message
    assert str(folder / "bundle.json") in refused.message

    time.sleep(0.01)
    publish(folder, "v3", [(10, 200, 10)])
    rel = json.loads((folder / "bundle.json").read_bytes())["items"][0]["image"]["path"]
    with open(folder / rel, "ab") as fh:
        fh.write(b"\0" * (4 * MiB))  # the file on the share grew past its declared size
    refused = syncer.sync_once()
    assert not refused.ok and "bytes the bundle declares" in refused.message, refused.message
    assert not list(syncer.store.incoming.iterdir())
    assert syncer.store.load_current()[0].version == v1  # type: ignore[index]
