"""Citizens' comments: intake (nothing lost, never twice), receipts, public display, outcomes and the
published feedback report."""

from __future__ import annotations

import secrets
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tortoise import connections
from tortoise.exceptions import IntegrityError
from tortoise.functions import Count, Min
from tortoise.timezone import now
from tortoise.transactions import in_transaction

from portal.db import datetime_from_row, placeholders
from portal.group_insert import GroupInsert, InsertStatement
from portal.models import (
    Channel,
    Comment,
    CommentSupport,
    ConsultationMeeting,
    Draft,
    DraftStatus,
    DraftVersion,
    IdentityType,
    LiaisonPoint,
    Moderation,
    Outcome,
    Processing,
    Provision,
    RoutingReason,
    Stance,
    User,
)
from portal.services import audit, drafts, moderation, routing
from portal.services.calendar import add_working_days, end_of_day, local_date
from portal.services.paging import Page
from portal.services.periodic import Periodic

MAX_BODY = 5000
MAX_WORDING = 5000
MAX_QUOTE = 500
RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U to misread
OPEN_STATES = (Processing.RECEIVED, Processing.ACKNOWLEDGED)
_LOOKALIKES = str.maketrans("OIL", "011")


class CommentRefused(ValueError):
    """The comment cannot be accepted; the message (Chinese) says why, ``field`` where."""

    def __init__(self, message: str, field: str = "form") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class CommentInput:
    body: str
    stance: Stance
    unit_key: str = ""
    quote: str = ""
    suggested_wording: str = ""
    identity_type: IdentityType = IdentityType.INDIVIDUAL
    district: str = ""
    name: str = ""
    phone: str = ""
    email: str = ""
    show_name: bool = False
    withhold: bool = False
    point_code: str = ""  # "" = assign automatically
    channel: Channel = Channel.WEB
    submission_key: str | None = None


# --- receipts -------------------------------------------------------------------------------------


def new_receipt_code(prefix: str = "GZ") -> str:
    # Eight random bytes, each taken modulo 32: 256 is a multiple of 32, so every character is
    # equally likely (as secrets.choice, at an eighth of its cost: one call for the random bytes).
    chars = "".join(RECEIPT_ALPHABET[b % 32] for b in secrets.token_bytes(8))
    return f"{prefix}-{chars[:4]}-{chars[4:]}"


def normalise_receipt(raw: str) -> str | None:
    """Accept what people type: lower case, spaces, O for 0, I or L for 1, with or without dashes."""
    cleaned = "".join(ch for ch in raw.upper() if ch.isalnum())
    cleaned = cleaned.translate(_LOOKALIKES)
    if len(cleaned) < 10 or len(cleaned) > 12:
        return None
    prefix, code = cleaned[:-8], cleaned[-8:]
    if not prefix.isalpha() or any(ch not in RECEIPT_ALPHABET for ch in code):
        return None
    return f"{prefix}-{code[:4]}-{code[4:]}"


async def by_receipt(code: str) -> Comment | None:
    normalised = normalise_receipt(code)
    if normalised is None:
        return None
    return await Comment.get_or_none(receipt_code=normalised).select_related(
        "draft", "version", "provision", "liaison_point"
    )


# --- intake ---------------------------------------------------------------------------------------


@dataclass
class _IntakeState:
    """What every submission reads and staff rarely change: the active liaison points and the
    points assigned to each draft, and the routing load (open items and the last assignment per
    point)."""

    points: list[LiaisonPoint]
    open_items: dict[int, int]
    last_assigned: dict[int, datetime]
    # Filled per draft on demand, read again with the rest once a second:
    candidates: dict[int, list[routing.Candidate]] = field(default_factory=dict)  # routing's view of it
    drafts: dict[int, Draft] = field(default_factory=dict)  # public drafts comments were sent to
    newest_versions: dict[int, int | None] = field(default_factory=dict)  # newest published version


# Each submission would otherwise read all of this again (the load from two aggregates over every
# comment, the draft, its newest version), which under a burst would be most of its cost. A process
# reads it at most once per INTAKE_STATE_SECONDS and adds the comments it routes itself in between;
# what other processes route, or staff change (closing items, closing or withdrawing a draft, publishing
# a version), shows within that interval — the end of a comment period is exact all the same, since it
# is checked against the clock at each submission. Balancing is approximate for a second, never wrong
# for longer, and nothing another process needs is kept here.
INTAKE_STATE_SECONDS = 1.0


