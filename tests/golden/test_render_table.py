"""A meeting's action plan as a table slide: readable in Kazakh and Russian, overdue rows
marked by the day it is shown, every row inside the screen (asserted on real pixels)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pygame
import pytest

from signage.bundle import Table, TableRow
from signage.render import Fonts, compute_layout, render_static
from signage.render.layout import URGENT
from signage.render.table import OVERDUE_TINT, draw_table, fit_table
from signage.schedule import Slide
from signage.timezones import load_zone

SlideFactory = Callable[..., Slide]
Z = load_zone("Asia/Almaty")

ROWS = {
    "kk": (("Тұрмыстық корпустағы асхананы жаңарту", "Әкімшілік-шаруашылық бөлімі",
            "Орындалды"),
           ("Жөндеу цехында жаңа сорып-шығару желдеткішін орнату", "Бас механик",
            "Орындалуда"),
           ("Ауысымдық автобус бағытын «Шығыс» шағын ауданына дейін ұзарту", "Көлік цехы",
            "Жоспарланған")),
    "ru": (("Обновить столовую в бытовом корпусе", "Административно-хозяйственный отдел",
            "Выполнено"),
           ("Установить новую вытяжную вентиляцию в ремонтном цехе", "Главный механик",
            "В работе"),
           ("Продлить маршрут вахтового автобуса до микрорайона «Шыгыс»", "Транспортный цех",
            "Запланировано")),
}
DUE = (date(2026, 9, 30), date(2026, 10, 31), date(2026, 12, 31))
HEAD = {"kk": ("№", "Тапсырма", "Жауапты", "Мерзімі", "Күйі"),
        "ru": ("№", "Задача", "Ответственный", "Срок", "Статус")}
MARK = {"kk": "Мерзімі өтті", "ru": "Срок истёк"}


def table(lang: str) -> Table:
    rows = tuple(TableRow((str(n), task, who, due.strftime("%d.%m.%Y"), status), due,
                          status in ("Орындалды", "Выполнено"))
                 for n, ((task, who, status), due) in enumerate(zip(ROWS[lang], DUE,
                                                                     strict=True), start=1))
    return Table(HEAD[lang], rows, MARK[lang])


def tinted(surface: pygame.Surface, rect: pygame.Rect) -> bool:
    """The row's background (a pixel just inside its right edge) is the overdue tint."""
    return tuple(surface.get_at((rect.right - 3, rect.centery)))[:3] == OVERDUE_TINT


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (640, 360)])
def test_every_row_fits_and_only_the_overdue_row_is_marked(
        fonts: Fonts, lang: str, size: tuple[int, int]) -> None:
    layout = compute_layout(size, ticker=False)
    box = layout.content.copy()
    surface = pygame.Surface(size)
    placed = draw_table(surface, layout, box, table(lang), date(2026, 11, 23), fonts)
    assert len(placed) == 4  # the header and every row: nothing is left out
    assert all(box.contains(r) for r in placed)
    assert [tinted(surface, r) for r in placed[1:]] == [False, True, False]
    stripe = surface.get_at((placed[2].left + 1, placed[2].centery))
    assert tuple(stripe)[:3] == URGENT


def test_overdue_follows_the_day_shown_not_the_day_built(fonts: Fonts) -> None:
    size = (1920, 1080)
    layout = compute_layout(size, ticker=False)
    surface = pygame.Surface(size)
    before = draw_table(surface, layout, layout.content, table("kk"), date(2026, 10, 31), fonts)
    assert not any(tinted(surface, r) for r in before[1:])
    surface = pygame.Surface(size)
    after = draw_table(surface, layout, layout.content, table("kk"), date(2026, 11, 1), fonts)
    assert [tinted(surface, r) for r in after[1:]] == [False, True, False]


def test_whole_words_when_the_box_allows(fonts: Fonts) -> None:
    layout = compute_layout((1920, 1080), ticker=False)
    laid = fit_table(table("ru"), date(2026, 11, 23), fonts, layout.content, layout)
    assert not laid.broken and laid.shown == 3
    assert laid.size >= layout.px(22)


def test_too_many_rows_end_with_a_count_of_the_rest(fonts: Fonts) -> None:
    layout = compute_layout((640, 360), ticker=False)
    many = Table(HEAD["kk"], tuple(TableRow((str(n), "Тапсырма " * 6, "Жауапты", "01.01.2027",
                                            "Жоспарланған"), date(2027, 1, 1))
                                   for n in range(1, 40)), MARK["kk"])
    laid = fit_table(many, date(2026, 11, 23), fonts, layout.content, layout)
    assert 0 < laid.shown < 39


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_table_slide_shows_title_and_table(make_slide: SlideFactory, fonts: Fonts,
                                             lang: str) -> None:
    slide = make_slide(lang=lang, title="Іс-шаралар жоспары" if lang == "kk" else
                       "План мероприятий", table=table(lang), url="http://intranet/kk/x/")
    now = datetime(2026, 11, 23, 9, 5, tzinfo=Z)
    surface = render_static(slide, (1920, 1080), now=now, company="Компания", fonts=fonts)
    # The overdue row's tint is on screen, somewhere in the content area.
    layout = compute_layout((1920, 1080), ticker=False)
    c = layout.content
    found = any(tuple(surface.get_at((x, y)))[:3] == OVERDUE_TINT
                for x in range(c.left, c.right, 16) for y in range(c.top, c.bottom, 8))
    assert found
