"""A liaison point's inbox: what was routed to it, what is due, and the three things staff do with
an item — acknowledge it, forward it to the legislators, or return it for reassignment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.timezone import now
from tortoise.transactions import in_transaction

from portal.models import Comment, LiaisonPoint, Processing, Stance, User
from portal.services import audit
from portal.services.calendar import end_of_day, start_of_day

SORTS = ("due", "newest", "oldest")
ACTIONS = ("acknowledge", "forward", "return")


class InboxError(ValueError):
    pass


@dataclass(frozen=True)
class InboxFilter:
    draft_id: int | None = None
    processing: Processing | None = None
    stance: Stance | None = None
    lineage: str | None = None
    received_from: date | None = None
    received_to: date | None = None
    overdue_only: bool = False
    sort: str = "due"


@dataclass(frozen=True)
class InboxCounts:
    new: int
    overdue: int
    returned: int


def _open(point: LiaisonPoint) -> QuerySet[Comment]:
    return Comment.filter(liaison_point=point)


def query(point: LiaisonPoint, flt: InboxFilter, at: datetime | None = None) -> QuerySet[Comment]:
    at = at or now()
    q = _open(point)
    if flt.draft_id is not None:
        q = q.filter(draft_id=flt.draft_id)
    if flt.processing is not None:
        q = q.filter(processing=flt.processing)
    if flt.stance is not None:
        q = q.filter(stance=flt.stance)
    if flt.lineage is not None:
        q = q.filter(lineage=flt.lineage)
    if flt.received_from is not None:
        q = q.filter(created_at__gte=start_of_day(flt.received_from))
    if flt.received_to is not None:
        q = q.filter(created_at__lte=end_of_day(flt.received_to))
    if flt.overdue_only:
        q = q.filter(processing=Processing.RECEIVED, due_at__lt=at)
    return q


async def page(
    point: LiaisonPoint, flt: InboxFilter, *, page: int, per_page: int, at: datetime | None = None
) -> tuple[list[Comment], int]:
    """One page; with the default sort, unacknowledged items by due date (so overdue ones come first),
    then everything already handled, newest first."""
    at = at or now()
    q = query(point, flt, at)
    total = await q.count()
    offset = (page - 1) * per_page
    if flt.sort == "newest":
        rows = await q.order_by("-id").offset(offset).limit(per_page).select_related("draft")
    elif flt.sort == "oldest":
        rows = await q.order_by("id").offset(offset).limit(per_page).select_related("draft")
    else:
        waiting = q.filter(processing=Processing.RECEIVED)
        n_waiting = await waiting.count()
        rows = await waiting.order_by("due_at", "id").offset(offset).limit(per_page).select_related("draft")
        if len(rows) < per_page:
            rest_offset = max(0, offset - n_waiting)
            rest = (
                await q.filter(~Q(processing=Processing.RECEIVED))
                .order_by("-id")
                .offset(rest_offset)
                .limit(per_page - len(rows))
                .select_related("draft")
            )
            rows = [*rows, *rest]
    return rows, total


async def counts(point: LiaisonPoint, at: datetime | None = None) -> InboxCounts:
    at = at or now()
    base = _open(point).filter(processing=Processing.RECEIVED)
    return InboxCounts(
        new=await base.count(),
        overdue=await base.filter(due_at__lt=at).count(),
        returned=await _open(point).filter(returned_at__isnull=False).count(),
    )


def is_overdue(comment: Comment, at: datetime | None = None) -> bool:
    at = at or now()
    return comment.processing == Processing.RECEIVED and comment.due_at is not None and comment.due_at < at


async def act(
    items: list[Comment], action: str, *, actor: User, ip: str, note: str = "", at: datetime | None = None
) -> int:
    """Apply one action to several items; each change is audited on the comment's history."""
    if action not in ACTIONS:
        raise InboxError("未知的操作。")
    if action == "return" and not note.strip():
        raise InboxError("退回改派需要说明理由。")
    at = at or now()
    changed = 0
    async with in_transaction():
        for item in items:
            if action == "acknowledge":
                if item.processing != Processing.RECEIVED:
                    continue
                item.processing = Processing.ACKNOWLEDGED
                item.acknowledged_at = at
                fields = ["processing", "acknowledged_at"]
            elif action == "forward":
                if item.processing in (Processing.FORWARDED, Processing.DECIDED):
                    continue
                item.processing = Processing.FORWARDED
                item.acknowledged_at = item.acknowledged_at or at
                item.forwarded_at = at
                item.forward_note = note.strip()
                fields = ["processing", "acknowledged_at", "forwarded_at", "forward_note"]
            else:
                item.returned_reason = note.strip()
                item.returned_at = at
                fields = ["returned_reason", "returned_at"]
            await item.save(update_fields=fields)
            await audit.record(
                f"inbox_{action}",
                actor=actor,
                ip=ip,
                object_type="comment",
                object_id=item.id,
                detail={"note": note.strip()} if note.strip() else {},
            )
            changed += 1
    return changed


async def returned_for_reassignment(limit: int = 50) -> list[Comment]:
    """Items points gave back, for legislative staff and admins to reassign."""
    return (
        await Comment.filter(returned_at__isnull=False)
        .order_by("returned_at")
        .limit(limit)
        .select_related("draft", "liaison_point")
    )
