"""The statutory minimum comment windows (SPEC §3), checked before a draft is published.

- 法规 / 规章 drafts and major-decision drafts: at least 30 days (立法法 art 40; 规章制定程序条例 art 15;
  重大行政决策程序暂行条例 art 15).
- 行政规范性文件: at least 7 working days, or 30 days where the document is closely tied to market
  entities (法治政府建设示范指标).

A shorter window is allowed only with a stated reason, which is shown to the public.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.models.drafts import DraftKind
from portal.services.calendar import working_days_between


@dataclass(frozen=True)
class WindowRule:
    minimum: int
    working_days: bool
    basis: str

    @property
    def unit(self) -> str:
        return "个工作日" if self.working_days else "日"

    def describe(self) -> str:
        return f"不少于 {self.minimum} {self.unit}（{self.basis}）"


RULES: dict[DraftKind, WindowRule] = {
    DraftKind.LOCAL_REGULATION: WindowRule(30, False, "《中华人民共和国立法法》第四十条"),
    DraftKind.GOVERNMENT_RULE: WindowRule(30, False, "《规章制定程序条例》第十五条"),
    DraftKind.MAJOR_DECISION: WindowRule(30, False, "《重大行政决策程序暂行条例》第十五条"),
    DraftKind.NORMATIVE_DOCUMENT: WindowRule(7, True, "法治政府建设示范指标"),
}
MARKET_RULE = WindowRule(30, False, "法治政府建设示范指标：与市场主体生产经营活动密切相关的")


class WindowError(ValueError):
    """The window breaks a rule; the message (Chinese) says which and cites it."""


@dataclass(frozen=True)
class WindowCheck:
    rule: WindowRule
    length: int  # in the rule's unit

    @property
    def meets_minimum(self) -> bool:
        return self.length >= self.rule.minimum

    def describe_length(self) -> str:
        return f"{self.length} {self.rule.unit}"


def rule_for(kind: DraftKind, market_related: bool) -> WindowRule:
    if kind == DraftKind.NORMATIVE_DOCUMENT and market_related:
        return MARKET_RULE
    return RULES[kind]


def measure(kind: DraftKind, opens: date, last: date, *, market_related: bool = False) -> WindowCheck:
    """The window from ``opens`` to ``last``, both days included, in its rule's unit (0 when ``last``
    is before ``opens``): what a published window is, or what a window cut short has run."""
    rule = rule_for(kind, market_related)
    if last < opens:
        return WindowCheck(rule, 0)
    length = working_days_between(opens, last) if rule.working_days else (last - opens).days + 1
    return WindowCheck(rule, length)


def check_window(
    kind: DraftKind, opens: date, closes: date, *, market_related: bool = False, reason: str = ""
) -> WindowCheck:
    """Validate a window given as local dates, both days included. Raises WindowError."""
    if closes < opens:
        raise WindowError("截止日期不能早于开始日期。")
    result = measure(kind, opens, closes, market_related=market_related)
    if not result.meets_minimum and not reason.strip():
        raise WindowError(
            f"征求意见期限为 {result.describe_length()}，少于法定的{result.rule.describe()}。"
            "如确需缩短，请填写缩短理由，理由将向社会公开。"
        )
    return result
