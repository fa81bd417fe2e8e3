"""Personal data in free text: 居民身份证号, mobile and landline numbers, e-mail addresses and bank-card
numbers, however people type them (spaces, dashes, dots, full-width or circled digits, a +86 prefix).

Pure functions, no I/O: ``find`` says where, ``kinds`` what, ``mask`` gives the text as the public may
see it. Everything that publishes text a citizen typed goes through here: pre-moderation holds it
(``moderation.screen``) and public pages and the API mask it (the ``public_text`` template filter).

Numbers are told from personal data by what they must satisfy, so that article numbers, amounts, dates
and order numbers are left alone: an ID number its GB 11643 check digit, a province and a birth date
that has happened; a bank card the Luhn check and a card issuer's first digits; a phone number its
length, prefix and a grouping people use. Unicode digits are folded as NFKC folds them (１３８ -> 138,
① -> 1), one character at a time, so offsets in the folded text are offsets in the original and masking
touches nothing else.

Speed: this runs on every submission and on every public comment shown. One linear regex finds runs
of digits (each character class is disjoint from the next, so nothing backtracks); only runs long
enough to hold a phone number are looked at in Python, and e-mail addresses are looked for only around
an @ (or "(at)"), reading at most 64 characters back, never from every place an address could start.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from itertools import accumulate


class Kind(StrEnum):
    ID_NUMBER = "id_number"
    BANK_CARD = "bank_card"
    MOBILE = "mobile"
    LANDLINE = "landline"
    EMAIL = "email"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    Kind.ID_NUMBER: "身份证号码",
    Kind.BANK_CARD: "银行卡号",
    Kind.MOBILE: "手机号码",
    Kind.LANDLINE: "电话号码",
    Kind.EMAIL: "电子邮箱",
}
# 敏感个人信息 (《个人信息保护法》第二十八条): identity-document numbers and financial accounts.
SENSITIVE = frozenset({Kind.ID_NUMBER, Kind.BANK_CARD})
CONTACTS = frozenset({Kind.MOBILE, Kind.LANDLINE, Kind.EMAIL})
# When two findings overlap, the earlier kind here wins (an ID number is not also a bank card).
_PRIORITY = {kind: rank for rank, kind in enumerate(Kind)}


@dataclass(frozen=True, slots=True)
class Finding:
    kind: Kind
    start: int
    end: int


# --- character classes ----------------------------------------------------------------------------


def _single_fold(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ""


# Characters that are not decimal digits (\d matches full-width ones) but that NFKC turns into one:
# superscripts, subscripts and circled digits (² ₃ ① ⓪; NFKC leaves the dingbats ❶ alone, and so do we).
_EXTRA_DIGITS = "".join(
    chr(cp)
    for first, last in ((0x00B2, 0x00B9), (0x2070, 0x2089), (0x2460, 0x24FF))
    for cp in range(first, last + 1)
    if _single_fold(chr(cp)).isdigit() and _single_fold(chr(cp)).isascii()
)
_D = rf"\d{_EXTRA_DIGITS}"
_X = "XxＸｘ"  # the check character of an ID number
# What people put between groups of digits: spaces (not line breaks), dashes, dots, brackets.
_SEP = (
    " \t\u00a0\u2000-\u200d\u202f\u205f\u3000\ufeff"
    r"\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d"
    ".\uff0e\u00b7\u30fb\u2027"
    "()\uff08\uff09"
)
# A run: groups of digits (the last may end in X), joined by at most three separator characters.
_GROUP = f"[{_D}]+[{_X}]?"
_RUN_RE = re.compile(f"{_GROUP}(?:[{_SEP}]{{1,3}}{_GROUP})*")
_GROUP_RE = re.compile(_GROUP)
_PREFIX_CHARS = "+＋"
_SHORTEST = 11  # digits in the shortest number looked for (a mobile; a landline with its area code)
_LONGEST = 19  # and in the longest (a bank card)
_MOST_GROUPS = 11  # 1 3 8 0 0 1 3 8 0 0 0
# A number followed by a unit or preceded by a currency sign is an amount or a count, not a phone.
_UNIT_AFTER = "元圆万亿千百块角分%％‰米吨斤人次户辆台份件个名届期页"
_CURRENCY_BEFORE = "¥￥$＄"

_LOCAL_CHARS = r"A-Za-z0-9._%+\-Ａ-Ｚａ-ｚ０-９．＿－"
_LABEL = r"[A-Za-z0-9\-Ａ-Ｚａ-ｚ０-９－]{1,63}"
_AT_RE = re.compile(r"[@＠]|\s?[(\[（【]\s?at\s?[)\]）】]\s?", re.IGNORECASE)
_NOT_LOCAL_RE = re.compile(f"[^{_LOCAL_CHARS}]")
_DOMAIN_RE = re.compile(f"{_LABEL}(?:[.．]{_LABEL}){{1,8}}")
_AT_BRACKETS = re.compile(r"[(\[（【]\s?at\s?[)\]）】]", re.IGNORECASE)

# --- what makes a number personal data -----------------------------------------------------------

# First two digits of the administrative division code (GB/T 2260): provinces, HK, Macau, Taiwan.
_PROVINCES = frozenset(
    (
        *range(11, 16),
        *range(21, 24),
        *range(31, 38),
        *range(41, 47),
        *range(50, 55),
        *range(61, 66),
        71,
        81,
        82,
        83,
    )
)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_OLD_ID_CONTEXT = ("身份证", "证件号", "证号", "身份号")


def id_check_character(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits of an ID number."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def _region_ok(digits: str) -> bool:
    # Foreigners' permanent-residence cards (2023) start with 9 and then the province's first digit.
    return int(digits[:2]) in _PROVINCES or (digits[0] == "9" and digits[1] in "123456")


def _born(year: int, month: int, day: int, today: date) -> bool:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    try:
        born = date(year, month, day)
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= today


def is_id_number(value: str, today: date | None = None) -> bool:
    """An 18-character 居民身份证号: a region, a birth date that has happened, the check character."""
    if len(value) != 18 or not value[:17].isdigit() or value[17] not in "0123456789X":
        return False
    today = today or date.today()
    return (
        _region_ok(value)
        and _born(int(value[6:10]), int(value[10:12]), int(value[12:14]), today)
        and id_check_character(value[:17]) == value[17]
    )


def _is_old_id_number(value: str, today: date) -> bool:
    """A 15-digit first-generation ID (no check digit; born 19YY)."""
    return (
        len(value) == 15
        and _region_ok(value)
        and _born(1900 + int(value[6:8]), int(value[8:10]), int(value[10:12]), today)
    )


def luhn_ok(digits: str) -> bool:
    total = 0
    for position, ch in enumerate(reversed(digits)):
        n = int(ch)
        if position % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


# UnionPay 62/60, Visa 4, Mastercard 51-55 and 22-27, Amex/JCB/Diners 34-38, older domestic cards 9.
_CARD_START = re.compile(r"62|60|4|5[1-5]|2[2-7]|3[4-8]|9")


def _is_bank_card(digits: str, sizes: tuple[int, ...]) -> bool:
    if not 13 <= len(digits) <= 19 or not _CARD_START.match(digits):
        return False
    grouped = (
        len(sizes) == 1
        or all(size == 4 for size in sizes[:-1])  # 6222 0212 3456 7890 123
        or sizes in ((4, 6, 5), (4, 6, 4))  # Amex, Diners
        or (len(sizes) == 2 and sizes[0] == 6)  # 622202 1234567890123
    )
    return grouped and luhn_ok(digits)


def _is_mobile(digits: str, sizes: tuple[int, ...]) -> bool:
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    elif len(digits) == 15 and digits.startswith("0086"):
        digits = digits[4:]
    if len(digits) != 11 or digits[0] != "1" or digits[1] not in "3456789":
        return False
    # 138 0013 8000, 1380013-8000, +86 138…, or one digit at a time (1 3 8 0 …).
    return len(sizes) <= 5 or all(size == 1 for size in sizes)


def _is_landline(digits: str, sizes: tuple[int, ...]) -> bool:
    """An area code (010, 02x: three digits; others four) and a local number of 7 or 8 digits."""
    if len(digits) < 10 or digits[0] != "0" or digits[1] == "0":
        return False
    area = 3 if digits[1] in "12" else 4
    local = digits[area:]
    if len(local) not in ((8,) if area == 3 else (7, 8)) or local[0] in "01":
        return False
    return len(sizes) == 1 or (sizes[0] == area and len(sizes) <= 4)


# --- finding --------------------------------------------------------------------------------------


def _fold_digits(group: str) -> str:
    if group.isascii():
        return group.upper()
    return "".join(
        "X" if ch in _X else str(unicodedata.digit(ch)) for ch in unicodedata.normalize("NFKC", group)
    )


def _classify(
    text: str, digits: str, sizes: tuple[int, ...], start: int, end: int, today: date
) -> Kind | None:
    if digits.endswith("X"):
        return Kind.ID_NUMBER if is_id_number(digits, today) else None
    if is_id_number(digits, today):
        return Kind.ID_NUMBER
    if _is_old_id_number(digits, today) and any(
        w in text[max(0, start - 12) : start] for w in _OLD_ID_CONTEXT
    ):
        return Kind.ID_NUMBER
    if _is_bank_card(digits, sizes):
        return Kind.BANK_CARD
    amount = (end < len(text) and text[end] in _UNIT_AFTER) or (
        start > 0 and text[start - 1] in _CURRENCY_BEFORE
    )
    if amount:
        return None
    if _is_mobile(digits, sizes):
        return Kind.MOBILE
    if _is_landline(digits, sizes):
        return Kind.LANDLINE
    return None


def _worth_a_look(digits: str) -> bool:
    """A cheap first test of a span's digits: can any kind start like this at this length?"""
    n = len(digits)
    if n == 11:
        return digits[0] == "0" or (digits[0] == "1" and digits[1] in "3456789")
    if n == 12:
        return digits[0] == "0"
    card = _CARD_START.match(digits) is not None
    if n == 13:
        return card or digits.startswith("861")
    if n == 15:
        return card or digits.startswith("00861") or _region_ok(digits)
    if n == 18:
        return card or _region_ok(digits)
    return card


