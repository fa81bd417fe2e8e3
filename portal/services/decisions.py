"""Major administrative decisions: the yearly catalog, the statutory procedure of each item with its
rules enforced (重大行政决策程序暂行条例), citizens' proposals, and post-decision evaluation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from tortoise.timezone import now
from tortoise.transactions import in_transaction

from portal.models import (
    STEP_ORDER,
    CatalogStatus,
    Comment,
    Conclusion,
    Decision,
    DecisionCatalog,
    DecisionChange,
    DecisionStatus,
    Draft,
    DraftKind,
    DraftStatus,
    Evaluation,
    EvaluationIndicator,
    EvaluationTrigger,
    GovLevel,
    Outcome,
    ProcedureStep,
    ProposalKind,
    PublicProposal,
    QuestionnaireResponse,
    Role,
    StepDocument,
    StepKind,
    StepState,
    User,
)
from portal.services import audit, comments, drafts, levels, moderation, screening
from portal.services.calendar import today, working_days_between
from portal.services.levels import Scope

LEGALITY_REVIEW_WORKING_DAYS = 7


class DecisionError(ValueError):
    """Refused; the message (Chinese) cites the rule where a rule blocks the action."""

    def __init__(self, message: str, field: str = "form") -> None:
        super().__init__(message)
        self.field = field


# --- access ---------------------------------------------------------------------------------------


def can_manage(user: User, decision: Decision) -> bool:
    """An organizer manages the items of their own unit (承办单位); an admin manages all."""
    if user.has_role(Role.ADMIN):
        return True
    return (
        user.has_role(Role.ORGANIZER)
        and bool(user.organisation)
        and user.organisation == decision.responsible_unit
    )


def may_use_draft(user: User, draft: Draft) -> bool:
    """A consultation draft belongs to the unit named as its drafting body: its organizers link it to
    their items (and hold hearings on it); an admin may use any."""
    if user.has_role(Role.ADMIN):
        return True
    return (
        user.has_role(Role.ORGANIZER) and bool(user.organisation) and user.organisation == draft.drafting_body
    )


# --- catalog --------------------------------------------------------------------------------------


async def catalog(year: int, scope: Scope = levels.CITY) -> DecisionCatalog | None:
    """The catalog of the year of the city, or of a district's government (the first street or town
    catalog of a district, by name, when several street offices keep one)."""
    return (
        await DecisionCatalog.filter(year=year, level=scope.level, district=scope.district)
        .order_by("body")
        .first()
    )


async def years(scope: Scope = levels.CITY, body: str = "") -> list[int]:
    """The years, newest first, with a published catalog of the scope (of the named body, for a
    street office or town among several in a district)."""
    query = DecisionCatalog.filter(status=CatalogStatus.PUBLISHED, level=scope.level, district=scope.district)
    if body:
        query = query.filter(body=body)
    found = await query.only("id", "year")
    return sorted({c.year for c in found}, reverse=True)


@dataclass(frozen=True)
class CatalogChoice:
    """The published catalog a public page shows, and what else there is to pick from."""

    catalog: DecisionCatalog | None
    year: int
    scope: Scope
    years: list[int]  # every year this government has published a catalog for, newest first
    of_year: list[DecisionCatalog]  # every published catalog of the year: the city's, districts' …
    body: str = ""  # the street office or town asked for, by name

    @property
    def latest_year(self) -> int | None:
        return self.years[0] if self.years else None

    def year_query(self, year: int) -> str:
        """The query string of this government's catalog of another year."""
        params: dict[str, str | int] = {"year": year}
        if self.scope.level != GovLevel.CITY:
            params.update(level=self.scope.level.value, district=self.scope.district)
        if self.body:
            params["body"] = self.body
        return urlencode(params)

    @property
    def owner(self) -> str:
        """Whose catalog the heading names: nobody for the city's (the portal is the city's)."""
        if self.scope.level == GovLevel.CITY:
            return ""
        return self.catalog.adopted_by if self.catalog else self.scope.label


