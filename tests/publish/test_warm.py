"""The publish service's warm builds (site_gen.warm, site_gen.warmpath): the same site as a
full build, a standby copy that never changes the live site, and a crash that leaves the old
site served and the next build right.

The service builds through its own call (``Publisher.publish`` → ``build(..., warm=...)``),
from pushes to a real git repository; a full build of the same content at the same pinned
time is the reference, compared file by file (the search index included).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_gen.build import build
from site_gen.publish.follow import Follower
from site_gen.publish.report import Reporter
from site_gen.publish.service import Publisher
from site_gen.warm import old_dir, standby_dir
from tests.publish.tree import git, item, make_remote, push, write_item
from tests.trees import tree_bytes

ZONE = ZoneInfo("Asia/Almaty")
START = datetime(2026, 11, 23, 9, 0, tzinfo=ZONE)
WORDS = ("жылу", "желі", "станция", "жөндеу", "энергия", "бригада")
pytestmark = pytest.mark.slow


class Clock:
    """The service's clock: sleeping moves it, nothing else waits."""

    def __init__(self) -> None:
        self.current = START

    def now(self) -> datetime:
        return self.current

    def sleep(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


def _start(tmp: Path) -> tuple[Publisher, Path]:
    items = {f"news/2026-11-{10 + n}-item-{n}": item(f"Жаңалық {n}", f"Новость {n}",
                                                      date=f"2026-11-{10 + n}",
                                                      extra="issue: 12\n" if n < 2 else "")
             for n in range(4)}
    bare, editor = make_remote(tmp, items)
    clock = Clock()
    service = Publisher(follower=Follower(str(bare), "main", tmp / "publish" / "work"),
                        out=tmp / "srv" / "site", build_dir=tmp / "publish" / "build",
                        every=30, now=clock.now, sleep=clock.sleep,
                        reporter=Reporter(None, "publish@example.kz"))
    service.run(turns=0)
    return service, editor


@contextmanager
def _still_code(tmp: Path) -> Iterator[None]:
    """site_gen's code as imported: others editing the shared tree while the test runs
    must not turn a push into a full render (the code is part of the render's key)."""
    (tmp / "code").mkdir()
    with mock.patch("site_gen.incremental.CODE", tmp / "code"):
        yield


def _when(service: Publisher) -> str:
    """The pinned time of the service's last build, as it gave it (site.yml's zone)."""
    return service.builds[-1][1].astimezone(ZONE).strftime("%Y-%m-%d %H:%M:%S")


def _full(service: Publisher, tmp: Path) -> Path:
    """A full build of the service's checkout, at the time of its last build."""
    out = tmp / "full" / "site"
    shutil.rmtree(out.parent, ignore_errors=True)
    work = service.follower.work
    build(work / "content", out, date=_when(service), repo=work,
          build_dir=tmp / "full" / "build", incremental=False)
    return out


# The live bundle keeps its generated_at while its payload is the same (site_gen.bundle), so
# the service's bundle says when its payload was first made, a fresh full build says now:
# compared without that one field; the manifest and the signature cover those bytes.
BUNDLE = "signage/bundle.json"
SIGNED = ("signage/manifest.json", "signage/bundle.json.sig")


def _without_made(data: bytes) -> object:
    bundle = json.loads(data)
    bundle.pop("generated_at")
    return bundle


def _assert_same(a: Path, b: Path) -> None:
    ta, tb = tree_bytes(a), tree_bytes(b)
    assert _without_made(ta.pop(BUNDLE)) == _without_made(tb.pop(BUNDLE))
    for name in SIGNED:
        ta.pop(name, None)
        tb.pop(name, None)
    differ = sorted(k for k in ta.keys() | tb.keys() if ta.get(k) != tb.get(k))
    assert not differ, f"warm and full builds differ in {len(differ)} files: {differ[:10]}"


def _apply(editor: Path, op: tuple[str, int, int, str], n: int = 0) -> None:
    """Apply one change; ``n`` (the change's number) makes each added item's name new."""
    kind, pick, day, word = op
    items = sorted((editor / "content" / "news").glob("*.kk.md"))
    if kind == "add" or len(items) < 2:
        write_item(editor, f"news/2026-11-{day:02d}-new-{word}-{pick}-{n}",
                   item(f"Жаңа {word}", f"Новое {word}", date=f"2026-11-{day:02d}"))
        return
    kk = items[pick % len(items)]
    pair = [kk, kk.with_name(kk.name.replace(".kk.md", ".ru.md"))]
    for f in pair:
        if kind == "edit":
            f.write_text(f.read_text(encoding="utf-8") + f"\n{word} {day}.\n", encoding="utf-8")
        elif kind == "retitle":
            f.write_text(f.read_text(encoding="utf-8").replace("title: ", f"title: {word} ", 1),
                         encoding="utf-8")
        elif kind == "delete":
            f.unlink()
        else:  # rename
            f.rename(f.with_name(f.name.replace(".kk.md", f"-{word}.kk.md")
                                 .replace(".ru.md", f"-{word}.ru.md")))


OPS = st.tuples(st.sampled_from(("edit", "retitle", "add", "delete", "rename")),
                st.integers(0, 9), st.integers(1, 22), st.sampled_from(WORDS))


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPS, min_size=1, max_size=3))
def test_warm_pushes_equal_a_full_build(ops: list[tuple[str, int, int, str]]) -> None:
    with tempfile.TemporaryDirectory(prefix="jarshy-warm-") as name, _still_code(Path(name)):
        tmp = Path(name)
        service, editor = _start(tmp)
        for n, op in enumerate(ops):
            _apply(editor, op, n)
            push(editor, f"правка {n}")
            assert service.turn() == "push"
            report = service.last
            assert report is not None and service.built == git(editor, "rev-parse", "HEAD")
            assert "standby" in report.seconds, "the push did not take the warm path"
            assert report.full == {"kk": "", "ru": ""}, report.full
        service.warm.settle()
        _assert_same(service.out, _full(service, tmp))


