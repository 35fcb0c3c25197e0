"""The silence watch: a screen with no heartbeat for N minutes is mailed once, and again
when it comes back.

Where it sits: ``site-gen fleet serve`` runs :meth:`Watch.check` every minute in a thread of
its own (never in a request's thread); it reads the fleet register (``store``) and sends
through ``site_gen.mail`` (the digest's SMTP settings). The register remembers which
screens were reported (``silent``), so a restart of the service mails nobody twice. A mail
that cannot be sent is tried again at the next check; the flag changes only once it went.
"""

from __future__ import annotations

import logging
import smtplib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime as mail_date
from email.utils import make_msgid

from babel.dates import format_datetime

from ..mail import SmtpSettings, send
from .page import is_silent
from .store import FleetStore, Screen

log = logging.getLogger(__name__)

SUBJECT = {
    "silent": "Экран {id} үнсіз / Экран {id} молчит",
    "back": "Экран {id} қайта байланыста / Экран {id} снова на связи",
}
BODY = {
    "silent": ("Экран {id} {minutes} минуттан астам хабар бермеді. Соңғы байланыс: {kk}.\n"
               "Экран мен компьютердің қосулы екенін және желіге қосылғанын тексеріңіз.\n\n"
               "Экран {id} не выходит на связь более {minutes} мин. Последняя связь: {ru}.\n"
               "Проверьте, включены ли экран и компьютер и подключены ли они к сети.\n"),
    "back": ("Экран {id} қайта байланысқа шықты: {kk}.\n\n"
             "Экран {id} снова на связи: {ru}.\n"),
}


@dataclass
class Watch:
    store: FleetStore
    clock: Callable[[], datetime]
    minutes: float
    smtp: SmtpSettings | None  # None: nothing is mailed (logged only)
    sender: str
    recipients: list[str]
    page_url: str = ""  # the fleet page, named in each mail
    _stop: threading.Event = field(default_factory=threading.Event)

    def message(self, kind: str, screen: Screen, now: datetime) -> EmailMessage:
        when = screen.last_seen if kind == "silent" else now
        stamp = {lang: (format_datetime(when.astimezone(now.tzinfo), "d MMMM y, HH:mm",
                                        locale=lang) if when else "—") for lang in ("kk", "ru")}
        msg = EmailMessage()
        msg["Subject"] = SUBJECT[kind].format(id=screen.id)
        msg["From"] = self.sender
        msg["To"] = ", ".join(self.recipients)
        msg["Date"] = mail_date(now)
        msg["Message-ID"] = make_msgid("fleet")
        msg["Content-Language"] = "kk, ru"
        text = BODY[kind].format(id=screen.id, minutes=f"{self.minutes:g}", kk=stamp["kk"],
                                 ru=stamp["ru"])
        if self.page_url:
            text += f"\n{self.page_url}\n"
        msg.set_content(text, cte="base64")
        return msg

    def check(self) -> list[tuple[str, str]]:
        """Mail every change since the last check; ``[(screen, "silent" | "back")]`` sent."""
        now = self.clock()
        sent: list[tuple[str, str]] = []
        for screen in self.store.screens():
            silent = is_silent(screen, now, self.minutes)
            if silent == screen.silent:
                continue
            if silent and screen.last_seen is None:
                continue  # registered but never set up: the page shows it; no alarm yet
            kind = "silent" if silent else "back"
            if self._send(self.message(kind, screen, now), screen.id, kind):
                self.store.set_silent(screen.id, silent)
                sent.append((screen.id, kind))
        return sent

    def _send(self, msg: EmailMessage, screen: str, kind: str) -> bool:
        log.warning("fleet: screen %s %s", screen,
                    "is silent" if kind == "silent" else "is back")
        if self.smtp is None or not self.recipients:
            return True  # no mail configured: the log line is the report
        try:
            send(msg, self.smtp, self.sender, self.recipients)
        except (smtplib.SMTPException, OSError) as problem:
            log.error("fleet: could not mail that screen %s %s through %s:%d: %s; "
                      "trying again in a minute", screen, kind, self.smtp.host,
                      self.smtp.port, problem)
            return False
        return True

    def run(self, every: float = 60.0) -> None:
        """Check every ``every`` seconds until :meth:`stop` (a thread's target)."""
        while not self._stop.wait(every):
            try:
                self.check()
            except Exception as problem:  # noqa: BLE001 - the watch must outlive a bad minute
                log.error("fleet: the silence watch failed this minute: %s: %s",
                          type(problem).__name__, problem)

    def stop(self) -> None:
        self._stop.set()
