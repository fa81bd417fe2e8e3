"""Levels of government: drafts and decision catalogs of the city, a district or a street office,
filtered on the public pages and the API, and a liaison point's district linking it to its
district's consultations."""

from __future__ import annotations

from datetime import date

import pytest

from portal.models import DecisionCatalog, Draft, DraftKind, GovLevel
from portal.services import decisions, drafts, levels
from tests.conftest import SMALL_LAW, Personas, csrf_token, local_day, login, publish_text

CITY = "广州市城市绿化条例（草案）"
TIANHE = "天河区城中村消防安全管理办法（征求意见稿）"
HAIZHU = "南华西街道居民议事规则（征求意见稿）"


async def _three_drafts() -> dict[str, Draft]:
    return {
        "city": await publish_text(title=CITY),
        "tianhe": await publish_text(title=TIANHE, level=GovLevel.DISTRICT, district="天河"),
        "haizhu": await publish_text(title=HAIZHU, level=GovLevel.STREET, district="海珠"),
    }


# --- public filters -------------------------------------------------------------------------------


async def test_a_district_draft_is_listed_under_its_district_only(client, db):
    await _three_drafts()
    tianhe = (await client.get("/drafts", params={"district": "天河"})).text
    assert TIANHE in tianhe and CITY not in tianhe and HAIZHU not in tianhe
    assert '<span class="badge badge-level">天河区</span>' in tianhe
    haizhu = (await client.get("/drafts", params={"district": "海珠"})).text
    assert HAIZHU in haizhu and TIANHE not in haizhu
    assert "海珠区街道、镇" in haizhu
    city = (await client.get("/drafts", params={"level": "city"})).text
    assert CITY in city and TIANHE not in city and HAIZHU not in city
    district_level = (await client.get("/drafts", params={"level": "district"})).text
    assert TIANHE in district_level and HAIZHU not in district_level


async def test_the_draft_page_shows_its_level(client, db):
    made = await _three_drafts()
    page = (await client.get(f"/drafts/{made['tianhe'].id}")).text
    assert '<dt>层级</dt><dd><span class="badge badge-level">天河区</span></dd>' in page


async def test_unknown_filter_values_are_refused_in_chinese(client, db):
    for params, message in (
        ({"level": "province"}, "请选择有效的层级"),
        ({"district": "福田"}, "“福田”不是本市的区"),
    ):
        page = await client.get("/drafts", params=params)
        assert page.status_code == 400, params
        assert message in page.text
        api = await client.get("/api/v1/drafts", params=params)
        assert api.status_code == 400, params
        assert message in api.json()["error"]["message"]


async def test_city_level_with_a_district_is_an_empty_selection(client, db):
    await _three_drafts()
    api = await client.get("/api/v1/drafts", params={"level": "city", "district": "天河"})
    assert api.status_code == 200 and api.json()["items"] == []


async def test_the_api_filters_drafts_by_level_and_district(client, db):
    made = await _three_drafts()
    body = (await client.get("/api/v1/drafts", params={"district": "天河"})).json()
    assert [d["id"] for d in body["items"]] == [made["tianhe"].id]
    assert body["items"][0]["level"] == "district"
    assert body["items"][0]["district"] == "天河"
    assert body["items"][0]["level_label"] == "天河区"
    city = (await client.get("/api/v1/drafts", params={"level": "city"})).json()
    assert [d["id"] for d in city["items"]] == [made["city"].id]
    assert city["items"][0]["district"] is None


async def test_the_api_keeps_the_filter_in_its_next_link(client, db):
    await publish_text(title="天河一", level=GovLevel.DISTRICT, district="天河")
    await publish_text(title="天河二", level=GovLevel.DISTRICT, district="天河")
    await publish_text(title="市级")
    first = (await client.get("/api/v1/drafts", params={"district": "天河", "limit": 1})).json()
    assert first["next"] is not None
    second = (await client.get(first["next"])).json()
    assert [d["title"] for d in first["items"] + second["items"]] == ["天河一", "天河二"]
    assert second["next"] is None


