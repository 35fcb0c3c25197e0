""""On the screens today" for the portal home: the items the monitors show today.

Sits between the signage side and the home page. The answer comes from the very code
the players run: the bundle writer (``site_gen.bundle.build_bundle``) makes today's
bundle and ``signage.schedule.compile_day`` lists, per screen, every playlist of the
day; an item is "on the screens today" when any screen shows its version in this
language at any moment of the day. Urgent items come first, then the order they first
appear. When the bundle writer is not available (an older checkout) the same question is
answered from the content with the ``signage:`` block's dates, and ``exact`` says so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from ..content.model import ContentSet, Item, Lang, Version

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class OnScreen:
    item: Item
    version: Version
    text: str  # the short screen text in this language
    urgent: bool
    screens: tuple[str, ...]  # screen ids that show it today


@dataclass(frozen=True, slots=True)
class Today:
    items: tuple[OnScreen, ...]
    exact: bool  # True: from the players' own schedule; False: from signage dates only


def on_screens_today(content: ContentSet, lang: Lang, now: datetime) -> Today:
    try:
        return Today(tuple(_from_schedule(content, lang, now)), True)
    except ImportError as problem:
        log.warning("on-screens-today block: signage schedule not available (%s); "
                    "listing items by their signage dates instead", problem)
        return Today(tuple(_from_dates(content, lang, now)), False)


def _from_schedule(content: ContentSet, lang: Lang, now: datetime) -> list[OnScreen]:
    from signage.schedule import compile_day

    from ..bundle import build_bundle
    from ..bundle.writer import content_key

    bundle, _ = build_bundle(content, now)
    day = now.astimezone(content.settings.zone).date()
    seen: dict[str, tuple[bool, list[str], int]] = {}
    order = 0
    for screen in content.screens:
        for _, pl in compile_day(bundle, screen.id, day).segments():
            for slide in pl.slides:
                if slide.lang != lang:
                    continue
                key = content_key(slide.item_id)  # a meeting's results slide is its item
                urgent, screens, first = seen.get(key, (False, [], order))
                if screen.id not in screens:
                    screens.append(screen.id)
                seen[key] = (urgent or slide.urgent, screens, first)
                order += 1
    by_key = {item.key: item for item in content.items}
    found: list[tuple[bool, int, OnScreen]] = []
    for key, (urgent, screens, first) in seen.items():
        item = by_key.get(key)
        version = item.versions.get(lang) if item else None
        if item is None or version is None or not version.on_air(now):
            continue  # on a screen but not on the site in this language: nothing to link
        text = (version.signage.text if version.signage else "") or version.summary
        found.append((not urgent, first, OnScreen(item, version, text, urgent, tuple(screens))))
    found.sort(key=lambda f: (f[0], f[1]))
    return [f[2] for f in found]


def _from_dates(content: ContentSet, lang: Lang, now: datetime) -> list[OnScreen]:
    today = now.astimezone(content.settings.zone).date()
    found: list[OnScreen] = []
    for item, version in content.published(lang, now):
        s = item.signage
        if s is None:
            continue
        start = s.start or item.date
        if start <= today and (s.until is None or today <= s.until) and (
                not s.days or today.weekday() in s.days):
            text = (version.signage.text if version.signage else "") or version.summary
            found.append(OnScreen(item, version, text, s.priority == "urgent", s.screens))
    found.sort(key=lambda o: not o.urgent)
    return found
