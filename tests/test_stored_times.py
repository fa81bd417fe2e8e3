"""Times are compared as moments, whatever time zone they were given in.

SQLite has no time type: the portal stores a datetime as text, and SQL compares that text. A moment
given in Beijing time ("…23:59:59+08:00") and one in UTC ("…16:00:00+00:00") then compare by their
clock digits, 8 hours wrong. Every datetime is therefore written in UTC (``portal.sqlite_engine``),
so that a filter such as "consultations still open" means the same on SQLite as on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, timedelta

from tortoise import connections
from tortoise.timezone import now

from portal.models import Draft, DraftKind, DraftStatus
from portal.services.calendar import LOCAL_TZ, end_of_day, local_date


async def test_a_close_given_in_beijing_time_is_compared_as_a_moment(db):
    closes = end_of_day(local_date(now()))  # 23:59:59 in Beijing: 15:59:59 UTC
    draft = await Draft.create(
        title="时间比较",
        kind=DraftKind.LOCAL_REGULATION,
        drafting_body="某局",
        status=DraftStatus.OPEN,
        closes_at=closes,
    )
    just_after = (closes + timedelta(minutes=30)).astimezone(UTC)
    just_before = (closes - timedelta(minutes=30)).astimezone(UTC)
    assert not await Draft.filter(id=draft.id, closes_at__gt=just_after).exists()
    assert await Draft.filter(id=draft.id, closes_at__gt=just_before).exists()
    # And a moment given in Beijing time finds what one in UTC finds.
    assert await Draft.filter(id=draft.id, closes_at__gt=just_before.astimezone(LOCAL_TZ)).exists()
    assert not await Draft.filter(id=draft.id, closes_at__gt=just_after.astimezone(LOCAL_TZ)).exists()
    fresh = await Draft.get(id=draft.id)
    assert fresh.closes_at == closes


async def test_every_datetime_is_written_in_utc(db):
    if connections.get("default").capabilities.dialect != "sqlite":
        return  # PostgreSQL stores a moment (timestamptz), not text
    closes = end_of_day(local_date(now()))
    draft = await Draft.create(
        title="时间存储", kind=DraftKind.LOCAL_REGULATION, drafting_body="某局", closes_at=closes
    )
    _, rows = await connections.get("default").execute_query(
        "SELECT closes_at FROM draft WHERE id = ?", [draft.id]
    )
    assert str(rows[0]["closes_at"]).endswith("+00:00")
