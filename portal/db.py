"""Database wiring: the Tortoise configuration and the aerich migrations of each dialect.

aerich writes dialect-specific SQL, so each supported database has its own migration folder
(``migrations/sqlite`` and ``migrations/postgres``). ``python -m portal makemigrations NAME``
writes the next migration into both folders from the same model state, so they never drift apart;
``python -m portal migrate`` applies the folder that matches DATABASE_URL.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from tortoise import Tortoise, connections
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.models import Model

from portal.settings import PROJECT_ROOT, Settings, dialect_of

log = logging.getLogger(__name__)

MODEL_MODULES = ["portal.models", "aerich.models"]
MIGRATIONS_ROOT = PROJECT_ROOT / "migrations"
APP_LABEL = "models"
# Offline generation never connects; the URL only selects the SQL dialect.
_OFFLINE_URLS: dict[str, str] = {
    "sqlite": "sqlite://:memory:",
    "postgres": "postgres://postgres@127.0.0.1:5432/postgres",
}
Dialect = Literal["sqlite", "postgres"]
DIALECTS: tuple[Dialect, ...] = ("sqlite", "postgres")

# Pragmas of every SQLite connection (set by the client each time it connects, so a reconnect keeps them).
#
# WAL lets readers go on while one writer writes. synchronous=NORMAL in WAL mode fsyncs the WAL only
# at checkpoints, not at every commit; a commit has still been written (write(2)) to the WAL file
# before the commit returns, so it sits in the operating system's page cache and survives the
# process being killed (SIGKILL, OOM killer, a crash): the next connection replays it from the WAL.
# Only an operating-system crash or a power loss can lose the last transactions acknowledged before
# it, and even then the database stays consistent (the WAL is checksummed, a torn tail is ignored).
# synchronous=FULL would close that window at the cost of an fsync per comment, which a burst of
# thousands a minute on one disk cannot afford; deployments that need it run on PostgreSQL.
#
# busy_timeout makes a writer wait (up to 5 s) for another process's write lock instead of failing
# with "database is locked"; portal.sqlite_engine begins transactions IMMEDIATE so that the wait
# also applies to transactions that read before they write.
SQLITE_PRAGMAS: dict[str, Any] = {
    "journal_mode": "WAL",
    "synchronous": "NORMAL",
    "busy_timeout": 5000,
    "foreign_keys": "ON",
    "journal_size_limit": 64 * 1024 * 1024,
}


def normalise_url(database_url: str) -> str:
    """Tortoise knows ``postgres://``; accept the ``postgresql://`` spelling of libpq too."""
    if database_url.startswith("postgresql://"):
        return "postgres://" + database_url.removeprefix("postgresql://")
    return database_url


