"""Levels of government (市级、区级、街道、镇): checking a level and district pair, the names shown for
them, and the public filter over drafts and catalogs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlencode

from portal.models import DecisionCatalog, GovLevel
from portal.services.liaison import DISTRICT_ORDER

DISTRICTS = DISTRICT_ORDER


class LevelError(ValueError):
    """A level or district that does not fit; the message (Chinese) says why, ``field`` says where."""

    def __init__(self, message: str, field: str = "district") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Scope:
    """Who a draft or catalog belongs to: the city, or a district or street/town in ``district``."""

    level: GovLevel = GovLevel.CITY
    district: str = ""

    @property
    def label(self) -> str:
        return scope_label(self.level, self.district)


def parse_level(raw: str) -> GovLevel:
    if raw not in {lv.value for lv in GovLevel}:
        raise LevelError("请选择有效的层级（市级、区级或街道、镇）。", "level")
    return GovLevel(raw)


def check(level: GovLevel, district: str) -> Scope:
    """The district is required for district and street levels and must be one of the city's
    districts; a city-level draft or catalog has none."""
    district = district.strip()
    if district.endswith("区") and district[:-1] in DISTRICTS:
        district = district[:-1]  # "天河区" typed by hand means 天河
    if level is GovLevel.CITY:
        if district:
            raise LevelError("市级草案或目录不属于某一个区，请不要选择所在区。")
        return Scope()
    if not district:
        raise LevelError(f"{level.label}须选择所在区。")
    if district not in DISTRICTS:
        raise LevelError(f"“{district}”不是本市的区，请从列表中选择。")
    return Scope(level, district)


def district_name(district: str) -> str:
    return f"{district}区" if district else ""


def scope_label(level: GovLevel, district: str) -> str:
    """市级 · 天河区 · 天河区街道、镇 — the badge shown on draft cards and pages."""
    if level is GovLevel.CITY:
        return level.label
    if level is GovLevel.DISTRICT:
        return district_name(district)
    return f"{district_name(district)}{level.label}"


class Scoped(Protocol):
    level: GovLevel
    district: str


def label_of(item: Scoped) -> str:
    """The level badge of a draft or catalog."""
    return scope_label(GovLevel(item.level), item.district)


def default_body(scope: Scope, city: str) -> str:
    """The government that adopts a city or district catalog; a street's or town's must be named."""
    if scope.level is GovLevel.CITY:
        return f"{city}人民政府"
    if scope.level is GovLevel.DISTRICT:
        return f"{city}{district_name(scope.district)}人民政府"
    return ""


CITY = Scope()


@dataclass(frozen=True)
class LevelFilter:
    """A public filter: a level, a district, both or neither. A district alone means every draft
    of that district, its own and its streets' and towns'."""

    level: GovLevel | None = None
    district: str = ""

    @property
    def active(self) -> bool:
        return self.level is not None or bool(self.district)


def parse_scope(level_raw: str, district_raw: str) -> Scope:
    """A catalog picked by query parameters: a district alone means that district's own catalog."""
    district = district_raw.strip()
    if district and district not in DISTRICTS and district.removesuffix("区") not in DISTRICTS:
        raise LevelError(f"“{district[:20]}”不是本市的区。")
    default = GovLevel.DISTRICT if district else GovLevel.CITY
    return check(parse_level(level_raw) if level_raw else default, district)


def parse_filter(level_raw: str, district_raw: str) -> LevelFilter:
    level = parse_level(level_raw) if level_raw else None
    district = district_raw.strip()
    if district and district not in DISTRICTS:
        raise LevelError(f"“{district[:20]}”不是本市的区。")
    # City level with a district is a valid, empty selection (city drafts belong to no district).
    return LevelFilter(level, district)


def scope_query(scope: Scope) -> str:
    """The query string that picks a scope's catalog on the public pages ("" for the city)."""
    if scope.level is GovLevel.CITY:
        return ""
    return urlencode({"level": scope.level.value, "district": scope.district})


def catalog_query(catalog: DecisionCatalog) -> str:
    """The query string of a catalog's public page: its year, and its level, district and body
    when it is not the city's."""
    params: dict[str, str | int] = {"year": catalog.year}
    if catalog.level != GovLevel.CITY:
        params.update(level=catalog.level.value, district=catalog.district)
    if catalog.level == GovLevel.STREET:
        params["body"] = catalog.body
    return urlencode(params)
