"""The print edition's running head: a small stylesheet staged beside each issue page.

Sits inside :mod:`.pages`: ``themes/assets/stylesheets/print.css`` lays the issue out on A4
and styles the page margin boxes; this module writes ``newspaper/<N>-print.css`` with
their words, which differ per issue and language: the paper and the company at the top
left, the issue's number and date at the top right (from page 2 on: page 1 has the
masthead). Chromium (131 and later) prints ``@page`` margin boxes, so the head and the
"N / M" page numbers come from the page itself, not from Chromium's URL-and-date header.
A stylesheet file, not an inline ``<style>``, so the page adds nothing to what the CSP
allows.
"""

from __future__ import annotations

from ..stage.extensions import StageContext, StagedFile
from . import labels
from .model import IssueView


def head_css_path(number: int) -> str:
    """Docs path of issue ``number``'s running-head stylesheet."""
    return f"newspaper/{number}-print.css"


def css_string(text: str) -> str:
    """``text`` as a CSS string literal: quotes, backslashes and line ends escaped."""
    out = []
    for ch in text:
        if ch in '"\\' or ord(ch) < 0x20 or ch == "\x7f":
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def running_head(ctx: StageContext, view: IssueView) -> tuple[str, str]:
    """The left and right words of the running head of ``view`` in ``ctx.lang``."""
    company = ctx.content.settings.company.get(ctx.lang, "")
    paper = labels.word("newspaper", ctx.lang)
    left = f"{paper} · {company}" if company else paper
    right = (f"{labels.issue_title(view.number, ctx.lang)} · "
             f"{labels.long_date(view.date, ctx.lang)}")
    return left, right


def head_css(ctx: StageContext, view: IssueView) -> StagedFile:
    left, right = running_head(ctx, view)
    text = (
        "/* The running head of this issue's print edition (site_gen/newspaper/printhead.py);\n"
        "   print.css styles it and adds the page numbers. */\n"
        "@media print {\n"
        "  @page {\n"
        f"    @top-left {{ content: {css_string(left)}; }}\n"
        f"    @top-right {{ content: {css_string(right)}; }}\n"
        "  }\n"
        "  @page :first {\n"
        "    @top-left { content: none; border: 0; }\n"
        "    @top-right { content: none; border: 0; }\n"
        "  }\n"
        "}\n"
    )
    return StagedFile(head_css_path(view.number), text)
