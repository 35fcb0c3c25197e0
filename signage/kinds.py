"""Which template a piece of content gets: the one decision screens, posters and the digest
share, and the words and figures each template shows that are not drawing.

Where it sits: a leaf of ``signage`` without pygame. The slide templates
(``signage.render.templates``) call :func:`template_of` on a schedule slide; the site's
posters and digest (``site_gen.kindhtml``) call the same function on a view of an item, so
an item has one kind on every channel. docs/design.md lists the kinds and their order.
"""

from __future__ import annotations

from collections.abc import Sized
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, Protocol

from babel.dates import format_date as babel_format_date

Template = Literal["announcement", "event", "urgent", "congratulation", "picture", "video",
                   "table"]
TEMPLATES: tuple[Template, ...] = ("announcement", "event", "urgent", "congratulation",
                                   "picture", "video", "table")
CONGRATULATIONS = "congratulations"  # the section whose items get the festive template
URGENT_LABEL = {"kk": "Шұғыл", "ru": "Срочно"}  # GLOSSARY.md


class HasRows(Protocol):
    @property
    def rows(self) -> Sized: ...


class HasPath(Protocol):
    @property
    def path(self) -> str: ...


class KindSlide(Protocol):
    """What the choice of template reads (a schedule slide and a poster's view have these)."""

    @property
    def title(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def priority(self) -> str: ...
    @property
    def section(self) -> str: ...
    @property
    def image(self) -> HasPath | None: ...
    @property
    def video(self) -> HasPath | None: ...
    @property
    def event_starts(self) -> datetime | None: ...
    @property
    def table(self) -> HasRows | None: ...


def slide_text(slide: KindSlide) -> str:
    """The screen text as Markdown. A text that only repeats the title (an item with no
    summary) is left out: the title then stands alone, large. The article body is never
    poured onto a screen."""
    text = slide.text.strip()
    return "" if text == slide.title.strip() else text


def template_of(slide: KindSlide) -> Template:
    """The template of a slide, first match wins: urgent, a table (report or action plan),
    a video, an event with its start, a picture with no text of its own, a congratulation,
    else an announcement (with its picture, if any)."""
    if slide.priority == "urgent":
        return "urgent"
    if slide.table is not None and len(slide.table.rows) > 0:
        return "table"
    if slide.video is not None:
        return "video"
    if slide.kind == "event" and slide.event_starts is not None:
        return "event"
    if slide.image is not None and not slide_text(slide):
        return "picture"
    if slide.section == CONGRATULATIONS:
        return "congratulation"
    return "announcement"


def urgent_word(lang: str) -> str:
    """"ШҰҒЫЛ" / "СРОЧНО": the alert word of the urgent template, in capitals."""
    return URGENT_LABEL.get(lang, URGENT_LABEL["kk"]).upper()


@dataclass(frozen=True, slots=True)
class EventWords:
    """The event template's date block: "28", "қараша", "сенбі", "10:00"."""

    day: str
    month: str
    weekday: str
    time: str


def _babel(day: date, pattern: str, lang: str) -> str:
    return str(babel_format_date(day, pattern, locale=lang if lang in ("kk", "ru") else "kk"))


def event_words(starts: datetime, lang: str) -> EventWords:
    """The block's words for a start already in company time (CLDR through Babel: the month
    as it is said with a day, "қараша" / "ноября")."""
    return EventWords(str(starts.day), _babel(starts.date(), "MMMM", lang),
                      _babel(starts.date(), "EEEE", lang), f"{starts.hour:02d}:{starts.minute:02d}")
