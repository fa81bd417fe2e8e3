"""Conversion between Chinese numerals (as used in legal texts) and integers.

Legal texts number their units with Chinese numerals: 第一百零一条, 第二十三章, （十五）.
Only the range needed for that (0..9999) is supported.
"""

from __future__ import annotations

DIGITS: dict[str, int] = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
# Full-width digits occur in pasted texts ("第１条"); map them to ASCII first.
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_DIGITS = "零一二三四五六七八九"

# Every character cn_to_int() understands; handy for building regexes.
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS)


def cn_to_int(text: str) -> int:
    """Convert a Chinese (or Arabic) numeral to an int: "一百零一" -> 101, "十二" -> 12, "12" -> 12.

    Also accepts the positional form without units ("二〇二三" -> 2023).
    Raises ValueError for anything else or for values above 9999.
    """
    text = text.strip().translate(_FULLWIDTH)
    if not text:
        raise ValueError("empty numeral")
    if text.isascii() and text.isdigit():
        if len(text) > 4:  # also keeps a pasted run of thousands of digits away from int()
            raise ValueError(f"out of range: {text[:10]!r}…")
        return int(text)
    if any(ch not in DIGITS and ch not in UNITS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if not any(ch in UNITS for ch in text):
        # Positional form: every character is a digit.
        if len(text) > 4:
            raise ValueError(f"out of range: {text[:10]!r}…")
        return int("".join(str(DIGITS[ch]) for ch in text))
    total = 0
    pending: int | None = None  # digit waiting for its unit
    last_unit = 10_000
    for ch in text:
        if ch in DIGITS:
            if pending is not None and DIGITS[ch] != 0 and pending != 0:
                raise ValueError(f"two digits in a row: {text!r}")
            pending = DIGITS[ch]
            continue
        unit = UNITS[ch]
        if unit >= last_unit:
            raise ValueError(f"units out of order: {text!r}")
        if not pending:
            # A bare 十 means 一十: at the start ("十二") or after 零 ("一千零十").
            if ch != "十" or (pending is None and total):
                raise ValueError(f"unit without digit: {text!r}")
            pending = 1
        total += pending * unit
        pending = None
        last_unit = unit
    if pending:
        total += pending
    return total


def int_to_cn(number: int) -> str:
    """Convert 0..9999 to the form used in legal numbering: 101 -> "一百零一", 15 -> "十五"."""
    if not 0 <= number <= 9999:
        raise ValueError(f"out of range: {number}")
    if number == 0:
        return "零"
    parts: list[str] = []
    zero_pending = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // unit % 10
        if digit == 0:
            # One 零 stands for any run of missing units, but only between non-zero digits.
            zero_pending = bool(parts)
            continue
        if zero_pending:
            parts.append("零")
            zero_pending = False
        parts.append(_CN_DIGITS[digit] + name)
    result = "".join(parts)
    # 10..19 are written 十, 十一 ... not 一十, 一十一.
    return result[1:] if result.startswith("一十") else result
