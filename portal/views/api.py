"""Read-only JSON API of public data, with keyset pagination and an OpenAPI document."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from portal.models import LiaisonPoint
from portal.services import liaison
from portal.web.pagination import int_param

DEFAULT_LIMIT = 50
MAX_LIMIT = 100


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


async def liaison_points(request: Request) -> Response:
    limit = int_param(request, "limit", minimum=1, maximum=MAX_LIMIT) or DEFAULT_LIMIT
    after = int_param(request, "after", minimum=0)
    rows, next_after = await liaison.page(after_id=after, limit=limit)
    next_url = f"/api/v1/liaison-points?limit={limit}&after={next_after}" if next_after is not None else None
    return JSONResponse({"items": [point_json(p) for p in rows], "next": next_url})


async def openapi(request: Request) -> Response:
    return JSONResponse(OPENAPI)


_ERROR = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {"status": {"type": "integer"}, "message": {"type": "string"}},
            "required": ["status", "message"],
        }
    },
}

OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "立法公众参与与基层立法联系平台 开放数据接口",
        "version": "1",
        "description": "Read-only public data. Lists use keyset pagination: follow `next` until it is null.",
    },
    "paths": {
        "/api/v1/liaison-points": {
            "get": {
                "summary": "基层立法联系点列表",
                "parameters": [
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": MAX_LIMIT,
                            "default": DEFAULT_LIMIT,
                        },
                    },
                    {"name": "after", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                ],
                "responses": {
                    "200": {
                        "description": "One page of liaison points",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "items": {
                                            "type": "array",
                                            "items": {"$ref": "#/components/schemas/LiaisonPoint"},
                                        },
                                        "next": {"type": ["string", "null"]},
                                    },
                                    "required": ["items", "next"],
                                }
                            }
                        },
                    },
                    "400": {
                        "description": "Invalid parameter",
                        "content": {"application/json": {"schema": _ERROR}},
                    },
                },
            }
        },
    },
    "components": {
        "schemas": {
            "LiaisonPoint": {
                "type": "object",
                "properties": {
                    key: {"type": "string"}
                    for key in (
                        "code",
                        "name",
                        "district",
                        "host_organisation",
                        "address",
                        "contact_phone",
                        "intro",
                        "url",
                    )
                },
            }
        }
    },
}
