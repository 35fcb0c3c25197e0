"""Staging without a browser: the raw-HTML allow-list, extension API, config, refusals."""

from __future__ import annotations

import logging
import posixpath
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_gen.build import BuildRefused, build
from site_gen.content.htmlcheck import html_problems
from site_gen.content.markup import safe_html
from site_gen.stage import config as stage_config
from site_gen.stage.extensions import Registry, load_extensions, page_url, relative_url

REPO = Path(__file__).resolve().parents[2]
MATERIAL_RU = next((REPO / ".venv/lib").glob(
    "python3*/site-packages/material/templates/partials/languages/ru.html"))


@pytest.mark.parametrize(("raw", "kept", "gone"), [
    ("a <script>alert(1)</script> b", "a  b", "alert"),
    ("<b onclick=\"x()\">bold</b>", "<b>bold</b>", "onclick"),
    ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>", "javascript"),
    ("<a href=\" JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>", "alert"),
    ("<img src=\"http://cdn.example.com/x.png\" alt=\"x\">", "<img alt=\"x\">", "cdn"),
    ("<img src=\"//cdn.example.com/x.png\">", "<img>", "cdn"),
    ("<iframe src=\"/x\">inside</iframe>after", "after", "inside"),
    ("<style>body{}</style>text", "text", "body{}"),
    ("<a href=\"https://example.kz/\">ok</a>", "<a href=\"https://example.kz/\">ok</a>", "\0"),
    ("<img src=\"../images/a.png\" alt=\"ә\">", "<img src=\"../images/a.png\" alt=\"ә\">", "\0"),
    ("`<script>shown</script>`", "&lt;script&gt;shown&lt;/script&gt;", "<script"),
])
def test_raw_html_allow_list(raw: str, kept: str, gone: str) -> None:
    html = safe_html(raw, ["md_in_html", "tables"])
    assert kept in html
    assert gone not in html
    problems = html_problems(raw, "content/news/x.kk.md", 7)
    assert bool(problems) == (gone not in ("\0", "<script"))


def test_raw_html_problems_name_file_and_line() -> None:
    body = "first line\n\n    <script>in code</script>\n\n<script>x</script>\n"
    assert "&lt;script&gt;in code" in safe_html(body, [])  # indented code is text
    [problem] = html_problems(body, "content/news/x.kk.md", 10)
    assert (problem.path, problem.line, problem.code) == ("content/news/x.kk.md", 14,
                                                          "raw-html")
    assert "<script>" in problem.message


def test_markdown_link_problems_name_their_own_line() -> None:
    body = "one\n\ntwo\n\n[бет](javascript:alert(1)) and ![сурет](http://cdn.example.com/a.png)\n"
    [problem] = html_problems(body, "content/news/x.kk.md", 10)
    assert (problem.line, problem.code) == (14, "raw-html")
    assert "(and 1 more in the same block)" in problem.message
    html = safe_html(body, [])
    assert "javascript" not in html and "cdn.example.com" not in html


def test_a_missing_extension_is_skipped_with_a_warning(caplog: pytest.LogCaptureFixture
                                                        ) -> None:
    with caplog.at_level(logging.WARNING, logger="site_gen.stage.extensions"):
        registry = load_extensions(("site_gen.no_such_channel.stage",))
    assert registry.skipped == ["site_gen.no_such_channel.stage"]
    assert "no_such_channel" in caplog.text


def test_home_blocks_are_sorted_by_order() -> None:
    registry = Registry()
    registry.add_home_block("late", 50, lambda ctx: "b")
    registry.add_home_block("early", 20, lambda ctx: "a")
    assert [b.name for b in registry.sorted_home_blocks()] == ["early", "late"]


@pytest.mark.parametrize(("target", "base", "expected"), [
    ("news/x/", "", "news/x/"),
    ("", "news/x/", "../../"),
    ("ru/news/x/", "kk/news/x/", "../../../ru/news/x/"),
    ("news/", "news/", "./"),
])
def test_relative_urls(target: str, base: str, expected: str) -> None:
    assert relative_url(target, base) == expected


def test_page_urls() -> None:
    assert [page_url(p) for p in ("index.md", "news/index.md", "news/ә.md")] == \
        ["", "news/", "news/ә/"]


def test_kazakh_partial_has_every_key_of_materials_russian_one() -> None:
    key = re.compile(r'^\s*"([\w.]+)":', re.MULTILINE)
    ru = set(key.findall(MATERIAL_RU.read_text(encoding="utf-8")))
    kk_text = (REPO / "themes/partials/languages/kk.html").read_text(encoding="utf-8")
    assert set(key.findall(kk_text)) == ru
    assert '"language": "kk"' in kk_text


def test_plugins_that_download_are_refused() -> None:
    base = stage_config.read_base(REPO / "mkdocs.yml")
    base["plugins"] = ["search", "privacy"]
    with pytest.raises(stage_config.ConfigProblem, match="privacy"):
        stage_config._plugins(base["plugins"], "kk")


def test_a_missing_font_names_the_package(tmp_path: Path) -> None:
    base = {"extra": {"jarshy": {"font": {"package": "fonts-noto-core",
                                          "files": {"regular": str(tmp_path / "no.ttf")}}}}}
    with pytest.raises(stage_config.ConfigProblem, match="apt-get install fonts-noto-core"):
        stage_config.font_files(base)


