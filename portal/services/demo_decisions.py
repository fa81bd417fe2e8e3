"""Demo decisions: the city's catalog of this year, 8 items (2 in the hearing catalog, one of them on
城市更新) at varied stages, and a decision of three years before with a completed post-decision
evaluation. Every step goes through the same service as staff use, so the demo obeys the statutory rules
too; every date is counted from the day the demo is loaded (``Timeline``), so the demo reads as a
portal in use on whatever day it is loaded."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from portal.models import (
    Attachment,
    Conclusion,
    Decision,
    DecisionCatalog,
    Draft,
    DraftKind,
    EvaluationTrigger,
    GovLevel,
    ProcedureStep,
    StepDocument,
    StepKind,
    StepState,
    User,
)
from portal.services import decisions, drafts
from portal.services.calendar import LOCAL_TZ, today
from portal.services.decisions import StepUpdate


@dataclass(frozen=True)
class ItemSeed:
    title: str
    unit: str
    hearing: bool
    stage: int  # how many steps are finished (0..6)
    summary: str


ITEMS = (
    ItemSeed(
        "广州市城市更新实施办法（修订）",
        "广州市住房和城乡建设局",
        True,
        4,
        "完善旧城镇、旧厂房、旧村庄改造的规划、实施和利益平衡机制。",
    ),
    ItemSeed(
        "广州市中心城区路内停车收费标准调整方案",
        "广州市发展和改革委员会",
        True,
        6,
        "按区域和时段实行差别化路内停车收费，缓解中心城区停车难。",
    ),
    ItemSeed(
        "广州市公共租赁住房保障办法（修订）",
        "广州市住房和城乡建设局",
        False,
        6,
        "调整公共租赁住房的保障对象、准入条件和租金标准。",
    ),
    ItemSeed(
        "广州市生活垃圾分类处理收费管理办法",
        "广州市城市管理和综合执法局",
        False,
        3,
        "按照“谁产生、谁付费”的原则建立生活垃圾计量收费制度。",
    ),
    ItemSeed(
        "广州市轨道交通线网规划（2018—2035年）调整",
        "广州市交通运输局",
        False,
        2,
        "优化线网布局，加强外围城区与中心城区的轨道交通联系。",
    ),
    ItemSeed(
        "广州市老旧小区微改造三年行动计划",
        "广州市住房和城乡建设局",
        False,
        5,
        "推进老旧小区基础设施完善、环境整治和公共服务配套。",
    ),
    ItemSeed(
        "广州市养老服务设施布局专项规划", "广州市民政局", False, 1, "统筹布局居家、社区和机构养老服务设施。"
    ),
    ItemSeed(
        "广州市流溪河流域生态保护补偿办法",
        "广州市水务局",
        False,
        0,
        "建立流溪河上下游之间的横向生态保护补偿机制。",
    ),
)

# Days from the start of an item's work to each step's start and end. The legality review gets three
# weeks: at least 7 working days (art. 26) even when the National Day holiday falls inside it.
STEP_DAYS: dict[StepKind, tuple[int, int]] = {
    StepKind.EXPERT_ARGUMENTATION: (0, 14),
    StepKind.RISK_ASSESSMENT: (15, 39),
    StepKind.LEGALITY_REVIEW: (40, 61),
    StepKind.COLLECTIVE_DISCUSSION: (72, 72),
    StepKind.PUBLICATION: (80, 80),
}
# How long before the day the demo is loaded the work on this year's items started: the last step of
# a finished item then lies two weeks back.
WORK_STARTED_DAYS_AGO = 95


@dataclass(frozen=True)
class Timeline:
    """The dates of the demo's decisions, counted from ``day``, the day the demo is loaded."""

    day: date

    @property
    def year(self) -> int:
        return self.day.year

    @property
    def catalog_published(self) -> date:
        # Catalogs come out in the first quarter; early in January that is today.
        return min(self.day, date(self.year, 3, 31))

    @property
    def work_started(self) -> date:
        return self.day - timedelta(days=WORK_STARTED_DAYS_AGO)

    @property
    def consultation(self) -> tuple[date, date]:
        """The 32 days a hearing-catalog item's draft was open for comment."""
        opens = self.work_started - timedelta(days=22)
        return opens, opens + timedelta(days=31)

    @property
    def hearing_held(self) -> datetime:
        """When the hearing on the finished hearing-catalog item was held: during its consultation."""
        held = self.work_started + timedelta(days=4)
        return datetime.combine(held, time(9, 30), tzinfo=LOCAL_TZ)

    @property
    def earlier_year(self) -> int:
        """The year of the catalog whose decision has been in force long enough to be evaluated."""
        return self.year - 3


