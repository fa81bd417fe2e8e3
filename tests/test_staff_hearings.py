"""Staff hearing pages: each hearing is run by the unit it belongs to (the 承办单位 of its decision item;
on a draft, legislative staff and the drafting body) and by admins; schedule with the notice rule, the
draw, check-in, the record with its signatures and the published report, all through the forms."""

from __future__ import annotations

import itertools
from datetime import timedelta

import httpx
from tortoise.timezone import now

from portal.models import (
    AuditEvent,
    Decision,
    Draft,
    Hearing,
    HearingMaterial,
    HearingRegistration,
    HearingStatus,
    OutboxMessage,
    RegistrationStatus,
    Role,
    User,
)
from portal.services import decisions
from portal.services.calendar import LOCAL_TZ
from portal.services.hearing import service
from portal.services.hearing.service import RegistrationInput
from tests.conftest import Personas, csrf_token, local_day, login, make_user, publish_text

ROOMS = itertools.count(1)

UNIT = "广州市发展和改革委员会"  # olga's unit, the 承办单位 of the item the hearings below are held on
OTHER_UNIT = "广州市民政局"

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"0" * 200


def _local(delta: timedelta) -> str:
    return (now() + delta).astimezone(LOCAL_TZ).strftime("%Y-%m-%dT%H:%M")


async def _own_item(people: Personas) -> Decision:
    """A decision item of olga's unit (olga now works for it)."""
    people.olga.organisation = UNIT
    await people.olga.save(update_fields=["organisation"])
    catalog = await decisions.create_catalog(local_day().year, actor=people.alice, ip="")
    return await decisions.add_item(
        catalog,
        decisions.ItemInput("出租车运价调整方案", UNIT, in_hearing_catalog=True),
        actor=people.alice,
        ip="",
    )


def _schedule_form(token: str, days_ahead: int, item: Decision | None = None) -> dict[str, str]:
    return {
        "csrf_token": token,
        "decision": str(item.id) if item else "",
        "title": "出租车运价调整听证会",
        "matter": "出租车基本运价",
        "venue": "市发展改革委听证室",
        "starts_at": _local(timedelta(days=days_ahead)),
        "ends_at": _local(timedelta(days=days_ahead, hours=2)),
        "registration_opens_at": _local(timedelta(hours=-1)),
        "registration_closes_at": _local(timedelta(days=days_ahead - 1)),
        "speakers_0": "1",
        "observers_0": "2",
    }


async def test_only_organizers_legislators_and_admins_reach_the_hearing_pages(
    client: httpx.AsyncClient, people: Personas
):
    assert (await client.get("/staff/hearings")).status_code in (302, 303)
    await login(client, people.mona)
    assert (await client.get("/staff/hearings")).status_code == 403
    token = await csrf_token(client, "/staff/")
    refused = await client.post("/staff/hearings", data=_schedule_form(token, 20))
    assert refused.status_code == 403 and await Hearing.all().count() == 0


async def test_schedule_refuses_a_bad_date_keeping_the_input_then_publishes(
    client: httpx.AsyncClient, people: Personas
):
    item = await _own_item(people)
    await login(client, people.olga)
    token = await csrf_token(client, "/staff/hearings")
    bad = await client.post("/staff/hearings", data={**_schedule_form(token, 20, item), "starts_at": ""})
    assert bad.status_code == 400 and "请填写完整的日期和时间" in bad.text and "出租车基本运价" in bad.text
    assert f'<option value="{item.id}" selected>' in bad.text  # the chosen item is kept too
    made = await client.post(
        "/staff/hearings",
        data={**_schedule_form(token, 5, item), "custom_category": "出租车司机", "speakers_custom": "3"},
    )
    assert made.status_code == 303
    hearing = await Hearing.get(title="出租车运价调整听证会")
    assert hearing.seats["出租车司机"] == {"speakers": 3, "observers": 0} and hearing.decision_id == item.id
    refused = await client.post(f"/staff/hearings/{hearing.id}/publish", data={"csrf_token": token})
    page = await client.get(refused.headers["location"])
    assert "至少 7 日公告" in page.text
    assert (await Hearing.get(id=hearing.id)).status == HearingStatus.PLANNED


