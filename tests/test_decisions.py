"""Major administrative decisions: the statutory steps are enforced, each refusal cites its article."""

from __future__ import annotations

from datetime import date

import pytest

from portal.models import (
    Attachment,
    Comment,
    Decision,
    DecisionChange,
    DecisionStatus,
    DraftKind,
    EvaluationTrigger,
    ProcedureStep,
    Role,
    StepDocument,
    StepKind,
    StepState,
)
from portal.services import decisions
from portal.services.decisions import DecisionError, StepUpdate
from tests.conftest import Personas, local_day, make_user, publish_text

UNIT = "广州市住房和城乡建设局"


async def _item(people: Personas, *, hearing: bool = False):
    catalog = await decisions.create_catalog(2020, actor=people.alice, ip="")
    item = await decisions.add_item(
        catalog,
        decisions.ItemInput("广州市城市更新实施办法", UNIT, in_hearing_catalog=hearing),
        actor=people.alice,
        ip="",
    )
    return catalog, item


def done(start: date, end: date, **kw: str) -> StepUpdate:
    return StepUpdate(StepState.DONE, started_on=start, completed_on=end, **kw)


async def test_an_item_gets_the_six_statutory_steps(db, people: Personas):
    _, item = await _item(people)
    kinds = [s.kind for s in await ProcedureStep.filter(decision=item).order_by("id")]
    assert [k.label for k in kinds] == [
        "公众参与",
        "专家论证",
        "风险评估",
        "合法性审查",
        "集体讨论决定",
        "决策公布",
    ]


async def test_not_applicable_needs_a_reason_and_core_steps_cannot_be_skipped(db, people: Personas):
    _, item = await _item(people)
    with pytest.raises(DecisionError, match="须说明理由"):
        await decisions.update_step(
            item,
            StepKind.EXPERT_ARGUMENTATION,
            StepUpdate(StepState.NOT_APPLICABLE),
            actor=people.alice,
            ip="",
        )
    await decisions.update_step(
        item,
        StepKind.EXPERT_ARGUMENTATION,
        StepUpdate(StepState.NOT_APPLICABLE, not_applicable_reason="专业性不强，已通过座谈会听取意见"),
        actor=people.alice,
        ip="",
    )
    with pytest.raises(DecisionError, match="必经程序"):
        await decisions.update_step(
            item,
            StepKind.LEGALITY_REVIEW,
            StepUpdate(StepState.NOT_APPLICABLE, not_applicable_reason="x"),
            actor=people.alice,
            ip="",
        )


async def test_public_participation_needs_a_consultation_draft_whose_window_ended(db, people: Personas):
    _, item = await _item(people)
    with pytest.raises(DecisionError, match="第十五条"):
        await decisions.update_step(
            item,
            StepKind.PUBLIC_PARTICIPATION,
            done(date(2020, 3, 1), date(2020, 4, 5)),
            actor=people.alice,
            ip="",
        )
    draft = await publish_text(kind=DraftKind.MAJOR_DECISION)
    await decisions.link_draft(item, draft.id, actor=people.alice, ip="")
    with pytest.raises(DecisionError, match="征求意见期尚未结束"):
        await decisions.update_step(
            item,
            StepKind.PUBLIC_PARTICIPATION,
            done(date(2020, 3, 1), date(2020, 4, 5)),
            actor=people.alice,
            ip="",
        )
    closed = await publish_text(
        kind=DraftKind.MAJOR_DECISION, title="已结束的决策草案", opens_days=-40, closes_days=-5
    )
    await decisions.link_draft(item, closed.id, actor=people.alice, ip="")
    await decisions.update_step(
        item,
        StepKind.PUBLIC_PARTICIPATION,
        done(date(2020, 3, 1), date(2020, 4, 5)),
        actor=people.alice,
        ip="",
    )


