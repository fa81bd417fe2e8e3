"""A full disk or an upload folder that cannot be written: a clean Chinese error page, the typed text
given back, and nothing half-written: no Attachment row without its file, no file without its row,
no staging left behind."""

from __future__ import annotations

import errno
import os
import pathlib
from typing import Any

import pytest
from tortoise.exceptions import OperationalError

from portal.models import Attachment, ConsultationMeeting, MeetingFile
from portal.services import files, library
from tests.conftest import Personas, csrf_token, login, publish_text
from tests.test_library_access import _two_documents
from tests.test_meetings import JPEG, PDF, post_meeting, staged_files, stored_files

MINUTES = "会议围绕草案第三条展开讨论。"


async def nothing_was_kept(settings) -> None:
    assert await ConsultationMeeting.all().count() == 0
    assert await MeetingFile.all().count() == 0
    assert await Attachment.all().count() == 0
    assert stored_files(settings) == []
    assert staged_files(settings) == []


class _FullDisk:
    """A staged file on a disk that fills up: half of the bytes land, then ENOSPC."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def write(self, chunk: bytes) -> int:
        self.handle.write(chunk[: len(chunk) // 2])
        self.handle.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def close(self) -> None:
        self.handle.close()


async def test_a_full_disk_while_staging_is_a_507_and_leaves_nothing(
    client, people: Personas, settings, monkeypatch
):
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    real_open = pathlib.Path.open

    def open_on_full_disk(self: pathlib.Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(self, mode, *args, **kwargs)
        return _FullDisk(handle) if "staging" in self.parts and "w" in mode else handle

    monkeypatch.setattr(pathlib.Path, "open", open_on_full_disk)
    response = await post_meeting(client, draft.id, [("file-minutes", ("纪要.pdf", PDF, "application/pdf"))])

    assert response.status_code == 507
    assert "存储空间不足" in response.text
    assert "服务器暂时无法保存文件，您的提交未被保存" in response.text
    assert f">{MINUTES}</textarea>" in response.text  # the minutes typed are given back
    await nothing_was_kept(settings)


async def test_a_full_disk_while_moving_files_is_a_507_and_leaves_nothing(
    client, people: Personas, settings, monkeypatch
):
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    real_replace = os.replace
    moves: list[str] = []

    def replace_then_fill_up(src: Any, dst: Any) -> None:
        moves.append(str(dst))
        if len(moves) > 1:  # the first file made it, the second does not
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", replace_then_fill_up)
    response = await post_meeting(
        client,
        draft.id,
        [
            ("file-minutes", ("纪要.pdf", PDF, "application/pdf")),
            ("file-photo", ("现场.jpg", JPEG, "image/jpeg")),
        ],
    )

    assert response.status_code == 507
    assert "存储空间不足" in response.text and f">{MINUTES}</textarea>" in response.text
    assert len(moves) == 2
    await nothing_was_kept(settings)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders anyway")
async def test_an_upload_folder_that_cannot_be_written_is_a_503_and_leaves_nothing(
    client, people: Personas, settings
):
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    staging = settings.upload_dir / "staging"
    staging.chmod(0o555)
    try:
        response = await post_meeting(
            client, draft.id, [("file-minutes", ("纪要.pdf", PDF, "application/pdf"))]
        )
    finally:
        staging.chmod(0o755)
    assert response.status_code == 503
    assert "服务器暂时无法保存文件" in response.text and f">{MINUTES}</textarea>" in response.text
    await nothing_was_kept(settings)


async def test_an_upload_folder_that_refuses_the_move_is_a_503_and_leaves_nothing(
    client, people: Personas, settings, monkeypatch
):
    """The same as a read-only folder, simulated, so it also runs as root (where chmod does not bind)."""
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)

    def refused(src: Any, dst: Any) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.os, "replace", refused)
    response = await post_meeting(client, draft.id, [("file-minutes", ("纪要.pdf", PDF, "application/pdf"))])
    assert response.status_code == 503
    assert "服务器暂时无法保存文件" in response.text
    await nothing_was_kept(settings)


async def test_a_database_failure_after_the_move_leaves_no_row_and_no_file(
    client, people: Personas, settings, monkeypatch
):
    """A document attachment: the file was moved and its row written, then the link to the document
    failed. Before, the Attachment row stayed behind pointing at a removed file."""
    business, _ = await _two_documents(people)
    await login(client, people.leo)
    page = f"/staff/documents/{business.unified_number}"
    token = await csrf_token(client, page)

    async def locked(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(library, "attach", locked)
    response = await client.post(
        f"{page}/attachments",
        data={"csrf_token": token, "title": "申报表格"},
        files={"file": ("表格.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 503
    assert "服务暂时不可用，您的内容尚未提交" in response.text and ">申报表格</textarea>" in response.text
    assert await Attachment.all().count() == 0
    assert stored_files(settings) == [] and staged_files(settings) == []
