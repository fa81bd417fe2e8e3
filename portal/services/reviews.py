"""The legality-review desk (合法性审查): deadlines from the urgency, the running clock, submission,
review and opinion, and the monthly figures. No HTTP here; every write is audited.

Deadlines: an urgent review (紧急) is due one hour after receipt, by the wall clock; a complex one
(复杂, for urgent complex documents) at the end of the first working day after the day of receipt; a
normal one (一般) at the end of the Nth working day after it (N from REVIEW_NORMAL_WORKING_DAYS).
Weekends and public holidays are skipped, adjusted weekend working days count (services.calendar).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from tortoise.expressions import Q
from tortoise.timezone import now as utc_now
from tortoise.transactions import in_transaction

from portal import columns
from portal.models import (
    OPEN_STATUSES,
    DecisionStatus,
    LegalityReview,
    NormativeDocument,
    Opinion,
    ProcedureStep,
    ReviewStatus,
    StepKind,
    StepState,
    Urgency,
    User,
)
from portal.services import audit, files
from portal.services import decisions as decisions_service
from portal.services.calendar import LOCAL_TZ, add_working_days, end_of_day, local_date
from portal.services.paging import page_count

URGENT_HOURS = 1
COMPLEX_WORKING_DAYS = 1
# What a policy document and a reply letter may be: the upload helpers' PDF and Word types.
DOCUMENT_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (.docx)",
}


class ReviewError(ValueError):
    """Refused; ``errors`` maps each form field to its Chinese message (the first is the message)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(next(iter(errors.values())))
        self.errors = errors


# --- deadlines and the clock (pure) ----------------------------------------------------------------


def due_at(received_at: datetime, urgency: Urgency, *, normal_days: int) -> datetime:
    """When a review received at ``received_at`` must be finished."""
    if urgency == Urgency.URGENT:
        return received_at + timedelta(hours=URGENT_HOURS)
    days = COMPLEX_WORKING_DAYS if urgency == Urgency.COMPLEX else normal_days
    return end_of_day(add_working_days(local_date(received_at), days))


