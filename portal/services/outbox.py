"""Deliver the outbox. Each channel has a sender; e-mail goes through SMTP (stdlib smtplib and
email.message), SMS has no sender yet, so its rows wait. Several sender processes may run: a row is
claimed with a conditional UPDATE before it is sent, and a claim older than CLAIM_TIMEOUT is retried."""

from __future__ import annotations

import asyncio
import smtplib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage

from tortoise.expressions import F, Q
from tortoise.timezone import now

from portal.models import OutboxMessage
from portal.settings import Settings

CLAIM_TIMEOUT = timedelta(minutes=10)
MAX_ATTEMPTS = 5

Sender = Callable[[OutboxMessage], Awaitable[None]]


def email_message(message: OutboxMessage, sender_address: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender_address
    mail["To"] = message.recipient
    mail["Subject"] = message.subject
    mail.set_content(message.body)
    return mail


def smtp_sender(settings: Settings) -> Sender | None:
    """An e-mail sender for the configured server, or None when SMTP_HOST is not set."""
    if not settings.smtp_host:
        return None

    def send_sync(message: OutboxMessage) -> None:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password)
            smtp.send_message(email_message(message, settings.smtp_from))

    async def send(message: OutboxMessage) -> None:
        await asyncio.to_thread(send_sync, message)

    return send


@dataclass(frozen=True)
class DeliveryReport:
    sent: int
    failed: int
    waiting: int  # rows of channels without a sender, or not yet due


async def deliver(senders: dict[str, Sender], *, limit: int = 100) -> DeliveryReport:
    """Send up to ``limit`` pending messages of the channels that have a sender."""
    stale = now() - CLAIM_TIMEOUT
    pending = await (
        OutboxMessage.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS, channel__in=list(senders))
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))
        .order_by("id")
        .limit(limit)
    )
    sent = failed = 0
    for message in pending:
        claimed = (
            await OutboxMessage.filter(id=message.id, sent_at__isnull=True)
            .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))
            .update(claimed_at=now(), attempts=F("attempts") + 1)
        )
        if not claimed:
            continue  # another sender took it
        try:
            await senders[message.channel](message)
        except (OSError, smtplib.SMTPException) as exc:
            await OutboxMessage.filter(id=message.id).update(claimed_at=None, error=str(exc)[:1000])
            failed += 1
        else:
            await OutboxMessage.filter(id=message.id).update(sent_at=now(), error="")
            sent += 1
    waiting = await OutboxMessage.filter(sent_at__isnull=True).count()
    return DeliveryReport(sent, failed, waiting)
