"""Consultation meetings of liaison points: the record, its files and the opinions voiced there.

Creating a meeting is all-or-nothing: the rows are written in one transaction and the staged files
only move to their permanent names inside it; any failure removes the moved files again.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook
from tortoise.functions import Count
from tortoise.transactions import in_transaction

from portal.models import (
    Channel,
    Comment,
    ConsultationMeeting,
    Draft,
    FileKind,
    IdentityType,
    LiaisonPoint,
    MeetingFile,
    MeetingType,
    Provision,
    Stance,
    User,
)
from portal.services import audit, comments, drafts, files, plaintext
from portal.services.drafting.numerals import cn_to_int

MAX_OPINIONS_PER_IMPORT = 2000
SPEAKER_CATEGORIES = (
    "居民",
    "企业代表",
    "社会组织",
    "人大代表",
    "政协委员",
    "律师",
    "专家学者",
    "基层干部",
    "其他",
)
STANCE_WORDS = {"赞成": Stance.SUPPORT, "反对": Stance.OPPOSE, "修改建议": Stance.AMEND, "其他": Stance.OTHER}
SHEET_COLUMNS = ("草案编号", "条文", "态度", "发言人类别", "意见内容", "建议修改为", "姓名", "同意公开姓名")


class MeetingError(ValueError):
    """Refused; the message (Chinese) says why, ``field`` where."""

    def __init__(self, message: str, field: str = "form") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class MeetingInput:
    point: LiaisonPoint
    drafts: list[Draft]
    meeting_type: MeetingType
    held_on: date
    place: str
    attendee_count: int
    composition: list[dict[str, object]]
    minutes: str = ""
    public_summary: str = ""
    summary_public: bool = False


@dataclass(frozen=True)
class OpinionInput:
    draft_id: int
    unit_key: str
    stance: Stance
    body: str
    speaker_category: str = ""
    suggested_wording: str = ""
    name: str = ""
    show_name: bool = False


_COMPOSITION_RE = re.compile(r"([^\d,，、;；\s]+)\s*(\d+)\s*人?")


def parse_composition(text: str) -> list[dict[str, object]]:
    """ "居民 12, 企业 5，人大代表2人" -> [{"category": "居民", "count": 12}, …]."""
    return [{"category": m.group(1), "count": int(m.group(2))} for m in _COMPOSITION_RE.finditer(text)]


def composition_text(composition: list[dict[str, object]]) -> str:
    return "，".join(f"{c['category']} {c['count']}" for c in composition)


# What a program writes for a value it does not have. Typed into a field it is never what a speaker
# said: it is a blank form filled by software, and an opinion is published as soon as it is recorded.
PLACEHOLDERS = frozenset({"none", "null", "undefined", "nan"})


def is_placeholder(text: str) -> bool:
    return text.strip().lower() in PLACEHOLDERS


async def _check_opinions(meeting_drafts: list[Draft], opinions: list[OpinionInput]) -> None:
    allowed = {d.id for d in meeting_drafts}
    for index, opinion in enumerate(opinions, start=1):
        if opinion.draft_id not in allowed:
            raise MeetingError(f"第 {index} 条意见所属的草案不在本次会议讨论的草案中。", f"opinion-{index}")
        if not opinion.body.strip():
            raise MeetingError(f"第 {index} 条意见没有内容。", f"opinion-{index}")
        for label, value in (
            ("意见内容", opinion.body),
            ("建议修改为", opinion.suggested_wording),
            ("发言人姓名", opinion.name),
        ):
            if is_placeholder(value):
                raise MeetingError(
                    f"第 {index} 条意见的“{label}”为“{value.strip()}”，这不是发言内容，"
                    "请填写会上的实际内容或留空。",
                    f"opinion-{index}",
                )


async def _record_opinion(
    meeting: ConsultationMeeting, draft: Draft, opinion: OpinionInput, *, actor: User | None, ack_days: int
) -> Comment:
    data = comments.CommentInput(
        body=opinion.body,
        stance=opinion.stance,
        unit_key=opinion.unit_key,
        suggested_wording=opinion.suggested_wording,
        identity_type=IdentityType.INDIVIDUAL,
        name=opinion.name if opinion.show_name else "",
        show_name=opinion.show_name,
        channel=Channel.MEETING,
    )
    offline = comments.Offline(
        point=await LiaisonPoint.get(id=meeting.liaison_point_id),
        entered_by=actor,
        received_on=meeting.held_on,
        meeting=meeting,
        speaker_category=opinion.speaker_category,
    )
    try:
        comment, _ = await comments.submit(draft, data, offline=offline, ack_working_days=ack_days)
    except comments.CommentRefused as exc:
        raise MeetingError(f"《{draft.title}》：{exc}", "opinions") from exc
    return comment


async def create(
    data: MeetingInput,
    staged: list[files.StagedFile],
    kinds: list[FileKind],
    opinions: list[OpinionInput],
    *,
    actor: User,
    ip: str,
    upload_dir: Path,
    ack_days: int = 3,
) -> ConsultationMeeting:
    """Everything or nothing: on any error no row and no file remains (staged files are removed too)."""
    if not data.drafts:
        raise MeetingError("请选择本次会议征求意见的草案。", "drafts")
    if not data.place.strip():
        raise MeetingError("请填写会议地点。", "place")
    if data.attendee_count < 1:
        raise MeetingError("参会人数至少为 1。", "attendee_count")
    await _check_opinions(data.drafts, opinions)
    placement = files.Placement([])
    try:
        async with in_transaction():
            meeting = await ConsultationMeeting.create(
                liaison_point=data.point,
                meeting_type=data.meeting_type,
                held_on=data.held_on,
                place=data.place.strip(),
                attendee_count=data.attendee_count,
                composition=data.composition,
                minutes=data.minutes.strip(),
                public_summary=data.public_summary.strip(),
                summary_public=data.summary_public,
                created_by=actor,
            )
            await meeting.drafts.add(*data.drafts)
            attachments, placement = await files.store(staged, upload_dir, actor)
            for attachment, kind in zip(attachments, kinds, strict=True):
                await MeetingFile.create(meeting=meeting, attachment=attachment, kind=kind)
            by_id = {d.id: d for d in data.drafts}
            for opinion in opinions:
                await _record_opinion(
                    meeting, by_id[opinion.draft_id], opinion, actor=actor, ack_days=ack_days
                )
            await audit.record(
                "meeting_created",
                actor=actor,
                ip=ip,
                object_type="meeting",
                object_id=meeting.id,
                detail={"files": len(attachments), "opinions": len(opinions)},
            )
    except BaseException:
        placement.undo()
        files.discard(staged)
        raise
    return meeting


async def add_files(
    meeting: ConsultationMeeting,
    staged: list[files.StagedFile],
    kinds: list[FileKind],
    *,
    actor: User,
    ip: str,
    upload_dir: Path,
) -> int:
    placement = files.Placement([])
    try:
        async with in_transaction():
            attachments, placement = await files.store(staged, upload_dir, actor)
            for attachment, kind in zip(attachments, kinds, strict=True):
                await MeetingFile.create(meeting=meeting, attachment=attachment, kind=kind)
            await audit.record(
                "meeting_files_added",
                actor=actor,
                ip=ip,
                object_type="meeting",
                object_id=meeting.id,
                detail={"files": len(attachments)},
            )
    except BaseException:
        placement.undo()
        files.discard(staged)
        raise
    return len(staged)


async def add_opinions(
    meeting: ConsultationMeeting, opinions: list[OpinionInput], *, actor: User, ip: str, ack_days: int = 3
) -> int:
    meeting_drafts = list(await meeting.drafts.all())
    await _check_opinions(meeting_drafts, opinions)
    by_id = {d.id: d for d in meeting_drafts}
    async with in_transaction():
        for opinion in opinions:
            await _record_opinion(meeting, by_id[opinion.draft_id], opinion, actor=actor, ack_days=ack_days)
        await audit.record(
            "meeting_opinions_added",
            actor=actor,
            ip=ip,
            object_type="meeting",
            object_id=meeting.id,
            detail={"opinions": len(opinions)},
        )
    return len(opinions)


async def stored_bytes(meeting: ConsultationMeeting) -> int:
    rows = await MeetingFile.filter(meeting=meeting).select_related("attachment")
    return sum(row.attachment.size for row in rows)


# --- spreadsheet import ---------------------------------------------------------------------------


@dataclass
class SheetRow:
    number: int  # the row in the sheet (header is row 1)
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    opinion: OpinionInput | None = None


def template_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "意见"
    sheet.append(list(SHEET_COLUMNS))
    sheet.append(["", "第五条", "修改建议", "居民", "建议明确……", "", "", "否"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def unit_key_from_label(label: str) -> str | None:
    """第十条 / 第10条 / 10 / tiao-10 / 第十条之一 / 一、 -> a unit key; "" for the whole draft."""
    text = re.sub(r"\s+", "", label)
    if text in ("", "整体", "全文", "草案整体"):
        return ""
    if re.fullmatch(r"(tiao|section)-[0-9]{1,4}(-[0-9]{1,4})?", text):
        return text
    # Numbers of at most four digits (no law has 10000 articles): int() never sees a huge string,
    # nor digits it cannot read (superscripts pass str.isdigit(), not str.isdecimal()).
    match = re.fullmatch(
        r"第?([0-9]{1,4}|[〇零一二三四五六七八九十百千两]+)条(?:之([一二三四五六七八九十]+))?", text
    )
    if match is None and text.isdecimal() and len(text) <= 4:
        return f"tiao-{int(text)}"
    try:
        if match:
            number = cn_to_int(match.group(1))
            sub = cn_to_int(match.group(2)) if match.group(2) else 0
            return f"tiao-{number}" + (f"-{sub}" if sub else "")
        section = re.fullmatch(r"([一二三四五六七八九十百]+)、?", text)
        if section:
            return f"section-{cn_to_int(section.group(1))}"
    except ValueError:  # characters of numerals that make no number (十十)
        return None
    return None


# An import is a few hundred opinions typed into the template; these bound what a crafted file can
# make the parser do (an 84 KB workbook of two million shared strings took 11 seconds to open).
MAX_SHEET_BYTES = 5 * 1024 * 1024  # the file as uploaded
SHEET_LIMITS = files.ZipLimits(
    "Excel 文件",
    members=100,
    member_bytes=16 * 1024 * 1024,
    total_bytes=32 * 1024 * 1024,
    markup=400_000,  # a full import, 2,000 rows × 8 columns of shared strings, has about 150,000
)
MAX_SHEET_ROWS = 10_000  # rows read, blank ones included
MAX_SHEET_COLUMNS = 30  # columns read; the template has 8
PARSE_SECONDS = 10


def _sheet_table(data: bytes, deadline: files.Deadline) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and the non-blank rows (number in the sheet, values by column name) of the first
    sheet. Runs in a worker thread (files.parse_off_loop); MeetingError on anything refused."""
    unreadable = MeetingError("无法读取该 Excel 文件，请使用 .xlsx 格式（可先下载模板）。", "sheet")
    try:
        files.check_zip(io.BytesIO(data), SHEET_LIMITS)
    except files.FileRefused as exc:
        raise MeetingError(f"{exc}，无法导入。请使用模板填写后上传。", "sheet") from exc
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on a file that is not a workbook
        raise unreadable from exc
    try:
        # Bounded rows and columns: a sheet may declare itself A1:XFD1048576, and openpyxl fills
        # every row out to the declared size.
        rows = book.worksheets[0].iter_rows(
            max_row=MAX_SHEET_ROWS + 1, max_col=MAX_SHEET_COLUMNS, values_only=True
        )
        header = [_sheet_text(c) for c in next(rows, ())]
        table = []
        for number, raw in enumerate(rows, start=2):
            deadline.check()
            if number > MAX_SHEET_ROWS:
                raise MeetingError(f"表格超过 {MAX_SHEET_ROWS} 行，无法导入。", "sheet")
            values = {header[i]: _sheet_text(v) for i, v in enumerate(raw) if i < len(header)}
            if any(values.values()):
                table.append((number, values))
    except (MeetingError, files.ParseTooSlow):
        raise
    except Exception as exc:  # a damaged part shows only when its rows are read
        raise unreadable from exc
    finally:
        book.close()
    return header, table


