"""Uploads: the type is read from the content, an oversized upload is refused before its body is read,
a Word or Excel file that inflates like a zip bomb is refused before anything opens it, the files
the portal does open are parsed in a worker thread (the event loop keeps serving), the client's file
name is never a path, and downloads carry headers that stop a browser from rendering or sniffing
them."""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import AsyncIterator, Callable
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

import httpx
import pytest
from openpyxl import Workbook

from portal.models import Attachment, Comment, ConsultationMeeting, DocumentAttachment, Draft, IssuerLevel
from portal.services import library, meetings
from portal.services.drafting import importing
from portal.services.library import DocumentInput
from tests.conftest import Personas, csrf_token, login, publish_text
from tests.library_fixtures import BACKFILLED
from tests.test_meetings import post_meeting
from tests.test_staff_drafts import FORM, docx_of

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
            review_exemption=BACKFILLED,
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


async def post_declaring(
    client: httpx.AsyncClient, url: str, token: str, size: int
) -> tuple[httpx.Response, bool]:
    """Post a multipart body whose Content-Length says ``size``: the answer, and whether any of the
    body was read."""
    read = []

    async def body() -> AsyncIterator[bytes]:
        read.append(True)
        yield b"x" * 1024
        raise AssertionError("the body was read past the declared size check")

    response = await client.post(
        url,
        content=body(),
        headers={
            "content-type": "multipart/form-data; boundary=xyz",
            "content-length": str(size),
            "x-csrf-token": token,
        },
    )
    return response, bool(read)


async def test_an_oversized_upload_is_refused_before_its_body_is_read(client, people: Personas):
    page, token = await _document_page(client, people)
    response, read = await post_declaring(client, f"{page}/attachments", token, 10 * 1024**3)
    assert response.status_code == 413 and "上限" in response.text
    assert not read


# --- spreadsheets and Word files the portal opens -------------------------------------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SHARED_STRINGS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
HEADER = ["草案编号", "条文", "态度", "发言人类别", "意见内容", "建议修改为", "姓名", "同意公开姓名"]


def workbook(rows: list[list[str]], *, padding: bytes = b"", dimension: str = "", far_row: int = 0) -> bytes:
    """An opinions sheet written the way Excel and WPS write one: every text a shared string.
    ``padding`` is appended to the shared-string part; ``dimension`` is the size the sheet declares;
    ``far_row`` adds one more row that far down."""
    strings: list[str] = []
    sheet_rows = []
    numbered = list(enumerate([HEADER, *rows], start=1))
    if far_row:
        numbered.append((far_row, ["", "第三条", "赞成", "", "很远的一行", "", "", ""]))
    for number, row in numbered:
        cells = []
        for column, value in enumerate(row):
            strings.append(value)
            cells.append(f'<c r="{chr(65 + column)}{number}" t="s"><v>{len(strings) - 1}</v></c>')
        sheet_rows.append(f'<row r="{number}">{"".join(cells)}</row>')
    size = dimension or f"A1:H{numbered[-1][0]}"
    sheet_xml = (
        f'<worksheet xmlns="{MAIN}"><dimension ref="{size}"/>'
        f"<sheetData>{''.join(sheet_rows)}</sheetData></worksheet>"
    )
    shared = f'<sst xmlns="{MAIN}">' + "".join(f"<si><t>{escape(v)}</t></si>" for v in strings)
    template = io.BytesIO()
    Workbook().save(template)  # the other parts (styles, workbook) as openpyxl writes them
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(template.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode()
            elif info.filename == "[Content_Types].xml":
                override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHARED_STRINGS_TYPE}"/>'
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            elif info.filename == "xl/_rels/workbook.xml.rels":
                rel = (
                    f'<Relationship Id="rIdStrings" Type="{SHARED_STRINGS_REL}" Target="sharedStrings.xml"/>'
                )
                data = data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            target.writestr(info.filename, data)
        target.writestr("xl/sharedStrings.xml", shared.encode() + padding + b"</sst>")
    return out.getvalue()


