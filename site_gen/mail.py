"""Mail out of site-gen: the SMTP settings every sending command takes, and the one way to
send (the digest, the letters reminder, the fleet's silence mails, the publish report).

Where it sits: at the edge, beside the commands. The settings come from options or from the
environment (``JARSHY_SMTP_HOST``, ``_PORT``, ``_USER``, ``_SECURITY``); the password only from
``JARSHY_SMTP_PASSWORD``, never from the command line, where ``ps`` would show it.
"""

from __future__ import annotations

import argparse
import os
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr

SECURITY = ("none", "starttls", "ssl")
DEFAULT_PORT = {"none": 25, "starttls": 587, "ssl": 465}


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str
    port: int = 25
    user: str = ""
    password: str = ""
    security: str = "none"  # none | starttls | ssl
    timeout: float = 30.0


def add_smtp_arguments(parser: argparse.ArgumentParser) -> None:
    """``--smtp-host``, ``--smtp-port``, ``--smtp-user``, ``--smtp-security``, defaulting to
    the environment."""
    env = os.environ.get
    parser.add_argument("--smtp-host", default=env("JARSHY_SMTP_HOST", ""))
    parser.add_argument("--smtp-port", type=int, default=None,
                        help="default: $JARSHY_SMTP_PORT, else 25 (465 with ssl, 587 with "
                        "starttls)")
    parser.add_argument("--smtp-user", default=env("JARSHY_SMTP_USER", ""),
                        help="login (the password is read from $JARSHY_SMTP_PASSWORD)")
    parser.add_argument("--smtp-security", default=env("JARSHY_SMTP_SECURITY", "none") or "none",
                        help=f"one of {', '.join(SECURITY)}")


def smtp_settings(args: argparse.Namespace) -> SmtpSettings | str:
    """The settings the options name, or a message saying what is wrong with them."""
    security = args.smtp_security
    if security not in SECURITY:
        return f"--smtp-security (or $JARSHY_SMTP_SECURITY) '{security}' is not one of " \
               + ", ".join(SECURITY)
    if not args.smtp_host:
        return "sending needs --smtp-host (or $JARSHY_SMTP_HOST)"
    port = args.smtp_port or int(os.environ.get("JARSHY_SMTP_PORT", "0") or 0) \
        or DEFAULT_PORT[security]
    return SmtpSettings(args.smtp_host, port, args.smtp_user,
                        os.environ.get("JARSHY_SMTP_PASSWORD", ""), security)


def address_problem(address: str, example: str) -> str:
    """Empty when ``address`` is an e-mail address, else a message ending with ``example``."""
    addr = parseaddr(address)[1]
    if "@" not in addr or addr.startswith("@") or addr.endswith("@") or " " in addr:
        return f"'{address}' is not an e-mail address; write e.g. {example}"
    return ""


def send(msg: EmailMessage, settings: SmtpSettings, sender: str, recipients: Sequence[str]
         ) -> None:
    """Hand ``msg`` to the SMTP server; raises ``smtplib.SMTPException`` or ``OSError``."""
    context = ssl.create_default_context()
    client: smtplib.SMTP
    if settings.security == "ssl":
        client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                  context=context)
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    with client:
        if settings.security == "starttls":
            client.starttls(context=context)
        if settings.user:
            client.login(settings.user, settings.password)
        client.send_message(msg, from_addr=parseaddr(sender)[1],
                            to_addrs=[parseaddr(r)[1] for r in recipients])


def send_problem(settings: SmtpSettings, problem: BaseException) -> str:
    """What went wrong sending through ``settings``, in one line."""
    reason = getattr(problem, "strerror", None) or str(problem) or type(problem).__name__
    return f"could not send through {settings.host}:{settings.port}: {reason}"


__all__ = ["SECURITY", "SmtpSettings", "add_smtp_arguments", "address_problem", "send",
           "send_problem", "smtp_settings"]
