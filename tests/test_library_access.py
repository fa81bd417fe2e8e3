"""Ways into the library besides the list: full-text search in Chinese, the Atom feed, the JSON API, the
view counter that writes in batches, and the staff list of documents about to expire."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import httpx
from starlette.applications import Starlette

from portal.models import IssuerLevel, NormativeDocument, Role, SearchEntry
from portal.services import library
from portal.services.calendar import today
from portal.services.library import DocumentInput
from portal.services.view_counts import ViewCounter
from tests.conftest import (
    Personas,
    csrf_token,
    first_of_month,
    local_day,
    login,
    make_user,
    years_later_less_a_day,
)
from tests.library_fixtures import BACKFILLED, review

BUSINESS = "关于优化营商环境的若干措施\n\n一、总体要求\n持续优化营商环境，降低企业制度性交易成本。\n"
PARKING = "关于加强停车管理的通知\n\n一、总体要求\n加强停车设施管理，规范路内停车收费。\n"


def _input(title: str, text: str, **changes: object) -> DocumentInput:
    fields: dict[str, object] = {
        "title": title,
        "issuer": "广州市交通运输局",
        "issuer_level": IssuerLevel.CITY_DEPARTMENT,
        # In force today, whatever day the suite runs.
        "issued_on": local_day(-700),
        "effective_on": local_day(-669),
        "expires_on": local_day(3 * 365),
        "text": text,
        "review_exemption": BACKFILLED,
        **changes,
    }
    return DocumentInput(**fields)  # type: ignore[arg-type]


async def _two_documents(people: Personas) -> tuple[NormativeDocument, NormativeDocument]:
    business = await library.publish(
        _input("广州市优化营商环境若干措施", BUSINESS, issuer="广州市发展和改革委员会"),
        actor=people.alice,
        ip="",
    )
    parking = await library.publish(_input("停车管理通知", PARKING), actor=people.alice, ip="")
    return business, parking


async def test_full_text_search_finds_words_inside_the_text_and_marks_them(
    client: httpx.AsyncClient, people: Personas
):
    business, parking = await _two_documents(people)
    found = await client.get("/documents", params={"q": "交易成本"})
    assert found.status_code == 200
    assert business.title in found.text and parking.title not in found.text
    assert "<mark>交易成本</mark>" in found.text
    assert "检索“交易成本”，共 1 件" in found.text

    # The query narrows together with the other filters.
    both = await client.get("/documents", params={"q": "总体要求"})
    assert business.title in both.text and parking.title in both.text
    narrowed = await client.get("/documents", params={"q": "总体要求", "issuer": "广州市交通运输局"})
    assert parking.title in narrowed.text and business.title not in narrowed.text

    nothing = await client.get("/documents", params={"q": "无人机"})
    assert "没有符合条件的文件" in nothing.text


async def test_draft_search_does_not_return_library_documents(client: httpx.AsyncClient, people: Personas):
    await _two_documents(people)
    page = await client.get("/search", params={"q": "交易成本"})
    assert page.status_code == 200
    assert "/documents/" not in page.text.split("<main", 1)[1].split("</main>", 1)[0]


async def test_the_index_can_be_rebuilt(db, people: Personas):
    business, _ = await _two_documents(people)
    await SearchEntry.filter(document_id__isnull=False).delete()
    assert (await library.public_page(library.LibraryFilter(query="交易成本"))).total == 0
    assert await library.reindex_all() == 2
    result = await library.public_page(library.LibraryFilter(query="交易成本"))
    assert [d.id for d in result.items] == [business.id]


async def test_atom_feed_lists_the_newest_documents(client: httpx.AsyncClient, people: Personas):
    business, parking = await _two_documents(people)
    response = await client.get("/feeds/documents.atom")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring(response.content)
    entries = feed.findall("a:entry", ns)
    assert [e.findtext("a:title", namespaces=ns) for e in entries] == [parking.title, business.title]
    assert entries[0].find("a:link", ns).get("href", "").endswith(f"/documents/{parking.unified_number}")
    assert "统一编号 " + parking.unified_number in (entries[0].findtext("a:summary", namespaces=ns) or "")
    assert "/feeds/documents.atom" in (await client.get("/documents")).text


async def test_the_api_lists_filters_pages_and_details(client: httpx.AsyncClient, people: Personas):
    business, parking = await _two_documents(people)
    listed = (await client.get("/api/v1/documents", params={"limit": 1})).json()
    assert [d["unified_number"] for d in listed["items"]] == [business.unified_number]
    assert listed["next"] is not None
    rest = (await client.get(listed["next"])).json()
    assert [d["unified_number"] for d in rest["items"]] == [parking.unified_number]
    assert rest["next"] is None

    searched = (await client.get("/api/v1/documents", params={"q": "停车"})).json()
    assert [d["title"] for d in searched["items"]] == [parking.title]
    nothing = (await client.get("/api/v1/documents", params={"q": "无人机"})).json()
    assert nothing == {"items": [], "next": None}

    bad = await client.get("/api/v1/documents", params={"status": "valid"})
    assert bad.status_code == 400 and "status" in bad.json()["error"]["message"]

    detail = (await client.get(f"/api/v1/documents/{business.unified_number.lower()}")).json()
    assert detail["text"] == BUSINESS and detail["status"] == "in_force"
    assert detail["amended_or_repealed_by"] == []
    missing = await client.get("/api/v1/documents/GZ0220249999")
    assert missing.status_code == 404 and missing.json()["error"]["message"]

    spec = (await client.get("/api/v1/openapi.json")).json()
    assert {"/api/v1/documents", "/api/v1/documents/{number}"} <= set(spec["paths"])


async def test_views_are_counted_in_batches_not_per_page_view(
    app: Starlette, client: httpx.AsyncClient, people: Personas
):
    business, _ = await _two_documents(people)
    moment = [0.0]
    app.state.view_counter = ViewCounter(flush_seconds=30, clock=lambda: moment[0])
    for _ in range(3):
        assert (await client.get(f"/documents/{business.unified_number}")).status_code == 200
    await business.refresh_from_db()
    assert business.views == 0  # nothing written yet

    moment[0] = 31.0  # the next view is the one that flushes, after its response
    await client.get(f"/documents/{business.unified_number}")
    await business.refresh_from_db()
    assert business.views == 4
    assert "浏览次数</dt><dd>4<" in (await client.get(f"/documents/{business.unified_number}")).text


async def test_views_counted_by_several_processes_are_flushed_once(db, people: Personas, redis_url: str):
    business, parking = await _two_documents(people)
    namespace = f"test-{uuid.uuid4().hex}"
    first = ViewCounter(redis_url, flush_seconds=60, namespace=namespace)
    second = ViewCounter(redis_url, flush_seconds=60, namespace=namespace)
    try:
        turns = [await first.hit(business.id), await second.hit(business.id), await second.hit(parking.id)]
        assert turns == [True, False, False]  # one process flushes per interval
        assert await first.flush() == 3
        assert await second.flush() == 0  # the counts were taken once
    finally:
        await first.aclose()
        await second.aclose()
    await business.refresh_from_db()
    await parking.refresh_from_db()
    assert (business.views, parking.views) == (2, 1)


async def test_expiring_documents_are_listed_for_their_issuing_body(
    client: httpx.AsyncClient, people: Personas
):
    soon = today() + timedelta(days=45)
    long_ago = date(2020, 1, 1)
    ours = await library.publish(
        _input("交通局即将到期文件", PARKING, issued_on=long_ago, effective_on=long_ago, expires_on=soon),
        actor=people.alice,
        ip="",
    )
    theirs = await library.publish(
        _input(
            "发改委即将到期文件",
            BUSINESS,
            issuer="广州市发展和改革委员会",
            issued_on=long_ago,
            effective_on=long_ago,
            expires_on=soon,
        ),
        actor=people.alice,
        ip="",
    )
    later = await library.publish(
        _input(
            "交通局明年到期文件",
            PARKING,
            issued_on=long_ago,
            effective_on=long_ago,
            expires_on=today() + timedelta(days=120),
        ),
        actor=people.alice,
        ip="",
    )
    transport = await make_user("tom", Role.ORGANIZER)
    transport.organisation = "广州市交通运输局"
    await transport.save()
    await login(client, transport)
    page = await client.get("/staff/documents/expiring")
    assert page.status_code == 200
    assert ours.title in page.text and "45 天" in page.text
    assert theirs.title not in page.text and later.title not in page.text

    await client.post("/staff/logout", data={"csrf_token": ""})
    client.cookies.clear()
    await login(client, people.alice)
    everything = await client.get("/staff/documents/expiring")
    assert ours.title in everything.text and theirs.title in everything.text
    assert later.title not in everything.text


async def test_the_expiring_list_is_for_staff_with_a_role_that_needs_it(
    client: httpx.AsyncClient, people: Personas
):
    anonymous = await client.get("/staff/documents/expiring")
    assert anonymous.status_code == 303 and "/staff/login" in anonymous.headers["location"]
    await login(client, people.lily)
    assert (await client.get("/staff/documents/expiring")).status_code == 403
    client.cookies.clear()
    await login(client, people.olga)  # an organizer without a registered organisation
    page = await client.get("/staff/documents/expiring")
    assert page.status_code == 200 and "没有登记所属单位" in page.text


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"0" * 200


# In force already (it amends a document in force today), issued some weeks before.
EFFECTIVE = first_of_month(local_day())
ISSUED = EFFECTIVE - timedelta(days=27)


def _document_form(token: str, **changes: str) -> dict[str, str]:
    return {
        "csrf_token": token,
        "title": "广州市停车管理补充规定",
        "doc_number": f"穗交规〔{ISSUED.year}〕1号",
        "issuer": "广州市交通运输局",
        "issuer_level": "02",
        "issued_on": ISSUED.isoformat(),
        "effective_on": EFFECTIVE.isoformat(),
        "valid_years": "5",
        "text": PARKING,
        **changes,
    }


async def test_staff_publish_a_document_that_amends_another(client: httpx.AsyncClient, people: Personas):
    _, parking = await _two_documents(people)
    reviewed = await review("广州市停车管理补充规定（送审稿）")
    await login(client, people.leo)
    token = await csrf_token(client, "/staff/documents/new")
    response = await client.post(
        "/staff/documents/new",
        data=_document_form(token, amends=parking.unified_number.lower(), review_id=str(reviewed.id)),
    )
    assert response.status_code == 303
    created = await NormativeDocument.get(title="广州市停车管理补充规定")
    await reviewed.refresh_from_db()
    assert reviewed.library_document_id == created.id
    assert response.headers["location"] == f"/staff/documents/{created.unified_number}"
    assert created.expires_on == years_later_less_a_day(EFFECTIVE, 5)
    await parking.refresh_from_db()
    assert parking.status.value == "amended"
    public = await client.get(f"/documents/{parking.unified_number}")
    assert "被修改" in public.text and created.title in public.text


async def test_a_refused_document_form_keeps_what_was_typed(client: httpx.AsyncClient, people: Personas):
    await login(client, people.leo)
    token = await csrf_token(client, "/staff/documents/new")
    unknown = await client.post("/staff/documents/new", data=_document_form(token, repeals="GZ0220189999"))
    assert unknown.status_code == 400
    assert "没有统一编号为 GZ0220189999 的文件" in unknown.text
    assert "加强停车设施管理，规范路内停车收费。" in unknown.text  # the full text is still there
    bad = await client.post(
        "/staff/documents/new",
        data=_document_form(
            token, issuer="石牌街道办事处", issuer_level="04", district="", effective_on="2026-13-01"
        ),
    )
    assert bad.status_code == 400
    assert "请选择所在区" in bad.text and "年-月-日" in bad.text
    assert await NormativeDocument.all().count() == 0


async def test_attachments_are_checked_stored_and_offered_for_download(
    client: httpx.AsyncClient, people: Personas
):
    business, _ = await _two_documents(people)
    await login(client, people.leo)
    page = f"/staff/documents/{business.unified_number}"
    token = await csrf_token(client, page)
    refused = await client.post(
        f"{page}/attachments",
        data={"csrf_token": token, "title": "脚本"},
        files={"file": ("run.pdf", b"#!/bin/sh\necho hi\n", "application/pdf")},
    )
    assert refused.status_code == 303
    assert "文件类型不符合要求" in (await client.get(page)).text
    stored = await client.post(
        f"{page}/attachments",
        data={"csrf_token": token, "title": "申报表格"},
        files={"file": ("表格.pdf", PDF, "application/pdf")},
    )
    assert stored.status_code == 303
    public = await client.get(f"/documents/{business.unified_number}")
    assert "申报表格" in public.text
    link = public.text.split(f"/documents/{business.unified_number}/attachments/", 1)[1].split('"', 1)[0]
    download = await client.get(f"/documents/{business.unified_number}/attachments/{link}")
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["content-disposition"].startswith("attachment;")
    other = await client.get(f"/documents/GZ0299999999/attachments/{link}")
    assert other.status_code == 404


async def test_publishing_is_for_legislative_staff(client: httpx.AsyncClient, people: Personas):
    await login(client, people.olga)
    assert (await client.get("/staff/documents/new")).status_code == 403


def test_validity_ending_from_29_february():
    assert library.valid_until(date(2024, 2, 29), 3) == date(2027, 2, 28)
    assert library.valid_until(date(2024, 3, 1), 5) == date(2029, 2, 28)
