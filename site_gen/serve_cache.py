"""A per-file cache for ``check`` during a live preview (``site-gen serve``).

Where it sits: ``site_gen.serve.Preview`` runs ``check`` after every saved edit. A full
check reads and validates every file (about 1 ms a file), which alone would take seconds
on a corpus of thousands of files. While the preview runs, this cache remembers, per
Markdown file, what ``site_gen.content.check``'s per-file step returned and reported,
keyed by the file's size and modification time, and by the state of ``content/_data``
(any change there empties the cache). Cross-file checks still run on every rebuild.

It wraps the per-file function of ``site_gen.content.check`` only inside
:func:`cached_check`; if that function is renamed, the cache switches itself off and the
preview stays correct, only slower.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .content.diagnostics import Diagnostic

# The module, not the function of the same name that site_gen.content re-exports.
check_module: Any = importlib.import_module("site_gen.content.check")

_Key = tuple[str, int, int]


class CheckCache:
    def __init__(self) -> None:
        self.entries: dict[_Key, tuple[Any, list[Diagnostic]]] = {}
        self.data_stamp: tuple[tuple[str, int], ...] = ()
        self.hits = 0

    def _stamp(self, root: Path) -> tuple[tuple[str, int], ...]:
        data = root / "_data"
        files = sorted(data.rglob("*")) if data.is_dir() else []
        return tuple((str(p), p.stat().st_mtime_ns) for p in files if p.is_file())

    @contextmanager
    def _wrapped(self, root: Path) -> Iterator[None]:
        original: Callable[..., Any] | None = getattr(check_module, "_load_file", None)
        if original is None:
            yield
            return
        stamp = self._stamp(root)
        if stamp != self.data_stamp:
            self.entries.clear()
            self.data_stamp = stamp

        def load(root: Path, file: Path, settings: Any, known: Any,
                 out: list[Diagnostic]) -> Any:
            st = file.stat()
            key = (str(file), st.st_mtime_ns, st.st_size)
            hit = self.entries.get(key)
            if hit is None:
                mine: list[Diagnostic] = []
                hit = (original(root, file, settings, known, mine), mine)
                self.entries[key] = hit
            else:
                self.hits += 1
            out.extend(hit[1])
            return hit[0]

        check_module._load_file = load
        try:
            yield
        finally:
            check_module._load_file = original

    def check(self, root: Path) -> Any:
        """``site_gen.content.check(root)``, reusing unchanged files' results."""
        with self._wrapped(root):
            return check_module.check(root)
