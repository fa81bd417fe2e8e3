"""Staff pages of the normative-document library: publishing a document (with the documents it amends
or repeals, on a legality review or a stated exemption), publishing an adopted draft, adding
attachments, and the documents whose validity is running out. Correcting and withdrawing a published
document: portal.views.staff_document_changes."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from portal.models import DocumentAttachment, Draft, IssuerLevel, NormativeDocument, Role
from portal.services import drafts, files, issuers, library, library_reviews, library_revisions
from portal.services.calendar import today
from portal.services.liaison import DISTRICT_ORDER
from portal.web import flash
from portal.web.auth import client_ip, require_role, staff_user
from portal.web.document_forms import MAX_TEXT, AdoptionForm, DocumentForm
from portal.web.forms import read_form
from portal.web.pagination import int_param
from portal.web.templating import render
from portal.web.uploads import receive_one_file

# Legislative and legal-affairs staff (who also review and register documents) oversee every issuing
# body and publish to the library; an organizer sees their own body's documents that are expiring.
OVERSEERS = (Role.ADMIN, Role.LEGISLATOR, Role.REVIEWER)
PUBLISHERS = OVERSEERS
# An adopted draft is published from the draft's pages, which legislative staff and admins run.
DRAFT_EDITORS = (Role.LEGISLATOR, Role.ADMIN)
PER_PAGE = 30


def _choices() -> dict[str, Any]:
    return {"levels": list(IssuerLevel), "districts": DISTRICT_ORDER}


async def _form_page(request: Request, form: DocumentForm, status: int = 200) -> Response:
    return render(
        request,
        "staff/documents/new.html",
        {"form": form, "reviews": await library_reviews.eligible(), **_choices()},
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
    return await _form_page(request, DocumentForm())


@require_role(*PUBLISHERS)
async def create(request: Request) -> Response:
    form = DocumentForm.parse(await read_form(request, max_part_bytes=MAX_TEXT * 4))
    if form.errors:
        return await _form_page(request, form, 400)
    try:
        amends = await library.documents_by_numbers(form.amends, "amends")
        repeals = await library.documents_by_numbers(form.repeals, "repeals")
        document = await library.publish(
            form.document(),
            actor=staff_user(request),
            ip=client_ip(request),
            amends=amends,
            repeals=repeals,
        )
    except library.LibraryError as exc:
        form.errors[exc.field] = str(exc)
        return await _form_page(request, form, 400)
    flash.add(request, f"文件已发布，统一编号 {document.unified_number}。可以继续上传附件。")
    return RedirectResponse(f"/staff/documents/{document.unified_number}", status_code=303)


async def _document(request: Request) -> NormativeDocument:
    document = await library.by_number(request.path_params["number"])
    if document is None:
        raise HTTPException(404, "未找到该规范性文件。")
    return document


async def manage_page(
    request: Request,
    document: NormativeDocument,
    *,
    reason: str = "",
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    """The staff page of one document: its record, attachments, and the correction and withdrawal
    actions for those who may take them (with a refused withdrawal's reason given back)."""
    attachments = await DocumentAttachment.filter(document=document).prefetch_related("attachment")
    return render(
        request,
        "staff/documents/manage.html",
        {
            "document": document,
            "attachments": attachments,
            "record": await library_revisions.public_record(document),
            "may_change": library_revisions.may_change(staff_user(request), document),
            "who_may_change": library_revisions.who_may_change(document),
            "reason": reason,
            "errors": errors or {},
        },
        status_code=status,
    )


@require_role(*PUBLISHERS)
async def manage(request: Request) -> Response:
    return await manage_page(request, await _document(request))


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


# --- an adopted draft --------------------------------------------------------------------------------


async def _adopted_draft(request: Request) -> Draft:
    draft = await Draft.get_or_none(id=request.path_params["draft_id"])
    if draft is None:
        raise HTTPException(404, "未找到该草案。")
    return draft


async def _adoption_page(
    request: Request, draft: Draft, form: AdoptionForm, *, status: int = 200
) -> Response:
    return render(
        request,
        "staff/documents/from_draft.html",
        {
            "draft": draft,
            "draft_status": drafts.effective_status(draft),
            "published": await NormativeDocument.get_or_none(draft=draft),
            "issuer_class": issuers.classify(draft.drafting_body),
            "form": form,
            "reviews": await library_reviews.eligible(),
            "title": library.final_title(draft.title),
            **_choices(),
        },
        status_code=status,
    )


@require_role(*DRAFT_EDITORS)
async def adoption_form(request: Request) -> Response:
    return await _adoption_page(
        request, await _adopted_draft(request), AdoptionForm(issued_on=today().isoformat())
    )


@require_role(*DRAFT_EDITORS)
async def publish_adopted(request: Request) -> Response:
    """Publish the adopted text of a 行政规范性文件 draft to the library, in one step."""
    draft = await _adopted_draft(request)
    form = AdoptionForm.parse(await read_form(request, max_part_bytes=MAX_TEXT * 4), draft.drafting_body)
    if form.errors:
        return await _adoption_page(request, draft, form, status=400)
    try:
        document = await library.publish_from_draft(
            draft, form.adoption(), actor=staff_user(request), ip=client_ip(request)
        )
    except library.LibraryError as exc:
        form.errors[exc.field] = str(exc)
        return await _adoption_page(request, draft, form, status=400)
    flash.add(request, f"已发布到规范性文件库，统一编号 {document.unified_number}。")
    return RedirectResponse(f"/documents/{document.unified_number}", status_code=303)
