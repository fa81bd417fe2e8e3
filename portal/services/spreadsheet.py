"""Values written to .xlsx and .csv exports: a text that a spreadsheet would read as a formula
(CSV/Excel formula injection: =, +, -, @, tab, carriage return) is prefixed with an apostrophe."""

from __future__ import annotations

from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A spreadsheet cell that can never run as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
