"""The daily digest: one day's news as a bilingual e-mail (Kazakh first, then Russian).

Where it sits: beside the site build, from the same validated :class:`ContentSet`.
``site-gen digest --date D`` calls :func:`digest_items` and :func:`digest_message`, writes
the message as an ``.eml`` file and, with ``--send``, hands it to an SMTP server with
``site_gen.mail.send``. The message is ``multipart/alternative``: a plain-text part for any mail
reader and an HTML part with inline styles only (no images, fonts or scripts from
anywhere). Links are absolute, built from ``base_url`` in ``content/_data/site.yml``.
Each item has the template the screens give it (``site_gen.kindhtml``, shared with the
poster): urgent items come first under the alert band, an event has its date/time/place
block, a congratulation its festive frame, a report its action-plan table; the plain text
says the same in words (⚠, the event's line, ★, the plan's rows).
Beside the company's items, each language part carries the editor's outside news of the
day, when there are any (``content/_data/digest/<day>.yml``, ``site_gen.digest_outside``).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from urllib.parse import urlsplit

from signage.kinds import Template, urgent_word
from signage.palette import ACCENT, PANEL, URGENT_BG, css

from . import kindhtml
from .content.approval import out_before_approval
from .content.model import ALL_SECTIONS, LANGS, PAGE_SECTION, ContentSet, Item, Lang, Version
from .content.outside import OutsideNews
from .digest_outside import outside_html, outside_lines
from .newspaper.feeds import absolute
from .stage import strings

WORDS: dict[str, dict[str, str]] = {  # "daily digest" from GLOSSARY.md
    "kk": {"digest": "Күнделікті дайджест", "none": "Бұл күні жаңа материал жарияланған жоқ.",
           "read": "Толығырақ", "intro": "{date} күнгі жаңалықтар мен хабарландырулар",
           "early": "Бекітілгенге дейін жарияланған материалдар (басшының назарына)",
           "reason": "Себебі"},
    "ru": {"digest": "Ежедневный дайджест", "none": "В этот день новых материалов не было.",
           "read": "Подробнее", "intro": "Новости и объявления за {date}",
           "early": "Опубликовано до утверждения (к сведению руководителя)",
           "reason": "Причина"},
}


@dataclass(frozen=True, slots=True)
class Entry:
    item: Item
    version: Version
    url: str  # absolute


def digest_items(content: ContentSet, day: date) -> dict[Lang, list[Entry]]:
    """Per language: items dated ``day`` and published that day, sections in the paper's
    order (news first), newest file name first within a section."""
    zone = content.settings.zone
    end_of_day = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone) \
        - timedelta(seconds=1)
    order = {s: i for i, s in enumerate(ALL_SECTIONS)}
    out: dict[Lang, list[Entry]] = {}
    for lang in LANGS:
        found = [(item, version) for item, version in content.published(lang, end_of_day)
                 if item.date == day and item.section != PAGE_SECTION]
        found.sort(key=lambda pair: (order.get(pair[0].section, 99), pair[0].key))
        # absolute() refuses a base_url that is not an address (FeedProblem): an e-mail
        # with relative links would lead nowhere.
        out[lang] = [Entry(i, v, absolute(content.settings.base_url, i.url(lang)))
                     for i, v in found]
    return out


def awaiting_items(content: ContentSet, day: date) -> dict[Lang, list[Entry]]:
    """Per language: what went out before approval (SM 6.4) and is on the site at the end of
    ``day`` without approval yet. Every digest lists them until they are approved."""
    end_of_day = datetime.combine(day + timedelta(days=1), time(0),
                                  tzinfo=content.settings.zone) - timedelta(seconds=1)
    out: dict[Lang, list[Entry]] = {lang: [] for lang in LANGS}
    for item, v in out_before_approval(content):
        if v.on_air(end_of_day) and v.publish_day <= day:
            out[v.lang].append(Entry(item, v, absolute(content.settings.base_url,
                                                       item.url(v.lang))))
    return out


def _end_of(content: ContentSet, day: date) -> datetime:
    """The last second of ``day`` in company time: the moment whose kind each item takes."""
    return datetime.combine(day + timedelta(days=1), time(0),
                            tzinfo=content.settings.zone) - timedelta(seconds=1)


def _subject(day: date) -> str:
    return (f"{WORDS['kk']['digest']} · {WORDS['ru']['digest']} — {day:%d.%m.%Y}")


def _langs(lang: Lang) -> tuple[Lang, ...]:
    """This part's language first, then the other: the alert word in both."""
    return (lang, *(other for other in LANGS if other != lang))


