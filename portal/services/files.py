"""Uploaded files: the type decided by content, stored under random names outside static/, with
size and SHA-256 recorded. Files are written to a temporary name first and only become permanent
with the database rows that point at them, so a failed save leaves nothing behind."""

from __future__ import annotations

import os
import secrets
import zipfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import filetype
from tortoise.transactions import in_transaction

from portal.models import Attachment, User

# What a liaison point may upload: minutes scans, Word files, photos, sign-in sheets.
ALLOWED: dict[str, str] = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (.docx)",
    "image/jpeg": "JPEG 图片",
    "image/png": "PNG 图片",
}
MAX_DOCX_INFLATED = 100 * 1024 * 1024
MAX_DOCX_RATIO = 100  # a real Word file compresses perhaps 10:1; a bomb, thousands to one


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


def safe_display_name(name: str) -> str:
    """The name as people know it, without any path: only ever displayed, never used to open a file."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip().replace("\x00", "")
    return (name or "未命名文件")[:200]


def _check_docx(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            inflated = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
    except zipfile.BadZipFile as exc:
        raise FileRefused("Word 文件已损坏") from exc
    if inflated > MAX_DOCX_INFLATED or inflated / packed > MAX_DOCX_RATIO:
        raise FileRefused("Word 文件解压后异常巨大（疑似压缩炸弹）")


def detect_type(path: Path) -> str:
    """The MIME type by the file's content (magic bytes), or FileRefused."""
    kind = filetype.guess(str(path))
    mime = kind.mime if kind else ""
    if mime not in ALLOWED:
        allowed = "、".join(ALLOWED.values())
        raise FileRefused(f"文件类型不符合要求（按文件内容识别，只接受 {allowed}）")
    if mime.endswith("wordprocessingml.document"):
        _check_docx(path)
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
