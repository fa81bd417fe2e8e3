"""A citizen comments on a draft or one article: nothing lost, never twice, a receipt, privacy kept."""

from __future__ import annotations

import re
from datetime import timedelta

from tortoise.timezone import now

from portal.models import Comment, Draft, LiaisonPoint, Moderation, RoutingReason
from portal.services import comments
from tests.conftest import Personas, counted_queries, csrf_token, login, publish_text

RECEIPT_RE = re.compile(r"GZ-[0-9A-Z]{4}-[0-9A-Z]{4}")


async def comment_page(client, draft_id: int, article: str = "") -> tuple[str, str]:
    """The form page, and the values of its CSRF token and one-time submission key."""
    page = (await client.get(f"/drafts/{draft_id}/comment" + (f"?article={article}" if article else ""))).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    key = re.search(r'name="submission_key" value="([^"]+)"', page)
    assert token and key
    return token.group(1), key.group(1)


async def post_comment(client, draft_id: int, article: str = "", **fields: str):
    token, key = await comment_page(client, draft_id)
    data = {
        "csrf_token": token,
        "submission_key": key,
        "unit_key": article,
        "stance": "amend",
        "body": "建议明确砍伐许可的审批时限。",
        **fields,
    }
    return await client.post(f"/drafts/{draft_id}/comment", data=data)


async def test_a_comment_on_an_article_gets_a_receipt(client, people: Personas):
    draft = await publish_text()
    response = await post_comment(client, draft.id, "tiao-3", district="天河")
    assert response.status_code == 303
    code = RECEIPT_RE.search(response.headers["location"]).group(0)
    comment = await Comment.get(receipt_code=code)
    assert comment.unit_key == "tiao-3" and comment.lineage
    assert comment.body == "建议明确砍伐许可的审批时限。"
    assert comment.liaison_point_id == people.tianhe.id
    assert comment.routing_reason == RoutingReason.DISTRICT_POINT
    assert comment.ip_hash and "203.0.113.7" not in comment.ip_hash
    receipt = (await client.get(response.headers["location"])).text
    assert "您的意见已提交" in receipt and code in receipt
    assert "猎德街道基层立法联系点" in receipt and "意见人所在区的联系点" in receipt


async def test_a_whole_draft_comment_has_no_article(client, people: Personas):
    draft = await publish_text()
    response = await post_comment(client, draft.id, body="整体上赞成，建议尽快出台。", stance="support")
    comment = await Comment.get(receipt_code=RECEIPT_RE.search(response.headers["location"]).group(0))
    assert comment.unit_key == "" and comment.provision_id is None


async def test_a_double_submission_makes_one_comment(client, people: Personas):
    draft = await publish_text()
    token, key = await comment_page(client, draft.id, "tiao-1")
    data = {
        "csrf_token": token,
        "submission_key": key,
        "unit_key": "tiao-1",
        "stance": "support",
        "body": "赞成本条。",
    }
    first = await client.post(f"/drafts/{draft.id}/comment", data=data)
    second = await client.post(f"/drafts/{draft.id}/comment", data=data)
    assert await Comment.all().count() == 1
    assert first.headers["location"] == second.headers["location"]


async def test_a_retry_after_the_window_closed_still_gets_its_receipt(client, people: Personas):
    """The form was stored, the answer was slow, the window closed, the citizen presses again: they get
    the receipt of what was stored, not an error that suggests it was lost."""
    draft = await publish_text()
    token, key = await comment_page(client, draft.id, "tiao-1")
    data = {
        "csrf_token": token,
        "submission_key": key,
        "unit_key": "tiao-1",
        "stance": "support",
        "body": "赞成。",
    }
    first = await client.post(f"/drafts/{draft.id}/comment", data=data)
    await Draft.filter(id=draft.id).update(closes_at=now() - timedelta(minutes=1))
    comments.forget_intake_state()  # a change made elsewhere: intake sees it within a second
    again = await client.post(f"/drafts/{draft.id}/comment", data=data)
    assert again.status_code == 303 and again.headers["location"] == first.headers["location"]
    other = await client.post(f"/drafts/{draft.id}/comment", data={**data, "submission_key": "another-form"})
    assert other.status_code == 409 and "征求意见期已经结束" in other.text
    assert await Comment.all().count() == 1


