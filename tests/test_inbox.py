"""A liaison point works its inbox: only its own items, due dates in working days, overdue first."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from tortoise.timezone import now

from portal.models import AuditEvent, Comment, Processing
from portal.services.comments import due_date
from tests.conftest import Personas, csrf_token, local_day, login, publish_text
from tests.test_comments import post_comment

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_due_dates_skip_weekends():
    friday = datetime(2031, 3, 7, 10, tzinfo=SHANGHAI)  # beyond the holiday data: plain Mon-Fri
    assert due_date(friday, 3).date() == date(2031, 3, 12)  # Mon, Tue, Wed
    assert due_date(friday, 3).hour == 23


def test_due_dates_skip_public_holidays():
    before_national_day = datetime(2026, 9, 30, 9, tzinfo=SHANGHAI)
    assert due_date(before_national_day, 1).date() == date(2026, 10, 8)  # 1-7 October are off


async def _routed(client, draft, n: int, district: str = "天河") -> list[Comment]:
    for i in range(n):
        await post_comment(client, draft.id, body=f"天河居民的意见{i}", district=district)
    return list(await Comment.all().order_by("id"))


async def test_a_liaison_user_sees_only_their_points_items(client, other_client, people: Personas):
    draft = await publish_text()
    await _routed(other_client, draft, 2, "天河")
    await _routed(other_client, draft, 1, "海珠")
    await login(client, people.lily)
    page = (await client.get("/staff/inbox")).text
    assert "收件箱：猎德街道基层立法联系点" in page
    assert "天河居民的意见0" in page and "天河居民的意见1" in page
    assert page.count('name="ids"') == 2
    # Asking for another point gets nothing of it.
    assert (await client.get("/staff/inbox?point=GZ-T-02")).status_code == 404
    other = await Comment.get(liaison_point=people.haizhu)
    assert (await client.get(f"/staff/comments/{other.id}")).status_code == 404


async def test_acting_on_another_points_item_changes_nothing(client, other_client, people: Personas):
    draft = await publish_text()
    await _routed(other_client, draft, 1, "海珠")
    foreign = await Comment.get()
    await login(client, people.lily)
    token = await csrf_token(client, "/staff/inbox")
    await client.post(
        "/staff/inbox", data={"ids": str(foreign.id), "action": "acknowledge", "csrf_token": token}
    )
    await foreign.refresh_from_db()
    assert foreign.processing == Processing.RECEIVED


async def test_an_admin_can_open_any_points_inbox(client, other_client, people: Personas):
    draft = await publish_text()
    await _routed(other_client, draft, 1, "海珠")
    await login(client, people.alice)
    page = (await client.get("/staff/inbox?point=GZ-T-02")).text
    assert "收件箱：南华西街道基层立法联系点" in page and "天河居民的意见0" in page


async def test_overdue_items_come_first_and_are_counted(client, other_client, people: Personas):
    draft = await publish_text()
    items = await _routed(other_client, draft, 3)
    await Comment.filter(id=items[2].id).update(due_at=now() - timedelta(days=2))
    await Comment.filter(id=items[1].id).update(due_at=now() - timedelta(days=1))
    await login(client, people.lily)
    page = (await client.get("/staff/inbox")).text
    assert "<strong>3</strong> 条待签收" in page and "<strong>2</strong> 条已超期" in page
    order = [page.index(f"天河居民的意见{i}") for i in (2, 1, 0)]
    assert order == sorted(order)
    only = (await client.get("/staff/inbox?overdue=1")).text
    assert "天河居民的意见0" not in only and "天河居民的意见2" in only


async def test_the_way_back_keeps_each_filter_value_escaped(client, other_client, people: Personas):
    draft = await publish_text()
    await _routed(other_client, draft, 1)
    await login(client, people.lily)
    page = (await client.get("/staff/inbox?sort=due&note=a%26point%3DGZ-T-02")).text
    # Not "note=a&point=GZ-T-02": a value cannot add a parameter to the page the form returns to.
    assert 'name="back" value="/staff/inbox?sort=due&amp;note=a%26point%3DGZ-T-02"' in page


async def test_acknowledge_forward_and_return_are_audited(client, other_client, people: Personas):
    draft = await publish_text()
    a, b, c = await _routed(other_client, draft, 3)
    await login(client, people.lily)
    token = await csrf_token(client, "/staff/inbox")
    await client.post(
        "/staff/inbox", data={"ids": [str(a.id), str(b.id)], "action": "acknowledge", "csrf_token": token}
    )
    await client.post(
        "/staff/inbox",
        data={"ids": str(b.id), "action": "forward", "note": "涉及收费标准", "csrf_token": token},
    )
    refused = await client.post(
        "/staff/inbox", data={"ids": str(c.id), "action": "return", "csrf_token": token}
    )
    assert "退回改派需要说明理由。" in (await client.get(refused.headers["location"])).text
    await client.post(
        "/staff/inbox",
        data={"ids": str(c.id), "action": "return", "note": "意见涉及海珠区", "csrf_token": token},
    )
    for item in (a, b, c):
        await item.refresh_from_db()
    assert a.processing == Processing.ACKNOWLEDGED and a.acknowledged_at is not None
    assert b.processing == Processing.FORWARDED and b.forward_note == "涉及收费标准"
    assert c.returned_reason == "意见涉及海珠区"
    assert await AuditEvent.filter(action="inbox_acknowledge").count() == 2
    history = (await client.get(f"/staff/comments/{b.id}")).text
    assert "inbox_acknowledge" in history and "inbox_forward" in history
    client.cookies.clear()
    await login(client, people.leo)
    dashboard = (await client.get("/staff/")).text
    assert "联系点退回的意见" in dashboard and "意见涉及海珠区" in dashboard
    token = await csrf_token(client, f"/staff/comments/{c.id}")
    await client.post(
        f"/staff/comments/{c.id}/reassign",
        data={"point_code": "GZ-T-02", "reason": "按退回理由改派", "csrf_token": token},
    )
    await c.refresh_from_db()
    assert c.returned_at is None and c.liaison_point_id == people.haizhu.id


async def test_other_roles_have_no_inbox(client, people: Personas):
    for persona in ("leo", "mona", "olga"):
        await login(client, getattr(people, persona))
        assert (await client.get("/staff/inbox")).status_code == 403
        client.cookies.clear()


async def test_staff_register_a_letter_with_its_channel_and_themselves_as_entering(client, people: Personas):
    draft = await publish_text()
    await login(client, people.lily)
    form = (await client.get(f"/staff/comments/new?draft={draft.id}")).text
    token = await csrf_token(client, f"/staff/comments/new?draft={draft.id}")
    assert 'name="unit_key"' in form
    response = await client.post(
        "/staff/comments/new",
        data={
            "csrf_token": token,
            "draft": str(draft.id),
            "channel": "letter",
            "received_on": local_day().isoformat(),
            "unit_key": "tiao-3",
            "stance": "oppose",
            "body": "来信：反对本条。",
            "name": "周先生",
        },
    )
    assert response.status_code == 303
    comment = await Comment.get()
    assert comment.channel.value == "letter" and comment.entered_by_id == people.lily.id
    assert comment.liaison_point_id == people.tianhe.id and comment.routing_reason.value == "entered_by_staff"
    assert comment.unit_key == "tiao-3"


async def test_the_inbox_shows_a_long_comment_cut_by_characters_not_at_a_space(
    client, other_client, people: Personas
):
    body = (
        "依据 《中华人民共和国立法法》 第四十条，建议将本草案征求意见的期限延长至三十日以上，"
        "并在门户网站公开全部意见的采纳情况和不予采纳的理由，以便公众监督。"
    )
    draft = await publish_text()
    await post_comment(other_client, draft.id, body=body, district="天河")
    await login(client, people.lily)
    page = (await client.get("/staff/inbox")).text
    assert body[:50] + "…" in page
    assert "依据 《中华人民共和国立法法》 第四十条，建议" in page
    assert "《中华人民共和国立法法》..." not in page
