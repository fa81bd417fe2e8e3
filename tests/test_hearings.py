"""Hearings: statutory notice, one registration per phone, a draw anyone can re-check, the waitlist,
and no seat given twice when two people reach for the last one."""

from __future__ import annotations

import asyncio
import itertools
from datetime import timedelta

import pytest
from tortoise.timezone import now

from portal.models import (
    Attachment,
    DraftKind,
    Hearing,
    HearingRegistration,
    HearingStatus,
    OutboxMessage,
    RegistrationStatus,
)
from portal.services import decisions
from portal.services.hearing import selection, service
from portal.services.hearing.service import HearingError, RegistrationInput
from tests.conftest import Personas, publish_text

ROOMS = itertools.count(1)

SEATS = {"利害关系人": {"speakers": 2, "observers": 1}, "专家": {"speakers": 1, "observers": 0}}
SECRET = "test-pseudonym-key"  # keys the pseudonyms, as Settings.secret_key does in the app


async def _hearing(
    people: Personas, *, days_ahead: int = 20, draft_kind: DraftKind | None = None, open_it: bool = True
):
    draft = await publish_text(kind=draft_kind) if draft_kind else None
    start = now() + timedelta(days=days_ahead)
    hearing = await service.schedule(
        service.HearingInput(
            title="停车收费标准调整听证会",
            matter="中心城区路内停车收费标准",
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            venue=f"市政府第{next(ROOMS)}会议室",  # its own room: no clash with the next hearing
            registration_opens_at=now() - timedelta(hours=1),
            registration_closes_at=start - timedelta(days=min(8, days_ahead - 1)),
            seats=SEATS,
            draft=draft,
        ),
        actor=people.olga,
        ip="",
    )
    if open_it:
        await service.publish_notice(hearing, actor=people.olga, ip="")
    return hearing


async def close_registration(hearing: Hearing, people: Personas) -> None:
    """The draw runs once registration has ended: here it is closed early, with its public reason."""
    await service.close_registration_early(
        hearing, "报名人数已远超名额，提前截止报名。", actor=people.olga, ip=""
    )


def speaker(
    phone: str, stance: str, district: str = "天河", category: str = "利害关系人"
) -> RegistrationInput:
    return RegistrationInput(
        name=f"报名人{phone[-3:]}",
        phone=phone,
        category=category,
        role="speaker",
        district=district,
        stance=stance,
        statement="我的意见是……",
        email=f"u{phone}@example.cn",
    )


async def test_the_notice_period_is_enforced_with_the_article(db, people: Personas):
    soon = await _hearing(people, days_ahead=5, open_it=False)
    with pytest.raises(HearingError, match="至少 7 日公告（《重大行政决策程序暂行条例》第十六条）"):
        await service.publish_notice(soon, actor=people.olga, ip="")
    rule = await _hearing(people, days_ahead=20, draft_kind=DraftKind.GOVERNMENT_RULE, open_it=False)
    with pytest.raises(HearingError, match="至少 30 日公告（《规章制定程序条例》第十六条）"):
        await service.publish_notice(rule, actor=people.olga, ip="")
    ok = await _hearing(people, days_ahead=20, open_it=False)
    await service.publish_notice(ok, actor=people.olga, ip="")
    assert ok.status == HearingStatus.REGISTRATION_OPEN and len(ok.seed_commitment) == 64
    assert selection.commitment(ok.seed) == ok.seed_commitment


async def test_one_registration_per_phone_and_speakers_explain_their_view(db, people: Personas):
    hearing = await _hearing(people)
    first = await service.register(hearing, speaker("13800000001", "oppose"))
    assert first.status == RegistrationStatus.APPLIED and first.code.startswith("H")
    with pytest.raises(HearingError, match="已经报名过"):
        await service.register(hearing, speaker("138-0000-0001", "support"))
    with pytest.raises(HearingError, match="拟陈述的意见"):
        await service.register(
            hearing, RegistrationInput("某人", "13800000002", "利害关系人", "speaker", stance="oppose")
        )
    assert await OutboxMessage.filter(recipient="u13800000001@example.cn").count() == 1


async def test_a_phone_whose_registration_was_cancelled_is_told_so_not_to_register_again(
    db, people: Personas
):
    hearing = await _hearing(people)
    first = await service.register(hearing, speaker("13800000001", "oppose"))
    await service.cancel(first)
    with pytest.raises(HearingError, match="报名已经取消，不能再次报名。如果报名不是您本人取消的") as refused:
        await service.register(hearing, speaker("13800000001", "oppose"))
    assert "重新报名" not in str(refused.value)
    assert await HearingRegistration.filter(hearing=hearing).count() == 1


async def test_the_draw_represents_both_stances_and_is_reproducible(db, people: Personas):
    hearing = await _hearing(people)
    for i in range(6):
        await service.register(hearing, speaker(f"1380000010{i}", "support", district="天河"))
    await service.register(hearing, speaker("13800000200", "oppose", district="海珠"))
    for i in range(3):
        await service.register(hearing, speaker(f"1380000030{i}", "other", category="专家"))
    await close_registration(hearing, people)
    result = await service.run_draw(hearing, secret=SECRET, actor=people.olga, ip="")
    regs = await HearingRegistration.filter(hearing=hearing).order_by("id")
    chosen = [r for r in regs if r.category == "利害关系人" and r.status == RegistrationStatus.SELECTED]
    assert len(chosen) == 2 and {r.stance for r in chosen} == {"support", "oppose"}
    assert sum(1 for r in regs if r.category == "专家" and r.status == RegistrationStatus.SELECTED) == 1
    waitlisted = [r for r in regs if r.status == RegistrationStatus.WAITLISTED]
    assert len(waitlisted) == 7 and all(r.draw_rank for r in waitlisted)
    assert len(result) == 10
    check = service.verify(hearing)
    assert check.ok and all(ok for _, ok in check.checks)
    assert (await service.verify_against_registrations(hearing, secret=SECRET)).ok
    # A changed registration list (the only opposing applicant quietly removed) no longer reproduces.
    hearing.draw_list = [row for row in hearing.draw_list if row["stance"] != "oppose"]
    assert not service.verify(hearing).ok


