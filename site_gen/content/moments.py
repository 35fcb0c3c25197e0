"""The next moment the published output changes by itself, with no push.

Where it sits: after ``site_gen.content.check`` (and the gate), beside the build. The
publish service (``site_gen.publish``) sleeps until :func:`next_change` of the content it
last built, the way the player sleeps until its playlist's ``valid_until``
(``signage.schedule.next_change``). Pure: the clock is passed in.

A moment is any of: a version's ``publish_at`` or ``expires``; a signage block's ``from``
(its first day's midnight) or the end of its ``until`` day; an event's start or end; a
newspaper issue's date (its midnight). Day-granular moments are midnights in the company's
zone (``site.yml`` ``timezone``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .model import ContentSet


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=zone)


def moments(content: ContentSet) -> Iterator[datetime]:
    """Every moment at which some item, screen slide or issue starts or stops showing."""
    zone = content.settings.zone
    for item in content.items:
        for version in item.versions.values():
            if version.publish_at is not None:
                yield version.publish_at
            if version.expires is not None:
                yield version.expires
            sig = version.signage
            if sig is not None and sig.start is not None:
                yield _midnight(sig.start, zone)
            if sig is not None and sig.until is not None and sig.until < date.max:
                yield _midnight(sig.until + timedelta(days=1), zone)  # "until" is inclusive
            event = version.event
            if event is not None:
                yield event.starts
                if event.ends is not None:
                    yield event.ends
    for issue in content.issues:
        yield _midnight(issue.date, zone)


def next_change(content: ContentSet, now: datetime) -> datetime | None:
    """The earliest moment strictly after ``now`` (aware) at which the output changes by
    itself; ``None`` when nothing is scheduled."""
    later = [m for m in moments(content) if m > now]
    return min(later) if later else None


def next_midnight(now: datetime, zone: ZoneInfo) -> datetime:
    """The next local midnight after ``now``: pages that say what is on "today" change then."""
    return _midnight(now.astimezone(zone).date() + timedelta(days=1), zone)
