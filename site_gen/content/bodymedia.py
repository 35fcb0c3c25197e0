"""Pictures an item's Markdown body shows, verified by ``check`` like the ``image:`` field.

Where it sits: ``check`` calls :func:`check_body_pictures` on each file's body after the
front matter is read. It finds the local files the body shows as pictures (``![alt](path)``,
``![alt][ref]`` with its ``[ref]: path`` line, and raw ``<img src="path">``), resolves them
like the ``image:`` field (``/x`` from content/, otherwise from the file's folder) and runs
the same verification (``site_gen.pictures.verify_media``): a link, an HTML file, a
picture over the pixel budget, cut short or of the wrong type is an error at its line.

Finding targets is not sanitising: the sanitizer works on the rendered HTML. Addresses on
another host and files that do not exist are left to the link checks. Code (fenced blocks
and inline code spans) is text, not a picture, and is skipped. Each pattern is linear.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from ..pictures import verify_media
from .diagnostics import Diagnostic
from .files import ContentFileError

MAX_PICTURES = 200  # per file; a body with more is checked for the first ones
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)[^`\n]{0,4000}?\1")
_PICTURE = re.compile(r"!\[[^\]\n]{0,1000}+\]\(\s*<?([^)\s>]{1,2000}+)")
_PICTURE_REF = re.compile(r"!\[([^\]\n]{0,1000}+)\]\[([^\]\n]{0,1000}+)\]")
_REF_DEF = re.compile(r"^ {0,3}\[([^\]\n]{1,1000}+)\]:[ \t]*<?([^\s>]{1,2000}+)", re.MULTILINE)
_IMG = re.compile(r"""<img\b[^<>]{0,4000}?\bsrc\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s"'<>]+))""",
                  re.IGNORECASE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def mask_code(body: str) -> str:
    """``body`` with code blocks and code spans blanked (same length, same lines)."""
    lines = body.split("\n")
    fence = ""
    for i, line in enumerate(lines):
        mark = _FENCE.match(line)
        if fence:
            if mark and mark.group(1)[0] == fence[0] and len(mark.group(1)) >= len(fence):
                fence = ""
            lines[i] = " " * len(line)
        elif mark:
            fence = mark.group(1)
            lines[i] = " " * len(line)
    text = "\n".join(lines)
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text) if "`" in text else text


def find_pictures(body: str) -> Iterator[tuple[int, str]]:
    """``(offset, target)`` of every picture the body shows, in order of appearance."""
    if "![" not in body and "<img" not in body.lower():
        return
    text = mask_code(body)
    found: list[tuple[int, str]] = []
    for m in _PICTURE.finditer(text):
        found.append((m.start(), m.group(1)))
    if "]:" in text:
        refs = {m.group(1).strip().lower(): m.group(2) for m in _REF_DEF.finditer(text)}
        for m in _PICTURE_REF.finditer(text):
            name = (m.group(2) or m.group(1)).strip().lower()
            if name in refs:
                found.append((m.start(), refs[name]))
    for m in _IMG.finditer(text):
        found.append((m.start(), next(v for v in m.group(1, 2, 3) if v is not None)))
    yield from sorted(found)[:MAX_PICTURES]


def local_target(target: str, folder: PurePosixPath) -> PurePosixPath | None:
    """The content-relative path of a local picture address, or ``None`` for an address on
    another host, one with a scheme, or one that leaves content/."""
    target = target.strip()
    if not target or _SCHEME.match(target) or target.startswith("//"):
        return None
    target = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if not target:
        return None
    rel = PurePosixPath(target[1:]) if target.startswith("/") else folder / target
    parts: list[str] = []
    for part in rel.parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return PurePosixPath(*parts) if parts else None


def check_body_pictures(root: Path, folder: PurePosixPath, body: str, body_line: int,
                        shown: str, out: list[Diagnostic]) -> int:
    """Report each bad picture of ``body`` at its line; return how many errors."""
    errors = 0
    for offset, target in find_pictures(body):
        rel = local_target(target, folder)
        if rel is None:
            continue
        try:
            if not os.path.lexists(root / rel):
                continue  # a missing file is the link checks' to report
            verify_media(root, rel)
        except ContentFileError as problem:
            line = body_line + body.count("\n", 0, offset)
            col = offset - (body.rfind("\n", 0, offset) + 1) + 1
            out.append(problem.diagnostic(shown, line, col, f"picture '{_clip(target)}'"))
            errors += 1
        except OSError:
            continue  # a name the file system refuses: not a file of content/
    return errors


def _clip(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["check_body_pictures", "find_pictures", "local_target", "mask_code"]
