"""Shared fixtures: one database per test session (SQLite, or PostgreSQL when TEST_DATABASE_URL
points at a server), emptied before each test, an in-process client, and named personas:

- alice: admin
- lily: liaison staff of point GZ-T-01 (天河)
- ben: liaison staff of point GZ-T-02 (海珠) — "another point" for lily
- leo: legislator
- olga: organizer
- mona: moderator
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import warnings
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from starlette.applications import Starlette
from tortoise.backends.base.config_generator import generate_config
from tortoise.context import TortoiseContext
from tortoise.contrib.test import truncate_all_models
from tortoise.log import db_client_logger
from tortoise.timezone import now as tortoise_now
from tortoise.warnings import TortoiseLoopSwitchWarning

from portal import db as portal_db
from portal.app import create_app
from portal.models import Draft, DraftKind, GovLevel, LiaisonPoint, Role, User
from portal.schema_check import ScratchDatabase
from portal.services import accounts, comments, drafts, moderation, search
from portal.services.calendar import today
from portal.services.digest import changes
from portal.settings import Settings
from tests.live_server import LiveServer, live_server

PASSWORD = "Test-passw0rd"
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def database_url_for_tests() -> str:
    """sqlite://:memory: by default; TEST_DATABASE_URL=postgres://…/name makes name_<random> there."""
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not url:
        return "sqlite://:memory:"
    url = portal_db.normalise_url(url)
    if url.startswith("postgres"):
        base, _, name = url.rpartition("/")
        return f"{base}/{name or 'portal_test'}_{{}}"
    return url


@asynccontextmanager
async def portal_test_context(db_url: str) -> AsyncIterator[TortoiseContext]:
    """Tortoise's ``tortoise_test_context`` (a fresh database, the schema generated), but on the
    portal's own engines (``portal.db``): IMMEDIATE transactions and datetimes sent in UTC on SQLite,
    the first-come pool on PostgreSQL. Tortoise's stock engines would test other code than runs."""
    config = generate_config(db_url, app_modules={portal_db.APP_LABEL: portal_db.MODEL_MODULES}, testing=True)
    connection = config["connections"]["default"]
    connection["engine"] = portal_db.tortoise_config(db_url.replace("{}", "x"))["connections"]["default"][
        "engine"
    ]
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=TortoiseLoopSwitchWarning)
        ctx = TortoiseContext()
        async with ctx:
            await ctx.init(config=config, _create_db=True, use_tz=True, timezone="UTC")
            await ctx.generate_schemas(safe=False)
            yield ctx


@pytest_asyncio.fixture(scope="session")
async def database() -> AsyncIterator[TortoiseContext]:
    database_name = None
    async with portal_test_context(database_url_for_tests()) as ctx:
        conn = ctx.connections.get("default")
        if conn.capabilities.dialect == "postgres":
            database_name = conn.database  # type: ignore[attr-defined]
        await search.install_schema()
        await changes.install_schema()
        yield ctx
    if database_name:
        base = database_url_for_tests().rpartition("/")[0]
        await ScratchDatabase(f"{base}/{database_name}").drop()


@pytest_asyncio.fixture
async def db(database: TortoiseContext) -> AsyncIterator[TortoiseContext]:
    await truncate_all_models()
    forget_process_caches()
    yield database


