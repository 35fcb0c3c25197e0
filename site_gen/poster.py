"""Notice-board posters: one item → a printable A4 page, Kazakh above and Russian below.

Where it sits: beside the site build, from the same validated :class:`ContentSet`.
``site-gen poster ITEM`` calls :func:`find_item`, :func:`poster_html` and then prints the
HTML to PDF with headless Chromium (``site_gen.newspaper.printing``, shared with the print
edition). The page is self-contained (inline CSS, the picture as a data URI, the QR codes
as inline SVG from segno) and uses only fonts installed on the machine, so it prints the
same offline. Each half carries a QR code to that language's page on the intranet.

Kinds: the poster takes the template the screens give the item (``site_gen.kindhtml``
asks ``signage.kinds.template_of``): an urgent notice gets the alert band in the screens'
red with the warning sign and "ШҰҒЫЛ · СРОЧНО", an event its date/time/place block, a
congratulation the plum panel with a gold frame and stars, a picture-only item its picture
large with a caption band, a video a band that says where to watch it, and a report's
action plan its table under a gold rule. The sheet and its header are ``poster_page``'s.

Fitting: the page carries a small script that, once the fonts are ready, lowers the type
size step by step until both halves fit (Chromium runs it before printing; a browser opening
the HTML runs it too). A text that would not fit even at the smallest size is printed as its
summary: decided here from its length, so the caller is told (nothing is cut silently), and
the script keeps the same promise if the estimate was wrong.
"""

from __future__ import annotations

import base64
import difflib
import html
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath

import segno

from signage.kinds import Template

from . import kindhtml, poster_page
from .content.files import ContentFileError, read_content_bytes
from .content.markup import safe_html
from .content.model import LANGS, ContentSet, Item, Lang, Version
from .newspaper.feeds import FeedProblem, absolute
from .pictures import screen_copy, verify_media
from .stage import strings

WORDS: dict[str, dict[str, str]] = {  # glossary terms (GLOSSARY.md)
    "kk": {"board": "Ақпараттық стенд", "urgent": "Шұғыл", "when": "Күні, уақыты, орны",
           "missing": "Бұл материалдың аудармасы әлі жоқ", "more": "Толығырақ ішкі порталда:"},
    "ru": {"board": "Информационный стенд", "urgent": "Срочно", "when": "Дата, время, место",
           "missing": "Перевод этого материала пока не готов",
           "more": "Подробнее на внутреннем портале:"},
}
MOST_CHARACTERS = 3000  # more text than fits half an A4 page at SMALLEST_PT: summary
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
POSTER_PICTURE_SIDE = 1600  # pixels: sharp at the printed size, small in the page


class PosterProblem(ValueError):
    """Something the person printing can fix; the message says what and how."""


@dataclass(frozen=True, slots=True)
class Poster:
    html: str
    notes: tuple[str, ...]  # what the person printing should know (summary used, a language
    #                          missing); empty when the poster is exactly the item