def _ordered(entries: list[Entry], now: datetime) -> list[Entry]:
    """Urgent items first, as on the screens (each under its section's name, as a slide
    has its label); the rest keep their sections' order."""
    urgent = [e for e in entries if kindhtml.kind_of(e.item, e.version, now) == "urgent"]
    return urgent + [e for e in entries if e not in urgent]


def _entry_html(e: Entry, lang: Lang, kind: Template, now: datetime, read: str) -> str:
    """One item of the digest in its kind's template (``site_gen.kindhtml``, as the poster
    and the screens): the alert band, the event's block beside the text, the festive frame,
    the film band, the picture's caption band, the action-plan table."""
    esc = html.escape
    scale = kindhtml.MAIL_SCALE
    event = e.version.event or e.item.event
    festive = kind == "congratulation"
    colour = kindhtml.FESTIVE_TITLE if festive else "color:#1b1b1b"
    link_colour = "color:inherit" if festive else f"color:{css(PANEL)}"
    title = (f'<h3 style="margin:8px 0 2px;font-size:17px"><a href="{esc(e.url)}" '
             f'style="{colour}">{esc(e.version.title)}</a></h3>')
    text = [title]
    if kind == "picture":
        text = [f'<a href="{esc(e.url)}" style="text-decoration:none">'
                f"{kindhtml.caption_band(e.version.title, scale)}</a>"]
    if e.version.summary:
        text.append(f'<p style="margin:0 0 4px">{esc(e.version.summary)}</p>')
    if event is not None and kind not in ("event", "table"):
        text.append(f'<p style="margin:0 0 4px;font-weight:700">'
                    f"{esc(kindhtml.event_line(event, lang, now))}</p>")
    if event is not None and event.action_plan and kind == "table":
        text.append(kindhtml.plan_table(event, lang, now.date(), scale))
    text.append(f'<p style="margin:4px 0 8px;font-size:13px"><a href="{esc(e.url)}" '
                f'style="{link_colour}">{esc(read)} →</a></p>')
    inner = "".join(text)
    if kind == "urgent":
        inner = kindhtml.alert_band(scale, _langs(lang)) + inner
    elif kind == "video":
        inner = kindhtml.film_band(lang, scale) + inner
    elif kind == "event" and event is not None:
        inner = ('<table role="presentation" style="border-collapse:collapse;width:100%">'
                 '<tr><td style="width:170px;vertical-align:top;padding:0 12px 0 0">'
                 f"{kindhtml.event_block(event, lang, now, scale)}</td>"
                 f'<td style="vertical-align:top">{inner}</td></tr></table>')
    elif festive:
        inner = kindhtml.festive_open(scale) + inner + "</div>"
    edge = (f"border-left:4px solid {css(URGENT_BG)};padding-left:10px;"
            if kind == "urgent" else "")
    return f'<div data-kind="{kind}" style="margin:8px 0 12px;{edge}">{inner}</div>'


def plain_text(content: ContentSet, day: date, entries: dict[Lang, list[Entry]],
               outside: Sequence[OutsideNews] = ()) -> str:
    lines: list[str] = []
    now = _end_of(content, day)
    for lang in LANGS:
        words = WORDS[lang]
        lines += [f"{words['digest']} · {content.settings.company[lang]}",
                  words["intro"].format(date=strings.format_date(day, lang)), ""]
        if not entries[lang]:
            lines += [words["none"], ""]
        section = ""
        for e in _ordered(entries[lang], now):
            kind = kindhtml.kind_of(e.item, e.version, now)
            if e.item.section != section:  # the section label first, as on every slide
                section = e.item.section
                title = strings.t(lang, f"section.{section}")
                lines += [title.upper(), ""]
            if kind == "urgent":
                lines.append("⚠ " + " · ".join(urgent_word(w) for w in _langs(lang)))
            star = "★ " if kind == "congratulation" else ""
            lines.append(f"* {star}{e.version.title}")
            if e.version.summary:
                lines.append(f"  {e.version.summary}")
            event = e.version.event or e.item.event
            if event is not None and kind != "table":
                lines.append("  " + kindhtml.event_line(event, lang, now))
            if kind == "video":
                lines.append(f"  ▶ {kindhtml.FILM[lang]}")
            if event is not None and event.action_plan and kind == "table":
                lines += ["  " + line for line in kindhtml.plan_lines(event, lang, day)]
            lines += [f"  {words['read']}: {e.url}", ""]
        lines += outside_lines(outside, lang)  # the editor's outside news, beside ours
        early = awaiting_items(content, day)[lang]
        if early:
            lines += [words["early"].upper(), ""]
        for e in early:
            lines += [f"* {e.version.title}",
                      f"  {words['reason']}: {e.version.published_before_approval}",
                      f"  {words['read']}: {e.url}", ""]
        lines += ["-" * 60, ""]
    return "\n".join(lines[:-2]) + "\n"


