"""The player limits glibc's malloc arenas (flat memory over months, see signage.memory)."""

from __future__ import annotations

import platform

from signage.memory import limit_malloc_arenas


def test_arena_limit_is_accepted_on_glibc_and_harmless_elsewhere() -> None:
    done = limit_malloc_arenas(2)
    assert done is (platform.libc_ver()[0] == "glibc")