async def test_draw_check_in_record_and_report_through_the_forms(client: httpx.AsyncClient, people: Personas):
    item = await _own_item(people)
    await login(client, people.olga)
    token = await csrf_token(client, "/staff/hearings")
    await client.post("/staff/hearings", data=_schedule_form(token, 20, item))
    hearing = await Hearing.get(title="出租车运价调整听证会")
    await client.post(f"/staff/hearings/{hearing.id}/publish", data={"csrf_token": token})
    hearing = await Hearing.get(id=hearing.id)
    assert hearing.status == HearingStatus.REGISTRATION_OPEN and hearing.seats == {
        "利害关系人": {"speakers": 1, "observers": 2}
    }
    a = await service.register(
        hearing,
        RegistrationInput(
            "司机甲",
            "13500000001",
            "利害关系人",
            "speaker",
            email="a@example.cn",
            stance="oppose",
            statement="反对",
        ),
    )
    b = await service.register(
        hearing,
        RegistrationInput(
            "乘客乙",
            "13500000002",
            "利害关系人",
            "speaker",
            email="b@example.cn",
            stance="support",
            statement="支持",
        ),
    )
    # Registration ends before the draw: closed early here, with the reason the notice will show.
    closed = await client.post(
        f"/staff/hearings/{hearing.id}/close-registration",
        data={"csrf_token": token, "reason": "报名人数已远超名额。", "confirm": "1"},
    )
    assert closed.status_code == 303
    drawn = await client.post(f"/staff/hearings/{hearing.id}/draw", data={"csrf_token": token})
    page = await client.get(drawn.headers["location"])
    assert "遴选完成：2 名陈述人报名，入选 1 名" in page.text
    assert await OutboxMessage.filter(subject__startswith="遴选结果").count() == 2
    chosen = await HearingRegistration.get(hearing=hearing, status=RegistrationStatus.SELECTED)
    assert chosen.id in (a.id, b.id)

    wrong = await client.post(
        f"/staff/hearings/{hearing.id}/checkin", data={"csrf_token": token, "code": "HZZZZ-ZZZZ"}
    )
    assert "报名码无效" in (await client.get(wrong.headers["location"])).text
    ok = await client.post(
        f"/staff/hearings/{hearing.id}/checkin", data={"csrf_token": token, "code": chosen.code}
    )
    assert "签到成功" in (await client.get(ok.headers["location"])).text

    unsigned = await client.post(
        f"/staff/hearings/{hearing.id}/record",
        data={"csrf_token": token},
        files={"file": ("笔录.pdf", PDF, "application/pdf")},
    )
    assert "第十七条" in (await client.get(unsigned.headers["location"])).text
    assert (await Hearing.get(id=hearing.id)).record_id is None
    await client.post(
        f"/staff/hearings/{hearing.id}/record",
        data={"csrf_token": token, "confirmed": str(chosen.id)},
        files={"file": ("笔录.pdf", PDF, "application/pdf")},
    )
    assert (await Hearing.get(id=hearing.id)).status == HearingStatus.HELD
    await client.post(
        f"/staff/hearings/{hearing.id}/report",
        data={"csrf_token": token, "summary": "陈述人意见分歧较大，建议分步调整。"},
        files={"file": ("听证报告.pdf", PDF, "application/pdf")},
    )
    public = await client.get(f"/hearings/{hearing.id}")
    assert "陈述人意见分歧较大" in public.text
    download = await client.get(f"/hearings/{hearing.id}/report")
    assert download.status_code == 200 and download.content.startswith(b"%PDF")


async def test_a_disguised_upload_is_refused(client: httpx.AsyncClient, people: Personas):
    item = await _own_item(people)
    await login(client, people.olga)
    token = await csrf_token(client, "/staff/hearings")
    await client.post("/staff/hearings", data=_schedule_form(token, 20, item))
    hearing = await Hearing.get(title="出租车运价调整听证会")
    response = await client.post(
        f"/staff/hearings/{hearing.id}/record",
        data={"csrf_token": token, "confirmed": "1"},
        files={"file": ("笔录.pdf", b"MZ\x90\x00 not a pdf" * 20, "application/pdf")},
    )
    page = await client.get(response.headers["location"])
    assert "笔录.pdf" in page.text and (await Hearing.get(id=hearing.id)).record_id is None


