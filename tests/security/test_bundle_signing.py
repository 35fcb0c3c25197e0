"""Signed bundles: whoever can answer on the intranet's address must not control the screens.

The site signs the exact bytes of ``bundle.json`` with Ed25519 (``bundle.json.sig`` beside
it); a player installs a bundle only when that signature is by a key it was given, and never
one older than the bundle it has. Each refusal leaves the last good bundle in place and is
named in the sync result, in ``status.json`` and by ``signage doctor``.
"""

from __future__ import annotations

import base64
import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pygame
import pytest

from signage.bundle import content_hash
from signage.render import Fonts
from signage.signing import (
    Refused,
    key_name,
    key_text,
    load_public_keys,
    new_private_key,
    public_key_of,
    sign,
    verify,
)
from signage.sync import Store, Syncer
from site_gen.bundle.signing import SigningKeyProblem, read_signing_key, write_key_pair
from tests.faults.loop import boot_and_play
from tests.faults.server import FaultySite
from tests.player.conftest import at, display, fonts  # noqa: F401  (shared fixtures)
from tests.player.helpers import TEST_KEY, TEST_KEYS, item, publish, write_bundle

REPO = Path(__file__).resolve().parents[2]
OTHER_KEY = new_private_key()  # an attacker's key, or the site's next one
EARLY, LATE = "2026-11-23T06:00:00+05:00", "2026-11-23T07:00:00+05:00"


def installed(store: Store) -> str | None:
    found = store.load_current()
    return found[0].version if found is not None else None


# ---------------------------------------------------------------- the signature itself


def test_a_signature_verifies_only_the_exact_bytes_it_was_made_for() -> None:
    data = '{"format": 1, "title": "Шұғыл хабарландыру"}\n'.encode()
    blob = sign(data, TEST_KEY)
    assert verify(data, blob, TEST_KEYS) == TEST_KEYS[0]
    assert json.loads(blob)["key"] == key_text(TEST_KEYS[0])
    with pytest.raises(Refused) as refused:
        verify(data.replace(b"1", b"2"), blob, TEST_KEYS)
    assert refused.value.reason == "bad-signature"
    with pytest.raises(Refused) as refused:
        verify(data, b"{" * 3000, TEST_KEYS)  # not a signature file: refused, not a crash
    assert refused.value.reason == "bad-signature"


def test_public_keys_are_read_from_text_files_and_lists(tmp_path: Path) -> None:
    other = public_key_of(OTHER_KEY)
    (tmp_path / "site.pub").write_text(f"# the site's key\n{key_text(other)}\n")
    assert load_public_keys([f"{key_text(TEST_KEYS[0])}, {tmp_path / 'site.pub'}"]) == (
        TEST_KEYS[0], other)
    with pytest.raises(ValueError, match="is not an Ed25519 public key"):
        load_public_keys(["not-a-key"])
    # base64 has '/' in it: a key with one is still a key, not a file name
    slashed = "34AYK0zLn/VsLsTUMM/Ld+rCO1KdZRab0R/F98TbNZs="
    assert load_public_keys([slashed]) == (base64.b64decode(slashed),)


# ---------------------------------------------------------------- what a player refuses


def test_a_signed_bundle_is_installed_with_its_signature(tmp_path: Path) -> None:
    v1 = publish(tmp_path / "site", "v1", [(200, 30, 30)])
    store = Store(tmp_path / "cache")
    result = Syncer(str(tmp_path / "site"), store, keys=TEST_KEYS).sync_once()
    assert result.ok and result.changed and not result.refused
    assert installed(store) == v1
    sig = (store.current / "bundle.json.sig").read_bytes()
    assert verify((store.current / "bundle.json").read_bytes(), sig, TEST_KEYS)


