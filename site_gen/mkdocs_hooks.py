"""The thin adapter between the engine and our theme: one render cache, no product logic.

Listed under ``hooks:`` in each staged ``mkdocs.yml``; ProperDocs (``site_gen.engine``) runs
it in ``site-gen build`` and ``site-gen serve``, and a bare ``properdocs build`` of a staged
project uses it too. It uses only the ``on_env`` event of ProperDocs' plugin API (the same
in MkDocs 1.x) and imports nothing of the engine at run time.

It gives the templates ``jarshy_memo(*key, caller)``: the first page with a given key
renders the block, later pages with the same key get the same text. The
site navigation of a page that is not itself in the navigation is the same for every page
in the same folder (nothing in it is active, and its links are relative to the folder), so
``themes/partials/nav.html`` renders Material's once per folder instead of once per page.
Templates that Material's own names would shadow are reachable as ``material/<name>``.

The cache lives on the Jinja environment the engine makes for each build, so every build (and
every full rebuild of the live preview) starts empty. Jinja's own bytecode cache (compiled
templates, checked against their source) is kept in ``build/<lang>/.jinja-cache``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PrefixLoader,
)

if TYPE_CHECKING:
    from properdocs.config.defaults import ProperDocsConfig
    from properdocs.structure.files import Files


def on_env(env: Environment, config: ProperDocsConfig, files: Files) -> Environment:
    import material

    cache: dict[tuple[Any, ...], str] = {}

    def memo(*key: Any, caller: Callable[[], str]) -> str:
        """The block's text, rendered once per key; a key holding None is not cached."""
        if None in key:
            return caller()
        if key not in cache:
            cache[key] = caller()
        return cache[key]

    def place(page: Any, base_url: str) -> tuple[str, str]:
        """What a page's relative links depend on: the root's address and the folder."""
        url = str(getattr(page, "url", "") or "")
        return base_url, url.rstrip("/").rpartition("/")[0]

    def outside_nav(page: Any, nav: Any, base_url: str) -> tuple[str, str] | None:
        """``place`` for a page outside the navigation (nothing in the sidebar is active,
        it has no previous or next page); None for a page in it, which is rendered as
        usual."""
        if not page or page in nav.pages:
            return None
        return place(page, base_url)

    env.globals["jarshy_memo"] = memo
    env.globals["jarshy_place"] = place
    env.globals["jarshy_outside_nav"] = outside_nav
    # Compiled templates are kept next to the staged project (keyed by each template's
    # source, so an edited template is compiled again): a build does not pay for
    # compiling Material's templates every time.
    compiled = Path(config.config_file_path).parent / ".jinja-cache"
    compiled.mkdir(exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(compiled))
    templates = Path(material.__file__).parent / "templates"
    if env.loader is not None:
        env.loader = ChoiceLoader(
            [env.loader, PrefixLoader({"material": FileSystemLoader(str(templates))})])
    return env
