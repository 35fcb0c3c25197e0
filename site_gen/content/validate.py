"""Front matter → :class:`Version`: every field of the v1 schema, validated.

The schema lives here (and in ``docs/editors.md`` for editors). Unknown keys get a
"did you mean"; each wrong value gets its own diagnostic with the value's line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from .diagnostics import did_you_mean
from .fields import DOCUMENT_TYPES, IMAGE_TYPES, VIDEO_TYPES, Fields
from .model import (
    ALL_SECTIONS,
    CONTENT_KINDS,
    DECISIONS,
    KINDS,
    PLAN_STATUSES,
    PRIORITIES,
    STATUSES,
    WEEKDAYS,
    Event,
    Lang,
    PlanRow,
    Signage,
    Version,
)
from .review import read_checklist

ITEM_KEYS = (
    "kind", "title", "date", "section", "content_kind", "issue", "lead", "author", "summary",
    "image", "image_alt", "image_caption",
    "tags", "status", "approved_by", "approved_at", "decision",
    "publish_at", "expires", "personal_data", "letter", "signage", "checklist",
    "published_before_approval",
)
EVENT_KEYS = (
    "starts", "ends", "place", "audience", "questions_until", "announce_from", "report",
    "action_plan", "questions_deadline_reason", "minutes_signed", "action_plan_approved",
    "poster_printed", "no_newspaper_issue", "meeting",
)
SIGNAGE_KEYS = (
    "screens", "from", "until", "days", "hours", "duration", "priority", "text", "image", "video",
)
PLAN_KEYS = ("task", "responsible", "due", "status")
QUESTIONS_DAYS = 14  # clause 5.1.1: questions are collected from two weeks before
TITLE_MAX = 150
SUMMARY_MAX = 300
SCREEN_TEXT_MAX = 280
DURATION_RANGE = (3, 120)


@dataclass(frozen=True, slots=True)
class Known:
    """What the data files define, for checking references from items."""

    screens: frozenset[str]
    issues: frozenset[int]


def build_version(f: Fields, lang: Lang, path: str, source: Path, body: str,
                  body_line: int, known: Known) -> Version | None:
    """Validate one file's front matter. ``None`` when it has errors (all reported)."""
    kind = f.choice(("kind",), KINDS, "article")
    allowed = ITEM_KEYS + (EVENT_KEYS if kind == "event" else ())
    f.unknown_keys((), allowed)
    if kind != "event":
        for key in EVENT_KEYS:
            if f.has((key,)):
                f.report((key,), "event-only", f"'{key}' is only for events",
                         "add 'kind: event' or remove the field", at_key=True)
    title = f.text(("title",), required=True, max_len=TITLE_MAX)
    day = f.date(("date",), required=True)
    section = f.choice(("section",), ALL_SECTIONS, None)
    if not f.has(("section",)):
        f.report((), "missing-field", "'section' is missing",
                 "add a line 'section: news' (or another section, or 'page')")
    content_kind = f.choice(("content_kind",), CONTENT_KINDS, "information")
    issue = f.integer(("issue",), 1, 100_000)
    if issue is not None and issue not in known.issues:
        listed = ", ".join(str(n) for n in sorted(known.issues)) or "none yet"
        f.report(("issue",), "unknown-issue", f"newspaper issue {issue} has no file "
                 f"content/_data/issues/{issue}.yml", f"create it, or use a known issue "
                 f"({listed})")
    status = f.choice(("status",), STATUSES, "draft")
    decision = f.choice(("decision",), DECISIONS, None)
    image = f.media(("image",), IMAGE_TYPES, "image")
    image_alt = f.text(("image_alt",), max_len=300)
    # Printed under the picture on the item's page (the alt text describes it for readers
    # who cannot see it; the caption says what it shows, as a newspaper does).
    image_caption = f.text(("image_caption",), max_len=300)
    if image is not None and not image_alt:
        f.report(("image",), "missing-alt", "the image has no 'image_alt' text",
                 "describe the picture for readers who cannot see it", severity="warning")
    publish_at = f.datetime(("publish_at",))
    expires = f.datetime(("expires",), end_of_day=True)
    if publish_at and expires and expires <= publish_at:
        f.report(("expires",), "expires-before-publish", "'expires' is not after 'publish_at'",
                 "move the expiry later or the publish date earlier")
    consent = False
    if f.has(("personal_data",)):
        consent = f.choice(("personal_data",), ("consent",), None) == "consent"
    if status == "approved" and decision in ("rework", "reject"):
        f.report(("decision",), "decision-blocks", f"status is approved but the decision is "
                 f"'{decision}', so it is not published", "set 'decision: publish' or change "
                 "the status", severity="warning")
    event = _event(f) if kind == "event" else None
    signage = _signage(f, known) if f.has(("signage",)) else None
    # Every field is read (and reported) before deciding, so an error in any of them
    # keeps the file out, as the docstring says.
    lead = f.boolean(("lead",))
    author = f.text(("author",))
    summary = f.text(("summary",), max_len=SUMMARY_MAX)
    tags = f.text_list(("tags",))
    approved_by = f.text(("approved_by",))
    approved_at = f.datetime(("approved_at",))
    letter = f.text(("letter",))
    early = f.text(("published_before_approval",), max_len=300)
    answers = read_checklist(f)
    if f.errors or title == "" or day is None or section is None or kind is None:
        return None
    assert content_kind is not None and status is not None
    return Version(
        lang=lang,
        path=path,
        source=source,
        title=title,
        date=day,
        section=section,
        kind=kind,
        content_kind=content_kind,
        issue=issue,
        lead=lead,
        author=author,
        summary=summary,
        image=image,
        image_alt=image_alt,
        tags=tags,
        status=status,
        approved_by=approved_by,
        approved_at=approved_at,
        decision=decision,
        publish_at=publish_at,
        expires=expires,
        personal_data_consent=consent,
        letter=letter,
        event=event,
        signage=signage,
        body=body,
        body_line=body_line,
        lines={k: f.line_of((k,), at_key=True)[0] for k in ITEM_KEYS + EVENT_KEYS if f.has((k,))},
        checklist=answers,
        published_before_approval=early,
        image_caption=image_caption,
    )


