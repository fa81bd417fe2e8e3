"""Hearings: scheduling with the statutory notice, registration, the draw, waitlist, check-in, record and
report, and the notifications they send (through the outbox)."""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.timezone import now
from tortoise.transactions import in_transaction

from portal.models import (
    Attachment,
    Decision,
    Draft,
    DraftKind,
    Hearing,
    HearingMaterial,
    HearingRegistration,
    HearingStatus,
    OutboxMessage,
    RegistrationStatus,
    Role,
    User,
)
from portal.services import audit, decisions, screening
from portal.services.calendar import LOCAL_TZ
from portal.services.hearing import clashes, selection
from portal.services.liaison import DISTRICT_ORDER
from portal.services.paging import Page

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
OCCUPYING = (RegistrationStatus.SELECTED, RegistrationStatus.ATTENDED)


class HearingError(ValueError):
    def __init__(self, message: str, field: str = "form") -> None:
        super().__init__(message)
        self.field = field


class VenueClash(HearingError):
    """Another hearing is held at the same venue at an overlapping time: scheduling needs the
    organizer's explicit confirmation (``schedule(..., clash_confirmed=True)``)."""

    def __init__(self, found: clashes.Clashes) -> None:
        super().__init__(
            "同一地点在这一时间已安排了其他听证会（见下方列表）。请核对时间和地点；"
            "如确需在同一地点同时举行，请勾选确认后重新提交。",
            "clash",
        )
        self.clashes = found


# --- access ---------------------------------------------------------------------------------------


def may_hold(user: User, *, decision: Decision | None, draft: Draft | None) -> bool:
    """Who may schedule and run a hearing on this decision item and/or draft: the rule of the decision
    (its 承办单位's organizers, ``decisions.can_manage``); on a draft, legislative staff (who run the
    drafts) or the organizers of its drafting body (``decisions.may_use_draft``); every object linked
    must allow it. A hearing on neither is the admin's alone: there is no unit it belongs to. An admin
    may hold any hearing."""
    if user.has_role(Role.ADMIN):
        return True
    if decision is None and draft is None:
        return False
    if decision is not None and not decisions.can_manage(user, decision):
        return False
    return draft is None or user.has_role(Role.LEGISLATOR) or decisions.may_use_draft(user, draft)


async def may_manage(user: User, hearing: Hearing) -> bool:
    """May this staff user act on this hearing (see its registrants, change it, run its draw...)?"""
    decision = await Decision.get_or_none(id=hearing.decision_id) if hearing.decision_id else None
    draft = await Draft.get_or_none(id=hearing.draft_id) if hearing.draft_id else None
    return may_hold(user, decision=decision, draft=draft)


async def managed_by(user: User) -> list[Hearing]:
    """The hearings ``user`` may act on (``may_hold``), latest first. A city holds a few hearings a
    year, so they are filtered here by the one rule rather than by a second copy of it in SQL."""
    hearings = await Hearing.all().select_related("decision", "draft").order_by("-starts_at", "-id")
    return [h for h in hearings if may_hold(user, decision=h.decision, draft=h.draft)]


async def linkable(user: User) -> tuple[list[Decision], list[Draft]]:
    """The decision items and drafts ``user`` may hold a hearing on (``may_hold``), for the form."""
    items = await Decision.all().select_related("catalog").order_by("-catalog__year", "seq")
    drafts = await Draft.all().order_by("-id")
    return (
        [d for d in items if may_hold(user, decision=d, draft=None)],
        [d for d in drafts if may_hold(user, decision=None, draft=d)],
    )


# --- scheduling -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HearingInput:
    title: str
    matter: str
    starts_at: datetime
    ends_at: datetime
    venue: str
    registration_opens_at: datetime
    registration_closes_at: datetime
    seats: dict[str, dict[str, int]]
    decision: Decision | None = None
    draft: Draft | None = None


SELECTION_METHOD = (
    "陈述人按类别分别随机遴选：以公开承诺的随机种子对每位报名人的化名计算排序，轮流从不同意见（支持、反对等）"
    "的报名人中选取排序最前者，并尽量兼顾不同的区；未入选者按排序候补。旁听人按报名先后确定，额满后候补。"
    "遴选结果连同化名名单和种子一并公布，任何人都可以复核。"
)


