"""The public directory of liaison points, in HTML and JSON."""

from __future__ import annotations

from portal.models import LiaisonPoint
from portal.services import demo


async def test_the_list_groups_points_by_district_in_the_citys_order(client, db):
    await demo.seed()
    response = await client.get("/liaison-points")
    assert response.status_code == 200
    text = response.text
    assert "全市共 22 个联系点。" in text
    districts = ["越秀", "海珠", "荔湾", "天河", "白云", "黄埔", "番禺", "花都", "南沙", "从化", "增城"]
    positions = [text.index(f"{d}区 <span") for d in districts]
    assert positions == sorted(positions)
    assert "中山大学法学院基层立法联系点" in text
    assert 'href="/liaison-points/GZ-HZ-02"' in text


async def test_the_detail_page_shows_how_to_reach_a_point(client, db):
    await demo.seed()
    response = await client.get("/liaison-points/GZ-CH-01")
    assert response.status_code == 200
    assert "街口街道基层立法联系点" in response.text
    assert "020-87001021" in response.text
    assert "流溪河" in response.text


async def test_inactive_points_are_not_listed(client, db):
    await LiaisonPoint.create(
        code="OLD", name="已撤销联系点", district="天河", host_organisation="h", active=False
    )
    assert "已撤销联系点" not in (await client.get("/liaison-points")).text
    assert (await client.get("/liaison-points/OLD")).status_code == 404


async def test_an_empty_directory_says_so(client, db):
    response = await client.get("/liaison-points")
    assert "尚未设立基层立法联系点。" in response.text


async def test_the_api_pages_through_every_point_exactly_once(client, db):
    await demo.seed()
    codes: list[str] = []
    url: str | None = "/api/v1/liaison-points?limit=5"
    pages = 0
    while url:
        body = (await client.get(url)).json()
        assert len(body["items"]) <= 5
        codes += [item["code"] for item in body["items"]]
        url = body["next"]
        pages += 1
    assert pages == 5
    assert len(codes) == 22 == len(set(codes))
    assert set(codes) == {p.code for p in demo.POINTS}


async def test_the_api_describes_each_point(client, db):
    await demo.seed()
    body = (await client.get("/api/v1/liaison-points?limit=100")).json()
    assert body["next"] is None
    first = body["items"][0]
    assert first["code"] == "GZ-YX-01"
    assert first["district"] == "越秀"
    assert first["url"] == "/liaison-points/GZ-YX-01"


async def test_the_api_refuses_bad_limits_with_a_json_error(client, db):
    for query in ("limit=0", "limit=101", "limit=abc", "after=-1", "limit=１０"):
        response = await client.get(f"/api/v1/liaison-points?{query}")
        assert response.status_code == 400, query
        assert "参数" in response.json()["error"]["message"]


async def test_the_openapi_document_lists_the_endpoint(client, db):
    spec = (await client.get("/api/v1/openapi.json")).json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/liaison-points" in spec["paths"]
