"""The corporate newspaper and the portal's channels (issue 4, site pages half).

Flow: ``site_gen.content`` → :mod:`.model` (issues, sections, lead, archive, reading
time) → :mod:`.pages` (Markdown pages and home blocks handed to the staging through
:mod:`.extension`) and :mod:`.feeds` (Atom/RSS per language); :mod:`.events` renders the
report meeting facts and its action plan. ``site-gen print`` (site_gen/commands/print.py)
prints an issue page to PDF with headless Chromium.
"""

from .model import Article, IssueView, Newspaper, count_words, reading_minutes

__all__ = ["Article", "IssueView", "Newspaper", "count_words", "reading_minutes"]
