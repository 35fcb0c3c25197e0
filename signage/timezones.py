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


class _PackageZone(ZoneInfo):
    """A zone read from the package. ZoneInfo cannot pickle a zone read from a file; this
    one pickles as its name, so it can go to and come back from a worker process, and it
    comes back as the very same object (:func:`load_zone` keeps one per name)."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return load_zone, (str(self.key),)


def load_zone(name: str = DEFAULT_ZONE) -> ZoneInfo:
    """Return the zone ``name`` (e.g. ``Asia/Almaty``) read from the tzdata package; the
    same object for the same name."""
    return _load_zone(name)


@functools.lru_cache(maxsize=32)
def _load_zone(name: str) -> ZoneInfo:
    parts = name.split("/")
    if not name or any(p in ("", ".", "..") for p in parts):
        raise UnknownZone(name)
    node = resources.files("tzdata.zoneinfo")
    for part in parts:
        node = node.joinpath(part)
    try:
        with node.open("rb") as fh:
            return _PackageZone.from_file(fh, key=name)
    except (OSError, ValueError) as exc:  # missing, a folder, a name too long for the disk
        raise UnknownZone(name) from exc
