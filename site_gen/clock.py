""""Now" for the build and the CLI: the real clock, or a pinned day.

The demo and the tests pin the day through ``JARSHY_TODAY`` (``2026-11-23`` or
``2026-11-23 12:00``) or a ``--date`` option, so the example content never goes stale.
A bare date means noon of that day in the company's zone.
"""

from __future__ import annotations

import os
from datetime import datetime, time
from zoneinfo import ZoneInfo

from .content.dates import DateProblem, parse_date, parse_datetime

ENV = "JARSHY_TODAY"


class BadDate(ValueError):
    pass


def resolve_now(zone: ZoneInfo, pinned: str | None = None) -> datetime:
    """``pinned`` (an option's value), else ``$JARSHY_TODAY``, else the real clock."""
    text = pinned or os.environ.get(ENV, "").strip()
    if not text:
        return datetime.now(zone)
    try:
        if " " in text.strip() or "T" in text:
            return parse_datetime(text, zone)
        return datetime.combine(parse_date(text), time(12, 0), tzinfo=zone)
    except DateProblem as problem:
        source = "--date" if pinned else ENV
        raise BadDate(f"{source}: {problem.message}; {problem.hint}") from None
