"""The SQLite engine the portal runs on: Tortoise's client, with every transaction begun IMMEDIATE.

Tortoise begins transactions with a plain ``BEGIN`` (deferred): the transaction reads under a shared
snapshot and asks for the write lock only at its first write. When another process (a second app
worker, the outbox worker, a command) committed in between, SQLite cannot upgrade that snapshot and
answers ``database is locked`` at once, without waiting for the busy timeout. ``BEGIN IMMEDIATE``
takes the write lock first, waiting up to the busy timeout, so concurrent writers queue instead of
failing. Inside one process Tortoise already serialises transactions on its single connection, so
this costs nothing there.
"""

from __future__ import annotations

import sqlite3

from tortoise.backends.base.client import TransactionContext
from tortoise.backends.sqlite.client import (
    SqliteClient,
    SqliteTransactionContext,
    SqliteTransactionWrapper,
)
from tortoise.exceptions import OperationalError


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
