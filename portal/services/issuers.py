"""Who issued a normative document, read from the issuer's name: the level of the unified number
(制定机关层级) and the district, and which issuer may amend or repeal another's document.

The name says the level the way a reader of a document's header would tell it:

- 01 市人民政府及其办公厅: "广州市人民政府", "广州市人民政府办公厅" (also "市人民政府…" without the city);
- 02 市政府工作部门: the city's 局 / 委员会 / 办公室 …, e.g. "广州市交通运输局";
- 03 区人民政府及其部门: "广州市天河区人民政府", "天河区人民政府办公室", "天河区住房和建设局";
- 04 街道办事处、镇人民政府: "海珠区南华西街道办事处", "增城区新塘镇人民政府" (the district from the name).

A name that fits none of these (a 支队, a 管委会, a district that is not the city's) is not guessed:
staff choose the level, and are told why. A level chosen against what the name says is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from portal.models import IssuerLevel
from portal.services.liaison import DISTRICT_ORDER

CITY_NAME = "广州市"
DISTRICTS = DISTRICT_ORDER
# What a government body's name ends with; a name with none of these is not guessed at.
DEPARTMENT_SUFFIXES = ("局", "委员会", "办公室", "研究室", "署")
STREET_TOWN_RE = re.compile(r".+(街道办事处|镇人民政府)$")
GOVERNMENT_NAMES = ("人民政府",)
GOVERNMENT_OFFICES = ("人民政府办公厅", "人民政府办公室")
# "某区", "ABC区": a district named in the text that is not one of the city's.
ANY_DISTRICT_RE = re.compile(r"^(.{1,4}?区)")


class IssuerError(ValueError):
    """The issuer's level or district does not fit its name; ``field`` names the form field."""

    def __init__(self, message: str, field: str = "issuer_level") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class IssuerClass:
    """What an issuer's name says: its level (None: the name does not tell), its district ("" for the
    city's bodies or when the name names none), whether it is a people's government itself or its
    general office, and, when the level is unknown, why."""

    level: IssuerLevel | None
    district: str = ""
    government: bool = False  # 人民政府 itself (not its office or a department)
    office: bool = False  # 人民政府办公厅 / 办公室
    reason: str = ""


def canonical(name: str) -> str:
    """One spelling per body: "市交通运输局" and "天河区人民政府" are "广州市…" bodies."""
    name = re.sub(r"\s+", "", name)
    if name.startswith(CITY_NAME):
        return name
    if name.startswith("市") and not name.startswith("市场"):
        return CITY_NAME + name[1:]
    if any(name.startswith(f"{d}区") for d in DISTRICTS):
        return CITY_NAME + name
    return name


def _department(rest: str) -> bool:
    return len(rest) > 1 and rest.endswith(DEPARTMENT_SUFFIXES)


def classify(name: str) -> IssuerClass:
    """Read the level and district from an issuer's name (see the module's docstring)."""
    full = canonical(name)
    if not full:
        return IssuerClass(None, reason="没有填写制定机关。")
    in_city = full.startswith(CITY_NAME)
    rest = full.removeprefix(CITY_NAME) if in_city else full
    district = next((d for d in DISTRICTS if rest.startswith(f"{d}区")), "")
    if district:
        tail = rest.removeprefix(f"{district}区")
        if STREET_TOWN_RE.match(tail):
            return IssuerClass(IssuerLevel.STREET_TOWN, district)
        if tail in GOVERNMENT_NAMES:
            return IssuerClass(IssuerLevel.DISTRICT, district, government=True)
        if tail in GOVERNMENT_OFFICES:
            return IssuerClass(IssuerLevel.DISTRICT, district, office=True)
        if _department(tail):
            return IssuerClass(IssuerLevel.DISTRICT, district)
        return IssuerClass(None, district, reason=f"名称“{name}”中的“{tail}”不是常见的区人民政府或其部门名称")
    if STREET_TOWN_RE.match(rest):
        return IssuerClass(
            IssuerLevel.STREET_TOWN, reason=f"名称“{name}”表明是街道办事处或镇人民政府，但没有写明所在区"
        )
    other = ANY_DISTRICT_RE.match(rest)
    if other and not rest.startswith("人民政府"):
        return IssuerClass(None, reason=f"名称“{name}”中的“{other.group(1)}”不是本市的区")
    if not in_city:
        return IssuerClass(None, reason=f"名称“{name}”没有以“{CITY_NAME}”或本市的区名开头")
    if rest in GOVERNMENT_NAMES:
        return IssuerClass(IssuerLevel.CITY_GOVERNMENT, government=True)
    if rest in (*GOVERNMENT_OFFICES, "政府办公厅"):
        return IssuerClass(IssuerLevel.CITY_GOVERNMENT, office=True)
    if _department(rest):
        return IssuerClass(IssuerLevel.CITY_DEPARTMENT)
    return IssuerClass(
        None,
        reason=f"名称“{name}”不以{'、'.join(f'“{s}”' for s in DEPARTMENT_SUFFIXES)}等政府部门名称结尾",
    )