def forget_intake_state() -> None:
    """Read the intake state afresh next time (tests; after bulk changes), and the units of versions
    (a database emptied and filled again, as tests do, gives old version ids to new versions)."""
    _state.forget()
    _units.clear()


async def _current_state() -> _IntakeState:
    """The state, read again once it is a second old, by one request at a time (``Periodic``)."""
    return await _state.get()


async def _read_state() -> _IntakeState:
    open_items = dict(
        await Comment.filter(processing__in=OPEN_STATES)
        .annotate(n=Count("id"))
        .group_by("liaison_point_id")
        .values_list("liaison_point_id", "n")
    )
    # One index probe per point (liaison_point_id, created_at), not a scan of every comment.
    _, rows = await connections.get("default").execute_query(
        'SELECT p.id AS point, (SELECT MAX(c.created_at) FROM "comment" c WHERE c.liaison_point_id = p.id) '
        'AS at FROM "liaison_point" p'
    )
    last = {int(row["point"]): datetime_from_row(row["at"]) for row in rows if row["at"] is not None}
    return _IntakeState(
        points=await LiaisonPoint.filter(active=True),
        open_items={int(k): int(v) for k, v in open_items.items()},
        last_assigned=last,
    )


_state: Periodic[_IntakeState] = Periodic(_read_state, seconds=lambda: INTAKE_STATE_SECONDS)


def _routed(point_id: int, at: datetime) -> None:
    """Count a comment this process just routed, until the next read of the state."""
    state = _state.value
    if state is None:
        return
    state.open_items[point_id] = state.open_items.get(point_id, 0) + 1
    state.last_assigned[point_id] = at
    for candidates in state.candidates.values():
        for i, candidate in enumerate(candidates):
            if candidate.point_id == point_id:
                candidates[i] = candidate._replace(open_items=candidate.open_items + 1, last_assigned_at=at)
                break


async def _candidates(draft: Draft, state: _IntakeState) -> list[routing.Candidate]:
    """Every active point as routing sees it for ``draft``: made once per state and draft (not 22 per
    submission), and kept current by ``_routed``."""
    candidates = state.candidates.get(draft.id)
    if candidates is None:
        assigned = frozenset(p.id for p in await draft.liaison_points.all().only("id"))
        candidates = [
            routing.Candidate(
                point_id=p.id,
                district=p.district,
                open_items=state.open_items.get(p.id, 0),
                last_assigned_at=state.last_assigned.get(p.id),
                sort_order=p.sort_order,
                assigned_to_draft=p.id in assigned,
            )
            for p in state.points
        ]
        state.candidates[draft.id] = candidates
    return candidates


async def intake_draft(draft_id: int) -> Draft | None:
    """The public draft a comment is sent to (``drafts.get_public``), read at most once a second per
    process. The instance is shared by the requests of that second: read it, never change it."""
    state = await _current_state()
    draft = state.drafts.get(draft_id)
    if draft is None:
        draft = await drafts.get_public(draft_id)
        if draft is not None:  # an unknown id is not remembered: anyone can send any number
            state.drafts[draft_id] = draft
    return draft


@dataclass(frozen=True)
class Target:
    """Where a comment lands: the newest published version of its draft and, if named, its unit."""

    version_id: int
    unit: Provision | None  # shared by the requests that comment on it: read it, never change it


# The units of a version: provisions are created with their version and never changed, so what was
# read once stays true. Kept for the most recently commented versions (a version of a few hundred
# articles is a few hundred kilobytes).
_UNITS_KEPT = 16
_units: OrderedDict[int, dict[str, Provision]] = OrderedDict()


