"""Public pages of drafts: the list, the reader, one article, the version comparison, search and feed."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from portal.models import LEVEL_LABELS, Draft, DraftKind, DraftStatus, DraftVersion
from portal.models.drafts import KIND_LABELS, STATUS_LABELS
from portal.services import comments, drafts, levels, search
from portal.services.drafting import closing
from portal.services.drafting.compare import compare
from portal.services.drafting.windows import rule_for
from portal.services.hearing import service as hearing_service
from portal.services.paging import page_count
from portal.views import comments as comment_views
from portal.web.forms import CommentForm
from portal.web.links import public_address
from portal.web.page_cache import cached_page
from portal.web.pagination import int_param, level_filter
from portal.web.templating import render

PER_PAGE = 20
SEARCH_PER_PAGE = 20


def _enum_param(request: Request, name: str, enum: type[DraftKind] | type[DraftStatus]) -> str | None:
    raw = request.query_params.get(name, "")
    if not raw:
        return None
    if raw not in {e.value for e in enum}:
        raise HTTPException(400, f"参数 {name} 的取值无效。")
    return raw


@cached_page(params=("status", "kind", "year", "q", "level", "district", "page"))
async def index(request: Request) -> Response:
    status = _enum_param(request, "status", DraftStatus)
    kind = _enum_param(request, "kind", DraftKind)
    if status == DraftStatus.DRAFT:
        raise HTTPException(400, "参数 status 的取值无效。")
    scope = level_filter(request)
    flt = drafts.DraftFilter(
        status=DraftStatus(status) if status else None,
        kind=DraftKind(kind) if kind else None,
        year=int_param(request, "year", minimum=1949, maximum=2100),
        q=request.query_params.get("q", "").strip()[:50],
        level=scope.level,
        district=scope.district,
    )
    page = int_param(request, "page", minimum=1, maximum=100_000) or 1
    result = await drafts.public_page(flt, page=page, per_page=PER_PAGE)
    if page > result.pages:
        raise HTTPException(404, "没有这一页。")
    return render(
        request,
        "drafts/index.html",
        {
            "result": result,
            "flt": flt,
            "years": await drafts.publication_years(),
            "kinds": KIND_LABELS,
            "level_labels": LEVEL_LABELS,
            "districts": levels.DISTRICTS,
            "statuses": {s: STATUS_LABELS[s] for s in drafts.PUBLIC_STATUSES},
            "info": _draft_info,
            "query_without_page": _query_without(request, "page"),
        },
    )


def _query_without(request: Request, name: str) -> str:
    # Escaped: a "&" or "=" typed into the search box stays inside its value in the pager's links.
    return urlencode([(k, v) for k, v in request.query_params.multi_items() if k != name and v])


def _draft_info(draft: Draft) -> dict[str, object]:
    return {
        "status": drafts.effective_status(draft),
        "days_left": drafts.days_left(draft),
        "accepting": drafts.accepting_comments(draft),
        # Closed early or withdrawn: what happened, when and why, wherever the status is shown.
        "notices": closing.public_notices(draft),
    }


async def _public_draft(request: Request) -> Draft:
    draft = await drafts.get_public(request.path_params["draft_id"])
    if draft is None:
        raise HTTPException(404, "未找到该草案，可能尚未公开或编号有误。")
    return draft


def _pick_version(request: Request, versions: list[DraftVersion], name: str = "version") -> DraftVersion:
    if not versions:
        raise HTTPException(404, "该草案还没有公开的文本。")
    number = int_param(request, name, minimum=1)
    if number is None:
        return versions[-1]
    chosen = next((v for v in versions if v.number == number), None)
    if chosen is None:
        raise HTTPException(404, f"没有第 {number} 版文本。")
    return chosen


@cached_page(params=("version",))
async def reader(request: Request) -> Response:
    draft = await _public_draft(request)
    versions = await drafts.published_versions(draft)
    version = _pick_version(request, versions)
    text = await drafts.reader_text(version)
    return render(
        request,
        "drafts/reader.html",
        {
            "draft": draft,
            "versions": versions,
            "version": version,
            "text": text,
            "latest": version.number == versions[-1].number,
            "info": _draft_info(draft),
            "rule": rule_for(draft.kind, draft.market_related),
            "counts": await comments.counts_by_unit(draft),
            "hearings": await hearing_service.public_hearings(draft_id=draft.id),
        },
    )


async def article(request: Request) -> Response:
    draft = await _public_draft(request)
    versions = await drafts.published_versions(draft)
    version = _pick_version(request, versions)
    unit = await drafts.unit_by_key(version, request.path_params["key"])
    if unit is None:
        raise HTTPException(404, "该版本中没有这一条。")
    history = await drafts.unit_history(draft, unit.lineage)
    latest = version.number == versions[-1].number
    context = await comment_views.form_context(
        draft, unit if latest else None, CommentForm(unit_key=unit.key)
    )
    return render(
        request,
        "drafts/article.html",
        {
            **context,
            "version": version,
            "unit": unit,
            "latest": latest,
            "history": history,
            "info": _draft_info(draft),
            "recent": await comments.public_page(draft, lineage=unit.lineage, per_page=10),
            "received": await comments.received_count(draft, unit.lineage),
        },
    )


async def compare_versions(request: Request) -> Response:
    draft = await _public_draft(request)
    versions = await drafts.published_versions(draft)
    if len(versions) < 2:
        return render(
            request, "drafts/compare.html", {"draft": draft, "versions": versions, "comparison": None}
        )
    old = _pick_version(request, versions, "from") if "from" in request.query_params else versions[-2]
    new = _pick_version(request, versions, "to")
    if old.number == new.number:
        raise HTTPException(400, "请选择两个不同的版本进行对比。")
    comparison = compare(
        [drafts.as_unit(p) for p in await drafts.units_of(old)],
        [drafts.as_unit(p) for p in await drafts.units_of(new)],
    )
    return render(
        request,
        "drafts/compare.html",
        {"draft": draft, "versions": versions, "old": old, "new": new, "comparison": comparison},
    )


@cached_page(params=("q", "page"), asked_twice=True)
async def search_page(request: Request) -> Response:
    """Search results are the same for every anonymous visitor, so popular queries in a burst are
    answered from the page cache (fresh for PAGE_CACHE_SECONDS; publishing or withdrawing a draft is a
    staff write, which drops the cache). A query is stored only when asked for again within that time:
    most queries are asked once."""
    query = request.query_params.get("q", "").strip()[: search.MAX_QUERY_CHARS]
    page = int_param(request, "page", minimum=1, maximum=500) or 1
    result = None
    if query:
        result = await search.search(query, limit=SEARCH_PER_PAGE, offset=(page - 1) * SEARCH_PER_PAGE)
    return render(
        request,
        "search.html",
        {
            "query": query,
            "result": result,
            "page": page,
            "pages": page_count(result.total, SEARCH_PER_PAGE) if result else 1,
        },
    )


async def atom_feed(request: Request) -> Response:
    entries = await drafts.feed_entries(limit=50)
    updated = max((e.updated for e in entries), default=datetime(2020, 1, 1).astimezone())
    response = render(
        request,
        "feeds/drafts.atom",
        {"entries": entries, "updated": updated, "base": public_address(request)},
    )
    response.headers["content-type"] = "application/atom+xml; charset=utf-8"
    return response
