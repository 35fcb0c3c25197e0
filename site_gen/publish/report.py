"""What the publish service tells editors: the items a build left out or held back.

Where it sits: after each build of ``site_gen.publish.service``. The problems go to the
publish log (the service's journal) on every build, and, by e-mail, to the addresses in
``publish_report_to`` of ``content/_data/site.yml``, through the digest's SMTP settings
(``site_gen.mail.send``): once per distinct set of problems, not on every build. The mail
is in Kazakh, then Russian, with each problem at its file and line (``site_gen.editorial.
checkmsgs``).
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from ..content import Diagnostic, LeftOut
from ..editorial.checkmsgs import format_diagnostic
from ..editorial.i18n import Messages
from ..mail import SmtpSettings, send, send_problem

log = logging.getLogger(__name__)

Fingerprint = frozenset[tuple[str, int, int, str, str]]

SUBJECT = ("Жариялау: кейбір материалдар қатеге байланысты шықпады / "
           "Публикация: некоторые материалы не вышли из-за ошибок")
WORDS = {
    "kk": {"built": "Сайт {time} жаңартылды (коммит {commit}). Төмендегі материалдарда қате "
                    "бар; қалғандарының бәрі жарияланды. Қатені түзетіп, өзгерісті қайта "
                    "жіберіңіз (push): сайт бірнеше секундта жаңарады.",
           "refused": "Сайт {time} жаңартылмады (коммит {commit}): content/_data/ ішіндегі "
                      "қате бүкіл сайтқа қатысты. Алдыңғы сайт орнында қалды.",
           "left_out": "Жарияланбады:", "held_back": "Соңғы дұрыс нұсқасы көрсетілуде:",
           "general": "Бүкіл сайтқа қатысты қателер:"},
    "ru": {"built": "Сайт обновлён {time} (коммит {commit}). В материалах ниже есть ошибки; "
                    "всё остальное опубликовано. Исправьте ошибку и снова отправьте изменения "
                    "(push): сайт обновится за несколько секунд.",
           "refused": "Сайт не обновлён {time} (коммит {commit}): ошибка в content/_data/ "
                      "касается всего сайта. Прежний сайт остаётся на месте.",
           "left_out": "Не опубликовано:", "held_back": "Показывается последняя исправная "
                                                        "версия:",
           "general": "Ошибки, касающиеся всего сайта:"},
}


@dataclass(frozen=True)
class Problems:
    """One build's problems: items left out, items held back as their last good copy, and
    errors that refused the whole build (``general``)."""

    left_out: Sequence[LeftOut] = ()
    held_back: Sequence[LeftOut] = ()
    general: Sequence[Diagnostic] = ()

    def diagnostics(self) -> list[Diagnostic]:
        out = [d for e in (*self.left_out, *self.held_back) for d in e.errors]
        return out + list(self.general)

    def fingerprint(self) -> Fingerprint:
        return frozenset((d.path, d.line, d.col, d.code, d.message)
                         for d in self.diagnostics())

    def log_lines(self) -> list[str]:
        lines = []
        for what, entries in (("left out", self.left_out), ("held back", self.held_back)):
            for e in entries:
                lines.append(f"{what}: {e.key}")
                lines += [f"  {d.format()}" for d in e.errors]
        if self.general:
            lines.append("build refused (the last site stays online):")
            lines += [f"  {d.format()}" for d in self.general if d.severity == "error"]
        return lines


def message(problems: Problems, *, commit: str, at: datetime, sender: str,
            recipients: Sequence[str]) -> EmailMessage:
    """The report as a plain-text e-mail, Kazakh first."""
    parts: list[str] = []
    for lang in ("kk", "ru"):
        words, tr = WORDS[lang], Messages(lang)
        intro = "refused" if problems.general else "built"
        parts += [words[intro].format(time=f"{at:%d.%m.%Y %H:%M}", commit=commit[:10]), ""]
        for key, entries in (("left_out", problems.left_out),
                             ("held_back", problems.held_back)):
            if entries:
                parts.append(words[key])
            for e in entries:
                parts.append(f"* {e.key}")
                parts += [f"  {format_diagnostic(d, tr)}" for d in e.errors]
            if entries:
                parts.append("")
        errors = [d for d in problems.general if d.severity == "error"]
        if errors:
            parts.append(words["general"])
            parts += [f"  {format_diagnostic(d, tr)}" for d in errors]
            parts.append("")
        parts += ["-" * 60, ""]
    msg = EmailMessage()
    msg["Subject"] = SUBJECT
    msg["From"] = sender
    msg["To"] = ", ".join(recipients)
    msg["Date"] = format_datetime(at)
    msg["Message-ID"] = make_msgid("publish")
    msg["Content-Language"] = "kk, ru"
    msg.set_content("\n".join(parts[:-2]) + "\n", cte="base64")
    return msg


@dataclass
class Reporter:
    """Logs every build's problems and mails each distinct set once."""

    smtp: SmtpSettings | None  # None: the report goes to the log only
    sender: str
    mailed: Fingerprint = field(default_factory=frozenset)

    def report(self, problems: Problems, recipients: Sequence[str], *, commit: str,
               at: datetime) -> bool:
        """Log ``problems``; mail them when they differ from the set last mailed. True when
        a mail was sent."""
        for line in problems.log_lines():
            log.warning("%s", line)
        now = problems.fingerprint()
        if not now:
            self.mailed = frozenset()  # all fixed: the same problem again is news again
            return False
        if now == self.mailed:
            return False
        if self.smtp is None or not recipients:
            log.warning("the report is not mailed: %s", "no SMTP host ($JARSHY_SMTP_HOST)"
                        if self.smtp is None else "no publish_report_to in site.yml")
            return False
        msg = message(problems, commit=commit, at=at, sender=self.sender,
                      recipients=recipients)
        try:
            send(msg, self.smtp, self.sender, list(recipients))
        except (smtplib.SMTPException, OSError) as problem:
            log.error("the report to %s: %s; trying again after the next build",
                      ", ".join(recipients), send_problem(self.smtp, problem))
            return False
        self.mailed = now
        log.info("report mailed to %s", ", ".join(recipients))
        return True
