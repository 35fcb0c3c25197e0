"""The section label of every slide travels in the bundle (format 1, revision 3): the
writer puts each item's section name in each language, the player reads it into the slide,
and a bundle without it still plays (docs/bundle.md)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from signage.bundle import content_hash, dump_bundle, parse_bundle
from signage.schedule import playlist
from signage.timezones import load_zone
from site_gen.bundle import build_bundle
from site_gen.content import ContentSet, check
from site_gen.stage.strings import STRINGS

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=load_zone("Asia/Almaty"))


@pytest.fixture(scope="module")
def example() -> ContentSet:
    content, _, _ = check(ROOT / "content")
    return content


def test_every_item_carries_its_section_name_in_each_language(example: ContentSet) -> None:
    bundle, _ = build_bundle(example, NOW)
    assert bundle.items
    for item in bundle.items:
        for lang, text in item.langs.items():
            assert text.section == STRINGS[lang][f"section.{item.section}"], item.id
    urgent = next(i for i in bundle.items if i.id == "announcements/2026-11-23-su-azhyratu")
    assert urgent.langs["kk"].section == "Хабарландырулар"
    assert urgent.langs["ru"].section == "Объявления"


def test_the_player_reads_the_label_into_each_slide(example: ContentSet) -> None:
    bundle = parse_bundle(dump_bundle(build_bundle(example, NOW)[0]))
    slides = playlist(bundle, bundle.screens[0].id, NOW).slides
    assert slides
    for slide in slides:
        assert slide.section_label and slide.section == slide.item_id.split("/")[0]
    assert {s.section_label for s in slides if s.item_id.startswith("announcements/")} == {
        "Хабарландырулар", "Объявления"}


def test_a_bundle_without_section_names_still_plays(example: ContentSet) -> None:
    raw = json.loads(dump_bundle(build_bundle(example, NOW)[0]))
    for item in raw["items"]:
        for text in item["langs"].values():
            del text["section"]
    raw["items"][0]["langs"]["kk"]["section"] = None  # null, as a hand-made bundle may say
    raw["version"] = content_hash(raw)  # a bundle as an older writer would sign it
    bundle = parse_bundle(json.dumps(raw, ensure_ascii=False).encode())
    assert all(t.section == "" for i in bundle.items for t in i.langs.values())
    slides = playlist(bundle, bundle.screens[0].id, NOW).slides
    assert slides and all(s.section_label == "" for s in slides)
    # Written back, the key stays out: such a bundle is what revision 2 wrote.
    assert all("section" not in t for i in json.loads(dump_bundle(bundle))["items"]
               for t in i["langs"].values())
