"""A meeting's action plan as a table slide on the dummy display: it plays in both
languages, and a row becomes overdue at midnight with no new bundle (the player decides it
from the day it shows the slide)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pygame

from signage.render import Fonts
from signage.render.table import OVERDUE_TINT

from .helpers import Hooks, item, make_player, plays, screen, write_bundle


def table(lang: str) -> dict[str, object]:
    words = {"kk": (("№", "Тапсырма", "Жауапты", "Мерзімі", "Күйі"), "Мерзімі өтті",
                    "Желдеткіш орнату", "Орындалуда"),
             "ru": (("№", "Задача", "Ответственный", "Срок", "Статус"), "Срок истёк",
                    "Установить вентиляцию", "В работе")}[lang]
    return {"columns": list(words[0]), "overdue": words[1], "rows": [
        {"cells": ["1", words[2], "Бас механик", "31.10.2026", words[3]],
         "due": "2026-10-31", "done": False}]}


def has_tint(surface: pygame.Surface) -> bool:
    w, h = surface.get_size()
    return any(tuple(surface.get_at((x, y)))[:3] == OVERDUE_TINT
               for x in range(0, w, 4) for y in range(0, h, 4))


def test_a_table_slide_plays_and_marks_its_row_overdue_after_midnight(
        tmp_path: Path, cache: Path, fonts: Fonts, display: Callable[..., pygame.Surface],
        at: Callable[..., datetime]) -> None:
    plan = item("announcements/meeting#results", duration=20, start="2026-10-01")
    langs = plan["langs"]
    assert isinstance(langs, dict)
    for lang in ("kk", "ru"):
        langs[lang]["table"] = table(lang)
    folder = tmp_path / "bundle"
    bundle = write_bundle(folder, [plan], screens=[screen(on_hours=["00:00-24:00"])])
    seen: dict[str, bool] = {}

    def look(name: str) -> Callable[[], None]:
        def sample() -> None:
            surface = pygame.display.get_surface()
            assert surface is not None
            seen[name] = has_tint(surface)
        return sample

    hooks = Hooks(actions=[(at(23, 58, day=31, month=10), look("before")),
                           (at(0, 2, day=1, month=11), look("after"))])
    player = make_player(display((480, 270)), fonts, cache, bundle, folder,
                         at(23, 50, day=31, month=10), hooks=hooks, duration=20 * 60.0)
    assert player.run() == 0
    assert seen == {"before": False, "after": True}
    langs = [r.lang for r in plays(cache) if r.item == "announcements/meeting#results"]
    assert "kk" in langs and "ru" in langs
