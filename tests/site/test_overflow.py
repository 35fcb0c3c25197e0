"""Phones and wide screens: no built page scrolls sideways, tables scroll in their own box,
navigation never breaks a word (issue 14, "No horizontal overflow on any page").

Runs over EVERY page of the built example (``built_site``, kk/ and ru/) at every supported
width, in the session's Chromium: one browser context per width, one page reused, page after
page. Each page is measured after its ``load`` event and its fonts (self-hosted, so local).
On this 2-core machine one width takes about 20-40 s for the ~140 pages.

The CSS under test is the ``@media screen`` block of themes/assets/stylesheets/jarshy.css.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

WIDTHS = [360, 390, 768, 1024, 1366, 1920]
PHONES = [360, 390]
HEIGHT = 800

# The document's width against the viewport's; on failure, the outermost elements whose right
# edge is past the viewport (their parent's is not), named by tag, class and text.
MEASURE = """async () => {
  await document.fonts.ready;
  const root = document.documentElement;
  const width = root.clientWidth;
  const name = (el) => el.tagName.toLowerCase()
    + (typeof el.className === "string" && el.className.trim()
       ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const out = [];
  if (root.scrollWidth > width) {
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= width + 0.5) continue;
      const p = el.parentElement.getBoundingClientRect();
      if (p.right > width + 0.5) continue;
      out.push(`${name(el)} right edge ${Math.round(r.right)} px `
               + `«${(el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60)}»`);
      if (out.length >= 5) break;
    }
  }
  return {scrollWidth: root.scrollWidth, width, out};
}"""

# Links of the navigation and the footer. A word (split at spaces, and after a hyphen, dash or
# slash, where a break is allowed) that has client rects on two lines was broken inside.
NAV_LINKS = (".md-header a, .md-tabs a, .md-sidebar a, .md-nav a, .md-footer a, "
             ".md-footer-meta a")
BROKEN_WORDS = """(selector) => {
  const out = [];
  const words = /[^\\s\\-‐–—\\/]+[\\-‐–—\\/]*/gu;
  for (const a of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (const m of n.data.matchAll(words)) {
        const range = document.createRange();
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()]
          .filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) out.push(`«${m[0]}» in ${a.className || a.tagName.toLowerCase()}`);
      }
    }
  }
  return out;
}"""


def _pages(site: Path) -> list[str]:
    """Every built HTML page of both languages, as URL paths under the site."""
    return sorted(p.relative_to(site).as_posix()
                  for lang in ("kk", "ru") for p in (site / lang).rglob("*.html"))


def _url(site_url: str, path: str) -> str:
    return site_url + (path[: -len("index.html")] if path.endswith("index.html") else path)


@pytest.fixture
def at_width(_browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A page in a context of the parametrized width (one context per width)."""
    context = _browser.new_context(locale="kk-KZ",
                                   viewport={"width": request.param, "height": HEIGHT})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    yield pg
    context.close()


def test_the_walk_covers_both_languages(built_site: Path) -> None:
    pages = _pages(built_site)
    for lang in ("kk", "ru"):
        ours = [p for p in pages if p.startswith(f"{lang}/")]
        # Home, sections, items, the issues and the 404 page are all in the walk.
        for must in ("index.html", "404.html", "newspaper/index.html", "news/index.html"):
            assert f"{lang}/{must}" in ours
        assert len(ours) > 50, ours


@pytest.mark.parametrize("at_width", WIDTHS, indirect=True, ids=[f"{w}px" for w in WIDTHS])
def test_no_page_scrolls_sideways(at_width: Any, built_site: Path, site_url: str) -> None:
    """At this width no page of kk/ or ru/ is wider than the screen; on a phone no link of
    the navigation or the footer is broken inside a word."""
    width = at_width.viewport_size["width"]
    too_wide: list[str] = []
    broken: list[str] = []
    for path in _pages(built_site):
        at_width.goto(_url(site_url, path), wait_until="load")
        m = at_width.evaluate(MEASURE)
        if m["scrollWidth"] > m["width"]:
            too_wide.append(f"{path}: {m['scrollWidth']} px wide on a {m['width']} px screen; "
                            + "; ".join(m["out"]))
        if width in PHONES:
            broken += [f"{path}: {w}" for w in at_width.evaluate(BROKEN_WORDS, NAV_LINKS)]
    assert not too_wide, f"pages scroll sideways at {width} px:\n" + "\n".join(too_wide)
    assert not broken, f"navigation breaks words at {width} px:\n" + "\n".join(broken)


@pytest.mark.parametrize("at_width", [360], indirect=True, ids=["360px"])
def test_the_action_plan_scrolls_in_its_own_box(at_width: Any, site_url: str) -> None:
    """The action-plan table, wider than a phone, scrolls sideways by itself; the page does
    not (the table was 470 px wide on a 390 px screen)."""
    for lang in ("kk", "ru"):
        at_width.goto(f"{site_url}{lang}/announcements/2026-06-19-esep-beru-qorytyndysy/",
                      wait_until="load")
        box = at_width.evaluate("""() => {
          const t = document.querySelector("article table.jarshy-plan");
          let box = t;
          while (box && !["auto", "scroll"].includes(getComputedStyle(box).overflowX))
            box = box.parentElement;
          if (!box) return {inner: 0, outer: 0, page: document.documentElement.scrollWidth};
          const r = box.getBoundingClientRect();
          box.scrollLeft = 80;
          return {right: r.right, left: r.left, inner: box.scrollWidth,
                  outer: box.clientWidth, scrolled: box.scrollLeft,
                  page: document.documentElement.scrollWidth};
        }""")
        # Wider than the phone: there is something to scroll.
        assert box["inner"] > box["outer"], box
        assert 0 <= box["left"] and box["right"] <= 360, box
        assert box["scrolled"] > 0, box
        assert box["page"] <= 360, box


