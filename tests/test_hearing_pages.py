"""Public hearing pages: notice and registration form, refusal keeps the text, receipt code,
status and cancellation by code, the published selection and its check, calendar files."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import httpx
import time_machine
from icalendar import Calendar
from starlette.applications import Starlette
from tortoise.timezone import now

from portal.models import Attachment, HearingRegistration, HearingStatus, RegistrationStatus
from portal.services import decisions
from portal.services.hearing import service
from portal.services.hearing.service import RegistrationInput
from portal.settings import Settings
from tests.conftest import Personas, csrf_token, publish_text

ROOMS = itertools.count(1)

SEATS = {"利害关系人": {"speakers": 1, "observers": 1}}


async def _open_hearing(people: Personas, *, publish: bool = True):
    start = now() + timedelta(days=20)
    hearing = await service.schedule(
        service.HearingInput(
            title="地铁票价调整听证会",
            matter="城市轨道交通票价调整方案",
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            venue=f"市政府礼堂{next(ROOMS)}号厅",  # its own room: no clash with the next hearing
            registration_opens_at=now() - timedelta(hours=1),
            registration_closes_at=start - timedelta(days=8),
            seats=SEATS,
        ),
        actor=people.olga,
        ip="",
    )
    if publish:
        await service.publish_notice(hearing, actor=people.olga, ip="")
    return hearing


async def _close_registration(hearing: Any, people: Personas) -> None:
    """The draw runs once registration has ended: here it is closed early, with its public reason."""
    await service.close_registration_early(hearing, "报名人数已远超名额。", actor=people.olga, ip="")


def _form(token: str, **changes: str) -> dict[str, str]:
    return {
        "csrf_token": token,
        "role": "speaker",
        "category": "利害关系人",
        "name": "陈市民",
        "phone": "13912345678",
        "email": "chen@example.cn",
        "stance": "oppose",
        "statement": "票价上调幅度过大，建议分段实施。",
        "consent": "on",
        **changes,
    }


async def test_a_planned_hearing_is_not_public_and_a_noticed_one_lists_its_seats(
    client: httpx.AsyncClient, people: Personas
):
    hidden = await _open_hearing(people, publish=False)
    assert (await client.get(f"/hearings/{hidden.id}")).status_code == 404
    assert "目前没有已公告" in (await client.get("/hearings")).text
    await service.publish_notice(hidden, actor=people.olga, ip="")
    listing = await client.get("/hearings")
    assert "地铁票价调整听证会" in listing.text
    page = await client.get(f"/hearings/{hidden.id}")
    assert page.status_code == 200
    assert hidden.seed_commitment in page.text and hidden.seed not in page.text
    assert "重大行政决策程序暂行条例》第十六条" in page.text and "提交报名" in page.text


async def test_registering_gives_a_code_and_a_refusal_keeps_the_text(
    client: httpx.AsyncClient, people: Personas
):
    hearing = await _open_hearing(people)
    token = await csrf_token(client, f"/hearings/{hearing.id}")
    refused = await client.post(
        f"/hearings/{hearing.id}/register", data=_form(token, statement="", consent="on")
    )
    assert refused.status_code == 400
    assert "拟陈述的意见" in refused.text and "陈市民" in refused.text and "13912345678" in refused.text
    assert await HearingRegistration.filter(hearing=hearing).count() == 0
    no_consent = _form(token)
    del no_consent["consent"]
    refused = await client.post(f"/hearings/{hearing.id}/register", data=no_consent)
    assert refused.status_code == 400 and "票价上调幅度过大" in refused.text

    done = await client.post(f"/hearings/{hearing.id}/register", data=_form(token))
    assert done.status_code == 201
    registration = await HearingRegistration.get(hearing=hearing)
    assert registration.code in done.text and registration.status == RegistrationStatus.APPLIED
    again = await client.post(f"/hearings/{hearing.id}/register", data=_form(token))
    assert again.status_code == 400 and "已经报名过" in again.text


async def test_status_lookup_and_cancellation_by_code_promote_the_waitlist(
    client: httpx.AsyncClient, people: Personas
):
    hearing = await _open_hearing(people)
    first = await service.register(hearing, RegistrationInput("甲", "13700000001", "利害关系人", "observer"))
    second = await service.register(hearing, RegistrationInput("乙", "13700000002", "利害关系人", "observer"))
    assert second.status == RegistrationStatus.WAITLISTED
    missing = await client.get("/hearings/registration", params={"code": "HAAAA-BBBB"})
    assert missing.status_code == 404 and "未找到这个报名码" in missing.text
    page = await client.get("/hearings/registration", params={"code": first.code.lower()})
    assert f"<strong>{RegistrationStatus.SELECTED.label}</strong>" in page.text
    token = await csrf_token(client, f"/hearings/registration?code={first.code}")
    done = await client.post("/hearings/registration/cancel", data={"csrf_token": token, "code": first.code})
    assert done.status_code == 303
    assert (await HearingRegistration.get(id=first.id)).status == RegistrationStatus.CANCELLED
    assert (await HearingRegistration.get(id=second.id)).status == RegistrationStatus.SELECTED
    followed = await client.get(done.headers["location"])
    assert "报名已取消" in followed.text


async def test_the_selection_is_published_with_consenting_names_and_checks_out(
    client: httpx.AsyncClient, people: Personas, settings: Settings
):
    hearing = await _open_hearing(people)
    await service.register(
        hearing,
        RegistrationInput(
            "公开者",
            "13800000001",
            "利害关系人",
            "speaker",
            stance="support",
            statement="赞成",
            show_name=True,
        ),
    )
    await service.register(
        hearing,
        RegistrationInput(
            "匿名者", "13800000002", "利害关系人", "speaker", stance="oppose", statement="反对"
        ),
    )
    before = await client.get(f"/hearings/{hearing.id}/verify")
    assert "尚未进行遴选" in before.text and hearing.seed not in before.text
    await _close_registration(hearing, people)
    await service.run_draw(hearing, secret=settings.secret_key, actor=people.olga, ip="")
    chosen = await HearingRegistration.get(hearing=hearing, status=RegistrationStatus.SELECTED)
    page = await client.get(f"/hearings/{hearing.id}")
    assert "陈述人遴选结果" in page.text
    assert ("公开者" in page.text) == chosen.show_name
    assert "匿名者" not in page.text
    check = await client.get(f"/hearings/{hearing.id}/verify")
    assert hearing.seed in check.text and "遴选结果可以复现" in check.text
    assert check.text.count("✔ 通过") == 3


async def test_the_draw_is_published_as_data_that_recomputes_to_the_same_result(
    client: httpx.AsyncClient, people: Personas, settings: Settings
):
    import hashlib

    from portal.services.hearing import selection

    hearing = await _open_hearing(people)
    for n, stance in enumerate(("support", "oppose", "oppose")):
        data = RegistrationInput(f"报名人{n}", f"1380000000{n}", "利害关系人", "speaker", stance=stance)
        await service.register(hearing, replace(data, statement="意见"))
    before = (await client.get(f"/hearings/{hearing.id}/draw.json")).json()
    assert before == {
        "hearing_id": hearing.id,
        "title": hearing.title,
        "seed_commitment": hearing.seed_commitment,
        "commitment_rule": "sha256(seed) as lower-case hex",
        "drawn": False,
    }  # the seed stays secret until the draw
    with time_machine.travel(hearing.registration_closes_at + timedelta(minutes=1), tick=True):
        await service.run_draw(hearing, secret=settings.secret_key, actor=people.olga, ip="")
    published = await client.get(f"/hearings/{hearing.id}/draw.json")
    assert published.headers["content-type"].startswith("application/json")
    record = published.json()
    # What an outsider does with it: check the seed against the commitment, then run the draw again.
    assert (
        hashlib.sha256(record["seed"].encode()).hexdigest()
        == record["seed_commitment"]
        == before["seed_commitment"]
    )
    applicants = [selection.Applicant.from_dict(row) for row in record["applicants"]]
    again = selection.draw(applicants, record["seats"], record["seed"])
    assert {p: {"status": s, "rank": r} for p, (s, r) in again.items()} == record["result"]
    assert [v["status"] for v in record["result"].values()].count("selected") == 1  # one speaker seat
    assert record["method"] == (selection.__doc__ or "").strip()  # the rules, in words
    assert f"/hearings/{hearing.id}/draw.json" in (await client.get(f"/hearings/{hearing.id}/verify")).text
    assert (await client.get("/hearings/99999/draw.json")).status_code == 404


async def test_calendar_files_parse_and_carry_the_status(client: httpx.AsyncClient, people: Personas):
    hearing = await _open_hearing(people)
    one = await client.get(f"/hearings/{hearing.id}.ics")
    assert one.headers["content-type"].startswith("text/calendar")
    event = Calendar.from_ical(one.content).walk("VEVENT")[0]
    assert str(event["summary"]) == "地铁票价调整听证会" and str(event["location"]) == hearing.venue
    assert event.decoded("dtstart") == hearing.starts_at.replace(microsecond=0)
    assert event["dtstart"].params["TZID"] == "Asia/Shanghai"
    assert b"BEGIN:VTIMEZONE" in one.content
    await service.set_status(hearing, HearingStatus.CANCELLED, "方案撤回", actor=people.olga, ip="")
    feed = Calendar.from_ical((await client.get("/hearings.ics")).content)
    assert [str(e["status"]) for e in feed.walk("VEVENT")] == ["CANCELLED"]
    assert "方案撤回" in (await client.get("/hearings")).text


async def test_a_hearing_and_its_report_appear_on_the_decision_and_draft_pages(
    app: Starlette, client: httpx.AsyncClient, people: Personas
):
    catalog = await decisions.create_catalog(2020, actor=people.alice, ip="")
    item = await decisions.add_item(
        catalog,
        decisions.ItemInput("公交票价调整", "市交通运输局", in_hearing_catalog=True),
        actor=people.alice,
        ip="",
    )
    await decisions.publish_catalog(catalog, date(2020, 3, 31), actor=people.alice, ip="")
    draft = await publish_text()
    hearing = await _open_hearing(people)
    hearing.decision, hearing.draft = item, draft
    await hearing.save()
    for path in (f"/decisions/{item.id}", f"/drafts/{draft.id}"):
        assert f'href="/hearings/{hearing.id}"' in (await client.get(path)).text
    record = await Attachment.create(
        original_name="笔录.pdf",
        stored_name="r" * 32,
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
    )
    report = await Attachment.create(
        original_name="报告.pdf",
        stored_name="p" * 32,
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
    )
    reg = await service.register(hearing, RegistrationInput("甲", "13700000001", "利害关系人", "observer"))
    await service.record_held(hearing, record, [reg.id], actor=people.olga, ip="")
    await service.publish_report(hearing, report, "多数意见支持分段调价。", actor=people.olga, ip="")
    await app.state.page_cache.invalidate()  # as the staff form that publishes the report does
    for path in (f"/decisions/{item.id}", f"/drafts/{draft.id}"):
        assert "多数意见支持分段调价。" in (await client.get(path)).text


async def test_the_list_shows_every_coming_hearing_and_pages_through_those_held(
    client: httpx.AsyncClient, people: Personas
):
    from portal.models import Hearing
    from portal.views.hearings import PAST_PER_PAGE

    coming = await _open_hearing(people)
    held = []
    for n in range(PAST_PER_PAGE + 3):
        hearing = await _open_hearing(people)
        start = now() - timedelta(days=30 + n)  # the first one held most recently
        await Hearing.filter(id=hearing.id).update(
            title=f"第{n + 1}场已举行的听证会", starts_at=start, ends_at=start + timedelta(hours=3)
        )
        held.append(f"第{n + 1}场已举行的听证会<")
    first = await client.get("/hearings")
    assert first.status_code == 200
    assert f'href="/hearings/{coming.id}"' in first.text
    assert f"已举行（共 {PAST_PER_PAGE + 3} 场）" in first.text
    shown = [title for title in held if title in first.text]
    assert shown == held[:PAST_PER_PAGE]  # latest first, one page of them
    assert first.text.index(held[0]) < first.text.index(held[1])
    assert 'rel="next" href="/hearings?page=2"' in first.text and "第 1 页，共 2 页" in first.text
    second = await client.get("/hearings?page=2")
    assert [title for title in held if title in second.text] == held[PAST_PER_PAGE:]
    assert f'href="/hearings/{coming.id}"' in second.text  # what is coming stays on every page
    assert 'rel="prev" href="/hearings?page=1"' in second.text
    missing = await client.get("/hearings?page=3")
    assert missing.status_code == 404 and "没有这一页" in missing.text
    wrong = await client.get("/hearings?page=二")
    assert wrong.status_code == 400 and "参数 page 必须是非负整数" in wrong.text


async def test_hearing_emails_link_to_the_hearing_and_to_the_registration_lookup(
    client: httpx.AsyncClient, people: Personas, app: Starlette
):
    from dataclasses import replace

    from portal.models import OutboxMessage

    hearing = await _open_hearing(people)
    token = await csrf_token(client, f"/hearings/{hearing.id}")
    assert (await client.post(f"/hearings/{hearing.id}/register", data=_form(token))).status_code == 201
    mail = await OutboxMessage.get(recipient="chen@example.cn")
    base = "http://127.0.0.1:8000"  # development without SITE_URL: the address `serve` listens on
    assert f"本场听证会：{base}/hearings/{hearing.id}\n" in mail.body
    assert mail.body.endswith(f"凭报名码查询或取消报名：{base}/hearings/registration")

    # With SITE_URL set, the links use the configured public address.
    app.state.settings = replace(app.state.settings, site_url="https://canyu.example.gov.cn")
    data = _form(token, phone="13912340000", email="li@example.cn")
    assert (await client.post(f"/hearings/{hearing.id}/register", data=data)).status_code == 201
    second = await OutboxMessage.get(recipient="li@example.cn")
    assert f"https://canyu.example.gov.cn/hearings/{hearing.id}\n" in second.body


EVIL = {"Host": "portal-login.example.net"}


async def test_no_link_that_leaves_the_site_comes_from_the_host_header(
    client: httpx.AsyncClient, people: Personas, app: Starlette
):
    """Anyone can send any Host: the official e-mail, the calendar files and the feeds must not link
    to it, with SITE_URL set (production) or not (development)."""
    from dataclasses import replace

    from portal.models import OutboxMessage

    hearing = await _open_hearing(people)
    await publish_text()
    token = await csrf_token(client, f"/hearings/{hearing.id}")
    registered = await client.post(f"/hearings/{hearing.id}/register", data=_form(token), headers=EVIL)
    assert registered.status_code == 201
    for site in ("", "https://canyu.example.gov.cn"):
        app.state.settings = replace(app.state.settings, site_url=site)
        expected = site or "http://127.0.0.1:8000"
        answers = [
            await client.get(path, headers=EVIL)
            for path in (
                f"/hearings/{hearing.id}.ics",
                "/hearings.ics",
                "/feeds/drafts.atom",
                "/feeds/documents.atom",
            )
        ]
        for answer in answers:
            assert answer.status_code == 200 and "portal-login.example.net" not in answer.text, answer.url
        assert f"{expected}/hearings/{hearing.id}" in answers[0].text
        assert f'href="{expected}/drafts/' in answers[2].text
        assert f'href="{expected}/feeds/documents.atom"' in answers[3].text
    mail = await OutboxMessage.get(recipient="chen@example.cn")
    assert "portal-login.example.net" not in mail.body
    assert f"http://127.0.0.1:8000/hearings/{hearing.id}" in mail.body


def test_site_url_must_be_an_address_without_a_path() -> None:
    import pytest

    from portal.settings import ConfigurationError, Settings

    assert Settings.from_env({"SITE_URL": "https://canyu.example.gov.cn/"}).site_url == (
        "https://canyu.example.gov.cn"
    )
    assert Settings.from_env({}).site_url == ""
    assert Settings.from_env({}).public_url == "http://127.0.0.1:8000"
    for wrong in ("canyu.example.gov.cn", "ftp://x.cn", "https://x.cn/portal"):
        with pytest.raises(ConfigurationError, match="SITE_URL"):
            Settings.from_env({"SITE_URL": wrong})


# --- registration codes are secrets ---------------------------------------------------------------


async def _drawn_with_speakers(people: Personas, secret: str) -> tuple[Any, list[HearingRegistration]]:
    hearing = await _open_hearing(people)
    registrations = [
        await service.register(
            hearing,
            RegistrationInput(
                f"报名人{n}", f"1380000000{n}", "利害关系人", "speaker", stance=stance, statement="意见"
            ),
        )
        for n, stance in enumerate(("support", "oppose", "oppose"))
    ]
    await _close_registration(hearing, people)
    await service.run_draw(hearing, secret=secret, actor=people.olga, ip="")
    return hearing, registrations


async def test_published_pseudonyms_cannot_be_computed_from_registration_codes(
    client: httpx.AsyncClient, people: Personas, settings: Settings
):
    import hashlib

    from portal.services.hearing import selection

    hearing, registrations = await _drawn_with_speakers(people, settings.secret_key)
    record = (await client.get(f"/hearings/{hearing.id}/draw.json")).json()
    published = {row["p"] for row in record["applicants"]}
    assert len(published) == 3
    for registration in registrations:
        # What an attacker computes for every possible code: it matches nothing published.
        assert hashlib.sha256(f"{hearing.id}:{registration.code}".encode()).hexdigest()[:12] not in published
        assert selection.pseudonym("a guessed key", hearing.id, registration.code) not in published
        assert selection.pseudonym(settings.secret_key, hearing.id, registration.code) in published
    assert "HMAC-SHA-256" in record["pseudonym_rule"] and "HMAC-SHA-256" in record["method"]
    # The draw is still re-checkable by anyone from what was published.
    applicants = [selection.Applicant.from_dict(row) for row in record["applicants"]]
    again = selection.draw(applicants, record["seats"], record["seed"])
    assert {p: {"status": s, "rank": r} for p, (s, r) in again.items()} == record["result"]
    check = await client.get(f"/hearings/{hearing.id}/verify")
    assert "遴选结果可以复现" in check.text and check.text.count("✔ 通过") == 3


async def test_a_registration_code_is_long_typeable_and_shows_its_own_pseudonym(
    client: httpx.AsyncClient, people: Personas
):
    import re

    hearing = await _open_hearing(people)
    token = await csrf_token(client, f"/hearings/{hearing.id}")
    done = await client.post(f"/hearings/{hearing.id}/register", data=_form(token))
    registration = await HearingRegistration.get(hearing=hearing)
    assert re.fullmatch(r"H[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){2}", registration.code)
    assert registration.code in done.text
    typed = registration.code.lower().replace("-", " ")  # as read out over the phone
    page = await client.get("/hearings/registration", params={"code": typed})
    assert page.status_code == 200 and RegistrationStatus.APPLIED.label in page.text
    assert "遴选名单中的化名" in page.text
    short = await client.get("/hearings/registration", params={"code": registration.code[:10]})
    assert short.status_code == 404


async def test_code_lookups_and_cancellations_are_limited_per_visitor(settings: Settings, people: Personas):
    from portal.app import create_app

    app = create_app(replace(settings, hearing_code_rate_limit="3/minute"), manage_database=False)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    hearing = await _open_hearing(people)
    mine = await service.register(hearing, RegistrationInput("甲", "13700000001", "利害关系人", "observer"))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        guesses = [f"HAAAA-BBBB-CCC{n}" for n in range(2, 6)]
        answers = [await c.get("/hearings/registration", params={"code": code}) for code in guesses]
        assert [r.status_code for r in answers] == [404, 404, 404, 429]
        assert "过于频繁" in answers[-1].text and guesses[-1] in answers[-1].text  # the typed code kept
        token = await csrf_token(c, f"/hearings/{hearing.id}")
        refused = await c.post("/hearings/registration/cancel", data={"csrf_token": token, "code": mine.code})
    assert refused.status_code == 429 and "过于频繁" in refused.text
    assert (await HearingRegistration.get(id=mine.id)).status == RegistrationStatus.SELECTED


async def test_a_cancellation_tells_the_registrant_and_is_audited(
    client: httpx.AsyncClient, people: Personas
):
    from portal.models import AuditEvent, OutboxMessage

    hearing = await _open_hearing(people)
    first = await service.register(
        hearing, RegistrationInput("甲", "13700000001", "利害关系人", "observer", email="jia@example.cn")
    )
    second = await service.register(hearing, RegistrationInput("乙", "13700000002", "利害关系人", "observer"))
    token = await csrf_token(client, f"/hearings/{hearing.id}")
    done = await client.post("/hearings/registration/cancel", data={"csrf_token": token, "code": first.code})
    assert done.status_code == 303
    notice = await OutboxMessage.get(recipient="jia@example.cn", subject=f"报名已取消：{hearing.title}")
    assert "如果不是您本人操作" in notice.body and first.code not in notice.body
    event = await AuditEvent.get(action="hearing_registration_cancelled", object_id=str(first.id))
    assert event.actor_id is None and event.ip == "203.0.113.7"  # the client fixture's address
    assert event.detail == {"hearing": hearing.id, "was": "selected", "promoted": second.id}
