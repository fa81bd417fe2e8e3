"""Backup and restore of the database and the uploaded files.

SQLite is copied with sqlite3's online backup API: the copy is one consistent snapshot even while the
site keeps writing (WAL lets the writers go on while it reads). The upload directory is archived
*after* the snapshot, so every file the snapshot refers to is already on disk (a file is stored
before the row that names it is committed); the archive may hold a few newer files too, which are
harmless.

PostgreSQL is left to its own tools (pg_dump -Fc / pg_restore); ``postgres_guidance`` prints the
commands for the configured database with the password left out.
"""

from __future__ import annotations

import shlex
import sqlite3
import tarfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from portal.db import normalise_url

DB_SUFFIX = ".sqlite3"
UPLOADS_SUFFIX = ".uploads.tar.gz"
UPLOADS_ARCNAME = "uploads"


class BackupError(Exception):
    """A backup or restore the operator has to look at; the message is shown as is (Chinese)."""


@dataclass(frozen=True)
class WrittenFile:
    path: Path
    size: int
    detail: str = ""


def sqlite_path(database_url: str) -> Path:
    """The file of a ``sqlite://`` URL (an in-memory database has none)."""
    path = normalise_url(database_url).removeprefix("sqlite://")
    if not path or path == ":memory:":
        raise BackupError("内存数据库没有可备份的文件。")
    return Path(path)


def backup_paths(dest: Path, at: datetime) -> tuple[Path, Path]:
    """Where the database copy and its uploads archive go.

    DEST that is a directory (or names none with a suffix) gets ``portal-YYYYmmdd-HHMMSS.sqlite3``
    inside it; a file name is used as given, and the uploads archive always sits next to the copy.
    """
    if dest.is_dir() or not dest.suffix:
        dest = dest / f"portal-{at:%Y%m%d-%H%M%S}{DB_SUFFIX}"
    return dest, uploads_archive_for(dest)


def uploads_archive_for(database_copy: Path) -> Path:
    return database_copy.with_name(database_copy.stem + UPLOADS_SUFFIX)


def integrity_problems(path: Path) -> list[str]:
    """What ``PRAGMA integrity_check`` finds wrong in a database file ([] when it is sound)."""
    if not path.is_file():
        return [f"文件不存在：{path}"]
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [f"不是有效的 SQLite 数据库：{exc}"]
    messages = [str(row[0]) for row in rows]
    return [] if messages == ["ok"] else messages


def _copy(source_uri: str, target: Path) -> None:
    """Copy a whole database with the backup API. One step (pages=-1) reads the source under a
    single read transaction, so the copy is one consistent snapshot; WAL writers are not blocked."""
    src = sqlite3.connect(source_uri, uri=True, timeout=30)
    try:
        dst = sqlite3.connect(target, timeout=30)
        try:
            src.backup(dst, pages=-1)
            # The copy takes the source's WAL flag; a single self-contained file is what we want
            # (the site switches its database back to WAL when it starts).
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def backup_sqlite(database: Path, dest: Path, upload_dir: Path, *, at: datetime) -> list[WrittenFile]:
    """Copy the live database and archive the uploads; return what was written."""
    if not database.is_file():
        raise BackupError(f"数据库文件不存在：{database}")
    copy_path, archive_path = backup_paths(dest, at)
    if copy_path.exists() or archive_path.exists():
        raise BackupError(f"备份文件已存在，不会覆盖：{copy_path}")
    copy_path.parent.mkdir(parents=True, exist_ok=True)
    partial = copy_path.with_name(copy_path.name + ".partial")
    partial.unlink(missing_ok=True)
    _copy(database.resolve().as_uri(), partial)
    problems = integrity_problems(partial)
    if problems:
        partial.unlink(missing_ok=True)
        raise BackupError("备份副本未通过完整性检查：" + "；".join(problems[:5]))
    partial.replace(copy_path)
    files = archive_uploads(upload_dir, archive_path)
    return [
        WrittenFile(copy_path, copy_path.stat().st_size, "数据库（已通过 integrity_check）"),
        WrittenFile(archive_path, archive_path.stat().st_size, f"上传文件 {files} 个"),
    ]


