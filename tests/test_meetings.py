"""Consultation meetings: all-or-nothing saves, safe uploads, opinions that count like web comments."""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace
from datetime import date

import httpx
import pytest
from openpyxl import Workbook

from portal.app import create_app
from portal.models import (
    Attachment,
    AuditEvent,
    Comment,
    ConsultationMeeting,
    MeetingFile,
    MeetingType,
    Stance,
)
from portal.services import meetings
from tests.conftest import Personas, csrf_token, local_day, login, publish_text

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"0" * 200
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + b"\x00" * 300
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 300


def stored_files(settings) -> list[str]:
    return sorted(p.name for p in settings.upload_dir.iterdir() if p.is_file())


def staged_files(settings) -> list[str]:
    return sorted(p.name for p in (settings.upload_dir / "staging").iterdir())


def held_on() -> date:
    """The day the test meetings were held: inside the window of a draft opened ten days ago."""
    return local_day(-3)


def meeting_form(token: str, draft_id: int, **extra: object) -> dict[str, object]:
    return {
        "csrf_token": token,
        "drafts": str(draft_id),
        "meeting_type": "symposium",
        "held_on": held_on().isoformat(),
        "place": "猎德街道社区服务中心",
        "attendee_count": "19",
        "composition": "居民 12，企业 5，人大代表 2",
        "minutes": "会议围绕草案第三条展开讨论。",
        "op1-unit": f"{draft_id}:tiao-3",
        "op1-stance": "amend",
        "op1-category": "居民",
        "op1-body": "建议明确砍伐许可的审批时限。",
        "op2-unit": f"{draft_id}:",
        "op2-stance": "support",
        "op2-category": "人大代表",
        "op2-body": "总体赞成草案。",
        **extra,
    }


async def post_meeting(
    client, draft_id: int, files: list[tuple[str, tuple[str, bytes, str]]], **extra: object
):
    token = await csrf_token(client, "/staff/meetings/new")
    data = meeting_form(token, draft_id, **extra)
    # The CSRF field must come first in a multipart body; httpx sends data fields before files.
    # An empty file input (no file chosen) still makes the browser send multipart: do the same.
    files = files or [("file-other", ("", b"", "application/octet-stream"))]
    return await client.post("/staff/meetings/new", data=data, files=files)


async def test_a_meeting_is_saved_with_its_files_and_opinions(client, people: Personas, settings):
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    response = await post_meeting(
        client,
        draft.id,
        [
            ("file-minutes", ("纪要.pdf", PDF, "application/pdf")),
            ("file-photo", ("现场.jpg", JPEG, "image/jpeg")),
        ],
    )
    assert response.status_code == 303, response.text
    meeting = await ConsultationMeeting.get()
    assert meeting.liaison_point_id == people.tianhe.id and meeting.attendee_count == 19
    assert meeting.composition == [
        {"category": "居民", "count": 12},
        {"category": "企业", "count": 5},
        {"category": "人大代表", "count": 2},
    ]
    attachments = await Attachment.all().order_by("id")
    assert [a.original_name for a in attachments] == ["纪要.pdf", "现场.jpg"]
    assert [a.content_type for a in attachments] == ["application/pdf", "image/jpeg"]
    assert attachments[0].sha256 == hashlib.sha256(PDF).hexdigest() and attachments[0].size == len(PDF)
    assert stored_files(settings) == sorted(a.stored_name for a in attachments)
    assert all(len(name) == 32 for name in stored_files(settings))  # random names, no extension
    opinions = await Comment.filter(meeting=meeting).order_by("id")
    assert [(o.channel.value, o.unit_key, o.speaker_category) for o in opinions] == [
        ("meeting", "tiao-3", "居民"),
        ("meeting", "", "人大代表"),
    ]
    assert all(
        o.liaison_point_id == people.tianhe.id and o.routing_reason.value == "meeting" for o in opinions
    )
    assert staged_files(settings) == []