def test_a_bundle_changed_after_signing_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_bundle(site, [item("menu")])
    raw = json.loads((site / "bundle.json").read_text("utf-8"))
    raw["items"][0]["langs"]["kk"]["title"] = "Жалған хабар"  # a well-formed forgery
    raw["version"] = content_hash(raw)
    (site / "bundle.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    store = Store(tmp_path / "cache")
    result = Syncer(str(site), store, keys=TEST_KEYS).sync_once()
    assert not result.ok and result.refused == "bad-signature"
    assert "bad signature" in result.message and "changed after signing" in result.message
    assert installed(store) is None


def test_a_bundle_signed_by_another_key_is_refused(tmp_path: Path) -> None:
    write_bundle(tmp_path / "site", [item("menu")], signed_by=OTHER_KEY)
    store = Store(tmp_path / "cache")
    result = Syncer(str(tmp_path / "site"), store, keys=TEST_KEYS).sync_once()
    assert not result.ok and result.refused == "unknown-key"
    assert key_name(public_key_of(OTHER_KEY)) in result.message
    assert key_name(TEST_KEYS[0]) in result.message  # and which key it does trust
    assert installed(store) is None


def test_an_unsigned_bundle_is_refused(tmp_path: Path) -> None:
    write_bundle(tmp_path / "site", [item("menu")], signed_by=None)
    store = Store(tmp_path / "cache")
    result = Syncer(str(tmp_path / "site"), store, keys=TEST_KEYS).sync_once()
    assert not result.ok and result.refused == "no-signature"
    assert "bundle.json.sig is missing" in result.message
    assert installed(store) is None


def test_a_player_without_a_key_installs_nothing(tmp_path: Path) -> None:
    write_bundle(tmp_path / "site", [item("menu")])
    store = Store(tmp_path / "cache")
    result = Syncer(str(tmp_path / "site"), store).sync_once()
    assert not result.ok and result.refused == "no-key"
    assert "JARSHY_PUBLIC_KEYS" in result.message
    assert installed(store) is None


def test_the_key_changes_in_two_steps_without_a_dark_day(tmp_path: Path) -> None:
    old, new = TEST_KEYS[0], public_key_of(OTHER_KEY)
    site, store = tmp_path / "site", Store(tmp_path / "cache")
    # step 1: every player trusts the old and the new key; the site still signs with the old
    both = Syncer(str(site), store, keys=(old, new))
    v1 = write_bundle(site, [item("a")], generated_at=EARLY).version
    assert both.sync_once().changed and installed(store) == v1
    # step 2: the site signs with the new key; players that trust both take it
    v2 = write_bundle(site, [item("b")], generated_at=LATE, signed_by=OTHER_KEY).version
    assert both.sync_once().changed and installed(store) == v2
    # step 3: the old key is removed from the players: a bundle signed with it is refused
    only_new = Store(tmp_path / "cache-new")
    write_bundle(site, [item("a")], generated_at=EARLY)
    refused = Syncer(str(site), only_new, keys=(new,)).sync_once()
    assert refused.refused == "unknown-key" and installed(only_new) is None
    write_bundle(site, [item("b")], generated_at=LATE, signed_by=OTHER_KEY)
    assert Syncer(str(site), only_new, keys=(new,)).sync_once().changed


def test_an_older_signed_bundle_is_never_installed_again(tmp_path: Path) -> None:
    site, store = tmp_path / "site", Store(tmp_path / "cache")
    syncer = Syncer(str(site), store, keys=TEST_KEYS)
    write_bundle(site, [item("yesterday")], generated_at=EARLY)
    old_files = {n: (site / n).read_bytes() for n in ("bundle.json", "bundle.json.sig")}
    assert syncer.sync_once().changed
    v2 = write_bundle(site, [item("today")], generated_at=LATE).version
    assert syncer.sync_once().changed and installed(store) == v2
    for name, data in old_files.items():  # someone serves yesterday's signed pair again
        (site / name).write_bytes(data)
    result = syncer.sync_once()
    assert not result.ok and result.refused == "older"
    assert "older than the installed bundle" in result.message and installed(store) == v2
    # after a reboot too: the installed bundle's time comes from the cache
    again = Syncer(str(site), store, keys=TEST_KEYS).sync_once()
    assert again.refused == "older" and installed(store) == v2
    # the same bundle as the installed one is simply nothing to do
    write_bundle(site, [item("today")], generated_at=LATE)
    same = Syncer(str(site), store, keys=TEST_KEYS).sync_once()
    assert same.ok and not same.changed and installed(store) == v2


# ---------------------------------------------------------------- what a technician sees


@pytest.mark.parametrize(("case", "words"), [
    ("no-signature", "no signature"), ("bad-signature", "bad signature"),
    ("unknown-key", "unknown key"), ("older", "older than the installed bundle"),
    ("no-key", "no public key configured")])
def test_status_json_says_why_the_new_bundle_was_refused(
        case: str, words: str, tmp_path: Path, fonts: Fonts,  # noqa: F811
        display: Callable[..., pygame.Surface],  # noqa: F811
        at: Callable[..., datetime]) -> None:  # noqa: F811
    site, store = tmp_path / "site", Store(tmp_path / "cache")
    v1 = write_bundle(site, [item("v1", duration=10)], generated_at=LATE).version
    assert Syncer(str(site), store, keys=TEST_KEYS).sync_once().changed
    new = {"generated_at": EARLY if case == "older" else "2026-11-23T08:00:00+05:00",
           "signed_by": {"no-signature": None, "unknown-key": OTHER_KEY}.get(case, TEST_KEY)}
    write_bundle(site, [item("v2", duration=10)], **new)  # type: ignore[arg-type]
    if case == "bad-signature":
        data = (site / "bundle.json").read_bytes()
        (site / "bundle.json").write_bytes(data.replace(b"v2", b"x2"))
    run = boot_and_play(store, str(site), fonts, display((160, 90)), at(9, 0), 60.0,
                        keys=() if case == "no-key" else TEST_KEYS)
    status = run.status
    assert status["bundle"]["version"] == v1 and {r.version for r in run.plays} == {v1}
    assert status["sync"]["result"] == "failed" and status["sync"]["refused"] == case
    assert status["sync"]["message"].startswith(f"bundle refused, {words}: ")
    assert status["sync"]["message"].endswith("the last good one stays")


def doctor(*args: str, keys: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
           "JARSHY_PUBLIC_KEYS": keys}
    return subprocess.run([sys.executable, "-m", "signage.cli", "doctor", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_doctor_says_plainly_why_a_bundle_would_be_refused(tmp_path: Path) -> None:
    write_bundle(tmp_path / "site", [item("a")], signed_by=None)
    cache = str(tmp_path / "cache")
    lines = doctor("--source", str(tmp_path / "site"), "--cache", cache,
                   keys=key_text(TEST_KEYS[0])).stdout.splitlines()
    assert any(line.startswith("ok    bundle keys: installs only bundles signed by "
                               + key_name(TEST_KEYS[0])) for line in lines), lines
    assert any(line.startswith("FAIL  source: bundle refused, no signature: ")
               for line in lines), lines
    keyless = doctor("--source", str(tmp_path / "site"), "--cache", cache)
    assert keyless.returncode == 1
    assert "FAIL  bundle keys: no public key configured: every bundle will be refused" \
        in keyless.stdout
    bad = doctor("--source", str(tmp_path / "site"), "--cache", cache, "--public-key", "xyz")
    assert bad.returncode == 2 and "'xyz' is not an Ed25519 public key" in bad.stderr
    assert "Traceback" not in bad.stderr + keyless.stderr


# ---------------------------------------------------------------- the site's side, end to end


def site_gen(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != "JARSHY_SIGNING_KEY"}
    return subprocess.run([sys.executable, "-m", "site_gen.cli", *args], cwd=REPO,
                          env={**full, **env}, capture_output=True, text=True, timeout=300)


def test_site_gen_keys_bundle_and_a_player_over_http(tmp_path: Path) -> None:
    keys_dir = tmp_path / "keys"
    made = site_gen("keys", "--out", str(keys_dir))
    assert made.returncode == 0, made.stderr
    private, public = keys_dir / "bundle-signing.key", keys_dir / "bundle-signing.pub"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    printed = public.read_text().strip()
    assert f"JARSHY_PUBLIC_KEYS={printed}" in made.stdout and len(printed) == 44
    again = site_gen("keys", "--out", str(keys_dir))  # never overwrites a key by accident
    assert again.returncode == 2 and "exists" in again.stderr
    shown = site_gen("keys", "--show", JARSHY_SIGNING_KEY=str(private))
    assert shown.returncode == 0 and shown.stdout.strip().endswith(printed)

    web = FaultySite(tmp_path / "site" / "signage")
    try:
        built = site_gen("bundle", "--content", "content", "--out", str(web.root),
                         "--date", "2026-11-23", "--signing-key", str(private))
        assert built.returncode == 0, built.stderr
        trusted = load_public_keys([str(public)])
        store = Store(tmp_path / "cache")
        assert Syncer(web.url, Store(tmp_path / "other"),
                      keys=(public_key_of(OTHER_KEY),)).sync_once().refused == "unknown-key"
        result = Syncer(web.url, store, keys=trusted).sync_once()
        assert result.ok and result.changed, result.message
        assert (store.current / "bundle.json").read_bytes() == (
            web.root / "bundle.json").read_bytes()
        # the same build with no key: written, loudly unsigned, and refused by the player
        unsigned = site_gen("bundle", "--content", "content", "--out", str(web.root),
                            "--date", "2026-11-24")
        assert unsigned.returncode == 0 and "is NOT signed" in unsigned.stderr
        assert not (web.root / "bundle.json.sig").exists()
        refused = Syncer(web.url, store, keys=trusted).sync_once()
        assert refused.refused == "no-signature" and installed(store) == result.version
    finally:
        web.down()


def test_a_signing_key_others_can_read_is_refused_before_anything_is_written(
        tmp_path: Path) -> None:
    private, _, _ = write_key_pair(tmp_path / "keys")
    private.chmod(0o644)
    with pytest.raises(SigningKeyProblem, match="chmod 600"):
        read_signing_key(private)
    out = tmp_path / "signage"
    built = site_gen("bundle", "--content", "content", "--out", str(out),
                     JARSHY_SIGNING_KEY=str(private))
    assert built.returncode == 2 and "readable by other users" in built.stderr
    assert "Traceback" not in built.stderr and not out.exists()
    missing = site_gen("bundle", "--content", "content", "--out", str(out),
                       "--signing-key", str(tmp_path / "nowhere.key"))
    assert missing.returncode == 2 and "no such file" in missing.stderr and not out.exists()
    site = tmp_path / "site"  # the whole site build stops before writing, too
    whole = site_gen("build", "--content", "content", "--out", str(site), "--stage-dir",
                     str(tmp_path / "build"), JARSHY_SIGNING_KEY=str(tmp_path / "nowhere.key"))
    assert whole.returncode == 2 and "no such file" in whole.stderr and not site.exists()
    inside = site_gen("keys", "--out", str(REPO / "content" / "keys"))
    assert inside.returncode == 2 and "is inside content/" in inside.stderr
    assert not (REPO / "content" / "keys").exists()
