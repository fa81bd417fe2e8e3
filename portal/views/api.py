"""Read-only JSON API of public data, with keyset pagination and an OpenAPI document."""

from __future__ import annotations

from typing import Any, TypeVar
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from tortoise.models import Model
from tortoise.queryset import QuerySet

from portal.models import (
    Comment,
    Draft,
    DraftKind,
    DraftVersion,
    GovLevel,
    LiaisonPoint,
    Moderation,
    Provision,
)
from portal.services import comments, drafts, levels, screening
from portal.services.calendar import local_iso
from portal.services.liaison import DISTRICT_ORDER
from portal.web.convertors import MAX_ID
from portal.web.page_cache import cached_page
from portal.web.pagination import int_param, level_filter

DEFAULT_LIMIT = 50
MAX_LIMIT = 100
MAX_PROVISIONS = 500  # one version's provisions are read in a few pages at most


def point_json(point: LiaisonPoint) -> dict[str, Any]:
    return {
        "code": point.code,
        "name": point.name,
        "district": point.district,
        "host_organisation": point.host_organisation,
        "address": point.address,
        "contact_phone": point.contact_phone,
        "intro": point.intro,
        "url": f"/liaison-points/{point.code}",
    }


M = TypeVar("M", bound=Model)


async def keyset_page(
    request: Request,
    query: QuerySet[M],
    *,
    key: str,
    base_url: str,
    max_limit: int = MAX_LIMIT,
    default: int = DEFAULT_LIMIT,
) -> tuple[list[M], str | None]:
    """One page of ``query`` ordered by the integer column ``key``, and the URL of the next page."""
    limit = int_param(request, "limit", minimum=1, maximum=max_limit) or default
    after = int_param(request, "after", minimum=0, maximum=MAX_ID)
    if after is not None:
        query = query.filter(**{f"{key}__gt": after})
    rows = await query.order_by(key).limit(limit + 1)
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    separator = "&" if "?" in base_url else "?"
    return rows, f"{base_url}{separator}limit={limit}&after={getattr(rows[-1], key)}"


@cached_page(params=("limit", "after"))
async def liaison_points(request: Request) -> Response:
    rows, next_url = await keyset_page(
        request, LiaisonPoint.filter(active=True), key="id", base_url="/api/v1/liaison-points"
    )
    return JSONResponse({"items": [point_json(p) for p in rows], "next": next_url})


async def openapi(request: Request) -> Response:
    return JSONResponse(OPENAPI)


def _error_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _page_of(schema: str) -> dict[str, Any]:
    return {
        "description": "One page; follow `next` until it is null",
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{schema}"}},
                        "next": {"type": ["string", "null"]},
                    },
                    "required": ["items", "next"],
                }
            }
        },
    }


def _query(name: str, schema: dict[str, Any], description: str = "") -> dict[str, Any]:
    if "enum" in schema:
        # A filter left empty (as an HTML form sends it) means "all".
        schema = {**schema, "enum": [*schema["enum"], ""]}
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


def _path(name: str) -> dict[str, Any]:
    schema = {"type": "integer", "minimum": 0, "maximum": MAX_ID}
    return {"name": name, "in": "path", "required": True, "schema": schema}


def _keyset(max_limit: int, default: int, after: str) -> list[dict[str, Any]]:
    return [
        _query("limit", {"type": "integer", "minimum": 1, "maximum": max_limit, "default": default}),
        _query("after", {"type": "integer", "minimum": 0, "maximum": MAX_ID}, f"continue after this {after}"),
    ]


def _strings(*names: str) -> dict[str, Any]:
    return {name: {"type": "string"} for name in names}


def _level_params(description: str) -> list[dict[str, Any]]:
    return [
        _query("level", {"type": "string", "enum": [lv.value for lv in GovLevel]}, "市级 / 区级 / 街道、镇"),
        _query("district", {"type": "string", "enum": list(DISTRICT_ORDER)}, description),
    ]


def _level_properties() -> dict[str, Any]:
    return {
        "level": {"type": "string", "enum": [lv.value for lv in GovLevel]},
        "district": {"type": ["string", "null"], "description": "e.g. 天河; null for the city"},
    }


OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "立法公众参与与基层立法联系平台 开放数据接口",
        "version": "1",
        "description": "Read-only public data. Lists use keyset pagination: follow `next` until it is null.",
    },
    "paths": {
        "/api/v1/openapi.json": {
            "get": {"summary": "本文档", "responses": {"200": {"description": "This OpenAPI document"}}}
        },
        "/api/v1/liaison-points": {
            "get": {
                "summary": "基层立法联系点列表",
                "parameters": _keyset(MAX_LIMIT, DEFAULT_LIMIT, "id"),
                "responses": {"200": _page_of("LiaisonPoint"), "400": _error_response("Invalid parameter")},
            }
        },
        "/api/v1/drafts": {
            "get": {
                "summary": "公开的草案列表",
                "parameters": [
                    *_keyset(MAX_LIMIT, DEFAULT_LIMIT, "id"),
                    _query("kind", {"type": "string", "enum": [k.value for k in DraftKind]}),
                    *_level_params(
                        "district: every draft of a district, its own and its streets' and towns'; "
                        "level=city cannot be combined with a district"
                    ),
                ],
                "responses": {"200": _page_of("Draft"), "400": _error_response("Invalid parameter")},
            }
        },
        "/api/v1/drafts/{draft_id}": {
            "get": {
                "summary": "草案详情及其公开版本",
                "parameters": [_path("draft_id")],
                "responses": {
                    "200": {
                        "description": "The draft with its published versions",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/DraftDetail"}}
                        },
                    },
                    "404": _error_response("No such public draft"),
                },
            }
        },
        "/api/v1/documents": {
            "get": {
                "summary": "行政规范性文件库（按机关、层级、区、年份、状态、主题筛选，q 为全文检索）",
                "parameters": [
                    *_keyset(MAX_LIMIT, DEFAULT_LIMIT, "id"),
                    _query("q", {"type": "string", "maxLength": 100}, "full-text query in Chinese"),
                    _query("issuer", {"type": "string"}),
                    _query("level", {"type": "string", "enum": ["01", "02", "03", "04"]}),
                    _query("district", {"type": "string"}),
                    _query("year", {"type": "integer", "minimum": 1990, "maximum": 2100}),
                    _query(
                        "status",
                        {"type": "string", "enum": ["pending", "in_force", "amended", "expired", "repealed"]},
                    ),
                    _query("topic", {"type": "string"}),
                ],
                "responses": {"200": _page_of("Document"), "400": _error_response("Invalid parameter")},
            }
        },
        "/api/v1/documents/{number}": {
            "get": {
                "summary": "一件规范性文件的全文、解读及修改废止关系",
                "parameters": [
                    {
                        "name": "number",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "pattern": "^[A-Za-z]{2}[0-9]{10}$"},
                        "description": "统一编号, e.g. GZ0220200006",
                    }
                ],
                "responses": {
                    "200": {
                        "description": "The document with its full text",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/DocumentDetail"}}
                        },
                    },
                    "404": _error_response("No such document"),
                },
            }
        },
        "/api/v1/decisions": {
            "get": {
                "summary": "某一年度的重大行政决策事项目录（含各程序环节的状态）；默认市级，可选区级",
                "parameters": [
                    _query("year", {"type": "integer", "minimum": 1990, "maximum": 2100}),
                    *_level_params(
                        "default: the city's catalog; a district alone picks that district's own "
                        "government's catalog; level=street with a district and body picks a street "
                        "office's or town's"
                    ),
                    _query("body", {"type": "string"}, "the adopting body, for street and town catalogs"),
                ],
                "responses": {
                    "200": {
                        "description": "The catalog of the year (all its items; a catalog is small)",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "year": {"type": "integer"},
                                        **_level_properties(),
                                        "body": {"type": ["string", "null"]},
                                        "items": {
                                            "type": "array",
                                            "items": {"$ref": "#/components/schemas/Decision"},
                                        },
                                        "next": {"type": ["string", "null"]},
                                    },
                                }
                            }
                        },
                    },
                    "400": _error_response("Invalid parameter"),
                    "404": _error_response("No such catalog (a city-level catalog has no district)"),
                },
            }
        },
        "/api/v1/decisions/{decision_id}": {
            "get": {
                "summary": "一个决策事项",
                "parameters": [_path("decision_id")],
                "responses": {
                    "200": {
                        "description": "The item with its steps",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Decision"}}
                        },
                    },
                    "404": _error_response("No such published item"),
                },
            }
        },
        "/api/v1/drafts/{draft_id}/comments": {
            "get": {
                "summary": "草案的公开意见（不含联系方式）",
                "parameters": [_path("draft_id"), *_keyset(MAX_LIMIT, DEFAULT_LIMIT, "id")],
                "responses": {
                    "200": _page_of("Comment"),
                    "400": _error_response("Invalid parameter"),
                    "404": _error_response("No such public draft"),
                },
            }
        },
        "/api/v1/drafts/{draft_id}/stats": {
            "get": {
                "summary": "意见统计：按条文、态度、渠道、所在区、处理结果",
                "parameters": [_path("draft_id")],
                "responses": {
                    "200": {
                        "description": "Counts of every comment received, whatever its public display",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "draft_id": {"type": "integer"},
                                        **{
                                            name: {
                                                "type": "object",
                                                "additionalProperties": {"type": "integer"},
                                            }
                                            for name in (
                                                "by_article",
                                                "by_stance",
                                                "by_channel",
                                                "by_district",
                                                "by_outcome",
                                            )
                                        },
                                    },
                                }
                            }
                        },
                    },
                    "404": _error_response("No such public draft"),
                },
            }
        },
        "/api/v1/drafts/{draft_id}/versions/{number}/provisions": {
            "get": {
                "summary": "某一版本的全部结构单元（编章节条款项目），按文中顺序",
                "parameters": [
                    _path("draft_id"),
                    _path("number"),
                    *_keyset(MAX_PROVISIONS, MAX_PROVISIONS, "position"),
                ],
                "responses": {
                    "200": _page_of("Provision"),
                    "400": _error_response("Invalid parameter"),
                    "404": _error_response("No such draft or version"),
                },
            }
        },
    },
    "components": {
        "schemas": {
            "Comment": {
                "type": "object",
                "description": "A published comment: never contact details; the name only with consent; "
                "personal data in the text (ID, phone, e-mail, bank-card numbers) masked.",
                "properties": {
                    "id": {"type": "integer"},
                    "unit_key": {"type": ["string", "null"]},
                    "lineage": {"type": ["string", "null"]},
                    "stance": {"type": "string", "enum": ["support", "oppose", "amend", "other"]},
                    **_strings("body", "quote", "suggested_wording", "channel", "identity_type"),
                    "district": {"type": ["string", "null"]},
                    "name": {"type": ["string", "null"]},
                    "created_at": {"type": "string", "format": "date-time"},
                    "support_count": {"type": "integer"},
                    "outcome": {"type": ["string", "null"]},
                    "outcome_reason": {"type": ["string", "null"]},
                },
            },
            "Decision": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "year": {"type": "integer"},
                    **_level_properties(),
                    "body": {"type": "string", "description": "the government that adopted the catalog"},
                    "seq": {"type": "integer"},
                    **_strings("title", "responsible_unit", "status", "url"),
                    "in_hearing_catalog": {"type": "boolean"},
                    "progress": {"type": "integer"},
                    "current_step": {"type": ["string", "null"]},
                    "draft_id": {"type": ["integer", "null"]},
                    "steps": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "kind": {
                                    "type": "string",
                                    "enum": [
                                        "public_participation",
                                        "expert_argumentation",
                                        "risk_assessment",
                                        "legality_review",
                                        "collective_discussion",
                                        "publication",
                                    ],
                                },
                                **_strings("name", "state", "state_label"),
                                "started_on": {"type": ["string", "null"], "format": "date"},
                                "completed_on": {"type": ["string", "null"], "format": "date"},
                                "not_applicable_reason": {"type": ["string", "null"]},
                            },
                        },
                    },
                },
            },
            "Document": {
                "type": "object",
                "properties": {
                    **_strings(
                        "unified_number", "doc_number", "title", "issuer", "issuer_level", "status", "url"
                    ),
                    "status_label": {"type": "string"},
                    "district": {"type": ["string", "null"]},
                    "topic": {"type": ["string", "null"]},
                    "issued_on": {"type": "string", "format": "date"},
                    "effective_on": {"type": "string", "format": "date"},
                    "expires_on": {"type": ["string", "null"], "format": "date"},
                },
            },
            "DocumentDetail": {
                "allOf": [
                    {"$ref": "#/components/schemas/Document"},
                    {
                        "type": "object",
                        "properties": {
                            **_strings("text", "interpretation", "review_exemption", "withdrawn_reason"),
                            "draft_id": {"type": ["integer", "null"]},
                            "revision": {"type": "integer"},
                            "withdrawn_at": {"type": ["string", "null"], "format": "date-time"},
                            **{
                                name: {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": _strings("kind", "unified_number"),
                                    },
                                }
                                for name in ("amended_or_repealed_by", "amends_or_repeals")
                            },
                        },
                    },
                ]
            },
            "Error": {
                "type": "object",
                "properties": {
                    "error": {
                        "type": "object",
                        "properties": {"status": {"type": "integer"}, "message": {"type": "string"}},
                        "required": ["status", "message"],
                    }
                },
                "required": ["error"],
            },
            "LiaisonPoint": {
                "type": "object",
                "properties": _strings(
                    "code",
                    "name",
                    "district",
                    "host_organisation",
                    "address",
                    "contact_phone",
                    "intro",
                    "url",
                ),
            },
            "Draft": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    **_strings("title", "kind", "kind_label", "drafting_body", "status", "summary", "url"),
                    **_level_properties(),
                    "level_label": {"type": "string", "description": "市级, 天河区, 天河区街道、镇"},
                    "short_window_reason": {"type": "string"},
                    "opens_at": {"type": ["string", "null"], "format": "date-time"},
                    "closes_at": {
                        "type": ["string", "null"],
                        "format": "date-time",
                        "description": "when comments stopped (or will stop) being taken",
                    },
                    "planned_closes_at": {
                        "type": ["string", "null"],
                        "format": "date-time",
                        "description": "the close first announced, when the window ended before it",
                    },
                    "closed_early_reason": {"type": "string"},
                    "withdrawn_reason": {"type": "string"},
                    "published_at": {"type": ["string", "null"], "format": "date-time"},
                },
            },
            "DraftDetail": {
                "allOf": [
                    {"$ref": "#/components/schemas/Draft"},
                    {
                        "type": "object",
                        "properties": {
                            "explanation": {"type": "string"},
                            "versions": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "number": {"type": "integer"},
                                        "label": {"type": "string"},
                                        "published_at": {"type": ["string", "null"], "format": "date-time"},
                                        "counts": {
                                            "type": "object",
                                            "additionalProperties": {"type": "integer"},
                                        },
                                        "units": {"type": "integer"},
                                        "provisions_url": {"type": "string"},
                                    },
                                },
                            },
                        },
                    },
                ]
            },
            "Provision": {
                "type": "object",
                "properties": {
                    "position": {"type": "integer"},
                    "parent_position": {"type": ["integer", "null"]},
                    "level": {
                        "type": "string",
                        "enum": ["bian", "fenbian", "zhang", "jie", "tiao", "kuan", "xiang", "mu", "section"],
                    },
                    "number": {"type": ["integer", "null"]},
                    "sub": {"type": "integer"},
                    **_strings("label", "heading", "text", "path"),
                    "key": {"type": ["string", "null"], "description": "anchor of a commentable unit"},
                    "lineage": {
                        "type": ["string", "null"],
                        "description": "same value for the same article across versions",
                    },
                },
            },
        }
    },
}


