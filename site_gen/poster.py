"""Notice-board posters: one item → a printable A4 page, Kazakh above and Russian below.

Where it sits: beside the site build, from the same validated :class:`ContentSet`.
``site-gen poster ITEM`` calls :func:`find_item`, :func:`poster_html` and then prints the
HTML to PDF with headless Chromium (``site_gen.newspaper.printing``, shared with the print
edition). The page is self-contained (inline CSS, the picture as a data URI, the QR codes
as inline SVG from segno) and uses only fonts installed on the machine, so it prints the
same offline. Each half carries a QR code to that language's page on the intranet.

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
from datetime import date, datetime

import segno

from .content.files import ContentFileError, read_content_bytes
from .content.markup import safe_html
from .content.model import LANGS, ContentSet, Item, Lang, Version
from .newspaper.events import plan_table_html
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
LARGEST_PT, SMALLEST_PT = 16.0, 8.0  # the fitting script's range of type sizes
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


def _image(content: ContentSet, version: Version) -> str:
    """The item's picture as a data URI, read through the content boundary and verified
    (a link, or a picture that does not decode, stops the poster with file and line); an
    SVG or a large picture goes as a PNG or JPEG at most POSTER_PICTURE_SIDE pixels long."""
    if version.image is None:
        return ""
    try:
        verify_media(content.root, version.image)
        copy = screen_copy(content.root, version.image, POSTER_PICTURE_SIDE)
        raw, suffix = copy or (read_content_bytes(content.root, version.image),
                               version.image.suffix.lower())
    except ContentFileError as problem:
        line = version.lines.get("image", 1)
        raise PosterProblem(f"{version.path}:{line}: "
                            f"{problem.what(f'image {version.image}')}; {problem.hint}") from None
    kind = IMAGE_TYPES.get(suffix)
    if kind is None:
        return ""
    data = base64.b64encode(raw).decode("ascii")
    return (f'<img class="picture" src="data:{kind};base64,{data}" '
            f'alt="{html.escape(version.image_alt)}">')


def _half(content: ContentSet, item: Item, lang: Lang, version: Version | None,
          use_summary: bool, today: date | None = None) -> str:
    words = WORDS[lang]
    if version is None:
        return (f'<section class="half missing" lang="{lang}">'
                f"<p>{html.escape(words['missing'])}</p></section>")
    url = item_url(content, item, lang)
    qr = segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#000", light="#fff")
    kicker = [strings.t(lang, f"section.{item.section}"), strings.format_date(item.date, lang)]
    parts = [f'<section class="half" lang="{lang}">',
             f'<p class="kicker">{" · ".join(html.escape(k) for k in kicker)}</p>',
             f"<h1>{html.escape(version.title)}</h1>"]
    event = version.event or item.event  # this language's place, when it has its own
    if event is not None:
        when = strings.format_datetime(event.starts, lang)
        parts.append(f'<p class="when"><strong>{html.escape(words["when"])}:</strong> '
                     f"{html.escape(when)}; {html.escape(event.place)}</p>")
    plan = plan_table_html(event, lang, today or item.date)  # in both forms: never cut away
    summary = f"<p>{html.escape(version.summary or version.title)}</p>{plan}"
    parts.append('<div class="row">')
    if use_summary:
        parts.append(f'<div class="body">{summary}</div>')
    else:
        body = safe_html(_plain(version.body), ["tables", "sane_lists"]) + plan
        parts.append(f'<div class="body">{body}</div><div class="body summary" hidden>'
                     f"{summary}</div>")
    shown = html.escape(content.settings.base_url.rstrip("/") + item.url(lang))
    parts.append(f'<div class="qr">{qr}<p>{html.escape(words["more"])} '
                 f'<span class="url">{shown}</span></p></div></div></section>')
    return "\n".join(parts)


def poster_html(content: ContentSet, item: Item, now: datetime,
                use_summary: bool = False) -> Poster:
    """The A4 poster of ``item``: Kazakh half, cut line, Russian half."""
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
    urgent = item.signage is not None and item.signage.priority == "urgent"
    primary = versions.get("kk") or versions["ru"]
    company = " · ".join(html.escape(content.settings.company[lang]) for lang in LANGS)
    board = " · ".join(html.escape(WORDS[lang]["board"]) for lang in LANGS)
    badge = (f'<p class="urgent">{html.escape(WORDS["kk"]["urgent"])} · '
             f'{html.escape(WORDS["ru"]["urgent"])}</p>' if urgent else "")
    halves = [_half(content, item, lang, versions.get(lang), use_summary, now.date())
              for lang in LANGS]
    page = f"""<!DOCTYPE html>
