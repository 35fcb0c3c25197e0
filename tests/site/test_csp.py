"""Every built page carries a Content-Security-Policy that lets nothing in from another host
and no inline event handler run, and the web server sends the same policy as a header.

Checked in Chromium on the built example: handlers and external pictures slipped into the
page after it loaded (as a hole in the raw-HTML allow-list would let them in) are refused by
the browser itself; the site's own scripts (search, the letter form) still work, which
``test_search.py`` and ``test_blog.py`` show with the policy in place."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
NGINX = REPO / "deploy" / "nginx" / "jarshy-site.conf"
PAGES = ["{lang}/", "{lang}/news/2026-11-18-shygys-110/", "{lang}/page/blog/",
         "{lang}/newspaper/"]
# 'wasm-unsafe-eval': WebAssembly compiled by the site's own scripts (search: Pagefind), no host.
LOCAL_SOURCES = {"'self'", "'none'", "'unsafe-inline'", "data:", "'wasm-unsafe-eval'"}


def policy_of(html: str) -> dict[str, list[str]]:
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert found, "no Content-Security-Policy <meta> in the page"
    text = found.group(1).replace("&#39;", "'")
    return parse(text)


def parse(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in text.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def check_policy(csp: dict[str, list[str]], allowed_hosts: frozenset[str] = frozenset()) -> None:
    assert csp.get("default-src") == ["'self'"]
    assert csp.get("script-src-attr") == ["'none'"]  # no onclick=, onerror= …
    # no inline script, no javascript: URL; WebAssembly only for search (Pagefind)
    assert csp.get("script-src") == ["'self'", "'wasm-unsafe-eval'"]
    assert "'unsafe-inline'" not in csp.get("default-src", [])
    for directive in ("object-src", "frame-src"):
        assert csp.get(directive) == ["'none'"]
    assert csp.get("base-uri") == ["'self'"]
    assert "form-action" in csp and "'self'" in csp["form-action"]
    for directive, sources in csp.items():
        for source in sources:
            assert source in LOCAL_SOURCES or source in allowed_hosts, (
                f"{directive} allows {source}: another host")
        if directive != "style-src":
            assert "'unsafe-inline'" not in sources, directive


def built_pages(built_site: Path) -> list[Path]:
    return sorted(built_site.glob("kk/**/*.html")) + sorted(built_site.glob("ru/**/*.html"))


def test_every_built_page_has_the_policy(built_site: Path) -> None:
    pages = built_pages(built_site)
    assert len(pages) > 20
    for path in pages:
        if path.name != "index.html" and path.name != "404.html":
            continue
        html = path.read_text(encoding="utf-8")
        csp = policy_of(html)
        check_policy(csp)
        # first in <head>: before any script, so it covers all of them
        assert html.index("Content-Security-Policy") < html.find("<script"), path


def test_the_web_server_sends_the_same_policy(built_site: Path) -> None:
    text = NGINX.read_text(encoding="utf-8")
    found = re.search(r'map \$uri \$jarshy_csp \{\s*default "([^"]+)";', text)
    assert found, f"{NGINX}: no $jarshy_csp policy"
    header = parse(found.group(1))
    assert header.pop("frame-ancestors") == ["'none'"]  # only a header can say this
    meta = policy_of((built_site / "kk" / "index.html").read_text(encoding="utf-8"))
    assert header == meta
    check_policy(header)
    # The server block sends the headers; add_header in a location would drop them there, so
    # no location adds one (tests/security/test_nginx.py asks a real nginx for every answer).
    blocks = re.split(r"(?m)^\s*(?=server \{|location )", text)
    (server,) = [b for b in blocks if b.startswith("server {")]
    assert "add_header Content-Security-Policy $jarshy_csp always;" in server
    assert "add_header X-Content-Type-Options nosniff always;" in server
    locations = [b for b in blocks if b.startswith("location ")]
    assert locations and not [b.splitlines()[0] for b in locations if "add_header" in b]


def test_the_letters_endpoint_is_allowed_and_nothing_else(tmp_path: Path) -> None:
    """With a letters endpoint on another host, the form may post there (form-action and
    connect-src name its origin), and still nowhere else."""
    import shutil

    from site_gen.build import build

    content = tmp_path / "content"
    for folder in ("_data", "images", "pages"):
        shutil.copytree(REPO / "content" / folder, content / folder)
    site_yml = content / "_data" / "site.yml"
    site_yml.write_text(re.sub(r"(?m)^letters_endpoint:.*$",
                               'letters_endpoint: "http://letters.intranet:8081/api/letters"',
                               site_yml.read_text(encoding="utf-8")), encoding="utf-8")
    out = tmp_path / "site"
    build(content, out, date="2026-11-23", repo=REPO, build_dir=tmp_path / "build",
          parallel=False)
    csp = policy_of((out / "ru" / "page" / "blog" / "index.html").read_text(encoding="utf-8"))
    origin = "http://letters.intranet:8081"
    assert origin in csp["form-action"] and origin in csp["connect-src"]
    check_policy(csp, frozenset({origin}))


INJECT = """() => new Promise(resolve => {
  const seen = [];
  document.addEventListener("securitypolicyviolation",
      e => seen.push(e.violatedDirective + " " + (e.blockedURI || "")));
  document.body.insertAdjacentHTML("beforeend",
      '<img id="x1" src="/nothing-here.png" onerror="window.__jarshyPwned = 1">' +
      '<div id="x2" onclick="window.__jarshyPwned = 2">x</div>' +
      '<img id="x3" src="http://example.com/tracker.png">');
  document.getElementById("x2").click();
  setTimeout(() => resolve({pwned: window.__jarshyPwned ?? null, seen: seen}), 800);
})"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("path", PAGES)
def test_the_browser_refuses_injected_handlers_and_external_pictures(
        page: Any, site_url: str, path: str, lang: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + path.format(lang=lang))
    result = page.evaluate(INJECT)
    assert result["pwned"] is None
    seen = " | ".join(result["seen"])
    assert "script-src-attr" in seen  # the handlers were refused by the policy
    assert "img-src" in seen and "example.com" in seen
    assert not any("example.com" in url for url in page.requests_seen)
    assert not errors, errors  # the site's own scripts run under the policy
