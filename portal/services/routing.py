"""Which liaison point a comment goes to, and why. One pure function, so every rule can be tested.

In order:
1. the point the commenter chose;
2. a point assigned to the draft, in the commenter's district;
3. any point in the commenter's district;
4. a point assigned to the draft;
5. the least-loaded active point.

Where a rule leaves several points, the one with the fewest open items wins; then the one that was
given a comment longest ago (round robin, derived from the data so every process agrees); then the
city's own order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from portal.models.comments import RoutingReason

_NEVER = datetime.min


class Candidate(NamedTuple):
    """A point as routing sees it (a tuple: every submission builds one per active point)."""

    point_id: int
    district: str
    open_items: int
    last_assigned_at: datetime | None
    sort_order: int
    active: bool = True
    assigned_to_draft: bool = False


@dataclass(frozen=True)
class Route:
    point_id: int
    reason: RoutingReason


class NoLiaisonPoint(RuntimeError):
    """There is no active liaison point at all: a configuration error, not the citizen's."""


def _fairest(candidates: Sequence[Candidate]) -> Candidate:
    def key(c: Candidate) -> tuple[int, datetime, int, int]:
        last = c.last_assigned_at.replace(tzinfo=None) if c.last_assigned_at else _NEVER
        return (c.open_items, last, c.sort_order, c.point_id)

    return min(candidates, key=key)


def route(
    candidates: Sequence[Candidate], *, district: str = "", chosen_point_id: int | None = None
) -> Route:
    active = [c for c in candidates if c.active]
    if not active:
        raise NoLiaisonPoint("没有可用的基层立法联系点")
    if chosen_point_id is not None:
        chosen = next((c for c in active if c.point_id == chosen_point_id), None)
        if chosen is not None:
            return Route(chosen.point_id, RoutingReason.CHOSEN)
    in_district = [c for c in active if district and c.district == district]
    for_draft = [c for c in active if c.assigned_to_draft]
    steps: tuple[tuple[list[Candidate], RoutingReason], ...] = (
        ([c for c in in_district if c.assigned_to_draft], RoutingReason.DRAFT_POINT_IN_DISTRICT),
        (in_district, RoutingReason.DISTRICT_POINT),
        (for_draft, RoutingReason.DRAFT_POINT),
        (active, RoutingReason.LEAST_LOADED),
    )
    for pool, reason in steps:
        if pool:
            return Route(_fairest(pool).point_id, reason)
    raise AssertionError("unreachable: the last pool is every active point")  # pragma: no cover
