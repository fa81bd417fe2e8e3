"""Values written to .xlsx and .csv exports: a text that a spreadsheet would read as a formula
(CSV/Excel formula injection: =, +, -, @, tab, carriage return) is prefixed with an apostrophe, and
a character no spreadsheet can hold (services.plaintext) never reaches the file."""

from __future__ import annotations

from typing import Any

from portal.services import plaintext

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A spreadsheet cell that can never run as a formula nor break the file."""
    if not isinstance(value, str):
        return value
    value = plaintext.clean(value)
    return "'" + value if value.startswith(_FORMULA_START) else value