async def published_catalog(year: int | None, scope: Scope, body: str = "") -> CatalogChoice:
    """The catalog of a government the public page shows: of the year asked for, or, without a year,
    the newest one that government has published. Choosing a government (the city's, a district's)
    therefore shows its latest catalog, whatever year another government's page was showing, and
    ``years`` lists every year it has one, so a year without one is never a dead end."""
    body = body if scope.level == GovLevel.STREET else ""  # the city and each district have one
    scope_years = await years(scope, body)
    year = year or (scope_years[0] if scope_years else today().year)
    of_year = await DecisionCatalog.filter(status=CatalogStatus.PUBLISHED, year=year).order_by(
        "level", "district", "body"
    )
    mine = [c for c in of_year if c.level == scope.level and c.district == scope.district]
    found = next((c for c in mine if c.body == body), None) if body else (mine[0] if mine else None)
    return CatalogChoice(found, year, scope, scope_years, of_year, body=body)


@dataclass(frozen=True)
class CatalogRow:
    """One item of a published catalog as its public list, the API and the CSV show it."""

    decision: Decision
    steps: list[ProcedureStep | None]  # in statutory order; None where the item has no such step
    current: ProcedureStep | None
    progress: int
    hearing_requests: int  # published requests for a hearing on the item


async def catalog_rows(found: DecisionCatalog) -> list[CatalogRow]:
    items = await Decision.filter(catalog=found).order_by("seq")
    ids = [d.id for d in items]
    by_item: dict[int, dict[StepKind, ProcedureStep]] = {}
    for step in await ProcedureStep.filter(decision_id__in=ids):
        by_item.setdefault(step.decision_id, {})[step.kind] = step
    requests: dict[int, int] = {}
    for p in await PublicProposal.filter(decision_id__in=ids, moderation="published").only(
        "id", "decision_id"
    ):
        if p.decision_id is not None:
            requests[p.decision_id] = requests.get(p.decision_id, 0) + 1
    return [
        CatalogRow(
            decision=d,
            steps=[by_item.get(d.id, {}).get(kind) for kind in STEP_ORDER],
            current=current_step(by_item.get(d.id, {})),
            progress=progress(by_item.get(d.id, {})),
            hearing_requests=requests.get(d.id, 0),
        )
        for d in items
    ]


async def latest_district_catalog(district: str) -> DecisionCatalog | None:
    """The newest published catalog of a district's own government, for its liaison points' pages."""
    return (
        await DecisionCatalog.filter(
            status=CatalogStatus.PUBLISHED, level=GovLevel.DISTRICT, district=district
        )
        .order_by("-year")
        .first()
    )


async def create_catalog(
    year: int,
    *,
    level: GovLevel = GovLevel.CITY,
    district: str = "",
    body: str = "",
    city: str = "广州市",
    actor: User,
    ip: str,
) -> DecisionCatalog:
    """A new catalog of one government for one year. The city and each district have one government,
    so one catalog a year each; street offices and towns are told apart by their name (``body``)."""
    if not 1990 <= year <= 2100:
        raise DecisionError("请填写有效的年度。", "year")
    try:
        scope = levels.check(level, district)
    except levels.LevelError as exc:
        raise DecisionError(str(exc), exc.field) from exc
    body = body.strip()[:100] or levels.default_body(scope, city)
    if not body:
        raise DecisionError("请填写制定目录的街道办事处或镇人民政府的名称。", "body")
    if scope.level != GovLevel.STREET and await DecisionCatalog.exists(
        year=year, level=scope.level, district=scope.district
    ):
        raise DecisionError(f"{scope.label} {year} 年度目录已存在。", "year")
    if await DecisionCatalog.exists(year=year, body=body):
        raise DecisionError(f"{body} {year} 年度目录已存在。", "year")
    item = await DecisionCatalog.create(year=year, level=scope.level, district=scope.district, body=body)
    await audit.record(
        "catalog_created",
        actor=actor,
        ip=ip,
        object_type="catalog",
        object_id=item.id,
        detail={"year": year, "body": body},
    )
    return item