async def schedule(data: HearingInput, *, actor: User, ip: str, clash_confirmed: bool = False) -> Hearing:
    """Create a hearing (not yet public). One overlapping another hearing at the same venue is refused
    (``VenueClash``) unless ``clash_confirmed``: the audit log then keeps which hearings it overlaps."""
    if not data.title.strip() or not data.venue.strip():
        raise HearingError("请填写听证会名称和地点。", "title")
    if data.ends_at <= data.starts_at:
        raise HearingError("结束时间应晚于开始时间。", "ends_at")
    if not data.registration_opens_at < data.registration_closes_at <= data.starts_at:
        raise HearingError("报名应在听证会开始前结束，且截止时间晚于开始时间。", "registration_closes_at")
    if not any(v.get("speakers", 0) + v.get("observers", 0) for v in data.seats.values()):
        raise HearingError("请至少为一个类别设置名额。", "seats")
    found = await clashes.find(
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        venue=data.venue,
        decision=data.decision,
        draft=data.draft,
    )
    if found.same_venue and not clash_confirmed:
        raise VenueClash(found)
    hearing = await Hearing.create(
        title=data.title.strip(),
        matter=data.matter.strip(),
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        venue=data.venue.strip(),
        registration_opens_at=data.registration_opens_at,
        registration_closes_at=data.registration_closes_at,
        seats=data.seats,
        selection_method=SELECTION_METHOD,
        decision=data.decision,
        draft=data.draft,
    )
    await audit.record(
        "hearing_scheduled",
        actor=actor,
        ip=ip,
        object_type="hearing",
        object_id=hearing.id,
        detail={"venue_clash_confirmed": [h.id for h in found.same_venue]} if found.same_venue else None,
    )
    return hearing


async def clashes_of(hearing: Hearing) -> clashes.Clashes:
    """The other hearings overlapping this one in time, at its venue or held by its unit."""
    decision = await Decision.get_or_none(id=hearing.decision_id) if hearing.decision_id else None
    draft = await Draft.get_or_none(id=hearing.draft_id) if hearing.draft_id else None
    return await clashes.find(
        starts_at=hearing.starts_at,
        ends_at=hearing.ends_at,
        venue=hearing.venue,
        decision=decision,
        draft=draft,
        exclude_id=hearing.id,
    )


async def notice_rule(hearing: Hearing) -> tuple[int, str]:
    """Days of notice the law asks for this hearing, and the article."""
    draft = await Draft.get_or_none(id=hearing.draft_id) if hearing.draft_id else None
    if draft is not None and draft.kind == DraftKind.GOVERNMENT_RULE:
        return 30, "《规章制定程序条例》第十六条"
    return 7, "《重大行政决策程序暂行条例》第十六条"


async def publish_notice(hearing: Hearing, *, actor: User, ip: str, at: datetime | None = None) -> None:
    """Publish the notice and open registration; commit to the draw's seed now (its hash is published)."""
    at = at or now()
    days, article = await notice_rule(hearing)
    if hearing.starts_at - at < timedelta(days=days):
        raise HearingError(
            f"听证会应当在举行前至少 {days} 日公告（{article}），"
            f"现在距举行仅 {max(0, (hearing.starts_at - at).days)} 日。请推迟听证会日期。",
            "starts_at",
        )
    seed = secrets.token_hex(16)
    hearing.seed = seed  # kept secret until the draw; only the commitment is shown
    hearing.seed_commitment = selection.commitment(seed)
    hearing.notice_published_at = at
    hearing.status = HearingStatus.REGISTRATION_OPEN
    await hearing.save()
    await audit.record(
        "hearing_notice_published", actor=actor, ip=ip, object_type="hearing", object_id=hearing.id
    )


async def set_status(
    hearing: Hearing, status: HearingStatus, reason: str, *, actor: User, ip: str, site: str = ""
) -> None:
    if status in (HearingStatus.CANCELLED, HearingStatus.POSTPONED) and not reason.strip():
        raise HearingError("取消或延期须说明理由，理由将向社会公开。", "reason")
    hearing.status = status
    hearing.status_reason = reason.strip()
    await hearing.save(update_fields=["status", "status_reason"])
    for reg in await HearingRegistration.filter(hearing=hearing).exclude(status=RegistrationStatus.CANCELLED):
        await notify(
            reg,
            f"听证会{status.label}：{hearing.title}",
            f"{hearing.title}{status.label}。{reason.strip()}",
            site=site,
        )
    await audit.record(
        "hearing_status",
        actor=actor,
        ip=ip,
        object_type="hearing",
        object_id=hearing.id,
        detail={"status": status.value},
    )


