"""Time zones come from the tzdata package (signage.timezones).

Kazakhstan moved to one zone, UTC+5, on 1 March 2024. A system database older than
2024a still has Almaty at +06:00, an hour off for every announcement on the screens.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from importlib import metadata

import pytest

from signage.timezones import DEFAULT_ZONE, UnknownZone, load_zone


@pytest.mark.parametrize("day", [
    (2026, 1, 15, 12), (2026, 3, 29, 12), (2026, 7, 15, 12),  # winter, old DST day, summer
    (2026, 10, 25, 12), (2026, 11, 23, 12), (2026, 12, 31, 23, 59),
])
def test_almaty_is_utc_plus_5_all_year_2026(day: tuple[int, ...]) -> None:
    moment = datetime(*day, tzinfo=load_zone("Asia/Almaty"))
    assert moment.utcoffset() == timedelta(hours=5)
    assert moment.dst() == timedelta(0)


def test_almaty_was_plus_6_before_the_change() -> None:
    """Proves the zone data are new enough to know the 2024 change, not just 'some +5'."""
    zone = load_zone("Asia/Almaty")
    assert datetime(2024, 2, 1, 12, tzinfo=zone).utcoffset() == timedelta(hours=6)
    assert datetime(2024, 3, 2, 12, tzinfo=zone).utcoffset() == timedelta(hours=5)


def test_default_zone_is_almaty() -> None:
    assert DEFAULT_ZONE == "Asia/Almaty"
    assert load_zone() is load_zone()  # read once, then cached
    assert str(load_zone()) == "Asia/Almaty"


def test_zone_comes_from_the_tzdata_package() -> None:
    version = metadata.version("tzdata")
    assert tuple(int(p) for p in version.split(".")[:2]) >= (2024, 1)
    utc_noon = datetime(2026, 11, 23, 7, tzinfo=UTC)
    assert utc_noon.astimezone(load_zone("Asia/Almaty")).hour == 12


@pytest.mark.parametrize("name", ["", "Asia/Almaty/..", "../etc/passwd", "Asia", "Mars/Olympus",
                                  "Asia//Almaty", "/etc/localtime"])
def test_unknown_zones(name: str) -> None:
    with pytest.raises(UnknownZone):
        load_zone(name)
