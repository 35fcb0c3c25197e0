"""Per-language project configs, derived from the repo's ``mkdocs.yml``; the self-hosted font.

Where it sits: ``stage.stage_language`` writes ``build/<lang>/mkdocs.yml`` with
:func:`language_config`. The repo's file is the one place for theme settings; this module
adds only what differs per language: ``site_name``, ``docs_dir``/``site_dir``/``site_url``,
``theme.language`` and ``theme.custom_dir``, the search plugin's options, the small nav,
``extra.jarshy`` (our UI strings for the templates), the tooltip of the toc extension's
heading links in the language, the Markdown extensions the language's
pages use (``stage.syntax``) with the sanitizer (``site_gen.content.markup``) always added,
and ``hooks`` (our one thin adapter,
``site_gen/mkdocs_hooks.py``: a render cache the theme's navigation uses). The result is
plain MkDocs-format input for the engine, ProperDocs (``site_gen.engine``):
``properdocs build -f build/kk/mkdocs.yml`` builds it without Jarshy's commands.

Search: Material's search plugin is not run, even if mkdocs.yml lists it: the index
readers use is Pagefind's, written after the render (``site_gen.search``), and the
plugin's ``search/search_index.json`` (the whole text of the site, 143 MB for 10,000 Kazakh
pages) would be written for nothing. Material shows its search box only with the plugin,
so ``themes/partials/header.html`` puts the box in the header itself.
"""

from __future__ import annotations

import shutil
from collections.abc import Collection
from pathlib import Path
from typing import Any

import yaml

from ..content.model import ContentSet, Lang
from . import figures, strings, svgpictures, syntax

HOOKS = Path(__file__).resolve().parent.parent / "mkdocs_hooks.py"
SANITIZER = "site_gen.content.markup"  # the Markdown extension that cleans editors' HTML
FONT_DIR = "assets/fonts"


class ConfigProblem(Exception):
    """The repo's mkdocs.yml or the font cannot be used; the message says how to fix it."""


class _Tagged:
    """A YAML node with a tag we do not interpret (``!!python/name:...``), kept as written."""

    def __init__(self, tag: str, value: object) -> None:
        self.tag = tag
        self.value = value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    value: object
    if isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_scalar(node)  # type: ignore[arg-type]
    return _Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Loader.add_multi_constructor("!", _construct_tagged)
_Dumper.add_representer(_Tagged, _represent_tagged)


