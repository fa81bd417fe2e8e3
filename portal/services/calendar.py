"""Working days in mainland China: weekends and public holidays off, adjusted weekend workdays on.

chinese_calendar knows the State Council's holiday schedule for the years it has data for; beyond
those years (the schedule is announced each December) Monday to Friday are counted as working days.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar

LOCAL_TZ = ZoneInfo("Asia/Shanghai")


@functools.lru_cache(maxsize=4096)
def is_working_day(day: date) -> bool:
    """(Cached: the answer for a date never changes while the process runs; every comment's due date
    asks it for several days.)"""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        # chinese_calendar raises this for years its holiday tables do not cover yet (the State Council
        # publishes each year's schedule in the autumn before): fall back to Monday–Friday.
        return day.weekday() < 5


def working_days_between(first: date, last: date) -> int:
    """Working days from ``first`` to ``last``, both included."""
    count = 0
    day = first
    while day <= last:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count


@functools.lru_cache(maxsize=1024)
def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (start itself not counted). Remembered: every
    comment of a day asks for the same due date."""
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def local_date(moment: datetime) -> date:
    return moment.astimezone(LOCAL_TZ).date()


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LOCAL_TZ)


def end_of_day(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), tzinfo=LOCAL_TZ)


def today() -> date:
    return datetime.now(LOCAL_TZ).date()


# --- moments as people read them: Beijing time, in every page and every file -----------------------


def local_iso(moment: datetime | None) -> str | None:
    """A stored (UTC) moment as an ISO 8601 string in Beijing time (2026-05-03T14:05:00+08:00), for
    files and JSON: the same instant, written as the pages show it."""
    return moment.astimezone(LOCAL_TZ).isoformat(timespec="seconds") if moment is not None else None


def beijing_text(moment: datetime) -> str:
    """2026年5月3日 14:05（北京时间）: a moment as a Chinese document writes it."""
    local = moment.astimezone(LOCAL_TZ)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}（北京时间）"
