"""Public pages of major administrative decisions: the yearly catalog, an item's procedure timeline,
citizens' proposals and hearing requests, the evaluation questionnaire, the JSON API and CSV export."""

from __future__ import annotations

import csv
import io
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from portal.models import (
    STEP_ORDER,
    Attachment,
    CatalogStatus,
    Decision,
    DecisionCatalog,
    DecisionChange,
    Evaluation,
    GovLevel,
    ProcedureStep,
    ProposalKind,
    PublicProposal,
    StepDocument,
)
from portal.services import decisions, levels
from portal.services.calendar import today
from portal.services.hearing import service as hearing_service
from portal.services.spreadsheet import cell
from portal.web import flash
from portal.web.auth import ip_hash
from portal.web.forms import column_text, id_of, read_form, text, whole_number
from portal.web.pagination import int_param
from portal.web.templating import render
from portal.web.uploads import attachment_response


async def _published_catalog(request: Request) -> decisions.CatalogChoice:
    """?year= (default: the newest), ?district=天河 for that district's catalog (default: the city's),
    ?level=street&district=…&body=… for a street office's or town's."""
    params = request.query_params
    try:
        scope = levels.parse_scope(params.get("level", ""), params.get("district", ""))
    except levels.LevelError as exc:
        level_ok = params.get("level", "") in {"", *(lv.value for lv in GovLevel)}
        district = params.get("district", "").strip().removesuffix("区")
        if level_ok and (not district or district in levels.DISTRICTS):
            # Each value is valid, but no catalog has them together (a city catalog with a district,
            # a street catalog without one): there is no such catalog.
            raise HTTPException(404, f"没有这样的目录：{exc}") from exc
        raise HTTPException(400, str(exc)) from exc
    return await decisions.published_catalog(
        int_param(request, "year", minimum=1990, maximum=2100), scope, params.get("body", "").strip()[:100]
    )


async def index(request: Request) -> Response:
    choice = await _published_catalog(request)
    return render(
        request,
        "decisions/index.html",
        {
            "choice": choice,
            "catalog": choice.catalog,
            "year": choice.year,
            "scope": choice.scope,
            "owner": choice.owner,
            "districts": levels.DISTRICTS,
            "items": await decisions.catalog_rows(choice.catalog) if choice.catalog else [],
        },
    )


async def _decision(request: Request) -> Decision:
    decision = await Decision.get_or_none(id=request.path_params["decision_id"]).select_related(
        "catalog", "draft"
    )
    if decision is None or decision.catalog.status != CatalogStatus.PUBLISHED:
        raise HTTPException(404, "未找到该决策事项。")
    return decision


async def detail(request: Request) -> Response:
    decision = await _decision(request)
    steps = await decisions.steps_of(decision)
    documents = await StepDocument.filter(step__decision=decision, public=True).select_related(
        "attachment", "step"
    )
    evaluations = await Evaluation.filter(decision=decision).prefetch_related("indicators").order_by("-id")
    summaries = {e.id: await decisions.questionnaire_summary(e) for e in evaluations}
    return render(
        request,
        "decisions/detail.html",
        {
            "decision": decision,
            "steps": [steps[k] for k in STEP_ORDER if k in steps],
            "current": decisions.current_step(steps),
            "progress": decisions.progress(steps),
            "documents": documents,
            "changes": await DecisionChange.filter(decision=decision).order_by("id"),
            "evaluations": evaluations,
            "summaries": summaries,
            "hearing_requests": await PublicProposal.filter(
                decision=decision, kind=ProposalKind.HEARING, moderation="published"
            ).count(),
            "hearings": await hearing_service.public_hearings(decision_id=decision.id),
        },
    )


async def propose(request: Request) -> Response:
    form = await read_form(request)
    kind_raw = text(form, "kind", max_length=16)
    if kind_raw not in {k.value for k in ProposalKind}:
        raise HTTPException(400, "参数 kind 的取值无效。")
    decision = None
    if text(form, "decision", max_length=12):
        decision_id = id_of(form, "decision")
        decision = await Decision.get_or_none(id=decision_id) if decision_id else None
        if decision is None:
            raise HTTPException(404, "未找到该决策事项。")
    year = whole_number(text(form, "year", max_length=4), minimum=1990, maximum=2100) or today().year
    if not await request.app.state.rate_limiter.allow("comment", ip_hash(request)):
        raise HTTPException(429, "提交过于频繁，请稍后再试。")
    back = f"/decisions/{decision.id}" if decision else f"/decisions?year={year}"
    try:
        proposal = await decisions.propose(
            ProposalKind(kind_raw),
            year,
            text(form, "body", max_length=5000),
            title=column_text(form, "title", PublicProposal),
            decision=decision,
            name=column_text(form, "name", PublicProposal),
            contact=column_text(form, "contact", PublicProposal),
            ip_hash=ip_hash(request),
        )
    except decisions.DecisionError as exc:
        return render(
            request,
            "decisions/proposal_refused.html",
            {
                "message": str(exc),
                "body": text(form, "body", max_length=5000),
                "title": column_text(form, "title", PublicProposal),
                "back": back,
            },
            status_code=400,
        )
    flash.add(
        request,
        "感谢您的建议，已提交。" + ("" if proposal.moderation == "published" else "内容经审核后计入。"),
    )
    notice = decisions.proposal_notice(proposal.title, proposal.body)
    if notice:
        flash.add(request, notice)
    return RedirectResponse(back, status_code=303)


