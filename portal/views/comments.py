"""Public comment pages: the form (whole draft or one article), receipts, published comments, 附议,
and the published feedback report."""

from __future__ import annotations

import secrets

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from portal.models import Draft, DraftVersion, IdentityType, Moderation, Outcome, Provision, Stance
from portal.models.comments import Comment
from portal.services import comments, drafts, moderation, receipts
from portal.services.drafting import closing
from portal.services.liaison import grouped_by_district
from portal.web import flash
from portal.web.auth import ip_hash
from portal.web.errors import is_transient
from portal.web.forms import DISTRICTS, HONEYPOT, CommentForm, read_form
from portal.web.pagination import int_param
from portal.web.templating import render

PER_PAGE = 20
UNAVAILABLE = "服务暂时不可用，您的意见尚未提交，内容已保留在下方。请复制保存，或稍后重试。"


async def _draft(request: Request) -> Draft:
    draft = await drafts.get_public(request.path_params["draft_id"])
    if draft is None:
        raise HTTPException(404, "未找到该草案，可能尚未公开或编号有误。")
    return draft


async def _latest(draft: Draft) -> DraftVersion:
    version = await drafts.latest_published(draft)
    if version is None:
        raise HTTPException(404, "该草案还没有公开的文本。")
    return version


async def form_context(draft: Draft, unit: Provision | None, form: CommentForm) -> dict[str, object]:
    """What the comment form needs; templates get it both flat and as ``ctx`` for the form macro."""
    if not form.submission_key:
        form.submission_key = secrets.token_urlsafe(24)
    try:
        point_groups = await grouped_by_district()
    except Exception as exc:
        if not is_transient(exc):
            raise
        point_groups = []  # the database went away: the form still gives the text back
    context: dict[str, object] = {
        "draft": draft,
        "unit": unit,
        "form": form,
        "accepting": drafts.accepting_comments(draft),
        "notices": closing.public_notices(draft),  # closed early or withdrawn: when and why
        "stances": list(Stance),
        "identities": list(IdentityType),
        "districts": DISTRICTS,
        "point_groups": point_groups,
        "honeypot": HONEYPOT,
        "max_body": comments.MAX_BODY,
    }
    context["ctx"] = dict(context)
    return context


async def _render_form(
    request: Request, draft: Draft, unit: Provision | None, form: CommentForm, status: int
) -> Response:
    return render(request, "comments/form.html", await form_context(draft, unit, form), status_code=status)


async def comment_form(request: Request) -> Response:
    draft = await _draft(request)
    version = await _latest(draft)
    key = request.query_params.get("article", "")
    unit = await drafts.unit_by_key(version, key) if key else None
    if key and unit is None:
        raise HTTPException(404, "当前版本中没有这一条。")
    return await _render_form(request, draft, unit, CommentForm(unit_key=key), 200)


async def submit(request: Request) -> Response:
    draft = await comments.intake_draft(request.path_params["draft_id"])
    if draft is None:
        raise HTTPException(404, "未找到该草案，可能尚未公开或编号有误。")
    form = CommentForm.parse(await read_form(request))
    into = await comments.target(draft, form.unit_key)
    if into is None:
        raise HTTPException(404, "该草案还没有公开的文本。")

    async def refuse(message: str, status: int, field: str = "form") -> Response:
        form.errors[field] = message
        return await _render_form(request, draft, into.unit, form, status)

    if form.honeypot:
        return await refuse("提交未通过校验，请确认后重新提交。您填写的内容已保留。", 400)
    if not form.ok:
        return await refuse("请按提示修改后重新提交，您填写的内容已保留。", 400)
    limiter = request.app.state.rate_limiter
    visitor = ip_hash(request)
    if not (
        await limiter.allow("comment", visitor)
        and await limiter.allow("comment_draft", visitor, str(draft.id))
    ):
        return await refuse("提交过于频繁，请稍等几分钟再提交。您的意见尚未提交，内容已保留在下方。", 429)
    try:
        receipt = await comments.receive(
            draft,
            form.to_input(),
            ip_hash=visitor,
            receipt_prefix=request.app.state.settings.receipt_prefix,
            into=into,
        )
    except comments.CommentRefused as exc:
        closed = not drafts.accepting_comments(draft)
        return await refuse(str(exc), 409 if closed else 400, exc.field)
    except Exception as exc:
        if not is_transient(exc):
            raise
        response = await refuse(UNAVAILABLE, 503)
        response.headers["Retry-After"] = "30"
        response.headers["Cache-Control"] = "no-store"
        return response
    flash.add(request, "您的意见已提交。请记下回执码，可随时查询处理情况。")
    return RedirectResponse(f"/receipt?code={receipt.code}", status_code=303)


