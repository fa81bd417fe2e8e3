"""A receipt never goes quiet (issue 25, item 8): open, it says what happens next and by when; closed
(early or not), it says so; once the 意见采纳情况说明 is published, it links to it and shows the
comment's own outcome, its form-letter group's, or plainly that it was not decided one by one."""

from __future__ import annotations

from datetime import date, timedelta

from tortoise.timezone import now

from portal.models import Comment, Draft, Outcome
from portal.services import comments, drafts, receipts
from portal.services.calendar import local_date
from tests.conftest import SMALL_LAW, Personas, local_day, publish_text
from tests.test_comments import post_comment

EARLY = "上位法修改，本轮征求意见提前结束。"


def cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


async def _commented(client, body: str = "建议明确砍伐许可的审批时限。") -> tuple[Draft, Comment]:
    draft = await publish_text(closes_days=30)
    assert (await post_comment(client, draft.id, "tiao-3", body=body, district="天河")).status_code == 303
    return draft, await Comment.get(body=body)


async def _state(comment: Comment) -> receipts.ReceiptState:
    found = await comments.by_receipt(comment.receipt_code)
    assert found is not None
    return await receipts.receipt_state(found)


async def _receipt_page(client, comment: Comment) -> str:
    response = await client.get("/receipt", params={"code": comment.receipt_code})
    assert response.status_code == 200
    return response.text


async def _window_ran_out(draft: Draft) -> None:
    await Draft.filter(id=draft.id).update(
        opens_at=now() - timedelta(days=40), closes_at=now() - timedelta(days=1)
    )


async def _report(draft: Draft, people: Personas) -> None:
    await comments.publish_feedback(
        await Draft.get(id=draft.id), "共收到意见若干条，经研究，部分意见已予采纳。", actor=people.leo, ip=""
    )


# --- open -----------------------------------------------------------------------------------------


async def test_a_fresh_receipt_says_what_happens_next_and_by_when(client, people: Personas):
    _draft, comment = await _commented(client)
    state = await _state(comment)
    assert state.stage == receipts.Stage.OPEN
    assert state.consultation == f"草案正在征求意见，{cn(local_day(30))}截止。"
    assert comment.due_at is not None
    acknowledge = f"承办联系点（猎德街道基层立法联系点）应于 {cn(local_date(comment.due_at))}前签收您的意见"
    assert state.next_steps[0].startswith(acknowledge)
    assert "公布意见采纳情况说明" in state.next_steps[-1] and state.outcome is None
    page = await _receipt_page(client, comment)
    assert "<h3>接下来</h3>" in page and acknowledge in page
    assert f"征求意见{cn(local_day(30))}截止；截止前，您还可以对草案的其他条文发表意见。" in page
    assert "<dt>处理结果</dt>" not in page


async def test_a_decided_comment_of_an_open_consultation_waits_for_the_report(client, people: Personas):
    _draft, comment = await _commented(client)
    await comments.set_outcome([comment], comments.OutcomeInput(Outcome.ADOPTED), actor=people.leo, ip="")
    page = await _receipt_page(client, comment)
    assert "已作出处理，结果将随意见采纳情况说明一并公布。" in page
    assert "<strong>采纳</strong>" not in page


# --- closed ---------------------------------------------------------------------------------------


async def test_a_closed_consultation_says_so_and_that_the_report_is_to_come(client, people: Personas):
    draft, comment = await _commented(client)
    await _window_ran_out(draft)
    state = await _state(comment)
    assert state.stage == receipts.Stage.CLOSED
    assert state.consultation == f"征求意见已于 {cn(local_day(-1))}结束。"
    page = await _receipt_page(client, comment)
    assert f"征求意见已于 {cn(local_day(-1))}结束。" in page
    assert "意见采纳情况说明尚未公布" in page
    assert "草案正在征求意见" not in page


async def test_an_early_close_is_told_with_its_reason(client, people: Personas):
    draft, comment = await _commented(client)
    await drafts.close(draft, reason=EARLY, actor=people.leo)
    state = await _state(comment)
    assert state.stage == receipts.Stage.CLOSED
    told = f"征求意见已于 {cn(local_day())} 提前结束（原定 {cn(local_day(30))}截止），理由：{EARLY}"
    assert state.consultation.startswith(told)
    assert told in await _receipt_page(client, comment)


async def test_a_withdrawn_draft_is_told(client, people: Personas):
    draft, comment = await _commented(client)
    await drafts.withdraw(draft, "不再制定。", actor=people.leo)
    state = await _state(comment)
    assert state.stage == receipts.Stage.WITHDRAWN
    page = await _receipt_page(client, comment)
    assert f"草案已于 {cn(local_day())} 撤回" in page and "理由：不再制定。" in page


# --- the report is published ----------------------------------------------------------------------


