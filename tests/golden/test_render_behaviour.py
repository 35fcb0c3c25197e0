"""What a passer-by would notice, asserted on real pixels and layouts (no golden files)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta

import pygame
import pytest
import segno
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signage.render import (
    Fonts,
    Ticker,
    check_fonts,
    check_kazakh_shapes,
    clock_rect,
    compute_layout,
    draw_clock,
    qr_matrix,
    qr_surface,
    render_static,
    rotate_output,
    slide_layout,
)
from signage.render.chrome import format_date
from signage.render.fonts import CANDIDATES, KAZAKH_LETTERS, FontError, FontFamily, init_font
from signage.render.layout import QR_DARK, QR_LIGHT
from signage.render.slide import RenderError, draw_text_block, load_image
from signage.render.text import fit, parse_markdown
from signage.schedule import Slide
from tests.golden.compare import pixels

SlideFactory = Callable[..., Slide]  # the make_slide fixture (conftest.py)

KAZAKH_WORDS = ["Құттықтаймыз", "жаңалықтар", "мәдениет", "өндіріс", "ұжым", "үздік", "һәм",
                "іс-шаралар", "Ғылым", "Қазақстандықтандырылғандарыңыздансыздар", "және",
                "**жаңа**", "*маңызды*"]


# --- fonts --------------------------------------------------------------------------------

def test_pygame_default_font_is_caught() -> None:
    """pygame's built-in font draws қ as к and ү as v: the check must say so."""
    init_font()
    problems = check_kazakh_shapes(pygame.font.Font(None, 48))
    wrong = {p.letter for p in problems}
    assert {"қ", "ғ", "ң", "ү", "ұ", "Қ", "Ғ", "Ң"} <= wrong
    message = next(str(p) for p in problems if p.letter == "қ")
    assert "к" in message
    assert check_kazakh_shapes(None), "the default font by None is refused too"


@pytest.mark.parametrize("family", CANDIDATES, ids=lambda f: f.name)
def test_packaged_fonts_draw_every_kazakh_letter(family: FontFamily) -> None:
    for path in family.files():
        assert check_kazakh_shapes(path) == [], path


def test_missing_font_file_is_a_problem_not_a_crash(tmp_path: object) -> None:
    problems = check_kazakh_shapes("/nonexistent/NoSuchFont.ttf")
    assert problems and "cannot open" in problems[0].message


def test_find_picks_a_checked_family_and_reports_what_to_install() -> None:
    fonts = Fonts.find()
    assert fonts.family in CANDIDATES
    with pytest.raises(FontError, match="fonts-noto-core"):
        Fonts.find([FontFamily("Gone", CANDIDATES[0].regular.with_name("Gone.ttf"),
                               CANDIDATES[0].regular.with_name("Gone-Bold.ttf"))])


def test_slide_text_keeps_kazakh_letters(make_slide: SlideFactory, fonts: Fonts,
                                         now: datetime) -> None:
    """The title drawn on a slide differs when one Kazakh letter becomes its look-alike."""
    size = (960, 540)
    a = render_static(make_slide("kk", "Қош келдіңіз"), size, now=now, company="", fonts=fonts)
    b = render_static(make_slide("kk", "Кош келдіңіз"), size, now=now, company="", fonts=fonts)
    assert pixels(a).tolist() != pixels(b).tolist()


# --- text ---------------------------------------------------------------------------------

def test_markdown_subset() -> None:
    blocks = parse_markdown(
        "Бірінші **қалың** және *көлбеу*.\n\n- бір\n- екі\n\n1. үш\n\n## Тақырып")
    assert [b.marker for b in blocks] == ["", "•", "•", "1.", ""]
    runs = blocks[0].runs
    assert [(r.text, r.bold, r.italic) for r in runs] == [
        ("Бірінші ", False, False), ("қалың", True, False), (" және ", False, False),
        ("көлбеу", False, True), (".", False, False)]
    assert all(r.bold for r in blocks[-1].runs)
    link = parse_markdown("[Ішкі портал](http://intranet/) file_name \\*")
    assert [(r.text, r.italic) for r in link[0].runs] == [("Ішкі портал file_name *", False)]


def test_font_shrinks_for_long_text(fonts: Fonts) -> None:
    short = fit("Жаңалықтар", parse_markdown("Бүгін."), fonts, (800, 500),
                title_max=84, body_max=52, min_size=20)
    long = fit("Жаңалықтар", parse_markdown(" ".join(["Ұжымның жаңа мүшелері."] * 40)), fonts,
               (800, 500), title_max=84, body_max=52, min_size=20)
    assert long.body.size < short.body.size
    assert long.height <= 500 and not long.truncated


