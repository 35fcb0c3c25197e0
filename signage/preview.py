"""Previews: a screen's playlist as PNG files, a contact sheet and a table, without a screen.

Flow: :mod:`signage.bundle` → :mod:`signage.schedule` → **here** → ``signage.render``.
The slides are drawn by the player's own renderer (``signage.render.render_slide``), so
what an editor sees in a preview is what the canteen sees. Used by ``signage preview`` and
by the site's "On the screens today" pages (``site_gen.signage_pages``), which ask for small
thumbnails. Runs headless: the SDL video driver is set to ``dummy`` unless one is chosen.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from .bundle import Bundle, ScreenInfo
from .schedule import Playlist, Slide

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402  (the SDL settings above must come first)

SHEET_BACKGROUND = (236, 239, 243)
SHEET_TEXT = (33, 37, 41)
URGENT_MARK = (200, 30, 45)
_SLIDE_FILE = re.compile(r"^\d{2,3}-(kk|ru)-.*\.png$")


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the printed playlist: when a slide starts if the loop begins at ``start``."""

    start: datetime
    slide: Slide

    @property
    def cells(self) -> tuple[str, str, str, str]:
        mark = " (urgent)" if self.slide.urgent else ""
        return (self.start.strftime("%H:%M:%S"), self.slide.item_id + mark, self.slide.lang,
                f"{self.slide.duration} s")


def rows(pl: Playlist, start: datetime) -> list[Row]:
    """One pass of ``pl`` starting at ``start``, slide after slide."""
    out, t = [], start
    for slide in pl.slides:
        out.append(Row(t, slide))
        t += timedelta(seconds=slide.duration)
    return out


