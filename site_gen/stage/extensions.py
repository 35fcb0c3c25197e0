"""The staging extension API: how other channels add to each language's site.

Where it sits: ``site_gen.stage`` turns a :class:`ContentSet` into one plain MkDocs project
per language (``build/<lang>/docs`` + ``build/<lang>/mkdocs.yml``). Before it writes the
project it loads every module named in :data:`EXTENSIONS`; each module exposes::

    def extend(registry: Registry) -> None:
        registry.add_home_block("latest-issue", 20, render_latest_issue)
        registry.add_pages("newspaper", make_issue_pages)
        registry.add_nav("newspaper", 20, newspaper_nav)

A module listed here but not importable yet is skipped with a warning (the build goes on).

The three kinds of contribution, all called once per language with a :class:`StageContext`:

``add_home_block(name, order, render)``
    ``render(ctx) -> str | None``: Markdown (raw HTML allowed, ``md_in_html``, tables,
    attr_list, abbr, def_list and admonition are on; the staging turns it into HTML, see
    ``stage.home.block_html``; links must be final URLs, e.g. from ``ctx.href``) placed
    on the language's home page, blocks sorted by ``order`` (lower first). Return ``None``
    or ``""`` when there is nothing to show today. The staging's own blocks use orders
    10 (intro) and 90 (sections); newspaper blocks take 20-49, signage 50-59.
``add_pages(name, make)``
    ``make(ctx) -> Iterable[StagedFile]``: extra files written under the language's docs dir:
    Markdown pages (issue front pages, archive, "on the screens today") or assets (feeds,
    PNG thumbnails). Paths are docs-relative POSIX paths (``newspaper/12.md``,
    ``feed.xml``); a path that leaves the docs dir or clashes with an item is refused.
    A Markdown page may start with YAML front matter; put ``jarshy: {type: ...}`` there to
    give templates a hint.
``add_nav(name, order, make)``
    ``make(ctx) -> Sequence[tuple[str, str]]``: (title, docs path) entries for the small
    sidebar, sorted by ``order`` with the staging's own (home 0, sections 90).
``add_item_meta(name, make)``
    ``make(ctx) -> Mapping[item key, value]``: called once per language before the item
    pages are written; each listed item's page gets ``page.meta.jarshy[name] = value``
    (e.g. the newspaper's ready article header and footer). Templates read it from the
    page itself, so nothing scans the whole site per page.

Links: inside Markdown link to docs paths (``[title](../news/x.md)``) and MkDocs makes them
relative; inside raw HTML use ``ctx.href(target, from_page)``, which returns a URL relative
to the page being written. Dates: ``ctx.format_date(d)`` uses Babel in the page's language.
Strings: ``ctx.t(key)`` reads ``site_gen.stage.strings`` for the language.
Templates: item pages carry their metadata in ``page.meta.jarshy`` (see ``stage.items``).
"""

from __future__ import annotations

import functools
import importlib
import logging
import posixpath
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..content.model import ContentSet, Item, Lang, Version
from . import strings
from .memo import StageMemo

log = logging.getLogger(__name__)

# Modules with an ``extend(registry)`` function, loaded in this order.
EXTENSIONS: tuple[str, ...] = (
    "site_gen.newspaper.stage",
    "site_gen.signage_pages.stage",
    "site_gen.blog.page",
)


@dataclass(frozen=True, slots=True)
class StagedFile:
    """A file an extension adds to the staged docs dir of one language."""

    path: str  # docs-relative POSIX path: "newspaper/12.md", "assets/screens/lobby.png"
    data: str | bytes


