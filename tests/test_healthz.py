"""/healthz answers whether this process can reach its database."""

from __future__ import annotations

import httpx
from tortoise.context import TortoiseContext

from portal import db as portal_db
from portal.app import create_app


async def test_it_reports_ok_with_the_database_up(client, db):
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


async def test_it_reports_503_with_the_database_down(settings, tmp_path):
    # A database that cannot be reached at all: a server that is not listening, or a file in a missing folder.
    if settings.database_dialect == "postgres":
        unreachable = "postgres://postgres@127.0.0.1:1/nowhere"
    else:
        unreachable = f"sqlite://{tmp_path}/missing-dir/none.sqlite3"
    app = create_app(settings, manage_database=False)
    async with TortoiseContext() as ctx:
        config = portal_db.tortoise_config(unreachable)
        if settings.database_dialect == "sqlite":
            (tmp_path / "missing-dir").rmdir()
        await ctx.init(config=config)
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            response = await c.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}
