"""The PostgreSQL connection pool of a serving process (portal.db.tortoise_config)."""

from __future__ import annotations

import asyncio
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


async def _client(query: str = "") -> AsyncIterator[BaseDBAsyncClient]:
    """A client of the test database built from the serving configuration, as Tortoise builds it."""
    if connections.get("default").capabilities.dialect != "postgres":
        pytest.skip("PostgreSQL only (TEST_DATABASE_URL)")
    name = connections.get("default").database  # type: ignore[attr-defined]
    url = f"{database_url_for_tests().rpartition('/')[0]}/{name}{query}"
    config = portal_db.tortoise_config(url)["connections"]["default"]
    client_class = importlib.import_module(config["engine"]).client_class
    client: BaseDBAsyncClient = client_class(connection_name="pool-check", **config["credentials"])
    await client.create_connection(with_db=True)
    yield client
    await client.close()


@pytest_asyncio.fixture
async def pool(db: TortoiseContext) -> AsyncIterator[BaseDBAsyncClient]:
    async for client in _client():
        yield client


@pytest_asyncio.fixture
async def pool_of_one(db: TortoiseContext) -> AsyncIterator[BaseDBAsyncClient]:
    async for client in _client("?minsize=1&maxsize=1"):
        yield client


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


async def test_a_freed_connection_goes_to_the_longest_waiting_not_to_whoever_asks_next(pool_of_one):
    fair = pool_of_one._pool  # type: ignore[attr-defined]
    got: list[str] = []

    async def wants(name: str) -> None:
        connection = await fair.acquire()
        got.append(name)
        await fair.release(connection)

    held = await fair.acquire()
    waiting = [asyncio.create_task(wants(name)) for name in ("first", "second")]
    await asyncio.sleep(0.05)  # both are waiting now
    await fair.release(held)
    # The releasing task asks again at once: with asyncpg's own queue it takes the connection back
    # before the woken waiter runs, and the waiter goes to the end of the line.
    again = await fair.acquire()
    got.append("again")
    await fair.release(again)
    await asyncio.gather(*waiting)
    assert got == ["first", "second", "again"]
