"""Who may call what: every route of the app against every kind of visitor.

The routes are read from the app's route table, so a new route without a rule here fails
``test_every_route_has_a_rule`` (and the matrix itself) with its name. The rules are written out by
hand rather than read from ``require_role``: the table is the specification the guards are checked
against, not a copy of them.

Visitors: an anonymous citizen, one staff user per role, a liaison user of another point (objects of
the liaison's point do not exist for them: 404) and an organizer of another unit (a decision item of
another 承办单位, and a hearing held on one, are refused: 403). Path parameters are real objects of the
demo data, so a 404 is never an accident: every object route has some visitor for whom it is allowed.

Who owns what (the rules the "other" visitors check): a meeting, a comment's contacts and a point's
inbox belong to the liaison point; a decision item to its 承办单位; a hearing to the unit of its decision
item (on a draft: legislative staff and the drafting body; on neither: admins). Legality reviews and the
library are run by central desks (the review desk, the legislative and legal-affairs staff) with no unit
or point owning one; an organizer's list of expiring documents is limited to their own issuing body
(tests/test_library_access.py). A published document is corrected or withdrawn only by a publishing
role of its issuing body, or an admin: the legislator below works for the issuer of the document in the
path, the reviewer for no unit (tests/test_library_integrity_pages.py covers another unit).
``test_lists_show_each_visitor_only_what_is_theirs`` checks that the staff lists agree with the object
routes.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum

import httpx
import pytest
import pytest_asyncio
from starlette.applications import Starlette
from starlette.routing import BaseRoute, Mount, Route

from portal.models import (
    Comment,
    ConsultationMeeting,
    Decision,
    DecisionCatalog,
    DocumentAttachment,
    Draft,
    DraftStatus,
    DraftVersion,
    Evaluation,
    Hearing,
    HearingMaterial,
    HearingRegistration,
    HearingStatus,
    LegalityReview,
    LiaisonPoint,
    MeetingFile,
    Moderation,
    Provision,
    Role,
    StepKind,
    User,
)
from portal.routes import build_routes
from portal.services import accounts, demo
from portal.settings import Settings


class Outcome(StrEnum):
    ALLOWED = "allowed"  # any status but the three below (a 400 for missing fields means the guard let it in)
    LOGIN = "login"  # 303 to /staff/login
    FORBIDDEN = "403"
    NOT_FOUND = "404"


ALLOWED, LOGIN, FORBIDDEN, NOT_FOUND = Outcome.ALLOWED, Outcome.LOGIN, Outcome.FORBIDDEN, Outcome.NOT_FOUND

# persona -> the one role it holds (None: anonymous)
PERSONAS: dict[str, Role | None] = {
    "anonymous": None,
    "admin": Role.ADMIN,
    "liaison": Role.LIAISON,
    "legislator": Role.LEGISLATOR,
    "organizer": Role.ORGANIZER,
    "moderator": Role.MODERATOR,
    "reviewer": Role.REVIEWER,
    "other_liaison": Role.LIAISON,  # bound to another point than the objects below
    "other_organizer": Role.ORGANIZER,  # works for another unit than the decision below
}

ADM, LIA, LEG, ORG, MOD, REV = (
    Role.ADMIN,
    Role.LIAISON,
    Role.LEGISLATOR,
    Role.ORGANIZER,
    Role.MODERATOR,
    Role.REVIEWER,
)


@dataclass(frozen=True)
class Rule:
    expected: dict[str, Outcome]
    params: dict[str, str] = field(default_factory=dict)  # overrides of the default path parameters
    query: str = ""
    data: dict[str, str] = field(default_factory=dict)


def public(**extra: object) -> Rule:
    return Rule({p: ALLOWED for p in PERSONAS}, **extra)  # type: ignore[arg-type]


def staff(
    *roles: Role, other_point: Outcome | None = None, other_unit: Outcome | None = None, **extra: object
) -> Rule:
    """Signed-in staff holding one of ``roles`` (any staff when none) pass; others get 403."""
    expected = {}
    for persona, role in PERSONAS.items():
        if role is None:
            expected[persona] = LOGIN
        elif not roles or role in roles:
            expected[persona] = ALLOWED
        else:
            expected[persona] = FORBIDDEN
    if other_point is not None:
        expected["other_liaison"] = other_point
    if other_unit is not None:
        expected["other_organizer"] = other_unit
    return Rule(expected, **extra)  # type: ignore[arg-type]


SPARE_DRAFT = {"draft_id": "spare_draft_id"}  # drafts that a POST may close, withdraw or republish

MATRIX: dict[tuple[str, str], Rule] = {
    # Public pages
    ("GET", "/"): public(),
    ("GET", "/healthz"): public(),
    ("POST", "/preferences/display"): public(),
    ("GET", "/drafts"): public(),
    ("GET", "/drafts/{draft_id:int}"): public(),
    ("GET", "/drafts/{draft_id:int}/articles/{key:unit_key}"): public(),
    ("GET", "/drafts/{draft_id:int}/compare"): public(),
    ("GET", "/drafts/{draft_id:int}/comment"): public(),
    ("POST", "/drafts/{draft_id:int}/comment"): public(),
    ("GET", "/drafts/{draft_id:int}/comments"): public(),
    ("GET", "/drafts/{draft_id:int}/feedback"): public(params={"draft_id": "feedback_draft_id"}),
    ("POST", "/comments/{comment_id:int}/support"): public(),
    ("GET", "/receipt"): public(),
    ("GET", "/documents"): public(),
    ("GET", "/documents/{number:document_number}"): public(),
    ("GET", "/documents/{number:document_number}/attachments/{attachment_id:int}"): public(),
    ("GET", "/hearings"): public(),
    ("GET", "/hearings.ics"): public(),
    ("GET", "/hearings/registration"): public(),
    ("POST", "/hearings/registration/cancel"): public(data={"code": "registration_code"}),
    ("GET", "/hearings/{hearing_id:int}"): public(),
    ("GET", "/hearings/{hearing_id:int}.ics"): public(),
    ("POST", "/hearings/{hearing_id:int}/register"): public(params={"hearing_id": "open_hearing_id"}),
    ("GET", "/hearings/{hearing_id:int}/verify"): public(),
    ("GET", "/hearings/{hearing_id:int}/draw.json"): public(),
    ("GET", "/hearings/{hearing_id:int}/report"): public(params={"hearing_id": "reported_hearing_id"}),
    ("GET", "/hearings/{hearing_id:int}/materials/{material_id:int}"): public(),
    ("GET", "/decisions"): public(),
    ("GET", "/decisions/export.csv"): public(),
    ("POST", "/decisions/proposals"): public(),
    ("GET", "/decisions/{decision_id:int}"): public(),
    ("GET", "/decisions/documents/{attachment_id:int}"): public(params={"attachment_id": "decision_file_id"}),
    ("POST", "/decisions/{decision_id:int}/evaluations/{evaluation_id:int}/questionnaire"): public(),
    ("GET", "/search"): public(query="q=条例"),
    ("GET", "/feeds/drafts.atom"): public(),
    ("GET", "/feeds/documents.atom"): public(),
    ("GET", "/liaison-points"): public(),
    ("GET", "/liaison-points/{code:point_code}"): public(),
    ("GET", "/static"): public(),
    # Read-only JSON API
    ("GET", "/api/v1/openapi.json"): public(),
    ("GET", "/api/v1/liaison-points"): public(),
    ("GET", "/api/v1/drafts"): public(),
    ("GET", "/api/v1/documents"): public(),
    ("GET", "/api/v1/documents/{number:document_number}"): public(),
    ("GET", "/api/v1/decisions"): public(),
    ("GET", "/api/v1/decisions/{decision_id:int}"): public(),
    ("GET", "/api/v1/drafts/{draft_id:int}"): public(),
    ("GET", "/api/v1/drafts/{draft_id:int}/comments"): public(),
    ("GET", "/api/v1/drafts/{draft_id:int}/stats"): public(),
    ("GET", "/api/v1/drafts/{draft_id:int}/versions/{number:int}/provisions"): public(
        params={"number": "version_number"}
    ),
    # Sign-in
    ("GET", "/staff/login"): public(),
    ("POST", "/staff/login"): public(),
    ("POST", "/staff/logout"): public(),
    ("GET", "/staff/password"): staff(),
    ("POST", "/staff/password"): staff(),
    # Staff: foundation
    ("GET", "/staff/"): staff(),
    ("GET", "/staff/points/{code:point_code}"): staff(LIA, ADM, other_point=NOT_FOUND),
    ("GET", "/staff/users"): staff(ADM),
    ("POST", "/staff/users"): staff(ADM),
    ("POST", "/staff/users/{user_id:int}/active"): staff(ADM),
    ("GET", "/staff/audit"): staff(ADM),
    ("GET", "/staff/personal-data"): staff(ADM),
    ("POST", "/staff/personal-data/export"): staff(ADM),
    ("POST", "/staff/personal-data/erase"): staff(ADM),
    # Staff: library
    ("GET", "/staff/documents"): staff(ADM, LEG, REV),
    ("GET", "/staff/documents/new"): staff(ADM, LEG, REV),
    ("POST", "/staff/documents/new"): staff(ADM, LEG, REV),
    ("GET", "/staff/documents/expiring"): staff(ORG, ADM, LEG, REV),
    ("GET", "/staff/documents/{number:document_number}"): staff(ADM, LEG, REV),
    ("POST", "/staff/documents/{number:document_number}/attachments"): staff(ADM, LEG, REV),
    # The issuer's staff only: the reviewer holds a publishing role but works for no unit (403).
    ("GET", "/staff/documents/{number:document_number}/correct"): staff(ADM, LEG),
    ("POST", "/staff/documents/{number:document_number}/correct"): staff(ADM, LEG),
    ("POST", "/staff/documents/{number:document_number}/withdraw"): staff(ADM, LEG),
    # Staff: drafts, comments, feedback, digest
    ("GET", "/staff/drafts"): staff(LEG, ADM),
    ("GET", "/staff/drafts/new"): staff(LEG, ADM),
    ("POST", "/staff/drafts/new"): staff(LEG, ADM),
    ("GET", "/staff/drafts/{draft_id:int}"): staff(LEG, ADM),
    ("POST", "/staff/drafts/{draft_id:int}/versions"): staff(LEG, ADM, params=SPARE_DRAFT),
    ("POST", "/staff/drafts/{draft_id:int}/scope"): staff(LEG, ADM, params=SPARE_DRAFT),
    ("POST", "/staff/drafts/{draft_id:int}/publish"): staff(LEG, ADM, params=SPARE_DRAFT),
    ("GET", "/staff/drafts/{draft_id:int}/library"): staff(LEG, ADM, params=SPARE_DRAFT),
    ("POST", "/staff/drafts/{draft_id:int}/library"): staff(LEG, ADM, params=SPARE_DRAFT),
    ("GET", "/staff/drafts/{draft_id:int}/close"): staff(LEG, ADM),
    ("POST", "/staff/drafts/{draft_id:int}/close"): staff(LEG, ADM, params=SPARE_DRAFT),
    ("POST", "/staff/drafts/{draft_id:int}/withdraw"): staff(LEG, ADM, params=SPARE_DRAFT),
    ("GET", "/staff/drafts/{draft_id:int}/comments"): staff(LEG, ADM),
    ("POST", "/staff/drafts/{draft_id:int}/comments/outcome"): staff(LEG, ADM),
    ("GET", "/staff/drafts/{draft_id:int}/feedback"): staff(LEG, ADM),
    ("POST", "/staff/drafts/{draft_id:int}/feedback"): staff(LEG, ADM, params=SPARE_DRAFT),
    ("GET", "/staff/comments/{comment_id:int}"): staff(LIA, LEG, MOD, ADM, other_point=NOT_FOUND),
    ("POST", "/staff/comments/{comment_id:int}/outcome"): staff(LEG, ADM),
    ("POST", "/staff/comments/{comment_id:int}/reassign"): staff(LIA, LEG, ADM, other_point=NOT_FOUND),
    ("GET", "/staff/moderation"): staff(MOD, ADM),
    ("POST", "/staff/moderation"): staff(MOD, ADM),
    ("GET", "/staff/moderation/words"): staff(MOD, ADM),
    ("POST", "/staff/moderation/words"): staff(ADM),
    # A liaison user sees their own point's share of the digest; deciding and exporting is legislative.
    ("GET", "/staff/drafts/{draft_id:int}/digest"): staff(LIA, LEG, ADM),
    ("POST", "/staff/drafts/{draft_id:int}/digest/refresh"): staff(LEG, ADM),
    ("POST", "/staff/drafts/{draft_id:int}/digest/outcome"): staff(LEG, ADM),
    ("GET", "/staff/drafts/{draft_id:int}/export/opinions.xlsx"): staff(LEG, ADM),
    # Commenters' contacts: only those who may reveal a phone in the staff pages (masking.may_reveal).
    ("GET", "/staff/drafts/{draft_id:int}/export/opinions-contacts.xlsx"): staff(LEG, ADM),
    ("GET", "/staff/drafts/{draft_id:int}/export/report.docx"): staff(LEG, ADM),
    ("GET", "/staff/drafts/{draft_id:int}/export/comments.csv"): staff(LEG, ADM),
    ("GET", "/staff/drafts/{draft_id:int}/export/comments.json"): staff(LEG, ADM),
    # Staff: hearings, each run by the unit of its decision item (the hearing below is on the decision
    # below; legislative staff run hearings on drafts only, so they are refused this one too)
    ("GET", "/staff/hearings"): staff(ORG, LEG, ADM),
    ("POST", "/staff/hearings"): staff(ORG, ADM, other_unit=FORBIDDEN, data={"decision": "decision_id"}),
    ("GET", "/staff/hearings/{hearing_id:int}"): staff(ORG, ADM, other_unit=FORBIDDEN),
    ("POST", "/staff/hearings/{hearing_id:int}/publish"): staff(ORG, ADM, other_unit=FORBIDDEN),
    ("POST", "/staff/hearings/{hearing_id:int}/status"): staff(ORG, ADM, other_unit=FORBIDDEN),
    ("POST", "/staff/hearings/{hearing_id:int}/draw"): staff(ORG, ADM, other_unit=FORBIDDEN),
    ("POST", "/staff/hearings/{hearing_id:int}/close-registration"): staff(ORG, ADM, other_unit=FORBIDDEN),
    ("POST", "/staff/hearings/{hearing_id:int}/checkin"): staff(ORG, ADM, other_unit=FORBIDDEN),
    ("POST", "/staff/hearings/{hearing_id:int}/materials"): staff(ORG, ADM, other_unit=FORBIDDEN),
    ("POST", "/staff/hearings/{hearing_id:int}/materials/send"): staff(ORG, ADM, other_unit=FORBIDDEN),
    ("POST", "/staff/hearings/{hearing_id:int}/record"): staff(ORG, ADM, other_unit=FORBIDDEN),
    ("POST", "/staff/hearings/{hearing_id:int}/report"): staff(ORG, ADM, other_unit=FORBIDDEN),
    # Staff: decisions (an organizer manages the items of their own unit only)
    ("GET", "/staff/decisions"): staff(ORG, ADM),
    ("POST", "/staff/decisions/catalogs"): staff(ADM),
    ("POST", "/staff/decisions/catalogs/{catalog_id:int}/publish"): staff(ADM),
    ("POST", "/staff/decisions/catalogs/{catalog_id:int}/items"): staff(ORG, ADM),
    ("GET", "/staff/decisions/{decision_id:int}"): staff(ORG, ADM, other_unit=FORBIDDEN),
    ("POST", "/staff/decisions/{decision_id:int}/steps/{kind}"): staff(ORG, ADM, other_unit=FORBIDDEN),
    ("POST", "/staff/decisions/{decision_id:int}/draft"): staff(ORG, ADM, other_unit=FORBIDDEN),
    ("POST", "/staff/decisions/{decision_id:int}/documents"): staff(ORG, ADM, other_unit=FORBIDDEN),
    ("POST", "/staff/decisions/{decision_id:int}/adjust"): staff(ORG, ADM, other_unit=FORBIDDEN),
    ("POST", "/staff/decisions/{decision_id:int}/evaluations"): staff(ORG, ADM, other_unit=FORBIDDEN),
    ("POST", "/staff/decisions/{decision_id:int}/evaluations/{evaluation_id:int}/report"): staff(
        ORG, ADM, other_unit=FORBIDDEN
    ),
    ("POST", "/staff/decisions/{decision_id:int}/evaluations/{evaluation_id:int}"): staff(
        ORG, ADM, other_unit=FORBIDDEN
    ),
    # Staff: legality-review desk
    ("GET", "/staff/reviews"): staff(LEG, REV, ADM),
    ("GET", "/staff/reviews/dashboard"): staff(LEG, REV, ADM),
    ("GET", "/staff/reviews/new"): staff(LEG, REV, ADM),
    ("POST", "/staff/reviews/new"): staff(LEG, REV, ADM),
    ("GET", "/staff/reviews/{review_id:int}"): staff(LEG, REV, ADM),
    ("POST", "/staff/reviews/{review_id:int}/start"): staff(LEG, REV, ADM),
    ("POST", "/staff/reviews/{review_id:int}/opinion"): staff(LEG, REV, ADM),
    ("POST", "/staff/reviews/{review_id:int}/return"): staff(LEG, REV, ADM),
    ("GET", "/staff/reviews/{review_id:int}/files/{which}"): staff(LEG, REV, ADM),
    # Staff: a liaison point's inbox and meetings (another point's meeting does not exist for them)
    ("GET", "/staff/inbox"): staff(LIA, ADM),
    ("POST", "/staff/inbox"): staff(LIA, ADM),
    ("GET", "/staff/comments/new"): staff(LIA, ADM),
    ("POST", "/staff/comments/new"): staff(LIA, ADM),
    ("GET", "/staff/meetings"): staff(LIA, LEG, ADM),
    ("GET", "/staff/meetings/template.xlsx"): staff(LIA, LEG, ADM),
    ("GET", "/staff/meetings/new"): staff(LIA, ADM),
    ("POST", "/staff/meetings/new"): staff(LIA, ADM),
    ("GET", "/staff/meetings/{meeting_id:int}"): staff(LIA, LEG, ADM, other_point=NOT_FOUND),
    ("POST", "/staff/meetings/{meeting_id:int}/files"): staff(LIA, ADM, other_point=NOT_FOUND),
    ("POST", "/staff/meetings/{meeting_id:int}/opinions"): staff(LIA, ADM, other_point=NOT_FOUND),
    ("POST", "/staff/meetings/{meeting_id:int}/import"): staff(LIA, ADM, other_point=NOT_FOUND),
    ("POST", "/staff/meetings/{meeting_id:int}/import/confirm"): staff(LIA, ADM, other_point=NOT_FOUND),
    ("GET", "/staff/files/{file_id:int}"): staff(LIA, LEG, ADM, other_point=NOT_FOUND),
}


def all_routes(routes: list[BaseRoute] | None = None, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(method, path template) of every route, through every Mount; HEAD goes with GET."""
    if routes is None:
        routes = build_routes(Settings())
    for route in routes:
        if isinstance(route, Mount):
            if route.routes:
                yield from all_routes(list(route.routes), prefix + route.path)
            else:  # a mounted app (static files): one GET rule for the whole mount
                yield ("GET", prefix + route.path)
        elif isinstance(route, Route):
            for method in sorted((route.methods or {"GET"}) - {"HEAD"}):
                yield (method, prefix + route.path)
        else:  # pragma: no cover - a WebSocketRoute or a new kind of route
            yield ("?", prefix + getattr(route, "path", repr(route)))


