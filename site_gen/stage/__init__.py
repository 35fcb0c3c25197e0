"""Staging: a validated ContentSet → one plain MkDocs + Material project per language.

Flow: ``site_gen.content.check`` → :func:`stage_language` (this package) writes
``build/<lang>/docs/**`` (items, "translation not ready" pages, section pages, the home
page with its extension blocks, extension pages, images, the font) and
``build/<lang>/mkdocs.yml`` (derived from the repo's ``mkdocs.yml``) → ``site_gen.build``
renders both languages with ProperDocs + mkdocs-material in parallel processes.

Files are written only when their text changed (temp file + ``os.replace``), and files no
longer produced are removed, so ``StageResult.changed`` is exactly what a live preview has
to rebuild. With a :class:`~site_gen.stage.memo.StageMemo` kept by the caller, a staging
reuses what the last one made from the same inputs and compares the new files with the
ones it wrote last time, not with the disk (same result, same files). Nothing here imports
the engine: the staged project is plain MkDocs-format input, which ProperDocs
(``site_gen.engine``) renders.
"""

from __future__ import annotations

import logging
import os
import posixpath
import shutil
import stat
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from ..content.diagnostics import Diagnostic
from ..content.files import (
    ACTIVE_TYPES,
    ContentFileError,
    open_content_file,
    read_content_bytes,
    walk_content,
)
from ..content.model import ContentSet, Item, Lang
from ..pictures import SVG_MAX_BYTES, published_name, rasterise_svg
from . import config as cfg
from . import syntax
from .extensions import Registry, StageContext, StagedFile, load_extensions
from .home import home_page, sections_with_items
from .items import item_files
from .memo import StageMemo, folder_id, reuse

log = logging.getLogger(__name__)
KEEP = (cfg.FONT_DIR + "/",)  # copied by size; never deleted as stale


@dataclass
class StageResult:
    lang: Lang
    project: Path  # build/<lang>
    config: Path  # build/<lang>/mkdocs.yml
    docs: Path
    site: Path
    changed: set[str] = field(default_factory=set)  # docs-relative paths written this time
    removed: set[str] = field(default_factory=set)
    config_changed: bool = False
    missing: list[Item] = field(default_factory=list)  # shown as "translation not ready"
    problems: list[Diagnostic] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # extension blocks/pages that failed