def hours_minutes(span: timedelta) -> str:
    """A duration as 小时 and 分, minutes rounded down: 1小时05分, 0小时12分, 27小时00分."""
    minutes = max(0, int(span.total_seconds()) // 60)
    return f"{minutes // 60}小时{minutes % 60:02d}分"


@dataclass(frozen=True)
class Clock:
    """Where a review stands against its deadline at one moment (or when it was finished)."""

    elapsed: timedelta  # since receipt, up to now or to completion
    remaining: timedelta  # negative once past the deadline
    finished: bool

    @property
    def overdue(self) -> bool:
        return self.remaining < timedelta(0)

    @property
    def within_target(self) -> bool:
        return not self.overdue

    @property
    def elapsed_text(self) -> str:
        return f"{'用时' if self.finished else '已用时'} {hours_minutes(self.elapsed)}"

    @property
    def remaining_text(self) -> str:
        if self.finished:
            if self.overdue:
                return f"超过时限 {hours_minutes(-self.remaining)} 办结"
            return "在时限内办结"
        if self.overdue:
            return f"超时 {hours_minutes(-self.remaining)}"
        return f"剩余 {hours_minutes(self.remaining)}"


def clock(review: LegalityReview, now: datetime) -> Clock:
    """The clock of a review: running until it is completed or returned, then stopped there."""
    finished = review.completed_at is not None and not review.is_open
    end = review.completed_at if finished and review.completed_at is not None else now
    return Clock(elapsed=end - review.received_at, remaining=review.due_at - end, finished=finished)


def is_overdue(review: LegalityReview, now: datetime) -> bool:
    return review.is_open and now > review.due_at


# --- submission -----------------------------------------------------------------------------------


@dataclass
class ReviewInput:
    title: str
    submitting_body: str
    urgency: str
    decision_id: int | None = None  # link to this decision's legality-review step
    library_number: str = ""  # link to a library document by its unified number


@dataclass
class _Links:
    step: ProcedureStep | None = None
    document: NormativeDocument | None = None
    errors: dict[str, str] = field(default_factory=dict)


async def _links(data: ReviewInput) -> _Links:
    links = _Links()
    if data.decision_id is not None:
        links.step = await ProcedureStep.get_or_none(
            decision_id=data.decision_id, kind=StepKind.LEGALITY_REVIEW
        ).select_related("decision")
        if links.step is None:
            links.errors["decision_id"] = "未找到该编号的重大行政决策事项。"
        elif links.step.decision.status == DecisionStatus.WITHDRAWN:
            links.errors["decision_id"] = "该决策事项已调出目录，不能关联。"
    if data.library_number:
        links.document = await columns.find(NormativeDocument, unified_number=data.library_number)
        if links.document is None:
            links.errors["library_number"] = "未找到该统一编号的规范性文件。"
    return links


def check_document(staged: list[files.StagedFile], name: str) -> str:
    """ "" when the staged file (content type already detected) is a PDF or Word file, else why not."""
    if not staged:
        return ""
    refused = [s.original_name for s in staged if s.content_type not in DOCUMENT_TYPES]
    if refused:
        return f"“{refused[0]}”：{name}只接受 {'、'.join(DOCUMENT_TYPES.values())} 文件。"
    return ""


async def submit(
    data: ReviewInput,
    staged: list[files.StagedFile],
    *,
    actor: User,
    ip: str,
    upload_dir: Path,
    normal_days: int,
    now: datetime | None = None,
    file_error: str = "",
) -> LegalityReview:
    """Register a document sent for review; the clock starts at ``now``.

    ``staged`` holds the document, its type already checked by the upload helpers (their refusal, if
    any, comes in ``file_error``). The caller discards the staged file when this raises.
    """
    errors: dict[str, str] = {}
    title, body = data.title.strip(), data.submitting_body.strip()
    if not title:
        errors["title"] = "请填写送审文件的标题。"
    elif len(title) > 300:
        errors["title"] = "标题不能超过 300 个字。"
    if not body:
        errors["submitting_body"] = "请填写送审单位。"
    elif len(body) > 200:
        errors["submitting_body"] = "送审单位不能超过 200 个字。"
    if data.urgency not in {u.value for u in Urgency}:
        errors["urgency"] = "请选择紧急程度（紧急、一般或复杂）。"
    if file_error:
        errors["document"] = file_error
    elif not staged:
        errors["document"] = "请上传送审文件（PDF 或 Word）。"
    elif problem := check_document(staged, "送审文件"):
        errors["document"] = problem
    links = await _links(data)
    errors.update(links.errors)
    if errors:
        raise ReviewError(errors)
    received = now or utc_now()
    urgency = Urgency(data.urgency)
    placement = files.Placement([])
    try:
        async with in_transaction():
            attachments, placement = await files.store(staged[:1], upload_dir, actor)
            review = await LegalityReview.create(
                title=title,
                submitting_body=body,
                urgency=urgency,
                received_at=received,
                due_at=due_at(received, urgency, normal_days=normal_days),
                document=attachments[0],
                decision_step=links.step,
                library_document=links.document,
                created_by=actor,
            )
            await audit.record(
                "review_submitted",
                actor=actor,
                ip=ip,
                object_type="legality_review",
                object_id=review.id,
                detail={"urgency": urgency.value, "due_at": review.due_at.isoformat()},
            )
    except BaseException:
        placement.undo()
        raise
    return review


# --- review and opinion ---------------------------------------------------------------------------


def _refuse_unless_open(review: LegalityReview) -> None:
    if not review.is_open:
        raise ReviewError({"form": f"该审查已{review.status.label}，不能再修改。"})


async def _move_step(
    step_id: int | None, state: StepState, review: LegalityReview, *, actor: User, ip: str
) -> str:
    """Move the linked decision's legality-review step through the decision service (its statutory
    checks apply); "" when done or nothing to do, otherwise why the step was left as it was."""
    if step_id is None:
        return ""
    step = await ProcedureStep.get(id=step_id).select_related("decision")
    if step.state in (StepState.DONE, StepState.NOT_APPLICABLE) or step.state == state:
        return ""
    started = step.started_on or local_date(review.received_at)
    completed = local_date(review.completed_at) if review.completed_at else None
    update = decisions_service.StepUpdate(
        state=state,
        started_on=started,
        completed_on=completed if state == StepState.DONE else None,
        responsible=step.responsible or actor.display_name,
        notes=step.notes,
        meeting=step.meeting,
        outcome=step.outcome,
        dissent=step.dissent,
        adoption_explanation=step.adoption_explanation,
    )
    try:
        await decisions_service.update_step(
            step.decision, StepKind.LEGALITY_REVIEW, update, actor=actor, ip=ip
        )
    except decisions_service.DecisionError as exc:
        return str(exc)
    return ""


async def start_review(review: LegalityReview, *, actor: User, ip: str, now: datetime | None = None) -> str:
    """The reviewer takes the document up. Returns why a linked decision step could not follow, or ""."""
    _refuse_unless_open(review)
    if review.status == ReviewStatus.IN_REVIEW:
        raise ReviewError({"form": "该文件已在审查中。"})
    review.status = ReviewStatus.IN_REVIEW
    review.started_at = now or utc_now()
    review.reviewer = actor
    async with in_transaction():
        await review.save(update_fields=["status", "started_at", "reviewer_id"])
        await audit.record(
            "review_started", actor=actor, ip=ip, object_type="legality_review", object_id=review.id
        )
    return await _move_step(review.decision_step_id, StepState.IN_PROGRESS, review, actor=actor, ip=ip)


@dataclass
class OpinionInput:
    opinion: str
    reasons: str = ""
    articles: str = ""


def check_opinion(data: OpinionInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.opinion not in {o.value for o in Opinion}:
        errors["opinion"] = "请选择审查意见（合法、修改后合法或不合法）。"
    elif data.opinion != Opinion.LAWFUL and not data.reasons.strip():
        errors["reasons"] = f"审查意见为“{Opinion(data.opinion).label}”时，须写明理由。"
    if len(data.reasons) > 20_000:
        errors["reasons"] = "理由不能超过 20000 个字。"
    if len(data.articles) > 5_000:
        errors["articles"] = "涉及条款不能超过 5000 个字。"
    return errors


@dataclass(frozen=True)
class Completed:
    review: LegalityReview
    step_note: str = ""  # why the linked decision step was not marked complete, if it was not


async def record_opinion(
    review: LegalityReview,
    data: OpinionInput,
    reply: list[files.StagedFile],
    *,
    actor: User,
    ip: str,
    upload_dir: Path,
    now: datetime | None = None,
    file_error: str = "",
) -> Completed:
    """Record the opinion and complete the review (the clock stops at ``now``).

    A review linked to a decision's legality-review step marks that step complete through the decision
    service, unless the opinion is 不合法: an item found unlawful may not go on to collective discussion.
    """
    _refuse_unless_open(review)
    errors = check_opinion(data)
    if file_error:
        errors["reply"] = file_error
    elif problem := check_document(reply, "复函"):
        errors["reply"] = problem
    if errors:
        raise ReviewError(errors)
    opinion = Opinion(data.opinion)
    review.status = ReviewStatus.COMPLETED
    review.completed_at = now or utc_now()
    review.started_at = review.started_at or review.completed_at
    review.opinion = opinion
    review.reasons = data.reasons.strip()
    review.articles = data.articles.strip()
    if review.reviewer_id is None:
        review.reviewer = actor
    placement = files.Placement([])
    try:
        async with in_transaction():
            if reply:
                attachments, placement = await files.store(reply[:1], upload_dir, actor)
                review.reply = attachments[0]
            await review.save()
            await audit.record(
                "review_completed",
                actor=actor,
                ip=ip,
                object_type="legality_review",
                object_id=review.id,
                detail={
                    "opinion": opinion.value,
                    "within_target": review.completed_at <= review.due_at,
                    "reply": bool(reply),
                },
            )
    except BaseException:
        placement.undo()
        raise
    note = ""
    if review.decision_step_id is not None:
        if opinion == Opinion.UNLAWFUL:
            note = "审查意见为不合法，关联决策事项的合法性审查环节未标记为完成（不合法的不得提交集体讨论）。"
        else:
            note = await _move_step(review.decision_step_id, StepState.DONE, review, actor=actor, ip=ip)
    return Completed(review, note)


async def return_review(
    review: LegalityReview, reason: str, *, actor: User, ip: str, now: datetime | None = None
) -> None:
    """Send the document back to the submitting body without an opinion (e.g. materials incomplete)."""
    _refuse_unless_open(review)
    if not reason.strip():
        raise ReviewError({"return_reason": "请写明退回理由。"})
    review.status = ReviewStatus.RETURNED
    review.completed_at = now or utc_now()
    review.reasons = reason.strip()[:20_000]
    async with in_transaction():
        await review.save(update_fields=["status", "completed_at", "reasons"])
        await audit.record(
            "review_returned", actor=actor, ip=ip, object_type="legality_review", object_id=review.id
        )


# --- lists and figures ----------------------------------------------------------------------------


async def open_reviews() -> list[LegalityReview]:
    """Open reviews by due time: the overdue ones (due earliest) come first by construction."""
    return (
        await LegalityReview.filter(status__in=OPEN_STATUSES)
        .order_by("due_at", "id")
        .select_related("reviewer")
    )


async def closed_reviews(*, page: int, per_page: int) -> tuple[list[LegalityReview], int]:
    """Completed and returned reviews, most recent first; (rows of the page, number of pages)."""
    query = LegalityReview.filter(status__in=(ReviewStatus.COMPLETED, ReviewStatus.RETURNED))
    total = await query.count()
    rows = (
        await query.order_by("-completed_at", "-id")
        .offset((page - 1) * per_page)
        .limit(per_page)
        .select_related("reviewer")
    )
    return list(rows), page_count(total, per_page)


async def get(review_id: int) -> LegalityReview | None:
    return await LegalityReview.get_or_none(id=review_id).select_related(
        "reviewer", "document", "reply", "decision_step__decision", "library_document"
    )


async def for_step(step_ids: list[int]) -> dict[int, LegalityReview]:
    """The latest review linked to each of these decision steps."""
    found: dict[int, LegalityReview] = {}
    for review in await LegalityReview.filter(decision_step_id__in=step_ids).order_by("id"):
        if review.decision_step_id is not None:
            found[review.decision_step_id] = review
    return found


@dataclass(frozen=True)
class MonthFigures:
    month: date  # the first day of the month (local time)
    received: int
    completed: int
    completed_in_time: int
    overdue_open: int  # received this month, still open and past the deadline now

    @property
    def label(self) -> str:
        return f"{self.month.year}年{self.month.month}月"

    @property
    def share_in_time(self) -> int | None:
        """Percentage of this month's completed reviews finished within the target (None: none finished)."""
        if not self.completed:
            return None
        return round(100 * self.completed_in_time / self.completed)


def _month_start(moment: datetime) -> date:
    return moment.astimezone(LOCAL_TZ).date().replace(day=1)


def last_months(now: datetime, count: int) -> list[date]:
    """The first days of the last ``count`` months, the current one last."""
    first = _month_start(now)
    months = [first]
    for _ in range(count - 1):
        previous = months[-1] - timedelta(days=1)
        months.append(previous.replace(day=1))
    return months[::-1]


async def monthly_figures(now: datetime | None = None, *, months: int = 12) -> list[MonthFigures]:
    """Per month of the last ``months`` (local time): received, completed, completed within the target,
    and overdue still open. One query; the counting is done here."""
    moment = now or utc_now()
    firsts = last_months(moment, months)
    since = datetime.combine(firsts[0], datetime.min.time(), tzinfo=LOCAL_TZ)
    rows = await LegalityReview.filter(Q(received_at__gte=since) | Q(completed_at__gte=since)).values_list(
        "received_at", "due_at", "completed_at", "status"
    )
    counts = {m: [0, 0, 0, 0] for m in firsts}
    for received_at, due, completed_at, status in rows:
        received_month = _month_start(received_at)
        if received_month in counts:
            counts[received_month][0] += 1
            if status in OPEN_STATUSES and moment > due:
                counts[received_month][3] += 1
        if status == ReviewStatus.COMPLETED and completed_at is not None:
            completed_month = _month_start(completed_at)
            if completed_month in counts:
                counts[completed_month][1] += 1
                counts[completed_month][2] += completed_at <= due
    return [MonthFigures(m, *counts[m]) for m in firsts]
