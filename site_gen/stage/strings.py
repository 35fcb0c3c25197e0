"""Jarshy's own interface strings, one table per language (words from GLOSSARY.md).

Material's strings live in ``themes/partials/languages/kk.html`` (and the theme's ``ru``);
these are the words our staging and our templates add. Templates read them from
``config.extra.jarshy.t`` (the staged ``mkdocs.yml`` carries the table of its language).
Dates and month names come from CLDR through Babel, never from a table here.
"""

from __future__ import annotations

import functools
from datetime import date, datetime

from babel.dates import format_date as _babel_date

from ..content.model import Lang

STRINGS: dict[str, dict[str, str]] = {
    "kk": {
        "language_name": "Қазақ тілі (ҚАЗ)",
        "language_short": "ҚАЗ",
        "home": "Басты бет",
        "newspaper": "Корпоративтік газет",
        "issue_no": "№ {number} шығарылым",
        "archive": "Мұрағат",
        "search": "Іздеу",
        "sections": "Бөлімдер",
        "intranet": "Ішкі портал",
        "read_other": "Орыс тілінде оқу",
        "translation_missing": "Бұл материалдың аудармасы әлі жоқ",
        "translation_missing_text": "Бұл материал әзірге тек орыс тілінде бар.",
        "read_original": "Түпнұсқаны орыс тілінде оқу",
        "published": "Жарияланды",
        "updated": "Жаңартылды",
        "author": "Авторы",
        "latest": "Соңғы материалдар",
        "nothing_yet": "Бұл бөлімде әзірге материал жоқ.",
        "choose_language": "Тілді таңдаңыз",
        "section.news": "Жаңалықтар",
        "section.announcements": "Хабарландырулар",
        "section.interviews": "Сұхбаттар",
        "section.analytics": "Талдамалық мақалалар",
        "section.innovations": "Инновациялар",
        "section.master-classes": "Шеберлік сыныптары",
        "section.success-stories": "Жетістік тарихы",
        "section.new-staff": "Ұжымның жаңа мүшелері",
        "section.sports-culture": "Спорт, мәдениет және демалыс",
        "section.congratulations": "Құттықтаулар",
        "section.other": "Басқа материалдар",
        "section.orders": "Бұйрықтар мен өкімдер",
        "section.page": "Беттер",
        # The tooltip of the ¶ link after each heading (the toc extension's permalink_title).
        "permalink": "Тұрақты сілтеме",
        # The page for an address that does not exist (themes/404.html).
        "not_found": "404 — бет табылмады",
        "not_found_text": "Бұл мекенжай бойынша бет жоқ: ол жойылған не басқа жерге "
                          "көшірілген болуы мүмкін, әлде мекенжай қате терілген.",
        "not_found_home": "Басты бетке өту",
        "not_found_search": "Қажетті материалды жоғарыдағы іздеу арқылы табуға болады.",
        # The portal home (site_gen/newspaper/home.py): countdowns count from the build's date.
        "home_in_days": "{n} күннен кейін",
        "home_tomorrow": "ертең",
        "home_today": "бүгін",
        "home_now": "қазір өтіп жатыр",
        "home_as_of": "Есептеу күні: {date}",
        "home_screens_all": "Экрандардағы барлық слайдтар",
    },
    "ru": {
        "language_name": "Русский язык (РУС)",
        "language_short": "РУС",
        "home": "Главная",
        "newspaper": "Корпоративная газета",
        "issue_no": "Выпуск № {number}",
        "archive": "Архив",
        "search": "Поиск",
        "sections": "Разделы",
        "intranet": "Внутренний портал",
        "read_other": "Читать на казахском",
        "translation_missing": "Перевод этого материала пока не готов",
        "translation_missing_text": "Этот материал пока есть только на казахском языке.",
        "read_original": "Читать оригинал на казахском",
        "published": "Опубликовано",
        "updated": "Обновлено",
        "author": "Автор",
        "latest": "Последние материалы",
        "nothing_yet": "В этом разделе пока нет материалов.",
        "choose_language": "Выберите язык",
        "section.news": "Новости",
        "section.announcements": "Объявления",
        "section.interviews": "Интервью",
        "section.analytics": "Аналитика",
        "section.innovations": "Инновации",
        "section.master-classes": "Мастер-классы",
        "section.success-stories": "Истории успеха",
        "section.new-staff": "Новые сотрудники",
        "section.sports-culture": "Спорт, культура и досуг",
        "section.congratulations": "Поздравления",
        "section.other": "Другие материалы",
        "section.orders": "Приказы и распоряжения",
        "section.page": "Страницы",
        "permalink": "Постоянная ссылка",
        "not_found": "404 — страница не найдена",
        "not_found_text": "По этому адресу страницы нет: её удалили или перенесли, "
                          "либо в адресе опечатка.",
        "not_found_home": "Перейти на главную",
        "not_found_search": "Нужный материал можно найти через поиск вверху страницы.",
        "home_in_days": "через {days}",
        "home_tomorrow": "завтра",
        "home_today": "сегодня",
        "home_now": "идёт сейчас",
        "home_as_of": "Дата расчёта: {date}",
        "home_screens_all": "Все слайды на экранах",
    },
}

def t(lang: Lang, key: str, **values: object) -> str:
    """The string ``key`` in ``lang``; a missing key is a bug, so it raises KeyError."""
    text = STRINGS[lang][key]
    return text.format(**values) if values else text


def format_date(value: date | datetime, lang: Lang, fmt: str = "long") -> str:
    """A date in the reader's language through Babel (kk keeps the four-digit year)."""
    return _date_text(value.date() if isinstance(value, datetime) else value, lang, fmt)


@functools.lru_cache(maxsize=4096)
def _date_text(day: date, lang: Lang, fmt: str) -> str:
    """Babel's text for one day (a thousand items share a few hundred dates)."""
    return str(_babel_date(day, fmt, locale=lang))


def format_datetime(value: datetime, lang: Lang, fmt: str = "long") -> str:
    """Date and time, e.g. for an event: ``2026 ж. 23 қараша, 09:30``."""
    return f"{format_date(value, lang, fmt)}, {value.strftime('%H:%M')}"
