"""Demo hearings: one open for registration, one whose speakers have been drawn after its registration
closed, and one held during the consultation on a hearing-catalog item of this year's catalog, with its
record and published report. Every time is counted from the moment the demo is loaded; every draw runs
after the registration deadline its notice gave."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tortoise.timezone import now

from portal.models import (
    Decision,
    Draft,
    DraftKind,
    DraftStatus,
    GovLevel,
    Hearing,
    HearingRegistration,
    User,
)
from portal.services import decisions as decisions_service
from portal.services.calendar import LOCAL_TZ, today
from portal.services.demo_decisions import Timeline, demo_pdf
from portal.services.hearing import service
from portal.services.hearing.service import HearingInput, RegistrationInput

SEATS = {
    "利害关系人": {"speakers": 4, "observers": 10},
    "专家": {"speakers": 2, "observers": 0},
    "市民代表": {"speakers": 3, "observers": 20},
    "人大代表政协委员": {"speakers": 1, "observers": 5},
}
DISTRICTS = ("天河", "越秀", "海珠", "荔湾", "白云", "黄埔", "番禺", "花都", "南沙", "从化", "增城")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
STATEMENTS = {
    "support": "支持方案，建议同步公开成本监审报告。",
    "oppose": "反对一次性大幅调整，建议分步实施并设置过渡期。",
    "other": "建议对低收入群体和老年人给予优惠。",
}


def _applicants(count: int, offset: int) -> list[RegistrationInput]:
    stances = ("support", "oppose", "other", "oppose", "support")
    categories = ("利害关系人", "市民代表", "专家", "利害关系人", "人大代表政协委员")
    out = []
    for i in range(count):
        n = offset + i
        stance = stances[n % len(stances)]
        out.append(
            RegistrationInput(
                name=f"{SURNAMES[n % len(SURNAMES)]}{'某' * (1 + n % 2)}",
                phone=f"1380020{n:04d}",
                category=categories[n % len(categories)],
                role="speaker" if n % 3 else "observer",
                district=DISTRICTS[n % len(DISTRICTS)],
                stance=stance if n % 3 else "",
                statement=STATEMENTS[stance] if n % 3 else "",
                show_name=n % 4 == 0,
            )
        )
    return out


async def seed(actor: User | None, upload_dir: Path | None = None, *, secret: str) -> int:
    if actor is None or await Hearing.exists():
        return 0
    start = (
        (now() + timedelta(days=24)).astimezone(LOCAL_TZ).replace(hour=9, minute=30, second=0, microsecond=0)
    )
    draft = (
        await Draft.filter(status=DraftStatus.OPEN)
        .exclude(kind=DraftKind.GOVERNMENT_RULE)
        .order_by("id")
        .first()
    )
    upcoming = await service.schedule(
        HearingInput(
            title=f"{draft.title if draft else '城市管理规定'}立法听证会",
            matter="草案中争议较大的条款：管理范围、处罚标准和过渡期安排",
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            venue="广州市人大常委会机关第一会议室（越秀区德政北路）",
            registration_opens_at=now() - timedelta(days=2),
            registration_closes_at=start - timedelta(days=10),
            seats=SEATS,
            draft=draft,
        ),
        actor=actor,
        ip="",
    )
    await service.publish_notice(upcoming, actor=actor, ip="", at=now() - timedelta(days=2))
    for data in _applicants(14, 0):
        await service.register(upcoming, data)

    timeline = Timeline(today())
    items = await Decision.filter(
        in_hearing_catalog=True, catalog__year=timeline.year, catalog__level=GovLevel.CITY
    ).order_by("seq")
    reported = [d for d in items if await decisions_service.has_hearing_report(d)]
    waiting = [d for d in items if d not in reported]
    soon = start - timedelta(days=14)
    drawn = await service.schedule(
        HearingInput(
            title="广州市管道燃气价格调整听证会",
            matter="居民管道燃气销售价格调整方案（两个方案）",
            starts_at=soon,
            ends_at=soon + timedelta(hours=3),
            venue="广州市发展和改革委员会听证室",
            registration_opens_at=now() - timedelta(days=9),
            registration_closes_at=now() - timedelta(hours=2),
            seats=SEATS,
            decision=waiting[0] if waiting else None,
        ),
        actor=actor,
        ip="",
    )
    await service.publish_notice(drawn, actor=actor, ip="", at=now() - timedelta(days=9))
    for data in _applicants(30, 100):
        await service.register(drawn, data, at=now() - timedelta(days=5))
    # Drawn after its registration closed, as its notice promised.
    await service.run_draw(drawn, secret=secret, actor=actor, ip="", at=now() - timedelta(hours=1))
    plan = await demo_pdf("管道燃气价格调整方案.pdf", actor, upload_dir)
    await service.add_material(drawn, plan, "管道燃气价格调整方案（两个方案）", actor=actor, ip="")
    costs = await demo_pdf("成本监审报告.pdf", actor, upload_dir)
    await service.add_material(drawn, costs, "定价成本监审报告", actor=actor, ip="")
    await service.send_materials(drawn)

    decision = reported[0] if reported else None
    held_start = timeline.hearing_held
    held = await service.schedule(
        HearingInput(
            title=f"{decision.title if decision else '重大行政决策'}听证会",
            matter=decision.summary if decision else "",
            starts_at=held_start,
            ends_at=held_start + timedelta(hours=3),
            venue="广州市政府大院礼堂",
            registration_opens_at=held_start - timedelta(days=20),
            registration_closes_at=held_start - timedelta(days=8),
            seats=SEATS,
            decision=decision,
        ),
        actor=actor,
        ip="",
    )
    await service.publish_notice(held, actor=actor, ip="", at=held_start - timedelta(days=21))
    for data in _applicants(18, 200):
        await service.register(held, data, at=held_start - timedelta(days=15))
    await service.run_draw(held, secret=secret, actor=actor, ip="", at=held_start - timedelta(days=7))
    present = await HearingRegistration.filter(hearing=held, status__in=service.OCCUPYING)
    for registration in present:
        await service.check_in(held, registration.code, actor=actor, ip="")
    record = await demo_pdf("听证笔录.pdf", actor, upload_dir)
    await service.record_held(held, record, [r.id for r in present], actor=actor, ip="")
    report = await demo_pdf("听证报告.pdf", actor, upload_dir)
    await service.publish_report(
        held,
        report,
        f"听证会共有陈述人 {sum(1 for r in present if r.role == 'speaker')} 名发言。"
        "多数陈述人支持方案的总体方向，对收费标准和过渡期提出了修改意见；"
        "组织机关已将意见及采纳情况写入听证报告，作为决策的重要参考。",
        actor=actor,
        ip="",
    )
    return 3