# --- registration ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationInput:
    name: str
    phone: str
    category: str
    role: str  # speaker | observer
    district: str = ""
    email: str = ""
    stance: str = ""
    statement: str = ""
    show_name: bool = False


CODE_LENGTH = 12  # 31^12 ≈ 7.9×10^17 codes: not found by guessing, even without the rate limit


def _code() -> str:
    """HXXXX-XXXX-XXXX: typed in groups of four, without 0/O, 1/I/L to confuse."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"H{chars[:4]}-{chars[4:8]}-{chars[8:]}"


def registration_open(hearing: Hearing, at: datetime | None = None) -> bool:
    """Registration is open from the notice's opening time to its deadline, unless it was closed early."""
    at = at or now()
    return (
        hearing.status == HearingStatus.REGISTRATION_OPEN
        and hearing.registration_opens_at <= at <= hearing.registration_closes_at
        and (hearing.registration_closed_early_at is None or at < hearing.registration_closed_early_at)
    )


# --- the deadline the notice gave ------------------------------------------------------------------

EARLY_CLOSE_REASON_MIN = 4  # "名额已满" is a reason; "无" is not
EARLY_CLOSE_REASON_MAX = 500


def registration_ends_at(hearing: Hearing) -> datetime:
    """When registration ended or will end: the notice's deadline, or the moment it was closed early.
    The draw runs from then on (the notice promises the speakers are drawn after registration ends)."""
    return hearing.registration_closed_early_at or hearing.registration_closes_at


def when(moment: datetime) -> str:
    """A moment as the public reads it, in Beijing time."""
    return f"{local(moment):%Y年%m月%d日 %H:%M}"


def status_label(hearing: Hearing, at: datetime | None = None) -> str:
    """The status as the public should read it: a hearing still waiting for its draw after its
    registration ended is no longer "正在报名"."""
    if hearing.status == HearingStatus.REGISTRATION_OPEN and (at or now()) >= registration_ends_at(hearing):
        return "报名已截止，等待遴选" if hearing.registration_closed_early_at is None else "报名已提前截止"
    return hearing.status.label


async def close_registration_early(
    hearing: Hearing, reason: str, *, actor: User, ip: str, site: str = "", at: datetime | None = None
) -> None:
    """End registration before the deadline the notice gave, for a reason published on the notice.
    ``registration_closes_at`` keeps that deadline: the public sees both. Registrants are told."""
    at = at or now()
    reason = " ".join(reason.split())
    if hearing.status != HearingStatus.REGISTRATION_OPEN:
        raise HearingError("只有正在报名的听证会可以提前截止报名。")
    if hearing.registration_closed_early_at is not None:
        raise HearingError(f"报名已于 {when(hearing.registration_closed_early_at)} 提前截止。")
    if at >= hearing.registration_closes_at:
        raise HearingError(f"报名已于 {when(hearing.registration_closes_at)} 按公告截止，无须提前截止。")
    if len(reason) < EARLY_CLOSE_REASON_MIN:
        raise HearingError(
            "提前截止报名须说明理由（至少 4 个字）：听证公告承诺的报名截止时间将被提前，理由会在公告中公开。",
            "reason",
        )
    if len(reason) > EARLY_CLOSE_REASON_MAX:
        raise HearingError(f"理由请控制在 {EARLY_CLOSE_REASON_MAX} 字以内。", "reason")
    hearing.registration_closed_early_at = at
    hearing.registration_closed_early_reason = reason
    await hearing.save(update_fields=["registration_closed_early_at", "registration_closed_early_reason"])
    await audit.record(
        "hearing_registration_closed_early",
        actor=actor,
        ip=ip,
        object_type="hearing",
        object_id=hearing.id,
        detail={"reason": reason, "deadline": hearing.registration_closes_at.isoformat(timespec="minutes")},
    )
    for reg in await HearingRegistration.filter(hearing=hearing).exclude(status=RegistrationStatus.CANCELLED):
        await notify(
            reg,
            f"报名提前截止：{hearing.title}",
            f"{hearing.title}的报名原定于 {when(hearing.registration_closes_at)} 截止，"
            f"已于 {when(at)} 提前截止。理由：{reason}。您的报名不受影响，报名码 {reg.code}，"
            f"当前状态：{reg.status.label}。",
            site=site,
        )


