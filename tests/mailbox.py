"""A real SMTP server for the tests that send mail (digest, letters reminder, fleet, publish
report, the personal-data gate): aiosmtpd on 127.0.0.1, keeping what it receives. The
fixture ``smtp_server`` (tests/conftest.py) yields ``(port, inbox)``."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from typing import Any


class Inbox:
    """An aiosmtpd handler that keeps each message as (sender, recipients, bytes)."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's hook name
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


def mails(inbox: Inbox) -> list[EmailMessage]:
    """The messages received, parsed."""
    out = []
    for _, _, data in inbox.received:
        msg = email.message_from_bytes(data, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        out.append(msg)
    return out