@dataclass(frozen=True, slots=True)
class StageContext:
    """What an extension sees while one language is staged."""

    content: ContentSet
    lang: Lang
    now: datetime  # aware, in the company's zone
    docs_dir: Path  # build/<lang>/docs
    site_dir: Path  # where this language is rendered: site/<lang>
    # The caller's StageMemo (site_gen.stage.memo) on the warm path, else None: extensions
    # may keep their products in its stores (memo.reuse) between stagings.
    memo: StageMemo | None = field(default=None, compare=False)
    # What this staging computed once and many ask for (the published items).
    cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def other_lang(self) -> Lang:
        return "ru" if self.lang == "kk" else "kk"

    def published(self, lang: Lang | None = None) -> list[tuple[Item, Version]]:
        """Items on the site in this language (or ``lang``) at ``now``, newest first
        (computed once per staging; a new list each time)."""
        lang = lang or self.lang
        rows = self.cache.get(f"published:{lang}")
        if rows is None:
            if self.memo is None:
                rows = list(self.content.published(lang, self.now))
            else:  # the same list, sorted with what the memo kept
                rows = [(item, version) for item in self.memo.newest_first(self.content)
                        if (version := item.versions.get(lang)) is not None
                        and version.on_air(self.now)]
            self.cache[f"published:{lang}"] = rows
        return list(rows)

    def t(self, key: str, **values: object) -> str:
        """A UI string in this language (``site_gen.stage.strings``)."""
        return strings.t(self.lang, key, **values)

    def item_path(self, item: Item) -> str:
        """The docs-relative Markdown path of an item: ``news/2026-11-20-x.md``."""
        return f"{item.section}/{item.stem}.md"

    def href(self, target: Item | str, from_page: str) -> str:
        """URL of ``target`` (an item or a docs path) relative to the page ``from_page``."""
        path = self.item_path(target) if isinstance(target, Item) else target
        return relative_url(page_url(path), page_url(from_page))

    def href_other_lang(self, item: Item, from_page: str) -> str:
        """URL of ``item`` in the other language's site, relative to ``from_page``."""
        here = f"{self.lang}/{page_url(from_page)}"
        return relative_url(f"{self.other_lang}/{page_url(self.item_path(item))}", here)

    def format_date(self, value: date | datetime, fmt: str = "long") -> str:
        return strings.format_date(value, self.lang, fmt)


def page_url(docs_path: str) -> str:
    """The directory URL MkDocs gives a docs path: ``news/x.md`` → ``news/x/``."""
    if not docs_path.endswith(".md"):
        return docs_path
    stem = docs_path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


@functools.lru_cache(maxsize=65536)  # every card links each page to others: pure, asked often
def relative_url(target: str, base_dir: str) -> str:
    """``target`` relative to the directory URL ``base_dir`` (both site-relative, no /)."""
    rel = _relpath(target, base_dir)
    if rel == ".":
        rel = "./"
    elif (target == "" or target.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    return rel


def _relpath(target: str, base_dir: str) -> str:
    """``posixpath.relpath("/" + target, "/" + base_dir)``, by comparing the parts (relpath
    resolves both paths first, which the staging paid thousands of times per language)."""
    to = [p for p in target.split("/") if p]
    base = [p for p in base_dir.split("/") if p]
    if any(p in (".", "..") for p in to + base):
        return posixpath.relpath("/" + target, "/" + base_dir)
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


HomeRender = Callable[[StageContext], "str | None"]
PageMaker = Callable[[StageContext], Iterable[StagedFile]]
NavMaker = Callable[[StageContext], Sequence[tuple[str, str]]]
ItemMetaMaker = Callable[[StageContext], Mapping[str, object]]


@dataclass(frozen=True, slots=True)
class HomeBlock:
    name: str
    order: int
    render: HomeRender


@dataclass(frozen=True, slots=True)
class NavSource:
    name: str
    order: int
    make: NavMaker


@dataclass
class Registry:
    """Everything the extensions add; filled once per build by :func:`load_extensions`."""

    home_blocks: list[HomeBlock] = field(default_factory=list)
    page_makers: list[tuple[str, PageMaker]] = field(default_factory=list)
    item_meta: list[tuple[str, ItemMetaMaker]] = field(default_factory=list)
    nav_sources: list[NavSource] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # modules that could not be loaded

    def add_home_block(self, name: str, order: int, render: HomeRender) -> None:
        self.home_blocks.append(HomeBlock(name, order, render))

    def add_pages(self, name: str, make: PageMaker) -> None:
        self.page_makers.append((name, make))

    def add_item_meta(self, name: str, make: ItemMetaMaker) -> None:
        self.item_meta.append((name, make))

    def add_nav(self, name: str, order: int, make: NavMaker) -> None:
        self.nav_sources.append(NavSource(name, order, make))

    def sorted_home_blocks(self) -> list[HomeBlock]:
        return sorted(self.home_blocks, key=lambda b: (b.order, b.name))


def load_extensions(names: Sequence[str] = EXTENSIONS, registry: Registry | None = None,
                    ) -> Registry:
    """Import each module and call its ``extend``; a missing module is skipped with a warning."""
    registry = registry if registry is not None else Registry()
    for name in names:
        try:
            module = importlib.import_module(name)
        except ImportError as problem:
            # Extensions land while the site is already in use: a missing one must not stop it.
            log.warning("staging extension %s is not available (%s); skipped", name, problem)
            registry.skipped.append(name)
            continue
        extend = getattr(module, "extend", None)
        if not callable(extend):
            log.warning("staging extension %s has no extend(registry) function; skipped", name)
            registry.skipped.append(name)
            continue
        extend(registry)
    return registry
