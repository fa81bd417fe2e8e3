"""Keywords of what people said: jieba segmentation, a stop-word list that drops legal boilerplate,
and TF-IDF weights from jieba's own corpus frequencies (the same table jieba.analyse uses)."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import jieba

jieba.setLogLevel(logging.WARNING)

STOP_WORDS = frozenset(
    line.strip()
    for line in (Path(__file__).with_name("stopwords.txt")).read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
_WORD_RE = re.compile(r"^[\u4e00-\u9fff]{2,8}$|^[a-zA-Z]{3,20}$")


def _load_idf() -> tuple[dict[str, float], float]:
    """jieba's own IDF table (the one jieba.analyse uses), read here because importing jieba.analyse
    leaves the file open."""
    table: dict[str, float] = {}
    path = Path(jieba.__file__).with_name("analyse") / "idf.txt"
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            word, _, value = line.strip().partition(" ")
            if word and value:
                table[word] = float(value)
    values = sorted(table.values())
    return table, values[len(values) // 2] if values else 10.0


_IDF, _MEDIAN_IDF = _load_idf()


def load() -> None:
    """Load the segmenter's dictionary now (jieba loads it on first use, which takes over half a second)."""
    jieba.initialize()


def terms(text: str) -> Counter[str]:
    """Content words of one text (precise mode, no HMM guessing: faster and stable)."""
    return Counter(
        word for word in jieba.cut(text, HMM=False) if _WORD_RE.match(word) and word not in STOP_WORDS
    )


def top(counts: Iterable[tuple[str, int]], n: int = 10) -> list[tuple[str, float]]:
    """The n terms with the highest TF-IDF weight, weights normalised to the strongest = 1."""
    weighted = [(term, count * _IDF.get(term, _MEDIAN_IDF)) for term, count in counts if count > 0]
    weighted.sort(key=lambda item: (-item[1], item[0]))
    best = weighted[:n]
    if not best:
        return []
    peak = best[0][1]
    return [(term, round(weight / peak, 3)) for term, weight in best]
