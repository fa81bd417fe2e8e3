"""Turn an uploaded draft file into text: .txt and .md as they are, .docx through python-docx.

The type is decided by the content (a .docx is a ZIP container holding word/document.xml), not by
the file name, and the ZIP is inspected before anything is decompressed (files.check_zip). The text
comes back without the characters no export can hold (services.plaintext).
"""

from __future__ import annotations

import io
import zipfile

from docx import Document

from portal.services import files, plaintext

# A 20 MB .docx never legitimately inflates past 50 MB; python-docx reads every part into memory and
# builds a tree of the document. A 1,260-article code written in Word has perhaps 200,000 elements.
DRAFT_DOCX = files.ZipLimits(
    "Word 文件",
    members=2000,
    member_bytes=50 * 1024 * 1024,
    total_bytes=50 * 1024 * 1024,
    markup=3_000_000,
)
TEXT_ENCODINGS = ("utf-8-sig", "gb18030")  # drafting offices still send GBK text files


class DraftFileError(ValueError):
    """The file cannot be read as a draft; the message (Chinese) says why."""


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _docx_text(data: bytes) -> str:
    try:
        files.check_zip(io.BytesIO(data), DRAFT_DOCX)
    except files.FileRefused as exc:
        raise DraftFileError(f"{exc}，无法导入。") from exc
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises a variety of errors on damaged files
        raise DraftFileError("无法读取该 Word 文件，请确认文件未损坏。") from exc
    # Each Word paragraph is one line of the draft; blank paragraphs separate nothing the parser needs.
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def text_from_upload(filename: str, data: bytes) -> str:
    """Return the text of an uploaded .txt, .md or .docx file."""
    return plaintext.clean(_text_of(data))


def _text_of(data: bytes) -> str:
    if not data.strip():
        raise DraftFileError("上传的文件是空的。")
    if _is_docx(data):
        return _docx_text(data)
    if data.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")):
        raise DraftFileError("只支持 .txt、.md 或 .docx 文件（不支持 PDF 或旧版 .doc，请另存为 .docx）。")
    if b"\x00" in data[:4096]:
        raise DraftFileError("文件不是文本文件，只支持 .txt、.md 或 .docx。")
    for encoding in TEXT_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DraftFileError("无法识别文件的文字编码，请另存为 UTF-8 编码的文本文件。")
