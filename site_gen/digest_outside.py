"""The digest's block of outside news (5.2.2: Kazakhstan's economy and public life, the oil
and gas market), as plain-text lines and as HTML with inline styles only.

Where it sits: ``site_gen.digest`` builds the e-mail and calls :func:`outside_lines` and
:func:`outside_html` for each language after the company's own items; the news come from
``site_gen.content.outside`` (one data file per day, checked by ``site-gen check``).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from .content.model import Lang
from .content.outside import TOPICS, OutsideNews

WORDS: dict[str, dict[str, str]] = {
    "kk": {"outside": "Қазақстан мен сала жаңалықтары",
           "chosen": "Редактор сыртқы дереккөздерден іріктеген жаңалықтар",
           "source": "Дереккөзі",
           "economy": "Экономика және қоғамдық өмір", "oil-gas": "Мұнай-газ нарығы",
           "other": "Басқа жаңалықтар"},
    "ru": {"outside": "Новости Казахстана и отрасли",
           "chosen": "Новости из внешних источников, отобранные редактором",
           "source": "Источник",
           "economy": "Экономика и общественная жизнь", "oil-gas": "Нефтегазовый рынок",
           "other": "Другие новости"},
}


def _groups(news: Sequence[OutsideNews], lang: Lang) -> list[tuple[str, list[OutsideNews]]]:
    """Topics in a fixed order (economy, oil and gas, other), the editor's order within."""
    found = [(t, [n for n in news if n.topic == t and lang in n.texts]) for t in TOPICS]
    return [(t, group) for t, group in found if group]


def outside_lines(news: Sequence[OutsideNews], lang: Lang) -> list[str]:
    """The plain-text block; nothing when the day has no outside news in ``lang``."""
    groups = _groups(news, lang)
    if not groups:
        return []
    words = WORDS[lang]
    lines = [words["outside"].upper(), words["chosen"], ""]
    for topic, group in groups:
        lines += [f"{words[topic]}:", ""]
        for n in group:
            text = n.texts[lang]
            lines.append(f"* {text.title}")
            if text.summary:
                lines.append(f"  {text.summary}")
            lines += [f"  {words['source']}: {text.source} — {n.link}", ""]
    return lines


def outside_html(news: Sequence[OutsideNews], lang: Lang) -> list[str]:
    """The HTML block (inline styles, every value escaped); nothing without news."""
    groups = _groups(news, lang)
    if not groups:
        return []
    esc = html.escape
    words = WORDS[lang]
    parts = ['<div class="jarshy-outside" style="margin:20px 0 0;padding:12px 0 0;'
             'border-top:1px solid #d0d4e4">',
             '<h2 style="margin:0 0 2px;font-size:14px;color:#00695c;text-transform:uppercase">'
             f"{esc(words['outside'])}</h2>",
             f'<p style="margin:0 0 8px;color:#555;font-size:13px">{esc(words["chosen"])}</p>']
    for topic, group in groups:
        parts.append(f'<h3 style="margin:12px 0 4px;font-size:15px;color:#00695c">'
                     f"{esc(words[topic])}</h3>")
        for n in group:
            text = n.texts[lang]
            parts.append(f'<p style="margin:6px 0 2px;font-size:16px;font-weight:bold">'
                         f'<a href="{esc(n.link)}" style="color:#1b1b1b">{esc(text.title)}</a>'
                         "</p>")
            if text.summary:
                parts.append(f'<p style="margin:0 0 2px">{esc(text.summary)}</p>')
            parts.append(f'<p style="margin:0 0 8px;font-size:13px;color:#555">'
                         f"{esc(words['source'])}: {esc(text.source)}</p>")
    parts.append("</div>")
    return parts