async def test_a_submission_within_the_second_is_one_insert(client, people: Personas, monkeypatch):
    """Intake under a burst: after the first submission of a second, which reads the draft, its newest
    version, its units and the routing load, a comment costs one statement (the insert), however many
    comments, articles, points and sensitive words there are."""
    monkeypatch.setattr(comments, "INTAKE_STATE_SECONDS", 60.0)  # the second, made long enough for a test
    draft = await publish_text()
    await post_comment(client, draft.id, "tiao-1", body="第一条意见")
    token, key = await comment_page(client, draft.id, "tiao-2")
    with counted_queries() as statements:
        response = await client.post(
            f"/drafts/{draft.id}/comment",
            data={
                "csrf_token": token,
                "submission_key": key,
                "unit_key": "tiao-2",
                "stance": "amend",
                "body": "建议修改。",
            },
        )
    assert response.status_code == 303
    assert len(statements) == 1, statements
    assert statements[0].upper().startswith("INSERT")
    comment = await Comment.get(submission_key=key).select_related("provision", "version")
    assert comment.unit_key == comment.provision.key == "tiao-2"
    assert comment.version.number == 1 and comment.lineage == comment.provision.lineage


async def test_a_refused_comment_gives_the_text_back(client, people: Personas):
    draft = await publish_text()
    long_text = "过长的意见" * 1001
    response = await post_comment(
        client, draft.id, "tiao-2", body=long_text, suggested_wording="我的修改建议"
    )
    assert response.status_code == 400
    assert "意见内容不能超过 5000 字（现有 5005 字）。" in response.text
    assert long_text in response.text and "我的修改建议" in response.text
    missing = await post_comment(client, draft.id, "tiao-2", stance="", body="没有选择态度的意见")
    assert "请选择您的态度" in missing.text and "没有选择态度的意见" in missing.text
    assert await Comment.all().count() == 0


async def test_a_closed_window_refuses_with_a_clear_message(client, people: Personas):
    draft = await publish_text(opens_days=-40, closes_days=-1)
    page = (await client.get(f"/drafts/{draft.id}/comment")).text
    assert "征求意见期已结束" in page and 'name="body"' not in page
    token = await csrf_token(client)
    response = await client.post(
        f"/drafts/{draft.id}/comment", data={"csrf_token": token, "stance": "oppose", "body": "迟到的意见"}
    )
    assert response.status_code == 409
    assert "征求意见期已经结束" in response.text and "迟到的意见" in response.text
    assert await Comment.all().count() == 0


async def test_an_unknown_article_is_refused(client, people: Personas):
    draft = await publish_text()
    response = await post_comment(client, draft.id, "tiao-99")
    assert response.status_code == 400
    assert "所评论的条文在当前版本中不存在" in response.text


async def test_the_honeypot_stops_bots_but_keeps_the_text(client, people: Personas):
    draft = await publish_text()
    response = await post_comment(client, draft.id, body="机器人的内容", contact_time_confirm="http://spam")
    assert response.status_code == 400 and "机器人的内容" in response.text
    assert await Comment.all().count() == 0


async def test_the_form_explains_what_is_collected_before_submitting(client, people: Personas):
    draft = await publish_text()
    page = (await client.get(f"/drafts/{draft.id}/comment?article=tiao-1")).text
    for phrase in ("收集什么", "为什么收集", "谁能看到", "保存多久", "个人信息保护法》第十七条、第三十五条"):
        assert phrase in page
    assert '<option value="">自动分配（按您所在区）</option>' in page
    assert 'name="show_name" value="1" >' in page  # consent boxes start unticked


async def test_names_and_contacts_never_leak_without_consent(client, people: Personas):
    draft = await publish_text()
    await post_comment(
        client,
        draft.id,
        "tiao-3",
        body="匿名意见正文",
        name="王小明",
        phone="13812345678",
        email="wang@example.cn",
        district="海珠",
    )
    await post_comment(client, draft.id, "tiao-3", body="署名意见正文", name="李公开", show_name="1")
    pages = [
        (await client.get(f"/drafts/{draft.id}/comments")).text,
        (await client.get(f"/drafts/{draft.id}/articles/tiao-3")).text,
        (await client.get(f"/drafts/{draft.id}/comments?article=tiao-3")).text,
        (await client.get(f"/api/v1/drafts/{draft.id}/comments")).text,
    ]
    for page in pages:
        assert "匿名意见正文" in page
        assert "王小明" not in page and "13812345678" not in page and "wang@example.cn" not in page
        assert "李公开" in page


