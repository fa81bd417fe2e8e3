"""The registration deadline a hearing's notice gave (issue 25, item 1): no draw before it, and closing
registration early only with a public reason, shown on the notice next to the original deadline, told
to the registrants and kept in the audit log."""

from __future__ import annotations

import itertools
from datetime import datetime, time, timedelta

import httpx
import pytest
import time_machine
from icalendar import Calendar

from portal.models import (
    AuditEvent,
    Decision,
    Hearing,
    HearingRegistration,
    HearingStatus,
    OutboxMessage,
    RegistrationStatus,
)
from portal.services import decisions
from portal.services.calendar import LOCAL_TZ
from portal.services.hearing import service
from portal.services.hearing.service import HearingError, RegistrationInput
from tests.conftest import Personas, csrf_token, local_day, login

SECRET = "test-pseudonym-key"
UNIT = "广州市发展和改革委员会"
REASON = "报名人数已达名额的五倍，为按期送达听证材料，提前截止报名。"
ROOMS = itertools.count(1)


def beijing(moment: datetime) -> str:
    return moment.astimezone(LOCAL_TZ).strftime("%Y年%m月%d日 %H:%M")


async def _open_hearing(people: Personas, decision: Decision | None = None) -> Hearing:
    """Registration open until 18:00 Beijing time twelve days from now (10:00 UTC: a time shown in UTC
    would read differently), the hearing twenty days from now."""
    start = datetime.combine(local_day(20), time(9, 30), tzinfo=LOCAL_TZ)
    hearing = await service.schedule(
        service.HearingInput(
            title="出租车运价调整听证会",
            matter="出租车基本运价",
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            venue=f"市发展改革委第{next(ROOMS)}听证室",
            registration_opens_at=datetime.combine(local_day(-1), time(9), tzinfo=LOCAL_TZ),
            registration_closes_at=datetime.combine(local_day(12), time(18), tzinfo=LOCAL_TZ),
            seats={"利害关系人": {"speakers": 1, "observers": 2}},
            decision=decision,
        ),
        actor=people.alice,
        ip="",
    )
    await service.publish_notice(hearing, actor=people.alice, ip="")
    return await Hearing.get(id=hearing.id)  # as stored (UTC), the way every page loads it


def _speaker(phone: str, stance: str) -> RegistrationInput:
    return RegistrationInput(
        f"报名人{phone[-2:]}",
        phone,
        "利害关系人",
        "speaker",
        stance=stance,
        statement="意见",
        email=f"u{phone}@example.cn",
    )


async def _with_speakers(people: Personas, decision: Decision | None = None) -> Hearing:
    hearing = await _open_hearing(people, decision)
    for n, stance in enumerate(("support", "oppose")):
        await service.register(hearing, _speaker(f"1380000000{n}", stance))
    return hearing


# --- the draw waits for the deadline ----------------------------------------------------------------


async def test_the_draw_is_refused_before_the_deadline_with_the_time_in_beijing(db, people: Personas):
    hearing = await _with_speakers(people)
    with pytest.raises(HearingError) as refused:
        await service.run_draw(hearing, secret=SECRET, actor=people.olga, ip="")
    message = str(refused.value)
    assert f"报名截止时间（{local_day(12):%Y年%m月%d日} 18:00）之前不能进行遴选" in message
    assert "听证公告承诺在报名截止后遴选陈述人" in message
    after = await Hearing.get(id=hearing.id)
    assert after.status == HearingStatus.REGISTRATION_OPEN and after.drawn_at is None and after.seed
    assert await HearingRegistration.filter(status=RegistrationStatus.APPLIED).count() == 2
    assert not await AuditEvent.filter(action="hearing_draw").exists()


async def test_the_draw_runs_once_the_deadline_has_passed_and_is_audited(db, people: Personas):
    hearing = await _with_speakers(people)
    with time_machine.travel(hearing.registration_closes_at + timedelta(minutes=1), tick=True):
        assert not service.registration_open(hearing)
        await service.run_draw(hearing, secret=SECRET, actor=people.olga, ip="")
    after = await Hearing.get(id=hearing.id)
    assert after.status == HearingStatus.SELECTION_DONE
    assert after.drawn_at is not None and after.drawn_at > after.registration_closes_at
    assert await HearingRegistration.filter(status=RegistrationStatus.SELECTED).count() == 1
    event = await AuditEvent.get(action="hearing_draw")
    assert event.actor_id == people.olga.id and event.object_id == str(hearing.id)


