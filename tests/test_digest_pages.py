"""Legislators read the digest, decide on a whole article or form-letter group, and export."""

from __future__ import annotations

import csv
import io
import json

from docx import Document
from openpyxl import load_workbook

from portal.models import AuditEvent, Comment, DigestSnapshot, Outcome
from portal.services import drafts
from portal.services.digest import build
from tests.conftest import Personas, csrf_token, demo_site, login, publish_text
from tests.test_digest import LETTER, SAME_TOPIC, _submit


async def _draft_with_campaign(people: Personas):
    draft = await publish_text()
    for i in range(12):
        await _submit(
            draft,
            LETTER + ("谢谢！" if i % 2 else ""),
            district="白云",
            name=f"居民{i}",
            phone=f"1380000{i:04d}",
        )
    for text in SAME_TOPIC:
        await _submit(draft, text, district="天河")
    await _submit(draft, '=HYPERLINK("http://evil.example")建议第一条修改。', unit="tiao-1")
    return draft


async def test_the_digest_page_is_served_from_the_stored_result(client, people: Personas):
    draft = await _draft_with_campaign(people)
    await login(client, people.leo)
    page = await client.get(f"/staff/drafts/{draft.id}/digest")
    assert page.status_code == 200
    snap = await DigestSnapshot.get(draft_id=draft.id)
    assert snap.status == "idle" and snap.comment_count == 17
    text = page.text
    assert "<strong>17</strong> 条意见" in text and "<strong>6</strong> 条不同意见" in text
    assert "<strong>12 人</strong>提交，2 种写法" in text
    assert 'role="img"' in text and "<desc" in text  # charts with text alternatives
    assert 'class="heat heat-5">16</td>' in text  # the busiest article is the hottest
    assert f'href="/staff/drafts/{draft.id}/comments?article=tiao-3"' in text
    # A second visit without new comments does not recompute.
    before = snap.computed_at
    await client.get(f"/staff/drafts/{draft.id}/digest")
    assert (await DigestSnapshot.get(draft_id=draft.id)).computed_at == before


async def test_a_running_refresh_shows_progress(client, people: Personas):
    draft = await _draft_with_campaign(people)
    await build.claim(draft.id)
    await DigestSnapshot.filter(draft_id=draft.id).update(progress=40, message="已分析 2000 / 5000 条新意见")
    await login(client, people.leo)
    page = (await client.get(f"/staff/drafts/{draft.id}/digest")).text
    assert 'data-refresh-while-running="3"' in page and "http-equiv" not in page  # updated by portal.js
    assert f'<a href="/staff/drafts/{draft.id}/digest">刷新查看进度</a>' in page  # and by hand without it
    assert "正在汇总" in page and "40%" in page and "已分析 2000 / 5000 条新意见" in page


async def test_a_liaison_user_sees_only_their_points_share(client, people: Personas):
    draft = await _draft_with_campaign(people)
    await login(client, people.lily)
    page = (await client.get(f"/staff/drafts/{draft.id}/digest")).text
    assert "猎德街道基层立法联系点收集的部分" in page
    mine = await Comment.filter(draft=draft, liaison_point=people.tianhe).count()
    assert mine < 17 and f"<strong>{mine}</strong> 条意见" in page  # this point's comments only
    assert "导出意见汇总表" not in page
    assert (await client.get(f"/staff/drafts/{draft.id}/export/opinions.xlsx")).status_code == 403


async def test_an_outcome_for_a_whole_group_from_the_digest(client, people: Personas):
    draft = await _draft_with_campaign(people)
    await build.refresh(draft)
    cluster_id = (await Comment.filter(draft=draft).exclude(cluster_id="").first()).cluster_id
    await login(client, people.leo)
    token = await csrf_token(client, f"/staff/drafts/{draft.id}/digest")
    await client.post(
        f"/staff/drafts/{draft.id}/digest/outcome",
        data={
            "target": f"cluster:{cluster_id}",
            "outcome": "partly_adopted",
            "reason": "先建充电设施再禁止",
            "csrf_token": token,
        },
    )
    assert await Comment.filter(draft=draft, outcome=Outcome.PARTLY_ADOPTED).count() == 12
    await client.post(
        f"/staff/drafts/{draft.id}/digest/outcome",
        data={"target": "article:tiao-1", "outcome": "adopted", "reason": "", "csrf_token": token},
    )
    assert await Comment.filter(draft=draft, unit_key="tiao-1", outcome=Outcome.ADOPTED).count() == 1
    await drafts.close(draft, reason="意见已充分收集。", actor=people.leo)
    await client.post(f"/staff/drafts/{draft.id}/feedback", data={"summary": "说明。", "csrf_token": token})
    report = (await client.get(f"/drafts/{draft.id}/feedback")).text
    assert "<strong>12 人</strong>提交：“坚决反对禁止在楼道充电" in report
    assert "部分采纳：先建充电设施再禁止" in report


async def test_the_xlsx_has_one_row_per_distinct_opinion_and_no_formulas(client, people: Personas):
    draft = await _draft_with_campaign(people)
    await login(client, people.leo)
    response = await client.get(f"/staff/drafts/{draft.id}/export/opinions.xlsx")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:10] == (
        "序号",
        "条款",
        "意见内容",
        "建议修改为",
        "提出人类型",
        "来源渠道",
        "联系点",
        "人数/签名数",
        "采纳情况",
        "理由",
    )
    body = rows[1:]
    assert len(body) == 6
    campaign = next(r for r in body if str(r[2]).startswith("坚决反对"))
    assert campaign[7] == 12
    injected = next(r for r in body if "HYPERLINK" in str(r[2]))
    assert str(injected[2]).startswith("'=")