async def publish_catalog(item: DecisionCatalog, approved_on: date, *, actor: User, ip: str) -> None:
    if not await Decision.exists(catalog=item):
        raise DecisionError("目录中还没有决策事项。")
    item.status = CatalogStatus.PUBLISHED
    item.approved_on = approved_on
    item.published_at = now()
    await item.save()
    await audit.record("catalog_published", actor=actor, ip=ip, object_type="catalog", object_id=item.id)


@dataclass(frozen=True)
class ItemInput:
    title: str
    responsible_unit: str
    basis: str = ""
    summary: str = ""
    in_hearing_catalog: bool = False
    decision_text: str = ""


async def add_item(
    item: DecisionCatalog, data: ItemInput, *, actor: User, ip: str, reason: str = ""
) -> Decision:
    """A new item with its six procedure steps. Once the catalog is published, adding is an
    adjustment (调整) and needs a public reason."""
    if not data.title.strip() or not data.responsible_unit.strip():
        raise DecisionError("请填写事项名称和承办单位。", "title")
    if item.status == CatalogStatus.PUBLISHED and not reason.strip():
        raise DecisionError("目录公布后增加事项属于目录调整，请说明理由（将向社会公开）。", "reason")
    async with in_transaction():
        last = await Decision.filter(catalog=item).order_by("-seq").first()
        decision = await Decision.create(
            catalog=item,
            seq=(last.seq + 1) if last else 1,
            title=data.title.strip(),
            responsible_unit=data.responsible_unit.strip(),
            basis=data.basis.strip(),
            summary=data.summary.strip(),
            in_hearing_catalog=data.in_hearing_catalog,
        )
        await ProcedureStep.bulk_create([ProcedureStep(decision=decision, kind=kind) for kind in STEP_ORDER])
        if item.status == CatalogStatus.PUBLISHED:
            await DecisionChange.create(decision=decision, kind="added", reason=reason.strip(), actor=actor)
        await audit.record(
            "decision_added", actor=actor, ip=ip, object_type="decision", object_id=decision.id
        )
    return decision


async def adjust_item(decision: Decision, data: ItemInput, reason: str, *, actor: User, ip: str) -> None:
    if not reason.strip():
        raise DecisionError("调整事项需要说明理由（将向社会公开）。", "reason")
    decision.title = data.title.strip() or decision.title
    decision.basis = data.basis.strip()
    decision.summary = data.summary.strip()
    decision.in_hearing_catalog = data.in_hearing_catalog
    decision.decision_text = data.decision_text.strip()
    await decision.save()
    await DecisionChange.create(decision=decision, kind="adjusted", reason=reason.strip(), actor=actor)
    await audit.record("decision_adjusted", actor=actor, ip=ip, object_type="decision", object_id=decision.id)


async def withdraw_item(decision: Decision, reason: str, *, actor: User, ip: str) -> None:
    if not reason.strip():
        raise DecisionError("调出目录需要说明理由（将向社会公开）。", "reason")
    decision.status = DecisionStatus.WITHDRAWN
    decision.withdrawn_reason = reason.strip()
    await decision.save(update_fields=["status", "withdrawn_reason"])
    await DecisionChange.create(decision=decision, kind="withdrawn", reason=reason.strip(), actor=actor)
    await audit.record(
        "decision_withdrawn", actor=actor, ip=ip, object_type="decision", object_id=decision.id
    )


async def link_draft(decision: Decision, draft_id: int, *, actor: User, ip: str) -> None:
    draft = await Draft.get_or_none(id=draft_id)
    if draft is None or draft.kind != DraftKind.MAJOR_DECISION:
        raise DecisionError("只能关联类别为“重大行政决策草案”的征求意见稿。", "draft")
    decision.draft = draft
    await decision.save(update_fields=["draft_id"])
    await audit.record(
        "decision_draft_linked", actor=actor, ip=ip, object_type="decision", object_id=decision.id
    )


