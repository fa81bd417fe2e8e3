"""Which article of one version is "the same" article in another, and what changed in it.

Alignment works on the commentable units (articles, or numbered sections) of two versions:

1. difflib's SequenceMatcher over the sequence of normalised texts pairs identical articles in order,
   so an article renumbered because one was inserted before it keeps its identity;
2. inside each replaced run, articles are paired by text similarity (an edited article);
3. left-overs are paired across the whole text when nearly identical (a moved article), or when
   they carry the same number and are still somewhat alike.

The same alignment gives the lineage key of each new article and the rows of the compare page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

_SPACE_RE = re.compile(r"\s+")
EDITED_THRESHOLD = 0.5  # within a replaced run
MOVED_THRESHOLD = 0.75  # anywhere in the text
SAME_NUMBER_THRESHOLD = 0.3


@dataclass(frozen=True)
class Unit:
    key: str
    label: str
    number: int | None
    sub: int
    text: str
    lineage: str = ""
    path: str = ""


def normalise(text: str) -> str:
    return _SPACE_RE.sub("", text)


def similarity(a: str, b: str) -> float:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    # Cheap upper bounds first: most pairs are clearly different.
    if matcher.real_quick_ratio() < SAME_NUMBER_THRESHOLD or matcher.quick_ratio() < SAME_NUMBER_THRESHOLD:
        return 0.0
    return matcher.ratio()


def align(old: Sequence[Unit], new: Sequence[Unit]) -> dict[int, int]:
    """Map the index of each new unit to the index of the old unit it continues."""
    old_text = [normalise(u.text) for u in old]
    new_text = [normalise(u.text) for u in new]
    pairs: dict[int, int] = {}
    taken: set[int] = set()

    def pair(n: int, o: int) -> None:
        pairs[n] = o
        taken.add(o)

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_text, new_text, autojunk=False).get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                pair(j1 + k, i1 + k)
        elif tag == "replace":
            _pair_by_similarity(
                range(i1, i2), range(j1, j2), old_text, new_text, EDITED_THRESHOLD, pairs, taken
            )

    free_old = [o for o in range(len(old)) if o not in taken]
    free_new = [n for n in range(len(new)) if n not in pairs]
    _pair_by_similarity(free_old, free_new, old_text, new_text, MOVED_THRESHOLD, pairs, taken)

    by_number = {(old[o].number, old[o].sub): o for o in range(len(old)) if o not in taken}
    for n in range(len(new)):
        if n in pairs:
            continue
        o = by_number.get((new[n].number, new[n].sub))
        if o is not None and o not in taken and similarity(old_text[o], new_text[n]) >= SAME_NUMBER_THRESHOLD:
            pair(n, o)
    return pairs


def _pair_by_similarity(
    old_range: Sequence[int],
    new_range: Sequence[int],
    old_text: Sequence[str],
    new_text: Sequence[str],
    threshold: float,
    pairs: dict[int, int],
    taken: set[int],
) -> None:
    """Greedy best-first pairing: the most similar pair is matched first."""
    scored = [
        (similarity(old_text[o], new_text[n]), n, o)
        for n in new_range
        if n not in pairs
        for o in old_range
        if o not in taken
    ]
    for score, n, o in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if score < threshold:
            break
        if n in pairs or o in taken:
            continue
        pairs[n] = o
        taken.add(o)


# --- the compare page ------------------------------------------------------------------------------

RowStatus = Literal["unchanged", "changed", "added", "removed", "moved"]
DiffOp = Literal["equal", "insert", "delete"]


@dataclass(frozen=True)
class CompareRow:
    status: RowStatus
    old: Unit | None
    new: Unit | None
    renumbered: bool = False
    changed_text: bool = False
    diff: tuple[tuple[DiffOp, str], ...] = ()


@dataclass(frozen=True)
class Comparison:
    rows: list[CompareRow]

    def count(self, status: RowStatus) -> int:
        return sum(row.status == status for row in self.rows)

    @property
    def renumbered(self) -> int:
        return sum(row.renumbered for row in self.rows)


def inline_diff(old: str, new: str) -> tuple[tuple[DiffOp, str], ...]:
    """Character-level edits (Chinese has no spaces to split words on)."""
    segments: list[tuple[DiffOp, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(("equal", old[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            segments.append(("delete", old[i1:i2]))
        if tag in ("insert", "replace"):
            segments.append(("insert", new[j1:j2]))
    return tuple(segments)


def _in_order(old_indices: list[int]) -> set[int]:
    """The old indices of the longest increasing run: those pairs did not move relative to each other."""
    if not old_indices:
        return set()
    tails: list[int] = []
    tail_pos: list[int] = []
    parent = [-1] * len(old_indices)
    for i, value in enumerate(old_indices):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] < value:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(tails):
            tails.append(value)
            tail_pos.append(i)
        else:
            tails[lo] = value
            tail_pos[lo] = i
        parent[i] = tail_pos[lo - 1] if lo else -1
    keep: set[int] = set()
    i = tail_pos[-1]
    while i != -1:
        keep.add(old_indices[i])
        i = parent[i]
    return keep


def compare(old: Sequence[Unit], new: Sequence[Unit]) -> Comparison:
    pairs = align(old, new)
    matched_old = [pairs[n] for n in range(len(new)) if n in pairs]
    stay = _in_order(matched_old)
    continued = set(pairs.values())
    rows: list[CompareRow] = []
    next_old = 0

    def flush_removed(up_to: int) -> None:
        nonlocal next_old
        while next_old < up_to:
            if next_old not in continued:
                rows.append(CompareRow("removed", old[next_old], None))
            next_old += 1

    for n, unit in enumerate(new):
        o = pairs.get(n)
        if o is None:
            rows.append(CompareRow("added", None, unit))
            continue
        if o in stay:
            flush_removed(o)
            next_old = max(next_old, o + 1)
        before = old[o]
        changed = normalise(before.text) != normalise(unit.text)
        renumbered = (before.number, before.sub) != (unit.number, unit.sub)
        status: RowStatus = "moved" if o not in stay else ("changed" if changed else "unchanged")
        diff = inline_diff(before.text, unit.text) if changed else ()
        rows.append(CompareRow(status, before, unit, renumbered, changed, diff))
    flush_removed(len(old))
    return Comparison(rows)
