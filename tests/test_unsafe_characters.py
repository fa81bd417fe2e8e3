"""Characters no export can hold (outside XML 1.0: U+FFFE, U+FFFF, C0 controls, lone surrogates) are
cleaned on every way text comes in, and an export of a draft whose rows hold them anyway (stored
before, or written by other means) still answers with a valid file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from docx import Document
from icalendar import Calendar
from openpyxl import load_workbook

from portal.models import Comment, ConsultationMeeting, Draft, DraftVersion, Hearing, Stance
from portal.services import comments, plaintext
from portal.services.digest import build
from tests.conftest import Personas, csrf_token, login, publish_text
from tests.test_backup import opened, sqlite_site
from tests.test_comments import RECEIPT_RE, post_comment
from tests.test_hearings import _hearing
from tests.test_meetings import post_meeting
from tests.test_operator_commands import run

# Everything a paste, a broken converter or a hostile client can send that XML 1.0 cannot hold.
UNSAFE = "\ufffe\uffff\x01\x1b\x08"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("建议\ufffe修改\uffff", "建议修改"),  # non-characters: removed
        ("第一行\x0b第二行\x0c第三页", "第一行\n第二行\n第三页"),  # Word's line and page breaks
        ("半个\ud83d字", "半个\ufffd字"),  # a lone surrogate: marked, not silently dropped
        ("响铃\x07退格\x08转义\x1b空\x00", "响铃退格转义空"),  # other C0 controls: removed
        ("制表\t换行\n回车\r保留", "制表\t换行\n回车\r保留"),
        ("\x85\U0001fffe\u2028", "\x85\U0001fffe\u2028"),  # allowed by XML 1.0, kept
    ],
)
def test_text_keeps_only_what_xml_can_hold(typed: str, kept: str):
    assert plaintext.clean(typed) == kept


async def test_a_web_comment_is_stored_without_them(client, people: Personas):
    draft = await publish_text()
    response = await post_comment(
        client,
        draft.id,
        "tiao-3",
        body=f"建议明确{UNSAFE}审批时限。\x0b另起一行。",
        suggested_wording=f"三十日{UNSAFE}内",
        name=f"王{UNSAFE}五",
    )
    assert response.status_code == 303
    comment = await Comment.get(receipt_code=RECEIPT_RE.search(response.headers["location"]).group(0))
    assert comment.body == "建议明确审批时限。\n另起一行。"
    assert comment.suggested_wording == "三十日内" and comment.commenter_name == "王五"


async def test_meeting_opinions_are_stored_without_them(client, people: Personas):
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    response = await post_meeting(client, draft.id, [], **{"op1-body": f"建议{UNSAFE}明确时限。"})
    assert response.status_code == 303, response.text
    meeting = await ConsultationMeeting.get()
    bodies = await Comment.filter(meeting=meeting).order_by("id").values_list("body", flat=True)
    assert bodies[0] == "建议明确时限。"

    token = await csrf_token(client, f"/staff/meetings/{meeting.id}")
    await client.post(
        f"/staff/meetings/{meeting.id}/opinions",
        data={
            "csrf_token": token,
            "op1-unit": f"{draft.id}:tiao-3",
            "op1-stance": "amend",
            "op1-body": f"会后补充{UNSAFE}的意见。",
            "op1-wording": f"改为{UNSAFE}十日",
        },
    )
    added = await Comment.filter(meeting=meeting).order_by("-id").first()
    assert (added.body, added.suggested_wording) == ("会后补充的意见。", "改为十日")


async def test_a_draft_imported_on_the_command_line_is_stored_without_them(tmp_path: Path):
    site = tmp_path / "site.sqlite3"
    async with sqlite_site(site):
        pass
    source = tmp_path / "draft.txt"
    source.write_text("# 测试条例\n\n第一条 为了\ufffe规范\x0b管理，制定本条例。\n", encoding="utf-8")
    done = run(
        site, "import-draft", str(source), "--title", "测试\x01条例（草案）", "--kind", "local_regulation"
    )
    assert done.returncode == 0, done.stderr
    async with opened(site):
        draft = await Draft.get()
        version = await DraftVersion.get(draft=draft)
        assert draft.title == "测试条例（草案）"
        assert "为了规范\n管理" in version.text and "\ufffe" not in version.text


async def _draft_with_unsafe_rows(people: Personas) -> Draft:
    """A draft whose stored comments hold the characters, written past every form (as an old row or
    another program would have left them)."""
    draft = await publish_text()
    for i in range(3):
        await comments.submit(
            draft, comments.CommentInput(body=f"第{i}条意见", stance=Stance.OPPOSE, unit_key="tiao-3")
        )
    await Comment.filter(draft=draft).update(
        body=f"坚决反对{UNSAFE}禁止在楼道充电。",
        suggested_wording=f"改为{UNSAFE}疏导",
        commenter_name=f"居民{UNSAFE}",
        commenter_phone="13800001111",
        outcome_reason=f"理由{UNSAFE}",
    )
    await Draft.filter(id=draft.id).update(title=f"广州市{UNSAFE}测试条例（草案）")
    await build.refresh(await Draft.get(id=draft.id))
    return await Draft.get(id=draft.id)


async def test_every_export_of_such_rows_is_still_a_valid_file(client, people: Personas):
    draft = await _draft_with_unsafe_rows(people)
    await login(client, people.leo)
    base = f"/staff/drafts/{draft.id}/export"
    for path in ("opinions.xlsx", "opinions-contacts.xlsx"):
        response = await client.get(f"{base}/{path}")
        assert response.status_code == 200, path
        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        assert any(str(r[2]) == "坚决反对禁止在楼道充电。" for r in rows[1:]), path

    response = await client.get(f"{base}/report.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "《广州市测试条例（草案）》公众意见汇总报告" in text and "坚决反对禁止在楼道充电。" in text

    raw = (await client.get(f"{base}/comments.csv")).content.decode("utf-8-sig")
    records = list(csv.DictReader(io.StringIO(raw)))
    assert len(records) == 3 and {r["body"] for r in records} == {"坚决反对禁止在楼道充电。"}
    data = json.loads((await client.get(f"{base}/comments.json")).content)
    assert {c["suggested_wording"] for c in data["comments"]} == {"改为疏导"}


async def test_the_feed_stays_valid_xml(client, people: Personas):
    draft = await _draft_with_unsafe_rows(people)
    feed = await client.get("/feeds/drafts.atom")
    assert feed.status_code == 200
    titles = [e.text for e in ElementTree.fromstring(feed.content).iter("{http://www.w3.org/2005/Atom}title")]
    assert any(t and t.startswith("广州市测试条例（草案）") for t in titles), titles
    assert draft.title != "广州市测试条例（草案）"  # the stored row still holds them


async def test_a_calendar_file_carries_no_control_character(client, people: Personas):
    hearing = await _hearing(people)
    await Hearing.filter(id=hearing.id).update(title=f"停车{UNSAFE}听证会", venue=f"礼堂{UNSAFE}")
    calendar = await client.get(f"/hearings/{hearing.id}.ics")
    assert calendar.status_code == 200
    assert not any(ch in calendar.text for ch in UNSAFE)
    [event] = Calendar.from_ical(calendar.content).walk("VEVENT")
    assert str(event["summary"]) == "停车听证会" and str(event["location"]) == "礼堂"
