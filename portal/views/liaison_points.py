"""Public directory of the grassroots legislative liaison points."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from portal.services import decisions, drafts, liaison, meetings
from portal.web.templating import render


async def index(request: Request) -> Response:
    groups = await liaison.grouped_by_district()
    return render(
        request,
        "liaison/index.html",
        {"groups": groups, "point_count": sum(len(g.points) for g in groups)},
    )


async def detail(request: Request) -> Response:
    point = await liaison.get_by_code(request.path_params["code"])
    if point is None:
        raise HTTPException(404, "未找到该基层立法联系点。")
    activity = await meetings.point_activity(point)
    return render(
        request,
        "liaison/detail.html",
        {
            "point": point,
            "activity": activity,
            # the point's district links it to that district's own consultations and catalog
            "district_drafts": await drafts.open_in_district(point.district),
            "city_open": await drafts.open_city_count(),
            "district_catalog": await decisions.latest_district_catalog(point.district),
        },
    )
