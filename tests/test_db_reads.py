"""Hand-written reads on hot paths give the same model instances as the ORM."""

from __future__ import annotations

from portal.db import first_where
from portal.models import Draft, DraftStatus
from portal.services import drafts
from tests.conftest import publish_text


async def test_first_where_builds_the_same_draft_as_the_orm(db):
    draft = await publish_text()
    by_hand = await first_where(Draft, '"id" = {} AND "status" = {}', [draft.id, DraftStatus.OPEN.value])
    by_orm = await Draft.get(id=draft.id)
    assert by_hand is not None
    for name in Draft._meta.db_fields:
        assert getattr(by_hand, name) == getattr(by_orm, name), name
    assert by_hand.status is DraftStatus.OPEN and by_hand.opens_at is not None and by_hand.opens_at.tzinfo
    assert await first_where(Draft, '"id" = {}', [draft.id + 1000]) is None


async def test_get_public_hides_drafts_the_public_may_not_see(db):
    draft = await publish_text()
    assert (await drafts.get_public(draft.id)) is not None
    await Draft.filter(id=draft.id).update(status=DraftStatus.WITHDRAWN)
    assert (await drafts.get_public(draft.id)) is not None  # a withdrawal notice stays public
    await Draft.filter(id=draft.id).update(status=DraftStatus.DRAFT)
    assert await drafts.get_public(draft.id) is None