async def test_only_a_major_decision_draft_can_be_linked(db, people: Personas):
    _, item = await _item(people)
    regulation = await publish_text(kind=DraftKind.LOCAL_REGULATION)
    with pytest.raises(DecisionError, match="重大行政决策草案"):
        await decisions.link_draft(item, regulation.id, actor=people.alice, ip="")


async def test_legality_review_takes_at_least_seven_working_days(db, people: Personas):
    _, item = await _item(people)
    # Mon 2 Mar 2020 to Tue 10 Mar: 7 working days; to Mon 9 Mar: 6.
    with pytest.raises(
        DecisionError,
        match="6 个工作日，少于法定的不少于 7 个工作日（《重大行政决策程序暂行条例》第二十六条）",
    ):
        await decisions.update_step(
            item,
            StepKind.LEGALITY_REVIEW,
            done(date(2020, 3, 2), date(2020, 3, 9)),
            actor=people.alice,
            ip="",
        )
    await decisions.update_step(
        item, StepKind.LEGALITY_REVIEW, done(date(2020, 3, 2), date(2020, 3, 10)), actor=people.alice, ip=""
    )


async def test_collective_discussion_waits_for_legality_review(db, people: Personas):
    _, item = await _item(people)
    start = StepUpdate(StepState.IN_PROGRESS, started_on=date(2020, 5, 1))
    with pytest.raises(DecisionError, match="第二十五条、第二十六条"):
        await decisions.update_step(item, StepKind.COLLECTIVE_DISCUSSION, start, actor=people.alice, ip="")
    await decisions.update_step(
        item, StepKind.LEGALITY_REVIEW, done(date(2020, 3, 2), date(2020, 3, 20)), actor=people.alice, ip=""
    )
    await decisions.update_step(item, StepKind.COLLECTIVE_DISCUSSION, start, actor=people.alice, ip="")
    await item.refresh_from_db()
    assert item.status == DecisionStatus.IN_PROGRESS


async def test_a_hearing_catalog_item_needs_its_hearing_report_first(db, people: Personas):
    _, item = await _item(people, hearing=True)
    await decisions.update_step(
        item, StepKind.LEGALITY_REVIEW, done(date(2020, 3, 2), date(2020, 3, 20)), actor=people.alice, ip=""
    )
    start = StepUpdate(StepState.IN_PROGRESS, started_on=date(2020, 5, 1))
    with pytest.raises(DecisionError, match="听证报告公布前不得提交集体讨论"):
        await decisions.update_step(item, StepKind.COLLECTIVE_DISCUSSION, start, actor=people.alice, ip="")
    attachment = await Attachment.create(
        original_name="听证报告.pdf",
        stored_name="x" * 32,
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
    )
    step = await ProcedureStep.get(decision=item, kind=StepKind.PUBLIC_PARTICIPATION)
    await StepDocument.create(step=step, attachment=attachment, title="听证报告", is_hearing_report=True)
    await decisions.update_step(item, StepKind.COLLECTIVE_DISCUSSION, start, actor=people.alice, ip="")


async def test_the_decision_records_meeting_outcome_and_dissent_then_publication_explains_adoption(
    db, people: Personas
):
    _, item = await _item(people)
    await decisions.update_step(
        item, StepKind.LEGALITY_REVIEW, done(date(2020, 3, 2), date(2020, 3, 20)), actor=people.alice, ip=""
    )
    with pytest.raises(DecisionError, match="第三十条"):
        await decisions.update_step(
            item,
            StepKind.COLLECTIVE_DISCUSSION,
            done(date(2020, 5, 6), date(2020, 5, 6)),
            actor=people.alice,
            ip="",
        )
    await decisions.update_step(
        item,
        StepKind.COLLECTIVE_DISCUSSION,
        done(
            date(2020, 5, 6),
            date(2020, 5, 6),
            meeting="市政府第15届112次常务会议",
            outcome="原则通过",
            dissent="有委员建议延长过渡期",
        ),
        actor=people.alice,
        ip="",
    )
    await item.refresh_from_db()
    assert item.status == DecisionStatus.DECIDED and item.decided_on == date(2020, 5, 6)
    with pytest.raises(DecisionError, match="第三十二条"):
        await decisions.update_step(
            item, StepKind.PUBLICATION, done(date(2020, 5, 20), date(2020, 5, 20)), actor=people.alice, ip=""
        )
    await decisions.update_step(
        item,
        StepKind.PUBLICATION,
        done(date(2020, 5, 20), date(2020, 5, 20), adoption_explanation="采纳意见12条。"),
        actor=people.alice,
        ip="",
    )
    await item.refresh_from_db()
    assert item.status == DecisionStatus.PUBLISHED and item.published_at is not None