async def test_meeting_opinions_count_with_the_drafts_comments(client, people: Personas):
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    await post_meeting(client, draft.id, [])
    reader = (await client.get(f"/drafts/{draft.id}")).text
    assert "已收到意见 <strong>2</strong> 条" in reader
    stats = (await client.get(f"/api/v1/drafts/{draft.id}/stats")).json()
    assert stats["by_channel"] == {"meeting": 2}
    public = (await client.get(f"/drafts/{draft.id}/comments?article=tiao-3")).text
    assert "建议明确砍伐许可的审批时限。" in public and "居民意见人" in public


async def test_files_are_downloaded_only_by_staff_as_attachments(client, other_client, people: Personas):
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    await post_meeting(client, draft.id, [("file-minutes", ("纪要.pdf", PDF, "application/pdf"))])
    attachment = await Attachment.get()
    response = await client.get(f"/staff/files/{attachment.id}")
    assert response.status_code == 200 and response.content == PDF
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert (await other_client.get(f"/staff/files/{attachment.id}")).status_code == 303  # to login
    await login(other_client, people.ben)
    assert (await other_client.get(f"/staff/files/{attachment.id}")).status_code == 404
    meeting = await ConsultationMeeting.get()
    assert (await other_client.get(f"/staff/meetings/{meeting.id}")).status_code == 404


async def test_a_downloaded_sign_in_sheet_is_recorded_in_the_audit_log(client, people: Personas):
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    await post_meeting(client, draft.id, [("file-sign_in", ("签到表.pdf", PDF, "application/pdf"))])
    attachment = await Attachment.get()
    meeting = await ConsultationMeeting.get()
    assert (await client.get(f"/staff/files/{attachment.id}")).status_code == 200
    event = await AuditEvent.get(action="meeting_file_downloaded")
    assert (event.actor_id, event.object_type, event.object_id) == (
        people.lily.id,
        "meeting",
        str(meeting.id),
    )
    assert event.detail == {"file": "签到表.pdf", "kind": "签到表", "attachment": attachment.id}


async def test_a_disguised_executable_is_refused_and_nothing_is_kept(client, people: Personas, settings):
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    response = await post_meeting(client, draft.id, [("file-minutes", ("纪要.pdf", EXE, "application/pdf"))])
    assert response.status_code == 400
    assert "“纪要.pdf”：文件类型不符合要求" in response.text
    assert "会议围绕草案第三条展开讨论。" in response.text  # the typed minutes come back
    assert not await ConsultationMeeting.exists() and not await Comment.exists()
    assert stored_files(settings) == [] and staged_files(settings) == []


async def test_a_path_in_a_file_name_is_never_used(client, people: Personas, settings):
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    response = await post_meeting(
        client, draft.id, [("file-minutes", ("../../../etc/passwd.pdf", PDF, "application/pdf"))]
    )
    assert response.status_code == 303
    attachment = await Attachment.get()
    assert attachment.original_name == "passwd.pdf"
    assert stored_files(settings) == [attachment.stored_name]
    assert not (settings.upload_dir.parent / "etc").exists()


async def test_a_file_over_the_limit_is_refused_with_413(settings, people: Personas):
    small = replace(settings, max_upload_bytes=1024, max_meeting_upload_bytes=16 * 1024)
    app = create_app(small, manage_database=False)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        draft = await publish_text(opens_days=-10)
        await login(c, people.lily)
        big = await post_meeting(
            c, draft.id, [("file-minutes", ("大.pdf", PDF + b"0" * 2000, "application/pdf"))]
        )
        assert big.status_code == 413 and "文件“大.pdf”超过单个文件 1 KB 的上限。" in big.text
        total = await post_meeting(
            c, draft.id, [("file-photo", (f"{i}.jpg", JPEG + b"0" * 600, "image/jpeg")) for i in range(20)]
        )
        assert total.status_code == 413
    assert not await ConsultationMeeting.exists()
    assert stored_files(small) == [] and staged_files(small) == []


