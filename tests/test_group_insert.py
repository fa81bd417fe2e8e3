"""Comments written in groups (portal/group_insert.py): rows that arrive together share one statement
and one commit; every request still learns whether its own row was stored, a repeated form or a bad
row affects no other, and a row written inside a transaction shares that transaction's fate."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from typing import Any

import pytest
from tortoise import connections
from tortoise.exceptions import OperationalError, ValidationError
from tortoise.transactions import in_transaction

from portal.group_insert import GroupInsert, InsertStatement
from portal.models import Comment, Moderation, Stance
from portal.services import comments
from tests.conftest import Personas, publish_text


async def _row(people: Personas, **changes: Any) -> dict[str, Any]:
    """The columns of a comment on a newly published draft."""
    draft = await publish_text()
    version = await draft.versions.all().first()
    assert version is not None
    row: dict[str, Any] = {
        "draft_id": draft.id,
        "version_id": version.id,
        "liaison_point_id": people.tianhe.id,
        "body": "建议明确审批时限。",
        "stance": Stance.AMEND,
        "routing_reason": "least_loaded",
        "receipt_code": comments.new_receipt_code(),
        **changes,
    }
    return row


async def test_concurrent_comments_share_statements_and_each_gets_its_own_receipt(people: Personas):
    draft = await publish_text()
    statements_before = comments._writer.statements
    inputs = [
        comments.CommentInput(body=f"第{i}条意见", stance=Stance.SUPPORT, submission_key=f"form-{i}")
        for i in range(30)
    ]
    receipts = await asyncio.gather(*(comments.receive(draft, data) for data in inputs))

    stored = {c.receipt_code: c for c in await Comment.filter(draft=draft)}
    assert len(stored) == 30 and all(r.new for r in receipts)
    for data, receipt in zip(inputs, receipts, strict=True):
        comment = stored[receipt.code]  # the receipt names the row holding this citizen's text
        assert comment.id == receipt.comment_id and comment.body == data.body
        assert comment.submission_key == data.submission_key
    # The first was written alone; the rest waited together for the next statement(s).
    assert comments._writer.statements - statements_before < 30


async def test_the_same_form_sent_twice_at_once_is_stored_once(people: Personas):
    draft = await publish_text()
    data = comments.CommentInput(body="双击了两次", stance=Stance.OTHER, submission_key="same-form")
    first, second = await asyncio.gather(comments.receive(draft, data), comments.receive(draft, data))
    assert first.code == second.code and {first.new, second.new} == {True, False}
    assert await Comment.filter(submission_key="same-form").count() == 1


async def test_a_bad_row_fails_alone(people: Personas):
    statement = InsertStatement(Comment, returning=("id", "receipt_code"))
    writer = GroupInsert(statement, key="receipt_code")
    good = [await _row(people, body=f"好的意见{i}") for i in range(3)]
    bad = {**good[0], "receipt_code": "X" * 40, "body": "回执码过长"}  # longer than the column allows
    results = await asyncio.gather(*(writer.insert(row) for row in [*good, bad]), return_exceptions=True)
    assert isinstance(results[3], ValidationError)
    assert all(isinstance(r, dict) for r in results[:3])
    assert sorted(await Comment.all().values_list("body", flat=True)) == [
        "好的意见0",
        "好的意见1",
        "好的意见2",
    ]


async def test_rows_are_stored_as_the_orm_stores_them(people: Personas):
    """Columns a row leaves out get the model's defaults, values its conversions: a row written by the
    group insert reads back the same as one written by Comment.create."""
    row = await _row(people, moderation_flags=["敏感词"], withhold=True)
    by_orm = await Comment.create(**{**row, "receipt_code": comments.new_receipt_code()})
    written = await InsertStatement(Comment, returning=("id",)).execute([row])
    by_group = await Comment.get(id=written[0]["id"])
    skip = {"id", "receipt_code", "created_at"}
    for name in Comment._meta.fields_db_projection:
        if name not in skip:
            assert getattr(by_group, name) == getattr(by_orm, name), name
    assert by_group.moderation == Moderation.PENDING and by_group.moderation_flags == ["敏感词"]
    assert abs((by_group.created_at - by_orm.created_at).total_seconds()) < 5


async def test_a_large_group_with_every_kind_of_value_is_stored_whole(people: Personas):
    """Forty rows in one statement (on PostgreSQL the same statement as for one row: an array per
    column), nulls and values of every column type mixed; each row reads back as it was sent."""
    base = await _row(people)
    rows = [
        {
            **base,
            "receipt_code": comments.new_receipt_code(),
            "body": f"第{i}条：建议写明期限",
            "moderation_flags": ["link", "敏感词"] if i % 2 else [],
            "received_on": date(2026, 11, 1 + i % 20) if i % 3 else None,
            "due_at": datetime(2026, 12, 1, 8, i, tzinfo=UTC),
            "show_name": i % 4 == 0,
            "support_count": i,
            "provision_id": None,
        }
        for i in range(40)
    ]
    statement = InsertStatement(Comment, returning=("id", "receipt_code"))
    written = await statement.execute(rows)

    assert sorted(w["receipt_code"] for w in written) == sorted(r["receipt_code"] for r in rows)
    stored = {c.receipt_code: c for c in await Comment.filter(draft_id=base["draft_id"])}
    for row in rows:
        comment = stored[row["receipt_code"]]
        for name in ("body", "moderation_flags", "received_on", "due_at", "show_name", "support_count"):
            assert getattr(comment, name) == row[name], name
    dialect = connections.get("default").capabilities.dialect
    if dialect == "postgres":
        assert statement.sql(1, dialect) == statement.sql(40, dialect)


async def test_the_database_refuses_a_value_longer_than_its_column(people: Personas):
    """Whatever gets past the ORM's validators (which refuse it first) is refused by the database
    too, not cut short: the statement casts to the column's type without its length."""
    conn = connections.get("default")
    if conn.capabilities.dialect != "postgres":
        pytest.skip("SQLite does not enforce VARCHAR lengths: the ORM's validators are the check there")
    row = await _row(people)
    statement = InsertStatement(Comment, returning=("id",))
    values = statement.values(row)
    values[[name for name, _, _ in statement.columns.fields].index("receipt_code")] = "X" * 40
    with pytest.raises(OperationalError):
        await conn.execute_query_dict(statement.sql(1, "postgres"), [[value] for value in values])
    assert await Comment.all().count() == 0


async def test_a_row_written_in_a_transaction_rolls_back_with_it(people: Personas):
    row = await _row(people)
    with pytest.raises(RuntimeError):
        async with in_transaction():
            stored = await comments._writer.insert(row)
            assert stored is not None
            raise RuntimeError("the meeting could not be saved")
    assert await Comment.filter(receipt_code=row["receipt_code"]).count() == 0
    # Outside a transaction the same row is stored and committed.
    assert await comments._writer.insert(row) is not None
    assert await Comment.filter(receipt_code=row["receipt_code"]).count() == 1


async def test_an_unknown_column_is_a_programming_error(people: Personas):
    with pytest.raises(KeyError, match="draft"):
        InsertStatement(Comment, returning=("id",)).values({"draft": 1})
