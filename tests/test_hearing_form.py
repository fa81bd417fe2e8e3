"""The hearing form (issue 25, item 9): the linked decision item or draft chosen by title from the
organizer's own, a warning when two hearings overlap at the same venue (confirmed to go ahead) or in the
same unit, and a registrant's 所在区 chosen from the districts the comment form offers."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import httpx
import pytest
from tortoise.timezone import now

from portal.models import AuditEvent, Decision, Hearing, HearingRegistration, HearingStatus, Role, User
from portal.services import decisions
from portal.services.calendar import LOCAL_TZ
from portal.services.hearing import clashes, service
from portal.services.hearing.service import HearingError, RegistrationInput, VenueClash
from portal.services.liaison import DISTRICT_ORDER
from tests.conftest import Personas, csrf_token, local_day, login, make_user

UNIT = "广州市发展和改革委员会"
SEATS = {"利害关系人": {"speakers": 2, "observers": 2}}


def _at(days: int, hour: int, minute: int = 0) -> datetime:
    """A Beijing wall-clock time ``days`` from today, as a form gives it."""
    return datetime.combine(local_day(days), time(hour, minute), tzinfo=LOCAL_TZ)


def _input(venue: str, start: datetime, hours: int = 3, **link: object) -> service.HearingInput:
    return service.HearingInput(
        title=f"听证会（{venue}，{start:%H:%M}）",
        matter="",
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        venue=venue,
        registration_opens_at=now() - timedelta(hours=1),
        registration_closes_at=start - timedelta(days=8),
        seats=SEATS,
        **link,  # type: ignore[arg-type]
    )


async def _item(people: Personas, unit: str = UNIT, title: str = "出租车运价调整方案") -> Decision:
    catalog = await decisions.DecisionCatalog.get_or_none(year=local_day().year, level="city")
    if catalog is None:
        catalog = await decisions.create_catalog(local_day().year, actor=people.alice, ip="")
    return await decisions.add_item(
        catalog, decisions.ItemInput(title, unit, in_hearing_catalog=True), actor=people.alice, ip=""
    )


# --- clashes: the service ----------------------------------------------------------------------------


def test_a_venue_is_compared_without_its_spaces_and_widths() -> None:
    same = ["市政府礼堂(一楼)", " 市政府　礼堂（一楼） ", "市政府礼堂（一楼）", "市 政 府 礼 堂 ( 一 楼 )"]
    assert len({clashes.venue_key(v) for v in same}) == 1
    assert clashes.venue_key("Room A") == clashes.venue_key("ＲＯＯＭ　ａ")
    assert clashes.venue_key("市政府礼堂") != clashes.venue_key("市政府礼堂二楼")


async def test_an_overlap_at_the_same_venue_needs_confirmation_and_is_audited(db, people: Personas):
    first = await service.schedule(_input("市政府礼堂（一楼）", _at(20, 9)), actor=people.alice, ip="")
    with pytest.raises(VenueClash, match="同一地点在这一时间已安排了其他听证会") as refused:
        await service.schedule(_input(" 市政府　礼堂(一楼)", _at(20, 11)), actor=people.alice, ip="")
    assert [h.id for h in refused.value.clashes.same_venue] == [first.id]
    assert await Hearing.all().count() == 1

    second = await service.schedule(
        _input(" 市政府　礼堂(一楼)", _at(20, 11)), actor=people.alice, ip="", clash_confirmed=True
    )
    event = await AuditEvent.get(action="hearing_scheduled", object_id=str(second.id))
    assert event.detail == {"venue_clash_confirmed": [first.id]}
    assert [h.id for h in (await service.clashes_of(first)).same_venue] == [second.id]


async def test_touching_times_other_venues_and_cancelled_hearings_do_not_clash(db, people: Personas):
    first = await service.schedule(_input("市政府礼堂", _at(20, 9)), actor=people.alice, ip="")
    await service.schedule(_input("市政府礼堂", _at(20, 12)), actor=people.alice, ip="")  # 9-12, 12-15
    await service.schedule(_input("市人大常委会会议室", _at(20, 9)), actor=people.alice, ip="")
    await service.publish_notice(first, actor=people.alice, ip="")
    await service.set_status(first, HearingStatus.CANCELLED, "方案撤回", actor=people.alice, ip="")
    await service.schedule(_input("市政府礼堂", _at(20, 9)), actor=people.alice, ip="")  # the cancelled one's
    assert await Hearing.all().count() == 4


async def test_the_same_unit_at_the_same_time_elsewhere_is_told_not_refused(db, people: Personas):
    item, other = await _item(people), await _item(people, title="停车收费标准调整")
    foreign = await _item(people, unit="广州市民政局", title="养老服务收费")
    ours = await service.schedule(
        _input("发改委听证室", _at(20, 9), decision=item), actor=people.alice, ip=""
    )
    theirs = await service.schedule(
        _input("民政局会议室", _at(20, 9), decision=foreign), actor=people.alice, ip=""
    )
    second = await service.schedule(
        _input("市政府礼堂", _at(20, 10), decision=other), actor=people.alice, ip=""
    )
    found = await service.clashes_of(second)
    assert found.same_venue == [] and [h.id for h in found.same_unit] == [ours.id]
    assert theirs.id not in [h.id for h in found.same_unit]


# --- clashes: the form --------------------------------------------------------------------------------


async def _olga_of(people: Personas) -> User:
    people.olga.organisation = UNIT
    await people.olga.save(update_fields=["organisation"])
    return people.olga


def _form(token: str, item: Decision, venue: str, start: datetime, **more: str) -> dict[str, str]:
    return {
        "csrf_token": token,
        "decision": str(item.id),
        "title": "出租车运价调整听证会",
        "matter": "出租车基本运价与燃油附加费",
        "venue": venue,
        "starts_at": f"{start:%Y-%m-%dT%H:%M}",
        "ends_at": f"{start + timedelta(hours=3):%Y-%m-%dT%H:%M}",
        "registration_opens_at": f"{datetime.now(LOCAL_TZ) - timedelta(hours=1):%Y-%m-%dT%H:%M}",
        "registration_closes_at": f"{start - timedelta(days=8):%Y-%m-%dT%H:%M}",
        "speakers_0": "1",
        "observers_0": "2",
        **more,
    }


async def test_the_form_shows_the_clash_keeps_the_input_and_goes_ahead_once_confirmed(
    client: httpx.AsyncClient, people: Personas
):
    item = await _item(people)
    booked = await service.schedule(
        _input("市发展改革委听证室", _at(20, 9), decision=item), actor=people.alice, ip=""
    )
    await login(client, await _olga_of(people))
    token = await csrf_token(client, "/staff/hearings")
    form = _form(token, item, "市发展改革委　听证室", _at(20, 10, 30))
    warned = await client.post("/staff/hearings", data=form)
    assert warned.status_code == 400
    page = warned.text
    assert "同一地点在这一时间已安排了其他听证会" in page and booked.title in page
    assert f"{local_day(20):%Y年%m月%d日} 09:00 至 12:00" in page  # the clashing hearing, in Beijing time
    assert "我已核对，确认在同一地点同一时间安排这场听证会" in page
    assert "出租车基本运价与燃油附加费" in page and 'value="市发展改革委　听证室"' in page
    assert f'value="{form["starts_at"]}"' in page and f'<option value="{item.id}" selected>' in page
    assert await Hearing.all().count() == 1

    made = await client.post("/staff/hearings", data={**form, "clash_confirmed": "1"})
    assert made.status_code == 303
    shown = (await client.get(made.headers["location"])).text
    assert "同一地点同一时间另有听证会" in shown and booked.title in shown
    assert await Hearing.all().count() == 2


async def test_the_form_tells_of_another_hearing_of_the_unit_at_that_time(
    client: httpx.AsyncClient, people: Personas
):
    item, other = await _item(people), await _item(people, title="停车收费标准调整")
    await service.schedule(_input("市政府礼堂", _at(20, 9), decision=other), actor=people.alice, ip="")
    await login(client, await _olga_of(people))
    token = await csrf_token(client, "/staff/hearings")
    made = await client.post("/staff/hearings", data=_form(token, item, "市发展改革委听证室", _at(20, 10)))
    assert made.status_code == 303  # not refused: the unit may well hold two hearings in two rooms
    shown = (await client.get(made.headers["location"])).text
    assert "提示：本单位在同一时间另有听证会" in shown and "听证会（市政府礼堂，09:00）" in shown


# --- the linked item or draft ----------------------------------------------------------------------


async def test_the_form_offers_the_organizers_own_items_by_title_and_refuses_a_foreign_id(
    client: httpx.AsyncClient, people: Personas
):
    own = await _item(people)
    foreign = await _item(people, unit="广州市民政局", title="养老服务收费")
    await login(client, await _olga_of(people))
    page = (await client.get("/staff/hearings")).text
    assert f"{local_day().year}年 第{own.seq}项 出租车运价调整方案（{UNIT}）" in page
    assert "养老服务收费" not in page
    assert '<select id="n-decision" name="decision"' in page and '<select id="n-draft" name="draft"' in page
    assert 'type="number" name="decision"' not in page and '<input id="n-decision"' not in page
    token = await csrf_token(client, "/staff/hearings")
    refused = await client.post("/staff/hearings", data=_form(token, foreign, "市政府礼堂", _at(20, 9)))
    assert refused.status_code == 403 and "您不能为该决策事项或草案安排听证会" in refused.text
    assert "出租车基本运价与燃油附加费" in refused.text  # what was typed is kept
    assert await Hearing.all().count() == 0


# --- 所在区 ------------------------------------------------------------------------------------------


async def _open(people: Personas) -> Hearing:
    hearing = await service.schedule(_input("市政府礼堂", _at(20, 9)), actor=people.alice, ip="")
    await service.publish_notice(hearing, actor=people.alice, ip="")
    return hearing


def _speaker(phone: str, district: str, stance: str = "oppose") -> RegistrationInput:
    return RegistrationInput(
        "陈市民", phone, "利害关系人", "speaker", district=district, stance=stance, statement="意见"
    )


async def test_a_district_outside_the_list_is_refused_and_the_list_is_canonical(db, people: Personas):
    hearing = await _open(people)
    for typed in ("Yuexiu", "越秀区区", "广州越秀", "深圳南山"):
        with pytest.raises(HearingError, match="请从列表中选择所在区") as refused:
            await service.register(hearing, _speaker("13800000001", typed))
        assert refused.value.field == "district"
    assert await HearingRegistration.filter(hearing=hearing).count() == 0
    for n, typed in enumerate(("越秀", "越秀区", " 越秀　", "")):
        registration = await service.register(hearing, _speaker(f"1380000001{n}", typed))
        assert registration.district == ("越秀" if typed else "")
    await service.close_registration_early(hearing, "名额已满，提前截止。", actor=people.alice, ip="")
    await service.run_draw(hearing, secret="k", actor=people.alice, ip="")
    hearing = await Hearing.get(id=hearing.id)
    assert sorted(row["district"] for row in hearing.draw_list) == ["", "越秀", "越秀", "越秀"]


async def test_the_registration_form_offers_the_districts_and_refuses_others_keeping_the_text(
    client: httpx.AsyncClient, people: Personas
):
    hearing = await _open(people)
    page = (await client.get(f"/hearings/{hearing.id}")).text
    assert '<select id="h-district" name="district"' in page
    assert '<option value="">不填写（不愿透露或不在本市）</option>' in page
    for district in DISTRICT_ORDER:
        assert f'<option value="{district}" >{district}区</option>' in page
    token = await csrf_token(client, f"/hearings/{hearing.id}")
    data = {
        "csrf_token": token,
        "role": "speaker",
        "category": "利害关系人",
        "name": "陈市民",
        "phone": "13912345678",
        "stance": "oppose",
        "statement": "票价上调幅度过大，建议分段实施。",
        "consent": "on",
    }
    refused = await client.post(f"/hearings/{hearing.id}/register", data={**data, "district": "Yuexiu"})
    assert refused.status_code == 400 and "请从列表中选择所在区" in refused.text
    assert "票价上调幅度过大" in refused.text and 'value="13912345678"' in refused.text
    assert await HearingRegistration.filter(hearing=hearing).count() == 0
    done = await client.post(f"/hearings/{hearing.id}/register", data={**data, "district": "海珠"})
    assert done.status_code == 201
    assert (await HearingRegistration.get(hearing=hearing)).district == "海珠"


async def test_a_district_stored_as_free_text_before_still_shows_as_stored(
    client: httpx.AsyncClient, people: Personas
):
    hearing = await _open(people)
    registration = await service.register(hearing, _speaker("13800000001", ""))
    await HearingRegistration.filter(id=registration.id).update(district="Yuexiu", show_name=True)
    await service.close_registration_early(hearing, "名额已满，提前截止。", actor=people.alice, ip="")
    await service.run_draw(hearing, secret="k", actor=people.alice, ip="")
    page = (await client.get(f"/hearings/{hearing.id}")).text
    assert "<td>Yuexiu</td>" in page and "陈市民" in page


async def test_an_organizer_without_a_unit_cannot_schedule_on_an_item(db, people: Personas):
    """may_hold stays the rule the form's list and the refusal both use."""
    item = await _item(people)
    nobody = await make_user("nora", Role.ORGANIZER)
    items, _ = await service.linkable(nobody)
    assert item not in items and not service.may_hold(nobody, decision=item, draft=None)