async def questionnaire(request: Request) -> Response:
    decision = await _decision(request)
    evaluation = await Evaluation.get_or_none(id=request.path_params["evaluation_id"], decision=decision)
    if evaluation is None:
        raise HTTPException(404, "未找到该评估。")
    form = await read_form(request)
    try:
        notice = await decisions.answer_questionnaire(
            evaluation,
            whole_number(text(form, "satisfaction", max_length=1), maximum=5) or 0,
            text(form, "remark", max_length=1000),
            ip_hash(request),
        )
    except decisions.DecisionError as exc:
        flash.add(request, str(exc), "error")
    else:
        flash.add(request, "感谢您参与评估问卷。" + notice)
    return RedirectResponse(f"/decisions/{decision.id}#evaluation", status_code=303)


# --- API and export -------------------------------------------------------------------------------


def step_json(step: ProcedureStep) -> dict[str, Any]:
    return {
        "kind": step.kind.value,
        "name": step.kind.label,
        "state": step.state.value,
        "state_label": step.state.label,
        "started_on": step.started_on.isoformat() if step.started_on else None,
        "completed_on": step.completed_on.isoformat() if step.completed_on else None,
        "not_applicable_reason": step.not_applicable_reason or None,
    }


def catalog_json(catalog: DecisionCatalog) -> dict[str, Any]:
    return {
        "year": catalog.year,
        "level": catalog.level.value,
        "district": catalog.district or None,
        "body": catalog.adopted_by,
    }


def decision_json(item: decisions.CatalogRow, catalog: DecisionCatalog) -> dict[str, Any]:
    d = item.decision
    return {
        "id": d.id,
        **catalog_json(catalog),
        "seq": d.seq,
        "title": d.title,
        "responsible_unit": d.responsible_unit,
        "in_hearing_catalog": d.in_hearing_catalog,
        "status": d.status.value,
        "progress": item.progress,
        "current_step": item.current.kind.value if item.current else None,
        "draft_id": d.draft_id,
        "url": f"/decisions/{d.id}",
        "steps": [step_json(s) for s in item.steps if s is not None],
    }


async def api_index(request: Request) -> Response:
    choice = await _published_catalog(request)
    found = choice.catalog
    head = (
        catalog_json(found)
        if found
        else {
            "year": choice.year,
            "level": choice.scope.level.value,
            "district": choice.scope.district or None,
            "body": None,
        }
    )
    items = [decision_json(i, found) for i in await decisions.catalog_rows(found)] if found else []
    return JSONResponse({**head, "items": items, "next": None})


async def api_detail(request: Request) -> Response:
    decision = await Decision.get_or_none(id=request.path_params["decision_id"]).select_related("catalog")
    if decision is None or decision.catalog.status != CatalogStatus.PUBLISHED:
        raise HTTPException(404, "未找到该决策事项。")
    [item] = [i for i in await decisions.catalog_rows(decision.catalog) if i.decision.id == decision.id]
    body = decision_json(item, decision.catalog)
    body.update(basis=decision.basis, summary=decision.summary, decision_text=decision.decision_text)
    return JSONResponse(body)


async def export_csv(request: Request) -> Response:
    choice = await _published_catalog(request)
    found, year = choice.catalog, choice.year
    if found is None:
        raise HTTPException(404, f"没有 {year} 年度的目录。")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["序号", "事项名称", "承办单位", "列入听证目录", "状态", "进度%", *[k.label for k in STEP_ORDER]]
    )
    for item in await decisions.catalog_rows(found):
        d = item.decision
        writer.writerow(
            [
                d.seq,
                cell(d.title),
                cell(d.responsible_unit),
                "是" if d.in_hearing_catalog else "否",
                d.status.label,
                item.progress,
            ]
            + [s.state.label if s else "" for s in item.steps]
        )
    return Response(
        "\ufeff" + buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f"attachment; filename={_csv_name(found)}"},
    )


def _csv_name(catalog: DecisionCatalog) -> str:
    # ASCII only in the header: the district is given by its catalog id, not its Chinese name.
    suffix = "" if catalog.level == GovLevel.CITY else f"-{catalog.level.value}-{catalog.id}"
    return f"decisions-{catalog.year}{suffix}.csv"


async def document(request: Request) -> Response:
    """A public document of a decision: a public step document, or a published evaluation report."""
    attachment = await Attachment.get_or_none(id=request.path_params["attachment_id"])
    public = attachment is not None and (
        await StepDocument.filter(
            attachment=attachment, public=True, step__decision__catalog__status=CatalogStatus.PUBLISHED
        ).exists()
        or await Evaluation.filter(report=attachment, published_at__isnull=False).exists()
    )
    if attachment is None or not public:
        raise HTTPException(404, "未找到该文件。")
    return attachment_response(request, attachment)
