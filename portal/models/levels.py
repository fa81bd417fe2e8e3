"""Levels of government: a draft or a decision catalog belongs to the city, a district, or a street
office or town (街道办事处、镇人民政府) inside a district."""

from __future__ import annotations

from enum import StrEnum


class GovLevel(StrEnum):
    CITY = "city"
    DISTRICT = "district"
    STREET = "street"  # a street office or a town government, always inside one district

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]

    @property
    def has_district(self) -> bool:
        return self is not GovLevel.CITY


LEVEL_LABELS: dict[GovLevel, str] = {
    GovLevel.CITY: "市级",
    GovLevel.DISTRICT: "区级",
    GovLevel.STREET: "街道、镇",
}
