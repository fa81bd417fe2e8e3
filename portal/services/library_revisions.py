"""After publication: correcting a document as a new published revision (the earlier one kept, with a
public note of what was corrected and why), withdrawing it with a public reason, and who may do either.

A correction keeps the unified number; the published fields as they stood are kept in a
DocumentRevision, so the public can read every earlier revision. A withdrawn document stays readable
with its reason, acts on no other document, and no date-driven refresh brings it back into force.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tortoise.timezone import now
from tortoise.transactions import in_transaction

from portal.models import (
    DocumentRelation,
    DocumentRevision,
    DocumentStatus,
    IssuerLevel,
    LegalityReview,
    NormativeDocument,
    Role,
    User,
)
from portal.services import audit, issuers, library, library_reviews
from portal.services.calendar import local_date
from portal.services.library import LibraryError

# Roles that publish to the library (the legislative and legal-affairs desks, admins): a correction or
# a withdrawal is further limited to staff of the issuing body (see ``may_change``).
PUBLISHER_ROLES = (Role.ADMIN, Role.LEGISLATOR, Role.REVIEWER)
MAX_NOTE_CHARS = 2000
# The fields a correction may change and a revision keeps (issuer and district come with the level).
SNAPSHOT_FIELDS = (
    "title",
    "doc_number",
    "issuer",
    "issuer_level",
    "district",
    "issued_on",
    "effective_on",
    "expires_on",
    "text",
    "interpretation",
)
LONG_FIELDS = ("text", "interpretation")  # audited as "changed", not copied into the audit log
FIELD_LABELS = {
    "title": "标题",
    "doc_number": "文号",
    "issuer": "制定机关",
    "issuer_level": "制定机关层级",
    "district": "所在区",
    "issued_on": "印发日期",
    "effective_on": "施行日期",
    "expires_on": "有效期届满日期",
    "text": "全文",
    "interpretation": "政策解读",
}


def may_change(user: User, document: NormativeDocument) -> bool:
    """Correct or withdraw a published document: an admin, or a publishing role held by staff of the
    document's issuing body (their registered organisation is the issuer)."""
    if user.has_role(Role.ADMIN):
        return True
    return (
        user.has_role(*PUBLISHER_ROLES)
        and bool(user.organisation.strip())
        and issuers.canonical(user.organisation) == issuers.canonical(document.issuer)
    )


def who_may_change(document: NormativeDocument) -> str:
    return f"只有制定机关（{document.issuer}）的发布人员或系统管理员可以更正、撤回本文件。"


def _plain(value: object) -> str | None:
    if isinstance(value, IssuerLevel):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return None if value is None else str(value)


def snapshot(document: NormativeDocument) -> dict[str, str | None]:
    """The published fields of a document as plain values (dates as ISO text)."""
    return {name: _plain(getattr(document, name)) for name in SNAPSHOT_FIELDS}


def changed_between(older: dict[str, str | None], newer: dict[str, str | None]) -> list[str]:
    """The labels of the fields that differ between two snapshots, in the order of the form."""
    return [FIELD_LABELS[name] for name in SNAPSHOT_FIELDS if older.get(name) != newer.get(name)]


@dataclass(frozen=True)
class Correction:
    title: str
    doc_number: str
    issuer_level: IssuerLevel | None  # None: as the issuer's name says
    district: str
    issued_on: date
    effective_on: date
    expires_on: date | None
    text: str
    interpretation: str
    note: str  # public: what was corrected and why


def _check_note(note: str, field: str, what: str) -> str:
    note = note.strip()
    if not note:
        raise LibraryError(f"请写明{what}，该说明将在文件页面公开。", field)
    if len(note) > MAX_NOTE_CHARS:
        raise LibraryError(f"说明不能超过 {MAX_NOTE_CHARS} 个字。", field)
    return note