async def _units_of(version_id: int) -> dict[str, Provision]:
    units = _units.get(version_id)
    if units is None:
        _, rows = await connections.get("default").execute_query(
            'SELECT * FROM "provision" WHERE "version_id" = {} AND "key" <> {}'.format(*placeholders(2)),
            [version_id, ""],
        )
        # Made into models the way the ORM makes any row into one (``Model._init_from_db``).
        units = {row["key"]: Provision._init_from_db(**dict(row)) for row in rows}
        _units[version_id] = units
        while len(_units) > _UNITS_KEPT:
            _units.popitem(last=False)
    _units.move_to_end(version_id)
    return units


async def target(draft: Draft, unit_key: str) -> Target | None:
    """The newest published version and the unit ``unit_key`` in it (None if there is no such unit);
    None if the draft has no published version. The newest version is read at most once a second
    per process, a version's units once."""
    state = await _current_state()
    if draft.id in state.newest_versions:
        version_id = state.newest_versions[draft.id]
    else:
        _, rows = await connections.get("default").execute_query(
            'SELECT "id" FROM "draft_version" WHERE "draft_id" = {} AND "published_at" IS NOT NULL '
            'ORDER BY "number" DESC LIMIT 1'.format(*placeholders(1)),
            [draft.id],
        )
        version_id = int(rows[0]["id"]) if rows else None
        state.newest_versions[draft.id] = version_id
    if version_id is None:
        return None
    unit = (await _units_of(version_id)).get(unit_key) if unit_key else None
    return Target(version_id, unit)


def _validate(data: CommentInput) -> None:
    if not data.body.strip():
        raise CommentRefused("请填写意见内容。", "body")
    if len(data.body) > MAX_BODY:
        raise CommentRefused(f"意见内容不能超过 {MAX_BODY} 字（现有 {len(data.body)} 字）。", "body")
    if len(data.suggested_wording) > MAX_WORDING:
        raise CommentRefused(f"修改建议不能超过 {MAX_WORDING} 字。", "suggested_wording")
    if len(data.quote) > MAX_QUOTE:
        raise CommentRefused(f"引用的原文不能超过 {MAX_QUOTE} 字。", "quote")
    if data.show_name and not data.name.strip():
        raise CommentRefused("选择公开姓名时，请填写姓名。", "name")


@dataclass(frozen=True)
class Offline:
    """A comment that reached a liaison point offline: at a meeting, or by letter, e-mail, phone, visit."""

    point: LiaisonPoint
    entered_by: User | None
    received_on: date
    meeting: ConsultationMeeting | None = None
    speaker_category: str = ""


def due_date(received: datetime, working_days: int) -> datetime:
    """Acknowledge within ``working_days`` working days of arrival (weekends and holidays skipped)."""
    return end_of_day(add_working_days(local_date(received), working_days))


@dataclass(frozen=True)
class Receipt:
    """A stored comment's receipt. ``new`` is False when this form had been sent before: the receipt
    is the earlier comment's, and nothing new was stored."""

    comment_id: int
    code: str
    new: bool


# Comments are written in groups under load (one statement and one commit for those that arrive
# together; a lone comment at once): see portal/group_insert.py.
_writer = GroupInsert(InsertStatement(Comment, returning=("id", "receipt_code")), key="receipt_code")


async def receive(
    draft: Draft,
    data: CommentInput,
    *,
    ip_hash: str = "",
    receipt_prefix: str = "GZ",
    at: datetime | None = None,
    offline: Offline | None = None,
    ack_working_days: int = 3,
    into: Target | None = None,
) -> Receipt:
    """Store a comment (committed before this returns) and return its receipt; a form sent again (a
    double click, a retry after a slow answer) gets the first one's receipt and stores nothing.

    An offline comment goes to the point that received it and counts as received on its date, so a
    meeting held within the window is accepted even when its minutes are typed in later. ``into``:
    the ``target`` the caller already read for ``data.unit_key`` (read here otherwise).
    """
    try:
        fields_ = await _intake_fields(
            draft,
            data,
            ip_hash=ip_hash,
            at=at,
            offline=offline,
            ack_working_days=ack_working_days,
            into=into,
        )
    except CommentRefused:
        # Refused now, but this very form may have been stored a moment ago (a retry after a slow
        # answer, across the end of the window): the citizen gets that receipt, not an error.
        earlier = await _earlier(data.submission_key)
        if earlier is not None:
            return earlier
        raise
    for _ in range(5):
        code = new_receipt_code(receipt_prefix)
        stored = await _writer.insert({**fields_, "receipt_code": code})
        if stored is not None:
            if offline is None:
                _routed(fields_["liaison_point_id"], fields_["created_at"])
            return Receipt(int(stored["id"]), code, True)
        # A unique column refused it: this form was stored already, or the receipt code was drawn twice.
        earlier = await _earlier(data.submission_key)
        if earlier is not None:
            return earlier
    raise RuntimeError("could not allocate a receipt code")  # pragma: no cover


