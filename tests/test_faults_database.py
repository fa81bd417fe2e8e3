"""The database becomes unreachable while citizens submit forms: a 503 page that gives the typed text
back (never a phone number where it does not belong), nothing half-stored, and /healthz says so."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import asyncpg
import pytest
from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import OperationalError

from portal.models import Comment, HearingRegistration, PublicProposal
from tests.conftest import Personas, csrf_token, publish_text
from tests.test_comments import comment_page
from tests.test_hearings import _hearing

PHONE = "13800138000"
EXECUTE = ("execute_query", "execute_query_dict", "execute_insert", "execute_many", "execute_script")


def database_dies(monkeypatch: pytest.MonkeyPatch, *, at: str | None = None) -> None:
    """Every query fails from now on (or from the first statement that starts with ``at`` on, e.g.
    "INSERT"), the way the driver fails
    when its server is gone: asyncpg's ConnectionDoesNotExistError (which Tortoise passes through
    untranslated) on PostgreSQL, Tortoise's OperationalError on SQLite."""
    conn = connections.get("default")
    if conn.capabilities.dialect == "postgres":
        from tortoise.backends.asyncpg.client import TransactionWrapper as Wrapper

        def error() -> Exception:
            return asyncpg.exceptions.ConnectionDoesNotExistError(
                "connection was closed in the middle of operation"
            )
    else:
        from tortoise.backends.sqlite.client import SqliteTransactionWrapper as Wrapper  # type: ignore[assignment]

        def error() -> Exception:
            return OperationalError("unable to open database file")

    dead = {"now": at is None}
    classes = {c for c in (*type(conn).__mro__, *Wrapper.__mro__) if issubclass(c, BaseDBAsyncClient)}

    def dying(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        async def run(self: Any, *args: Any, **kwargs: Any) -> Any:
            if at is not None and args and isinstance(args[0], str) and args[0].upper().startswith(at):
                dead["now"] = True
            if dead["now"]:
                raise error()
            return await original(self, *args, **kwargs)

        return run

    for cls in classes:
        for name in EXECUTE:
            if name in vars(cls):
                monkeypatch.setattr(cls, name, dying(name, vars(cls)[name]))


def typed_comment(token: str, key: str) -> dict[str, str]:
    return {
        "csrf_token": token,
        "submission_key": key,
        "unit_key": "tiao-3",
        "stance": "amend",
        "body": "建议明确砍伐许可的审批时限，并公开审批结果。",
        "quote": "任何单位和个人不得擅自砍伐树木",
        "suggested_wording": "任何单位和个人不得擅自砍伐、移植树木",
        "name": "王小明",
        "phone": PHONE,
        "district": "天河",
        "point_code": "GZ-T-01",
    }


async def test_a_comment_comes_back_in_its_form_when_the_database_dies_mid_submission(
    client, people: Personas, monkeypatch
):
    draft = await publish_text()
    token, key = await comment_page(client, draft.id, "tiao-3")
    database_dies(monkeypatch, at="INSERT")  # after the checks, while the comment is written
    response = await client.post(f"/drafts/{draft.id}/comment", data=typed_comment(token, key))

    assert response.status_code == 503
    assert response.headers["retry-after"] == "30"
    assert response.headers["cache-control"] == "no-store"
    page = response.text
    assert "服务暂时不可用，您的意见尚未提交，内容已保留在下方。请复制保存，或稍后重试。" in page
    # Back in the fields they were typed in, with the same one-time key, ready to submit again.
    assert ">建议明确砍伐许可的审批时限，并公开审批结果。</textarea>" in page
    assert 'value="任何单位和个人不得擅自砍伐树木"' in page
    assert ">任何单位和个人不得擅自砍伐、移植树木</textarea>" in page
    assert 'name="name" value="王小明"' in page or 'value="王小明"' in page
    assert f'name="submission_key" value="{key}"' in page
    assert 'name="unit_key" value="tiao-3"' in page
    assert '<option value="GZ-T-01" selected>' in page
    # The phone only in its own input.
    assert page.count(PHONE) == 1
    assert f'id="phone" name="phone" value="{PHONE}"' in page
    assert '<input type="radio" id="stance-3" name="stance" value="amend" checked' in page

    monkeypatch.undo()
    assert await Comment.all().count() == 0


async def test_a_comment_comes_back_when_the_database_is_down_from_the_start(
    client, people: Personas, monkeypatch
):
    draft = await publish_text()
    token, key = await comment_page(client, draft.id, "tiao-3")
    database_dies(monkeypatch)  # not even the draft can be loaded
    response = await client.post(f"/drafts/{draft.id}/comment", data=typed_comment(token, key))

    assert response.status_code == 503
    assert response.headers["cache-control"] == "no-store"
    page = response.text
    assert "服务暂时不可用，您的内容尚未提交，已附在下方。请复制保存，或稍后重试。" in page
    for label, value in (
        ("意见内容", "建议明确砍伐许可的审批时限，并公开审批结果。"),
        ("引用的原文", "任何单位和个人不得擅自砍伐树木"),
        ("建议修改为", "任何单位和个人不得擅自砍伐、移植树木"),
        ("姓名", "王小明"),
    ):
        assert label in page and f">{value}</textarea>" in page
    assert PHONE not in page
    assert token not in page.split('name="csrf_token"')[0] and key not in page

    monkeypatch.undo()
    assert await Comment.all().count() == 0


async def test_healthz_reports_the_database_unreachable(client, db, monkeypatch):
    assert (await client.get("/healthz")).status_code == 200
    database_dies(monkeypatch)
    response = await client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}