def step_fill(work_started: date) -> dict[StepKind, StepUpdate]:
    """Each step of an item done as the demo shows it, dated from the start of its work."""

    def days(kind: StepKind) -> tuple[date, date]:
        first, last = STEP_DAYS[kind]
        return work_started + timedelta(days=first), work_started + timedelta(days=last)

    return {
        StepKind.PUBLIC_PARTICIPATION: StepUpdate(StepState.NOT_APPLICABLE, not_applicable_reason=""),
        StepKind.EXPERT_ARGUMENTATION: StepUpdate(
            StepState.DONE,
            *days(StepKind.EXPERT_ARGUMENTATION),
            responsible="市决策咨询专家库专家组",
            notes="组织专家论证会一次，形成论证意见。",
        ),
        StepKind.RISK_ASSESSMENT: StepUpdate(
            StepState.DONE,
            *days(StepKind.RISK_ASSESSMENT),
            responsible="广州市社会科学院",
            notes="开展社会稳定风险评估，风险等级为低。",
        ),
        StepKind.LEGALITY_REVIEW: StepUpdate(
            StepState.DONE,
            *days(StepKind.LEGALITY_REVIEW),
            responsible="广州市司法局",
            notes="经审查，决策草案合法。",
        ),
        StepKind.COLLECTIVE_DISCUSSION: StepUpdate(
            StepState.DONE,
            *days(StepKind.COLLECTIVE_DISCUSSION),
            meeting="市政府常务会议",
            outcome="原则通过",
            dissent="有意见建议适当延长过渡期，会议决定在实施细则中予以考虑。",
        ),
        StepKind.PUBLICATION: StepUpdate(
            StepState.DONE,
            *days(StepKind.PUBLICATION),
            adoption_explanation="征求意见期间共收到公众意见和专家意见，合理意见均已采纳或部分采纳，未采纳的已说明理由。",
        ),
    }


def _minimal_pdf(title: str) -> bytes:
    """A one-page PDF (ASCII text only, as the base fonts carry no Chinese) standing in for a report."""
    stream = f"BT /F1 18 Tf 72 720 Td ({title}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


async def demo_pdf(original_name: str, actor: User, upload_dir: Path | None) -> Attachment:
    """A small, valid PDF stored like an upload (on disk only when an upload directory is given)."""
    data = _minimal_pdf(f"Demo document {secrets.token_hex(4)}")
    stored_name = secrets.token_hex(16)
    if upload_dir is not None:
        (upload_dir / stored_name).write_bytes(data)
    return await Attachment.create(
        original_name=original_name,
        stored_name=stored_name,
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploader=actor,
    )


async def _hearing_report(step: ProcedureStep, actor: User, upload_dir: Path | None) -> None:
    attachment = await demo_pdf("听证报告.pdf", actor, upload_dir)
    await StepDocument.create(step=step, attachment=attachment, title="听证会报告", is_hearing_report=True)


def _consultation_text(title: str) -> str:
    return (
        f"{title}（征求意见稿）\n\n"
        "第一条 为了规范相关管理活动，保障公众合法权益，根据有关法律、法规，结合本市实际，制定本办法。\n\n"
        "第二条 本办法适用于本市行政区域内的相关管理活动。\n\n"
        "第三条 市有关行政主管部门负责组织实施本办法，区人民政府负责本辖区内的具体实施工作。\n\n"
        "第四条 本办法自公布之日起施行。\n"
    )


