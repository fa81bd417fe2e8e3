"""What a citizen sees of drafts: the list, the reader, an article, the comparison, search, feed, API."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from portal.models import DraftKind
from portal.services import drafts
from tests.conftest import SMALL_LAW, publish_text


async def test_the_list_shows_open_drafts_with_days_left(client, db):
    await publish_text(closes_days=20)
    page = await client.get("/drafts")
    assert page.status_code == 200
    assert "广州市测试条例（草案）" in page.text
    assert "征求意见中" in page.text
    assert "剩余 <strong>21</strong> 天" in page.text


async def test_unpublished_drafts_are_not_public(client, db):
    draft = await drafts.create_draft(
        drafts.DraftInput(title="内部草稿", kind=DraftKind.LOCAL_REGULATION, drafting_body="某局"),
        SMALL_LAW,
        actor=None,
    )
    assert "内部草稿" not in (await client.get("/drafts")).text
    assert (await client.get(f"/drafts/{draft.id}")).status_code == 404
    assert (await client.get(f"/api/v1/drafts/{draft.id}")).status_code == 404


async def test_the_list_filters_by_status_kind_and_year(client, db):
    await publish_text(title="正在征求的条例")
    await publish_text(title="已经结束的条例", opens_days=-60, closes_days=-20)
    await publish_text(title="某规范性文件", kind=DraftKind.NORMATIVE_DOCUMENT, closes_days=20)
    open_page = (await client.get("/drafts?status=open")).text
    assert "正在征求的条例" in open_page and "已经结束的条例" not in open_page
    closed_page = (await client.get("/drafts?status=closed")).text
    assert "已经结束的条例" in closed_page and "正在征求的条例" not in closed_page
    kind_page = (await client.get("/drafts?kind=normative_document")).text
    assert "某规范性文件" in kind_page and "正在征求的条例" not in kind_page
    assert "没有符合条件的草案。" in (await client.get("/drafts?year=2001")).text


async def test_the_list_refuses_unknown_filters(client, db):
    for query in ("status=draft", "status=nope", "kind=law", "year=abc", "page=0"):
        response = await client.get(f"/drafts?{query}")
        assert response.status_code == 400, query
        assert "参数" in response.text


async def test_the_list_is_paginated(client, db):
    for i in range(23):
        await publish_text(title=f"分页测试草案{i:02d}")
    first = (await client.get("/drafts")).text
    assert first.count('class="draft-item"') == 20
    assert "第 1 页，共 2 页" in first
    second = (await client.get("/drafts?page=2")).text
    assert second.count('class="draft-item"') == 3
    assert (await client.get("/drafts?page=3")).status_code == 404


async def test_the_pager_keeps_a_searched_ampersand_inside_the_search(client, db, monkeypatch):
    from portal.views import drafts as draft_views

    monkeypatch.setattr(draft_views, "PER_PAGE", 1)
    for name in ("甲", "乙"):
        await publish_text(title=f"城市&乡村条例{name}")
    first = (await client.get("/drafts", params={"q": "城市&乡村"})).text
    assert "第 1 页，共 2 页" in first
    # Not "?q=城市&乡村&page=2", which would search for "城市" with a stray parameter "乡村".
    assert 'href="/drafts?q=%E5%9F%8E%E5%B8%82%26%E4%B9%A1%E6%9D%91&amp;page=2"' in first


async def test_the_reader_shows_structure_and_anchors_every_article(client, db):
    draft = await publish_text()
    page = (await client.get(f"/drafts/{draft.id}")).text
    assert '<a href="#p0">第一章 总则</a>' in page
    for n in range(1, 6):
        assert f'id="tiao-{n}"' in page
        assert f'href="/drafts/{draft.id}/articles/tiao-{n}"' in page
    assert '<p class="para para-item">（一）树木严重影响居民采光的；</p>' in page
    assert "第 1 版（征求意见稿）" in page


async def test_a_short_window_shows_its_reason_publicly(client, db):
    draft = await publish_text(closes_days=5)
    page = (await client.get(f"/drafts/{draft.id}")).text
    assert "关于征求意见期限的说明" in page
    assert "不少于 30 日（《中华人民共和国立法法》第四十条）" in page


async def test_the_version_switch_and_comparison(client, db):
    draft = await publish_text()
    await drafts.add_version(
        draft, SMALL_LAW.replace("不得擅自砍伐树木", "不得擅自砍伐、移植树木"), label="修改稿", actor=None
    )
    from datetime import timedelta

    from portal.services.calendar import today

    await drafts.publish(draft, opens=today(), closes=today() + timedelta(days=30), actor=None)
    latest = (await client.get(f"/drafts/{draft.id}")).text
    assert "不得擅自砍伐、移植树木" in latest
    assert f'href="/drafts/{draft.id}/compare?from=1&amp;to=2"' in latest
    old = (await client.get(f"/drafts/{draft.id}?version=1")).text
    assert "您正在查看旧版本" in old and "不得擅自砍伐树木" in old
    compare_page = (await client.get(f"/drafts/{draft.id}/compare?from=1&to=2")).text
    assert "修改 1 条，新增 0 条，删除 0 条" in compare_page
    assert "<ins>、移植</ins>" in compare_page
    assert (await client.get(f"/drafts/{draft.id}?version=9")).status_code == 404
    assert (await client.get(f"/drafts/{draft.id}/compare?from=2&to=2")).status_code == 400


async def test_an_article_page_shows_its_history(client, db):
    draft = await publish_text()
    page = await client.get(f"/drafts/{draft.id}/articles/tiao-3")
    assert page.status_code == 200
    assert "任何单位和个人不得擅自砍伐树木。" in page.text
    assert "第二章/第三条" in page.text
    assert (await client.get(f"/drafts/{draft.id}/articles/tiao-99")).status_code == 404


async def test_a_single_version_has_nothing_to_compare(client, db):
    draft = await publish_text()
    page = await client.get(f"/drafts/{draft.id}/compare")
    assert "暂无可对比的修改" in page.text


async def test_search_finds_a_word_inside_a_longer_phrase_and_highlights_it(client, db):
    draft = await publish_text()
    page = (await client.get("/search", params={"q": "营商环境"})).text
    assert "共找到 1 处结果" in page
    assert "<mark>营商环境</mark>" in page
    assert f'href="/drafts/{draft.id}?version=1#tiao-4"' in page
    empty = (await client.get("/search", params={"q": "航空母舰"})).text
    assert "没有找到包含“航空母舰”的草案或条文" in empty


async def test_search_copes_with_punctuation_and_markup(client, db):
    await publish_text()
    for query in ('"', "<script>", "AND OR NOT", "（）", "绿化 ' OR 1=1 --"):
        response = await client.get("/search", params={"q": query})
        assert response.status_code == 200, query
        assert "<script>" not in response.text.replace("&lt;script&gt;", "")


async def test_withdrawn_drafts_leave_the_search_index(client, db):
    draft = await publish_text()
    await drafts.withdraw(draft, "不再制定", actor=None)
    assert "共找到 0 处结果" in (await client.get("/search", params={"q": "砍伐"})).text


async def test_the_atom_feed_lists_new_versions(client, db):
    draft = await publish_text()
    response = await client.get("/feeds/drafts.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert titles == ["广州市测试条例（草案）（征求意见稿）"]
    link = feed.find("a:entry/a:link", ns)
    assert link is not None and link.get("href", "").endswith(f"/drafts/{draft.id}?version=1")


async def test_the_api_lists_drafts_and_pages_through_provisions(client, db):
    draft = await publish_text()
    listing = (await client.get("/api/v1/drafts")).json()
    assert [d["id"] for d in listing["items"]] == [draft.id]
    detail = (await client.get(f"/api/v1/drafts/{draft.id}")).json()
    assert detail["versions"][0]["counts"]["条"] == 5
    url = detail["versions"][0]["provisions_url"] + "?limit=4"
    seen = []
    while url:
        body = (await client.get(url)).json()
        seen += body["items"]
        url = body["next"]
    assert [p["position"] for p in seen] == list(range(len(seen)))
    articles = [p for p in seen if p["level"] == "tiao"]
    assert [a["key"] for a in articles] == [f"tiao-{n}" for n in range(1, 6)]
    assert all(a["lineage"] for a in articles)
    items = [p for p in seen if p["level"] == "xiang"]
    assert [i["label"] for i in items] == ["（一）", "（二）"]


async def test_the_openapi_document_describes_every_api_route(client, db):
    from portal.routes import build_routes
    from portal.settings import Settings

    spec = (await client.get("/api/v1/openapi.json")).json()
    api = next(r for r in build_routes(Settings()) if getattr(r, "path", "") == "/api/v1")
    for route in api.routes:  # type: ignore[attr-defined]
        documented = "/api/v1" + re.sub(r":\w+}", "}", route.path)
        assert documented in spec["paths"], documented


async def test_the_home_page_lists_open_drafts(client, db):
    await publish_text(closes_days=10)
    home = (await client.get("/")).text
    assert "正在征求意见" in home and "广州市测试条例（草案）" in home
    assert "剩余 <strong>11</strong> 天" in home


async def test_a_normative_document_is_read_section_by_section(client, db):
    from portal.services.demo import NORMATIVE_DEMO_TEXT

    draft = await publish_text(NORMATIVE_DEMO_TEXT, kind=DraftKind.NORMATIVE_DOCUMENT, closes_days=14)
    page = (await client.get(f"/drafts/{draft.id}")).text
    assert '<h3 class="unit-heading">一、明确管理责任</h3>' in page
    assert 'id="section-5"' in page
    assert "各区人民政府，市政府各部门、各直属机构：" in page  # the preamble is shown before section 一
    article = (await client.get(f"/drafts/{draft.id}/articles/section-2")).text
    assert "二、规范停放充电行为" in article and "禁止私拉电线和插座" in article