async def test_the_openapi_document_describes_the_level_parameters(client, db):
    spec = (await client.get("/api/v1/openapi.json")).json()
    names = {p["name"] for p in spec["paths"]["/api/v1/drafts"]["get"]["parameters"]}
    assert {"level", "district"} <= names
    decision_names = {p["name"] for p in spec["paths"]["/api/v1/decisions"]["get"]["parameters"]}
    assert {"year", "level", "district", "body"} <= decision_names
    assert "level" in spec["components"]["schemas"]["Draft"]["properties"]


# --- validation -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "district", "message"),
    [
        (GovLevel.DISTRICT, "", "区级须选择所在区。"),
        (GovLevel.STREET, "", "街道、镇须选择所在区。"),
        (GovLevel.CITY, "天河", "市级草案或目录不属于某一个区"),
        (GovLevel.DISTRICT, "福田", "“福田”不是本市的区"),
    ],
)
async def test_the_service_refuses_a_level_and_district_that_do_not_fit(db, level, district, message):
    data = drafts.DraftInput("草案", DraftKind.LOCAL_REGULATION, "某局", level=level, district=district)
    with pytest.raises(levels.LevelError, match=message):
        await drafts.create_draft(data, SMALL_LAW, actor=None)
    assert not await Draft.exists()


async def test_a_district_typed_with_its_suffix_is_stored_as_on_liaison_points(db):
    data = drafts.DraftInput(
        "草案", DraftKind.LOCAL_REGULATION, "某局", level=GovLevel.DISTRICT, district="天河区"
    )
    draft = await drafts.create_draft(data, SMALL_LAW, actor=None)
    assert (await Draft.get(id=draft.id)).district == "天河"


async def test_the_import_form_shows_the_district_error_by_the_field_and_keeps_what_was_typed(
    client, people: Personas
):
    await login(client, people.leo)
    token = await csrf_token(client, "/staff/drafts/new")
    response = await client.post(
        "/staff/drafts/new",
        data={
            "title": "天河区测试办法",
            "kind": "local_regulation",
            "drafting_body": "天河区某局",
            "level": "district",
            "district": "",
            "text": SMALL_LAW,
            "csrf_token": token,
        },
    )
    assert response.status_code == 400
    page = response.text
    assert '<p class="field-error" id="district-error">区级须选择所在区。</p>' in page
    assert 'value="天河区测试办法"' in page
    assert '<option value="district" selected>' in page
    assert not await Draft.exists()


async def test_staff_move_a_draft_to_a_district(client, people: Personas):
    draft = await publish_text(title=CITY)
    await login(client, people.leo)
    token = await csrf_token(client, f"/staff/drafts/{draft.id}")
    refused = await client.post(
        f"/staff/drafts/{draft.id}/scope",
        data={"level": "city", "district": "天河", "csrf_token": token},
    )
    assert refused.status_code == 400
    assert "市级草案或目录不属于某一个区" in refused.text
    moved = await client.post(
        f"/staff/drafts/{draft.id}/scope",
        data={"level": "district", "district": "天河", "csrf_token": token},
    )
    assert moved.status_code == 303
    stored = await Draft.get(id=draft.id)
    assert (stored.level, stored.district) == (GovLevel.DISTRICT, "天河")


# --- catalogs -------------------------------------------------------------------------------------


async def _catalog(people: Personas, title: str, **scope: str) -> DecisionCatalog:
    level = GovLevel(scope.get("level", "city"))
    catalog = await decisions.create_catalog(
        2026, level=level, district=scope.get("district", ""), actor=people.alice, ip=""
    )
    await decisions.add_item(catalog, decisions.ItemInput(title, "某局"), actor=people.alice, ip="")
    await decisions.publish_catalog(catalog, date(2026, 3, 1), actor=people.alice, ip="")
    return catalog


