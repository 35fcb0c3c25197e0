"""bundle.json is left alone when nothing in it changed, whenever the build runs.

The publish service builds at the wall time of each push and each scheduled moment
(``--date`` = now, to the second). A build whose screens' payload is the same as the live
bundle's must leave ``bundle.json``, ``bundle.json.sig`` and ``manifest.json`` byte for byte
and with their modification time (nginx's ETag and Last-Modified, hence every screen's and
every branch cache's 304). A build with a changed payload writes a new bundle that a player
installs: it is never "older" than the one it replaces (``signage.sync``'s replay rule).
"""

from __future__ import annotations

import base64
import os
from datetime import datetime
from pathlib import Path

import pytest

from signage.sync import Store, Syncer
from site_gen.build import build
from site_gen.bundle import write_bundle
from site_gen.bundle.signing import ENV_SIGNING_KEY, SiteKey
from site_gen.content import check
from tests.player.helpers import TEST_KEY, TEST_KEYS
from tests.publish.tree import REPO, item, write_item

pytestmark = pytest.mark.slow

FILES = ("bundle.json", "bundle.json.sig", "manifest.json")
NOTICE = item("Су өшіріледі", "Отключение воды", extra="signage:\n  priority: urgent\n",
              section="announcements")


def _content(tmp_path: Path) -> Path:
    """The publish tests' small content tree, with a key file the build signs with."""
    from tests.publish.tree import ISSUE_YML, SCREENS_YML, SITE_YML

    root = tmp_path / "repo"
    data = root / "content" / "_data"
    (data / "issues").mkdir(parents=True)
    (data / "site.yml").write_text(SITE_YML, encoding="utf-8")
    (data / "screens.yml").write_text(SCREENS_YML, encoding="utf-8")
    (data / "issues" / "12.yml").write_text(ISSUE_YML, encoding="utf-8")
    write_item(root, "news/2026-11-20-asxana", item(
        "Асхана жаңартылды", "Столовая обновлена", extra="signage:\n  until: 2026-11-30\n"))
    return root / "content"


