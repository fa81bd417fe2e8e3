"""The whole URL space in one table, grouped by prefix."""

from __future__ import annotations

from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from portal.settings import Settings
from portal.views import api, auth, liaison_points, public, staff


def build_routes(settings: Settings) -> list[BaseRoute]:
    return [
        # Public pages
        Route("/", public.home, name="home"),
        Route("/healthz", public.healthz, name="healthz"),
        Route("/preferences/display", public.set_display, methods=["POST"], name="set_display"),
        Route("/liaison-points", liaison_points.index, name="liaison_points"),
        Route("/liaison-points/{code}", liaison_points.detail, name="liaison_point"),
        # Read-only JSON API
        Mount(
            "/api/v1",
            routes=[
                Route("/openapi.json", api.openapi, name="openapi"),
                Route("/liaison-points", api.liaison_points, name="api_liaison_points"),
            ],
        ),
        # Staff
        Mount(
            "/staff",
            routes=[
                Route("/login", auth.login_page, methods=["GET"], name="login"),
                Route("/login", auth.login, methods=["POST"], name="login_submit"),
                Route("/logout", auth.logout, methods=["POST"], name="logout"),
                Route("/", staff.dashboard, name="staff_home"),
                Route("/points/{code}", staff.point_workspace, name="staff_point"),
                Route("/users", staff.users, methods=["GET"], name="staff_users"),
                Route("/users", staff.create_user, methods=["POST"], name="staff_user_create"),
                Route(
                    "/users/{user_id:int}/active",
                    staff.set_user_active,
                    methods=["POST"],
                    name="staff_user_active",
                ),
                Route("/audit", staff.audit_log, name="staff_audit"),
            ],
        ),
        Mount("/static", app=StaticFiles(directory=settings.static_dir), name="static"),
    ]