@pytest.fixture
def opened_workbooks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The threads openpyxl opened an uploaded workbook in (none: it was refused unopened)."""
    threads: list[int] = []
    real = meetings.load_workbook

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(meetings, "load_workbook", spy)
    return threads


async def _meeting(client: httpx.AsyncClient, people: Personas) -> tuple[ConsultationMeeting, str]:
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    await post_meeting(client, draft.id, [])
    meeting = await ConsultationMeeting.get()
    return meeting, await csrf_token(client, f"/staff/meetings/{meeting.id}")


async def _import(client: httpx.AsyncClient, meeting: ConsultationMeeting, token: str, data: bytes) -> str:
    """The page the import answers with: its preview, or the meeting page with the refusal."""
    response = await client.post(
        f"/staff/meetings/{meeting.id}/import",
        data={"csrf_token": token},
        files={"sheet": ("意见.xlsx", data, "application/octet-stream")},
    )
    if response.status_code == 303:
        return (await client.get(response.headers["location"])).text
    assert response.status_code == 200, response.text
    return response.text


async def test_a_workbook_with_a_huge_shared_strings_part_is_refused_unopened(
    client, people: Personas, opened_workbooks: list[int]
):
    meeting, token = await _meeting(client, people)
    bomb = workbook([], padding=b"<si><t></t></si>" * 2_000_000)  # 32 MB of empty strings
    assert len(bomb) < 100_000
    page = await _import(client, meeting, token, bomb)
    assert "Excel 文件解压后异常巨大（疑似压缩炸弹），无法导入。" in page
    assert opened_workbooks == []  # refused on the ZIP's directory, before openpyxl saw it


async def test_a_workbook_of_too_many_xml_elements_is_refused_unopened(
    client, people: Personas, opened_workbooks: list[int]
):
    meeting, token = await _meeting(client, people)
    # 2 MB of numbered strings: hardly compressible, so no size limit stops it; its elements do.
    many = b"".join(b"<si><t>%d</t></si>" % i for i in range(120_000))
    assert many.count(b"<") > meetings.SHEET_LIMITS.markup
    page = await _import(client, meeting, token, workbook([], padding=many))
    assert "Excel 文件的内容结构异常复杂" in page and "疑似恶意构造，无法导入" in page
    assert opened_workbooks == []


async def test_a_sheet_declaring_a_million_rows_is_refused_when_its_rows_run_out(client, people: Personas):
    meeting, token = await _meeting(client, people)
    # openpyxl fills every missing row, each as wide as the declared sheet (16,384 columns).
    sheet = workbook(
        [["", "第三条", "赞成", "", "正常的一行", "", "", ""]], dimension="A1:XFD1048576", far_row=1_048_576
    )
    page = await _import(client, meeting, token, sheet)
    assert f"表格超过 {meetings.MAX_SHEET_ROWS} 行，无法导入。" in page


async def test_a_workbook_is_read_in_a_worker_thread(client, people: Personas, opened_workbooks: list[int]):
    meeting, token = await _meeting(client, people)
    page = await _import(
        client,
        meeting,
        token,
        workbook([["", "第三条", "修改建议", "律师", "建议增加听证程序。", "", "", "否"]]),
    )
    assert "共 1 行，其中 1 行可以导入" in page
    assert opened_workbooks and threading.get_ident() not in opened_workbooks  # not the event loop's


async def test_an_import_upload_over_its_small_limit_is_refused_before_it_is_read(client, people: Personas):
    meeting, token = await _meeting(client, people)
    # A draft's upload may be 20 MB; a sheet, 5 MB.
    response, read = await post_declaring(
        client, f"/staff/meetings/{meeting.id}/import", token, 7 * 1024 * 1024
    )
    assert response.status_code == 413 and "上限" in response.text
    assert not read
    assert await Comment.filter(meeting=meeting).count() == 2  # only the meeting's own opinions


def _spy_on(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[int]:
    threads: list[int] = []
    real: Callable[..., Any] = getattr(module, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, spy)
    return threads


async def test_a_word_draft_is_read_in_a_worker_thread(
    client, people: Personas, monkeypatch: pytest.MonkeyPatch
):
    from tests.conftest import SMALL_LAW

    opened = _spy_on(monkeypatch, importing, "Document")
    await login(client, people.leo)
    token = await csrf_token(client, "/staff/drafts/new")
    response = await client.post(
        "/staff/drafts/new",
        data={**FORM, "csrf_token": token},
        files={"file": ("绿化条例.docx", docx_of(SMALL_LAW), "application/octet-stream")},
    )
    assert response.status_code == 303, response.text
    assert opened and threading.get_ident() not in opened


async def test_a_word_draft_of_too_many_parts_is_refused_unopened(
    client, people: Personas, monkeypatch: pytest.MonkeyPatch
):
    opened = _spy_on(monkeypatch, importing, "Document")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", "<w:document/>")
        for i in range(importing.DRAFT_DOCX.members):
            archive.writestr(f"word/media/{i}.xml", "")
    await login(client, people.leo)
    token = await csrf_token(client, "/staff/drafts/new")
    response = await client.post(
        "/staff/drafts/new",
        data={**FORM, "csrf_token": token},
        files={"file": ("草案.docx", buffer.getvalue(), "application/octet-stream")},
    )
    assert response.status_code == 400
    assert "Word 文件内部的部件过多" in response.text and "疑似恶意构造" in response.text
    assert 'value="广州市城市绿化条例（修订草案）"' in response.text  # the form is given back
    assert opened == [] and not await Draft.exists(title=FORM["title"])


async def test_a_workbook_without_sheets_is_refused_with_a_message(client, people: Personas):
    meeting, token = await _meeting(client, people)
    parts = zipfile.ZipFile(io.BytesIO(workbook([])))
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as archive:
        for info in parts.infolist():
            data = parts.read(info)
            if info.filename == "xl/workbook.xml":
                data = data[: data.index(b"<sheets>")] + b"<sheets/>" + data[data.index(b"</sheets>") + 9 :]
            archive.writestr(info.filename, data)
    page = await _import(client, meeting, token, empty.getvalue())
    assert "无法读取该 Excel 文件，请使用 .xlsx 格式（可先下载模板）。" in page
