"""The fleet page: every screen's last heartbeat, in kk and ru, for monitor owners.

Where it sits: the heartbeat service (``app``) renders it live from the fleet register
(``store``) on each ``GET /fleet/``; nginx lets only the monitor owners' network reach it.
It is not the public "on the screens today" page: free disk and errors stay here.

Server-rendered HTML (Jinja2, autoescape on: a screen's error text is data, never markup),
no script at all, one stylesheet of its own (``/fleet/fleet.css``): it keeps to a CSP with no
inline script or style. Dates come from CLDR through Babel.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from babel.dates import format_datetime
from babel.numbers import format_decimal
from jinja2 import Environment, StrictUndefined

from .store import Screen

CSS_PATH = "/fleet/fleet.css"
STRINGS: dict[str, dict[str, str]] = {
    "kk": {
        "title": "Экрандардың жай-күйі",
        "intro": "Бет әр ашылған сайын жаңарады. Ол тек мониторларға жауапты қызметкерлерге "
                 "арналған.",
        "summary": "Барлығы: {total}, үнсіз: {silent}",
        "screen": "Экран", "state": "Күйі", "seen": "Соңғы байланыс",
        "bundle": "Контент нұсқасы", "now": "Қазір көрсетіп тұр", "errors": "Қателер",
        "disk": "Дискідегі бос орын", "uptime": "Жұмыс уақыты",
        "ok": "Байланыста", "silent": "Үнсіз: {minutes} минуттан астам хабар жоқ",
        "never": "Әлі хабар бермеген",
        "current": "Соңғы нұсқа", "old": "Ескі нұсқа", "unknown": "Белгісіз",
        "service": "Қызметтік экран ({kind})", "no_errors": "Қате жоқ",
        "kind_fallback": "Күту экраны (бағдарламада ештеңе жоқ)",
        "kind_night": "Түнгі режим",
        "empty": "Тіркелген экран әлі жоқ.", "other": "Русский язык (РУС)",
        "days": "{d} күн {h} сағ", "hours": "{h} сағ {m} мин", "gb": "{n} ГБ",
        "lang_kk": "қазақша", "lang_ru": "орысша",
    },
    "ru": {
        "title": "Состояние экранов",
        "intro": "Страница обновляется при каждом открытии. Она предназначена только для "
                 "сотрудников, отвечающих за мониторы.",
        "summary": "Всего: {total}, молчат: {silent}",
        "screen": "Экран", "state": "Состояние", "seen": "Последняя связь",
        "bundle": "Версия контента", "now": "Сейчас показывает", "errors": "Ошибки",
        "disk": "Свободно на диске", "uptime": "Время работы",
        "ok": "На связи", "silent": "Молчит: нет связи более {minutes} мин",
        "never": "Ещё не выходил на связь",
        "current": "Текущая версия", "old": "Устаревшая версия", "unknown": "Неизвестно",
        "service": "Служебный экран ({kind})", "no_errors": "Ошибок нет",
        "kind_fallback": "Заставка (в программе ничего нет)",
        "kind_night": "Ночной режим",
        "empty": "Зарегистрированных экранов пока нет.", "other": "Қазақ тілі (ҚАЗ)",
        "days": "{d} дн. {h} ч", "hours": "{h} ч {m} мин", "gb": "{n} ГБ",
        "lang_kk": "на казахском", "lang_ru": "на русском",
    },
}
OTHER_URL = {"kk": "/fleet/ru/", "ru": "/fleet/"}

TEMPLATE = """<!doctype html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{ s.title }}</title>
<link rel="stylesheet" href="{{ css }}">
</head>
<body>
<header>
<h1>{{ s.title }}</h1>
<a class="lang" href="{{ other_url }}" hreflang="{{ other_lang }}"
 lang="{{ other_lang }}">{{ s.other }}</a>
