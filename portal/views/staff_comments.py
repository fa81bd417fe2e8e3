"""Staff work on comments: the per-draft list with bulk outcomes, one comment's detail (outcome,
reassignment, history), the feedback report, and pre-moderation (queue and sensitive words)."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from portal.models import (
    AuditEvent,
    Comment,
    Draft,
    LiaisonPoint,
    Moderation,
    Outcome,
    PublicProposal,
    Role,
    SensitiveWord,
    Stance,
    User,
)
from portal.services import comments, decisions, drafts, masking, moderation
from portal.services.masking import mask_phone
from portal.services.paging import page_count
from portal.web import flash
from portal.web.auth import client_ip, require_role, staff_user
from portal.web.forms import column_text, ids, read_form, text, whole_number
from portal.web.pagination import int_param
from portal.web.templating import render

LEGISLATIVE = (Role.LEGISLATOR, Role.ADMIN)
MODERATORS = (Role.MODERATOR, Role.ADMIN)
PER_PAGE = 50


def _selected(form: FormData) -> list[int]:
    return ids(form.getlist("ids"), limit=1000)


async def _draft(request: Request) -> Draft:
    draft = await Draft.get_or_none(id=request.path_params["draft_id"])
    if draft is None:
        raise HTTPException(404, "未找到该草案。")
    return draft


# --- per-draft list with bulk outcomes ------------------------------------------------------------


@require_role(*LEGISLATIVE)
async def draft_comments(request: Request) -> Response:
    draft = await _draft(request)
    query = Comment.filter(draft=draft)
    params = request.query_params
    outcome = params.get("outcome", "")
    if outcome == "undecided":
        query = query.filter(outcome__isnull=True)
    elif outcome in {o.value for o in Outcome}:
        query = query.filter(outcome=outcome)
    if params.get("stance", "") in {s.value for s in Stance}:
        query = query.filter(stance=params["stance"])
    if params.get("moderation", "") in {m.value for m in Moderation}:
        query = query.filter(moderation=params["moderation"])
    cluster = params.get("cluster", "")[:32]
    if cluster:
        query = query.filter(cluster_id=cluster)
    article = params.get("article", "")[:32]
    version = await drafts.latest_published(draft)
    units = await drafts.units_of(version) if version else []
    if article == "whole":
        query = query.filter(lineage="")
    elif article:
        unit = next((u for u in units if u.key == article), None)
        if unit is None:
            raise HTTPException(400, "参数 article 无效。")
        query = query.filter(lineage=unit.lineage)
    page = int_param(request, "page", minimum=1, maximum=100_000) or 1
    total = await query.count()
    rows = (
        await query.order_by("-id")
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
        .select_related("liaison_point")
    )
    labels = {u.lineage: u.label for u in units}
    filters = urlencode([(k, v) for k, v in params.items() if k != "page" and v])
    return render(
        request,
        "staff/comments/draft.html",
        {
            "draft": draft,
            "rows": rows,
            "total": total,
            "page": page,
            "pages": page_count(total, PER_PAGE),
            "filters": filters,
            "params": params,
            "units": units,
            "labels": labels,
            "outcomes": list(Outcome),
            "stances": list(Stance),
            "moderations": list(Moderation),
            "mask_phone": mask_phone,
            "status": drafts.effective_status(draft),
        },
    )


def _outcome_input(form: FormData) -> comments.OutcomeInput:
    raw = text(form, "outcome", max_length=32)
    if raw not in {o.value for o in Outcome}:
        raise comments.CommentRefused("请选择处理结果。", "outcome")
    later = text(form, "later_unit_key", max_length=32)
    return comments.OutcomeInput(
        outcome=Outcome(raw),
        reason=text(form, "reason", max_length=2000),
        later_unit_key=later,
        later_version_number=whole_number(text(form, "later_version_number", max_length=6), minimum=1),
    )


@require_role(*LEGISLATIVE)
async def bulk_outcome(request: Request) -> Response:
    draft = await _draft(request)
    form = await read_form(request)
    selected = await Comment.filter(draft=draft, id__in=_selected(form))
    back = text(form, "back", max_length=500)
    try:
        count = await comments.set_outcome(
            selected, _outcome_input(form), actor=staff_user(request), ip=client_ip(request)
        )
    except comments.CommentRefused as exc:
        flash.add(request, str(exc), "error")
    else:
        flash.add(request, f"已为 {count} 条意见设定处理结果。")
    target = (
        back
        if back.startswith(f"/staff/drafts/{draft.id}/comments")
        else f"/staff/drafts/{draft.id}/comments"
    )
    return RedirectResponse(target, status_code=303)


# --- one comment ----------------------------------------------------------------------------------


async def _comment_for(request: Request, user: User) -> Comment:
    comment = await Comment.get_or_none(id=request.path_params["comment_id"]).select_related(
        "draft", "version", "provision", "liaison_point"
    )
    if comment is None:
        raise HTTPException(404, "未找到该意见。")
    if user.has_role(Role.ADMIN, Role.LEGISLATOR, Role.MODERATOR):
        return comment
    if user.has_role(Role.LIAISON) and user.liaison_point_id == comment.liaison_point_id:
        return comment
    raise HTTPException(404, "未找到该意见。")  # another point's comment does not exist for this user


def _can_reassign(user: User, comment: Comment) -> bool:
    return user.has_role(Role.ADMIN, Role.LEGISLATOR) or (
        user.has_role(Role.LIAISON) and user.liaison_point_id == comment.liaison_point_id
    )


@require_role(Role.LIAISON, Role.LEGISLATOR, Role.MODERATOR, Role.ADMIN)
async def comment_detail(request: Request) -> Response:
    user = staff_user(request)
    comment = await _comment_for(request, user)
    # Moderators judge the text; only the people who answer the commenter see who it is.
    can_see_contact = masking.may_reveal(user, comment.liaison_point_id)
    show_contact = can_see_contact and request.query_params.get("contact") == "1"
    if show_contact:
        # Seeing a commenter's full contact details is itself an audited act.
        await AuditEvent.create(
            actor=user,
            actor_name=user.username,
            action="comment_contact_viewed",
            object_type="comment",
            object_id=str(comment.id),
            ip=client_ip(request)[:64],
        )
    history = await AuditEvent.filter(object_type="comment", object_id=str(comment.id)).order_by("id")
    later_versions = [
        v for v in await drafts.published_versions(comment.draft) if v.number > comment.version.number
    ]
    return render(
        request,
        "staff/comments/detail.html",
        {
            "comment": comment,
            "history": history,
            "show_contact": show_contact,
            "can_see_contact": can_see_contact,
            "mask_phone": mask_phone,
            "outcomes": list(Outcome),
            "points": await LiaisonPoint.filter(active=True).order_by("sort_order"),
            "can_decide": user.has_role(*LEGISLATIVE),
            "can_moderate": user.has_role(*MODERATORS),
            "can_reassign": _can_reassign(user, comment),
            "hide_reasons": moderation.HIDE_REASONS,
            "flag_labels": moderation.FLAG_LABELS,
            "later_versions": later_versions,
        },
    )


@require_role(*LEGISLATIVE)
async def comment_outcome(request: Request) -> Response:
    user = staff_user(request)
    comment = await _comment_for(request, user)
    form = await read_form(request)
    try:
        await comments.set_outcome([comment], _outcome_input(form), actor=user, ip=client_ip(request))
    except comments.CommentRefused as exc:
        flash.add(request, str(exc), "error")
    else:
        flash.add(request, "已设定处理结果。")
    return RedirectResponse(f"/staff/comments/{comment.id}", status_code=303)


@require_role(Role.LIAISON, Role.LEGISLATOR, Role.ADMIN)
async def comment_reassign(request: Request) -> Response:
    user = staff_user(request)
    comment = await _comment_for(request, user)
    if not _can_reassign(user, comment):
        raise HTTPException(403, "您不能改派这条意见。")
    form = await read_form(request)
    point = await LiaisonPoint.get_or_none(
        code=column_text(form, "point_code", LiaisonPoint, "code"), active=True
    )
    if point is None:
        flash.add(request, "请选择要改派到的联系点。", "error")
        return RedirectResponse(f"/staff/comments/{comment.id}", status_code=303)
    try:
        await comments.reassign(
            comment, point, text(form, "reason", max_length=500), actor=user, ip=client_ip(request)
        )
    except comments.CommentRefused as exc:
        flash.add(request, str(exc), "error")
        return RedirectResponse(f"/staff/comments/{comment.id}", status_code=303)
    flash.add(request, f"已改派至{point.name}。")
    # A liaison user who gave the comment away can no longer open it.
    target = f"/staff/comments/{comment.id}" if _can_reassign(user, comment) else "/staff/"
    return RedirectResponse(target, status_code=303)


# --- the feedback report --------------------------------------------------------------------------


@require_role(*LEGISLATIVE)
async def feedback_page(request: Request) -> Response:
    draft = await _draft(request)
    return render(
        request,
        "staff/comments/feedback.html",
        {
            "draft": draft,
            "report": await comments.feedback_report(draft),
            "outcomes": list(Outcome),
            "status": drafts.effective_status(draft),
            "error": "",
            "summary": draft.feedback_summary,
        },
    )


@require_role(*LEGISLATIVE)
async def publish_feedback(request: Request) -> Response:
    draft = await _draft(request)
    form = await read_form(request)
    summary = text(form, "summary", max_length=20_000)
    try:
        await comments.publish_feedback(draft, summary, actor=staff_user(request), ip=client_ip(request))
    except comments.CommentRefused as exc:
        return render(
            request,
            "staff/comments/feedback.html",
            {
                "draft": draft,
                "report": await comments.feedback_report(draft),
                "outcomes": list(Outcome),
                "status": drafts.effective_status(draft),
                "error": str(exc),
                "summary": summary,
            },
            status_code=400,
        )
    flash.add(request, "意见采纳情况说明已公布，意见人可凭回执码查看处理结果。")
    return RedirectResponse(f"/drafts/{draft.id}/feedback", status_code=303)


# --- moderation -----------------------------------------------------------------------------------


@require_role(*MODERATORS)
async def moderation_queue(request: Request) -> Response:
    state = request.query_params.get("state", "pending")
    if state not in ("pending", "hidden"):
        raise HTTPException(400, "参数 state 只能是 pending 或 hidden。")
    page = int_param(request, "page", minimum=1, maximum=100_000) or 1
    query = Comment.filter(moderation=state)
    total = await query.count()
    rows = (
        await query.order_by("id" if state == "pending" else "-moderated_at")
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
        .select_related("draft")
    )
    return render(
        request,
        "staff/comments/moderation.html",
        {
            "rows": rows,
            "state": state,
            "total": total,
            "page": page,
            "pages": page_count(total, PER_PAGE),
            "hide_reasons": moderation.HIDE_REASONS,
            "flag_labels": moderation.FLAG_LABELS,
            "proposals": await PublicProposal.filter(moderation=state)
            .order_by("id")
            .limit(PER_PAGE)
            .select_related("decision"),
        },
    )


@require_role(*MODERATORS)
async def moderate(request: Request) -> Response:
    form = await read_form(request)
    proposal_ids = ids(form.getlist("proposal_ids"), limit=500)
    if proposal_ids:
        try:
            n = await decisions.moderate_proposals(
                proposal_ids,
                text(form, "action", max_length=16),
                actor=staff_user(request),
                ip=client_ip(request),
            )
        except decisions.DecisionError as exc:
            flash.add(request, str(exc), "error")
        else:
            flash.add(request, f"已处理 {n} 条建议。")
        return RedirectResponse("/staff/moderation", status_code=303)
    action = text(form, "action", max_length=16)
    selected = await Comment.filter(id__in=_selected(form))
    if not selected:
        flash.add(request, "请至少选择一条意见。", "error")
    else:
        reason = text(form, "reason", max_length=100)
        if reason and reason not in moderation.HIDE_REASONS:
            reason = ""
        try:
            count = await moderation.decide(
                selected,
                action,
                actor=staff_user(request),
                ip=client_ip(request),
                reason=reason,
                note=text(form, "note", max_length=1000),
            )
        except moderation.ModerationError as exc:
            flash.add(request, str(exc), "error")
        else:
            flash.add(request, f"已处理 {count} 条意见。")
    back = text(form, "back", max_length=200)
    return RedirectResponse(back if back.startswith("/staff/") else "/staff/moderation", status_code=303)


@require_role(*MODERATORS)
async def words(request: Request) -> Response:
    return render(
        request,
        "staff/comments/words.html",
        {
            "words": await SensitiveWord.all().order_by("word"),
            "can_edit": staff_user(request).has_role(Role.ADMIN),
        },
    )


@require_role(Role.ADMIN)
async def words_update(request: Request) -> Response:
    form = await read_form(request)
    user = staff_user(request)
    remove = whole_number(text(form, "remove", max_length=12), minimum=1)
    if remove is not None:
        await moderation.remove_word(remove, actor=user, ip=client_ip(request))
        flash.add(request, "已删除该敏感词。")
    else:
        raw = text(form, "words", max_length=5000)
        added = await moderation.add_words(
            raw.replace("，", "\n").replace(",", "\n").splitlines(), actor=user, ip=client_ip(request)
        )
        flash.add(
            request,
            f"已添加 {added} 个敏感词。" if added else "没有新增敏感词。",
            "success" if added else "info",
        )
    return RedirectResponse("/staff/moderation/words", status_code=303)