async def test_organizers_manage_only_their_own_units_items(db, people: Personas):
    _, item = await _item(people)
    own = await make_user("zhang", Role.ORGANIZER)
    own.organisation = UNIT
    other = await make_user("wang", Role.ORGANIZER)
    other.organisation = "广州市交通运输局"
    assert decisions.can_manage(own, item) and not decisions.can_manage(other, item)
    assert decisions.can_manage(people.alice, item) and not decisions.can_manage(people.leo, item)


async def test_adjusting_a_published_catalog_is_public_with_a_reason(db, people: Personas):
    catalog, item = await _item(people)
    await decisions.publish_catalog(catalog, date(2020, 3, 31), actor=people.alice, ip="")
    with pytest.raises(DecisionError, match="目录调整"):
        await decisions.add_item(catalog, decisions.ItemInput("新增事项", UNIT), actor=people.alice, ip="")
    await decisions.add_item(
        catalog,
        decisions.ItemInput("新增事项", UNIT),
        actor=people.alice,
        ip="",
        reason="市政府常务会议决定增补",
    )
    with pytest.raises(DecisionError, match="理由"):
        await decisions.withdraw_item(item, "", actor=people.alice, ip="")
    await decisions.withdraw_item(item, "上位法修改，暂缓决策", actor=people.alice, ip="")
    assert [c.kind for c in await DecisionChange.all().order_by("id")] == ["added", "withdrawn"]


async def _published(people: Personas):
    _, item = await _item(people)
    await decisions.update_step(
        item,
        StepKind.RISK_ASSESSMENT,
        done(date(2020, 2, 1), date(2020, 2, 20), responsible="广州市社会科学院"),
        actor=people.alice,
        ip="",
    )
    await decisions.update_step(
        item, StepKind.LEGALITY_REVIEW, done(date(2020, 3, 2), date(2020, 3, 20)), actor=people.alice, ip=""
    )
    await decisions.update_step(
        item,
        StepKind.COLLECTIVE_DISCUSSION,
        done(date(2020, 5, 6), date(2020, 5, 6), meeting="常务会议", outcome="通过"),
        actor=people.alice,
        ip="",
    )
    await decisions.update_step(
        item,
        StepKind.PUBLICATION,
        done(date(2020, 5, 20), date(2020, 5, 20), adoption_explanation="说明"),
        actor=people.alice,
        ip="",
    )
    return item


async def test_the_evaluator_must_differ_from_the_risk_assessor(db, people: Personas):
    item = await _published(people)
    data = decisions.EvaluationInput(EvaluationTrigger.DECISION_BODY, "广州市 社会科学院", date(2022, 1, 1))
    with pytest.raises(DecisionError, match="第三十六条"):
        await decisions.start_evaluation(item, data, actor=people.alice, ip="")
    evaluation = await decisions.start_evaluation(
        item,
        decisions.EvaluationInput(
            EvaluationTrigger.DECISION_BODY, "中山大学地方治理研究院", date(2022, 1, 1)
        ),
        actor=people.alice,
        ip="",
    )
    with pytest.raises(DecisionError, match="人大代表、政协委员"):
        await decisions.publish_evaluation(
            evaluation, decisions.Conclusion.ADJUST, "建议调整", actor=people.alice, ip=""
        )
    evaluation.deputies_participation = "邀请市人大代表3名、政协委员2名参加座谈"
    await evaluation.save()
    with pytest.raises(DecisionError, match="评估指标"):
        await decisions.publish_evaluation(
            evaluation, decisions.Conclusion.ADJUST, "建议调整", actor=people.alice, ip=""
        )
    await decisions.set_indicators(evaluation, [("改造项目完成数", "50 个", "46 个"), ("", "", "")])
    await decisions.publish_evaluation(
        evaluation, decisions.Conclusion.ADJUST, "总体达到预期，建议调整补偿标准", actor=people.alice, ip=""
    )
    assert evaluation.published_at is not None and not evaluation.questionnaire_open