# --- drafts ---------------------------------------------------------------------------------------


def draft_json(draft: Draft, versions: list[DraftVersion] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": draft.id,
        "title": draft.title,
        "kind": draft.kind.value,
        "kind_label": draft.kind.label,
        "drafting_body": draft.drafting_body,
        "level": draft.level.value,
        "district": draft.district or None,
        "level_label": levels.label_of(draft),
        "status": drafts.effective_status(draft).value,
        "summary": draft.summary,
        "opens_at": local_iso(draft.opens_at),
        "closes_at": local_iso(draft.closes_at),
        "short_window_reason": draft.short_window_reason,
        "planned_closes_at": local_iso(draft.planned_closes_at),
        "closed_early_reason": draft.closed_early_reason,
        "withdrawn_reason": draft.withdrawn_reason,
        "published_at": local_iso(draft.published_at),
        "url": f"/drafts/{draft.id}",
    }
    if versions is not None:
        body["explanation"] = draft.explanation
        body["versions"] = [
            {
                "number": v.number,
                "label": v.label,
                "published_at": local_iso(v.published_at),
                "counts": v.counts,
                "units": v.unit_count,
                "provisions_url": f"/api/v1/drafts/{draft.id}/versions/{v.number}/provisions",
            }
            for v in versions
        ]
    return body


