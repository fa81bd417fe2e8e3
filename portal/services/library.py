"""The normative-document library: unified numbers, validity, amendments and repeals.

A unified number is the city prefix, the issuer level, the year and a four-digit sequence
(GZ 02 2020 0006). The sequence comes from a counter row locked for the transaction, so two documents
published at once get consecutive numbers, and a number once given is never given again."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from portal import columns
from portal.models import (
    Attachment,
    DocumentAttachment,
    DocumentRelation,
    DocumentStatus,
    Draft,
    DraftKind,
    DraftStatus,
    DraftVersion,
    IssuerLevel,
    NormativeDocument,
    NumberCounter,
    RelationKind,
    User,
)
from portal.services import audit, drafts, issuers, library_reviews, search
from portal.services.calendar import today
from portal.services.paging import Page, page_count

CITY_PREFIX = "GZ"
UNIFIED_NUMBER_RE = re.compile(r"^[A-Z]{2}[0-9]{10}$")


async def by_number(raw: str) -> NormativeDocument | None:
    """The document with this unified number (any case); None for anything not shaped like one."""
    number = raw.strip().upper()
    if not UNIFIED_NUMBER_RE.match(number):
        return None
    return await NormativeDocument.get_or_none(unified_number=number)


class LibraryError(ValueError):
    def __init__(self, message: str, field: str = "form") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class DocumentInput:
    title: str
    issuer: str
    issuer_level: IssuerLevel | None  # None: read from the issuer's name (services.issuers)
    issued_on: date
    effective_on: date
    text: str
    doc_number: str = ""
    expires_on: date | None = None
    district: str = ""
    topic: str = ""
    interpretation: str = ""
    draft: Draft | None = None
    # What the publication stands on: a completed lawful legality review, or the stated reason why
    # there was none (services.library_reviews).
    review_id: int | None = None
    review_exemption: str = ""


async def _next_sequence(key: str) -> int:
    """Take the next number for ``key`` inside the caller's transaction."""
    try:
        async with in_transaction():
            await NumberCounter.create(key=key, last_sequence=0)
    except IntegrityError:
        pass  # it exists already (perhaps created a moment ago by another publisher)
    counter = await NumberCounter.select_for_update().get(key=key)
    counter.last_sequence += 1
    await counter.save(update_fields=["last_sequence"])
    return counter.last_sequence


def status_on(
    document: NormativeDocument, relations: list[tuple[RelationKind, date]], day: date
) -> DocumentStatus:
    """What a document is on ``day``, given the (kind, effective date) of the documents acting on it."""
    in_force = [kind for kind, since in relations if since <= day]
    if RelationKind.REPEALS in in_force:
        return DocumentStatus.REPEALED
    if document.expires_on is not None and document.expires_on < day:
        return DocumentStatus.EXPIRED
    if document.effective_on > day:
        return DocumentStatus.PENDING
    if RelationKind.AMENDS in in_force:
        return DocumentStatus.AMENDED
    return DocumentStatus.IN_FORCE


async def _acting_on(target_ids: list[int]) -> dict[int, list[tuple[RelationKind, date]]]:
    """(kind, effective date of the acting document) for each target, in one query. A withdrawn
    document acts on nothing."""
    rows = (
        await DocumentRelation.filter(target_id__in=target_ids)
        .exclude(source__status=DocumentStatus.WITHDRAWN)
        .values_list("target_id", "kind", "source__effective_on")
    )
    found: dict[int, list[tuple[RelationKind, date]]] = {}
    for target_id, kind, since in rows:
        found.setdefault(target_id, []).append((RelationKind(kind), since))
    return found


async def _store_status(
    document: NormativeDocument, relations: list[tuple[RelationKind, date]], day: date
) -> bool:
    if document.status == DocumentStatus.WITHDRAWN:
        return False  # taken back by its issuer: no date brings it back
    status = status_on(document, relations, day)
    if status == document.status:
        return False
    document.status = status
    await document.save(update_fields=["status"])
    return True


async def refresh_status(document: NormativeDocument, day: date | None = None) -> DocumentStatus:
    relations = (await _acting_on([document.id])).get(document.id, [])
    await _store_status(document, relations, day or today())
    return document.status


async def refresh_all(day: date | None = None) -> int:
    """Recompute every document's status (run daily: expiry and future effective dates move with time).
    Returns how many changed."""
    day = day or today()
    documents = await NormativeDocument.exclude(
        status__in=[DocumentStatus.REPEALED, DocumentStatus.WITHDRAWN]
    )
    acting = await _acting_on([d.id for d in documents])
    changed = 0
    for document in documents:
        changed += await _store_status(document, acting.get(document.id, []), day)
    return changed