<html lang="kk">
<head>
<meta charset="utf-8">
<title>{html.escape(primary.title)}</title>
<style>
@page {{ size: A4; margin: 10mm 12mm; }}
* {{ box-sizing: border-box; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: "Noto Sans", "DejaVu Sans", sans-serif; color: #111;
       font-size: {LARGEST_PT}pt; line-height: 1.3; }}
/* The same box on screen and on paper, so what the script fits is what prints. */
.sheet {{ width: 186mm; height: 276mm; display: flex; flex-direction: column;
          overflow: hidden; }}
header {{ display: flex; justify-content: space-between; align-items: baseline;
          border-bottom: 1.2mm solid #283593; padding-bottom: 2mm; font-size: 9pt; }}
header .board {{ font-weight: 700; text-transform: uppercase; letter-spacing: .05em; }}
.urgent {{ margin: 2mm 0 0; padding: 1.5mm 3mm; background: #c62828; color: #fff;
           font-weight: 700; font-size: 14pt; text-transform: uppercase; text-align: center; }}
.picture {{ display: block; max-height: 38mm; max-width: 100%; margin: 2mm auto 0; }}
.half {{ flex: 1 1 0; min-height: 0; overflow: hidden; padding: 3mm 0; display: flex;
         flex-direction: column; }}
.half + .half {{ border-top: .4mm dashed #666; }}
.kicker {{ margin: 0; font-size: 9pt; color: #444; text-transform: uppercase; }}
h1 {{ font-size: max(1.6em, 15pt); line-height: 1.15; margin: 1mm 0 2mm; }}
.when {{ margin: 0 0 2mm; }}
.row {{ flex: 1 1 auto; min-height: 0; display: flex; gap: 4mm; }}
.body {{ flex: 1 1 auto; min-width: 0; min-height: 0; overflow: hidden; }}
.body[hidden] {{ display: none; }}
.body h2, .body h3 {{ font-size: 1.1em; margin: 1.5mm 0 .5mm; }}
.body p, .body ul, .body ol {{ margin: 0 0 1mm; }}
.body ul, .body ol {{ padding-left: 5mm; }}
.body table {{ border-collapse: collapse; }}
.body td, .body th {{ border: .2mm solid #999; padding: .5mm 1.5mm; }}
.body table.jarshy-plan {{ font-size: .8em; margin-top: 1mm; width: 100%; }}
.body .jarshy-plan-title {{ margin-top: 2mm; }}
.body tr.jarshy-overdue td {{ background: #fde0e0; }}
.body .jarshy-badge {{ color: #b71c1c; text-transform: uppercase; font-size: .85em; }}
.qr {{ flex: none; width: 30mm; display: flex; flex-direction: column;
        justify-content: flex-end; font-size: 7pt; line-height: 1.25; }}
.qr svg {{ width: 30mm; height: 30mm; }}
.qr p {{ margin: 1mm 0 0; }}
.url {{ word-break: break-all; }}
.missing {{ justify-content: center; align-items: center; color: #666; }}
</style>
</head>
<body>
<div class="sheet">
<header><span class="board">{board}</span><span>{company}</span></header>
{badge}
{_image(content, primary)}
{halves[0]}
{halves[1]}
</div>
<script>
(function () {{
  function over() {{
    return Array.prototype.some.call(document.querySelectorAll(".body:not([hidden])"),
      function (b) {{ return b.scrollHeight > b.clientHeight + 1; }});
  }}
  function fit() {{
    var size = {LARGEST_PT};
    while (over() && size > {SMALLEST_PT}) {{
      size -= 0.5;
      document.body.style.fontSize = size + "pt";
    }}
    if (over()) {{  // even the smallest type does not fit: print the summaries
      document.querySelectorAll(".summary").forEach(function (s) {{
        s.previousElementSibling.hidden = true;
        s.hidden = false;
      }});
      document.documentElement.setAttribute("data-fit", "summary");
    }}
    document.documentElement.setAttribute("data-fitted", String(size));
  }}
  (document.fonts ? document.fonts.ready : Promise.resolve()).then(fit);
}}());
</script>
</body>
</html>
"""
    return Poster(page, tuple(notes))
