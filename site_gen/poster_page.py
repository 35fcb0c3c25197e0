"""The poster's A4 sheet: its style, its header with the company name and the fitting script.

Where it sits: ``site_gen.poster`` writes each half (per kind, with ``site_gen.kindhtml``)
and hands them here to be put on the sheet. The sheet is the same box on screen and on
paper, so what the script fits is what prints.

The header keeps each company name whole: every name is one unbreakable run (no-break
spaces inside, ``white-space: nowrap``); the names share a line when they fit and take a
line each when they do not, and a name longer than the sheet is wide is set smaller
(first from its length here, then by the script until it fits).
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from signage.kinds import Template
from signage.palette import ACCENT, URGENT_BG, URGENT_HEADER, css

from .content.model import LANGS, Lang

LARGEST_PT, SMALLEST_PT = 16.0, 8.0  # the fitting script's range of type sizes
NAME_PT, SMALLEST_NAME_PT = 11.0, 5.0  # the company name in the header
SHEET_MM = 186.0  # the sheet's width inside the page margins
# Noto Sans Bold averages about 0.62 em a character in Kazakh and Russian words: a first
# guess of the name's size, which the script corrects if the font says otherwise.
EM_PER_CHARACTER = 0.62


def name_size(names: list[str]) -> float:
    """The header's type size (pt) at which the longest company name fits the sheet."""
    longest = max((len(n) for n in names), default=1)
    fits = SHEET_MM / 25.4 * 72 / (longest * EM_PER_CHARACTER)
    return max(SMALLEST_NAME_PT, min(NAME_PT, round(fits * 2) / 2))


def whole(name: str) -> str:
    """A company name as one unbreakable run: its spaces become no-break spaces."""
    return html.escape(" ".join(name.split())).replace(" ", "\u00a0")


def header(company: Mapping[Lang, str], board: str, urgent: bool) -> str:
    names = [company[lang] for lang in LANGS]
    spans = "".join(f'<span class="company" lang="{lang}">{whole(company[lang])}</span>'
                    for lang in LANGS)
    style = (f' style="background:{css(URGENT_HEADER)};color:#fff;border-color:'
             f'{css(URGENT_BG)}"' if urgent else "")
    return (f'<header class="head"{style}><p class="board">{html.escape(board)}</p>'
            f'<p class="names" style="font-size:{name_size(names)}pt">{spans}</p></header>')


