"""Staff actions on a published normative document: a correction (更正), published as a new revision
with a public note, and a withdrawal (撤回) with a public reason and a confirmation step. Both are for
staff of the issuing body (or an admin): library_revisions.may_change."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from portal.models import DocumentStatus, IssuerLevel, NormativeDocument
from portal.services import library, library_revisions
from portal.services.liaison import DISTRICT_ORDER
from portal.services.library_revisions import MAX_NOTE_CHARS
from portal.views.staff_documents import PUBLISHERS, manage_page
from portal.web import flash
from portal.web.auth import client_ip, require_role, staff_user
from portal.web.document_forms import MAX_TEXT, CorrectionForm
from portal.web.forms import checkbox, read_form, text
from portal.web.templating import render


async def _changeable(request: Request) -> NormativeDocument:
    """The document of the path, if this staff member may correct or withdraw it (404 / 403)."""
    document = await library.by_number(request.path_params["number"])
    if document is None:
        raise HTTPException(404, "未找到该规范性文件。")
    if not library_revisions.may_change(staff_user(request), document):
        raise HTTPException(403, library_revisions.who_may_change(document))
    return document


def _staff_page(document: NormativeDocument, anchor: str = "") -> RedirectResponse:
    return RedirectResponse(f"/staff/documents/{document.unified_number}{anchor}", status_code=303)


def _correction_page(
    request: Request, document: NormativeDocument, form: CorrectionForm, status: int = 200
) -> Response:
    return render(
        request,
        "staff/documents/correct.html",
        {"document": document, "form": form, "levels": list(IssuerLevel), "districts": DISTRICT_ORDER},
        status_code=status,
    )


@require_role(*PUBLISHERS)
async def correction_form(request: Request) -> Response:
    document = await _changeable(request)
    if document.status == DocumentStatus.WITHDRAWN:
        flash.add(request, "文件已撤回，不能再更正。", "error")
        return _staff_page(document)
    return _correction_page(request, document, CorrectionForm.of(document))


@require_role(*PUBLISHERS)
async def correct(request: Request) -> Response:
    document = await _changeable(request)
    form = CorrectionForm.parse(await read_form(request, max_part_bytes=MAX_TEXT * 4), document.issuer)
    if form.errors:
        return _correction_page(request, document, form, 400)
    try:
        await library_revisions.correct(
            document,
            library_revisions.Correction(
                title=form.title,
                doc_number=form.doc_number,
                issuer_level=form.level,
                district=form.district,
                issued_on=form.issued,
                effective_on=form.effective,
                expires_on=form.expiry(),
                text=form.text,
                interpretation=form.interpretation,
                note=form.note,
            ),
            actor=staff_user(request),
            ip=client_ip(request),
        )
    except library.LibraryError as exc:
        form.errors[exc.field] = str(exc)
        return _correction_page(request, document, form, 400)
    flash.add(request, f"更正已发布（第 {document.revision} 版），更正说明和更正前的版本已在文件页面公开。")
    return _staff_page(document)


@require_role(*PUBLISHERS)
async def withdraw(request: Request) -> Response:
    """Two steps without JavaScript: the reason is posted, the page asks to confirm it, and the ticked
    confirmation withdraws the document."""
    document = await _changeable(request)
    form = await read_form(request)
    reason = text(form, "reason", max_length=MAX_NOTE_CHARS + 1)
    if not reason:
        errors = {"reason": "请写明撤回理由，该理由将在文件页面公开。"}
        return await manage_page(request, document, reason=reason, errors=errors, status=400)
    if form.get("step") != "confirm" or not checkbox(form, "confirm"):
        confirming = form.get("step") == "confirm"
        return render(
            request,
            "staff/documents/withdraw_confirm.html",
            {"document": document, "reason": reason, "error": "请勾选确认框后再提交。" if confirming else ""},
            status_code=400 if confirming else 200,
        )
    try:
        await library_revisions.withdraw(document, reason, actor=staff_user(request), ip=client_ip(request))
    except library.LibraryError as exc:
        return await manage_page(request, document, reason=reason, errors={"reason": str(exc)}, status=400)
    flash.add(request, "文件已撤回，撤回理由已在文件页面公开。")
    return _staff_page(document)
