"""Personal-data requests (个人信息保护法 arts 45, 47): a person's data found by phone or e-mail,
exported, and anonymised without losing what they said or what the statistics count."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import httpx
import pytest
from tortoise import Tortoise
from tortoise.timezone import now

from portal.models import (
    AuditEvent,
    Comment,
    Draft,
    Hearing,
    HearingRegistration,
    OutboxMessage,
    ProposalKind,
    PublicProposal,
    Stance,
)
from portal.services import comments, outbox, personal_data
from portal.services.digest import build
from portal.services.hearing import service as hearings
from tests.conftest import Personas, csrf_token, login, publish_text

SECRET = "test-secret-key-that-is-long-enough-0123456789"
PHONE = "13800138000"


async def open_hearing(people: Personas) -> Hearing:
    start = now() + timedelta(days=20)
    hearing = await hearings.schedule(
        hearings.HearingInput(
            title="停车收费标准调整听证会",
            matter="中心城区路内停车收费标准",
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            venue="市政府礼堂",
            registration_opens_at=now() - timedelta(hours=1),
            registration_closes_at=start - timedelta(days=8),
            seats={"利害关系人": {"speakers": 2, "observers": 2}},
        ),
        actor=people.olga,
        ip="",
    )
    await hearings.publish_notice(hearing, actor=people.olga, ip="")
    return hearing


async def zhang_and_others(people: Personas) -> tuple[Draft, Comment, HearingRegistration, Comment]:
    """张三 commented (phone typed with spaces and a dash) and registered for a hearing (with +86);
    李四 commented too."""
    draft = await publish_text()
    zhang, _ = await comments.submit(
        draft,
        comments.CommentInput(
            body="建议第三条增加补种要求。",
            stance=Stance.AMEND,
            district="天河",
            name="张三",
            phone="138 0013-8000",
            email="Zhang.San@Example.cn",
        ),
        ip_hash="a1b2c3",
    )
    registration = await hearings.register(
        await open_hearing(people),
        hearings.RegistrationInput(
            name="张三",
            phone="+86 138-0013-8000",
            email="zhang.san@example.cn",
            category="利害关系人",
            role="observer",
            district="天河",
        ),
    )
    li, _ = await comments.submit(
        draft,
        comments.CommentInput(body="赞成。", stance=Stance.SUPPORT, name="李四", phone="13900139000"),
    )
    return draft, zhang, registration, li


@pytest.mark.parametrize(
    "typed",
    [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138 0013 8000",
        "+8613800138000",
        "008613800138000",
    ],
)
def test_phone_numbers_are_compared_without_spaces_dashes_or_country_code(typed: str) -> None:
    assert personal_data.subject_from("phone", typed) == personal_data.Subject("phone", PHONE)


def test_an_international_landline_becomes_the_domestic_number() -> None:
    assert personal_data.normalise_phone("+86 20 8888 6666") == "02088886666"


def test_a_number_too_short_or_an_address_without_domain_is_refused() -> None:
    with pytest.raises(personal_data.PersonalDataError, match="有效的电话号码"):
        personal_data.subject_from("phone", "12-34")
    with pytest.raises(personal_data.PersonalDataError, match="有效的电子邮箱"):
        personal_data.subject_from("email", "zhang.san")


async def test_export_by_phone_finds_the_comment_and_the_hearing_registration(db, people: Personas) -> None:
    _, zhang, registration, _ = await zhang_and_others(people)

    data = await personal_data.export(
        personal_data.subject_from("phone", "+86 13800138000"), secret=SECRET, actor=people.alice
    )

    assert [c["receipt_code"] for c in data["comments"]] == [zhang.receipt_code]  # not 李四's
    assert data["comments"][0]["commenter_phone"] == "138 0013-8000"
    assert data["comments"][0]["body"] == "建议第三条增加补种要求。"
    assert [r["code"] for r in data["hearing_registrations"]] == [registration.code]
    assert data["hearing_registrations"][0]["name"] == "张三"
    # The registration's confirmation e-mail is about the same person.
    assert [m["recipient"] for m in data["outbox_messages"]] == ["zhang.san@example.cn"]
    assert data["counts"] == {
        "comments": 1,
        "hearing_registrations": 1,
        "public_proposals": 0,
        "outbox_messages": 1,
    }
    json.dumps(data, ensure_ascii=False)  # what the command and the page write out


async def test_export_by_email_finds_a_public_proposal_and_ignores_case(db, people: Personas) -> None:
    _, zhang, _, _ = await zhang_and_others(people)
    proposal = await PublicProposal.create(
        kind=ProposalKind.HEARING,
        year=2026,
        body="建议就停车收费举行听证。",
        name="张三",
        contact="zhang.san@example.cn",
    )

    found = await personal_data.find(personal_data.subject_from("email", " ZHANG.SAN@example.CN "))

    assert [c.id for c in found.comments] == [zhang.id]
    assert [p.id for p in found.proposals] == [proposal.id]
    assert len(found.registrations) == 1 and len(found.messages) == 1


async def test_erase_clears_the_person_and_they_are_no_longer_found(db, people: Personas) -> None:
    _, zhang, registration, li = await zhang_and_others(people)
    subject = personal_data.subject_from("phone", "138-0013-8000")

    counts = await personal_data.erase(subject, secret=SECRET, actor=people.alice, ip="203.0.113.7")

    assert counts == {"comments": 1, "hearing_registrations": 1, "public_proposals": 0, "outbox_messages": 1}
    erased = await Comment.get(id=zhang.id)
    assert (erased.commenter_name, erased.commenter_phone, erased.commenter_email, erased.ip_hash) == (
        "",
        "",
        "",
        "",
    )
    assert erased.body == "建议第三条增加补种要求。"  # the public record stays
    assert erased.district == "天河"
    reg = await HearingRegistration.get(id=registration.id)
    assert reg.name == "" and reg.email == "" and PHONE not in reg.phone
    assert (
        reg.code == registration.code and reg.status == registration.status
    )  # the draw can still be checked
    message = await OutboxMessage.get()
    assert message.recipient == "" and "张三" not in message.body and registration.code not in message.body
    assert message.attempts == outbox.MAX_ATTEMPTS  # never sent now
    assert (await personal_data.find(subject)).total == 0
    assert (await personal_data.find(personal_data.subject_from("email", "zhang.san@example.cn"))).total == 0
    assert (await Comment.get(id=li.id)).commenter_phone == "13900139000"  # someone else's untouched


async def test_erased_comments_still_count_in_statistics_and_digests(db, people: Personas) -> None:
    draft, _, _, _ = await zhang_and_others(people)
    before = (await build.refresh(draft)).data
    stats_before = await comments.stats(draft)

    await personal_data.erase(personal_data.subject_from("phone", PHONE), secret=SECRET, actor=people.alice)

    after = (await build.refresh(draft)).data
    assert after["total"] == before["total"] == 2
    assert after["by_district"] == before["by_district"] == {"天河": 1, "": 1}
    assert after["by_stance"] == before["by_stance"]
    assert await comments.stats(draft) == stats_before
    assert await Comment.filter(draft=draft).count() == 2
    assert await HearingRegistration.all().count() == 1


async def test_audit_records_name_the_request_without_the_phone_in_clear(db, people: Personas) -> None:
    await zhang_and_others(people)
    subject = personal_data.subject_from("phone", PHONE)

    await personal_data.export(subject, secret=SECRET, actor=people.alice)
    await personal_data.erase(subject, secret=SECRET, actor=people.alice)

    events = await AuditEvent.filter(action__startswith="personal_data_").order_by("id")
    assert [e.action for e in events] == ["personal_data_export", "personal_data_erase"]
    for event in events:
        assert event.actor_name == "alice"
        assert event.detail["subject"] == "138****8000"
        assert event.detail["comments"] == 1 and event.detail["hearing_registrations"] == 1
        assert event.detail["subject_hash"] == subject.keyed_hash(SECRET)
    everything = json.dumps([e.detail for e in await AuditEvent.all()], ensure_ascii=False)
    assert PHONE not in everything and "0013-8000" not in everything and "zhang.san" not in everything.lower()


async def test_every_field_that_may_hold_personal_data_is_accounted_for(db) -> None:
    suspicious = re.compile(r"phone|mail|name|contact|address|recipient|ip|statement|participation")
    unaccounted = []
    for model_name, model in Tortoise.apps["models"].items():
        for field_name in model._meta.fields_map:
            key = f"{model_name}.{field_name}"
            handled = field_name in personal_data.PERSONAL_FIELDS.get(model_name, ())
            if suspicious.search(field_name) and not handled and key not in personal_data.NOT_PERSONAL:
                unaccounted.append(key)
    assert unaccounted == []


# --- the admin page ---------------------------------------------------------------------------------


async def test_an_admin_exports_a_persons_data_as_a_json_download(
    client: httpx.AsyncClient, people: Personas
) -> None:
    _, zhang, _, _ = await zhang_and_others(people)
    await login(client, people.alice)
    token = await csrf_token(client, "/staff/personal-data")

    response = await client.post(
        "/staff/personal-data/export",
        data={"kind": "phone", "value": "+86 138 0013 8000", "csrf_token": token},
    )

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert "attachment" in response.headers["content-disposition"]
    assert [c["receipt_code"] for c in response.json()["comments"]] == [zhang.receipt_code]
    assert await AuditEvent.filter(action="personal_data_export", actor_name="alice").exists()


async def test_an_invalid_number_comes_back_with_its_error(
    client: httpx.AsyncClient, people: Personas
) -> None:
    await login(client, people.alice)
    token = await csrf_token(client, "/staff/personal-data")

    response = await client.post(
        "/staff/personal-data/export", data={"kind": "phone", "value": "12", "csrf_token": token}
    )

    assert response.status_code == 400
    assert "请输入有效的电话号码" in response.text
    assert not await AuditEvent.filter(action="personal_data_export").exists()


async def test_erasure_is_shown_first_and_done_only_with_the_confirm_box(
    client: httpx.AsyncClient, people: Personas
) -> None:
    _, zhang, registration, _ = await zhang_and_others(people)
    await login(client, people.alice)
    token = await csrf_token(client, "/staff/personal-data")
    form = {"kind": "phone", "value": "138 0013 8000", "csrf_token": token}

    preview = await client.post("/staff/personal-data/erase", data=form)
    assert preview.status_code == 200
    assert zhang.receipt_code in preview.text and registration.code in preview.text
    assert "确认匿名化" in preview.text
    assert (await Comment.get(id=zhang.id)).commenter_name == "张三"  # nothing changed yet

    unticked = await client.post("/staff/personal-data/erase", data={**form, "step": "confirm"})
    assert unticked.status_code == 400 and "请勾选确认框" in unticked.text
    assert (await Comment.get(id=zhang.id)).commenter_name == "张三"

    done = await client.post("/staff/personal-data/erase", data={**form, "step": "confirm", "confirm": "1"})
    assert done.status_code == 303 and done.headers["location"] == "/staff/personal-data"
    page = await client.get("/staff/personal-data")
    assert "已匿名化电话 138****8000 的个人信息：意见 1 条、听证报名 1 条、通知 1 条" in page.text
    assert (await Comment.get(id=zhang.id)).commenter_name == ""
    assert (await HearingRegistration.get(id=registration.id)).name == ""


async def test_erasing_someone_unknown_says_so(client: httpx.AsyncClient, people: Personas) -> None:
    await login(client, people.alice)
    token = await csrf_token(client, "/staff/personal-data")

    response = await client.post(
        "/staff/personal-data/erase",
        data={"kind": "email", "value": "nobody@example.cn", "csrf_token": token},
    )

    assert response.status_code == 200 and "没有找到含有该电子邮箱的记录" in response.text


@pytest.mark.parametrize("who", ["leo", "mona", "lily", "olga"])
async def test_other_staff_get_403(client: httpx.AsyncClient, people: Personas, who: str) -> None:
    await zhang_and_others(people)
    await login(client, getattr(people, who))
    token = await csrf_token(client, "/staff/")
    form = {"kind": "phone", "value": PHONE, "csrf_token": token}

    assert (await client.get("/staff/personal-data")).status_code == 403
    assert (await client.post("/staff/personal-data/export", data=form)).status_code == 403
    confirm = await client.post(
        "/staff/personal-data/erase", data={**form, "step": "confirm", "confirm": "1"}
    )
    assert confirm.status_code == 403
    assert (await Comment.filter(commenter_name="张三").count()) == 1


async def test_a_post_without_the_csrf_token_is_refused(client: httpx.AsyncClient, people: Personas) -> None:
    await zhang_and_others(people)
    await login(client, people.alice)

    response = await client.post(
        "/staff/personal-data/erase",
        data={"kind": "phone", "value": PHONE, "step": "confirm", "confirm": "1"},
    )

    assert response.status_code == 403
    assert (await Comment.filter(commenter_name="张三").count()) == 1
