"""Hostile Markdown found by hypothesis (``markdown_strategies.py``), built into a small
site with the seven known constructions and opened in Chromium under the shipped policy:
no dialog fires, no policy violation is reported, no link keeps a script address. Bounded:
a few examples of a dozen bodies each. And, without a browser and over many more bodies:
``check`` reports a body exactly when the build's sanitizer changes it."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.hostile_markdown import (
    SEVEN,
    build_site,
    serve_with_policy,
    visit,
)
from tests.security.markdown_strategies import body

BODIES_PER_SITE = 12


@pytest.mark.browser
@pytest.mark.slow
def test_generated_markdown_runs_nothing_in_chromium(
        chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    @settings(max_examples=3, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.lists(body(), min_size=BODIES_PER_SITE, max_size=BODIES_PER_SITE))
    def run(bodies: list[str]) -> None:
        named = {f"fuzz-{i}": b for i, b in enumerate(bodies)} | SEVEN
        site = build_site(tmp_path_factory.mktemp("fuzz"), named)
        paths = [f"/{lang}/news/2026-11-20-{name}/" for name in named for lang in ("kk", "ru")
                 if (site / lang / "news" / f"2026-11-20-{name}" / "index.html").exists()]
        # every body is published (none is too deep or refused): the test saw them all
        assert len(paths) == 2 * len(named), sorted(named)
        with serve_with_policy(site) as base:
            found = visit(chromium, base, paths)
        assert found["dialogs"] == [], bodies
        assert found["violations"] == [], bodies
        assert found["script_links"] == [], bodies
        assert found["outside"] == [], bodies

    run()


@settings(max_examples=150, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(body())
def test_check_reports_a_body_exactly_when_the_build_changes_it(text: str) -> None:
    from markdown import Markdown  # type: ignore[import-untyped]

    from site_gen.content.htmlcheck import check_extensions, html_problems, removed
    from site_gen.content.markup import SafeHtmlExtension

    plain = Markdown(extensions=check_extensions()).convert(text)
    built = Markdown(extensions=[*check_extensions(), SafeHtmlExtension()]).convert(text)
    reported = html_problems(text, "content/news/x.kk.md", 1)
    changed = bool(removed(plain, built))  # a tag or attribute gone (HTML repairs add)
    assert bool(reported) == changed, (text, plain, built, reported)
