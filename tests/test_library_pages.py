"""Library pages: filters by issuer, year, status, level and district; a document shows its number,
status, the documents acting on it, and its sections with anchors."""

from __future__ import annotations

from datetime import date, timedelta

import httpx

from portal.models import DraftKind, IssuerLevel, NormativeDocument
from portal.services import library
from portal.services.library import DocumentInput
from tests.conftest import (
    Personas,
    csrf_token,
    first_of_month,
    local_day,
    login,
    publish_text,
    years_later_less_a_day,
)
from tests.library_fixtures import BACKFILLED, review

ISSUED = local_day(-700)  # two years ago, give or take: a year of its own in the year filter

TEXT = (
    "关于加强停车管理的通知\n\n一、总体要求\n加强停车设施管理。\n\n"
    "二、工作措施\n（一）规范收费。\n（二）加强执法。\n"
)


def _input(title: str, **changes: object) -> DocumentInput:
    fields: dict[str, object] = {
        "title": title,
        "issuer": "广州市交通运输局",
        "issuer_level": IssuerLevel.CITY_DEPARTMENT,
        # In force today, whatever day the suite runs.
        "issued_on": ISSUED,
        "effective_on": ISSUED + timedelta(days=31),
        "expires_on": local_day(3 * 365),
        "text": TEXT,
        "topic": "交通",
        "review_exemption": BACKFILLED,
        **changes,
    }
    return DocumentInput(**fields)  # type: ignore[arg-type]


async def test_the_list_filters_and_explains_an_empty_result(client: httpx.AsyncClient, people: Personas):
    assert "文件库中还没有文件" in (await client.get("/documents")).text
    await library.publish(_input("停车管理通知"), actor=people.alice, ip="")
    await library.publish(
        _input(
            "天河区旧改通知",
            issuer="广州市天河区人民政府",
            issuer_level=IssuerLevel.DISTRICT,
            district="天河",
            issued_on=date(2019, 1, 1),
            effective_on=date(2019, 2, 1),
            expires_on=date(2022, 1, 31),
            topic="城建",
        ),
        actor=people.alice,
        ip="",
    )
    everything = await client.get("/documents")
    assert "停车管理通知" in everything.text and "天河区旧改通知" in everything.text
    district = await client.get("/documents", params={"level": "03", "district": "天河"})
    assert "天河区旧改通知" in district.text and "停车管理通知" not in district.text
    expired = await client.get("/documents", params={"status": "expired"})
    assert "天河区旧改通知" in expired.text and "停车管理通知" not in expired.text
    year = await client.get("/documents", params={"year": str(ISSUED.year)})
    assert "停车管理通知" in year.text and "天河区旧改通知" not in year.text
    none = await client.get("/documents", params={"year": "2001"})
    assert "没有符合条件的文件" in none.text
    assert (await client.get("/documents", params={"status": "bogus"})).status_code == 400


async def test_a_document_page_shows_status_relations_and_anchored_sections(
    client: httpx.AsyncClient, people: Personas
):
    base = await library.publish(_input("停车管理通知"), actor=people.alice, ip="")
    repeal = await library.publish(
        _input(
            "废止停车管理通知的决定",
            issued_on=local_day(-30),
            effective_on=local_day(-30),
            expires_on=None,
        ),
        actor=people.alice,
        ip="",
        repeals=[base],
    )
    page = await client.get(f"/documents/{base.unified_number.lower()}")
    assert page.status_code == 200
    assert base.unified_number in page.text and "废止" in page.text
    assert f'href="/documents/{repeal.unified_number}"' in page.text
    assert 'id="u1"' in page.text and 'id="u2"' in page.text and "工作措施" in page.text
    missing = await client.get("/documents/GZ0299990001")
    assert missing.status_code == 404 and "未找到该规范性文件" in missing.text


async def test_an_adopted_normative_draft_is_published_to_the_library_in_one_step(
    client: httpx.AsyncClient, people: Personas
):
    draft = await publish_text(
        TEXT,
        title="关于加强停车管理的通知（征求意见稿）",
        kind=DraftKind.NORMATIVE_DOCUMENT,
        opens_days=-20,
        closes_days=-1,
    )
    open_one = await publish_text(TEXT, title="仍在征求意见的通知", kind=DraftKind.NORMATIVE_DOCUMENT)
    reviewed = await review("关于加强停车管理的通知（送审稿）", body=draft.drafting_body)
    await login(client, people.leo)
    manage = await client.get(f"/staff/drafts/{draft.id}")
    assert f'href="/staff/drafts/{draft.id}/library"' in manage.text
    token = await csrf_token(client, f"/staff/drafts/{draft.id}/library")
    issued = local_day()
    effective = first_of_month(issued, months_ahead=1)
    form = {
        "csrf_token": token,
        "issuer_level": "",  # 广州市测试局: a city department, by its name
        "doc_number": f"穗交运规字〔{issued.year}〕3号",
        "issued_on": issued.isoformat(),
        "effective_on": effective.isoformat(),
        "valid_years": "5",
        "interpretation": "明确停车收费和执法要求。",
        "review_id": str(reviewed.id),
    }
    early = await client.post(f"/staff/drafts/{open_one.id}/library", data=form)
    assert early.status_code == 400 and "征求意见结束后才能发布正式文件" in early.text
    done = await client.post(f"/staff/drafts/{draft.id}/library", data=form)
    assert done.status_code == 303
    document = await NormativeDocument.get(draft=draft)
    assert document.title == "关于加强停车管理的通知" and document.issuer == draft.drafting_body
    assert document.issuer_level == IssuerLevel.CITY_DEPARTMENT
    assert document.expires_on == years_later_less_a_day(effective, 5)
    page = await client.get(done.headers["location"])
    assert document.unified_number in page.text and f'href="/drafts/{draft.id}"' in page.text
    again = await client.post(f"/staff/drafts/{draft.id}/library", data=form)
    assert again.status_code == 400 and "已发布为" in again.text
    assert await NormativeDocument.filter(draft=draft).count() == 1