def find_item(content: ContentSet, wanted: str) -> Item:
    """An item by key (``news/2026-11-18-x``), stem, or file path (``content/news/x.kk.md``)."""
    text = wanted.strip().replace("\\", "/")
    name = text.rsplit("/", 1)[-1]
    for suffix in (".kk.md", ".ru.md", ".md"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            text = text[: -len(suffix)]
            break
    for item in content.items:
        if text == item.key or text.endswith("/" + item.key):
            return item
    by_stem = [i for i in content.items if i.stem == name]
    if len(by_stem) == 1:
        return by_stem[0]
    if len(by_stem) > 1:
        raise PosterProblem(f"'{wanted}' names {len(by_stem)} items; write one of: "
                            + ", ".join(i.key for i in by_stem))
    keys = [i.key for i in content.items]
    close = difflib.get_close_matches(text, keys, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else \
        "; name it like news/2026-11-18-shygys-110 or by its file"
    raise PosterProblem(f"there is no item '{wanted}'{hint}")


def item_url(content: ContentSet, item: Item, lang: Lang) -> str:
    """The item's absolute intranet address in ``lang`` (percent-encoded for the QR code)."""
    if not content.settings.base_url.strip():
        raise PosterProblem("content/_data/site.yml has no base_url, so the QR code has no "
                            "address; add e.g. base_url: \"http://intranet.example.kz/\"")
    try:
        return absolute(content.settings.base_url, item.url(lang))
    except FeedProblem as problem:
        raise PosterProblem(str(problem)) from None


def _plain(body: str) -> str:
    """The body without fenced blocks (charts, code) and pictures: what a poster can carry."""
    out, fence = [], ""
    for line in body.splitlines():
        mark = re.match(r"^ {0,3}(`{3,}|~{3,})", line)
        if fence:
            if mark and mark.group(1)[0] == fence[0] and len(mark.group(1)) >= len(fence):
                fence = ""
            continue
        if mark:
            fence = mark.group(1)
            continue
        out.append(line)
    return re.sub(r"!\[[^\]]*\]\([^)]*\)", "", "\n".join(out)).strip()


def _text_length(version: Version) -> int:
    return len(re.sub(r"[#*_>`|\-\s]+", " ", _plain(version.body)))


def _image(content: ContentSet, version: Version,
           picture: PurePosixPath | None = None) -> str:
    """The item's picture as a data URI, read through the content boundary and verified
    (a link, or a picture that does not decode, stops the poster with file and line); an
    SVG or a large picture goes as a PNG or JPEG at most POSTER_PICTURE_SIDE pixels long.
    ``picture``: another picture of the item (the screens' one, for a picture-only poster)."""
    image = picture or version.image
    if image is None:
        return ""
    try:
        verify_media(content.root, image)
        copy = screen_copy(content.root, image, POSTER_PICTURE_SIDE)
        raw, suffix = copy or (read_content_bytes(content.root, image),
                               image.suffix.lower())
    except ContentFileError as problem:
        line = version.lines.get("signage" if picture else "image", 1)
        raise PosterProblem(f"{version.path}:{line}: "
                            f"{problem.what(f'image {image}')}; {problem.hint}") from None
    kind = IMAGE_TYPES.get(suffix)
    if kind is None:
        return ""
    data = base64.b64encode(raw).decode("ascii")
    return (f'<img class="picture" src="data:{kind};base64,{data}" '
            f'alt="{html.escape(version.image_alt)}">')


def _qr(content: ContentSet, item: Item, lang: Lang) -> str:
    url = item_url(content, item, lang)
    qr = segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#000", light="#fff")
    shown = html.escape(content.settings.base_url.rstrip("/") + item.url(lang))
    return (f'<div class="qr">{qr}<p>{html.escape(WORDS[lang]["more"])} '
            f'<span class="url">{shown}</span></p></div>')


def _half(content: ContentSet, item: Item, lang: Lang, version: Version | None,
          kind: Template, use_summary: bool, now: datetime) -> str:
    """One language's half of the sheet in the kind's template (``site_gen.kindhtml``)."""
    words = WORDS[lang]
    if version is None:
        return (f'<section class="half missing" lang="{lang}">'
                f"<p>{html.escape(words['missing'])}</p></section>")
    kicker = [strings.t(lang, f"section.{item.section}"), strings.format_date(item.date, lang)]
    head = [f'<p class="kicker">{" · ".join(html.escape(k) for k in kicker)}</p>']
    festive = kind == "congratulation"
    title_style = f' style="{kindhtml.FESTIVE_TITLE}"' if festive else ""
    head.append(f"<h1{title_style}>{html.escape(version.title)}</h1>")
    event = version.event or item.event  # this language's place, when it has its own
    if kind == "picture":
        head = [head[0], kindhtml.caption_band(version.title, kindhtml.POSTER_SCALE)]
    elif event is not None and kind != "event":
        when = strings.format_datetime(event.starts, lang)
        head.append(f'<p class="when"><strong>{html.escape(words["when"])}:</strong> '
                    f"{html.escape(when)}; {html.escape(event.place)}</p>")
    plan = (kindhtml.plan_table(event, lang, now.date(), kindhtml.POSTER_SCALE)
            if event is not None and event.action_plan else "")  # in both forms: never cut
    summary = f"<p>{html.escape(version.summary or version.title)}</p>{plan}"
    row = ['<div class="row">']
    if kind == "event" and event is not None:
        row.append(kindhtml.event_block(event, lang, now, kindhtml.POSTER_SCALE))
    if kind == "picture":
        row.append('<div class="body"></div>')
    elif use_summary:
        row.append(f'<div class="body">{summary}</div>')
    else:
        body = safe_html(_plain(version.body), ["tables", "sane_lists"]) + plan
        row.append(f'<div class="body">{body}</div><div class="body summary" hidden>'
                   f"{summary}</div>")
    row.append(_qr(content, item, lang) + "</div>")
    inner = "\n".join(head + row)
    if festive:
        inner = kindhtml.festive_open(kindhtml.POSTER_SCALE) + inner + "</div>"
    return (f'<section class="half kind-{kind}" lang="{lang}" data-kind="{kind}">'
            f"\n{inner}\n</section>")


def poster_html(content: ContentSet, item: Item, now: datetime,
                use_summary: bool = False) -> Poster:
    """The A4 poster of ``item``: Kazakh half, cut line, Russian half, in the template of
    the item's kind (the one the screens give it at ``now``)."""
    versions = {lang: v for lang, v in item.versions.items() if v.on_air(now)}
    if not versions:
        raise PosterProblem(f"'{item.key}' is not published on {now:%d.%m.%Y} (status, "
                            "publish_at or expires); posters are printed for published items")
    notes: list[str] = []
    for lang in LANGS:
        if lang not in versions:
            notes.append(f"no published {lang} version: its half says the translation is "
                         "not ready")
    longest = max(_text_length(v) for v in versions.values())
    if longest > MOST_CHARACTERS and not use_summary:
        notes.append(f"the text ({longest} characters) is too long for half an A4 page; "
                     "the summary is printed and the QR code leads to the full text")
        use_summary = True
    primary = versions.get("kk") or versions["ru"]
    kind = kindhtml.kind_of(item, primary, now)
    board = " · ".join(WORDS[lang]["board"] for lang in LANGS)
    sig = primary.signage or item.signage
    top = _image(content, primary, sig.image if kind == "picture" and sig else None)
    if kind == "urgent":
        top = kindhtml.alert_band(kindhtml.POSTER_SCALE) + top
    elif kind == "video":
        top += "".join(kindhtml.film_band(lang, kindhtml.POSTER_SCALE) for lang in LANGS)
    halves = [_half(content, item, lang, versions.get(lang), kind, use_summary, now)
              for lang in LANGS]
    page = poster_page.sheet(primary.title, kind,
                             poster_page.header(content.settings.company, board,
                                                kind == "urgent"), top, halves)
    return Poster(page, tuple(notes))
