"""Incremental rendering: render again only the pages whose inputs changed.

Where it sits: inside ``site_gen.build.render_language`` (one language, in its forked
worker) and the live preview (``site_gen.serve``), between staging (``site_gen.stage``
writes a plain project in ``build/<lang>``, rewriting only files whose bytes changed) and
the search index (``site_gen.search``). The site is always written into a fresh folder;
this module decides, per output page, whether it can be taken from the previous site.
The long-running services keep a ``site_gen.render_session.RenderSession`` per language
instead: the same decisions from ProperDocs' objects kept in memory, with no cache file,
no walk of the staged files and no load of the config per build.

What a page is rendered from, and what the cache (``Cache``, JSON in the output's state
folder ``.<site>.last-good/incremental/<lang>.json``, written by ``site_gen.build``) keeps:

* the **stamp** (:func:`stamp`): the versions of the engine, the theme and the Markdown
  libraries, every file of the theme overrides (``themes/``), every module of ``site_gen``
  (hooks and Markdown extensions run inside the render), the staged ``mkdocs.yml`` (config,
  navigation, interface strings) and the build date the engine gives the pages. When it
  differs from the cache's, everything is rendered again (a full build);
* the **navigation** as the pages see it (titles, addresses, sections, in order): when it
  differs, every page is rendered again (every page shows it);
* per page, the **hash of its staged file** (its Markdown and meta: lists, prev/next links,
  related items and everything else staging computes), and every **lookup of another file**
  its Markdown made while it was rendered (a link to ``../x.md`` becomes ``../x/`` only if
  ``x.md`` exists) with what it found. A page whose hash and lookups are the same, and whose
  previous output is there, is hard-linked from the previous site (same bytes, same
  modification time: nginx's ETag stays);
* per static file (pictures, the theme's assets), its source's path, size and modification
  time: unchanged ones are linked too, the others copied.

The pages that are rendered go through ProperDocs' own functions, the ones its full build
runs (``_populate_page``, ``_build_page``, ``_build_theme_template``), so their bytes are the
same as a full build's; the 404 page and the sitemap are rendered every time. A missing,
unreadable or older cache means a full build (``properdocs.commands.build.build``, with a
recorder plugin that writes the cache). ``tests/unit/test_incremental.py`` compares whole
trees of incremental and full builds after random edits, additions, deletions and renames.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from . import engine
from .stage import syntax

VERSION = 1
# Everything that turns a staged project into pages, besides the staged files themselves.
PACKAGES = ("properdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2",
            "markupsafe", "nh3", "pygments", "pyyaml", "babel")
CODE = Path(__file__).resolve().parent  # site_gen/: hooks and Markdown extensions
# Written by the engine after the pages; never hard-linked (they are written again).
AFTER = ("search/search_index.json",)
# Plugins known to make each page from that page alone: ours. Any other (Material's search
# plugin gathers every page's text into one file after the build) means a full build.
PAGE_LOCAL = ("jarshy-incremental", str(CODE / "mkdocs_hooks.py"))

Cache = dict[str, Any]


@dataclass
class Outcome:
    """What rendering one language did (``site_gen.build.BuildReport`` shows it)."""

    pages: int = 0  # documentation pages of the language
    rendered: int = 0  # of those, rendered this time (the rest linked from the last site)
    full: str = ""  # why everything was rendered; "" for an incremental render
    cache: Cache = field(default_factory=dict)
    paths: list[str] = field(default_factory=list)  # the rendered pages' staged files


class _Recorder:
    """A plugin that records, per page, every file its Markdown looked up and what it
    found; and the engine's ``Files`` and navigation."""

    def __init__(self) -> None:
        self.current: str | None = None
        self.lookups: dict[str, dict[str, str]] = {}
        self.files: Any = None
        self.nav: Any = None

    def on_files(self, files: Any, *, config: Any) -> Any:
        original = files.get_file_from_path

        def lookup(path: str) -> Any:
            found = original(path)
            if self.current is not None:
                self.lookups[self.current][path] = _found(found)
            return found

        files.get_file_from_path = lookup
        self.files = files
        return files

    def on_nav(self, nav: Any, *, config: Any, files: Any) -> Any:
        self.nav = nav
        return nav

    def on_pre_page(self, page: Any, *, config: Any, files: Any) -> Any:
        self.current = page.file.src_uri
        self.lookups[page.file.src_uri] = {}
        return page

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        self.current = None
        return html


def _found(file: Any) -> str:
    return "" if file is None else f"{file.url}|{file.inclusion.name}"