def stage_language(content: ContentSet, lang: Lang, now: datetime, *, repo: Path,
                   build_dir: Path, site_dir: Path, registry: Registry | None = None,
                   base: dict[str, Any] | None = None,
                   memo: StageMemo | None = None) -> StageResult:
    """Write (or update) ``build_dir/<lang>``; return what changed. ``memo``: see
    :mod:`site_gen.stage.memo` (the same result, made from what changed)."""
    registry = registry if registry is not None else load_extensions()
    base = base if base is not None else cfg.read_base(repo / "mkdocs.yml")
    project = (build_dir / lang).resolve()
    docs = project / "docs"
    site = (site_dir / lang).resolve()
    result = StageResult(lang, project, project / "mkdocs.yml", docs, site)
    ctx = StageContext(content, lang, now, docs, site, memo)
    if memo is not None:
        memo.begin(content, lang, now, docs, _world(content, registry, repo, site))
    docs.mkdir(parents=True, exist_ok=True)

    extras: dict[str, dict[str, object]] = {}
    for name, make_meta in registry.item_meta:
        try:
            for key, value in make_meta(ctx).items():
                extras.setdefault(key, {})[name] = value
        except Exception as problem:  # noqa: BLE001 - as for pages: report, go on
            result.failures.append(f"item meta '{name}': {type(problem).__name__}: {problem}")
    items = item_files(ctx, extras)
    result.missing = items.missing
    result.problems = items.problems
    files: dict[str, StagedFile] = {f.path: f for f in items.files}
    for f in _section_pages(ctx):
        files[f.path] = f
    home, failed = home_page(ctx, registry)
    files[home.path] = home
    result.failures += [f"home block {f}" for f in failed]
    for name, make in registry.page_makers:
        try:
            extra = list(make(ctx))
        except Exception as problem:  # noqa: BLE001 - a broken extension must not sink the site
            result.failures.append(f"pages '{name}': {type(problem).__name__}: {problem}")
            continue
        for f in extra:
            why = _bad_path(f.path, files)
            if why:
                result.failures.append(f"pages '{name}': {f.path}: {why}")
                continue
            files[f.path] = f
    fonts = cfg.font_files(base)
    files[cfg.FONT_CSS] = StagedFile(cfg.FONT_CSS, cfg.font_css(fonts))
    cfg.copy_fonts(fonts, docs)

    wanted = set(files)
    known = memo is not None and memo.known
    before = set(memo.files) | set(memo.assets) if memo is not None and known else set()
    if memo is not None:
        memo.known = False  # until every write below is done (a failure leaves it cold)
    for f in files.values():
        if memo is not None and known:
            if _same(memo.files.get(f.path), f.data):
                continue
            _write(docs / f.path, f.data)
            result.changed.add(f.path)
        elif _write_if_changed(docs / f.path, f.data):
            result.changed.add(f.path)
    wanted |= _copy_assets(content.root, docs, result.changed, memo, known)
    for path in before if known else _existing(docs):
        if path not in wanted and not path.startswith(KEEP):
            (docs / path).unlink(missing_ok=known)
            result.removed.add(path)
    if memo is not None:
        memo.files = {path: f.data for path, f in files.items()}
        memo.known = True
        memo.docs_id = folder_id(docs)

    nav = _nav(ctx, registry, result)
    pages = [f for f in files.values() if f.path.endswith(".md") and isinstance(f.data, str)]
    unused = _unused(memo, pages) if memo is not None else \
        syntax.unused(str(f.data) for f in pages)
    text = reuse(memo, "config", "text", (base, content.settings, nav, unused),
                 partial(cfg.language_config, base, content, lang, repo, docs, site, nav, unused))
    result.config_changed = _write_if_changed(result.config, text)
    return result


def _world(content: ContentSet, registry: Registry, repo: Path, site: Path) -> object:
    """What every product of a staging may depend on besides the items and ``now``."""
    return (content.root, content.settings, content.screens, content.issues, repo, site,
            _templates(),
            tuple(b.name for b in registry.home_blocks), tuple(n for n, _ in registry.page_makers),
            tuple(n for n, _ in registry.item_meta), tuple(n.name for n in registry.nav_sources))


THEMES = Path(__file__).resolve().parents[2] / "themes"  # the templates staging renders


def _templates() -> tuple[tuple[str, int, int], ...]:
    """Name, modification time and size of every template file: an edited template (the
    live preview) makes the memo's products again."""
    found = []
    for folder, _dirs, names in os.walk(THEMES):
        for name in names:
            st = os.stat(os.path.join(folder, name))
            found.append((os.path.join(folder, name), st.st_mtime_ns, st.st_size))
    return tuple(sorted(found))


def _same(old: str | bytes | None, new: str | bytes) -> bool:
    """Whether the file written last time (``old``) has the bytes of ``new``."""
    if old is new:
        return True
    if old is None:
        return False
    if type(old) is type(new):
        return old == new
    return (old.encode() if isinstance(old, str) else old) == \
        (new.encode() if isinstance(new, str) else new)


def _unused(memo: StageMemo, pages: list[StagedFile]) -> set[str]:
    """``syntax.unused`` of the pages, each page's answer kept while its text stays."""
    used: set[str] = set()
    kept: dict[str, tuple[str, frozenset[str]]] = {}
    for f in pages:
        text = f.data
        assert isinstance(text, str)
        hit = memo.syntax.get(f.path)
        if hit is None or not (hit[0] is text or hit[0] == text):
            hit = (text, syntax.uses(text))
        kept[f.path] = hit
        used |= hit[1]
    memo.syntax = kept
    return set(syntax.OPTIONAL) - used


def _section_pages(ctx: StageContext) -> list[StagedFile]:
    """Each section's pages of cards, paged (``site_gen.newspaper.sections``: the cards
    share the newspaper's templates and words; imported here, when staging runs, because
    that package imports this one)."""
    from ..newspaper.sections import section_pages

    return section_pages(ctx)


