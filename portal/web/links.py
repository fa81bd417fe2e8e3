"""Links that leave the site: in e-mails and calendar files, a path needs the portal's own address."""

from __future__ import annotations

from starlette.requests import Request


def public_address(request: Request) -> str:
    """``scheme://host`` of the portal: SITE_URL when set, else the address the visitor reached it at.
    Behind the reverse proxy that is the public address too: nginx passes the Host header on and
    uvicorn's --proxy-headers takes the scheme from X-Forwarded-Proto (docs/deployment.md)."""
    configured: str = request.app.state.settings.site_url
    return configured or str(request.base_url).rstrip("/")
