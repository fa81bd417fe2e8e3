"""The SQLite engine the portal runs on: Tortoise's client, with every transaction begun IMMEDIATE and
every datetime sent to SQLite in UTC.

Tortoise begins transactions with a plain ``BEGIN`` (deferred): the transaction reads under a shared
snapshot and asks for the write lock only at its first write. When another process (a second app
worker, the outbox worker, a command) committed in between, SQLite cannot upgrade that snapshot and
answers ``database is locked`` at once, without waiting for the busy timeout. ``BEGIN IMMEDIATE``
takes the write lock first, waiting up to the busy timeout, so concurrent writers queue instead of
failing. Inside one process Tortoise already serialises transactions on its single connection, so
this costs nothing there.

SQLite has no time type: a datetime is stored and compared as text. Tortoise writes a model's own
values in UTC, but a filter's value goes to SQLite as given, so ``closes_at__gt`` with a moment in
Beijing time ("…08:30+08:00") compared its clock digits with stored UTC text, 8 hours wrong. The
adapter below writes every aware datetime in UTC, so a moment means the same whatever zone it was
made in (PostgreSQL's timestamptz needs nothing of the kind).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from tortoise.backends.base.client import TransactionContext
from tortoise.backends.sqlite.client import (
    SqliteClient,
    SqliteTransactionContext,
    SqliteTransactionWrapper,
)
from tortoise.exceptions import OperationalError


def _datetime_in_utc(value: datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.isoformat(" ")


# Replaces Tortoise's adapter (``isoformat(" ")`` as given), registered when its executor is imported
# above; the text is the same for a value already in UTC.
sqlite3.register_adapter(datetime, _datetime_in_utc)


class ImmediateTransactionWrapper(SqliteTransactionWrapper):
    async def begin(self) -> None:
        try:
            await self._connection.commit()
            await self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            # Still locked after the busy timeout: a transient error (503), like any other lock wait.
            raise OperationalError(exc) from exc


class PortalSqliteClient(SqliteClient):
    def _in_transaction(self) -> TransactionContext:
        return SqliteTransactionContext(ImmediateTransactionWrapper(self), self._lock)


client_class = PortalSqliteClient