async def test_only_a_published_decision_is_evaluated(db, people: Personas):
    _, item = await _item(people)
    with pytest.raises(DecisionError, match="已公布实施"):
        await decisions.start_evaluation(
            item,
            decisions.EvaluationInput(EvaluationTrigger.PUBLIC_OPINION, "某研究院", date(2022, 1, 1)),
            actor=people.alice,
            ip="",
        )


async def test_the_questionnaire_counts_each_visitor_once(db, people: Personas):
    item = await _published(people)
    evaluation = await decisions.start_evaluation(
        item,
        decisions.EvaluationInput(EvaluationTrigger.PUBLIC_OPINION, "第三方机构", date(2022, 1, 1)),
        actor=people.alice,
        ip="",
    )
    await decisions.answer_questionnaire(evaluation, 4, "总体满意", "visitor-a")
    await decisions.answer_questionnaire(evaluation, 2, "补偿偏低", "visitor-b")
    with pytest.raises(DecisionError, match="已经填写过"):
        await decisions.answer_questionnaire(evaluation, 5, "", "visitor-a")
    summary = await decisions.questionnaire_summary(evaluation)
    assert summary.responses == 2 and summary.average == 3.0 and summary.distribution[4] == 1


async def test_an_evaluation_is_offered_when_the_public_said_a_lot(db, people: Personas):
    _, item = await _item(people)
    draft = await publish_text(kind=DraftKind.MAJOR_DECISION)
    await decisions.link_draft(item, draft.id, actor=people.alice, ip="")
    assert not await decisions.evaluation_suggested(item, threshold=3)
    for _ in range(3):
        await decisions.propose(decisions.ProposalKind.HEARING, 2020, "请举行听证", decision=item)
    assert await decisions.evaluation_suggested(item, threshold=3)
    assert await Comment.filter(draft=draft).count() == 0


async def test_citizens_propose_items_and_request_hearings_moderated(db, people: Personas):
    with pytest.raises(DecisionError, match="事项名称"):
        await decisions.propose(decisions.ProposalKind.NEW_ITEM, 2020, "建议内容")
    ok = await decisions.propose(
        decisions.ProposalKind.NEW_ITEM, 2020, "建议制定电动自行车管理规定", title="电动自行车管理"
    )
    held = await decisions.propose(
        decisions.ProposalKind.NEW_ITEM, 2020, "详见 www.spam.example.com", title="广告"
    )
    assert ok.moderation == "published" and held.moderation == "pending"


async def test_the_demo_catalog_through_the_api(client, db):
    from portal.services import demo

    await demo.seed()
    year = local_day().year  # the demo's catalog is of the year it is loaded
    body = (await client.get(f"/api/v1/decisions?year={year}")).json()
    assert body["year"] == year and len(body["items"]) == 8
    hearing = [i for i in body["items"] if i["in_hearing_catalog"]]
    assert len(hearing) == 2 and any("城市更新" in i["title"] for i in hearing)
    first = body["items"][0]
    assert [s["kind"] for s in first["steps"]] == [
        "public_participation",
        "expert_argumentation",
        "risk_assessment",
        "legality_review",
        "collective_discussion",
        "publication",
    ]
    assert {"name", "state", "started_on", "completed_on"} <= set(first["steps"][0])
    assert first["steps"][3]["name"] == "合法性审查"
    one = (await client.get(f"/api/v1/decisions/{first['id']}")).json()
    assert one["title"] == first["title"] and one["steps"] == first["steps"]
    assert (await client.get("/api/v1/decisions/99999")).status_code == 404