async def test_the_city_and_a_district_catalog_of_one_year_each_have_their_page(client, people: Personas):
    await _catalog(people, "市级决策事项")
    tianhe = await _catalog(people, "天河区决策事项", level="district", district="天河")
    assert tianhe.body == "广州市天河区人民政府"

    city_page = (await client.get("/decisions", params={"year": 2026})).text
    assert "市级决策事项" in city_page and "天河区决策事项" not in city_page
    district_page = (await client.get("/decisions", params={"year": 2026, "district": "天河"})).text
    assert "天河区决策事项" in district_page and "市级决策事项" not in district_page
    assert "<h1>2026 年度广州市天河区人民政府重大行政决策事项目录</h1>" in district_page
    assert "目录经广州市天河区人民政府" in district_page
    haizhu = (await client.get("/decisions", params={"year": 2026, "district": "海珠"})).text
    assert "2026 年度海珠区目录尚未公布。" in haizhu

    api = (await client.get("/api/v1/decisions", params={"year": 2026, "district": "天河"})).json()
    assert (api["level"], api["district"], api["body"]) == ("district", "天河", "广州市天河区人民政府")
    assert [i["title"] for i in api["items"]] == ["天河区决策事项"]
    city_api = (await client.get("/api/v1/decisions", params={"year": 2026})).json()
    assert [i["title"] for i in city_api["items"]] == ["市级决策事项"]
    assert (await client.get("/api/v1/decisions", params={"district": "福田"})).status_code == 400


async def test_one_catalog_a_year_per_government(db, people: Personas):
    await _catalog(people, "天河区决策事项", level="district", district="天河")
    with pytest.raises(decisions.DecisionError, match="天河区 2026 年度目录已存在"):
        await decisions.create_catalog(
            2026, level=GovLevel.DISTRICT, district="天河", actor=people.alice, ip=""
        )
    # Two street offices of one district each keep their own.
    for body in ("广州市天河区猎德街道办事处", "广州市天河区冼村街道办事处"):
        await decisions.create_catalog(
            2026, level=GovLevel.STREET, district="天河", body=body, actor=people.alice, ip=""
        )
    assert await DecisionCatalog.filter(year=2026).count() == 3
    with pytest.raises(decisions.DecisionError, match="街道办事处或镇人民政府的名称"):
        await decisions.create_catalog(
            2027, level=GovLevel.STREET, district="天河", actor=people.alice, ip=""
        )


async def test_the_staff_catalog_form_shows_errors_by_the_field(client, people: Personas):
    await login(client, people.alice)
    token = await csrf_token(client, "/staff/decisions")
    response = await client.post(
        "/staff/decisions/catalogs",
        data={"year": "2026", "level": "street", "district": "天河", "body": "", "csrf_token": token},
    )
    assert response.status_code == 400
    assert '<p class="field-error" id="body-error">请填写制定目录的街道办事处或镇人民政府的名称。</p>' in (
        response.text
    )
    assert '<option value="天河" selected>' in response.text
    made = await client.post(
        "/staff/decisions/catalogs",
        data={"year": "2026", "level": "district", "district": "天河", "body": "", "csrf_token": token},
    )
    assert made.status_code == 303
    catalog = await DecisionCatalog.get(year=2026)
    assert (catalog.level, catalog.district, catalog.body) == (
        GovLevel.DISTRICT,
        "天河",
        "广州市天河区人民政府",
    )
    assert f"catalog={catalog.id}" in made.headers["location"]


# --- liaison points -------------------------------------------------------------------------------


async def test_a_liaison_point_lists_its_districts_open_consultations(client, people: Personas):
    await _three_drafts()
    closed = await publish_text(title="天河区已结束的草案", level=GovLevel.DISTRICT, district="天河")
    await drafts.close(closed, reason="测试：提前结束。", actor=None)
    await _catalog(people, "天河区决策事项", level="district", district="天河")

    page = (await client.get(f"/liaison-points/{people.tianhe.code}")).text
    assert "天河区正在征求意见的草案" in page
    assert TIANHE in page
    assert HAIZHU not in page and "天河区已结束的草案" not in page
    assert CITY not in page
    assert "全市正在征求意见的市级草案（1 件）" in page
    assert "广州市天河区人民政府重大行政决策事项目录" in page
    assert "/decisions?year=2026&amp;level=district&amp;district=%E5%A4%A9%E6%B2%B3" in page

    other = (await client.get(f"/liaison-points/{people.haizhu.code}")).text
    assert HAIZHU in other and TIANHE not in other
    assert "广州市天河区人民政府" not in other


