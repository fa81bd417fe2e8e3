"""Staff pages for hearings: schedule, publish the notice, change status, run the draw, check people in,
upload the record (with who signed it) and the report, and see the notifications sent. Each hearing is
run by the unit it belongs to (``service.may_hold``): the 承办单位 of its decision item, or for a draft
legislative staff and the drafting body; an admin runs any."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from tortoise.timezone import now

from portal.models import (
    DEFAULT_CATEGORIES,
    Decision,
    Draft,
    Hearing,
    HearingMaterial,
    HearingRegistration,
    HearingStatus,
    OutboxMessage,
    Role,
)
from portal.services import files
from portal.services.hearing import service
from portal.services.hearing.clashes import Clashes
from portal.services.hearing.service import HearingError, VenueClash
from portal.web import flash
from portal.web.auth import client_ip, require_role, staff_user
from portal.web.forms import (
    FieldError,
    checkbox,
    column_text,
    id_of,
    ids,
    integer,
    parse_moment,
    read_form,
    text,
)
from portal.web.links import public_address
from portal.web.templating import render
from portal.web.uploads import receive_one_file

MANAGERS = (Role.ORGANIZER, Role.LEGISLATOR, Role.ADMIN)
NOT_YOURS_TO_HOLD = (
    "您不能为该决策事项或草案安排听证会："
    "只有事项的承办单位（草案：立法工作人员或草案起草单位）和系统管理员可以。"
)
NOT_YOURS = (
    "只有该听证会所属决策事项的承办单位（草案听证会：立法工作人员或草案起草单位）和系统管理员可以管理它。"
)


def _count(form: FormData, name: str) -> int:
    return integer(form, name, maximum=999, label="名额") or 0


async def _hearing(request: Request) -> Hearing:
    """The hearing of the path, if this user may act on it (every route below loads it here)."""
    hearing = await Hearing.get_or_none(id=request.path_params["hearing_id"]).prefetch_related(
        "record", "report", "decision", "draft"
    )
    if hearing is None:
        raise HTTPException(404, "未找到该听证会。")
    if not await service.may_manage(staff_user(request), hearing):
        raise HTTPException(403, NOT_YOURS)
    return hearing


def _back(hearing: Hearing, anchor: str = "") -> RedirectResponse:
    return RedirectResponse(f"/staff/hearings/{hearing.id}{anchor}", status_code=303)


@require_role(*MANAGERS)
async def index(request: Request) -> Response:
    return await _index(request)


async def _index(
    request: Request,
    *,
    errors: dict[str, str] | None = None,
    values: Any = None,
    clashes: Clashes | None = None,
    status_code: int = 200,
) -> Response:
    user = staff_user(request)
    items, drafts = await service.linkable(user)
    return render(
        request,
        "staff/hearings/index.html",
        {
            "hearings": await service.managed_by(user),
            "items": items,
            "drafts": drafts,
            "categories": DEFAULT_CATEGORIES,
            "errors": errors or {},
            "values": values or {},
            "clashes": clashes,
            "status_label": service.status_label,
        },
        status_code=status_code,
    )


@require_role(*MANAGERS)
async def create(request: Request) -> Response:
    user = staff_user(request)
    form = await read_form(request)
    values = {key: text(form, key, max_length=500) for key in form}
    decision_raw, draft_raw = text(form, "decision", max_length=12), text(form, "draft", max_length=12)
    decision_id, draft_id = id_of(form, "decision"), id_of(form, "draft")
    decision = await Decision.get_or_none(id=decision_id) if decision_id is not None else None
    draft = await Draft.get_or_none(id=draft_id) if draft_id is not None else None
    if (decision_raw and decision is None) or (draft_raw and draft is None):
        return await _index(
            request, errors={"link": "关联的决策事项或草案编号不存在。"}, values=values, status_code=400
        )
    if decision is None and draft is None and not user.has_role(Role.ADMIN):
        return await _index(
            request, errors={"link": "请选择听证会所依据的决策事项或草案。"}, values=values, status_code=400
        )
    if not service.may_hold(user, decision=decision, draft=draft):
        return await _index(
            request,
            errors={"link": NOT_YOURS_TO_HOLD},
            values=values,
            status_code=403,
        )
    moments = {
        key: parse_moment(text(form, key, max_length=20))
        for key in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")
    }
    missing = [key for key, value in moments.items() if value is None]
    if missing:
        return await _index(
            request, errors={missing[0]: "请填写完整的日期和时间。"}, values=values, status_code=400
        )
    when = {key: value for key, value in moments.items() if value is not None}
    try:
        seats = {
            category: {"speakers": _count(form, f"speakers_{i}"), "observers": _count(form, f"observers_{i}")}
            for i, category in enumerate(DEFAULT_CATEGORIES)
        }
        # Registrations store the category in a column of their own: the name must fit it.
        custom = column_text(form, "custom_category", HearingRegistration, "category")
        if custom:
            seats[custom] = {
                "speakers": _count(form, "speakers_custom"),
                "observers": _count(form, "observers_custom"),
            }
    except FieldError as exc:
        return await _index(request, errors={"seats": str(exc)}, values=values, status_code=400)
    seats = {k: v for k, v in seats.items() if v["speakers"] or v["observers"]}
    try:
        hearing = await service.schedule(
            service.HearingInput(
                title=text(form, "title", max_length=200),
                matter=text(form, "matter", max_length=3000),
                starts_at=when["starts_at"],
                ends_at=when["ends_at"],
                venue=text(form, "venue", max_length=200),
                registration_opens_at=when["registration_opens_at"],
                registration_closes_at=when["registration_closes_at"],
                seats=seats,
                decision=decision,
                draft=draft,
            ),
            actor=user,
            ip=client_ip(request),
            clash_confirmed=checkbox(form, "clash_confirmed"),
        )
    except VenueClash as exc:
        return await _index(
            request, errors={exc.field: str(exc)}, values=values, clashes=exc.clashes, status_code=400
        )
    except HearingError as exc:
        return await _index(request, errors={exc.field: str(exc)}, values=values, status_code=400)
    flash.add(request, "听证会已创建（尚未公告）。核对后请发布公告。")
    found = await service.clashes_of(hearing)
    if found.same_venue:
        flash.add(request, "已按您的确认安排：同一地点同一时间另有听证会，详见本页“时间冲突”。", "warning")
    if found.same_unit:
        flash.add(request, "提示：本单位在同一时间另有听证会，详见本页“时间冲突”。", "info")
    return _back(hearing)


@require_role(*MANAGERS)
async def manage(request: Request) -> Response:
    return await _manage(request, await _hearing(request))


async def _manage(
    request: Request,
    hearing: Hearing,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    days, basis = await service.notice_rule(hearing)
    return render(
        request,
        "staff/hearings/manage.html",
        {
            "hearing": hearing,
            "notice_days": days,
            "notice_basis": basis,
            "draw_from": service.registration_ends_at(hearing),
            "draw_waits": now() < service.registration_ends_at(hearing),
            "when": service.when,
            "status_label": service.status_label,
            "clashes": await service.clashes_of(hearing),
            "errors": errors or {},
            "values": values or {},
            "registrations": await HearingRegistration.filter(hearing=hearing).order_by(
                "category", "role", "draw_rank", "id"
            ),
            "outbox": await OutboxMessage.filter(topic=f"hearing:{hearing.id}").order_by("-id").limit(50),
            "statuses": [HearingStatus.POSTPONED, HearingStatus.CANCELLED],
            "materials": await HearingMaterial.filter(hearing=hearing).prefetch_related("attachment"),
            "materials_late": hearing.materials_sent_at is None
            and hearing.starts_at - now() < timedelta(days=service.MATERIALS_DAYS_BEFORE),
        },
        status_code=status_code,
    )


@require_role(*MANAGERS)
async def close_registration(request: Request) -> Response:
    """提前截止报名: a public reason and an explicit confirmation (a checkbox, so it works without
    JavaScript); a refusal gives the page back with the reason as typed."""
    hearing = await _hearing(request)
    form = await read_form(request)
    reason = text(form, "reason", max_length=2000)
    values = {"reason": reason}
    if not checkbox(form, "confirm"):
        return await _manage(
            request,
            hearing,
            errors={"confirm": "请勾选“我确认提前截止报名并公开理由”。"},
            values=values,
            status_code=400,
        )
    try:
        await service.close_registration_early(
            hearing, reason, actor=staff_user(request), ip=client_ip(request), site=public_address(request)
        )
    except HearingError as exc:
        field = "reason" if exc.field == "reason" else "close"
        return await _manage(request, hearing, errors={field: str(exc)}, values=values, status_code=400)
    flash.add(request, "报名已提前截止，理由已在听证公告中公开，已报名的人会收到通知。现在可以进行遴选。")
    return _back(hearing)


async def _act(request: Request, action: str) -> Response:
    hearing = await _hearing(request)
    user, ip = staff_user(request), client_ip(request)
    form = await read_form(request)
    try:
        if action == "publish":
            await service.publish_notice(hearing, actor=user, ip=ip)
            flash.add(request, "公告已发布，报名已开放。")
        elif action == "status":
            raw = text(form, "status", max_length=24)
            if raw not in (HearingStatus.POSTPONED.value, HearingStatus.CANCELLED.value):
                raise HTTPException(400, "参数 status 的取值无效。")
            await service.set_status(
                hearing,
                HearingStatus(raw),
                text(form, "reason", max_length=1000),
                actor=user,
                ip=ip,
                site=public_address(request),
            )
            flash.add(request, f"听证会已{HearingStatus(raw).label}，理由已公开。")
        elif action == "draw":
            result = await service.run_draw(
                hearing,
                secret=request.app.state.settings.secret_key,
                actor=user,
                ip=ip,
                site=public_address(request),
            )
            chosen = sum(1 for status, _ in result.values() if status == "selected")
            flash.add(request, f"遴选完成：{len(result)} 名陈述人报名，入选 {chosen} 名。种子和结果已公布。")
        elif action == "checkin":
            registration = await service.check_in(
                hearing, text(form, "code", max_length=24), actor=user, ip=ip
            )
            flash.add(request, f"{registration.name}（{registration.category}）签到成功。")
            return _back(hearing, "#checkin")
    except HearingError as exc:
        flash.add(request, str(exc), "error")
    return _back(hearing)


@require_role(*MANAGERS)
async def publish(request: Request) -> Response:
    return await _act(request, "publish")


@require_role(*MANAGERS)
async def change_status(request: Request) -> Response:
    return await _act(request, "status")


@require_role(*MANAGERS)
async def draw(request: Request) -> Response:
    return await _act(request, "draw")


@require_role(*MANAGERS)
async def check_in(request: Request) -> Response:
    return await _act(request, "checkin")


@require_role(*MANAGERS)
async def send_materials(request: Request) -> Response:
    hearing = await _hearing(request)
    try:
        told = await service.send_materials(hearing, site=public_address(request))
    except HearingError as exc:
        flash.add(request, str(exc), "error")
    else:
        flash.add(request, f"已向 {told} 名参加人和候补人员发出听证材料通知。")
    return _back(hearing, "#materials")


async def _upload(request: Request, which: str) -> Response:
    hearing = await _hearing(request)
    settings = request.app.state.settings
    form, refusal = await receive_one_file(request)
    if refusal:
        flash.add(request, refusal, "error")
        return _back(hearing, f"#{which}")
    user = staff_user(request)
    try:
        async with files.stored(form.files, settings.upload_dir, user) as attachments:
            if which == "materials":
                await service.add_material(
                    hearing, attachments[0], form.get("title"), actor=user, ip=client_ip(request)
                )
                flash.add(request, "听证材料已上传并公开。")
            elif which == "record":
                confirmed = ids(form.getlist("confirmed"))
                await service.record_held(
                    hearing, attachments[0], confirmed, actor=user, ip=client_ip(request)
                )
                flash.add(request, f"听证笔录已上传，{len(confirmed)} 名参加人已确认签字。")
            else:
                await service.publish_report(
                    hearing, attachments[0], form.get("summary") or "", actor=user, ip=client_ip(request)
                )
                flash.add(request, "听证报告已公布。")
    except HearingError as exc:
        flash.add(request, str(exc), "error")
    return _back(hearing, f"#{which}")


@require_role(*MANAGERS)
async def upload_record(request: Request) -> Response:
    return await _upload(request, "record")


@require_role(*MANAGERS)
async def upload_report(request: Request) -> Response:
    return await _upload(request, "report")


@require_role(*MANAGERS)
async def upload_material(request: Request) -> Response:
    return await _upload(request, "materials")