async def test_a_database_failure_leaves_no_half_meeting_and_no_files(
    client, people: Personas, settings, monkeypatch
):
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)

    async def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(MeetingFile, "create", broken)
    response = await post_meeting(client, draft.id, [("file-minutes", ("纪要.pdf", PDF, "application/pdf"))])
    assert response.status_code == 500
    assert (
        not await ConsultationMeeting.exists()
        and not await Attachment.exists()
        and not await Comment.exists()
    )
    assert stored_files(settings) == [] and staged_files(settings) == []


async def test_a_meeting_after_the_window_cannot_carry_opinions(client, people: Personas):
    draft = await publish_text(opens_days=-40, closes_days=-20)
    await login(client, people.lily)
    response = await post_meeting(client, draft.id, [])
    assert response.status_code == 400 and "征求意见期已经结束" in response.text
    assert not await ConsultationMeeting.exists()


def sheet(rows: list[list[object]]) -> bytes:
    book = Workbook()
    ws = book.active
    ws.append(["草案编号", "条文", "态度", "发言人类别", "意见内容", "建议修改为", "姓名", "同意公开姓名"])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


async def test_a_spreadsheet_import_reports_errors_per_row_and_imports_the_rest(client, people: Personas):
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    await post_meeting(client, draft.id, [])
    meeting = await ConsultationMeeting.get()
    token = await csrf_token(client, f"/staff/meetings/{meeting.id}")
    data = sheet(
        [
            ["", "第三条", "修改建议", "律师", "建议增加听证程序。", "", "", "否"],
            ["", "第九十九条", "赞成", "居民", "没有这一条。", "", "", ""],
            ["", "第4条", "支持", "居民", "态度写错了。", "", "", ""],
            ["", "整体", "其他", "企业代表", "", "", "", ""],
            ["", "5", "赞成", "居民", "赞成施行日期。", "", "黄女士", "是"],
        ]
    )
    preview = await client.post(
        f"/staff/meetings/{meeting.id}/import",
        data={"csrf_token": token},
        files={"sheet": ("意见.xlsx", data, "application/octet-stream")},
    )
    assert preview.status_code == 200
    text = preview.text
    assert "共 5 行，其中 2 行可以导入，3 行有错误" in text
    assert "第 3 行：</strong>找不到条文“第九十九条”" in text
    assert "第 4 行：</strong>态度应为 赞成、反对、修改建议 或 其他" in text
    assert "第 5 行：</strong>意见内容为空" in text
    signed = text.split('name="token" value="')[1].split('"')[0]
    before = await Comment.filter(meeting=meeting).count()
    await client.post(
        f"/staff/meetings/{meeting.id}/import/confirm", data={"token": signed, "csrf_token": token}
    )
    imported = await Comment.filter(meeting=meeting).order_by("id").offset(before)
    assert [(c.unit_key, c.speaker_category) for c in imported] == [("tiao-3", "律师"), ("tiao-5", "居民")]
    assert imported[1].show_name and imported[1].commenter_name == "黄女士"


async def test_a_draft_number_in_other_digits_is_read_as_no_number_not_a_failure(client, people: Personas):
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    await post_meeting(client, draft.id, [])
    meeting = await ConsultationMeeting.get()
    token = await csrf_token(client, f"/staff/meetings/{meeting.id}")
    preview = await client.post(
        f"/staff/meetings/{meeting.id}/import",
        data={"csrf_token": token},
        files={"sheet": ("意见.xlsx", sheet([["²", "第三条", "赞成", "居民", "赞成。", "", "", ""]]), "x")},
    )
    assert preview.status_code == 200  # int("²") raised ValueError: a 500
    assert "共 1 行，其中 1 行可以导入" in preview.text  # like any text that is no number: the one draft


async def test_a_tampered_import_is_refused(client, people: Personas):
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    await post_meeting(client, draft.id, [])
    meeting = await ConsultationMeeting.get()
    token = await csrf_token(client, f"/staff/meetings/{meeting.id}")
    response = await client.post(
        f"/staff/meetings/{meeting.id}/import/confirm", data={"token": "forged.value", "csrf_token": token}
    )
    assert response.status_code == 400 and "导入数据已失效" in response.text


