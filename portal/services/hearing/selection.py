"""The participant draw: stratified, stance-balanced, district-aware, and reproducible by anyone.

How it works (this text is also shown on every hearing page):

1. Every applicant appears in the published list only under a pseudonym, with category, role (speaker /
   observer), stance and district. The pseudonym is the first 12 hex digits of HMAC-SHA-256, keyed with a
   secret the portal keeps, of "hearing-pseudonym:hearing id:registration code": nobody can link it to a
   registration code or recover a code from it, and each registrant sees their own pseudonym when they
   look up their registration, to find themselves in the list.
2. The seed is a random value whose SHA-256 is published with the notice, before anyone registers; it is
   revealed at the draw, so it cannot have been chosen to favour anyone.
3. In each category and role separately, applicants are ranked by SHA-256 of "seed:pseudonym".
4. Seats are filled in turns over the stances that applied (largest group first), each turn taking the
   best-ranked applicant of that stance — preferring one from a district not yet represented — so
   supporters and opponents are both represented when both applied.
5. Everyone not selected is on the waitlist in rank order; a cancellation promotes the first of them.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

SELECTED = "selected"
WAITLISTED = "waitlisted"


@dataclass(frozen=True)
class Applicant:
    pseudonym: str
    category: str
    role: str  # speaker | observer
    stance: str
    district: str

    def as_dict(self) -> dict[str, str]:
        return {
            "p": self.pseudonym,
            "category": self.category,
            "role": self.role,
            "stance": self.stance,
            "district": self.district,
        }

    @classmethod
    def from_dict(cls, row: Mapping[str, str]) -> Applicant:
        return cls(row["p"], row["category"], row["role"], row["stance"], row["district"])


def pseudonym(secret: str, hearing_id: int, code: str) -> str:
    """Keyed: an unkeyed hash of a code could be reversed by trying every code, and a recovered code
    cancels that person's registration."""
    message = f"hearing-pseudonym:{hearing_id}:{code}".encode()
    return hmac.digest(secret.encode(), message, "sha256").hex()[:12]


def legacy_pseudonym(hearing_id: int, code: str) -> str:
    """The unkeyed rule of the draws published before pseudonyms were keyed, to check those against
    their registrations; never used for a new draw."""
    return hashlib.sha256(f"{hearing_id}:{code}".encode()).hexdigest()[:12]


def commitment(seed: str) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()


def _rank_key(seed: str, applicant: Applicant) -> str:
    return hashlib.sha256(f"{seed}:{applicant.pseudonym}".encode()).hexdigest()


def draw(
    applicants: Sequence[Applicant], seats: Mapping[str, Mapping[str, int]], seed: str
) -> dict[str, list[object]]:
    """{pseudonym: [status, rank]}; rank is the position in its category and role (1 = first)."""
    result: dict[str, list[object]] = {}
    strata: dict[tuple[str, str], list[Applicant]] = {}
    for applicant in applicants:
        strata.setdefault((applicant.category, applicant.role), []).append(applicant)
    for (category, role), pool in sorted(strata.items()):
        capacity = int(seats.get(category, {}).get("speakers" if role == "speaker" else "observers", 0))
        ranked = sorted(pool, key=lambda a: (_rank_key(seed, a), a.pseudonym))
        chosen = _fill(ranked, capacity)
        rank = 1
        for applicant in chosen:
            result[applicant.pseudonym] = [SELECTED, rank]
            rank += 1
        for applicant in ranked:
            if applicant.pseudonym not in result:
                result[applicant.pseudonym] = [WAITLISTED, rank]
                rank += 1
    return result


def _fill(ranked: list[Applicant], capacity: int) -> list[Applicant]:
    if capacity >= len(ranked):
        return list(ranked)
    by_stance: dict[str, list[Applicant]] = {}
    for applicant in ranked:
        by_stance.setdefault(applicant.stance, []).append(applicant)
    turn_order = sorted(by_stance, key=lambda s: (-len(by_stance[s]), s))
    chosen: list[Applicant] = []
    districts: set[str] = set()
    while len(chosen) < capacity:
        progressed = False
        for stance in turn_order:
            if len(chosen) >= capacity:
                break
            remaining = by_stance[stance]
            if not remaining:
                continue
            pick = next((a for a in remaining if a.district and a.district not in districts), remaining[0])
            remaining.remove(pick)
            chosen.append(pick)
            districts.add(pick.district)
            progressed = True
        if not progressed:
            break
    return chosen