def _event(f: Fields) -> Event | None:
    starts = f.datetime(("starts",), required=True)
    ends = f.datetime(("ends",))
    if starts and ends and ends <= starts:
        f.report(("ends",), "ends-before-starts", "'ends' is not after 'starts'",
                 "check the two times")
    place = f.text(("place",), required=True)
    questions_until = f.date(("questions_until",))
    if starts and questions_until and questions_until > starts.date():
        f.report(("questions_until",), "questions-after-event",
                 "'questions_until' is after the event starts",
                 "questions are collected before the meeting; pick an earlier day")
    reason = f.text(("questions_deadline_reason",))
    if (starts and questions_until and not reason
            and 0 <= (starts.date() - questions_until).days < QUESTIONS_DAYS):
        days = (starts.date() - questions_until).days
        f.report(("questions_until",), "questions-deadline-too-close",
                 f"questions close {days} days before the meeting; the regulation collects "
                 f"them from at least {QUESTIONS_DAYS} days before",
                 f"move 'questions_until' to {starts.date() - timedelta(days=QUESTIONS_DAYS)} "
                 "or earlier, or explain why in 'questions_deadline_reason: \"...\"'")
    minutes_signed = _after_meeting(f, "minutes_signed", starts)
    plan_approved = _after_meeting(f, "action_plan_approved", starts)
    announce_from = f.integer(("announce_from",), 0, 365, " days")
    report = f.media(("report",), DOCUMENT_TYPES, "report")
    rows = _action_plan(f)
    if starts is None:
        return None
    return Event(
        starts=starts,
        ends=ends,
        place=place,
        audience=f.text(("audience",)),
        questions_until=questions_until or (starts.date() - timedelta(days=14)),
        announce_from=14 if announce_from is None else announce_from,
        report=report,
        action_plan=rows,
        questions_deadline_reason=reason,
        minutes_signed=minutes_signed,
        action_plan_approved=plan_approved,
        poster_printed=f.date(("poster_printed",)),
        no_newspaper_issue=f.text(("no_newspaper_issue",)),
        report_meeting=f.choice(("meeting",), ("report", "other"), "report") != "other",
    )


