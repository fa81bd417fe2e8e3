"""Backup and restore: an online SQLite copy taken while the site writes, restored with its uploads.

These tests always use SQLite files of their own (nested ORM contexts), whatever TEST_DATABASE_URL says:
the SQLite commands are what they prove. PostgreSQL is covered by the guidance the commands print.
"""

from __future__ import annotations

import asyncio
import sqlite3
import tarfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

import pytest
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.context import TortoiseContext, get_current_context
from tortoise.transactions import in_transaction

from portal import db as portal_db
from portal.__main__ import main
from portal.models import AuditEvent, Comment, LiaisonPoint, Stance
from portal.services import backup, comments, search
from portal.services.digest import changes
from tests.conftest import forget_process_caches, portal_test_context, publish_text

AT = datetime(2026, 3, 2, 9, 30, 0)


def rebind_models() -> None:
    """Tortoise keeps each model's query builder on the class and caches its INSERT/UPDATE SQL by
    connection name ("default" in both contexts): a nested context would reuse the suite's SQL (which
    may be PostgreSQL's) and leave its own behind. Forget the cached SQL and rebuild the builders for
    the current context, on the way in and on the way out."""
    EXECUTOR_CACHE.clear()
    outer = get_current_context()
    if outer is not None and outer.apps is not None:
        outer.apps._build_initial_querysets()


@asynccontextmanager
async def sqlite_site(path: Path) -> AsyncIterator[TortoiseContext]:
    """A portal database in a file, with the schema, WAL on (as the site runs it) and a liaison point."""
    EXECUTOR_CACHE.clear()
    forget_process_caches()  # the liaison point below is not the one a previous test's cache holds
    try:
        async with portal_test_context(f"sqlite://{path}") as ctx:
            await ctx.connections.get("default").execute_script("PRAGMA journal_mode=WAL;")
            await search.install_schema()
            await changes.install_schema()
            await LiaisonPoint.create(
                code="GZ-T-01", name="猎德街道基层立法联系点", district="天河", host_organisation="猎德"
            )
            yield ctx
    finally:
        rebind_models()


@asynccontextmanager
async def opened(path: Path) -> AsyncIterator[TortoiseContext]:
    """The ORM on an existing database file, as the site would open it (no schema generation)."""
    EXECUTOR_CACHE.clear()
    try:
        async with TortoiseContext() as ctx:
            await ctx.init(config=portal_db.tortoise_config(f"sqlite://{path}"))
            yield ctx
    finally:
        rebind_models()


def count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


async def test_backup_taken_while_comments_are_written_is_one_consistent_snapshot(tmp_path: Path) -> None:
    source = tmp_path / "site.sqlite3"
    uploads = tmp_path / "uploads"
    (uploads / "ab").mkdir(parents=True)
    (uploads / "ab" / "minutes-1.docx").write_bytes(b"PK minutes")
    async with sqlite_site(source):
        draft = await publish_text()
        # Bulk so the copy takes a while: each page copied is a chance for the writer to interleave.
        await AuditEvent.bulk_create(
            [AuditEvent(action="filler", detail={"x": "字" * 400}) for _ in range(3000)]
        )
        stop = asyncio.Event()
        wrote = asyncio.Event()
        written = 0

        async def writer() -> None:
            # Every transaction writes a comment and its audit entry together: a torn copy would hold
            # one without the other.
            nonlocal written
            while not stop.is_set():
                async with in_transaction():
                    comment, _ = await comments.submit(
                        draft, comments.CommentInput(body=f"第{written}条意见", stance=Stance.AMEND)
                    )
                    await AuditEvent.create(action="pair", object_id=str(comment.id))
                written += 1
                wrote.set()

        async def written_at_least(n: int) -> None:
            while written < n:
                wrote.clear()
                await wrote.wait()

        task = asyncio.create_task(writer())
        await written_at_least(20)
        before = written
        files = await asyncio.to_thread(backup.backup_sqlite, source, tmp_path / "backups", uploads, at=AT)
        after = written
        await written_at_least(after + 20)
        stop.set()
        await task

    copy, archive = files[0].path, files[1].path
    assert copy == tmp_path / "backups" / "portal-20260302-093000.sqlite3"
    assert files[0].size == copy.stat().st_size > 0
    assert backup.integrity_problems(copy) == []
    in_copy = count(copy, "SELECT count(*) FROM comment")
    assert count(copy, "SELECT count(*) FROM audit_event WHERE action = 'pair'") == in_copy
    assert before <= in_copy <= after + 1
    assert count(source, "SELECT count(*) FROM comment") > in_copy  # the site kept writing afterwards
    with tarfile.open(archive) as tar:
        assert "uploads/ab/minutes-1.docx" in tar.getnames()


