"""Random front matter never breaks `check`.

Hypothesis writes random front matter (schema keys and junk keys, YAML-ish scalars
such as ``12:30``, ``no``, ``&a``, ``!!python/object``, nested lists and groups, raw
lines and random bytes) into a temporary content root. Whatever it writes, ``check``
must return (never raise) and every diagnostic must point at a real line of the file
it names, with a known severity and a message.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_gen.content import check
from site_gen.content.validate import EVENT_KEYS, ITEM_KEYS, PLAN_KEYS, SIGNAGE_KEYS

SITE = 'company: {kk: "Жарық", ru: "Жарык"}\ntimezone: Asia/Almaty\nbins: ["061140003527"]\n'
SCREENS = "- id: canteen\n- id: lobby\n"
KEYS = sorted(set(ITEM_KEYS + EVENT_KEYS + SIGNAGE_KEYS + PLAN_KEYS))
TRAPS = [
    "12:30", "no", "on", "yes", "off", "~", "null", "true", "2026-11-20", "20.11.2026",
    "31.02.2026", "2026-11-20 25:00", "08:00-18:00", "25:00-26:00", "-5", "86400", "1e999",
    "0x1F", "0o17", ".inf", "&a", "*a", "&a [1, 2]", "!!python/object/apply:os.system [ls]",
    "!!int abc", "!!seq x", "!!binary aGk=", "!custom x", "'unclosed", '"unclosed', "[", "{",
    "}", "]", ":", "- ", "? x", "|", ">", "#", "%YAML 1.2", "---", "...", "\t", "a: b: c",
    "news", "newz", "approved", "consent", "canteen", "kitchen-9", "all", "mon", "urgent",
    "/images/x.png", "../../etc/passwd", "http://example.com/x.png", "850714300127",
    "+7 701 234 56 78", "жаңалық", "Жарық Энерго", "ә ғ қ ң ө ұ ү һ і", "\u200f", "\u200d",
    "\u202e", "\ufeff", "\x85", "\u2028", "9" * 5000, "",
]
BODY_BITS = [
    "Мәтін.\n", "Текст 850714300127, +7 701 234 56 78.\n", "<script>", "</script>", "<iframe",
    " onclick=", "javascript:", "[a](", "![b](http://x/y.png)", ")", "`", "```\n", "~~~\n",
    "<", ">", "\"", "'", "&#x61;", "\u202e", "\u2028", "\x85", "\n", "\r\n", "---\n",
]
LINE_BREAKS = re.compile(rb"\r\n|\r|\n")

scalars = st.one_of(
    st.sampled_from(TRAPS),
    st.text(max_size=12),
    st.integers(min_value=-10**6, max_value=10**6).map(str),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=8))
values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(keys, children, max_size=4),
    ),
    max_leaves=10,
)


def emit(value: Any, indent: int, flow: bool) -> str:
    """Naive YAML-ish text: nothing is escaped, so the result is often not valid YAML."""
    pad = " " * indent
    if isinstance(value, dict):
        if flow:
            return "{" + ", ".join(f"{k}: {emit(v, 0, True)}" for k, v in value.items()) + "}"
        return "".join(f"\n{pad}{k}: {emit(v, indent + 2, False)}" for k, v in value.items())
    if isinstance(value, list):
        if flow:
            return "[" + ", ".join(emit(v, 0, True) for v in value) + "]"
        return "".join(f"\n{pad}- {emit(v, indent + 2, False)}" for v in value)
    return str(value)


@st.composite
def front_matter_files(draw: st.DrawFn) -> bytes:
    shape = draw(st.sampled_from(["fields", "fields", "fields", "raw-lines", "bytes"]))
    if shape == "bytes":
        return draw(st.binary(max_size=300))
    if shape == "raw-lines":
        lines = draw(st.lists(st.one_of(st.sampled_from(TRAPS), st.text(max_size=30)),
                              max_size=8))
        text = "---\n" + "\n".join(lines) + "\n---\n"
    else:
        fields = draw(st.dictionaries(keys, values, max_size=8))
        flow = draw(st.booleans())
        text = "---" + emit(fields, 0, flow) + "\n"
        if draw(st.booleans()):
            text += "---\n"  # sometimes the front matter is never closed
    text += draw(st.lists(st.one_of(st.sampled_from(BODY_BITS), st.text(max_size=20)),
                          max_size=8).map("".join))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    data = text.replace("\n", ending).encode("utf-8", errors="surrogatepass")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    return data


def line_count(data: bytes) -> int:
    return len(LINE_BREAKS.split(data))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kk=front_matter_files(), ru=front_matter_files(), other_name=st.booleans())
def test_check_never_raises_and_points_at_real_lines(kk: bytes, ru: bytes,
                                                     other_name: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        (root / "_data").mkdir(parents=True)
        (root / "_data" / "site.yml").write_text(SITE, encoding="utf-8")
        (root / "_data" / "screens.yml").write_text(SCREENS, encoding="utf-8")
        files = {
            "content/news/сынақ.kk.md": kk,
            "content/news/сынақ.ru.md" if not other_name else "content/news/сынақ.kz.md": ru,
        }
        for rel, data in files.items():
            path = Path(tmp) / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        content, diagnostics, report = check(root)

    assert report.files == 2
    for d in diagnostics:
        assert d.severity in ("error", "warning"), d
        assert d.code and d.message, d
        assert d.path in files, d
        assert 1 <= d.line <= line_count(files[d.path]), (d, files[d.path][:200])
        assert d.col >= 1, d
        assert "Traceback" not in d.message and "<class" not in d.message, d
    for item in content.items:
        for version in item.versions.values():
            assert version.path in files
            assert version.title  # a kept version is a valid one


SITE_KEYS = ["company", "timezone", "bins", "base_url", "letters_endpoint", "kk", "ru"]
SCREEN_KEYS = ["id", "name", "location", "resolution", "rotation", "on_hours", "off_hours",
               "ticker", "kk", "ru"]
ISSUE_KEYS = ["number", "date", "cover", "note", "kk", "ru"]


def data_file(names: list[str]) -> st.SearchStrategy[str]:
    data_values: st.SearchStrategy[Any] = st.recursive(
        scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=3),
            st.dictionaries(st.sampled_from(names), children, max_size=4),
        ),
        max_leaves=8,
    )
    mapping = st.dictionaries(st.sampled_from(names), data_values, max_size=6)
    return st.one_of(
        st.tuples(mapping, st.booleans()).map(lambda mf: emit(mf[0], 0, mf[1]).lstrip("\n")),
        st.lists(mapping, max_size=3).map(lambda ms: emit(ms, 0, False).lstrip("\n")),
        st.text(max_size=40),
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(site=data_file(SITE_KEYS), screens=data_file(SCREEN_KEYS), issue=data_file(ISSUE_KEYS))
def test_random_data_files_never_break_check(site: str, screens: str, issue: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        (root / "_data" / "issues").mkdir(parents=True)
        (root / "news").mkdir()
        files = {"content/_data/site.yml": site, "content/_data/screens.yml": screens,
                 "content/_data/issues/12.yml": issue}
        for rel, text in files.items():
            (Path(tmp) / rel).write_bytes(text.encode("utf-8", errors="surrogatepass"))
        (root / "news" / "x.kk.md").write_text(
            "---\ntitle: Т\ndate: 2026-11-20\nsection: news\nissue: 12\n"
            "signage:\n  screens: [canteen]\n---\n", "utf-8")
        _, diagnostics, _ = check(root)
    for d in diagnostics:
        assert d.severity in ("error", "warning") and d.code and d.message, d
        if d.path in files:
            limit = line_count(files[d.path].encode("utf-8", errors="surrogatepass"))
            assert 1 <= d.line <= limit, (d, files[d.path][:200])
