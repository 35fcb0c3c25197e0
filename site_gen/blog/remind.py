"""The weekly e-mail to the blog's office: letters overdue and letters due this week.

Where it sits: ``site-gen letters remind [--send]`` (site_gen/commands/letters.py) builds
the office's :class:`~site_gen.blog.office.Row` list and calls :func:`reminder` for the
message, then hands it to the digest's SMTP code (``site_gen.mail.send``);
deploy/systemd/jarshy-letters-remind.timer runs it every Monday morning.

The message leaves the letters machine, so it carries what the office needs to act and
nothing a writer told in confidence: the number, the day of receipt, both deadlines and
where each stands, the department. Names, contacts and texts stay in the database
(``site-gen letters list`` shows them to the office).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from .office import Row

WORDS: dict[str, dict[str, str]] = {
    "kk": {
        "subject": "Блог хаттары: мерзімі өткені {overdue}, осы аптада {soon}",
        "intro": "{date} жағдайы бойынша бірінші басшының блогына келген хаттар.",
        "overdue": "Мерзімі өткен хаттар",
        "soon": "Алдағы 7 күнде мерзімі келетін хаттар",
        "none": "Жоқ.",
        "first": "алғашқы жауап",
        "full": "ресми жауап",
        "received": "түсті",
        "late": "МЕРЗІМІ ӨТТІ",
        "due-today": "бүгін",
        "open": "мерзімі",
        "done": "берілді",
    },
    "ru": {
        "subject": "Письма блога: просрочено {overdue}, на этой неделе {soon}",
        "intro": "Письма в блог первого руководителя по состоянию на {date}.",
        "overdue": "Просроченные письма",
        "soon": "Срок истекает в ближайшие 7 дней",
        "none": "Нет.",
        "first": "первый ответ",
        "full": "официальный ответ",
        "received": "поступило",
        "late": "ПРОСРОЧЕНО",
        "due-today": "сегодня",
        "open": "срок",
        "done": "дан",
    },
}
SOON_DAYS = 7


def _open(state: str) -> bool:
    return state in ("overdue", "due-today", "open")


def overdue_and_soon(rows: list[Row], today: date) -> tuple[list[Row], list[Row]]:
    """Letters past a deadline; letters not past one but with a deadline in 7 days."""
    horizon = today + timedelta(days=SOON_DAYS)
    late = [r for r in rows if r.overdue]
    soon = [r for r in rows if not r.overdue and (
        (_open(r.state) and r.letter.reply_by <= horizon)
        or (_open(r.answer_state) and r.answer_by is not None and r.answer_by <= horizon))]
    return late, soon


def _deadline(lang: str, what: str, state: str, day: date | None) -> str:
    w = WORDS[lang]
    shown = f"{day:%d.%m.%Y}" if day else "—"
    if state in ("answered", "replied", "forwarded"):
        return f"{w[what]}: {w['done']}"
    mark = w["late"] if state == "overdue" else w[state]
    return f"{w[what]}: {mark} {shown}"


def _line(row: Row, lang: str) -> str:
    x = row.letter
    department = " ".join(x.department.split())[:80]
    return (f"  № {x.number} ({WORDS[lang]['received']} {x.received:%d.%m.%Y}), "
            f"{department}; {_deadline(lang, 'first', row.state, x.reply_by)}; "
            f"{_deadline(lang, 'full', row.answer_state, row.answer_by)}")


def reminder_text(rows: list[Row], today: date) -> str:
    late, soon = overdue_and_soon(rows, today)
    parts: list[str] = []
    for lang in ("kk", "ru"):
        w = WORDS[lang]
        parts.append(w["intro"].format(date=f"{today:%d.%m.%Y}"))
        for title, found in ((w["overdue"], late), (w["soon"], soon)):
            parts.append("")
            parts.append(f"{title} ({len(found)}):")
            parts.extend([_line(r, lang) for r in found] or [f"  {w['none']}"])
        parts.append("")
        parts.append("—" * 20)
        parts.append("")
    return "\n".join(parts[:-3]) + "\n"


def reminder(rows: list[Row], today: date, *, sender: str, recipients: list[str],
             sent_at: datetime, host: str) -> EmailMessage:
    """The weekly message, Kazakh first, then Russian, as plain text."""
    late, soon = overdue_and_soon(rows, today)
    msg = EmailMessage()
    msg["Subject"] = " / ".join(WORDS[lang]["subject"].format(overdue=len(late), soon=len(soon))
                                for lang in ("kk", "ru"))
    msg["From"] = sender
    msg["To"] = ", ".join(recipients)
    msg["Date"] = format_datetime(sent_at)
    msg["Message-ID"] = make_msgid("letters", domain=host)
    msg["Content-Language"] = "kk, ru"
    msg.set_content(reminder_text(rows, today), cte="base64")
    return msg
