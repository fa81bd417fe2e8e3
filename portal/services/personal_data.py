"""A person's requests about their own data: a copy (个人信息保护法 art 45) and erasure (art 47).

A person is identified by the phone number or e-mail address they gave. ``find`` gathers every row
holding it; ``export`` returns those rows with the fields held; ``erase`` anonymises them. Erasure
clears who the person is and how to reach them, and keeps what they said: a comment's text is part
of the public record of the consultation, and no row is deleted, so the counts of comments, digests
and hearings stay what they were.

``PERSONAL_FIELDS`` lists every field that holds a citizen's personal data, and ``NOT_PERSONAL`` the
fields whose names suggest it but which hold something else; a test keeps the two complete.

Audit records name the subject only masked (``138****8000``) and by a keyed hash, never in clear.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from tortoise.expressions import Q
from tortoise.timezone import now
from tortoise.transactions import in_transaction

from portal.models import Comment, HearingRegistration, OutboxMessage, PublicProposal, User
from portal.services import audit, masking, outbox
from portal.services.calendar import local_iso

Kind = Literal["phone", "email"]

# Model → the fields holding a citizen's personal data (erase clears them all).
PERSONAL_FIELDS: dict[str, tuple[str, ...]] = {
    "Comment": ("commenter_name", "commenter_phone", "commenter_email", "ip_hash"),
    "HearingRegistration": ("name", "phone", "email"),
    "PublicProposal": ("name", "contact", "ip_hash"),
    "OutboxMessage": ("recipient", "body"),
}
# Fields that look personal by name but are not a citizen's data (or not reachable by phone/e-mail).
NOT_PERSONAL: dict[str, str] = {
    "Attachment.original_name": "上传文件的原文件名（工作人员上传的材料）",
    "Attachment.stored_name": "文件的随机存储名",
    "AuditEvent.actor_name": "工作人员账号名，审计日志依法保存",
    "AuditEvent.ip": "工作人员操作的来源地址，审计日志依法保存",
    "StaffSession.ip": "工作人员登录会话的来源地址（账号安全）",
    "Comment.show_name": "是否同意公开姓名（删除时一并改为否）",
    "Comment.receipt_code": "回执码，不识别个人",
    "Comment.speaker_category": "座谈会发言人类别（如“居民”），统计用",
    "CommentSupport.ip_hash": "附议去重用的加盐地址摘要，无法与电话或邮箱关联",
    "DraftVersion.source_name": "草案文件名",
    "Evaluation.deputies_participation": "评估中代表委员参与情况的工作记录",
    "Evaluation.public_participation": "评估中公众参与情况的工作记录",
    "EvaluationIndicator.name": "评估指标名称",
    "HearingRegistration.show_name": "是否同意公开姓名（删除时一并改为否）",
    "HearingRegistration.statement": "拟陈述的意见，属于听证记录的内容，与意见正文一样保留",
    "LiaisonPoint.name": "联系点名称",
    "LiaisonPoint.address": "联系点的办公地址（机构信息）",
    "LiaisonPoint.contact_phone": "联系点的办公电话（机构信息）",
    "LiaisonPoint.requires_contact": "联系点是否要求留联系方式",
    "LoginAttempt.username": "工作人员登录限流记录",
    "LoginAttempt.ip": "工作人员登录限流记录",
    "QuestionnaireResponse.ip_hash": "问卷去重用的加盐地址摘要，无法与电话或邮箱关联",
    "User.username": "工作人员账号（在“用户与角色”中管理）",
    "User.display_name": "工作人员姓名（在“用户与角色”中管理）",
    "WorkerBeat.name": "后台进程的种类（如汇总进程）",
}

ERASED_MESSAGE = "（已按个人信息删除请求清除）"
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class PersonalDataError(ValueError):
    """The phone number or e-mail address cannot identify anyone; the message is for the user."""


@dataclass(frozen=True)
class Subject:
    """The person a request is about, by a normalised phone number or a lower-case e-mail address."""

    kind: Kind
    value: str

    @property
    def masked(self) -> str:
        return masking.mask_contact(self.value)

    @property
    def label(self) -> str:
        return "电话" if self.kind == "phone" else "电子邮箱"

    def keyed_hash(self, secret: str) -> str:
        """Lets an operator later check whether a log entry was about a given person, without
        the log holding the number itself."""
        message = f"personal-data:{self.kind}:{self.value}".encode()
        return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:32]


def normalise_phone(raw: str) -> str:
    """Digits only, without the +86 / 0086 country code: '+86 138-0013-8000' → '13800138000'."""
    text = raw.strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    international = text.startswith("+") or digits.startswith("0086")
    if digits.startswith("0086"):
        digits = digits[4:]
    elif (international and digits.startswith("86")) or (len(digits) == 13 and digits.startswith("861")):
        digits = digits[2:]  # +86 …, or a mobile number typed with 86 and no +
    if international and digits and not digits.startswith(("0", "1")):
        digits = "0" + digits  # +86 20 8888 8888 is the landline 020-8888-8888
    return digits


def normalise_email(raw: str) -> str:
    return raw.strip().lower()


def subject_from(kind: str, raw: str) -> Subject:
    if kind == "phone":
        phone = normalise_phone(raw)
        if not 7 <= len(phone) <= 15:
            raise PersonalDataError("请输入有效的电话号码（7 至 15 位数字，可带 +86、空格或“-”）。")
        return Subject("phone", phone)
    if kind == "email":
        email = normalise_email(raw)
        if not _EMAIL_RE.match(email) or len(email) > 254:
            raise PersonalDataError("请输入有效的电子邮箱地址。")
        return Subject("email", email)
    raise PersonalDataError("请选择按电话还是按电子邮箱查找。")


# --- finding ---------------------------------------------------------------------------------------


@dataclass
class Found:
    comments: list[Comment] = field(default_factory=list)
    registrations: list[HearingRegistration] = field(default_factory=list)
    proposals: list[PublicProposal] = field(default_factory=list)
    messages: list[OutboxMessage] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "comments": len(self.comments),
            "hearing_registrations": len(self.registrations),
            "public_proposals": len(self.proposals),
            "outbox_messages": len(self.messages),
        }

    @property
    def total(self) -> int:
        return sum(self.counts().values())


def _matches(subject: Subject, stored: str) -> bool:
    if not stored:
        return False
    if subject.kind == "phone":
        return normalise_phone(stored) == subject.value
    return normalise_email(stored) == subject.value


async def find(subject: Subject) -> Found:
    """Every row holding the subject's phone number or e-mail address.

    Phones are stored as typed (spaces, dashes, +86), so candidate rows are compared after
    normalising; a request about one person is rare enough for that scan.
    """
    found = Found()
    if subject.kind == "phone":
        rows = await Comment.exclude(commenter_phone="").values_list("id", "commenter_phone")
        comment_ids = [int(i) for i, phone in rows if _matches(subject, str(phone))]
        rows = await HearingRegistration.all().values_list("id", "phone")
        registration_ids = [int(i) for i, phone in rows if _matches(subject, str(phone))]
    else:
        rows = await Comment.filter(commenter_email__iexact=subject.value).values_list(
            "id", "commenter_email"
        )
        comment_ids = [int(i) for i, _ in rows]
        rows = await HearingRegistration.filter(email__iexact=subject.value).values_list("id", "email")
        registration_ids = [int(i) for i, _ in rows]
    found.comments = await (
        Comment.filter(id__in=comment_ids).select_related("draft", "liaison_point", "meeting").order_by("id")
    )
    found.registrations = await (
        HearingRegistration.filter(id__in=registration_ids).select_related("hearing").order_by("id")
    )
    rows = await PublicProposal.exclude(contact="").values_list("id", "contact")
    found.proposals = await PublicProposal.filter(
        id__in=[int(i) for i, contact in rows if _matches(subject, str(contact))]
    ).order_by("id")
    # Messages to the address, and the notifications of the registrations found (by phone too).
    query = Q(id__in=[])
    if subject.kind == "email":
        query |= Q(recipient__iexact=subject.value)
    for registration in found.registrations:
        if registration.email:
            query |= Q(recipient__iexact=registration.email, topic=f"hearing:{registration.hearing_id}")
    found.messages = await OutboxMessage.filter(query).exclude(recipient="").order_by("id")
    return found


# --- export ----------------------------------------------------------------------------------------


def _when(value: datetime | date | None) -> str | None:
    """A date as it is; a moment in Beijing time, as the pages show it."""
    if isinstance(value, datetime):
        return local_iso(value)
    return value.isoformat() if value is not None else None


def _comment(c: Comment) -> dict[str, object]:
    meeting = c.meeting
    return {
        "id": c.id,
        "receipt_code": c.receipt_code,
        "draft": {"id": c.draft_id, "title": c.draft.title},
        "article": c.unit_key or "全文",
        "channel": c.channel.label,
        "created_at": _when(c.created_at),
        "received_on": _when(c.received_on),
        "stance": c.stance.label,
        "quote": c.quote,
        "body": c.body,
        "suggested_wording": c.suggested_wording,
        "commenter_name": c.commenter_name,
        "commenter_phone": c.commenter_phone,
        "commenter_email": c.commenter_email,
        "district": c.district,
        "identity_type": c.identity_type.label,
        "show_name": c.show_name,
        "withhold": c.withhold,
        "meeting": {"id": meeting.id, "held_on": _when(meeting.held_on), "place": meeting.place}
        if meeting is not None
        else None,
        "speaker_category": c.speaker_category,
        "liaison_point": c.liaison_point.name,
        "moderation": c.moderation.label,
        "processing": c.processing.label,
        "outcome": c.outcome.label if c.outcome else None,
        "outcome_reason": c.outcome_reason,
    }


def _registration(r: HearingRegistration) -> dict[str, object]:
    return {
        "id": r.id,
        "hearing": {"id": r.hearing_id, "title": r.hearing.title, "starts_at": _when(r.hearing.starts_at)},
        "name": r.name,
        "phone": r.phone,
        "email": r.email,
        "district": r.district,
        "category": r.category,
        "role": r.role,
        "stance": r.stance,
        "statement": r.statement,
        "show_name": r.show_name,
        "status": r.status.label,
        "code": r.code,
        "created_at": _when(r.created_at),
        "checked_in_at": _when(r.checked_in_at),
    }


def _proposal(p: PublicProposal) -> dict[str, object]:
    return {
        "id": p.id,
        "kind": p.kind.value,
        "year": p.year,
        "decision_id": p.decision_id,
        "title": p.title,
        "body": p.body,
        "name": p.name,
        "contact": p.contact,
        "moderation": p.moderation,
        "created_at": _when(p.created_at),
    }


def _message(m: OutboxMessage) -> dict[str, object]:
    return {
        "id": m.id,
        "channel": m.channel,
        "recipient": m.recipient,
        "subject": m.subject,
        "body": m.body,
        "created_at": _when(m.created_at),
        "sent_at": _when(m.sent_at),
    }


def _audit_detail(subject: Subject, secret: str, counts: dict[str, int]) -> dict[str, object]:
    return {
        "kind": subject.kind,
        "subject": subject.masked,
        "subject_hash": subject.keyed_hash(secret),
        **counts,
    }


async def export(
    subject: Subject, *, secret: str, actor: User | None, actor_name: str = "", ip: str = ""
) -> dict[str, object]:
    """Everything held about the subject, as a JSON-ready dict; the request is audited."""
    found = await find(subject)
    await audit.record(
        "personal_data_export",
        actor=actor,
        actor_name=actor_name,
        ip=ip,
        object_type="personal_data",
        detail=_audit_detail(subject, secret, found.counts()),
    )
    return {
        "subject": {"kind": subject.kind, "value": subject.value},
        "generated_at": local_iso(now()),
        "legal_basis": "《个人信息保护法》第四十五条",
        "counts": found.counts(),
        "comments": [_comment(c) for c in found.comments],
        "hearing_registrations": [_registration(r) for r in found.registrations],
        "public_proposals": [_proposal(p) for p in found.proposals],
        "outbox_messages": [_message(m) for m in found.messages],
    }


# --- erasure ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedChange:
    """One row erasure would change, as the confirmation step shows it."""

    what: str
    where: str
    cleared: str


def plan(found: Found) -> list[PlannedChange]:
    changes = [
        PlannedChange(
            f"意见 {c.receipt_code}",
            f"《{c.draft.title}》{c.channel.label}",
            "姓名、电话、邮箱、来源地址摘要（意见正文保留，仍计入统计）",
        )
        for c in found.comments
    ]
    changes += [
        PlannedChange(f"听证报名 {r.code}", r.hearing.title, "姓名、电话、邮箱（报名类别、态度和陈述保留）")
        for r in found.registrations
    ]
    changes += [
        PlannedChange(f"公众建议 #{p.id}", p.title or "（无标题）", "姓名、联系方式、来源地址摘要")
        for p in found.proposals
    ]
    changes += [
        PlannedChange(
            f"通知 #{m.id}",
            m.subject,
            "收件地址和正文" + ("（尚未发送的不再发送）" if m.sent_at is None else ""),
        )
        for m in found.messages
    ]
    return changes


async def erase(
    subject: Subject, *, secret: str, actor: User | None, actor_name: str = "", ip: str = ""
) -> dict[str, int]:
    """Anonymise every row holding the subject; no row is deleted. Returns the counts changed."""
    found = await find(subject)
    async with in_transaction():
        if found.comments:
            await Comment.filter(id__in=[c.id for c in found.comments]).update(
                commenter_name="", commenter_phone="", commenter_email="", show_name=False, ip_hash=""
            )
        for registration in found.registrations:
            # One registration per phone and hearing is a unique pair: keep a placeholder unique too.
            await HearingRegistration.filter(id=registration.id).update(
                name="", phone=f"erased-{registration.id}", email="", show_name=False
            )
        if found.proposals:
            await PublicProposal.filter(id__in=[p.id for p in found.proposals]).update(
                name="", contact="", ip_hash=""
            )
        for message in found.messages:
            changes: dict[str, object] = {"recipient": "", "body": ERASED_MESSAGE}
            if message.sent_at is None:  # never send it now: it has nowhere to go
                changes.update(attempts=outbox.MAX_ATTEMPTS, error="已按个人信息删除请求撤回，不再发送")
            await OutboxMessage.filter(id=message.id).update(**changes)
        counts = found.counts()
        await audit.record(
            "personal_data_erase",
            actor=actor,
            actor_name=actor_name,
            ip=ip,
            object_type="personal_data",
            detail=_audit_detail(subject, secret, counts),
        )
    return counts
