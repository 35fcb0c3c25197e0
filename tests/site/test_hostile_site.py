"""Hostile input through the site build: the check's corpus (``tests/fixtures/hostile/``,
built for ``check`` by another test) fed to ``site-gen build``, and pages with raw HTML that
tries to run a script opened in Chromium.

* The whole corpus with ``--strict``: the build is refused with one clear line per bad file, no
  traceback, in bounded time, and nothing is written anywhere. (Without it, the bad items are
  left out and named and the rest is built: ``tests/site/test_isolation.py``.)
* The files ``check`` lets through with warnings (raw ``<script>``, ``<iframe>``, ``on*=``,
  ``javascript:`` links, external images …) plus a pair written here whose every trick would
  set a global or change the title: the build succeeds, every file it writes is inside the
  output or the build folder (Python's audit hook sees each open, mkdir, rename, delete),
  no page carries a handler or a script from content, and in Chromium nothing from content
  runs and nothing is fetched from another host."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "fixtures" / "hostile" / "content"
TODAY = "2026-11-23"

PAYLOAD = """\
Мәтін басы. Начало текста.

<script>window.__jarshyPwned = "script"</script>
<SCRIPT>document.title = "PWNED"</SCRIPT>
<img src="/images/жоқ.png" onerror="document.title='PWNED'" alt="x">
<img src=x onerror=window.__jarshyPwned=1 alt=y>
<svg onload="window.__jarshyPwned='svg'"><circle r="1"/></svg>
<details open ontoggle="window.__jarshyPwned='toggle'"><summary>s</summary>d</details>
<iframe srcdoc="<script>parent.__jarshyPwned='iframe'</script>"></iframe>
<object data="javascript:window.__jarshyPwned='object'"></object>
<a id="js-link" href="javascript:window.__jarshyPwned='link'">сілтеме</a>
<a id="js-link-2" href="&#106;avascript:window.__jarshyPwned='entity'">екінші</a>
<a id="js-link-3" href="  java
script:window.__jarshyPwned='split'">үшінші</a>
<p style="background:url(http://example.com/bg.png)">фон</p>
<img src="http://example.com/tracker.png" alt="сыртқы">
<img src="//example.com/tracker2.png" alt="сыртқы 2">
<form action="http://example.com/steal"><input name="q"><button>жіберу</button></form>
<meta http-equiv="refresh" content="0;url=http://example.com/">
<base href="http://example.com/">
<link rel="stylesheet" href="http://example.com/x.css">

[markdown сілтеме](javascript:window.__jarshyPwned='md')