def check_dates(issued_on: date, effective_on: date, expires_on: date | None) -> None:
    if effective_on < issued_on:
        raise LibraryError("施行日期不能早于印发日期。", "effective_on")
    if expires_on is not None and expires_on <= effective_on:
        raise LibraryError("有效期届满日期应晚于施行日期。", "expires_on")


def resolve_issuer(issuer: str, chosen: IssuerLevel | None, district: str) -> tuple[IssuerLevel, str]:
    """The level and district of a document of ``issuer`` (services.issuers.resolve), refused as a
    LibraryError on the field at fault."""
    try:
        return issuers.resolve(issuer, chosen, district)
    except issuers.IssuerError as exc:
        raise LibraryError(str(exc), exc.field) from exc


def check_authority(source: issuers.Issuer, kind: RelationKind, target: NormativeDocument) -> None:
    """A document may amend or repeal only its own issuer's documents or those of bodies below it
    (services.issuers.may_act_on), and never a withdrawn one."""
    verb = "修改" if kind == RelationKind.AMENDS else "废止"
    field = "amends" if kind == RelationKind.AMENDS else "repeals"
    named = f"《{target.title}》（{target.unified_number}）"
    if target.status == DocumentStatus.WITHDRAWN:
        raise LibraryError(f"{named}已被制定机关撤回，不能再被{verb}。", field)
    if not issuers.may_act_on(source, issuers.Issuer(target.issuer, target.issuer_level, target.district)):
        raise LibraryError(
            f"制定机关“{source.name}”无权{verb}“{target.issuer}”制定的{named}："
            f"行政规范性文件只能由原制定机关或者其上级人民政府（办公厅、办公室）{verb}。",
            field,
        )


async def publish(
    data: DocumentInput,
    *,
    actor: User,
    ip: str,
    amends: Sequence[NormativeDocument] = (),
    repeals: Sequence[NormativeDocument] = (),
) -> NormativeDocument:
    """Publish a document with a new unified number: on a completed lawful legality review (linked
    here) or a stated exemption, at the level its issuer's name gives, amending or repealing only
    documents its issuer may act on."""
    if not data.title.strip() or not data.issuer.strip():
        raise LibraryError("请填写文件标题和制定机关。", "title")
    if not data.text.strip():
        raise LibraryError("请提供文件全文。", "text")
    check_dates(data.issued_on, data.effective_on, data.expires_on)
    issuer = data.issuer.strip()
    level, district = resolve_issuer(issuer, data.issuer_level, data.district)
    source = issuers.Issuer(issuer, level, district)
    for kind, targets in ((RelationKind.AMENDS, amends), (RelationKind.REPEALS, repeals)):
        for target in targets:
            check_authority(source, kind, target)
    try:
        basis = await library_reviews.check(data.review_id, data.review_exemption, issued_on=data.issued_on)
    except library_reviews.BasisError as exc:
        raise LibraryError(str(exc), exc.field) from exc
    year = data.issued_on.year
    prefix = f"{CITY_PREFIX}{level.value}{year}"
    async with in_transaction():
        sequence = await _next_sequence(f"{CITY_PREFIX}{level.value}-{year}")
        if sequence > 9999:
            raise LibraryError(f"{year} 年该类制定机关的统一编号已用完。")
        document = await NormativeDocument.create(
            unified_number=f"{prefix}{sequence:04d}",
            doc_number=data.doc_number.strip(),
            title=data.title.strip(),
            issuer=issuer,
            issuer_level=level,
            district=district,
            topic=data.topic,
            issued_on=data.issued_on,
            effective_on=data.effective_on,
            expires_on=data.expires_on,
            text=data.text,
            interpretation=data.interpretation,
            draft=data.draft,
            review_exemption=basis.exemption,
        )
        if not await library_reviews.link(basis, document):
            raise LibraryError("所选的合法性审核刚刚已用于发布另一件文件，请重新选择。", "review_id")
        for kind, targets in ((RelationKind.AMENDS, amends), (RelationKind.REPEALS, repeals)):
            for target in targets:
                if target.id == document.id:
                    continue
                await DocumentRelation.create(source=document, target=target, kind=kind)
        await audit.record(
            "document_published",
            actor=actor,
            ip=ip,
            object_type="document",
            object_id=document.id,
            detail={
                "unified_number": document.unified_number,
                "review_id": basis.review.id if basis.review else None,
                "review_exemption": basis.exemption,
                "amends": [t.unified_number for t in amends],
                "repeals": [t.unified_number for t in repeals],
            },
        )
    await index(document)
    await refresh_status(document)
    for target in [*amends, *repeals]:
        await refresh_status(target)
    return document


