"""What legislative staff hand around: 意见汇总表 (.xlsx, one row per distinct opinion), a .docx digest
report, and CSV / JSON of every comment. Large exports are produced in batches, never all in memory.

Every export carries what citizens wrote, and the 意见汇总表 with contacts carries who they are and
how to reach them: each one is recorded in the audit log (who, which draft, which file, how many
rows), as opening one masked phone number is. That is why every function here takes the actor.
Contacts are in a file only when asked for (``with_contacts``), and only the people who may reveal a
phone number in the staff pages may ask (``masking.may_reveal``).

Every file reflects the database at the moment it is made, or says in the file when the part it
took from the stored digest was computed: the counts of comments and of outcomes are read afresh
(an outcome set a minute ago is counted as set), while the form-letter groups, keywords and
representative opinions come from the stored digest and are printed with its time. Every time in a
file is Beijing time.

Text is cleaned of the characters no file can hold (services.plaintext) as it is written: input is
cleaned where it enters, but a row stored before that, or by other means, must not make the file of
a whole draft fail for everyone.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from docx import Document
from openpyxl import Workbook
from tortoise.functions import Count
from tortoise.timezone import now

from portal.models import Comment, DigestSnapshot, Draft, LiaisonPoint, User
from portal.models.comments import Channel, Outcome, Stance
from portal.services import audit, drafts, plaintext
from portal.services.calendar import beijing_text, local_iso
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
    The commenter's name, phone and e-mail only ``with_contacts``. A second sheet says when the
    rows were read and when the groups were formed."""
    exported_at = now()
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
    notes = book.create_sheet("说明")
    for line in (
        ["导出时间", beijing_text(exported_at)],
        ["意见内容、采纳情况和理由", f"数据截至 {beijing_text(exported_at)}"],
        ["相同意见的归并（人数/签名数）", _grouped_at(digest)],
    ):
        notes.append(line)
    buffer = io.BytesIO()
    book.save(buffer)
    file = "意见汇总表（含联系方式）.xlsx" if with_contacts else "意见汇总表.xlsx"
    await _record(draft, file, rows=number, contacts=with_contacts, actor=actor, ip=ip)
    return buffer.getvalue()


def _computed_at(digest: dict[str, Any]) -> datetime | None:
    raw = digest.get("computed_at")
    try:
        return datetime.fromisoformat(raw) if isinstance(raw, str) and raw else None
    except ValueError:
        return None


def _grouped_at(digest: dict[str, Any]) -> str:
    computed = _computed_at(digest)
    return f"依据 {beijing_text(computed)}的汇总" if computed else "尚未汇总"


@dataclass(frozen=True)
class Figures:
    """How many comments a draft has, by stance, channel, outcome and article, read from the
    database at ``at``: the report counts what is stored now, not what the last digest saw."""

    at: datetime
    total: int
    by_stance: list[tuple[str, int]]  # (label, count), most first
    by_channel: list[tuple[str, int]]
    by_outcome: list[tuple[str, int]]
    by_article: dict[str, Counter[str]]  # lineage -> stance value -> count


def _labelled(counts: Counter[Any], label: Any, empty: str) -> list[tuple[str, int]]:
    rows = [(label(value) if value else empty, n) for value, n in counts.items() if n]
    return sorted(rows, key=lambda row: -row[1])


async def current_figures(draft: Draft) -> Figures:
    at = now()
    rows = (
        await Comment.filter(draft_id=draft.id)
        .annotate(n=Count("id"))
        .group_by("lineage", "stance", "channel", "outcome")
        .values_list("lineage", "stance", "channel", "outcome", "n")
    )
    stances: Counter[Any] = Counter()
    channels: Counter[Any] = Counter()
    outcomes: Counter[Any] = Counter()
    by_article: dict[str, Counter[str]] = defaultdict(Counter)
    for lineage, stance, channel, outcome, n in rows:
        stance, channel = Stance(stance), Channel(channel)
        outcome = Outcome(outcome) if outcome else None
        stances[stance] += n
        channels[channel] += n
        outcomes[outcome] += n
        by_article[lineage or ""][stance.value] += n
    return Figures(
        at=at,
        total=sum(stances.values()),
        by_stance=_labelled(stances, lambda s: s.label, "未填写"),
        by_channel=_labelled(channels, lambda c: c.label, "未填写"),
        by_outcome=_labelled(outcomes, lambda o: o.label, "未处理"),
        by_article=dict(by_article),
    )


