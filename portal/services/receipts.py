"""What a receipt tells the person who commented: where the consultation stands (open until when,
closed, closed early and why, withdrawn), what happens next and by when, and, once the 意见采纳情况说明
is published, what became of the comment: its own outcome, the outcome of the form-letter group it
belongs to, or plainly that it was not decided one by one and the report explains how opinions were
handled. The page only displays this.

No deadline is promised for the report: the law the portal enforces sets none (SPEC §3). The one
date the portal itself keeps is the liaison point's acknowledgement (``Comment.due_at``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from tortoise.timezone import now

from portal.models import Comment, DraftStatus, Outcome, Processing
from portal.services import drafts
from portal.services.drafting import closing
from portal.services.drafting.closing import chinese_date


class Stage(StrEnum):
    OPEN = "open"  # the window is running
    CLOSED = "closed"  # ended; the report is not published yet
    REPORTED = "reported"  # the 意见采纳情况说明 is published
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class ShownOutcome:
    outcome: Outcome
    reason: str
    unit_key: str  # where it was taken up, in a later version ("" if not given)
    version_number: int | None
    from_group: bool  # decided for the form-letter group, not for this comment by itself


@dataclass(frozen=True)
class ReceiptState:
    stage: Stage
    consultation: str  # where the consultation stands, with its dates (and why, if it ended early)
    progress: str  # the comment's processing, in words that fit the stage
    next_steps: list[str] = field(default_factory=list)  # what happens next, and by when
    report_published_at: datetime | None = None
    outcome: ShownOutcome | None = None  # only once the report is published
    outcome_note: str = ""  # decided but not public yet, or not decided one by one
    group_size: int = 1  # more than 1: one of a form-letter group counted as one opinion

    @property
    def report_published(self) -> bool:
        return self.report_published_at is not None


@dataclass(frozen=True)
class _Group:
    size: int
    outcome: ShownOutcome | None  # the one outcome its decided members share, if they share one


async def _group_of(comment: Comment) -> _Group:
    """The form-letter group the digest put the comment in. Outcomes are stored on every member
    (set for the whole group at once); a member grouped after that has none of its own, and then
    reads the outcome the decided members share."""
    if not comment.cluster_id:
        return _Group(1, None)
    members = Comment.filter(draft_id=comment.draft_id, cluster_id=comment.cluster_id)
    size = await members.count()
    decided = (
        await members.filter(outcome__isnull=False)
        .distinct()
        .values_list("outcome", "outcome_reason", "outcome_unit_key", "outcome_version_number")
    )
    if size < 2 or len(decided) != 1:
        return _Group(max(size, 1), None)
    outcome, reason, unit_key, version_number = decided[0]
    return _Group(size, ShownOutcome(Outcome(outcome), reason or "", unit_key or "", version_number, True))


def _own_outcome(comment: Comment) -> ShownOutcome | None:
    if comment.outcome is None:
        return None
    return ShownOutcome(
        comment.outcome,
        comment.outcome_reason,
        comment.outcome_unit_key,
        comment.outcome_version_number,
        False,
    )


def _where_it_is(comment: Comment) -> str:
    point = comment.liaison_point.name
    if comment.processing == Processing.RECEIVED and comment.due_at is not None:
        due = chinese_date(comment.due_at)
        return f"承办联系点（{point}）应于 {due}前签收您的意见，并转交立法工作机构研究。"
    if comment.processing == Processing.RECEIVED:
        return f"承办联系点（{point}）将签收您的意见，并转交立法工作机构研究。"
    if comment.processing == Processing.ACKNOWLEDGED:
        return f"承办联系点（{point}）已签收您的意见，将转交立法工作机构研究。"
    if comment.processing == Processing.FORWARDED:
        return "您的意见已转交立法工作机构研究。"
    return ""  # decided: said under 处理结果


def _ended(draft_notice: closing.ConsultationNotice | None, closes_at: datetime | None) -> str:
    if draft_notice is not None:
        return draft_notice.text
    if closes_at is not None:
        return f"征求意见已于 {chinese_date(closes_at)}结束。"
    return "征求意见已结束。"


AFTER_THE_REPORT = "意见采纳情况说明公布后，凭本回执码可以在此查看您的意见的处理结果。"
DECIDED_NOT_YET_PUBLIC = "已作出处理，结果将随意见采纳情况说明一并公布。"
NOT_DECIDED_ONE_BY_ONE = "本条意见未逐条单独作出处理决定。各方意见的总体处理情况，请见意见采纳情况说明。"


async def receipt_state(comment: Comment, at: datetime | None = None) -> ReceiptState:
    """The receipt of ``comment`` (fetched with its draft and liaison point, as ``by_receipt`` does).

    Once a report is published its outcomes stay shown, also while a later round of the same draft
    (a new version published for comment) is open."""
    draft = comment.draft
    status = drafts.effective_status(draft, at or now())
    group = await _group_of(comment)
    reported = draft.feedback_published_at
    if status == DraftStatus.WITHDRAWN:
        notice = closing.withdrawn_notice(draft)
        stage, consultation = Stage.WITHDRAWN, notice.text if notice else "草案已撤回。"
        steps = ["草案撤回后不再征求意见。"]
    elif status == DraftStatus.OPEN:
        closes = f"{chinese_date(draft.closes_at)}截止" if draft.closes_at else "截止日期另行公布"
        stage, consultation = Stage.OPEN, f"草案正在征求意见，{closes}。"
        steps = [
            step
            for step in (
                _where_it_is(comment),
                f"征求意见{closes}；截止前，您还可以对草案的其他条文发表意见。",
                "征求意见结束后，立法工作机构将研究各方意见，并公布意见采纳情况说明。" + AFTER_THE_REPORT,
            )
            if step
        ]
    else:
        stage = Stage.REPORTED if reported else Stage.CLOSED
        consultation = _ended(closing.closed_early_notice(draft), draft.closes_at)
        steps = (
            []
            if reported
            else ["立法工作机构正在研究各方意见，意见采纳情况说明尚未公布。" + AFTER_THE_REPORT]
        )
    if reported is None:
        return ReceiptState(
            stage,
            consultation,
            comment.processing.label,
            steps,
            outcome_note=DECIDED_NOT_YET_PUBLIC if comment.outcome else "",
            group_size=group.size,
        )
    shown = _own_outcome(comment) or group.outcome
    return ReceiptState(
        stage,
        consultation + f"意见采纳情况说明已于 {chinese_date(reported)}公布。",
        "已作出处理" if shown else "未单独处理，见意见采纳情况说明",
        steps,
        report_published_at=reported,
        outcome=shown,
        outcome_note="" if shown else NOT_DECIDED_ONE_BY_ONE,
        group_size=group.size,
    )
