"""A report meeting's page and the letters: how many questions came in, where the answers are.

Where it sits: ``site_gen.newspaper.itempage`` draws a meeting's facts
(``themes/partials/jarshy-newspaper/event-facts.html``); for the questions part it calls
:func:`questions_facts` here, so the letters' side stays with the letters.

The count is live, not written at build time: the page's script
(``jarshy-meeting-questions.js``) asks the letters service
(``GET <letters_endpoint>/questions/<meeting id>``, a number and nothing else). The build
never opens the letters database (it is personal data, readable by the service's user
only), and the count moves between builds. Without a letters endpoint, nothing is shown.

After the meeting, the answers are where the report is: the meeting's own ``report:`` file,
else the published item that reports on the same meeting (an ``event`` item with the same
``starts``, such as the results page with the action plan), else a note that they come with
the report.
"""

from __future__ import annotations

from ..content.model import Event, Item
from ..stage.extensions import StageContext
from .page import QUESTIONS_SCRIPT
from .strings import t


def _report_item(ctx: StageContext, item: Item, event: Event) -> Item | None:
    """A later published item about the same meeting (its results page), if any."""
    for other, _version in ctx.published():
        if other.key != item.key and other.event is not None \
                and other.event.starts == event.starts and other.date > item.date:
            return other
    return None


def questions_facts(ctx: StageContext, item: Item, event: Event, path: str,
                    report_href: str, past: bool) -> dict[str, str] | None:
    """What the meeting's facts show about questions from letters (None: no letters service)."""
    endpoint = ctx.content.settings.letters_endpoint.strip().rstrip("/")
    if not endpoint:
        return None
    answers_href = report_href
    if past and not answers_href:
        found = _report_item(ctx, item, event)
        answers_href = ctx.href(found, path) if found is not None else ""
    return {
        "url": f"{endpoint}/questions/{item.stem}",
        "count_text": t(ctx.lang, "questions_count"),  # {count} filled in by the script
        "script": ctx.href(QUESTIONS_SCRIPT, path),
        "answers_href": answers_href if past else "",
        "answers_text": t(ctx.lang, "questions_answers"),
    }