def _enum(request: Request, name: str, values: set[str]) -> str | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    if raw not in values:
        raise HTTPException(400, f"参数 {name} 的取值无效。")
    return raw


@cached_page(params=("kind", "level", "district", "limit", "after"))
async def draft_list(request: Request) -> Response:
    kind = _enum(request, "kind", {k.value for k in DraftKind})
    scope = level_filter(request)
    query = drafts.by_scope(Draft.filter(status__in=drafts.PUBLIC_STATUSES), scope.level, scope.district)
    if kind:
        query = query.filter(kind=kind)
    params = {
        name: value
        for name, value in (
            ("kind", kind or ""),
            ("level", scope.level.value if scope.level else ""),
            ("district", scope.district),
        )
        if value
    }
    base_url = "/api/v1/drafts" + (f"?{urlencode(params)}" if params else "")
    rows, next_url = await keyset_page(request, query, key="id", base_url=base_url)
    return JSONResponse({"items": [draft_json(d) for d in rows], "next": next_url})


async def draft_detail(request: Request) -> Response:
    draft = await drafts.get_public(request.path_params["draft_id"])
    if draft is None:
        raise HTTPException(404, "未找到该草案。")
    return JSONResponse(draft_json(draft, await drafts.published_versions(draft)))


def provision_json(p: Provision) -> dict[str, Any]:
    return {
        "position": p.position,
        "parent_position": p.parent_position,
        "level": p.level,
        "number": p.number,
        "sub": p.sub,
        "label": p.label,
        "heading": p.heading,
        "text": p.text,
        "path": p.path,
        "key": p.key or None,
        "lineage": p.lineage or None,
    }


