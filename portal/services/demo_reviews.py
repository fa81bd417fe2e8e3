"""Demo legality reviews, timed relative to now: an urgent one overdue and one just received, a normal
one in review, a complex one completed within the target, a normal one completed late with 修改后合法,
an unlawful one from two months ago, and — when the demo has one — one linked to a decision's
legality-review step. The library's documents bring their own completed reviews (``completed``),
linked when they are published."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from tortoise.timezone import now

from portal.models import (
    DecisionStatus,
    LegalityReview,
    Opinion,
    ProcedureStep,
    ReviewStatus,
    StepKind,
    StepState,
    Urgency,
    User,
)
from portal.services import reviews
from portal.services.calendar import LOCAL_TZ
from portal.services.demo_decisions import demo_pdf

NORMAL_DAYS = 5


async def _review(
    title: str,
    body: str,
    urgency: Urgency,
    received: datetime,
    actor: User,
    upload_dir: Path | None,
    *,
    decision_step: ProcedureStep | None = None,
) -> LegalityReview:
    return await LegalityReview.create(
        title=title,
        submitting_body=body,
        urgency=urgency,
        received_at=received,
        due_at=reviews.due_at(received, urgency, normal_days=NORMAL_DAYS),
        document=await demo_pdf(f"{title}（送审稿）.pdf", actor, upload_dir),
        created_by=actor,
        decision_step=decision_step,
    )


async def _complete(
    review: LegalityReview,
    opinion: Opinion,
    at: datetime,
    actor: User,
    upload_dir: Path | None,
    *,
    reasons: str = "",
    articles: str = "",
) -> None:
    review.status = ReviewStatus.COMPLETED
    review.started_at = review.received_at + timedelta(minutes=10)
    review.completed_at = at
    review.opinion = opinion
    review.reasons = reasons
    review.articles = articles
    review.reviewer = actor
    review.reply = await demo_pdf(f"关于《{review.title}》合法性审查意见的复函.pdf", actor, upload_dir)
    await review.save()


async def completed(
    title: str, body: str, issued_on: date, actor: User, upload_dir: Path | None
) -> LegalityReview:
    """A normal review of a document to be issued on ``issued_on``: received two weeks before it,
    completed lawful within the target four days later, not yet linked to any document."""
    received = datetime.combine(issued_on - timedelta(days=14), time(9, 30), tzinfo=LOCAL_TZ)
    review = await _review(title, body, Urgency.NORMAL, received, actor, upload_dir)
    done = datetime.combine(issued_on - timedelta(days=10), time(16), tzinfo=LOCAL_TZ)
    await _complete(review, Opinion.LAWFUL, done, actor, upload_dir)
    return review


async def seed(actor: User | None, upload_dir: Path | None = None) -> int:
    if actor is None or await LegalityReview.exists():
        return 0
    at = now()
    overdue = await _review(
        "广州市关于做好台风“海燕”防御期间停工停课工作的通知",
        "广州市应急管理局",
        Urgency.URGENT,
        at - timedelta(minutes=95),
        actor,
        upload_dir,
    )
    overdue.status, overdue.started_at, overdue.reviewer = (
        ReviewStatus.IN_REVIEW,
        at - timedelta(minutes=80),
        actor,
    )
    await overdue.save()
    await _review(
        "广州市关于临时调整地铁运营时间保障重大活动的通告",
        "广州市交通运输局",
        Urgency.URGENT,
        at - timedelta(minutes=10),
        actor,
        upload_dir,
    )
    in_review = await _review(
        "广州市既有住宅增设电梯办法（修订送审稿）",
        "广州市住房和城乡建设局",
        Urgency.NORMAL,
        at - timedelta(days=2),
        actor,
        upload_dir,
    )
    in_review.status, in_review.started_at, in_review.reviewer = (
        ReviewStatus.IN_REVIEW,
        at - timedelta(days=1, hours=20),
        actor,
    )
    await in_review.save()
    quick = await _review(
        "广州市关于阶段性减免中小微企业房租的通知",
        "广州市国有资产监督管理委员会",
        Urgency.COMPLEX,
        at - timedelta(days=3),
        actor,
        upload_dir,
    )
    await _complete(quick, Opinion.LAWFUL, quick.received_at + timedelta(hours=5), actor, upload_dir)
    late = await _review(
        "广州市网络预约出租汽车经营服务管理实施细则",
        "广州市交通运输局",
        Urgency.NORMAL,
        at - timedelta(days=20),
        actor,
        upload_dir,
    )
    await _complete(
        late,
        Opinion.LAWFUL_IF_AMENDED,
        late.due_at + timedelta(days=2),
        actor,
        upload_dir,
        reasons="第十二条要求驾驶员提供本市户籍证明，增设了上位法没有规定的条件，应予删除；"
        "第二十条罚款数额超出《网络预约出租汽车经营服务管理暂行办法》规定的幅度，应予调整。",
        articles="第十二条、第二十条",
    )
    refused = await _review(
        "某区关于限制外地货车通行的通知",
        "广州市某区人民政府",
        Urgency.NORMAL,
        at - timedelta(days=62),
        actor,
        upload_dir,
    )
    await _complete(
        refused,
        Opinion.UNLAWFUL,
        refused.received_at + timedelta(days=4),
        actor,
        upload_dir,
        reasons="区人民政府无权设定限制货车通行的行政强制措施，违反《中华人民共和国行政强制法》第十条。",
        articles="第二条、第三条",
    )
    created = 6
    step = (
        await ProcedureStep.filter(kind=StepKind.LEGALITY_REVIEW, state=StepState.PENDING)
        .exclude(decision__status=DecisionStatus.WITHDRAWN)
        .select_related("decision")
        .order_by("id")
        .first()
    )
    if step is not None:
        linked = await _review(
            f"{step.decision.title}（决策草案）",
            step.decision.responsible_unit,
            Urgency.NORMAL,
            at - timedelta(days=1),
            actor,
            upload_dir,
            decision_step=step,
        )
        # Through the service, so the decision's step moves to 进行中 as it would on the desk.
        await reviews.start_review(linked, actor=actor, ip="", now=at - timedelta(hours=20))
        created += 1
    return created
