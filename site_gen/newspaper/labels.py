"""Interface words of the newspaper, the feeds, the home blocks and the event pages.

The words this feature adds, Kazakh and Russian (from shared/GLOSSARY.md where it has
them); the shared ones (section names, «№ 12 шығарылым», archive, author) are read from
the staging's table ``site_gen.stage.strings`` so there is one copy of each.
Dates, months, weekdays and units come from CLDR through Babel, never from here.
The templates under ``themes/partials/jarshy-newspaper/`` get these through
:func:`labels` so a template never carries a language of its own.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date, datetime
from typing import Final

from babel.dates import format_date, format_time
from babel.units import format_unit

from ..content.model import Lang
from ..stage import strings

# Keys the templates use; every key exists in both languages (a unit test checks it).
STRINGS: Final[Mapping[Lang, Mapping[str, str]]] = {
    "kk": {
        "current_issue": "Ағымдағы шығарылым",
        "lead": "Басты тақырып",
        "editor_note": "Редактордан",
        "section": "Айдар",
        "reading_time": "Оқу уақыты",
        "previous": "Алдыңғы мақала",
        "next": "Келесі мақала",
        "in_this_issue": "Осы шығарылымда",
        "all_issues": "Барлық шығарылымдар",
        "print": "Басып шығару",
        "no_articles": "Бұл айдарда әзірге мақала жоқ.",
        "year": "{y} жыл",
        "articles": "Мақалалар: {n}",
        "feed": "Жаңалықтар арнасы",
        "feed_title": "{company}: жаңалықтар мен корпоративтік газет",
        "home_news": "Соңғы жаңалықтар",
        "home_screens": "Бүгін экрандарда",
        "home_events": "Алдағы іс-шаралар",
        "home_issue": "Корпоративтік газеттің жаңа саны",
        "nothing_today": "Бүгін экрандарда хабарландыру жоқ.",
        "no_events": "Алдағы іс-шаралар жоқ.",
        "when_where": "Күні, уақыты, орны",
        "date": "Күні",
        "time": "Уақыты",
        "place": "Орны",
        "audience": "Кімге арналған",
        "report_meeting": "Есеп беру кездесуі",
        "countdown": "Кездесуге дейін",
        "countdown_today": "Кездесу бүгін",
        "countdown_past": "Кездесу өтті",
        "questions_until": "Сұрақтарды жіберудің соңғы күні",
        "questions_closed": "Сұрақтарды қабылдау аяқталды",
        "write_question": "Хат жазу",
        "report": "Есеп",
        "report_file": "Есепті жүктеу",
        "action_plan": "Іс-шаралар жоспары",
        "task": "Тапсырма",
        "responsible": "Жауапты",
        "due": "Мерзімі",
        "status": "Күйі",
        "planned": "Жоспарланған",
        "in-progress": "Орындалуда",
        "done": "Орындалды",
        "overdue": "Мерзімі өтті",
        "more": "Толығырақ",
        "urgent": "Шұғыл",
        "related": "Тақырыпқа қатысты материалдар",
        # Section pages' pager (site_gen/newspaper/sections.py).
        "pages": "Беттер",
        "page_prev": "Алдыңғы бет",
        "page_next": "Келесі бет",
        "page_n": "{n}-бет",
        "page_title": "{n}-бет",
        "page_of": "{m} беттің {n}-беті",
    },
    "ru": {
        "current_issue": "Текущий выпуск",
        "lead": "Главная тема",
        "editor_note": "От редактора",
        "section": "Рубрика",
        "reading_time": "Время чтения",
        "previous": "Предыдущая статья",
        "next": "Следующая статья",
        "in_this_issue": "В этом выпуске",
        "all_issues": "Все выпуски",
        "print": "Печать",
        "no_articles": "В этой рубрике пока нет статей.",
        "year": "{y} год",
        "articles": "Статей: {n}",
        "feed": "Лента новостей",
        "feed_title": "{company}: новости и корпоративная газета",
        "home_news": "Последние новости",
        "home_screens": "Сегодня на экранах",
        "home_events": "Ближайшие мероприятия",
        "home_issue": "Свежий номер корпоративной газеты",
        "nothing_today": "Сегодня на экранах объявлений нет.",
        "no_events": "Ближайших мероприятий нет.",
        "when_where": "Дата, время, место",
        "date": "Дата",
        "time": "Время",
        "place": "Место",
        "audience": "Для кого",
        "report_meeting": "Отчётная встреча",
        "countdown": "До встречи",
        "countdown_today": "Встреча сегодня",
        "countdown_past": "Встреча состоялась",
        "questions_until": "Последний день приёма вопросов",
        "questions_closed": "Приём вопросов завершён",
        "write_question": "Написать письмо",
        "report": "Отчёт",
        "report_file": "Скачать отчёт",
        "action_plan": "План мероприятий",
        "task": "Задача",
        "responsible": "Ответственный",
        "due": "Срок",
        "status": "Статус",
        "planned": "Запланировано",
        "in-progress": "В работе",
        "done": "Выполнено",
        "overdue": "Срок истёк",
        "more": "Подробнее",
        "urgent": "Срочно",
        "related": "Материалы по теме",
        "pages": "Страницы",
        "page_prev": "Предыдущая страница",
        "page_next": "Следующая страница",
        "page_n": "Страница {n}",
        "page_title": "страница {n}",
        "page_of": "Страница {n} из {m}",
    },
}


def labels(lang: Lang) -> Mapping[str, str]:
    return STRINGS[lang]


def section_name(section: str, lang: Lang) -> str:
    """The section's name from the staging's string table (one copy of those words)."""
    return strings.t(lang, f"section.{section}")


def issue_title(number: int, lang: Lang) -> str:
    """«№ 12 шығарылым» / «Выпуск № 12» (GLOSSARY.md, via the staging's table)."""
    return strings.t(lang, "issue_no", number=number)


def word(key: str, lang: Lang) -> str:
    """A word of ours, or else one of the staging's shared words (newspaper, archive...)."""
    own = STRINGS[lang].get(key)
    return own if own is not None else strings.t(lang, key)


@functools.lru_cache(maxsize=4096)  # Babel per call: thousands of cards share a few hundred values
def long_date(day: date, lang: Lang) -> str:
    """``2026 ж. 20 қараша`` / ``20 ноября 2026 г.`` (CLDR through Babel)."""
    return str(format_date(day, "long", locale=lang))


@functools.lru_cache(maxsize=4096)  # Babel per call: thousands of cards share a few hundred values
def full_date(day: date, lang: Lang) -> str:
    """With the weekday: ``2026 ж. 18 желтоқсан, жұма`` / ``пятница, 18 декабря 2026 г.``."""
    return str(format_date(day, "full", locale=lang))


@functools.lru_cache(maxsize=4096)  # Babel per call: thousands of cards share a few hundred values
def short_time(moment: datetime, lang: Lang) -> str:
    return str(format_time(moment, "short", locale=lang))


@functools.lru_cache(maxsize=4096)  # Babel per call: thousands of cards share a few hundred values
def minutes(n: int, lang: Lang) -> str:
    """``5 мин`` in the reader's language (CLDR unit pattern)."""
    return str(format_unit(n, "duration-minute", length="short", locale=lang))


def days_left(n: int, lang: Lang) -> str:
    """``12 күн қалды`` / ``осталось 12 дней`` (plural forms from CLDR)."""
    if lang == "ru":
        return f"{_ru_left(n)} {format_unit(n, 'duration-day', length='long', locale='ru')}"
    return f"{n} күн қалды"  # Kazakh keeps the noun singular after a number


def _ru_left(n: int) -> str:
    # "осталась 1 день" is wrong; Russian agrees the verb with the number: 1, 21 → "остался".
    return "остался" if n % 10 == 1 and n % 100 != 11 else "осталось"
