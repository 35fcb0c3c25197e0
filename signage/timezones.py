"""Time zones from the ``tzdata`` package, never from the system database.

Kazakhstan moved to a single UTC+5 zone on 1 March 2024; a kiosk or server with an
older system database would be an hour off. ``tzdata>=2024a`` knows the change, so
every zone the product uses is read from that package. Stdlib only, so both the
content model (``site_gen.content``) and the player may import it.
"""

from __future__ import annotations

import functools
from importlib import resources
from zoneinfo import ZoneInfo

DEFAULT_ZONE = "Asia/Almaty"


class UnknownZone(ValueError):
    """The name is not a zone that the tzdata package knows."""


@functools.lru_cache(maxsize=32)
def load_zone(name: str = DEFAULT_ZONE) -> ZoneInfo:
    """Return the zone ``name`` (e.g. ``Asia/Almaty``) read from the tzdata package."""
    parts = name.split("/")
    if not name or any(p in ("", ".", "..") for p in parts):
        raise UnknownZone(name)
    node = resources.files("tzdata.zoneinfo")
    for part in parts:
        node = node.joinpath(part)
    try:
        with node.open("rb") as fh:
            return ZoneInfo.from_file(fh, key=name)
    except (OSError, ValueError) as exc:  # missing, a folder, a name too long for the disk
        raise UnknownZone(name) from exc
