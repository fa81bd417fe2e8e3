"""Consultation meetings: record one with its files and opinions, add more later, import opinions
from a spreadsheet, and download the files (staff only, always as attachments)."""

from __future__ import annotations

from datetime import date

from itsdangerous import BadSignature, URLSafeSerializer
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from tortoise.functions import Count

from portal.models import (
    Attachment,
    Comment,
    ConsultationMeeting,
    Draft,
    DraftStatus,
    FileKind,
    LiaisonPoint,
    MeetingFile,
    MeetingType,
    Role,
    Stance,
    User,
)
from portal.services import audit, files, meetings
from portal.services.calendar import today
from portal.views.inbox import point_for
from portal.web import flash
from portal.web.auth import client_ip, require_role, staff_user
from portal.web.forms import ids, parse_date, read_form, text, whole_number
from portal.web.templating import render
from portal.web.uploads import Received, attachment_response, receive_multipart

WORKERS = (Role.LIAISON, Role.ADMIN)
READERS = (Role.LIAISON, Role.LEGISLATOR, Role.ADMIN)
OPINION_ROWS = 5  # blank opinion rows on the new-meeting form (more can be added on the meeting page)


def _serializer(request: Request) -> URLSafeSerializer:
    return URLSafeSerializer(request.app.state.settings.secret_key, salt="meeting-import")


async def _meeting(request: Request, user: User, *, write: bool = False) -> ConsultationMeeting:
    meeting = await ConsultationMeeting.get_or_none(id=request.path_params["meeting_id"]).select_related(
        "liaison_point"
    )
    if meeting is None:
        raise HTTPException(404, "未找到该会议记录。")
    if user.has_role(Role.ADMIN):
        return meeting
    if user.has_role(Role.LIAISON) and user.liaison_point_id == meeting.liaison_point_id:
        return meeting
    if not write and user.has_role(Role.LEGISLATOR):
        return meeting
    raise HTTPException(404, "未找到该会议记录。")  # another point's meeting does not exist for this user


@require_role(*READERS)
async def index(request: Request) -> Response:
    user = staff_user(request)
    query = ConsultationMeeting.all()
    point = None
    if not user.has_role(Role.ADMIN, Role.LEGISLATOR) or request.query_params.get("point"):
        point = await point_for(request, user)
        query = query.filter(liaison_point=point)
    rows = await query.order_by("-held_on", "-id").limit(200).prefetch_related("drafts", "liaison_point")
    counts = dict(
        await Comment.filter(meeting_id__in=[m.id for m in rows])
        .group_by("meeting_id")
        .annotate(n=Count("id"))
        .values_list("meeting_id", "n")
    )
    return render(
        request,
        "staff/meetings/index.html",
        {"rows": rows, "point": point, "counts": counts, "can_create": user.has_role(*WORKERS)},
    )


async def _form_context(
    request: Request, user: User, errors: dict[str, str], values: Received | None
) -> dict[str, object]:
    open_drafts = list(await Draft.filter(status__in=(DraftStatus.OPEN, DraftStatus.CLOSED)).order_by("-id"))
    return {
        "point": await point_for(request, user) if user.has_role(Role.LIAISON) else None,
        "points": await LiaisonPoint.filter(active=True).order_by("sort_order")
        if user.has_role(Role.ADMIN)
        else [],
        "drafts": open_drafts,
        "choices": await meetings.unit_choices(open_drafts),
        "types": list(MeetingType),
        "kinds": list(FileKind),
        "stances": list(Stance),
        "categories": meetings.SPEAKER_CATEGORIES,
        "rows": range(1, OPINION_ROWS + 1),
        "errors": errors,
        "v": values or Received(),
        "today": today().isoformat(),
        "max_file_mb": request.app.state.settings.max_upload_bytes // (1024 * 1024),
        "max_meeting_mb": request.app.state.settings.max_meeting_upload_bytes // (1024 * 1024),
    }