# --- procedure steps ------------------------------------------------------------------------------


async def steps_of(decision: Decision) -> dict[StepKind, ProcedureStep]:
    return {step.kind: step for step in await ProcedureStep.filter(decision=decision)}


def current_step(steps: dict[StepKind, ProcedureStep]) -> ProcedureStep | None:
    """The first step not finished (done or not applicable), in statutory order."""
    for kind in STEP_ORDER:
        step = steps.get(kind)
        if step is not None and step.state not in (StepState.DONE, StepState.NOT_APPLICABLE):
            return step
    return None


def progress(steps: dict[StepKind, ProcedureStep]) -> int:
    finished = sum(1 for s in steps.values() if s.state in (StepState.DONE, StepState.NOT_APPLICABLE))
    return round(100 * finished / max(1, len(STEP_ORDER)))


@dataclass
class StepUpdate:
    state: StepState
    started_on: date | None = None
    completed_on: date | None = None
    responsible: str = ""
    notes: str = ""
    not_applicable_reason: str = ""
    meeting: str = ""
    outcome: str = ""
    dissent: str = ""
    adoption_explanation: str = ""


async def _check(
    decision: Decision, step: ProcedureStep, update: StepUpdate, steps: dict[StepKind, ProcedureStep]
) -> None:
    """The statutory rules. Each refusal cites the article of 重大行政决策程序暂行条例."""
    kind, state = step.kind, update.state
    if state == StepState.NOT_APPLICABLE:
        if not update.not_applicable_reason.strip():
            raise DecisionError("标记为“不适用”须说明理由，理由将向社会公开。", "not_applicable_reason")
        if kind in (StepKind.LEGALITY_REVIEW, StepKind.COLLECTIVE_DISCUSSION, StepKind.PUBLICATION):
            raise DecisionError(
                f"{kind.label}是重大行政决策的必经程序，不能标记为不适用（《重大行政决策程序暂行条例》第三条）。",
                "state",
            )
        return
    if state in (StepState.IN_PROGRESS, StepState.DONE) and update.started_on is None:
        raise DecisionError("请填写开始日期。", "started_on")
    if state == StepState.DONE and update.completed_on is None:
        raise DecisionError("请填写完成日期。", "completed_on")
    if update.started_on and update.completed_on and update.completed_on < update.started_on:
        raise DecisionError("完成日期不能早于开始日期。", "completed_on")
    if kind == StepKind.PUBLIC_PARTICIPATION and state == StepState.DONE:
        draft = await Draft.get_or_none(id=decision.draft_id) if decision.draft_id else None
        if draft is None or draft.status == DraftStatus.DRAFT:
            raise DecisionError(
                "公众参与须公布决策草案公开征求意见（《重大行政决策程序暂行条例》第十五条），请先关联征求意见稿。",
                "state",
            )
        if drafts.effective_status(draft) == DraftStatus.OPEN:
            raise DecisionError(
                "征求意见期尚未结束（一般不少于30日，《重大行政决策程序暂行条例》第十五条），公众参与不能标记为完成。",
                "state",
            )
    if (
        kind == StepKind.LEGALITY_REVIEW
        and state == StepState.DONE
        and update.started_on
        and update.completed_on
    ):
        days = working_days_between(update.started_on, update.completed_on)
        if days < LEGALITY_REVIEW_WORKING_DAYS:
            raise DecisionError(
                f"合法性审查时间为 {days} 个工作日，少于法定的不少于 {LEGALITY_REVIEW_WORKING_DAYS} 个工作日"
                "（《重大行政决策程序暂行条例》第二十六条）。",
                "completed_on",
            )
    if kind == StepKind.COLLECTIVE_DISCUSSION and state in (StepState.IN_PROGRESS, StepState.DONE):
        review = steps.get(StepKind.LEGALITY_REVIEW)
        if review is None or review.state != StepState.DONE:
            raise DecisionError(
                "未经合法性审查或者经审查不合法的，不得提交集体讨论（《重大行政决策程序暂行条例》第二十五条、第二十六条）。",
                "state",
            )
        if decision.in_hearing_catalog and not await has_hearing_report(decision):
            raise DecisionError(
                "本事项列入听证目录，听证报告公布前不得提交集体讨论（《重大行政决策程序暂行条例》第十六条、第十七条）。"
                "请先在“公众参与”中上传并公开听证报告。",
                "state",
            )
    if (
        kind == StepKind.COLLECTIVE_DISCUSSION
        and state == StepState.DONE
        and (not update.meeting.strip() or not update.outcome.strip())
    ):
        raise DecisionError(
            "请记录讨论决定的会议和决定结果；有不同意见的应当如实记录（《重大行政决策程序暂行条例》第三十条）。",
            "meeting",
        )
    if kind == StepKind.PUBLICATION and state in (StepState.IN_PROGRESS, StepState.DONE):
        discussion = steps.get(StepKind.COLLECTIVE_DISCUSSION)
        if discussion is None or discussion.state != StepState.DONE:
            raise DecisionError(
                "决策经集体讨论决定后方可公布（《重大行政决策程序暂行条例》第三十条、第三十二条）。", "state"
            )
    if kind == StepKind.PUBLICATION and state == StepState.DONE and not update.adoption_explanation.strip():
        raise DecisionError(
            "公布决策应当说明公众意见、专家论证意见的采纳情况（《重大行政决策程序暂行条例》第三十二条）。",
            "adoption_explanation",
        )


