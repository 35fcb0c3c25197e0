"""The blog page of each language: rules, the letter form, the published answers.

Where it sits: a staging extension (listed in ``site_gen.stage.extensions.EXTENSIONS``).
For each language it writes ``blog/index.md`` (``/kk/blog/``, ``/ru/blog/``) with the form's
script and style (``assets/javascripts/jarshy-blog.js``, ``assets/stylesheets/jarshy-blog.css``),
adds the page to the sidebar and a small block to the home page.
The page's text is the editors' blog item (``content/pages/blog``,
its rules) when it is published; everything else (form, e-mail fallback, answers) is drawn
by ``themes/partials/jarshy-blog/blog.html`` from the page's ``jarshy.blog`` metadata:

``endpoint``  ``letters_endpoint`` from site.yml ("" = no endpoint: the form writes a mail)
``t``         this module's strings for the language (``site_gen.blog.strings``)
``limits``    the server's length limits, checked in the browser before sending
``mail``      subject and body of the ``mailto:`` fallback (body: a template to fill in)
``answers``   published ``answer`` items, newest first: title, url, date, letter, summary

The mailbox of the fallback is ``extra.jarshy.blog.mailbox`` in the repo's ``mkdocs.yml``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..content.model import Item, Version
from ..stage.extensions import Registry, StageContext, StagedFile, relative_url
from ..stage.items import front_matter
from ..stage.rawhtml import sanitize
from .letters import LIMITS
from .strings import STRINGS, t

PAGE = "blog/index.md"
HOME = "index.md"
SCRIPT = "assets/javascripts/jarshy-blog.js"
STYLE = "assets/stylesheets/jarshy-blog.css"
TEMPLATE = "partials/jarshy-blog/blog.html"
BLOG_ITEM = ("page", "blog")  # section and stem of the editors' blog page


def blog_item(ctx: StageContext) -> tuple[Item, Version] | None:
    """The editors' blog page (rules, the head's greeting) in this language, if published."""
    for item, version in ctx.published():
        if (item.section, item.stem) == BLOG_ITEM:
            return item, version
    return None


def answers(ctx: StageContext, from_page: str = PAGE) -> list[dict[str, object]]:
    """Published answers in this language, newest first; URLs relative to ``from_page``."""
    out: list[dict[str, object]] = []
    for item, version in ctx.published():  # newest first
        if item.kind != "answer":
            continue
        out.append({
            "title": version.title,
            "url": ctx.href(item, from_page),
            "date": item.date.isoformat(),
            "date_text": ctx.format_date(item.date),
            "letter": version.letter,
            "summary": version.summary,
        })
    return out


def mail_template(lang: str) -> dict[str, str]:
    body = "\r\n".join([
        f"{t(lang, 'mail_name')} ",
        f"{t(lang, 'mail_department')} ",
        f"{t(lang, 'mail_lang')} {t(lang, f'lang.{lang}')}",
        f"{t(lang, 'mail_text')}",
        "",
        "",
    ])
    return {"subject": t(lang, "mail_subject"), "body": body}


def blog_page(ctx: StageContext) -> str:
    lang = ctx.lang
    found = blog_item(ctx)
    if found is not None:
        item, version = found
        text = sanitize(version.body, version.path, version.body_line).text.strip("\n")
    else:
        text = f"## {t(lang, 'rules')}\n\n{html.escape(t(lang, 'rules_default'))}"
    other = ctx.other_lang
    meta: dict[str, object] = {
        "title": html.escape(t(lang, "title")),
        "description": html.escape(t(lang, "home_text")),
        "template": TEMPLATE,
        "jarshy": {
            "type": "blog",
            "lang": lang,
            "translation_lang": other,
            "translation_url": relative_url(f"{other}/blog/", f"{lang}/blog/"),
            "blog": {
                "endpoint": ctx.content.settings.letters_endpoint.strip(),
                "t": STRINGS[lang],
                "limits": {k: {"min": low, "max": high} for k, (low, high) in LIMITS.items()},
                "mail": mail_template(lang),
                "answers": answers(ctx),
            },
        },
    }
    # The rules speak of a «Хат жазу» button: it is at the top and leads down to the form.
    button = (f'<p><a class="md-button md-button--primary" href="#letter">'
              f"{html.escape(t(lang, 'write'))}</a></p>")
    return (front_matter(meta) + f"# {html.escape(t(lang, 'title'))}\n\n{button}\n\n"
            f"{text}\n")


def make_pages(ctx: StageContext) -> Iterable[StagedFile]:
    yield StagedFile(PAGE, blog_page(ctx))
    here = Path(__file__).parent
    yield StagedFile(SCRIPT, (here / "jarshy-blog.js").read_text("utf-8"))
    yield StagedFile(STYLE, (here / "jarshy-blog.css").read_text("utf-8"))


def make_nav(ctx: StageContext) -> Sequence[tuple[str, str]]:
    return [(t(ctx.lang, "title"), PAGE)]


def home_block(ctx: StageContext) -> str:
    """A short invitation on the home page, with the latest answer when there is one."""
    lang = ctx.lang
    parts = [
        '<section class="jarshy-home-blog">',
        f"<h2>{html.escape(t(lang, 'title'))}</h2>",
        f"<p>{html.escape(t(lang, 'home_text'))}</p>",
    ]
    latest = next(iter(answers(ctx, HOME)), None)
    if latest is not None:
        label = t(lang, "answer_to", number=latest["letter"]) if latest["letter"] else ""
        parts.append(f'<p class="jarshy-home-blog__answer">{html.escape(label)}: '
                     f'<a href="{html.escape(str(latest["url"]))}">'
                     f'{html.escape(str(latest["title"]))}</a></p>')
    write = ctx.href(PAGE, HOME) + "#letter"
    parts.append(f'<p><a class="md-button" href="{html.escape(write)}">'
                 f"{html.escape(t(lang, 'write'))}</a></p>")
    parts.append("</section>")
    return "\n".join(parts)


def extend(registry: Registry) -> None:
    registry.add_pages("blog", make_pages)
    registry.add_nav("blog", 60, make_nav)
    registry.add_home_block("blog", 60, home_block)
