"""The screens' copy of a media file: through the content boundary, pictures screen-sized.

Where it sits: the bundle writer (``writer._Media``) asks :func:`screen_media` for each
picture or video a slide shows. Every file is read through ``site_gen.content.files`` (a
link, or a file outside content/, is refused). A picture is copied with its longest side at
most the largest screen's longest side (``content/_data/screens.yml``), so a player never
decodes more pixels than it shows; the copy's bytes depend only on the picture and that
size, so its sha256 (and the bundle's version) stays the same from build to build. A picture
that is already small enough is used as it is.

The copies live in a private temporary folder of the building process (removed when it
exits); the writer copies them into the bundle's ``media/`` under content-addressed names.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from ..content.files import SVG, ContentFileError, safe_content_file
from ..content.model import Screen
from ..pictures import FORMATS, screen_copy, verify_media

DEFAULT_LONGEST = 1920  # when screens.yml names no screen

_folder: tuple[int, Path] | None = None
_lock = threading.Lock()


def largest_side(screens: Iterable[Screen]) -> int:
    """The longest side, in pixels, of the largest screen."""
    return max((max(s.width, s.height) for s in screens), default=DEFAULT_LONGEST)


def screen_media(root: Path, rel: PurePosixPath, longest: int) -> tuple[Path, str]:
    """``(file, suffix)`` of what the screens get for ``root/rel``: the content file itself
    (a video, or a picture that fits), or a screen-sized copy. :class:`ContentFileError`
    when the file may not be published or does not decode."""
    suffix = rel.suffix.lower()
    verify_media(root, rel)
    if suffix not in FORMATS and suffix != SVG:
        return safe_content_file(root, rel), suffix
    copy = screen_copy(root, rel, longest)
    if copy is None:
        return safe_content_file(root, rel), suffix
    data, suffix_out = copy
    digest = hashlib.sha256(data).hexdigest()
    target = _private_folder() / f"{digest}{suffix_out}"
    if not target.is_file():
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
    return target, suffix_out


def _private_folder() -> Path:
    """This process's folder for screen-sized copies (0700, removed at exit)."""
    global _folder
    with _lock:
        if _folder is None or _folder[0] != os.getpid():
            path = Path(tempfile.mkdtemp(prefix="jarshy-screen-media-"))
            _folder = (os.getpid(), path)
            atexit.register(_remove, os.getpid(), path)
        return _folder[1]


def _remove(owner: int, path: Path) -> None:
    if os.getpid() == owner:
        shutil.rmtree(path, ignore_errors=True)


__all__ = ["ContentFileError", "largest_side", "screen_media"]
