"""The legislators' digest page, outcomes set from it, and the exports staff hand around."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response, StreamingResponse

from portal import columns
from portal.models import Comment, Draft, Outcome, Role
from portal.services import comments, drafts, masking
from portal.services.digest import build, export, worker
from portal.views.inbox import point_for
from portal.web import flash
from portal.web.auth import client_ip, require_role, staff_user
from portal.web.forms import read_form, text
from portal.web.templating import render

LEGISLATIVE = (Role.LEGISLATOR, Role.ADMIN)
DigestRunner = Callable[[int], Awaitable[None]]


def background_runner(environment: dict[str, str]) -> DigestRunner:
    """After a refresh was queued: leave it to the digest worker when one is alive; otherwise run it in
    a separate process (the web process stays responsive, and the run survives it)."""

    async def run(draft_id: int) -> None:
        if await worker.alive():
            return
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "portal",
            "digest",
            str(draft_id),
            env={**os.environ, **environment},
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
            start_new_session=True,
        )

    return run


async def _draft(request: Request) -> Draft:
    draft = await Draft.get_or_none(id=request.path_params["draft_id"])
    if draft is None:
        raise HTTPException(404, "未找到该草案。")
    return draft


async def start_refresh(request: Request, draft: Draft) -> bool:
    if not await build.queue(draft.id):
        return False
    runner: DigestRunner = request.app.state.digest_runner
    await runner(draft.id)
    return True


@require_role(Role.LIAISON, Role.LEGISLATOR, Role.ADMIN)
async def page(request: Request) -> Response:
    user = staff_user(request)
    draft = await _draft(request)
    point = None
    if not user.has_role(*LEGISLATIVE):
        # A liaison user sees their own point's share, computed on the spot (it is small).
        point = await point_for(request, user)
        data = await build.compute(draft, point_id=point.id)
        snap = None
    else:
        snap = await build.snapshot(draft.id)
        if snap.status not in build.BUSY and await build.is_stale(draft.id, snap):
            await start_refresh(request, draft)
            snap = await build.snapshot(draft.id)
        data = snap.data
    return render(
        request,
        "staff/digest.html",
        {
            "draft": draft,
            "data": data,
            "snap": snap,
            "point": point,
            "can_decide": user.has_role(*LEGISLATIVE),
            "can_reveal": masking.may_reveal(user),
            "outcomes": list(Outcome),
            "heat": build.heat,
            "peak": max((a["count"] for a in data.get("by_article", [])), default=0),
            "per_day": build.per_day_series(data.get("per_day", {})),
            "district_rows": _rows_of(data.get("by_district", {}), suffix="区"),
            "point_rows": _rows_of(data.get("by_point", {}))[:10],
        },
    )


def _rows_of(counts: dict[str, int], suffix: str = "") -> list[dict[str, Any]]:
    rows = [{"label": f"{k}{suffix}" if k else "未填写", "count": n} for k, n in counts.items()]
    return sorted(rows, key=lambda r: -int(r["count"]))


@require_role(*LEGISLATIVE)
async def refresh(request: Request) -> Response:
    draft = await _draft(request)
    await read_form(request)
    started = await start_refresh(request, draft)
    flash.add(request, "已开始重新汇总，完成后页面会自动更新。" if started else "汇总正在进行中。", "info")
    return RedirectResponse(f"/staff/drafts/{draft.id}/digest", status_code=303)


@require_role(*LEGISLATIVE)
async def outcome(request: Request) -> Response:
    """Set one outcome for every comment of an article or of a form-letter group."""
    draft = await _draft(request)
    form = await read_form(request)
    target = text(form, "target", max_length=64)
    kind, _, value = target.partition(":")
    query = Comment.filter(draft=draft)
    if kind == "cluster" and value and columns.fits(Comment, "cluster_id", value):
        query = query.filter(cluster_id=value)
    elif kind == "article":
        if value == "whole":
            query = query.filter(lineage="")
        else:
            version = await drafts.latest_published(draft)
            unit = await drafts.unit_by_key(version, value) if version else None
            if unit is None:
                raise HTTPException(400, "参数 target 无效。")
            query = query.filter(lineage=unit.lineage)
    else:
        raise HTTPException(400, "参数 target 无效。")
    raw = text(form, "outcome", max_length=32)
    if raw not in {o.value for o in Outcome}:
        flash.add(request, "请选择处理结果。", "error")
        return RedirectResponse(f"/staff/drafts/{draft.id}/digest", status_code=303)
    ids = await query.values_list("id", flat=True)
    try:
        n = await comments.set_outcome_bulk(
            draft,
            [int(i) for i in ids],  # type: ignore[call-overload]
            comments.OutcomeInput(Outcome(raw), text(form, "reason", max_length=2000)),
            actor=staff_user(request),
            ip=client_ip(request),
            scope=target,
        )
    except comments.CommentRefused as exc:
        flash.add(request, str(exc), "error")
    else:
        flash.add(request, f"已为 {n} 条意见设定“{Outcome(raw).label}”。")
    return RedirectResponse(f"/staff/drafts/{draft.id}/digest", status_code=303)


# --- exports --------------------------------------------------------------------------------------


def _attachment(name: str) -> dict[str, str]:
    return {
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
        "Cache-Control": "private, no-store",
    }


async def _digest_data(draft: Draft) -> dict[str, Any]:
    snap = await build.snapshot(draft.id)
    if snap.computed_at is None:
        snap = await build.refresh(draft)
    return snap.data


async def _opinions_xlsx(request: Request, *, with_contacts: bool) -> Response:
    draft = await _draft(request)
    data = await export.opinions_xlsx(
        draft,
        await _digest_data(draft),
        with_contacts=with_contacts,
        actor=staff_user(request),
        ip=client_ip(request),
    )
    suffix = "（含联系方式）" if with_contacts else ""
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers=_attachment(f"{draft.title}-意见汇总表{suffix}.xlsx"),
    )


@require_role(*LEGISLATIVE)
async def export_xlsx(request: Request) -> Response:
    """The 意见汇总表 as staff hand it around: what was said, never who said it nor their contacts."""
    return await _opinions_xlsx(request, with_contacts=False)


@require_role(*LEGISLATIVE)
async def export_xlsx_contacts(request: Request) -> Response:
    """The same table with each commenter's name, phone and e-mail, for those who may reveal them."""
    if not masking.may_reveal(staff_user(request)):
        raise HTTPException(403, "您无权导出意见人的联系方式。")
    return await _opinions_xlsx(request, with_contacts=True)


@require_role(*LEGISLATIVE)
async def export_docx(request: Request) -> Response:
    draft = await _draft(request)
    data = await export.report_docx(
        draft, await _digest_data(draft), actor=staff_user(request), ip=client_ip(request)
    )
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers=_attachment(f"{draft.title}-意见汇总报告.docx"),
    )


@require_role(*LEGISLATIVE)
async def export_csv(request: Request) -> Response:
    draft = await _draft(request)
    return StreamingResponse(
        await export.comments_csv(draft, actor=staff_user(request), ip=client_ip(request)),
        media_type="text/csv; charset=utf-8",
        headers=_attachment(f"{draft.title}-意见.csv"),
    )


@require_role(*LEGISLATIVE)
async def export_json(request: Request) -> Response:
    draft = await _draft(request)
    return StreamingResponse(
        await export.comments_json(draft, actor=staff_user(request), ip=client_ip(request)),
        media_type="application/json; charset=utf-8",
        headers=_attachment(f"{draft.title}-意见.json"),
    )