async def has_hearing_report(decision: Decision) -> bool:
    """A hearing report: a hearing of this decision published its report, or one was attached to a step."""
    from portal.services.hearing.service import has_published_report

    if await has_published_report(decision.id):
        return True
    return await StepDocument.filter(step__decision=decision, is_hearing_report=True, public=True).exists()


async def update_step(
    decision: Decision, kind: StepKind, update: StepUpdate, *, actor: User, ip: str
) -> ProcedureStep:
    if decision.status == DecisionStatus.WITHDRAWN:
        raise DecisionError("该事项已调出目录。")
    steps = await steps_of(decision)
    step = steps[kind]
    await _check(decision, step, update, steps)
    step.state = update.state
    step.started_on = update.started_on
    step.completed_on = update.completed_on if update.state == StepState.DONE else None
    step.responsible = update.responsible.strip()[:100]
    step.notes = update.notes.strip()
    step.not_applicable_reason = (
        update.not_applicable_reason.strip() if update.state == StepState.NOT_APPLICABLE else ""
    )
    step.meeting = update.meeting.strip()[:200]
    step.outcome = update.outcome.strip()
    step.dissent = update.dissent.strip()
    step.adoption_explanation = update.adoption_explanation.strip()
    async with in_transaction():
        await step.save()
        steps[kind] = step
        new_status = _status_after(decision, steps)
        if new_status != decision.status:
            decision.status = new_status
            if new_status == DecisionStatus.PUBLISHED:
                decision.published_at = now()
            if kind == StepKind.COLLECTIVE_DISCUSSION and update.state == StepState.DONE:
                decision.decided_on = update.completed_on
            await decision.save()
        await audit.record(
            "decision_step_updated",
            actor=actor,
            ip=ip,
            object_type="decision",
            object_id=decision.id,
            detail={"step": kind.value, "state": update.state.value},
        )
    return step