def _sheet_text(value: object) -> str:
    """A cell as text, cleaned like every form field. The XML parser already refuses most of what
    plaintext removes; cleaned all the same, so no way in depends on what a parser happens to allow."""
    return "" if value is None else plaintext.clean(str(value)).strip()


async def read_sheet(data: bytes, meeting_drafts: list[Draft]) -> list[SheetRow]:
    """Parse an uploaded .xlsx of opinions; every row gets its own errors, nothing is stored."""
    if len(data) > MAX_SHEET_BYTES:
        raise MeetingError(f"表格文件超过 {MAX_SHEET_BYTES // (1024 * 1024)} MB，请分批导入。", "sheet")
    try:
        header, table = await files.parse_off_loop(
            lambda deadline: _sheet_table(data, deadline), seconds=PARSE_SECONDS
        )
    except files.ParseTooSlow as exc:
        raise MeetingError("表格内容过多，未能在限定时间内读取，请分批导入。", "sheet") from exc
    missing = [c for c in ("条文", "态度", "意见内容") if c not in header]
    if missing:
        raise MeetingError(f"表头缺少列：{'、'.join(missing)}。请使用模板。", "sheet")
    units: dict[int, set[str]] = {}
    for draft in meeting_drafts:
        version = await drafts.latest_published(draft)
        units[draft.id] = {u.key for u in await drafts.units_of(version)} if version else set()
    only = meeting_drafts[0].id if len(meeting_drafts) == 1 else None
    result: list[SheetRow] = []
    for number, values in table:
        if len(result) >= MAX_OPINIONS_PER_IMPORT:
            raise MeetingError(f"一次最多导入 {MAX_OPINIONS_PER_IMPORT} 条意见。", "sheet")
        row = SheetRow(number, values)
        draft_raw = values.get("草案编号", "")
        draft_id = (
            int(draft_raw) if draft_raw.isascii() and draft_raw.isdigit() and len(draft_raw) <= 10 else only
        )
        if draft_id is None or draft_id not in units:
            row.errors.append("草案编号无效（本次会议涉及多件草案时必须填写）")
        key = unit_key_from_label(values.get("条文", ""))
        if key is None or (draft_id in units and key and key not in units[draft_id]):
            row.errors.append(f"找不到条文“{values.get('条文', '')}”")
        stance = STANCE_WORDS.get(values.get("态度", ""))
        if stance is None:
            row.errors.append("态度应为 赞成、反对、修改建议 或 其他")
        body = values.get("意见内容", "")
        if not body:
            row.errors.append("意见内容为空")
        elif len(body) > comments.MAX_BODY:
            row.errors.append(f"意见内容超过 {comments.MAX_BODY} 字")
        for column in ("意见内容", "建议修改为", "姓名"):
            if is_placeholder(values.get(column, "")):
                row.errors.append(f"{column}为“{values[column]}”，不是发言内容")
        if not row.errors and draft_id is not None and key is not None and stance is not None:
            row.opinion = OpinionInput(
                draft_id=draft_id,
                unit_key=key,
                stance=stance,
                body=body,
                speaker_category=values.get("发言人类别", "")[:50],
                suggested_wording=values.get("建议修改为", ""),
                name=values.get("姓名", "")[:100],
                show_name=values.get("同意公开姓名", "") in ("是", "同意", "Y", "y", "1"),
            )
        result.append(row)
    return result


# --- public side ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PointActivity:
    meetings: list[ConsultationMeeting]
    opinions_by_draft: list[tuple[Draft, int]]


async def point_activity(point: LiaisonPoint, limit: int = 10) -> PointActivity:
    meetings = (
        await ConsultationMeeting.filter(liaison_point=point)
        .order_by("-held_on", "-id")
        .limit(limit)
        .prefetch_related("drafts")
    )
    counts = (
        await Comment.filter(liaison_point=point)
        .annotate(n=Count("id"))
        .group_by("draft_id")
        .values_list("draft_id", "n")
    )
    by_id = {
        d.id: d for d in await Draft.filter(id__in=[c[0] for c in counts], status__in=drafts.PUBLIC_STATUSES)
    }
    return PointActivity(meetings, [(by_id[i], int(n)) for i, n in counts if i in by_id])


async def unit_choices(draft_list: list[Draft]) -> list[tuple[Draft, list[Provision]]]:
    """The table of contents of each draft, for picking the article an opinion concerns."""
    result = []
    for draft in draft_list:
        version = await drafts.latest_published(draft)
        result.append((draft, await drafts.units_of(version) if version else []))
    return result
