"""What library tests publish on: a legality review in the state a test needs (completed lawful by
default, finished before any issue date a test uses), or a stated exemption."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from portal.models import Attachment, LegalityReview, Opinion, ReviewStatus, Urgency

# For documents a test enters as old ones: honest about why they carry no review.
BACKFILLED = "历史文件补录入库：印发于本平台启用合法性审核登记之前，审核材料由制定机关存档。"
# Long before any issue date the tests use (the oldest is in 2019).
LONG_AGO = datetime(2018, 6, 1, 8, 0, tzinfo=UTC)


async def review(
    title: str = "广州市停车管理办法（送审稿）",
    *,
    body: str = "广州市交通运输局",
    status: ReviewStatus = ReviewStatus.COMPLETED,
    opinion: Opinion | None = Opinion.LAWFUL,
    completed_at: datetime | None = LONG_AGO,
) -> LegalityReview:
    """A review as the desk would hold it; completed lawful unless told otherwise."""
    finished = status in (ReviewStatus.COMPLETED, ReviewStatus.RETURNED)
    received = (completed_at or LONG_AGO) - timedelta(days=3)
    document = await Attachment.create(
        original_name=f"{title}.pdf",
        stored_name=secrets.token_hex(16),
        content_type="application/pdf",
        size=100,
        sha256="0" * 64,
    )
    return await LegalityReview.create(
        title=title,
        submitting_body=body,
        urgency=Urgency.NORMAL,
        received_at=received,
        due_at=received + timedelta(days=7),
        status=status,
        started_at=received + timedelta(hours=1) if status != ReviewStatus.RECEIVED else None,
        completed_at=completed_at if finished else None,
        opinion=opinion if status == ReviewStatus.COMPLETED else None,
        document=document,
    )