async def test_a_comment_the_commenter_withheld_is_never_shown_but_counted(client, people: Personas):
    draft = await publish_text()
    await post_comment(client, draft.id, "tiao-4", body="请勿公开的意见", withhold="1")
    article = (await client.get(f"/drafts/{draft.id}/articles/tiao-4")).text
    assert "请勿公开的意见" not in article
    assert "对本条的意见（共 1 条）" in article
    assert "请勿公开的意见" not in (await client.get(f"/api/v1/drafts/{draft.id}/comments")).text
    stats = (await client.get(f"/api/v1/drafts/{draft.id}/stats")).json()
    assert stats["by_article"] == {"tiao-4": 1}


async def test_the_reader_shows_counts_per_article(client, people: Personas):
    draft = await publish_text()
    for _ in range(2):
        await post_comment(client, draft.id, "tiao-3")
    page = (await client.get(f"/drafts/{draft.id}")).text
    assert f'href="/drafts/{draft.id}/comments?article=tiao-3" class="comment-count">2 条意见</a>' in page
    assert "已收到意见 <strong>2</strong> 条" in page
    assert f'href="/drafts/{draft.id}/comment?article=tiao-1"' in page


async def test_comments_follow_their_article_into_a_new_version(client, people: Personas):
    from datetime import timedelta

    from portal.services import drafts
    from portal.services.calendar import today
    from tests.conftest import SMALL_LAW

    draft = await publish_text()
    await post_comment(client, draft.id, "tiao-3", body="关于砍伐树木的意见")
    shifted = (
        SMALL_LAW.replace("第三条 任何单位", "第三条 市人民政府应当加强绿化。\n\n第四条 任何单位")
        .replace("第四条 市绿化", "第五条 市绿化")
        .replace("第五条 本条例", "第六条 本条例")
    )
    await drafts.add_version(draft, shifted, label="二稿", actor=None)
    await drafts.publish(draft, opens=today(), closes=today() + timedelta(days=30), actor=None)
    article = (await client.get(f"/drafts/{draft.id}/articles/tiao-4")).text
    assert "关于砍伐树木的意见" in article


async def test_a_point_that_requires_contact_details_says_so(client, people: Personas):
    await LiaisonPoint.filter(id=people.haizhu.id).update(requires_contact=True)
    draft = await publish_text()
    response = await post_comment(client, draft.id, point_code="GZ-T-02")
    assert response.status_code == 400
    assert "需要您留下姓名和电话或邮箱" in response.text
    ok = await post_comment(client, draft.id, point_code="GZ-T-02", name="张三", phone="020-12345678")
    assert ok.status_code == 303
    assert (await Comment.get()).routing_reason == RoutingReason.CHOSEN


async def test_the_receipt_lookup_forgives_typing_and_says_when_nothing_is_found(client, people: Personas):
    draft = await publish_text()
    response = await post_comment(client, draft.id)
    code = RECEIPT_RE.search(response.headers["location"]).group(0)
    typed = code.lower().replace("-", " ").replace("0", "o")
    found = await client.get("/receipt", params={"code": typed})
    assert found.status_code == 200 and code in found.text
    missing = await client.get("/receipt", params={"code": "GZ-0000-0000"})
    assert missing.status_code == 404 and "没有找到回执码" in missing.text
    garbage = await client.get("/receipt", params={"code": "<script>"})
    assert garbage.status_code == 404 and "<script>" not in garbage.text


async def test_supporting_a_comment_counts_once_per_visitor(client, other_client, people: Personas):
    draft = await publish_text()
    await post_comment(client, draft.id, "tiao-1")
    comment = await Comment.get()
    for c in (client, client, other_client):
        token = await csrf_token(c)
        response = await c.post(f"/comments/{comment.id}/support", data={"csrf_token": token})
        assert response.status_code == 303
    await comment.refresh_from_db()
    assert comment.support_count == 2