![сыртқы сурет](http://example.com/md.png)

Мәтін соңы. Конец текста.
"""


def front(lang: str) -> str:
    title = "Қауіпті HTML" if lang == "kk" else "Опасный HTML"
    return f"---\ntitle: {title}\ndate: 2026-11-20\nsection: news\nstatus: approved\n---\n"


def buildable_corpus(target: Path) -> list[str]:
    """Copy the corpus files ``check`` accepts (warnings only) and the payload pair."""
    from site_gen.content import check

    shutil.copytree(CORPUS / "_data", target / "_data")
    _, diagnostics, _ = check(CORPUS)
    bad = {str(d.path) for d in diagnostics if d.severity == "error"}
    taken = []
    for path in sorted((CORPUS / "news").glob("*.md")):
        rel = f"content/news/{path.name}"
        if rel in bad or any(b.endswith(f"/news/{path.name}") for b in bad):
            continue
        (target / "news").mkdir(exist_ok=True)
        shutil.copyfile(path, target / "news" / path.name)
        taken.append(path.name)
    for lang in ("kk", "ru"):
        (target / "news" / f"2026-11-20-qauipti.{lang}.md").write_text(
            front(lang) + PAYLOAD, encoding="utf-8")
    return taken


class WriteWatch:
    """Every path Python opens for writing, creates, renames or deletes (audit hook)."""

    WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    EVENTS = {"os.mkdir", "os.rename", "os.replace", "os.remove", "os.rmdir", "os.symlink",
              "os.link", "os.truncate", "shutil.rmtree", "shutil.copyfile", "os.chmod"}

    def __init__(self) -> None:
        self.on = False
        self.paths: list[str] = []
        sys.addaudithook(self.hook)

    def hook(self, event: str, args: tuple[Any, ...]) -> None:
        if not self.on:
            return
        if event == "open":
            path, mode, flags = args
            writes = (mode is not None and any(c in str(mode) for c in "wax+")) or (
                mode is None and isinstance(flags, int) and flags & self.WRITE_FLAGS)
            if writes:
                self._add(path)
        elif event in ("os.rename", "os.replace"):
            self._add(args[0])
            self._add(args[1])
        elif event in ("shutil.copyfile", "os.symlink", "os.link"):
            self._add(args[1])  # the new name; the source is only read
        elif event in self.EVENTS:
            self._add(args[0])

    def _add(self, path: Any) -> None:
        if isinstance(path, str | bytes | os.PathLike):
            self.paths.append(os.path.abspath(os.fsdecode(path)))


_WATCH: WriteWatch | None = None


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    global _WATCH
    from site_gen.build import build

    root = tmp_path_factory.mktemp("jarshy-hostile")
    content = root / "content"
    content.mkdir()
    taken = buildable_corpus(content)
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    _WATCH = _WATCH or WriteWatch()
    _WATCH.paths.clear()
    _WATCH.on = True
    try:
        report = build(content, root / "site", date=TODAY, repo=REPO,
                       build_dir=root / "build", parallel=False)
    finally:
        _WATCH.on = False
    yield {"root": root, "site": root / "site", "report": report, "taken": taken,
           "written": list(_WATCH.paths), "content_before": before, "content": content}


def test_the_whole_corpus_is_refused_clearly_by_strict_and_writes_nothing(
        tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CORPUS, content)
    out = tmp_path / "site"
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    done = subprocess.run(
        [sys.executable, "-m", "site_gen.cli", "build", "--content", str(content),
         "--out", str(out), "--date", TODAY, "--strict"],
        capture_output=True, text=True, cwd=REPO, timeout=300, check=False)
    assert done.returncode == 1, done.stderr[-2000:]  # content errors: 1 (usage: 2)
    assert "Traceback" not in done.stderr + done.stdout
    report = done.stdout + done.stderr
    names = {p.name for p in (CORPUS / "news").iterdir()}
    reported = {n for n in names if n in report}
    assert len(names) >= 40 and len(reported) >= 40, sorted(names - reported)
    assert not out.exists()
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_the_warned_files_build_and_nothing_is_written_outside(
        hostile_site: dict[str, Any]) -> None:
    root: Path = hostile_site["root"]
    assert len(hostile_site["taken"]) >= 15  # raw HTML, external images, links …
    allowed = [root / "site", root / ".site.new", root / ".site.old", root / "build",
               # the last good copies of published items, beside the site (site_gen.lastgood)
               root / ".site.last-good", root / ".site.last-good.new",
               root / ".site.last-good.old",
               # matplotlib (the report charts) makes its own cache folders on import
               Path.home() / ".cache" / "matplotlib", Path.home() / ".config" / "matplotlib"]
    outside = sorted({p for p in hostile_site["written"]
                      if not any(Path(p).is_relative_to(a) for a in allowed)
                      and "__pycache__" not in p})
    assert not outside, outside[:20]
    content: Path = hostile_site["content"]
    after = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    assert after == hostile_site["content_before"]  # the content was only read


def test_no_handler_script_or_foreign_address_from_content_in_any_page(
        hostile_site: dict[str, Any]) -> None:
    site: Path = hostile_site["site"]
    pages = list(site.glob("kk/news/**/index.html")) + list(site.glob("ru/news/**/index.html"))
    assert len(pages) >= 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        article = html[html.find("<article"):html.find("</article>")]
        # The one element of the theme's own at the top of an article: the newspaper's
        # stylesheet, linked by its article header (jarshy-newspaper/article-header.html).
        article = OUR_LINK.sub(r"\1", article, count=1)
        for name, pattern in BAD_MARKUP.items():
            found = pattern.search(article)
            assert not found, f"{page.relative_to(site)}: {name} survived: {found.group(0)!r}"


OUR_LINK = re.compile(r'\A(<article[^>]*>\s*)'
                      r'<link rel="stylesheet" href="(?:\.\./)*assets/stylesheets/print\.css">')
BAD_MARKUP = {
    "an element that runs or loads things": re.compile(
        r"<(script|iframe|object|embed|base|form|link|meta|svg|style|frame)\b", re.I),
    "an event handler": re.compile(r"<[^>]*\son[a-z]+\s*=", re.I),
    "a script address": re.compile(
        r"\b(href|src|action|data|srcdoc|formaction)\s*=\s*[\"']?\s*(javascript|vbscript|data):",
        re.I),
    "a picture from another host": re.compile(r"<img[^>]+src\s*=\s*[\"']?(https?:)?//", re.I),
}


@pytest.fixture(scope="module")
def hostile_url(hostile_site: dict[str, Any]) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(hostile_site["site"]))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_in_chromium_no_script_from_content_runs(
        _browser: Any, hostile_site: dict[str, Any], hostile_url: str, lang: str) -> None:
    content = hostile_site["report"].content
    urls = sorted({item.url(lang) for item in content.items
                   if (hostile_site["site"] / item.url(lang).strip("/") / "index.html").exists()})
    assert any("qauipti" in u for u in urls) and len(urls) >= 5
    context = _browser.new_context()
    outside: list[str] = []

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(("data:", "blob:", "about:")) or urlsplit(url).hostname == "127.0.0.1":
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    context.route("**/*", route)
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for url in urls:
            page.goto(hostile_url + url)
            page.wait_for_load_state("load")
            for link in ("#js-link", "#js-link-2", "#js-link-3"):
                if page.locator(link).count():
                    page.locator(link).click()
            page.wait_for_timeout(200)
            scripted = page.evaluate(
                "() => [...document.querySelectorAll('article a, article area')]"
                ".map(a => a.href).filter(h => /^\\s*(javascript|vbscript|data):/i.test(h))")
            assert not scripted, f"{url}: links that would run a script: {scripted}"
            state = page.evaluate("() => [window.__jarshyPwned ?? null, document.title]")
            assert state[0] is None, f"{url}: {state[0]}"
            assert "PWNED" not in state[1], url
            assert page.url.startswith(hostile_url), f"{url} navigated to {page.url}"
    finally:
        context.close()
    assert not dialogs, dialogs  # the corpus's alert(…) calls never ran
    assert not outside, outside