DISTRICTS = DISTRICT_ORDER  # the districts the comment form offers; the draw spreads speakers over them


def canonical_district(raw: str) -> str | None:
    """A registrant's 所在区 as the draw compares it: one of ``DISTRICTS`` ("越秀区" and "越秀" are one),
    "" for none given, None for anything else."""
    district = "".join(unicodedata.normalize("NFKC", raw).split())
    if district.endswith("区") and district[:-1] in DISTRICTS:
        district = district[:-1]
    return district if district == "" or district in DISTRICTS else None


async def register(
    hearing: Hearing, data: RegistrationInput, at: datetime | None = None, *, site: str = ""
) -> HearingRegistration:
    """Speakers apply for the draw; observers get a seat on arrival while seats last, else the waitlist."""
    if not registration_open(hearing, at):
        closed_early = hearing.registration_closed_early_at
        if closed_early is not None and (at or now()) >= closed_early:
            raise HearingError(
                f"报名已于 {when(closed_early)} 提前截止，不再接受报名。"
                f"理由：{hearing.registration_closed_early_reason}"
            )
        raise HearingError("现在不在报名时间内。")
    if not data.name.strip():
        raise HearingError("请填写姓名。", "name")
    phone = "".join(ch for ch in data.phone if ch.isdigit())
    if not 7 <= len(phone) <= 15:
        raise HearingError("请填写有效的联系电话。", "phone")
    if data.category not in hearing.seats:
        raise HearingError("请选择报名类别。", "category")
    if data.role not in ("speaker", "observer"):
        raise HearingError("请选择陈述人或旁听人。", "role")
    if data.role == "speaker" and not data.statement.strip():
        raise HearingError("报名陈述人须简要说明拟陈述的意见。", "statement")
    if data.role == "speaker" and data.stance not in ("support", "oppose", "other"):
        raise HearingError("请选择您对听证事项的基本态度。", "stance")
    # The district is published with the draw, the name too when its owner agrees: neither may carry
    # a phone number or an ID number (a statement is masked instead: it is prose, these are not).
    for field, label, value in (
        ("name", "姓名", data.name if data.show_name else ""),
        ("district", "所在区", data.district),
    ):
        found = screening.kinds(value)
        if found:
            raise HearingError(
                f"{label}会公开显示，请不要在其中填写{screening.describe(found)}等个人信息。", field
            )
    district = canonical_district(data.district)
    if district is None:
        raise HearingError("请从列表中选择所在区，或选择“不填写”。", "district")
    fields: dict[str, Any] = {
        "hearing": hearing,
        "name": data.name.strip()[:100],
        "phone": phone,
        "email": data.email.strip()[:254],
        "district": district,
        "category": data.category,
        "role": data.role,
        "stance": data.stance,
        "statement": screening.mask(data.statement.strip()[:3000]),
        "show_name": data.show_name,
    }
    for _ in range(5):
        try:
            async with in_transaction():
                status = RegistrationStatus.APPLIED
                if data.role == "observer":
                    # Lock the hearing so two people cannot both take the last seat.
                    await Hearing.select_for_update().get(id=hearing.id)
                    taken = await HearingRegistration.filter(
                        hearing=hearing, category=data.category, role="observer", status__in=OCCUPYING
                    ).count()
                    free = int(hearing.seats[data.category].get("observers", 0)) - taken
                    status = RegistrationStatus.SELECTED if free > 0 else RegistrationStatus.WAITLISTED
                registration = await HearingRegistration.create(code=_code(), status=status, **fields)
        except IntegrityError:
            earlier = await HearingRegistration.get_or_none(hearing=hearing, phone=phone)
            if earlier is not None:
                raise HearingError(_registered_before(earlier), "phone") from None
            continue  # a code collision: draw another
        await notify(
            registration,
            f"报名确认：{hearing.title}",
            f"您已报名{hearing.title}（{'陈述人' if data.role == 'speaker' else '旁听'}），"
            f"报名码 {registration.code}，当前状态：{registration.status.label}。",
            site=site,
        )
        return registration
    raise RuntimeError("could not allocate a registration code")  # pragma: no cover