async def test_a_hearing_registration_comes_back_when_the_database_is_down(
    client, people: Personas, monkeypatch
):
    hearing = await _hearing(people)
    token = await csrf_token(client, f"/hearings/{hearing.id}")
    database_dies(monkeypatch)
    response = await client.post(
        f"/hearings/{hearing.id}/register",
        data={
            "csrf_token": token,
            "name": "李四",
            "phone": PHONE,
            "email": "lisi@example.cn",
            "category": "利害关系人",
            "role": "speaker",
            "stance": "oppose",
            "statement": "收费标准上调幅度过大，建议分步实施。",
            "consent": "1",
        },
    )
    assert response.status_code == 503
    assert "服务暂时不可用，您的内容尚未提交" in response.text
    assert ">收费标准上调幅度过大，建议分步实施。</textarea>" in response.text
    assert ">李四</textarea>" in response.text
    assert PHONE not in response.text and "lisi@example.cn" not in response.text
    monkeypatch.undo()
    assert await HearingRegistration.all().count() == 0


async def test_a_proposal_and_a_questionnaire_come_back_when_the_database_is_down(client, db, monkeypatch):
    token = await csrf_token(client, "/decisions")
    database_dies(monkeypatch)
    proposal = await client.post(
        "/decisions/proposals",
        data={
            "csrf_token": token,
            "kind": "new_item",
            "title": "建议将老旧小区加装电梯纳入目录",
            "body": "老旧小区加装电梯涉及面广，建议作为重大行政决策事项。",
            "name": "赵六",
            "contact": PHONE,
        },
    )
    assert proposal.status_code == 503
    assert ">建议将老旧小区加装电梯纳入目录</textarea>" in proposal.text
    assert ">老旧小区加装电梯涉及面广，建议作为重大行政决策事项。</textarea>" in proposal.text
    assert PHONE not in proposal.text

    answer = await client.post(
        "/decisions/1/evaluations/1/questionnaire",
        data={"csrf_token": token, "satisfaction": "2", "remark": "执行效果不如预期，收费过高。"},
    )
    assert answer.status_code == 503
    assert ">执行效果不如预期，收费过高。</textarea>" in answer.text
    monkeypatch.undo()
    assert await PublicProposal.all().count() == 0
