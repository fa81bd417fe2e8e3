"""The issuer of a normative document: its level (制定机关层级) and district read from its name, a choice
that contradicts the name refused, and who may amend or repeal whose documents."""

from __future__ import annotations

import pytest

from portal.models import IssuerLevel
from portal.services import issuers
from portal.services.issuers import Issuer, IssuerError

CITY, DEPT, DISTRICT, STREET = (
    IssuerLevel.CITY_GOVERNMENT,
    IssuerLevel.CITY_DEPARTMENT,
    IssuerLevel.DISTRICT,
    IssuerLevel.STREET_TOWN,
)


@pytest.mark.parametrize(
    ("name", "level", "district"),
    [
        ("广州市人民政府", CITY, ""),
        ("广州市人民政府办公厅", CITY, ""),
        ("市人民政府办公厅", CITY, ""),
        ("广州市交通运输局", DEPT, ""),
        ("广州市发展和改革委员会", DEPT, ""),
        ("广州市人民政府国有资产监督管理委员会", DEPT, ""),
        ("市住房和城乡建设局", DEPT, ""),
        ("广州市天河区人民政府", DISTRICT, "天河"),
        ("番禺区人民政府办公室", DISTRICT, "番禺"),
        ("广州市天河区住房和建设局", DISTRICT, "天河"),
        ("广州市海珠区南华西街道办事处", STREET, "海珠"),
        ("增城区新塘镇人民政府", STREET, "增城"),
    ],
)
def test_the_level_and_district_are_read_from_the_name(name: str, level: IssuerLevel, district: str):
    found = issuers.classify(name)
    assert (found.level, found.district) == (level, district)


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("广州市消防救援支队", "政府部门名称结尾"),
        ("广州市某区人民政府", "“某区”不是本市的区"),
        ("深圳市交通运输局", "没有以“广州市”"),
    ],
)
def test_a_name_that_does_not_tell_is_not_guessed(name: str, why: str):
    found = issuers.classify(name)
    assert found.level is None and why in found.reason


def test_the_name_decides_and_staff_choose_only_where_it_does_not():
    assert issuers.resolve("广州市交通运输局", None, "") == (DEPT, "")
    assert issuers.resolve("广州市交通运输局", DEPT, "") == (DEPT, "")
    assert issuers.resolve("广州市天河区人民政府", None, "") == (DISTRICT, "天河")
    assert issuers.resolve("天河区人民政府", DISTRICT, "天河区") == (DISTRICT, "天河")
    with pytest.raises(
        IssuerError, match="按名称属于市政府工作部门（02），与所选的区人民政府及其部门（03）不符"
    ):
        issuers.resolve("广州市交通运输局", DISTRICT, "天河")
    with pytest.raises(IssuerError, match="属于天河区，与所选的海珠区不符") as wrong_district:
        issuers.resolve("广州市天河区人民政府", None, "海珠")
    assert wrong_district.value.field == "district"
    # The name does not tell: staff choose, and are told why.
    with pytest.raises(IssuerError, match=r"无法根据制定机关名称判断层级.*请选择制定机关层级"):
        issuers.resolve("广州市消防救援支队", None, "")
    assert issuers.resolve("广州市消防救援支队", DEPT, "") == (DEPT, "")
    # A street office named without its district: the district is asked for.
    with pytest.raises(IssuerError, match="请选择所在区"):
        issuers.resolve("石牌街道办事处", None, "")
    assert issuers.resolve("石牌街道办事处", None, "天河") == (STREET, "天河")


CITY_GOV = Issuer("广州市人民政府", CITY)
CITY_OFFICE = Issuer("广州市人民政府办公厅", CITY)
TRANSPORT = Issuer("广州市交通运输局", DEPT)
HOUSING = Issuer("广州市住房和城乡建设局", DEPT)
TIANHE = Issuer("广州市天河区人民政府", DISTRICT, "天河")
TIANHE_OFFICE = Issuer("广州市天河区人民政府办公室", DISTRICT, "天河")
TIANHE_HOUSING = Issuer("广州市天河区住房和建设局", DISTRICT, "天河")
SHIPAI = Issuer("广州市天河区石牌街道办事处", STREET, "天河")
PANYU = Issuer("广州市番禺区人民政府", DISTRICT, "番禺")
PANYU_TOWN = Issuer("广州市番禺区石楼镇人民政府", STREET, "番禺")


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (TRANSPORT, Issuer("市交通运输局", DEPT)),  # the same body, however spelt
        (CITY_GOV, TRANSPORT),
        (CITY_OFFICE, TRANSPORT),
        (CITY_GOV, CITY_OFFICE),
        (CITY_GOV, TIANHE),
        (CITY_OFFICE, SHIPAI),
        (TIANHE, TIANHE_HOUSING),
        (TIANHE_OFFICE, TIANHE_HOUSING),
        (TIANHE, TIANHE_OFFICE),
        (TIANHE, SHIPAI),
        (PANYU, PANYU_TOWN),
    ],
)
def test_the_same_issuer_or_a_higher_one_may_amend_or_repeal(source: Issuer, target: Issuer):
    assert issuers.may_act_on(source, target)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (TRANSPORT, HOUSING),  # a department on another department's document
        (TRANSPORT, CITY_GOV),  # on a higher level's
        (TRANSPORT, TIANHE_HOUSING),  # a city department does not lead a district's
        (CITY_OFFICE, CITY_GOV),  # the office on its government's
        (TIANHE, CITY_OFFICE),
        (TIANHE, TRANSPORT),
        (TIANHE, PANYU_TOWN),  # another district's town
        (TIANHE_OFFICE, TIANHE),
        (TIANHE_HOUSING, SHIPAI),  # a district department is not the street's superior
        (SHIPAI, TIANHE_HOUSING),
        (Issuer("广州市消防救援支队", DEPT), TRANSPORT),
    ],
)
def test_nobody_else_may(source: Issuer, target: Issuer):
    assert not issuers.may_act_on(source, target)
