"""Staging extension: ``screens.md`` and its thumbnails in each language's docs dir.

Flow: ``site_gen.stage`` calls :func:`extend` once, then :func:`make_pages` and
:func:`make_nav` per language. The bundle is built in memory from the same ContentSet and
moment as the site (``site_gen.bundle.build_bundle``); each screen's day comes from
``signage.schedule.compile_day``, and thumbnails from ``signage.preview`` (the player's
renderer). A screen or slide that cannot be drawn is logged and shown without a picture.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from signage.bundle import Bundle, ScreenInfo
from signage.schedule import Playlist, Slide, compile_day

from ..bundle import build_bundle
from ..bundle.writer import content_key
from ..stage.extensions import Registry, StageContext, StagedFile

log = logging.getLogger(__name__)

PAGE = "screens.md"
THUMBS = "assets/screens"
THUMB_LONG_SIDE = 320  # pixels: small PNGs, about 20-60 kB each

WORDS: dict[str, dict[str, str]] = {
    "kk": {
        "title": "Бүгін экрандарда",
        "intro": "Мониторлар бүгін көрсететін слайдтар, әр экран бойынша, уақыт ретімен. "
                 "Әр хабарландыру алдымен қазақ тілінде, сосын орыс тілінде көрсетіледі.",
        "urgent": "Шұғыл",
        "on_hours": "Жұмыс уақыты",
        "nothing": "Бүгін бұл экранда хабарландыру жоқ.",
        "seconds": "{n} сек",
        "lang.kk": "ҚАЗ",
        "lang.ru": "РУС",
    },
    "ru": {
        "title": "Сегодня на экранах",
        "intro": "Слайды, которые мониторы показывают сегодня, по экранам и по времени. "
                 "Каждое объявление идёт сначала на казахском, затем на русском языке.",
        "urgent": "Срочно",
        "on_hours": "Время работы",
        "nothing": "Сегодня на этом экране объявлений нет.",
        "seconds": "{n} сек",
        "lang.kk": "ҚАЗ",
        "lang.ru": "РУС",
    },
}

# Thumbnails are the same for both languages of the site: draw each once per build.
_thumb_cache: dict[tuple[str, str, str, str, str], bytes | None] = {}


def extend(registry: Registry) -> None:
    registry.add_pages("screens-today", make_pages)
    registry.add_nav("screens-today", 50, make_nav)


def make_nav(ctx: StageContext) -> Sequence[tuple[str, str]]:
    return [(WORDS[ctx.lang]["title"], PAGE)]


def day_stretches(bundle: Bundle, screen: ScreenInfo, now: datetime
                  ) -> list[tuple[datetime, datetime, Playlist]]:
    """Today's stretches with slides, neighbours that show the same slides merged."""
    day = now.astimezone(bundle.zone).date()
    out: list[tuple[datetime, datetime, Playlist]] = []
    for start, pl in compile_day(bundle, screen.id, day).segments():
        if pl.night or not pl.slides:
            continue
        if out and out[-1][1] == start and _keys(out[-1][2]) == _keys(pl):
            out[-1] = (out[-1][0], pl.valid_until, out[-1][2])
        else:
            out.append((start, pl.valid_until, pl))
    return out


def _keys(pl: Playlist) -> tuple[tuple[str, str], ...]:
    return tuple((s.item_id, s.lang) for s in pl.slides)


def make_pages(ctx: StageContext) -> Iterable[StagedFile]:
    words = WORDS[ctx.lang]
    bundle, media = build_bundle(ctx.content, ctx.now)
    lines = ["---", f"title: \"{words['title']}\"", "jarshy: {type: screens}", "---", "",
             f"# {words['title']}", "", f"**{ctx.format_date(ctx.now)}**", "",
             words["intro"], ""]
    files: list[StagedFile] = []
    for screen in bundle.screens:
        lines += _screen_section(ctx, bundle, media, screen, files)
    yield StagedFile(PAGE, "\n".join(lines) + "\n")
    yield from files


