"""The PostgreSQL connection pool of a serving process (portal.db.tortoise_config)."""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator

import asyncpg
import pytest
import pytest_asyncio
from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.context import TortoiseContext

from portal import db as portal_db
from tests.conftest import database_url_for_tests


@pytest_asyncio.fixture
async def pool(db: TortoiseContext) -> AsyncIterator[BaseDBAsyncClient]:
    """A client of the test database built from the serving configuration, as Tortoise builds it."""
    if connections.get("default").capabilities.dialect != "postgres":
        pytest.skip("PostgreSQL only (TEST_DATABASE_URL)")
    name = connections.get("default").database  # type: ignore[attr-defined]
    url = f"{database_url_for_tests().rpartition('/')[0]}/{name}"
    config = portal_db.tortoise_config(url)["connections"]["default"]
    client_class = importlib.import_module(config["engine"]).client_class
    client: BaseDBAsyncClient = client_class(connection_name="pool-check", **config["credentials"])
    await client.create_connection(with_db=True)
    yield client
    await client.close()


async def last_statement_of(pool: BaseDBAsyncClient, pid: int) -> str:
    name = pool.database  # type: ignore[attr-defined]
    url = f"{database_url_for_tests().rpartition('/')[0]}/{name}"
    observer = await asyncpg.connect(url)
    try:
        statement: str = await observer.fetchval("SELECT query FROM pg_stat_activity WHERE pid = $1", pid)
    finally:
        await observer.close()
    return statement


async def test_a_connection_goes_back_to_the_pool_without_a_reset_round_trip(pool):
    _, rows = await pool.execute_query("SELECT pg_backend_pid() AS pid")
    pid = rows[0]["pid"]

    # The backend's last statement is the query itself, not asyncpg's default reset
    # (SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL) sent on release.
    assert await last_statement_of(pool, pid) == "SELECT pg_backend_pid() AS pid"


async def test_a_transaction_left_open_is_still_rolled_back_on_release(pool):
    async with pool.acquire_connection() as connection:  # type: ignore[attr-defined]
        await connection.execute("CREATE TEMP TABLE left_open (n int)")
        await connection.execute("BEGIN")
        await connection.execute("INSERT INTO left_open VALUES (1)")
        pid = await connection.fetchval("SELECT pg_backend_pid()")

    assert await last_statement_of(pool, pid) == "ROLLBACK"
