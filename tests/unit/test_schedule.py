"""The scheduler's rules, one small hand-made bundle each, at fixed moments in Asia/Almaty.

2026-11-23 is a Monday. The helpers here are shared with test_schedule_props.py.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from signage.bundle import Bundle, BundleItem, Hours, ItemText, ScreenInfo
from signage.schedule import (
    READING_MAX,
    READING_MIN,
    UnknownScreen,
    compile_day,
    next_change,
    playlist,
    reading_seconds,
)
from signage.timezones import load_zone

Z = load_zone("Asia/Almaty")
MONDAY = date(2026, 11, 23)


def at(day: date, hhmm: str = "12:00") -> datetime:
    h, m = hhmm.split(":")
    return datetime(day.year, day.month, day.day, int(h), int(m), tzinfo=Z)


def hours(text: str) -> tuple[Hours, ...]:
    return tuple(Hours.parse(x) for x in text.split(",")) if text else ()


def make_screen(sid: str = "canteen", on: str = "07:00-21:00", off: str = "dark") -> ScreenInfo:
    return ScreenInfo(sid, {"kk": f"{sid} kk", "ru": f"{sid} ru"}, {"kk": "", "ru": ""},
                      1920, 1080, 0, hours(on), off, {"kk": "", "ru": ""})


def make_text(lang: str, *, publish_at: datetime | None = None,
              expires: datetime | None = None, words: int = 4) -> ItemText:
    return ItemText(lang, f"{lang} title", " ".join(["сөз"] * words), "body",
                    f"/{lang}/news/x/", publish_at, expires)


def make_item(iid: str = "news/a", *, langs: tuple[str, ...] = ("kk", "ru"),
              start: date | None = date(2026, 11, 20), until: date | None = None,
              days: tuple[int, ...] = (), on: str = "", screens: tuple[str, ...] = (),
              priority: str = "normal", duration: int | None = 10,
              publish_at: datetime | None = None, expires: datetime | None = None,
              event_starts: datetime | None = None, words: int = 4) -> BundleItem:
    return BundleItem(
        id=iid, kind="event" if event_starts else "article", section="news",
        date=start or MONDAY, priority=priority, screens=screens, start=start, until=until,
        days=days, hours=hours(on), duration=duration, image=None, video=None,
        event_starts=event_starts, event_ends=None,
        langs={lang: make_text(lang, publish_at=publish_at, expires=expires, words=words)
               for lang in langs})


def make_bundle(*items: BundleItem, screens: tuple[ScreenInfo, ...] | None = None) -> Bundle:
    return Bundle(1, "test", at(MONDAY, "00:00"), "Asia/Almaty", {"kk": "К", "ru": "К"}, 14,
                  screens if screens is not None else (make_screen(),), tuple(items))


def shown(b: Bundle, now: datetime, screen: str = "canteen") -> list[tuple[str, str]]:
    return [(s.item_id, s.lang) for s in playlist(b, screen, now).slides]


# ---------------------------------------------------------------- dates


def test_until_is_inclusive_to_the_end_of_the_day() -> None:
    b = make_bundle(make_item(until=date(2026, 11, 24)), screens=(make_screen(on=""),))
    assert shown(b, at(date(2026, 11, 24), "23:59")) == [("news/a", "kk"), ("news/a", "ru")]
    assert shown(b, at(date(2026, 11, 25), "00:00")) == []


def test_from_is_inclusive_from_midnight() -> None:
    b = make_bundle(make_item(start=MONDAY), screens=(make_screen(on=""),))
    assert shown(b, at(MONDAY, "00:00")) != []
    assert shown(b, at(MONDAY, "00:00") - timedelta(seconds=1)) == []


def test_expired_item_is_gone_from_its_expiry_moment() -> None:
    expires = at(MONDAY, "15:00")
    b = make_bundle(make_item(expires=expires))
    assert shown(b, expires - timedelta(seconds=1)) != []
    assert shown(b, expires) == []
    assert playlist(b, "canteen", at(MONDAY, "14:30")).valid_until == expires


def test_future_item_waits_for_publish_at() -> None:
    publish = at(MONDAY, "10:30")
    b = make_bundle(make_item(publish_at=publish))
    assert shown(b, at(MONDAY, "10:29")) == []
    assert shown(b, publish) == [("news/a", "kk"), ("news/a", "ru")]
    assert next_change(b, "canteen", at(MONDAY, "10:00")) == publish


def test_event_leaves_the_screens_when_it_starts() -> None:
    starts = at(MONDAY, "15:00")
    b = make_bundle(make_item(event_starts=starts, until=MONDAY))
    assert shown(b, at(MONDAY, "14:59")) != []
    assert shown(b, starts) == []


def test_a_future_from_date_is_not_shown_yet() -> None:
    b = make_bundle(make_item(start=date(2026, 11, 30)))
    assert shown(b, at(MONDAY)) == []
    assert shown(b, at(date(2026, 11, 30))) != []


# ---------------------------------------------------------------- hours and weekdays


def test_hours_are_half_open() -> None:
    b = make_bundle(make_item(on="09:00-11:30"))
    assert shown(b, at(MONDAY, "08:59")) == []
    assert shown(b, at(MONDAY, "09:00")) != []
    assert shown(b, at(MONDAY, "11:29")) != []
    assert shown(b, at(MONDAY, "11:30")) == []


def test_range_ending_at_midnight_stops_at_midnight() -> None:
    b = make_bundle(make_item(on="22:00-24:00", until=MONDAY), screens=(make_screen(on=""),))
    assert shown(b, at(MONDAY, "23:59")) != []
    assert shown(b, at(date(2026, 11, 24), "00:00")) == []


def test_overnight_range_belongs_to_its_start_day_for_until() -> None:
    b = make_bundle(make_item(on="22:00-06:00", until=date(2026, 11, 24)),
                    screens=(make_screen(on=""),))
    assert shown(b, at(date(2026, 11, 25), "05:59")) != []  # the night of the 24th
    assert shown(b, at(date(2026, 11, 25), "06:00")) == []
    assert shown(b, at(date(2026, 11, 25), "22:00")) == []  # the 25th is after until


def test_overnight_range_belongs_to_its_start_day_for_weekdays() -> None:
    b = make_bundle(make_item(on="22:00-02:00", days=(0,)), screens=(make_screen(on=""),))
    assert shown(b, at(MONDAY, "23:00")) != []  # Monday evening
    assert shown(b, at(date(2026, 11, 24), "01:00")) != []  # still Monday's night
    assert shown(b, at(MONDAY, "01:00")) == []  # Sunday's night
    assert shown(b, at(date(2026, 11, 24), "23:00")) == []  # Tuesday evening


def test_weekdays() -> None:
    b = make_bundle(make_item(days=(1, 3)))  # Tuesday, Thursday
    assert [bool(shown(b, at(MONDAY + timedelta(days=n)))) for n in range(7)] == [
        False, True, False, True, False, False, False]


def test_outside_on_hours_is_night_and_empty() -> None:
    b = make_bundle(make_item(), screens=(make_screen(on="07:00-21:00", off="dim"),))
    pl = playlist(b, "canteen", at(MONDAY, "21:00"))
    assert pl.night and pl.slides == () and pl.off_hours == "dim"
    assert pl.valid_until == at(date(2026, 11, 24), "00:00")
    morning = playlist(b, "canteen", at(date(2026, 11, 24), "06:59"))
    assert morning.night and morning.valid_until == at(date(2026, 11, 24), "07:00")
    assert not playlist(b, "canteen", at(MONDAY, "07:00")).night


def test_item_hours_outside_the_screen_on_hours_never_play() -> None:
    b = make_bundle(make_item(on="05:00-06:00"), screens=(make_screen(on="07:00-21:00"),))
    assert playlist(b, "canteen", at(MONDAY, "05:30")).night


def test_moment_in_another_zone_is_read_in_the_company_zone() -> None:
    b = make_bundle(make_item(on="07:00-08:00"))
    assert shown(b, datetime(2026, 11, 23, 2, 30, tzinfo=UTC)) != []  # 07:30 in Almaty
    assert shown(b, datetime(2026, 11, 23, 7, 30, tzinfo=UTC)) == []


# ---------------------------------------------------------------- screens


def test_screen_not_listed_does_not_show_the_item() -> None:
    screens = (make_screen("canteen"), make_screen("lobby"))
    b = make_bundle(make_item(screens=("lobby",)), screens=screens)
    assert shown(b, at(MONDAY), "canteen") == []
    assert shown(b, at(MONDAY), "lobby") != []


def test_no_screens_means_every_screen() -> None:
    screens = (make_screen("canteen"), make_screen("lobby"))
    b = make_bundle(make_item(screens=()), screens=screens)
    assert shown(b, at(MONDAY), "canteen") == shown(b, at(MONDAY), "lobby") != []


def test_unknown_screen_names_the_known_ones() -> None:
    b = make_bundle(make_item(), screens=(make_screen("canteen"), make_screen("lobby")))
    with pytest.raises(UnknownScreen, match="'hall'.*canteen, lobby"):
        playlist(b, "hall", at(MONDAY))


def test_naive_moment_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        playlist(make_bundle(make_item()), "canteen", datetime(2026, 11, 23, 12))  # noqa: DTZ001


# ---------------------------------------------------------------- order and languages


def test_urgent_first_and_marked() -> None:
    b = make_bundle(make_item("news/a"), make_item("news/b", priority="urgent"),
                    make_item("news/c"))
    pl = playlist(b, "canteen", at(MONDAY))
    assert [(s.item_id, s.urgent) for s in pl.slides[:2]] == [("news/b", True)] * 2
    assert not any(s.urgent for s in pl.slides[2:])
    assert pl.urgent == pl.slides[:2]


def test_kazakh_before_russian_for_each_item() -> None:
    b = make_bundle(*(make_item(f"news/{n}") for n in "abcde"))
    got = shown(b, at(MONDAY))
    assert [lang for _, lang in got] == ["kk", "ru"] * 5
    assert all(got[i][0] == got[i + 1][0] for i in range(0, 10, 2))


def test_missing_language_shows_the_other_alone() -> None:
    b = make_bundle(make_item("news/a", langs=("ru",)), make_item("news/b", langs=("kk",)))
    assert sorted(shown(b, at(MONDAY))) == [("news/a", "ru"), ("news/b", "kk")]


def test_language_with_its_own_expiry_leaves_alone() -> None:
    item = make_item()
    ru = make_text("ru", expires=at(MONDAY, "10:00"))
    b = make_bundle(BundleItem(**{**_fields(item), "langs": {"kk": item.langs["kk"], "ru": ru}}))
    assert shown(b, at(MONDAY, "11:00")) == [("news/a", "kk")]


def _fields(item: BundleItem) -> dict[str, object]:
    return {name: getattr(item, name) for name in BundleItem.__slots__}


def test_order_of_normal_items_changes_by_day_and_is_stable_within_a_day() -> None:
    b = make_bundle(*(make_item(f"news/{n}") for n in "abcdefgh"))
    firsts = {shown(b, at(MONDAY + timedelta(days=n)))[0][0] for n in range(7)}
    assert len(firsts) > 1
    assert shown(b, at(MONDAY, "08:00")) == shown(b, at(MONDAY, "20:00"))


# ---------------------------------------------------------------- durations


def test_duration_from_the_item_or_from_reading_time() -> None:
    b = make_bundle(make_item("news/a", duration=25), make_item("news/b", duration=None,
                                                                 words=400),
                    make_item("news/c", duration=None, words=1))
    by_id = {s.item_id: s.duration for s in playlist(b, "canteen", at(MONDAY)).slides}
    assert by_id == {"news/a": 25, "news/b": READING_MAX, "news/c": READING_MIN}
    assert READING_MIN < reading_seconds("бір екі үш " * 10) < READING_MAX


# ---------------------------------------------------------------- the compiled day


def test_compiled_day_matches_the_scheduler_every_minute() -> None:
    b = make_bundle(make_item("news/a", on="22:00-06:00", until=MONDAY),
                    make_item("news/b", on="09:00-11:30", priority="urgent"),
                    make_item("news/c", expires=at(date(2026, 11, 24), "13:17")),
                    screens=(make_screen(on="06:30-01:00"),))
    day = date(2026, 11, 24)
    index = compile_day(b, "canteen", day)
    for minute in range(1440):
        now = at(day, "00:00") + timedelta(minutes=minute)
        assert index.at(now) == playlist(b, "canteen", now), now
    with pytest.raises(ValueError):
        index.at(at(date(2026, 11, 25), "00:00"))


def test_an_undated_slide_has_every_field_of_a_dated_one() -> None:
    """The slides shown while the clock cannot be trusted are made like all others."""
    from dataclasses import replace

    from signage.plan import timeless_slides

    item = make_item(start=date(2026, 11, 1), until=None)
    item = replace(item, langs={t.lang: replace(t, place="Асхана") for t in item.texts()})
    bundle = make_bundle(item)
    undated = timeless_slides(bundle, "canteen")
    dated = playlist(bundle, "canteen", at(MONDAY, "10:00")).slides
    assert undated and [s.place for s in undated] == ["Асхана", "Асхана"]
    assert undated == list(dated)