async def test_a_draw_published_before_pseudonyms_were_keyed_still_checks_out(db, people: Personas):
    hearing = await _hearing(people)
    for i, stance in enumerate(("support", "oppose", "other")):
        await service.register(hearing, speaker(f"1380000040{i}", stance))
    await close_registration(hearing, people)
    await service.run_draw(hearing, secret=SECRET, actor=people.olga, ip="")
    assert (await service.verify_against_registrations(hearing, secret=SECRET)).ok
    assert not (await service.verify_against_registrations(hearing, secret="another key")).ok
    # The same registrations as a draw published under the old, unkeyed rule.
    regs = await HearingRegistration.filter(hearing=hearing)
    old = sorted(
        (
            selection.Applicant(
                selection.legacy_pseudonym(hearing.id, r.code), r.category, r.role, r.stance, "天河"
            )
            for r in regs
        ),
        key=lambda a: a.pseudonym,
    )
    hearing.draw_list = [a.as_dict() for a in old]
    hearing.draw_result = selection.draw(old, hearing.seats, hearing.seed)
    assert (await service.verify_against_registrations(hearing, secret=SECRET)).ok
    hearing.draw_list = hearing.draw_list[1:]
    assert not (await service.verify_against_registrations(hearing, secret=SECRET)).ok


async def test_a_cancellation_promotes_the_first_on_the_waitlist(db, people: Personas):
    hearing = await _hearing(people)
    for i in range(4):
        await service.register(hearing, speaker(f"1390000000{i}", "support"))
    await close_registration(hearing, people)
    await service.run_draw(hearing, secret=SECRET, actor=people.olga, ip="")
    selected = await HearingRegistration.filter(hearing=hearing, status=RegistrationStatus.SELECTED).order_by(
        "draw_rank"
    )
    first_waiting = (
        await HearingRegistration.filter(hearing=hearing, status=RegistrationStatus.WAITLISTED)
        .order_by("draw_rank")
        .first()
    )
    promoted = await service.cancel(selected[0])
    assert promoted is not None and promoted.id == first_waiting.id
    assert (await HearingRegistration.get(id=first_waiting.id)).status == RegistrationStatus.SELECTED
    assert await HearingRegistration.filter(hearing=hearing, status=RegistrationStatus.SELECTED).count() == 2
    assert await OutboxMessage.filter(subject__startswith="候补入选").count() == 1


async def test_concurrent_registrations_for_the_last_observer_seat_give_one_winner(db, people: Personas):
    hearing = await _hearing(people)  # one observer seat for 利害关系人
    attempts = [
        service.register(hearing, RegistrationInput(f"旁听{i}", f"1370000000{i}", "利害关系人", "observer"))
        for i in range(6)
    ]
    results = await asyncio.gather(*attempts)
    statuses = sorted(r.status.value for r in results)
    assert statuses.count("selected") == 1 and statuses.count("waitlisted") == 5


async def test_check_in_record_and_report_unblock_the_decision(db, people: Personas):
    catalog = await decisions.create_catalog(2020, actor=people.alice, ip="")
    item = await decisions.add_item(
        catalog, decisions.ItemInput("某听证事项", "某局", in_hearing_catalog=True), actor=people.alice, ip=""
    )
    hearing = await _hearing(people)
    hearing.decision = item
    await hearing.save()
    reg = await service.register(
        hearing, RegistrationInput("旁听人", "13600000000", "利害关系人", "observer")
    )
    with pytest.raises(HearingError, match="报名码无效"):
        await service.check_in(hearing, "HXXXX-XXXX", actor=people.olga, ip="")
    await service.check_in(hearing, reg.code.lower(), actor=people.olga, ip="")
    assert (await HearingRegistration.get(id=reg.id)).status == RegistrationStatus.ATTENDED
    record = await Attachment.create(
        original_name="笔录.pdf",
        stored_name="r" * 32,
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
    )
    with pytest.raises(HearingError, match="第十七条"):
        await service.record_held(hearing, record, [], actor=people.olga, ip="")
    await service.record_held(hearing, record, [reg.id], actor=people.olga, ip="")
    assert (await HearingRegistration.get(id=reg.id)).confirmed_record
    assert not await decisions.has_hearing_report(item)
    report = await Attachment.create(
        original_name="报告.pdf",
        stored_name="p" * 32,
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
    )
    await service.publish_report(hearing, report, "多数参加人支持调整方案。", actor=people.olga, ip="")
    assert await decisions.has_hearing_report(item)


async def test_cancelling_a_hearing_needs_a_public_reason(db, people: Personas):
    hearing = await _hearing(people)
    with pytest.raises(HearingError, match="理由"):
        await service.set_status(hearing, HearingStatus.POSTPONED, "", actor=people.olga, ip="")
    await service.set_status(hearing, HearingStatus.POSTPONED, "场地调整", actor=people.olga, ip="")
    assert hearing.status == HearingStatus.POSTPONED and hearing.status_reason == "场地调整"