def _span_kind(text: str, digits: str, groups: list[str], start: int, end: int, today: date) -> Kind | None:
    if len(digits) < _SHORTEST or not _worth_a_look(digits):
        return None
    return _classify(text, digits, tuple(map(len, groups)), start, end, today)


def _numbers(text: str, today: date) -> list[Finding]:
    found = []
    for run in _RUN_RE.finditer(text):
        if run.end() - run.start() < _SHORTEST:
            continue
        spans = [g.span() for g in _GROUP_RE.finditer(text, *run.span())]
        # A group longer than any number looked for is a number of its own kind: it ends every span.
        segment: list[tuple[int, int]] = []
        for a, b in spans:
            if b - a > _LONGEST:
                found += _in_segment(text, segment, today)
                segment = []
            else:
                segment.append((a, b))
        found += _in_segment(text, segment, today)
    return found


def _in_segment(text: str, spans: list[tuple[int, int]], today: date) -> list[Finding]:
    """Every run of whole groups whose length fits: a phone may sit next to other numbers ("第3条 138
    0013 8000"), and digits inside a longer group are never a number of their own."""
    if len(spans) == 0:
        return []
    groups = [_fold_digits(text[a:b]) for a, b in spans]
    flat = "".join(groups)
    if len(flat) < _SHORTEST:
        return []
    # ends[i]: digits in groups[:i]; multi[i]: the first group from i that has two digits or more.
    ends = list(accumulate((len(g) for g in groups), initial=0))
    multi = [len(groups)] * (len(groups) + 1)
    for i in range(len(groups) - 1, -1, -1):
        multi[i] = i if len(groups[i]) > 1 else multi[i + 1]
    found = []
    for i in range(len(groups)):
        first = bisect_left(ends, ends[i] + _SHORTEST, i + 1)
        # Beyond five groups only one digit at a time is a way of writing a number (1 3 8 0 …).
        last = min(len(groups), i + (_MOST_GROUPS if multi[i] >= i + _MOST_GROUPS else 5))
        for j in range(first, last + 1):
            digits = flat[ends[i] : ends[j]]
            if len(digits) > _LONGEST or "X" in digits[:-1]:
                break
            start, end = spans[i][0], spans[j - 1][1]
            kind = _span_kind(text, digits, groups[i:j], start, end, today)
            if kind is None and digits.endswith("X"):  # 13800138000x: the x is not part of the number
                shorter = [*groups[i : j - 1], groups[j - 1][:-1]]
                kind = _span_kind(text, digits[:-1], shorter, start, end - 1, today)
                if kind is not None:
                    end -= 1
            if kind is None:
                continue
            if start > 0 and (
                (kind == Kind.MOBILE and text[start - 1] in _PREFIX_CHARS)
                or (kind == Kind.LANDLINE and text[start - 1] in "(（")
            ):
                start -= 1
            found.append(Finding(kind, start, end))
    return found


