"""Near-duplicate detection for form letters: MinHash signatures over character shingles, grouped by
locality-sensitive hashing, verified by estimated Jaccard similarity.

Character 3-shingles need no word segmentation, so this works for Chinese as it is. The signatures are
computed for many comments at once with numpy (the per-document MinHash of datasketch manages about
7,500 comments a second here, too slow for a 100,000-comment docket); the banding and grouping are
vectorised the same way; only the final placing of texts into groups is a loop, and a refresh runs
it for the new texts only.
"""

from __future__ import annotations

import hashlib
import itertools
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
# Names the signatures and the grouping rule: a stored digest grouped another way is not built on.
METHOD = f"minhash{NUM_PERM}-bands{BANDS}-sim{SIMILARITY}-arrival"
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


def cluster(
    sigs: Signatures,
    hashes: Sequence[str] | None = None,
    *,
    settled: int = 0,
    settled_groups: Sequence[Sequence[int]] = (),
) -> list[list[int]]:
    """Groups (as row indices, sorted) of two or more near-identical texts; singletons are left out.

    Rows are taken in arrival order. Identical texts (same hash) are one text for the comparison, which
    keeps a campaign of thousands of copies cheap. Each new text is compared with the latest earlier
    text that shares one of its bands. If the two are alike, the new text joins that text's group when
    it is alike the group's founding (earliest) text too, or when the earlier text is: a variant of a
    variant of the letter still belongs, one step from the founder. Two groups a text links are merged
    only when their founders are alike. So there are no chains A~B~C~…~Z that end up lumping different
    opinions together.

    Because texts are only ever added at the end, the grouping of the first ``settled`` rows does not
    depend on what comes after them. A refresh passes the groups it found for them last time
    (``settled_groups``, as row indices) and only the texts first seen after them are placed: the
    result is the same as clustering every row again.
    """
    n = len(sigs)
    if n < 2:
        return []
    first, copy_of = _texts(hashes, n)
    texts = sigs[first]
    groups = _UnionFind(len(texts))
    if settled_groups:
        rows = np.fromiter(itertools.chain.from_iterable(settled_groups), dtype=np.int64)
        # The earliest row of a group is its founding text's.
        founders = np.repeat([min(g) for g in settled_groups], [len(g) for g in settled_groups])
        parent = np.arange(len(texts))
        parent[copy_of[rows]] = copy_of[founders]
        groups.parent = parent.tolist()
    new_from = int(np.searchsorted(first, settled))  # texts first seen after the settled rows
    for earlier, text in _alike_pairs(texts, new_from):
        ra, rb = groups.find(earlier), groups.find(text)
        if ra == rb:
            continue
        if similarity(texts[ra], texts[rb]) >= SIMILARITY or (
            rb == text and similarity(texts[earlier], texts[ra]) >= SIMILARITY
        ):
            groups.union(ra, rb)
    roots = np.fromiter((groups.find(t) for t in range(len(texts))), dtype=np.int64, count=len(texts))
    label = roots[copy_of]  # every row, by the group of its text
    order = np.argsort(label, kind="stable")
    bounds = np.concatenate(([0], np.nonzero(np.diff(label[order]))[0] + 1, [n])).tolist()
    rows = order.tolist()
    return [rows[start:end] for start, end in itertools.pairwise(bounds) if end - start > 1]


def _texts(hashes: Sequence[str] | None, n: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The distinct texts in order of first appearance: the row each is first seen in, and for every
    row the index of its text."""
    if hashes is None:
        return np.arange(n, dtype=np.int64), np.arange(n, dtype=np.int64)
    _, first, inverse = np.unique(np.asarray(hashes, dtype=str), return_index=True, return_inverse=True)
    by_arrival = np.argsort(first)  # distinct texts by the row each is first seen in
    rank = np.empty(len(first), dtype=np.int64)
    rank[by_arrival] = np.arange(len(first))
    return first[by_arrival].astype(np.int64), rank[inverse.reshape(-1)]


def _alike_pairs(texts: Signatures, new_from: int) -> list[tuple[int, int]]:
    """(earlier text, text) for every text from ``new_from`` on and every band it shares with an earlier
    text: the latest such text, if the two are alike. In the order the texts arrive, band by band."""
    weights = np.uint64(1) << (np.arange(ROWS, dtype=np.uint64) * np.uint64(16))
    earlier_parts, text_parts, band_parts = [], [], []
    for band in range(BANDS):
        block = texts[:, band * ROWS : (band + 1) * ROWS].astype(np.uint64)
        keys = (block * weights).sum(axis=1) ^ np.uint64(band)
        # Only texts sharing a key with a new text can pair with one: after a refresh's few new texts
        # that is a small share, and sorting it alone gives the same pairs as sorting every text.
        shared = _sharing(keys, keys[new_from:]) if new_from else np.arange(len(keys))
        order = shared[np.argsort(keys[shared], kind="stable")]  # within a key, in order of arrival
        same = np.nonzero(keys[order[1:]] == keys[order[:-1]])[0]
        earlier, text = order[same], order[same + 1]
        wanted = text >= new_from
        earlier, text = earlier[wanted], text[wanted]
        alike = (texts[earlier] == texts[text]).mean(axis=1) >= SIMILARITY
        earlier_parts.append(earlier[alike])
        text_parts.append(text[alike])
        band_parts.append(np.full(int(alike.sum()), band))
    earlier_all, text_all = np.concatenate(earlier_parts), np.concatenate(text_parts)
    order = np.lexsort((np.concatenate(band_parts), text_all))
    return list(zip(earlier_all[order].tolist(), text_all[order].tolist(), strict=True))


def _sharing(keys: npt.NDArray[np.uint64], wanted: npt.NDArray[np.uint64]) -> npt.NDArray[np.int64]:
    """The indices (ascending) of the keys equal to one of the wanted keys."""
    if not len(wanted):
        return np.empty(0, dtype=np.int64)
    known = np.unique(wanted)
    at = np.minimum(np.searchsorted(known, keys), len(known) - 1)
    return np.nonzero(known[at] == keys)[0].astype(np.int64)


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
