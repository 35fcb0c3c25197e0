"""A render kept in memory between builds: one language, re-rendering only what changed.

Where it sits: in the long-running callers (``site-gen publish``, ``site-gen serve``: the warm
builder keeps one :class:`RenderSession` per language), between staging (``site_gen.stage``,
whose :class:`~site_gen.stage.StageResult` says which staged files changed or went) and the
search index. ``site-gen build`` (one process per build) renders through
``site_gen.incremental`` instead, with its cache on disk.

The session holds what ProperDocs made for the last render: the loaded config, the ``Files``,
the navigation, every ``Page`` (Markdown read and converted) and the Jinja environment (with
``site_gen.mkdocs_hooks``' render memo). Given the staging's result it:

* renders again everything, with a fresh load, when the engine, theme or code
  (``incremental.stamp``), the staged config (but for the optional Markdown extensions' lines)
  or the build date changed, or when there is no last render;
* otherwise re-reads and renders only the changed or added pages, and the pages whose
  recorded lookups of other files (``incremental._Recorder``: a link to ``../x.md`` becomes
  ``../x/`` only while ``x.md`` exists) now find something else; all pages when the
  navigation as the pages show it changed; it copies the changed static files and deletes
  the outputs of removed files. The 404 page (it shows the navigation) and the sitemap (it
  lists the pages) are rendered again when a page was added or removed or the navigation
  changed; an edit leaves them as they are.

Pages go through ProperDocs' own steps (``_populate_page``, ``_build_template``,
``get_context``), so the bytes are a full build's; only the writing is ours: a page whose
bytes did not change is not written (its file, and its modification time, stay), a changed
one is written to a new file that replaces the old name, so a hard link shared with the live
site is never written through.

Two ways to write (:meth:`RenderSession.render`):

* ``previous=None``: ``target`` is a **standby copy** of the live language folder (a hard-link
  copy): changed outputs replace their names, outputs of removed files are deleted, the rest is
  left alone. After a full render the folder holds exactly the engine's output (anything else
  is deleted, as a full build into an empty folder would have it).
* ``previous=<live folder>``: ``target`` is empty; every output that was not written is
  hard-linked from ``previous`` (what ``site_gen.incremental.render`` does).

``tests/site/test_render_session.py`` keeps one session across random edits, additions,
deletions and renames and compares the standby folder with a full build's, byte for byte.
"""

from __future__ import annotations

import gzip
import io
from bisect import insort
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from . import incremental
from .incremental import PAGE_LOCAL, Outcome, _Recorder
from .render_output import Output, existing

if TYPE_CHECKING:
    from .stage import StageResult

SITEMAP = "sitemap.xml"


@dataclass
class SessionOutcome(Outcome):
    """What one render did, and which output files it changed (paths relative to the
    language folder, ``/``-separated). After a full render (``full`` not empty) ``written``
    lists every output whose bytes differ from what the folder held before."""

    written: list[str] = field(default_factory=list)  # new or changed outputs
    deleted: list[str] = field(default_factory=list)  # outputs that no longer exist


@dataclass
class _State:
    """ProperDocs' objects from the last render, and what decides the next one."""

    key: dict[str, str]
    config_bytes: bytes
    config_file: Path
    config: Any
    files: Any
    nav: Any
    env: Any
    recorder: _Recorder
    nav_key: str
    outputs: set[str]  # every output file the render made, relative to the language folder
    docs: list[Any]  # the documentation pages' files, in the walk's order (the sitemap's)
    users: dict[str, set[str]] = field(default_factory=dict)  # looked-up path → pages
    plugin: str = ""  # a plugin that reads every page: every render is a full one


class RenderSession:
    """One language's render, kept between builds by a long-running caller."""

    def __init__(self) -> None:
        self._state: _State | None = None

    def forget(self) -> None:
        """Drop the last render: the next one is a fresh load. For a caller whose language
        folder or staged project was written by something else meanwhile (a one-shot
        build): the session's state describes the folder it wrote last."""
        self._state = None

    def cache(self) -> incremental.Cache | None:
        """The last render as ``site_gen.incremental``'s cache (what a one-shot build or a
        restarted service reads from disk to stay incremental); None before a render. It
        hashes every page's staged file: for idle time."""
        state = self._state
        if state is None:
            return None
        return incremental._cache(state.key, state.nav_key, state.files,
                                  state.recorder.lookups, None)

    def render(self, staged: StageResult, target: Path, *, stamp: str,
               now: datetime | None = None, previous: Path | None = None) -> SessionOutcome:
        """Render ``staged``'s project into ``target`` (see the module's docstring for the
        two ways to write). ``stamp`` is :func:`site_gen.incremental.stamp` (the caller
        computes it once, or again when the theme or code may have changed); ``now`` pins the
        engine's build date as ``site_gen.build.build_date`` does (None: as set already)."""
        if now is None:
            return self._render(staged, target, stamp, previous)
        from .build import build_date  # site_gen.build may import this module

        with build_date(now):
            return self._render(staged, target, stamp, previous)

    def _render(self, staged: StageResult, target: Path, stamp: str,
                previous: Path | None) -> SessionOutcome:
        key = incremental.key(stamp, staged.config)
        raw = staged.config.read_bytes()
        state = self._state
        why = _why_full(state, key, staged.config)
        self._state = None  # until this render is through: a failure means a fresh load
        out = Output(target, previous)
        if why:
            state, outcome = _load_and_render(staged.config, target, key, raw, out, why)
        else:
            assert state is not None
            if raw != state.config_bytes:  # only the optional extensions' lines differ
                _take_extensions(state, staged.config)
                state.config_bytes = raw
            outcome = _update(state, staged, out)
        self._state = state
        outcome.written, outcome.deleted = sorted(out.written), sorted(out.deleted)
        return outcome