def html_text(content: ContentSet, day: date, entries: dict[Lang, list[Entry]],
              outside: Sequence[OutsideNews] = ()) -> str:
    esc = html.escape
    parts = ['<!DOCTYPE html><html lang="kk"><head><meta charset="utf-8">',
             f"<title>{esc(_subject(day))}</title></head>",
             '<body style="margin:0;padding:16px;background:#f4f5f7;'
             'font-family:Arial,\'Noto Sans\',sans-serif;color:#1b1b1b">']
    now = _end_of(content, day)
    for lang in LANGS:
        words = WORDS[lang]
        parts.append(f'<div lang="{lang}" style="max-width:640px;margin:0 auto 16px;'
                     f'background:#fff;border-top:4px solid {css(ACCENT)};padding:16px 20px">')
        parts.append(f'<p style="margin:0;color:#555;font-size:13px">'
                     f"{esc(content.settings.company[lang])}</p>")
        parts.append(f'<h1 style="margin:4px 0 4px;font-size:22px">{esc(words["digest"])}</h1>')
        intro = words["intro"].format(date=strings.format_date(day, lang))
        parts.append(f'<p style="margin:0 0 12px;color:#555">{esc(intro)}</p>')
        if not entries[lang]:
            parts.append(f"<p>{esc(words['none'])}</p>")
        section = ""
        for e in _ordered(entries[lang], now):
            kind = kindhtml.kind_of(e.item, e.version, now)
            if e.item.section != section:
                section = e.item.section
                parts.append(f'<h2 style="margin:16px 0 4px;font-size:14px;color:{css(PANEL)};'
                             'text-transform:uppercase">'
                             f"{esc(strings.t(lang, f'section.{section}'))}</h2>")
            parts.append(_entry_html(e, lang, kind, now, words["read"]))
        parts.extend(outside_html(outside, lang))
        early = awaiting_items(content, day)[lang]
        if early:
            parts.append(f'<h2 style="margin:16px 0 4px;font-size:14px;color:{css(URGENT_BG)};'
                         f'text-transform:uppercase">{esc(words["early"])}</h2>')
        for e in early:
            parts.append(f'<h3 style="margin:8px 0 2px;font-size:17px">'
                         f'<a href="{esc(e.url)}" style="color:#1b1b1b">'
                         f"{esc(e.version.title)}</a></h3>")
            parts.append(f'<p style="margin:0 0 8px">{esc(words["reason"])}: '
                         f"{esc(e.version.published_before_approval)}</p>")
        parts.append("</div>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def digest_message(content: ContentSet, day: date, entries: dict[Lang, list[Entry]], *,
                   sender: str, recipients: list[str], sent_at: datetime,
                   outside: Sequence[OutsideNews] = ()) -> EmailMessage:
    """The e-mail: plain text first, the HTML alternative second (readers show the last
    part they can)."""
    msg = EmailMessage()
    msg["Subject"] = _subject(day)
    msg["From"] = sender
    if recipients:
        msg["To"] = ", ".join(recipients)
    msg["Date"] = format_datetime(sent_at)
    host = urlsplit(content.settings.base_url).hostname or "jarshy.invalid"
    msg["Message-ID"] = make_msgid("digest", domain=host)
    msg["Content-Language"] = "kk, ru"
    msg.set_content(plain_text(content, day, entries, outside), cte="base64")
    msg.add_alternative(html_text(content, day, entries, outside), subtype="html", cte="base64")
    return msg