async def _consultation(item: Decision, actor: User, timeline: Timeline) -> None:
    """A consultation draft for a hearing-catalog item, open for 32 days before its work went on."""
    draft = await drafts.create_draft(
        drafts.DraftInput(
            title=f"{item.title}（征求意见稿）",
            kind=DraftKind.MAJOR_DECISION,
            drafting_body=item.responsible_unit,
            summary=item.summary,
        ),
        _consultation_text(item.title),
        actor=actor,
    )
    opens, closes = timeline.consultation
    opened = datetime.combine(opens, time(9), tzinfo=LOCAL_TZ)
    await drafts.publish(draft, opens=opens, closes=closes, actor=actor, at=opened)
    await decisions.link_draft(item, draft.id, actor=actor, ip="")


async def _advance(
    item: Decision, stage: int, actor: User, upload_dir: Path | None, timeline: Timeline
) -> None:
    fill = step_fill(timeline.work_started)
    order = list(fill)
    if item.in_hearing_catalog:
        await _consultation(item, actor, timeline)
        opens, closes = timeline.consultation
        public = StepUpdate(
            StepState.DONE,
            opens,
            closes + timedelta(days=20),  # the hearing's report written after the consultation
            responsible=item.responsible_unit,
            notes="公开征求意见 32 日，并举行听证会。",
        )
    else:
        public = StepUpdate(
            StepState.NOT_APPLICABLE,
            not_applicable_reason="事项已通过座谈会、问卷调查等方式广泛听取意见。",
        )
    for kind in order[:stage]:
        update = public if kind == StepKind.PUBLIC_PARTICIPATION else fill[kind]
        if kind == StepKind.COLLECTIVE_DISCUSSION and item.in_hearing_catalog:
            step = await ProcedureStep.get(decision=item, kind=StepKind.PUBLIC_PARTICIPATION)
            await _hearing_report(step, actor, upload_dir)
        await decisions.update_step(item, kind, update, actor=actor, ip="")
    if 0 < stage < len(order):
        following = order[stage]
        if following == StepKind.COLLECTIVE_DISCUSSION and item.in_hearing_catalog:
            return  # waiting for its hearing report: the rule the demo shows
        started = fill[following].started_on or timeline.day
        await decisions.update_step(
            item, following, StepUpdate(StepState.IN_PROGRESS, started_on=started), actor=actor, ip=""
        )