async def index(document: NormativeDocument) -> None:
    """(Re)make the document findable by the library's full-text search."""
    heading = " ".join(
        part
        for part in (
            document.title,
            document.unified_number,
            document.doc_number,
            document.issuer,
            document.topic,
            document.interpretation,
        )
        if part
    )
    await search.index_document(document.id, title=document.title, heading=heading, text=document.text)


async def reindex_all() -> int:
    count = 0
    for document in await NormativeDocument.all():
        await index(document)
        count += 1
    return count


# --- public reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LibraryFilter:
    issuer: str = ""
    year: int | None = None
    status: DocumentStatus | None = None
    topic: str = ""
    level: IssuerLevel | None = None
    district: str = ""
    query: str = ""  # full text, in Chinese


@dataclass(frozen=True)
class LibraryPage(Page[NormativeDocument]):
    # For a full-text query: the highlighted passage of each document shown.
    snippets: dict[int, list[tuple[str, bool]]] = field(default_factory=dict)


def filtered(flt: LibraryFilter) -> QuerySet[NormativeDocument]:
    """The documents passing every filter but the full-text query."""
    query = NormativeDocument.all()
    if flt.issuer:
        query = query.filter(issuer=flt.issuer)
    if flt.year:
        query = query.filter(issued_on__gte=date(flt.year, 1, 1), issued_on__lte=date(flt.year, 12, 31))
    if flt.status:
        query = query.filter(status=flt.status)
    if flt.topic:
        query = query.filter(topic=flt.topic)
    if flt.level:
        query = query.filter(issuer_level=flt.level)
    if flt.district:
        query = query.filter(district=flt.district)
    return query


async def public_page(flt: LibraryFilter, *, page: int = 1, per_page: int = 20) -> LibraryPage:
    query = filtered(flt)
    if not flt.query.strip():
        total = await query.count()
        pages = page_count(total, per_page)
        page = min(max(page, 1), pages)
        documents = await query.order_by("-issued_on", "-id").offset((page - 1) * per_page).limit(per_page)
        return LibraryPage(documents, total, page, per_page)
    # Full text: the matches in order of relevance, narrowed by the other filters.
    ranked = await search.matching_documents(flt.query)
    kept: set[int] = set()
    if ranked:
        kept = {row[0] for row in await query.filter(id__in=ranked).values_list("id")}
    ordered = [document_id for document_id in ranked if document_id in kept]
    total = len(ordered)
    pages = page_count(total, per_page)
    page = min(max(page, 1), pages)
    shown = ordered[(page - 1) * per_page : page * per_page]
    by_id = {d.id: d for d in await NormativeDocument.filter(id__in=shown)} if shown else {}
    documents = [by_id[i] for i in shown if i in by_id]
    words = search.highlight_words(flt.query)
    snippets = {d.id: search.snippet(d.text, words) for d in documents}
    return LibraryPage(documents, total, page, per_page, snippets)


async def latest(*, limit: int) -> list[NormativeDocument]:
    """The documents most recently published to the library (for the feed)."""
    return await NormativeDocument.all().order_by("-created_at", "-id").limit(limit)


async def facets() -> dict[str, list[str]]:
    """The values the filters offer: issuers, topics, districts in use."""

    async def distinct(column: str) -> list[str]:
        rows = (
            await NormativeDocument.exclude(**{column: ""})
            .order_by(column)  # not the model's default ordering, which DISTINCT cannot sort by
            .distinct()
            .values_list(column, flat=True)
        )
        return sorted(str(value) for value in rows)

    return {
        "issuers": await distinct("issuer"),
        "topics": await distinct("topic"),
        "districts": await distinct("district"),
    }


async def relations_of(document: NormativeDocument) -> dict[str, list[DocumentRelation]]:
    return {
        "acted_on_by": await DocumentRelation.filter(target=document).prefetch_related("source"),
        "acts_on": await DocumentRelation.filter(source=document).prefetch_related("target"),
    }


# --- staff: publishing directly -------------------------------------------------------------------

_NUMBER_SPLIT = re.compile(r"[\s,，、;；]+")