async def test_the_public_catalog_and_timeline(client, db):
    from portal.services import demo

    await demo.seed()
    year = local_day().year
    page = (await client.get("/decisions")).text  # this year's catalog unless another is asked for
    assert f"{year} 年度重大行政决策事项目录" in page and "列入听证目录 2 项" in page
    assert "广州市城市更新实施办法（修订）" in page
    renewal = await Decision.get(title="广州市城市更新实施办法（修订）")
    timeline = (await client.get(f"/decisions/{renewal.id}")).text
    assert '合法性审查 <span class="badge">已完成</span>' in timeline
    assert '集体讨论决定 <span class="badge">未开始</span>' in timeline
    assert "（征求意见稿）" in timeline
    evaluated = await Decision.get(title="广州市共享单车管理办法")
    done = (await client.get(f"/decisions/{evaluated.id}")).text
    assert "评估结论：调整" in done and "中心城区共享单车规范停放率" in done and "平均满意度 3.5 / 5" in done
    csv_text = (await client.get(f"/decisions/export.csv?year={year}")).content.decode("utf-8-sig")
    assert csv_text.count("\n") == 9 and "广州市城市更新实施办法（修订）" in csv_text


async def test_a_citizen_requests_a_hearing_and_it_is_counted(client, db):
    from tests.conftest import csrf_token

    catalog = await decisions.create_catalog(2021, actor=None, ip="")  # type: ignore[arg-type]
    item = await decisions.add_item(catalog, decisions.ItemInput("某事项", UNIT), actor=None, ip="")  # type: ignore[arg-type]
    await decisions.publish_catalog(catalog, date(2021, 3, 1), actor=None, ip="")  # type: ignore[arg-type]
    token = await csrf_token(client, f"/decisions/{item.id}")
    response = await client.post(
        "/decisions/proposals",
        data={
            "kind": "hearing",
            "decision": str(item.id),
            "year": "2021",
            "body": "涉及群众切身利益，请举行听证。",
            "csrf_token": token,
        },
    )
    assert response.status_code == 303
    assert "已有 1 人申请举行听证" in (await client.get(f"/decisions/{item.id}")).text
    refused = await client.post(
        "/decisions/proposals", data={"kind": "new_item", "year": "2021", "body": "内容", "csrf_token": token}
    )
    assert (
        refused.status_code == 400
        and "请填写建议列入目录的事项名称" in refused.text
        and "内容" in refused.text
    )


async def test_an_organizer_works_the_steps_of_their_units_item_in_the_browser_forms(
    client, people: Personas
):
    from tests.conftest import csrf_token, login

    _, item = await _item(people)
    own = await make_user("zhang", Role.ORGANIZER)
    own.organisation = UNIT
    await own.save()
    other = await make_user("wang", Role.ORGANIZER)
    other.organisation = "广州市交通运输局"
    await other.save()
    await login(client, other)
    assert (await client.get(f"/staff/decisions/{item.id}")).status_code == 403
    client.cookies.clear()
    await login(client, own)
    page = await client.get(f"/staff/decisions/{item.id}")
    assert page.status_code == 200 and "合法性审查" in page.text
    token = await csrf_token(client, f"/staff/decisions/{item.id}")
    refused = await client.post(
        f"/staff/decisions/{item.id}/steps/legality_review",
        data={"state": "done", "started_on": "2020-03-02", "completed_on": "2020-03-05", "csrf_token": token},
    )
    shown = (await client.get(refused.headers["location"].split("#")[0])).text
    assert "合法性审查：合法性审查时间为 4 个工作日，少于法定的不少于 7 个工作日" in shown
    await client.post(
        f"/staff/decisions/{item.id}/steps/legality_review",
        data={"state": "done", "started_on": "2020-03-02", "completed_on": "2020-03-20", "csrf_token": token},
    )
    step = await ProcedureStep.get(decision=item, kind=StepKind.LEGALITY_REVIEW)
    assert step.state == StepState.DONE and step.completed_on == date(2020, 3, 20)
    other_step = await client.post(
        f"/staff/decisions/{item.id}/steps/legality_review", data={"state": "pending", "csrf_token": token}
    )
    assert other_step.status_code == 303
    client.cookies.clear()
    await login(client, other)
    token = await csrf_token(client, "/staff/decisions")
    blocked = await client.post(
        f"/staff/decisions/{item.id}/steps/legality_review", data={"state": "pending", "csrf_token": token}
    )
    assert blocked.status_code == 403


