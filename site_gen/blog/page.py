"""The head's blog on the site: the letter form and the answers under the blog item's text.

Where it sits: a staging extension (listed in ``site_gen.stage.extensions.EXTENSIONS``).
The blog has one page per language: the editors' item ``content/pages/blog.kk.md`` /
``.ru.md`` (section ``page``), which the staging writes like any item at
``/{lang}/page/blog/`` (its text: the head's greeting and the rules). This module adds to
that page, through ``Registry.add_item_meta``, the page's ``jarshy.blog`` metadata;
``themes/partials/article_footer.html`` includes ``themes/partials/jarshy-blog/blog.html``
when it is there, which draws after the item's text the letter form (script
``assets/javascripts/jarshy-blog.js``, style ``assets/stylesheets/jarshy-blog.css``, both
staged here), the e-mail fallback and the published answers:

``endpoint``  ``letters_endpoint`` from site.yml ("" = no endpoint: the form writes a mail)
``t``         this module's strings for the language (``site_gen.blog.strings``)
``limits``    the server's length limits, checked in the browser before sending
``mail``      subject and body of the ``mailto:`` fallback (body: a template to fill in)
``answers``   published ``answer`` items, newest first: title, url, date, letter, summary
``anonymous`` ``blog.anonymous`` of site.yml: ``accept`` or ``refuse`` (name and contact
              required); the form, its rules note and the letters service follow it
``meetings``  report meetings still taking questions (an ``event`` item whose questions
              deadline has not passed on the day of the build): id (the item's file name),
              title, date, last day; the script also hides one whose day has passed since
``lookup``    the writer's status lookup (``<endpoint>/status``), "" without an endpoint

It also links the page from the sidebar and from a small block on the home page. When the
blog item is missing or not published in a language, that language has no blog page (and
no link to one); the staging logs a warning. The mailbox of the fallback is
``extra.jarshy.blog.mailbox`` in the repo's ``mkdocs.yml``.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ..content.model import Item, Version
from ..stage.extensions import Registry, StageContext, StagedFile
from .letters import LIMITS
from .strings import STRINGS, t

log = logging.getLogger(__name__)

HOME = "index.md"
HOME_ANSWERS = 3  # the latest answers listed on the portal home
SCRIPT = "assets/javascripts/jarshy-blog.js"
LOOKUP_SCRIPT = "assets/javascripts/jarshy-blog-lookup.js"
QUESTIONS_SCRIPT = "assets/javascripts/jarshy-meeting-questions.js"
STYLE = "assets/stylesheets/jarshy-blog.css"
BLOG_ITEM = ("page", "blog")  # section and stem of the editors' blog item (pages/blog)
FORM_ANCHOR = "#letter"  # id of the form's section in themes/partials/jarshy-blog/blog.html


def blog_item(ctx: StageContext) -> tuple[Item, Version] | None:
    """The editors' blog item (rules, the head's greeting) in this language, if published
    (looked up once per staging)."""
    if "blog_item" in ctx.cache:
        found: tuple[Item, Version] | None = ctx.cache["blog_item"]
        return found
    found = None
    for item in ctx.content.items:
        if (item.section, item.stem) == BLOG_ITEM:
            version = item.versions.get(ctx.lang)
            if version is not None and version.on_air(ctx.now):
                found = item, version
                break
    ctx.cache["blog_item"] = found
    return found


def blog_path(ctx: StageContext) -> str | None:
    """Docs path of the blog page in this language (``page/blog.md``), or None: no blog."""
    found = blog_item(ctx)
    return ctx.item_path(found[0]) if found is not None else None


def answers(ctx: StageContext, from_page: str) -> list[dict[str, object]]:
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


def open_meetings(ctx: StageContext) -> list[dict[str, str]]:
    """Published report meetings whose questions deadline has not passed, soonest first."""
    today = ctx.now.astimezone(ctx.content.settings.zone).date()
    found = []
    for item, version in ctx.published():
        event = item.event
        if event is None or event.questions_until < today or event.starts < ctx.now:
            continue
        found.append((event.starts, {
            "id": item.stem, "title": version.title,
            "date_text": ctx.format_date(event.starts.date()),
            "until": event.questions_until.isoformat(),
            "until_text": ctx.format_date(event.questions_until),
        }))
    return [m for _starts, m in sorted(found, key=lambda f: (f[0], f[1]["id"]))]


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


def blog_data(ctx: StageContext, from_page: str) -> dict[str, object]:
    """What the blog partial draws under the item's text (``page.meta.jarshy.blog``)."""
    endpoint = ctx.content.settings.letters_endpoint.strip()
    return {
        "endpoint": endpoint,
        "lookup": endpoint.rstrip("/") + "/status" if endpoint else "",
        "anonymous": ctx.content.settings.blog_anonymous,
        "meetings": open_meetings(ctx),
        "t": STRINGS[ctx.lang],
        "limits": {k: {"min": low, "max": high} for k, (low, high) in LIMITS.items()},
        "mail": mail_template(ctx.lang),
        "answers": answers(ctx, from_page),
    }