async def _earlier(submission_key: str | None) -> Receipt | None:
    """The receipt of the comment this form already stored, if any."""
    if not submission_key:
        return None
    found = await Comment.filter(submission_key=submission_key).values_list("id", "receipt_code")
    return Receipt(int(found[0][0]), str(found[0][1]), False) if found else None


async def submit(
    draft: Draft,
    data: CommentInput,
    *,
    ip_hash: str = "",
    receipt_prefix: str = "GZ",
    at: datetime | None = None,
    offline: Offline | None = None,
    ack_working_days: int = 3,
) -> tuple[Comment, bool]:
    """``receive``, then the stored comment (for callers that go on with it: staff entry, meetings,
    the demo data), with False if this form was already submitted."""
    receipt = await receive(
        draft,
        data,
        ip_hash=ip_hash,
        receipt_prefix=receipt_prefix,
        at=at,
        offline=offline,
        ack_working_days=ack_working_days,
    )
    return await Comment.get(id=receipt.comment_id), receipt.new


async def _intake_fields(
    draft: Draft,
    data: CommentInput,
    *,
    ip_hash: str,
    at: datetime | None,
    offline: Offline | None,
    ack_working_days: int,
    into: Target | None,
) -> dict[str, Any]:
    """Check the comment and decide where it goes: the columns of the new row (no receipt code yet)."""
    moment = at or now()
    if offline is not None:
        if offline.received_on > local_date(moment):
            raise CommentRefused("收到意见的日期不能晚于今天。", "received_on")
        moment = min(moment, end_of_day(offline.received_on))
    if not drafts.accepting_comments(draft, moment):
        raise CommentRefused("本草案的征求意见期已经结束（或尚未开始），不再接收新的意见。")
    _validate(data)
    if into is None:
        into = await target(draft, data.unit_key)
    if into is None:
        raise CommentRefused("本草案没有公开的文本。")
    if data.unit_key and into.unit is None:
        raise CommentRefused("所评论的条文在当前版本中不存在，请从草案页面重新进入。", "unit_key")
    state = await _current_state()
    if offline is not None:
        reason = RoutingReason.MEETING if offline.meeting else RoutingReason.ENTERED_BY_STAFF
        chosen_route = routing.Route(offline.point.id, reason)
    else:
        chosen_id = None
        if data.point_code:
            chosen = next((p for p in state.points if p.code == data.point_code), None)
            if chosen is None:
                raise CommentRefused("所选的联系点不存在或已停用。", "point_code")
            if chosen.requires_contact and not (
                data.name.strip() and (data.phone.strip() or data.email.strip())
            ):
                raise CommentRefused(f"{chosen.name}需要您留下姓名和电话或邮箱，以便回复。", "name")
            chosen_id = chosen.id
        chosen_route = routing.route(
            await _candidates(draft, state), district=data.district, chosen_point_id=chosen_id
        )
    # What the public sees of who wrote it is screened too: a phone typed as the name, with consent.
    shown_as = "\n".join(
        (data.name if data.show_name else "", offline.speaker_category if offline is not None else "")
    )
    flags = moderation.screen(
        "\n".join((data.body, data.suggested_wording, data.quote)),
        await moderation.current_words(),
        shown_as=shown_as.strip(),
    )
    fields_: dict[str, Any] = {
        "draft_id": draft.id,
        "version_id": into.version_id,
        "provision_id": into.unit.id if into.unit else None,
        "unit_key": into.unit.key if into.unit else "",
        "lineage": into.unit.lineage if into.unit else "",
        "quote": data.quote.strip(),
        "body": data.body.strip(),
        "stance": data.stance,
        "suggested_wording": data.suggested_wording.strip(),
        "channel": data.channel,
        "commenter_name": data.name.strip()[:100],
        "commenter_phone": data.phone.strip()[:32],
        "commenter_email": data.email.strip()[:254],
        "district": data.district,
        "identity_type": data.identity_type,
        "show_name": data.show_name,
        "withhold": data.withhold,
        "liaison_point_id": chosen_route.point_id,
        "routing_reason": chosen_route.reason,
        "moderation": Moderation.PENDING if flags else Moderation.PUBLISHED,
        "moderation_flags": flags,
        "submission_key": data.submission_key or None,
        "ip_hash": ip_hash,
        "due_at": due_date(moment, ack_working_days),
        "created_at": now(),
    }
    if offline is not None:
        fields_.update(
            meeting_id=offline.meeting.id if offline.meeting else None,
            entered_by_id=offline.entered_by.id if offline.entered_by else None,
            received_on=offline.received_on,
            speaker_category=offline.speaker_category[:50],
        )
    return fields_


