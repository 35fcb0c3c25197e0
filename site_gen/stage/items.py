"""Staged Markdown for items: the article pages and the "translation not ready" pages.

Where it sits: ``stage.stage_language`` calls :func:`item_files` for every item. Each
published version becomes ``<section>/<stem>.md`` with YAML front matter that MkDocs puts
in ``page.meta``:

``title``
    HTML-escaped (MkDocs and Material print ``page.meta.title`` without escaping).
``description``
    the summary, HTML-escaped.
``jarshy``
    raw text values for our templates, which escape them (``| e``): ``type`` ("item" or
    "translation-missing"), ``key``, ``lang``, ``section``, ``section_title``, ``kind``,
    ``issue``, ``lead``, ``date`` (ISO), ``date_text`` (Babel, page language), ``author``,
    ``summary``, ``tags``, ``image`` and ``image_alt`` (docs-relative path), ``words``,
    ``translation_url`` (relative URL of the same item in the other language, or of the
    page saying the translation is not ready), ``translation_lang``, ``translation_ready``,
    ``event`` (starts, ends, place as text) when the item is an event; plus one key per
    extension that adds item metadata (``newspaper``: the article header and footer HTML).

An item whose other-language version is missing or not published gets, in that other
language, a page at the same address that says so in the reader's language and links to
the original; it is never a copy of the original under the wrong ``lang``.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial

from ..content.diagnostics import Diagnostic
from ..content.model import Item, Version
from ..pictures import published_name
from . import strings
from .extensions import StageContext, StagedFile, page_url, relative_url
from .memo import reuse

_WORD = re.compile(r"\w+")
_MD_LINK = re.compile(r"\]\(([^()\s]+?)\.(kk|ru)\.md(#[^()\s]*)?\)")


@dataclass
class ItemsResult:
    files: list[StagedFile] = field(default_factory=list)
    missing: list[Item] = field(default_factory=list)  # shown as "translation not ready"
    problems: list[Diagnostic] = field(default_factory=list)


def front_matter(meta: Mapping[str, object]) -> str:
    """YAML front matter written as JSON (valid YAML, and many times faster to write)."""
    return "---\n" + json.dumps(meta, ensure_ascii=False) + "\n---\n\n"


def item_files(ctx: StageContext,
               extras: Mapping[str, Mapping[str, object]] | None = None) -> ItemsResult:
    """Every item page of ``ctx.lang``; ``extras[key]`` is merged into that page's
    ``jarshy`` metadata (what extensions add through ``Registry.add_item_meta``)."""
    result = ItemsResult()
    extras = extras or {}
    memo = ctx.memo
    # With the caller's memo (site_gen.stage.memo): a page is made again only when the
    # item, its translation's state or what extensions add to it changed.
    kept = memo.store("items") if memo is not None else None
    for item in ctx.content.items:
        mine = item.versions.get(ctx.lang)
        other = item.versions.get(ctx.other_lang)
        mine_on = mine is not None and mine.on_air(ctx.now)
        other_on = other is not None and other.on_air(ctx.now)
        if mine_on and mine is not None:
            name = item.key
            extra = extras.get(name, {})
            if kept is None or memo is None:
                result.files.append(_article(ctx, item, mine, other_on, result.problems,
                                             extra))
                continue
            key = (item, other_on, extra)
            hit = kept.get(name)
            if hit is not None and hit[0] == key:
                memo.reused += 1
            else:
                hit = kept[name] = (key, _article(ctx, item, mine, other_on, result.problems,
                                                  extra))
                memo.made += 1
            result.files.append(hit[1])
        elif other_on and other is not None:
            result.files.append(reuse(memo, "missing", item.key, item,
                                      partial(_missing_page, ctx, item, other)))
            result.missing.append(item)
    return result


@functools.lru_cache(maxsize=65536)  # 10,000 pairs' bodies fit (8,192 did not: no hits)
def word_count(body: str) -> int:
    """Words in a body (kept per text: the live preview stages every item on each save)."""
    return len(_WORD.findall(body))


def base_meta(ctx: StageContext, item: Item, version: Version) -> dict[str, object]:
    path = ctx.item_path(item)
    meta: dict[str, object] = {
        "type": "item",
        "key": item.key,
        "lang": ctx.lang,
        "section": item.section,
        "section_title": ctx.t(f"section.{item.section}"),
        "section_url": ctx.href(f"{item.section}/index.md", path),
        "kind": item.kind,
        "issue": item.issue,
        "lead": version.lead,
        "date": item.date.isoformat(),
        "date_text": ctx.format_date(item.date),
        "author": version.author,
        "summary": version.summary,
        "tags": list(version.tags),
        "words": word_count(version.body),
        "translation_lang": ctx.other_lang,
        "translation_url": ctx.href_other_lang(item, path),
    }
    if version.image is not None:
        meta["image"] = relative_url(published_name(version.image).as_posix(), page_url(path))
        meta["image_alt"] = version.image_alt
    event = item.event
    if event is not None:
        meta["event"] = {
            "starts": event.starts.isoformat(),
            "starts_text": strings.format_datetime(event.starts, ctx.lang),
            "ends": event.ends.isoformat() if event.ends else None,
            "place": event.place,
        }
    return meta


def _article(ctx: StageContext, item: Item, version: Version, translated: bool,
             problems: list[Diagnostic], extra: Mapping[str, object]) -> StagedFile:
    meta = base_meta(ctx, item, version)
    meta["translation_ready"] = translated
    meta.update(extra)
    # The body stays Markdown: MkDocs renders it with site_gen.content.markup, which cleans
    # the HTML it becomes (check reports what that removes).
    head: dict[str, object] = {"title": html.escape(version.title)}
    if version.summary:
        head["description"] = html.escape(version.summary)
    head["jarshy"] = meta
    # Editors link to other items by file name (x.kk.md); the staged page is x.md.
    body = _MD_LINK.sub(lambda m: f"]({m[1]}.md{m[3] or ''})", version.body.strip("\n"))
    if not re.match(r"#\s", body):
        body = f"# {_md_escape(version.title)}\n\n{body}"
    title, _, rest = body.partition("\n")
    top = [title]
    if version.summary:
        # The lead paragraph (standfirst): the summary, set larger under the title.
        top.append(f'<p class="{STANDFIRST}">{html.escape(version.summary)}</p>')
    else:
        rest = standfirst(rest)
    if "image" in meta:
        # The item's picture under its title and lead: the page shows what the paper prints.
        top.append(item_figure(str(meta["image"]), version))
    body = "\n\n".join(top) + "\n" + rest
    return StagedFile(ctx.item_path(item), front_matter(head) + body + "\n")


STANDFIRST = "jarshy-standfirst"  # the lead paragraph's class (themes/.../jarshy-pages.css)
# A line that starts something other than a plain paragraph (heading, list, quote, table,
# HTML, picture, code fence, definition, attribute list) or is indented code.
_NOT_PARAGRAPH = re.compile(r"^(?: {4}|\t| {0,3}(?:[#>*+|<!:{-]|\d+[.)](?:\s|$)|```|~~~))")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)\s*$")


def standfirst(markdown: str) -> str:
    """``markdown`` with its first block marked as the lead paragraph when that block is a
    plain paragraph (an item without a summary); anything else is left as it is."""
    lines = markdown.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or _NOT_PARAGRAPH.match(lines[start]):
        return markdown
    end = start
    while end < len(lines) and lines[end].strip():
        if end > start and (_SETEXT.match(lines[end]) or _NOT_PARAGRAPH.match(lines[end])):
            return markdown  # a heading underline or another block inside: not one paragraph
        end += 1
    return "\n".join([*lines[:end], f"{{: .{STANDFIRST} }}", *lines[end:]])


def item_figure(src: str, version: Version) -> str:
    """The item's picture as a figure; its caption is ``image_caption``, else the alt text
    (docs/editors.md, "Pictures and captions")."""
    caption = version.image_caption or version.image_alt
    cap = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return (f'<figure class="jarshy-figure jarshy-figure--item"><img src="{html.escape(src)}" '
            f'alt="{html.escape(version.image_alt)}">{cap}</figure>')


def _missing_page(ctx: StageContext, item: Item, original: Version) -> StagedFile:
    """In the reader's language: the translation is not ready; a link to the original."""
    path = ctx.item_path(item)
    meta = base_meta(ctx, item, original)
    meta.update(type="translation-missing", translation_ready=False,
                author="", summary="", tags=[])
    notice = ctx.t("translation_missing")
    head: dict[str, object] = {"title": html.escape(notice), "search": {"exclude": True},
                               "jarshy": meta}
    original_url = meta["translation_url"]
    body = (
        f"# {notice}\n\n"
        f"{ctx.t('translation_missing_text')}\n\n"
        f'<p class="jarshy-original">'
        f'<a href="{html.escape(str(original_url))}" hreflang="{ctx.other_lang}" '
        f'lang="{ctx.other_lang}">{html.escape(original.title)}</a></p>\n\n'
        f'<p><a class="md-button" href="{html.escape(str(original_url))}" '
        f'hreflang="{ctx.other_lang}">{html.escape(ctx.t("read_original"))}</a></p>\n'
    )
    return StagedFile(path, front_matter(head) + body)


def _md_escape(text: str) -> str:
    """A title as Markdown heading text: HTML escaped, Markdown punctuation kept literal."""
    escaped = html.escape(text, quote=False)
    return re.sub(r"([\\`*_\[\]#])", r"\\\1", escaped)

