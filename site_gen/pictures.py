"""Pictures and videos of content/, decoded with limits: verified at check, converted at build.

Where it sits: ``check`` (through ``Fields.media`` and the body's pictures) calls
:func:`verify_media` for every file an item names; the site's staging calls
:func:`rasterise_svg` for each SVG of content/ (an SVG is never published itself, only its
PNG, :func:`published_name`); the bundle writer calls :func:`screen_copy` for the screens'
copies. All of them read the file through ``site_gen.content.files`` (the content boundary).

Pictures are opened with Pillow, which reads only the header first: the size is checked
against :data:`PIXEL_BUDGET` *before* any pixel is decoded (Pillow on its own only warns
below about 179 million pixels), then the picture is decoded once to find a truncated file.
Videos are opened with PyAV, which reads the container's header and finds a video stream.

It sits beside ``site_gen.content``, not in it: the content model imports no decoder of the
player's (``tests/test_boundaries.py``), and asks this module whether a file decodes.
"""

from __future__ import annotations

import io
import os
import re
import stat
import threading
import warnings
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from .content.diagnostics import Diagnostic
from .content.files import (
    SVG,
    ContentFileError,
    read_content_bytes,
    safe_content_file,
    walk_content,
)

PIXEL_BUDGET = 40_000_000  # width × height of a picture in content/ (8000×5000)
SVG_MAX_BYTES = 4 * 2**20
SVG_MAX_SIDE = 2048  # the longest side of the PNG an SVG becomes on the site
SVG_DEFAULT_SIDE = 1024  # when the SVG gives no size of its own
VIDEO_PROBE = {"probesize": "5000000", "analyzeduration": "5000000"}  # bytes, microseconds
# Pillow's format name for each picture suffix (and back, for a hint to rename).
FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP"}
SUFFIX_OF = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WEBP": ".webp"}
VIDEO_SUFFIXES = frozenset({".mp4", ".webm", ".mkv", ".mov", ".m4v"})

_verified: dict[tuple[str, int, int], ContentFileError | None] = {}
_lock = threading.Lock()


def published_name(rel: PurePosixPath) -> PurePosixPath:
    """The name a picture has on the site: ``x.svg`` becomes ``x.svg.png``; others keep
    theirs."""
    return rel.with_name(rel.name + ".png") if rel.suffix.lower() == SVG else rel


def verify_media(root: Path, rel: PurePosixPath) -> None:
    """Raise :class:`ContentFileError` unless ``root/rel`` is publishable and decodes: a
    picture within the pixel budget, whole, of the type its name says; an SVG that draws;
    a video whose header names a video stream. Results are kept per file version."""
    path = safe_content_file(root, rel)
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    with _lock:
        if key in _verified:
            known = _verified[key]
            if known is not None:
                raise known
            return
    problem: ContentFileError | None = None
    try:
        suffix = rel.suffix.lower()
        if st.st_size == 0:
            raise ContentFileError("corrupt-file", "is empty (0 bytes)", "export the file again")
        if suffix == SVG:
            rasterise_svg(read_content_bytes(root, rel, limit=SVG_MAX_BYTES))
        elif suffix in VIDEO_SUFFIXES:
            _verify_video(path)
        elif suffix in FORMATS:
            _verify_picture(read_content_bytes(root, rel), rel.name)
    except ContentFileError as found:
        problem = found
    with _lock:
        _verified[key] = problem
    if problem is not None:
        raise problem


def svg_problems(root: Path, entries: Iterable[tuple[PurePosixPath, os.stat_result]] | None
                 = None) -> list[Diagnostic]:
    """One error per SVG of content/ that cannot be drawn, at its own path: every SVG is
    published as its PNG, whether an item names it or not. ``entries``: the caller's walk
    of content/ (``walk_content``'s entries, or those that may be SVGs), to walk only once."""
    out: list[Diagnostic] = []
    for rel, st in walk_content(root) if entries is None else entries:
        if not stat.S_ISREG(st.st_mode) or rel.suffix.lower() != SVG or \
                any(part.startswith("_") for part in rel.parts):
            continue
        try:
            verify_media(root, rel)
        except ContentFileError as problem:
            shown = (PurePosixPath(Path(root).name) / rel).as_posix()
            out.append(problem.diagnostic(shown, 1, 1, f"picture '{rel.name}'"))
    return out