def _emails(text: str) -> list[Finding]:
    if "@" not in text and "＠" not in text and not _AT_BRACKETS.search(text):
        return []
    found = []
    # From each @: the address part before it (at most 64 characters, read backwards) and the domain
    # after it, so that a long text is read once, not once for every place an address could start.
    for at in _AT_RE.finditer(text):
        before = text[max(0, at.start() - 64) : at.start()][::-1]
        other = _NOT_LOCAL_RE.search(before)
        local = other.start() if other else len(before)
        domain = _DOMAIN_RE.match(text, at.end())
        if local == 0 or domain is None:
            continue
        tld = unicodedata.normalize("NFKC", domain.group()).rpartition(".")[2]
        if len(tld) >= 2 and tld.isalpha():
            found.append(Finding(Kind.EMAIL, at.start() - local, domain.end()))
    return found


def find(text: str, today: date | None = None) -> list[Finding]:
    """The personal data in ``text``, in order, none overlapping."""
    if not text:
        return []
    candidates = _numbers(text, today or date.today()) + _emails(text)
    if not candidates:
        return []
    candidates.sort(key=lambda f: (_PRIORITY[f.kind], f.start - f.end, f.start))
    kept: list[Finding] = []
    for finding in candidates:
        if all(finding.end <= k.start or k.end <= finding.start for k in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)


