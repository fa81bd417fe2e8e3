"""Public pages of the normative-document library: the filtered list and one document."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from portal.models import DocumentStatus, IssuerLevel, NormativeDocument
from portal.services import library
from portal.services.drafting import parser
from portal.web.pagination import int_param
from portal.web.templating import render

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
    )


async def index(request: Request) -> Response:
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
    document = await NormativeDocument.get_or_none(
        unified_number=request.path_params["number"].upper()
    ).prefetch_related("draft")
    if document is None:
        raise HTTPException(404, "未找到该规范性文件。")
    parsed = parser.parse(document.text)
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "parsed": parsed,
            "units": parsed.units(),
            "relations": await library.relations_of(document),
        },
    )
