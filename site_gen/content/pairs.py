"""Checks between files: the two files of a pair, and items' addresses.

Where it sits: a step of ``check`` (``site_gen.content.check``) once every file is read and
the items are put together, before the site-wide checks (``site_gen.content.sitewide``). A
long-running process's ``FileCache`` keeps each item's own findings (``FileCache.pairs``)
while the item is the same object; addresses are compared on every run.
"""

from __future__ import annotations

from .diagnostics import Diagnostic
from .filecache import PairFindings
from .model import ContentSet, Item, Lang, Version

LANG_NAMES = {"kk": "Kazakh", "ru": "Russian"}


def cross_checks(content: ContentSet, out: list[Diagnostic], missing_files: dict[str, list[str]],
                 present: frozenset[tuple[str, str, Lang]] = frozenset(),
                 memo: dict[int, tuple[Item, PairFindings]] | None = None) -> dict[str, Version]:
    """The checks between the two files of a pair and between items' addresses; returns
    each address with the version that has it. ``missing_files``: each language's items
    without it (``check``'s Report), filled in. ``memo`` (``FileCache.pairs``): each item's
    own findings, kept while the item is the same object."""
    urls: dict[str, Version] = {}
    for item in content.items:
        missing = item.missing()
        flags = tuple((item.folder, item.stem, lang) in present for lang in missing) \
            if missing else ()
        hit = None if memo is None else memo.get(id(item))
        if hit is None or hit[0] is not item or hit[1][0] != flags:
            found: list[Diagnostic] = []
            lacking = _pair_checks(item, flags, found)
            own = [(item.url(v.lang), v) for v in item.versions.values()]
            hit = (item, (flags, lacking, found, own))
            if memo is not None:
                memo[id(item)] = hit
        _, lacking, found, own = hit[1]
        for lang in lacking:
            missing_files[lang].append(item.key)
        if found:
            out.extend(found)
        for url, version in own:
            if url in urls:
                if urls[url].path != version.path:
                    out.append(Diagnostic(version.path, 1, 1, "error", "duplicate-url",
                                          f"this item gets the same address {url} as "
                                          f"{urls[url].path}", "rename one of the files"))
            else:
                urls[url] = version
    return urls


def _pair_checks(item: Item, present: tuple[bool, ...], out: list[Diagnostic]) -> list[Lang]:
    """One item's own cross checks; the languages it misses (``present``: whether each
    missing language's file exists, with errors of its own)."""
    missing: list[Lang] = []
    for lang, there in zip(item.missing(), present, strict=True):
        if there:
            continue  # the file exists; its own errors are reported
        other = item.primary
        missing.append(lang)
        target = other.path[: -len(".kk.md")] + f".{lang}.md"
        out.append(Diagnostic(other.path, 1, 1, "warning", f"missing-{lang}",
                              f"no {LANG_NAMES[lang]} version", f"add {target}"))
    if item.section == "orders" and item.signage is None and item.kind != "event":
        # 5.1.8: the monitors show management's orders and directives.
        first = item.primary
        out.append(Diagnostic(first.path, first.lines.get("section", 1), 1, "warning",
                              "order-not-on-screens", "orders and directives go on the "
                              "monitors, but this one has no 'signage:' block",
                              "add a signage: block with its dates (from, until)"))
    kk, ru = item.versions.get("kk"), item.versions.get("ru")
    if kk and ru:
        for name in ("date", "section", "kind", "issue"):
            if getattr(kk, name) != getattr(ru, name):
                out.append(Diagnostic(
                    ru.path, ru.lines.get(name, 1), 1, "warning", "pair-differs",
                    f"{name} '{getattr(ru, name)}' differs from the Kazakh file's "
                    f"'{getattr(kk, name)}'", f"make both files say the same {name}"))
    return missing


__all__ = ["LANG_NAMES", "cross_checks"]
