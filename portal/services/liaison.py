"""Liaison points: the public directory and the keyset-paginated listing."""

from __future__ import annotations

from dataclasses import dataclass

from portal import columns
from portal.models import LiaisonPoint

# Guangzhou's districts in the order the city lists them; other cities' districts sort after these.
DISTRICT_ORDER = ("越秀", "海珠", "荔湾", "天河", "白云", "黄埔", "番禺", "花都", "南沙", "从化", "增城")


@dataclass(frozen=True)
class DistrictGroup:
    district: str
    points: list[LiaisonPoint]


def _district_key(district: str) -> tuple[int, str]:
    try:
        return (DISTRICT_ORDER.index(district), district)
    except ValueError:
        return (len(DISTRICT_ORDER), district)


async def grouped_by_district() -> list[DistrictGroup]:
    points = await LiaisonPoint.filter(active=True).order_by("sort_order", "code")
    groups: dict[str, list[LiaisonPoint]] = {}
    for point in points:
        groups.setdefault(point.district, []).append(point)
    return [DistrictGroup(d, groups[d]) for d in sorted(groups, key=_district_key)]


async def get_by_code(code: str) -> LiaisonPoint | None:
    return await columns.find(LiaisonPoint, code=code, active=True)