async def report_docx(draft: Draft, digest: dict[str, Any], *, actor: User, ip: str) -> bytes:
    """The digest as a report: figures, the busiest articles and representative quotes. The counts
    are the database's as the file is made; what comes from the stored digest says when it was
    computed."""
    figures = await current_figures(draft)
    data, quotes = _report_docx(plaintext.clean(draft.title), plaintext.clean_tree(digest), figures)
    await _record(draft, "意见汇总报告.docx", rows=quotes, contacts=False, actor=actor, ip=ip)
    return data


_REPORT_CLUSTERS = 30
_REPORT_ARTICLES = 20


def _report_docx(draft_title: str, digest: dict[str, Any], figures: Figures) -> tuple[bytes, int]:
    """The file and the number of citizens' opinions quoted in it."""
    quoted = 0
    computed = _computed_at(digest)
    grouped = beijing_text(computed) if computed else "尚未汇总"
    basis = _grouped_at(digest)  # 依据 …的汇总
    document = Document()
    document.add_heading(f"《{draft_title}》公众意见汇总报告", level=0)
    document.add_paragraph(f"数据截至 {beijing_text(figures.at)}")
    document.add_paragraph(f"汇总时间（相同意见归并、关键词和代表性意见）：{grouped}")
    document.add_heading("一、总体情况", level=1)
    table_of_figures = document.add_table(rows=0, cols=2)
    for label, value in (
        ("收到意见", figures.total),
        ("不同意见（集中提交的相同意见计为一条）", digest.get("distinct_opinions", 0)),
        ("集中提交的意见组", len(digest.get("clusters", []))),
        ("集中提交的意见条数", digest.get("in_clusters", 0)),
    ):
        cells = table_of_figures.add_row().cells
        cells[0].text, cells[1].text = label, str(value)
    note = (
        f"收到意见及按态度、渠道、处理结果的统计截至 {beijing_text(figures.at)}；"
        f"不同意见和集中提交意见的统计{basis}。"
    )
    later = figures.total - int(digest.get("total", 0))
    if computed and later > 0:
        note += f"汇总后又收到 {later} 条意见，尚未归并。"
    document.add_paragraph(note)
    for title, rows in (
        ("态度", figures.by_stance),
        ("渠道", figures.by_channel),
        ("处理结果", figures.by_outcome),
    ):
        if rows:
            document.add_paragraph(f"按{title}：" + "，".join(f"{label} {n} 条" for label, n in rows) + "。")
    document.add_heading("二、逐条意见分布", level=1)
    document.add_paragraph(f"意见条数和态度截至 {beijing_text(figures.at)}；不同意见和关键词{basis}。")
    articles = []
    for a in digest.get("by_article", []):
        counts = figures.by_article.get(a.get("lineage", ""), Counter())
        if sum(counts.values()):
            articles.append((a, counts))
    articles.sort(key=lambda pair: -sum(pair[1].values()))
    table = document.add_table(rows=1, cols=5)
    for c, text in zip(
        table.rows[0].cells, ("条款", "意见", "不同意见", "赞成/反对/修改建议", "关键词"), strict=True
    ):
        c.text = text
    for a, counts in articles:
        cells = table.add_row().cells
        cells[0].text = a["label"]
        cells[1].text = str(sum(counts.values()))
        cells[2].text = str(a["distinct"])
        cells[3].text = f"{counts['support']}/{counts['oppose']}/{counts['amend']}"
        cells[4].text = "、".join(a["keywords"])
    clusters = digest.get("clusters", [])
    if clusters:
        document.add_heading("三、集中提交的相同或相近意见", level=1)
        document.add_paragraph(f"{basis}。")
        for c in clusters[:_REPORT_CLUSTERS]:
            burst = "，短时间内集中提交" if c.get("burst") else ""
            document.add_paragraph(
                f"{c['size']} 人提交（{c['variants']} 种写法{burst}）：{c.get('representative', '')}",
                style="List Number",
            )
            quoted += 1
    document.add_heading("四、代表性意见", level=1)
    document.add_paragraph(f"{basis}。")
    for a, _ in articles[:_REPORT_ARTICLES]:
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
                "created_at": local_iso(c.created_at),
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
    # The file says the time of the data it holds, in Beijing time: the rows are read as it is
    # made; cluster_id is the grouping of the last digest.
    grouped = await DigestSnapshot.get_or_none(draft_id=draft.id).only("draft_id", "computed_at")
    head = {
        "draft_id": draft.id,
        "exported_at": local_iso(now()),
        "clusters_computed_at": local_iso(grouped.computed_at) if grouped else None,
    }
    yield json.dumps(head, ensure_ascii=False).encode()[:-1] + b', "comments": ['
    first = True
    async for record in _records(draft):
        yield (b"" if first else b",") + json.dumps(record, ensure_ascii=False).encode()
        first = False
    yield b"]}"