def _why_full(state: _State | None, key: dict[str, str], config_file: Path) -> str:
    if state is None:
        return "no render in this process yet"
    if state.plugin:
        return f"plugin {state.plugin} reads every page"
    if state.config_file != config_file:
        return "another staged project"
    changed = [part for part in key if state.key.get(part) != key[part]]
    return " and ".join(changed) + " changed" if changed else ""


def _load_and_render(config_file: Path, target: Path, key: dict[str, str], raw: bytes,
                     out: Output, why: str) -> tuple[_State, SessionOutcome]:
    """A fresh load and a render of every page: ProperDocs' full build, in its order."""
    from properdocs.structure.pages import Page

    recorder = _Recorder()
    config = incremental._load(config_file, target, recorder)
    others = [name for name in config.plugins if name not in PAGE_LOCAL]
    config, files, env, nav = incremental.prepare(config)
    docs = _docs(files)
    for file in docs:
        if file.page is None and file.inclusion.is_not_in_nav():
            Page(None, file, config)
        _populate(file.page, config, files)
    env = config.plugins.on_env(env, config=config, files=files)
    state = _State(key, raw, config_file, config, files, nav, env, recorder,
                   incremental._nav_key(nav), set(), docs, plugin=others[0] if others else "")
    for page, seen in recorder.lookups.items():
        _note_users(state, page, seen)
    before = existing(target) if out.previous is None else set()
    for file in _statics(files):
        if file.abs_src_path is not None:
            out.copy(file.dest_uri, file.abs_src_path)
        else:
            out.put(file.dest_uri, file.content_bytes)
    _templates(state, out)
    for file in docs:
        _page(state, file, docs, out)
    config.plugins.on_post_build(config=config)
    state.outputs = set(out.done)
    for rel in sorted(before - state.outputs):
        out.delete(rel)
    return state, SessionOutcome(len(docs), len(docs), why, paths=[f.src_uri for f in docs])


def _update(state: _State, staged: StageResult, out: Output) -> SessionOutcome:
    """Render the changed pages, the pages whose lookups now find something else, all
    pages when the navigation changed; copy changed static files, delete removed outputs."""
    from properdocs.structure.files import File, set_exclusions
    from properdocs.structure.pages import Page

    config, files = state.config, state.files
    known = files.src_uris
    todo: set[str] = set()
    statics: set[str] = set()
    moved: set[str] = set()  # paths that appeared or went: their lookups answer otherwise
    for path in sorted(staged.removed):
        file = known.get(path)
        if file is None:
            continue
        files.remove(file)
        moved.add(path)
        if file.is_documentation_page():
            state.docs = []
        if file.page is not None:
            file.page = None
            state.recorder.lookups.pop(path, None)
        if file.inclusion.is_included() and file.dest_uri in state.outputs:
            state.outputs.discard(file.dest_uri)
            out.delete(file.dest_uri)
    added: list[Any] = []
    for path in sorted(staged.changed):
        file = known.get(path)
        if file is None:
            file = File(path, config["docs_dir"], config["site_dir"], config["use_directory_urls"])
            set_exclusions([file], config)
            added.append(file)
            moved.add(path)
            if file.is_documentation_page():
                state.docs = []
        if not file.inclusion.is_included():
            continue
        if file.is_documentation_page():
            todo.add(path)
        else:
            statics.add(path)
    if added:
        _insert(files, added, config["docs_dir"])
        known = files.src_uris
        for file in added:
            if file.is_documentation_page() and file.inclusion.is_included():
                Page(None, file, config)
    for path in moved:
        todo |= {page for page in state.users.get(path, ()) if page in known}
    for path in sorted(todo):
        _populate(known[path].page, config, files)
        _note_users(state, path, state.recorder.lookups.get(path, {}))
    # The 404 page shows the navigation, the sitemap lists the pages: they are rendered
    # again when either changed (their other inputs, config and date, make a fresh load).
    templates = not state.docs
    if templates:
        state.docs = _docs(files)
    docs = state.docs
    nav_key = incremental._nav_key(state.nav)
    if nav_key != state.nav_key:  # the navigation every page shows: all pages, a fresh memo
        state.nav_key = nav_key
        state.env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
        todo = {file.src_uri for file in docs}
        templates = True
    for path in sorted(statics):
        file = known[path]
        out.copy(file.dest_uri, file.abs_src_path)
        state.outputs.add(file.dest_uri)
    if templates:
        _templates(state, out)
    rendered = []
    for file in docs:
        if file.src_uri in todo:
            _page(state, file, docs, out)
            rendered.append(file.src_uri)
    config.plugins.on_post_build(config=config)
    state.outputs |= out.done
    out.link_rest(state.outputs)
    return SessionOutcome(len(docs), len(rendered), "", paths=rendered)