def _registered_before(earlier: HearingRegistration) -> str:
    """Why a phone cannot register again: one registration per person and hearing, a cancelled one
    included (a waitlist is served in the order people registered, which a new one would jump)."""
    if earlier.status == RegistrationStatus.CANCELLED:
        return (
            "这个电话号码在本场听证会的报名已经取消，不能再次报名。"
            "如果报名不是您本人取消的，请与听证组织机关联系。"
        )
    return "这个电话号码已经报名过本场听证会。可凭报名码查询或取消报名。"


def statement_notice(statement: str) -> str:
    """What a registrant whose statement held personal data is told (``register`` masked it)."""
    return screening.notice(screening.kinds(statement), "拟陈述意见中的这些信息已隐去后保存。")


async def by_code(code: str) -> HearingRegistration | None:
    """The registration of a code as typed: any case, with or without the dashes. The 8-character codes
    given before codes were lengthened still work for the registrations that hold them."""
    cleaned = "".join(ch for ch in code.upper() if ch.isascii() and ch.isalnum())
    if len(cleaned) == 1 + CODE_LENGTH:
        canonical = f"{cleaned[:5]}-{cleaned[5:9]}-{cleaned[9:]}"
    elif len(cleaned) == 9:
        canonical = f"{cleaned[:5]}-{cleaned[5:]}"
    else:
        return None
    return await HearingRegistration.get_or_none(code=canonical).select_related("hearing")


async def cancel(
    registration: HearingRegistration, *, ip: str = "", site: str = ""
) -> HearingRegistration | None:
    """Cancel (whoever holds the code may); if it held a seat, the first on the waitlist of its
    category and role takes it. The registrant is told and the audit log keeps who cancelled from where,
    so a cancellation by someone else does not go unnoticed. Returns the promoted registration, if any."""
    if registration.status == RegistrationStatus.CANCELLED:
        return None
    before = registration.status
    async with in_transaction():
        hearing = await Hearing.select_for_update().get(id=registration.hearing_id)
        held_seat = registration.status in OCCUPYING
        registration.status = RegistrationStatus.CANCELLED
        await registration.save(update_fields=["status"])
        promoted = None
        if held_seat:
            promoted = await (
                HearingRegistration.filter(
                    hearing_id=hearing.id,
                    category=registration.category,
                    role=registration.role,
                    status=RegistrationStatus.WAITLISTED,
                )
                .order_by("draw_rank", "id")
                .first()
            )
            if promoted is not None:
                promoted.status = RegistrationStatus.SELECTED
                await promoted.save(update_fields=["status"])
        await audit.record(
            "hearing_registration_cancelled",
            actor=None,
            ip=ip,
            object_type="hearing_registration",
            object_id=registration.id,
            detail={
                "hearing": hearing.id,
                "was": before.value,
                "promoted": promoted.id if promoted is not None else None,
            },
        )
    role = "陈述人" if registration.role == "speaker" else "旁听人"
    await notify(
        registration,
        f"报名已取消：{hearing.title}",
        f"您报名{hearing.title}（{role}，{registration.category}）已于 {local(now()):%Y年%m月%d日 %H:%M} "
        "凭报名码取消。如果不是您本人操作，请立即与听证组织机关联系，并妥善保管报名码。",
        site=site,
    )
    if promoted is not None:
        await notify(
            promoted,
            f"候补入选：{hearing.title}",
            f"有参加人取消，您已由候补转为入选。报名码 {promoted.code}。",
            site=site,
        )
    return promoted


# --- the draw -------------------------------------------------------------------------------------


def pseudonym_of(registration: HearingRegistration, *, secret: str) -> str:
    """The name a registration is published under (shown to its registrant only)."""
    return selection.pseudonym(secret, registration.hearing_id, registration.code)


def published_list(
    hearing: Hearing, registrations: list[HearingRegistration], *, secret: str
) -> list[selection.Applicant]:
    return _applicants(registrations, lambda r: selection.pseudonym(secret, hearing.id, r.code))