def _level_text(level: IssuerLevel) -> str:
    return f"{level.label}（{level.value}）"


def resolve(name: str, chosen: IssuerLevel | None, district: str) -> tuple[IssuerLevel, str]:
    """The level and district a document of ``name`` is published under: what the name says, or
    what staff chose where the name does not say it. IssuerError when a choice contradicts the name,
    or when the name does not tell and nothing (or no district) was chosen."""
    district = district.strip()
    if district.endswith("区") and district[:-1] in DISTRICTS:
        district = district[:-1]  # "天河区" typed by hand means 天河
    found = classify(name)
    if found.level is None:
        if chosen is None:
            raise IssuerError(f"无法根据制定机关名称判断层级：{found.reason}。请选择制定机关层级。")
        level = chosen
    else:
        if chosen is not None and chosen != found.level:
            raise IssuerError(
                f"制定机关“{name}”按名称属于{_level_text(found.level)}，与所选的"
                f"{_level_text(chosen)}不符。请核对制定机关名称，或改选层级。"
            )
        level = found.level
    if level not in (IssuerLevel.DISTRICT, IssuerLevel.STREET_TOWN):
        return level, ""
    if found.district:
        if district and district != found.district:
            raise IssuerError(
                f"制定机关“{name}”属于{found.district}区，与所选的{district}区不符。", "district"
            )
        return level, found.district
    if district not in DISTRICTS:
        raise IssuerError(f"制定机关“{name}”的名称中没有本市的区名，区级、街镇文件请选择所在区。", "district")
    return level, district


@dataclass(frozen=True)
class Issuer:
    """A document's issuing body as the library holds it: name, level and district."""

    name: str
    level: IssuerLevel
    district: str = ""


def may_act_on(source: Issuer, target: Issuer) -> bool:
    """May a document of ``source`` amend or repeal a document of ``target``?

    The same body may; the city government (市人民政府 and its 办公厅) may act on its departments'
    documents and on those of districts, streets and towns; a district government (区人民政府 and its
    办公室) on those of its own district's departments, streets and towns; a people's government on
    its own general office's. A department may not act on another body's document, and nobody on a
    higher level's.
    """
    if canonical(source.name) == canonical(target.name):
        return True
    who, whom = classify(source.name), classify(target.name)
    if not (who.government or who.office) or who.level != source.level:
        return False  # only a people's government or its office acts on another body's documents
    if source.level == IssuerLevel.CITY_GOVERNMENT:
        if target.level == IssuerLevel.CITY_GOVERNMENT:
            return who.government and whom.office
        return True
    if source.level == IssuerLevel.DISTRICT and source.district and target.district == source.district:
        if target.level == IssuerLevel.STREET_TOWN:
            return True
        if target.level == IssuerLevel.DISTRICT:
            return (who.government and not whom.government) or not (whom.government or whom.office)
    return False
