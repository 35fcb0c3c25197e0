"""What the screen should show at a moment: the schedule's playlist, night, the fallback, or
(when the PC's clock cannot be trusted) only the items that carry no date window.

Where it sits: between ``signage.schedule`` (pure, trusts the moment it is given) and
``signage.player`` (which reads the clock and asks here at every slide boundary and when the
schedule may change). Pure: the moment is passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .bundle import Bundle
from .schedule import Slide, UnknownScreen, make_slide, playlist

CLOCK_SLACK = timedelta(minutes=10)  # kiosk clocks drift; a bundle is not "from the future"
CLOCK_HORIZON = timedelta(days=400)  # a clock a year past the bundle is wrong, not patient


@dataclass(frozen=True, slots=True)
class Plan:
    mode: str  # playing | fallback | night | clock-unsure
    slides: tuple[Slide, ...]
    valid_until: datetime | None  # when to ask again (None: at the next slide boundary)
    dim: bool = False
    problem: str = ""


def clock_problem(now: datetime, bundle: Bundle | None) -> str:
    """Why ``now`` cannot be trusted for the schedule, or "" when it is plausible."""
    if bundle is None:
        return ""
    if now < bundle.generated_at - CLOCK_SLACK:
        made = f"{bundle.generated_at:%Y-%m-%d %H:%M}"
        return (f"the clock is earlier than the bundle (made {made}); "
                "showing only undated items until it is set")
    if now > bundle.generated_at + CLOCK_HORIZON:
        return (f"the clock is more than a year past the bundle (made "
                f"{bundle.generated_at:%Y-%m-%d}); showing only undated items until it is set")
    return ""


def timeless_slides(bundle: Bundle, screen_id: str) -> list[Slide]:
    """Items safe to show whatever the date: no end, no event, started before the bundle
    was made (the real time is surely later than that). Kazakh first, urgent first."""
    made = bundle.generated_at
    out: list[Slide] = []
    for item in sorted(bundle.items, key=lambda i: (not i.urgent, i.id)):
        if item.screens and screen_id not in item.screens:
            continue
        if item.until is not None or item.event_starts is not None:
            continue
        if item.start is not None and item.start > made.date():
            continue
        for t in item.texts():
            if t.expires is not None or (t.publish_at is not None and t.publish_at > made):
                continue
            out.append(make_slide(item, t, screen_id))
    return out


def make_plan(bundle: Bundle | None, screen_id: str, now: datetime) -> Plan:
    """The plan of ``screen_id`` at ``now`` from ``bundle`` (None: nothing yet)."""
    if bundle is None:
        return Plan("fallback", (), None)
    problem = clock_problem(now, bundle)
    if problem:
        return Plan("clock-unsure", tuple(timeless_slides(bundle, screen_id)), None,
                    problem=problem)
    try:
        pl = playlist(bundle, screen_id, now)
    except UnknownScreen as exc:
        return Plan("fallback", (), None, problem=str(exc))
    if pl.night:
        return Plan("night", (), pl.valid_until, dim=pl.off_hours == "dim")
    return Plan("playing" if pl.slides else "fallback", pl.slides, pl.valid_until)