def test_word_wider_than_the_box_is_broken_not_overflowing(fonts: Fonts) -> None:
    word = "Қазақстандықтандырылғандарыңыздансыздар" * 2
    ft = fit(word, [], fonts, (200, 400), title_max=84, body_max=52, min_size=20)
    assert ft.title.broken_words
    assert all(p.x + p.width <= 200 for line in ft.title.lines for p in line.pieces)
    assert ft.title.lines[0].pieces[0].text.endswith("-")


def test_too_much_text_is_cut_with_an_ellipsis(fonts: Fonts) -> None:
    ft = fit("Хабарландыру", parse_markdown(" ".join(["Мәтін өте ұзын."] * 400)), fonts,
             (600, 300), title_max=84, body_max=52, min_size=24)
    assert ft.truncated and ft.height <= 300
    assert ft.body.lines[-1].pieces[-1].text.endswith("…")


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(KAZAKH_WORDS), min_size=1, max_size=120),
       title=st.lists(st.sampled_from(KAZAKH_WORDS), min_size=1, max_size=12),
       w=st.integers(120, 1800), h=st.integers(80, 1000))
def test_text_is_never_placed_outside_its_box(fonts: Fonts, words: list[str], title: list[str],
                                              w: int, h: int) -> None:
    surface = pygame.Surface((w + 40, h + 40))
    box = pygame.Rect(20, 20, w, h)
    layout = compute_layout((1920, 1080))
    placed = draw_text_block(surface, layout, box, " ".join(title), " ".join(words), fonts)
    for rect in placed:
        assert box.left <= rect.left and rect.right <= box.right + 2, (rect, box)
        assert box.top <= rect.top and rect.bottom <= box.bottom + 2, (rect, box)


# --- chrome: clock, ticker, date ----------------------------------------------------------

def test_dates_in_both_languages(now: datetime) -> None:
    assert format_date(now, "kk") == "23 қараша, дүйсенбі"
    assert format_date(now, "ru") == "23 ноября, понедельник"


def test_clock_redraw_touches_only_the_clock(make_slide: SlideFactory, fonts: Fonts,
                                            now: datetime) -> None:
    slide = make_slide("kk", "Жаңалықтар", "Бүгін.", url="http://intranet/kk/news/x/")
    size = (960, 540)
    frame = render_static(slide, size, now=now, company="Жаршы", fonts=fonts)
    before = pixels(frame)
    later = now + timedelta(minutes=1)
    rect = draw_clock(frame, compute_layout(size, ticker=False), later, fonts)
    assert rect == clock_rect(compute_layout(size, ticker=False))
    after = pixels(frame)
    changed = (before != after).any(axis=2)
    ys, xs = changed.nonzero()
    assert len(xs), "the minute changed, so the clock must change"
    assert rect.collidepoint(int(xs.min()), int(ys.min()))
    assert rect.collidepoint(int(xs.max()), int(ys.max()))
    fresh = pixels(render_static(slide, size, now=later, company="Жаршы", fonts=fonts))
    assert (fresh == after).all(), "a partial redraw must look like a full one"


def test_ticker_scrolls_at_constant_speed_inside_its_strip(fonts: Fonts) -> None:
    size = (960, 540)
    layout = compute_layout(size, ticker=True)
    ticker = Ticker("Ертең есеп беру кездесуі · Асханада жаңа мәзір", layout, fonts, speed=100)
    surface = pygame.Surface(size)
    surface.fill((1, 2, 3))
    rect = ticker.draw(surface, 1.0)
    assert rect == layout.ticker
    outside = pixels(surface).copy()
    outside[rect.top:rect.bottom] = (1, 2, 3)
    assert (outside == (1, 2, 3)).all(), "the ticker painted outside its strip"
    strip = pixels(surface)[rect.top:rect.bottom]
    ticker.draw(surface, 1.2)
    moved = pixels(surface)[rect.top:rect.bottom]
    step = round(100 * layout.scale * 0.2)
    assert (moved[:, : -step - 1] == strip[:, step: -1]).all(), "text moves left by speed·dt"
    assert ticker.offset(0.5) * 2 == ticker.offset(1.0)
    assert ticker.offset(ticker.period) in (0, 1)


# --- QR -----------------------------------------------------------------------------------