def stamp(custom_dir: Path | None) -> str:
    """The hash of the engine, the theme and the code: the same for both languages."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"v{VERSION}".encode())
    for name in PACKAGES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version};".encode())
    folders = [CODE] + ([custom_dir] if custom_dir is not None else [])
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def key(base: str, config_file: Path) -> dict[str, str]:
    """Everything but the staged pages that one language's render depends on, by part:
    ``base`` (:func:`stamp`), the staged config (navigation included) and the build date the
    engine gives the pages (``SOURCE_DATE_EPOCH`` when set: the sitemap shows it)."""
    engine.ensure()
    from properdocs.utils import get_build_date

    return {"engine, theme or code": base, "config": _hash(_config_bytes(config_file)),
            "build date": get_build_date()}


def _config_bytes(config_file: Path) -> bytes:
    """The staged config as the cache compares it: without the plain entries of the optional
    Markdown extensions (``site_gen.stage.syntax``), which are in it only while some page
    uses their syntax. A page without that syntax renders the same with or without them, and
    a page that starts or stops using it has changed itself (its staged file), so a first
    footnote or table is not a reason to render every page again. An optional extension
    written with options (more than one line) stays in the hash: a full build, to be safe."""
    optional = {f"- {name}" for name in syntax.OPTIONAL}
    lines = config_file.read_bytes().split(b"\n")
    return b"\n".join(line for line in lines if line.decode("utf-8", "replace") not in optional)


def read_cache(path: Path) -> Cache | None:
    """The cache of the previous build, or None when it is missing, unreadable or older."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return None
    return data


def write_cache(path: Path, cache: Cache) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(cache, ensure_ascii=False, separators=(",", ":")),
                   encoding="utf-8")
    os.replace(tmp, path)


def _hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _load(config_file: Path, site_dir: Path, recorder: _Recorder) -> Any:
    engine.ensure()
    from properdocs.config import load_config
    from properdocs.config.defaults import ProperDocsConfig

    engine.quiet()
    # Plugins with on_startup are cached for the whole process by the engine: each render
    # gets its own (a live preview renders kk and ru in one process).
    plugins_option: Any = ProperDocsConfig.plugins
    plugins_option.plugin_cache.clear()
    config = load_config(str(config_file), site_dir=str(site_dir))
    config.plugins["jarshy-incremental"] = recorder  # type: ignore[assignment]
    return config


def prepare(config: Any) -> tuple[Any, Any, Any, Any]:
    """The steps of ``properdocs.commands.build.build`` before its pages, in its order:
    plugins' config and pre-build, the files (the theme's too), exclusions and the
    navigation. Returns ``(config, files, env, nav)``; shared with
    ``site_gen.render_session``'s fresh load."""
    from properdocs.structure.files import get_files, set_exclusions
    from properdocs.structure.nav import get_navigation

    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = get_files(config)
    env = config.theme.get_env()
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    return config, files, env, nav


def _nav_key(nav: Any) -> str:
    """The navigation as every page shows it: titles, addresses and nesting, in order."""
    def walk(items: Any) -> list[Any]:
        return [[type(i).__name__, str(i.title), str(getattr(i, "url", "") or ""),
                 walk(i.children or [])] for i in items]
    return _hash(json.dumps(walk(nav.items), ensure_ascii=False).encode())


def _static_key(file: Any) -> list[Any] | None:
    if file.generated_by is not None or file.abs_src_path is None:
        return None  # made by a plugin during the build: always written again
    st = os.stat(file.abs_src_path)
    return [file.abs_src_path, st.st_size, st.st_mtime_ns]


def _cache(key: dict[str, str], nav_key: str, files: Any,
           lookups: dict[str, dict[str, str]],
           old: Cache | None) -> Cache:
    from properdocs.structure.files import InclusionLevel

    pages: dict[str, Any] = {}
    before = (old or {}).get("pages", {})
    for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
        seen = lookups.get(file.src_uri)
        if seen is None:  # linked this time: what it was rendered from is unchanged
            seen = before.get(file.src_uri, [None, {}])[1]
        pages[file.src_uri] = [_hash(file.content_bytes), seen]
    static = {}
    included: Any = InclusionLevel.is_included
    for file in files:
        if not file.is_documentation_page() and included(file.inclusion):
            mark = _static_key(file)
            if mark is not None:
                static[file.dest_uri] = mark
    return {"version": VERSION, "key": key, "nav": nav_key, "pages": pages, "static": static}


def full(config_file: Path, site_dir: Path, key: dict[str, str], why: str,
         old: Cache | None = None) -> Outcome:
    """ProperDocs' own full build of the project, recording what the cache needs."""
    from properdocs.commands.build import build as engine_build

    recorder = _Recorder()
    config = _load(config_file, site_dir, recorder)
    engine_build(config)
    cache = _cache(key, _nav_key(recorder.nav), recorder.files, recorder.lookups, old)
    return Outcome(len(cache["pages"]), len(cache["pages"]), why, cache, sorted(cache["pages"]))


