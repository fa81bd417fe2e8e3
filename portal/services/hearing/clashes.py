"""Hearings that overlap in time: at the same venue (one room cannot hold two hearings: the organizer must
confirm it is no mistake) or held by the same unit (worth knowing, no more)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime

from portal.models import Decision, Draft, Hearing, HearingStatus

_SPACES = re.compile(r"\s+")


def venue_key(venue: str) -> str:
    """The venue as compared: full-width letters, digits, brackets and spaces made half-width (NFKC),
    every space removed, case ignored. "市政府 礼堂（一楼）" and "市政府礼堂(一楼)" are one room."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", venue)).casefold()


def unit_of(decision: Decision | None, draft: Draft | None) -> str:
    """The unit holding a hearing: the 承办单位 of its decision item, else the drafting body of its draft."""
    if decision is not None and decision.responsible_unit:
        return decision.responsible_unit
    if draft is not None and draft.drafting_body:
        return draft.drafting_body
    return ""


@dataclass(frozen=True)
class Clashes:
    """Other hearings overlapping the time asked for: at the same venue, and held by the same unit."""

    same_venue: list[Hearing] = field(default_factory=list)
    same_unit: list[Hearing] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.same_venue or self.same_unit)


async def find(
    *,
    starts_at: datetime,
    ends_at: datetime,
    venue: str,
    decision: Decision | None,
    draft: Draft | None,
    exclude_id: int | None = None,
) -> Clashes:
    """Every hearing not cancelled whose time overlaps ``starts_at``–``ends_at`` (touching ends do not
    overlap), split by what it shares with the one asked about. A city holds a few hearings a year: the
    few overlapping in time are compared here rather than by a venue rule written again in SQL."""
    # In UTC, as stored: SQLite compares the stored text, and a form's Beijing time would compare wrong.
    start, end = starts_at.astimezone(UTC), ends_at.astimezone(UTC)
    query = Hearing.filter(starts_at__lt=end, ends_at__gt=start).exclude(status=HearingStatus.CANCELLED)
    if exclude_id is not None:
        query = query.exclude(id=exclude_id)
    overlapping = await query.select_related("decision", "draft").order_by("starts_at", "id")
    key, unit = venue_key(venue), unit_of(decision, draft)
    return Clashes(
        same_venue=[h for h in overlapping if key and venue_key(h.venue) == key],
        same_unit=[
            h
            for h in overlapping
            if unit and unit_of(h.decision, h.draft) == unit and venue_key(h.venue) != key
        ],
    )
