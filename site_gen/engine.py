"""The rendering engine: ProperDocs, the maintained MkDocs 1.x fork, run inside site-gen.

Where it sits: between staging and the pages. ``site_gen.stage`` writes one plain project per
language (``build/<lang>/mkdocs.yml``); ``site_gen.build.render_language`` (``site-gen
build``) and ``site_gen.serve`` (``site-gen serve``) render it with ProperDocs' API. Both
import this module first; nothing else in ``site_gen`` touches the engine.

Why a module of its own. mkdocs-material's theme and plugins import ``mkdocs.*`` names, and
installing mkdocs-material installs MkDocs 1.6.1 (unmaintained) beside ProperDocs. The
``properdocs`` command makes those names resolve to ProperDocs: its entry point imports
``properdocs.replacement``, which puts an import finder first in ``sys.meta_path`` (every
``mkdocs.x`` becomes ``properdocs.x``) and makes ``sys.modules["mkdocs"]`` the ``properdocs``
package. A program that calls the engine itself gets none of that:

* through ProperDocs' API alone, Material's plugins would load MkDocs' own classes, and
  ProperDocs refuses them ("must be a subclass of properdocs.plugins.BasePlugin");
* through ``mkdocs.*`` imports, MkDocs 1.6.1 renders the site, silently.

Importing this module installs the same redirect in our process, once, before anything
imports ``mkdocs``: it is imported at the top of ``site_gen.build`` and ``site_gen.serve``, so
the forked language workers inherit it. :func:`ensure` (called before every render) refuses
to go on when MkDocs' own modules were loaded first (a mixed engine); the message says what to
do.

Which engine rendered shows in every page: Material's generator tag prints the engine's
``mkdocs_version``, which ProperDocs sets to ``ProperDocs <version>``:
``<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2">``
(MkDocs writes ``mkdocs-1.6.1``). ``tests/site/test_engine.py`` checks it on every page
of the build and of the live preview.
"""

from __future__ import annotations

import importlib
import logging
import sys

import properdocs

NAME = "ProperDocs"
VERSION: str = properdocs.__version__
# What ProperDocs gives the templates as ``mkdocs_version``; Material's generator tag shows it.
GENERATOR = f"{NAME} {VERSION}"
# The engine logs under "properdocs"; Material's plugins under the legacy "mkdocs" name.
LOGGERS = ("properdocs", "mkdocs")


class EngineMixed(RuntimeError):
    """MkDocs' own modules are loaded in this process: a render now could be MkDocs'."""


def mkdocs_modules() -> list[str]:
    """Names of loaded ``mkdocs`` modules that are MkDocs' own, not ProperDocs' under the
    old name (an aliased module keeps its real ``__name__``, ``properdocs.…``)."""
    return sorted(name for name, module in list(sys.modules.items())
                  if (name == "mkdocs" or name.startswith("mkdocs.")) and module is not None
                  and not str(getattr(module, "__name__", "")).startswith("properdocs"))


def redirected() -> bool:
    """Whether ``mkdocs`` is ProperDocs here and ``mkdocs.x`` imports go to ``properdocs.x``."""
    finder = any(type(f).__module__ == "properdocs.replacement" for f in sys.meta_path)
    return finder and sys.modules.get("mkdocs") is properdocs


def install() -> None:
    """Redirect ``mkdocs.*`` imports to ProperDocs, as the ``properdocs`` command does.

    Idempotent. When MkDocs' own modules are already loaded, nothing is changed (the
    redirect would leave them in place and mix the two engines); :func:`ensure` reports it.
    """
    if redirected() or mkdocs_modules():
        return
    if "properdocs.replacement" in sys.modules:  # imported, then undone: run it again
        importlib.reload(sys.modules["properdocs.replacement"])
    else:
        importlib.import_module("properdocs.replacement")  # importing it installs the redirect


def ensure() -> None:
    """Raise :class:`EngineMixed` unless ``mkdocs.*`` names resolve to ProperDocs."""
    install()
    loaded = mkdocs_modules()
    if loaded or not redirected():
        shown = ", ".join(loaded[:5]) + (" …" if len(loaded) > 5 else "")
        raise EngineMixed(
            f"MkDocs' own modules were imported before site-gen's engine ({shown or 'mkdocs'}); "
            "a build now could be rendered by MkDocs instead of ProperDocs. Import "
            "site_gen.engine (or site_gen.build) before anything that imports mkdocs.")


def quiet(level: int = logging.WARNING) -> None:
    """Show the engine's and the theme's log lines from ``level`` up only."""
    for name in LOGGERS:
        logging.getLogger(name).setLevel(level)


install()

__all__ = ["GENERATOR", "LOGGERS", "NAME", "VERSION", "EngineMixed", "ensure", "install",
           "mkdocs_modules", "quiet", "redirected"]
