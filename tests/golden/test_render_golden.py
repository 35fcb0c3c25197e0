"""Golden images of slides: kk and ru, landscape and portrait, long words, images, fallback.

Rendered at a quarter of 1920x1080 / 1080x1920 (the layout scales, so this is the same
design, just small) with Noto Sans by path and the clock pinned to 09:05 on 23.11.2026.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pygame
import pytest

from signage.bundle import Media
from signage.render import Fonts, render_fallback, render_slide, rotate_output
from signage.render.layout import BACKGROUND, HEADER
from signage.schedule import Slide
from tests.golden.compare import assert_matches_golden, pixels

SlideFactory = Callable[..., Slide]  # the make_slide fixture (conftest.py)

LANDSCAPE = (480, 270)
PORTRAIT = (270, 480)
COMPANY = {"kk": "«Жаршы Энерго» АҚ", "ru": "АО «Жаршы Энерго»"}
TICKER = {"kk": "Ертең 10:00-де есеп беру кездесуі · Асханада жаңа мәзір",
          "ru": "Завтра в 10:00 отчётная встреча · В столовой новое меню"}
SPARTAKIADA = {
    "kk": ("Спартакиада: қорытынды",
           "Биыл **12 команда** қатысты. Жеңімпаздар:\n\n- Өндіріс бөлімі\n"
           "- Қаржы және *есеп* бөлімі\n\nҚұттықтаймыз!"),
    "ru": ("Спартакиада: итоги",
           "В этом году участвовали **12 команд**. Победители:\n\n- Производственный отдел\n"
           "- Отдел *финансов* и учёта\n\nПоздравляем!"),
}
URL = "http://intranet.example.kz/{lang}/news/2026-11-20-spartakiada/"


def media(path: str, mime: str = "image/png") -> Media:
    return Media(path=path, size=0, sha256="0" * 64, type=mime)


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_text_slide(lang: str, size: tuple[int, int], make_slide: SlideFactory, fonts: Fonts,
                    now: datetime) -> None:
    title, text = SPARTAKIADA[lang]
    slide = make_slide(lang, title, text, url=URL.format(lang=lang))
    surf = render_slide(slide, size, now=now, company=COMPANY[lang], ticker=TICKER[lang],
                        progress=0.4, fonts=fonts)
    name = "landscape" if size == LANDSCAPE else "portrait"
    assert_matches_golden(f"{lang}_{name}", surf)


def test_urgent_event_slide(make_slide: SlideFactory, fonts: Fonts, now: datetime) -> None:
    starts = now.replace(day=28, hour=10, minute=0)
    slide = make_slide("kk", "Есеп беру кездесуі", "Сұрақтарыңызды 14 қарашаға дейін жіберіңіз.",
                       priority="urgent", kind="event", event_starts=starts,
                       place="Мәжіліс залы, 3-қабат", url=URL.format(lang="kk"))
    surf = render_slide(slide, LANDSCAPE, now=now, company=COMPANY["kk"], fonts=fonts)
    assert_matches_golden("kk_urgent_event", surf)


LONG_WORD = "Қазақстандықтандырылғандарыңыздансыздар"  # one word, wider than a portrait slide


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_long_kazakh_word(size: tuple[int, int], make_slide: SlideFactory, fonts: Fonts,
                          now: datetime) -> None:
    slide = make_slide("kk", f"{LONG_WORD} {LONG_WORD}",
                       f"Ұзын сөз: {LONG_WORD}. " * 6)
    surf = render_slide(slide, size, now=now, company=COMPANY["kk"], fonts=fonts)
    name = "landscape" if size == LANDSCAPE else "portrait"
    assert_matches_golden(f"kk_long_word_{name}", surf)


def _test_picture(path: Path) -> None:
    """A 400x300 picture whose edges are easy to see: frame, diagonal, a sun."""
    img = pygame.Surface((400, 300))
    img.fill((70, 140, 200))
    pygame.draw.rect(img, (40, 110, 60), (0, 200, 400, 100))
    pygame.draw.circle(img, (250, 210, 80), (300, 80), 45)
    pygame.draw.line(img, (255, 255, 255), (0, 299), (399, 0), 6)
    pygame.draw.rect(img, (200, 40, 40), img.get_rect(), 8)
    pygame.image.save(img, str(path))


@pytest.mark.parametrize(("size", "mode"), [(LANDSCAPE, "contain"), (PORTRAIT, "cover")])
def test_image_slide(size: tuple[int, int], mode: str, make_slide: SlideFactory, fonts: Fonts,
                     now: datetime, tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    _test_picture(tmp_path / "media" / "sun.png")
    slide = make_slide("ru", "Новая столовая открыта", "С понедельника — **горячие обеды**.",
                       image=media("media/sun.png"), url=URL.format(lang="ru"))
    surf = render_slide(slide, size, now=now, company=COMPANY["ru"], fonts=fonts,
                        media_dir=tmp_path, fit_mode="cover" if mode == "cover" else "contain")
    assert_matches_golden(f"ru_image_{mode}", surf)


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_fallback(size: tuple[int, int], fonts: Fonts, now: datetime) -> None:
    surf = render_fallback(size, now=now, company_kk=COMPANY["kk"], company_ru=COMPANY["ru"],
                           fonts=fonts)
    name = "landscape" if size == LANDSCAPE else "portrait"
    assert_matches_golden(f"fallback_{name}", surf)


def test_dim_fallback_is_dark(fonts: Fonts, now: datetime) -> None:
    night = now.replace(hour=23, minute=40)
    surf = render_fallback(LANDSCAPE, now=night, company_kk=COMPANY["kk"],
                           company_ru=COMPANY["ru"], dim=True, fonts=fonts)
    assert_matches_golden("fallback_dim", surf)
    px = pixels(surf)
    assert px.max() < 90, "the night slide must stay dim"
    assert px.mean() < 12
    assert (px.max(axis=2) > 30).any(), "the night slide still shows the clock"


def test_rotated_output(make_slide: SlideFactory, fonts: Fonts, now: datetime) -> None:
    """A portrait layout on a landscape panel mounted on its side, turned clockwise."""
    title, text = SPARTAKIADA["kk"]
    slide = make_slide("kk", title, text, url=URL.format(lang="kk"))
    logical = render_slide(slide, PORTRAIT, now=now, company=COMPANY["kk"], fonts=fonts)
    out = rotate_output(logical, 90)
    assert out.get_size() == LANDSCAPE
    assert_matches_golden("kk_rotated_90", out)
    # The header (top of the picture) is now the right-hand edge; the background is left.
    assert out.get_at((LANDSCAPE[0] - 2, LANDSCAPE[1] // 2))[:3] == HEADER
    assert out.get_at((2, LANDSCAPE[1] // 2))[:3] == BACKGROUND
    back = rotate_output(rotate_output(out, 180), 90)
    assert pygame.image.tobytes(back, "RGB") == pygame.image.tobytes(logical, "RGB")
    assert rotate_output(logical, 0) is logical
    with pytest.raises(ValueError, match="rotation must be"):
        rotate_output(logical, 45)


# A long Kazakh word in the title (breaks after a syllable, with a hyphen, at full size) and
# dates whose numbers stay with their months (14D TEXT; see docs/screens.md).
HYPHEN_TITLE = {"portrait": "Жаңартылған қауіпсіздік нұсқаулықтарымыздың талаптары",
                "landscape": f"Жаңа нұсқаулық: {LONG_WORD}"}
DATE_TEXT = ("Нұсқаулықты оқып шығып, қол қоюды сұраймыз: мерзімі 10 желтоқсанға дейін, "
             "сынақ 12 желтоқсанда 18:00-ге дейін, № 3 бөлмеде. Жауапты: А. Сейітова.")


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_kazakh_hyphenation_and_dates(size: tuple[int, int], make_slide: SlideFactory,
                                      fonts: Fonts, now: datetime) -> None:
    name = "landscape" if size == LANDSCAPE else "portrait"
    slide = make_slide("kk", HYPHEN_TITLE[name], DATE_TEXT)
    surf = render_slide(slide, size, now=now, company=COMPANY["kk"], fonts=fonts)
    assert_matches_golden(f"kk_hyphen_dates_{name}", surf)