# --- public display -------------------------------------------------------------------------------


async def public_page(
    draft: Draft, *, lineage: str | None, order: str = "newest", page: int = 1, per_page: int = 20
) -> Page[Comment]:
    """Published comments; lineage None = all, "" = on the whole draft, else on that article."""
    query = Comment.filter(draft=draft, moderation=Moderation.PUBLISHED, withhold=False)
    if lineage is not None:
        query = query.filter(lineage=lineage)
    total = await query.count()
    ordering = ("-support_count", "-id") if order == "supported" else ("-id",)
    rows = await query.order_by(*ordering).offset((page - 1) * per_page).limit(per_page)
    return Page(rows, total, page, per_page)


@dataclass(frozen=True)
class UnitCounts:
    received: dict[str, int]  # by lineage ("" = whole draft): every comment, whatever its display

    def received_for(self, lineage: str) -> int:
        return self.received.get(lineage, 0)

    @property
    def total(self) -> int:
        return sum(self.received.values())


async def counts_by_unit(draft: Draft) -> UnitCounts:
    """Comments received per lineage (one pass over the draft's (draft_id, lineage) index)."""
    received = (
        await Comment.filter(draft=draft)
        .annotate(n=Count("id"))
        .group_by("lineage")
        .values_list("lineage", "n")
    )
    return UnitCounts({k: int(v) for k, v in received})


async def received_count(draft: Draft, lineage: str | None = None) -> int:
    """Comments received on the draft (lineage None) or on one lineage, whatever their display."""
    query = Comment.filter(draft=draft)
    if lineage is not None:
        query = query.filter(lineage=lineage)
    return await query.count()


async def support(comment: Comment, ip_hash: str) -> bool:
    """附议 once per visitor; True when counted."""
    if not comment.is_public:
        return False
    try:
        async with in_transaction():
            await CommentSupport.create(comment=comment, ip_hash=ip_hash)
            await Comment.filter(id=comment.id).update(support_count=comment.support_count + 1)
    except IntegrityError:
        return False
    return True


# --- staff: reassignment and outcomes -------------------------------------------------------------


async def reassign(
    comment: Comment, point: LiaisonPoint, reason: str, *, actor: User, ip: str, ack_working_days: int = 3
) -> None:
    """Move a comment to another point; it arrives there as new, with a fresh due date."""
    if not reason.strip():
        raise CommentRefused("改派需要说明理由。", "reason")
    if point.id == comment.liaison_point_id:
        raise CommentRefused("意见已在该联系点。", "point_code")
    previous = comment.liaison_point_id
    comment.liaison_point_id = point.id
    comment.routing_reason = RoutingReason.REASSIGNED
    comment.routing_note = reason.strip()[:500]
    comment.processing = Processing.RECEIVED if comment.outcome is None else comment.processing
    comment.due_at = due_date(now(), ack_working_days)
    comment.returned_reason = ""
    comment.returned_at = None
    await comment.save(
        update_fields=[
            "liaison_point_id",
            "routing_reason",
            "routing_note",
            "processing",
            "due_at",
            "returned_reason",
            "returned_at",
        ]
    )
    await audit.record(
        "comment_reassigned",
        actor=actor,
        ip=ip,
        object_type="comment",
        object_id=comment.id,
        detail={"from": previous, "to": point.id, "reason": reason.strip()},
    )


