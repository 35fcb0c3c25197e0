"""``site-gen build`` on a full disk: one clear line, the old site untouched, the space back.

As root, the site's parent folder is a real 32 MB tmpfs holding an old site, filled up but for
2 MB: the example site needs about 17 MB, so the build runs out of space half-way through
writing its fresh folder. Afterwards the old site has the same files with the same bytes,
nothing of the build is left on the disk (the free space is what it was before), and the
output is one plain message, no traceback. Without root, the signage bundle writer is made to
fail with ENOSPC after writing half a bundle, in-process, and the same cleanup is asserted
(all but the free space).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-11-23"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _free(folder: Path) -> int:
    st = os.statvfs(folder)
    return st.f_bavail * st.f_frsize


@pytest.fixture()
def disk(tmp_path: Path) -> Iterator[Path]:
    """The folder the site goes into: a small tmpfs as root, a plain folder otherwise."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = False
    if os.geteuid() == 0:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m,mode=0755",
                               "jarshy-build-test", str(folder)], capture_output=True, check=False)
        mounted = done.returncode == 0
    old = folder / "site"
    (old / "kk").mkdir(parents=True)
    (old / "index.html").write_text("<p>ескі сайт</p>", "utf-8")
    (old / "kk" / "index.html").write_text("<h1>Басты бет</h1>", "utf-8")
    try:
        yield folder
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)


def _content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    return content


def _leftovers(disk: Path) -> list[str]:
    return sorted(p.name for p in disk.iterdir() if p.name not in ("site", "filler"))


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root; see the test below")
def test_a_build_on_a_full_disk_cleans_up_and_says_so(tmp_path: Path, disk: Path) -> None:
    assert subprocess.run(["mountpoint", "-q", str(disk)], check=False).returncode == 0
    content = _content(tmp_path)
    old = _tree(disk / "site")
    with open(disk / "filler", "wb") as fh:  # leave 2 MB: the build fails half-way
        fh.write(b"\0" * (_free(disk) - 2 * 1024 * 1024))
    before = _free(disk)
    done = subprocess.run(
        [sys.executable, "-m", "site_gen.cli", "build", "--content", str(content),
         "--out", str(disk / "site"), "--stage-dir", str(tmp_path / "build"), "--date", TODAY],
        cwd=REPO, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 2, done.stdout + done.stderr
    assert _tree(disk / "site") == old
    assert _leftovers(disk) == []
    assert _free(disk) == before
    assert not (tmp_path / "build" / "kk").exists()  # the half-staged projects too
    assert "Traceback" not in done.stdout + done.stderr
    assert "the disk is full" in done.stderr and "previous site is unchanged" in done.stderr


def test_a_failed_bundle_write_leaves_nothing_behind(tmp_path: Path, disk: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    import site_gen.build
    from site_gen.cli import main

    content = _content(tmp_path)
    old = _tree(disk / "site")

    def half_a_bundle(_content: object, target: Path, _now: object, **_kw: object) -> bool:
        target.mkdir(parents=True, exist_ok=True)
        (target / "bundle.json").write_text('{"format": 1, "items": [', "utf-8")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target / "bundle.json"))

    monkeypatch.setattr(site_gen.build, "write_signage_bundle", half_a_bundle)
    code = main(["build", "--content", str(content), "--out", str(disk / "site"),
                 "--stage-dir", str(tmp_path / "build"), "--date", TODAY])
    said = capsys.readouterr()
    assert code == 2
    assert _tree(disk / "site") == old
    assert _leftovers(disk) == []
    assert "the disk is full (No space left on device) while writing the site next to " \
        f"{disk / 'site'}" in said.err
    assert "Traceback" not in said.out + said.err
