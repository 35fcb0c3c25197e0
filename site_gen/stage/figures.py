"""A Markdown extension: a picture that stands alone in its paragraph becomes a figure.

Where it sits: every language's ``mkdocs.yml`` lists it (``stage.config.language_config``)
and the print edition renders bodies with it (``site_gen.newspaper.printbody``). The rule
editors read in docs/editors.md ("Pictures and captions"):

* ``![alt](path "title")`` alone in its paragraph → ``<figure class="jarshy-figure">``
  with the picture and ``<figcaption>title</figcaption>``;
* with no title, the caption is the alt text (as Pandoc's implicit figures do);
* with neither, a figure without a caption;
* a picture inside a sentence stays inline, with no caption.

It works on Python-Markdown's element tree after the inline patterns made the ``<img>``
elements, before the sanitizer (``figure`` and ``figcaption`` are on its allow-list), so no
text is parsed twice and editors' HTML is cleaned as before.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement

from markdown import Extension, Markdown  # type: ignore[import-untyped]  # ships no types
from markdown.treeprocessors import Treeprocessor  # type: ignore[import-untyped]  # no types

NAME = "site_gen.stage.figures"
FIGURE_CLASS = "jarshy-figure"


def caption_of(img: Element) -> str:
    """The caption of a lone picture: its title, else its alt text."""
    return (img.get("title") or img.get("alt") or "").strip()


def _lone_picture(p: Element) -> Element | None:
    """The ``<img>`` a paragraph holds with nothing else (no text, no other element)."""
    children = list(p)
    if len(children) != 1 or children[0].tag != "img":
        return None
    img = children[0]
    if (p.text or "").strip() or (img.tail or "").strip():
        return None
    return img


class _Figures(Treeprocessor):  # type: ignore[misc]  # Treeprocessor is untyped
    def run(self, root: Element) -> None:
        for parent in root.iter():
            for p in list(parent):
                if p.tag != "p":
                    continue
                img = _lone_picture(p)
                if img is None:
                    continue
                p.tag = "figure"
                p.attrib.clear()
                p.set("class", FIGURE_CLASS)
                p.text = None
                img.tail = None
                caption = caption_of(img)
                if caption:
                    SubElement(p, "figcaption").text = caption


class Figures(Extension):  # type: ignore[misc]  # Extension is untyped
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After the inline patterns made the <img> elements (priority 20), before prettify.
        md.treeprocessors.register(_Figures(md), "jarshy_figures", 12)


def makeExtension(**kwargs: object) -> Figures:  # noqa: N802 - Python-Markdown's name
    return Figures(**kwargs)