def _docs(files: Any) -> list[Any]:
    from properdocs.structure.files import InclusionLevel

    return list(files.documentation_pages(inclusion=InclusionLevel.is_included))


def _statics(files: Any) -> list[Any]:
    return [file for file in files
            if not file.is_documentation_page() and file.inclusion.is_included()]


def _populate(page: Any, config: Any, files: Any) -> None:
    """Read and convert a page's Markdown again: ``read_source`` and ``render`` set every
    field a former conversion left (markdown, meta, content, toc, title, anchors)."""
    from properdocs.commands.build import _populate_page

    _populate_page(page, config, files)


def _note_users(state: _State, page: str, seen: dict[str, str]) -> None:
    for path in seen:
        state.users.setdefault(PurePosixPath(path).as_posix(), set()).add(page)


def _insert(files: Any, added: list[Any], docs_dir: str) -> None:
    """Add files where ``get_files``' walk would have put them (the sitemap lists pages in
    that order): the docs folder's files in walk order, then the theme's."""
    from properdocs.structure.files import file_sort_key

    mine = [f for f in files if f.src_dir == docs_dir]
    rest = [f for f in files if f.src_dir != docs_dir]
    for file in added:
        insort(mine, file, key=file_sort_key)
    files._src_uris = {f.src_uri: f for f in mine + rest}


def _page(state: _State, file: Any, docs: list[Any], out: Output) -> None:
    """``properdocs.commands.build._build_page``, writing through ``out``."""
    from properdocs.commands.build import get_context

    config, page = state.config, file.page
    config._current_page = page
    try:
        page.active = True
        context = get_context(state.nav, docs, config, page)
        template = state.env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config,
                                                 nav=state.nav)
        output = template.render(context)
        output = config.plugins.on_post_page(output, page=page, config=config)
        if output.strip():
            out.put(file.dest_uri, output.encode("utf-8", errors="xmlcharrefreplace"))
        elif file.dest_uri in state.outputs:
            state.outputs.discard(file.dest_uri)
            out.delete(file.dest_uri)
    finally:
        page.active = False
        config._current_page = None


def _templates(state: _State, out: Output) -> None:
    """The theme's static templates (the 404 page, the sitemap and its gzip) and the
    config's extra templates, as ``_build_theme_template`` and ``_build_extra_template``."""
    import jinja2
    from properdocs.commands.build import _build_template
    from properdocs.utils import get_build_timestamp

    config, files, nav = state.config, state.files, state.nav
    # What get_context makes of ``files`` (it takes a list too; the kept list is not made
    # again from every file): _build_template's annotation says Files only.
    pages: Any = state.docs
    for name in config.theme.static_templates:
        try:
            template = state.env.get_template(name)
        except jinja2.TemplateNotFound:
            continue
        output = _build_template(name, template, pages, config, nav)
        if not output.strip():
            continue
        out.put(name, output.encode("utf-8"))
        if name == SITEMAP:
            made = [f.page for f in pages if f.page is not None]
            gz_name = str(out.target / f"{name}.gz")  # the engine writes the name in
            buffer = io.BytesIO()
            with gzip.GzipFile(fileobj=buffer, filename=gz_name, mode="wb",
                               mtime=get_build_timestamp(pages=made)) as gz_buf:
                gz_buf.write(output.encode("utf-8"))
            out.put(f"{name}.gz", buffer.getvalue())
    for name in config.extra_templates:
        file = files.src_uris.get(name)
        if file is None:
            continue
        text = _build_template(name, jinja2.Template(file.content_string), pages, config,
                               nav)
        if text.strip():
            out.put(file.dest_uri, text.encode("utf-8"))


def _take_extensions(state: _State, config_file: Path) -> None:
    """The staged config differs only in the optional Markdown extensions' plain lines
    (``incremental._config_bytes``): take the new extension list, keep the rest."""
    fresh = incremental._load(config_file, Path(state.config["site_dir"]), _Recorder())
    state.config["markdown_extensions"] = fresh["markdown_extensions"]
    state.config["mdx_configs"] = fresh["mdx_configs"]


__all__ = ["RenderSession", "SessionOutcome"]