def _read_modules(surface: pygame.Surface, origin: tuple[int, int], module: int,
                  count: int) -> list[list[bool]]:
    x0, y0 = origin
    return [[surface.get_at((x0 + c * module + module // 2, y0 + r * module + module // 2))[:3]
             == QR_DARK for c in range(count)] for r in range(count)]


def test_qr_surface_carries_the_url_modules() -> None:
    url = "http://intranet.example.kz/kk/news/2026-11-20-spartakiada/"
    surf = qr_surface(url, 300)
    n = len(segno.make(url, error="m").matrix)
    module = surf.get_width() // (n + 4)
    assert surf.get_width() == (n + 4) * module and module >= 2
    expected = [[bool(v) for v in row] for row in qr_matrix(url)]
    assert _read_modules(surf, (2 * module, 2 * module), module, n) == expected
    assert surf.get_at((0, 0))[:3] == QR_LIGHT  # quiet zone


def test_slide_shows_the_qr_of_its_own_language(make_slide: SlideFactory, fonts: Fonts,
                                               now: datetime) -> None:
    size = (1920, 1080)
    for lang in ("kk", "ru"):
        url = f"http://intranet.example.kz/{lang}/news/x/"
        slide = make_slide(lang, "Жаңалықтар", "Бүгін.", url=url)
        surf = render_static(slide, size, now=now, company="", fonts=fonts)
        _, areas = slide_layout(slide, size)
        assert areas.qr is not None
        matrix = qr_matrix(url)
        code = qr_surface(url, areas.qr.width - 2 * compute_layout(size).px(12))
        module = code.get_width() // (len(matrix) + 4)
        left = areas.qr.centerx - code.get_width() // 2 + 2 * module
        top = areas.qr.centery - code.get_height() // 2 + 2 * module
        got = _read_modules(surf, (left, top), module, len(matrix))
        assert got == [[bool(v) for v in row] for row in matrix], lang


def test_no_url_means_no_qr(make_slide: SlideFactory) -> None:
    _, areas = slide_layout(make_slide("kk", "Жаңалықтар"), (1920, 1080))
    assert areas.qr is None


# --- images and errors --------------------------------------------------------------------

def test_unreadable_image_is_a_one_line_render_error(make_slide: SlideFactory, fonts: Fonts,
                                                    now: datetime, tmp_path: object) -> None:
    from pathlib import Path

    from signage.bundle import Media
    root = Path(str(tmp_path))
    (root / "media").mkdir()
    (root / "media" / "bad.png").write_bytes(b"not a png")
    (root / "media" / "empty.png").write_bytes(b"")
    for name in ("bad.png", "empty.png", "missing.png"):
        slide = make_slide("kk", "Сурет", image=Media(f"media/{name}", 0, "0" * 64, "image/png"))
        with pytest.raises(RenderError, match=name) as err:
            render_static(slide, (480, 270), now=now, company="", fonts=fonts, media_dir=root)
        assert "\n" not in str(err.value)
    with pytest.raises(RenderError):
        load_image(root / "media" / "bad.png")


def test_import_does_not_initialise_pygame() -> None:
    code = ("import pygame, signage.render; "
            "assert not pygame.font.get_init() and not pygame.display.get_init(), 'initialised'")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_kazakh_letters_table_is_complete() -> None:
    assert set(KAZAKH_LETTERS) == set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def test_doctor_font_line_names_files_and_letters(tmp_path: object) -> None:
    good = check_fonts()
    assert good.ok and str(good.files[0]) in good.line() and "қ" in good.line()
    from pathlib import Path
    fake = Path(str(tmp_path)) / "Latin.ttf"
    fake.write_bytes(b"\0" * 64)  # not a font at all: reported, not raised
    bad = check_fonts([FontFamily("Broken", fake, fake)])
    assert not bad.ok and "Latin.ttf" in bad.line() and bad.line().startswith("fonts: ")


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotation_matches_the_players_dirty_rect_mapping(rotation: int, fonts: Fonts,
                                                         now: datetime) -> None:
    """The clock region of the turned frame is where ``transitions.map_rect`` says it is, so
    a partial clock update on a side-mounted monitor lands on the clock."""
    from signage.transitions import logical_size, map_rect

    display = (640, 360)
    logical = logical_size(display, rotation)
    layout = compute_layout(logical, ticker=False)
    frame = pygame.Surface(logical)
    frame.fill((0, 0, 0))
    rect = draw_clock(frame, layout, now, fonts)
    out = rotate_output(frame, rotation)
    assert out.get_size() == display
    target = map_rect(rect, logical, rotation)
    region = pixels(out)[target.top:target.bottom, target.left:target.right]
    expected = pixels(rotate_output(frame.subsurface(rect).copy(), rotation))
    assert (region == expected).all()


def test_4k_is_the_same_design_as_full_hd(make_slide: SlideFactory, fonts: Fonts,
                                          now: datetime) -> None:
    """Layouts are designed once: a 3840x2160 slide halved looks like the 1920x1080 one."""
    from tests.golden.compare import difference

    slide = make_slide("kk", "Жыл сайынғы спартакиада", "Биыл **12 команда** қатысты.",
                       url="http://intranet.example.kz/kk/news/x/")
    hd = render_static(slide, (1920, 1080), now=now, company="Жаршы", fonts=fonts)
    uhd = render_static(slide, (3840, 2160), now=now, company="Жаршы", fonts=fonts)
    halved = pygame.transform.smoothscale(uhd, (1920, 1080))
    diff = difference(pixels(hd), pixels(halved))
    assert diff.mean < 2.5 and diff.share < 0.015, diff  # no QR code alone: 3.6 and 1.6 %