STYLE = f"""
@page {{ size: A4; margin: 10mm 12mm; }}
* {{ box-sizing: border-box; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: "Noto Sans", "DejaVu Sans", sans-serif; color: #111;
       font-size: {LARGEST_PT}pt; line-height: 1.3; print-color-adjust: exact;
       -webkit-print-color-adjust: exact; }}
.sheet {{ width: {SHEET_MM}mm; height: 276mm; display: flex; flex-direction: column;
          overflow: hidden; }}
.head {{ border-bottom: 1.2mm solid {css(ACCENT)}; padding: 1mm 2mm 1.5mm; font-size: 9pt; }}
.head p {{ margin: 0; }}
.board {{ font-weight: 700; text-transform: uppercase; letter-spacing: .05em; }}
.names {{ display: flex; flex-wrap: wrap; justify-content: space-between; column-gap: 6mm;
          line-height: 1.25; }}
.company {{ white-space: nowrap; font-weight: 700; }}
.picture {{ display: block; max-height: 38mm; max-width: 100%; margin: 2mm auto 0; }}
.sheet[data-kind="picture"] .picture {{ max-height: 150mm; }}
.shot {{ margin: 2mm 0 0; }}
.half {{ flex: 1 1 0; min-height: 0; overflow: hidden; padding: 3mm 0; display: flex;
         flex-direction: column; }}
.half + .half {{ border-top: .4mm dashed #666; }}
.sheet[data-kind="picture"] .half {{ flex: none; }}
.kicker {{ margin: 0; font-size: 9pt; color: #444; text-transform: uppercase; }}
.kind-urgent .kicker {{ color: {css(URGENT_BG)}; font-weight: 700; }}
.kind-urgent {{ border-left: 2mm solid {css(URGENT_BG)}; padding-left: 3mm; }}
h1 {{ font-size: max(1.6em, 15pt); line-height: 1.15; margin: 1mm 0 2mm; }}
.when {{ margin: 0 0 2mm; }}
.row {{ flex: 1 1 auto; min-height: 0; display: flex; gap: 4mm; }}
.jarshy-when {{ flex: none; width: 50mm; align-self: flex-start; }}
.jarshy-festive {{ flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column; }}
.jarshy-festive .kicker {{ color: {css(ACCENT)}; }}
.jarshy-festive .body {{ text-align: center; }}
.jarshy-festive .body ul, .jarshy-festive .body ol {{ list-style-position: inside;
                                                      padding-left: 0; }}
.jarshy-festive .qr {{ background: #fff; color: #111; padding: 1mm; align-self: flex-end; }}
.jarshy-film, .jarshy-alert {{ margin-top: 2mm; }}
.body {{ flex: 1 1 auto; min-width: 0; min-height: 0; overflow: hidden; }}
.body[hidden] {{ display: none; }}
.body h2, .body h3 {{ font-size: 1.1em; margin: 1.5mm 0 .5mm; }}
.body p, .body ul, .body ol {{ margin: 0 0 1mm; }}
.body ul, .body ol {{ padding-left: 5mm; }}
.body table {{ border-collapse: collapse; }}
.body td, .body th {{ border: .2mm solid #999; padding: .5mm 1.5mm; }}
.body table.jarshy-plan {{ font-size: .8em; width: 100%; }}
.qr {{ flex: none; width: 30mm; display: flex; flex-direction: column;
        justify-content: flex-end; font-size: 7pt; line-height: 1.25; }}
.qr svg {{ width: 30mm; height: 30mm; }}
.qr p {{ margin: 1mm 0 0; }}
.url {{ word-break: break-all; }}
.missing {{ justify-content: center; align-items: center; color: #666; }}
"""

# Runs once the fonts are ready (Chromium runs it before printing): the company names are
# set smaller until each fits the sheet's width, then the type of the halves is lowered
# step by step until both fit, else the summaries are printed.
SCRIPT = f"""
(function () {{
  function wide() {{
    var names = document.querySelector(".names");
    if (!names) {{ return false; }}
    return Array.prototype.some.call(names.querySelectorAll(".company"),
      function (n) {{ return n.getBoundingClientRect().width > names.clientWidth + 0.5; }});
  }}
  function over() {{
    return Array.prototype.some.call(document.querySelectorAll(".body:not([hidden])"),
      function (b) {{ return b.scrollHeight > b.clientHeight + 1; }});
  }}
  function fit() {{
    var names = document.querySelector(".names");
    var name = names ? parseFloat(names.style.fontSize) : 0;
    while (wide() && name > {SMALLEST_NAME_PT}) {{
      name -= 0.25;
      names.style.fontSize = name + "pt";
    }}
    var size = {LARGEST_PT};
    while (over() && size > {SMALLEST_PT}) {{
      size -= 0.5;
      document.body.style.fontSize = size + "pt";
    }}
    if (over()) {{  // even the smallest type does not fit: print the summaries
      document.querySelectorAll(".summary").forEach(function (s) {{
        s.previousElementSibling.hidden = true;
        s.hidden = false;
      }});
      document.documentElement.setAttribute("data-fit", "summary");
    }}
    document.documentElement.setAttribute("data-fitted", String(size));
  }}
  (document.fonts ? document.fonts.ready : Promise.resolve()).then(fit);
}}());
"""


def sheet(title: str, kind: Template, head: str, top: str, halves: list[str]) -> str:
    """The whole HTML page: ``head`` (the header), ``top`` (the alert band, the picture or
    the film band: what both halves share), then the Kazakh and the Russian half."""
    body = "\n".join(halves)
    return f"""<!DOCTYPE html>
<html lang="kk" data-kind="{kind}">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<div class="sheet" data-kind="{kind}">
{head}
{top}
{body}
</div>
<script>{SCRIPT}</script>
</body>
</html>
"""