async def test_a_held_proposal_is_counted_once_a_moderator_lets_it_through(client, people: Personas):
    from portal.models import PublicProposal
    from tests.conftest import csrf_token, login

    held = await decisions.propose(
        decisions.ProposalKind.NEW_ITEM, 2020, "详见 www.example.com", title="网址"
    )
    await login(client, people.mona)
    page = (await client.get("/staff/moderation")).text
    assert "决策事项建议和听证申请" in page and "详见 www.example.com" in page
    token = await csrf_token(client, "/staff/moderation")
    await client.post(
        "/staff/moderation", data={"proposal_ids": str(held.id), "action": "publish", "csrf_token": token}
    )
    assert (await PublicProposal.get(id=held.id)).moderation == "published"


async def test_public_documents_download_and_private_ones_do_not(client, db, tmp_path, settings):
    from portal.services import demo

    await demo.seed(upload_dir=settings.upload_dir)
    report = await StepDocument.filter(is_hearing_report=True).first().select_related("attachment")
    response = await client.get(f"/decisions/documents/{report.attachment.id}")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response.headers["content-disposition"].startswith("attachment;")
    report.public = False
    await report.save()
    assert (await client.get(f"/decisions/documents/{report.attachment.id}")).status_code == 404
    evaluated = await Decision.get(title="广州市共享单车管理办法")
    page = (await client.get(f"/decisions/{evaluated.id}")).text
    assert "下载评估报告" in page
    link = page.split('<a href="/decisions/documents/')[-1].split('"')[0]
    assert (await client.get(f"/decisions/documents/{link}")).status_code == 200


async def test_an_organizer_links_only_a_consultation_drafted_by_their_own_unit(client, people: Personas):
    from portal.models import Draft
    from tests.conftest import csrf_token, login

    _, item = await _item(people)
    own = await make_user("zhang", Role.ORGANIZER)
    own.organisation = UNIT
    await own.save()
    theirs = await publish_text(title="另一单位的征求意见稿", kind=DraftKind.MAJOR_DECISION)  # 广州市测试局
    ours = await publish_text(title="本单位的征求意见稿", kind=DraftKind.MAJOR_DECISION)
    await Draft.filter(id=ours.id).update(drafting_body=UNIT)
    await login(client, own)
    page = await client.get(f"/staff/decisions/{item.id}")
    assert "本单位的征求意见稿" in page.text and "另一单位的征求意见稿" not in page.text
    token = await csrf_token(client, f"/staff/decisions/{item.id}")
    refused = await client.post(
        f"/staff/decisions/{item.id}/draft", data={"draft": str(theirs.id), "csrf_token": token}
    )
    assert refused.status_code == 403 and "本单位" in refused.text
    assert (await Decision.get(id=item.id)).draft_id is None
    linked = await client.post(
        f"/staff/decisions/{item.id}/draft", data={"draft": str(ours.id), "csrf_token": token}
    )
    assert linked.status_code == 303 and (await Decision.get(id=item.id)).draft_id == ours.id
    assert decisions.may_use_draft(people.alice, theirs) and not decisions.may_use_draft(people.leo, ours)
