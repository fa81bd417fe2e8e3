"""The baselines every portal figure is divided by, served by the same uvicorn settings as the portal.

- ``GET /ok``: a bare Starlette endpoint returning a small constant response (the framework ceiling).
- ``POST /insert``: a bare endpoint that inserts one row into a scratch table ``bench_row`` (the write
  ceiling). It goes through Tortoise ORM with the portal's own connection configuration
  (``portal.db.tortoise_config``: on SQLite the portal's engine and pragmas — WAL, synchronous=NORMAL,
  IMMEDIATE transactions; on PostgreSQL asyncpg and its pool), so the difference between it and a
  comment submission is the portal's own work: CSRF, session, form parsing, validation, moderation,
  routing and the receipt.

    DATABASE_URL=… python -m bench.baseline_app prepare      # create bench_row (once, before serving)
    DATABASE_URL=… uvicorn bench.baseline_app:asgi --factory --loop uvloop --http httptools --workers 2
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from tortoise import Tortoise, fields
from tortoise.models import Model

from portal import db


class BenchRow(Model):
    id = fields.IntField(primary_key=True)
    body = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "bench_row"


def config(database_url: str) -> dict[str, Any]:
    """The portal's connection configuration with this module as the only app."""
    conf = db.tortoise_config(database_url)
    conf["apps"] = {"bench": {"models": ["bench.baseline_app"], "default_connection": "default"}}
    return conf


async def ok(request: Request) -> Response:
    return PlainTextResponse("ok")


async def insert(request: Request) -> Response:
    body = await request.body()
    row = await BenchRow.create(body=body.decode("utf-8", "replace"))
    return PlainTextResponse(str(row.id), status_code=201)


def asgi() -> Starlette:
    database_url = os.environ["DATABASE_URL"]

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await Tortoise.init(config=config(database_url), _enable_global_fallback=True)
        try:
            yield
        finally:
            await Tortoise.close_connections()

    return Starlette(routes=[Route("/ok", ok), Route("/insert", insert, methods=["POST"])], lifespan=lifespan)


async def prepare(database_url: str) -> None:
    await Tortoise.init(config=config(database_url))
    try:
        await Tortoise.generate_schemas(safe=True)
    finally:
        await Tortoise.close_connections()


if __name__ == "__main__":
    if sys.argv[1:] != ["prepare"]:
        sys.exit("usage: DATABASE_URL=… python -m bench.baseline_app prepare")
    asyncio.run(prepare(os.environ["DATABASE_URL"]))