</header>
<p>{{ s.intro }}</p>
<p class="summary">{{ summary }}</p>
{% if rows %}
<table>
<thead><tr><th scope="col">{{ s.screen }}</th><th scope="col">{{ s.state }}</th>
<th scope="col">{{ s.seen }}</th><th scope="col">{{ s.bundle }}</th>
<th scope="col">{{ s.now }}</th><th scope="col">{{ s.errors }}</th>
<th scope="col">{{ s.disk }}</th><th scope="col">{{ s.uptime }}</th></tr></thead>
<tbody>
{% for r in rows %}
<tr class="{{ r.css }}" data-screen="{{ r.id }}">
<th scope="row">{{ r.id }}</th>
<td class="state">{{ r.state }}</td>
<td class="seen">{{ r.seen }}</td>
<td class="bundle {{ r.bundle_css }}">{{ r.bundle }}</td>
<td class="now">{{ r.now }}</td>
<td class="errors">{% if r.errors %}<ul>{% for e in r.errors %}<li>{{ e }}</li>
{% endfor %}</ul>{% else %}{{ s.no_errors }}{% endif %}</td>
<td class="disk">{{ r.disk }}</td>
<td class="uptime">{{ r.uptime }}</td>
</tr>
{% endfor %}
</tbody>
</table>
{% else %}
<p class="empty">{{ s.empty }}</p>
{% endif %}
</body>
</html>
"""
CSS = """body { font-family: sans-serif; margin: 1.5rem; color: #1b1b1b; background: #fff; }
header { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; }
h1 { font-size: 1.5rem; margin: 0; }
table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
th, td { border: 1px solid #c8c8c8; padding: .4rem .6rem; text-align: left; vertical-align: top; }
thead th { background: #eef2f6; }
tr.silent { background: #fde8e8; }
tr.silent .state { color: #8a1010; font-weight: bold; }
.bundle.old { color: #8a4b00; font-weight: bold; }
.errors ul { margin: 0; padding-left: 1.1rem; }
.summary { font-weight: bold; }
"""
_ENV = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
_PAGE = _ENV.from_string(TEMPLATE)


def bundle_version(path: Path | None) -> str:
    """The version of the site's ``signage/bundle.json`` ("" when it cannot be read)."""
    if path is None:
        return ""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    version = raw.get("version") if isinstance(raw, dict) else None
    return version if isinstance(version, str) else ""


def is_silent(screen: Screen, now: datetime, minutes: float) -> bool:
    """No heartbeat for more than ``minutes`` (counted from registration when never seen)."""
    since = screen.last_seen or screen.registered
    return now - since > timedelta(minutes=minutes)


def _duration(seconds: float, s: dict[str, str]) -> str:
    minutes = int(seconds // 60)
    days, rest = divmod(minutes, 24 * 60)
    if days:
        return s["days"].format(d=days, h=rest // 60)
    return s["hours"].format(h=rest // 60, m=rest % 60)


def _row(screen: Screen, lang: str, now: datetime, current: str, minutes: float
         ) -> dict[str, object]:
    s = STRINGS[lang]
    silent = is_silent(screen, now, minutes)
    if screen.last_seen is None:
        seen, state = s["never"], s["never"]
    else:
        seen = format_datetime(screen.last_seen.astimezone(now.tzinfo), "d MMMM y, HH:mm",
                               locale=lang)
        state = s["ok"]
    if silent and screen.last_seen is not None:
        state = s["silent"].format(minutes=format_decimal(minutes, locale=lang))
    if not screen.version:
        bundle, bundle_css = s["unknown"], "unknown"
    elif current and screen.version == current:
        bundle, bundle_css = s["current"], "current"
    elif current:
        bundle, bundle_css = f"{s['old']} ({screen.version[:12]})", "old"
    else:
        bundle, bundle_css = screen.version[:12], "unknown"
    shown = screen.current
    if screen.last_seen is None:
        now_text = "—"
    elif shown.get("kind", "slide") == "slide" and shown.get("item"):
        item_lang = s.get(f"lang_{shown.get('lang', '')}", str(shown.get("lang", "")))
        now_text = f"{shown['item']} ({item_lang})"
    else:
        kind = str(shown.get("kind", "?"))
        now_text = s.get(f"kind_{kind}") or s["service"].format(kind=kind)
    errors = [f"{e['message']} × {e['count']}" if int(e.get("count", 1)) > 1
              else str(e["message"]) for e in screen.errors]
    disk = "—" if screen.free_disk < 0 else s["gb"].format(
        n=format_decimal(round(screen.free_disk / 1e9, 1), locale=lang))
    return {"id": screen.id, "css": "silent" if silent else "ok", "state": state,
            "seen": seen, "bundle": bundle, "bundle_css": bundle_css, "now": now_text,
            "errors": errors, "disk": disk,
            "uptime": "—" if screen.last_seen is None else _duration(screen.uptime, s)}


def render_page(lang: str, screens: list[Screen], now: datetime, current: str,
                minutes: float) -> str:
    s = STRINGS[lang]
    rows = [_row(screen, lang, now, current, minutes) for screen in screens]
    silent = sum(1 for r in rows if r["css"] == "silent")
    other = "ru" if lang == "kk" else "kk"
    return _PAGE.render(lang=lang, s=s, rows=rows, css=CSS_PATH, other_lang=other,
                        other_url=OTHER_URL[lang],
                        summary=s["summary"].format(total=len(rows), silent=silent))