@dataclass(frozen=True)
class OutcomeInput:
    outcome: Outcome
    reason: str = ""
    later_unit_key: str = ""
    later_version_number: int | None = None


async def set_outcome(comments: list[Comment], data: OutcomeInput, *, actor: User, ip: str) -> int:
    if data.outcome != Outcome.ADOPTED and not data.reason.strip():
        raise CommentRefused("除“采纳”外，请说明处理理由。", "reason")
    if not comments:
        raise CommentRefused("请至少选择一条意见。", "ids")
    at = now()
    async with in_transaction():
        for comment in comments:
            comment.outcome = data.outcome
            comment.outcome_reason = data.reason.strip()
            comment.outcome_unit_key = data.later_unit_key
            comment.outcome_version_number = data.later_version_number
            comment.outcome_at = at
            comment.outcome_by = actor
            comment.processing = Processing.DECIDED
            await comment.save(
                update_fields=[
                    "outcome",
                    "outcome_reason",
                    "outcome_unit_key",
                    "outcome_version_number",
                    "outcome_at",
                    "outcome_by_id",
                    "processing",
                ]
            )
        await audit.record(
            "comment_outcome_set",
            actor=actor,
            ip=ip,
            object_type="comment",
            object_id=",".join(str(c.id) for c in comments)[:64],
            detail={"outcome": data.outcome.value, "count": len(comments), "reason": data.reason.strip()},
        )
    return len(comments)


# --- the feedback report (意见采纳情况说明) ------------------------------------------------------


@dataclass(frozen=True)
class OutcomeGroup:
    outcome: Outcome | None
    reason: str
    count: int


@dataclass(frozen=True)
class Campaign:
    """Comments sent as one text by many people: one opinion with N signatures."""

    size: int
    text: str
    outcome: Outcome | None
    reason: str


@dataclass
class UnitFeedback:
    lineage: str
    label: str
    groups: list[OutcomeGroup] = field(default_factory=list)
    campaigns: list[Campaign] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups)


@dataclass(frozen=True)
class FeedbackReport:
    draft: Draft
    total: int
    by_outcome: dict[Outcome | None, int]
    units: list[UnitFeedback]

    def count(self, outcome: Outcome | None) -> int:
        return self.by_outcome.get(outcome, 0)


async def feedback_report(draft: Draft) -> FeedbackReport:
    """Every comment counts (hidden ones too): grouped per article by outcome and reason."""
    rows = (
        await Comment.filter(draft=draft)
        .annotate(n=Count("id"))
        .group_by("lineage", "outcome", "outcome_reason")
        .values_list("lineage", "outcome", "outcome_reason", "n")
    )
    version = await drafts.latest_published(draft)
    labels: dict[str, str] = {"": "对草案整体的意见"}
    order: dict[str, int] = {"": -1}
    if version is not None:
        for position, provision in enumerate(await drafts.units_of(version)):
            labels[provision.lineage] = provision.label + provision.heading
            order[provision.lineage] = position
    units: dict[str, UnitFeedback] = {}
    by_outcome: Counter[Outcome | None] = Counter()
    for lineage, outcome, reason, n in rows:
        value = Outcome(outcome) if outcome else None
        by_outcome[value] += int(n)
        unit = units.setdefault(lineage, UnitFeedback(lineage, labels.get(lineage, "已删除的条文")))
        unit.groups.append(OutcomeGroup(value, reason or "", int(n)))
    for unit in units.values():
        unit.groups.sort(key=lambda g: (list(Outcome).index(g.outcome) if g.outcome else 99, -g.count))
    campaign = ("cluster_id", "lineage", "outcome", "outcome_reason")
    grouped = (
        await Comment.filter(draft=draft)
        .exclude(cluster_id="")
        .annotate(n=Count("id"))
        .group_by(*campaign)
        .values_list(*campaign, "n")
    )
    # A campaign is quoted from a member the public may read: never from a comment its author
    # withheld or a moderator hid or has not yet released.
    shown = (
        await Comment.filter(draft=draft, moderation=Moderation.PUBLISHED, withhold=False)
        .exclude(cluster_id="")
        .annotate(first=Min("id"))
        .group_by(*campaign)
        .values_list(*campaign, "first")
    )
    first_shown = {tuple(row[:4]): row[4] for row in shown}
    texts = dict(await Comment.filter(id__in=list(first_shown.values())).values_list("id", "body"))
    for cluster, lineage, outcome, reason, n in sorted(grouped, key=lambda row: -int(row[4])):
        if int(n) > 1 and lineage in units:
            first = first_shown.get((cluster, lineage, outcome, reason))
            units[lineage].campaigns.append(
                Campaign(
                    int(n), str(texts.get(first, "")), Outcome(outcome) if outcome else None, reason or ""
                )
            )
    ordered = sorted(units.values(), key=lambda u: order.get(u.lineage, 10**6))
    return FeedbackReport(draft, sum(by_outcome.values()), dict(by_outcome), ordered)


