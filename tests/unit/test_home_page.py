"""The portal home without a browser: which item leads, and the page's frame (full width,
the newspaper's cards instead of the staging's own list)."""

from __future__ import annotations

from pathlib import Path

import yaml
from PIL import Image
from test_newspaper_fixture import NOW, Art, write_content

from site_gen.newspaper import stage
from site_gen.newspaper.home import lead_story
from site_gen.stage.extensions import Registry, StageContext
from site_gen.stage.home import home_page

PICTURE = 'image: ../images/p.png\nimage_alt: "Сурет"'


def context(tmp_path: Path, arts: list[Art]) -> StageContext:
    root = tmp_path / "content"
    (root / "images").mkdir(parents=True)
    Image.new("RGB", (160, 90), "navy").save(root / "images" / "p.png")
    content = write_content(root, arts, {12: "2026-11-20"})
    return StageContext(content, "kk", NOW, tmp_path / "docs", tmp_path / "site")


def lead_key(tmp_path: Path, arts: list[Art]) -> str | None:
    found = lead_story(context(tmp_path, arts))
    return found[0].key if found else None


def test_a_recent_lead_true_item_leads_even_without_a_picture(tmp_path: Path) -> None:
    assert lead_key(tmp_path, [
        Art("lead", lead=True, date="2026-11-18"),
        Art("newer", issue=None, date="2026-11-22", extra=PICTURE),
    ]) == "news/lead"


def test_an_old_lead_gives_way_to_the_newest_item_with_a_picture(tmp_path: Path) -> None:
    assert lead_key(tmp_path, [
        Art("old-lead", lead=True, date="2026-10-20"),  # 34 days before NOW
        Art("picture", issue=None, date="2026-11-10", extra=PICTURE),
        Art("newest", issue=None, date="2026-11-22"),
    ]) == "news/picture"


def test_without_lead_or_picture_the_newest_item_leads(tmp_path: Path) -> None:
    assert lead_key(tmp_path, [
        Art("older", issue=None, date="2026-11-10"),
        Art("newest", issue=None, date="2026-11-22"),
        Art("rules", section="page", issue=None, date="2026-11-23", extra=PICTURE),
    ]) == "news/newest"  # a standing page never leads


def front(text: str) -> dict[str, object]:
    _, head, _ = text.split("---\n", 2)
    data = yaml.safe_load(head)
    assert isinstance(data, dict)
    return data


def test_home_is_full_width_and_the_cards_replace_the_plain_list(tmp_path: Path) -> None:
    ctx = context(tmp_path, [Art("lead", lead=True, extra=PICTURE),
                             Art("other", section="interviews", date="2026-11-19")])
    plain, failed = home_page(ctx, Registry())
    assert not failed
    assert front(str(plain.data))["hide"] == ["navigation", "toc", "footer"]
    assert 'data-slot="latest"' in str(plain.data)  # without the newspaper: the staging's list
    registry = Registry()
    stage.extend(registry)
    full, failed = home_page(ctx, registry)
    assert not failed
    text = str(full.data)
    assert 'data-slot="latest"' not in text
    slots = [part.split('"', 1)[0] for part in text.split('data-slot="')[1:]]
    assert slots == ["intro", "lead", "latest-cards", "upcoming-events", "newspaper-issue",
                     "on-screens-today", "sections"]
    assert text.count('class="jarshy-tile ') == 2  # the lead, and the other item's card
    assert text.index('<div class="jarshy-home">') < text.index('data-slot="intro"')
