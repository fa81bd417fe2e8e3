"""Staff pages for drafts: import a text, check its parsed structure, publish with a lawful window,
add versions, close and withdraw. Legislative staff and admins only."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from portal.models import LEVEL_LABELS, Draft, DraftStatus, DraftVersion, Role
from portal.models.drafts import KIND_LABELS
from portal.services import drafts, levels
from portal.services.calendar import local_date, today
from portal.services.drafting import closing
from portal.services.drafting.closing import MAX_REASON_CHARS, ClosePlan
from portal.services.drafting.windows import RULES, rule_for
from portal.web import flash
from portal.web.auth import client_ip, require_role, staff_user
from portal.web.forms import (
    DraftForm,
    FieldError,
    PublishForm,
    ScopeForm,
    read_form,
    text,
    uploaded_text,
)
from portal.web.templating import render

EDITORS = (Role.LEGISLATOR, Role.ADMIN)
DRAFT_TEXT_PART_BYTES = 8 * 1024 * 1024
REASON_TYPED_CHARS = 5000  # what a refused form gives back; the service sets the limit it accepts


async def _draft(request: Request) -> Draft:
    draft = await Draft.get_or_none(id=request.path_params["draft_id"])
    if draft is None:
        raise HTTPException(404, "未找到该草案。")
    return draft


async def _read_text(
    request: Request, form: FormData, form_text: str, errors: dict[str, str]
) -> tuple[str, str]:
    """The draft text from the uploaded file, else from the pasted field; ("", "") with an error."""
    try:
        uploaded = await uploaded_text(form, "file", max_bytes=request.app.state.settings.max_upload_bytes)
    except FieldError as exc:
        errors[exc.field] = str(exc)
        return "", ""
    if uploaded is not None:
        return uploaded[1], uploaded[0]
    if not form_text.strip():
        errors["text"] = "请上传草案文件（.txt、.md、.docx）或粘贴草案全文。"
    return form_text, ""


@require_role(*EDITORS)
async def index(request: Request) -> Response:
    rows = await Draft.all().order_by("-created_at")
    return render(
        request,
        "staff/drafts/index.html",
        {"drafts": rows, "status_of": drafts.effective_status, "kinds": KIND_LABELS},
    )


def _new_page(request: Request, form: DraftForm, status: int = 200) -> Response:
    return render(
        request,
        "staff/drafts/new.html",
        {
            "form": form,
            "kinds": KIND_LABELS,
            "rules": RULES,
            "level_labels": LEVEL_LABELS,
            "districts": levels.DISTRICTS,
        },
        status_code=status,
    )


@require_role(*EDITORS)
async def new(request: Request) -> Response:
    return _new_page(request, DraftForm())


@require_role(*EDITORS)
async def create(request: Request) -> Response:
    submitted = await read_form(request, files=1, max_part_bytes=DRAFT_TEXT_PART_BYTES)
    form = DraftForm.parse(submitted)
    body, source = await _read_text(request, submitted, form.text, form.errors)
    if not form.ok:
        return _new_page(request, form, 400)
    scope = form.scope
    try:
        draft = await drafts.create_draft(
            drafts.DraftInput(
                title=form.title,
                kind=form.draft_kind,
                drafting_body=form.drafting_body,
                summary=form.summary,
                explanation=form.explanation,
                market_related=form.market_related,
                level=scope.level,
                district=scope.district,
            ),
            body,
            source_name=source,
            actor=staff_user(request),
            ip=client_ip(request),
        )
    except drafts.DraftError as exc:
        form.errors["text"] = str(exc)
        return _new_page(request, form, 400)
    flash.add(request, "草案已导入。请核对识别出的结构，然后设定征求意见期限并发布。")
    return RedirectResponse(f"/staff/drafts/{draft.id}", status_code=303)


async def _manage_page(
    request: Request,
    draft: Draft,
    *,
    publish: PublishForm | None = None,
    errors: dict[str, str] | None = None,
    scope: ScopeForm | None = None,
    withdraw_reason: str = "",
    status: int = 200,
) -> Response:
    versions = await DraftVersion.filter(draft=draft).order_by("number")
    pending = next((v for v in versions if not v.is_published), None)
    structure = await drafts.reader_text(pending) if pending else None
    return render(
        request,
        "staff/drafts/manage.html",
        {
            "draft": draft,
            "versions": versions,
            "pending": pending,
            "structure": structure,
            "status": drafts.effective_status(draft),
            "notices": closing.public_notices(draft),
            "rule": rule_for(draft.kind, draft.market_related),
            "publish": publish or _publish_defaults(draft),
            "errors": errors or {},
            "withdraw_reason": withdraw_reason,
            "scope": scope or ScopeForm(level=draft.level.value, district=draft.district),
            "level_labels": LEVEL_LABELS,
            "districts": levels.DISTRICTS,
        },
        status_code=status,
    )


def _publish_defaults(draft: Draft) -> PublishForm:
    """A version published while comments are taken keeps the announced window: start from it."""
    if drafts.effective_status(draft) == DraftStatus.OPEN and draft.opens_at and draft.closes_at:
        return PublishForm(
            raw_opens=local_date(draft.opens_at).isoformat(),
            raw_closes=local_date(draft.closes_at).isoformat(),
        )
    return PublishForm(raw_opens=today().isoformat())


@require_role(*EDITORS)
async def manage(request: Request) -> Response:
    return await _manage_page(request, await _draft(request))


@require_role(*EDITORS)
async def publish(request: Request) -> Response:
    draft = await _draft(request)
    form = PublishForm.parse(await read_form(request))
    if not form.ok or form.opens is None or form.closes is None:
        return await _manage_page(request, draft, publish=form, status=400)
    try:
        check = await drafts.publish(
            draft,
            opens=form.opens,
            closes=form.closes,
            short_window_reason=form.short_window_reason,
            actor=staff_user(request),
            ip=client_ip(request),
        )
    except drafts.DraftError as exc:
        form.errors["form"] = str(exc)
        return await _manage_page(request, draft, publish=form, status=400)
    note = "" if check.meets_minimum else "（期限短于法定要求，缩短理由已向社会公开）"
    flash.add(request, f"已发布，征求意见至 {form.closes:%Y年%m月%d日}{note}。")
    return RedirectResponse(f"/staff/drafts/{draft.id}", status_code=303)


@require_role(*EDITORS)
async def set_scope(request: Request) -> Response:
    draft = await _draft(request)
    form = await read_form(request)
    scope = ScopeForm(
        level=text(form, "level", max_length=16), district=text(form, "district", max_length=32)
    )
    try:
        await drafts.set_scope(
            draft,
            levels.parse_level(scope.level),
            scope.district,
            actor=staff_user(request),
            ip=client_ip(request),
        )
    except levels.LevelError as exc:
        scope.errors[exc.field] = str(exc)
        return await _manage_page(request, draft, scope=scope, status=400)
    flash.add(request, f"已改为{levels.label_of(draft)}草案。")
    return RedirectResponse(f"/staff/drafts/{draft.id}", status_code=303)


@require_role(*EDITORS)
async def add_version(request: Request) -> Response:
    draft = await _draft(request)
    form = await read_form(request, files=1, max_part_bytes=DRAFT_TEXT_PART_BYTES)
    errors: dict[str, str] = {}
    body, source = await _read_text(request, form, text(form, "text", max_length=2_000_000), errors)
    if errors:
        return await _manage_page(request, draft, errors=errors, status=400)
    try:
        version = await drafts.add_version(
            draft,
            body,
            label=text(form, "label", max_length=100),
            source_name=source,
            actor=staff_user(request),
            ip=client_ip(request),
        )
    except drafts.DraftError as exc:
        return await _manage_page(request, draft, errors={"text": str(exc)}, status=400)
    flash.add(request, f"第 {version.number} 版已导入，尚未公开。核对后请发布。")
    return RedirectResponse(f"/staff/drafts/{draft.id}", status_code=303)


def _close_page(
    request: Request, draft: Draft, plan: ClosePlan, *, reason: str = "", error: str = "", status: int = 200
) -> Response:
    return render(
        request,
        "staff/drafts/close.html",
        {"draft": draft, "plan": plan, "reason": reason, "error": error, "max_reason": MAX_REASON_CHARS},
        status_code=status,
    )


@require_role(*EDITORS)
async def close_confirm(request: Request) -> Response:
    """The confirmation step before ending a consultation: what it cuts, the law, a required reason."""
    draft = await _draft(request)
    try:
        plan = drafts.close_plan(draft)
    except drafts.DraftError as exc:
        flash.add(request, str(exc), "error")
        return RedirectResponse(f"/staff/drafts/{draft.id}", status_code=303)
    return _close_page(request, draft, plan)


@require_role(*EDITORS)
async def close(request: Request) -> Response:
    draft = await _draft(request)
    form = await read_form(request)
    reason = text(form, "reason", max_length=REASON_TYPED_CHARS)
    try:
        plan = await drafts.close(draft, reason=reason, actor=staff_user(request), ip=client_ip(request))
    except drafts.DraftError as exc:
        try:
            still_open = drafts.close_plan(draft)
        except drafts.DraftError:
            flash.add(request, str(exc), "error")  # nothing left to confirm: closed meanwhile
            return RedirectResponse(f"/staff/drafts/{draft.id}", status_code=303)
        return _close_page(request, draft, still_open, reason=reason, error=str(exc), status=400)
    if plan.early:
        flash.add(request, "已提前结束征求意见，理由已在草案页面向社会公开。")
    else:
        flash.add(request, "已结束征求意见。")
    return RedirectResponse(f"/staff/drafts/{draft.id}", status_code=303)


@require_role(*EDITORS)
async def withdraw(request: Request) -> Response:
    draft = await _draft(request)
    form = await read_form(request)
    reason = text(form, "reason", max_length=REASON_TYPED_CHARS)
    try:
        await drafts.withdraw(draft, reason, actor=staff_user(request), ip=client_ip(request))
    except drafts.DraftError as exc:
        return await _manage_page(
            request, draft, errors={"reason": str(exc)}, withdraw_reason=reason, status=400
        )
    flash.add(request, "草案已撤回，撤回理由已公开。")
    return RedirectResponse(f"/staff/drafts/{draft.id}", status_code=303)