def test_a_strict_build_is_refused_when_check_finds_errors(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content/_data", content / "_data")
    (content / "news").mkdir()
    (content / "news/2026-11-20-bad.kk.md").write_text(
        "---\ntitle: Қате\ndate: 31.02.2026\nsection: news\nstatus: approved\n---\n\nМәтін\n",
        encoding="utf-8")
    out = tmp_path / "site"
    with pytest.raises(BuildRefused) as refused:
        build(content, out, date="2026-11-23", repo=REPO, build_dir=tmp_path / "build",
              strict=True)
    assert any(d.code and d.line == 3 for d in refused.value.diagnostics)
    assert not out.exists()


SYNTAX = {  # each optional extension's syntax, as an editor writes it, and what it renders
    "abbr": ("ЖЭС жұмыс істейді.\n\n*[ЖЭС]: жылу электр станциясы\n",
             '<abbr title="жылу электр станциясы">ЖЭС</abbr>'),
    "admonition": ("!!! note \"Назар аударыңыз\"\n    Жиналыс 10:00-де.\n",
                   'class="admonition note"'),
    "attr_list": ("## Кестелер { #kesteler }\n\nМәтін.\n", 'id="kesteler"'),
    "def_list": ("ЖЭС\n:   жылу электр станциясы\n", "<dd>жылу электр станциясы</dd>"),
    "footnotes": ("Жоспар орындалды[^1].\n\n[^1]: Есеп бойынша.\n", 'class="footnote"'),
    "md_in_html": ("<div class=\"qosymsha\" markdown>\n**Маңызды** мәтін\n</div>\n",
                   "<strong>Маңызды</strong>"),
    "site_gen.charts": ("```chart\ntype: bar\ntitle: Жылу\ndata: |\n  Ай;2026\n  Қазан;12\n```\n",
                        '<figure class="jarshy-chart"'),
}


# An approval that meets the example's people.yml (docs/editors.md, "Approval and roles").
APPROVED = ('status: approved\napproved_by: "А. Сейітова"\napproved_at: "2026-11-21 10:00"\n'
            "decision: publish\nchecklist: {legal: ok, ethics: ok, editorial: ok, "
            'visuals: not-applicable, consequences: ok, reaction: "Ә. Қасымова"}\n')


def test_unused_extensions_are_left_out_and_used_ones_render(tmp_path: Path) -> None:
    """An optional Markdown extension is in a language's config only when its pages use
    it (site_gen/stage/syntax.py); a page that uses one renders it."""
    from site_gen.stage import syntax

    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    news = content / "news"
    for name, (body, _html) in SYNTAX.items():
        assert syntax.unused(["---\ntitle: x\n---\n\nМәтін.\n" + body]) == \
            set(syntax.OPTIONAL) - {name}, name
        (news / f"2026-11-21-{name.replace('_', '-').replace('.', '-')}.kk.md").write_text(
            f"---\ntitle: Синтаксис {name}\ndate: 2026-11-21\nsection: news\n"
            f"{APPROVED}---\n\n{body}", encoding="utf-8")
    assert syntax.unused(["---\n{\"a\": {\"b\": 1}}\n---\n\nМәтін.\n"]) == set(syntax.OPTIONAL)
    out = tmp_path / "site"
    build(content, out, date="2026-11-23", repo=REPO, build_dir=tmp_path / "build")
    kk = (tmp_path / "build/kk/mkdocs.yml").read_text(encoding="utf-8")
    ru = (tmp_path / "build/ru/mkdocs.yml").read_text(encoding="utf-8")
    for name, (_body, html) in SYNTAX.items():
        assert f"\n- {name}\n" in kk, name
        page = out / f"kk/news/2026-11-21-{name.replace('_', '-').replace('.', '-')}/index.html"
        assert html in page.read_text(encoding="utf-8"), name
        if name != "site_gen.charts":  # the example content has charts in Russian too
            assert f"\n- {name}\n" not in ru, name  # no Russian page uses it


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["kk", "ru", "news", "a", "", "x.png", "қазақ", ".", ".."]),
                max_size=5),
       st.lists(st.sampled_from(["kk", "ru", "news", "a", "", "қазақ", ".", ".."]), max_size=5))
def test_relative_urls_match_posixpath(target: list[str], base: list[str]) -> None:
    """The staging's quick relative path gives what ``posixpath.relpath`` gives."""
    from site_gen.stage.extensions import _relpath

    to, here = "/".join(target), "/".join(base)
    assert _relpath(to, here) == posixpath.relpath("/" + to, "/" + here)


def test_a_second_build_replaces_the_site_and_leaves_no_old_copy(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    out = tmp_path / "site"
    build(content, out, date="2026-11-23", repo=REPO, build_dir=tmp_path / "build")
    (out / "kk" / "stale.html").write_text("from the first build", encoding="utf-8")
    build(content, out, date="2026-11-24", repo=REPO, build_dir=tmp_path / "build")
    assert not (out / "kk" / "stale.html").exists()
    assert (out / "kk/index.html").exists() and (out / "ru/index.html").exists()
    # Beside the site only its last good copies (site_gen.lastgood) and the render caches
    # (site_gen.incremental): no old site, no temp folder.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.last-good", "build", "content",
                                                          "site"]
    assert sorted(p.name for p in (tmp_path / ".site.last-good").iterdir()) == [
        "content", "incremental"]


def test_a_parallel_build_hashes_each_media_file_once(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundle is made before the language workers are forked; they reuse it."""
    from site_gen.bundle import writer

    log = tmp_path / "hashed.txt"
    real = writer.sha256_file

    def counting(path: Path) -> str:  # runs in the forked workers too: the log is shared
        with log.open("a", encoding="utf-8") as fh:
            fh.write(f"{path}\n")
        return real(path)

    monkeypatch.setattr(writer, "sha256_file", counting)
    monkeypatch.setattr(writer, "_last", None)
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    build(content, tmp_path / "site", date="2026-11-23", repo=REPO,
          build_dir=tmp_path / "build")
    hashed = log.read_text(encoding="utf-8").splitlines()
    assert hashed and len(hashed) == len(set(hashed))
