"""Path parameters that fit the database, so that a value no row can hold is a plain 404 from the
router rather than an error in the database layer:

- ``{x:int}`` matches 0 … 2147483647 only (the range of the integer primary keys), so a longer number
  is not an overflow in the database driver;
- a text parameter looked up in a column has its own convertor, which matches a path segment no
  longer than that column (``{code:point_code}``: a liaison point's code), so an oversized value is not
  a ``ValidationError`` from Tortoise.
"""

from __future__ import annotations

import re

from starlette.convertors import Convertor, register_url_convertor

from portal import columns
from portal.models import LiaisonPoint, NormativeDocument, Provision

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


class ColumnStrConvertor(Convertor[str]):
    """One path segment of at most a column's length (the router matches the decoded path, so the
    length is counted in characters, as the column counts them). Made per column by ``bounded``."""

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        if not re.fullmatch(self.regex, value):
            raise ValueError("value does not fit the column")
        return value


def bounded(max_length: int) -> ColumnStrConvertor:
    kind = type(
        f"Up{max_length}Convertor",
        (ColumnStrConvertor,),
        # No control characters either: no code, key or number has one (and PostgreSQL text no NUL).
        {"regex": f"[^/\\x00-\\x1f\\x7f]{{1,{max_length}}}"},
    )
    return kind()  # type: ignore[no-any-return]


# Text path parameters by what they name, each bounded by the column it is looked up in.
TEXT_PARAMETERS = {
    "point_code": (LiaisonPoint, "code"),
    "document_number": (NormativeDocument, "unified_number"),
    "unit_key": (Provision, "key"),
}


def install() -> None:
    """Replace Starlette's unbounded ``int`` convertor and add the text ones; call before the routes
    are built."""
    register_url_convertor("int", DatabaseIntConvertor())
    for name, (model, field) in TEXT_PARAMETERS.items():
        register_url_convertor(name, bounded(columns.max_length(model, field)))
