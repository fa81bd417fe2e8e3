"""Group commit for rows that many requests insert at once (comments under a burst).

Each request hands its row to the process's ``GroupInsert`` and waits. A row that arrives while no
insert is running is written at once, alone (no timer: nothing waits at low load); rows that arrive
while one is running go together into the next one, a single multi-row ``INSERT`` — one statement,
one commit. Under load that shares what costs most in an insert: on SQLite writing the changed pages
of the table and of each of its indexes to the WAL at every commit (a comment row with its nine
indexes: 0.16 ms alone, 0.05 ms in a group of 16), on PostgreSQL the round trip and the commit.

A request gets its answer only once the statement holding its row has committed, so a receipt is
never given for a row that is not stored. A statement is atomic: a group is stored whole or not at
all. A row that would break a unique constraint does not fail the group: the statement says ``ON
CONFLICT DO NOTHING``, and that row's request gets None, for the caller to decide what it means (a
form sent twice, a receipt code drawn twice). If a group fails for any other reason, its rows are
written again one by one, so a bad row fails alone; an error that is not about one row (the database
is unreachable) reaches every request of the group.

On PostgreSQL the statement has one parameter per column, an array of that column's values
(``INSERT … SELECT * FROM unnest($1::text[], $2::int[], …)``), so it reads the same whatever the
number of rows: prepared once per connection and then taken from asyncpg's statement cache. With
one parameter per value (``VALUES ($1, …, $48), ($49, …)``) every group size was a statement of its
own, each prepared on each pool connection (2–3 ms of the app's CPU apiece), and a group of more
than about 45 comments was longer than asyncpg caches at all (15 KB), so prepared at every use.

The statement is built from the ORM's own field definitions: their defaults for columns a row leaves
out, their conversion of each value to the database's (``Field.to_db_value``, with its validators,
as the ORM's own inserts), so a row is stored exactly as ``Model.create`` would store it — without
building a model instance per row, which for a 49-column comment costs more than the insert.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping, Sequence
from typing import Any

from tortoise import connections, timezone
from tortoise.backends.base.client import BaseDBAsyncClient, TransactionalDBClient
from tortoise.exceptions import ValidationError
from tortoise.fields import DatetimeField, Field
from tortoise.models import Model


class InsertStatement:
    """``INSERT INTO table (…) VALUES (…), (…) ON CONFLICT DO NOTHING RETURNING …`` for ``model`` (on
    PostgreSQL ``… SELECT * FROM unnest(…)``, one array per column)."""

    def __init__(self, model: type[Model], returning: Sequence[str]) -> None:
        self.model = model
        self._returning = tuple(returning)
        self._columns: _Columns | None = None
        self._sql: dict[tuple[str, int], str] = {}

    @property
    def columns(self) -> _Columns:
        """Read from the model's metadata at first use (complete only once the ORM is initialised)."""
        if self._columns is None:
            self._columns = _Columns(self.model, self._returning)
        return self._columns

    def values(self, row: Mapping[str, Any]) -> list[Any]:
        """The database values of one row, keyed by field name (``draft_id``, not ``draft``)."""
        columns = self.columns
        unknown = row.keys() - columns.names
        if unknown:
            raise KeyError(f"{self.model.__name__} has no column for {sorted(unknown)}")
        values = []
        for name, _, field in columns.fields:
            if name in row:
                values.append(field.to_db_value(row[name], self.model))
            elif name in columns.fixed_defaults:
                values.append(columns.fixed_defaults[name])
            else:
                values.append(field.to_db_value(_default(field), self.model))
        return values

    def sql(self, count: int, dialect: str) -> str:
        """The statement for ``count`` rows: one placeholder per value on SQLite; on PostgreSQL one
        array per column, the same statement for any count."""
        key = (dialect, 0 if dialect == "postgres" else count)
        cached = self._sql.get(key)
        if cached is None:
            columns = self.columns
            names = ", ".join(f'"{column}"' for _, column, _ in columns.fields)
            if dialect == "postgres":
                arrays = ", ".join(f"${n}::{kind}[]" for n, kind in enumerate(columns.postgres_types, 1))
                source = f"SELECT * FROM unnest({arrays})"
            else:
                row = "(" + ", ".join("?" * len(columns.fields)) + ")"
                source = "VALUES " + ", ".join([row] * count)
            cached = (
                f'INSERT INTO "{columns.table}" ({names}) {source} '
                f"ON CONFLICT DO NOTHING RETURNING {columns.returning}"
            )
            self._sql[key] = cached
        return cached

    async def execute(
        self, rows: Sequence[Mapping[str, Any]], conn: BaseDBAsyncClient | None = None
    ) -> list[dict[str, Any]]:
        """Insert ``rows`` in one statement; the returned columns of the rows that were inserted (a row
        that would break a unique constraint is left out, and so is its answer)."""
        conn = conn or connections.get("default")
        dialect = conn.capabilities.dialect
        converted = [self.values(row) for row in rows]
        if dialect == "postgres":
            params: list[Any] = [list(column) for column in zip(*converted, strict=True)]
        else:
            params = [value for values in converted for value in values]
        # execute_query_dict: the PostgreSQL client's execute_query drops the rows of an INSERT.
        return await conn.execute_query_dict(self.sql(len(rows), dialect), params)


