"""Pre-moderation: spam signals and sensitive words hold a comment; moderators publish, hide, restore."""

from __future__ import annotations

from portal.models import AuditEvent, Comment, Moderation, SensitiveWord
from portal.services.moderation import screen
from tests.conftest import Personas, csrf_token, login, publish_text
from tests.test_comments import post_comment


def test_spam_signals_are_recognised():
    assert screen("建议增加听证程序，保障公众参与。", []) == []
    assert screen("访问 www.example.com 领取奖品", []) == ["link"]
    assert screen("顶顶顶顶顶顶顶顶顶顶", []) == ["repeated_characters"]
    assert screen("有事请打13912345678联系我", []) == ["contact_in_body"]
    assert screen("意见请回复到张三zhang.san@example的邮箱", []) == []  # no domain: not an address
    assert screen("意见请回复到张三zhang.san@example.org.cn邮箱", []) == ["link", "contact_in_body"]
    assert screen("请发邮件至 li_si+law@mail-gz.gov.cn 联系", []) == ["link", "contact_in_body"]
    assert screen("好", []) == ["too_short"]
    assert screen("这个条款就是垃圾条款", ["垃圾"]) == ["sensitive_word"]


def test_personal_data_is_recognised_however_it_is_written():
    assert screen("有事请打１３８ ００１３ ８０００联系我", []) == ["contact_in_body"]
    assert screen("有事请打 +86 138-0013-8000 联系我", []) == ["contact_in_body"]
    assert screen("本人身份证号440106199003071231，请核实", []) == ["id_number"]
    assert screen("退款请打到 6222 0212 3456 7890 128", []) == ["bank_card"]
    assert screen("建议第十二条增加听证程序", [], shown_as="张三 13800138000") == ["personal_data_in_name"]
    # Article numbers, dates, amounts and an ID number whose check character is wrong are not held.
    assert screen("依据2023年第12号文第1380条，罚款13800138000元；440106199003071232", []) == []


async def test_a_sensitive_word_holds_the_comment(client, people: Personas):
    await SensitiveWord.create(word="代开发票")
    draft = await publish_text()
    await post_comment(client, draft.id, body="专业代开发票，价格优惠")
    comment = await Comment.get()
    assert comment.moderation == Moderation.PENDING
    assert "代开发票" not in (await client.get(f"/drafts/{draft.id}/comments")).text
    receipt = (await client.get("/receipt", params={"code": comment.receipt_code})).text
    assert "等待审核后公开" in receipt


async def test_a_moderator_publishes_from_the_queue(client, other_client, people: Personas):
    draft = await publish_text()
    await post_comment(other_client, draft.id, body="请参考 http://gz.gov.cn 上的规定")
    comment = await Comment.get()
    await login(client, people.mona)
    queue = (await client.get("/staff/moderation")).text
    assert "含网址链接" in queue and "请参考" in queue
    token = await csrf_token(client, "/staff/moderation")
    await client.post(
        "/staff/moderation", data={"ids": str(comment.id), "action": "publish", "csrf_token": token}
    )
    await comment.refresh_from_db()
    assert comment.moderation == Moderation.PUBLISHED
    assert "请参考" in (await client.get(f"/drafts/{draft.id}/comments")).text
    assert await AuditEvent.filter(action="comment_publish", actor_id=people.mona.id).exists()


async def test_hiding_needs_a_reason_and_keeps_the_comment_in_the_counts(
    client, other_client, people: Personas
):
    draft = await publish_text()
    await post_comment(other_client, draft.id, "tiao-2", body="一条将被隐藏的意见")
    comment = await Comment.get()
    await login(client, people.mona)
    token = await csrf_token(client, "/staff/moderation")
    await client.post(
        "/staff/moderation", data={"ids": str(comment.id), "action": "hide", "csrf_token": token}
    )
    await comment.refresh_from_db()
    assert comment.moderation == Moderation.PUBLISHED  # refused: no reason
    await client.post(
        "/staff/moderation",
        data={
            "ids": str(comment.id),
            "action": "hide",
            "reason": "含有侮辱、诽谤或人身攻击内容",
            "csrf_token": token,
        },
    )
    await comment.refresh_from_db()
    assert comment.moderation == Moderation.HIDDEN
    article = (await other_client.get(f"/drafts/{draft.id}/articles/tiao-2")).text
    assert "一条将被隐藏的意见" not in article
    assert "对本条的意见（共 1 条）" in article
    stats = (await other_client.get(f"/api/v1/drafts/{draft.id}/stats")).json()
    assert stats["by_article"]["tiao-2"] == 1
    receipt = (await other_client.get("/receipt", params={"code": comment.receipt_code})).text
    assert "含有侮辱、诽谤或人身攻击内容" in receipt
    await client.post(
        "/staff/moderation", data={"ids": str(comment.id), "action": "restore", "csrf_token": token}
    )
    await comment.refresh_from_db()
    assert comment.moderation == Moderation.PUBLISHED
    events = AuditEvent.filter(object_type="comment", object_id=str(comment.id)).order_by("id")
    actions = await events.values_list("action", flat=True)
    assert list(actions) == ["comment_hide", "comment_restore"]


async def test_only_admins_edit_the_sensitive_words(client, people: Personas):
    await login(client, people.mona)
    assert (await client.get("/staff/moderation/words")).status_code == 200
    token = await csrf_token(client, "/staff/moderation/words")
    assert (
        await client.post("/staff/moderation/words", data={"words": "赌博", "csrf_token": token})
    ).status_code == 403
    client.cookies.clear()
    await login(client, people.alice)
    token = await csrf_token(client, "/staff/moderation/words")
    await client.post("/staff/moderation/words", data={"words": "赌博，博彩\n 发票 ", "csrf_token": token})
    assert sorted(await SensitiveWord.all().values_list("word", flat=True)) == ["博彩", "发票", "赌博"]
    word = await SensitiveWord.get(word="发票")
    await client.post("/staff/moderation/words", data={"remove": str(word.id), "csrf_token": token})
    assert not await SensitiveWord.exists(word="发票")


async def test_liaison_and_legislative_staff_cannot_moderate(client, people: Personas):
    for persona in ("lily", "leo"):
        await login(client, getattr(people, persona))
        assert (await client.get("/staff/moderation")).status_code == 403
        client.cookies.clear()