# --- closing registration early ------------------------------------------------------------------


async def test_closing_early_needs_a_stated_reason_of_a_sane_length(db, people: Personas):
    hearing = await _with_speakers(people)
    for reason in ("", "   ", "无", "　提前 "):
        with pytest.raises(HearingError, match="提前截止报名须说明理由") as refused:
            await service.close_registration_early(hearing, reason, actor=people.olga, ip="")
        assert refused.value.field == "reason"
    with pytest.raises(HearingError, match="500 字以内"):
        await service.close_registration_early(hearing, "理由" * 300, actor=people.olga, ip="")
    after = await Hearing.get(id=hearing.id)
    assert after.registration_closed_early_at is None and after.registration_closed_early_reason == ""
    assert service.registration_open(after)
    assert not await AuditEvent.filter(action="hearing_registration_closed_early").exists()


async def test_an_early_close_keeps_the_promised_deadline_is_audited_and_tells_registrants(
    db, people: Personas
):
    hearing = await _with_speakers(people)
    deadline = hearing.registration_closes_at
    await service.close_registration_early(hearing, f"  {REASON}\n", actor=people.olga, ip="10.0.0.7")
    after = await Hearing.get(id=hearing.id)
    assert after.registration_closes_at == deadline  # the deadline the notice gave stays on record
    assert after.registration_closed_early_at is not None and after.registration_closed_early_at < deadline
    assert after.registration_closed_early_reason == REASON
    event = await AuditEvent.get(action="hearing_registration_closed_early")
    assert event.actor_id == people.olga.id and event.ip == "10.0.0.7"
    assert event.object_id == str(hearing.id) and event.detail["reason"] == REASON
    told = await OutboxMessage.filter(subject__startswith="报名提前截止").order_by("id")
    assert [m.recipient for m in told] == ["u13800000000@example.cn", "u13800000001@example.cn"]
    assert f"原定于 {beijing(deadline)} 截止" in told[0].body and REASON in told[0].body
    assert "您的报名不受影响" in told[0].body

    with pytest.raises(HearingError, match=r"报名已于 .* 提前截止"):
        await service.close_registration_early(after, REASON, actor=people.olga, ip="")


async def test_after_an_early_close_registration_is_refused_and_the_draw_may_run(db, people: Personas):
    hearing = await _with_speakers(people)
    await service.close_registration_early(hearing, REASON, actor=people.olga, ip="")
    assert not service.registration_open(hearing)
    with pytest.raises(HearingError, match=f"报名已于 .* 提前截止，不再接受报名。理由：{REASON}"):
        await service.register(hearing, _speaker("13800000009", "other"))
    assert await HearingRegistration.filter(hearing=hearing).count() == 2
    assert service.status_label(hearing) == "报名已提前截止"
    await service.run_draw(hearing, secret=SECRET, actor=people.olga, ip="")
    after = await Hearing.get(id=hearing.id)
    assert after.status == HearingStatus.SELECTION_DONE and after.drawn_at is not None
    assert after.drawn_at >= after.registration_closed_early_at
    assert await AuditEvent.filter(action="hearing_draw").count() == 1


async def test_only_an_open_registration_before_its_deadline_can_be_closed_early(db, people: Personas):
    hearing = await _open_hearing(people)
    with pytest.raises(HearingError, match="按公告截止，无须提前截止"):
        await service.close_registration_early(
            hearing, REASON, actor=people.olga, ip="", at=hearing.registration_closes_at
        )
    await service.set_status(hearing, HearingStatus.POSTPONED, "场地维修", actor=people.olga, ip="")
    with pytest.raises(HearingError, match="只有正在报名的听证会"):
        await service.close_registration_early(hearing, REASON, actor=people.olga, ip="")


# --- what the public sees ----------------------------------------------------------------------------


