"""Screening free text for personal data: ID numbers (with their check character and a real birth
date), phones as people type them, e-mail addresses and bank cards — and ordinary numbers left alone."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.services.screening import Kind, find, id_check_character, kinds, luhn_ok, mask


def id_number(region: str = "440106", born: str = "19900307", sequence: str = "123") -> str:
    first17 = region + born + sequence
    return first17 + id_check_character(first17)


def card_number(prefix: str = "622202", length: int = 19) -> str:
    """A number passing the Luhn check."""
    body = (prefix + "1234567890123456789")[: length - 1]
    return next(body + d for d in "0123456789" if luhn_ok(body + d))


ID = id_number()  # 440106199003071231
ID_X = next(
    id_number(sequence=f"{n:03d}") for n in range(1000) if id_number(sequence=f"{n:03d}").endswith("X")
)
CARD = card_number()


def found(text: str) -> list[tuple[str, str]]:
    return [(f.kind.value, text[f.start : f.end]) for f in find(text)]


# --- ID numbers -------------------------------------------------------------------------------------


def test_an_id_number_is_found_however_it_is_written():
    assert found(f"我的身份证号是{ID}，请保密") == [("id_number", ID)]
    assert found(f"身份证 {ID[:6]} {ID[6:14]} {ID[14:]}") == [("id_number", f"{ID[:6]} {ID[6:14]} {ID[14:]}")]
    assert found(f"证件{ID_X.lower()}") == [("id_number", ID_X.lower())]
    full_width = ID_X.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    assert found(f"号码：{full_width}") == [("id_number", full_width)]
    assert kinds(f"{ID[:4]}-{ID[4:8]}-{ID[8:12]}-{ID[12:16]}-{ID[16:]}") == {Kind.ID_NUMBER}


def test_numbers_that_only_look_like_an_id_number_are_not_flagged():
    wrong_check = ID[:17] + str((int(ID[17]) + 1) % 10) if ID[17] != "X" else ID[:17] + "0"
    assert kinds(wrong_check) == set()
    unborn = (date.today() + timedelta(days=400)).strftime("%Y%m%d")
    assert kinds(id_number(born=unborn)) == set()  # a birth date still to come
    assert kinds(id_number(born="19900230")) == set()  # no 30 February
    assert kinds(id_number(region="990106")) == set()  # no province 99
    assert kinds("订单号 202403071234567890，金额 1,380,013,800 元") == set()


def test_an_old_fifteen_digit_id_is_found_only_where_the_text_says_it_is_one():
    old = "440106900307123"
    assert found(f"我的旧身份证号 {old}") == [("id_number", old)]
    assert kinds(f"注册号 {old}") == set()


# --- phones ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "138.0013.8000",
        "１３８ ００１３ ８０００",
        "１３８－００１３－８０００",
        "+86 138 0013 8000",
        "+8613800138000",
        "0086 13800138000",
        "1 3 8 0 0 1 3 8 0 0 0",
        "①③⑧⓪⓪①③⑧⓪⓪⓪",
        "138\u200b0013\u200b8000",
    ],
)
def test_a_mobile_is_found_however_it_is_written(typed: str):
    assert found(f"有事请打{typed}联系我") == [("mobile", typed)]
    assert mask(f"有事请打{typed}联系我") == "有事请打［手机号码已隐去］联系我"


@pytest.mark.parametrize("typed", ["020-83001234", "(020)8300 1234", "（0755）88888888", "0755 8888 8888"])
def test_a_landline_with_its_area_code_is_found(typed: str):
    assert found(f"座机{typed}。") == [("landline", typed)]


@pytest.mark.parametrize(
    "ordinary",
    [
        "根据2023年第12号文，第1380条",
        "罚款13800138000元",  # an amount, not a phone
        "日期 2024-03-07 13:00，2024.03.07",
        "第 1 3 5 7 9 11 13 15 条",
        "国家标准 GB 50016-2014 和 GB/T 2260-2007",
        "本市常住人口 18827000 人，电话 83001234",  # no area code: not enough to reach anyone
        "0.2083001234",
    ],
)
def test_ordinary_numbers_are_left_alone(ordinary: str):
    assert find(ordinary) == []
    assert mask(ordinary) == ordinary


def test_a_phone_next_to_other_numbers_is_still_found():
    assert found("第3条 13800138000") == [("mobile", "13800138000")]
    assert found("电话13800138000x") == [("mobile", "13800138000")]  # an x that is not a check character
    assert found("电话：13800138000 13900139000") == [("mobile", "13800138000"), ("mobile", "13900139000")]


# --- e-mail, bank cards ---------------------------------------------------------------------------


def test_an_email_address_is_found_with_full_width_or_bracketed_at():
    assert found("请发邮件至 li_si+law@mail-gz.gov.cn 联系") == [("email", "li_si+law@mail-gz.gov.cn")]
    assert found("邮箱zhang.san＠qq．com") == [("email", "zhang.san＠qq．com")]
    assert found("邮箱 zhangsan(at)qq.com") == [("email", "zhangsan(at)qq.com")]
    assert found("邮箱 zhangsan [AT] 163.com") == [("email", "zhangsan [AT] 163.com")]
    assert find("意见请回复到张三zhang.san@example的邮箱") == []  # no domain
    assert find("@某某部门 请重视") == []


def test_a_bank_card_passing_the_luhn_check_is_found():
    grouped = " ".join(CARD[i : i + 4] for i in range(0, len(CARD), 4))
    assert found(f"卡号{CARD}") == [("bank_card", CARD)]
    assert found(f"退款请打到 {grouped} 谢谢") == [("bank_card", grouped)]
    visa = card_number("4", 16)
    assert kinds(visa) == {Kind.BANK_CARD}
    assert kinds(visa[:-1] + str((int(visa[-1]) + 1) % 10)) == set()  # fails the check


def test_an_id_number_is_never_also_a_bank_card_and_masking_keeps_the_rest():
    text = f"身份证{ID}，手机138 0013 8000，邮箱a@b.cn，卡号{CARD}。"
    assert [f.kind for f in find(text)] == [Kind.ID_NUMBER, Kind.MOBILE, Kind.EMAIL, Kind.BANK_CARD]
    assert mask(text) == (
        "身份证［身份证号码已隐去］，手机［手机号码已隐去］，邮箱［电子邮箱已隐去］，卡号［银行卡号已隐去］。"
    )


# --- properties and speed -------------------------------------------------------------------------

PIECES = st.sampled_from(
    ["1", "3", "8", "0", "6", "X", " ", "-", ".", "（", "+86", "@", "a", "qq.com", "第", "元", "１", "①"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join))
def test_masked_text_holds_no_personal_data(text: str):
    masked = mask(text)
    assert find(masked) == []
    if not find(text):
        assert masked == text


@pytest.mark.parametrize(
    "hostile",
    [
        "1 " * 25_000,
        "138 " * 12_500,
        "1234-" * 10_000,
        "a" * 50_000 + "@",
        "a." * 25_000 + "@b",
        ("a" * 63 + "!@") * 800,
        "(at)" * 12_500,
        "a@" + "b." * 25_000,
        "建议明确审批时限。" * 5_000,
    ],
    ids=lambda text: f"{text[:6]!r}×{len(text)}",
)
def test_screening_stays_linear_on_hostile_text(hostile: str):
    # Ten times the longest field anyone may send: a backtracking pattern would take minutes here.
    started = time.perf_counter()
    find(hostile)
    assert time.perf_counter() - started < 3