async def test_materials_are_published_and_their_notice_goes_out_in_time(
    client: httpx.AsyncClient, people: Personas
):
    item = await _own_item(people)
    await login(client, people.olga)
    token = await csrf_token(client, "/staff/hearings")
    await client.post("/staff/hearings", data=_schedule_form(token, 20, item))
    hearing = await Hearing.get(title="出租车运价调整听证会")
    await client.post(f"/staff/hearings/{hearing.id}/publish", data={"csrf_token": token})
    hearing = await Hearing.get(id=hearing.id)
    await service.register(
        hearing,
        RegistrationInput("旁听甲", "13500000009", "利害关系人", "observer", email="o@example.cn"),
    )
    early = await client.post(f"/staff/hearings/{hearing.id}/materials/send", data={"csrf_token": token})
    assert "请先上传听证材料" in (await client.get(early.headers["location"])).text
    # Nothing is due 20 days ahead; nothing happens without materials either.
    assert await service.send_due_materials() == 0
    await client.post(
        f"/staff/hearings/{hearing.id}/materials",
        data={"csrf_token": token, "title": "运价调整方案"},
        files={"file": ("方案.pdf", PDF, "application/pdf")},
    )
    public = await client.get(f"/hearings/{hearing.id}")
    assert "运价调整方案" in public.text
    material = await HearingMaterial.get(hearing=hearing)
    download = await client.get(f"/hearings/{hearing.id}/materials/{material.id}")
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    assert await service.send_due_materials() == 0  # still 20 days ahead
    site = "https://canyu.example.gov.cn"  # SITE_URL, as the outbox worker passes it
    assert await service.send_due_materials(at=hearing.starts_at - timedelta(days=8), site=site) == 1
    notice = await OutboxMessage.get(subject__startswith="听证材料", recipient="o@example.cn")
    assert f"本场听证会：{site}/hearings/{hearing.id}" in notice.body
    assert await service.send_due_materials(at=hearing.starts_at - timedelta(days=7)) == 0  # once only


# --- whose hearing it is ----------------------------------------------------------------------------


async def _open_hearing_on(people: Personas, **link: object) -> Hearing:
    start = now() + timedelta(days=20)
    hearing = await service.schedule(
        service.HearingInput(
            title="出租车运价调整听证会",
            matter="出租车基本运价",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            venue=f"市发展改革委第{next(ROOMS)}听证室",  # its own room: no clash with the next one
            registration_opens_at=now() - timedelta(hours=1),
            registration_closes_at=start - timedelta(days=8),
            seats={"利害关系人": {"speakers": 1, "observers": 2}},
            **link,  # type: ignore[arg-type]
        ),
        actor=people.alice,
        ip="",
    )
    await service.publish_notice(hearing, actor=people.alice, ip="")
    return hearing


async def _organizer_of(username: str, unit: str) -> User:
    user = await make_user(username, Role.ORGANIZER)
    user.organisation = unit
    await user.save(update_fields=["organisation"])
    return user


async def test_an_organizer_of_another_unit_can_neither_see_nor_run_the_hearing(
    client: httpx.AsyncClient, other_client: httpx.AsyncClient, people: Personas
):
    hearing = await _open_hearing_on(people, decision=await _own_item(people))
    registration = await service.register(
        hearing,
        RegistrationInput(
            "报名人张三",
            "13500000001",
            "利害关系人",
            "speaker",
            email="z@example.cn",
            stance="oppose",
            statement="反对",
        ),
    )
    await login(client, await _organizer_of("otto", OTHER_UNIT))
    listed = await client.get("/staff/hearings")
    assert listed.status_code == 200 and "出租车运价调整听证会" not in listed.text
    opened = await client.get(f"/staff/hearings/{hearing.id}")
    assert opened.status_code == 403 and "承办单位" in opened.text and "报名人张三" not in opened.text
    token = await csrf_token(client, "/staff/hearings")
    posts = {
        "publish": {},
        "status": {"status": HearingStatus.CANCELLED.value, "reason": "别的单位取消"},
        "draw": {},
        "checkin": {"code": registration.code},
        "materials/send": {},
    }
    for action, data in posts.items():
        response = await client.post(
            f"/staff/hearings/{hearing.id}/{action}", data={"csrf_token": token, **data}
        )
        assert response.status_code == 403, action
    for action in ("materials", "record", "report"):
        response = await client.post(
            f"/staff/hearings/{hearing.id}/{action}",
            data={"csrf_token": token, "summary": "别的单位的报告", "confirmed": str(registration.id)},
            files={"file": ("文件.pdf", PDF, "application/pdf")},
        )
        assert response.status_code == 403, action

    after = await Hearing.get(id=hearing.id)
    assert after.status == HearingStatus.REGISTRATION_OPEN and after.drawn_at is None
    assert after.record_id is None and after.report_id is None
    assert (await HearingRegistration.get(id=registration.id)).status == RegistrationStatus.APPLIED
    assert not await HearingMaterial.filter(hearing=hearing).exists()
    assert not await OutboxMessage.filter(subject__startswith="听证会已取消").exists()
    assert not await AuditEvent.filter(actor_name="otto", object_type="hearing").exists()

    await login(other_client, people.olga)  # the unit it belongs to
    own = await other_client.get(f"/staff/hearings/{hearing.id}")
    assert own.status_code == 200 and "报名人张三" in own.text
    assert "出租车运价调整听证会" in (await other_client.get("/staff/hearings")).text


