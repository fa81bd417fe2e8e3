"""Drafts and their versions: create from text, parse into provisions, link articles across versions,
publish with a lawful comment window, close and withdraw; and the public queries over them."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.timezone import now
from tortoise.transactions import in_transaction

from portal.db import first_where
from portal.models import Draft, DraftKind, DraftStatus, DraftVersion, GovLevel, Provision, User
from portal.services import audit, levels, search
from portal.services.calendar import LOCAL_TZ, end_of_day, local_date, start_of_day
from portal.services.drafting import closing
from portal.services.drafting.compare import Unit, align
from portal.services.drafting.parser import SECTION, TIAO, ParsedDocument
from portal.services.drafting.parser import Provision as ParsedProvision
from portal.services.drafting.parser import parse as parse_text
from portal.services.drafting.windows import WindowCheck, WindowError, check_window
from portal.services.paging import Page

MAX_TEXT_CHARS = 2_000_000


class DraftError(ValueError):
    """A draft operation was refused; the message (Chinese) says why."""


@dataclass(frozen=True)
class DraftInput:
    title: str
    kind: DraftKind
    drafting_body: str
    summary: str = ""
    explanation: str = ""
    market_related: bool = False
    level: GovLevel = GovLevel.CITY
    district: str = ""  # for district and street/town drafts: the district ("天河")


# --- effective status -----------------------------------------------------------------------------


def effective_status(draft: Draft, at: datetime | None = None) -> DraftStatus:
    """An open draft whose window has passed reads as closed, without waiting for a job to flip it."""
    at = at or now()
    if draft.status == DraftStatus.OPEN and draft.closes_at is not None and draft.closes_at <= at:
        return DraftStatus.CLOSED
    return draft.status


def accepting_comments(draft: Draft, at: datetime | None = None) -> bool:
    at = at or now()
    return (
        effective_status(draft, at) == DraftStatus.OPEN
        and (draft.opens_at is None or draft.opens_at <= at)
        and draft.closes_at is not None
    )


def days_left(draft: Draft, at: datetime | None = None) -> int | None:
    """Whole calendar days left including today (the last day counts as 1), for open drafts."""
    if effective_status(draft, at) != DraftStatus.OPEN or draft.closes_at is None:
        return None
    today = local_date(at or now())
    return max(0, (local_date(draft.closes_at) - today).days + 1)


# --- parsing and storing a text -------------------------------------------------------------------


def unit_key(provision: ParsedProvision) -> str:
    if provision.level == TIAO:
        return f"tiao-{provision.number}" + (f"-{provision.sub}" if provision.sub else "")
    return f"section-{provision.number}"


@dataclass
class _Row:
    position: int
    parent_position: int | None
    source: ParsedProvision
    key: str = ""


def _flatten(doc: ParsedDocument) -> list[_Row]:
    rows: list[_Row] = []
    seen_keys: dict[str, int] = {}

    def visit(node: ParsedProvision, parent: int | None) -> None:
        row = _Row(len(rows), parent, node)
        if node.level in (TIAO, SECTION):
            key = unit_key(node)
            seen_keys[key] = seen_keys.get(key, 0) + 1
            # A duplicated number (warned about at import) still needs a distinct anchor.
            row.key = key if seen_keys[key] == 1 else f"{key}-dup{seen_keys[key]}"
        rows.append(row)
        for child in node.children:
            visit(child, row.position)

    for top in doc.provisions:
        visit(top, None)
    units = {p.level for p in doc.units()}
    for row in rows:
        if row.key and row.source.level not in units:
            row.key = ""  # sections inside an article-based text are not separate units
    return rows


def parse_draft_text(text: str) -> ParsedDocument:
    if len(text) > MAX_TEXT_CHARS:
        raise DraftError("草案文本过长。")
    doc = parse_text(text)
    if not doc.units():
        raise DraftError("未能识别出任何条文（第X条）或编号段落（一、二、），请检查文本格式。")
    return doc


async def latest_published(draft: Draft) -> DraftVersion | None:
    return await DraftVersion.filter(draft=draft, published_at__isnull=False).order_by("-number").first()


async def pending_version(draft: Draft) -> DraftVersion | None:
    return await DraftVersion.filter(draft=draft, published_at__isnull=True).order_by("-number").first()


async def units_of(version: DraftVersion) -> list[Provision]:
    return await Provision.filter(version=version).exclude(key="").order_by("position")


def as_unit(p: Provision) -> Unit:
    return Unit(p.key, p.label, p.number, p.sub, p.text, p.lineage, p.path)


async def _store_provisions(
    version: DraftVersion, doc: ParsedDocument, previous: DraftVersion | None
) -> None:
    rows = _flatten(doc)
    new_units = [r for r in rows if r.key]
    lineage: dict[int, str] = {}
    if previous is not None:
        old = [as_unit(p) for p in await units_of(previous)]
        new = [Unit(r.key, r.source.label, r.source.number, r.source.sub, r.source.text) for r in new_units]
        for n, o in align(old, new).items():
            lineage[new_units[n].position] = old[o].lineage
    await Provision.bulk_create(
        [
            Provision(
                version=version,
                position=r.position,
                parent_position=r.parent_position,
                level=r.source.level,
                number=r.source.number,
                sub=r.source.sub,
                label=r.source.label[:64],
                heading=r.source.heading[:200],
                text=r.source.text,
                path=r.source.path[:300],
                key=r.key,
                lineage=lineage.get(r.position) or (secrets.token_hex(8) if r.key else ""),
            )
            for r in rows
        ],
        batch_size=500,
    )


async def create_draft(
    data: DraftInput, text: str, *, source_name: str = "", actor: User | None, ip: str = ""
) -> Draft:
    """Raises LevelError (with the field) for a level and district that do not fit."""
    scope = levels.check(data.level, data.district)
    doc = parse_draft_text(text)
    async with in_transaction():
        draft = await Draft.create(
            title=data.title,
            kind=data.kind,
            drafting_body=data.drafting_body,
            level=scope.level,
            district=scope.district,
            summary=data.summary,
            explanation=data.explanation,
            market_related=data.market_related,
            created_by=actor,
        )
        await _new_version(draft, doc, text, label="征求意见稿", source_name=source_name)
        await audit.record(
            "draft_created",
            actor=actor,
            ip=ip,
            object_type="draft",
            object_id=draft.id,
            detail={"title": draft.title},
        )
    return draft


async def set_scope(
    draft: Draft, level: GovLevel, district: str, *, actor: User | None, ip: str = ""
) -> None:
    """Move a draft to another level or district (a wrong choice at import, or a body's handover)."""
    scope = levels.check(level, district)
    draft.level, draft.district = scope.level, scope.district
    await draft.save(update_fields=["level", "district", "updated_at"])
    await audit.record(
        "draft_scope_changed",
        actor=actor,
        ip=ip,
        object_type="draft",
        object_id=draft.id,
        detail={"level": scope.level.value, "district": scope.district},
    )


async def _new_version(
    draft: Draft, doc: ParsedDocument, text: str, *, label: str, source_name: str
) -> DraftVersion:
    previous = await latest_published(draft)
    number = await _next_number(draft)
    version = await DraftVersion.create(
        draft=draft,
        number=number,
        label=label or f"第{number}稿",
        text=text,
        source_name=source_name[:255],
        counts=doc.counts(),
        warnings=doc.warnings,
        attachments=doc.attachments,
        preamble=doc.preamble,
        unit_count=len(doc.units()),
    )
    await _store_provisions(version, doc, previous)
    return version


async def add_version(
    draft: Draft, text: str, *, label: str, source_name: str = "", actor: User | None, ip: str = ""
) -> DraftVersion:
    """A new text. An unpublished version is replaced (it was never public); a published one never is."""
    if draft.status == DraftStatus.WITHDRAWN:
        raise DraftError("草案已撤回，不能再增加版本。")
    doc = parse_draft_text(text)
    async with in_transaction():
        pending = await pending_version(draft)
        if pending is not None:
            await pending.delete()
        version = await _new_version(draft, doc, text, label=label, source_name=source_name)
        await audit.record(
            "draft_version_added",
            actor=actor,
            ip=ip,
            object_type="draft",
            object_id=draft.id,
            detail={"version": version.number},
        )
    return version


async def _next_number(draft: Draft) -> int:
    last = await DraftVersion.filter(draft=draft).order_by("-number").first()
    return (last.number + 1) if last else 1


async def publish(
    draft: Draft,
    *,
    opens: date,
    closes: date,
    short_window_reason: str = "",
    actor: User | None,
    ip: str = "",
    at: datetime | None = None,
) -> WindowCheck:
    """Publish the pending version and open a comment window that the law allows."""
    if draft.status == DraftStatus.WITHDRAWN:
        raise DraftError("草案已撤回，不能发布。")
    version = await pending_version(draft)
    if version is None:
        raise DraftError("没有待发布的版本。")
    at = at or now()
    if closes < local_date(at):
        raise DraftError("截止日期已过，请重新选择。")
    running = effective_status(draft, at) == DraftStatus.OPEN
    if running:
        opens = _kept_opening(draft, opens, closes, local_date(at))
    try:
        check = check_window(
            draft.kind, opens, closes, market_related=draft.market_related, reason=short_window_reason
        )
    except WindowError as exc:
        raise DraftError(str(exc)) from exc
    detail: dict[str, object] = {
        "version": version.number,
        "opens": opens.isoformat(),
        "closes": closes.isoformat(),
    }
    if running and draft.closes_at is not None:
        detail["previous_closes"] = local_date(draft.closes_at).isoformat()
    async with in_transaction():
        version.published_at = at
        await version.save(update_fields=["published_at"])
        draft.opens_at = start_of_day(opens)
        draft.closes_at = end_of_day(closes)
        draft.short_window_reason = "" if check.meets_minimum else short_window_reason.strip()
        # A new window (a second round after the first closed) starts with no early close on record.
        draft.closed_early_reason, draft.planned_closes_at = "", None
        draft.status = DraftStatus.OPEN
        draft.published_at = draft.published_at or at
        await draft.save()
        await search.index_draft(draft, version)
        await audit.record(
            "draft_published", actor=actor, ip=ip, object_type="draft", object_id=draft.id, detail=detail
        )
    return check


def _kept_opening(draft: Draft, opens: date, closes: date, today: date) -> date:
    """The first day of a window a new version is published into while comments are taken (or
    about to be). The window the public was told is kept: its end may move later, never earlier
    (ending sooner is an early close, with its own public reason), and its start may neither be
    put off (comments would stop) nor moved before today or before the announced start."""
    assert draft.opens_at is not None and draft.closes_at is not None
    announced_opens, announced_closes = local_date(draft.opens_at), local_date(draft.closes_at)
    if closes < announced_closes:
        raise DraftError(
            f"已向社会公布征求意见至 {closing.chinese_date(announced_closes)}截止，"
            "发布新版本不能提前截止日期。如需提前结束征求意见，请使用“结束征求意见”并说明理由。"
        )
    earliest, latest = min(announced_opens, today), max(announced_opens, today)
    if opens > latest:
        raise DraftError(
            f"已公布自 {closing.chinese_date(announced_opens)}开始征求意见，"
            "发布新版本不能推迟开始日期（征求意见不能中断）。"
        )
    if opens < earliest:
        raise DraftError(f"开始日期不能早于 {closing.chinese_date(earliest)}。")
    return min(announced_opens, opens)


def close_plan(draft: Draft, at: datetime | None = None) -> closing.ClosePlan:
    """What ending the draft's consultation now would cut: for the staff's confirmation step."""
    at = at or now()
    _check_closable(draft, at)
    return closing.plan(draft, at)


def _check_closable(draft: Draft, at: datetime) -> None:
    if (
        effective_status(draft, at) not in (DraftStatus.OPEN, DraftStatus.CLOSED)
        or draft.status == DraftStatus.CLOSED
        or draft.opens_at is None
        or draft.closes_at is None
    ):
        raise DraftError("只有正在征求意见的草案可以结束征求意见。")
    if draft.opens_at > at:
        raise DraftError(
            f"征求意见尚未开始（{closing.chinese_date(draft.opens_at)}开始），不能结束。"
            "如不再征求意见，请撤回草案并说明理由。"
        )


async def close(
    draft: Draft, *, reason: str = "", actor: User | None, ip: str = "", at: datetime | None = None
) -> closing.ClosePlan:
    """End the consultation. Before the published ``closes_at`` this needs a public reason (the
    announced close is kept in ``planned_closes_at``); at or after it, the window simply ended."""
    at = at or now()
    _check_closable(draft, at)
    plan = closing.plan(draft, at)
    try:
        cleaned = closing.check_reason(plan, reason)
    except closing.CloseError as exc:
        raise DraftError(str(exc)) from exc
    changes: dict[str, object] = {"status": DraftStatus.CLOSED, "updated_at": now()}
    if plan.early:
        # In Beijing time, like every closes_at publish writes (SQLite compares the stored text).
        closed_at = at.astimezone(LOCAL_TZ)
        changes |= {"planned_closes_at": plan.planned, "closes_at": closed_at, "closed_early_reason": cleaned}
    async with in_transaction():
        # Only while still open: a second close sent at the same moment (two staff, or a form sent
        # twice) must not record the first one's close as the announced one.
        changed = await Draft.filter(id=draft.id, status=DraftStatus.OPEN).update(**changes)
        if not changed:
            raise DraftError("只有正在征求意见的草案可以结束征求意见。")
        for name, value in changes.items():
            setattr(draft, name, value)
        await audit.record(
            "draft_closed",
            actor=actor,
            ip=ip,
            object_type="draft",
            object_id=draft.id,
            detail={
                "early": plan.early,
                "reason": cleaned,
                "planned_closes_at": plan.planned.astimezone(LOCAL_TZ).isoformat(),
                "closed_at": (at if plan.early else plan.planned).astimezone(LOCAL_TZ).isoformat(),
                "days_cut": plan.days_cut if plan.early else 0,
                "window_length": plan.ran.length,
                "below_minimum": plan.cuts_minimum,
            },
        )
    return plan


async def withdraw(
    draft: Draft, reason: str, *, actor: User | None, ip: str = "", at: datetime | None = None
) -> None:
    """Withdraw with a public reason. A draft withdrawn while its window runs stops taking comments
    then: ``closes_at`` becomes that moment and the announced close is kept, as for an early close."""
    if not reason.strip():
        raise DraftError("撤回草案需要说明理由，理由将向社会公开。")
    if draft.status == DraftStatus.WITHDRAWN:
        raise DraftError("草案已撤回。")
    if len(reason.strip()) > closing.MAX_REASON_CHARS:
        raise DraftError(f"撤回理由不能超过 {closing.MAX_REASON_CHARS} 字。")
    at = at or now()
    window_ran = (
        effective_status(draft, at) == DraftStatus.OPEN
        and draft.opens_at is not None
        and draft.opens_at <= at
        and draft.closes_at is not None
    )
    detail: dict[str, object] = {"reason": reason.strip()}
    if window_ran:
        assert draft.closes_at is not None
        detail["planned_closes_at"] = draft.closes_at.astimezone(LOCAL_TZ).isoformat()
        detail["closed_at"] = at.astimezone(LOCAL_TZ).isoformat()
        draft.planned_closes_at, draft.closes_at = draft.closes_at, at.astimezone(LOCAL_TZ)
    draft.status = DraftStatus.WITHDRAWN
    draft.withdrawn_reason = reason.strip()
    draft.withdrawn_at = at
    async with in_transaction():
        await draft.save(
            update_fields=[
                "status",
                "withdrawn_reason",
                "withdrawn_at",
                "closes_at",
                "planned_closes_at",
                "updated_at",
            ]
        )
        await search.remove_draft(draft)
        await audit.record(
            "draft_withdrawn", actor=actor, ip=ip, object_type="draft", object_id=draft.id, detail=detail
        )


# --- public queries -------------------------------------------------------------------------------

PUBLIC_STATUSES = (
    DraftStatus.OPEN,
    DraftStatus.CLOSED,
    DraftStatus.FEEDBACK_PUBLISHED,
    DraftStatus.WITHDRAWN,
)


@dataclass(frozen=True)
class DraftFilter:
    status: DraftStatus | None = None
    kind: DraftKind | None = None
    year: int | None = None
    q: str = ""
    level: GovLevel | None = None
    district: str = ""


def _filtered(flt: DraftFilter, at: datetime) -> QuerySet[Draft]:
    query = Draft.filter(status__in=PUBLIC_STATUSES)
    if flt.status == DraftStatus.OPEN:
        query = query.filter(status=DraftStatus.OPEN, closes_at__gt=at)
    elif flt.status == DraftStatus.CLOSED:
        query = query.filter(Q(status=DraftStatus.CLOSED) | Q(status=DraftStatus.OPEN, closes_at__lte=at))
    elif flt.status is not None:
        query = query.filter(status=flt.status)
    if flt.kind is not None:
        query = query.filter(kind=flt.kind)
    if flt.year is not None:
        query = query.filter(
            published_at__gte=datetime(flt.year, 1, 1, tzinfo=LOCAL_TZ),
            published_at__lt=datetime(flt.year + 1, 1, 1, tzinfo=LOCAL_TZ),
        )
    if flt.q:
        query = query.filter(title__icontains=flt.q)
    return by_scope(query, flt.level, flt.district)


def by_scope(query: QuerySet[Draft], level: GovLevel | None, district: str) -> QuerySet[Draft]:
    if level is not None:
        query = query.filter(level=level)
    if district:
        query = query.filter(district=district)
    return query


async def public_page(
    flt: DraftFilter, *, page: int, per_page: int, at: datetime | None = None
) -> Page[Draft]:
    at = at or now()
    query = _filtered(flt, at)
    total = await query.count()
    drafts = await query.order_by("-published_at", "-id").offset((page - 1) * per_page).limit(per_page)
    return Page(drafts, total, page, per_page)


async def open_drafts(limit: int = 10, at: datetime | None = None) -> list[Draft]:
    at = at or now()
    return await Draft.filter(status=DraftStatus.OPEN, closes_at__gt=at).order_by("closes_at").limit(limit)


async def open_in_district(district: str, limit: int = 20, at: datetime | None = None) -> list[Draft]:
    """The district's own consultations and its streets' and towns', open for comment now."""
    at = at or now()
    return (
        await Draft.filter(
            status=DraftStatus.OPEN,
            closes_at__gt=at,
            district=district,
            level__in=(GovLevel.DISTRICT, GovLevel.STREET),
        )
        .order_by("closes_at", "id")
        .limit(limit)
    )


async def open_city_count(at: datetime | None = None) -> int:
    at = at or now()
    return await Draft.filter(status=DraftStatus.OPEN, closes_at__gt=at, level=GovLevel.CITY).count()


async def publication_years() -> list[int]:
    drafts = await Draft.filter(status__in=PUBLIC_STATUSES, published_at__isnull=False).only(
        "id", "published_at"
    )
    return sorted({local_date(d.published_at).year for d in drafts if d.published_at}, reverse=True)


async def get_public(draft_id: int) -> Draft | None:
    """The draft if the public may see it (read on every public draft page and comment, so by hand)."""
    statuses = [status.value for status in PUBLIC_STATUSES]
    marks = ", ".join("{}" for _ in statuses)
    return await first_where(Draft, f'"id" = {{}} AND "status" IN ({marks})', [draft_id, *statuses])


async def published_versions(draft: Draft) -> list[DraftVersion]:
    return await DraftVersion.filter(draft=draft, published_at__isnull=False).order_by("number")


# --- the reader -----------------------------------------------------------------------------------


@dataclass
class Node:
    provision: Provision
    children: list[Node] = field(default_factory=list)

    @property
    def is_unit(self) -> bool:
        return self.provision.is_unit


@dataclass
class ReaderText:
    version: DraftVersion
    nodes: list[Node]  # top-level: headings (编/章/节) and units
    units: list[Provision]

    def unit(self, key: str) -> Provision | None:
        return next((u for u in self.units if u.key == key), None)


def build_tree(provisions: Sequence[Provision]) -> list[Node]:
    """Headings and units only: a unit's own paragraphs are read from its text."""
    nodes: dict[int, Node] = {}
    top: list[Node] = []
    for p in provisions:
        if p.level not in HEADING_LEVELS and not p.is_unit:
            continue
        node = Node(p)
        nodes[p.position] = node
        parent = nodes.get(p.parent_position) if p.parent_position is not None else None
        (parent.children if parent else top).append(node)
    return top


HEADING_LEVELS = ("bian", "fenbian", "zhang", "jie")


async def reader_text(version: DraftVersion) -> ReaderText:
    provisions = (
        await Provision.filter(version=version)
        .filter(Q(level__in=HEADING_LEVELS) | ~Q(key=""))
        .order_by("position")
    )
    return ReaderText(version, build_tree(provisions), [p for p in provisions if p.is_unit])


async def unit_by_key(version: DraftVersion, key: str) -> Provision | None:
    if not key or len(key) > 32:
        return None
    return await Provision.get_or_none(version=version, key=key)


@dataclass(frozen=True)
class UnitInVersion:
    version: DraftVersion
    unit: Provision


async def unit_history(draft: Draft, lineage: str) -> list[UnitInVersion]:
    """The same article in every published version of the draft (it may carry other numbers there)."""
    versions = {v.id: v for v in await published_versions(draft)}
    units = await Provision.filter(version_id__in=list(versions), lineage=lineage).exclude(key="")
    return sorted((UnitInVersion(versions[u.version_id], u) for u in units), key=lambda h: h.version.number)


@dataclass(frozen=True)
class FeedEntry:
    """One entry of the drafts feed: a published version (a new draft is its version 1), or an
    event that changed the announced window (``notice``: closed early, withdrawn), dated when it
    happened."""

    draft: Draft
    updated: datetime
    version: DraftVersion | None = None
    notice: closing.ConsultationNotice | None = None

    @property
    def status_notes(self) -> list[closing.ConsultationNotice]:
        """What a version's entry says of the draft's window today."""
        return closing.public_notices(self.draft)


async def feed_entries(limit: int) -> list[FeedEntry]:
    """Newest first: published versions of public drafts, and early closes and withdrawals."""
    versions = (
        await DraftVersion.filter(published_at__isnull=False, draft__status__in=PUBLIC_STATUSES)
        .select_related("draft")
        .order_by("-published_at", "-id")
        .limit(limit)
    )
    entries = [FeedEntry(v.draft, v.published_at, version=v) for v in versions if v.published_at]
    # Early closes, and withdrawals during a window: both kept the announced close.
    ended = (
        await Draft.filter(status__in=PUBLIC_STATUSES, planned_closes_at__isnull=False)
        .order_by("-closes_at", "-id")
        .limit(limit)
    )
    for draft in ended:
        for notice in closing.public_notices(draft):
            if notice.at is not None:
                entries.append(FeedEntry(draft, notice.at, notice=notice))
    entries.sort(key=lambda e: e.updated, reverse=True)
    return entries[:limit]