async def test_a_database_outage_gives_the_text_back_with_503(app, client, people: Personas, monkeypatch):
    draft = await publish_text()
    token, key = await comment_page(client, draft.id)

    async def down(*args, **kwargs):
        raise ConnectionRefusedError("db down")

    monkeypatch.setattr(comments, "receive", down)
    response = await client.post(
        f"/drafts/{draft.id}/comment",
        data={"csrf_token": token, "submission_key": key, "stance": "other", "body": "数据库故障时的意见"},
    )
    assert response.status_code == 503
    assert "服务暂时不可用，您的意见尚未提交" in response.text and "数据库故障时的意见" in response.text


async def test_held_comments_wait_for_moderation(client, people: Personas):
    draft = await publish_text()
    await post_comment(client, draft.id, body="详情请见 http://example.com 的说明")
    comment = await Comment.get()
    assert comment.moderation == Moderation.PENDING and comment.moderation_flags == ["link"]
    assert "example.com" not in (await client.get(f"/drafts/{draft.id}/comments")).text


async def test_form_fields_are_read_as_browsers_encode_them_and_floods_are_refused(client, people: Personas):
    draft = await publish_text()
    token, key = await comment_page(client, draft.id, "tiao-1")
    body = (
        f"csrf_token={token}&submission_key={key}&unit_key=tiao-1&stance=amend"
        "&body=%E5%BB%BA%E8%AE%AE+%E4%BF%AE%E6%94%B9%E7%AC%AC%E4%B8%80%E6%9D%A1%EF%BC%9Aa%2Bb%26c"
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    stored = await client.post(f"/drafts/{draft.id}/comment", content=body, headers=headers)
    assert stored.status_code == 303
    assert (await Comment.get(submission_key=key)).body == "建议 修改第一条：a+b&c"
    flood = body.replace(key, "flood-key") + "".join(f"&x{n}=1" for n in range(250))
    refused = await client.post(f"/drafts/{draft.id}/comment", content=flood, headers=headers)
    assert refused.status_code == 400 and "表单内容无法解析" in refused.text
    assert await Comment.filter(submission_key="flood-key").count() == 0


async def test_a_form_with_more_fields_than_any_form_has_is_refused(client, people: Personas):
    """The CSRF check parses the body once for the view; the limit on the number of fields still holds."""
    draft = await publish_text()
    token, key = await comment_page(client, draft.id)
    fields = [("csrf_token", token), ("submission_key", key), ("stance", "other"), ("body", "意见")]
    fields += [(f"extra{i}", "x") for i in range(250)]
    response = await client.post(f"/drafts/{draft.id}/comment", data=dict(fields))
    assert response.status_code == 400 and "表单内容无法解析" in response.text
    assert await Comment.all().count() == 0


async def test_a_draft_closed_by_staff_refuses_comments_at_once_in_that_process(
    client, other_client, people: Personas, monkeypatch
):
    """Intake keeps the draft for a second; a staff change forgets it in the process that made it
    (other processes read it again within the second)."""
    monkeypatch.setattr(comments, "INTAKE_STATE_SECONDS", 60.0)  # longer than the test
    draft = await publish_text()
    assert (await post_comment(client, draft.id, body="关闭之前")).status_code == 303  # the draft is kept
    token, key = await comment_page(client, draft.id)  # a citizen has the form open …
    await login(other_client, people.leo)
    staff_token = await csrf_token(other_client, f"/staff/drafts/{draft.id}")
    closed = await other_client.post(
        f"/staff/drafts/{draft.id}/close", data={"reason": "上位法已修改。", "csrf_token": staff_token}
    )
    assert closed.status_code == 303  # … while staff end the consultation early
    refused = await client.post(
        f"/drafts/{draft.id}/comment",
        data={"csrf_token": token, "submission_key": key, "stance": "other", "body": "关闭之后"},
    )
    assert refused.status_code == 409 and "征求意见期已经结束" in refused.text
    assert "关闭之后" in refused.text  # the text comes back
    assert await Comment.filter(draft=draft).count() == 1
