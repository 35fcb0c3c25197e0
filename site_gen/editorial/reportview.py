"""The period report as Markdown, as CSV and as an SVG bar chart, in the editor's language.

Where it sits: ``site_gen/commands/report.py`` → :func:`build_report` → **here**. The chart
comes from the newspaper's chart module (:func:`site_gen.charts.bar_chart`), so the report's
chart looks like the charts in the newspaper. Section names in Kazakh and Russian are the
site's own (``site_gen.stage.strings``, through :func:`planview.section_name`).
"""

from __future__ import annotations

from ..content.model import LANGS
from .i18n import Messages
from .output import table, to_csv
from .planview import section_name
from .report import CONTENT_KIND_NAMES, Report, plays_per_item
from .reportparts import appendix_rows, end_parts, middle_parts

CHART_NAME = "report-counts.svg"


def _period(r: Report, tr: Messages) -> str:
    return tr._("{start} – {end}", start=r.start.isoformat(), end=r.end.isoformat())


def _count_rows(counts: dict[str, dict[str, int]], label: dict[str, str] | None,
                tr: Messages) -> list[list[object]]:
    rows: list[list[object]] = []
    for key, by_lang in counts.items():
        total = sum(by_lang.values())
        name = tr._(label[key]) if label and key in label else section_name(key, tr)
        rows.append([name, *(by_lang.get(lang, 0) for lang in LANGS), total])
    return rows


def report_markdown(r: Report, tr: Messages, chart: str | None = None, more: str = "") -> str:
    """The whole report; ``chart`` is the SVG file name to link, when one was written;
    ``more`` (Markdown) goes before the blanks for the editor, which come last."""
    heads = ["kk", "ru", tr._("total")]
    out = ["# " + tr._("Internal communications: report for {period}", period=_period(r, tr)),
           "", tr.ngettext("{n} item published in the period", "{n} items published in the "
                           "period", r.items),
           tr.ngettext("{n} language version in all", "{n} language versions in all",
                       r.versions), ""]
    out += ["## " + tr._("By section"), "",
            table([tr._("section"), *heads],
                  [row for row in _count_rows(r.by_section, None, tr) if row[-1]]
                  or [[tr._("nothing published"), 0, 0, 0]], (1, 2, 3)), ""]
    if chart:
        alt = tr._("Published items by section")
        out += [f"![{alt}]({chart})", ""]
    out += ["## " + tr._("By content kind"), "",
            table([tr._("content kind"), *heads],
                  _count_rows(r.by_kind, CONTENT_KIND_NAMES, tr), (1, 2, 3)), ""]
    out += ["## " + tr._("By language"), "",
            table([tr._("language"), tr._("versions")],
                  [[tr._("Kazakh") + " (kk)", r.by_lang["kk"]],
                   [tr._("Russian") + " (ru)", r.by_lang["ru"]]], (1,)), ""]
    if r.awaiting:
        out += ["## " + tr._("Published before approval, not approved yet"), "",
                table([tr._("item"), tr._("language"), tr._("published"), tr._("reason")],
                      [[key, lang, day.isoformat(), reason]
                       for key, lang, day, reason in r.awaiting]), ""]
    out += middle_parts(r, tr)
    if r.plays is not None:
        out += ["## " + tr._("On the screens"), ""]
        rows = plays_per_item(r.plays)
        if rows:
            out.append(table(
                [tr._("item"), tr._("title"), tr._("screen"), tr._("plays"), tr._("minutes")],
                [[item, _title(r, item, tr) if known else tr._("(not in the content)"),
                  screen, n, _minutes(m, tr)] for item, screen, n, m, known in rows],
                (3, 4)))
        else:
            out.append(tr._("no plays in the period"))
        out += ["", tr.ngettext("{n} log file read", "{n} log files read", r.files_read)
                + "; " + tr.ngettext("{n} bad line skipped", "{n} bad lines skipped",
                                     len(r.problems)), ""]
    out += end_parts(r, tr, more)
    return "\n".join(out).rstrip() + "\n"


def _title(r: Report, item: str, tr: Messages) -> str:
    titles = r.titles.get(item, {})
    return titles.get(tr.lang) or titles.get("kk") or titles.get("ru") or ""


def _minutes(value: float, tr: Messages) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if tr.lang in ("kk", "ru") else text


def report_csv(r: Report) -> str:
    """One tidy table (``table,key,screen,language,count,minutes``) for a spreadsheet; the
    Appendix 2 facts as tables ``tag``, ``checklist``, ``decision``, ``letters`` and
    ``letters-topic`` (``key`` names the row)."""
    rows: list[list[object]] = []
    for name, counts in (("section", r.by_section), ("content_kind", r.by_kind)):
        for key, by_lang in counts.items():
            for lang in LANGS:
                rows.append([name, key, "", lang, by_lang.get(lang, 0), ""])
    for lang in LANGS:
        rows.append(["language", lang, "", lang, r.by_lang[lang], ""])
    for p in r.plays or ():
        rows.append(["plays", p.item, p.screen, p.lang, p.plays, p.minutes])
    rows += appendix_rows(r)
    return to_csv(["table", "key", "screen", "language", "count", "minutes"], rows)


def report_chart(r: Report, tr: Messages) -> str:
    """A bar chart of the published versions per section, kk and ru side by side (SVG)."""
    from ..charts import bar_chart  # matplotlib: loaded only when a chart is drawn

    keys = [k for k, by_lang in r.by_section.items() if sum(by_lang.values())] or ["news"]
    svg = bar_chart([section_name(k, tr) for k in keys],
                    {lang: [r.by_section[k][lang] for k in keys] for lang in LANGS},
                    lang=tr.lang if tr.lang in LANGS else "kk",
                    title=tr._("Published items by section, {period}", period=_period(r, tr)),
                    y_label=tr._("items"))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + svg
