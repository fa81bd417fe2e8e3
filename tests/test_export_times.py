"""Every file staff take away agrees with the site: the counts are the database's at the moment the
file is made (or the file says when the part it took from the stored digest was computed), and every
time in it is Beijing time, as the pages show it."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from docx import Document
from openpyxl import load_workbook
from tortoise.timezone import now

from portal.models import Comment, DigestSnapshot, Outcome
from portal.services import personal_data
from portal.services.digest import build, export
from tests.conftest import Personas, csrf_token, login
from tests.test_digest import _submit
from tests.test_digest_pages import _draft_with_campaign

BEIJING = ZoneInfo("Asia/Shanghai")


def in_beijing(moment: datetime) -> str:
    """How a Chinese document writes the moment, worked out here rather than by the code under test."""
    local = moment.astimezone(BEIJING)
    return f"{local.year}年{local.month}月{local.day}日 {local.hour:02d}:{local.minute:02d}（北京时间）"


def as_utc(moment: datetime) -> str:
    """How the report used to print it: the UTC clock, as stored."""
    return moment.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%d %H:%M")


def moments_around(before: datetime, after: datetime) -> set[str]:
    """The Beijing minutes from ``before`` to ``after`` (a request may cross a minute)."""
    return {in_beijing(before), in_beijing(after)}


def report_text(content: bytes) -> tuple[str, dict[str, str]]:
    document = Document(io.BytesIO(content))
    figures = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    return "\n".join(p.text for p in document.paragraphs), figures


async def _digest_computed_at(draft_id: int, moment: datetime) -> None:
    """Date the stored digest to ``moment``: ten hours before now, its UTC and Beijing clocks differ
    by eight hours (and, part of each day, by the date)."""
    snap = await DigestSnapshot.get(draft_id=draft_id)
    snap.data = {**snap.data, "computed_at": moment.isoformat()}
    snap.computed_at = moment
    await snap.save()


async def test_the_report_counts_outcomes_set_after_the_last_digest(client, people: Personas):
    draft = await _draft_with_campaign(people)
    await build.refresh(draft)
    cluster_id = (await Comment.filter(draft=draft).exclude(cluster_id="").first()).cluster_id
    await login(client, people.leo)
    token = await csrf_token(client, f"/staff/drafts/{draft.id}/digest")
    await client.post(
        f"/staff/drafts/{draft.id}/digest/outcome",
        data={
            "target": f"cluster:{cluster_id}",
            "outcome": "not_adopted",
            "reason": "理由。",
            "csrf_token": token,
        },
    )
    assert await Comment.filter(draft=draft, outcome=Outcome.NOT_ADOPTED).count() == 12
    # The stored digest was made before: it still counts all 17 as not yet handled.
    stored = (await DigestSnapshot.get(draft_id=draft.id)).data["by_outcome"]
    assert [(r["label"], r["count"]) for r in stored] == [("未处理", 17)]

    response = await client.get(f"/staff/drafts/{draft.id}/export/report.docx")
    assert response.status_code == 200
    text, figures = report_text(response.content)
    assert "按处理结果：不予采纳 12 条，未处理 5 条。" in text
    assert figures["收到意见"] == "17"


async def test_the_report_gives_its_times_in_beijing_time_and_says_what_the_digest_has_not_seen(
    client, people: Personas
):
    draft = await _draft_with_campaign(people)
    await build.refresh(draft)
    computed = now() - timedelta(hours=10)
    await _digest_computed_at(draft.id, computed)
    await _submit(draft, "汇总之后才提交的意见。", unit="tiao-1")
    await login(client, people.leo)

    before = now()
    response = await client.get(f"/staff/drafts/{draft.id}/export/report.docx")
    after = now()
    text, figures = report_text(response.content)

    stamp = next(line for line in text.splitlines() if line.startswith("数据截至 "))
    assert stamp.removeprefix("数据截至 ") in moments_around(before, after)
    assert f"汇总时间（相同意见归并、关键词和代表性意见）：{in_beijing(computed)}" in text
    assert as_utc(computed) not in text
    # The new comment is counted; the groups are those of the stored digest, and the file says so.
    assert figures["收到意见"] == "18" and figures["不同意见（集中提交的相同意见计为一条）"] == "6"
    assert f"不同意见和集中提交意见的统计依据 {in_beijing(computed)}的汇总。" in text
    assert "汇总后又收到 1 条意见，尚未归并。" in text


async def test_the_opinion_table_says_when_its_rows_were_read_and_its_groups_formed(client, people: Personas):
    draft = await _draft_with_campaign(people)
    await build.refresh(draft)
    computed = now() - timedelta(hours=10)
    await _digest_computed_at(draft.id, computed)
    await login(client, people.leo)
    before = now()
    response = await client.get(f"/staff/drafts/{draft.id}/export/opinions.xlsx")
    after = now()
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["意见汇总表", "说明"]
    notes = {row[0]: row[1] for row in book["说明"].iter_rows(values_only=True)}
    assert notes["导出时间"] in moments_around(before, after)
    assert notes["意见内容、采纳情况和理由"].removeprefix("数据截至 ") in moments_around(before, after)
    assert notes["相同意见的归并（人数/签名数）"] == f"依据 {in_beijing(computed)}的汇总"


async def test_csv_and_json_give_each_comments_time_in_beijing_time(client, people: Personas):
    draft = await _draft_with_campaign(people)
    await build.refresh(draft)
    first = await Comment.filter(draft=draft).order_by("id").first()
    await login(client, people.leo)

    raw = (await client.get(f"/staff/drafts/{draft.id}/export/comments.csv")).content.decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(raw)))
    written = datetime.fromisoformat(row["created_at"])
    assert written.utcoffset() == timedelta(hours=8)
    assert written == first.created_at.replace(microsecond=0)

    before = now().replace(microsecond=0)
    data = json.loads((await client.get(f"/staff/drafts/{draft.id}/export/comments.json")).content)
    after = now()
    assert datetime.fromisoformat(data["comments"][0]["created_at"]).utcoffset() == timedelta(hours=8)
    exported = datetime.fromisoformat(data["exported_at"])
    assert exported.utcoffset() == timedelta(hours=8) and before <= exported <= after
    snap = await DigestSnapshot.get(draft_id=draft.id)
    grouped = datetime.fromisoformat(data["clusters_computed_at"])
    assert grouped.utcoffset() == timedelta(hours=8)
    assert grouped == snap.computed_at.replace(microsecond=0)


async def test_the_api_gives_times_in_beijing_time(client, people: Personas):
    draft = await _draft_with_campaign(people)
    body = (await client.get(f"/api/v1/drafts/{draft.id}")).json()
    opens = datetime.fromisoformat(body["opens_at"])
    assert opens.utcoffset() == timedelta(hours=8)
    assert (opens.hour, opens.minute) == (0, 0)  # a window opens at the start of a Beijing day
    comments = (await client.get(f"/api/v1/drafts/{draft.id}/comments")).json()["items"]
    assert comments and all(
        datetime.fromisoformat(c["created_at"]).utcoffset() == timedelta(hours=8) for c in comments
    )


async def test_a_personal_data_export_gives_times_in_beijing_time(db, people: Personas):
    draft = await _draft_with_campaign(people)
    subject = personal_data.subject_from("phone", "13800000001")
    found = await personal_data.export(subject, secret="s", actor=people.alice)
    assert datetime.fromisoformat(str(found["generated_at"])).utcoffset() == timedelta(hours=8)
    [comment] = found["comments"]  # type: ignore[misc]
    stored = await Comment.get(draft=draft, commenter_phone="13800000001")
    written = datetime.fromisoformat(comment["created_at"])
    assert written.utcoffset() == timedelta(hours=8)
    assert written == stored.created_at.replace(microsecond=0)


async def test_the_figures_of_a_report_are_read_from_the_comments_as_they_are(db, people: Personas):
    draft = await _draft_with_campaign(people)
    await build.refresh(draft)
    first = await Comment.filter(draft=draft, unit_key="tiao-1").first()
    await Comment.filter(id=first.id).update(outcome=Outcome.ADOPTED)
    figures = await export.current_figures(draft)
    assert figures.total == 17
    assert figures.by_outcome == [("未处理", 16), ("采纳", 1)]
    assert dict(figures.by_stance)["反对"] == 17
    assert sum(figures.by_article[first.lineage].values()) == 1
