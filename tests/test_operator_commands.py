"""The operator commands end to end, in a process of their own, on a SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from tortoise.timezone import now

from portal.models import AuditEvent, Comment, Stance
from portal.services import comments
from tests.conftest import publish_text
from tests.test_backup import opened, sqlite_site


def run(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite://{site}", "UPLOAD_DIR": str(site.parent / "uploads")}
    return subprocess.run(
        [sys.executable, "-m", "portal", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def test_personal_data_commands_export_then_erase(tmp_path: Path) -> None:
    site = tmp_path / "site.sqlite3"
    async with sqlite_site(site):
        draft = await publish_text()
        await comments.submit(
            draft,
            comments.CommentInput(
                body="建议延长公示期。", stance=Stance.AMEND, name="王五", phone="139-0000-1111"
            ),
        )

    exported = run(
        site, "personal-data", "export", "--phone", "+86 13900001111", "--output", str(tmp_path / "o.json")
    )
    assert exported.returncode == 0, exported.stderr
    data = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    assert [c["commenter_name"] for c in data["comments"]] == ["王五"]

    refused = run(site, "personal-data", "erase", "--phone", "13900001111")  # no terminal, no --yes
    assert refused.returncode == 2 and "--yes" in refused.stderr
    erased = run(site, "personal-data", "erase", "--phone", "13900001111", "--yes")
    assert erased.returncode == 0, erased.stderr
    assert "139****1111" in erased.stdout and "13900001111" not in erased.stdout

    async with opened(site):
        comment = await Comment.get()
        assert (comment.commenter_name, comment.commenter_phone, comment.body) == ("", "", "建议延长公示期。")
        actions = await AuditEvent.filter(action__startswith="personal_data").values_list(
            "actor_name", flat=True
        )
        assert len(actions) == 2 and all(str(a).startswith("cli:") for a in actions)


async def test_prune_audit_command_deletes_the_old_and_records_itself(tmp_path: Path) -> None:
    site = tmp_path / "site.sqlite3"
    async with sqlite_site(site):
        for days in (10, 200):
            event = await AuditEvent.create(action=f"login_{days}")
            await AuditEvent.filter(id=event.id).update(created_at=now() - timedelta(days=days))

    done = run(site, "prune-audit")
    assert done.returncode == 0, done.stderr
    assert "审计记录 1 条、工作人员登录会话 0 个、登录尝试记录 0 条" in done.stdout

    async with opened(site):
        assert set(await AuditEvent.all().values_list("action", flat=True)) == {"login_10", "audit_pruned"}