def _links(site: Path, standby: Path) -> int:
    """How many of the standby copy's files are the live site's files (hard links)."""
    same = 0
    for rel in tree_bytes(site):
        a, b = os.stat(site / rel), os.stat(standby / rel)
        same += (a.st_ino, a.st_dev) == (b.st_ino, b.st_dev)
    return same


def test_the_standby_copy_never_changes_the_live_site(tmp_path: Path) -> None:
    with _still_code(tmp_path):
        service, editor = _start(tmp_path)
        site, standby = service.out, standby_dir(service.out)
        service.warm.settle()
        assert _links(site, standby) == len(tree_bytes(site))  # made in idle time: all links
        before = tree_bytes(site)
        _apply(editor, ("edit", 1, 12, "жылу"))
        _apply(editor, ("add", 0, 21, "желі"))
        push(editor, "екі өзгеріс")
        # the push writes the standby copy, then fails just before the swap
        with mock.patch("site_gen.warmpath.swap_in", side_effect=OSError("диск толды")):
            assert service.turn() == "push"
        assert service.failed and service.last is not None
        assert tree_bytes(site) == before  # not one byte of the live site changed
        assert not standby.exists()  # the half-made copy is gone
        # the next try goes the one-shot way and publishes the push correctly
        assert service.turn() == "retry"
        report = service.last
        assert "standby" not in report.seconds and not service.failed
        assert "желі" in (site / "kk/index.html").read_text(encoding="utf-8")
        service.warm.settle()
        _assert_same(site, _full(service, tmp_path))


def test_a_warm_push_writes_only_what_changed_and_the_old_site_goes(tmp_path: Path) -> None:
    with _still_code(tmp_path):
        service, editor = _start(tmp_path)
        site = service.out
        _apply(editor, ("edit", 2, 12, "станция"))
        push(editor, "бір өзгеріс")
        assert service.turn() == "push"  # the first warm push (sessions seeded in idle time)
        service.warm.settle()
        unrelated = site / "kk/news/2026-11-10-item-0/index.html"
        stat = unrelated.stat()
        _apply(editor, ("edit", 2, 13, "жөндеу"))
        push(editor, "тағы бір өзгеріс")
        assert service.turn() == "push"
        report = service.last
        assert report is not None and "standby" in report.seconds
        assert report.rendered["kk"] < report.pages["kk"] // 2, report.rendered_pages
        # a page the push did not touch is the same file: same inode, same time (ETag)
        after = unrelated.stat()
        assert (after.st_ino, after.st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns)
        service.warm.settle()
        assert not old_dir(site).exists()  # the replaced site is deleted in idle time
        assert _links(site, standby_dir(site)) == len(tree_bytes(site))
        # the last good copies are those of the pushed content
        copy = site.with_name(".site.last-good") / "content/news"
        work = service.follower.work / "content/news"
        assert {p.name: p.read_bytes() for p in copy.glob("*.md")} == \
            {p.name: p.read_bytes() for p in work.glob("*.md")}
        shutil.rmtree(standby_dir(site))  # a standby copy gone: made at the push
        _apply(editor, ("delete", 3, 14, "жоба"))
        push(editor, "өшірілді")
        assert service.turn() == "push"
        assert "standby" in service.last.seconds
        service.warm.settle()
        _assert_same(site, _full(service, tmp_path))


def test_a_site_swapped_in_by_another_build_makes_the_next_push_cold(tmp_path: Path) -> None:
    """An operator's one-shot ``site-gen build`` of the same site: the warm state is then in
    doubt (it describes another site), and the next push goes the one-shot way."""
    with _still_code(tmp_path):
        service, editor = _start(tmp_path)
        work = service.follower.work
        build(work / "content", service.out, date=_when(service), repo=work,
              build_dir=tmp_path / "other-build")
        _apply(editor, ("edit", 0, 12, "жылу"))
        push(editor, "өзгеріс")
        assert service.turn() == "push"
        assert "standby" not in service.last.seconds
        service.warm.settle()
        _assert_same(service.out, _full(service, tmp_path))


def test_a_one_shot_build_after_warm_pushes_is_still_incremental(tmp_path: Path) -> None:
    """The warm pushes keep the render's state in memory; in idle time it is written where a
    one-shot build (or the service after a restart) finds it: that build renders only
    what changed, and its site still equals a full build's."""
    with _still_code(tmp_path):
        service, editor = _start(tmp_path)
        _apply(editor, ("add", 1, 21, "бригада"))
        push(editor, "жаңа")
        assert service.turn() == "push"
        assert "standby" in service.last.seconds
        service.warm.settle()  # the idle work: the caches on disk
        work = service.follower.work
        _apply(work, ("edit", 0, 12, "желі"))  # an edit in the checkout, built by hand
        report = build(work / "content", service.out, date=_when(service), repo=work,
                       build_dir=service.build_dir)  # as the service restarted would
        assert report.full == {"kk": "", "ru": ""}, report.full
        assert report.rendered["kk"] < report.pages["kk"] // 2
        _assert_same(service.out, _full(service, tmp_path))
