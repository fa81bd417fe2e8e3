"""The audit trail: every staff write and every login leaves an AuditEvent. The other security logs
(staff sign-in sessions, sign-in attempts, both with the address they came from) are kept as long and
pruned with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.expressions import Q
from tortoise.timezone import now

from portal.models import AuditEvent, LoginAttempt, StaffSession, User

# 网络安全法 art 21: network logs are kept for no less than six months. 183 days covers any six
# calendar months, so nothing younger than that is ever pruned.
MIN_RETENTION_DAYS = 183


class RetentionError(ValueError):
    """A pruning request that would cut into the statutory retention period."""


async def record(
    action: str,
    *,
    actor: User | None,
    ip: str = "",
    object_type: str = "",
    object_id: str | int = "",
    detail: dict[str, object] | None = None,
    actor_name: str = "",
) -> AuditEvent:
    """Record an action; ``actor_name`` names a non-staff actor (an operator command) when actor is None."""
    return await AuditEvent.create(
        actor=actor,
        actor_name=actor.username if actor else actor_name,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        detail=detail or {},
        ip=ip[:64],
    )


async def recent(*, limit: int, before_id: int | None = None, action: str = "") -> list[AuditEvent]:
    """Newest first, keyset-paginated on the id."""
    query = AuditEvent.all()
    if before_id is not None:
        query = query.filter(id__lt=before_id)
    if action:
        query = query.filter(action=action)
    return await query.order_by("-id").limit(limit)


@dataclass(frozen=True)
class Pruned:
    deleted: int  # audit events
    cutoff: datetime
    sessions: int = 0  # staff sessions ended (or last seen) before the cutoff
    login_attempts: int = 0


def check_retention(days: int) -> None:
    if days < MIN_RETENTION_DAYS:
        raise RetentionError(
            f"审计日志至少保存六个月（《网络安全法》第二十一条）：保留天数不能少于 {MIN_RETENTION_DAYS} 天，"
            f"收到的是 {days} 天。未删除任何记录。"
        )


async def prune(older_than_days: int = MIN_RETENTION_DAYS, *, at: datetime | None = None) -> Pruned:
    """Delete the events strictly older than ``older_than_days`` days, the staff sessions that ended
    (or were last seen: a session cookie lives hours, not months) before then and the sign-in attempts
    made before then, and record that it was done."""
    check_retention(older_than_days)
    cutoff = (at or now()) - timedelta(days=older_than_days)
    deleted = await AuditEvent.filter(created_at__lt=cutoff).delete()
    sessions = await StaffSession.filter(Q(revoked_at__lt=cutoff) | Q(last_seen_at__lt=cutoff)).delete()
    attempts = await LoginAttempt.filter(created_at__lt=cutoff).delete()
    await record(
        "audit_pruned",
        actor=None,
        actor_name="prune-audit",
        object_type="audit_event",
        detail={
            "deleted": deleted,
            "sessions": sessions,
            "login_attempts": attempts,
            "cutoff": cutoff.isoformat(timespec="seconds"),
            "days": older_than_days,
        },
    )
    return Pruned(deleted, cutoff, sessions, attempts)
