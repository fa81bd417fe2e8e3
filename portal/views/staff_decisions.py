"""Staff pages for decisions: the catalog, an item's procedure steps (rules enforced by the service),
its documents, adjustments, and post-decision evaluation. Organizers manage their own unit's items."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from portal.models import (
    LEVEL_LABELS,
    STEP_ORDER,
    Conclusion,
    Decision,
    DecisionCatalog,
    Draft,
    DraftKind,
    Evaluation,
    EvaluationIndicator,
    EvaluationTrigger,
    GovLevel,
    ProcedureStep,
    Role,
    StepDocument,
    StepKind,
    StepState,
    User,
)
from portal.services import decisions, files, levels, reviews
from portal.services.calendar import today
from portal.web import flash
from portal.web.auth import client_ip, require_role, staff_user
from portal.web.forms import checkbox, id_of, parse_date, read_form, text, whole_number
from portal.web.pagination import int_param
from portal.web.templating import render
from portal.web.uploads import receive_one_file

MANAGERS = (Role.ORGANIZER, Role.ADMIN)


async def _decision(request: Request, user: User) -> Decision:
    decision = await Decision.get_or_none(id=request.path_params["decision_id"]).select_related("catalog")
    if decision is None:
        raise HTTPException(404, "未找到该决策事项。")
    if not decisions.can_manage(user, decision):
        raise HTTPException(403, "只有承办单位的工作人员或系统管理员可以管理该事项。")
    return decision


def _back(decision: Decision, anchor: str = "") -> RedirectResponse:
    return RedirectResponse(f"/staff/decisions/{decision.id}{anchor}", status_code=303)


@dataclass
class CatalogForm:
    """The new-catalog form as typed, given back with errors by the field."""

    year: str = ""
    level: str = GovLevel.CITY.value
    district: str = ""
    body: str = ""
    errors: dict[str, str] = field(default_factory=dict)


async def _index_page(
    request: Request, *, year: int, catalog_id: int | None, new: CatalogForm, status: int = 200
) -> Response:
    user = staff_user(request)
    of_year = await DecisionCatalog.filter(year=year).order_by("level", "district", "body")
    # ?catalog= picks one of the year's catalogs; the city's (listed first) by default.
    catalog = next((c for c in of_year if c.id == catalog_id), of_year[0] if of_year else None)
    items = await Decision.filter(catalog=catalog).order_by("seq") if catalog else []
    return render(
        request,
        "staff/decisions/index.html",
        {
            "year": year,
            "catalog": catalog,
            "of_year": of_year,
            "items": items,
            "years": sorted(
                {c.year for c in await DecisionCatalog.all().only("id", "year")} | {year}, reverse=True
            ),
            "can_manage": lambda d: decisions.can_manage(user, d),
            "is_admin": user.has_role(Role.ADMIN),
            "unit": user.organisation,
            "new": new,
            "level_labels": LEVEL_LABELS,
            "districts": levels.DISTRICTS,
        },
        status_code=status,
    )


@require_role(*MANAGERS)
async def index(request: Request) -> Response:
    year = int_param(request, "year", minimum=1990, maximum=2100) or today().year
    return await _index_page(
        request, year=year, catalog_id=int_param(request, "catalog", minimum=1), new=CatalogForm(str(year))
    )


def _catalog_url(catalog: DecisionCatalog) -> str:
    return f"/staff/decisions?year={catalog.year}&catalog={catalog.id}"


@require_role(Role.ADMIN)
async def create_catalog(request: Request) -> Response:
    form = await read_form(request)
    new = CatalogForm(
        year=text(form, "year", max_length=4),
        level=text(form, "level", max_length=16) or GovLevel.CITY.value,
        district=text(form, "district", max_length=32),
        body=text(form, "body", max_length=100),
    )
    year = whole_number(new.year, maximum=9999) or 0
    try:
        level = levels.parse_level(new.level)
        catalog = await decisions.create_catalog(
            year,
            level=level,
            district=new.district,
            body=new.body,
            city=request.app.state.settings.city_name,
            actor=staff_user(request),
            ip=client_ip(request),
        )
    except (decisions.DecisionError, levels.LevelError) as exc:
        new.errors[exc.field] = str(exc)
        shown = year if 1990 <= year <= 2100 else today().year
        return await _index_page(request, year=shown, catalog_id=None, new=new, status=400)
    flash.add(request, f"已新建{catalog.adopted_by} {catalog.year} 年度目录。")
    return RedirectResponse(_catalog_url(catalog), status_code=303)


@require_role(Role.ADMIN)
async def publish_catalog(request: Request) -> Response:
    catalog = await DecisionCatalog.get_or_none(id=request.path_params["catalog_id"])
    if catalog is None:
        raise HTTPException(404, "未找到该目录。")
    form = await read_form(request)
    approved = parse_date(text(form, "approved_on", max_length=10)) or today()
    try:
        await decisions.publish_catalog(catalog, approved, actor=staff_user(request), ip=client_ip(request))
    except decisions.DecisionError as exc:
        flash.add(request, str(exc), "error")
    else:
        flash.add(request, f"{catalog.adopted_by} {catalog.year} 年度目录已公布。")
    return RedirectResponse(_catalog_url(catalog), status_code=303)


def _item_input(form: FormData, user: User) -> decisions.ItemInput:
    unit = text(form, "responsible_unit", max_length=100)
    if not user.has_role(Role.ADMIN):
        unit = user.organisation  # an organizer adds items of their own unit only
    return decisions.ItemInput(
        title=text(form, "title", max_length=200),
        responsible_unit=unit,
        basis=text(form, "basis", max_length=5000),
        summary=text(form, "summary", max_length=5000),
        in_hearing_catalog=checkbox(form, "in_hearing_catalog"),
        decision_text=text(form, "decision_text", max_length=100_000),
    )


@require_role(*MANAGERS)
async def add_item(request: Request) -> Response:
    user = staff_user(request)
    catalog = await DecisionCatalog.get_or_none(id=request.path_params["catalog_id"])
    if catalog is None:
        raise HTTPException(404, "未找到该目录。")
    form = await read_form(request)
    try:
        item = await decisions.add_item(
            catalog,
            _item_input(form, user),
            actor=user,
            ip=client_ip(request),
            reason=text(form, "reason", max_length=2000),
        )
    except decisions.DecisionError as exc:
        flash.add(request, str(exc), "error")
        return RedirectResponse(_catalog_url(catalog), status_code=303)
    flash.add(request, "已增加决策事项。")
    return _back(item)


@require_role(*MANAGERS)
async def manage(request: Request) -> Response:
    user = staff_user(request)
    decision = await _decision(request, user)
    steps = await decisions.steps_of(decision)
    documents = await StepDocument.filter(step__decision=decision).select_related("attachment")
    evaluations = await Evaluation.filter(decision=decision).order_by("-id")
    indicators = {e.id: await EvaluationIndicator.filter(evaluation=e).order_by("id") for e in evaluations}
    return render(
        request,
        "staff/decisions/manage.html",
        {
            "decision": decision,
            "steps": [steps[k] for k in STEP_ORDER if k in steps],
            "states": list(StepState),
            "documents": documents,
            "drafts": [
                d
                for d in await Draft.filter(kind=DraftKind.MAJOR_DECISION).order_by("-id")
                if decisions.may_use_draft(user, d)
            ],
            "evaluations": evaluations,
            "indicators": indicators,
            "triggers": list(EvaluationTrigger),
            "conclusions": list(Conclusion),
            "suggest_evaluation": await decisions.evaluation_suggested(
                decision, request.app.state.settings.evaluation_threshold
            ),
            "generated": await decisions.adoption_explanation_from_feedback(decision),
            "today": today().isoformat(),
            "linked_reviews": await reviews.for_step([s.id for s in steps.values()]),
            "opens_reviews": user.has_role(Role.LEGISLATOR, Role.REVIEWER, Role.ADMIN),
        },
    )


def _step_update(form: FormData) -> decisions.StepUpdate:
    raw = text(form, "state", max_length=16)
    if raw not in {s.value for s in StepState}:
        raise decisions.DecisionError("请选择环节状态。", "state")
    return decisions.StepUpdate(
        state=StepState(raw),
        started_on=parse_date(text(form, "started_on", max_length=10)),
        completed_on=parse_date(text(form, "completed_on", max_length=10)),
        responsible=text(form, "responsible", max_length=100),
        notes=text(form, "notes", max_length=5000),
        not_applicable_reason=text(form, "not_applicable_reason", max_length=2000),
        meeting=text(form, "meeting", max_length=200),
        outcome=text(form, "outcome", max_length=5000),
        dissent=text(form, "dissent", max_length=5000),
        adoption_explanation=text(form, "adoption_explanation", max_length=20000),
    )


@require_role(*MANAGERS)
async def update_step(request: Request) -> Response:
    user = staff_user(request)
    decision = await _decision(request, user)
    kind_raw = request.path_params["kind"]
    if kind_raw not in {k.value for k in StepKind}:
        raise HTTPException(404, "没有这一环节。")
    form = await read_form(request)
    try:
        await decisions.update_step(
            decision, StepKind(kind_raw), _step_update(form), actor=user, ip=client_ip(request)
        )
    except decisions.DecisionError as exc:
        flash.add(request, f"{StepKind(kind_raw).label}：{exc}", "error")
    else:
        flash.add(request, f"已更新“{StepKind(kind_raw).label}”。")
    return _back(decision, f"#step-{kind_raw}")


@require_role(*MANAGERS)
async def link_draft(request: Request) -> Response:
    user = staff_user(request)
    decision = await _decision(request, user)
    form = await read_form(request)
    draft_id = id_of(form, "draft")
    draft = await Draft.get_or_none(id=draft_id) if draft_id else None
    if draft is not None and not decisions.may_use_draft(user, draft):
        raise HTTPException(403, "只能关联本单位（草案的起草单位）的征求意见稿。")
    try:
        await decisions.link_draft(decision, draft.id if draft else 0, actor=user, ip=client_ip(request))
    except decisions.DecisionError as exc:
        flash.add(request, str(exc), "error")
    else:
        flash.add(request, "已关联征求意见稿。")
    return _back(decision)


@require_role(*MANAGERS)
async def upload_document(request: Request) -> Response:
    user = staff_user(request)
    decision = await _decision(request, user)
    settings = request.app.state.settings
    form, refusal = await receive_one_file(request)
    kind_raw = form.get("step")
    step = (
        await ProcedureStep.get_or_none(decision=decision, kind=kind_raw)
        if kind_raw in {k.value for k in StepKind}
        else None
    )
    if step is None or refusal:
        files.discard(form.files)
        flash.add(request, refusal or "请选择环节。", "error")
        return _back(decision)
    async with files.stored(form.files, settings.upload_dir, user) as attachments:
        await StepDocument.create(
            step=step,
            attachment=attachments[0],
            title=(form.get("title") or attachments[0].original_name)[:200],
            is_hearing_report=form.get("is_hearing_report") == "1",
            public=form.get("public", "1") == "1",
        )
    flash.add(request, "文件已上传。")
    return _back(decision, f"#step-{step.kind.value}")


@require_role(*MANAGERS)
async def adjust(request: Request) -> Response:
    user = staff_user(request)
    decision = await _decision(request, user)
    form = await read_form(request)
    reason = text(form, "reason", max_length=2000)
    try:
        if text(form, "action", max_length=16) == "withdraw":
            await decisions.withdraw_item(decision, reason, actor=user, ip=client_ip(request))
        else:
            await decisions.adjust_item(
                decision, _item_input(form, user), reason, actor=user, ip=client_ip(request)
            )
    except decisions.DecisionError as exc:
        flash.add(request, str(exc), "error")
    else:
        flash.add(request, "已记录目录调整，调整理由向社会公开。")
    return _back(decision)


@require_role(*MANAGERS)
async def start_evaluation(request: Request) -> Response:
    user = staff_user(request)
    decision = await _decision(request, user)
    form = await read_form(request)
    trigger = text(form, "trigger", max_length=32)
    try:
        if trigger not in {t.value for t in EvaluationTrigger}:
            raise decisions.DecisionError("请选择评估原因。", "trigger")
        await decisions.start_evaluation(
            decision,
            decisions.EvaluationInput(
                EvaluationTrigger(trigger),
                text(form, "evaluator", max_length=100),
                parse_date(text(form, "started_on", max_length=10)) or today(),
                text(form, "deputies_participation", max_length=5000),
                text(form, "public_participation", max_length=5000),
            ),
            actor=user,
            ip=client_ip(request),
        )
    except decisions.DecisionError as exc:
        flash.add(request, str(exc), "error")
    else:
        flash.add(request, "已启动决策后评估，公众问卷已在决策页面开放。")
    return _back(decision, "#evaluation")


@require_role(*MANAGERS)
async def evaluation_update(request: Request) -> Response:
    user = staff_user(request)
    decision = await _decision(request, user)
    evaluation = await Evaluation.get_or_none(id=request.path_params["evaluation_id"], decision=decision)
    if evaluation is None:
        raise HTTPException(404, "未找到该评估。")
    form = await read_form(request)
    rows = list(
        zip(
            form.getlist("indicator_name"),
            form.getlist("indicator_target"),
            form.getlist("indicator_actual"),
            strict=False,
        )
    )
    await decisions.set_indicators(evaluation, [(str(n), str(t), str(a)) for n, t, a in rows])
    evaluation.deputies_participation = text(form, "deputies_participation", max_length=5000)
    evaluation.public_participation = text(form, "public_participation", max_length=5000)
    await evaluation.save(update_fields=["deputies_participation", "public_participation"])
    if text(form, "action", max_length=16) == "publish":
        conclusion = text(form, "conclusion", max_length=16)
        try:
            if conclusion not in {c.value for c in Conclusion}:
                raise decisions.DecisionError("请选择评估结论。", "conclusion")
            await decisions.publish_evaluation(
                evaluation,
                Conclusion(conclusion),
                text(form, "summary", max_length=20000),
                actor=user,
                ip=client_ip(request),
            )
        except decisions.DecisionError as exc:
            flash.add(request, str(exc), "error")
            return _back(decision, "#evaluation")
        flash.add(request, "评估结论已公布。")
    else:
        flash.add(request, "已保存。")
    return _back(decision, "#evaluation")


@require_role(*MANAGERS)
async def evaluation_report(request: Request) -> Response:
    user = staff_user(request)
    decision = await _decision(request, user)
    evaluation = await Evaluation.get_or_none(id=request.path_params["evaluation_id"], decision=decision)
    if evaluation is None:
        raise HTTPException(404, "未找到该评估。")
    settings = request.app.state.settings
    form, refusal = await receive_one_file(request)
    if refusal:
        flash.add(request, refusal, "error")
        return _back(decision, "#evaluation")
    async with files.stored(form.files, settings.upload_dir, user) as attachments:
        evaluation.report = attachments[0]
        await evaluation.save(update_fields=["report_id"])
    flash.add(request, "评估报告已上传，评估结论公布后向社会公开。")
    return _back(decision, "#evaluation")