def test_every_route_has_a_rule():
    missing = [f"{method} {path}" for method, path in all_routes() if (method, path) not in MATRIX]
    assert not missing, "routes without a rule in tests/test_authorization_matrix.py MATRIX: " + ", ".join(
        missing
    )


def test_every_rule_names_a_route():
    stale = set(MATRIX) - set(all_routes())
    assert not stale, f"rules for routes that no longer exist: {sorted(stale)}"


# --- the objects behind the path parameters -------------------------------------------------------


@pytest.fixture
def settings(settings: Settings) -> Settings:
    # The abuse limits are not what this file tests; several personas post to the same forms.
    return replace(settings, rate_limits_enabled=False)


@dataclass
class World:
    params: dict[str, str]  # path parameter name (or an override key) -> value
    users: dict[str, User]
    comment: Comment
    meeting: ConsultationMeeting


async def build_world(settings: Settings) -> World:
    await demo.seed(settings.upload_dir)
    users = {u.username: u for u in await User.all()}
    point = await LiaisonPoint.get(id=users["liaison"].liaison_point_id)
    other_point = await LiaisonPoint.exclude(id=point.id).order_by("code").first()
    assert other_point is not None
    users["other_liaison"] = await User.create(
        username="other_liaison",
        display_name="另一联系点",
        password_hash=users["liaison"].password_hash,
        roles=[Role.LIAISON.value],
        liaison_point=other_point,
        session_nonce=accounts.new_session_nonce(),
    )
    users["victim"] = await User.create(
        username="victim",
        display_name="被停用者",
        password_hash=users["liaison"].password_hash,
        roles=[Role.MODERATOR.value],
        session_nonce=accounts.new_session_nonce(),
    )

    comment = await Comment.filter(
        liaison_point=point, moderation=Moderation.PUBLISHED, withhold=False
    ).first()
    assert comment is not None, "the demo data has no published comment routed to the liaison's point"
    draft = await Draft.get(id=comment.draft_id)
    spare = await Draft.filter(status=DraftStatus.OPEN).exclude(id=draft.id).order_by("id").first()
    feedback_draft = await Draft.filter(status=DraftStatus.FEEDBACK_PUBLISHED).first()
    assert spare is not None and feedback_draft is not None
    version = await DraftVersion.filter(draft=draft, published_at__isnull=False).order_by("-number").first()
    assert version is not None
    provision = await Provision.filter(version=version).exclude(key="").first()
    assert provision is not None

    meeting = await ConsultationMeeting.filter(liaison_point=point).first()
    assert meeting is not None, "the demo data has no meeting at the liaison's point"
    meeting_file = await MeetingFile.filter(meeting=meeting).first()
    assert meeting_file is not None, "the demo meeting at the liaison's point has no file"

    evaluation = await Evaluation.filter(published_at__isnull=False, report_id__isnull=False).first()
    assert evaluation is not None
    decision = await Decision.get(id=evaluation.decision_id)
    organizer = users["organizer"]
    organizer.organisation = decision.responsible_unit
    await organizer.save(update_fields=["organisation"])
    users["other_organizer"] = await User.create(
        username="other_organizer",
        display_name="另一承办单位",
        password_hash=organizer.password_hash,
        roles=[Role.ORGANIZER.value],
        organisation=decision.responsible_unit + "（另一单位）",
        session_nonce=accounts.new_session_nonce(),
    )

    material = await HearingMaterial.first()
    reported = await Hearing.filter(status=HearingStatus.REPORT_PUBLISHED).first()
    open_hearing = await Hearing.filter(status=HearingStatus.REGISTRATION_OPEN).first()
    assert material is not None and reported is not None and open_hearing is not None
    # The staff hearing routes act on a hearing held on the organizer's decision item.
    await Hearing.filter(id=material.hearing_id).update(decision_id=decision.id, draft_id=None)
    registration = await HearingRegistration.filter(hearing=open_hearing).first()
    assert registration is not None
    doc_attachment = await DocumentAttachment.first().prefetch_related("document")
    assert doc_attachment is not None
    # The legislator works for the issuer of the document the library routes act on.
    legislator = users["legislator"]
    legislator.organisation = doc_attachment.document.issuer
    await legislator.save(update_fields=["organisation"])
    review = await LegalityReview.filter(reply_id__isnull=False).first()
    assert review is not None

    params = {
        "draft_id": str(draft.id),
        "spare_draft_id": str(spare.id),
        "feedback_draft_id": str(feedback_draft.id),
        "key": provision.key,
        "version_number": str(version.number),
        "comment_id": str(comment.id),
        "number": doc_attachment.document.unified_number,
        "attachment_id": str(doc_attachment.id),
        "hearing_id": str(material.hearing_id),
        "material_id": str(material.id),
        "open_hearing_id": str(open_hearing.id),
        "reported_hearing_id": str(reported.id),
        "registration_code": registration.code,
        "decision_id": str(decision.id),
        "catalog_id": str(decision.catalog_id),
        "decision_year": str((await DecisionCatalog.get(id=decision.catalog_id)).year),
        "evaluation_id": str(evaluation.id),
        "decision_file_id": str(evaluation.report_id),
        "kind": StepKind.PUBLIC_PARTICIPATION.value,
        "review_id": str(review.id),
        "which": "document",
        "meeting_id": str(meeting.id),
        "file_id": str(meeting_file.attachment_id),
        "code": point.code,
        "user_id": str(users["victim"].id),
    }
    persona_users = {persona: users[persona] for persona in PERSONAS if persona != "anonymous"}
    return World(params=params, users=persona_users, comment=comment, meeting=meeting)


