"""Legislative staff import a draft, check its structure, publish it lawfully and add versions."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import timedelta

from docx import Document

from portal.models import AuditEvent, Draft, DraftStatus, DraftVersion
from portal.services.calendar import today
from portal.services.drafting.parser import parse
from tests.conftest import SMALL_LAW, Personas, csrf_token, login, publish_text

FORM = {
    "title": "广州市城市绿化条例（修订草案）",
    "kind": "local_regulation",
    "drafting_body": "广州市林业和园林局",
    "summary": "修订绿化管理制度。",
}


def docx_of(text: str) -> bytes:
    """A Word file with one paragraph per line, as a drafting office would send it."""
    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line.lstrip("# "))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


async def _staff(client, people: Personas) -> str:
    await login(client, people.leo)
    return await csrf_token(client, "/staff/drafts/new")


async def test_a_pasted_text_is_imported_and_its_structure_shown_before_publishing(client, people: Personas):
    token = await _staff(client, people)
    response = await client.post("/staff/drafts/new", data={**FORM, "text": SMALL_LAW, "csrf_token": token})
    assert response.status_code == 303
    draft = await Draft.get(title=FORM["title"])
    assert draft.status == DraftStatus.DRAFT
    page = (await client.get(response.headers["location"])).text
    assert "识别结果：2 章，5 条，6 款，2 项" in page
    assert "条文编号连续，未发现缺漏或重复。" in page
    assert "发布第 1 版" in page
    assert (await client.get(f"/drafts/{draft.id}")).status_code == 404  # not public yet
    assert await AuditEvent.filter(action="draft_created", actor_id=people.leo.id).exists()


async def test_numbering_problems_are_pointed_out(client, people: Personas):
    token = await _staff(client, people)
    gappy = SMALL_LAW.replace("第四条 ", "第六条 ").replace("第五条 ", "第七条 ")
    response = await client.post("/staff/drafts/new", data={**FORM, "text": gappy, "csrf_token": token})
    page = (await client.get(response.headers["location"])).text
    assert "请核对以下问题" in page
    assert "缺少第四条" in page


async def test_a_docx_imports_with_the_same_structure_as_its_text(client, people: Personas):
    token = await _staff(client, people)
    response = await client.post(
        "/staff/drafts/new",
        data={**FORM, "csrf_token": token},
        files={"file": ("绿化条例.docx", docx_of(SMALL_LAW), "application/octet-stream")},
    )
    assert response.status_code == 303, response.text
    version = await DraftVersion.get(draft__title=FORM["title"])
    assert version.source_name == "绿化条例.docx"
    assert version.counts == parse(SMALL_LAW).counts()
    assert version.unit_count == 5


async def test_a_file_of_another_kind_is_refused_and_the_form_kept(client, people: Personas):
    token = await _staff(client, people)
    response = await client.post(
        "/staff/drafts/new",
        data={**FORM, "csrf_token": token},
        files={"file": ("草案.pdf", b"%PDF-1.7 fake", "application/pdf")},
    )
    assert response.status_code == 400
    assert "只支持 .txt、.md 或 .docx 文件" in response.text
    assert 'value="广州市城市绿化条例（修订草案）"' in response.text
    assert not await Draft.exists(title=FORM["title"])


async def test_missing_fields_and_text_are_explained(client, people: Personas):
    token = await _staff(client, people)
    response = await client.post("/staff/drafts/new", data={"title": "", "kind": "law", "csrf_token": token})
    assert response.status_code == 400
    for message in ("请填写草案标题。", "请选择草案类别。", "请填写起草单位。", "请上传草案文件"):
        assert message in response.text


async def test_a_text_without_articles_is_refused_with_the_text_kept(client, people: Personas):
    token = await _staff(client, people)
    response = await client.post(
        "/staff/drafts/new", data={**FORM, "text": "只是一段说明。", "csrf_token": token}
    )
    assert response.status_code == 400
    assert "未能识别出任何条文" in response.text
    assert "只是一段说明。" in response.text


async def _imported(client, people: Personas) -> Draft:
    token = await _staff(client, people)
    await client.post("/staff/drafts/new", data={**FORM, "text": SMALL_LAW, "csrf_token": token})
    return await Draft.get(title=FORM["title"])


async def test_publishing_a_short_window_without_a_reason_cites_the_law(client, people: Personas):
    draft = await _imported(client, people)
    token = await csrf_token(client, f"/staff/drafts/{draft.id}")
    response = await client.post(
        f"/staff/drafts/{draft.id}/publish",
        data={
            "opens": today().isoformat(),
            "closes": (today() + timedelta(days=14)).isoformat(),
            "csrf_token": token,
        },
    )
    assert response.status_code == 400
    assert "少于法定的不少于 30 日（《中华人民共和国立法法》第四十条）" in response.text
    await draft.refresh_from_db()
    assert draft.status == DraftStatus.DRAFT


async def test_publishing_with_a_lawful_window_makes_it_public(client, people: Personas):
    draft = await _imported(client, people)
    token = await csrf_token(client, f"/staff/drafts/{draft.id}")
    response = await client.post(
        f"/staff/drafts/{draft.id}/publish",
        data={
            "opens": today().isoformat(),
            "closes": (today() + timedelta(days=30)).isoformat(),
            "csrf_token": token,
        },
    )
    assert response.status_code == 303
    assert "已发布，征求意见至" in (await client.get(response.headers["location"])).text
    public = await client.get(f"/drafts/{draft.id}")
    assert public.status_code == 200 and "剩余 <strong>31</strong> 天" in public.text


async def test_a_short_window_with_a_reason_is_published_and_explained(client, people: Personas):
    draft = await _imported(client, people)
    token = await csrf_token(client, f"/staff/drafts/{draft.id}")
    await client.post(
        f"/staff/drafts/{draft.id}/publish",
        data={
            "opens": today().isoformat(),
            "closes": (today() + timedelta(days=9)).isoformat(),
            "short_window_reason": "台风季前须尽快出台防灾措施。",
            "csrf_token": token,
        },
    )
    assert "台风季前须尽快出台防灾措施。" in (await client.get(f"/drafts/{draft.id}")).text


async def test_bad_dates_are_explained(client, people: Personas):
    draft = await _imported(client, people)
    token = await csrf_token(client, f"/staff/drafts/{draft.id}")
    response = await client.post(
        f"/staff/drafts/{draft.id}/publish", data={"opens": "明天", "closes": "", "csrf_token": token}
    )
    assert response.status_code == 400
    assert "请填写开始日期（格式：2026-01-31）。" in response.text
    assert "请填写截止日期" in response.text


async def test_a_new_version_waits_for_publishing_and_then_replaces_the_public_text(client, people: Personas):
    draft = await publish_text()
    await login(client, people.leo)
    token = await csrf_token(client, f"/staff/drafts/{draft.id}")
    revised = SMALL_LAW.replace("不得擅自砍伐树木", "不得擅自砍伐、移植树木")
    response = await client.post(
        f"/staff/drafts/{draft.id}/versions", data={"label": "修改稿", "text": revised, "csrf_token": token}
    )
    assert response.status_code == 303
    assert "不得擅自砍伐、移植树木" not in (await client.get(f"/drafts/{draft.id}")).text
    await client.post(
        f"/staff/drafts/{draft.id}/publish",
        data={
            "opens": today().isoformat(),
            "closes": (today() + timedelta(days=30)).isoformat(),
            "csrf_token": token,
        },
    )
    assert "不得擅自砍伐、移植树木" in (await client.get(f"/drafts/{draft.id}")).text


async def test_withdrawing_needs_a_reason_that_is_then_public(client, people: Personas):
    draft = await publish_text()
    await login(client, people.leo)
    token = await csrf_token(client, f"/staff/drafts/{draft.id}")
    refused = await client.post(
        f"/staff/drafts/{draft.id}/withdraw", data={"reason": "", "csrf_token": token}
    )
    assert refused.status_code == 400
    assert "撤回草案需要说明理由" in refused.text
    await client.post(
        f"/staff/drafts/{draft.id}/withdraw", data={"reason": "并入其他立法项目。", "csrf_token": token}
    )
    public = (await client.get(f"/drafts/{draft.id}")).text
    assert "草案已撤回" in public and "并入其他立法项目。" in public


async def test_only_legislative_staff_and_admins_manage_drafts(client, people: Personas):
    for persona in ("lily", "olga", "mona"):
        await login(client, getattr(people, persona))
        assert (await client.get("/staff/drafts")).status_code == 403, persona
        token = await csrf_token(client, "/staff/")
        refused = await client.post(
            "/staff/drafts/new", data={**FORM, "text": SMALL_LAW, "csrf_token": token}
        )
        assert refused.status_code == 403
        client.cookies.clear()
    assert not await Draft.exists(title=FORM["title"])
    await login(client, people.alice)
    assert (await client.get("/staff/drafts")).status_code == 200


async def test_an_upload_over_the_limit_is_refused_with_413(app, client, people: Personas):
    token = await _staff(client, people)
    too_big = b"a" * (app.state.settings.max_upload_bytes + 3 * 1024 * 1024)
    response = await client.post(
        "/staff/drafts/new",
        data={**FORM, "csrf_token": token},
        files={"file": ("big.txt", too_big, "text/plain")},
    )
    assert response.status_code == 413
    assert "提交的内容过大" in response.text


def test_the_import_command_reads_a_docx_and_publishes(tmp_path):
    path = tmp_path / "草案.docx"
    path.write_bytes(docx_of(SMALL_LAW))
    env = {**os.environ, "DATABASE_URL": f"sqlite://{tmp_path}/cli.sqlite3"}
    subprocess.run([sys.executable, "-m", "portal", "migrate"], env=env, check=True, capture_output=True)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "portal",
            "import-draft",
            str(path),
            "--title",
            "命令行导入的草案",
            "--kind",
            "local_regulation",
            "--body",
            "某局",
            "--publish-days",
            "30",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "5 个单元" in done.stdout and "已发布，征求意见 30 日" in done.stdout
    refused = subprocess.run(
        [
            sys.executable,
            "-m",
            "portal",
            "import-draft",
            str(path),
            "--title",
            "期限太短",
            "--kind",
            "local_regulation",
            "--publish-days",
            "10",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert refused.returncode == 2 and "缩短理由" in refused.stderr
