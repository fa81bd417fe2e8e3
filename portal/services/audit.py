"""The audit trail: every staff write and every login leaves an AuditEvent."""

from __future__ import annotations

from portal.models import AuditEvent, User


async def record(
    action: str,
    *,
    actor: User | None,
    ip: str = "",
    object_type: str = "",
    object_id: str | int = "",
    detail: dict[str, object] | None = None,
) -> AuditEvent:
    return await AuditEvent.create(
        actor=actor,
        actor_name=actor.username if actor else "",
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
