"""The bundle: what the site selects and writes, and how a player reads and checks it."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

import pytest

from signage.bundle import (
    BundleError,
    load_bundle,
    parse_bundle,
    verify_manifest,
    verify_media,
)
from signage.schedule import playlist
from signage.timezones import load_zone
from site_gen.bundle import build_bundle, select_items, write_bundle
from site_gen.bundle.writer import content_key
from site_gen.content import ContentSet, check

ROOT = Path(__file__).resolve().parents[2]
Z = load_zone("Asia/Almaty")
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=Z)


@pytest.fixture(scope="module")
def example() -> ContentSet:
    content, _, _ = check(ROOT / "content")
    return content


# ---------------------------------------------------------------- a tiny content tree

SITE = 'company: {kk: "Компания", ru: "Компания"}\ntimezone: Asia/Almaty\n'
SCREENS = """- id: canteen
  name: {kk: "Асхана", ru: "Столовая"}
  resolution: 1920x1080
  on_hours: "07:00-21:00"
"""


def write_item(root: Path, stem: str, front: str, langs: tuple[str, ...] = ("kk", "ru"),
               status: str = "approved") -> None:
    for lang in langs:
        path = root / "news" / f"{stem}.{lang}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: \"{stem} {lang}\"\ndate: 2026-11-20\nsection: news\n"
                        f"status: {status}\n{front}---\nМәтін {lang}.\n", encoding="utf-8")


def tiny(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "_data").mkdir(parents=True)
    (root / "_data" / "site.yml").write_text(SITE, encoding="utf-8")
    (root / "_data" / "screens.yml").write_text(SCREENS, encoding="utf-8")
    write_item(root, "now", "signage:\n  until: 2026-11-30\n")
    write_item(root, "soon", "signage:\n  from: 2026-12-03\n")  # 10 days ahead
    write_item(root, "later", "signage:\n  from: 2026-12-20\n")  # 27 days ahead
    write_item(root, "ended", "signage:\n  until: 2026-11-21\n")
    write_item(root, "expired", "expires: 2026-11-22\nsignage:\n  screens: all\n")
    write_item(root, "draft", "signage:\n  screens: all\n", status="draft")
    write_item(root, "no-screens", "")
    write_item(root, "only-ru", "signage:\n  screens: all\n", langs=("ru",))
    write_item(root, "meeting", "kind: event\nstarts: 2026-12-18 15:00\nplace: Зал\n"
               "announce_from: 30\n")
    write_item(root, "far-meeting", "kind: event\nstarts: 2027-03-01 15:00\nplace: Зал\n")
    return root


def chosen_ids(root: Path, now: datetime = NOW, days: int = 14) -> list[str]:
    content, diagnostics, _ = check(root)
    assert [d for d in diagnostics if d.severity == "error"] == []
    return [c.item.stem for c in select_items(content, now, days)]


def test_selection_follows_the_window_status_and_events(tmp_path: Path) -> None:
    assert chosen_ids(tiny(tmp_path)) == ["meeting", "now", "only-ru", "soon"]


def test_window_is_configurable(tmp_path: Path) -> None:
    root = tiny(tmp_path)
    assert "later" in chosen_ids(root, days=30)
    assert "soon" not in chosen_ids(root, days=7)


def test_event_window_runs_from_announce_day_to_its_start(tmp_path: Path) -> None:
    content, _, _ = check(tiny(tmp_path))
    bundle, _ = build_bundle(content, NOW)
    meeting = next(i for i in bundle.items if i.id == "news/meeting")
    assert (meeting.start, meeting.until) == (date(2026, 11, 18), date(2026, 12, 18))
    assert meeting.event_starts == datetime(2026, 12, 18, 15, 0, tzinfo=Z)
    root = tiny(tmp_path / "2")
    assert "meeting" in chosen_ids(root, datetime(2026, 12, 18, 14, 59, tzinfo=Z))
    assert "meeting" not in chosen_ids(root, datetime(2026, 12, 18, 15, 0, tzinfo=Z))
    assert "far-meeting" in chosen_ids(root, datetime(2027, 2, 15, 9, 0, tzinfo=Z))


def test_only_approved_languages_go_in(tmp_path: Path) -> None:
    root = tiny(tmp_path)
    write_item(root, "now", "signage:\n  until: 2026-11-30\n", langs=("ru",), status="review")
    content, _, _ = check(root)
    bundle, _ = build_bundle(content, NOW)
    assert list(next(i for i in bundle.items if i.id == "news/now").langs) == ["kk"]


# ---------------------------------------------------------------- the example content


def test_round_trip_of_the_example_content(example: ContentSet) -> None:
    bundle, _ = build_bundle(example, NOW)
    from signage.bundle import dump_bundle

    again = parse_bundle(dump_bundle(bundle))
    assert again == bundle
    assert bundle.version == again.version and len(bundle.version) == 64
    with_signage = {i.key for i in example.items if i.signage is not None
                    and any(v.approved for v in i.versions.values())}
    ids = {i.id for i in bundle.items}
    assert "announcements/2026-11-23-su-azhyratu" in ids  # urgent, on air today
    events = {i.key for i in example.items if i.kind == "event"}
    assert {content_key(i) for i in ids} <= with_signage | events  # a meeting's #results too
    kk = {i.id: i.langs["kk"] for i in bundle.items if "kk" in i.langs}
    assert any(any(ch in t.title for ch in "әғқңөұүһі") for t in kk.values())
    assert all(t.url.startswith("http://intranet.zharyq.example.kz/kk/") for t in kk.values())


def test_version_is_the_content_not_the_clock(example: ContentSet) -> None:
    a, _ = build_bundle(example, NOW)
    b, _ = build_bundle(example, NOW.replace(minute=30))
    assert a.generated_at != b.generated_at and a.version == b.version


def test_write_bundle_writes_bundle_media_and_manifest(example: ContentSet,
                                                       tmp_path: Path) -> None:
    out = tmp_path / "site" / "signage"
    path = write_bundle(example, out, NOW)
    assert path == out / "bundle.json"
    bundle = load_bundle(path)
    assert bundle.media(), "the example has pictures on its slides"
    assert verify_media(bundle, out) == [] and verify_manifest(out) == []
    assert sorted(p.name for p in out.iterdir()) == ["bundle.json", "manifest.json", "media"]
    assert oct(path.stat().st_mode & 0o777) == "0o644"  # the web server must read it
    listed = {f["path"] for f in json.loads((out / "manifest.json").read_text())["files"]}
    assert listed == {"bundle.json", *(m.path for m in bundle.media())}
    assert playlist(bundle, "canteen", NOW).slides[0].urgent


def test_a_failed_write_leaves_the_previous_bundle(example: ContentSet, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "signage"
    write_bundle(example, out, NOW)
    before = (out / "bundle.json").read_bytes()
    real = os.replace

    def failing(src: str, dst: str) -> None:
        if str(dst).endswith("bundle.json"):
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError):
        write_bundle(example, out, datetime(2026, 12, 10, 12, 0, tzinfo=Z))
    assert (out / "bundle.json").read_bytes() == before
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []
    load_bundle(out / "bundle.json")


def test_verify_media_finds_a_changed_or_missing_file(example: ContentSet,
                                                      tmp_path: Path) -> None:
    path = write_bundle(example, tmp_path, NOW)
    bundle = load_bundle(path)
    first, second = bundle.media()[:2]
    (tmp_path / first.path).write_bytes(b"not a picture")
    (tmp_path / second.path).unlink()
    problems = {p.path: p.message for p in verify_media(bundle, tmp_path)}
    assert set(problems) == {first.path, second.path}
    assert problems[second.path] == "missing"
    assert {p.path for p in verify_manifest(tmp_path)} == {first.path, second.path}


# ---------------------------------------------------------------- bad bundles


@pytest.fixture(scope="module")
def good(example: ContentSet) -> bytes:
    from signage.bundle import dump_bundle

    return dump_bundle(build_bundle(example, NOW)[0])


def one_line_error(data: bytes) -> str:
    with pytest.raises(BundleError) as info:
        parse_bundle(data)
    message = str(info.value)
    assert "\n" not in message and message.startswith("bundle.json: ")
    return message


def test_truncated_bundle(good: bytes) -> None:
    assert "truncated" in one_line_error(good[: len(good) // 2])


def test_corrupt_bundle(good: bytes) -> None:
    assert "corrupt" in one_line_error(b"{\x00\x01" + good[3:])
    assert "not UTF-8" in one_line_error(b"\xff\xfe" + good)


def test_edited_bundle_does_not_match_its_version(good: bytes) -> None:
    edited = good.replace("Шұғыл".encode(), "Шугыл".encode(), 1)
    assert "does not match its version" in one_line_error(edited)


def test_unknown_format_version(good: bytes) -> None:
    raw = json.loads(good)
    raw["format"] = 2
    message = one_line_error(json.dumps(raw).encode())
    assert "unknown bundle format 2" in message and "format 1" in message


def test_wrong_field_is_named(good: bytes) -> None:
    raw = json.loads(good)
    raw["items"][1]["langs"]["kk"]["title"] = 5
    assert "items[1].langs.kk.title: expected text" in one_line_error(json.dumps(raw).encode())
    raw = json.loads(good)
    del raw["screens"][0]["on_hours"]
    assert "screens[0]: missing 'on_hours'" in one_line_error(json.dumps(raw).encode())


def test_load_bundle_of_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="cannot read the bundle"):
        load_bundle(tmp_path / "bundle.json")


def test_documented_schema_names_every_field_written(good: bytes) -> None:
    import re

    text = (ROOT / "docs" / "bundle.md").read_text(encoding="utf-8")
    schema = next(json.loads(b) for b in re.findall(r"```json\n(.*?)```", text, re.S)
                  if '"$schema"' in b)
    raw = json.loads(good)
    defs = schema["$defs"]
    assert set(raw) == set(schema["required"]) == set(schema["properties"])
    for item in raw["items"]:
        assert set(item) == set(defs["item"]["required"]) == set(defs["item"]["properties"])
        for lang in item["langs"].values():  # "table" is optional (format 1, revision 2)
            assert set(defs["lang"]["required"]) <= set(lang) <= set(defs["lang"]["properties"])
            if "table" in lang:
                table = defs["table"]
                assert set(lang["table"]) == set(table["required"]) == set(table["properties"])
                for row in lang["table"]["rows"]:
                    assert set(row) == set(defs["tablerow"]["properties"])
    assert any("table" in lang for item in raw["items"] for lang in item["langs"].values())
    for screen in raw["screens"]:
        assert set(screen) == set(defs["screen"]["required"])


def test_site_gen_bundle_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from site_gen.cli import main

    out = tmp_path / "signage"
    assert main(["bundle", "--content", str(ROOT / "content"), "--out", str(out),
                 "--date", "2026-11-23"]) == 0
    assert "items, 3 screens" in capsys.readouterr().out
    assert load_bundle(out / "bundle.json").generated_at == NOW
    assert main(["bundle", "--content", str(ROOT / "content"), "--out", str(out),
                 "--date", "31.02.2026"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "31.02.2026" in err


def test_one_build_hashes_each_media_file_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer, the screens page and the home block of both languages share one bundle."""
    from site_gen.bundle import writer

    seen: list[Path] = []
    real = writer.sha256_file

    def counting(path: Path) -> str:
        seen.append(path)
        return real(path)

    monkeypatch.setattr(writer, "sha256_file", counting)
    content, _, _ = check(Path("content"))
    now = datetime(2026, 11, 23, 12, tzinfo=load_zone())
    first, media = writer.build_bundle(content, now)
    hashed = len(seen)
    assert hashed == len(media) > 0
    again, _ = writer.build_bundle(content, now)
    assert again == first and len(seen) == hashed
    writer.build_bundle(content, now, window_days=3)
    assert len(seen) > hashed  # other inputs: built again
