"""Audit-log retention: entries are kept at least six months (网络安全法 art 21), then may be pruned."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tortoise.context import TortoiseContext
from tortoise.timezone import now

from portal.__main__ import main
from portal.models import AuditEvent
from portal.services import audit
from tests.conftest import Personas


async def event_aged(days: float, action: str) -> AuditEvent:
    event = await audit.record(action, actor=None)
    await AuditEvent.filter(id=event.id).update(created_at=now() - timedelta(days=days))
    return event


async def test_only_the_entry_older_than_the_cutoff_is_pruned(db: TortoiseContext) -> None:
    await event_aged(182, "login_182")
    await event_aged(184, "login_184")

    pruned = await audit.prune(183)

    assert pruned.deleted == 1
    actions = set(await AuditEvent.all().values_list("action", flat=True))
    assert "login_182" in actions
    assert "login_184" not in actions


async def test_the_prune_run_is_itself_in_the_audit_log(db: TortoiseContext) -> None:
    await event_aged(200, "old")
    await event_aged(300, "older")

    pruned = await audit.prune(190)

    entry = await AuditEvent.get(action="audit_pruned")
    assert entry.actor_name == "prune-audit"
    assert entry.detail["deleted"] == 2
    assert entry.detail["days"] == 190
    assert entry.detail["cutoff"] == pruned.cutoff.isoformat(timespec="seconds")


async def test_nothing_younger_than_the_cutoff_is_ever_pruned(db: TortoiseContext) -> None:
    at = now()
    ages = [0, 1, 30, 100, 182, 182.99, 183, 183.01, 184, 365, 1000]
    for age in ages:
        event = await audit.record(f"age_{age}", actor=None)
        await AuditEvent.filter(id=event.id).update(created_at=at - timedelta(days=age))

    await audit.prune(183, at=at)
    kept = set(await AuditEvent.filter(action__startswith="age_").values_list("action", flat=True))
    # Exactly 183 days old is not *strictly* older than the cutoff: it stays.
    assert kept == {f"age_{age}" for age in ages if age <= 183}

    await audit.prune(500, at=at)
    assert set(await AuditEvent.filter(action__startswith="age_").values_list("action", flat=True)) == kept


@pytest.mark.parametrize("days", [30, 0, 182, -5])
async def test_a_retention_shorter_than_six_months_is_refused(db: TortoiseContext, days: int) -> None:
    await event_aged(190, "kept")

    with pytest.raises(audit.RetentionError, match="网络安全法"):
        await audit.prune(days)

    assert await AuditEvent.filter(action="kept").exists()
    assert not await AuditEvent.filter(action="audit_pruned").exists()


def test_the_command_refuses_30_days_in_chinese_with_a_nonzero_exit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["prune-audit", "--older-than-days", "30"]) == 2
    err = capsys.readouterr().err
    assert "审计日志至少保存六个月" in err and "183" in err


async def test_sessions_and_sign_in_attempts_are_kept_as_long_as_the_audit_log(people: Personas) -> None:
    from portal.models import LoginAttempt, StaffSession
    from portal.services import accounts

    at = now()
    tokens = {}
    for name, last_seen_days, ended_days in (
        ("live", 0, None),  # in use
        ("ended_recently", 10, 9),
        ("ended_long_ago", 300, 200),  # signed out 200 days ago
        ("abandoned", 250, None),  # never signed out; its cookie expired long ago
    ):
        tokens[name] = await accounts.start_session(people.olga, ip="203.0.113.9")
        await StaffSession.filter(token_hash=accounts._token_hash(tokens[name])).update(
            last_seen_at=at - timedelta(days=last_seen_days),
            revoked_at=None if ended_days is None else at - timedelta(days=ended_days),
        )
    for days in (1, 182, 184, 400):
        attempt = await LoginAttempt.create(username="olga", ip="203.0.113.9", succeeded=False)
        await LoginAttempt.filter(id=attempt.id).update(created_at=at - timedelta(days=days))

    pruned = await audit.prune(183, at=at)

    left = {
        name
        for name, token in tokens.items()
        if await StaffSession.exists(token_hash=accounts._token_hash(token))
    }
    assert left == {"live", "ended_recently"} and pruned.sessions == 2
    ages = sorted(round((at - a.created_at).total_seconds() / 86400) for a in await LoginAttempt.all())
    assert ages == [1, 182] and pruned.login_attempts == 2
    entry = await AuditEvent.get(action="audit_pruned")
    assert entry.detail["sessions"] == 2 and entry.detail["login_attempts"] == 2
