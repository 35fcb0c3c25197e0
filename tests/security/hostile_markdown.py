"""Shared helpers for the hostile-Markdown tests: the seven constructions that got a
``javascript:`` link past the old regex sanitizers, a site built from Markdown bodies, and
that site served with the policy the shipped nginx config sends, opened in Chromium.

Used by ``test_markdown_sanitizer.py`` (the seven, one by one) and ``test_markdown_fuzz.py``
(what hypothesis generates)."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
NGINX = REPO / "deploy" / "nginx" / "jarshy-site.conf"
DATA = REPO / "tests" / "fixtures" / "hostile" / "content" / "_data"
TODAY = "2026-11-23"

# Each body made the old build write <a href="javascript:alert(...)">; check warned on one.
SEVEN: dict[str, str] = {
    "attr-list": 'Мәтін [сілтеме](https://example.kz){: href="javascript:alert(1)" }\n',
    "reference-url-next-line": "Мәтін [сілтеме][r]\n\n[r]:\n    javascript:alert(2)\n",
    "nested-brackets": "Мәтін [бір [екі] үш](javascript:alert(3))\n",
    "link-text-two-lines": "Мәтін [бірінші\nекінші](javascript:alert(4))\n",
    "fence-info-line": "~~~ [сілтеме](javascript:alert(5))\n~~~\n",
    "escaped-backticks": "Мәтін \\`[сілтеме](javascript:alert(6))\\`\n",
    "lt-in-attribute": '<a title="<" href="javascript:alert(7)">сілтеме</a>\n',
}


def front(title: str) -> str:
    return (f"---\ntitle: {title}\ndate: 2026-11-20\nsection: news\nstatus: approved\n"
            "---\n\n")


BODY_LINE = 8  # the body of front("…") + body starts on line 7 (blank) → first text on 8


def write_items(content: Path, bodies: Mapping[str, str]) -> None:
    """One kk/ru pair per body, named ``2026-11-20-<name>``, under ``content/news``."""
    if not (content / "_data").exists():
        shutil.copytree(DATA, content / "_data")
    news = content / "news"
    news.mkdir(parents=True, exist_ok=True)
    for name, body in bodies.items():
        for lang in ("kk", "ru"):
            (news / f"2026-11-20-{name}.{lang}.md").write_text(front(f"Сынақ {name}") + body,
                                                               encoding="utf-8")


def build_site(root: Path, bodies: Mapping[str, str]) -> Path:
    from site_gen.build import build

    write_items(root / "content", bodies)
    out = root / "site"
    build(root / "content", out, date=TODAY, repo=REPO, build_dir=root / "build",
          parallel=False)
    return out


def shipped_policy() -> str:
    """The Content-Security-Policy header of the shipped nginx config."""
    text = NGINX.read_text(encoding="utf-8")
    found = re.search(r'map \$uri \$jarshy_csp \{\s*default "([^"]+)";', text)
    assert found, f"{NGINX}: no $jarshy_csp policy"
    return found.group(1)


@contextmanager
def serve_with_policy(folder: Path) -> Iterator[str]:
    """``folder`` on 127.0.0.1, every answer with the shipped policy header (as nginx)."""
    policy = shipped_policy()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self) -> None:
            self.send_header("Content-Security-Policy", policy)
            super().end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


WATCH = """
window.__jarshyViolations = [];
document.addEventListener("securitypolicyviolation", e => window.__jarshyViolations.push(
    e.violatedDirective + " " + (e.blockedURI || "") + " " + (e.sourceFile || "") + ":" +
    e.lineNumber));
"""


RISKY_LINKS = """() => [...document.querySelectorAll('article a[href], article area[href]')]
    .map((a, i) => [i, a.getAttribute('href').replace(/[\\t\\n\\r]/g, '').trim()])
    .filter(([i, h]) => /^[a-z][a-z0-9+.-]*:/i.test(h) && !/^(https?|mailto|tel):/i.test(h))
    .map(([i, h]) => i)"""
CLICK = """(i) => document.querySelectorAll('article a[href], article area[href]')[i].click()"""


def visit(browser: Any, base: str, paths: list[str], click: bool = True
          ) -> dict[str, list[str]]:
    """Open each page, click every link in the article whose address has a scheme other
    than http(s), mailto or tel (``click``; there should be none), and collect fired
    dialogs, CSP violations (events and console), page errors and links with a script
    address."""
    context = browser.new_context()
    outside: list[str] = []

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(("data:", "blob:", "about:")) or url.startswith(base):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    context.route("**/*", route)
    context.add_init_script(WATCH)
    found: dict[str, list[str]] = {"dialogs": [], "violations": [], "errors": [],
                                   "script_links": [], "outside": outside}
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("dialog", lambda d: (found["dialogs"].append(d.message), d.dismiss()))
        page.on("console", lambda m: found["violations"].append(m.text)
                if "Content Security Policy" in m.text else None)
        page.on("pageerror", lambda e: found["errors"].append(str(e)))
        for path in paths:
            page.goto(base + path)
            page.wait_for_load_state("load")
            found["script_links"] += page.evaluate(
                "() => [...document.querySelectorAll('article a[href], article area[href]')]"
                ".map(a => a.getAttribute('href'))"
                ".filter(h => /^\\s*(javascript|vbscript|data):/i.test(h))")
            for index in page.evaluate(RISKY_LINKS) if click else []:
                page.evaluate(CLICK, index)
                page.wait_for_timeout(100)
                if page.url != base + path:
                    page.goto(base + path)
                    page.wait_for_load_state("load")
            page.wait_for_timeout(50)
            found["violations"] += page.evaluate("() => window.__jarshyViolations")
    finally:
        context.close()
    return found