async def test_the_public_page_shows_a_points_meetings_and_collected_opinions(
    client, other_client, people: Personas
):
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    await post_meeting(client, draft.id, [], public_summary="居民重点关注古树保护。", summary_public="1")
    page = (await other_client.get("/liaison-points/GZ-T-01")).text
    assert f"{held_on():%Y年%m月%d日} 座谈会" in page and "19 人参加" in page
    assert "居民重点关注古树保护。" in page
    assert f'<a href="/drafts/{draft.id}">广州市测试条例（草案）</a>：2 条' in page
    assert "会议围绕草案第三条展开讨论" not in page  # the minutes themselves stay internal


async def test_adding_files_later_respects_the_meeting_total(client, people: Personas, settings):
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    await post_meeting(client, draft.id, [])
    meeting = await ConsultationMeeting.get()
    token = await csrf_token(client, f"/staff/meetings/{meeting.id}")
    response = await client.post(
        f"/staff/meetings/{meeting.id}/files",
        data={"csrf_token": token},
        files={"file-sign_in": ("签到表.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png")},
    )
    assert response.status_code == 303
    assert [f.kind.value for f in await MeetingFile.filter(meeting=meeting)] == ["sign_in"]


async def test_the_add_opinion_form_on_the_meeting_page_starts_empty(client, people: Personas):
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    await post_meeting(client, draft.id, [])
    meeting = await ConsultationMeeting.get()
    page = (await client.get(f"/staff/meetings/{meeting.id}")).text
    form = page.split(f'action="/staff/meetings/{meeting.id}/opinions"')[1].split("</form>")[0]
    assert '<textarea id="op1-body" name="op1-body" rows="3"></textarea>' in form
    assert 'name="op1-wording" value=""' in form and 'name="op1-name" value=""' in form
    assert "None" not in form


async def test_an_opinion_reading_none_is_refused_and_nothing_is_published(client, people: Personas):
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    await post_meeting(client, draft.id, [])
    meeting = await ConsultationMeeting.get()
    before = await Comment.filter(meeting=meeting).count()
    token = await csrf_token(client, f"/staff/meetings/{meeting.id}")
    # The form as it was pre-filled: "None" in the opinion, the wording and the speaker's name.
    response = await client.post(
        f"/staff/meetings/{meeting.id}/opinions",
        data={
            "csrf_token": token,
            "op1-unit": f"{draft.id}:tiao-3",
            "op1-stance": "amend",
            "op1-category": "居民",
            "op1-body": "None",
            "op1-wording": "None",
            "op1-name": "None",
        },
        follow_redirects=True,
    )
    assert "第 1 条意见的“意见内容”为“None”，这不是发言内容" in response.text
    assert await Comment.filter(meeting=meeting).count() == before
    assert not await Comment.filter(body="None").exists()


async def test_the_service_refuses_placeholder_text_in_any_field_of_an_opinion(
    db, people: Personas, settings
):
    draft = await publish_text(opens_days=-10)
    meeting = await meetings.create(
        meetings.MeetingInput(
            point=people.tianhe,
            drafts=[draft],
            meeting_type=MeetingType.SYMPOSIUM,
            held_on=held_on(),
            place="猎德街道社区服务中心",
            attendee_count=10,
            composition=[],
        ),
        [],
        [],
        [],
        actor=people.lily,
        ip="",
        upload_dir=settings.upload_dir,
    )
    good = meetings.OpinionInput(
        draft_id=draft.id, unit_key="tiao-3", stance=Stance.AMEND, body="建议明确时限。"
    )
    for change, label in (
        ({"body": " none "}, "意见内容"),
        ({"body": ""}, None),
        ({"suggested_wording": "null"}, "建议修改为"),
        ({"name": "None", "show_name": True}, "发言人姓名"),
    ):
        with pytest.raises(meetings.MeetingError) as refused:
            await meetings.add_opinions(meeting, [replace(good, **change)], actor=people.lily, ip="")
        assert (label or "没有内容") in str(refused.value)
    assert await meetings.add_opinions(meeting, [good], actor=people.lily, ip="") == 1
    assert await Comment.filter(meeting=meeting).values_list("body", flat=True) == ["建议明确时限。"]
