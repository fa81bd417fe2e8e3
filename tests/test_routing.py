"""Every comment reaches exactly one liaison point, for a reason that is recorded."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime

import pytest

from portal.models import Comment, RoutingReason, Stance
from portal.services import comments
from portal.services.routing import Candidate, NoLiaisonPoint, Route, route
from tests.conftest import Personas, counted_queries, publish_text


def point(
    pid: int,
    district: str,
    *,
    open_items: int = 0,
    last: datetime | None = None,
    order: int = 0,
    draft: bool = False,
    active: bool = True,
) -> Candidate:
    return Candidate(pid, district, open_items, last, order, active=active, assigned_to_draft=draft)


CITY = [
    point(1, "天河", order=1),
    point(2, "天河", order=2, draft=True),
    point(3, "海珠", order=3),
    point(4, "越秀", order=4, draft=True),
    point(5, "白云", order=5),
]


def test_the_commenters_choice_comes_first():
    assert route(CITY, district="天河", chosen_point_id=5) == Route(5, RoutingReason.CHOSEN)


def test_an_inactive_choice_falls_back_to_the_rules():
    city = [*CITY[:4], point(5, "白云", active=False)]
    assert route(city, district="海珠", chosen_point_id=5).reason == RoutingReason.DISTRICT_POINT


def test_a_draft_point_in_the_commenters_district_is_preferred():
    assert route(CITY, district="天河") == Route(2, RoutingReason.DRAFT_POINT_IN_DISTRICT)


def test_otherwise_any_point_in_the_district():
    assert route(CITY, district="海珠") == Route(3, RoutingReason.DISTRICT_POINT)


def test_otherwise_a_point_assigned_to_the_draft():
    assert route(CITY, district="南沙") == Route(2, RoutingReason.DRAFT_POINT)  # 2 and 4: city order
    assert route(CITY, district="").reason == RoutingReason.DRAFT_POINT


def test_otherwise_the_least_loaded_point():
    city = [point(1, "天河", open_items=5), point(2, "海珠", open_items=2), point(3, "越秀", open_items=9)]
    assert route(city, district="南沙") == Route(2, RoutingReason.LEAST_LOADED)


def test_ties_go_to_the_point_that_waited_longest_then_the_city_order():
    early, late = datetime(2026, 1, 1, 9), datetime(2026, 1, 1, 10)
    city = [point(1, "天河", last=late, order=1), point(2, "天河", last=early, order=2)]
    assert route(city, district="天河").point_id == 2
    never = [point(1, "天河", last=late, order=1), point(2, "天河", last=None, order=2)]
    assert route(never, district="天河").point_id == 2
    same = [point(7, "天河", order=2), point(8, "天河", order=1)]
    assert route(same, district="天河").point_id == 8


def test_round_robin_spreads_a_burst_over_equal_points():
    from datetime import timedelta

    last: dict[int, datetime | None] = {1: None, 2: None, 3: None}
    clock = datetime(2026, 1, 1)
    chosen = []
    for _ in range(6):
        city = [point(pid, "天河", last=last[pid], order=pid) for pid in last]
        result = route(city, district="天河")
        chosen.append(result.point_id)
        clock += timedelta(seconds=1)
        last[result.point_id] = clock
    assert chosen == [1, 2, 3, 1, 2, 3]


def test_no_active_point_is_a_configuration_error():
    with pytest.raises(NoLiaisonPoint):
        route([point(1, "天河", active=False)])


async def test_a_burst_reads_the_routing_load_once_and_still_spreads(db, people: Personas, monkeypatch):
    """The load aggregates (over every comment) are read once per interval, not once per submission,
    and the comments this process routes in between still count, so equal points share the burst."""
    draft = await publish_text()
    monkeypatch.setattr(comments, "INTAKE_STATE_SECONDS", 3600.0)
    with counted_queries() as statements:
        for n in range(6):
            await comments.submit(draft, comments.CommentInput(body=f"第{n}条意见", stance=Stance.AMEND))
    aggregates = [
        s for s in statements if ("GROUP BY" in s.upper() or "MAX(" in s.upper()) and "liaison_point_id" in s
    ]
    assert len(aggregates) == 2  # open items and last assignment, read once for the whole burst
    spread = Counter(await Comment.filter(draft=draft).values_list("liaison_point_id", flat=True))
    assert len(spread) == 2 and set(spread.values()) == {3}  # the two test points, three each


async def test_concurrent_submissions_read_the_routing_load_once(db, people: Personas, monkeypatch):
    """Under a burst every request finds the load unread (or a second old) at the same moment: one of
    them reads it, the others wait for that read or use the previous one, never all at once."""
    draft = await publish_text()
    monkeypatch.setattr(comments, "INTAKE_STATE_SECONDS", 3600.0)
    with counted_queries() as statements:
        await asyncio.gather(
            *[
                comments.submit(draft, comments.CommentInput(body=f"并发意见{n}", stance=Stance.AMEND))
                for n in range(8)
            ]
        )
    aggregates = [s for s in statements if "GROUP BY" in s.upper() and "liaison_point_id" in s]
    assert len(aggregates) == 1
    # The sensitive words too: read by one of them, not by every request that found them unread.
    assert len([s for s in statements if '"sensitive_word"' in s]) == 1
    assert await Comment.filter(draft=draft).count() == 8