async def test_restore_into_a_fresh_path_reads_back_through_the_orm_with_its_uploads(tmp_path: Path) -> None:
    source = tmp_path / "site.sqlite3"
    uploads = tmp_path / "uploads"
    (uploads / "cd").mkdir(parents=True)
    (uploads / "cd" / "photo.jpg").write_bytes(b"\xff\xd8 photo")
    async with sqlite_site(source):
        draft = await publish_text()
        comment, _ = await comments.submit(
            draft, comments.CommentInput(body="建议增加公示期。", stance=Stance.AMEND, district="天河")
        )
    backup.backup_sqlite(source, tmp_path / "bk" / "night.sqlite3", uploads, at=AT)

    target = tmp_path / "restored" / "portal.sqlite3"
    target_uploads = tmp_path / "restored" / "uploads"
    written = backup.restore_sqlite(tmp_path / "bk" / "night.sqlite3", target, target_uploads, force=False)

    assert [w.path for w in written] == [target, target_uploads]
    assert (target_uploads / "cd" / "photo.jpg").read_bytes() == b"\xff\xd8 photo"
    async with opened(target):
        restored = await Comment.get(receipt_code=comment.receipt_code).select_related("draft")
        assert restored.body == "建议增加公示期。"
        assert restored.draft.title == draft.title


async def test_restore_refuses_a_target_holding_data_unless_forced(tmp_path: Path) -> None:
    source = tmp_path / "site.sqlite3"
    async with sqlite_site(source):
        draft = await publish_text()
        await comments.submit(draft, comments.CommentInput(body="旧意见", stance=Stance.OTHER))
    backup.backup_sqlite(source, tmp_path / "bk.sqlite3", tmp_path / "no-uploads", at=AT)
    async with opened(source):
        await comments.submit(draft, comments.CommentInput(body="备份之后的意见", stance=Stance.OTHER))

    with pytest.raises(backup.BackupError, match=r"已有数据.*--force"):
        backup.restore_sqlite(tmp_path / "bk.sqlite3", source, tmp_path / "uploads", force=False)
    assert count(source, "SELECT count(*) FROM comment") == 2  # untouched

    backup.restore_sqlite(tmp_path / "bk.sqlite3", source, tmp_path / "uploads", force=True)
    assert count(source, "SELECT count(*) FROM comment") == 1
    async with opened(source):
        assert [c.body for c in await Comment.all()] == ["旧意见"]


def test_restore_refuses_a_damaged_backup_before_touching_anything(tmp_path: Path) -> None:
    damaged = tmp_path / "bk.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    (tmp_path / "bk.uploads.tar.gz").write_bytes(b"")
    target = tmp_path / "portal.sqlite3"

    with pytest.raises(backup.BackupError, match="完整性检查"):
        backup.restore_sqlite(damaged, target, tmp_path / "uploads", force=True)
    assert not target.exists()