async def test_a_decided_comment_shows_its_outcome_and_the_report(client, people: Personas):
    draft, comment = await _commented(client)
    await comments.set_outcome(
        [comment], comments.OutcomeInput(Outcome.NOT_ADOPTED, "上位法已有规定"), actor=people.leo, ip=""
    )
    await drafts.close(draft, reason=EARLY, actor=people.leo)
    await _report(draft, people)
    state = await _state(comment)
    assert state.stage == receipts.Stage.REPORTED and state.report_published
    assert state.outcome is not None and state.outcome.outcome == Outcome.NOT_ADOPTED
    assert not state.outcome.from_group
    page = await _receipt_page(client, comment)
    assert "<strong>不予采纳</strong>：上位法已有规定" in page
    assert f'<a href="/drafts/{draft.id}/feedback">查看意见采纳情况说明</a>' in page
    assert f"意见采纳情况说明已于 {cn(local_day())}公布。" in page
    assert "<dt>处理进度</dt><dd>已作出处理</dd>" in page
    assert f"提前结束（原定 {cn(local_day(30))}截止），理由：{EARLY}" in page


async def test_an_undecided_comment_is_told_plainly_and_pointed_to_the_report(client, people: Personas):
    draft, comment = await _commented(client)
    await _window_ran_out(draft)
    await _report(draft, people)
    state = await _state(comment)
    assert state.outcome is None
    page = await _receipt_page(client, comment)
    assert "本条意见未逐条单独作出处理决定。各方意见的总体处理情况，请见意见采纳情况说明。" in page
    assert f'<a href="/drafts/{draft.id}/feedback">查看意见采纳情况说明</a>' in page
    assert "<dd>已收到</dd>" not in page
    assert "<dt>处理进度</dt><dd>未单独处理，见意见采纳情况说明</dd>" in page


async def _form_letter(client, n: int = 3) -> tuple[Draft, list[Comment]]:
    draft = await publish_text(closes_days=30)
    for i in range(n):
        await post_comment(client, draft.id, "tiao-3", body=f"坚决反对禁止砍伐（{i}）")
    members = await Comment.filter(draft=draft).order_by("id")
    await Comment.filter(draft=draft).update(cluster_id="c-form-letter")
    return draft, members


async def test_a_form_letter_member_grouped_after_the_decision_reads_the_groups_outcome(
    client, people: Personas
):
    draft, members = await _form_letter(client)
    decided = [m.id for m in members[:2]]
    await comments.set_outcome_bulk(
        draft, decided, comments.OutcomeInput(Outcome.PARTLY_ADOPTED, "已部分吸收"), actor=people.leo, ip=""
    )
    await _window_ran_out(draft)
    await _report(draft, people)
    late = await Comment.get(id=members[2].id)
    assert late.outcome is None  # stored on the members the group had when it was decided
    state = await _state(late)
    assert state.group_size == 3
    assert state.outcome is not None and state.outcome.from_group
    assert state.outcome.outcome == Outcome.PARTLY_ADOPTED and state.outcome.reason == "已部分吸收"
    page = await _receipt_page(client, late)
    assert "<strong>部分采纳</strong>：已部分吸收" in page and "相同意见统一作出的处理" in page
    assert "您的意见与其他 2 条意见内容相同，作为一条意见（3 人联署）统一处理。" in page
    # A member decided with the group reads it as its own.
    own = await _state(await Comment.get(id=members[0].id))
    assert own.outcome is not None and not own.outcome.from_group


async def test_a_group_with_differing_outcomes_gives_none_to_an_undecided_member(client, people: Personas):
    draft, members = await _form_letter(client)
    await comments.set_outcome([members[0]], comments.OutcomeInput(Outcome.ADOPTED), actor=people.leo, ip="")
    await comments.set_outcome(
        [members[1]], comments.OutcomeInput(Outcome.NOT_ADOPTED, "不宜规定"), actor=people.leo, ip=""
    )
    await _window_ran_out(draft)
    await _report(draft, people)
    state = await _state(await Comment.get(id=members[2].id))
    assert state.outcome is None and "未逐条单独作出处理决定" in state.outcome_note


async def test_a_second_round_keeps_showing_the_first_rounds_outcome(client, people: Personas):
    draft, comment = await _commented(client)
    await comments.set_outcome(
        [comment], comments.OutcomeInput(Outcome.ADOPTED, "已在二稿中修改"), actor=people.leo, ip=""
    )
    await _window_ran_out(draft)
    await _report(draft, people)
    draft = await Draft.get(id=draft.id)
    await drafts.add_version(draft, SMALL_LAW.replace("擅自砍伐", "违法砍伐"), label="二稿", actor=None)
    await drafts.publish(draft, opens=local_day(), closes=local_day(30), actor=None)
    state = await _state(comment)
    assert state.stage == receipts.Stage.OPEN and state.report_published
    page = await _receipt_page(client, comment)
    assert f"草案正在征求意见，{cn(local_day(30))}截止。意见采纳情况说明已于" in page
    assert "<strong>采纳</strong>：已在二稿中修改" in page