def item_meta(ctx: StageContext) -> Mapping[str, object]:
    """``{"pages/blog": blog data}`` for this language, or nothing (with a warning)."""
    found = blog_item(ctx)
    if found is None:
        section, stem = BLOG_ITEM
        log.warning("the head's blog has no page in '%s': no published item with section "
                    "'%s' and file name '%s.%s.md' (content/pages/%s.%s.md); add or publish "
                    "it to show the letter form there", ctx.lang, section, stem, ctx.lang,
                    stem, ctx.lang)
        return {}
    item, _version = found
    return {item.key: blog_data(ctx, ctx.item_path(item))}


def make_pages(ctx: StageContext) -> Iterable[StagedFile]:
    """The form's scripts and style (the page itself is the blog item's), and the meeting
    pages' script that shows how many questions came in (from the letters service)."""
    here = Path(__file__).parent
    yield StagedFile(QUESTIONS_SCRIPT, (here / "jarshy-meeting-questions.js").read_text("utf-8"))
    if blog_item(ctx) is None:
        return
    yield StagedFile(SCRIPT, (here / "jarshy-blog.js").read_text("utf-8"))
    yield StagedFile(LOOKUP_SCRIPT, (here / "jarshy-blog-lookup.js").read_text("utf-8"))
    yield StagedFile(STYLE, (here / "jarshy-blog.css").read_text("utf-8"))


def make_nav(ctx: StageContext) -> Sequence[tuple[str, str]]:
    found = blog_item(ctx)
    if found is None:
        return []
    item, version = found
    return [(version.title, ctx.item_path(item))]


def home_block(ctx: StageContext) -> str | None:
    """A short invitation on the home page, with the latest answers (up to
    :data:`HOME_ANSWERS`, newest first) when there are some."""
    page = blog_path(ctx)
    if page is None:
        return None
    lang = ctx.lang
    parts = [
        '<section class="jarshy-home-blog">',
        f"<h2>{html.escape(t(lang, 'title'))}</h2>",
        f"<p>{html.escape(t(lang, 'home_text'))}</p>",
    ]
    latest = answers(ctx, HOME)[:HOME_ANSWERS]
    if latest:
        parts.append('<ul class="jarshy-home-list jarshy-home-blog__answers">')
        for answer in latest:
            label = (html.escape(t(lang, "answer_to", number=answer["letter"])) + " · "
                     if answer["letter"] else "")
            parts.append(f'<li class="jarshy-home-list__item jarshy-home-blog__answer">'
                         f'<a href="{html.escape(str(answer["url"]))}">'
                         f'{html.escape(str(answer["title"]))}</a>'
                         f'<span class="jarshy-screen-text">{label}'
                         f'<time datetime="{answer["date"]}">'
                         f'{html.escape(str(answer["date_text"]))}</time></span></li>')
        parts.append("</ul>")
    write = ctx.href(page, HOME) + FORM_ANCHOR
    parts.append(f'<p><a class="md-button" href="{html.escape(write)}">'
                 f"{html.escape(t(lang, 'write'))}</a></p>")
    parts.append("</section>")
    return "\n".join(parts)


def extend(registry: Registry) -> None:
    registry.add_item_meta("blog", item_meta)
    registry.add_pages("blog", make_pages)
    registry.add_nav("blog", 60, make_nav)
    registry.add_home_block("blog", 60, home_block)