def _applicants(
    registrations: list[HearingRegistration], name: Callable[[HearingRegistration], str]
) -> list[selection.Applicant]:
    return sorted(
        (
            selection.Applicant(name(r), r.category, r.role, r.stance or "other", r.district)
            for r in registrations
        ),
        key=lambda a: a.pseudonym,
    )


async def run_draw(
    hearing: Hearing, *, secret: str, actor: User, ip: str, site: str = "", at: datetime | None = None
) -> dict[str, list[object]]:
    """Draw the speakers (observers already hold their first-come seats) and reveal the seed, once
    registration has ended (``registration_ends_at``). ``secret`` keys the pseudonyms
    (``Settings.secret_key``)."""
    at = at or now()
    if hearing.status != HearingStatus.REGISTRATION_OPEN:
        raise HearingError("只有正在报名的听证会可以进行遴选。")
    if at < registration_ends_at(hearing):
        raise HearingError(
            f"报名截止时间（{when(hearing.registration_closes_at)}）之前不能进行遴选："
            "听证公告承诺在报名截止后遴选陈述人。如确需提前遴选，请先提前截止报名并公开理由。"
        )
    speakers = await HearingRegistration.filter(
        hearing=hearing, role="speaker", status=RegistrationStatus.APPLIED
    )
    applicants = published_list(hearing, list(speakers), secret=secret)
    result = selection.draw(applicants, hearing.seats, hearing.seed)
    by_pseudonym = {pseudonym_of(r, secret=secret): r for r in speakers}
    async with in_transaction():
        for key, (status, rank) in result.items():
            reg = by_pseudonym[key]
            reg.status = RegistrationStatus(str(status))
            reg.draw_rank = int(str(rank))
            await reg.save(update_fields=["status", "draw_rank"])
        hearing.draw_list = [a.as_dict() for a in applicants]
        hearing.draw_result = result
        hearing.drawn_at = at
        hearing.status = HearingStatus.SELECTION_DONE
        await hearing.save()
        await audit.record("hearing_draw", actor=actor, ip=ip, object_type="hearing", object_id=hearing.id)
    for reg in speakers:
        await notify(
            reg,
            f"遴选结果：{hearing.title}",
            f"您报名陈述人的遴选结果：{reg.status.label}。报名码 {reg.code}。",
            site=site,
        )
    return result


@dataclass(frozen=True)
class Verification:
    ok: bool
    checks: list[tuple[str, bool]]


def verify(hearing: Hearing) -> Verification:
    """Recompute the draw from what was published: the seed against its commitment, then the result."""
    checks: list[tuple[str, bool]] = []
    if not hearing.drawn_at:
        return Verification(False, [("尚未遴选", False)])
    checks.append(
        ("随机种子与事先公布的承诺值一致", selection.commitment(hearing.seed) == hearing.seed_commitment)
    )
    applicants = [selection.Applicant.from_dict(row) for row in hearing.draw_list]
    recomputed = selection.draw(applicants, hearing.seats, hearing.seed)
    stored = {k: [str(v[0]), int(str(v[1]))] for k, v in hearing.draw_result.items()}
    again = {k: [str(v[0]), int(str(v[1]))] for k, v in recomputed.items()}
    checks.append(("按公布的名单和种子重新计算，结果与公布的遴选结果一致", again == stored))
    return Verification(all(ok for _, ok in checks), checks)


async def verify_against_registrations(hearing: Hearing, *, secret: str) -> Verification:
    """Also check that the published list matches the registrations actually held (this needs the key
    of the pseudonyms; a draw published before they were keyed is checked by its own, unkeyed rule)."""
    base = verify(hearing)
    speakers = list(
        await HearingRegistration.filter(hearing=hearing, role="speaker").exclude(
            status=RegistrationStatus.APPLIED
        )
    )
    published = sorted(hearing.draw_list, key=lambda r: r["p"])
    keyed = [a.as_dict() for a in published_list(hearing, speakers, secret=secret)]
    same = keyed == published
    if not same:
        legacy = _applicants(speakers, lambda r: selection.legacy_pseudonym(hearing.id, r.code))
        same = [a.as_dict() for a in legacy] == published
    checks = [*base.checks, ("公布的化名名单与报名记录一致", same)]
    return Verification(all(ok for _, ok in checks), checks)


