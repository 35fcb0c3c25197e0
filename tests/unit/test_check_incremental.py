"""A long-running process's second `check` (with its FileCache) equals a cold check.

The publish service and the live preview keep a ``FileCache`` from check to check; the
cached check re-reads only changed files and re-checks only what a change can reach (pairs,
addresses, links whose target came or went). Hypothesis applies random edits, additions,
deletions and renames of pairs, broken links appearing and disappearing, and pictures and
files appearing and disappearing to a small content tree, and after every step compares the
cached check with a cold one: the same diagnostics in the same order, the same items, the
same report. A second test shows that unchanged items come back as the very same objects.
"""

from __future__ import annotations

import gc
import io
import os
import tempfile
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image

from site_gen.content import ContentSet, Diagnostic, FileCache, check
from site_gen.content.links import broken_links

SITE = 'company: {kk: "Жарық", ru: "Жарык"}\ntimezone: Asia/Almaty\n' \
       'base_url: "https://intranet.example.kz/"\n'
SCREENS = "- id: canteen\n- id: lobby\n"
SECTIONS = ["news", "analytics", "orders"]
STEMS = ["2026-11-02-su", "2026-11-03-jaryq", "2026-11-04-jylu", "2026-11-05-stansa",
         "2026-11-06-jeli", "2026-11-07-қайта"]  # й: its NFD spelling is another file name
# What a body may link to: another item's file, another item's address (one close to a real
# one, so a "did you mean" follows items as they come and go), a file that appears and
# disappears, a picture, nothing at all.
LINKS = ["[{s}](../news/{s}.kk.md)", "[{s}](/kk/news/{s}/)", "[{s}](/ru/analytics/{s}x/)",
         "[файл](/files/plan.pdf)", "[бума](../files/)", "![сурет](/images/{s}.png)",
         "[сыртқы](https://example.org/x)", "[сайт](https://intranet.example.kz/kk/news/{s}/)",
         "[жасырын](../.hidden/x.md)", "[жоқ](../../outside.md)", "![md](../news/{s}.ru.md)",
         "[сілтеме](/files/link.pdf)", "Сілтемесіз мәтін."]


def picture() -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(data, "PNG")
    return data.getvalue()