def _nav(ctx: StageContext, registry: Registry, result: StageResult) -> list[Any]:
    entries: list[tuple[int, str, Any]] = [(0, "", {ctx.t("home"): "index.md"})]
    sections = [{ctx.t(f"section.{s}"): f"{s}/index.md"} for s in sections_with_items(ctx)]
    if sections:
        entries.append((90, "", {ctx.t("sections"): sections}))
    for source in registry.nav_sources:
        try:
            for title, path in source.make(ctx):
                entries.append((source.order, source.name, {title: path}))
        except Exception as problem:  # noqa: BLE001 - as for pages: report, go on
            result.failures.append(f"nav '{source.name}': {type(problem).__name__}: {problem}")
    return [entry for _, _, entry in sorted(entries, key=lambda e: (e[0], e[1]))]


def _bad_path(path: str, files: dict[str, StagedFile]) -> str:
    norm = posixpath.normpath(path)
    if path.startswith("/") or norm.startswith("..") or norm != path or "\\" in path:
        return "the path must stay inside the docs folder, written like 'newspaper/12.md'"
    if path in files:
        return "another page already has this path"
    return ""


def _write_if_changed(target: Path, data: str | bytes) -> bool:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if target.read_bytes() == raw:
            return False
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(raw)
    os.replace(tmp, target)
    return True


def _write(target: Path, data: str | bytes) -> None:
    """Write ``data`` (the memo knows it differs from what is there)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(raw)
    os.replace(tmp, target)


def _copy_assets(root: Path, docs: Path, changed: set[str],
                 memo: StageMemo | None = None, known: bool = False) -> set[str]:
    """Pictures, videos and documents under content/ go to the same place in the docs dir,
    through the content boundary (``site_gen.content.files``): a link, a folder that is a
    link and an active file (.html, .js …) are never copied (``check`` reports each), and
    an SVG goes as the PNG it draws (``x.svg`` → ``x.svg.png``), never as SVG."""
    copied: set[str] = set()
    last = memo.assets if memo is not None else {}
    done_now: dict[str, tuple[int, int]] = {}
    for rel, st in memo.walk_assets(root) if memo is not None and known else walk_content(root):
        if not stat.S_ISREG(st.st_mode) or rel.suffix == ".md" or \
                rel.suffix.lower() in ACTIVE_TYPES or \
                any(part.startswith((".", "_")) for part in rel.parts):
            continue
        out = published_name(rel)
        path = out.as_posix()
        dst = docs / out
        stamp = (st.st_mtime_ns, st.st_size if out == rel else -1)
        if known:
            if last.get(path) == stamp:
                copied.add(path)
                done_now[path] = stamp
                continue
        else:
            try:
                done = dst.stat()
                if done.st_mtime_ns == st.st_mtime_ns and \
                        (out != rel or done.st_size == st.st_size):
                    copied.add(path)
                    done_now[path] = stamp
                    continue
            except FileNotFoundError:
                pass
        tmp = dst.with_name(f".{dst.name}.tmp")
        try:
            if out != rel:
                data = rasterise_svg(read_content_bytes(root, rel, limit=SVG_MAX_BYTES))
                dst.parent.mkdir(parents=True, exist_ok=True)
                tmp.write_bytes(data)
            else:
                with open_content_file(root, rel) as src:
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    with tmp.open("wb") as fh:
                        shutil.copyfileobj(src, fh, 1 << 20)
        except ContentFileError as problem:
            # check reports it at the file (and the item that shows it is left out).
            log.warning("%s/%s %s; it is not published", root.name, rel.as_posix(),
                        problem.problem)
            continue
        os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
        os.replace(tmp, dst)
        copied.add(path)
        changed.add(path)
        done_now[path] = stamp
    if memo is not None:
        memo.assets = done_now
    return copied


def _existing(docs: Path) -> list[str]:
    return [p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()]


__all__ = ["StageMemo", "StageResult", "stage_language"]