def test_restore_refuses_an_archive_reaching_outside_the_upload_dir(tmp_path: Path) -> None:
    good = tmp_path / "bk.sqlite3"
    sqlite3.connect(good).close()
    evil = tmp_path / "evil.txt"
    evil.write_text("x")
    with tarfile.open(tmp_path / "bk.uploads.tar.gz", "w:gz") as tar:
        tar.add(evil, arcname="uploads/../../evil.txt")

    with pytest.raises(backup.BackupError, match="不安全"):
        backup.restore_sqlite(good, tmp_path / "portal.sqlite3", tmp_path / "uploads", force=False)
    assert not (tmp_path / "portal.sqlite3").exists()


def test_backup_and_restore_commands_print_what_they_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site.sqlite3"
    conn = sqlite3.connect(site)
    conn.execute("CREATE TABLE comment (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO comment (body) VALUES ('意见')")
    conn.commit()
    conn.close()
    (tmp_path / "uploads").mkdir()
    (tmp_path / "uploads" / "a.pdf").write_bytes(b"%PDF")
    monkeypatch.setenv("DATABASE_URL", f"sqlite://{site}")
    monkeypatch.setenv("UPLOAD_DIR", str(tmp_path / "uploads"))

    assert main(["backup", str(tmp_path / "bk" / "copy.sqlite3")]) == 0
    out = capsys.readouterr().out
    assert f"{tmp_path / 'bk' / 'copy.sqlite3'}" in out and "上传文件 1 个" in out

    assert main(["restore", str(tmp_path / "bk" / "copy.sqlite3")]) == 2
    assert "已有数据" in capsys.readouterr().err

    monkeypatch.setenv("DATABASE_URL", f"sqlite://{tmp_path / 'new.sqlite3'}")
    monkeypatch.setenv("UPLOAD_DIR", str(tmp_path / "new-uploads"))
    assert main(["restore", str(tmp_path / "bk" / "copy.sqlite3")]) == 0
    assert "恢复完成" in capsys.readouterr().out
    assert count(tmp_path / "new.sqlite3", "SELECT count(*) FROM comment") == 1
    assert (tmp_path / "new-uploads" / "a.pdf").read_bytes() == b"%PDF"


def test_postgres_guidance_names_the_tools_and_never_the_password() -> None:
    url = "postgres://portal:s3cret-pw@db.internal:5433/portal_prod"
    text = backup.postgres_guidance(
        url, Path("/srv/portal/uploads"), Path("/srv/backups"), restore=False, at=AT
    )

    assert "s3cret-pw" not in text
    assert "postgres://portal:***@db.internal:5433/portal_prod" in text
    assert (
        "pg_dump -Fc --no-owner -h db.internal -p 5433 -U portal -d portal_prod "
        "-f /srv/backups/portal-20260302-093000.dump"
    ) in text
    assert "tar -czf /srv/backups/portal-20260302-093000.uploads.tar.gz -C /srv/portal uploads" in text

    text = backup.postgres_guidance(
        url, Path("/srv/portal/uploads"), Path("/srv/backups/x.dump"), restore=True, at=AT
    )
    assert "s3cret-pw" not in text
    assert "pg_restore --clean --if-exists --no-owner -h db.internal -p 5433 -U portal -d portal_prod" in text
    assert "tar -xzf /srv/backups/x.uploads.tar.gz -C /srv/portal/uploads --strip-components=1" in text


def test_postgres_backup_command_prints_guidance_and_says_it_did_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://portal:s3cret-pw@127.0.0.1:5432/portal")
    monkeypatch.setenv("UPLOAD_DIR", str(tmp_path / "uploads"))

    assert main(["backup", str(tmp_path / "bk")]) == backup.NOT_DONE_EXIT
    out = capsys.readouterr().out
    assert "pg_dump -Fc" in out and "s3cret-pw" not in out
    assert not (tmp_path / "bk").exists()
    assert main(["restore", str(tmp_path / "bk" / "x.dump")]) == backup.NOT_DONE_EXIT
    assert "pg_restore" in capsys.readouterr().out