async def documents_by_numbers(raw: str, field: str) -> list[NormativeDocument]:
    """The documents named by unified numbers separated by spaces or commas; LibraryError naming the
    first unknown one."""
    numbers = [n.upper() for n in _NUMBER_SPLIT.split(raw.strip()) if n]
    if not numbers:
        return []
    # A "number" too long for the column names no document: it is reported as unknown below.
    fitting = [n for n in numbers if columns.fits(NormativeDocument, "unified_number", n)]
    found = {d.unified_number: d for d in await NormativeDocument.filter(unified_number__in=fitting)}
    for number in numbers:
        if number not in found:
            raise LibraryError(f"文件库中没有统一编号为 {number} 的文件。", field)
    return [found[n] for n in dict.fromkeys(numbers)]


def valid_until(effective_on: date, years: int) -> date:
    """The last day of a validity of ``years`` years from ``effective_on`` (29 February → 28th)."""
    try:
        anniversary = effective_on.replace(year=effective_on.year + years)
    except ValueError:  # 29 February into a common year
        anniversary = date(effective_on.year + years, 3, 1)
    return anniversary - timedelta(days=1)


async def attach(
    document: NormativeDocument, attachment: Attachment, title: str, *, actor: User, ip: str
) -> None:
    await DocumentAttachment.create(document=document, attachment=attachment, title=title[:200])
    await audit.record(
        "document_attachment_added",
        actor=actor,
        ip=ip,
        object_type="document",
        object_id=document.id,
        detail={"attachment": attachment.id},
    )


# --- staff: what needs renewing ------------------------------------------------------------------

EXPIRY_NOTICE_DAYS = 90


async def expiring(issuer: str | None, *, day: date | None = None) -> list[NormativeDocument]:
    """Documents in force whose validity ends within the next 90 days, soonest first; only those of
    ``issuer`` unless it is None (staff who oversee every body)."""
    day = day or today()
    query = NormativeDocument.filter(
        status__in=[DocumentStatus.IN_FORCE, DocumentStatus.AMENDED],
        expires_on__gte=day,
        expires_on__lte=day + timedelta(days=EXPIRY_NOTICE_DAYS),
    )
    if issuer is not None:
        query = query.filter(issuer=issuer)
    return await query.order_by("expires_on", "id")


# --- from an adopted draft ------------------------------------------------------------------------

DRAFT_SUFFIXES = ("（征求意见稿）", "（草案）", "（送审稿）", "(征求意见稿)", "(草案)")


@dataclass(frozen=True)
class AdoptionInput:
    issuer_level: IssuerLevel | None  # None: read from the drafting body's name
    issued_on: date
    effective_on: date
    expires_on: date | None
    doc_number: str = ""
    district: str = ""
    topic: str = ""
    interpretation: str = ""
    review_id: int | None = None
    review_exemption: str = ""


def final_title(draft_title: str) -> str:
    title = draft_title.strip()
    for suffix in DRAFT_SUFFIXES:
        title = title.removesuffix(suffix)
    return title


async def publish_from_draft(draft: Draft, data: AdoptionInput, *, actor: User, ip: str) -> NormativeDocument:
    """Publish an adopted 行政规范性文件 draft's last version as a library document, linked to the draft
    (and so to its feedback report)."""
    if draft.kind != DraftKind.NORMATIVE_DOCUMENT:
        raise LibraryError("只有行政规范性文件草案可以发布到文件库。")
    if drafts.effective_status(draft) not in (DraftStatus.CLOSED, DraftStatus.FEEDBACK_PUBLISHED):
        raise LibraryError("征求意见结束后才能发布正式文件。")
    existing = await NormativeDocument.get_or_none(draft=draft)
    if existing is not None:
        raise LibraryError(f"该草案已发布为 {existing.unified_number}。")
    version = await DraftVersion.filter(draft=draft).order_by("-number").first()
    if version is None:
        raise LibraryError("草案没有文本。")
    return await publish(
        DocumentInput(
            title=final_title(draft.title),
            issuer=draft.drafting_body,
            issuer_level=data.issuer_level,
            issued_on=data.issued_on,
            effective_on=data.effective_on,
            expires_on=data.expires_on,
            text=version.text,
            doc_number=data.doc_number,
            district=data.district,
            topic=data.topic,
            interpretation=data.interpretation,
            draft=draft,
            review_id=data.review_id,
            review_exemption=data.review_exemption,
        ),
        actor=actor,
        ip=ip,
    )
