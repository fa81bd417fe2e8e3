"""The liaison point's inbox and the entry of opinions that arrived by letter, e-mail, phone or visit."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from portal import columns
from portal.models import Channel, Comment, Draft, DraftStatus, LiaisonPoint, Processing, Role, Stance, User
from portal.services import comments, drafts, inbox
from portal.services.calendar import today
from portal.services.paging import page_count
from portal.web import flash
from portal.web.auth import client_ip, require_role, staff_user
from portal.web.forms import CommentForm, column_text, id_of, ids, parse_date, read_form, text
from portal.web.pagination import int_param
from portal.web.templating import render

PER_PAGE = 30
WORKERS = (Role.LIAISON, Role.ADMIN)
OFFLINE_CHANNELS = (Channel.LETTER, Channel.EMAIL, Channel.PHONE, Channel.VISIT)


async def point_for(request: Request, user: User, code: str | None = None) -> LiaisonPoint:
    """A liaison user's own point; an admin may pick any with ?point=CODE (or a form field)."""
    code = code if code is not None else request.query_params.get("point", "")
    if user.has_role(Role.ADMIN) and code:
        point = await columns.find(LiaisonPoint, code=code)
        if point is None:
            raise HTTPException(404, "未找到该联系点。")
        return point
    if user.has_role(Role.LIAISON) and user.liaison_point_id is not None:
        if code and user.liaison_point and code != user.liaison_point.code:
            raise HTTPException(404, "未找到该联系点。")
        return await LiaisonPoint.get(id=user.liaison_point_id)
    if user.has_role(Role.ADMIN):
        point = await LiaisonPoint.filter(active=True).order_by("sort_order", "id").first()
        if point is None:
            raise HTTPException(404, "尚未设立联系点。")
        return point
    raise HTTPException(403, "您的账号没有绑定联系点。")


def _filter(request: Request, lineage: str | None) -> inbox.InboxFilter:
    params = request.query_params
    processing = params.get("status", "")
    stance = params.get("stance", "")
    sort = params.get("sort", "due")
    if processing and processing not in {p.value for p in Processing}:
        raise HTTPException(400, "参数 status 的取值无效。")
    if stance and stance not in {s.value for s in Stance}:
        raise HTTPException(400, "参数 stance 的取值无效。")
    if sort not in inbox.SORTS:
        raise HTTPException(400, "参数 sort 的取值无效。")
    start, end = params.get("from", ""), params.get("to", "")
    received_from, received_to = parse_date(start) if start else None, parse_date(end) if end else None
    if (start and received_from is None) or (end and received_to is None):
        raise HTTPException(400, "日期格式应为 2026-01-31。")
    return inbox.InboxFilter(
        draft_id=int_param(request, "draft", minimum=1),
        processing=Processing(processing) if processing else None,
        stance=Stance(stance) if stance else None,
        lineage=lineage,
        received_from=received_from,
        received_to=received_to,
        overdue_only=params.get("overdue") == "1",
        sort=sort,
    )


@require_role(*WORKERS)
async def index(request: Request) -> Response:
    user = staff_user(request)
    point = await point_for(request, user)
    draft_id = int_param(request, "draft", minimum=1)
    article = request.query_params.get("article", "")[:32]
    lineage = None
    units = []
    if draft_id:
        draft = await Draft.get_or_none(id=draft_id)
        version = await drafts.latest_published(draft) if draft else None
        units = await drafts.units_of(version) if version else []
        if article:
            unit = next((u for u in units if u.key == article), None)
            lineage = unit.lineage if unit else "-"
    flt = _filter(request, lineage)
    page = int_param(request, "page", minimum=1, maximum=100_000) or 1
    rows, total = await inbox.page(point, flt, page=page, per_page=PER_PAGE)
    draft_ids = await Comment.filter(liaison_point=point).distinct().values_list("draft_id", flat=True)
    return render(
        request,
        "staff/inbox.html",
        {
            "point": point,
            "points": await LiaisonPoint.all().order_by("sort_order") if user.has_role(Role.ADMIN) else [],
            "rows": rows,
            "total": total,
            "page": page,
            "pages": page_count(total, PER_PAGE),
            "counts": await inbox.counts(point),
            "flt": flt,
            "params": request.query_params,
            "query": urlencode([(k, v) for k, v in request.query_params.items() if k != "page" and v]),
            "drafts": await Draft.filter(id__in=list(draft_ids)).order_by("-id"),
            "units": units,
            "statuses": list(Processing),
            "stances": list(Stance),
            "is_overdue": inbox.is_overdue,
        },
    )


