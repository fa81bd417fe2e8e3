"""Legislators decide on each opinion and publish the 意见采纳情况说明; commenters see it by receipt."""

from __future__ import annotations

from portal.models import AuditEvent, Comment, DraftStatus, Outcome, Processing
from portal.services import drafts
from tests.conftest import Personas, csrf_token, login, publish_text
from tests.test_comments import post_comment


async def _draft_with_comments(client, n: int = 3):
    draft = await publish_text()
    for i in range(n):
        await post_comment(client, draft.id, "tiao-3", body=f"第{i}条关于砍伐的意见")
    await post_comment(client, draft.id, body="整体意见")
    return draft


async def test_the_way_back_from_a_filtered_list_keeps_each_value_escaped(
    client, other_client, people: Personas
):
    draft = await _draft_with_comments(other_client, 1)
    await login(client, people.leo)
    page = await client.get(f"/staff/drafts/{draft.id}/comments?article=tiao-3&note=a%26outcome%3Dadopted")
    back = (
        f'name="back" value="/staff/drafts/{draft.id}/comments?article=tiao-3&amp;note=a%26outcome%3Dadopted"'
    )
    assert back in page.text


async def test_a_legislator_sets_an_outcome_on_a_group_of_comments(client, other_client, people: Personas):
    draft = await _draft_with_comments(other_client)
    ids = [str(c.id) for c in await Comment.filter(unit_key="tiao-3")]
    await login(client, people.leo)
    page = await client.get(f"/staff/drafts/{draft.id}/comments?article=tiao-3")
    assert page.status_code == 200 and "共 3 条意见" in page.text
    token = await csrf_token(client, f"/staff/drafts/{draft.id}/comments")
    refused = await client.post(
        f"/staff/drafts/{draft.id}/comments/outcome",
        data={"ids": ids, "outcome": "not_adopted", "csrf_token": token},
    )
    assert refused.status_code == 303
    assert not await Comment.filter(outcome__isnull=False).exists()
    await client.post(
        f"/staff/drafts/{draft.id}/comments/outcome",
        data={
            "ids": ids,
            "outcome": "partly_adopted",
            "reason": "已在修改稿中增加审批时限",
            "csrf_token": token,
        },
    )
    decided = await Comment.filter(outcome=Outcome.PARTLY_ADOPTED)
    assert len(decided) == 3 and all(c.processing == Processing.DECIDED for c in decided)
    assert await AuditEvent.filter(action="comment_outcome_set", actor_id=people.leo.id).exists()


async def test_adopted_needs_no_reason(client, other_client, people: Personas):
    draft = await _draft_with_comments(other_client, 1)
    comment = await Comment.get(unit_key="tiao-3")
    await login(client, people.leo)
    token = await csrf_token(client, f"/staff/comments/{comment.id}")
    await client.post(
        f"/staff/comments/{comment.id}/outcome", data={"outcome": "adopted", "csrf_token": token}
    )
    await comment.refresh_from_db()
    assert comment.outcome == Outcome.ADOPTED
    assert draft.id == comment.draft_id


async def test_the_feedback_report_waits_for_the_window_to_close(client, other_client, people: Personas):
    draft = await _draft_with_comments(other_client)
    await login(client, people.leo)
    token = await csrf_token(client, f"/staff/drafts/{draft.id}/feedback")
    response = await client.post(
        f"/staff/drafts/{draft.id}/feedback", data={"summary": "说明", "csrf_token": token}
    )
    assert response.status_code == 400
    assert "征求意见期结束后才能公布意见采纳情况。" in response.text