class Tree:
    """The content root under test; every write gets a modification time of its own, as
    an editor's saves do (the cache, like make, goes by time and size)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.clock = 1_800_000_000_000_000_000

    def write(self, rel: str, data: bytes) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.clock += 1_000_000
        os.utime(path, ns=(self.clock, self.clock))

    def remove(self, rel: str) -> None:
        path = self.root / rel
        if os.path.lexists(path):
            path.unlink()


def item_text(lang: str, section: str, stem: str, links: list[str], title: str) -> bytes:
    body = "\n\n".join(link.format(s=stem) for link in links)
    # Title "В": a picture that is not there, beside the pair's own files (the message's
    # "did you mean" reads the folder's names, so it changes as Markdown files come and go).
    image = f"image: {stem}.png\n" if title == "В" else ""
    return (f'---\ntitle: "{title} {lang}"\ndate: {stem[:10]}\nsection: {section}\n'
            f"status: approved\n{image}---\n\nМәтін.\n\n{body}\n").encode()


def new_tree(tmp: str) -> Tree:
    tree = Tree(Path(tmp) / "content")
    tree.write("_data/site.yml", SITE.encode())
    tree.write("_data/screens.yml", SCREENS.encode())
    for i, stem in enumerate(STEMS[:3]):
        for lang in ("kk", "ru"):
            tree.write(f"{SECTIONS[i % 2]}/{stem}.{lang}.md",
                       item_text(lang, SECTIONS[i % 2], stem, [LINKS[i]], "Тақырып"))
    return tree


pairs = st.tuples(st.sampled_from(SECTIONS), st.sampled_from(STEMS))
steps = st.one_of(
    st.tuples(st.just("write"), pairs, st.sampled_from(["kk", "ru", "both"]),
              st.lists(st.sampled_from(LINKS), max_size=3), st.sampled_from(["А", "Б", "В"])),
    st.tuples(st.just("delete"), pairs, st.sampled_from(["kk", "ru", "both"])),
    st.tuples(st.just("rename"), pairs, st.sampled_from(STEMS)),
    st.tuples(st.just("break"), pairs, st.sampled_from(["kk", "ru"]), st.booleans()),
    st.tuples(st.just("nfd"), st.sampled_from(SECTIONS), st.sampled_from(["kk", "ru"]),
              st.booleans()),
    st.tuples(st.just("file"), st.sampled_from(
        ["files/plan.pdf", *(f"images/{s}.png" for s in STEMS), "files/empty.pdf",
         ".hidden/x.md", "files/link.pdf"]),
        st.booleans()),
)


def apply(tree: Tree, step: tuple[object, ...]) -> None:
    kind = step[0]
    if kind == "write":
        (section, stem), which, links, title = step[1], step[2], step[3], step[4]
        for lang in ("kk", "ru") if which == "both" else (which,):
            tree.write(f"{section}/{stem}.{lang}.md",
                       item_text(str(lang), str(section), str(stem), list(links), str(title)))
    elif kind == "delete":
        (section, stem), which = step[1], step[2]
        for lang in ("kk", "ru") if which == "both" else (which,):
            tree.remove(f"{section}/{stem}.{lang}.md")
    elif kind == "rename":
        (section, stem), new = step[1], step[2]
        for lang in ("kk", "ru"):
            old = tree.root / f"{section}/{stem}.{lang}.md"
            if old.exists():
                os.replace(old, tree.root / f"{section}/{new}.{lang}.md")
    elif kind == "nfd":  # the same name saved in NFD: a duplicate file (or no more)
        section, lang, present = step[1], step[2], step[3]
        rel = unicodedata.normalize("NFD", f"{section}/{STEMS[5]}.{lang}.md")
        if present:
            tree.write(rel, item_text(str(lang), str(section), STEMS[5], [], "А"))
        else:
            tree.remove(rel)
    elif kind == "break":  # a file with an error (or empty): it leaves the pair
        (section, stem), lang, empty = step[1], step[2], step[3]
        tree.write(f"{section}/{stem}.{lang}.md",
                   b"" if empty else b"---\ntitle: [\n---\n\n[x](/kk/nowhere/)\n")
    else:
        rel, present = str(step[1]), step[2]
        if not present:
            tree.remove(rel)
        elif rel == "files/link.pdf":  # a link in the tree: links to files are resolved
            if not os.path.lexists(tree.root / rel):
                (tree.root / "files").mkdir(exist_ok=True)
                os.symlink("plan.pdf", tree.root / rel)
        elif rel.endswith(".png"):
            tree.write(rel, picture())
        else:
            tree.write(rel, b"" if rel.endswith("empty.pdf") else b"%PDF-1.4\n")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=st.lists(steps, min_size=1, max_size=8))
# A picture that is not there: its "did you mean" names the partner's file, then its own.
@example(history=[("write", ("news", STEMS[0]), "both", [], "В"),
                  ("delete", ("news", STEMS[0]), "ru")])
# A picture address naming the partner's Markdown file, which is then emptied.
@example(history=[("write", ("news", STEMS[0]), "kk", [LINKS[10]], "А"),
                  ("break", ("news", STEMS[0]), "ru", True)])
# One name saved twice, in NFC and in NFD: a duplicate, then the NFC one renamed away.
@example(history=[("write", ("news", STEMS[5]), "both", [LINKS[0]], "А"),
                  ("nfd", "news", "kk", True), ("rename", ("news", STEMS[5]), STEMS[4]),
                  ("nfd", "news", "kk", False)])
# A link in the tree (every link to a file is then resolved), then gone again.
@example(history=[("write", ("news", STEMS[0]), "kk", [LINKS[11], LINKS[0]], "А"),
                  ("file", "files/link.pdf", True), ("file", "files/plan.pdf", True),
                  ("delete", ("news", STEMS[0]), "ru"), ("file", "files/link.pdf", False),
                  ("delete", ("news", STEMS[0]), "kk")])
# A link to a file, and a close address, that come and go.
@example(history=[("write", ("news", STEMS[0]), "kk", [LINKS[3], LINKS[2]], "А"),
                  ("file", "files/plan.pdf", True), ("rename", ("analytics", STEMS[1]),
                                                      STEMS[3]),
                  ("write", ("analytics", STEMS[0]), "both", [], "А"),
                  ("file", "files/plan.pdf", False)])
def test_a_cached_check_equals_a_cold_one_after_every_change(
        history: list[tuple[object, ...]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tree = new_tree(tmp)
        cache = FileCache()
        check(tree.root, cache=cache)
        for step in history:
            apply(tree, step)
            warm_content, warm, warm_report = check(tree.root, cache=cache)
            cold_content, cold, cold_report = check(tree.root)
            assert warm == cold, step
            assert warm_content.items == cold_content.items, step
            assert warm_report == cold_report, step
            assert [d for d in warm if d.code == "broken-link"] == resolved(warm_content)


def resolved(content: ContentSet) -> list[Diagnostic]:
    """The broken links as the checklist finds them: every link resolved on the file system
    (``links.broken_links``), none answered from the check's walk or its memos."""
    site_host = urlsplit(content.settings.base_url).netloc
    urls = {item.url(lang) for item in content.items for lang in item.versions}
    return [Diagnostic(v.path, link.line, link.col, "warning", "broken-link", link.english(),
                       "correct the address; link another item by its file, e.g. "
                       "[text](../news/2026-11-20-x.kk.md)")
            for item in content.items for v in item.versions.values()
            for link in broken_links(v, content.root, site_host, urls)]


def test_unchanged_items_are_the_same_objects(tmp_path: Path) -> None:
    tree = new_tree(str(tmp_path))
    cache = FileCache()
    before, _, _ = check(tree.root, cache=cache)
    edited = before.items[0]
    apply(tree, ("write", (edited.section, edited.stem), "kk", [LINKS[3]], "Жаңа"))
    apply(tree, ("write", ("news", STEMS[4]), "both", [LINKS[1]], "Қосылған"))
    after, _, _ = check(tree.root, cache=cache)

    old = {i.key: i for i in before.items}
    new = {i.key: i for i in after.items}
    assert new.keys() == old.keys() | {f"news/{STEMS[4]}"}
    for key, item in new.items():
        if key in (edited.key, f"news/{STEMS[4]}"):
            assert key not in old or item is not old[key]
        else:
            assert item is old[key], key
            assert all(item.versions[lang] is old[key].versions[lang] for lang in item.versions)
    # The edited item's untouched Russian file is the same Version object too.
    assert new[edited.key].versions["ru"] is old[edited.key].versions["ru"]
    assert new[edited.key].versions["kk"] is not old[edited.key].versions["kk"]


def test_a_cached_check_leaves_the_cycle_collector_as_it_found_it(tmp_path: Path) -> None:
    """The collector is paused during a cached check only: a long-running process whose
    collector stayed off would grow without bound."""
    tree = new_tree(str(tmp_path))
    cache = FileCache()
    assert gc.isenabled()
    check(tree.root, cache=cache)
    check(tree.root, cache=cache)
    assert gc.isenabled()
    gc.disable()
    try:
        check(tree.root, cache=cache)
        assert not gc.isenabled()
    finally:
        gc.enable()