async def correct(
    document: NormativeDocument, data: Correction, *, actor: User, ip: str
) -> NormativeDocument:
    """Publish a corrected revision of ``document``: the revision it replaces is kept with the note."""
    if document.status == DocumentStatus.WITHDRAWN:
        raise LibraryError("文件已撤回，不能再更正。")
    note = _check_note(data.note, "note", "更正了什么、为什么更正")
    if not data.title.strip():
        raise LibraryError("请填写文件标题。", "title")
    if not data.text.strip():
        raise LibraryError("请提供文件全文。", "text")
    library.check_dates(data.issued_on, data.effective_on, data.expires_on)
    level, district = library.resolve_issuer(document.issuer, data.issuer_level, data.district)
    before = snapshot(document)
    changes: dict[str, object] = {
        "title": data.title.strip(),
        "doc_number": data.doc_number.strip(),
        "issuer_level": level,
        "district": district,
        "issued_on": data.issued_on,
        "effective_on": data.effective_on,
        "expires_on": data.expires_on,
        "text": data.text,
        "interpretation": data.interpretation,
    }
    after = {**before, **{name: _plain(value) for name, value in changes.items()}}
    changed = [name for name in SNAPSHOT_FIELDS if before[name] != after[name]]
    if not changed:
        raise LibraryError("内容与现行版本相同，没有需要更正的地方。")
    async with in_transaction():
        locked = await NormativeDocument.select_for_update().get(id=document.id)
        if locked.revision != document.revision or locked.status == DocumentStatus.WITHDRAWN:
            raise LibraryError("文件刚刚已被他人更正或撤回，请刷新页面后重试。")
        await DocumentRevision.create(
            document_id=document.id, number=document.revision, snapshot=before, note=note, corrected_at=now()
        )
        for name, value in changes.items():
            setattr(document, name, value)
        document.revision += 1
        await document.save(update_fields=[*changes, "revision"])
        await audit.record(
            "document_corrected",
            actor=actor,
            ip=ip,
            object_type="document",
            object_id=document.id,
            detail={
                "revision": document.revision,
                "note": note,
                "changed": {
                    name: "changed" if name in LONG_FIELDS else {"from": before[name], "to": after[name]}
                    for name in changed
                },
            },
        )
    await library.index(document)
    await library.refresh_status(document)
    await _refresh_targets(document)
    return document


async def _refresh_targets(document: NormativeDocument) -> None:
    """The documents this one amends or repeals: their status depends on its dates and on whether it
    was withdrawn."""
    for relation in await DocumentRelation.filter(source_id=document.id).prefetch_related("target"):
        await library.refresh_status(relation.target)


async def withdraw(document: NormativeDocument, reason: str, *, actor: User, ip: str) -> NormativeDocument:
    """Take a published document back, with the reason shown on its page."""
    reason = _check_note(reason, "reason", "撤回理由")
    if document.status == DocumentStatus.WITHDRAWN:
        raise LibraryError("文件已经撤回。")
    if document.status in (DocumentStatus.REPEALED, DocumentStatus.EXPIRED):
        raise LibraryError(f"文件已{document.status.label}，不再有效，无需撤回。")
    async with in_transaction():
        updated = (
            await NormativeDocument.filter(id=document.id)
            .exclude(status=DocumentStatus.WITHDRAWN)
            .update(status=DocumentStatus.WITHDRAWN, withdrawn_at=now(), withdrawn_reason=reason)
        )
        if updated != 1:
            raise LibraryError("文件已经撤回。")
        await audit.record(
            "document_withdrawn",
            actor=actor,
            ip=ip,
            object_type="document",
            object_id=document.id,
            detail={
                "unified_number": document.unified_number,
                "reason": reason,
                "was": document.status.value,
            },
        )
    await document.refresh_from_db()
    await _refresh_targets(document)
    return document


# --- what the public page shows --------------------------------------------------------------------


@dataclass(frozen=True)
class EarlierRevision:
    number: int
    corrected_on: date  # the day the correction replaced it (Beijing time)
    note: str
    snapshot: dict[str, str | None]
    changed: list[str]  # labels of the fields the correction changed

    def value(self, name: str) -> str:
        return self.snapshot.get(name) or ""

    def day(self, name: str) -> date | None:
        raw = self.snapshot.get(name)
        return date.fromisoformat(raw) if raw else None


@dataclass(frozen=True)
class PublicRecord:
    """What happened to a document since it was published, as its page tells it."""

    review: LegalityReview | None
    review_on: date | None
    exemption: str
    revisions: list[EarlierRevision]
    withdrawn_on: date | None


async def public_record(document: NormativeDocument) -> PublicRecord:
    review = await library_reviews.publication_review(document)
    rows = list(await DocumentRevision.filter(document_id=document.id).order_by("number"))
    # What each revision became: the next one kept, or the document as it is now.
    newer = [r.snapshot for r in rows[1:]] + [snapshot(document)] if rows else []
    return PublicRecord(
        review=review,
        review_on=local_date(review.completed_at) if review and review.completed_at else None,
        exemption=document.review_exemption,
        revisions=[
            EarlierRevision(
                r.number, local_date(r.corrected_at), r.note, r.snapshot, changed_between(r.snapshot, after)
            )
            for r, after in zip(rows, newer, strict=True)
        ],
        withdrawn_on=local_date(document.withdrawn_at) if document.withdrawn_at else None,
    )
