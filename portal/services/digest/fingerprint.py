"""Near-duplicate detection for form letters: MinHash signatures over character shingles, grouped by
locality-sensitive hashing, verified by estimated Jaccard similarity.

Character 3-shingles need no word segmentation, so this works for Chinese as it is. The signatures are
computed for many comments at once with numpy (the per-document MinHash of datasketch manages about
7,500 comments a second here, too slow for a 100,000-comment docket); the banding and grouping are
vectorised the same way, so clustering a whole draft from stored signatures takes about a second.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

NUM_PERM = 64
BANDS = 16  # 16 bands of 4 rows: pairs with Jaccard >= 0.5 almost surely share a band
ROWS = NUM_PERM // BANDS
SIMILARITY = 0.6  # estimated Jaccard needed to count as the same letter
_PRIME = np.uint64((1 << 61) - 1)
_MASK32 = np.uint64(0xFFFFFFFF)
_K1 = np.uint64(1_000_003 * 1_000_003)
_K2 = np.uint64(1_000_003)
_rng = np.random.RandomState(20_260_101)  # fixed: signatures stored today must match tomorrow's
_A = _rng.randint(1, (1 << 31) - 1, size=NUM_PERM).astype(np.uint64)
_B = _rng.randint(0, (1 << 31) - 1, size=NUM_PERM).astype(np.uint64)
_CHUNK_CHARS = 2_000_000

Signatures = npt.NDArray[np.uint32]

_STRIP_RE = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """What is compared: letters and digits only, full-width folded, case folded."""
    return _STRIP_RE.sub("", unicodedata.normalize("NFKC", text)).lower()


def text_hash(text: str) -> str:
    return hashlib.blake2b(normalise(text).encode(), digest_size=8).hexdigest()


def signatures(texts: Sequence[str]) -> Signatures:
    """MinHash signatures (len(texts) x NUM_PERM, uint32) of the texts' character 3-shingles."""
    out = np.empty((len(texts), NUM_PERM), dtype=np.uint32)
    start = 0
    while start < len(texts):
        end, size = start, 0
        while end < len(texts) and (size < _CHUNK_CHARS or end == start):
            size += len(texts[end]) + 1
            end += 1
        out[start:end] = _signature_chunk([normalise(t) for t in texts[start:end]])
        start = end
    return out


def _signature_chunk(texts: list[str]) -> Signatures:
    # Every text gets at least one shingle; "\x00" separates texts so no shingle spans two of them.
    padded = [t if len(t) >= 3 else (t + "\x01\x01\x01")[:3] for t in texts]
    codes = np.frombuffer("\x00".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    shingles = (codes[:-2] * _K1 + codes[1:-1] * _K2 + codes[2:]) & _MASK32
    valid = (codes[:-2] != 0) & (codes[1:-1] != 0) & (codes[2:] != 0)
    shingles = shingles[valid]
    lengths = np.fromiter((len(t) - 2 for t in padded), dtype=np.int64, count=len(padded))
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    result = np.empty((len(padded), NUM_PERM), dtype=np.uint32)
    for k in range(NUM_PERM):
        permuted = ((_A[k] * shingles + _B[k]) % _PRIME) & _MASK32
        result[:, k] = np.minimum.reduceat(permuted, starts)
    return result


def to_bytes(signature: Signatures) -> bytes:
    return signature.astype("<u4").tobytes()


def from_bytes(blobs: Sequence[bytes]) -> Signatures:
    if not blobs:
        return np.empty((0, NUM_PERM), dtype=np.uint32)
    return np.frombuffer(b"".join(blobs), dtype="<u4").reshape(len(blobs), NUM_PERM).astype(np.uint32)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def similarity(a: Signatures, b: Signatures) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))


def cluster(sigs: Signatures, hashes: Sequence[str] | None = None) -> list[list[int]]:
    """Groups (as row indices, sorted) of two or more near-identical texts; singletons are left out.

    Identical texts (same hash) are one text for the comparison, which keeps a campaign of thousands
    of copies cheap. Candidate pairs share a band; a pair joins a group only if its estimated
    similarity passes the threshold, so texts on the same topic in different words stay apart.
    """
    n = len(sigs)
    if n < 2:
        return []
    if hashes is not None:
        _, first, copy_of = np.unique(
            np.asarray(hashes, dtype=object), return_index=True, return_inverse=True
        )
    else:
        first, copy_of = np.arange(n), np.arange(n)
    texts = sigs[first]
    groups = _UnionFind(len(texts))
    weights = np.uint64(1) << (np.arange(ROWS, dtype=np.uint64) * np.uint64(16))
    for band in range(BANDS):
        block = texts[:, band * ROWS : (band + 1) * ROWS].astype(np.uint64)
        keys = (block * weights).sum(axis=1) ^ np.uint64(band)
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        same = np.nonzero(sorted_keys[1:] == sorted_keys[:-1])[0]
        if len(same) == 0:
            continue
        left, right = order[same], order[same + 1]
        alike = (texts[left] == texts[right]).mean(axis=1) >= SIMILARITY
        for a, b in zip(left[alike].tolist(), right[alike].tolist(), strict=True):
            ra, rb = groups.find(a), groups.find(b)
            # Join two groups only when their founding texts are alike too: no chains A~B~C~…~Z
            # that end up lumping different opinions together.
            if ra != rb and similarity(texts[ra], texts[rb]) >= SIMILARITY:
                groups.union(ra, rb)
    root = np.fromiter((groups.find(t) for t in range(len(texts))), dtype=np.int64, count=len(texts))
    label = root[copy_of]  # every row, by the group of its text
    order = np.argsort(label, kind="stable")
    bounds = np.nonzero(np.diff(label[order]))[0] + 1
    return [part.tolist() for part in np.split(order, bounds) if len(part) > 1]


@dataclass(frozen=True)
class Centrality:
    index: int  # row of the most central member
    min_similarity: float  # how far the variants spread from it


CENTRE_SAMPLE = 48


def centre(sigs: Signatures, members: Sequence[int]) -> Centrality:
    """The medoid: the member most similar on average to the others (to a sample of them in a large
    group), which stands for the text most variants were made from."""
    block = sigs[list(members)]
    if len(block) > CENTRE_SAMPLE:
        step = len(block) / CENTRE_SAMPLE
        sample = block[[int(i * step) for i in range(CENTRE_SAMPLE)]]
    else:
        sample = block
    mean_similarity = (block[:, None, :] == sample[None, :, :]).mean(axis=(1, 2))
    best = int(np.argmax(mean_similarity))
    spread = float((block == block[best]).mean(axis=1).min())
    return Centrality(int(members[best]), spread)
