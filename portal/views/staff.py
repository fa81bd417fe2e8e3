"""Staff pages of the foundation: the dashboard, a liaison point's workspace, users and the audit log."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from portal.models import LiaisonPoint, Role, User
from portal.models.accounts import ROLE_LABELS
from portal.services import accounts, audit, inbox
from portal.web import flash
from portal.web.auth import client_ip, ensure_point_access, require_role, staff_user
from portal.web.forms import UserForm, read_form
from portal.web.pagination import int_param
from portal.web.templating import render

AUDIT_PAGE_SIZE = 50


@require_role()
async def dashboard(request: Request) -> Response:
    user = staff_user(request)
    point = user.liaison_point if user.has_role(Role.LIAISON) else None
    return render(
        request,
        "staff/dashboard.html",
        {
            "user": user,
            "inbox_counts": await inbox.counts(point) if point else None,
            "returned": await inbox.returned_for_reassignment(20)
            if user.has_role(Role.LEGISLATOR, Role.ADMIN)
            else [],
        },
    )


@require_role(Role.LIAISON, Role.ADMIN)
async def point_workspace(request: Request) -> Response:
    point = await LiaisonPoint.get_or_none(code=request.path_params["code"])
    if point is None:
        raise HTTPException(404, "未找到该联系点。")
    ensure_point_access(staff_user(request), point)
    staff = await User.filter(liaison_point=point, active=True).order_by("username")
    return render(request, "staff/point.html", {"point": point, "staff": staff})


def _users_page(request: Request, form: UserForm, points: list[LiaisonPoint], users: list[User]) -> Response:
    return render(
        request,
        "staff/users.html",
        {"form": form, "points": points, "users": users, "role_labels": ROLE_LABELS},
        status_code=200 if form.ok else 400,
    )


@require_role(Role.ADMIN)
async def users(request: Request) -> Response:
    points = await LiaisonPoint.all().order_by("sort_order", "code")
    return _users_page(request, UserForm(), points, await accounts.list_users())


@require_role(Role.ADMIN)
async def create_user(request: Request) -> Response:
    form = UserForm.parse(await read_form(request))
    points = await LiaisonPoint.all().order_by("sort_order", "code")
    point = next((p for p in points if p.code == form.point_code), None)
    if form.point_code and point is None:
        form.errors["point_code"] = "请选择有效的联系点。"
    if form.ok:
        try:
            user = await accounts.create_user(
                username=form.username,
                display_name=form.display_name,
                password=form.password,
                roles=form.roles,
                liaison_point=point,
                organisation=form.organisation,
                actor=staff_user(request),
                ip=client_ip(request),
            )
        except accounts.AccountError as exc:
            form.errors["form"] = str(exc)
        else:
            flash.add(request, f"已创建账号 {user.username}。")
            return RedirectResponse("/staff/users", status_code=303)
    form.password = ""
    return _users_page(request, form, points, await accounts.list_users())


@require_role(Role.ADMIN)
async def set_user_active(request: Request) -> Response:
    target = await User.get_or_none(id=request.path_params["user_id"])
    if target is None:
        raise HTTPException(404, "未找到该用户。")
    form = await read_form(request)
    active = form.get("active") == "1"
    try:
        await accounts.set_active(target, active, actor=staff_user(request), ip=client_ip(request))
    except accounts.AccountError as exc:
        flash.add(request, str(exc), "error")
    else:
        flash.add(request, f"已{'启用' if active else '停用'}账号 {target.username}。")
    return RedirectResponse("/staff/users", status_code=303)


@require_role(Role.ADMIN)
async def audit_log(request: Request) -> Response:
    before = int_param(request, "before", minimum=1)
    action = request.query_params.get("action", "")[:64]
    events = await audit.recent(limit=AUDIT_PAGE_SIZE + 1, before_id=before, action=action)
    more = len(events) > AUDIT_PAGE_SIZE
    events = events[:AUDIT_PAGE_SIZE]
    return render(
        request,
        "staff/audit.html",
        {"events": events, "action": action, "next_before": events[-1].id if more else None},
    )
