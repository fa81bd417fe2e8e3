"""Staff pages of the legality-review desk: the desk with its running clocks, the submission form, a
review with its documents and the opinion form, and the monthly dashboard."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from tortoise.timezone import now

from portal.models import LegalityReview, Opinion, Role, Urgency
from portal.services import files, reviews
from portal.services.calendar import LOCAL_TZ
from portal.services.reviews import ReviewError
from portal.web import flash
from portal.web.auth import client_ip, require_role, staff_user
from portal.web.forms import read_form, text, whole_number
from portal.web.pagination import int_param
from portal.web.templating import render
from portal.web.uploads import Received, attachment_response, receive_one_file

DESK = (Role.LEGISLATOR, Role.REVIEWER, Role.ADMIN)
PAGE_SIZE = 20
FORM_FIELDS = ("title", "submitting_body", "urgency", "decision_id", "library_number")
OPINION_FIELDS = ("opinion", "reasons", "articles")


async def _review(request: Request) -> LegalityReview:
    review = await reviews.get(request.path_params["review_id"])
    if review is None:
        raise HTTPException(404, "未找到该审查件。")
    return review


def _back(review: LegalityReview, anchor: str = "") -> RedirectResponse:
    return RedirectResponse(f"/staff/reviews/{review.id}{anchor}", status_code=303)


@require_role(*DESK)
async def index(request: Request) -> Response:
    page = int_param(request, "page", minimum=1, maximum=100_000) or 1
    moment = now()
    open_rows = await reviews.open_reviews()
    closed, pages = await reviews.closed_reviews(page=page, per_page=PAGE_SIZE)
    return render(
        request,
        "staff/reviews/index.html",
        {
            "open_rows": [(r, reviews.clock(r, moment)) for r in open_rows],
            "closed_rows": [(r, reviews.clock(r, moment)) for r in closed],
            "page": page,
            "pages": pages,
        },
    )


def _new(
    request: Request,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "staff/reviews/new.html",
        {
            "errors": errors or {},
            "values": values or {"urgency": Urgency.NORMAL.value},
            "urgencies": list(Urgency),
            "normal_days": request.app.state.settings.review_normal_working_days,
            "max_file_mb": request.app.state.settings.max_upload_bytes // (1024 * 1024),
        },
        status_code=status,
    )


@require_role(*DESK)
async def new(request: Request) -> Response:
    return _new(request)


def _values(form: Received, names: tuple[str, ...]) -> dict[str, str]:
    return {name: form.get(name).strip()[:20_000] for name in names}


@require_role(*DESK)
async def create(request: Request) -> Response:
    settings = request.app.state.settings
    form, refusal = await receive_one_file(request)
    values = _values(form, FORM_FIELDS)
    decision_id = whole_number(values["decision_id"], minimum=1)
    if values["decision_id"] and decision_id is None:
        files.discard(form.files)
        return _new(request, errors={"decision_id": "决策事项编号须为数字。"}, values=values, status=400)
    try:
        review = await reviews.submit(
            reviews.ReviewInput(
                title=values["title"],
                submitting_body=values["submitting_body"],
                urgency=values["urgency"],
                decision_id=decision_id,
                library_number=values["library_number"],
            ),
            [] if refusal else form.files,
            actor=staff_user(request),
            ip=client_ip(request),
            upload_dir=settings.upload_dir,
            normal_days=settings.review_normal_working_days,
            file_error=refusal,
        )
    except ReviewError as exc:
        files.discard(form.files)
        return _new(request, errors=exc.errors, values=values, status=400)
    except BaseException:
        files.discard(form.files)
        raise
    flash.add(request, f"已登记，计时开始；办理时限：{review.due_at.astimezone(LOCAL_TZ):%Y-%m-%d %H:%M}。")
    return _back(review)


async def _detail(
    request: Request,
    review: LegalityReview,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    context: dict[str, Any] = {
        "review": review,
        "clock": reviews.clock(review, now()),
        "opinions": list(Opinion),
        "errors": errors or {},
        "values": values or {},
    }
    return render(request, "staff/reviews/detail.html", context, status_code=status)


@require_role(*DESK)
async def detail(request: Request) -> Response:
    return await _detail(request, await _review(request))


@require_role(*DESK)
async def start(request: Request) -> Response:
    review = await _review(request)
    await read_form(request)
    try:
        note = await reviews.start_review(review, actor=staff_user(request), ip=client_ip(request))
    except ReviewError as exc:
        flash.add(request, str(exc), "error")
        return _back(review)
    flash.add(request, "已开始审查。")
    if note:
        flash.add(request, f"关联决策事项的合法性审查环节未更新：{note}", "warning")
    return _back(review)


@require_role(*DESK)
async def opinion(request: Request) -> Response:
    review = await _review(request)
    settings = request.app.state.settings
    form, refusal = await receive_one_file(request)
    values = _values(form, OPINION_FIELDS)
    try:
        done = await reviews.record_opinion(
            review,
            reviews.OpinionInput(values["opinion"], values["reasons"], values["articles"]),
            [] if refusal else form.files,
            actor=staff_user(request),
            ip=client_ip(request),
            upload_dir=settings.upload_dir,
            # The reply letter is optional: the helper's refusal counts only when a file was sent.
            file_error=refusal if form.files else "",
        )
    except ReviewError as exc:
        files.discard(form.files)
        return await _detail(request, review, errors=exc.errors, values=values, status=400)
    except BaseException:
        files.discard(form.files)
        raise
    flash.add(
        request, f"审查意见“{done.review.opinion.label if done.review.opinion else ''}”已记录，本件办结。"
    )
    if done.step_note:
        flash.add(request, f"关联决策事项的合法性审查环节未标记为完成：{done.step_note}", "warning")
    return _back(review)


@require_role(*DESK)
async def send_back(request: Request) -> Response:
    review = await _review(request)
    form = await read_form(request)
    reason = text(form, "return_reason", max_length=20_000)
    try:
        await reviews.return_review(review, reason, actor=staff_user(request), ip=client_ip(request))
    except ReviewError as exc:
        return await _detail(request, review, errors=exc.errors, values={"return_reason": reason}, status=400)
    flash.add(request, "已退回送审单位。")
    return _back(review)


@require_role(*DESK)
async def download(request: Request) -> Response:
    review = await _review(request)
    which = request.path_params["which"]
    attachment = review.document if which == "document" else review.reply if which == "reply" else None
    if attachment is None:
        raise HTTPException(404, "未找到该文件。")
    return attachment_response(request, attachment, private=True)


@require_role(*DESK)
async def dashboard(request: Request) -> Response:
    figures = await reviews.monthly_figures(now())
    return render(
        request,
        "staff/reviews/dashboard.html",
        {"figures": figures, "normal_days": request.app.state.settings.review_normal_working_days},
    )
