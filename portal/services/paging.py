"""Page arithmetic shared by every paginated list (services and the views that count their own rows)."""

from __future__ import annotations


def page_count(total: int, per_page: int) -> int:
    """How many pages ``total`` items fill at ``per_page`` a page; an empty list is one empty page."""
    return max(1, -(-total // per_page))