async def test_receipts_show_outcomes_once_the_report_is_published(client, other_client, people: Personas):
    draft = await _draft_with_comments(other_client)
    comment = await Comment.get(unit_key="tiao-3", body="第0条关于砍伐的意见")
    await login(client, people.leo)
    token = await csrf_token(client, f"/staff/comments/{comment.id}")
    await client.post(
        f"/staff/comments/{comment.id}/outcome",
        data={"outcome": "not_adopted", "reason": "上位法已有规定", "csrf_token": token},
    )
    before = (await other_client.get("/receipt", params={"code": comment.receipt_code})).text
    assert "上位法已有规定" not in before
    assert "结果将随意见采纳情况说明一并公布" in before
    await drafts.close(draft, reason="意见已充分收集。", actor=people.leo)
    response = await client.post(
        f"/staff/drafts/{draft.id}/feedback",
        data={"summary": "共收到意见4条，经研究，部分意见已予采纳。", "csrf_token": token},
    )
    assert response.status_code == 303
    await draft.refresh_from_db()
    assert draft.status == DraftStatus.FEEDBACK_PUBLISHED
    after = (await other_client.get("/receipt", params={"code": comment.receipt_code})).text
    assert "不予采纳" in after and "上位法已有规定" in after
    report = (await other_client.get(f"/drafts/{draft.id}/feedback")).text
    assert "共收到意见 4 条" in report
    assert "第三条（3 条意见）" in report
    assert "<strong>不予采纳</strong> 1 条：上位法已有规定" in report
    assert "<strong>未单独处理</strong> 2 条" in report
    assert "对草案整体的意见（1 条意见）" in report
    assert "共收到意见4条，经研究，部分意见已予采纳。" in report
    api = (await other_client.get(f"/api/v1/drafts/{draft.id}/comments")).json()
    decided = [c for c in api["items"] if c["outcome"]]
    assert decided == [next(c for c in api["items"] if c["id"] == comment.id)]
    assert decided[0]["outcome_reason"] == "上位法已有规定"


async def test_an_unpublished_report_is_not_public(client, people: Personas):
    draft = await publish_text()
    response = await client.get(f"/drafts/{draft.id}/feedback")
    assert response.status_code == 404 and "意见采纳情况说明尚未公布" in response.text


async def test_staff_reassign_with_a_reason_and_the_old_point_loses_access(
    client, other_client, people: Personas
):
    draft = await publish_text()
    await post_comment(other_client, draft.id, district="天河")
    comment = await Comment.get()
    assert comment.liaison_point_id == people.tianhe.id
    await login(client, people.lily)
    assert (await client.get(f"/staff/comments/{comment.id}")).status_code == 200
    token = await csrf_token(client, f"/staff/comments/{comment.id}")
    refused = await client.post(
        f"/staff/comments/{comment.id}/reassign",
        data={"point_code": "GZ-T-02", "reason": "", "csrf_token": token},
    )
    assert refused.status_code == 303
    await comment.refresh_from_db()
    assert comment.liaison_point_id == people.tianhe.id
    await client.post(
        f"/staff/comments/{comment.id}/reassign",
        data={"point_code": "GZ-T-02", "reason": "意见涉及海珠区的古树", "csrf_token": token},
    )
    await comment.refresh_from_db()
    assert comment.liaison_point_id == people.haizhu.id
    assert comment.routing_note == "意见涉及海珠区的古树"
    assert (await client.get(f"/staff/comments/{comment.id}")).status_code == 404
    event = await AuditEvent.get(action="comment_reassigned")
    assert event.detail["reason"] == "意见涉及海珠区的古树"


async def test_seeing_full_contact_details_is_audited_and_moderators_never_see_them(
    client, other_client, people
):
    draft = await publish_text()
    await post_comment(other_client, draft.id, name="赵六", phone="13900001111")
    comment = await Comment.get()
    await login(client, people.leo)
    masked = (await client.get(f"/staff/comments/{comment.id}")).text
    assert "139****1111" in masked and "13900001111" not in masked
    full = (await client.get(f"/staff/comments/{comment.id}?contact=1")).text
    assert "13900001111" in full
    assert await AuditEvent.filter(action="comment_contact_viewed", actor_id=people.leo.id).exists()
    client.cookies.clear()
    await login(client, people.mona)
    moderator_view = (await client.get(f"/staff/comments/{comment.id}?contact=1")).text
    assert "1390000" not in moderator_view and "赵六" not in moderator_view


async def test_another_points_liaison_cannot_open_a_comment(client, other_client, people: Personas):
    draft = await publish_text()
    await post_comment(other_client, draft.id, district="天河")
    comment = await Comment.get()
    await login(client, people.ben)
    assert (await client.get(f"/staff/comments/{comment.id}")).status_code == 404
