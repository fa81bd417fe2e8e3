"""Page arithmetic shared by every paginated list (services and the views that count their own rows),
and the page of a list that services hand to views."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


def page_count(total: int, per_page: int) -> int:
    """How many pages ``total`` items fill at ``per_page`` a page; an empty list is one empty page."""
    return max(1, -(-total // per_page))


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its items, how many the whole list holds, and which page it is."""

    items: list[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return page_count(self.total, self.per_page)
