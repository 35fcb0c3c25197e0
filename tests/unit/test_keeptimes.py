"""A build keeps the modification time of a file whose bytes did not change, and only then
(site_gen.keeptimes): nginx's ETag is made from it, so screens and branch caches get a 304
for what did not change and the new bytes for what did."""

from __future__ import annotations

import os
from pathlib import Path

from site_gen.keeptimes import keep_times

OLD_NS = 1_700_000_000_000_000_000  # 2023-11-14: any moment well before the test


def _write(root: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def test_same_bytes_keep_the_old_time_and_changed_bytes_get_a_new_one(tmp_path: Path) -> None:
    old, fresh = tmp_path / "site", tmp_path / ".site.new"
    _write(old, {"signage/bundle.json": b'{"v": 1}', "signage/media/ab.png": b"\x89PNG" * 50,
                 "kk/жаңалық/index.html": "<p>Сәлем</p>".encode(),
                 "kk/index.html": b"<p>1</p>", "ru/index.html": b"<p>old</p>"})
    for path in old.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(OLD_NS, OLD_NS))
    _write(fresh, {"signage/bundle.json": b'{"v": 1}', "signage/media/ab.png": b"\x89PNG" * 50,
                   "kk/жаңалық/index.html": "<p>Сәлем</p>".encode(),
                   "kk/index.html": b"<p>2</p>",  # same size, other bytes
                   "ru/index.html": b"<p>new, longer</p>", "ru/new.html": b"new"})

    kept = keep_times(fresh, old)

    def mtime(rel: str) -> int:
        return (fresh / rel).stat().st_mtime_ns

    for rel in ("signage/bundle.json", "signage/media/ab.png", "kk/жаңалық/index.html"):
        assert mtime(rel) == OLD_NS, rel
    for rel in ("kk/index.html", "ru/index.html", "ru/new.html"):
        assert mtime(rel) > OLD_NS, rel
    assert (kept.files, kept.same_size, kept.kept) == (6, 4, 3)


def test_a_first_build_has_nothing_to_keep(tmp_path: Path) -> None:
    _write(tmp_path / "new", {"index.html": b"x"})
    kept = keep_times(tmp_path / "new", tmp_path / "missing")
    assert kept.kept == 0


def test_a_symlink_in_the_old_site_is_never_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"same")
    os.utime(secret, ns=(OLD_NS, OLD_NS))
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "a.txt").symlink_to(secret)
    _write(tmp_path / "new", {"a.txt": b"same"})
    assert keep_times(tmp_path / "new", tmp_path / "old").kept == 0
    assert (tmp_path / "new" / "a.txt").stat().st_mtime_ns > OLD_NS
