"""What a long-lived process (the digest worker) keeps from one refresh of a draft to the next.

A refresh after a thousand new comments reads, besides them, two things as large as the whole draft:
the stored digest it builds on (a few MB of JSON) and every comment's fingerprint (256 bytes each:
28 MB at 110,000 comments). The process that refreshed the draft last still holds both. Nothing here
is used without a check against the database, so several workers (or a worker and the command line)
may refresh the same draft in turn, and a restored backup is never mistaken for what was held: what a
process holds is used only while the stored digest is still the one it wrote (same ``computed_at``,
to the microsecond), and its fingerprints only while the stored rows up to the last one held are
still exactly those (their number and the sum of their ids; a comment that committed late, with a
lower id, changes both), the newer rows being read on top.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np

from portal.services.digest import fingerprint

DRAFTS_KEPT = 2  # drafts under heavy comment at once are few; each costs about 30 MB per 100,000


@dataclass
class Fingerprints:
    """A draft's fingerprints in comment id order."""

    ids: list[int]
    hashes: list[str]
    sigs: fingerprint.Signatures

    @classmethod
    def of(cls, rows: list[Any]) -> Fingerprints:
        """From rows (comment_id, text_hash, signature) in comment id order."""
        return cls(
            [int(r[0]) for r in rows],
            [r[1] for r in rows],
            fingerprint.from_bytes([bytes(r[2]) for r in rows]),
        )

    def __len__(self) -> int:
        return len(self.ids)

    def extended(self, rows: list[Any]) -> Fingerprints:
        """These followed by ``rows`` of higher comment ids."""
        if not rows:
            return self
        more = Fingerprints.of(rows)
        return Fingerprints(
            self.ids + more.ids, self.hashes + more.hashes, np.concatenate([self.sigs, more.sigs])
        )


@dataclass
class Held:
    computed_at: datetime  # of the stored digest this process wrote
    data: dict[str, Any]  # that digest
    fingerprints: Fingerprints | None  # as read by the refresh that wrote it
    id_sum: int


_held: OrderedDict[int, Held] = OrderedDict()


def take(draft_id: int, computed_at: datetime | None) -> Held | None:
    """What this process holds for the draft, if the stored digest is still the one it wrote. Taken out:
    a refresh builds on it (and may change it) and keeps its own result when it has stored it."""
    held = _held.pop(draft_id, None)
    if held is None or computed_at is None or held.computed_at != computed_at:
        return None
    return held


def keep(draft_id: int, computed_at: datetime, data: dict[str, Any], fps: Fingerprints | None) -> None:
    _held[draft_id] = Held(computed_at, data, fps, sum(fps.ids) if fps is not None else 0)
    _held.move_to_end(draft_id)
    while len(_held) > DRAFTS_KEPT:
        _held.popitem(last=False)


def forget() -> None:
    _held.clear()
