"""Personal-data requests for admins: a copy of what is held about a person, or its erasure
(个人信息保护法 arts 45, 47). Erasure takes two posts: the first shows what would change."""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from portal.models import Role
from portal.services import personal_data
from portal.web import flash
from portal.web.auth import client_ip, require_role, staff_user
from portal.web.forms import PersonalDataForm, checkbox, read_form
from portal.web.templating import render

COUNT_LABELS = {
    "comments": "意见",
    "hearing_registrations": "听证报名",
    "public_proposals": "公众建议",
    "outbox_messages": "通知",
}


def _form_page(
    request: Request, form: PersonalDataForm, *, status_code: int = 200, notice: str = ""
) -> Response:
    return render(
        request, "staff/personal_data.html", {"form": form, "notice": notice}, status_code=status_code
    )


def _secret(request: Request) -> str:
    secret: str = request.app.state.settings.secret_key
    return secret


@require_role(Role.ADMIN)
async def index(request: Request) -> Response:
    return _form_page(request, PersonalDataForm())


@require_role(Role.ADMIN)
async def export(request: Request) -> Response:
    form = PersonalDataForm.parse(await read_form(request))
    if form.subject is None:
        return _form_page(request, form, status_code=400)
    data = await personal_data.export(
        form.subject, secret=_secret(request), actor=staff_user(request), ip=client_ip(request)
    )
    return Response(
        json.dumps(data, ensure_ascii=False, indent=1),
        media_type="application/json; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="personal-data.json"',
            "Cache-Control": "no-store",
        },
    )


@require_role(Role.ADMIN)
async def erase(request: Request) -> Response:
    raw = await read_form(request)
    form = PersonalDataForm.parse(raw)
    subject = form.subject
    if subject is None:
        return _form_page(request, form, status_code=400)
    confirming = raw.get("step") == "confirm"
    if confirming and checkbox(raw, "confirm"):
        counts = await personal_data.erase(
            subject, secret=_secret(request), actor=staff_user(request), ip=client_ip(request)
        )
        summary = "、".join(f"{COUNT_LABELS[k]} {n} 条" for k, n in counts.items() if n)
        flash.add(request, f"已匿名化{subject.label} {subject.masked} 的个人信息：{summary}。")
        return RedirectResponse("/staff/personal-data", status_code=303)
    found = await personal_data.find(subject)
    if not found.total:
        return _form_page(request, form, notice=f"没有找到含有该{subject.label}的记录，无需删除。")
    return render(
        request,
        "staff/personal_data_confirm.html",
        {
            "form": form,
            "subject": subject,
            "changes": personal_data.plan(found),
            "error": "请勾选确认框后再提交。" if confirming else "",
        },
        status_code=400 if confirming else 200,
    )