def read_base(path: Path) -> dict[str, Any]:
    """The repo's mkdocs.yml; a missing or broken file is a clear :class:`ConfigProblem`."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - safe loader subclass
    except FileNotFoundError:
        raise ConfigProblem(f"{path}: not found; the site's theme settings live there "
                            "(restore it from git)") from None
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ConfigProblem(f"{where}: not valid YAML ({problem})") from None
    if not isinstance(data, dict):
        raise ConfigProblem(f"{path}: expected settings (key: value lines)")
    return data


def language_config(base: dict[str, Any], content: ContentSet, lang: Lang, repo: Path,
                    docs_dir: Path, site_dir: Path, nav: list[Any],
                    unused_extensions: Collection[str] = ()) -> str:
    """The YAML text of ``build/<lang>/mkdocs.yml``; the Markdown extensions named in
    ``unused_extensions`` (none of the language's pages uses them) are left out."""
    cfg: dict[str, Any] = {k: v for k, v in base.items() if k not in ("docs_dir", "site_dir")}
    cfg["markdown_extensions"] = [
        e for e in base.get("markdown_extensions") or []
        if syntax.extension_name(e) not in unused_extensions and
        syntax.extension_name(e) != SANITIZER]
    cfg["markdown_extensions"] = [_toc_in(e, lang) for e in cfg["markdown_extensions"]]
    # Always, whatever mkdocs.yml says: the allow-list sanitizer for editors' HTML.
    cfg["markdown_extensions"].append(SANITIZER)
    # Pictures x.svg from content/ are published only as the PNG the build draws.
    cfg["markdown_extensions"] = [*cfg.get("markdown_extensions", []), svgpictures.NAME]
    # A picture alone in its paragraph becomes a figure with a caption (stage.figures).
    cfg["markdown_extensions"].append(figures.NAME)
    cfg["site_name"] = content.settings.company.get(lang) or base.get("site_name", "Jarshy")
    cfg["docs_dir"] = str(docs_dir)
    cfg["site_dir"] = str(site_dir)
    base_url = content.settings.base_url
    if base_url:
        cfg["site_url"] = base_url.rstrip("/") + f"/{lang}/"
    theme = dict(base.get("theme") or {})
    theme["language"] = lang
    custom = Path(str(theme.get("custom_dir", "themes")))
    theme["custom_dir"] = str(custom if custom.is_absolute() else (repo / custom).resolve())
    theme["font"] = False
    cfg["theme"] = theme
    cfg["plugins"] = _plugins(base.get("plugins") or [], lang)
    hooks = [Path(str(h)) for h in base.get("hooks") or []]
    cfg["hooks"] = [str(HOOKS), *[str(h if h.is_absolute() else (repo / h).resolve())
                                  for h in hooks if h.name != HOOKS.name]]
    cfg["nav"] = nav
    css = list(base.get("extra_css") or [])
    cfg["extra_css"] = [FONT_CSS, *[c for c in css if c != FONT_CSS]]
    extra = dict(base.get("extra") or {})
    jarshy = dict(extra.get("jarshy") or {})
    jarshy.pop("font", None)
    jarshy.update({"lang": lang, "other_lang": "ru" if lang == "kk" else "kk",
                   "t": strings.STRINGS[lang],
                   "names": {c: strings.STRINGS[c]["language_name"] for c in ("kk", "ru")},
                   "letters_endpoint": content.settings.letters_endpoint.strip()})  # for the CSP
    extra["jarshy"] = jarshy
    cfg["extra"] = extra
    # A link to a page that does not exist: check warns at the editor's file and line
    # (site_gen.content.links); the engine would name only the staged copy, so it stays quiet.
    cfg.setdefault("validation", {"nav": {"omitted_files": "ignore"},
                                  "links": {"unrecognized_links": "ignore",
                                            "not_found": "info"}})
    return ("# Generated by site-gen from the repo's mkdocs.yml; edit that file, not this one.\n"
            + yaml.dump(cfg, Dumper=_Dumper, allow_unicode=True, sort_keys=False))


def _toc_in(entry: Any, lang: Lang) -> Any:
    """The toc extension with the ¶ link's tooltip in ``lang`` (toc's own default is the
    English "Permanent link"); any other extension as written."""
    if syntax.extension_name(entry) != "toc":
        return entry
    name = entry if isinstance(entry, str) else next(iter(entry))
    options = {} if isinstance(entry, str) else dict(entry[name] or {})
    options["permalink_title"] = strings.STRINGS[lang]["permalink"]
    return {name: options}


def _plugins(plugins: list[Any], lang: Lang) -> list[Any]:
    out: list[Any] = []
    for entry in plugins:
        name = entry if isinstance(entry, str) else next(iter(entry))
        if name in ("privacy", "offline", "social"):
            raise ConfigProblem(f"mkdocs.yml: the '{name}' plugin downloads from the internet; "
                                "remove it (the site must make no outside requests)")
        if name in ("search", "material/search"):
            continue  # Pagefind's index replaces it (see the module's docstring)
        out.append(entry)
    return out


def font_files(base: dict[str, Any]) -> dict[str, Path]:
    """The font files named in mkdocs.yml (``extra.jarshy.font``), checked to exist."""
    font = ((base.get("extra") or {}).get("jarshy") or {}).get("font") or {}
    package = font.get("package", "fonts-noto-core")
    files = {style: Path(p) for style, p in (font.get("files") or {}).items()}
    if not files:
        raise ConfigProblem("mkdocs.yml: extra.jarshy.font.files names no font files")
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        raise ConfigProblem(f"font file {missing[0]} not found; install the Debian package "
                            f"'{package}' (apt-get install {package}) or run ./dev.sh as root")
    return files


def copy_fonts(files: dict[str, Path], docs_dir: Path) -> None:
    """Copy the fonts into the staged docs (``assets/fonts/<name>``) when they differ."""
    target = docs_dir / FONT_DIR
    target.mkdir(parents=True, exist_ok=True)
    for src in files.values():
        dst = target / src.name
        if dst.exists() and dst.stat().st_size == src.stat().st_size:
            continue
        tmp = dst.with_name(dst.name + ".tmp")
        shutil.copyfile(src, tmp)
        tmp.replace(dst)


_STYLE = {"regular": ("normal", 400), "bold": ("normal", 700),
          "italic": ("italic", 400), "bolditalic": ("italic", 700)}
FONT_CSS = "assets/stylesheets/jarshy-fonts.css"


def font_css(files: dict[str, Path], family: str = "Jarshy Sans") -> str:
    """@font-face rules for the copied fonts; jarshy.css uses ``var(--md-text-font)``."""
    rules = []
    for style, path in files.items():
        font_style, weight = _STYLE.get(style, ("normal", 400))
        rules.append(
            f'@font-face {{ font-family: "{family}"; font-style: {font_style}; '
            f"font-weight: {weight}; font-display: swap; "
            f'src: url("../fonts/{path.name}") format("truetype"); }}')
    return "\n".join(rules) + "\n"