async def test_a_hearing_is_scheduled_only_on_an_item_or_draft_of_ones_own_unit(
    client: httpx.AsyncClient, other_client: httpx.AsyncClient, people: Personas
):
    item = await _own_item(people)
    theirs = await publish_text(title="广州市测试条例（草案）")  # drafted by 广州市测试局
    await login(client, await _organizer_of("otto", OTHER_UNIT))
    token = await csrf_token(client, "/staff/hearings")
    form = await client.get("/staff/hearings")
    assert f'<option value="{item.id}"' not in form.text and f'<option value="{theirs.id}"' not in form.text
    for link in ({"decision": str(item.id)}, {"draft": str(theirs.id)}):
        refused = await client.post("/staff/hearings", data={**_schedule_form(token, 20), **link})
        assert refused.status_code == 403
        assert "您不能为该决策事项或草案安排听证会" in refused.text and "出租车基本运价" in refused.text
    unlinked = await client.post("/staff/hearings", data=_schedule_form(token, 20))
    assert unlinked.status_code == 400 and "请选择听证会所依据的决策事项或草案" in unlinked.text
    for wrong in ("²", "99999999999999", "-1"):
        bad = await client.post("/staff/hearings", data={**_schedule_form(token, 20), "decision": wrong})
        assert bad.status_code == 400 and "编号不存在" in bad.text
    assert await Hearing.all().count() == 0

    await login(other_client, people.olga)
    token = await csrf_token(other_client, "/staff/hearings")
    made = await other_client.post("/staff/hearings", data=_schedule_form(token, 20, item))
    assert made.status_code == 303
    await other_client.post("/staff/logout", data={"csrf_token": token})
    other_client.cookies.clear()
    await login(other_client, people.alice)  # an admin may also hold a hearing on no item or draft
    token = await csrf_token(other_client, "/staff/hearings")
    # (ten days later: the same room at the same time would ask to confirm the clash)
    assert (await other_client.post("/staff/hearings", data=_schedule_form(token, 30))).status_code == 303
    assert await Hearing.all().count() == 2


async def test_a_draft_hearing_is_run_by_legislators_and_the_drafting_body(
    client: httpx.AsyncClient, people: Personas
):
    draft = await publish_text()  # drafted by 广州市测试局
    on_draft = await _open_hearing_on(people, draft=draft)
    on_item = await _open_hearing_on(people, decision=await _own_item(people))
    drafting = await _organizer_of("dora", "广州市测试局")
    expected = {
        people.leo: {on_draft: 200, on_item: 403},
        drafting: {on_draft: 200, on_item: 403},
        people.olga: {on_draft: 403, on_item: 200},
        people.alice: {on_draft: 200, on_item: 200},
    }
    for user, outcomes in expected.items():
        client.cookies.clear()
        await login(client, user)
        listed = (await client.get("/staff/hearings")).text
        for hearing, status in outcomes.items():
            assert (await client.get(f"/staff/hearings/{hearing.id}")).status_code == status, (user, hearing)
            assert (f'href="/staff/hearings/{hearing.id}"' in listed) == (status == 200), (user, hearing)

    client.cookies.clear()
    await login(client, people.leo)
    token = await csrf_token(client, "/staff/hearings")
    made = await client.post("/staff/hearings", data={**_schedule_form(token, 40), "draft": str(draft.id)})
    assert made.status_code == 303
    assert await Hearing.filter(draft=draft).count() == 2


async def test_a_hearing_on_an_item_and_a_draft_needs_the_right_to_both(db, people: Personas):
    item = Decision(responsible_unit=UNIT)
    own_draft, their_draft = Draft(drafting_body=UNIT), Draft(drafting_body=OTHER_UNIT)
    organizer = User(roles=[Role.ORGANIZER.value], organisation=UNIT)
    assert service.may_hold(organizer, decision=item, draft=own_draft)
    assert not service.may_hold(organizer, decision=item, draft=their_draft)
    assert not service.may_hold(organizer, decision=None, draft=None)  # no unit owns it: admins only
    assert not service.may_hold(User(roles=[Role.ORGANIZER.value]), decision=item, draft=None)  # no unit
    assert not service.may_hold(people.leo, decision=item, draft=own_draft)
    assert service.may_hold(people.alice, decision=None, draft=None)
