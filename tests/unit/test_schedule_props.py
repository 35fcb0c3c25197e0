"""Property tests of the scheduler: random bundles and moments against a plain oracle.

The oracle below states the rules with whole datetimes (no minute arithmetic, no index),
so it shares no code with ``signage.schedule``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_schedule import MONDAY, Z, make_bundle, make_screen

from signage.bundle import Bundle, BundleItem, Hours, ItemText, ScreenInfo, parse_bundle
from signage.bundle import dump_bundle as dump
from signage.schedule import compile_day, playlist

SCREENS = ("canteen", "lobby", "workshop")
BASE = datetime.combine(MONDAY, time(0), tzinfo=Z)


# ---------------------------------------------------------------- the oracle


def _covers(ranges: tuple[Hours, ...], day: date, now: datetime) -> bool:
    for h in ranges:
        start = datetime.combine(day, time(0), tzinfo=Z) + timedelta(minutes=h.start)
        end_day = day if h.end > h.start else day + timedelta(days=1)
        end = datetime.combine(end_day, time(0), tzinfo=Z) + timedelta(minutes=h.end % 1440)
        if h.end == 1440:
            end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=Z)
        if start <= now < end:
            return True
    return False


def screen_on(screen: ScreenInfo, now: datetime) -> bool:
    if not screen.on_hours:
        return True
    today = now.astimezone(Z).date()
    return any(_covers(screen.on_hours, d, now) for d in (today, today - timedelta(days=1)))


def eligible(b: Bundle, screen: ScreenInfo, now: datetime) -> set[tuple[str, str]]:
    """(item, lang) pairs the rules allow at ``now`` on ``screen`` (the screen being on)."""
    out = set()
    today = now.astimezone(Z).date()
    for item in b.items:
        if item.screens and screen.id not in item.screens:
            continue
        if item.event_starts is not None and now >= item.event_starts:
            continue
        ranges = item.hours or screen.on_hours
        days = [d for d in (today, today - timedelta(days=1))
                if (item.start is None or item.start <= d)
                and (item.until is None or d <= item.until)
                and (not item.days or d.weekday() in item.days)
                and (_covers(ranges, d, now) if ranges else d == today)]
        if not days:
            continue
        for lang, text in item.langs.items():
            if (text.publish_at is None or text.publish_at <= now) and (
                    text.expires is None or now < text.expires):
                out.add((item.id, lang))
    return out


# ---------------------------------------------------------------- random bundles

minutes_of_day = st.integers(0, 95).map(lambda q: q * 15)


@st.composite
def hour_ranges(draw: st.DrawFn, allow_empty: bool = True) -> tuple[Hours, ...]:
    n = draw(st.integers(0 if allow_empty else 1, 2))
    out = []
    for _ in range(n):
        start = draw(minutes_of_day)
        end = draw(minutes_of_day.filter(lambda m, s=start: m != s)) or 1440
        out.append(Hours(start, end))
    return tuple(out)


instants = st.integers(-3 * 96, 10 * 96).map(lambda q: BASE + timedelta(minutes=15 * q))
days_around = st.integers(-3, 9).map(lambda n: MONDAY + timedelta(days=n))


@st.composite
def items(draw: st.DrawFn, iid: str) -> BundleItem:
    start = draw(st.none() | days_around)
    until = draw(st.none() | days_around)
    if start and until and until < start:
        start, until = until, start
    langs = draw(st.sampled_from([("kk", "ru"), ("kk", "ru"), ("kk",), ("ru",)]))
    texts = {}
    for lang in langs:
        pub = draw(st.none() | instants)
        exp = draw(st.none() | instants)
        if pub and exp and exp <= pub:
            pub, exp = exp - timedelta(days=1), pub
        texts[lang] = ItemText(lang, f"{iid} {lang}", "мәтін", "", f"/{lang}/{iid}/", pub, exp)
    return BundleItem(
        id=iid, kind="article", section="news", date=MONDAY,
        priority=draw(st.sampled_from(["normal", "normal", "urgent"])),
        screens=tuple(draw(st.lists(st.sampled_from(SCREENS), max_size=2, unique=True))),
        start=start, until=until,
        days=tuple(sorted(draw(st.sets(st.integers(0, 6), max_size=4)))),
        hours=draw(hour_ranges()), duration=draw(st.none() | st.integers(3, 120)),
        image=None, video=None, event_starts=draw(st.none() | instants), event_ends=None,
        langs=texts)


@st.composite
def bundles(draw: st.DrawFn) -> Bundle:
    screens = tuple(ScreenInfo(**{**_screen_fields(make_screen(sid)),
                                  "on_hours": draw(hour_ranges())})
                    for sid in SCREENS[:draw(st.integers(1, 3))])
    n = draw(st.integers(0, 7))
    return make_bundle(*(draw(items(f"news/{i:02d}")) for i in range(n)), screens=screens)


def _screen_fields(s: ScreenInfo) -> dict[str, object]:
    return {name: getattr(s, name) for name in ScreenInfo.__slots__}


moments = st.integers(-2 * 1440, 9 * 1440).map(lambda m: BASE + timedelta(minutes=m))
FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


# ---------------------------------------------------------------- properties


@FAST
@given(bundles(), moments, st.data())
def test_playlist_is_exactly_the_eligible_items(b: Bundle, now: datetime,
                                                data: st.DataObject) -> None:
    screen = data.draw(st.sampled_from(b.screens))
    pl = playlist(b, screen.id, now)
    got = [(s.item_id, s.lang) for s in pl.slides]
    assert len(got) == len(set(got)), "a slide appears twice"
    if not screen_on(screen, now):
        assert pl.night and got == []
        return
    assert not pl.night
    # No expired, future, off-day or other-screen item; every eligible one in every language.
    assert set(got) == eligible(b, screen, now)
    assert pl.valid_until > now


@FAST
@given(bundles(), moments, st.data())
def test_order_urgent_first_kazakh_first(b: Bundle, now: datetime, data: st.DataObject) -> None:
    screen = data.draw(st.sampled_from(b.screens))
    slides = playlist(b, screen.id, now).slides
    urgent = [s.urgent for s in slides]
    assert urgent == sorted(urgent, reverse=True)
    for a, c in zip(slides, slides[1:], strict=False):
        if a.item_id == c.item_id:
            assert (a.lang, c.lang) == ("kk", "ru")
    ids = [s.item_id for s in slides]
    assert all(ids.index(i) + ids.count(i) - 1 == len(ids) - 1 - ids[::-1].index(i)
               for i in ids), "an item's languages are not side by side"


@FAST
@given(bundles(), moments, st.data())
def test_same_inputs_same_playlist(b: Bundle, now: datetime, data: st.DataObject) -> None:
    screen = data.draw(st.sampled_from(b.screens)).id
    again = parse_bundle(dump(b))  # an equal bundle read back from its JSON
    assert playlist(b, screen, now) == playlist(b, screen, now) == playlist(again, screen, now)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bundles(), st.data())
def test_a_week_minute_by_minute_is_never_empty_when_something_is_eligible(
        b: Bundle, data: st.DataObject) -> None:
    screen = data.draw(st.sampled_from(b.screens))
    for n in range(7):
        day = MONDAY + timedelta(days=n)
        index = compile_day(b, screen.id, day)
        start = datetime.combine(day, time(0), tzinfo=Z)
        for minute in range(1440):
            now = start + timedelta(minutes=minute)
            pl = index.at(now)
            if screen_on(screen, now):
                assert not pl.night, now
                if eligible(b, screen, now):
                    assert pl.slides, f"empty playlist at {now} with eligible items"
            else:
                assert pl.night and not pl.slides, now
        # The index agrees with the direct evaluation (spot checks: every 97th minute).
        for minute in range(0, 1440, 97):
            now = start + timedelta(minutes=minute)
            assert index.at(now) == playlist(b, screen.id, now)