def _screen_section(ctx: StageContext, bundle: Bundle, media: dict[str, Path],
                    screen: ScreenInfo, files: list[StagedFile]) -> list[str]:
    words = WORDS[ctx.lang]
    name = screen.name.get(ctx.lang) or screen.id
    hours = ", ".join(str(h).replace("-", "–") for h in screen.on_hours) or "00:00–24:00"
    out = [f"## {html.escape(name)}", "",
           f"{html.escape(screen.location.get(ctx.lang, ''))} · {words['on_hours']}: {hours}",
           ""]
    shown = slides_of_day(bundle, screen, ctx.now)
    if not shown:
        return [*out, words["nothing"], ""]
    written: set[str] = {f.path for f in files}
    out.append('<div class="jarshy-screens" style="display:flex;flex-wrap:wrap;gap:12px">')
    for slide, times in shown:
        path = f"{THUMBS}/{screen.id}/{_stem(slide)}.png"
        if path not in written:
            png = _thumbnail(bundle, media, screen, slide, times[0][0])
            if png is not None:
                files.append(StagedFile(path, png))
                written.add(path)
        out.append(_figure(ctx, slide, path if path in written else None, times))
    return [*out, "</div>", ""]


def slides_of_day(bundle: Bundle, screen: ScreenInfo, now: datetime
                  ) -> list[tuple[Slide, list[tuple[datetime, datetime]]]]:
    """Each slide the screen shows today with the stretches of time it is on, in the order
    they first appear (urgent first within a playlist, Kazakh before Russian)."""
    found: dict[tuple[str, str], tuple[Slide, list[tuple[datetime, datetime]]]] = {}
    for start, end, pl in day_stretches(bundle, screen, now):
        for slide in pl.slides:
            _, times = found.setdefault((slide.item_id, slide.lang), (slide, []))
            if times and times[-1][1] == start:
                times[-1] = (times[-1][0], end)
            else:
                times.append((start, end))
    return list(found.values())


def _stem(slide: Slide) -> str:
    # A meeting's "…#results" slide: '#' would end the address at the thumbnail's name.
    return f"{slide.item_id.replace('/', '--').replace('#', '--')}-{slide.lang}"


def _figure(ctx: StageContext, slide: Slide, thumb: str | None,
            times: list[tuple[datetime, datetime]]) -> str:
    words = WORDS[ctx.lang]
    key = content_key(slide.item_id)  # a meeting's results slide links its meeting's page
    item = next((i for i in ctx.content.items if i.key == key), None)
    link = ""
    if item is not None:
        link = (ctx.href(item, PAGE) if slide.lang == ctx.lang
                else ctx.href_other_lang(item, PAGE))
    when = ", ".join(f"{a:%H:%M}–{'24:00' if b.date() > a.date() else f'{b:%H:%M}'}"
                     for a, b in times)
    caption = (f"{words['lang.' + slide.lang]} · {words['seconds'].format(n=slide.duration)}"
               f" · {when}")
    if slide.urgent:
        caption = f"<strong>{words['urgent']}</strong> · {caption}"
    title = html.escape(slide.title)
    img = (f'<img src="{ctx.href(thumb, PAGE)}" alt="{title}" loading="lazy" '
           f'style="max-width:100%">' if thumb else "")
    body = f'<a href="{link}">{img or title}</a>' if link else (img or title)
    return (f'<figure lang="{slide.lang}" style="margin:0;width:{THUMB_LONG_SIDE}px">{body}'
            f"<figcaption>{caption}<br>{title}</figcaption></figure>")


def _thumbnail(bundle: Bundle, media: dict[str, Path], screen: ScreenInfo, slide: Slide,
               at: datetime) -> bytes | None:
    key = (bundle.version, screen.id, slide.item_id, slide.lang, f"{at:%H:%M}")
    if key not in _thumb_cache:
        _thumb_cache[key] = _draw(bundle, media, screen, slide, at)
    return _thumb_cache[key]


def _draw(bundle: Bundle, media: dict[str, Path], screen: ScreenInfo, slide: Slide,
          at: datetime) -> bytes | None:
    from signage import preview

    w, h = screen.width, screen.height
    factor = max(1, max(w, h) // 960)  # draw at about 960 px, then shrink: crisp text
    try:
        image = None
        if slide.image is not None and slide.image.path in media:
            from signage.render import load_image

            image = load_image(media[slide.image.path])
        surface = preview.render(bundle, slide, screen, at, media_dir=None,
                                 size=(w // factor, h // factor), image=image)
        long_side = max(surface.get_size())
        width = surface.get_width() * THUMB_LONG_SIDE // long_side
        return preview.png_bytes(preview.scaled(surface, width))
    except Exception as problem:  # noqa: BLE001  a bad slide must not stop the site build
        log.warning("screens page: cannot draw %s (%s) for %s: %s", slide.item_id, slide.lang,
                    screen.id, problem)
        return None