def _files(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {name: ((folder / name).read_bytes(), (folder / name).stat().st_mtime_ns)
            for name in FILES}


def _sync_from(folder: Path, store: Store) -> Syncer:
    return Syncer(str(folder), store, keys=TEST_KEYS)


@pytest.fixture
def key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test session's site key (``TEST_KEY``, which test players trust) as a key file."""
    path = tmp_path / "bundle-signing.key"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(base64.b64encode(TEST_KEY).decode("ascii") + "\n")
    monkeypatch.setenv(ENV_SIGNING_KEY, str(path))
    return path


def test_builds_at_other_moments_of_the_same_content_leave_the_bundle_untouched(
        tmp_path: Path, key_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content, site = _content(tmp_path), tmp_path / "site"
    out = site / "signage"

    def publish(moment: str) -> None:  # as site_gen.publish.service calls the build
        build(content, site, date=moment, repo=REPO, build_dir=tmp_path / "build")

    publish("2026-11-23 09:00:00")
    first = _files(out)
    store = Store(tmp_path / "player")
    player = _sync_from(out, store)
    assert player.sync_once().changed

    publish("2026-11-23 09:07:31")  # nothing changed for the screens: a page-only rebuild
    assert _files(out) == first
    monkeypatch.setenv("JARSHY_TODAY", "2026-11-23 13:45")  # another moment, same day
    build(content, site, repo=REPO, build_dir=tmp_path / "build")
    assert _files(out) == first
    result = player.sync_once()
    assert (result.ok, result.changed) == (True, False)

    # An urgent notice pushed: a new bundle and signature, made at the push, installed.
    write_item(content.parent, "announcements/2026-11-23-su", NOTICE)
    publish("2026-11-23 13:50:00")
    changed = _files(out)
    assert changed["bundle.json"][0] != first["bundle.json"][0]
    assert changed["bundle.json.sig"][0] != first["bundle.json.sig"][0]
    result = player.sync_once()
    assert (result.ok, result.changed, result.refused) == (True, True, "")
    assert result.bundle is not None
    assert result.bundle.generated_at == datetime.fromisoformat("2026-11-23T13:50:00+05:00")
    assert [i.id for i in result.bundle.items if i.urgent] == ["announcements/2026-11-23-su"]

    # Retracted by deleting it: the payload equals the first one's, but this is a new
    # bundle for the screens, and it must not be refused as older than the one they have.
    for path in (content / "announcements").glob("2026-11-23-su.*.md"):
        path.unlink()
    publish("2026-11-23 13:52:00")
    result = player.sync_once()
    assert (result.ok, result.changed, result.refused) == (True, True, "")
    assert result.bundle is not None
    assert not [i for i in result.bundle.items if i.urgent]
    assert result.bundle.version == player.installed


def test_writing_the_same_bundle_into_its_own_folder_rewrites_nothing(tmp_path: Path) -> None:
    """``site-gen bundle --out`` writes in place: the same payload, a later moment."""
    content, _, _ = check(_content(tmp_path))
    out = tmp_path / "signage"
    key = SiteKey(tmp_path / "k", TEST_KEY)
    zone = content.settings.zone
    write_bundle(content, out, datetime(2026, 11, 23, 9, 0, tzinfo=zone), key=key)
    first = _files(out)
    write_bundle(content, out, datetime(2026, 11, 23, 17, 30, tzinfo=zone), key=key)
    assert _files(out) == first
    # A week later the payload differs (the item's window ended): a new, later bundle.
    write_bundle(content, out, datetime(2026, 12, 2, 9, 0, tzinfo=zone), key=key)
    assert _files(out)["bundle.json"][0] != first["bundle.json"][0]
    assert b'"generated_at": "2026-12-02T09:00:00+05:00"' in (out / "bundle.json").read_bytes()


def test_a_bundle_from_a_later_clock_is_not_kept(tmp_path: Path) -> None:
    """A live bundle made "after" now (a build with a future --date) is not copied forward:
    the new one is made now, as before."""
    content, _, _ = check(_content(tmp_path))
    out = tmp_path / "signage"
    key = SiteKey(tmp_path / "k", TEST_KEY)
    zone = content.settings.zone
    write_bundle(content, out, datetime(2026, 11, 23, 18, 0, tzinfo=zone), key=key)
    write_bundle(content, out, datetime(2026, 11, 23, 9, 0, tzinfo=zone), key=key)
    assert b'"generated_at": "2026-11-23T09:00:00+05:00"' in (out / "bundle.json").read_bytes()


def test_a_new_bundle_is_served_before_the_pages_are_rendered(
        tmp_path: Path, key_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The urgent path does not wait for the site: by the time the pages of a push are
    rendered, the served ``signage/`` already holds the new, signed bundle."""
    import site_gen.build

    content, site = _content(tmp_path), tmp_path / "site"
    build(content, site, date="2026-11-23 09:00:00", repo=REPO, build_dir=tmp_path / "build",
          parallel=False)
    player = _sync_from(site / "signage", Store(tmp_path / "player"))
    assert player.sync_once().changed
    render = site_gen.build.stage_and_render
    seen: list[tuple[str, ...]] = []

    def rendering(job: object, lang: str) -> object:
        result = player.sync_once()  # what a screen polling now gets
        assert result.ok, result.message
        bundle = result.bundle if result.changed else None
        seen.append(tuple(i.id for i in bundle.items) if bundle is not None else ())
        return render(job, lang)  # type: ignore[arg-type]

    monkeypatch.setattr(site_gen.build, "stage_and_render", rendering)
    write_item(content.parent, "announcements/2026-11-23-su", NOTICE)
    build(content, site, date="2026-11-23 09:05:00", repo=REPO, build_dir=tmp_path / "build",
          parallel=False)
    assert seen[0] and "announcements/2026-11-23-su" in seen[0]
    assert (site / "kk" / "announcements" / "2026-11-23-su" / "index.html").is_file()
    result = player.sync_once()  # after the swap: the same bundle, nothing to fetch
    assert (result.ok, result.changed) == (True, False)