def table(found: Sequence[Row]) -> str:
    """The rows as an aligned plain-text table (time, item, language, duration)."""
    head = ("time", "item", "language", "duration")
    cells = [head, *(r.cells for r in found)]
    widths = [max(len(c[i]) for c in cells) for i in range(4)]
    lines = ["  ".join(c[i].ljust(widths[i]) for i in range(4)).rstrip() for c in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def screen_size(screen: ScreenInfo) -> tuple[int, int]:
    """The picture as viewers see it (the bundle's width x height, already upright)."""
    return screen.width, screen.height


def render(bundle: Bundle, slide: Slide, screen: ScreenInfo, at: datetime, *,
           media_dir: Path | None, size: tuple[int, int] | None = None,
           image: pygame.Surface | None = None) -> pygame.Surface:
    """One slide at ``at`` with the screen's ticker, drawn by the player's renderer.

    The slide's picture is read from ``media_dir`` unless ``image`` is given."""
    size = size or screen_size(screen)
    try:
        from .render import render_slide
    except ImportError:  # the player's renderer is optional for the scheduler's tests
        return _plain_slide(slide, size)
    return render_slide(slide, size, now=at, company=bundle.company.get(slide.lang, ""),
                        ticker=screen.ticker.get(slide.lang, ""), media_dir=media_dir,
                        image=image)


def _plain_slide(slide: Slide, size: tuple[int, int]) -> pygame.Surface:
    """A minimal layout used only when ``signage.render`` cannot be imported."""
    pygame.font.init()
    surface = pygame.Surface(size)
    surface.fill((255, 255, 255))
    font = pygame.font.Font(None, max(16, size[1] // 14))
    y = size[1] // 10
    for line in (slide.title, slide.text):
        surface.blit(font.render(line[:60], True, (0, 0, 0)), (size[0] // 20, y))
        y += font.get_linesize() * 2
    return surface


def scaled(surface: pygame.Surface, width: int) -> pygame.Surface:
    w, h = surface.get_size()
    return pygame.transform.smoothscale(surface, (width, max(1, round(h * width / w))))


def png_bytes(surface: pygame.Surface) -> bytes:
    buf = io.BytesIO()
    pygame.image.save(surface, buf, "preview.png")
    return buf.getvalue()


def contact_sheet(images: Sequence[pygame.Surface], labels: Sequence[str],
                  urgent: Sequence[bool], *, thumb_width: int = 360,
                  columns: int = 4) -> pygame.Surface:
    """Thumbnails in a grid with a label under each; urgent slides framed in red."""
    pygame.font.init()
    font = pygame.font.Font(None, 22)
    thumbs = [scaled(img, thumb_width) for img in images] or [
        pygame.Surface((thumb_width, thumb_width * 9 // 16))]
    th = max(t.get_height() for t in thumbs)
    pad, label_h = 16, 26
    cols = max(1, min(columns, len(thumbs)))
    rows_n = (len(thumbs) + cols - 1) // cols
    sheet = pygame.Surface((pad + cols * (thumb_width + pad), pad + rows_n * (th + label_h + pad)))
    sheet.fill(SHEET_BACKGROUND)
    for i, thumb in enumerate(thumbs):
        x = pad + (i % cols) * (thumb_width + pad)
        y = pad + (i // cols) * (th + label_h + pad)
        sheet.blit(thumb, (x, y))
        if i < len(urgent) and urgent[i]:
            pygame.draw.rect(sheet, URGENT_MARK, (x - 3, y - 3, thumb_width + 6,
                                                  thumb.get_height() + 6), 3)
        if i < len(labels):
            text = font.render(labels[i], True, SHEET_TEXT)
            sheet.blit(text, (x, y + thumb.get_height() + 5))
    return sheet


@dataclass(frozen=True, slots=True)
class PreviewResult:
    rows: list[Row]
    slides: list[Path]  # one PNG per slide shown, in playlist order
    sheet: Path
    skipped: list[str] = field(default_factory=list)  # one line per slide the screens skip


def slide_file_name(index: int, slide: Slide) -> str:
    stem = slide.item_id.rsplit("/", 1)[-1]
    safe = re.sub(r"[^\w.-]+", "-", stem)
    return f"{index:02d}-{slide.lang}-{safe}.png"


def write_preview(bundle: Bundle, pl: Playlist, at: datetime, out_dir: Path, *,
                  media_dir: Path | None, size: tuple[int, int] | None = None) -> PreviewResult:
    """Render every slide of ``pl`` into ``out_dir`` plus ``contact-sheet.png``.

    Slide PNGs of an earlier preview in ``out_dir`` are removed first, so the folder shows
    exactly this playlist.
    """
    screen = bundle.screen(pl.screen_id)
    if screen is None:
        raise ValueError(f"screen '{pl.screen_id}' is not in the bundle")
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.iterdir():
        if _SLIDE_FILE.match(old.name):
            old.unlink()
    found = rows(pl, at)
    images, files, drawn, skipped = [], [], [], []
    for i, row in enumerate(found, 1):
        try:
            image = render(bundle, row.slide, screen, row.start, media_dir=media_dir, size=size)
        except _render_errors() as problem:
            # What the player does: the slide is skipped and the reason said in one line,
            # naming the item, its language and the bundle's file; the preview goes on.
            picture = row.slide.image.path if row.slide.image is not None else "-"
            skipped.append(f"{row.slide.item_id} ({row.slide.lang}), picture {picture}: "
                           f"{problem}; the screens skip this slide. Replace the item's "
                           "picture (site-gen check names its file and line) and build again")
            continue
        path = out_dir / slide_file_name(i, row.slide)
        _save(image, path)
        images.append(image)
        files.append(path)
        drawn.append(row)
    labels = [f"{r.start:%H:%M:%S} {r.slide.lang} {r.slide.duration}s "
              f"{r.slide.item_id.rsplit('/', 1)[-1][:28]}" for r in drawn]
    sheet = contact_sheet(images, labels, [r.slide.urgent for r in drawn])
    sheet_path = out_dir / "contact-sheet.png"
    _save(sheet, sheet_path)
    return PreviewResult(found, files, sheet_path, skipped)


def _render_errors() -> tuple[type[Exception], ...]:
    """The renderer's "this slide cannot be drawn" error (none when it is not installed)."""
    try:
        from .render import RenderError
    except ImportError:
        return ()
    return (RenderError,)


def _save(surface: pygame.Surface, path: Path) -> None:
    """Atomic: the PNG goes to a temp name in the same folder, then replaces ``path``."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(png_bytes(surface))
    os.replace(tmp, path)
