"""Every free-text field that reaches a public page or the API is screened for personal data: a comment
(body, wording, quote, a name shown with consent, a meeting speaker's category) and a proposal wait for
a moderator, and what is published is masked; a questionnaire remark and a hearing statement are
masked before they are stored; a hearing registrant's public name and district may not carry any."""

from __future__ import annotations

from datetime import date

import httpx
import pytest
from tortoise.timezone import now

from portal.models import (
    Comment,
    DecisionStatus,
    EvaluationTrigger,
    Moderation,
    Outcome,
    PublicProposal,
    QuestionnaireResponse,
)
from portal.models import HearingRegistration as Registration
from portal.services import decisions
from tests.conftest import Personas, csrf_token, login, publish_text
from tests.test_comments import post_comment
from tests.test_hearing_pages import _form, _open_hearing
from tests.test_meetings import post_meeting

ID = "440106199003071231"  # a valid 居民身份证号 (check character 1), born 1990
CARD = "6222021234567890128"  # passes the Luhn check
MOBILE_WRITTEN = ("１３８ ００１３ ８０００", "138-0013-8000", "+86 138 0013 8000", "138.0013.8000")


async def _publish_all(draft_id: int) -> None:
    await Comment.filter(draft_id=draft_id).update(moderation=Moderation.PUBLISHED)


# --- comments -------------------------------------------------------------------------------------


async def test_a_comment_with_an_id_number_waits_and_its_author_is_told_why(client, people: Personas):
    draft = await publish_text()
    form = (await client.get(f"/drafts/{draft.id}/comment")).text
    assert "公开时隐去这些信息" in form and "《个人信息保护法》第二十八条" in form  # said before, too
    response = await post_comment(client, draft.id, body=f"本人身份证号{ID}，多次反映未获答复。")
    comment = await Comment.get()
    assert comment.moderation == Moderation.PENDING and "id_number" in comment.moderation_flags
    assert ID not in (await client.get(f"/drafts/{draft.id}/comments")).text
    receipt = (await client.get(response.headers["location"])).text
    assert "等待审核后公开" in receipt and "含有身份证号码" in receipt
    assert "《个人信息保护法》第二十八条" in receipt and "公开时这些信息会被隐去" in receipt
    assert ID not in receipt and "本人身份证号［身份证号码已隐去］" in receipt


@pytest.mark.parametrize("written", MOBILE_WRITTEN)
async def test_a_mobile_however_written_holds_the_comment(client, people: Personas, written: str):
    draft = await publish_text()
    await post_comment(client, draft.id, body=f"有问题请打{written}找我")
    comment = await Comment.get()
    assert comment.moderation == Moderation.PENDING and comment.moderation_flags == ["contact_in_body"]


async def test_a_bank_card_in_the_suggested_wording_holds_the_comment(client, people: Personas):
    draft = await publish_text()
    await post_comment(client, draft.id, "tiao-3", suggested_wording=f"补偿款打到{CARD}")
    assert (await Comment.get()).moderation_flags == ["bank_card"]


async def test_a_phone_typed_as_a_public_name_holds_the_comment(client, people: Personas):
    draft = await publish_text()
    await post_comment(client, draft.id, body="署名意见正文", name="张三 138-0013-8000", show_name="1")
    await post_comment(client, draft.id, body="不署名的意见", name="李四 13900139000")
    shown, private = await Comment.all().order_by("id")
    assert shown.moderation == Moderation.PENDING and shown.moderation_flags == ["personal_data_in_name"]
    assert private.moderation == Moderation.PUBLISHED  # the name is never shown: nothing to hold
    page = (await client.get(f"/drafts/{draft.id}/comments")).text
    assert "署名意见正文" not in page and "13900139000" not in page


