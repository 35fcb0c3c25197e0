"""A Markdown extension: a picture ``x.svg`` from content/ is shown as the PNG the build drew.

Where it sits: staging (``site_gen.stage._copy_assets``) never copies an SVG of content/
into the site; it writes ``x.svg.png`` (``site_gen.pictures.published_name``). Every
language's ``mkdocs.yml`` lists this extension (``stage.config.language_config``), whose
tree processor points each Markdown picture (``![alt](x.svg)``, ``![alt][ref]``) at that
PNG. It runs on the element tree Python-Markdown builds, so no text is parsed twice, and it
touches only local addresses (an address on another host is the sanitizer's business).
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown  # type: ignore[import-untyped]  # ships no types
from markdown.treeprocessors import Treeprocessor  # type: ignore[import-untyped]  # no types

NAME = "site_gen.stage.svgpictures"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def png_address(src: str) -> str:
    """``src`` pointing at the drawn PNG when it is a local ``.svg`` address; else ``src``."""
    if not src or _SCHEME.match(src) or src.startswith("//"):
        return src
    cut = min((i for i in (src.find("?"), src.find("#")) if i >= 0), default=len(src))
    path, rest = src[:cut], src[cut:]
    return f"{path}.png{rest}" if path.lower().endswith(".svg") else src


class _Pictures(Treeprocessor):  # type: ignore[misc]  # Treeprocessor is untyped
    def run(self, root: Element) -> None:
        for img in root.iter("img"):
            src = img.get("src")
            if src is not None:
                img.set("src", png_address(src))


class SvgPictures(Extension):  # type: ignore[misc]  # Extension is untyped
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After the inline patterns made the <img> elements (priority 20), before prettify.
        md.treeprocessors.register(_Pictures(md), "jarshy_svg_pictures", 15)


def makeExtension(**kwargs: object) -> SvgPictures:  # noqa: N802 - Python-Markdown's name
    return SvgPictures(**kwargs)
