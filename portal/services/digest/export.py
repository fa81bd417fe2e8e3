"""What legislative staff hand around: 意见汇总表 (.xlsx, one row per distinct opinion), a .docx digest
report, and CSV / JSON of every comment. Large exports are produced in batches, never all in memory.

Every export carries what citizens wrote, and the 意见汇总表 with contacts carries who they are and
how to reach them: each one is recorded in the audit log (who, which draft, which file, how many
rows), as opening one masked phone number is. That is why every function here takes the actor.
Contacts are in a file only when asked for (``with_contacts``), and only the people who may reveal a
phone number in the staff pages may ask (``masking.may_reveal``).

Text is cleaned of the characters no file can hold (services.plaintext) as it is written: input is
cleaned where it enters, but a row stored before that, or by other means, must not make the file of
a whole draft fail for everyone.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator
from typing import Any

from docx import Document
from openpyxl import Workbook

from portal.models import Comment, Draft, LiaisonPoint, User
from portal.services import audit, drafts, plaintext
from portal.services.spreadsheet import cell

BATCH = 2000


async def _record(draft: Draft, file: str, *, rows: int, contacts: bool, actor: User, ip: str) -> None:
    await audit.record(
        "comments_exported",
        actor=actor,
        ip=ip,
        object_type="draft",
        object_id=draft.id,
        detail={"file": file, "rows": rows, "contacts": contacts},
    )


async def _labels(draft: Draft) -> dict[str, str]:
    labels = {"": "草案整体"}
    for version in await drafts.published_versions(draft):
        for unit in await drafts.units_of(version):
            labels[unit.lineage] = unit.path or unit.label
    return labels


async def _batches(draft: Draft) -> AsyncIterator[list[Comment]]:
    last = 0
    while True:
        rows = await Comment.filter(draft=draft, id__gt=last).order_by("id").limit(BATCH)
        if not rows:
            return
        last = rows[-1].id
        yield rows


async def opinions_xlsx(
    draft: Draft, digest: dict[str, Any], *, with_contacts: bool, actor: User, ip: str
) -> bytes:
    """One row per distinct opinion: a form-letter group is one row with its number of signatures.
    The commenter's name, phone and e-mail only ``with_contacts``."""
    labels = await _labels(draft)
    points = {p.id: p.name for p in await LiaisonPoint.all().only("id", "name")}
    sizes = {c["id"]: c["size"] for c in digest.get("clusters", [])}
    book = Workbook(write_only=True)
    sheet = book.create_sheet("意见汇总表")
    header = [
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
    ]
    if with_contacts:
        header += ["姓名", "电话", "电子邮箱"]
    sheet.append(header)
    number = 0
    written_clusters: set[str] = set()
    async for batch in _batches(draft):
        for c in batch:
            if c.cluster_id:
                if c.cluster_id in written_clusters:
                    continue
                written_clusters.add(c.cluster_id)
            number += 1
            row = [
                number,
                labels.get(c.lineage, "已删除的条文"),
                c.body,
                c.suggested_wording,
                c.speaker_category or c.identity_type.label,
                c.channel.label,
                points.get(c.liaison_point_id, ""),
                sizes.get(c.cluster_id, 1) if c.cluster_id else 1,
                c.outcome.label if c.outcome else "未处理",
                c.outcome_reason,
            ]
            if with_contacts:
                row += [c.commenter_name, c.commenter_phone, c.commenter_email]
            sheet.append([cell(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    file = "意见汇总表（含联系方式）.xlsx" if with_contacts else "意见汇总表.xlsx"
    await _record(draft, file, rows=number, contacts=with_contacts, actor=actor, ip=ip)
    return buffer.getvalue()


async def report_docx(draft: Draft, digest: dict[str, Any], *, actor: User, ip: str) -> bytes:
    """The digest as a report: figures, the busiest articles and representative quotes."""
    data, quotes = _report_docx(plaintext.clean(draft.title), plaintext.clean_tree(digest))
    await _record(draft, "意见汇总报告.docx", rows=quotes, contacts=False, actor=actor, ip=ip)
    return data


_REPORT_CLUSTERS = 30
_REPORT_ARTICLES = 20


def _report_docx(draft_title: str, digest: dict[str, Any]) -> tuple[bytes, int]:
    """The file and the number of citizens' opinions quoted in it."""
    quoted = 0
    document = Document()
    document.add_heading(f"《{draft_title}》公众意见汇总报告", level=0)
    document.add_paragraph(f"汇总时间：{digest.get('computed_at', '')[:16].replace('T', ' ')}")
    document.add_heading("一、总体情况", level=1)
    figures = document.add_table(rows=0, cols=2)
    for label, value in (
        ("收到意见", digest.get("total", 0)),
        ("不同意见（集中提交的相同意见计为一条）", digest.get("distinct_opinions", 0)),
        ("集中提交的意见组", len(digest.get("clusters", []))),
        ("集中提交的意见条数", digest.get("in_clusters", 0)),
    ):
        cells = figures.add_row().cells
        cells[0].text, cells[1].text = label, str(value)
    for title, key in (("态度", "by_stance"), ("渠道", "by_channel"), ("处理结果", "by_outcome")):
        rows = digest.get(key, [])
        if rows:
            document.add_paragraph(
                f"按{title}：" + "，".join(f"{r['label']} {r['count']} 条" for r in rows) + "。"
            )
    document.add_heading("二、逐条意见分布", level=1)
    articles = [a for a in digest.get("by_article", []) if a["count"]]
    table = document.add_table(rows=1, cols=5)
    for c, text in zip(
        table.rows[0].cells, ("条款", "意见", "不同意见", "赞成/反对/修改建议", "关键词"), strict=True
    ):
        c.text = text
    for a in sorted(articles, key=lambda a: -a["count"]):
        s = a["by_stance"]
        cells = table.add_row().cells
        cells[0].text = a["label"]
        cells[1].text = str(a["count"])
        cells[2].text = str(a["distinct"])
        cells[3].text = f"{s.get('support', 0)}/{s.get('oppose', 0)}/{s.get('amend', 0)}"
        cells[4].text = "、".join(a["keywords"])
    clusters = digest.get("clusters", [])
    if clusters:
        document.add_heading("三、集中提交的相同或相近意见", level=1)
        for c in clusters[:_REPORT_CLUSTERS]:
            burst = "，短时间内集中提交" if c.get("burst") else ""
            document.add_paragraph(
                f"{c['size']} 人提交（{c['variants']} 种写法{burst}）：{c.get('representative', '')}",
                style="List Number",
            )
            quoted += 1
    document.add_heading("四、代表性意见", level=1)
    for a in sorted(articles, key=lambda a: -a["count"])[:_REPORT_ARTICLES]:
        if not a["representatives"]:
            continue
        document.add_heading(a["label"], level=2)
        for rep in a["representatives"]:
            signatures = f"（{rep['signatures']} 人）" if rep["signatures"] > 1 else ""
            document.add_paragraph(f"{rep['body']}{signatures}", style="List Bullet")
            quoted += 1
    if digest.get("keywords"):
        document.add_heading("五、关键词", level=1)
        document.add_paragraph("、".join(k["term"] for k in digest["keywords"]))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), quoted


COLUMNS = (
    "comment_id",
    "receipt_code",
    "article_path",
    "unit_key",
    "stance",
    "channel",
    "liaison_point",
    "cluster_id",
    "moderation",
    "outcome",
    "created_at",
    "body",
    "suggested_wording",
)


async def _records(draft: Draft) -> AsyncIterator[dict[str, Any]]:
    labels = await _labels(draft)
    points = {p.id: p.name for p in await LiaisonPoint.all().only("id", "name")}
    async for batch in _batches(draft):
        for c in batch:
            record = {
                "comment_id": c.id,
                "receipt_code": c.receipt_code,
                "article_path": labels.get(c.lineage, "已删除的条文"),
                "unit_key": c.unit_key,
                "stance": c.stance.value,
                "channel": c.channel.value,
                "liaison_point": points.get(c.liaison_point_id, ""),
                "cluster_id": c.cluster_id,
                "moderation": c.moderation.value,
                "outcome": c.outcome.value if c.outcome else "",
                "created_at": c.created_at.isoformat(),
                "body": c.body,
                "suggested_wording": c.suggested_wording,
            }
            # A lone surrogate cannot even be encoded as UTF-8: clean every text, not only for CSV.
            yield {k: plaintext.clean(v) if isinstance(v, str) else v for k, v in record.items()}


async def comments_csv(draft: Draft, *, actor: User, ip: str) -> AsyncIterator[bytes]:
    """Every comment of the draft as CSV rows (streamed); the export is recorded before it starts."""
    rows = await Comment.filter(draft=draft).count()
    await _record(draft, "意见.csv", rows=rows, contacts=False, actor=actor, ip=ip)
    return _csv(draft)


async def comments_json(draft: Draft, *, actor: User, ip: str) -> AsyncIterator[bytes]:
    """Every comment of the draft as one JSON document (streamed); recorded before it starts."""
    rows = await Comment.filter(draft=draft).count()
    await _record(draft, "意见.json", rows=rows, contacts=False, actor=actor, ip=ip)
    return _json(draft)


async def _csv(draft: Draft) -> AsyncIterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield "\ufeff".encode()  # so Excel opens UTF-8 Chinese correctly
    writer.writerow(COLUMNS)
    count = 0
    async for record in _records(draft):
        writer.writerow([cell(record[k]) for k in COLUMNS])
        count += 1
        if count % 500 == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


async def _json(draft: Draft) -> AsyncIterator[bytes]:
    yield b'{"draft_id": ' + str(draft.id).encode() + b', "comments": ['
    first = True
    async for record in _records(draft):
        yield (b"" if first else b",") + json.dumps(record, ensure_ascii=False).encode()
        first = False
    yield b"]}"