async def seed(actor: User | None, upload_dir: Path | None = None) -> int:
    if actor is None or await DecisionCatalog.exists(level=GovLevel.CITY):
        return 0
    timeline = Timeline(today())
    catalog = await decisions.create_catalog(timeline.year, actor=actor, ip="")
    created = []
    for seed_item in ITEMS:
        created.append(
            await decisions.add_item(
                catalog,
                decisions.ItemInput(
                    seed_item.title,
                    seed_item.unit,
                    summary=seed_item.summary,
                    in_hearing_catalog=seed_item.hearing,
                ),
                actor=actor,
                ip="",
            )
        )
    await decisions.publish_catalog(catalog, timeline.catalog_published, actor=actor, ip="")
    for item, seed_item in zip(created, ITEMS, strict=True):
        await _advance(item, seed_item.stage, actor, upload_dir, timeline)

    earlier_year = timeline.earlier_year
    earlier = await decisions.create_catalog(earlier_year, actor=actor, ip="")
    evaluated = await decisions.add_item(
        earlier,
        decisions.ItemInput(
            "广州市共享单车管理办法", "广州市交通运输局", summary="规范共享单车投放、停放和押金管理。"
        ),
        actor=actor,
        ip="",
    )
    await decisions.publish_catalog(earlier, date(earlier_year, 3, 28), actor=actor, ip="")
    for kind, update in step_fill(date(earlier_year, 4, 1)).items():
        if kind == StepKind.PUBLIC_PARTICIPATION:
            update = StepUpdate(
                StepState.NOT_APPLICABLE, not_applicable_reason="已通过问卷调查听取骑行者意见。"
            )
        await decisions.update_step(evaluated, kind, update, actor=actor, ip="")
    evaluation = await decisions.start_evaluation(
        evaluated,
        decisions.EvaluationInput(
            EvaluationTrigger.PUBLIC_OPINION,
            "中山大学地方治理研究院",
            date(earlier_year + 2, 9, 1),
            deputies_participation="邀请市人大代表 3 名、市政协委员 2 名参加评估座谈会。",
            public_participation="发放公众问卷 1,200 份，召开企业座谈会 2 场。",
        ),
        actor=actor,
        ip="",
    )
    await decisions.set_indicators(
        evaluation,
        [
            ("中心城区共享单车规范停放率", "≥ 90%", "93%"),
            ("押金退还投诉处理率", "100%", "98%"),
            ("投放总量控制", "≤ 60 万辆", "56 万辆"),
        ],
    )
    for score, remark in ((4, "停放比以前规范多了"), (3, "高峰期地铁口还是乱"), (5, ""), (2, "押金退还太慢")):
        await decisions.answer_questionnaire(evaluation, score, remark, f"demo-{score}-{remark[:2]}")
    data = _minimal_pdf("Post-decision evaluation report")
    stored_name = secrets.token_hex(16)
    if upload_dir is not None:
        (upload_dir / stored_name).write_bytes(data)
    evaluation.report = await Attachment.create(
        original_name="共享单车管理办法实施评估报告.pdf",
        stored_name=stored_name,
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploader=actor,
    )
    await evaluation.save(update_fields=["report_id"])
    await decisions.publish_evaluation(
        evaluation,
        Conclusion.ADJUST,
        "办法实施总体达到预期，建议调整投放总量的动态核定机制，并加强押金监管。",
        actor=actor,
        ip="",
    )
    return len(created) + 1


TIANHE_ITEMS = (
    ItemSeed(
        "天河区城中村改造安置补偿方案",
        "广州市天河区住房和建设局",
        False,
        0,
        "统一全区城中村改造的产权置换、货币补偿和临时安置标准。",
    ),
    ItemSeed(
        "天河区义务教育学校学位供给三年行动计划",
        "广州市天河区教育局",
        False,
        0,
        "新建、改扩建中小学，增加公办义务教育学位。",
    ),
    ItemSeed(
        "天河区智慧停车设施建设方案",
        "广州市天河区交通运输局",
        False,
        0,
        "在重点商圈和医院周边建设智慧停车设施，推进停车资源共享。",
    ),
)


async def seed_district(actor: User | None) -> int:
    """天河区人民政府's catalog of this year: three items, the first consulted on through the open
    district draft of the same name."""
    year = today().year
    if actor is None or await DecisionCatalog.exists(year=year, level=GovLevel.DISTRICT, district="天河"):
        return 0
    catalog = await decisions.create_catalog(
        year, level=GovLevel.DISTRICT, district="天河", actor=actor, ip=""
    )
    created = [
        await decisions.add_item(
            catalog, decisions.ItemInput(s.title, s.unit, summary=s.summary), actor=actor, ip=""
        )
        for s in TIANHE_ITEMS
    ]
    await decisions.publish_catalog(catalog, min(today(), date(year, 3, 1)), actor=actor, ip="")
    draft = await Draft.get_or_none(title=f"{TIANHE_ITEMS[0].title}（征求意见稿）")
    if draft is not None:
        await decisions.link_draft(created[0], draft.id, actor=actor, ip="")
        await decisions.update_step(
            created[0],
            StepKind.PUBLIC_PARTICIPATION,
            StepUpdate(StepState.IN_PROGRESS, started_on=today(), responsible=TIANHE_ITEMS[0].unit),
            actor=actor,
            ip="",
        )
    return len(created)