_PARAM = re.compile(r"\{(\w+)(?::\w+)?\}")


def concrete(path: str, rule: Rule, params: dict[str, str]) -> str:
    if path == "/static":
        return "/static/css/portal.css"

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        return params[rule.params.get(name, name)]

    url = _PARAM.sub(fill, path)
    return f"{url}?{rule.query}" if rule.query else url


def outcome_of(response: httpx.Response) -> Outcome | str:
    location = response.headers.get("location", "")
    if response.status_code in (302, 303, 307) and location.startswith("/staff/login"):
        return LOGIN
    if response.status_code == 403:
        return FORBIDDEN
    if response.status_code == 404:
        return NOT_FOUND
    if response.status_code >= 500:
        return f"error {response.status_code}"
    return ALLOWED


@pytest_asyncio.fixture
async def browsers(app: Starlette) -> AsyncIterator[dict[str, httpx.AsyncClient]]:
    clients: dict[str, httpx.AsyncClient] = {}
    for n, persona in enumerate(PERSONAS):
        transport = httpx.ASGITransport(
            app=app, raise_app_exceptions=False, client=(f"192.0.2.{n + 1}", 5000)
        )
        clients[persona] = httpx.AsyncClient(transport=transport, base_url="http://testserver")
    yield clients
    for client in clients.values():
        await client.aclose()


CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


async def sign_in(client: httpx.AsyncClient, user: User) -> str:
    """Sign in and return the session's CSRF token (rotated at sign-in)."""
    page = await client.get("/staff/login")
    token = CSRF_RE.search(page.text)
    assert token
    response = await client.post(
        "/staff/login",
        data={"username": user.username, "password": demo.DEMO_PASSWORD, "csrf_token": token.group(1)},
    )
    assert response.status_code == 303, response.text
    page = await client.get("/staff/")
    token = CSRF_RE.search(page.text)
    assert token, "no CSRF field on the staff dashboard"
    return token.group(1)


async def test_every_visitor_gets_what_the_matrix_says(app: Starlette, settings: Settings, browsers):
    world = await build_world(settings)
    tokens: dict[str, str] = {}
    for persona, client in browsers.items():
        if persona == "anonymous":
            page = await client.get("/staff/login")
            match = CSRF_RE.search(page.text)
            assert match
            tokens[persona] = match.group(1)
        else:
            tokens[persona] = await sign_in(client, world.users[persona])

    # Signing out ends the persona's session, so it goes last.
    routes = sorted(all_routes(), key=lambda r: r == ("POST", "/staff/logout"))
    wrong: list[str] = []
    for method, path in routes:
        rule = MATRIX.get((method, path))
        if rule is None:
            wrong.append(f"{method} {path}: no rule in MATRIX")
            continue
        url = concrete(path, rule, world.params)
        for persona, client in browsers.items():
            if method == "GET":
                response = await client.get(url)
            else:
                data = {k: world.params.get(v, v) for k, v in rule.data.items()}
                response = await client.post(url, data=data, headers={"X-CSRF-Token": tokens[persona]})
            got = outcome_of(response)
            expected = rule.expected[persona]
            if got != expected:
                wrong.append(
                    f"{method} {url} as {persona}: expected {expected}, got {got} ({response.status_code})"
                )
    assert not wrong, f"{len(wrong)} authorization outcomes differ from the matrix:\n" + "\n".join(wrong)

    # The objects the denied visitors aimed at are as they were.
    comment = await Comment.get(id=world.comment.id)
    assert comment.liaison_point_id == world.comment.liaison_point_id
    assert await MeetingFile.filter(meeting_id=world.meeting.id).count() >= 1


# Staff lists against the object routes: (list, the link to the world's object, who sees the link).
LISTS: list[tuple[str, str, set[str]]] = [
    ("/staff/hearings", "/staff/hearings/{hearing_id}", {"organizer", "admin"}),
    ("/staff/meetings", "/staff/meetings/{meeting_id}", {"liaison", "legislator", "admin"}),
    (
        "/staff/decisions?year={decision_year}&catalog={catalog_id}",
        "/staff/decisions/{decision_id}",
        {"organizer", "admin"},
    ),
]


async def test_lists_show_each_visitor_only_what_is_theirs(app: Starlette, settings: Settings, browsers):
    world = await build_world(settings)
    wrong: list[str] = []
    for persona, client in browsers.items():
        if persona == "anonymous":
            continue
        await sign_in(client, world.users[persona])
        for listing, link, seen_by in LISTS:
            page = await client.get(listing.format(**world.params))
            if page.status_code != 200:
                continue  # the role may not open the list at all: the matrix covers that
            shown = f'href="{link.format(**world.params)}"' in page.text
            if shown != (persona in seen_by):
                wrong.append(f"{listing} as {persona}: link to {link} {'shown' if shown else 'missing'}")
    assert not wrong, "\n".join(wrong)