@require_role(*WORKERS)
async def new(request: Request) -> Response:
    user = staff_user(request)
    return render(request, "staff/meetings/new.html", await _form_context(request, user, {}, None))


def _opinions_from(
    form: Received, prefix: str, count: int
) -> tuple[list[meetings.OpinionInput], dict[str, str]]:
    opinions: list[meetings.OpinionInput] = []
    errors: dict[str, str] = {}
    for i in range(1, count + 1):
        body = form.get(f"{prefix}{i}-body").strip()
        target = form.get(f"{prefix}{i}-unit")
        if not body:
            continue
        draft_raw, _, key = target.partition(":")
        draft_id = whole_number(draft_raw, minimum=1)
        stance = form.get(f"{prefix}{i}-stance")
        if draft_id is None or stance not in {s.value for s in Stance}:
            errors[f"opinion-{i}"] = f"第 {i} 条意见：请选择所针对的条文和态度。"
            continue
        opinions.append(
            meetings.OpinionInput(
                draft_id=draft_id,
                unit_key=key,
                stance=Stance(stance),
                body=body[:5000],
                speaker_category=form.get(f"{prefix}{i}-category")[:50],
                suggested_wording=form.get(f"{prefix}{i}-wording")[:5000],
                name=form.get(f"{prefix}{i}-name")[:100],
                show_name=form.get(f"{prefix}{i}-show_name") == "1",
            )
        )
    return opinions, errors


def _file_kinds(form: Received) -> list[FileKind]:
    kinds = []
    for staged in form.files:
        field = staged.field.removeprefix("file-")
        kinds.append(FileKind(field) if field in {k.value for k in FileKind} else FileKind.OTHER)
    return kinds


@require_role(*WORKERS)
async def create(request: Request) -> Response:
    user = staff_user(request)
    settings = request.app.state.settings
    form = await receive_multipart(
        request,
        temp_dir=settings.upload_dir / "staging",
        max_file_bytes=settings.max_upload_bytes,
        max_total_bytes=settings.max_meeting_upload_bytes,
    )
    errors: dict[str, str] = {}
    try:
        point = await point_for(request, user, form.get("point") or None)
        chosen = await Draft.filter(id__in=ids(form.getlist("drafts")))
        held_on: date | None = parse_date(form.get("held_on"))
        if held_on is None:
            errors["held_on"] = "请填写会议日期（格式：2026-01-31）。"
        elif held_on > today():
            errors["held_on"] = "会议日期不能晚于今天。"
        meeting_type = form.get("meeting_type")
        if meeting_type not in {t.value for t in MeetingType}:
            errors["meeting_type"] = "请选择会议形式。"
        attendees = whole_number(form.get("attendee_count"), minimum=1, maximum=100_000)
        if attendees is None:
            errors["attendee_count"] = "请填写参会人数（整数）。"
        opinions, opinion_errors = _opinions_from(form, "op", OPINION_ROWS)
        errors.update(opinion_errors)
        refused = files.validate(form.files)
        if refused:
            errors["files"] = "；".join(f"“{name}”：{reason}" for name, reason in refused.items())
        if errors or held_on is None or attendees is None:
            raise meetings.MeetingError("请按提示修改。")
        meeting = await meetings.create(
            meetings.MeetingInput(
                point=point,
                drafts=list(chosen),
                meeting_type=MeetingType(meeting_type),
                held_on=held_on,
                place=form.get("place")[:200],
                attendee_count=attendees,
                composition=meetings.parse_composition(form.get("composition")),
                minutes=form.get("minutes")[:100_000],
                public_summary=form.get("public_summary")[:5000],
                summary_public=form.get("summary_public") == "1",
            ),
            form.files,
            _file_kinds(form),
            opinions,
            actor=user,
            ip=client_ip(request),
            upload_dir=settings.upload_dir,
            ack_days=settings.ack_working_days,
        )
    except meetings.MeetingError as exc:
        files.discard(form.files)
        if exc.field != "form" or not errors:
            errors[exc.field] = str(exc)
        context = await _form_context(request, user, errors, form)
        return render(request, "staff/meetings/new.html", context, status_code=400)
    except BaseException:
        files.discard(form.files)
        raise
    flash.add(request, f"会议记录已保存（{len(form.files)} 个文件，{len(opinions)} 条意见）。")
    return RedirectResponse(f"/staff/meetings/{meeting.id}", status_code=303)


