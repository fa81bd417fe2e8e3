"""Operator commands: ``python -m portal COMMAND``. Run with --help for the list."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from portal import db
from portal.services import plaintext
from portal.settings import PROJECT_ROOT, ConfigurationError, Settings

if TYPE_CHECKING:
    from portal.services import personal_data


async def _with_orm(settings: Settings, job: Callable[[], Awaitable[int]]) -> int:
    await db.init_orm(settings)
    try:
        return await job()
    finally:
        await db.close_orm()


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    applied = asyncio.run(db.apply_migrations(settings.database_url))
    print("已应用迁移: " + ", ".join(applied) if applied else "数据库已是最新结构。")
    return 0


def cmd_makemigrations(args: argparse.Namespace, settings: Settings) -> int:
    if args.dialect:
        written = asyncio.run(db.make_migration(args.dialect, args.name, empty=args.empty))
        print(f"{args.dialect}: {written or 'no changes'}")
        return 0
    # One process per dialect: aerich keeps class-level state between commands.
    for dialect in db.DIALECTS:
        done = subprocess.run(
            [sys.executable, "-m", "portal", "makemigrations", args.name, "--dialect", dialect]
            + (["--empty"] if args.empty else [])
        )
        if done.returncode:
            return done.returncode
    return 0


def cmd_check_migrations(args: argparse.Namespace, settings: Settings) -> int:
    from portal import schema_check

    url = args.database_url or settings.database_url
    problems = asyncio.run(schema_check.check(url))
    for problem in problems:
        print(problem, file=sys.stderr)
    kind = db.normalise_url(url).split(":", 1)[0]
    print(f"{kind}: migrations {'DIFFER from' if problems else 'match'} the models")
    return 1 if problems else 0


def cmd_seed_demo(args: argparse.Namespace, settings: Settings) -> int:
    from portal.models import User
    from portal.services import demo

    async def job() -> int:
        if args.if_empty and await User.exists():
            print("数据库中已有数据，跳过演示数据。")
            return 0
        report = await demo.seed(upload_dir=settings.upload_dir, secret=settings.secret_key)
        print(
            f"演示数据: 新建联系点 {report.points_created} 个, 新建账号 {report.users_created} 个, "
            f"新建草案 {report.drafts_created} 件, 新建意见 {report.comments_created} 条, "
            f"新建会议记录 {report.meetings_created} 次。"
        )
        print("演示账号 (用户名 / 密码):")
        print("\n".join(demo.login_lines()))
        return 0

    return asyncio.run(_with_orm(settings, job))


def cmd_create_user(args: argparse.Namespace, settings: Settings) -> int:
    from portal.models import LiaisonPoint, Role
    from portal.services import accounts

    password = os.environ.get("PORTAL_NEW_PASSWORD") or getpass.getpass("密码: ")

    async def job() -> int:
        point = None
        if args.point:
            point = await LiaisonPoint.get_or_none(code=args.point)
            if point is None:
                print(f"未找到联系点 {args.point}", file=sys.stderr)
                return 2
        try:
            user = await accounts.create_user(
                username=args.username,
                display_name=args.name or args.username,
                password=password,
                roles=[Role(r) for r in args.role],
                liaison_point=point,
            )
        except accounts.AccountError as exc:
            print(str(exc), file=sys.stderr)
            return 2
        print(f"已创建账号 {user.username} ({', '.join(user.roles)})")
        return 0

    return asyncio.run(_with_orm(settings, job))


def cmd_parse(args: argparse.Namespace, settings: Settings) -> int:
    import json
    from pathlib import Path

    from portal.services.drafting.parser import parse

    try:
        text = Path(args.file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"无法读取 {args.file}: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(parse(text).to_dict(), ensure_ascii=False, indent=2 if args.indent else None))
    return 0


def cmd_import_draft(args: argparse.Namespace, settings: Settings) -> int:
    from datetime import timedelta
    from pathlib import Path

    from portal.models import DraftKind
    from portal.services import drafts
    from portal.services.calendar import today
    from portal.services.drafting.importing import DraftFileError, text_from_upload

    path = Path(args.file)
    try:
        text = text_from_upload(path.name, path.read_bytes())
    except (OSError, DraftFileError) as exc:
        print(f"无法导入 {args.file}: {exc}", file=sys.stderr)
        return 2

    async def job() -> int:
        try:
            draft = await drafts.create_draft(
                drafts.DraftInput(
                    title=args.title, kind=DraftKind(args.kind), drafting_body=args.body, summary=args.summary
                ),
                text,
                source_name=path.name,
                actor=None,
            )
            version = await drafts.pending_version(draft)
            assert version is not None
            print(f"已导入草案 #{draft.id}「{draft.title}」：{version.unit_count} 个单元，{version.counts}")
            for warning in version.warnings:
                print(f"  注意：{warning}")
            if args.publish_days:
                start = today()
                await drafts.publish(
                    draft,
                    opens=start,
                    closes=start + timedelta(days=args.publish_days - 1),
                    short_window_reason=args.short_window_reason,
                    actor=None,
                )
                print(f"已发布，征求意见 {args.publish_days} 日：/drafts/{draft.id}")
        except drafts.DraftError as exc:
            print(str(exc), file=sys.stderr)
            return 2
        return 0

    return asyncio.run(_with_orm(settings, job))


def cmd_digest(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from portal.models import Draft
    from portal.services.digest import build

    async def job() -> int:
        draft = await Draft.get_or_none(id=args.draft_id)
        if draft is None:
            print(f"没有编号为 {args.draft_id} 的草案", file=sys.stderr)
            return 2

        async def progress(percent: int, message: str) -> None:
            if not args.json:
                print(f"{percent:3d}% {message}", file=sys.stderr)

        snap = await build.refresh(draft)
        if args.json:
            print(json.dumps(snap.data, ensure_ascii=False, indent=1))
        else:
            data = snap.data
            clusters = data["clusters"]
            assert isinstance(clusters, list)
            print(
                f"《{draft.title}》：意见 {data['total']} 条，不同意见 {data['distinct_opinions']} 条，"
                f"集中提交 {len(clusters)} 组（共 {data['in_clusters']} 条），用时 {snap.seconds} 秒"
            )
        return 0

    return asyncio.run(_with_orm(settings, job))


def cmd_digest_worker(args: argparse.Namespace, settings: Settings) -> int:
    import signal

    from portal.logs import configure_logging
    from portal.services.digest import worker

    configure_logging()

    async def job() -> int:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):  # finish the refresh under way, then stop
            loop.add_signal_handler(sig, stop.set)
        print(f"汇总进程已启动，每 {args.poll:g} 秒查看一次待汇总的草案。", flush=True)
        await worker.serve(args.poll, stop=stop)
        return 0

    return asyncio.run(_with_orm(settings, job))


def cmd_verify_selection(args: argparse.Namespace, settings: Settings) -> int:
    from portal.models import Hearing
    from portal.services.hearing import service

    async def job() -> int:
        hearing = await Hearing.get_or_none(id=args.hearing_id)
        if hearing is None:
            print(f"没有编号为 {args.hearing_id} 的听证会", file=sys.stderr)
            return 2
        check = await service.verify_against_registrations(hearing, secret=settings.secret_key)
        for label, ok in check.checks:
            print(f"{'通过' if ok else '不一致'}：{label}")
        print("遴选结果可以复现。" if check.ok else "复核未通过。")
        return 0 if check.ok else 1

    return asyncio.run(_with_orm(settings, job))


def cmd_send_outbox(args: argparse.Namespace, settings: Settings) -> int:
    from portal.services import library, outbox
    from portal.services.calendar import today
    from portal.services.hearing import service as hearings

    sender = outbox.smtp_sender(settings)
    if sender is None:
        print("未配置 SMTP_HOST：通知只记录在发件箱中，不发送。", file=sys.stderr)

    async def job() -> int:
        refreshed_on = None
        while True:
            if refreshed_on != today():  # the library's validity moves with the date
                changed = await library.refresh_all()
                refreshed_on = today()
                if changed:
                    print(f"已更新 {changed} 件规范性文件的有效状态", flush=True)
            told = await hearings.send_due_materials(site=settings.public_url)
            if told:
                print(f"已为 {told} 名听证参加人生成听证材料通知", flush=True)
            report = await outbox.deliver({"email": sender} if sender else {})
            if report.sent or report.failed:
                print(
                    f"已发送 {report.sent} 封，失败 {report.failed} 封，待发送 {report.waiting} 封",
                    flush=True,
                )
            if not args.loop:
                return 0 if not report.failed else 1
            await asyncio.sleep(args.loop)

    return asyncio.run(_with_orm(settings, job))


def cmd_refresh_documents(args: argparse.Namespace, settings: Settings) -> int:
    from portal.services import library

    async def job() -> int:
        changed = await library.refresh_all()
        print(f"已更新 {changed} 件规范性文件的有效状态。")
        return 0

    return asyncio.run(_with_orm(settings, job))


def cmd_reindex_search(args: argparse.Namespace, settings: Settings) -> int:
    from portal.services import drafts, library, search

    async def job() -> int:
        indexed_drafts = await search.reindex_drafts(drafts.PUBLIC_STATUSES)
        indexed_documents = await library.reindex_all()
        print(f"已重建检索索引：草案 {indexed_drafts} 件，规范性文件 {indexed_documents} 件。")
        return 0

    return asyncio.run(_with_orm(settings, job))


def _human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    value = size / 1024
    for unit in ("KB", "MB"):
        if value < 1024:
            return f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    from datetime import datetime
    from pathlib import Path

    from portal.services import backup

    dest = Path(args.dest)
    at = datetime.now()
    if settings.database_dialect == "postgres":
        print(
            backup.postgres_guidance(settings.database_url, settings.upload_dir, dest, restore=False, at=at)
        )
        return backup.NOT_DONE_EXIT
    try:
        written = backup.backup_sqlite(
            backup.sqlite_path(settings.database_url), dest, settings.upload_dir, at=at
        )
    except (backup.BackupError, OSError) as exc:
        print(f"备份失败：{exc}", file=sys.stderr)
        return 2
    print("备份完成：")
    for item in written:
        print(f"  {item.path}  {_human_size(item.size)}  {item.detail}")
    return 0


def cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    from datetime import datetime
    from pathlib import Path

    from portal.services import backup

    source = Path(args.src)
    if settings.database_dialect == "postgres":
        guidance = backup.postgres_guidance(
            settings.database_url, settings.upload_dir, source, restore=True, at=datetime.now()
        )
        print(guidance)
        return backup.NOT_DONE_EXIT
    try:
        written = backup.restore_sqlite(
            source,
            backup.sqlite_path(settings.database_url),
            settings.upload_dir,
            force=args.force,
            uploads=Path(args.uploads) if args.uploads else None,
            skip_uploads=args.skip_uploads,
        )
    except (backup.BackupError, OSError) as exc:
        print(f"恢复失败：{exc}", file=sys.stderr)
        return 2
    print("恢复完成（备份已通过 integrity_check）：")
    for item in written:
        print(f"  {item.path}  {_human_size(item.size)}  {item.detail}")
    print("如备份早于最新版本，请再运行 python -m portal migrate。")
    return 0


def cmd_prune_audit(args: argparse.Namespace, settings: Settings) -> int:
    from portal.services import audit
    from portal.services.calendar import LOCAL_TZ

    try:
        audit.check_retention(args.older_than_days)  # refused before touching the database
    except audit.RetentionError as exc:
        print(str(exc), file=sys.stderr)
        return 2

    async def job() -> int:
        pruned = await audit.prune(args.older_than_days)
        cutoff = pruned.cutoff.astimezone(LOCAL_TZ)
        print(
            f"已删除早于 {cutoff:%Y-%m-%d %H:%M} 的审计记录 {pruned.deleted} 条、工作人员登录会话 "
            f"{pruned.sessions} 个、登录尝试记录 {pruned.login_attempts} 条；本次清理已记入审计日志。"
        )
        return 0

    return asyncio.run(_with_orm(settings, job))


def cmd_personal_data(args: argparse.Namespace, settings: Settings) -> int:
    from portal.services import personal_data

    kind, raw = ("phone", args.phone) if args.phone is not None else ("email", args.email)
    try:
        subject = personal_data.subject_from(kind, raw)
    except personal_data.PersonalDataError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    actor_name = f"cli:{getpass.getuser()}"
    if args.action == "export":
        return _personal_data_export(args, settings, subject, actor_name)
    return _personal_data_erase(args, settings, subject, actor_name)


def _personal_data_export(
    args: argparse.Namespace, settings: Settings, subject: personal_data.Subject, actor_name: str
) -> int:
    import json
    from pathlib import Path

    from portal.services import personal_data

    data: dict[str, object] = {}

    async def job() -> int:
        data.update(
            await personal_data.export(subject, secret=settings.secret_key, actor=None, actor_name=actor_name)
        )
        return 0

    asyncio.run(_with_orm(settings, job))
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
        counts = data["counts"]
        assert isinstance(counts, dict)
        print(f"已导出 {sum(counts.values())} 条记录到 {args.output}", file=sys.stderr)
    else:
        print(text)
    return 0


def _personal_data_erase(
    args: argparse.Namespace, settings: Settings, subject: personal_data.Subject, actor_name: str
) -> int:
    from portal.services import personal_data

    changes: list[personal_data.PlannedChange] = []

    async def preview() -> int:
        changes.extend(personal_data.plan(await personal_data.find(subject)))
        return 0

    asyncio.run(_with_orm(settings, preview))
    if not changes:
        print(f"没有找到含有该{subject.label}的记录。")
        return 0
    print(f"{subject.label} {subject.masked} 出现在 {len(changes)} 条记录中，将清除：")
    for change in changes:
        print(f"  {change.what}（{change.where}）：{change.cleared}")
    if not args.yes:
        if not sys.stdin.isatty():
            print("未确认：请加 --yes，或在终端中运行后输入 yes。", file=sys.stderr)
            return 2
        if input("确认匿名化以上记录？输入 yes 继续：").strip().lower() != "yes":
            print("已取消，未作任何改动。")
            return 1

    async def erase() -> int:
        counts = await personal_data.erase(
            subject, secret=settings.secret_key, actor=None, actor_name=actor_name
        )
        print("已匿名化：" + "，".join(f"{k} {n}" for k, n in counts.items()) + "。已记入审计日志。")
        return 0

    return asyncio.run(_with_orm(settings, erase))


def site_address_line(settings: Settings) -> str:
    """What start-up says about the address links that leave the site are built with."""
    if settings.site_url:
        return f"邮件、日历文件和订阅中的链接地址 (SITE_URL): {settings.site_url}"
    return f"未设置 SITE_URL：邮件、日历文件和订阅中的链接使用开发地址 {settings.public_url}"


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from portal.services import demo

    port = settings.port if args.port is None else args.port
    # The app reads its settings again in uvicorn's factory: the same port there, for the links.
    os.environ["PORT"] = str(port)
    settings = replace(settings, port=port)
    print(f"\n  {settings.site_name} 已启动: http://{args.host}:{port}/")
    print(f"  工作人员登录: http://{args.host}:{port}/staff/login")
    print(f"  {site_address_line(settings)}")
    if not settings.is_production:
        print("  演示账号 (用户名 / 密码):")
        print("\n".join(demo.login_lines()))
    print()
    uvicorn.run("portal.app:asgi", factory=True, host=args.host, port=port, timeout_graceful_shutdown=20)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m portal", description="立法公众参与平台 运维命令")
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("migrate", help="apply the migrations to DATABASE_URL").set_defaults(func=cmd_migrate)

    p = sub.add_parser("makemigrations", help="write the next migration for every supported database")
    p.add_argument("name")
    p.add_argument("--dialect", choices=db.DIALECTS, help="only this database kind")
    p.add_argument(
        "--empty",
        action="store_true",
        help="write an empty migration (for hand-written SQL) with the model state",
    )
    p.set_defaults(func=cmd_makemigrations)

    p = sub.add_parser("check-migrations", help="migrate an empty database and compare it with the models")
    p.add_argument("--database-url", default="", help="server to make the scratch databases on")
    p.set_defaults(func=cmd_check_migrations)

    p = sub.add_parser("seed-demo", help="load the demo data (idempotent)")
    p.add_argument("--if-empty", action="store_true", help="only when no user exists yet")
    p.set_defaults(func=cmd_seed_demo)

    p = sub.add_parser(
        "create-user", help="create a staff account (password from PORTAL_NEW_PASSWORD or a prompt)"
    )
    p.add_argument("username")
    p.add_argument("--name", default="")
    p.add_argument(
        "--role",
        action="append",
        required=True,
        choices=["liaison", "legislator", "organizer", "moderator", "admin"],
    )
    p.add_argument("--point", default="", help="liaison point code (required for the liaison role)")
    p.set_defaults(func=cmd_create_user)

    p = sub.add_parser("parse", help="print the structure of a legal text (.txt/.md) as JSON")
    p.add_argument("file")
    p.add_argument("--indent", action="store_true")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser(
        "import-draft", help="import a draft from .txt, .md or .docx (unpublished unless --publish-days)"
    )
    p.add_argument("file")
    p.add_argument("--title", required=True)
    p.add_argument(
        "--kind",
        required=True,
        choices=["local_regulation", "government_rule", "normative_document", "major_decision"],
    )
    p.add_argument("--body", default="", help="drafting body (起草单位)")
    p.add_argument("--summary", default="")
    p.add_argument("--publish-days", type=int, default=0, help="publish now with a window of N days")
    p.add_argument("--short-window-reason", default="")
    p.set_defaults(func=cmd_import_draft)

    p = sub.add_parser("digest", help="refresh and print the digest of a draft (legislators' summary)")
    p.add_argument("draft_id", type=int)
    p.add_argument("--json", action="store_true", help="print the whole digest as JSON")
    p.set_defaults(func=cmd_digest)

    p = sub.add_parser(
        "digest-worker", help="keep running and refresh the digests staff ask for (jieba loaded once)"
    )
    p.add_argument(
        "--poll", type=float, default=1.0, metavar="SECONDS", help="look for queued runs every N s"
    )
    p.set_defaults(func=cmd_digest_worker)

    p = sub.add_parser("verify-selection", help="recompute a hearing's draw from its published seed and list")
    p.add_argument("hearing_id", type=int)
    p.set_defaults(func=cmd_verify_selection)

    p = sub.add_parser("send-outbox", help="deliver pending notification e-mails through SMTP")
    p.add_argument("--loop", type=int, default=0, metavar="SECONDS", help="keep running, polling every N s")
    p.set_defaults(func=cmd_send_outbox)

    p = sub.add_parser(
        "refresh-documents",
        help="recompute the validity of library documents (the outbox worker does it daily)",
    )
    p.set_defaults(func=cmd_refresh_documents)

    p = sub.add_parser("reindex-search", help="rebuild the full-text index of drafts and library documents")
    p.set_defaults(func=cmd_reindex_search)

    p = sub.add_parser(
        "backup",
        help="SQLite: copy the live database and the uploads (PostgreSQL: print the pg_dump commands)",
    )
    p.add_argument(
        "dest",
        nargs="?",
        default=str(PROJECT_ROOT / "backups"),
        help="a directory (a timestamped file is made in it) or a .sqlite3 file name; default backups/",
    )
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "restore",
        help="SQLite: check a backup and restore it with its uploads (PostgreSQL: print pg_restore commands)",
    )
    p.add_argument("src", help="the .sqlite3 backup (its .uploads.tar.gz is expected next to it)")
    p.add_argument("--force", action="store_true", help="overwrite a database that already holds data")
    p.add_argument("--uploads", default="", help="the uploads archive, if not next to the backup")
    p.add_argument("--skip-uploads", action="store_true", help="restore the database only")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser(
        "prune-audit",
        help="delete audit entries, staff sessions and sign-in attempts older than N days "
        "(never fewer than 183: 网络安全法 art 21)",
    )
    p.add_argument("--older-than-days", type=int, default=183, metavar="N", help="default and minimum 183")
    p.set_defaults(func=cmd_prune_audit)

    p = sub.add_parser(
        "personal-data",
        help="export (个人信息保护法 art 45) or anonymise (art 47) what is held about a phone or e-mail",
    )
    p.add_argument("action", choices=["export", "erase"])
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--phone", help="spaces, dashes and +86 are ignored")
    who.add_argument("--email")
    p.add_argument("--output", default="", help="export: write the JSON to this file instead of stdout")
    p.add_argument("--yes", action="store_true", help="erase: do not ask for confirmation")
    p.set_defaults(func=cmd_personal_data)

    p = sub.add_parser("serve", help="serve the site with uvicorn")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=None, help="default: PORT, else 8000")
    p.set_defaults(func=cmd_serve)
    return parser


_NOT_TEXT = frozenset({"file", "dest", "src", "uploads", "output", "database_url"})  # paths, addresses


def _cleaned(args: argparse.Namespace) -> argparse.Namespace:
    """Text given on the command line (a draft's title, a user's name) cleaned as every form field
    is: an operator's paste can carry control characters that no export could hold. A path is
    left as given: it names a file, and is never stored."""
    for name, value in vars(args).items():
        if isinstance(value, str) and name not in _NOT_TEXT:
            setattr(args, name, plaintext.clean(value))
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = _cleaned(build_parser().parse_args(argv))
    try:
        settings = Settings.from_env()
        settings.validate()
    except ConfigurationError as exc:
        print(f"配置错误: {exc}", file=sys.stderr)
        return 2
    result: int = args.func(args, settings)
    return result


if __name__ == "__main__":
    sys.exit(main())