async def test_the_opinion_table_names_nobody_by_default_and_its_download_is_audited(
    client, people: Personas
):
    draft = await _draft_with_campaign(people)
    await login(client, people.leo)
    page = (await client.get(f"/staff/drafts/{draft.id}/digest")).text
    assert "导出意见汇总表（.xlsx，不含联系方式）" in page
    assert "每次导出都会记入审计日志" in page
    response = await client.get(f"/staff/drafts/{draft.id}/export/opinions.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows[0]) == 10 and not {"姓名", "电话", "电子邮箱"} & set(rows[0])
    cells = " ".join(str(v) for row in rows for v in row)
    assert "1380000" not in cells and "居民0" not in cells
    event = await AuditEvent.get(action="comments_exported")
    assert (event.actor_id, event.object_type, event.object_id) == (people.leo.id, "draft", str(draft.id))
    assert event.detail == {"file": "意见汇总表.xlsx", "rows": 6, "contacts": False}
    assert event.ip == "203.0.113.7"


async def test_the_table_with_contacts_is_a_separate_export_recorded_as_such(client, people: Personas):
    draft = await _draft_with_campaign(people)
    await login(client, people.leo)
    page = (await client.get(f"/staff/drafts/{draft.id}/digest")).text
    assert f'href="/staff/drafts/{draft.id}/export/opinions-contacts.xlsx"' in page
    assert "导出含意见人姓名、电话、邮箱的意见汇总表" in page
    response = await client.get(f"/staff/drafts/{draft.id}/export/opinions-contacts.xlsx")
    assert response.status_code == 200
    assert (
        "%EF%BC%88%E5%90%AB%E8%81%94%E7%B3%BB%E6%96%B9%E5%BC%8F%EF%BC%89"
        in response.headers["content-disposition"]
    )  # “（含联系方式）” in the file name
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][10:] == ("姓名", "电话", "电子邮箱")
    assert any(str(r[11]).startswith("1380000") for r in rows[1:])
    event = await AuditEvent.get(action="comments_exported")
    assert event.detail == {"file": "意见汇总表（含联系方式）.xlsx", "rows": 6, "contacts": True}


async def test_only_those_who_may_reveal_a_phone_may_export_contacts(client, people: Personas):
    draft = await _draft_with_campaign(people)
    for user in (people.lily, people.mona, people.olga):
        client.cookies.clear()
        await login(client, user)
        response = await client.get(f"/staff/drafts/{draft.id}/export/opinions-contacts.xlsx")
        assert response.status_code == 403, user.username
        page = await client.get(f"/staff/drafts/{draft.id}/digest")
        assert "opinions-contacts.xlsx" not in page.text
    client.cookies.clear()
    await login(client, people.alice)
    assert (await client.get(f"/staff/drafts/{draft.id}/export/opinions-contacts.xlsx")).status_code == 200
    assert await AuditEvent.filter(action="comments_exported").values_list("actor_name", flat=True) == [
        "alice"
    ]


async def test_every_export_of_a_drafts_comments_is_audited_with_its_rows(client, people: Personas):
    draft = await _draft_with_campaign(people)
    await build.refresh(draft)
    await login(client, people.leo)
    for path in ("report.docx", "comments.csv", "comments.json"):
        assert (await client.get(f"/staff/drafts/{draft.id}/export/{path}")).status_code == 200
    events = await AuditEvent.filter(action="comments_exported").order_by("id")
    assert [(e.detail["file"], e.detail["rows"], e.detail["contacts"]) for e in events] == [
        ("意见汇总报告.docx", events[0].detail["rows"], False),
        ("意见.csv", 17, False),
        ("意见.json", 17, False),
    ]
    assert events[0].detail["rows"] >= 2  # the quoted opinions: the campaign and the representatives
    assert all(e.actor_id == people.leo.id and e.object_id == str(draft.id) for e in events)


async def test_the_docx_report_holds_the_key_figures(client, people: Personas):
    draft = await _draft_with_campaign(people)
    await login(client, people.leo)
    response = await client.get(f"/staff/drafts/{draft.id}/export/report.docx")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "公众意见汇总报告" in text and "12 人提交（2 种写法" in text
    figures = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert figures["收到意见"] == "17" and figures["不同意见（集中提交的相同意见计为一条）"] == "6"


async def test_csv_and_json_list_every_comment_with_its_cluster(client, people: Personas):
    draft = await _draft_with_campaign(people)
    await build.refresh(draft)
    await login(client, people.leo)
    raw = (await client.get(f"/staff/drafts/{draft.id}/export/comments.csv")).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    assert len(rows) == 17
    assert sum(1 for r in rows if r["cluster_id"]) == 12
    assert {r["article_path"] for r in rows} >= {"第二章/第三条", "第一章/第一条"}
    assert any(r["body"].startswith("'=HYPERLINK") for r in rows)
    data = json.loads((await client.get(f"/staff/drafts/{draft.id}/export/comments.json")).content)
    assert len(data["comments"]) == 17 and data["comments"][0]["comment_id"] == min(
        int(r["comment_id"]) for r in rows
    )


def test_the_digest_command_prints_json(tmp_path):
    import subprocess
    import sys

    env = demo_site(tmp_path / "d.sqlite3")
    done = subprocess.run(
        [sys.executable, "-m", "portal", "digest", "5", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {"total", "distinct_opinions", "by_article", "clusters", "keywords"} <= set(data)
    assert data["clusters"][0]["size"] >= 40 and data["clusters"][0]["burst"] is True
    assert {"key", "label", "count", "by_stance"} <= set(data["by_article"][0])