@require_role(*WORKERS)
async def act(request: Request) -> Response:
    user = staff_user(request)
    form = await read_form(request)
    point = await point_for(request, user, column_text(form, "point", LiaisonPoint, "code"))
    # Only this point's items can be acted on: ids of another point's items are silently not found.
    items = await Comment.filter(id__in=ids(form.getlist("ids"), limit=500), liaison_point=point)
    back = text(form, "back", max_length=500)
    if not items:
        flash.add(request, "请至少选择一条意见。", "error")
    else:
        try:
            n = await inbox.act(
                items,
                text(form, "action", max_length=16),
                actor=user,
                ip=client_ip(request),
                note=text(form, "note", max_length=2000),
            )
        except inbox.InboxError as exc:
            flash.add(request, str(exc), "error")
        else:
            flash.add(request, f"已处理 {n} 条意见。")
    return RedirectResponse(back if back.startswith("/staff/inbox") else "/staff/inbox", status_code=303)


# --- opinions received by letter, e-mail, phone or visit ------------------------------------------


async def _open_drafts() -> list[Draft]:
    return [
        d for d in await Draft.filter(status=DraftStatus.OPEN).order_by("-id") if drafts.accepting_comments(d)
    ]


async def _entry_page(
    request: Request,
    point: LiaisonPoint,
    form: CommentForm,
    channel: str,
    received: str,
    draft: Draft | None,
    status: int = 200,
) -> Response:
    version = await drafts.latest_published(draft) if draft else None
    return render(
        request,
        "staff/entry.html",
        {
            "point": point,
            "form": form,
            "channel": channel,
            "received": received,
            "channels": OFFLINE_CHANNELS,
            "drafts": await _open_drafts(),
            "draft": draft,
            "units": await drafts.units_of(version) if version else [],
            "stances": list(Stance),
        },
        status_code=status,
    )


@require_role(*WORKERS)
async def entry_form(request: Request) -> Response:
    point = await point_for(request, staff_user(request))
    draft_id = int_param(request, "draft", minimum=1)
    draft = await Draft.get_or_none(id=draft_id) if draft_id else None
    return await _entry_page(request, point, CommentForm(), "letter", today().isoformat(), draft)


@require_role(*WORKERS)
async def entry_submit(request: Request) -> Response:
    user = staff_user(request)
    raw = await read_form(request)
    point = await point_for(request, user, column_text(raw, "point", LiaisonPoint, "code"))
    form = CommentForm.parse(raw)
    draft_id = id_of(raw, "draft")
    draft = await Draft.get_or_none(id=draft_id) if draft_id else None
    channel = text(raw, "channel", max_length=16)
    received = text(raw, "received_on", max_length=10)
    received_on: date | None = parse_date(received)
    if draft is None:
        form.errors["draft"] = "请选择草案。"
    if channel not in {c.value for c in OFFLINE_CHANNELS}:
        form.errors["channel"] = "请选择收到意见的渠道。"
    if received_on is None:
        form.errors["received_on"] = "请填写收到日期（格式：2026-01-31）。"
    if not form.ok or draft is None or received_on is None:
        return await _entry_page(request, point, form, channel, received, draft, 400)
    data = form.to_input()
    data = comments.CommentInput(**{**data.__dict__, "channel": Channel(channel)})
    try:
        comment, _ = await comments.submit(
            draft,
            data,
            offline=comments.Offline(point=point, entered_by=user, received_on=received_on),
            ack_working_days=request.app.state.settings.ack_working_days,
            receipt_prefix=request.app.state.settings.receipt_prefix,
        )
    except comments.CommentRefused as exc:
        form.errors[exc.field if exc.field != "form" else "body"] = str(exc)
        return await _entry_page(request, point, form, channel, received, draft, 400)
    flash.add(request, f"已登记，回执码 {comment.receipt_code}（可告知意见人用于查询）。")
    return RedirectResponse(f"/staff/comments/{comment.id}", status_code=303)