async def test_the_public_pages_and_calendar_show_the_early_close_with_its_reason(
    client: httpx.AsyncClient, people: Personas
):
    hearing = await _with_speakers(people)
    page = (await client.get(f"/hearings/{hearing.id}")).text
    assert "提交报名" in page and "提前截止" not in page
    token = await csrf_token(client, f"/hearings/{hearing.id}")
    await service.close_registration_early(hearing, REASON, actor=people.olga, ip="")
    hearing = await Hearing.get(id=hearing.id)
    closed_at, deadline = (
        beijing(hearing.registration_closed_early_at),
        beijing(hearing.registration_closes_at),
    )
    expected = f"报名已于 {closed_at} 提前截止（原定截止时间 {deadline}），理由：{REASON}"

    page = (await client.get(f"/hearings/{hearing.id}")).text
    assert expected in page
    assert f"{local_day(12):%Y年%m月%d日} 18:00" in page  # the original deadline, in Beijing time
    assert "报名已提前截止" in page and "提交报名" not in page  # the badge, and no form
    late = await client.post(
        f"/hearings/{hearing.id}/register",
        data={
            "csrf_token": token,
            "role": "observer",
            "category": "利害关系人",
            "name": "迟到者",
            "phone": "13900000000",
            "consent": "on",
        },
    )
    assert late.status_code == 400 and "提前截止，不再接受报名" in late.text
    assert not await HearingRegistration.filter(name="迟到者").exists()

    listing = (await client.get("/hearings")).text
    assert "报名已提前截止" in listing and REASON in listing
    event = Calendar.from_ical((await client.get(f"/hearings/{hearing.id}.ics")).content).walk("VEVENT")[0]
    assert f"报名已于 {closed_at} 提前截止" in str(event["description"]) and REASON in str(
        event["description"]
    )


# --- the staff page ----------------------------------------------------------------------------------


async def _own_item(people: Personas) -> Decision:
    people.olga.organisation = UNIT
    await people.olga.save(update_fields=["organisation"])
    catalog = await decisions.create_catalog(local_day().year, actor=people.alice, ip="")
    return await decisions.add_item(
        catalog,
        decisions.ItemInput("出租车运价调整方案", UNIT, in_hearing_catalog=True),
        actor=people.alice,
        ip="",
    )


async def test_the_staff_page_says_when_the_draw_opens_and_closes_early_only_with_reason_and_consent(
    client: httpx.AsyncClient, people: Personas
):
    hearing = await _with_speakers(people, await _own_item(people))
    await login(client, people.olga)
    url = f"/staff/hearings/{hearing.id}"
    page = (await client.get(url)).text
    opens = f"{local_day(12):%Y年%m月%d日} 18:00"
    assert f"{opens} 报名截止后方可进行遴选" in page
    assert "我确认提前截止报名并公开理由" in page and 'name="csrf_token"' in page

    token = await csrf_token(client, url)
    tried = await client.post(f"{url}/draw", data={"csrf_token": token})
    assert tried.status_code == 303
    told = (await client.get(tried.headers["location"])).text
    assert f"报名截止时间（{opens}）之前不能进行遴选" in told

    unconfirmed = await client.post(f"{url}/close-registration", data={"csrf_token": token, "reason": REASON})
    assert unconfirmed.status_code == 400
    assert "请勾选“我确认提前截止报名并公开理由”" in unconfirmed.text and REASON in unconfirmed.text
    no_reason = await client.post(
        f"{url}/close-registration", data={"csrf_token": token, "reason": "", "confirm": "1"}
    )
    assert no_reason.status_code == 400 and "提前截止报名须说明理由" in no_reason.text
    assert (await Hearing.get(id=hearing.id)).registration_closed_early_at is None

    closed = await client.post(
        f"{url}/close-registration", data={"csrf_token": token, "reason": REASON, "confirm": "1"}
    )
    assert closed.status_code == 303
    page = (await client.get(closed.headers["location"])).text
    assert "报名已提前截止，理由已在听证公告中公开" in page and REASON in page
    assert "报名已截止，现在可以进行遴选" in page and "我确认提前截止报名并公开理由" not in page
    assert "<td>报名已提前截止</td>" in (await client.get("/staff/hearings")).text
    drawn = await client.post(f"{url}/draw", data={"csrf_token": token})
    assert "遴选完成：2 名陈述人报名，入选 1 名" in (await client.get(drawn.headers["location"])).text
    assert (await Hearing.get(id=hearing.id)).status == HearingStatus.SELECTION_DONE
    assert await AuditEvent.filter(
        actor_id=people.olga.id, action="hearing_registration_closed_early"
    ).exists()
