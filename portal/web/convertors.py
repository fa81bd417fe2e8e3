"""Path parameters that fit the database: ``{x:int}`` matches 0 … 2147483647 only (the range of the
integer primary keys), so a longer number is a plain 404 rather than an overflow in the database
driver."""

from __future__ import annotations

from starlette.convertors import Convertor, register_url_convertor

MAX_ID = 2**31 - 1

# Every decimal string from 0 to 2147483647, digit by digit.
_UP_TO_MAX_ID = (
    "[0-9]{1,9}|1[0-9]{9}|20[0-9]{8}|21[0-3][0-9]{7}|214[0-6][0-9]{6}|2147[0-3][0-9]{5}"
    "|21474[0-7][0-9]{4}|214748[0-2][0-9]{3}|2147483[0-5][0-9]{2}|21474836[0-3][0-9]|214748364[0-7]"
)


class DatabaseIntConvertor(Convertor[int]):
    regex = f"(?:{_UP_TO_MAX_ID})"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        if not 0 <= value <= MAX_ID:
            raise ValueError("id out of range")
        return str(value)


def install() -> None:
    """Replace Starlette's unbounded ``int`` convertor; call before the routes are built."""
    register_url_convertor("int", DatabaseIntConvertor())
