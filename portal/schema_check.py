"""Does the schema the migrations build equal the schema the models describe?

Two empty databases of the same kind are made: one gets every migration applied, the other gets
Tortoise's own schema generation. Their tables, columns (type, nullability) and indexes are compared.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tortoise import Tortoise, connections
from tortoise.backends.base.client import BaseDBAsyncClient

from portal import db
from portal.services import search
from portal.services.digest import changes
from portal.settings import dialect_of

Schema = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class ScratchDatabase:
    """An empty database beside the given one, dropped (or deleted) afterwards."""

    url: str

    @classmethod
    def beside(cls, database_url: str, tag: str) -> ScratchDatabase:
        name = f"portal_{tag}_{uuid.uuid4().hex[:10]}"
        url = db.normalise_url(database_url)
        if dialect_of(url) == "sqlite":
            path = url.removeprefix("sqlite://")
            folder = Path(path).parent if path and path != ":memory:" else Path("data")
            return cls(f"sqlite://{folder / (name + '.sqlite3')}")
        base, _, _ = url.rpartition("/")
        return cls(f"{base}/{name}")

    async def create(self) -> None:
        if dialect_of(self.url) == "postgres":
            await _admin_execute(self.url, f'CREATE DATABASE "{self.name}"')

    async def drop(self) -> None:
        if dialect_of(self.url) == "postgres":
            await _admin_execute(self.url, f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(self.url.removeprefix("sqlite://") + suffix).unlink(missing_ok=True)  # noqa: ASYNC240 (an operator command; nothing else waits on this loop)

    @property
    def name(self) -> str:
        return self.url.rpartition("/")[2].removesuffix(".sqlite3")


async def _admin_execute(url: str, sql: str) -> None:
    import asyncpg  # PostgreSQL only

    base, _, _ = url.rpartition("/")
    conn = await asyncpg.connect(base.replace("postgres://", "postgresql://", 1) + "/postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def introspect(conn: BaseDBAsyncClient, dialect: str) -> Schema:
    schema: Schema = {}
    if dialect == "sqlite":
        _, tables = await conn.execute_query(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
        for row in tables:
            table = row["name"]
            _, cols = await conn.execute_query(f'PRAGMA table_info("{table}")')
            _, idx = await conn.execute_query(f'PRAGMA index_list("{table}")')
            indexes = set()
            for index in idx:
                _, parts = await conn.execute_query(f'PRAGMA index_info("{index["name"]}")')
                indexes.add((bool(index["unique"]), tuple(p["name"] for p in parts)))
            _, fks = await conn.execute_query(f'PRAGMA foreign_key_list("{table}")')
            schema[table] = {
                "columns": {c["name"]: (c["type"].upper(), bool(c["notnull"]), bool(c["pk"])) for c in cols},
                "indexes": indexes,
                "foreign_keys": {(f["from"], f["table"], f["to"], f["on_delete"].upper()) for f in fks},
                "triggers": set(),
            }
        _, triggers = await conn.execute_query(
            "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'"
        )
        for t in triggers:
            schema[t["tbl_name"]]["triggers"].add(t["name"])
        return schema
    _, cols = await conn.execute_query(
        "SELECT table_name, column_name, data_type, is_nullable, character_maximum_length "
        "FROM information_schema.columns WHERE table_schema = 'public'"
    )
    for c in cols:
        table = schema.setdefault(
            c["table_name"], {"columns": {}, "indexes": set(), "foreign_keys": set(), "triggers": set()}
        )
        table["columns"][c["column_name"]] = (c["data_type"], c["is_nullable"], c["character_maximum_length"])
    _, idx = await conn.execute_query(
        "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'"
    )
    for i in idx:
        # Index names may differ; what they index may not.
        definition = i["indexdef"].split(" ON ", 1)[1]
        schema[i["tablename"]]["indexes"].add((i["indexdef"].startswith("CREATE UNIQUE"), definition))
    _, fks = await conn.execute_query(
        "SELECT kcu.table_name, kcu.column_name, ccu.table_name AS ref_table, ccu.column_name AS ref_column, "
        "rc.delete_rule FROM information_schema.referential_constraints rc "
        "JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = rc.constraint_name "
        "AND kcu.constraint_schema = rc.constraint_schema "
        "JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = rc.constraint_name "
        "AND ccu.constraint_schema = rc.constraint_schema WHERE rc.constraint_schema = 'public'"
    )
    for f in fks:
        schema[f["table_name"]]["foreign_keys"].add(
            (f["column_name"], f["ref_table"], f["ref_column"], f["delete_rule"].upper())
        )
    _, triggers = await conn.execute_query(
        "SELECT c.relname AS table_name, t.tgname AS name FROM pg_trigger t "
        "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"
    )
    for t in triggers:
        schema[t["table_name"]]["triggers"].add(t["name"])
    return schema


def differences(expected: Schema, actual: Schema) -> list[str]:
    problems: list[str] = []
    for table in sorted(set(expected) | set(actual)):
        if table not in actual:
            problems.append(f"table {table} is missing from the migrated database")
            continue
        if table not in expected:
            problems.append(f"table {table} exists only in the migrated database")
            continue
        exp_cols, act_cols = expected[table]["columns"], actual[table]["columns"]
        for col in sorted(set(exp_cols) | set(act_cols)):
            if exp_cols.get(col) != act_cols.get(col):
                problems.append(
                    f"{table}.{col}: models say {exp_cols.get(col)}, migrations give {act_cols.get(col)}"
                )
        for kind in ("indexes", "foreign_keys", "triggers"):
            for item in expected[table].get(kind, set()) ^ actual[table].get(kind, set()):
                side = "models" if item in expected[table].get(kind, set()) else "migrations"
                problems.append(f"{table}: {kind[:-1].replace('_', ' ')} {item} only in the {side} schema")
    return problems


async def _schema_of(url: str, *, migrate: bool) -> Schema:
    dialect = dialect_of(url)
    if migrate:
        await db.apply_migrations(url)
        await Tortoise.init(config=db.tortoise_config(url))
    else:
        await Tortoise.init(config=db.tortoise_config(url))
        await Tortoise.generate_schemas(safe=False)
        await search.install_schema()
        await changes.install_schema()
    try:
        schema = await introspect(connections.get("default"), dialect)
    finally:
        await Tortoise.close_connections()
    # aerich's own bookkeeping table is created by the first migration and by the models alike.
    return schema


async def check(database_url: str) -> list[str]:
    """Return the differences (empty when the migrations match the models)."""
    migrated = ScratchDatabase.beside(database_url, "migrated")
    generated = ScratchDatabase.beside(database_url, "generated")
    try:
        await migrated.create()
        await generated.create()
        actual = await _schema_of(migrated.url, migrate=True)
        expected = await _schema_of(generated.url, migrate=False)
        return differences(expected, actual)
    finally:
        await migrated.drop()
        await generated.drop()
