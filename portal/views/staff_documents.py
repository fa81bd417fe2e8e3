"""Staff pages of the normative-document library: publishing a document (with the documents it amends
or repeals), adding its attachments, and the documents whose validity is running out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from portal.models import DocumentAttachment, IssuerLevel, NormativeDocument, Role
from portal.services import files, library
from portal.services.calendar import today
from portal.services.liaison import DISTRICT_ORDER
from portal.web import flash
from portal.web.auth import client_ip, require_role, staff_user
from portal.web.forms import parse_date, read_form, text
from portal.web.pagination import int_param
from portal.web.templating import render
from portal.web.uploads import receive_one_file

# Legislative and legal-affairs staff (who also review and register documents) oversee every issuing
# body and publish to the library; an organizer sees their own body's documents that are expiring.
OVERSEERS = (Role.ADMIN, Role.LEGISLATOR, Role.REVIEWER)
PUBLISHERS = OVERSEERS
PER_PAGE = 30
MAX_TEXT = 500_000


@dataclass
class DocumentForm:
    title: str = ""
    doc_number: str = ""
    issuer: str = ""
    issuer_level: str = ""
    district: str = ""
    topic: str = ""
    issued_on: str = ""
    effective_on: str = ""
    valid_years: str = "5"
    expires_on: str = ""
    text: str = ""
    interpretation: str = ""
    amends: str = ""
    repeals: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, form: FormData) -> DocumentForm:
        result = cls(
            title=text(form, "title", max_length=300),
            doc_number=text(form, "doc_number", max_length=100),
            issuer=text(form, "issuer", max_length=100),
            issuer_level=text(form, "issuer_level", max_length=2),
            district=text(form, "district", max_length=32),
            topic=text(form, "topic", max_length=64),
            issued_on=text(form, "issued_on", max_length=10),
            effective_on=text(form, "effective_on", max_length=10),
            valid_years=text(form, "valid_years", max_length=2),
            expires_on=text(form, "expires_on", max_length=10),
            text=text(form, "text", max_length=MAX_TEXT),
            interpretation=text(form, "interpretation", max_length=50_000),
            amends=text(form, "amends", max_length=500),
            repeals=text(form, "repeals", max_length=500),
        )
        if not result.title:
            result.errors["title"] = "请填写文件标题。"
        if not result.issuer:
            result.errors["issuer"] = "请填写制定机关。"
        if result.issuer_level not in {lv.value for lv in IssuerLevel}:
            result.errors["issuer_level"] = "请选择制定机关层级。"
        elif result.issuer_level in (IssuerLevel.DISTRICT, IssuerLevel.STREET_TOWN):
            if result.district not in DISTRICT_ORDER:
                result.errors["district"] = "区级、街镇文件请选择所在区。"
        else:
            result.district = ""
        for name in ("issued_on", "effective_on"):
            if parse_date(getattr(result, name)) is None:
                result.errors[name] = "请按 年-月-日 格式填写日期，如 2026-03-01。"
        if result.expires_on and parse_date(result.expires_on) is None:
            result.errors["expires_on"] = "请按 年-月-日 格式填写日期，或留空。"
        if result.valid_years not in ("", "3", "5"):
            result.errors["valid_years"] = "有效期请选择 3 年、5 年或不规定。"
        if not result.text:
            result.errors["text"] = "请粘贴文件全文。"
        return result

    def expiry(self, effective: date) -> date | None:
        explicit = parse_date(self.expires_on) if self.expires_on else None
        if explicit is not None:
            return explicit
        return library.valid_until(effective, int(self.valid_years)) if self.valid_years else None


def _form_page(request: Request, form: DocumentForm, status: int = 200) -> Response:
    return render(
        request,
        "staff/documents/new.html",
        {"form": form, "levels": list(IssuerLevel), "districts": DISTRICT_ORDER},
        status_code=status,
    )


@require_role(*PUBLISHERS)
async def index(request: Request) -> Response:
    page = int_param(request, "page", minimum=1, maximum=100_000) or 1
    return render(
        request,
        "staff/documents/index.html",
        {"result": await library.public_page(library.LibraryFilter(), page=page, per_page=PER_PAGE)},
    )


@require_role(*PUBLISHERS)
async def new(request: Request) -> Response:
    return _form_page(request, DocumentForm())


@require_role(*PUBLISHERS)
async def create(request: Request) -> Response:
    form = DocumentForm.parse(await read_form(request, max_part_bytes=MAX_TEXT * 4))
    if form.errors:
        return _form_page(request, form, 400)
    issued, effective = parse_date(form.issued_on), parse_date(form.effective_on)
    assert issued is not None and effective is not None  # checked by parse
    try:
        amends = await library.documents_by_numbers(form.amends, "amends")
        repeals = await library.documents_by_numbers(form.repeals, "repeals")
        document = await library.publish(
            library.DocumentInput(
                title=form.title,
                issuer=form.issuer,
                issuer_level=IssuerLevel(form.issuer_level),
                issued_on=issued,
                effective_on=effective,
                expires_on=form.expiry(effective),
                text=form.text,
                doc_number=form.doc_number,
                district=form.district,
                topic=form.topic,
                interpretation=form.interpretation,
            ),
            actor=staff_user(request),
            ip=client_ip(request),
            amends=amends,
            repeals=repeals,
        )
    except library.LibraryError as exc:
        form.errors[exc.field if exc.field != "form" else "title"] = str(exc)
        return _form_page(request, form, 400)
    flash.add(request, f"文件已发布，统一编号 {document.unified_number}。可以继续上传附件。")
    return RedirectResponse(f"/staff/documents/{document.unified_number}", status_code=303)


async def _document(request: Request) -> NormativeDocument:
    document = await library.by_number(request.path_params["number"])
    if document is None:
        raise HTTPException(404, "未找到该规范性文件。")
    return document


@require_role(*PUBLISHERS)
async def manage(request: Request) -> Response:
    document = await _document(request)
    attachments = await DocumentAttachment.filter(document=document).prefetch_related("attachment")
    return render(request, "staff/documents/manage.html", {"document": document, "attachments": attachments})


@require_role(*PUBLISHERS)
async def upload_attachment(request: Request) -> Response:
    document = await _document(request)
    user = staff_user(request)
    form, refusal = await receive_one_file(request)
    if refusal:
        flash.add(request, refusal, "error")
        return RedirectResponse(f"/staff/documents/{document.unified_number}#attachments", status_code=303)
    async with files.stored(form.files, request.app.state.settings.upload_dir, user) as stored:
        title = form.get("title").strip()[:200] or stored[0].original_name
        await library.attach(document, stored[0], title, actor=user, ip=client_ip(request))
    flash.add(request, f"附件“{title}”已上传并公开。")
    return RedirectResponse(f"/staff/documents/{document.unified_number}#attachments", status_code=303)


@require_role(Role.ORGANIZER, *OVERSEERS)
async def expiring(request: Request) -> Response:
    user = staff_user(request)
    issuer = None if user.has_role(*OVERSEERS) else user.organisation
    documents = await library.expiring(issuer) if issuer != "" else []
    day = today()
    return render(
        request,
        "staff/documents/expiring.html",
        {
            "documents": documents,
            "days_left": {d.id: (d.expires_on - day).days for d in documents if d.expires_on},
            "issuer": issuer,
            "notice_days": library.EXPIRY_NOTICE_DAYS,
        },
    )
