"""One template per kind of slide (Xibo/Yodeck-style): which one a slide gets, where its
picture or film goes, and the drawing of its content area.

``signage.render.slide.render_static`` asks :func:`template_of` (in ``base.py``: urgent,
table, video, event, picture, congratulation, announcement), draws the header and calls
:func:`draw`; the player asks :func:`areas` (through ``slide.media_rect``) where to blit
video frames. docs/screens.md shows each template; docs/design.md gives its grid and type.
"""

from __future__ import annotations

from collections.abc import Callable

from signage.render.layout import ContentAreas, Layout, content_areas
from signage.render.templates import event, media, table, text, urgent
from signage.render.templates.base import (
    TEMPLATES,
    Canvas,
    MediaRef,
    SlideLike,
    Template,
    event_line,
    slide_text,
    template_of,
)

DRAW: dict[Template, Callable[[Canvas], None]] = {
    "announcement": text.draw_announcement,
    "congratulation": text.draw_congratulation,
    "event": event.draw_event,
    "urgent": urgent.draw_urgent,
    "picture": media.draw_picture_only,
    "video": media.draw_video,
    "table": table.draw_table_slide,
}


def areas(slide: SlideLike, layout: Layout) -> ContentAreas:
    """Where the text, the picture or film and the QR code of ``slide`` go (the event and
    table templates place their own blocks; their media area is None)."""
    kind = template_of(slide)
    if kind == "urgent":
        return urgent.areas(layout, slide)
    if kind in ("video", "picture"):
        return media.areas(layout, slide, video=kind == "video")
    has_media = kind in ("announcement", "congratulation") and slide.image is not None
    return content_areas(layout, media=has_media, qr=bool(slide.url))


def draw(cv: Canvas) -> Template:
    """Draw the content area of ``cv.slide`` with its template; return the template's name."""
    kind = template_of(cv.slide)
    DRAW[kind](cv)
    return kind


__all__ = ["DRAW", "TEMPLATES", "Canvas", "MediaRef", "SlideLike", "Template", "areas", "draw",
           "event_line", "slide_text", "template_of"]
