"""Text as every file the portal writes can hold it: only the characters XML 1.0 allows.

The legislators' exports are XML inside (.xlsx, .docx), and so are the feeds; a calendar file or a
CSV read by Excel fares no better with control characters. One stored character outside XML 1.0
made every export of its draft fail, for everybody, until the row was edited by hand. So text is
cleaned where it enters (forms, uploads, spreadsheet imports, the command line) and again in every
exporter, for rows stored before this existed or written by other means.

What happens to each character (``clean``):

- vertical tab and form feed become a line break: Word writes a manual line break (Shift+Enter) as a
  vertical tab when its text is copied out, and a page break as a form feed; deleting them would
  run two lines together;
- a lone surrogate (half of a character, left by a broken conversion) becomes U+FFFD, the
  replacement character: something was there, and a reader should see that it was lost;
- the other C0 control characters (NUL, BEL, ESC, …) and the non-characters U+FFFE and U+FFFF are
  removed: nobody types them, they carry nothing a reader could see (U+FFFE is a byte-order mark
  read the wrong way round), and a gap is what the writer would have seen.

Tab, line feed and carriage return are kept; everything else XML 1.0 allows is kept as it is.
"""

from __future__ import annotations

import re
from typing import Any

_OUTSIDE_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = frozenset("\x0b\x0c")
REPLACEMENT = "\ufffd"


def _replace(match: re.Match[str]) -> str:
    char = match.group()
    if char in _LINE_BREAKS:
        return "\n"
    if "\ud800" <= char <= "\udfff":
        return REPLACEMENT
    return ""


def clean(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold replaced or removed (see the module)."""
    if _OUTSIDE_XML.search(text) is None:  # nearly always: no new string
        return text
    return _OUTSIDE_XML.sub(_replace, text)


def clean_tree(value: Any) -> Any:
    """Every string inside nested dicts, lists and tuples cleaned (a digest read back from JSON)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean_tree(k): clean_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_tree(v) for v in value]
    if isinstance(value, tuple):
        return tuple(clean_tree(v) for v in value)
    return value
