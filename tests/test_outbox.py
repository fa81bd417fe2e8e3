"""The outbox: every notification is recorded; a sender delivers e-mail once, retries failures, and two
senders never send the same row; SMS rows wait for a sender of their own."""

from __future__ import annotations

import asyncio
import smtplib
from email.header import decode_header, make_header

from portal.models import OutboxMessage
from portal.services import outbox
from portal.settings import Settings


async def _message(channel: str = "email", **fields: str) -> OutboxMessage:
    return await OutboxMessage.create(
        channel=channel,
        recipient=fields.get("recipient", "citizen@example.cn"),
        subject=fields.get("subject", "报名确认：出租车运价调整听证会"),
        body="您已报名。",
        topic="hearing:1",
    )


async def test_email_is_sent_once_and_marked(db):
    first, second = await _message(), await _message(recipient="b@example.cn")
    sms = await _message(channel="sms", recipient="13800000000")
    delivered: list[str] = []

    async def send(message: OutboxMessage) -> None:
        delivered.append(message.recipient)

    report = await outbox.deliver({"email": send})
    assert report.sent == 2 and report.failed == 0 and report.waiting == 1
    assert sorted(delivered) == ["b@example.cn", "citizen@example.cn"]
    for row in (first, second):
        stored = await OutboxMessage.get(id=row.id)
        assert stored.sent_at is not None and stored.attempts == 1
    assert (await OutboxMessage.get(id=sms.id)).sent_at is None
    again = await outbox.deliver({"email": send})
    assert again.sent == 0 and len(delivered) == 2


async def test_a_failure_is_recorded_and_retried(db):
    row = await _message()
    calls = 0

    async def flaky(message: OutboxMessage) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise smtplib.SMTPServerDisconnected("连接中断")

    first = await outbox.deliver({"email": flaky})
    stored = await OutboxMessage.get(id=row.id)
    assert first.failed == 1 and stored.sent_at is None and "连接中断" in stored.error
    second = await outbox.deliver({"email": flaky})
    stored = await OutboxMessage.get(id=row.id)
    assert second.sent == 1 and stored.sent_at is not None and stored.attempts == 2 and stored.error == ""


async def test_two_senders_at_once_deliver_each_message_once(db):
    for i in range(6):
        await _message(recipient=f"p{i}@example.cn")
    delivered: list[str] = []

    async def slow(message: OutboxMessage) -> None:
        await asyncio.sleep(0)
        delivered.append(message.recipient)

    await asyncio.gather(outbox.deliver({"email": slow}), outbox.deliver({"email": slow}))
    assert sorted(delivered) == sorted(f"p{i}@example.cn" for i in range(6))


async def test_the_email_carries_the_chinese_subject_and_sender():
    message = OutboxMessage(recipient="a@example.cn", subject="遴选结果：听证会", body="您已入选。")
    mail = outbox.email_message(message, "hearing@gz.example.cn")
    assert str(make_header(decode_header(mail["Subject"]))) == "遴选结果：听证会"
    assert mail["From"] == "hearing@gz.example.cn" and mail.get_content().strip() == "您已入选。"


def test_smtp_is_configured_from_the_environment():
    assert outbox.smtp_sender(Settings.from_env({})) is None
    settings = Settings.from_env({"SMTP_HOST": "smtp.example.cn", "SMTP_PORT": "465", "SMTP_STARTTLS": "0"})
    assert settings.smtp_port == 465 and settings.smtp_starttls is False
    assert outbox.smtp_sender(settings) is not None
