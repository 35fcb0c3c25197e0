"""What a passer-by notices of the screen templates (14E), asserted on real pixels: a
header readable at 5 m, portrait text that fills its column, an urgent slide that is red
from edge to edge with a warning sign, a section label on every template, the film's panel
where the player blits frames."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import numpy as np
import pygame
import pytest

from signage.render import Fonts, compute_layout, media_rect, render_slide, render_static
from signage.render.chrome import company_setting
from signage.render.layout import ACCENT, BACKGROUND, PANEL, TEXT, URGENT_BG
from signage.render.templates import TEMPLATES, template_of
from signage.render.templates.base import label_height
from signage.render.templates.media import areas as media_areas
from signage.schedule import Slide
from tests.golden.compare import pixels
from tests.golden.test_render_templates import CASES, COMPANY, template_slide

SlideFactory = Callable[..., Slide]

SIZES = [(1920, 1080), (1080, 1920), (1366, 768), (768, 1366), (3840, 2160), (2160, 3840)]
NAMES = [*COMPANY.values(), "«Жаршы Энерго» АҚ", "АО «Жаршы Энерго»", "АҚ",
         "ЖШС «Қарағанды өңірлік электр желілері компаниясы»"]
TOO_LONG = "Товарищество с ограниченной ответственностью «Жарык Энерго»"


def _bright_rows(surface: pygame.Surface, rect: pygame.Rect, color: tuple[int, int, int],
                 tol: int = 60) -> np.ndarray:
    """Indices (from ``rect.top``) of the pixel rows of ``rect`` that show ``color``."""
    px = pixels(surface)[rect.top:rect.bottom, rect.left:rect.right]
    near = (np.abs(px - np.array(color)).max(axis=2) < tol).any(axis=1)
    return np.flatnonzero(near)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("company", NAMES)
def test_company_name_is_at_least_3_percent_of_the_screen_height(
        size: tuple[int, int], company: str, fonts: Fonts) -> None:
    layout = compute_layout(size, ticker=False)
    font_size, lines = company_setting(fonts, layout, company)
    assert font_size >= 0.03 * size[1]
    assert " ".join(lines) == company, "the whole name, in order"
    if company in COMPANY.values():  # a quoted name that fits on a line is never split
        assert all(line.count("«") == line.count("»") for line in lines)
    for line in lines:
        assert fonts.get(font_size, bold=True).size(line)[0] <= layout.company.width


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_name_too_long_for_two_lines_is_shown_whole(size: tuple[int, int],
                                                      fonts: Fonts) -> None:
    layout = compute_layout(size, ticker=False)
    font_size, lines = company_setting(fonts, layout, TOO_LONG)
    assert " ".join(lines) == TOO_LONG and len(lines) <= 2
    assert all(fonts.get(font_size, bold=True).size(t)[0] <= layout.company.width
               for t in lines)


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=["portrait", "landscape"])
def test_header_letters_are_tall_on_the_screen(size: tuple[int, int], make_slide: SlideFactory,
                                               fonts: Fonts, now: datetime) -> None:
    """Measured on pixels: a capital of the company name is at least 2 % of the height
    (cap height ≈ 0.7 of a 3 % type size); the old portrait header was 18 px (0.9 %)."""
    slide = make_slide("kk", "Хабарландыру", "Мәтін.")
    surf = render_static(slide, size, now=now, company="ЖАРЫҚ", fonts=fonts)
    rows = _bright_rows(surf, compute_layout(size, ticker=False).company, TEXT)
    assert len(rows) and rows.max() - rows.min() + 1 >= 0.02 * size[1]


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("kind", ["announcement", "event", "urgent", "video"])
def test_portrait_text_fills_its_column(kind: str, lang: str, make_slide: SlideFactory,
                                        fonts: Fonts, now: datetime, tmp_path: Path) -> None:
    """No half-empty portrait slide: the text grows until it reaches most of the way down
    to the QR code (the old type scale left about 45 % of the column empty)."""
    size = (1080, 1920)
    slide = template_slide(make_slide, kind, lang, now, tmp_path)
    surf = render_static(slide, size, now=now, company=COMPANY[lang], fonts=fonts)
    layout = compute_layout(size, ticker=False)
    c = layout.content
    qr_top = c.bottom - layout.px(210)
    column = pygame.Rect(c.left, c.top, c.width - layout.px(240), qr_top - c.top)
    rows = _bright_rows(surf, column, TEXT, tol=40)
    assert len(rows)
    assert (rows.max() + 1) / column.height >= 0.7, f"text ends at {rows.max() / column.height:.0%}"


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("size", [(480, 270), (270, 480)], ids=["landscape", "portrait"])
def test_urgent_fills_the_screen_with_the_alert_colour_and_a_sign(
        size: tuple[int, int], lang: str, make_slide: SlideFactory, fonts: Fonts,
        now: datetime, tmp_path: Path) -> None:
    urgent = template_slide(make_slide, "urgent", lang, now, tmp_path)
    normal = template_slide(make_slide, "announcement", lang, now, tmp_path)
    red = pixels(render_slide(urgent, size, now=now, company=COMPANY[lang], fonts=fonts))
    calm = pixels(render_slide(normal, size, now=now, company=COMPANY[lang], fonts=fonts))

    def share(px: np.ndarray) -> float:
        return float((np.abs(px - np.array(URGENT_BG)).max(axis=2) < 8).mean())

    assert share(red) >= 0.5 and share(calm) == 0.0
    # The warning sign: a white triangle at the left of the alert row, under the label.
    layout = compute_layout(size, ticker=False)
    c = layout.content
    top = c.top + layout.px(76 if size[1] > size[0] else 62)
    side = layout.px(150 if size[1] > size[0] else 116)
    sign = red[top + side // 2: top + side, c.left: c.left + side]
    assert (sign.min(axis=2) > 240).mean() > 0.3


def test_urgent_word_is_in_the_slide_language(make_slide: SlideFactory, fonts: Fonts,
                                              now: datetime, tmp_path: Path) -> None:
    size = (960, 540)
    kk = template_slide(make_slide, "urgent", "kk", now, tmp_path)
    ru_word = template_slide(make_slide, "urgent", "kk", now, tmp_path)
    object.__setattr__(ru_word, "lang", "ru")  # same text, only the language differs
    layout = compute_layout(size, ticker=False)
    c = layout.content
    row = pygame.Rect(c.left + layout.px(150), c.top + layout.px(62), layout.px(500),
                      layout.px(116))
    a = pixels(render_static(kk, size, now=now, company="", fonts=fonts))
    b = pixels(render_static(ru_word, size, now=now, company="", fonts=fonts))
    sl = np.s_[row.top:row.bottom, row.left:row.right]
    assert (a[sl] != b[sl]).any(), "ШҰҒЫЛ and СРОЧНО look different"


@pytest.mark.parametrize("kind", TEMPLATES)
@pytest.mark.parametrize("size", [(480, 270), (270, 480)], ids=["landscape", "portrait"])
def test_every_template_shows_the_section_label(kind: str, size: tuple[int, int],
                                                make_slide: SlideFactory, fonts: Fonts,
                                                now: datetime, tmp_path: Path) -> None:
    def render(label: str) -> np.ndarray:
        slide = template_slide(make_slide, kind, "kk", now, tmp_path)
        object.__setattr__(slide, "section_label", label)
        assert template_of(slide) == kind
        return pixels(render_static(slide, size, now=now, company="", fonts=fonts,
                                    media_dir=tmp_path))

    news, sports, bare = render("Жаңалықтар"), render("Спорт, мәдениет және демалыс"), render("")
    assert (np.abs(news - bare).max(axis=2) > 40).sum() > 40, "a label shows"
    # Two labels differ only in the label's own row: the rest of the slide keeps its place.
    changed = np.abs(news - sports).max(axis=2) > 40
    ys = np.flatnonzero(changed.any(axis=1))
    assert len(ys), "the label's words are on the slide"
    layout = compute_layout(size, ticker=False)
    assert ys.max() - ys.min() < label_height(layout)


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_the_video_panel_is_where_the_player_blits_frames(
        size: tuple[int, int], make_slide: SlideFactory, fonts: Fonts, now: datetime,
        tmp_path: Path) -> None:
    slide = template_slide(make_slide, "video", "ru", now, tmp_path)
    rect = media_rect(slide, size)
    assert rect is not None
    layout = compute_layout(size, ticker=False)
    assert rect == media_areas(layout, slide, video=True).media
    surf = render_static(slide, size, now=now, company="", fonts=fonts)
    px = pixels(surf)[rect.top:rect.bottom, rect.left:rect.right]
    assert (px == np.array(PANEL)).all(), "an empty panel: frames go there"
    if size[1] > size[0]:
        assert abs(rect.width / rect.height - 16 / 9) < 0.01
    assert surf.get_at((rect.left - 2, rect.centery))[:3] == BACKGROUND


def test_choice_of_template() -> None:
    assert set(CASES) == set(TEMPLATES)


def _luminance(color: tuple[int, int, int]) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_white_on_the_alert_red_reads_from_afar() -> None:
    """WCAG contrast of the urgent slide's white text on its red: 6.7:1 (4.5:1 is AA)."""
    ratio = (_luminance(TEXT) + 0.05) / (_luminance(URGENT_BG) + 0.05)
    assert ratio >= 6.7, ratio


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_portrait_table_is_one_card_per_row(lang: str, make_slide: SlideFactory, fonts: Fonts,
                                              now: datetime, tmp_path: Path) -> None:
    """Each row a card across the full width, only the overdue one tinted, all inside."""
    from signage.render.table import OVERDUE_TINT
    from signage.render.templates.base import Canvas
    from signage.render.templates.cards import draw_cards

    slide = template_slide(make_slide, "table", lang, now, tmp_path)
    size = (1080, 1920)
    layout = compute_layout(size, ticker=False)
    surf = pygame.Surface(size)
    box = layout.content
    cards = draw_cards(Canvas(surf, layout, slide, now, fonts, None, "contain"), box,
                       slide.table)
    assert len(cards) == 3
    assert all(c.width == box.width and box.contains(c) for c in cards)
    tinted = [surf.get_at((c.right - 3, c.centery))[:3] == OVERDUE_TINT for c in cards]
    assert tinted == [False, True, False]
    # Type well above the grid's smallest size: the task line is at least 40 px high.
    assert min(c.height for c in cards) >= 3 * 40


def test_too_many_cards_end_with_a_count_of_the_rest(make_slide: SlideFactory, fonts: Fonts,
                                                     now: datetime, tmp_path: Path) -> None:
    from signage.bundle import Table
    from signage.render.templates.base import Canvas
    from signage.render.templates.cards import draw_cards

    base = template_slide(make_slide, "table", "kk", now, tmp_path)
    assert base.table is not None
    many = Table(base.table.columns, base.table.rows * 8, base.table.overdue)
    object.__setattr__(base, "table", many)
    size = (270, 480)
    layout = compute_layout(size, ticker=False)
    surf = pygame.Surface(size)
    surf.fill(BACKGROUND)
    cards = draw_cards(Canvas(surf, layout, base, now, fonts, None, "contain"),
                       layout.content, many)
    assert 0 < len(cards) < 24
    assert all(layout.content.contains(c) for c in cards)
    below_cards = pygame.Rect(layout.content.left, cards[-1].bottom, layout.content.width,
                              layout.content.bottom - cards[-1].bottom)
    assert len(_bright_rows(surf, below_cards, ACCENT)), "the count of the rest is shown"
