"""Uploads: the type is read from the content, an oversized upload is refused before its body is read,
a Word file that inflates like a zip bomb is refused, the client's file name is never a path, and
downloads carry headers that stop a browser from rendering or sniffing them."""

from __future__ import annotations

import io
import zipfile
from collections.abc import AsyncIterator
from datetime import date

import httpx

from portal.models import Attachment, DocumentAttachment, IssuerLevel
from portal.services import library
from portal.services.library import DocumentInput
from tests.conftest import Personas, csrf_token, login

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"0" * 200


def docx_bomb(inflated_bytes: int) -> bytes:
    """A zip shaped like a Word file whose one part inflates to ``inflated_bytes`` of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", b"\0" * inflated_bytes)
    return buffer.getvalue()


async def _document_page(client: httpx.AsyncClient, people: Personas) -> tuple[str, str]:
    document = await library.publish(
        DocumentInput(
            title="停车管理通知",
            issuer="广州市交通运输局",
            issuer_level=IssuerLevel.CITY_DEPARTMENT,
            issued_on=date(2024, 3, 1),
            effective_on=date(2024, 4, 1),
            text="一、总体要求\n加强停车管理。\n",
        ),
        actor=people.alice,
        ip="",
    )
    await login(client, people.leo)
    page = f"/staff/documents/{document.unified_number}"
    return page, await csrf_token(client, page)


async def test_a_word_file_that_inflates_like_a_bomb_is_refused(client, settings, people: Personas):
    page, token = await _document_page(client, people)
    bomb = docx_bomb(30 * 1024 * 1024)
    assert len(bomb) < 100_000
    response = await client.post(
        f"{page}/attachments",
        data={"csrf_token": token, "title": "附件"},
        files={"file": ("附件.docx", bomb, "application/octet-stream")},
    )
    assert response.status_code == 303
    assert "疑似压缩炸弹" in (await client.get(page)).text
    assert await Attachment.all().count() == 0
    assert list((settings.upload_dir / "staging").iterdir()) == []


async def test_a_file_name_is_never_a_path(client, settings, people: Personas):
    page, token = await _document_page(client, people)
    response = await client.post(
        f"{page}/attachments",
        data={"csrf_token": token, "title": ""},
        files={"file": ("../../../../etc/cron.d/evil.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 303
    stored = await Attachment.get()
    assert stored.original_name == "evil.pdf"
    assert stored.stored_name.isalnum() and len(stored.stored_name) == 32
    assert (settings.upload_dir / stored.stored_name).read_bytes() == PDF
    files_anywhere = {p.name for p in settings.upload_dir.parent.rglob("*") if p.is_file()}
    assert "evil.pdf" not in files_anywhere

    item = await DocumentAttachment.get()
    download = await client.get(f"{page.replace('/staff', '')}/attachments/{item.id}")
    assert download.headers["content-disposition"] == "attachment; filename*=UTF-8''evil.pdf"
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["content-type"] == "application/pdf"


async def test_a_disguised_file_is_refused_by_its_content(client, people: Personas):
    page, token = await _document_page(client, people)
    html = b"<html><script>alert(1)</script></html>"
    await client.post(
        f"{page}/attachments",
        data={"csrf_token": token, "title": "伪装"},
        files={"file": ("伪装.pdf", html, "application/pdf")},
    )
    assert "文件类型不符合要求" in (await client.get(page)).text
    assert await Attachment.all().count() == 0


async def test_an_oversized_upload_is_refused_before_its_body_is_read(client, people: Personas):
    page, token = await _document_page(client, people)
    read = []

    async def body() -> AsyncIterator[bytes]:
        read.append(True)
        yield b"x" * 1024
        raise AssertionError("the body was read past the declared size check")

    response = await client.post(
        f"{page}/attachments",
        content=body(),
        headers={
            "content-type": "multipart/form-data; boundary=xyz",
            "content-length": str(10 * 1024**3),
            "x-csrf-token": token,
        },
    )
    assert response.status_code == 413 and "上限" in response.text
    assert read == []