class _Columns:
    """The columns the ORM inserts for ``model`` (all but a generated primary key), each with its field
    name (a foreign key's column under its own name, ``draft_id``) and field."""

    def __init__(self, model: type[Model], returning: Sequence[str]) -> None:
        meta = model._meta
        self.table = meta.db_table
        self.fields: list[tuple[str, str, Field[Any]]] = []
        for name, column in meta.fields_db_projection.items():
            field = meta.fields_map[name]
            if not (field.pk and field.generated):
                self.fields.append((name, column, field))
        self.names = frozenset(name for name, _, _ in self.fields)
        # A default that is a constant converts to the same database value every time: once, here.
        # (A required column has no valid default: leaving it out still fails at each insert.)
        self.fixed_defaults: dict[str, Any] = {}
        for name, _, field in self.fields:
            if callable(field.default) or _is_automatic(field):
                continue
            try:
                self.fixed_defaults[name] = field.to_db_value(field.default, model)
            except ValidationError:
                continue
        self.returning = ", ".join(f'"{meta.fields_db_projection[name]}"' for name in returning)
        # Each column's array type on PostgreSQL: the ORM's column type without its length
        # (``VARCHAR(32)`` → ``VARCHAR[]``): a cast to ``VARCHAR(32)`` would cut a longer value short
        # without a word, where storing it in the column refuses it, as a plain insert does.
        self.postgres_types = [
            re.sub(r"\(.*\)", "", field.get_for_dialect("postgres", "SQL_TYPE"))
            for _, _, field in self.fields
        ]


def _is_automatic(field: Field[Any]) -> bool:
    return isinstance(field, DatetimeField) and (field.auto_now or field.auto_now_add)


def _default(field: Field[Any]) -> Any:
    """What the ORM stores for a column the row leaves out."""
    if _is_automatic(field):
        return timezone.localtime()
    default = field.default
    return default() if callable(default) else default


_Pending = tuple[Mapping[str, Any], "asyncio.Future[dict[str, Any] | None]"]


class GroupInsert:
    """Rows of one model inserted in groups (see the module's description). ``key``: a unique column
    every row carries, by which the answers are matched to the rows."""

    def __init__(self, statement: InsertStatement, key: str, *, max_rows: int = 100) -> None:
        self.statement = statement
        self.key = key
        self.max_rows = max_rows
        self._loop: asyncio.AbstractEventLoop | None = None
        self._queue: list[_Pending] = []
        self._writer: asyncio.Task[None] | None = None
        self.statements = 0  # how many statements this process ran (for tests and the benchmark)

    async def insert(self, row: Mapping[str, Any]) -> dict[str, Any] | None:
        """Store ``row`` (committed when this returns): its returned columns, or None if a unique
        constraint refused it."""
        conn = connections.get("default")
        if isinstance(conn, TransactionalDBClient):
            # Inside the caller's transaction: the row is written on its connection and shares its
            # fate (a group must never hold rows of a transaction that may still roll back).
            answered = await self.statement.execute([row], conn)
            return answered[0] if answered else None
        loop = asyncio.get_running_loop()
        if self._loop is not loop:  # a new event loop (tests): nothing of the old one carries over
            self._loop, self._queue, self._writer = loop, [], None
        future: asyncio.Future[dict[str, Any] | None] = loop.create_future()
        self._queue.append((row, future))
        if self._writer is None:
            self._writer = loop.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        # Started by a request outside any transaction: its context holds the plain connection.
        conn = connections.get("default")
        try:
            while self._queue:
                await self._write(self._next_group(), conn)
        finally:
            self._writer = None

    def _next_group(self) -> list[_Pending]:
        """Up to ``max_rows`` queued rows with distinct keys (a repeated key waits for the next group,
        so that each answer matches one row)."""
        group: list[_Pending] = []
        keys: set[Any] = set()
        rest: list[_Pending] = []
        for pending in self._queue:
            key = pending[0][self.key]
            if len(group) < self.max_rows and key not in keys:
                group.append(pending)
                keys.add(key)
            else:
                rest.append(pending)
        self._queue = rest
        return group

    async def _write(self, group: list[_Pending], conn: BaseDBAsyncClient) -> None:
        try:
            self.statements += 1
            answered = await self.statement.execute([row for row, _ in group], conn)
        except asyncio.CancelledError:  # the loop is shutting down: no request may wait for ever
            for _, future in group + self._queue:
                _settle(future, RuntimeError("the insert was cancelled"))
            self._queue = []
            raise
        except Exception as exc:
            if len(group) > 1:
                for pending in group:  # one by one: a bad row fails alone
                    await self._write([pending], conn)
                return
            _settle(group[0][1], exc)
            return
        by_key = {row[self.key]: row for row in answered}
        for row, future in group:
            _settle(future, by_key.get(row[self.key]))


def _settle(
    future: asyncio.Future[dict[str, Any] | None], outcome: dict[str, Any] | Exception | None
) -> None:
    if future.done():  # the request went away (the client disconnected); its row is stored all the same
        return
    if isinstance(outcome, Exception):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)