def open_picture(data: bytes, name: str, budget: int = PIXEL_BUDGET) -> Image.Image:
    """The picture in ``data``, opened (header only) and checked for its type and size;
    nothing is decoded yet. :class:`ContentFileError` when it is not what its name says."""
    suffix = PurePosixPath(name).suffix.lower()
    expected = FORMATS.get(suffix)
    try:
        with warnings.catch_warnings():
            # Our own budget is the rule; Pillow's warning above 89 million pixels becomes
            # the same refusal instead of a line on stderr.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ContentFileError("picture-too-large", f"has more than {budget // 10**6} "
                               "million pixels", _smaller_hint(budget)) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise ContentFileError("corrupt-file", f"is not a valid {suffix[1:]} file",
                               "export the file again") from None
    if expected is not None and img.format != expected:
        real = img.format or "unknown"
        right = SUFFIX_OF.get(real)
        hint = (f"rename it to {PurePosixPath(name).stem}{right}" if right else
                f"save it again as {expected}")
        raise ContentFileError("wrong-picture-type", f"is a {real} picture, not {expected} as "
                               f"its name says", hint)
    width, height = img.size
    if width * height > budget:
        raise ContentFileError("picture-too-large", f"is {width}×{height} pixels, more than "
                               f"the {budget // 10**6} million allowed", _smaller_hint(budget))
    if width == 0 or height == 0:
        raise ContentFileError("corrupt-file", f"is not a valid {suffix[1:]} file",
                               "export the file again")
    return img


def _smaller_hint(budget: int) -> str:
    return (f"scale it down to at most {budget // 10**6} million pixels (e.g. 6000×4000) and "
            "save it again")