@require_role(*READERS)
async def detail(request: Request) -> Response:
    user = staff_user(request)
    meeting = await _meeting(request, user)
    meeting_drafts = list(await meeting.drafts.all())
    opinions = await Comment.filter(meeting=meeting).order_by("id")
    attached = await MeetingFile.filter(meeting=meeting).select_related("attachment").order_by("id")
    can_edit = user.has_role(Role.ADMIN) or user.liaison_point_id == meeting.liaison_point_id
    labels = {}
    for draft, units in await meetings.unit_choices(meeting_drafts):
        labels.update({(draft.id, u.key): u.label for u in units})
    return render(
        request,
        "staff/meetings/detail.html",
        {
            "meeting": meeting,
            "drafts": meeting_drafts,
            "opinions": opinions,
            "labels": labels,
            "attached": attached,
            "can_edit": can_edit,
            "choices": await meetings.unit_choices(meeting_drafts),
            "stances": list(Stance),
            "kinds": list(FileKind),
            "categories": meetings.SPEAKER_CATEGORIES,
            "stored_mb": round(await meetings.stored_bytes(meeting) / (1024 * 1024), 1),
            "max_file_mb": request.app.state.settings.max_upload_bytes // (1024 * 1024),
            "max_meeting_mb": request.app.state.settings.max_meeting_upload_bytes // (1024 * 1024),
            "composition": meetings.composition_text(meeting.composition),
            "preview": None,
        },
    )


@require_role(*WORKERS)
async def add_files(request: Request) -> Response:
    user = staff_user(request)
    meeting = await _meeting(request, user, write=True)
    settings = request.app.state.settings
    remaining = settings.max_meeting_upload_bytes - await meetings.stored_bytes(meeting)
    if remaining <= 0:
        raise HTTPException(
            413, f"本次会议的材料已达到 {settings.max_meeting_upload_bytes // (1024 * 1024)} MB 的上限。"
        )
    form = await receive_multipart(
        request,
        temp_dir=settings.upload_dir / "staging",
        max_file_bytes=settings.max_upload_bytes,
        max_total_bytes=remaining,
    )
    refused = files.validate(form.files)
    if refused or not form.files:
        files.discard(form.files)
        message = "；".join(f"“{n}”：{r}" for n, r in refused.items()) if refused else "请选择要上传的文件。"
        flash.add(request, message, "error")
        return RedirectResponse(f"/staff/meetings/{meeting.id}", status_code=303)
    n = await meetings.add_files(
        meeting,
        form.files,
        _file_kinds(form),
        actor=user,
        ip=client_ip(request),
        upload_dir=settings.upload_dir,
    )
    flash.add(request, f"已上传 {n} 个文件。")
    return RedirectResponse(f"/staff/meetings/{meeting.id}", status_code=303)


@require_role(*WORKERS)
async def add_opinion(request: Request) -> Response:
    user = staff_user(request)
    meeting = await _meeting(request, user, write=True)
    raw = await read_form(request)
    form = Received({k: [v for v in raw.getlist(k) if isinstance(v, str)] for k in raw})
    opinions, errors = _opinions_from(form, "op", 1)
    if errors or not opinions:
        flash.add(request, next(iter(errors.values()), "请填写意见内容。"), "error")
    else:
        try:
            await meetings.add_opinions(
                meeting,
                opinions,
                actor=user,
                ip=client_ip(request),
                ack_days=request.app.state.settings.ack_working_days,
            )
        except meetings.MeetingError as exc:
            flash.add(request, str(exc), "error")
        else:
            flash.add(request, "已记录该意见。")
    return RedirectResponse(f"/staff/meetings/{meeting.id}#opinions", status_code=303)