def _after_meeting(f: Fields, key: str, starts: datetime | None) -> date | None:
    """A day the head signed or approved something that comes out of the meeting."""
    day = f.date((key,))
    if day is not None and starts is not None and day < starts.date():
        f.report((key,), "before-meeting", f"'{key}' ({day.isoformat()}) is before the "
                 f"meeting ({starts.date().isoformat()})",
                 "write the day the head signed it, on or after the meeting")
    return day


def _action_plan(f: Fields) -> tuple[PlanRow, ...]:
    value = f.get(("action_plan",))
    if value is None:
        return ()
    if not isinstance(value, list):
        f.report(("action_plan",), "wrong-type", "'action_plan' must be a list of rows",
                 "write each row as '- task: ...' with responsible, due and status")
        return ()
    rows: list[PlanRow] = []
    for i, row in enumerate(value):
        key = ("action_plan", i)
        if not isinstance(row, dict):
            f.report(key, "wrong-type", f"action plan row {i + 1} must have fields",
                     "write task, responsible, due and status")
            continue
        f.unknown_keys(key, PLAN_KEYS, f"action plan row {i + 1}")
        task = f.text((*key, "task"), required=True)
        who = f.text((*key, "responsible"), required=True)
        due = f.date((*key, "due"), required=True)
        status = f.choice((*key, "status"), PLAN_STATUSES, "planned")
        if task and who and due and status:
            rows.append(PlanRow(task, who, due, status))
    return tuple(rows)


def _signage(f: Fields, known: Known) -> Signage | None:
    block = f.get(("signage",))
    if not isinstance(block, dict):
        f.report(("signage",), "wrong-type", "'signage' must be a group of fields",
                 "indent 'screens:', 'from:' … under 'signage:'")
        return None
    s = ("signage",)
    f.unknown_keys(s, SIGNAGE_KEYS, "signage")
    screens = f.text_list((*s, "screens"))
    if screens in (("all",), ()):
        screens = ()
    for i, sid in enumerate(screens):
        if sid not in known.screens:
            listed = ", ".join(sorted(known.screens)) or "none"
            close = did_you_mean(sid, known.screens) if known.screens else ""
            key = (*s, "screens", i) if isinstance(f.get((*s, "screens")), list) else (
                *s, "screens")
            f.report(key, "unknown-screen", f"screen '{sid}' is not in "
                     "content/_data/screens.yml",
                     f"{close + ' ' if close.startswith('did') else ''}known: {listed}")
    start = f.date((*s, "from"))
    until = f.date((*s, "until"))
    if start and until and until < start:
        f.report((*s, "until"), "until-before-from",
                 f"'until' ({until.isoformat()}) is before 'from' ({start.isoformat()})",
                 "swap the dates or correct one of them")
    days: list[int] = []
    for i, name in enumerate(f.text_list((*s, "days"))):
        low = name.lower()
        if low in WEEKDAYS:
            days.append(WEEKDAYS.index(low))
        else:
            key = (*s, "days", i) if isinstance(f.get((*s, "days")), list) else (*s, "days")
            f.report(key, "unknown-day", f"unknown weekday '{name}'",
                     did_you_mean(low, WEEKDAYS))
    duration = f.integer((*s, "duration"), *DURATION_RANGE, " s")
    priority = f.choice((*s, "priority"), PRIORITIES, "normal")
    text = f.text((*s, "text"), max_len=SCREEN_TEXT_MAX)
    image = f.media((*s, "image"), {".png", ".jpg", ".jpeg"}, "image")
    video = f.media((*s, "video"), VIDEO_TYPES, "video")
    hours = f.hours((*s, "hours"))
    return Signage(
        screens=screens,
        start=start,
        until=until,
        days=tuple(sorted(set(days))),
        hours=hours,
        duration=duration,
        priority=priority or "normal",
        text=text,
        image=image,
        video=video,
        line=f.line_of(s, at_key=True)[0],
    )
