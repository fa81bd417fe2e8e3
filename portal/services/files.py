"""Uploaded files: the type decided by content, stored under random names outside static/, with
size and SHA-256 recorded. Files are written to a temporary name first and only become permanent
with the database rows that point at them, so a failed save leaves nothing behind."""

from __future__ import annotations

import asyncio
import os
import secrets
import time
import zipfile
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar

import filetype
from tortoise.transactions import in_transaction

from portal.models import Attachment, User
from portal.services import plaintext

# What a liaison point may upload: minutes scans, Word files, photos, sign-in sheets.
ALLOWED: dict[str, str] = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (.docx)",
    "image/jpeg": "JPEG 图片",
    "image/png": "PNG 图片",
}


def prepare_dirs(upload_dir: Path) -> Path:
    """Create the upload folder and its staging folder (same file system, so moves are atomic)."""
    staging = upload_dir / "staging"
    staging.mkdir(parents=True, exist_ok=True)
    return staging


class FileRefused(ValueError):
    """The file is not accepted; the message (Chinese) names the file and the reason."""


@dataclass
class StagedFile:
    """An uploaded file written to a temporary path, not yet attached to anything."""

    field: str
    original_name: str
    temp_path: Path
    size: int
    sha256: str
    content_type: str = ""


_NAME_BREAKS = str.maketrans("\t\r\n", "   ")


def safe_display_name(name: str) -> str:
    """The name as people know it, without any path: only ever displayed, never used to open a file."""
    name = plaintext.clean(name.replace("\\", "/").rsplit("/", 1)[-1])
    name = name.translate(_NAME_BREAKS).strip()  # a name is one line
    return (name or "未命名文件")[:200]


@dataclass(frozen=True)
class ZipLimits:
    """How far an Office file (a ZIP of XML parts: .docx, .xlsx) may inflate, checked before any
    parser opens it. The sizes are read from the ZIP's directory and are binding: Python's zipfile
    never inflates a part past the size the directory declares for it (it stops there and reports a
    CRC error), and openpyxl and python-docx read through zipfile. ``markup`` bounds the work a
    parser does whatever the sizes: the number of ``<`` in all parts together (every XML element
    starts with one, and text holds none unescaped), counted by inflating the parts in chunks.

    An 84 KB workbook whose shared strings inflate to 32 MB held a worker for 11 seconds; these
    limits refuse it unopened."""

    label: str  # how the message names the file: "Word 文件", "Excel 文件"
    members: int  # parts in the package
    member_bytes: int  # any one part, inflated
    total_bytes: int  # every part together, inflated
    ratio: int = 100  # inflated / compressed, whole file: a real one is perhaps 10:1, a bomb 1000:1
    ratio_from: int = 1024 * 1024  # below this much inflated, no ratio is a danger
    markup: int | None = None  # "<" in every part together; None: not counted (never parsed here)


# A Word file a liaison point stores (never opened by the portal, but by every reader's Word).
STORED_DOCX = ZipLimits(
    "Word 文件", members=5000, member_bytes=100 * 1024 * 1024, total_bytes=100 * 1024 * 1024
)


def check_zip(source: Path | IO[bytes], limits: ZipLimits) -> None:
    """Refuse (FileRefused, in Chinese) an Office file that is no ZIP or goes past ``limits``."""
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
            _check_sizes(infos, limits)
            if limits.markup is not None:
                _check_markup(archive, infos, limits.markup, limits.label)
    except FileRefused:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError, EOFError) as exc:
        # A damaged directory or part, an encrypted part, an unknown compression method.
        raise FileRefused(f"{limits.label}已损坏") from exc


