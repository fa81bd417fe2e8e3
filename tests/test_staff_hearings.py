"""Staff hearing pages: only organizers and admins; schedule with the notice rule, the draw, check-in,
the record with its signatures and the published report, all through the forms."""

from __future__ import annotations

from datetime import timedelta

import httpx
from tortoise.timezone import now

from portal.models import (
    Hearing,
    HearingMaterial,
    HearingRegistration,
    HearingStatus,
    OutboxMessage,
    RegistrationStatus,
)
from portal.services.calendar import LOCAL_TZ
from portal.services.hearing import service
from portal.services.hearing.service import RegistrationInput
from tests.conftest import Personas, csrf_token, login

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"0" * 200


def _local(delta: timedelta) -> str:
    return (now() + delta).astimezone(LOCAL_TZ).strftime("%Y-%m-%dT%H:%M")


def _schedule_form(token: str, days_ahead: int) -> dict[str, str]:
    return {
        "csrf_token": token,
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


async def test_only_organizers_and_admins_reach_the_hearing_pages(
    client: httpx.AsyncClient, people: Personas
):
    assert (await client.get("/staff/hearings")).status_code in (302, 303)
    await login(client, people.leo)
    assert (await client.get("/staff/hearings")).status_code == 403
    token = await csrf_token(client, "/staff/")
    refused = await client.post("/staff/hearings", data=_schedule_form(token, 20))
    assert refused.status_code == 403 and await Hearing.all().count() == 0


async def test_schedule_refuses_a_bad_date_keeping_the_input_then_publishes(
    client: httpx.AsyncClient, people: Personas
):
    await login(client, people.olga)
    token = await csrf_token(client, "/staff/hearings")
    bad = await client.post("/staff/hearings", data={**_schedule_form(token, 20), "starts_at": ""})
    assert bad.status_code == 400 and "请填写完整的日期和时间" in bad.text and "出租车基本运价" in bad.text
    made = await client.post(
        "/staff/hearings",
        data={**_schedule_form(token, 5), "custom_category": "出租车司机", "speakers_custom": "3"},
    )
    assert made.status_code == 303
    hearing = await Hearing.get(title="出租车运价调整听证会")
    assert hearing.seats["出租车司机"] == {"speakers": 3, "observers": 0}
    refused = await client.post(f"/staff/hearings/{hearing.id}/publish", data={"csrf_token": token})
    page = await client.get(refused.headers["location"])
    assert "至少 7 日公告" in page.text
    assert (await Hearing.get(id=hearing.id)).status == HearingStatus.PLANNED


async def test_draw_check_in_record_and_report_through_the_forms(client: httpx.AsyncClient, people: Personas):
    await login(client, people.olga)
    token = await csrf_token(client, "/staff/hearings")
    await client.post("/staff/hearings", data=_schedule_form(token, 20))
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
    await login(client, people.olga)
    token = await csrf_token(client, "/staff/hearings")
    await client.post("/staff/hearings", data=_schedule_form(token, 20))
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
    await login(client, people.olga)
    token = await csrf_token(client, "/staff/hearings")
    await client.post("/staff/hearings", data=_schedule_form(token, 20))
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