def kinds(text: str, today: date | None = None) -> set[Kind]:
    """Which kinds of personal data ``text`` holds (empty: none)."""
    return {f.kind for f in find(text, today)}


def placeholder(kind: Kind) -> str:
    return f"［{kind.label}已隐去］"


def mask(text: str, today: date | None = None) -> str:
    """``text`` with each piece of personal data replaced by a note of what was there."""
    findings = find(text, today)
    if not findings:
        return text
    parts = []
    position = 0
    for f in findings:
        parts.append(text[position : f.start])
        parts.append(placeholder(f.kind))
        position = f.end
    parts.append(text[position:])
    return "".join(parts)


# A public list shows 20 comments; 512 of the longest allowed (5,000 characters) hold about 10 MB.
@lru_cache(maxsize=512)
def public_text(text: str) -> str:
    """``mask``, remembered: what the public sees of text people typed. The same comments are shown
    on many pages, page after page: a text's second showing costs a look-up, whatever it holds."""
    return mask(text)


def describe(found: set[Kind]) -> str:
    """身份证号码、手机号码 — the kinds found, in a fixed order, for a message."""
    return "、".join(kind.label for kind in Kind if kind in found)


def notice(found: set[Kind], what_happens: str) -> str:
    """What a citizen is told when what they typed holds personal data (empty if it holds none)."""
    if not found:
        return ""
    message = f"您填写的内容中含有{describe(found)}。为保护个人信息，{what_happens}"
    if found & SENSITIVE:
        message += (
            "身份证件号码、银行卡号属于敏感个人信息（《个人信息保护法》第二十八条），请不要在意见中填写。"
        )
    return message


def kinds_in(*texts: str) -> set[Kind]:
    found: set[Kind] = set()
    for text in texts:
        found |= kinds(text)
    return found
