"""The demo data reads as a portal in use on whatever day it is loaded: this year's catalog, drafts open
now, a hearing ahead, and nothing recorded as done after the moment it was loaded. The clock is set by
the test (time-machine moves the wall clock; the event loop's monotonic clock is left alone) to days
that stress the dates: the first hour of a year, the last of one, a leap day, the National Day week."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import httpx
import pytest
import time_machine
from tortoise import Tortoise
from tortoise.fields import DateField, DatetimeField
from tortoise.timezone import now

from portal.models import (
    DecisionCatalog,
    DocumentStatus,
    Draft,
    GovLevel,
    Hearing,
    HearingStatus,
    NormativeDocument,
    ProcedureStep,
)
from portal.services import demo, drafts
from portal.services.calendar import LOCAL_TZ, today
from portal.services.hearing import service

# Fields that name a moment still ahead by design: deadlines, validity ends, windows and hearings to come.
AHEAD_BY_DESIGN = {
    ("Draft", "closes_at"),
    ("Draft", "opens_at"),  # a draft announced before its window opens
    ("DraftVersion", "published_at"),  # the version of that announced draft
    ("Comment", "due_at"),
    ("LegalityReview", "due_at"),
    ("Hearing", "starts_at"),
    ("Hearing", "ends_at"),
    ("Hearing", "registration_closes_at"),
    ("NormativeDocument", "expires_on"),
    ("NormativeDocument", "effective_on"),  # issued now, in force from a later day
}


def _next(day: date, month: int, dom: int) -> date:
    """The first ``month``/``dom`` after ``day`` (29 February: in the next leap year)."""
    year = day.year
    while True:
        try:
            candidate = date(year, month, dom)
        except ValueError:
            year += 1
            continue
        if candidate > day:
            return candidate
        year += 1


def _days_to_try() -> Iterator[datetime]:
    """Moments ahead of today, in Guangzhou's time: never a date the calendar can overtake."""
    base = today()
    yield datetime.combine(_next(base, 1, 1), time(0, 30), tzinfo=LOCAL_TZ)
    yield datetime.combine(_next(base, 12, 31), time(23, 30), tzinfo=LOCAL_TZ)
    yield datetime.combine(_next(base, 2, 29), time(10), tzinfo=LOCAL_TZ)
    yield datetime.combine(_next(base, 10, 3), time(15), tzinfo=LOCAL_TZ)


async def _recorded_after(moment: datetime) -> list[str]:
    """Every date or time in the database later than ``moment`` that is not ahead by design."""
    found = []
    for model in Tortoise.apps["models"].values():
        for name, field in model._meta.fields_map.items():
            if (model.__name__, name) in AHEAD_BY_DESIGN:
                continue
            if isinstance(field, DatetimeField):
                limit: object = moment
            elif isinstance(field, DateField):
                limit = moment.astimezone(LOCAL_TZ).date()
            else:
                continue
            later = await model.filter(**{f"{name}__gt": limit}).values_list(name, flat=True)
            found += [f"{model.__name__}.{name} = {value}" for value in later[:3]]
    return found


@pytest.mark.parametrize("moment", list(_days_to_try()), ids=lambda m: m.strftime("%m-%d"))
async def test_the_demo_is_believable_on_any_day(db, client: httpx.AsyncClient, moment: datetime):
    with time_machine.travel(moment, tick=True):
        day = today()
        await demo.seed()

        catalog = await DecisionCatalog.get(level=GovLevel.CITY, year=day.year)
        assert catalog.approved_on is not None and catalog.approved_on <= day
        assert await DecisionCatalog.exists(level=GovLevel.DISTRICT, district="天河", year=day.year)
        page = (await client.get("/decisions")).text
        assert f"{day.year} 年度" in page
        steps = await ProcedureStep.filter(started_on__isnull=False)
        assert steps and all(s.started_on <= day for s in steps if s.started_on)

        open_now = [d for d in await Draft.all() if drafts.effective_status(d).value == "open"]
        assert len(open_now) >= 3
        hearings = await Hearing.all()
        assert any(service.registration_open(h) and h.starts_at > now() for h in hearings)
        held = [h for h in hearings if h.status == HearingStatus.REPORT_PUBLISHED]
        assert held and all(h.starts_at < now() for h in held)

        statuses = {d.status for d in await NormativeDocument.all()}
        assert {DocumentStatus.IN_FORCE, DocumentStatus.EXPIRED} <= statuses
        soon = day + timedelta(days=90)
        assert await NormativeDocument.filter(
            status=DocumentStatus.IN_FORCE, expires_on__gte=day, expires_on__lte=soon
        ).exists()

        later = await _recorded_after(now() + timedelta(minutes=5))
        assert later == [], "\n".join(later)
