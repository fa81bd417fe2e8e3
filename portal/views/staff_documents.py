"""Staff pages of the normative-document library: the documents whose validity is running out."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from portal.models import Role
from portal.services import library
from portal.services.calendar import today
from portal.web.auth import require_role, staff_user
from portal.web.templating import render

# Legislative and legal-affairs staff oversee every issuing body; an organizer sees their own body's.
OVERSEERS = (Role.ADMIN, Role.LEGISLATOR)


@require_role(Role.ORGANIZER, *OVERSEERS)
async def expiring(request: Request) -> Response:
    user = staff_user(request)
    issuer = None if user.has_role(*OVERSEERS) else user.organisation
    documents = await library.expiring(issuer) if issuer != "" else []
    day = today()
    return render(
        request,
        "staff/documents/expiring.html",
        {
            "documents": documents,
            "days_left": {d.id: (d.expires_on - day).days for d in documents if d.expires_on},
            "issuer": issuer,
            "notice_days": library.EXPIRY_NOTICE_DAYS,
        },
    )