async def provisions(request: Request) -> Response:
    draft = await drafts.get_public(request.path_params["draft_id"])
    if draft is None:
        raise HTTPException(404, "未找到该草案。")
    version = await DraftVersion.get_or_none(
        draft=draft, number=request.path_params["number"], published_at__isnull=False
    )
    if version is None:
        raise HTTPException(404, "没有这一版本。")
    rows, next_url = await keyset_page(
        request,
        Provision.filter(version=version),
        key="position",
        base_url=f"/api/v1/drafts/{draft.id}/versions/{version.number}/provisions",
        max_limit=MAX_PROVISIONS,
        default=MAX_PROVISIONS,
    )
    return JSONResponse({"items": [provision_json(p) for p in rows], "next": next_url})


# --- comments -------------------------------------------------------------------------------------


def comment_json(c: Comment, outcomes_public: bool) -> dict[str, Any]:
    """Public fields only: never contact details, the name only with the commenter's consent, and
    personal data in what they typed masked."""
    return {
        "id": c.id,
        "unit_key": c.unit_key or None,
        "lineage": c.lineage or None,
        "stance": c.stance.value,
        "body": screening.public_text(c.body),
        "quote": screening.public_text(c.quote),
        "suggested_wording": screening.public_text(c.suggested_wording),
        "channel": c.channel.value,
        "district": c.district or None,
        "identity_type": c.identity_type.value,
        "name": screening.public_text(c.commenter_name) if c.show_name and c.commenter_name else None,
        "created_at": local_iso(c.created_at),
        "support_count": c.support_count,
        "outcome": c.outcome.value if outcomes_public and c.outcome else None,
        "outcome_reason": screening.public_text(c.outcome_reason) if outcomes_public and c.outcome else None,
    }


@cached_page(params=("limit", "after"))
async def draft_comments(request: Request) -> Response:
    draft = await drafts.get_public(request.path_params["draft_id"])
    if draft is None:
        raise HTTPException(404, "未找到该草案。")
    query = Comment.filter(draft=draft, moderation=Moderation.PUBLISHED, withhold=False)
    rows, next_url = await keyset_page(
        request, query, key="id", base_url=f"/api/v1/drafts/{draft.id}/comments"
    )
    public_outcomes = draft.feedback_published_at is not None
    return JSONResponse({"items": [comment_json(c, public_outcomes) for c in rows], "next": next_url})


@cached_page()
async def draft_stats(request: Request) -> Response:
    draft = await drafts.get_public(request.path_params["draft_id"])
    if draft is None:
        raise HTTPException(404, "未找到该草案。")
    return JSONResponse({"draft_id": draft.id, **await comments.stats(draft)})