def _status_after(decision: Decision, steps: dict[StepKind, ProcedureStep]) -> DecisionStatus:
    if decision.status == DecisionStatus.WITHDRAWN:
        return decision.status
    if steps[StepKind.PUBLICATION].state == StepState.DONE:
        return DecisionStatus.PUBLISHED
    if steps[StepKind.COLLECTIVE_DISCUSSION].state == StepState.DONE:
        return DecisionStatus.DECIDED
    if any(s.state != StepState.PENDING for s in steps.values()):
        return DecisionStatus.IN_PROGRESS
    return DecisionStatus.PLANNED


async def adoption_explanation_from_feedback(decision: Decision) -> str:
    """A starting text for art 32, built from the consultation draft's published feedback report."""
    if decision.draft_id is None:
        return ""
    draft = await Draft.get(id=decision.draft_id)
    report = await comments.feedback_report(draft)
    parts = [f"决策草案于征求意见期间共收到公众意见 {report.total} 条"]
    counted = [f"{o.label} {report.count(o)} 条" for o in Outcome if report.count(o)]
    if counted:
        parts.append("，其中" + "，".join(counted))
    text = "".join(parts) + "。"
    if draft.feedback_summary:
        text += draft.feedback_summary
    return text


# --- citizens' proposals --------------------------------------------------------------------------


async def propose(
    kind: ProposalKind,
    year: int,
    body: str,
    *,
    title: str = "",
    decision: Decision | None = None,
    name: str = "",
    contact: str = "",
    ip_hash: str = "",
) -> PublicProposal:
    if not body.strip():
        raise DecisionError("请填写建议内容。", "body")
    if len(body) > 3000:
        raise DecisionError("建议内容不能超过 3000 字。", "body")
    if kind == ProposalKind.NEW_ITEM and not title.strip():
        raise DecisionError("请填写建议列入目录的事项名称。", "title")
    flags = moderation.screen(f"{title}\n{body}", await moderation.sensitive_words())
    return await PublicProposal.create(
        kind=kind,
        year=year,
        decision=decision,
        title=title.strip()[:200],
        body=body.strip(),
        name=name.strip()[:100],
        contact=contact.strip()[:100],
        moderation="pending" if flags else "published",
        ip_hash=ip_hash,
    )


# --- post-decision evaluation (art 36) ------------------------------------------------------------


@dataclass(frozen=True)
class EvaluationInput:
    trigger: EvaluationTrigger
    evaluator: str
    started_on: date
    deputies_participation: str = ""
    public_participation: str = ""


async def start_evaluation(decision: Decision, data: EvaluationInput, *, actor: User, ip: str) -> Evaluation:
    if decision.status != DecisionStatus.PUBLISHED:
        raise DecisionError(
            "只能对已公布实施的决策开展决策后评估（《重大行政决策程序暂行条例》第三十六条）。"
        )
    if not data.evaluator.strip():
        raise DecisionError("请填写评估机构。", "evaluator")
    assessment = (await steps_of(decision)).get(StepKind.RISK_ASSESSMENT)
    if (
        assessment is not None
        and assessment.responsible
        and _same_body(assessment.responsible, data.evaluator)
    ):
        raise DecisionError(
            f"决策后评估不得由决策前进行风险评估的机构（{assessment.responsible}）承担"
            "（《重大行政决策程序暂行条例》第三十六条）。",
            "evaluator",
        )
    evaluation = await Evaluation.create(
        decision=decision,
        trigger=data.trigger,
        evaluator=data.evaluator.strip()[:100],
        started_on=data.started_on,
        deputies_participation=data.deputies_participation.strip(),
        public_participation=data.public_participation.strip(),
    )
    await audit.record(
        "evaluation_started", actor=actor, ip=ip, object_type="evaluation", object_id=evaluation.id
    )
    return evaluation


