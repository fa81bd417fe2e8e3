"""Parse a Chinese legal text into a tree of 编 / 分编 / 章 / 节 / 条 / 款 / 项 / 目.

`parse(text)` is a pure function: one pass over the lines with a small state machine. It accepts the
LawRefBook markdown convention (`# 标题`, header, `<!-- INFO END -->`, `##` headings) as well as plain
text pasted from a drafting office (no markers, optional 目录, odd spacing, no blank lines).

Normative documents (行政规范性文件) without any 第X条 are split into numbered sections 一、二、三、.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .numerals import NUMERAL_CHARS, cn_to_int, int_to_cn

BIAN = "bian"
FENBIAN = "fenbian"
ZHANG = "zhang"
JIE = "jie"
TIAO = "tiao"
KUAN = "kuan"
XIANG = "xiang"
MU = "mu"
SECTION = "section"

# Structural headings, outermost first. 章 may run across 编 (民事诉讼法) or restart in each 编 (民法典).
HEADING_LEVELS: dict[str, str] = {"编": BIAN, "分编": FENBIAN, "章": ZHANG, "节": JIE}
HEADING_DEPTH: dict[str, int] = {BIAN: 0, FENBIAN: 1, ZHANG: 2, JIE: 3}
LEVEL_CHARS: dict[str, str] = {
    BIAN: "编",
    FENBIAN: "分编",
    ZHANG: "章",
    JIE: "节",
    TIAO: "条",
    KUAN: "款",
    XIANG: "项",
    MU: "目",
}

_NUM = rf"[{NUMERAL_CHARS}0-9０-９]+"
_CN_NUM = rf"[{NUMERAL_CHARS}]+"

# Zero-width characters (U+200B, U+FEFF ...) appear in copied texts, sometimes as the only content of a
# "blank" line; drop them everywhere. U+3000 is whitespace for str.strip()/str.split() already.
_INVISIBLE = str.maketrans({"\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None})
_WHITESPACE_RE = re.compile(r"\s+")
_MARKDOWN_HEADING_RE = re.compile(r"^(#{1,6})\s*")
_INFO_END = "<!-- INFO END -->"

# Matched against a line with all whitespace removed, so `第一章　总　　则` and `第一章总则` look the same.
_HEADING_RE = re.compile(rf"^第({_NUM})(分编|编|章|节)(.*)$")
# A heading line holds only the heading: short, no sentence punctuation. This keeps an article paragraph
# that happens to begin with 第三章 from being taken for a chapter.
_MAX_HEADING_CHARS = 30
_SENTENCE_PUNCTUATION = set("。；，,;：:！？!?")
# `第三章第二节…`, `第三章规定的…` are references; `第十二章 第一审普通程序` is a heading.
_HEADING_TITLE_BLOCKER_RE = re.compile(rf"^(?:第{_NUM}(?:分编|编|章|节|条|款|项|目)|规定|的|、|和|至|所)")

# `第十五条`, `第十五条之一`; a stray space before 条 is tolerated (a known transcription defect).
_ARTICLE_RE = re.compile(rf"^第\s*({_NUM})\s*条(?:之({_CN_NUM}))?")
# What follows `第十二条` when it is a reference at the start of a paragraph rather than an article label
# (`第十二条规定的…`, `第十二条第一款…`, `第十二条、第十三条…`).
_REFERENCE_FOLLOWERS = ("第", "规定", "的", "、", "和", "与", "及", "或", "至", "所", "，", "。", "；")
_SECTION_RE = re.compile(r"^([一二三四五六七八九十百]+)、\s*(.*)$")
_ITEM_RE = re.compile(r"^([（(]\s*([一二三四五六七八九十百]+)\s*[）)])\s*(.*)$")
# 目: `1.` `1．` `1、` `（1）`; `1.5米` is a decimal, not a 目.
_MU_RE = re.compile(
    r"^((?:([0-9０-９]{1,3})\s*[.．、](?![0-9０-９]))|(?:[（(]\s*([0-9０-９]{1,3})\s*[）)]))\s*(.*)$"
)
_ATTACHMENT_RE = re.compile(
    r"^附(?:件|录|表|图)?\s*(?:[0-9０-９]+|[一二三四五六七八九十]+|[A-Za-z])?\s*(?:[:：]|$)"
    r"|^附(?:件|录|表|图)\s*(?:[0-9０-９]+|[一二三四五六七八九十]+|[A-Za-z])(?:\s|[、.．]|$)"
)

# Closing quotes may follow the full stop: `…称“暂行条例”。` vs `…称“条例”。”`.
_CLOSING_QUOTES = "”’」』\"'"
_SENTENCE_END = set("。！？!?.")
_MID_SENTENCE_END = set("，、,")
_WRAP_MIN_CHARS = 15


@dataclass
class Provision:
    """One structural unit. `children` nest: 编 > 分编 > 章 > 节 > 条 > 款 > 项 > 目.

    Articles (and sections) hold their 款 as children; a 款 holds its 项 and a 项 its 目. Items that
    come before any 款 text (a section heading directly followed by （一）) hang under the unit itself.
    """

    level: str  # bian | fenbian | zhang | jie | tiao | kuan | xiang | mu | section
    number: int | None  # 第十五条 -> 15; 款 are unnumbered in the text and get their ordinal
    label: str  # as written ("第十五条", "第二章", "（三）", "1."); 款 get the citation form "第二款"
    sub: int = 0  # 第十五条之一 -> 1
    heading: str = ""  # 编/章/节/section title with whitespace removed ("总则")
    text: str = ""  # article/section: all its paragraphs joined by "\n"; 款/项/目: their own paragraph
    path: str = ""  # "第二章/第三节/第十五条/第二款/（三）"
    line: int = 0  # 1-based line of the input where the unit starts
    children: list[Provision] = field(default_factory=list)

    def walk(self) -> Iterator[Provision]:
        yield self
        for child in self.children:
            yield from child.walk()

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "number": self.number,
            "sub": self.sub,
            "label": self.label,
            "heading": self.heading,
            "text": self.text,
            "path": self.path,
            "line": self.line,
            "children": [child.to_dict() for child in self.children],
        }


@dataclass
class ParsedDocument:
    title: str = ""
    provisions: list[Provision] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)  # text after the last unit, one entry per 附件
    warnings: list[str] = field(default_factory=list)
    preamble: str = ""  # body text before the first heading/unit (promulgation notes, 序言, 通知 text)

    def walk(self) -> Iterator[Provision]:
        for provision in self.provisions:
            yield from provision.walk()

    def counts(self) -> dict[str, int]:
        totals = {level: 0 for level in (BIAN, FENBIAN, ZHANG, JIE, TIAO, KUAN, XIANG, MU)}
        for provision in self.walk():
            if provision.level in totals:
                totals[provision.level] += 1
        result = {LEVEL_CHARS[level]: count for level, count in totals.items()}
        if not result["分编"]:
            del result["分编"]  # only 民法典-style codes have it; keep the usual shape otherwise
        return result

    def units(self) -> list[Provision]:
        """Commentable units: the articles, or the numbered sections of a text without any 第X条."""
        articles = [p for p in self.walk() if p.level == TIAO]
        return articles or [p for p in self.walk() if p.level == SECTION]

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "counts": self.counts(),
            "units": len(self.units()),
            "provisions": [p.to_dict() for p in self.provisions],
            "attachments": list(self.attachments),
            "warnings": list(self.warnings),
            "preamble": self.preamble,
        }


def parse(text: str) -> ParsedDocument:
    """Parse a legal text (markdown or plain) into a ParsedDocument."""
    lines = text.splitlines()
    body_start = 0
    for index, raw in enumerate(lines):
        if raw.strip() == _INFO_END:
            body_start = index + 1  # everything above the marker is header, not body
            break
    title, title_index = _find_title(lines, body_start)
    body = [(i + 1, raw) for i, raw in enumerate(lines) if i >= body_start and i != title_index]
    candidates = [_article_candidate(_strip_markup(_clean(raw))) for _, raw in body]
    found = [c for c in candidates if c is not None]
    has_articles = any(not c.reference for c in found)
    # Most texts write `第一条 为了…`; some write `第一条为了…`. In the first style a `第X条规定…` line is
    # a reference even when X happens to be the next number; in the second it may be an article
    # (立法法 `第八十六条规定本行政区域…`, 民事诉讼法 `第一百八十二条第二审人民法院…`).
    separated_style = sum(c.separated for c in found) * 2 >= len(found)
    state = _Parser(has_articles, separated_style)
    state.doc.title = title
    for lineno, raw in body:
        state.feed(lineno, raw)
    return state.finish()


# --- line helpers ---------------------------------------------------------------------------------


def _clean(raw: str) -> str:
    return raw.translate(_INVISIBLE).strip()


def _strip_markup(line: str) -> str:
    """Drop markdown heading hashes and bold markers: `## 第一章 总则`, `**第一条** …`."""
    line = _MARKDOWN_HEADING_RE.sub("", line)
    if line.startswith("**"):
        line = line.replace("**", "")
    return line.strip()


def _compact(line: str) -> str:
    return _WHITESPACE_RE.sub("", line)


def _looks_like_title(line: str) -> bool:
    if not line or len(line) > 60 or line[0] in "（(0123456789０１２３４５６７８９":
        return False
    if any(ch in _SENTENCE_PUNCTUATION for ch in line):
        return False
    compact = _compact(line)
    return not (
        compact == "目录"
        or _heading_match(compact)
        or _article_candidate(line)
        or _SECTION_RE.match(line)
        or _ITEM_RE.match(line)
    )


def _find_title(lines: list[str], body_start: int) -> tuple[str, int]:
    """Return (title, line index) from the first `# ` line, else the first non-empty line if title-like."""
    first_index = -1
    for index, raw in enumerate(lines):
        line = _clean(raw)
        if not line:
            continue
        if first_index < 0:
            first_index = index
        if line.startswith("# "):
            return line[2:].strip(), index
        if index >= body_start and (
            _heading_match(_compact(_strip_markup(line))) or _article_candidate(line)
        ):
            break  # the body has begun; a later `# ` line is not the title
    if first_index >= 0:
        first = _clean(lines[first_index])
        if _looks_like_title(first):
            return first, first_index
    return "", -1


def _heading_match(compact: str) -> tuple[str, int, str, str] | None:
    """(level, number, label, title) if the whitespace-free line is only a 编/分编/章/节 heading."""
    match = _HEADING_RE.match(compact)
    if match is None or len(compact) > _MAX_HEADING_CHARS:
        return None
    numeral, kind, title = match.groups()
    if any(ch in _SENTENCE_PUNCTUATION for ch in title) or _HEADING_TITLE_BLOCKER_RE.match(title):
        return None
    try:
        number = cn_to_int(numeral)
    except ValueError:
        return None
    return HEADING_LEVELS[kind], number, f"第{numeral}{kind}", title


@dataclass
class _ArticleCandidate:
    number: int
    sub: int
    label: str
    rest: str  # text after the label
    separated: bool  # label followed by whitespace (or nothing): a strong sign of a real article
    reference: bool  # looks like `第十二条规定的…` — a cross-reference, never an article


def _numeral_or_none(numeral: str) -> int | None:
    """The number of a label such as （十二）; None when the characters are no numeral (（十十）)."""
    try:
        return cn_to_int(numeral)
    except ValueError:
        return None


def _article_candidate(line: str) -> _ArticleCandidate | None:
    match = _ARTICLE_RE.match(line)
    if match is None:
        return None
    try:
        number = cn_to_int(match.group(1))
        sub = cn_to_int(match.group(2)) if match.group(2) else 0
    except ValueError:
        return None
    after = line[match.end() :]
    separated = not after or after[0].isspace()
    reference = not separated and after.startswith(_REFERENCE_FOLLOWERS)
    label = _compact(match.group(0))
    return _ArticleCandidate(number, sub, label, after.strip(), separated, reference)


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(_CLOSING_QUOTES)
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def _ends_mid_sentence(text: str) -> bool:
    """True when a paragraph stops mid-sentence, as hard-wrapped plain text does.

    A comma is conclusive. A plain character only counts at the end of a long line: short unpunctuated
    lines are titles, signatures or item captions (`（一）完善机制`), not wrapped sentences.
    """
    last_line = text.rstrip().rsplit("\n", 1)[-1]
    if not last_line:
        return False
    return last_line[-1] in _MID_SENTENCE_END or (
        last_line[-1].isalnum() and len(last_line) >= _WRAP_MIN_CHARS
    )


def _missing(kind: str, previous: int, current: int) -> str:
    first, last = previous + 1, current - 1
    gap = f"第{int_to_cn(first)}{kind}" + (f"至第{int_to_cn(last)}{kind}" if last > first else "")
    return f"第{int_to_cn(previous)}{kind}之后缺少{gap}"


# --- the state machine ----------------------------------------------------------------------------


class _Parser:
    def __init__(self, has_articles: bool, separated_style: bool) -> None:
        self.doc = ParsedDocument()
        # Without a single 第X条 the units are the numbered sections 一、二、 of a normative document.
        self.has_articles = has_articles
        self.separated_style = separated_style
        self.mode = "front"  # front -> (toc ->) body -> attachment
        self.toc_first: tuple[str, int] | None = None
        self.preamble: list[str] = []
        self.attachments: list[list[str]] = []
        self.containers: dict[str, Provision] = {}  # open 编/分编/章/节 by level
        self.heading_last: dict[str, int] = {}  # last number seen per heading level
        self.heading_restarted: set[str] = set()  # levels whose numbering may restart at 1
        self.untitled_heading: Provision | None = None  # `第一章` alone; its title may be on the next line
        self.unit: Provision | None = None  # current article or section
        self.last_unit: Provision | None = None  # stays set after a heading closes the unit
        self.kuan: Provision | None = None
        self.item: Provision | None = None
        self.last: Provision | None = None  # the 款/项/目 that received the last paragraph

    # entry points

    def feed(self, lineno: int, raw: str) -> None:
        line = _clean(raw)
        if not line:
            return  # blank, or only U+200B / U+FEFF / U+3000
        is_markdown_heading = line.startswith("#")
        line = _strip_markup(line)
        if not line:
            return
        if self.mode == "attachment":
            if _ATTACHMENT_RE.match(line):
                self.attachments.append([])
            self.attachments[-1].append(line)
            return
        compact = _compact(line)
        if self.mode == "toc" and self._skip_toc_line(compact, line):
            return
        if self.mode == "front" and compact == "目录":
            self.mode = "toc"
            return
        untitled, self.untitled_heading = self.untitled_heading, None
        heading = _heading_match(compact)
        if heading is not None:
            self._open_heading(lineno, *heading)
            return
        if untitled is not None and self.unit is None and _looks_like_title(line):
            untitled.heading = compact  # `第一章` on one line and `总则` on the next
            return
        if self.unit is not None and _ATTACHMENT_RE.match(line):
            self.mode = "attachment"  # 附件 after the last unit belongs to no article
            self.unit = None
            self.attachments.append([line])
            return
        if self._try_open_unit(lineno, line):
            return
        if is_markdown_heading and self.mode != "front":
            self.doc.warnings.append(f"第{lineno}行的标题“{line}”不是编、章、节，已忽略")
            return
        if self.unit is not None:
            self._body_line(lineno, line)
        elif self.containers:
            container = self._innermost()
            assert container is not None
            container.text = f"{container.text}\n{line}" if container.text else line
        else:
            self.preamble.append(line)

    def finish(self) -> ParsedDocument:
        doc = self.doc
        doc.preamble = "\n".join(self.preamble)
        doc.attachments = ["\n".join(lines) for lines in self.attachments]
        if not doc.units():
            doc.warnings.append("未识别到条文（第X条）或编号段落（一、二、）")
        return doc

    # 目录

    def _skip_toc_line(self, compact: str, line: str) -> bool:
        """Skip 目录 lines until the body repeats the first listed heading or an article starts."""
        match = _HEADING_RE.match(compact)
        if match is not None:
            try:
                key = (HEADING_LEVELS[match.group(2)], cn_to_int(match.group(1)))
            except ValueError:
                return True
            if self.toc_first is None:
                self.toc_first = key
                return True
            if key != self.toc_first:
                return True
        else:
            candidate = _article_candidate(line)
            if candidate is None or candidate.reference:
                return True  # 序言, 附则, page numbers ... listed in the 目录
        self.mode = "front"
        return False

    # headings

    def _innermost(self, above_depth: int = len(HEADING_DEPTH)) -> Provision | None:
        for level in sorted(self.containers, key=HEADING_DEPTH.__getitem__, reverse=True):
            if HEADING_DEPTH[level] < above_depth:
                return self.containers[level]
        return None

    def _attach(self, provision: Provision, parent: Provision | None) -> None:
        provision.path = f"{parent.path}/{provision.label}" if parent else provision.label
        (parent.children if parent else self.doc.provisions).append(provision)

    def _open_heading(self, lineno: int, level: str, number: int, label: str, title: str) -> None:
        self._check_heading_number(level, number)
        self._close_unit()
        depth = HEADING_DEPTH[level]
        parent = self._innermost(depth)
        for open_level in list(self.containers):
            if HEADING_DEPTH[open_level] >= depth:
                del self.containers[open_level]
        heading = Provision(level, number, label, heading=title, line=lineno)
        self._attach(heading, parent)
        self.containers[level] = heading
        self.mode = "body"
        if not title:
            self.untitled_heading = heading

    def _check_heading_number(self, level: str, number: int) -> None:
        kind = LEVEL_CHARS[level]
        previous = self.heading_last.get(level)
        restarted = level in self.heading_restarted
        self.heading_last[level] = number
        self.heading_restarted.discard(level)
        # A new 编 lets 章 (and everything below) restart at 1; a new 章 restarts 节.
        self.heading_restarted.update(lvl for lvl, d in HEADING_DEPTH.items() if d > HEADING_DEPTH[level])
        if previous is None or number == previous + 1 or (restarted and number == 1):
            return
        if number == previous:
            self.doc.warnings.append(f"第{int_to_cn(number)}{kind}重复出现")
        elif number > previous:
            self.doc.warnings.append(_missing(kind, previous, number))
        else:
            self.doc.warnings.append(
                f"第{int_to_cn(previous)}{kind}之后出现第{int_to_cn(number)}{kind}，编号不连续"
            )

    # articles and sections

    def _try_open_unit(self, lineno: int, line: str) -> bool:
        if not self.has_articles:
            return self._try_open_section(lineno, line)
        candidate = _article_candidate(line)
        if candidate is None or (candidate.reference and self.separated_style):
            return False
        current = self.last_unit
        if current is None:  # the first 第X条 starts the body, whatever its number (fragments)
            self._open_unit(lineno, TIAO, candidate.number, candidate.sub, candidate.label, candidate.rest)
            return True
        assert current.number is not None
        new, old = (candidate.number, candidate.sub), (current.number, current.sub)
        if new in ((old[0] + 1, 0), (old[0], old[1] + 1)):
            self._open_unit(lineno, TIAO, candidate.number, candidate.sub, candidate.label, candidate.rest)
            return True
        # Out of sequence. Only a label set off by whitespace is trusted as a (misnumbered) article;
        # otherwise the line is text that begins with a reference, e.g. `第十二条第一款…` in 第三十条.
        if candidate.reference:
            return False
        if candidate.separated and new > old:
            if candidate.sub == 0 and candidate.number > old[0] + 1:
                self.doc.warnings.append(_missing("条", old[0], candidate.number))
            else:
                self.doc.warnings.append(f"{current.label}之后出现{candidate.label}，编号不连续")
            self._open_unit(lineno, TIAO, candidate.number, candidate.sub, candidate.label, candidate.rest)
            return True
        if candidate.separated and new == old:
            self.doc.warnings.append(f"{candidate.label}重复出现（第{lineno}行）")
            self._open_unit(lineno, TIAO, candidate.number, candidate.sub, candidate.label, candidate.rest)
            return True
        self.doc.warnings.append(f"第{lineno}行以“{candidate.label}”开头，但不符合条文顺序，按正文处理")
        return False

    def _try_open_section(self, lineno: int, line: str) -> bool:
        match = _SECTION_RE.match(line)
        if match is None:
            return False
        try:
            number = cn_to_int(match.group(1))
        except ValueError:
            return False
        previous = self.last_unit
        expected = previous.number + 1 if previous is not None and previous.number is not None else 1
        if number != expected:
            return False  # `一、` not in sequence is an enumeration inside the text
        label = f"{match.group(1)}、"
        rest = match.group(2).strip()
        if rest and len(rest) <= _MAX_HEADING_CHARS and not any(ch in "。；;！？!?" for ch in rest):
            self._open_unit(lineno, SECTION, number, 0, label, "", heading=_compact(rest))
        else:
            self._open_unit(lineno, SECTION, number, 0, label, rest)
        return True

    def _open_unit(
        self, lineno: int, level: str, number: int, sub: int, label: str, rest: str, heading: str = ""
    ) -> None:
        self._close_unit()
        unit = Provision(level, number, label, sub=sub, heading=heading, line=lineno)
        self._attach(unit, self._innermost())
        self.unit = self.last_unit = unit
        self.mode = "body"
        if rest:
            self._new_kuan(lineno, rest)

    def _close_unit(self) -> None:
        self.unit = self.kuan = self.item = self.last = None

    # paragraphs inside a unit

    def _append_unit_text(self, text: str, separator: str = "\n") -> None:
        assert self.unit is not None
        self.unit.text = f"{self.unit.text}{separator}{text}" if self.unit.text else text

    def _new_kuan(self, lineno: int, text: str) -> None:
        assert self.unit is not None
        number = sum(1 for child in self.unit.children if child.level == KUAN) + 1
        label = f"第{int_to_cn(number)}款" if number <= 9999 else f"第{number}款"
        kuan = Provision(KUAN, number, label, text=text, line=lineno)
        self._attach(kuan, self.unit)
        self.kuan, self.item, self.last = kuan, None, kuan
        self._append_unit_text(text)

    def _body_line(self, lineno: int, line: str) -> None:
        item_match = _ITEM_RE.match(line)
        item_number = _numeral_or_none(item_match.group(2)) if item_match is not None else None
        if item_match is not None and item_number is not None:
            label, _, rest = item_match.groups()
            item = Provision(XIANG, item_number, label, text=rest.strip(), line=lineno)
            self._attach(item, self.kuan or self.unit)
            self.item = self.last = item
            self._append_unit_text(line)
            return
        mu_match = _MU_RE.match(line)
        if mu_match is not None and self.item is not None and self.last is not None:
            label, dotted, bracketed, rest = mu_match.groups()
            number = int(dotted or bracketed)  # int() reads full-width digits too
            expected = (self.last.number or 0) + 1 if self.last.level == MU else 1
            if self.last.level in (XIANG, MU) and number == expected:
                mu = Provision(MU, number, label.strip(), text=rest.strip(), line=lineno)
                self._attach(mu, self.item)
                self.last = mu
                self._append_unit_text(line)
                return
        if self.last is not None and self._continues(self.last):
            # Same logical paragraph split over two lines: keep the break only after punctuation.
            separator = "" if _ends_mid_sentence(self.last.text) else "\n"
            self.last.text = f"{self.last.text}{separator}{line}" if self.last.text else line
            self._append_unit_text(line, separator)
            return
        self._new_kuan(lineno, line)

    @staticmethod
    def _continues(previous: Provision) -> bool:
        """Does a paragraph without a 项/目 marker continue `previous` instead of starting a new 款?

        Rule (it matches every truth file): after a run of items a plain paragraph starts a new 款, unless
        the item before it has not finished its sentence, i.e. does not end with 。！？ (closing quotes
        ignored). Items in a list end with ；, so a line after such an item is a wrapped piece of the same
        item: 国旗法 第五条 `（二）…最高人民检察院；` + `中国人民政治协商会议全国委员会；`. The other 50
        plain paragraphs after items in corpus articles all follow an item ending with 。 and are new 款.
        A 款 itself is only continued when it stops mid-sentence (comma or a plain character), which
        happens in hard-wrapped plain text; a 款 ending with ：or 。 is complete.
        """
        if previous.level in (XIANG, MU):
            return not _ends_sentence(previous.text)
        return _ends_mid_sentence(previous.text)
