"""Ending a consultation before its announced close (issue 25, item 2): a public reason, the legal
minimum cited when the window is cut below it, a confirmation step for staff, and the public draft
page, article pages, list and feed telling what happened, when and why. Also the other staff actions
that change an announced window: withdrawal and a new version published while comments are taken."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta

import pytest
from tortoise.timezone import now

from portal.models import AuditEvent, Draft, DraftKind, DraftStatus
from portal.services import drafts
from portal.services.calendar import LOCAL_TZ, end_of_day
from tests.conftest import SMALL_LAW, Personas, csrf_token, local_day, login, publish_text

REASON = "上位法修改，草案须重新起草，本轮征求意见提前结束。"
ATOM = {"a": "http://www.w3.org/2005/Atom"}


def cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def notice(planned: date, closed: date | None = None, reason: str = REASON) -> str:
    return f"征求意见已于 {cn(closed or local_day())} 提前结束（原定 {cn(planned)}截止），理由：{reason}"


# --- the rule, in the service ---------------------------------------------------------------------


async def test_closing_before_the_announced_close_is_refused_without_a_reason(db):
    draft = await publish_text(closes_days=30)
    for reason in ("", "   "):
        with pytest.raises(drafts.DraftError, match="提前结束征求意见需要说明理由"):
            await drafts.close(draft, reason=reason, actor=None)
    await draft.refresh_from_db()
    assert draft.status == DraftStatus.OPEN and draft.planned_closes_at is None
    assert draft.closes_at == end_of_day(local_day(30))
    assert not await AuditEvent.filter(action="draft_closed").exists()


async def test_a_stated_reason_closes_it_now_and_keeps_the_announced_close(db):
    draft = await publish_text(closes_days=30)
    before = now()
    plan = await drafts.close(draft, reason=f"  {REASON}  ", actor=None)
    assert plan.early and plan.days_cut == 30
    await draft.refresh_from_db()
    assert draft.status == DraftStatus.CLOSED
    assert draft.closed_early_reason == REASON
    assert draft.planned_closes_at == end_of_day(local_day(30))
    assert draft.closes_at is not None and before <= draft.closes_at <= now()
    assert not drafts.accepting_comments(draft)


async def test_a_reason_over_the_limit_is_refused(db):
    draft = await publish_text()
    with pytest.raises(drafts.DraftError, match="理由不能超过 1000 字"):
        await drafts.close(draft, reason="理" * 1001, actor=None)
    assert (await Draft.get(id=draft.id)).status == DraftStatus.OPEN


@pytest.mark.parametrize(
    ("kind", "cited"),
    [
        (DraftKind.LOCAL_REGULATION, "不少于 30 日（《中华人民共和国立法法》第四十条）"),
        (DraftKind.GOVERNMENT_RULE, "不少于 30 日（《规章制定程序条例》第十五条）"),
        (DraftKind.MAJOR_DECISION, "不少于 30 日（《重大行政决策程序暂行条例》第十五条）"),
        (DraftKind.NORMATIVE_DOCUMENT, "不少于 7 个工作日（法治政府建设示范指标）"),
    ],
)
async def test_cutting_the_window_below_the_minimum_cites_the_rule(db, kind: DraftKind, cited: str):
    draft = await publish_text(kind=kind, opens_days=-1, closes_days=30)
    with pytest.raises(drafts.DraftError) as refused:
        await drafts.close(draft, actor=None)
    assert "提前结束后，征求意见期实际为 1 " in str(refused.value)  # yesterday: the one whole day run
    assert f"少于法定的{cited}" in str(refused.value)
    plan = await drafts.close(draft, reason=REASON, actor=None)  # allowed, with the reason
    assert plan.cuts_minimum


async def test_an_early_close_after_the_minimum_ran_still_needs_a_reason_but_cites_no_shortfall(db):
    draft = await publish_text(opens_days=-40, closes_days=20)
    with pytest.raises(drafts.DraftError) as refused:
        await drafts.close(draft, actor=None)
    assert "需要说明理由" in str(refused.value) and "少于法定" not in str(refused.value)
    plan = await drafts.close(draft, reason=REASON, actor=None)
    assert plan.ran.length == 40 and not plan.cuts_minimum


async def test_closing_once_the_window_has_run_needs_no_reason(db):
    draft = await publish_text(closes_days=30)
    announced = draft.closes_at
    assert announced is not None
    plan = await drafts.close(draft, actor=None, at=announced + timedelta(hours=1))
    assert not plan.early
    await draft.refresh_from_db()
    assert draft.status == DraftStatus.CLOSED and draft.closes_at == announced
    assert draft.planned_closes_at is None and draft.closed_early_reason == ""


async def test_a_consultation_not_yet_open_cannot_be_closed_only_withdrawn(db):
    draft = await publish_text(opens_days=3, closes_days=40)
    with pytest.raises(drafts.DraftError, match=r"征求意见尚未开始.*请撤回草案并说明理由"):
        await drafts.close(draft, reason=REASON, actor=None)


async def test_a_second_close_sent_at_the_same_moment_changes_nothing(db):
    draft = await publish_text(closes_days=30)
    first, second = await Draft.get(id=draft.id), await Draft.get(id=draft.id)
    await drafts.close(first, reason=REASON, actor=None)
    with pytest.raises(drafts.DraftError, match="只有正在征求意见的草案可以结束征求意见"):
        await drafts.close(second, reason="另一个理由。", actor=None)
    stored = await Draft.get(id=draft.id)
    assert stored.closed_early_reason == REASON and stored.planned_closes_at == end_of_day(local_day(30))
    assert await AuditEvent.filter(action="draft_closed").count() == 1


async def test_the_audit_records_who_why_and_the_announced_close(db, people: Personas):
    draft = await publish_text(closes_days=30)
    await drafts.close(draft, reason=REASON, actor=people.leo, ip="203.0.113.7")
    event = await AuditEvent.get(action="draft_closed", object_id=str(draft.id))
    assert event.actor_id == people.leo.id and event.ip == "203.0.113.7"
    assert event.detail["early"] is True and event.detail["reason"] == REASON
    assert event.detail["planned_closes_at"] == end_of_day(local_day(30)).isoformat()
    assert event.detail["days_cut"] == 30 and event.detail["below_minimum"] is True


# --- the staff confirmation step ------------------------------------------------------------------


async def test_the_manage_page_leads_to_a_confirmation_not_a_one_click_close(client, people: Personas):
    draft = await publish_text(closes_days=30)
    await login(client, people.leo)
    page = (await client.get(f"/staff/drafts/{draft.id}")).text
    assert f'href="/staff/drafts/{draft.id}/close">结束征求意见</a>' in page
    assert f'action="/staff/drafts/{draft.id}/close"' not in page  # no form that closes at once
    confirm = await client.get(f"/staff/drafts/{draft.id}/close")
    assert confirm.status_code == 200
    assert f"原定截止</dt><dd>{local_day(30):%Y年%m月%d日} 23:59" in confirm.text
    assert "（提前 30 日）" in confirm.text
    assert (
        "提前结束后，征求意见期实际为 1 日，少于法定的不少于 30 日（《中华人民共和国立法法》第四十条）。"
        in (confirm.text)
    )
    assert '<textarea id="reason" name="reason"' in confirm.text and 'name="csrf_token"' in confirm.text
    assert (await Draft.get(id=draft.id)).status == DraftStatus.OPEN  # looking closes nothing


async def test_the_confirmation_refuses_a_missing_reason_with_400_and_the_rule(client, people: Personas):
    draft = await publish_text(closes_days=30)
    await login(client, people.leo)
    token = await csrf_token(client, f"/staff/drafts/{draft.id}/close")
    refused = await client.post(f"/staff/drafts/{draft.id}/close", data={"reason": " ", "csrf_token": token})
    assert refused.status_code == 400
    assert "提前结束征求意见需要说明理由" in refused.text and "第四十条" in refused.text
    assert f"原定 {cn(local_day(30))}截止，现在结束将提前 30 日。" in refused.text
    too_long = "理" * 1001
    refused = await client.post(
        f"/staff/drafts/{draft.id}/close", data={"reason": too_long, "csrf_token": token}
    )
    assert refused.status_code == 400 and "理由不能超过 1000 字" in refused.text
    assert too_long in refused.text  # the typed text comes back
    assert (await Draft.get(id=draft.id)).status == DraftStatus.OPEN


async def test_the_confirmation_with_a_reason_closes_and_says_so(client, people: Personas):
    draft = await publish_text(closes_days=30)
    await login(client, people.leo)
    token = await csrf_token(client, f"/staff/drafts/{draft.id}/close")
    closed = await client.post(
        f"/staff/drafts/{draft.id}/close", data={"reason": REASON, "csrf_token": token}
    )
    assert closed.status_code == 303 and closed.headers["location"] == f"/staff/drafts/{draft.id}"
    page = (await client.get(closed.headers["location"])).text
    assert "已提前结束征求意见，理由已在草案页面向社会公开。" in page
    assert notice(local_day(30)) in page
    assert (await Draft.get(id=draft.id)).closed_early_reason == REASON
    # Nothing left to confirm: the page sends the staff back with the reason.
    again = await client.get(f"/staff/drafts/{draft.id}/close")
    assert again.status_code == 303


async def test_a_window_that_has_run_is_closed_in_one_step(client, people: Personas):
    draft = await publish_text(closes_days=30)
    await Draft.filter(id=draft.id).update(
        opens_at=now() - timedelta(days=40), closes_at=now() - timedelta(hours=1)
    )
    await login(client, people.leo)
    page = (await client.get(f"/staff/drafts/{draft.id}")).text
    assert "结束征求意见（期限已届满）" in page
    token = await csrf_token(client, f"/staff/drafts/{draft.id}")
    closed = await client.post(f"/staff/drafts/{draft.id}/close", data={"csrf_token": token})
    assert closed.status_code == 303
    draft = await Draft.get(id=draft.id)
    assert draft.status == DraftStatus.CLOSED and draft.closed_early_reason == ""


async def test_only_legislative_staff_see_the_confirmation(client, people: Personas):
    draft = await publish_text()
    await login(client, people.lily)
    assert (await client.get(f"/staff/drafts/{draft.id}/close")).status_code == 403


# --- what the public sees -------------------------------------------------------------------------


async def _closed_early(actor=None) -> Draft:
    draft = await publish_text(closes_days=30)
    await drafts.close(draft, reason=REASON, actor=actor)
    return await Draft.get(id=draft.id)


async def test_the_draft_page_shows_the_early_close_its_reason_and_dates(client, db):
    draft = await _closed_early()
    page = (await client.get(f"/drafts/{draft.id}")).text
    assert "征求意见提前结束" in page
    assert notice(local_day(30)) in page
    assert "实际征求意见期为 1 日，少于法定的不少于 30 日（《中华人民共和国立法法》第四十条）" in page
    assert f"（原定 {local_day(30):%Y年%m月%d日}截止）" in page  # next to the window's dates
    assert "。。" not in page  # a reason typed with its full stop is not given a second one


async def test_every_article_page_shows_it_in_its_status_line(client, db):
    draft = await _closed_early()
    page = (await client.get(f"/drafts/{draft.id}/articles/tiao-3")).text
    assert notice(local_day(30)) in page
    assert "<title>第三条 - 广州市测试条例（草案）" in page  # the page's title is only its title


async def test_the_comment_form_of_a_closed_early_draft_says_when_and_why(client, db):
    draft = await _closed_early()
    page = (await client.get(f"/drafts/{draft.id}/comment?article=tiao-3")).text
    assert "征求意见期已结束" in page and notice(local_day(30)) in page


async def test_the_list_shows_it_under_the_status(client, db):
    await _closed_early()
    page = (await client.get("/drafts")).text
    assert "征求意见已结束" in page and notice(local_day(30)) in page


async def test_the_feed_gets_an_entry_for_the_early_close_dated_when_it_happened(client, db):
    draft = await _closed_early()
    feed = ET.fromstring((await client.get("/feeds/drafts.atom")).content)
    entries = feed.findall("a:entry", ATOM)
    assert [e.findtext("a:title", namespaces=ATOM) for e in entries] == [
        "广州市测试条例（草案）：征求意见提前结束",
        "广州市测试条例（草案）（征求意见稿）",
    ]
    early = entries[0]
    assert early.findtext("a:summary", namespaces=ATOM).startswith(notice(local_day(30)))
    assert early.findtext("a:updated", namespaces=ATOM) == draft.closes_at.isoformat()
    assert feed.findtext("a:updated", namespaces=ATOM) == draft.closes_at.isoformat()
    link = early.find("a:link", ATOM)
    assert link is not None and link.get("href", "").endswith(f"/drafts/{draft.id}")
    # The version's entry tells it as well, for a reader who opens that one.
    assert notice(local_day(30)) in entries[1].findtext("a:summary", namespaces=ATOM)


async def test_the_api_gives_the_reason_and_the_announced_close(client, db):
    draft = await _closed_early()
    body = (await client.get(f"/api/v1/drafts/{draft.id}")).json()
    assert body["closed_early_reason"] == REASON
    assert datetime.fromisoformat(body["planned_closes_at"]) == end_of_day(local_day(30))


# --- the other actions that change an announced window --------------------------------------------


async def test_withdrawing_an_open_draft_ends_its_window_with_a_dated_public_notice(client, db):
    draft = await publish_text(closes_days=30)
    await drafts.withdraw(draft, "上位法已废止，不再制定。", actor=None)
    draft = await Draft.get(id=draft.id)
    assert draft.planned_closes_at == end_of_day(local_day(30))
    assert draft.closes_at is not None and draft.closes_at <= now()
    expected = (
        f"草案已于 {cn(local_day())} 撤回，征求意见随之结束（原定 {cn(local_day(30))}截止），"
        "理由：上位法已废止，不再制定。"
    )
    assert expected in (await client.get(f"/drafts/{draft.id}")).text
    assert expected in (await client.get(f"/drafts/{draft.id}/articles/tiao-1")).text
    feed = ET.fromstring((await client.get("/feeds/drafts.atom")).content)
    first = feed.find("a:entry", ATOM)
    assert first is not None
    assert first.findtext("a:title", namespaces=ATOM) == "广州市测试条例（草案）：草案已撤回"
    assert first.findtext("a:summary", namespaces=ATOM) == expected
    event = await AuditEvent.get(action="draft_withdrawn")
    assert event.detail["planned_closes_at"] == end_of_day(local_day(30)).isoformat()


async def test_withdrawing_after_the_window_keeps_its_dates(client, db):
    draft = await _closed_early()
    closed_at = draft.closes_at
    await drafts.withdraw(draft, "不再制定。", actor=None)
    draft = await Draft.get(id=draft.id)
    assert draft.closes_at == closed_at and draft.planned_closes_at == end_of_day(local_day(30))
    page = (await client.get(f"/drafts/{draft.id}")).text
    assert notice(local_day(30)) in page and f"草案已于 {cn(local_day())} 撤回，理由：不再制定。" in page


async def test_a_draft_withdrawn_after_its_window_ended_says_when(client, db):
    draft = await publish_text(closes_days=30)
    await drafts.withdraw(draft, "不再制定。", actor=None, at=now() + timedelta(days=40))
    draft = await Draft.get(id=draft.id)
    assert draft.withdrawn_at is not None and draft.planned_closes_at is None  # the window had ended
    page = (await client.get(f"/drafts/{draft.id}")).text
    assert f"草案已于 {cn(local_day(40))} 撤回，理由：不再制定。" in page


async def _second_version(draft: Draft) -> None:
    await drafts.add_version(
        draft, SMALL_LAW.replace("擅自砍伐", "擅自修剪或者砍伐"), label="二稿", actor=None
    )


async def test_a_new_version_while_open_cannot_shorten_the_announced_window(db):
    draft = await publish_text(opens_days=-5, closes_days=30)
    await _second_version(draft)
    with pytest.raises(drafts.DraftError, match=r"发布新版本不能提前截止日期.*结束征求意见"):
        await drafts.publish(draft, opens=local_day(-5), closes=local_day(29), actor=None)
    with pytest.raises(drafts.DraftError, match="不能推迟开始日期"):
        await drafts.publish(draft, opens=local_day(1), closes=local_day(40), actor=None)
    with pytest.raises(drafts.DraftError, match="开始日期不能早于"):
        await drafts.publish(draft, opens=local_day(-6), closes=local_day(40), actor=None)
    draft = await Draft.get(id=draft.id)
    assert draft.closes_at == end_of_day(local_day(30))


async def test_a_new_version_while_open_may_extend_and_keeps_the_first_day(db):
    draft = await publish_text(opens_days=-5, closes_days=30)
    await _second_version(draft)
    await drafts.publish(draft, opens=local_day(), closes=local_day(45), actor=None)
    draft = await Draft.get(id=draft.id)
    assert draft.opens_at is not None and draft.opens_at.astimezone(LOCAL_TZ).date() == local_day(-5)
    assert draft.closes_at == end_of_day(local_day(45))
    event = await AuditEvent.filter(action="draft_published").order_by("-id").first()
    assert event is not None and event.detail["previous_closes"] == local_day(30).isoformat()


async def test_a_second_round_after_an_early_close_starts_clean(client, db):
    draft = await _closed_early()
    await _second_version(draft)
    await drafts.publish(draft, opens=local_day(), closes=local_day(30), actor=None)
    draft = await Draft.get(id=draft.id)
    assert draft.status == DraftStatus.OPEN
    assert draft.closed_early_reason == "" and draft.planned_closes_at is None
    assert "提前结束" not in (await client.get(f"/drafts/{draft.id}")).text


async def test_the_staff_publish_form_starts_from_the_announced_window_while_open(client, people: Personas):
    draft = await publish_text(opens_days=-5, closes_days=30)
    await _second_version(draft)
    await login(client, people.leo)
    page = (await client.get(f"/staff/drafts/{draft.id}")).text
    assert f'name="opens" type="date" value="{local_day(-5).isoformat()}"' in page
    assert f'name="closes" type="date" value="{local_day(30).isoformat()}"' in page
    token = await csrf_token(client, f"/staff/drafts/{draft.id}")
    refused = await client.post(
        f"/staff/drafts/{draft.id}/publish",
        data={"opens": local_day(-5).isoformat(), "closes": local_day(10).isoformat(), "csrf_token": token},
    )
    assert refused.status_code == 400 and "发布新版本不能提前截止日期" in refused.text


async def test_a_refused_withdrawal_gives_the_typed_reason_back(client, people: Personas):
    draft = await publish_text()
    await login(client, people.leo)
    token = await csrf_token(client, f"/staff/drafts/{draft.id}")
    typed = "撤" * 1001
    refused = await client.post(
        f"/staff/drafts/{draft.id}/withdraw", data={"reason": typed, "csrf_token": token}
    )
    assert refused.status_code == 400 and "撤回理由不能超过 1000 字" in refused.text
    assert f">{typed}</textarea>" in refused.text
    assert (await Draft.get(id=draft.id)).status == DraftStatus.OPEN
