"""Ending a consultation before the day the public was promised, and what the public is then told.

A published window is a promise: comments are taken until ``closes_at``. Ending it sooner (closing
early, or withdrawing an open draft) needs a reason the public can read, as a window shorter than the
statutory minimum does when it is opened (see ``windows``). When the early end leaves a window shorter
than that minimum, the staff are told so before they confirm, and the public notice says so too,
citing the article: the same rule table as ``windows``, never a second copy of it.

A closed-early draft keeps the announced close in ``planned_closes_at``; ``closes_at`` holds the
moment it really closed. The days counted as run are the whole days before that moment: a window
closed at ten in the morning of its thirtieth day has run 29 days, not 30.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from portal.models.drafts import Draft, DraftStatus
from portal.services.calendar import local_date
from portal.services.drafting.windows import WindowCheck, measure

MAX_REASON_CHARS = 1000


class CloseError(ValueError):
    """Closing was refused; the message (Chinese) says why and cites the rule where one applies."""


def sentence(text: str) -> str:
    """``text`` ended as a sentence: a reason typed with or without its full stop reads the same."""
    text = text.rstrip()
    return text if not text or text[-1] in "。！？；.!?;" else text + "。"


def chinese_date(moment: datetime | date) -> str:
    """2026年3月5日, in Beijing time for a moment."""
    day = local_date(moment) if isinstance(moment, datetime) else moment
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class ClosePlan:
    """What closing an open draft at ``at`` does to the window it was published with."""

    opens: date
    planned: datetime  # the close the public was promised
    at: datetime
    ran: WindowCheck  # the whole days (or working days) the window will have run, against its rule

    @property
    def early(self) -> bool:
        return self.at < self.planned

    @property
    def days_cut(self) -> int:
        """Calendar days between the day it closes and the promised last day (0: the same day)."""
        return max(0, (local_date(self.planned) - local_date(self.at)).days)

    @property
    def cuts_minimum(self) -> bool:
        return self.early and not self.ran.meets_minimum

    def cut_phrase(self) -> str:
        return f"提前 {self.days_cut} 日" if self.days_cut else "在原定截止日当天提前数小时"

    def cut_description(self) -> str:
        planned = chinese_date(self.planned)
        if self.days_cut:
            return f"原定 {planned}截止，现在结束将提前 {self.days_cut} 日。"
        return f"原定 {planned}（今日）24 时截止，现在结束将提前数小时。"

    def legal_note(self) -> str:
        """The statutory minimum and its article, when the early close cuts the window below it."""
        if not self.cuts_minimum:
            return ""
        return (
            f"提前结束后，征求意见期实际为 {self.ran.describe_length()}，"
            f"少于法定的{self.ran.rule.describe()}。"
        )


def whole_days_run(draft: Draft, until: datetime) -> WindowCheck:
    """The window from its opening day to the last whole day before ``until``, against its rule."""
    assert draft.opens_at is not None
    last = local_date(until) - timedelta(days=1)
    return measure(draft.kind, local_date(draft.opens_at), last, market_related=draft.market_related)


def plan(draft: Draft, at: datetime) -> ClosePlan:
    """Closing ``draft`` (open, with a published window) at ``at``."""
    assert draft.opens_at is not None and draft.closes_at is not None
    return ClosePlan(local_date(draft.opens_at), draft.closes_at, at, whole_days_run(draft, at))


def check_reason(close: ClosePlan, reason: str) -> str:
    """The reason for an early close, cleaned; refused when missing or too long."""
    reason = reason.strip()
    if not close.early:
        return ""
    if not reason:
        raise CloseError(
            "提前结束征求意见需要说明理由，理由将在草案页面向社会公开。"
            + close.cut_description()
            + close.legal_note()
        )
    if len(reason) > MAX_REASON_CHARS:
        raise CloseError(f"理由不能超过 {MAX_REASON_CHARS} 字（现为 {len(reason)} 字）。")
    return reason


# --- what the public is told ----------------------------------------------------------------------


@dataclass(frozen=True)
class ConsultationNotice:
    """A public statement that the consultation did not run as announced: why, and since when."""

    kind: str  # "closed_early" or "withdrawn"
    heading: str
    text: str  # whole sentences
    at: datetime | None  # when it happened, where known (the feed dates its entry with it)


def closed_early_notice(draft: Draft) -> ConsultationNotice | None:
    if not draft.closed_early_reason or draft.planned_closes_at is None or draft.closes_at is None:
        return None
    text = sentence(
        f"征求意见已于 {chinese_date(draft.closes_at)} 提前结束"
        f"（原定 {chinese_date(draft.planned_closes_at)}截止），理由：{draft.closed_early_reason}"
    )
    if draft.opens_at is not None:
        ran = whole_days_run(draft, draft.closes_at)
        if not ran.meets_minimum:
            text += f"实际征求意见期为 {ran.describe_length()}，少于法定的{ran.rule.describe()}。"
    return ConsultationNotice("closed_early", "征求意见提前结束", text, draft.closes_at)


def withdrawn_at(draft: Draft) -> datetime | None:
    """When a withdrawn draft was withdrawn (``withdrawn_at``; drafts withdrawn before it was recorded:
    during their window, the moment the window ended, ``closes_at`` with ``planned_closes_at`` kept)."""
    if draft.status != DraftStatus.WITHDRAWN:
        return None
    if draft.withdrawn_at is not None:
        return draft.withdrawn_at
    if draft.closed_early_reason:
        return None
    return draft.closes_at if draft.planned_closes_at is not None else None


def withdrawn_notice(draft: Draft) -> ConsultationNotice | None:
    if draft.status != DraftStatus.WITHDRAWN:
        return None
    at = withdrawn_at(draft)
    cut_window = (
        at is not None
        and draft.planned_closes_at is not None
        and not draft.closed_early_reason
        and draft.closes_at == at
    )
    if cut_window:
        assert at is not None and draft.planned_closes_at is not None
        text = sentence(
            f"草案已于 {chinese_date(at)} 撤回，征求意见随之结束"
            f"（原定 {chinese_date(draft.planned_closes_at)}截止），理由：{draft.withdrawn_reason}"
        )
    elif at is not None:
        text = sentence(f"草案已于 {chinese_date(at)} 撤回，理由：{draft.withdrawn_reason}")
    else:
        text = sentence(f"草案已撤回，理由：{draft.withdrawn_reason}")
    return ConsultationNotice("withdrawn", "草案已撤回", text, at)


def public_notices(draft: Draft) -> list[ConsultationNotice]:
    """Every departure from the announced window, oldest first (closed early, then withdrawn)."""
    return [n for n in (closed_early_notice(draft), withdrawn_notice(draft)) if n is not None]