def _same_body(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return "".join(s.split()).replace("（", "(").replace("）", ")")

    return norm(a) == norm(b)


async def set_indicators(evaluation: Evaluation, rows: list[tuple[str, str, str]]) -> None:
    async with in_transaction():
        await EvaluationIndicator.filter(evaluation=evaluation).delete()
        await EvaluationIndicator.bulk_create(
            [
                EvaluationIndicator(
                    evaluation=evaluation,
                    name=n.strip()[:200],
                    target=t.strip()[:100],
                    actual=a.strip()[:100],
                )
                for n, t, a in rows
                if n.strip()
            ]
        )


async def publish_evaluation(
    evaluation: Evaluation, conclusion: Conclusion, summary: str, *, actor: User, ip: str
) -> None:
    if not summary.strip():
        raise DecisionError("请填写评估结论说明。", "summary")
    if not evaluation.deputies_participation.strip() and not evaluation.public_participation.strip():
        raise DecisionError(
            "决策后评估应当注重听取公众意见，吸收人大代表、政协委员等参加（《重大行政决策程序暂行条例》第三十六条）。"
            "请记录参与情况。",
            "deputies_participation",
        )
    if not await EvaluationIndicator.filter(evaluation=evaluation).exists():
        raise DecisionError("请至少填写一项评估指标。", "indicators")
    evaluation.conclusion = conclusion
    evaluation.summary = summary.strip()
    evaluation.published_at = now()
    evaluation.questionnaire_open = False
    await evaluation.save()
    await audit.record(
        "evaluation_published", actor=actor, ip=ip, object_type="evaluation", object_id=evaluation.id
    )


@dataclass(frozen=True)
class QuestionnaireSummary:
    responses: int
    average: float | None
    distribution: dict[int, int]


async def questionnaire_summary(evaluation: Evaluation) -> QuestionnaireSummary:
    scores = [
        r.satisfaction for r in await QuestionnaireResponse.filter(evaluation=evaluation).only("satisfaction")
    ]
    distribution = {level: scores.count(level) for level in range(1, 6)}
    average = round(sum(scores) / len(scores), 2) if scores else None
    return QuestionnaireSummary(len(scores), average, distribution)


def proposal_notice(title: str, body: str) -> str:
    """What a citizen whose proposal holds personal data is told (it waits for a moderator)."""
    return screening.notice(
        screening.kinds_in(title, body), "建议将由工作人员审核后计入，其中的这些信息不会公开。"
    )


async def answer_questionnaire(evaluation: Evaluation, satisfaction: int, remark: str, ip_hash: str) -> str:
    """Record an answer; personal data in the remark is masked before it is stored (there is no
    moderation of answers). Returns what the citizen is told about that ("" if there was none)."""
    if not evaluation.questionnaire_open:
        raise DecisionError("问卷已结束。")
    if satisfaction not in range(1, 6):
        raise DecisionError("请选择满意程度。", "satisfaction")
    if await QuestionnaireResponse.exists(evaluation=evaluation, ip_hash=ip_hash):
        raise DecisionError("您已经填写过本问卷，感谢参与。")
    remark = remark.strip()[:1000]
    await QuestionnaireResponse.create(
        evaluation=evaluation, satisfaction=satisfaction, remark=screening.mask(remark), ip_hash=ip_hash
    )
    return screening.notice(screening.kinds(remark), "这些信息已隐去后保存。")


async def evaluation_suggested(decision: Decision, threshold: int) -> bool:
    """Offer an evaluation when the public has said a lot about the item (its draft's comments and
    requests for a hearing together pass the threshold)."""
    count = await PublicProposal.filter(decision=decision).count()
    if decision.draft_id is not None:
        count += await Comment.filter(draft_id=decision.draft_id).count()
    return count >= threshold


async def moderate_proposals(ids: list[int], action: str, *, actor: User, ip: str) -> int:
    target = {"publish": "published", "hide": "hidden"}.get(action)
    if target is None:
        raise DecisionError("未知的审核操作。")
    changed = await PublicProposal.filter(id__in=ids).update(moderation=target)
    await audit.record("proposals_moderated", actor=actor, ip=ip, detail={"ids": ids[:50], "action": action})
    return int(changed)
