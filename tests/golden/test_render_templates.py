"""Golden images of every screen template (14E): each kind of slide in kk and ru, landscape
and portrait, at a quarter of 1920x1080 / 1080x1920 (small canvases, the same design).

One reference per template × orientation × language: announcement, event, urgent,
congratulation, picture only, video, table (report or action plan). Every slide carries a
section label, as the bundle gives it (``langs.<lang>.section``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pygame
import pytest

from signage.bundle import Media
from signage.render import Fonts, render_slide
from signage.render.templates import TEMPLATES, template_of
from signage.schedule import Slide
from tests.golden.compare import assert_matches_golden
from tests.golden.test_render_table import table

SlideFactory = Callable[..., Slide]

LANDSCAPE = (480, 270)
PORTRAIT = (270, 480)
COMPANY = {"kk": "«Жарық Энерго» компаниялар тобы", "ru": "Группа компаний «Жарык Энерго»"}
URL = "http://intranet.example.kz/{lang}/x/"

SECTION = {
    "announcements": {"kk": "Хабарландырулар", "ru": "Объявления"},
    "news": {"kk": "Жаңалықтар", "ru": "Новости"},
    "congratulations": {"kk": "Құттықтаулар", "ru": "Поздравления"},
    "sports-culture": {"kk": "Спорт, мәдениет және демалыс", "ru": "Спорт, культура и досуг"},
}

# Per template: section, kk (title, text), ru (title, text), extra slide fields.
CASES: dict[str, tuple[str, tuple[str, str], tuple[str, str], dict[str, Any]]] = {
    "announcement": (
        "announcements",
        ("Асхана жаңа мәзірмен жұмыс істейді",
         "Дүйсенбіден бастап түскі ас **12:00-ден 15:00-ге дейін**. Жаңа тағамдар:\n\n"
         "- қуырдақ пен палау\n- көкөніс салаттары\n\nАс болсын!"),
        ("Столовая работает по новому меню",
         "С понедельника обед **с 12:00 до 15:00**. Новые блюда:\n\n"
         "- куырдак и плов\n- овощные салаты\n\nПриятного аппетита!"),
        {}),
    "event": (
        "news",
        ("Есеп беру кездесуі",
         "Басшылық жарты жылдың қорытындысын айтып, сұрақтарға жауап береді."),
        ("Отчётная встреча", "Руководство подведёт итоги полугодия и ответит на вопросы."),
        {"kind": "event", "place": {"kk": "Мәжіліс залы, 3-қабат", "ru": "Актовый зал, 3 этаж"}}),
    "urgent": (
        "announcements",
        ("Бүгін 14:00-ден 18:00-ге дейін су болмайды",
         "Бас ғимаратта құбыр жөнделеді. Ыдысқа су алып қойыңыз."),
        ("Сегодня с 14:00 до 18:00 не будет воды",
         "В главном здании ремонт трубы. Наберите воду заранее."),
        {"priority": "urgent"}),
    "congratulation": (
        "congratulations",
        ("Айгүл Сейітоваға 30 жыл еңбек өтілімен!",
         "Ұжым атынан шын жүректен құттықтаймыз: денсаулық, бақыт, табыс тілейміз!"),
        ("Поздравляем Айгуль Сеитову с 30-летием работы!",
         "От всего коллектива желаем здоровья, счастья и успехов!"),
        {}),
    "picture": (
        "sports-culture",
        ("Спартакиада жеңімпаздары", ""),
        ("Победители спартакиады", ""),
        {"image": "pic"}),
    "video": (
        "news",
        ("Жаңа подстанция іске қосылды", "Құрылысшылар жоба туралы айтады."),
        ("Запущена новая подстанция", "Строители рассказывают о проекте."),
        {"video": Media("media/v.mp4", 0, "0" * 64, "video/mp4")}),
    "table": (
        "news",
        ("Іс-шаралар жоспары: орындалуы", ""),
        ("План мероприятий: исполнение", ""),
        {"table": "plan"}),
}


def _picture(path: Path) -> None:
    img = pygame.Surface((400, 300))
    img.fill((70, 140, 200))
    pygame.draw.rect(img, (40, 110, 60), (0, 200, 400, 100))
    pygame.draw.circle(img, (250, 210, 80), (300, 80), 45)
    pygame.draw.rect(img, (200, 40, 40), img.get_rect(), 8)
    pygame.image.save(img, str(path))


def template_slide(make_slide: SlideFactory, kind: str, lang: str, now: datetime,
                   tmp_path: Path) -> Slide:
    section, kk, ru, extra = CASES[kind]
    title, text = kk if lang == "kk" else ru
    fields: dict[str, Any] = {"section": section, "section_label": SECTION[section][lang],
                              "url": URL.format(lang=lang)}
    for key, value in extra.items():
        if key == "place":
            fields["place"] = value[lang]
        elif key == "image":
            (tmp_path / "media").mkdir(exist_ok=True)
            _picture(tmp_path / "media" / "pic.png")
            fields["image"] = Media("media/pic.png", 0, "0" * 64, "image/png")
        elif key == "table":
            fields["table"] = table(lang)
        else:
            fields[key] = value
    if kind == "event":
        fields["event_starts"] = now.replace(day=28, hour=10, minute=0)
    return make_slide(lang, title, text or title, **fields)


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
@pytest.mark.parametrize("kind", list(CASES))
def test_template_golden(kind: str, size: tuple[int, int], lang: str, make_slide: SlideFactory,
                         fonts: Fonts, now: datetime, tmp_path: Path) -> None:
    slide = template_slide(make_slide, kind, lang, now, tmp_path)
    assert template_of(slide) == kind
    surf = render_slide(slide, size, now=now, company=COMPANY[lang], fonts=fonts,
                        media_dir=tmp_path, progress=0.3)
    name = "landscape" if size == LANDSCAPE else "portrait"
    assert_matches_golden(f"tpl_{kind}_{name}_{lang}", surf)


def test_every_template_has_a_case() -> None:
    assert set(CASES) == set(TEMPLATES)
