"""Public hearing pages: the list, a hearing's notice with its registration form, a registration's
status and cancellation by code, the published selection and its verification, and calendar files."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from portal.models import Hearing, HearingMaterial, HearingRegistration, RegistrationStatus
from portal.services.hearing import calendar_feed, service
from portal.services.hearing.service import HearingError, RegistrationInput
from portal.web import flash
from portal.web.auth import client_ip, ip_hash
from portal.web.forms import checkbox, read_form, text
from portal.web.links import public_address
from portal.web.pagination import int_param
from portal.web.templating import render
from portal.web.uploads import attachment_response

PUBLIC_STATUSES = service.PUBLIC_STATUSES
PAST_PER_PAGE = 20
STANCES = {"support": "支持", "oppose": "反对", "other": "其他意见"}
ROLES = {"speaker": "陈述人", "observer": "旁听人"}
CODE_MAX = 24  # HXXXX-XXXX-XXXX, with room for the spaces people type between the groups


async def _hearing(request: Request) -> Hearing:
    hearing = await Hearing.get_or_none(
        id=request.path_params["hearing_id"], status__in=PUBLIC_STATUSES
    ).prefetch_related("report", "decision", "draft")
    if hearing is None:
        raise HTTPException(404, "未找到该听证会。")
    return hearing


async def index(request: Request) -> Response:
    page = int_param(request, "page", minimum=1, maximum=100_000) or 1
    listed = await service.hearing_list(page=page, per_page=PAST_PER_PAGE)
    if page > listed.past.pages:
        raise HTTPException(404, "没有这一页。")
    return _render(request, "hearings/index.html", {"listed": listed})


async def _selected(hearing: Hearing) -> list[HearingRegistration]:
    return await HearingRegistration.filter(
        hearing=hearing, status__in=service.OCCUPYING, role="speaker"
    ).order_by("category", "draw_rank")


async def detail(request: Request) -> Response:
    hearing = await _hearing(request)
    return await _detail(request, hearing)


async def _detail(
    request: Request,
    hearing: Hearing,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    days, basis = await service.notice_rule(hearing)
    taken: dict[tuple[str, str], int] = {}
    for reg in await HearingRegistration.filter(hearing=hearing, status__in=service.OCCUPYING):
        taken[(reg.category, reg.role)] = taken.get((reg.category, reg.role), 0) + 1
    seats = [
        {
            "category": category,
            "speakers": int(counts.get("speakers", 0)),
            "observers": int(counts.get("observers", 0)),
            "observers_free": max(0, int(counts.get("observers", 0)) - taken.get((category, "observer"), 0)),
        }
        for category, counts in hearing.seats.items()
    ]
    return _render(
        request,
        "hearings/detail.html",
        {
            "hearing": hearing,
            "seats": seats,
            "notice_days": days,
            "notice_basis": basis,
            "open": service.registration_open(hearing),
            "selected": await _selected(hearing) if hearing.drawn_at else [],
            "materials": await HearingMaterial.filter(hearing=hearing),
            "districts": service.DISTRICTS,
            "errors": errors or {},
            "values": values or {},
        },
        status_code=status_code,
    )


def _registration_input(form: Any) -> RegistrationInput:
    return RegistrationInput(
        name=text(form, "name", max_length=100),
        phone=text(form, "phone", max_length=32),
        category=text(form, "category", max_length=32),
        role=text(form, "role", max_length=16),
        district=text(form, "district", max_length=32),
        email=text(form, "email", max_length=254),
        stance=text(form, "stance", max_length=16),
        statement=text(form, "statement", max_length=3000),
        show_name=checkbox(form, "show_name"),
    )


async def register(request: Request) -> Response:
    hearing = await _hearing(request)
    form = await read_form(request)
    data = _registration_input(form)
    values = {**data.__dict__}
    if not checkbox(form, "consent"):
        return await _detail(
            request,
            hearing,
            errors={"consent": "请阅读并同意报名信息的使用说明。"},
            values=values,
            status_code=400,
        )
    if not await request.app.state.rate_limiter.allow("comment", ip_hash(request)):
        return await _detail(
            request, hearing, errors={"form": "提交过于频繁，请稍后再试。"}, values=values, status_code=429
        )
    try:
        registration = await service.register(hearing, data, site=public_address(request))
    except HearingError as exc:
        return await _detail(request, hearing, errors={exc.field: str(exc)}, values=values, status_code=400)
    return _render(
        request,
        "hearings/registered.html",
        {
            "hearing": hearing,
            "registration": registration,
            "notice": service.statement_notice(data.statement),
        },
        status_code=201,
    )


CODE_TOO_OFTEN = "查询和取消过于频繁，请稍后再试。"


async def _code_allowed(request: Request) -> bool:
    """A registration code is a bearer secret: look-ups and cancellations are limited per visitor."""
    allowed: bool = await request.app.state.rate_limiter.allow("hearing_code", ip_hash(request))
    return allowed


async def lookup(request: Request) -> Response:
    code = request.query_params.get("code", "").strip()[:CODE_MAX]
    if code and not await _code_allowed(request):
        return _lookup_page(request, code, None, error=CODE_TOO_OFTEN, status_code=429)
    registration = await service.by_code(code) if code else None
    if code and registration is None:
        return _lookup_page(request, code, None, error="未找到这个报名码，请核对后重试。", status_code=404)
    return _lookup_page(request, code, registration)


def _lookup_page(
    request: Request,
    code: str,
    registration: HearingRegistration | None,
    *,
    error: str = "",
    status_code: int = 200,
) -> Response:
    secret = request.app.state.settings.secret_key
    pseudonym = service.pseudonym_of(registration, secret=secret) if registration else ""
    return _render(
        request,
        "hearings/lookup.html",
        {"code": code, "registration": registration, "pseudonym": pseudonym, "error": error},
        status_code=status_code,
    )


async def cancel(request: Request) -> Response:
    form = await read_form(request)
    code = text(form, "code", max_length=CODE_MAX)
    if not await _code_allowed(request):
        return _lookup_page(request, code, None, error=CODE_TOO_OFTEN, status_code=429)
    registration = await service.by_code(code)
    if registration is None:
        raise HTTPException(404, "未找到这个报名码。")
    if registration.status in (RegistrationStatus.CANCELLED, RegistrationStatus.ATTENDED):
        raise HTTPException(409, f"该报名当前状态为“{registration.status.label}”，不能取消。")
    await service.cancel(registration, ip=client_ip(request), site=public_address(request))
    flash.add(request, "报名已取消。如有候补人员，将依次递补。")
    return RedirectResponse(f"/hearings/registration?code={registration.code}", status_code=303)


async def verify(request: Request) -> Response:
    hearing = await _hearing(request)
    secret = request.app.state.settings.secret_key
    check = await service.verify_against_registrations(hearing, secret=secret) if hearing.drawn_at else None
    return _render(request, "hearings/verify.html", {"hearing": hearing, "check": check})


async def draw_json(request: Request) -> Response:
    """The draw as data, for anyone to recompute it with their own program."""
    hearing = await _hearing(request)
    return JSONResponse(
        service.draw_record(hearing),
        headers={"Content-Disposition": f'inline; filename="hearing-{hearing.id}-draw.json"'},
    )


async def ics(request: Request) -> Response:
    hearing = await _hearing(request)
    feed = calendar_feed.build([hearing], base_url=public_address(request))
    return _calendar(feed, f"hearing-{hearing.id}")


async def ics_all(request: Request) -> Response:
    hearings = await Hearing.filter(status__in=PUBLIC_STATUSES).order_by("starts_at")
    return _calendar(calendar_feed.build(hearings, base_url=public_address(request)), "hearings")


def _calendar(body: bytes, name: str) -> Response:
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.ics"'},
    )


def _render(request: Request, name: str, context: dict[str, Any], *, status_code: int = 200) -> Response:
    shared = {"stances": STANCES, "roles": ROLES, "status_label": service.status_label, "when": service.when}
    return render(request, name, {**context, **shared}, status_code=status_code)


async def report(request: Request) -> Response:
    hearing = await _hearing(request)
    if hearing.report is None or hearing.report_published_at is None:
        raise HTTPException(404, "听证报告尚未公布。")
    return attachment_response(request, hearing.report)


async def material(request: Request) -> Response:
    hearing = await _hearing(request)
    found = await HearingMaterial.get_or_none(
        id=request.path_params["material_id"], hearing=hearing
    ).prefetch_related("attachment")
    if found is None:
        raise HTTPException(404, "未找到该听证材料。")
    return attachment_response(request, found.attachment)