async def publish_feedback(draft: Draft, summary: str, *, actor: User, ip: str) -> None:
    if drafts.effective_status(draft) != DraftStatus.CLOSED:
        raise CommentRefused("征求意见期结束后才能公布意见采纳情况。", "form")
    if not summary.strip():
        raise CommentRefused("请填写意见采纳情况的总体说明。", "summary")
    draft.status = DraftStatus.FEEDBACK_PUBLISHED
    draft.feedback_summary = summary.strip()
    draft.feedback_published_at = now()
    await draft.save(update_fields=["status", "feedback_summary", "feedback_published_at", "updated_at"])
    await audit.record("feedback_published", actor=actor, ip=ip, object_type="draft", object_id=draft.id)


# --- statistics (public aggregates) ---------------------------------------------------------------


async def stats(draft: Draft) -> dict[str, dict[str, int]]:
    async def by(column: str) -> dict[str, int]:
        rows = (
            await Comment.filter(draft=draft)
            .annotate(n=Count("id"))
            .group_by(column)
            .values_list(column, "n")
        )
        return {str(k or ""): int(n) for k, n in rows}

    by_lineage = await by("lineage")
    version = await drafts.latest_published(draft)
    keys = {"": "whole_draft"}
    if version is not None:
        keys.update({u.lineage: u.key for u in await drafts.units_of(version)})
    return {
        "by_article": {keys.get(k, "removed"): n for k, n in by_lineage.items()},
        "by_stance": await by("stance"),
        "by_channel": await by("channel"),
        "by_district": await by("district"),
        "by_outcome": {k or "undecided": n for k, n in (await by("outcome")).items()},
    }


async def version_of(comment: Comment) -> DraftVersion:
    return await DraftVersion.get(id=comment.version_id)


async def unit_of(comment: Comment) -> Provision | None:
    return await Provision.get_or_none(id=comment.provision_id) if comment.provision_id else None


async def set_outcome_bulk(
    draft: Draft, ids: list[int], data: OutcomeInput, *, actor: User, ip: str, scope: str = ""
) -> int:
    """The same outcome for many comments at once (an article, a form-letter group): a few UPDATE
    statements, not one per comment, so 8,000 signatures take a moment, not minutes."""
    if data.outcome != Outcome.ADOPTED and not data.reason.strip():
        raise CommentRefused("除“采纳”外，请说明处理理由。", "reason")
    if not ids:
        raise CommentRefused("没有可处理的意见。", "ids")
    async with in_transaction():
        for i in range(0, len(ids), 900):
            await Comment.filter(draft=draft, id__in=ids[i : i + 900]).update(
                outcome=data.outcome,
                outcome_reason=data.reason.strip(),
                outcome_unit_key=data.later_unit_key,
                outcome_version_number=data.later_version_number,
                outcome_at=now(),
                outcome_by_id=actor.id,
                processing=Processing.DECIDED,
            )
        await audit.record(
            "comment_outcome_set",
            actor=actor,
            ip=ip,
            object_type="draft",
            object_id=draft.id,
            detail={
                "outcome": data.outcome.value,
                "count": len(ids),
                "scope": scope,
                "reason": data.reason.strip(),
            },
        )
    return len(ids)