def _check_sizes(infos: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    if len(infos) > limits.members:
        raise FileRefused(f"{limits.label}内部的部件过多（{len(infos)} 个），疑似恶意构造")
    largest = max((i.file_size for i in infos), default=0)
    inflated = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if (
        largest > limits.member_bytes
        or inflated > limits.total_bytes
        or (inflated > limits.ratio_from and inflated / packed > limits.ratio)
    ):
        raise FileRefused(f"{limits.label}解压后异常巨大（疑似压缩炸弹）")


def _check_markup(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limit: int, label: str) -> None:
    tags = 0
    for info in infos:
        with archive.open(info) as part:
            while chunk := part.read(1024 * 1024):
                tags += chunk.count(b"<")
                if tags > limit:
                    raise FileRefused(f"{label}的内容结构异常复杂（超过 {limit} 个标记），疑似恶意构造")


T = TypeVar("T")


class ParseTooSlow(Exception):
    """A parser of an uploaded file ran past its time limit."""


@dataclass(frozen=True)
class Deadline:
    """When a parser running in a worker thread must give up (it checks between rows or parts)."""

    at: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds)

    def check(self) -> None:
        if time.monotonic() > self.at:
            raise ParseTooSlow


async def parse_off_loop(parse: Callable[[Deadline], T], *, seconds: float) -> T:
    """Run ``parse`` (an uploaded file's parser) in a worker thread, so the event loop keeps serving
    every other request meanwhile; ParseTooSlow after ``seconds``. The thread is told the same
    deadline and stops at its next check; the size limits (ZipLimits) bound what it can do between
    two checks."""
    deadline = Deadline.after(seconds)
    try:
        return await asyncio.wait_for(asyncio.to_thread(parse, deadline), seconds)
    except TimeoutError as exc:
        raise ParseTooSlow from exc


def detect_type(path: Path) -> str:
    """The MIME type by the file's content (magic bytes), or FileRefused."""
    kind = filetype.guess(str(path))
    mime = kind.mime if kind else ""
    if mime not in ALLOWED:
        allowed = "、".join(ALLOWED.values())
        raise FileRefused(f"文件类型不符合要求（按文件内容识别，只接受 {allowed}）")
    if mime.endswith("wordprocessingml.document"):
        check_zip(path, STORED_DOCX)
    return mime


def validate(staged: list[StagedFile]) -> dict[str, str]:
    """Check every staged file; return {original name: reason} for the refused ones."""
    refused: dict[str, str] = {}
    for item in staged:
        try:
            item.content_type = detect_type(item.temp_path)
        except FileRefused as exc:
            refused[item.original_name] = str(exc)
    return refused


def discard(staged: list[StagedFile]) -> None:
    for item in staged:
        item.temp_path.unlink(missing_ok=True)


@dataclass
class Placement:
    """Files moved to their permanent names; ``undo`` removes them if the database save fails."""

    moved: list[Path]

    def undo(self) -> None:
        for path in self.moved:
            path.unlink(missing_ok=True)


async def store(
    staged: list[StagedFile], upload_dir: Path, uploader: User | None
) -> tuple[list[Attachment], Placement]:
    """Move staged files to random permanent names and create their Attachment rows.

    Call inside the caller's transaction; on any error the caller calls ``placement.undo()``. On an
    error here (a full disk, a folder that is not writable) the files moved so far are removed, and
    so are the staged files, so nothing is left behind however the caller handles it.
    """
    placement = Placement([])
    attachments = []
    try:
        for item in staged:
            stored_name = secrets.token_hex(16)
            target = upload_dir / stored_name
            os.replace(item.temp_path, target)  # same file system: atomic
            placement.moved.append(target)
            attachments.append(
                await Attachment.create(
                    original_name=item.original_name,
                    stored_name=stored_name,
                    content_type=item.content_type,
                    size=item.size,
                    sha256=item.sha256,
                    uploader=uploader,
                )
            )
    except BaseException:
        placement.undo()
        discard(staged)
        raise
    return attachments, placement


@asynccontextmanager
async def stored(
    staged: list[StagedFile], upload_dir: Path, uploader: User | None
) -> AsyncIterator[list[Attachment]]:
    """Store staged files and run the block with their attachments, all in one transaction.

    If anything in the block (or the move, or the database) fails, the transaction is rolled back and
    the moved and staged files are removed: never a row without a file nor a file without a row.
    """
    placement = Placement([])
    try:
        async with in_transaction():
            attachments, placement = await store(staged, upload_dir, uploader)
            yield attachments
    except BaseException:
        placement.undo()
        discard(staged)
        raise


def path_of(attachment: Attachment, upload_dir: Path) -> Path:
    # stored_name is generated here (hex), never taken from the request.
    return upload_dir / attachment.stored_name
