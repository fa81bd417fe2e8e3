"""Public pages of the normative-document library: the filtered list and one document."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from portal.models import DocumentAttachment, DocumentStatus, IssuerLevel, NormativeDocument
from portal.services import library, library_revisions, search
from portal.services.drafting import parser
from portal.views import api
from portal.web.links import public_address
from portal.web.page_cache import cached_page
from portal.web.pagination import int_param
from portal.web.templating import render
from portal.web.uploads import attachment_response

PER_PAGE = 20


def _filter(request: Request) -> library.LibraryFilter:
    params = request.query_params
    status_raw, level_raw = params.get("status", ""), params.get("level", "")
    if status_raw and status_raw not in {s.value for s in DocumentStatus}:
        raise HTTPException(400, "参数 status 的取值无效。")
    if level_raw and level_raw not in {lv.value for lv in IssuerLevel}:
        raise HTTPException(400, "参数 level 的取值无效。")
    return library.LibraryFilter(
        issuer=params.get("issuer", "")[:100],
        year=int_param(request, "year", minimum=1990, maximum=2100),
        status=DocumentStatus(status_raw) if status_raw else None,
        topic=params.get("topic", "")[:64],
        level=IssuerLevel(level_raw) if level_raw else None,
        district=params.get("district", "")[:32],
        query=params.get("q", "").strip()[: search.MAX_QUERY_CHARS],
    )


@cached_page(params=("issuer", "year", "status", "topic", "level", "district", "q", "page"), asked_twice=True)
async def index(request: Request) -> Response:
    """The library, served to anonymous visitors from the page cache like the draft list. Its search box
    takes free text, so a page is stored only when asked for again within the TTL (most queries are
    asked once)."""
    flt = _filter(request)
    page = int_param(request, "page", minimum=1, maximum=100_000) or 1
    result = await library.public_page(flt, page=page, per_page=PER_PAGE)
    kept = {k: v for k, v in request.query_params.items() if k != "page" and v}
    return render(
        request,
        "documents/index.html",
        {
            "result": result,
            "flt": flt,
            "facets": await library.facets(),
            "statuses": list(DocumentStatus),
            "levels": list(IssuerLevel),
            "query_without_page": urlencode(kept),
            "filtered": bool(kept),
        },
    )


async def detail(request: Request) -> Response:
    document = await library.by_number(request.path_params["number"])
    if document is None:
        raise HTTPException(404, "未找到该规范性文件。")
    await document.fetch_related("draft")
    parsed = parser.parse(document.text)
    response = render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "parsed": parsed,
            "units": parsed.units(),
            "relations": await library.relations_of(document),
            "attachments": await DocumentAttachment.filter(document=document).prefetch_related("attachment"),
            "record": await library_revisions.public_record(document),
        },
    )
    counter = request.app.state.view_counter
    if await counter.hit(document.id):
        response.background = BackgroundTask(counter.flush)
    return response


async def attachment(request: Request) -> Response:
    document = await library.by_number(request.path_params["number"])
    item = (
        await DocumentAttachment.get_or_none(
            id=request.path_params["attachment_id"], document=document
        ).prefetch_related("attachment")
        if document is not None
        else None
    )
    if item is None:
        raise HTTPException(404, "未找到该附件。")
    return attachment_response(request, item.attachment)


async def atom_feed(request: Request) -> Response:
    documents = await library.latest(limit=50)
    updated = max((d.created_at for d in documents), default=datetime(2020, 1, 1, tzinfo=UTC))
    response = render(
        request,
        "feeds/documents.atom",
        {"documents": documents, "updated": updated, "base": public_address(request)},
    )
    response.headers["content-type"] = "application/atom+xml; charset=utf-8"
    return response


# --- JSON API -------------------------------------------------------------------------------------


def document_json(document: NormativeDocument, *, full: bool = False) -> dict[str, Any]:
    body: dict[str, Any] = {
        "unified_number": document.unified_number,
        "doc_number": document.doc_number,
        "title": document.title,
        "issuer": document.issuer,
        "issuer_level": document.issuer_level.value,
        "district": document.district or None,
        "topic": document.topic or None,
        "issued_on": document.issued_on.isoformat(),
        "effective_on": document.effective_on.isoformat(),
        "expires_on": document.expires_on.isoformat() if document.expires_on else None,
        "status": document.status.value,
        "status_label": document.status.label,
        "url": f"/documents/{document.unified_number}",
    }
    if full:
        body["text"] = document.text
        body["interpretation"] = document.interpretation
        body["draft_id"] = document.draft_id
        body["revision"] = document.revision  # corrections: earlier revisions are on the HTML page
        body["review_exemption"] = document.review_exemption
        body["withdrawn_at"] = document.withdrawn_at.isoformat() if document.withdrawn_at else None
        body["withdrawn_reason"] = document.withdrawn_reason
    return body


@cached_page(params=("issuer", "year", "status", "topic", "level", "district", "q", "limit", "after"))
async def api_index(request: Request) -> Response:
    flt = _filter(request)
    query = library.filtered(flt)
    if flt.query:
        query = query.filter(id__in=await search.matching_documents(flt.query) or [0])
    kept = {k: v for k, v in request.query_params.items() if k not in ("limit", "after") and v}
    base_url = "/api/v1/documents" + (f"?{urlencode(kept)}" if kept else "")
    rows, next_url = await api.keyset_page(request, query, key="id", base_url=base_url)
    return JSONResponse({"items": [document_json(d) for d in rows], "next": next_url})


async def api_detail(request: Request) -> Response:
    document = await library.by_number(request.path_params["number"])
    if document is None:
        raise HTTPException(404, "未找到该规范性文件。")
    relations = await library.relations_of(document)
    body = document_json(document, full=True)
    body["amended_or_repealed_by"] = [
        {"kind": r.kind.value, "unified_number": r.source.unified_number} for r in relations["acted_on_by"]
    ]
    body["amends_or_repeals"] = [
        {"kind": r.kind.value, "unified_number": r.target.unified_number} for r in relations["acts_on"]
    ]
    return JSONResponse(body)
