"""Streaming multipart reception for file uploads.

Files are written straight to temporary files (never held in memory) while their size and SHA-256 are
counted, so a file over the per-file limit is refused as soon as its bytes pass the limit, not after
the whole body has arrived; a body declaring more than the total limit is refused before it is read.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import quote

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from portal.models import Attachment
from portal.services import files, plaintext
from portal.services.files import StagedFile, safe_display_name


def human_size(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


class _TooLarge(Exception):
    def __init__(self, message: str) -> None:
        self.message = message


@dataclass
class Received:
    fields: dict[str, list[str]] = field(default_factory=dict)
    files: list[StagedFile] = field(default_factory=list)

    def get(self, name: str, default: str = "") -> str:
        values = self.fields.get(name)
        return values[-1] if values else default

    def getlist(self, name: str) -> list[str]:
        return list(self.fields.get(name, []))


@dataclass
class _Part:
    name: str = ""
    filename: str | None = None
    data: bytearray = field(default_factory=bytearray)
    handle: IO[bytes] | None = None
    path: Path | None = None
    size: int = 0
    digest: object = None


async def receive_multipart(
    request: Request,
    *,
    temp_dir: Path,
    max_file_bytes: int,
    max_total_bytes: int,
    max_files: int = 30,
    max_field_bytes: int = 1024 * 1024,
) -> Received:
    """Read a multipart form, staging its files; raises HTTPException 400/413 with a Chinese message."""
    content_type, options = parse_options_header(request.headers.get("content-type", ""))
    boundary = options.get(b"boundary")
    if content_type != b"multipart/form-data" or not boundary:
        raise HTTPException(400, "表单格式不正确，请刷新页面后重新提交。")
    declared = request.headers.get("content-length", "")
    # ASCII digits, as HTTP writes them; a number too long for int() is too large anyway.
    size = (
        (int(declared) if len(declared) <= 18 else 10**18) if declared.isascii() and declared.isdigit() else 0
    )
    if size > max_total_bytes:
        raise HTTPException(
            413, f"上传内容共 {human_size(size)}，超过每次 {human_size(max_total_bytes)} 的上限。"
        )
    result = Received()
    # What was typed, for the error page should the disk or the database fail before it is saved.
    typed: list[tuple[str, str]] = []
    request.state.submitted_fields = typed
    part = _Part()
    header_field = bytearray()
    header_value = bytearray()
    disposition = b""
    total = 0

    def on_part_begin() -> None:
        nonlocal part, disposition
        part = _Part()
        disposition = b""

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header_field.extend(data[start:end])

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header_value.extend(data[start:end])

    def on_header_end() -> None:
        nonlocal disposition
        if bytes(header_field).lower() == b"content-disposition":
            disposition = bytes(header_value)
        header_field.clear()
        header_value.clear()

    def on_headers_finished() -> None:
        _, opts = parse_options_header(disposition)
        part.name = opts.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in opts:
            part.filename = opts[b"filename"].decode("utf-8", "replace")
            if part.filename:  # an empty file input sends filename="" and no bytes
                if len(result.files) >= max_files:
                    raise _TooLarge(f"一次最多上传 {max_files} 个文件。")
                part.path = temp_dir / f"upload-{secrets.token_hex(12)}.part"
                part.handle = part.path.open("wb")
                part.digest = hashlib.sha256()

    def on_part_data(data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if part.handle is not None:
            part.size += len(chunk)
            if part.size > max_file_bytes:
                name = safe_display_name(part.filename or "")
                raise _TooLarge(f"文件“{name}”超过单个文件 {human_size(max_file_bytes)} 的上限。")
            part.handle.write(chunk)
            part.digest.update(chunk)  # type: ignore[attr-defined]
        elif part.filename is None:
            part.data.extend(chunk)
            if len(part.data) > max_field_bytes:
                raise _TooLarge("表单中的文字内容过长。")

    def on_part_end() -> None:
        if part.handle is not None and part.path is not None:
            part.handle.close()
            result.files.append(
                StagedFile(
                    field=part.name,
                    original_name=safe_display_name(part.filename or ""),
                    temp_path=part.path,
                    size=part.size,
                    sha256=part.digest.hexdigest(),  # type: ignore[attr-defined]
                )
            )
            part.handle = None
        elif part.filename is None:
            # Cleaned as read_form cleans every other form (services.plaintext).
            value = plaintext.clean(part.data.decode("utf-8", "replace"))
            result.fields.setdefault(part.name, []).append(value)
            typed.append((part.name, value))

    parser = MultipartParser(
        boundary,
        callbacks={
            "on_part_begin": on_part_begin,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
            "on_headers_finished": on_headers_finished,
            "on_part_data": on_part_data,
            "on_part_end": on_part_end,
        },
    )
    try:
        async for chunk in request.stream():
            total += len(chunk)
            if total > max_total_bytes:
                raise _TooLarge(f"上传内容超过每次 {human_size(max_total_bytes)} 的上限。")
            parser.write(chunk)
        parser.finalize()
    except _TooLarge as exc:
        _cleanup(part, result)
        raise HTTPException(413, exc.message) from None
    except FormParserError as exc:
        _cleanup(part, result)
        raise HTTPException(400, "表单内容无法解析，请刷新页面后重新提交。") from exc
    except BaseException:
        _cleanup(part, result)
        raise
    return result


def _cleanup(part: _Part, result: Received) -> None:
    """Remove every staged byte. Closing flushes the buffer, which fails again on a full disk."""
    if part.handle is not None:
        with contextlib.suppress(OSError):
            part.handle.close()
    if part.path is not None:
        part.path.unlink(missing_ok=True)
    for staged in result.files:
        staged.temp_path.unlink(missing_ok=True)


async def receive_one_file(request: Request) -> tuple[Received, str]:
    """Read a staff form carrying one document (limits from the settings) and check the file.
    Returns the form and, when the file is missing or refused, a Chinese message (its staging removed)."""
    settings = request.app.state.settings
    form = await receive_multipart(
        request,
        temp_dir=settings.upload_dir / "staging",
        max_file_bytes=settings.max_upload_bytes,
        max_total_bytes=settings.max_upload_bytes + 1024 * 1024,
        max_files=1,
    )
    refused = files.validate(form.files)
    if form.files and not refused:
        return form, ""
    files.discard(form.files)
    return form, "；".join(f"“{n}”：{r}" for n, r in refused.items()) or "请选择要上传的文件。"


def attachment_response(request: Request, attachment: Attachment, *, private: bool = False) -> Response:
    """Send a stored file as a download under its original name (never rendered inline)."""
    path = files.path_of(attachment, request.app.state.settings.upload_dir)
    if not path.is_file():
        raise HTTPException(404, "文件已不存在。")
    headers = {
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(attachment.original_name)}",
        "X-Content-Type-Options": "nosniff",
    }
    if private:
        headers["Cache-Control"] = "private, no-store"
    return FileResponse(path, media_type=attachment.content_type, headers=headers)
