"""Links that leave the site (e-mails, calendar files, feeds) need the portal's own address."""

from __future__ import annotations

from starlette.requests import Request


def public_address(request: Request) -> str:
    """``scheme://host`` of the portal, from the configuration only (``Settings.public_url``: SITE_URL,
    required in production). Never the Host header the request came with: anyone can send any Host,
    and an official e-mail or calendar entry would then link to their site."""
    address: str = request.app.state.settings.public_url
    return address
