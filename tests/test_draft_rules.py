"""Comment windows follow the law; versions are immutable once published; status follows the window."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.models import AuditEvent, DraftKind, DraftStatus, DraftVersion
from portal.services import drafts
from portal.services.calendar import add_working_days, is_working_day, today, working_days_between
from portal.services.drafting.windows import WindowError, check_window
from tests.conftest import SMALL_LAW, publish_text


def test_a_regulation_needs_30_days():
    check = check_window(DraftKind.LOCAL_REGULATION, date(2026, 3, 1), date(2026, 3, 30))
    assert check.length == 30 and check.meets_minimum
    with pytest.raises(WindowError, match="立法法》第四十条"):
        check_window(DraftKind.LOCAL_REGULATION, date(2026, 3, 1), date(2026, 3, 29))


def test_rules_and_major_decisions_cite_their_own_articles():
    with pytest.raises(WindowError, match="规章制定程序条例》第十五条"):
        check_window(DraftKind.GOVERNMENT_RULE, date(2026, 3, 1), date(2026, 3, 10))
    with pytest.raises(WindowError, match="重大行政决策程序暂行条例》第十五条"):
        check_window(DraftKind.MAJOR_DECISION, date(2026, 3, 1), date(2026, 3, 10))


def test_a_normative_document_needs_7_working_days_counting_holidays():
    # 2026-09-28 (Mon) to 2026-10-09 (Fri) spans the National Day holiday (Oct 1-7 off in 2026).
    assert not is_working_day(date(2026, 10, 1))
    assert working_days_between(date(2026, 9, 28), date(2026, 10, 9)) < 10
    with pytest.raises(WindowError, match="7 个工作日"):
        check_window(DraftKind.NORMATIVE_DOCUMENT, date(2026, 9, 28), date(2026, 10, 8))
    ok = check_window(DraftKind.NORMATIVE_DOCUMENT, date(2026, 3, 2), date(2026, 3, 10))
    assert ok.length == 7


def test_a_market_related_normative_document_needs_30_days():
    with pytest.raises(WindowError, match="30 日"):
        check_window(DraftKind.NORMATIVE_DOCUMENT, date(2026, 3, 2), date(2026, 3, 20), market_related=True)


def test_a_short_window_is_allowed_with_a_reason():
    check = check_window(
        DraftKind.LOCAL_REGULATION, date(2026, 3, 1), date(2026, 3, 10), reason="应对突发公共卫生事件"
    )
    assert not check.meets_minimum


def test_the_window_cannot_end_before_it_starts():
    with pytest.raises(WindowError, match="截止日期不能早于开始日期"):
        check_window(DraftKind.LOCAL_REGULATION, date(2026, 3, 10), date(2026, 3, 1))


def test_working_days_skip_weekends_beyond_the_holiday_data():
    assert add_working_days(date(2031, 1, 3), 1) == date(2031, 1, 6)  # Friday -> Monday


async def test_publishing_opens_the_window_and_records_who_did_it(db, people):
    draft = await publish_text(author=people.leo)
    await draft.refresh_from_db()
    assert draft.status == DraftStatus.OPEN
    assert drafts.accepting_comments(draft)
    assert drafts.days_left(draft) == 31
    version = await DraftVersion.get(draft=draft)
    assert version.is_published and version.unit_count == 5
    event = await AuditEvent.get(action="draft_published")
    assert event.actor_id == people.leo.id


async def test_publishing_a_short_window_without_reason_is_refused(db):
    draft = await drafts.create_draft(
        drafts.DraftInput(title="短期限", kind=DraftKind.LOCAL_REGULATION, drafting_body="某局"),
        SMALL_LAW,
        actor=None,
    )
    with pytest.raises(drafts.DraftError, match="缩短理由"):
        await drafts.publish(draft, opens=today(), closes=today() + timedelta(days=9), actor=None)
    await draft.refresh_from_db()
    assert draft.status == DraftStatus.DRAFT
    assert not await DraftVersion.filter(draft=draft, published_at__isnull=False).exists()


async def test_a_draft_whose_window_passed_reads_as_closed(db):
    draft = await publish_text(opens_days=-40, closes_days=-2)
    await draft.refresh_from_db()
    assert draft.status == DraftStatus.OPEN  # nothing had to flip it...
    assert drafts.effective_status(draft) == DraftStatus.CLOSED  # ...it reads as closed
    assert not drafts.accepting_comments(draft)
    assert drafts.days_left(draft) is None


async def test_a_published_version_is_never_replaced(db):
    draft = await publish_text()
    first = await DraftVersion.get(draft=draft, number=1)
    second = await drafts.add_version(
        draft, SMALL_LAW.replace("擅自砍伐", "擅自修剪或者砍伐"), label="二稿", actor=None
    )
    third = await drafts.add_version(
        draft, SMALL_LAW.replace("擅自砍伐", "违法砍伐"), label="二稿修改", actor=None
    )
    versions = await DraftVersion.filter(draft=draft).order_by("number")
    assert [v.number for v in versions] == [1, 2]  # the unpublished 2 was replaced by the newer text
    assert versions[1].id == third.id and second.id != third.id
    await first.refresh_from_db()
    assert "擅自砍伐" in first.text and first.is_published


async def test_text_without_articles_is_refused(db):
    with pytest.raises(drafts.DraftError, match="未能识别出任何条文"):
        await drafts.create_draft(
            drafts.DraftInput(title="空", kind=DraftKind.LOCAL_REGULATION, drafting_body="某局"),
            "这是一段没有条文的说明文字。",
            actor=None,
        )


async def test_withdrawing_needs_a_public_reason(db):
    draft = await publish_text()
    with pytest.raises(drafts.DraftError, match="撤回草案需要说明理由"):
        await drafts.withdraw(draft, "  ", actor=None)
    await drafts.withdraw(draft, "上位法已修改，草案需重新起草。", actor=None)
    await draft.refresh_from_db()
    assert draft.status == DraftStatus.WITHDRAWN
    assert draft.withdrawn_reason == "上位法已修改，草案需重新起草。"