def draw_record(hearing: Hearing) -> dict[str, Any]:
    """Everything needed to recompute a hearing's draw elsewhere (``selection.draw(applicants, seats,
    seed)``), as published: before the draw only the commitment to the seed."""
    record: dict[str, Any] = {
        "hearing_id": hearing.id,
        "title": hearing.title,
        "seed_commitment": hearing.seed_commitment,
        "commitment_rule": "sha256(seed) as lower-case hex",
        "drawn": hearing.drawn_at is not None,
    }
    if hearing.drawn_at is None:
        return record
    return {
        **record,
        "drawn_at": hearing.drawn_at.isoformat(timespec="seconds"),
        "seed": hearing.seed,
        "seats": hearing.seats,
        "rank_rule": 'sha256("seed:pseudonym") as lower-case hex, smallest first, in each category and role',
        "pseudonym_rule": (
            "the first 12 hex digits of HMAC-SHA-256, keyed with a secret of the portal, of "
            '"hearing-pseudonym:hearing id:registration code"; '
            "each registrant sees their own on the registration lookup page"
        ),
        "method": (selection.__doc__ or "").strip(),
        "applicants": hearing.draw_list,
        "result": {p: {"status": status, "rank": rank} for p, (status, rank) in hearing.draw_result.items()},
    }


# --- materials -------------------------------------------------------------------------------------

MATERIALS_DAYS_BEFORE = 7  # 重大行政决策程序暂行条例 art 16: materials to participants 7 days before


async def add_material(hearing: Hearing, attachment: Attachment, title: str, *, actor: User, ip: str) -> None:
    await HearingMaterial.create(
        hearing=hearing, attachment=attachment, title=(title or attachment.original_name)[:200]
    )
    await audit.record("hearing_material", actor=actor, ip=ip, object_type="hearing", object_id=hearing.id)


async def send_materials(hearing: Hearing, *, site: str = "") -> int:
    """Tell every participant (and the waitlist) that the materials are ready; returns how many were told."""
    titles = [m.title for m in await HearingMaterial.filter(hearing=hearing)]
    if not titles:
        raise HearingError("请先上传听证材料。")
    people = await HearingRegistration.filter(
        hearing=hearing, status__in=(*OCCUPYING, RegistrationStatus.WAITLISTED)
    )
    for reg in people:
        await notify(
            reg,
            f"听证材料：{hearing.title}",
            f"{hearing.title}将于 {local(hearing.starts_at):%Y年%m月%d日 %H:%M} 在{hearing.venue}举行。"
            f"听证材料（{'、'.join(titles)}）已在平台本场听证会页面公布，请提前阅读。报名码 {reg.code}。",
            site=site,
        )
    hearing.materials_sent_at = now()
    await hearing.save(update_fields=["materials_sent_at"])
    return len(people)


async def send_due_materials(at: datetime | None = None, *, site: str = "") -> int:
    """Send the materials notice for hearings within the statutory period that have not had it yet
    (run by the outbox worker, with SITE_URL for the links; staff can also send it by hand)."""
    at = at or now()
    due = await Hearing.filter(
        materials_sent_at__isnull=True,
        status__in=(HearingStatus.REGISTRATION_OPEN, HearingStatus.SELECTION_DONE),
        starts_at__lte=at + timedelta(days=MATERIALS_DAYS_BEFORE + 1),
        starts_at__gt=at,
    )
    sent = 0
    for hearing in due:
        if await HearingMaterial.exists(hearing=hearing):
            sent += await send_materials(hearing, site=site)
    return sent


# --- the day, the record and the report -----------------------------------------------------------


async def check_in(hearing: Hearing, code: str, *, actor: User, ip: str) -> HearingRegistration:
    registration = await by_code(code)
    if registration is None or registration.hearing_id != hearing.id:
        raise HearingError("报名码无效。", "code")
    if registration.status not in OCCUPYING:
        raise HearingError(f"该报名人当前状态为“{registration.status.label}”，不能签到。", "code")
    if registration.status == RegistrationStatus.ATTENDED:
        raise HearingError(f"{registration.name} 已经签到。", "code")
    registration.status = RegistrationStatus.ATTENDED
    registration.checked_in_at = now()
    await registration.save(update_fields=["status", "checked_in_at"])
    await audit.record("hearing_check_in", actor=actor, ip=ip, object_type="hearing", object_id=hearing.id)
    return registration