def tortoise_config(database_url: str) -> dict[str, Any]:
    url = normalise_url(database_url)
    if dialect_of(url) == "sqlite":
        path = url.removeprefix("sqlite://").split("?", 1)[0]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        connection: dict[str, Any] = _sqlite_connection(url)
    else:
        connection = _postgres_connection(url)
    return {
        "connections": {"default": connection},
        "apps": {APP_LABEL: {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


def _sqlite_connection(url: str) -> dict[str, Any]:
    """Tortoise's own parsing of the URL (query parameters are pragmas), our engine and pragmas."""
    expanded = expand_db_url(url)
    credentials: dict[str, Any] = expanded["credentials"]
    for pragma, value in SQLITE_PRAGMAS.items():
        if pragma == "journal_size_limit" or pragma not in credentials:
            credentials[pragma] = value
    return {"engine": "portal.sqlite_engine", "credentials": credentials}


def _postgres_connection(url: str) -> dict[str, Any]:
    """Tortoise's own parsing of the URL (query parameters are pool options) and our engine."""
    expanded = expand_db_url(url)
    return {"engine": "portal.postgres_engine", "credentials": expanded["credentials"]}


def migrations_location(dialect: Dialect) -> Path:
    return MIGRATIONS_ROOT / dialect


async def init_orm(settings: Settings) -> None:
    """Start Tortoise for a serving process (the lifespan) or a command."""
    await Tortoise.init(config=tortoise_config(settings.database_url), _enable_global_fallback=True)


async def close_orm() -> None:
    await Tortoise.close_connections()


async def ping() -> None:
    """Raise if the database cannot answer a trivial query."""
    conn = connections.get("default")
    await conn.execute_query("SELECT 1")


async def apply_migrations(database_url: str) -> list[str]:
    """Bring the database up to the newest migration; return the versions applied."""
    from aerich import Command

    dialect = dialect_of(database_url)
    command = Command(
        tortoise_config=tortoise_config(database_url),
        app=APP_LABEL,
        location=str(migrations_location(dialect)),
    )
    async with command:
        await command.init()
        applied: list[str] = await command.upgrade(run_in_transaction=True)
    return applied


async def make_migration(dialect: Dialect, name: str, *, empty: bool = False) -> str | None:
    """Write the next migration of one dialect; return its file name (None when nothing changed).
    ``empty``: write one even without model changes, for SQL written by hand (migration 15).

    aerich keeps its state on classes, so each dialect is generated in a process of its own
    (``python -m portal makemigrations`` does that).
    """
    from aerich import Command

    if dialect == "sqlite":
        _allow_sqlite_comment_changes()
    location = migrations_location(dialect)
    command = Command(
        tortoise_config=tortoise_config(_OFFLINE_URLS[dialect]),
        app=APP_LABEL,
        location=str(location),
    )
    async with command:
        app_dir = location / APP_LABEL
        if not any(app_dir.glob("*.py")):
            await command.init_migrations(safe=True)
            return sorted(p.name for p in app_dir.glob("*.py"))[-1]
        await command.init(offline=True)
        written: str | None = await command.migrate(name, empty=empty, no_input=True, offline=True)
        return written


def _allow_sqlite_comment_changes() -> None:
    """aerich refuses to migrate a changed column comment on SQLite (for example when an enum gains a
    member, since Tortoise writes the members into the comment). SQLite keeps comments only inside the
    CREATE TABLE text and nothing reads them, so the change needs no SQL at all."""
    from aerich.ddl.sqlite import SqliteDDL

    def no_sql(self: object, model: object, field_describe: object) -> str:
        return ""

    SqliteDDL.set_comment = no_sql  # type: ignore[method-assign]


def datetime_from_row(value: Any) -> datetime:
    """A timestamp from a raw SQL row: asyncpg returns datetimes, SQLite the ISO text Tortoise stored
    (with its UTC offset; a naive value is read as UTC)."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


# --- hand-written reads on hot paths ---------------------------------------------------------------

M = TypeVar("M", bound=Model)


def placeholders(count: int) -> list[str]:
    """Parameter marks of the default connection's dialect: ? on SQLite, $1, $2, … on PostgreSQL."""
    if connections.get("default").capabilities.dialect == "sqlite":
        return ["?"] * count
    return [f"${n}" for n in range(1, count + 1)]


async def first_where(model: type[M], condition: str, params: list[Any]) -> M | None:
    """The first row of ``model``'s table matching ``condition`` (its parameters written ``{}``), as a
    model instance.

    For the few reads every request of a busy page makes: the ORM's query builder costs several
    times what SQLite takes to run such a query. The row becomes a model the way the ORM itself makes
    every row into one (``Model._init_from_db``), so the instance is the same as ``.first()`` gives.
    """
    conn = connections.get("default")
    sql = (
        f'SELECT * FROM "{model._meta.db_table}" WHERE {condition.format(*placeholders(len(params)))} LIMIT 1'
    )
    _, rows = await conn.execute_query(sql, params)
    return model._init_from_db(**dict(rows[0])) if rows else None