def archive_uploads(upload_dir: Path, archive: Path) -> int:
    """Write the upload directory into a tar.gz (an empty one when there is none); return the file count."""
    count = 0
    partial = archive.with_name(archive.name + ".partial")
    with tarfile.open(partial, "w:gz") as tar:
        root = tarfile.TarInfo(UPLOADS_ARCNAME)
        root.type = tarfile.DIRTYPE
        root.mode = 0o755
        tar.addfile(root)
        if upload_dir.is_dir():
            for path in sorted(upload_dir.rglob("*")):
                if path.is_file() and not path.name.endswith(".partial"):
                    tar.add(path, arcname=f"{UPLOADS_ARCNAME}/{path.relative_to(upload_dir).as_posix()}")
                    count += 1
    partial.replace(archive)
    return count


def database_has_data(path: Path) -> bool:
    """True when a table of the portal's own holds a row (migration bookkeeping, the full-text
    index's virtual tables and SQLite's internal tables do not count: a migrated, empty site has
    rows there)."""
    if not path.is_file() or path.stat().st_size == 0:
        return False
    conn = sqlite3.connect(path, timeout=30)
    try:
        rows = conn.execute(
            "SELECT name, coalesce(sql, '') FROM sqlite_master "
            "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        virtual = [str(name) for name, sql in rows if str(sql).upper().startswith("CREATE VIRTUAL TABLE")]
        for name, _ in rows:
            table = str(name)
            if table == "aerich" or any(table == v or table.startswith(v + "_") for v in virtual):
                continue
            quoted = '"' + table.replace('"', '""') + '"'
            if conn.execute(f"SELECT 1 FROM {quoted} LIMIT 1").fetchone():
                return True
        return False
    finally:
        conn.close()


def restore_sqlite(
    source: Path,
    database: Path,
    upload_dir: Path,
    *,
    force: bool,
    uploads: Path | None = None,
    skip_uploads: bool = False,
) -> list[WrittenFile]:
    """Check the backup, then copy it over the database and unpack its uploads.

    Nothing is changed when the backup fails ``PRAGMA integrity_check``, when its uploads archive
    is missing (unless ``skip_uploads``) or when the target holds data (unless ``force``).
    The site should be stopped while it runs.
    """
    problems = integrity_problems(source)
    if problems:
        raise BackupError("备份文件未通过完整性检查，未作任何改动：" + "；".join(problems[:5]))
    archive = None if skip_uploads else (uploads or uploads_archive_for(source))
    if archive is not None and not archive.is_file():
        raise BackupError(
            f"找不到与备份配套的上传文件归档 {archive}，未作任何改动：只恢复数据库会丢失附件。"
            "请用 --uploads 指定归档，或确认后用 --skip-uploads 只恢复数据库。"
        )
    if database_has_data(database) and not force:
        raise BackupError(f"目标数据库 {database} 已有数据，未作任何改动。确认要覆盖时请加 --force。")
    members = _checked_members(archive) if archive is not None else []
    database.parent.mkdir(parents=True, exist_ok=True)
    # The backup API writes through SQLite itself, so a target in WAL mode is replaced cleanly.
    _copy(f"{source.resolve().as_uri()}?mode=ro", database)
    written = [WrittenFile(database, database.stat().st_size, "数据库")]
    if archive is not None:
        size = extract_uploads(archive, members, upload_dir)
        written.append(WrittenFile(upload_dir, size, f"上传文件 {sum(m.isfile() for m in members)} 个"))
    return written


def _checked_members(archive: Path) -> list[tarfile.TarInfo]:
    """The archive's entries, refused as a whole if any would land outside uploads/."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"上传文件归档无法读取，未作任何改动：{exc}") from exc
    for member in members:
        parts = Path(member.name).parts
        if (
            not parts
            or parts[0] != UPLOADS_ARCNAME
            or ".." in parts
            or member.name.startswith("/")
            or not (member.isfile() or member.isdir())
        ):
            raise BackupError(f"上传文件归档含有不安全的条目 {member.name!r}，未作任何改动。")
    return members


def extract_uploads(archive: Path, members: list[tarfile.TarInfo], upload_dir: Path) -> int:
    """Unpack uploads/… into the upload directory; return the bytes written."""
    upload_dir.mkdir(parents=True, exist_ok=True)
    size = 0
    with tarfile.open(archive, "r:gz") as tar:
        for member in members:
            if not member.isfile():
                continue
            relative = Path(*Path(member.name).parts[1:])
            target = upload_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            data = tar.extractfile(member)
            assert data is not None
            with data, open(target, "wb") as out:
                while chunk := data.read(1024 * 1024):
                    out.write(chunk)
                    size += len(chunk)
    return size


# --- PostgreSQL: the commands to run ------------------------------------------------------------

NOT_DONE_EXIT = 3  # "not done by this command": the operator runs the printed commands


@dataclass(frozen=True)
class PgTarget:
    host: str
    port: str
    user: str
    dbname: str
    has_password: bool

    @property
    def redacted_url(self) -> str:
        auth = self.user + (":***" if self.has_password else "")
        return f"postgres://{auth}@{self.host}:{self.port}/{self.dbname}"

    def connection_options(self) -> str:
        return " ".join(
            f"{flag} {shlex.quote(value)}"
            for flag, value in (("-h", self.host), ("-p", self.port), ("-U", self.user), ("-d", self.dbname))
            if value
        )


def pg_target(database_url: str) -> PgTarget:
    parts = urlsplit(normalise_url(database_url))
    return PgTarget(
        host=parts.hostname or "127.0.0.1",
        port=str(parts.port or 5432),
        user=unquote(parts.username or ""),
        dbname=unquote(parts.path.lstrip("/")),
        has_password=bool(parts.password),
    )


def postgres_guidance(database_url: str, upload_dir: Path, path: Path, *, restore: bool, at: datetime) -> str:
    """What to run by hand to back up (or restore) a PostgreSQL site, password never included."""
    target = pg_target(database_url)
    uploads_parent = shlex.quote(str(upload_dir.parent))
    uploads_name = shlex.quote(upload_dir.name)
    password_note = (
        "密码不在此显示：请用环境变量 PGPASSWORD 或 ~/.pgpass 提供（DATABASE_URL 中的密码）。"
        if target.has_password
        else "DATABASE_URL 未含密码；如服务器需要，请用 PGPASSWORD 或 ~/.pgpass 提供。"
    )
    lines = [
        f"PostgreSQL 数据库（{target.redacted_url}）请用 PostgreSQL 自带工具备份与恢复，本命令未做任何改动。",
        password_note,
        "",
    ]
    if not restore:
        dump, archive = backup_paths(path, at)
        dump = dump.with_suffix(".dump")
        lines += [
            "1. 导出数据库（自定义格式，可在网站运行时执行，得到一致的快照）：",
            f"   pg_dump -Fc --no-owner {target.connection_options()} -f {shlex.quote(str(dump))}",
            "2. 导出数据库之后再打包上传文件目录（数据库记录的是文件的存储名，缺了它们备份不完整）：",
            f"   tar -czf {shlex.quote(str(archive))} -C {uploads_parent} {uploads_name}",
        ]
    else:
        archive = uploads_archive_for(path)
        uploads = shlex.quote(str(upload_dir))
        options = target.connection_options()
        source = shlex.quote(str(path))
        lines += [
            "1. 先停止网站和发件进程，再恢复数据库（--clean 会先删除库中已有的对象）：",
            f"   pg_restore --clean --if-exists --no-owner {options} {source}",
            "2. 恢复上传文件目录：",
            f"   mkdir -p {uploads} && tar -xzf {shlex.quote(str(archive))} -C {uploads}"
            " --strip-components=1",
            "3. 恢复后运行 python -m portal migrate（较旧的备份会补上之后的迁移）。",
        ]
    return "\n".join(lines)