async def test_what_a_moderator_publishes_is_shown_masked_on_every_public_page_and_in_the_api(
    client, other_client, people: Personas
):
    draft = await publish_text()
    await post_comment(
        other_client,
        draft.id,
        "tiao-3",
        body=f"我的身份证{ID}，电话１３８ ００１３ ８０００。",
        quote="任何单位和个人",
        suggested_wording="联系 zhang@example.cn",
        name="王五13700137000",
        show_name="1",
    )
    comment = await Comment.get()
    await login(client, people.mona)
    queue = (await client.get("/staff/moderation")).text
    assert "含身份证号码（敏感个人信息）" in queue and "公开的署名或发言人类别中含" in queue
    token = await csrf_token(client, "/staff/moderation")
    await client.post(
        "/staff/moderation", data={"ids": str(comment.id), "action": "publish", "csrf_token": token}
    )
    await comment.refresh_from_db()
    assert comment.moderation == Moderation.PUBLISHED
    assert ID in comment.body  # staff keep what was sent; only what is published is masked
    for url in (
        f"/drafts/{draft.id}/comments",
        f"/drafts/{draft.id}/articles/tiao-3",
        f"/receipt?code={comment.receipt_code}",
        f"/api/v1/drafts/{draft.id}/comments",
    ):
        page = (await other_client.get(url)).text
        for secret in (ID, "１３８ ００１３ ８０００", "zhang@example.cn", "13700137000"):
            assert secret not in page, (secret, url)
        assert "身份证号码已隐去" in page, url
    api = (await other_client.get(f"/api/v1/drafts/{draft.id}/comments")).json()["items"][0]
    assert api["body"] == "我的身份证［身份证号码已隐去］，电话［手机号码已隐去］。"
    assert api["suggested_wording"] == "联系 ［电子邮箱已隐去］" and api["name"] == "王五［手机号码已隐去］"


async def test_a_campaign_is_quoted_only_from_a_comment_the_public_may_read(client, people: Personas):
    draft = await publish_text()
    await post_comment(client, draft.id, "tiao-3", body=f"请勿公开：我的身份证{ID}", withhold="1")
    for _ in range(2):
        await post_comment(client, draft.id, "tiao-3", body="赞成第三条的限制。")
    await Comment.filter(draft_id=draft.id).update(cluster_id="c1")
    draft.feedback_published_at = now()
    await draft.save()
    page = (await client.get(f"/drafts/{draft.id}/feedback")).text
    assert "3 人</strong>提交" in page and "赞成第三条的限制。" in page
    assert "请勿公开" not in page and ID not in page


async def test_an_outcome_reason_quoting_personal_data_is_published_masked(client, people: Personas):
    draft = await publish_text()
    response = await post_comment(client, draft.id, "tiao-3", body="建议放宽砍伐审批。")
    await Comment.all().update(
        outcome=Outcome.NOT_ADOPTED, outcome_reason="已电话（138 0013 8000）答复意见人：与上位法不符。"
    )
    draft.feedback_published_at = now()
    await draft.save()
    masked = "已电话（［手机号码已隐去］）答复意见人：与上位法不符。"
    for url in (f"/drafts/{draft.id}/feedback", response.headers["location"]):
        page = (await client.get(url)).text
        assert masked in page and "138 0013 8000" not in page, url
    api = (await client.get(f"/api/v1/drafts/{draft.id}/comments")).json()["items"][0]
    assert api["outcome_reason"] == masked


# --- meetings ---------------------------------------------------------------------------------------


async def test_meeting_opinions_and_speaker_categories_with_personal_data_wait(
    client, other_client, people: Personas
):
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    response = await post_meeting(
        client,
        draft.id,
        [],
        **{"op1-body": f"发言人身份证{ID}，反映古树被砍。", "op2-category": "居民（电话13800138000）"},
    )
    assert response.status_code == 303
    first, second = await Comment.filter(channel="meeting").order_by("id")
    assert first.moderation == Moderation.PENDING and first.moderation_flags == ["id_number"]
    assert second.moderation == Moderation.PENDING and second.moderation_flags == ["personal_data_in_name"]
    page = (await other_client.get(f"/drafts/{draft.id}/comments")).text
    assert ID not in page and "13800138000" not in page


async def test_a_meeting_summary_is_published_masked(client, other_client, people: Personas):
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    await post_meeting(
        client,
        draft.id,
        [],
        public_summary="居民王某（电话 138 0013 8000）关注古树保护。",
        summary_public="1",
    )
    page = (await other_client.get("/liaison-points/GZ-T-01")).text
    assert "居民王某（电话 ［手机号码已隐去］）关注古树保护。" in page and "138 0013 8000" not in page


