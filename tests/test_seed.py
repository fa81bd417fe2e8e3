"""Demo data: Guangzhou's 22 liaison points over 11 districts and one account per role, loaded once."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from portal.models import (
    DocumentStatus,
    Hearing,
    HearingRegistration,
    HearingStatus,
    IssuerLevel,
    LiaisonPoint,
    NormativeDocument,
    Role,
    User,
)
from portal.services import accounts, demo
from portal.services.hearing import service


async def test_it_seeds_22_points_across_11_districts(db):
    report = await demo.seed()
    assert report.points_created == 22
    assert await LiaisonPoint.all().count() == 22
    districts = await LiaisonPoint.all().values_list("district", flat=True)
    assert len(set(districts)) == 11


async def test_it_creates_one_user_per_role_with_a_working_password(db):
    await demo.seed()
    users = {u.username: u for u in await User.all().select_related("liaison_point")}
    assert set(users) == {"admin", "liaison", "legislator", "organizer", "moderator", "reviewer"}
    for role in Role:
        assert any(u.has_role(role) for u in users.values()), role
    assert users["liaison"].liaison_point is not None
    assert accounts.verify_password(users["admin"].password_hash, demo.DEMO_PASSWORD)


async def test_running_it_twice_changes_nothing(db):
    await demo.seed()
    again = await demo.seed()
    assert not again.changed
    assert await LiaisonPoint.all().count() == 22
    assert await User.all().count() == 6


def portal_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run ``python -m portal`` as an operator would, in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "portal", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_cli_migrates_seeds_once_and_prints_the_logins(tmp_path):
    env = {"DATABASE_URL": f"sqlite://{tmp_path}/cli.sqlite3"}
    assert portal_cli("migrate", env=env).returncode == 0
    first = portal_cli("seed-demo", "--if-empty", env=env)
    assert first.returncode == 0, first.stderr
    assert "新建联系点 22 个" in first.stdout
    assert f"admin       / {demo.DEMO_PASSWORD}" in first.stdout
    second = portal_cli("seed-demo", "--if-empty", env=env)
    assert "跳过演示数据" in second.stdout

    # The demo's drawn hearing re-checks from the command line; a tampered seed does not.
    with sqlite3.connect(tmp_path / "cli.sqlite3") as con:
        # A hearing whose draw was run (its seed revealed), found rather than assumed by its id.
        drawn = con.execute("SELECT id FROM hearing WHERE drawn_at IS NOT NULL ORDER BY id").fetchone()
    assert drawn is not None
    checked = portal_cli("verify-selection", str(drawn[0]), env=env)
    assert checked.returncode == 0, checked.stderr
    assert "遴选结果可以复现" in checked.stdout and "不一致" not in checked.stdout
    with sqlite3.connect(tmp_path / "cli.sqlite3") as con:
        con.execute("UPDATE hearing SET seed = 'tampered' WHERE id = ?", (drawn[0],))
    tampered = portal_cli("verify-selection", str(drawn[0]), env=env)
    assert tampered.returncode == 1 and "不一致：随机种子与事先公布的承诺值一致" in tampered.stdout
    assert portal_cli("verify-selection", "999", env=env).returncode == 2


async def test_the_demo_hearings_show_each_stage(db):
    await demo.seed()
    hearings = await Hearing.all().order_by("id")
    assert [h.status for h in hearings] == [
        HearingStatus.REGISTRATION_OPEN,
        HearingStatus.SELECTION_DONE,
        HearingStatus.REPORT_PUBLISHED,
    ]
    upcoming, drawn, held = hearings
    assert upcoming.draft_id is not None and await HearingRegistration.filter(hearing=upcoming).count() == 14
    assert service.verify(drawn).ok and drawn.materials_sent_at is not None
    assert drawn.decision_id is not None and not await service.has_published_report(drawn.decision_id)
    assert held.decision_id is not None and await service.has_published_report(held.decision_id)
    assert await HearingRegistration.filter(hearing=held, confirmed_record=True).exists()


def test_the_cli_creates_a_user_and_explains_refusals(tmp_path):
    env = {"DATABASE_URL": f"sqlite://{tmp_path}/cli.sqlite3", "PORTAL_NEW_PASSWORD": "Str0ng-password"}
    assert portal_cli("migrate", env=env).returncode == 0
    made = portal_cli("create-user", "zhao", "--name", "赵立", "--role", "legislator", env=env)
    assert made.returncode == 0, made.stderr
    assert "已创建账号 zhao (legislator)" in made.stdout
    refused = portal_cli("create-user", "qian", "--role", "liaison", env=env)
    assert refused.returncode == 2
    assert "联系点工作人员必须绑定一个基层立法联系点。" in refused.stderr
    weak = portal_cli("create-user", "sun", "--role", "admin", env={**env, "PORTAL_NEW_PASSWORD": "short"})
    assert "密码至少需要 10 个字符。" in weak.stderr
    common = portal_cli(
        "create-user", "sun", "--role", "admin", env={**env, "PORTAL_NEW_PASSWORD": "Password123"}
    )
    assert common.returncode == 2
    assert "这个密码过于常见，容易被猜中，请换一个。" in common.stderr
    named = portal_cli(
        "create-user", "sunli", "--role", "admin", env={**env, "PORTAL_NEW_PASSWORD": "Sunli-2026!"}
    )
    assert "密码不能与用户名相同，也不能包含用户名。" in named.stderr
    with sqlite3.connect(tmp_path / "cli.sqlite3") as conn:
        stored = {row[0] for row in conn.execute("SELECT username FROM staff_user")}
    assert stored == {"zhao"}


def test_the_cli_refuses_a_production_start_without_a_secret(tmp_path):
    result = portal_cli("migrate", env={"PORTAL_ENV": "production", "SECRET_KEY": ""})
    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr


def test_the_cli_refuses_a_production_start_without_site_url(tmp_path):
    env = {"PORTAL_ENV": "production", "SECRET_KEY": "x" * 48, "SITE_URL": ""}
    result = portal_cli("migrate", env={**env, "DATABASE_URL": f"sqlite://{tmp_path}/cli.sqlite3"})
    assert result.returncode == 2
    assert "SITE_URL must be set" in result.stderr


def test_serve_says_which_address_links_use_in_development(monkeypatch, capsys):
    import uvicorn

    from portal.__main__ import main

    served: list[int] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: served.append(kwargs["port"]))
    for name in ("PORTAL_ENV", "SITE_URL", "SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PORT", "8000")
    assert main(["serve", "--port", "8123"]) == 0
    assert served == [8123]
    assert os.environ["PORT"] == "8123"  # what the app's own settings read, for the same links
    said = capsys.readouterr().out
    assert "未设置 SITE_URL：邮件、日历文件和订阅中的链接使用开发地址 http://127.0.0.1:8123" in said
    monkeypatch.setenv("SITE_URL", "https://canyu.example.gov.cn")
    assert main(["serve"]) == 0
    assert "链接地址 (SITE_URL): https://canyu.example.gov.cn" in capsys.readouterr().out


async def test_the_demo_drafts_look_like_a_portal_in_use(db):
    from portal.models import Draft, DraftVersion
    from portal.services import drafts

    report = await demo.seed()
    assert report.drafts_created == len(demo.DRAFTS) >= 4
    all_drafts = await Draft.all()
    statuses = [drafts.effective_status(d).value for d in all_drafts]
    assert statuses.count("open") >= 3 and "feedback_published" in statuses
    assert all(drafts.days_left(d) for d in all_drafts if drafts.effective_status(d).value == "open")
    two = [
        d for d in all_drafts if await DraftVersion.filter(draft=d, published_at__isnull=False).count() == 2
    ]
    assert len(two) == 1
    again = await demo.seed()
    assert again.drafts_created == 0


def test_the_earlier_demo_version_drops_one_article_and_renumbers():
    from portal.services.drafting.parser import parse

    text = (demo.CORPUS / "guangzhou-liuxihe-liuyu-baohu-tiaoli-2021.md").read_text(encoding="utf-8")
    earlier = parse(demo.earlier_text(text))
    assert len(earlier.units()) == len(parse(text).units()) - 1
    assert not earlier.warnings


async def test_the_demo_comments_cover_the_paths_people_will_look_at(db):
    from portal.models import Comment, Draft, DraftStatus, Moderation

    report = await demo.seed()
    assert 300 <= report.comments_created <= 600
    assert await Comment.filter(moderation=Moderation.PENDING).count() >= 5
    assert len(set(await Comment.all().values_list("district", flat=True))) >= 11
    assert len(set(await Comment.all().values_list("liaison_point_id", flat=True))) >= 15
    decided = await Draft.get(status=DraftStatus.FEEDBACK_PUBLISHED)
    assert not await Comment.filter(draft=decided, outcome__isnull=True).exists()
    assert (await demo.seed()).comments_created == 0


async def test_the_demo_meetings_have_minutes_files_and_opinions_at_several_points(db, tmp_path):
    from portal.models import Attachment, Comment, ConsultationMeeting, MeetingFile

    report = await demo.seed(upload_dir=tmp_path)
    assert report.meetings_created >= 3
    meetings = await ConsultationMeeting.all()
    assert len({m.liaison_point_id for m in meetings}) >= 3
    assert await MeetingFile.filter(kind="minutes").count() == len(meetings)
    assert await Comment.filter(channel="meeting").count() >= 2 * len(meetings)
    stored = {p.name for p in tmp_path.iterdir() if p.is_file()}
    assert stored == set(
        await Attachment.all().values_list("stored_name", flat=True)
    )  # no file without a row
    docx = await Attachment.filter(content_type__contains="wordprocessingml").count()
    assert docx == len(meetings)


async def test_the_demo_library_has_every_status_a_reader_will_meet(db):
    await demo.seed()
    statuses = {d.status for d in await NormativeDocument.all()}
    assert {
        DocumentStatus.IN_FORCE,
        DocumentStatus.AMENDED,
        DocumentStatus.REPEALED,
        DocumentStatus.EXPIRED,
    } <= statuses
    assert await NormativeDocument.all().count() >= 30
    assert await NormativeDocument.filter(issuer_level=IssuerLevel.DISTRICT).exists()