@pytest.mark.parametrize("at_width", [360], indirect=True, ids=["360px"])
def test_every_table_stays_inside_the_screen(at_width: Any, built_site: Path,
                                             site_url: str) -> None:
    """Each visible table of every page ends inside the screen, or inside a scroll box that
    does: Material's wrapper for plain tables, the table itself for ours."""
    failures: list[str] = []
    pages = [p for p in _pages(built_site) if "<table" in (built_site / p).read_text("utf-8")]
    assert pages
    for path in pages:
        at_width.goto(_url(site_url, path), wait_until="load")
        failures += [f"{path}: {f}" for f in at_width.evaluate("""() => {
          const out = [];
          for (const t of document.querySelectorAll("table")) {
            const r = t.getBoundingClientRect();
            if (r.width === 0) continue;
            const width = document.documentElement.clientWidth + 0.5;
            let inside = r.right <= width;
            for (let box = t; box && !inside; box = box.parentElement)
              inside = ["auto", "scroll", "hidden"].includes(getComputedStyle(box).overflowX)
                && box.getBoundingClientRect().right <= width;
            if (!inside)
              out.push(`table ${t.className || "(plain)"} ends at ${Math.round(r.right)} px`
                       + " outside any scroll box");
          }
          return out;
        }""")]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("at_width", [360], indirect=True, ids=["360px"])
def test_the_language_menu_opens_inside_the_screen(at_width: Any, site_url: str) -> None:
    """The open language menu is on the screen (centred under its button it stuck out 16 px
    and made every page scroll sideways)."""
    for lang in ("kk", "ru"):
        at_width.goto(f"{site_url}{lang}/", wait_until="load")
        at_width.focus(".md-header .md-select button")
        at_width.wait_for_timeout(400)  # Material's opening transition
        r = at_width.evaluate("""() => {
          const r = document.querySelector(".md-header .md-select__inner").getBoundingClientRect();
          return {left: r.left, right: r.right, width: r.width};
        }""")
        assert r["width"] > 0 and r["left"] >= 0 and r["right"] <= 360, r
        assert at_width.is_visible(f".md-select__link[hreflang='{'ru' if lang == 'kk' else 'kk'}']")


@pytest.mark.parametrize("at_width", PHONES, indirect=True, ids=[f"{w}px" for w in PHONES])
def test_a_long_title_in_the_navigation_stays_whole(at_width: Any, site_url: str) -> None:
    """The example's titles are short; a section or item title with a long word (as an editor
    may write) keeps its words whole in the sidebar and the previous/next links, and does not
    widen the page: it ends with "…" instead."""
    title = "Денсаулық сақтау және медициналық-профилактикалық жұмыстарды ұйымдастырушылар"
    for lang in ("kk", "ru"):
        at_width.goto(f"{site_url}{lang}/news/", wait_until="load")
        n = at_width.evaluate("""(title) => {
          const els = document.querySelectorAll(
            ".md-nav__link .md-ellipsis, .md-footer__title .md-ellipsis");
          for (const e of els) e.textContent = title;
          return els.length;
        }""", title)
        assert n > 2
        assert at_width.evaluate(BROKEN_WORDS, NAV_LINKS) == []
        m = at_width.evaluate(MEASURE)
        assert m["scrollWidth"] <= m["width"], m


@pytest.mark.parametrize("at_width", [360], indirect=True, ids=["360px"])
def test_a_long_address_in_article_text_wraps(at_width: Any, site_url: str) -> None:
    """A long address written in an article (in a paragraph, or as the meeting's place in
    the facts box beside its label) wraps instead of widening the page. With Material's
    ``overflow-wrap: break-word`` alone the facts box grew to 702 px on a 360 px phone."""
    url = ("https://intranet.example.kz/documents/documents/documents/"
           "esep-beru-kezdesuining-qorytyndysy-2026-zhyldyn-birinshi-zhartyzhyldygy.pdf")
    for lang in ("kk", "ru"):
        at_width.goto(f"{site_url}{lang}/announcements/2026-11-18-esep-beru-kezdesui/",
                      wait_until="load")
        widths = at_width.evaluate("""(url) => {
          const out = {};
          for (const sel of [".jarshy-event-facts dd", "article p"]) {
            const e = document.querySelector(sel);
            e.textContent = url;
            const line = parseFloat(getComputedStyle(e).lineHeight);
            out[sel] = [document.documentElement.scrollWidth,
                        e.getBoundingClientRect().height / line];
          }
          return out;
        }""", url)
        for sel, (page_width, lines) in widths.items():
            assert page_width <= 360, (lang, sel, widths)
            assert lines >= 2, (lang, sel, widths)  # wrapped, not clipped