def forget_process_caches() -> None:
    """Figures a process caches for a second, read from the previous test's database."""
    comments.forget_intake_state()
    moderation.forget_words()


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One real uvicorn process with the demo data, shared by the tests that fuzz over HTTP."""
    with live_server(tmp_path_factory.mktemp("live")) as running:
        yield running


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        database_url=database_url_for_tests(),
        secret_key="test-secret-key-that-is-long-enough-0123456789",
        upload_dir=tmp_path / "uploads",
    )


@pytest.fixture
def app(db: TortoiseContext, settings: Settings) -> Starlette:
    app = create_app(settings, manage_database=False)

    async def refresh_here(draft_id: int) -> None:
        # Tests refresh digests in-process, as `python -m portal digest` would (the real app leaves the
        # queued run to the digest worker, or starts that command in a separate process).
        from portal.services.digest import build

        await build.refresh(await Draft.get(id=draft_id))

    app.state.digest_runner = refresh_here
    return app


@pytest_asyncio.fixture
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False, client=("203.0.113.7", 5000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@pytest_asyncio.fixture
async def other_client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """A second browser, with cookies of its own."""
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False, client=("198.51.100.9", 5000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


_HASH_CACHE: dict[str, str] = {}


def password_hash() -> str:
    # Hashing is deliberately slow; every persona shares one hash of the same password.
    if PASSWORD not in _HASH_CACHE:
        _HASH_CACHE[PASSWORD] = accounts.hash_password(PASSWORD)
    return _HASH_CACHE[PASSWORD]


async def make_user(username: str, *roles: Role, point: LiaisonPoint | None = None) -> User:
    return await User.create(
        username=username,
        display_name=username.capitalize(),
        password_hash=password_hash(),
        roles=[r.value for r in roles],
        liaison_point=point,
        session_nonce=accounts.new_session_nonce(),
    )


@dataclass
class Personas:
    tianhe: LiaisonPoint
    haizhu: LiaisonPoint
    alice: User
    lily: User
    ben: User
    leo: User
    olga: User
    mona: User


@pytest_asyncio.fixture
async def people(db: TortoiseContext) -> Personas:
    tianhe = await LiaisonPoint.create(
        code="GZ-T-01", name="猎德街道基层立法联系点", district="天河", host_organisation="猎德街道办事处"
    )
    haizhu = await LiaisonPoint.create(
        code="GZ-T-02", name="南华西街道基层立法联系点", district="海珠", host_organisation="南华西街道办事处"
    )
    return Personas(
        tianhe=tianhe,
        haizhu=haizhu,
        alice=await make_user("alice", Role.ADMIN),
        lily=await make_user("lily", Role.LIAISON, point=tianhe),
        ben=await make_user("ben", Role.LIAISON, point=haizhu),
        leo=await make_user("leo", Role.LEGISLATOR),
        olga=await make_user("olga", Role.ORGANIZER),
        mona=await make_user("mona", Role.MODERATOR),
    )


async def csrf_token(client: httpx.AsyncClient, path: str = "/staff/login") -> str:
    page = await client.get(path)
    match = CSRF_RE.search(page.text)
    assert match, f"no CSRF field on {path}"
    return match.group(1)


async def login(client: httpx.AsyncClient, user: User, password: str = PASSWORD) -> httpx.Response:
    token = await csrf_token(client)
    response = await client.post(
        "/staff/login", data={"username": user.username, "password": password, "csrf_token": token}
    )
    assert response.status_code == 303, response.text
    return response


SQL_VERBS = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")


@contextmanager
def counted_queries() -> Iterator[list[str]]:
    """Every SQL statement the ORM sends while the block runs (read from Tortoise's client log)."""
    statements: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage().lstrip()
            if message.upper().startswith(SQL_VERBS):
                statements.append(message)

    handler = Collect(logging.DEBUG)
    level = db_client_logger.level
    db_client_logger.addHandler(handler)
    db_client_logger.setLevel(logging.DEBUG)
    try:
        yield statements
    finally:
        db_client_logger.removeHandler(handler)
        db_client_logger.setLevel(level)


def production(settings: Settings, **changes: object) -> Settings:
    changes.setdefault("site_url", "https://canyu.example.gov.cn")  # production refuses to start without
    return replace(settings, environment="production", **changes)  # type: ignore[arg-type]


def local_day(offset: int = 0) -> date:
    """The day ``offset`` days from today in the portal's time zone: tests date things relative to the
    day they run, never with a literal the calendar will overtake (CI also runs them a year ahead)."""
    return today() + timedelta(days=offset)


def first_of_month(day: date, months_ahead: int = 0) -> date:
    """The first day of ``day``'s month, or of a month ``months_ahead`` later: a day that every year
    has, so "N years later" needs no rule for 29 February."""
    index = day.year * 12 + day.month - 1 + months_ahead
    return date(index // 12, index % 12 + 1, 1)


def years_later_less_a_day(day: date, years: int) -> date:
    """The last day of a validity of ``years`` years from ``day`` (the first of a month)."""
    return day.replace(year=day.year + years) - timedelta(days=1)


SMALL_LAW = """# 广州市测试条例

## 第一章 总则

第一条 为了规范城市绿化管理，制定本条例。

第二条 本条例适用于本市行政区域内的城市绿化规划、建设、保护和管理。

## 第二章 建设与保护

第三条 任何单位和个人不得擅自砍伐树木。

确需砍伐的，应当依法申请许可：

（一）树木严重影响居民采光的；

（二）树木危及人身安全的。

第四条 市绿化行政主管部门应当优化营商环境，公开审批信息。

第五条 本条例自2027年1月1日起施行。
"""


async def publish_text(
    text: str = SMALL_LAW,
    *,
    title: str = "广州市测试条例（草案）",
    kind: DraftKind = DraftKind.LOCAL_REGULATION,
    opens_days: int = -1,
    closes_days: int = 30,
    author: User | None = None,
    level: GovLevel = GovLevel.CITY,
    district: str = "",
) -> Draft:
    """A public, open draft with one published version (windows relative to today)."""
    draft = await drafts.create_draft(
        drafts.DraftInput(
            title=title,
            kind=kind,
            drafting_body="广州市测试局",
            summary="测试用草案",
            level=level,
            district=district,
        ),
        text,
        actor=author,
    )
    start = local_day(opens_days)
    await drafts.publish(
        draft,
        opens=start,
        closes=local_day(closes_days),
        short_window_reason="测试" if closes_days - opens_days < 30 else "",
        actor=author,
        at=tortoise_now() + timedelta(days=min(opens_days, 0)),
    )
    return draft


REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest_asyncio.fixture
async def redis_url() -> str:
    """The local Redis server for tests of state shared between processes (skipped without one)."""
    redis = pytest.importorskip("redis.asyncio")
    probe = redis.Redis.from_url(REDIS_URL)
    try:
        await probe.ping()
    except Exception:
        pytest.skip(f"no Redis server on {REDIS_URL}")
    finally:
        await probe.aclose()
    return REDIS_URL


def demo_site(database: Path) -> dict[str, str]:
    """The environment of a site on a new SQLite file, migrated and seeded with the demo data the way
    an operator does it (``python -m portal migrate``, ``seed-demo``), for tests of the commands."""
    env = {**os.environ, "DATABASE_URL": f"sqlite://{database}"}
    for command in ("migrate", "seed-demo"):
        subprocess.run([sys.executable, "-m", "portal", command], env=env, check=True, capture_output=True)
    return env