def render(config_file: Path, site_dir: Path, previous: Path, old: Cache | None,
           key: dict[str, str]) -> Outcome:
    """Render ``config_file``'s project into the empty folder ``site_dir``, taking from
    ``previous`` (the last site of this language, which ``old`` describes) every page and
    file whose inputs did not change; a full build when that cannot be known."""
    if old is None:
        return full(config_file, site_dir, key, "no cache of the last build")
    if old.get("key") != key:
        before = old.get("key") or {}
        changed = [part for part in key if before.get(part) != key[part]]
        return full(config_file, site_dir, key, " and ".join(changed) + " changed", old)
    if not previous.is_dir():
        return full(config_file, site_dir, key, "no previous site", old)
    from properdocs.commands import build as engine_steps
    from properdocs.structure.files import InclusionLevel
    from properdocs.structure.pages import Page

    steps: Any = engine_steps
    recorder = _Recorder()
    config = _load(config_file, site_dir, recorder)
    others = [name for name in config.plugins if name not in PAGE_LOCAL]
    if others:
        return full(config_file, site_dir, key, f"plugin {others[0]} reads every page", old)
    config, files, env, nav = prepare(config)  # site_dir is empty
    included: Any = InclusionLevel.is_included
    docs = files.documentation_pages(inclusion=included)
    for file in docs:
        if file.page is None:
            Page(None, file, config)
    todo = {file.src_uri for file in docs if _changed(file, old, files, previous)}
    in_nav = {page.file.src_uri for page in nav.pages}
    for file in docs:  # the navigation's pages always: their titles are in every page
        if file.src_uri in todo or file.src_uri in in_nav:
            steps._populate_page(file.page, config, files)
    nav_key = _nav_key(nav)
    if nav_key != old.get("nav"):
        for file in docs:
            if file.src_uri not in todo and file.src_uri not in in_nav:
                steps._populate_page(file.page, config, files)
        todo = {file.src_uri for file in docs}
    env = config.plugins.on_env(env, config=config, files=files)
    statics = old.get("static", {})
    for file in files:
        if file.is_documentation_page() or not included(file.inclusion):
            continue
        mark = _static_key(file)
        if mark is None or statics.get(file.dest_uri) != mark or \
                not _link(previous / file.dest_uri, Path(file.abs_dest_path)):
            _unshare(Path(file.abs_dest_path))
            file.copy_file()
    for template in config.theme.static_templates:
        _unshare(site_dir / template)
        steps._build_theme_template(template, env, files, config, nav)
    for template in config.extra_templates:
        steps._build_extra_template(template, files, config, nav)
    doc_files = files.documentation_pages(inclusion=included)
    rendered = []
    for file in doc_files:
        if file.src_uri in todo:
            _unshare(Path(file.abs_dest_path))
            steps._build_page(file.page, config, doc_files, nav, env,
                              excluded=file.inclusion.is_excluded())
            rendered.append(file.src_uri)
        else:
            _link(previous / file.dest_uri, Path(file.abs_dest_path))
    for name in AFTER:
        _unshare(site_dir / name)
    config.plugins.on_post_build(config=config)
    cache = _cache(key, nav_key, files, recorder.lookups, old)
    return Outcome(len(doc_files), len(rendered), "", cache, rendered)


def _changed(file: Any, old: Cache, files: Any, previous: Path) -> bool:
    """Whether a page must be rendered: new, its staged bytes or a lookup's answer changed,
    or its previous output is gone."""
    record = old["pages"].get(file.src_uri)
    if record is None or record[0] != _hash(file.content_bytes):
        return True
    for path, found in record[1].items():
        if _found(files.get_file_from_path(path)) != found:
            return True
    return not (previous / file.dest_uri).is_file()


def _link(src: Path, dst: Path) -> bool:
    """Hard-link the previous site's file into the fresh one (same bytes and times)."""
    try:
        os.link(src, dst)
    except FileNotFoundError:
        if not src.is_file():
            return False
        dst.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(src, dst)
        except OSError:
            return False
    except OSError:
        return False
    return True


def _unshare(path: Path) -> None:
    """Before the engine writes ``path`` (in place): drop a link to the previous site's
    copy, which must keep its bytes (nginx still serves it)."""
    try:
        if path.stat().st_nlink > 1:
            path.unlink()
    except FileNotFoundError:
        pass


__all__ = ["Cache", "Outcome", "full", "key", "read_cache", "render", "stamp", "write_cache"]