async def record_held(
    hearing: Hearing, record: Attachment, confirmed_ids: list[int], *, actor: User, ip: str
) -> None:
    """The hearing record (笔录) and who confirmed and signed it (art 17)."""
    if not confirmed_ids:
        raise HearingError(
            "请勾选已在听证笔录上确认签字的参加人（《重大行政决策程序暂行条例》第十七条）。", "confirmed"
        )
    async with in_transaction():
        hearing.record = record
        hearing.status = HearingStatus.HELD
        await hearing.save(update_fields=["record_id", "status"])
        await HearingRegistration.filter(hearing=hearing, id__in=confirmed_ids).update(confirmed_record=True)
    await audit.record("hearing_record", actor=actor, ip=ip, object_type="hearing", object_id=hearing.id)


async def publish_report(hearing: Hearing, report: Attachment, summary: str, *, actor: User, ip: str) -> None:
    if hearing.status != HearingStatus.HELD or hearing.record_id is None:
        raise HearingError("请先上传经参加人确认的听证笔录。")
    if not summary.strip():
        raise HearingError("请填写听证报告摘要。", "summary")
    hearing.report = report
    hearing.report_summary = summary.strip()
    hearing.report_published_at = now()
    hearing.status = HearingStatus.REPORT_PUBLISHED
    await hearing.save()
    await audit.record(
        "hearing_report_published", actor=actor, ip=ip, object_type="hearing", object_id=hearing.id
    )


PUBLIC_STATUSES = tuple(s for s in HearingStatus if s != HearingStatus.PLANNED)


async def public_hearings(*, decision_id: int | None = None, draft_id: int | None = None) -> list[Hearing]:
    """Hearings shown on a decision's or a draft's page (noticed ones only)."""
    query = Hearing.filter(status__in=PUBLIC_STATUSES)
    query = query.filter(decision_id=decision_id) if decision_id else query.filter(draft_id=draft_id)
    return await query.order_by("starts_at")


@dataclass(frozen=True)
class HearingList:
    """The public list: every noticed hearing still to come (a city holds a few at a time), soonest
    first, and one page of those already over, latest first."""

    upcoming: list[Hearing]
    past: Page[Hearing]


async def hearing_list(*, page: int, per_page: int, at: datetime | None = None) -> HearingList:
    moment = at or now()
    public = Hearing.filter(status__in=PUBLIC_STATUSES)
    upcoming = await public.filter(ends_at__gte=moment).order_by("starts_at", "id")
    over = public.filter(ends_at__lt=moment)
    total = await over.count()
    past = await over.order_by("-starts_at", "-id").offset((page - 1) * per_page).limit(per_page)
    return HearingList(upcoming, Page(past, total, page, per_page))


async def has_published_report(decision_id: int) -> bool:
    return await Hearing.filter(decision_id=decision_id, status=HearingStatus.REPORT_PUBLISHED).exists()


# --- notifications --------------------------------------------------------------------------------


async def notify(registration: HearingRegistration, subject: str, body: str, *, site: str = "") -> None:
    """Record the message in the outbox; the sender delivers e-mail when SMTP is configured.
    (SMS would be a second channel with its own sender; the outbox row is the seam.)

    ``site``: the portal's public address (``https://host``), for links to the hearing's page and to
    the registration lookup at the end of the message; without it (the demo data, the command line)
    the message has no links."""
    if registration.email:
        await OutboxMessage.create(
            channel="email",
            recipient=registration.email,
            subject=subject[:200],
            body=body + _links(registration.hearing_id, site),
            topic=f"hearing:{registration.hearing_id}",
        )


def _links(hearing_id: int, site: str) -> str:
    if not site:
        return ""
    site = site.rstrip("/")
    return (
        f"\n\n本场听证会：{site}/hearings/{hearing_id}\n凭报名码查询或取消报名：{site}/hearings/registration"
    )


def local(moment: datetime) -> datetime:
    return moment.astimezone(LOCAL_TZ)