async def _catalog_of(people: Personas, year: int, title: str, district: str = "") -> DecisionCatalog:
    catalog = await decisions.create_catalog(
        year,
        level=GovLevel.DISTRICT if district else GovLevel.CITY,
        district=district,
        actor=people.alice,
        ip="",
    )
    await decisions.add_item(catalog, decisions.ItemInput(title, "某局"), actor=people.alice, ip="")
    await decisions.publish_catalog(catalog, date(year, 3, 1), actor=people.alice, ip="")
    return catalog


async def _city_now_and_tianhe_earlier(people: Personas) -> int:
    """The city has this year's catalog; 天河 has last year's and the year before's, not this year's."""
    this_year = local_day().year
    await _catalog_of(people, this_year, "市级本年度事项")
    await _catalog_of(people, this_year - 1, "天河区去年事项", "天河")
    await _catalog_of(people, this_year - 2, "天河区前年事项", "天河")
    return this_year


async def test_choosing_a_government_without_a_year_gives_its_latest_catalog_and_all_its_years(
    db, people: Personas
):
    this_year = await _city_now_and_tianhe_earlier(people)
    tianhe = levels.Scope(GovLevel.DISTRICT, "天河")

    latest = await decisions.published_catalog(None, tianhe)
    assert latest.catalog is not None and latest.catalog.year == this_year - 1
    assert latest.years == [this_year - 1, this_year - 2]
    assert latest.owner == "广州市天河区人民政府"
    rows = await decisions.catalog_rows(latest.catalog)
    assert [r.decision.title for r in rows] == ["天河区去年事项"]

    # A year it has no catalog for: none shown, and the years it has are there to choose from.
    missing = await decisions.published_catalog(this_year, tianhe)
    assert missing.catalog is None and missing.latest_year == this_year - 1
    assert missing.year_query(this_year - 2) == (
        f"year={this_year - 2}&level=district&district=%E5%A4%A9%E6%B2%B3"
    )
    # The city's years are the city's own.
    assert (await decisions.published_catalog(None, levels.CITY)).years == [this_year]


async def test_the_catalog_page_reaches_a_districts_catalog_from_the_body_select(client, people: Personas):
    this_year = await _city_now_and_tianhe_earlier(people)
    city = (await client.get("/decisions")).text
    assert f"<h1>{this_year} 年度重大行政决策事项目录</h1>" in city
    form = city.split('aria-label="选择目录"')[1].split("</form>")[0]
    # The form sends the government alone: no year kept from the page being looked at.
    assert 'name="year"' not in form and 'name="district"' in form
    assert f"{this_year - 1} 年</a>" not in city  # the city's year list offers only its own years

    # What submitting the form with 天河区人民政府 chosen asks for.
    chosen = (await client.get("/decisions", params={"district": "天河"})).text
    assert f"<h1>{this_year - 1} 年度广州市天河区人民政府重大行政决策事项目录</h1>" in chosen
    assert "天河区去年事项" in chosen and "市级本年度事项" not in chosen
    assert '<option value="天河" selected>天河区人民政府</option>' in chosen
    for year in (this_year - 1, this_year - 2):
        assert f'href="/decisions?year={year}&amp;level=district&amp;district=%E5%A4%A9%E6%B2%B3"' in chosen
    assert f">{this_year} 年</a>" not in chosen

    # An old link that kept the city's year: told so, and led to the years 天河 has.
    kept = (await client.get("/decisions", params={"year": this_year, "district": "天河"})).text
    assert f"{this_year} 年度天河区目录尚未公布。最新公布的是" in kept
    assert (
        f'href="/decisions?year={this_year - 1}&amp;level=district&amp;district=%E5%A4%A9%E6%B2%B3">' in kept
    )
    assert f"{this_year - 2} 年</a>" in kept

    older = (await client.get("/decisions", params={"year": this_year - 2, "district": "天河"})).text
    assert "天河区前年事项" in older and "天河区去年事项" not in older


async def test_a_government_with_no_catalog_says_so(client, people: Personas):
    await _city_now_and_tianhe_earlier(people)
    page = (await client.get("/decisions", params={"district": "海珠"})).text
    assert "海珠区目录尚未公布。该决策机关尚未公布任何年度的目录。" in page