def _verify_picture(data: bytes, name: str) -> None:
    suffix = PurePosixPath(name).suffix.lower()
    img = open_picture(data, name)
    try:
        if img.format == "JPEG":
            img.draft("RGB", (max(1, img.width // 8), max(1, img.height // 8)))
        img.load()  # a truncated file fails here (ImageFile.LOAD_TRUNCATED_IMAGES is off)
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        cut = "truncated" in str(exc) or isinstance(exc, EOFError)
        raise ContentFileError(
            "corrupt-file", "is cut short (the file is truncated)" if cut else
            f"is not a valid {suffix[1:]} file", "export the file again") from None
    finally:
        img.close()


def _verify_video(path: Path) -> None:
    import av  # PyAV: only when a video is checked

    try:
        with av.open(str(path), options=VIDEO_PROBE, timeout=10.0) as container:
            if not container.streams.video:
                raise ContentFileError("corrupt-file", "has no video stream",
                                       "export it again as MP4 (H.264)")
    except ContentFileError:
        raise
    except (OSError, av.FFmpegError) as exc:
        raise ContentFileError("corrupt-file", f"cannot be opened as a video "
                               f"({_reason(exc)})", "export it again as MP4 (H.264)") from None


def _reason(exc: BaseException) -> str:
    """One short line for the editor: no errno, no file name, no Python repr."""
    name = type(exc).__name__
    if name in ("EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden"):
        return "XML entities and DTDs are not allowed"
    if isinstance(exc, RecursionError):
        return "it is nested too deeply"
    text = re.sub(r"^\[Errno -?\d+\] ", "", str(exc).split(": '", 1)[0]).strip()
    return text[:80] or name


# -- SVG -------------------------------------------------------------------------------------

def _no_fetch(url: str, resource_type: str) -> bytes:
    """cairosvg's URL fetcher: nothing is read from the disk or the network, and no picture
    is embedded (a data: picture inside an SVG would be decoded with no limit)."""
    return b"" if resource_type == "text/css" else b'<svg width="1" height="1"></svg>'


def rasterise_svg(data: bytes, longest: int = SVG_MAX_SIDE) -> bytes:
    """A PNG of the SVG ``data``, its longest side at most ``longest`` pixels (its own size
    when smaller). Drawn by cairosvg with ``unsafe=False`` (no XML entities, no external
    files) and no URL fetching; :class:`ContentFileError` ``svg-not-drawn`` when it cannot be
    drawn."""
    if len(data) > SVG_MAX_BYTES:
        raise ContentFileError("file-too-large", f"is larger than {SVG_MAX_BYTES // 2**20} MB",
                               "make the file smaller")
    try:
        from cairosvg.parser import Tree  # type: ignore[import-untyped]  # ships no types
        from cairosvg.surface import PNGSurface  # type: ignore[import-untyped]  # no types

        tree = Tree(bytestring=data, unsafe=False, url_fetcher=_no_fetch)
        width, height = _svg_size(tree)
        scale = min(1.0, longest / max(width, height))
        out_w, out_h = max(1, round(width * scale)), max(1, round(height * scale))
        buf = io.BytesIO()
        surface = PNGSurface(tree, buf, 96, output_width=out_w, output_height=out_h)
        surface.finish()
    except ContentFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure of a hostile SVG is the editor's
        # to fix (XML entities, recursion, bad numbers …), never a traceback
        raise ContentFileError("svg-not-drawn", f"cannot be drawn ({_reason(exc)})",
                               "open it in a drawing program, save it as plain SVG or as "
                               "PNG, and try again") from None
    return buf.getvalue()


def _svg_size(tree: Any) -> tuple[float, float]:
    """The SVG's own size in pixels (width/height, else its viewBox), without making a
    surface of that size first (an SVG may claim to be a million pixels wide)."""
    from types import SimpleNamespace

    from cairosvg.helpers import node_format, size  # type: ignore[import-untyped]  # no types

    probe: Any = SimpleNamespace(context_width=None, context_height=None, dpi=96,
                                 font_size=0.0)
    probe.font_size = size(probe, "12pt")
    width, height, viewbox = node_format(probe, tree)
    if (not width or not height) and viewbox:
        width, height = viewbox[2], viewbox[3]
    if not width or not height or width <= 0 or height <= 0:
        return float(SVG_DEFAULT_SIDE), float(SVG_DEFAULT_SIDE)
    return float(width), float(height)


# -- screen-sized copies ---------------------------------------------------------------------

def screen_copy(root: Path, rel: PurePosixPath, longest: int) -> tuple[bytes, str] | None:
    """``(bytes, suffix)`` of the picture ``root/rel`` with its longest side at most
    ``longest``: the EXIF turn applied, metadata dropped, PNG kept PNG, JPEG kept JPEG,
    anything else (GIF, WebP, SVG) as PNG. The same input gives the same bytes every time.
    ``None`` when the picture can be shown as it is (a PNG or JPEG that fits, not turned)."""
    suffix = rel.suffix.lower()
    if suffix == SVG:
        return rasterise_svg(read_content_bytes(root, rel, limit=SVG_MAX_BYTES), longest), \
            ".png"
    data = read_content_bytes(root, rel)
    img = open_picture(data, rel.name)
    with img:
        turned = (img.getexif().get(0x0112, 1) or 1) != 1
        fits = max(img.size) <= longest
        if fits and not turned and img.format in ("PNG", "JPEG"):
            return None
        if img.format == "JPEG":
            img.draft("RGB", _fit(img.size, longest))
        img.load()
        pic = ImageOps.exif_transpose(img) if turned else img
        if max(pic.size) > longest:
            pic = pic.resize(_fit(pic.size, longest), Image.Resampling.LANCZOS)
        buf = io.BytesIO()
        if img.format == "JPEG":
            pic.convert("RGB").save(buf, "JPEG", quality=90, optimize=False, progressive=False)
            return buf.getvalue(), ".jpg"
        if pic.mode not in ("RGB", "RGBA", "L", "LA"):
            pic = pic.convert("RGBA")
        pic.save(buf, "PNG", optimize=False, compress_level=6)
        return buf.getvalue(), ".png"


def _fit(size: tuple[int, int], longest: int) -> tuple[int, int]:
    w, h = size
    scale = min(1.0, longest / max(w, h))
    return max(1, round(w * scale)), max(1, round(h * scale))


def forget_verified() -> None:
    """Drop the kept verification results (tests that rewrite a file in the same second)."""
    with _lock:
        _verified.clear()


ImageFile.LOAD_TRUNCATED_IMAGES = False  # deliberate: a cut-short file is an error, never grey

__all__ = ["FORMATS", "PIXEL_BUDGET", "SVG_MAX_BYTES", "SVG_MAX_SIDE", "forget_verified",
           "open_picture", "published_name", "rasterise_svg",
           "screen_copy", "svg_problems", "verify_media"]