@require_role(*WORKERS)
async def import_preview(request: Request) -> Response:
    user = staff_user(request)
    meeting = await _meeting(request, user, write=True)
    form = await read_form(request, files=1, max_part_bytes=1024 * 1024)
    upload = form.get("sheet")
    data = b""
    if upload is not None and not isinstance(upload, str):
        data = await upload.read(meetings.MAX_SHEET_BYTES + 1)  # more is refused by read_sheet
        await upload.close()
    if not data:
        flash.add(request, "请选择要导入的 Excel 文件（.xlsx）。", "error")
        return RedirectResponse(f"/staff/meetings/{meeting.id}", status_code=303)
    try:
        rows = await meetings.read_sheet(data, list(await meeting.drafts.all()))
    except meetings.MeetingError as exc:
        flash.add(request, str(exc), "error")
        return RedirectResponse(f"/staff/meetings/{meeting.id}", status_code=303)
    valid = [r.opinion.__dict__ | {"stance": r.opinion.stance.value} for r in rows if r.opinion]
    token = _serializer(request).dumps({"meeting": meeting.id, "rows": valid})
    return render(
        request,
        "staff/meetings/import.html",
        {"meeting": meeting, "rows": rows, "valid": len(valid), "token": token},
    )


@require_role(*WORKERS)
async def import_confirm(request: Request) -> Response:
    user = staff_user(request)
    meeting = await _meeting(request, user, write=True)
    form = await read_form(request, max_part_bytes=16 * 1024 * 1024)
    try:
        payload = _serializer(request).loads(text(form, "token", max_length=16 * 1024 * 1024))
    except BadSignature as exc:
        raise HTTPException(400, "导入数据已失效，请重新上传表格。") from exc
    if payload.get("meeting") != meeting.id:
        raise HTTPException(400, "导入数据与会议不符，请重新上传表格。")
    opinions = [meetings.OpinionInput(**{**row, "stance": Stance(row["stance"])}) for row in payload["rows"]]
    try:
        n = await meetings.add_opinions(
            meeting,
            opinions,
            actor=user,
            ip=client_ip(request),
            ack_days=request.app.state.settings.ack_working_days,
        )
    except meetings.MeetingError as exc:
        flash.add(request, f"导入未完成，没有保存任何意见：{exc}", "error")
    else:
        flash.add(request, f"已导入 {n} 条意见。")
    return RedirectResponse(f"/staff/meetings/{meeting.id}#opinions", status_code=303)


@require_role(*READERS)
async def sheet_template(request: Request) -> Response:
    return Response(
        meetings.template_workbook(),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": "attachment; filename*=UTF-8''opinions-template.xlsx"},
    )


@require_role(*READERS)
async def download(request: Request) -> Response:
    user = staff_user(request)
    attachment = await Attachment.get_or_none(id=request.path_params["file_id"])
    link = (
        await MeetingFile.get_or_none(attachment=attachment).select_related("meeting") if attachment else None
    )
    if attachment is None or link is None:
        raise HTTPException(404, "未找到该文件。")
    if not (
        user.has_role(Role.ADMIN, Role.LEGISLATOR) or user.liaison_point_id == link.meeting.liaison_point_id
    ):
        raise HTTPException(404, "未找到该文件。")
    # Sign-in sheets, minutes and photos name and show the people who came: each copy that leaves
    # the portal is recorded, as a whole draft's opinion table is.
    await audit.record(
        "meeting_file_downloaded",
        actor=user,
        ip=client_ip(request),
        object_type="meeting",
        object_id=link.meeting_id,
        detail={"file": attachment.original_name, "kind": link.kind.label, "attachment": attachment.id},
    )
    return attachment_response(request, attachment, private=True)