# --- decisions: proposals and the questionnaire ----------------------------------------------------


async def _published_item(people: Personas):
    catalog = await decisions.create_catalog(2021, actor=people.alice, ip="")
    item = await decisions.add_item(
        catalog, decisions.ItemInput("某事项", "广州市住房和城乡建设局"), actor=people.alice, ip=""
    )
    await decisions.publish_catalog(catalog, date(2021, 3, 1), actor=people.alice, ip="")
    return item


async def test_a_proposal_with_personal_data_waits_and_the_citizen_is_told(client, people: Personas):
    item = await _published_item(people)
    token = await csrf_token(client, f"/decisions/{item.id}")
    response = await client.post(
        "/decisions/proposals",
        data={
            "kind": "hearing",
            "decision": str(item.id),
            "year": "2021",
            "body": f"请举行听证。我的身份证号 {ID}，电话 138 0013 8000。",
            "csrf_token": token,
        },
    )
    assert response.status_code == 303
    assert (await PublicProposal.get()).moderation == "pending"
    page = (await client.get(f"/decisions/{item.id}")).text
    assert "内容经审核后计入" in page and "身份证号码、手机号码" in page and "第二十八条" in page
    assert "已有 1 人申请举行听证" not in page


async def test_a_questionnaire_remark_is_stored_masked_and_the_citizen_is_told(client, people: Personas):
    item = await _published_item(people)
    item.status = DecisionStatus.PUBLISHED
    await item.save()
    evaluation = await decisions.start_evaluation(
        item,
        decisions.EvaluationInput(EvaluationTrigger.PUBLIC_OPINION, "第三方机构", date(2022, 1, 1)),
        actor=people.alice,
        ip="",
    )
    token = await csrf_token(client, f"/decisions/{item.id}")
    response = await client.post(
        f"/decisions/{item.id}/evaluations/{evaluation.id}/questionnaire",
        data={"satisfaction": "2", "remark": "补偿没到账，卡号" + CARD, "csrf_token": token},
    )
    assert response.status_code == 303
    assert (await QuestionnaireResponse.get()).remark == "补偿没到账，卡号［银行卡号已隐去］"
    page = (await client.get(f"/decisions/{item.id}")).text
    assert "感谢您参与评估问卷" in page and "含有银行卡号" in page and "已隐去后保存" in page


# --- hearings ---------------------------------------------------------------------------------------


async def test_a_public_name_or_district_with_a_phone_is_refused_and_the_form_kept(
    client: httpx.AsyncClient, people: Personas
):
    hearing = await _open_hearing(people)
    token = await csrf_token(client, f"/hearings/{hearing.id}")
    refused = await client.post(
        f"/hearings/{hearing.id}/register",
        data=_form(token, name="陈市民13800138000", show_name="1"),
    )
    assert refused.status_code == 400
    assert "姓名会公开显示，请不要在其中填写手机号码" in refused.text and "陈市民13800138000" in refused.text
    refused = await client.post(
        f"/hearings/{hearing.id}/register", data=_form(token, district="天河 138-0013-8000")
    )
    assert refused.status_code == 400 and "所在区会公开显示" in refused.text
    assert await Registration.filter(hearing=hearing).count() == 0
    # Not shown, the name is only for check-in: accepted as typed.
    done = await client.post(f"/hearings/{hearing.id}/register", data=_form(token, name="陈市民13800138000"))
    assert done.status_code == 201


async def test_a_hearing_statement_is_stored_masked_and_the_registrant_is_told(
    client: httpx.AsyncClient, people: Personas
):
    hearing = await _open_hearing(people)
    token = await csrf_token(client, f"/hearings/{hearing.id}")
    done = await client.post(
        f"/hearings/{hearing.id}/register",
        data=_form(token, statement=f"票价过高。本人身份证{ID}，可核实。"),
    )
    assert done.status_code == 201
    assert "含有身份证号码" in done.text and "第二十八条" in done.text
    registration = await Registration.get(hearing=hearing)
    assert registration.statement == "票价过高。本人身份证［身份证号码已隐去］，可核实。"
