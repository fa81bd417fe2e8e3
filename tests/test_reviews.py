"""The legality-review desk's rules: deadlines by urgency, the clock, opinions, the decision step link
and the monthly figures. Time is never patched: each call is given its ``now``."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from portal.models import (
    AuditEvent,
    Decision,
    DecisionCatalog,
    LegalityReview,
    Opinion,
    ProcedureStep,
    ReviewStatus,
    StepKind,
    StepState,
    Urgency,
    User,
)
from portal.services import decisions, files, reviews
from portal.services.calendar import LOCAL_TZ
from tests.conftest import Personas

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"0" * 200


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=LOCAL_TZ)  # type: ignore[misc]


def staged_pdf(tmp_path: Path, name: str = "送审稿.pdf") -> list[files.StagedFile]:
    staging = files.prepare_dirs(tmp_path)
    path = staging / f"{name}.part"
    path.write_bytes(PDF)
    item = files.StagedFile(
        field="document", original_name=name, temp_path=path, size=len(PDF), sha256="0" * 64
    )
    assert not files.validate([item])
    return [item]


async def submit(
    people: Personas, tmp_path: Path, urgency: Urgency, received: datetime, **links: object
) -> LegalityReview:
    return await reviews.submit(
        reviews.ReviewInput(
            title="关于规范共享单车停放管理的通知",
            submitting_body="市交通运输局",
            urgency=urgency.value,
            **links,  # type: ignore[arg-type]
        ),
        staged_pdf(tmp_path),
        actor=people.leo,
        ip="203.0.113.7",
        upload_dir=tmp_path,
        normal_days=5,
        now=received,
    )


# --- deadlines ------------------------------------------------------------------------------------


def test_an_urgent_review_is_due_one_hour_after_receipt():
    received = local(2026, 3, 6, 16, 30)
    assert reviews.due_at(received, Urgency.URGENT, normal_days=5) == local(2026, 3, 6, 17, 30)


def test_a_normal_review_received_on_friday_is_due_at_the_end_of_the_next_friday():
    received = local(2026, 3, 6, 10, 0)  # a Friday
    due = reviews.due_at(received, Urgency.NORMAL, normal_days=5)
    assert due == local(2026, 3, 13, 23, 59, 59)
    assert due.weekday() == 4


def test_a_complex_review_received_on_friday_is_due_at_the_end_of_monday():
    due = reviews.due_at(local(2026, 3, 6, 10, 0), Urgency.COMPLEX, normal_days=5)
    assert due == local(2026, 3, 9, 23, 59, 59)


def test_the_national_day_holiday_is_skipped():
    # Received Wednesday 30 September 2026; 1–7 October are the National Day holiday.
    due = reviews.due_at(local(2026, 9, 30, 9, 0), Urgency.COMPLEX, normal_days=5)
    assert due.date() == date(2026, 10, 8)
    assert reviews.due_at(local(2026, 9, 30, 9, 0), Urgency.NORMAL, normal_days=5).date() > date(2026, 10, 12)


def test_the_normal_period_follows_the_setting():
    received = local(2026, 3, 2, 10, 0)  # a Monday
    assert reviews.due_at(received, Urgency.NORMAL, normal_days=3).date() == date(2026, 3, 5)


# --- the clock ------------------------------------------------------------------------------------


def test_durations_read_in_hours_and_minutes():
    assert reviews.hours_minutes(timedelta(minutes=65)) == "1小时05分"
    assert reviews.hours_minutes(timedelta(minutes=12, seconds=59)) == "0小时12分"
    assert reviews.hours_minutes(timedelta(days=1, hours=3)) == "27小时00分"


async def test_an_urgent_review_is_overdue_after_one_hour(db, people: Personas, tmp_path: Path):
    received = local(2026, 3, 6, 9, 0)
    review = await submit(people, tmp_path, Urgency.URGENT, received)
    at_59 = reviews.clock(review, received + timedelta(minutes=59))
    assert not at_59.overdue
    assert at_59.elapsed_text == "已用时 0小时59分"
    assert at_59.remaining_text == "剩余 0小时01分"
    assert not reviews.is_overdue(review, received + timedelta(minutes=59))
    at_61 = reviews.clock(review, received + timedelta(minutes=61))
    assert at_61.overdue and reviews.is_overdue(review, received + timedelta(minutes=61))
    assert at_61.remaining_text == "超时 0小时01分"
    stored = await LegalityReview.get(id=review.id)
    assert stored.due_at == received + timedelta(hours=1)
    assert stored.status == ReviewStatus.RECEIVED


async def test_a_completed_review_shows_its_time_and_whether_it_met_the_target(
    db, people: Personas, tmp_path: Path
):
    received = local(2026, 3, 6, 9, 0)
    late = await submit(people, tmp_path, Urgency.URGENT, received)
    await reviews.record_opinion(
        late,
        reviews.OpinionInput(Opinion.LAWFUL.value),
        [],
        actor=people.leo,
        ip="",
        upload_dir=tmp_path,
        now=received + timedelta(minutes=75),
    )
    later = received + timedelta(days=3)
    stopped = reviews.clock(late, later)
    assert stopped.finished and stopped.overdue
    assert stopped.elapsed_text == "用时 1小时15分"
    assert stopped.remaining_text == "超过时限 0小时15分 办结"


# --- submission and opinion -----------------------------------------------------------------------


async def test_submission_needs_a_title_a_body_a_valid_urgency_and_a_document(
    db, people: Personas, tmp_path: Path
):
    with pytest.raises(reviews.ReviewError) as refused:
        await reviews.submit(
            reviews.ReviewInput(title=" ", submitting_body="", urgency="soon"),
            [],
            actor=people.leo,
            ip="",
            upload_dir=tmp_path,
            normal_days=5,
        )
    assert refused.value.errors == {
        "title": "请填写送审文件的标题。",
        "submitting_body": "请填写送审单位。",
        "urgency": "请选择紧急程度（紧急、一般或复杂）。",
        "document": "请上传送审文件（PDF 或 Word）。",
    }
    assert await LegalityReview.all().count() == 0


async def test_an_unlawful_opinion_needs_reasons(db, people: Personas, tmp_path: Path):
    review = await submit(people, tmp_path, Urgency.NORMAL, local(2026, 3, 2, 9, 0))
    with pytest.raises(reviews.ReviewError) as refused:
        await reviews.record_opinion(
            review,
            reviews.OpinionInput(Opinion.UNLAWFUL.value, reasons="  ", articles="第五条"),
            [],
            actor=people.leo,
            ip="",
            upload_dir=tmp_path,
        )
    assert refused.value.errors == {"reasons": "审查意见为“不合法”时，须写明理由。"}
    stored = await LegalityReview.get(id=review.id)
    assert stored.status == ReviewStatus.RECEIVED and stored.opinion is None


async def test_start_and_complete_are_recorded_and_audited(db, people: Personas, tmp_path: Path):
    received = local(2026, 3, 2, 9, 0)
    review = await submit(people, tmp_path, Urgency.NORMAL, received)
    await reviews.start_review(review, actor=people.leo, ip="", now=received + timedelta(hours=2))
    done = await reviews.record_opinion(
        review,
        reviews.OpinionInput(
            Opinion.LAWFUL_IF_AMENDED.value, reasons="第五条设定罚款缺乏上位法依据。", articles="第五条"
        ),
        [],
        actor=people.leo,
        ip="",
        upload_dir=tmp_path,
        now=received + timedelta(days=1),
    )
    assert done.step_note == ""
    stored = await LegalityReview.get(id=review.id)
    assert stored.status == ReviewStatus.COMPLETED
    assert stored.opinion == Opinion.LAWFUL_IF_AMENDED
    assert stored.reasons == "第五条设定罚款缺乏上位法依据。" and stored.articles == "第五条"
    assert stored.completed_at == received + timedelta(days=1)
    assert stored.reviewer_id == people.leo.id
    actions = await AuditEvent.filter(object_type="legality_review").values_list("action", flat=True)
    assert sorted(actions) == ["review_completed", "review_started", "review_submitted"]
    with pytest.raises(reviews.ReviewError):
        await reviews.start_review(stored, actor=people.leo, ip="")


# --- the decision step ----------------------------------------------------------------------------


async def _decision_with_steps(people: Personas) -> Decision:
    catalog = await DecisionCatalog.create(year=2026, body="广州市人民政府")
    decision = await Decision.create(
        catalog=catalog, seq=1, title="广州市停车收费调整方案", responsible_unit="市发展改革委"
    )
    for kind in StepKind:
        await ProcedureStep.create(decision=decision, kind=kind)
    return decision


async def test_completing_a_linked_review_completes_the_decision_step(db, people: Personas, tmp_path: Path):
    decision = await _decision_with_steps(people)
    received = local(2026, 3, 2, 9, 0)  # Monday
    review = await submit(people, tmp_path, Urgency.NORMAL, received, decision_id=decision.id)
    assert review.decision_step_id is not None
    await reviews.start_review(review, actor=people.leo, ip="", now=received)
    step = await ProcedureStep.get(decision=decision, kind=StepKind.LEGALITY_REVIEW)
    assert step.state == StepState.IN_PROGRESS and step.started_on == date(2026, 3, 2)
    done = await reviews.record_opinion(
        review,
        reviews.OpinionInput(Opinion.LAWFUL.value),
        [],
        actor=people.leo,
        ip="",
        upload_dir=tmp_path,
        now=local(2026, 3, 11, 17, 0),  # the seventh working day: the statutory minimum is met
    )
    assert done.step_note == ""
    await step.refresh_from_db()
    assert step.state == StepState.DONE and step.completed_on == date(2026, 3, 11)
    assert (await decisions.steps_of(decision))[StepKind.LEGALITY_REVIEW].state == StepState.DONE


async def test_a_review_too_short_for_the_decision_rule_leaves_the_step_open_and_says_why(
    db, people: Personas, tmp_path: Path
):
    decision = await _decision_with_steps(people)
    received = local(2026, 3, 2, 9, 0)
    review = await submit(people, tmp_path, Urgency.URGENT, received, decision_id=decision.id)
    done = await reviews.record_opinion(
        review,
        reviews.OpinionInput(Opinion.LAWFUL.value),
        [],
        actor=people.leo,
        ip="",
        upload_dir=tmp_path,
        now=received + timedelta(minutes=40),
    )
    assert "少于法定的不少于 7 个工作日" in done.step_note
    assert (await LegalityReview.get(id=review.id)).status == ReviewStatus.COMPLETED
    step = await ProcedureStep.get(decision=decision, kind=StepKind.LEGALITY_REVIEW)
    assert step.state == StepState.PENDING


async def test_an_unlawful_opinion_does_not_complete_the_step(db, people: Personas, tmp_path: Path):
    decision = await _decision_with_steps(people)
    review = await submit(people, tmp_path, Urgency.NORMAL, local(2026, 3, 2, 9, 0), decision_id=decision.id)
    done = await reviews.record_opinion(
        review,
        reviews.OpinionInput(Opinion.UNLAWFUL.value, reasons="无上位法依据设定行政许可。"),
        [],
        actor=people.leo,
        ip="",
        upload_dir=tmp_path,
        now=local(2026, 3, 12, 9, 0),
    )
    assert "不合法" in done.step_note
    step = await ProcedureStep.get(decision=decision, kind=StepKind.LEGALITY_REVIEW)
    assert step.state == StepState.PENDING


async def test_an_unknown_decision_is_refused(db, people: Personas, tmp_path: Path):
    with pytest.raises(reviews.ReviewError) as refused:
        await submit(people, tmp_path, Urgency.NORMAL, local(2026, 3, 2, 9, 0), decision_id=999)
    assert refused.value.errors == {"decision_id": "未找到该编号的重大行政决策事项。"}


# --- monthly figures ------------------------------------------------------------------------------


async def test_monthly_figures_count_received_completed_in_time_and_overdue(
    db, people: Personas, tmp_path: Path
):
    now = local(2026, 5, 20, 12, 0)

    async def finished(received: datetime, minutes: int) -> None:
        review = await submit(people, tmp_path, Urgency.URGENT, received)
        await reviews.record_opinion(
            review,
            reviews.OpinionInput(Opinion.LAWFUL.value),
            [],
            actor=people.leo,
            ip="",
            upload_dir=tmp_path,
            now=received + timedelta(minutes=minutes),
        )

    # April: three completed, two of them within the hour; one still open and overdue.
    await finished(local(2026, 4, 3, 9, 0), 30)
    await finished(local(2026, 4, 8, 9, 0), 59)
    await finished(local(2026, 4, 9, 9, 0), 90)
    await submit(people, tmp_path, Urgency.URGENT, local(2026, 4, 10, 9, 0))
    # May: one received, open, not yet due.
    await submit(people, tmp_path, Urgency.NORMAL, local(2026, 5, 20, 9, 0))
    # Older than twelve months: not counted.
    await finished(local(2025, 4, 3, 9, 0), 30)

    figures = await reviews.monthly_figures(now)
    assert len(figures) == 12
    assert figures[0].month == date(2025, 6, 1) and figures[-1].month == date(2026, 5, 1)
    april, may = figures[-2], figures[-1]
    assert (april.label, april.received, april.completed, april.completed_in_time, april.overdue_open) == (
        "2026年4月",
        4,
        3,
        2,
        1,
    )
    assert april.share_in_time == 67
    assert (may.received, may.completed, may.overdue_open, may.share_in_time) == (1, 0, 0, None)
    assert sum(f.received for f in figures) == 5


# --- demo -----------------------------------------------------------------------------------------


async def test_the_demo_reviews_show_each_stage(db, tmp_path: Path):
    from portal.services import demo

    await demo.seed(tmp_path)
    at = datetime.now(LOCAL_TZ)
    every = await LegalityReview.all().select_related("reviewer", "decision_step", "library_document")
    # The library's recent documents were published on reviews of their own, finished before issue.
    published_on = [r for r in every if r.library_document is not None]
    assert published_on and all(
        r.opinion == Opinion.LAWFUL
        and r.completed_at is not None
        and r.completed_at.astimezone(LOCAL_TZ).date() <= r.library_document.issued_on
        for r in published_on
        if r.library_document is not None
    )
    rows = [r for r in every if r.library_document is None]
    assert len(rows) == 7
    assert all(r.reviewer is None or r.reviewer.username == "reviewer" for r in rows)
    open_urgent = [r for r in rows if r.urgency == Urgency.URGENT and r.is_open]
    assert sorted(reviews.is_overdue(r, at) for r in open_urgent) == [False, True]
    late = next(r for r in rows if r.opinion == Opinion.LAWFUL_IF_AMENDED)
    assert late.reasons and late.completed_at is not None and late.completed_at > late.due_at
    quick = next(r for r in rows if r.urgency == Urgency.COMPLEX)
    assert quick.completed_at is not None and quick.completed_at <= quick.due_at
    linked = next(r for r in rows if r.decision_step is not None)
    assert linked.decision_step is not None and linked.decision_step.state == StepState.IN_PROGRESS
    assert await demo_reviews_again() == 0


async def demo_reviews_again() -> int:
    from portal.services import demo_reviews

    return await demo_reviews.seed(None) + await demo_reviews.seed(await User.get(username="reviewer"))
