"""Keeping a player's memory flat for months, on glibc.

Where it sits: called once by :class:`signage.player.Player` before any worker thread starts
(sync, video decoding). glibc gives each thread that allocates its own malloc arena, and
freed pictures scattered over several arenas are not returned to the system: the soak
(``bench/soak.py``) saw resident memory climb by about 33 MB over the first two simulated
days before it levelled off. With at most two arenas it stays within a megabyte after the
first day. Python-level objects did not grow (checked with tracemalloc), so this is the
allocator, not a leak in our code.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging

log = logging.getLogger(__name__)

M_ARENA_MAX = -8  # glibc's mallopt() parameter number for the arena limit


def limit_malloc_arenas(count: int = 2) -> bool:
    """Ask glibc for at most ``count`` malloc arenas; ``False`` where that is not possible
    (another C library, or no libc found), which is harmless."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    done = bool(mallopt(M_ARENA_MAX, count))
    if not done:
        log.debug("mallopt(M_ARENA_MAX, %d) was refused", count)
    return done