async def receipt(request: Request) -> Response:
    raw = request.query_params.get("code", "").strip()[:40]
    if not raw:
        return render(request, "comments/receipt.html", {"code": "", "comment": None})
    if not await request.app.state.rate_limiter.allow("receipt", ip_hash(request)):
        raise HTTPException(429, "查询过于频繁，请一分钟后再试。")
    comment = await comments.by_receipt(raw)
    status = 200 if comment else 404
    return render(
        request,
        "comments/receipt.html",
        {
            "code": raw,
            "comment": comment,
            "state": await receipts.receipt_state(comment) if comment else None,
            "held_notice": moderation.held_notice(comment) if comment else "",
        },
        status_code=status,
    )


def _order(request: Request) -> str:
    order = request.query_params.get("order", "newest")
    if order not in ("newest", "supported"):
        raise HTTPException(400, "参数 order 只能是 newest 或 supported。")
    return order


async def draft_comments(request: Request) -> Response:
    """Published comments of a draft: all, on the whole draft, or on one article (across versions).
    Not cached: each comment carries a 附议 form with the visitor's own CSRF token."""
    draft = await _draft(request)
    version = await _latest(draft)
    key = request.query_params.get("article", "")
    unit: Provision | None = None
    lineage: str | None = None
    if key == "whole":
        lineage = ""
    elif key:
        unit = await drafts.unit_by_key(version, key)
        if unit is None:
            raise HTTPException(404, "当前版本中没有这一条。")
        lineage = unit.lineage
    page_number = int_param(request, "page", minimum=1, maximum=100_000) or 1
    order = _order(request)
    page = await comments.public_page(
        draft, lineage=lineage, order=order, page=page_number, per_page=PER_PAGE
    )
    if page_number > page.pages:
        raise HTTPException(404, "没有这一页。")
    received = await comments.received_count(draft, lineage)
    return render(
        request,
        "comments/list.html",
        {
            "draft": draft,
            "unit": unit,
            "key": key,
            "page": page,
            "order": order,
            "received": received,
            "labels": await _unit_labels(draft),
        },
    )


async def _unit_labels(draft: Draft) -> dict[str, str]:
    labels = {"": "草案整体"}
    for version in await drafts.published_versions(draft):
        for unit in await drafts.units_of(version):
            labels[unit.lineage] = unit.label  # newest version wins
    return labels


async def support(request: Request) -> Response:
    comment = await Comment.get_or_none(id=request.path_params["comment_id"], moderation=Moderation.PUBLISHED)
    if comment is None or not comment.is_public:
        raise HTTPException(404, "未找到该意见。")
    await read_form(request)
    if not await request.app.state.rate_limiter.allow("comment", ip_hash(request)):
        raise HTTPException(429, "操作过于频繁，请稍后再试。")
    counted = await comments.support(comment, ip_hash(request))
    flash.add(
        request, "已附议该意见。" if counted else "您已附议过该意见。", "success" if counted else "info"
    )
    target = f"/drafts/{comment.draft_id}/comments?article={comment.unit_key or 'whole'}#c{comment.id}"
    return RedirectResponse(target, status_code=303)


async def feedback(request: Request) -> Response:
    draft = await _draft(request)
    if draft.feedback_published_at is None:
        return render(request, "comments/feedback.html", {"draft": draft, "report": None}, status_code=404)
    report = await comments.feedback_report(draft)
    return render(
        request, "comments/feedback.html", {"draft": draft, "report": report, "outcomes": list(Outcome)}
    )
