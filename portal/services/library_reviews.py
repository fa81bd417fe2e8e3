"""What a normative document is published on: a completed legality review (合法性审核) whose opinion is
合法 or 修改后合法, or a stated reason why it had none (shown publicly, audited).

Reviews are submitted before a document exists, so the link is made here, at publication: the chosen
review gets ``library_document`` set, and a review once used cannot publish a second document. A review
still open, returned without an opinion, or found unlawful is refused, citing the rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.models import LegalityReview, NormativeDocument, Opinion, ReviewStatus
from portal.services.calendar import local_date

REVIEW_RULE = (
    "依照《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号），"
    "行政规范性文件未经合法性审核或者经审核不合法的，不得提交集体审议，不得发布"
)
LAWFUL_OPINIONS = (Opinion.LAWFUL, Opinion.LAWFUL_IF_AMENDED)
MIN_EXEMPTION_CHARS = 10
MAX_EXEMPTION_CHARS = 2000


class BasisError(ValueError):
    """The review or exemption given cannot carry the publication; ``field`` names the form field."""

    def __init__(self, message: str, field: str = "review_id") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Basis:
    """What a publication stands on: a review (to be linked) or an exemption reason, never both."""

    review: LegalityReview | None = None
    exemption: str = ""


async def eligible() -> list[LegalityReview]:
    """Reviews a document may be published on: completed, lawful (or lawful once amended), not yet
    used for another document. Most recent first."""
    return (
        await LegalityReview.filter(
            status=ReviewStatus.COMPLETED, opinion__in=LAWFUL_OPINIONS, library_document_id__isnull=True
        )
        .order_by("-completed_at", "-id")
        .limit(500)
    )


def _refusal(review: LegalityReview, issued_on: date) -> str:
    name = f"合法性审核“{review.title}”"
    if review.is_open:
        return f"{name}尚未办结（{review.status.label}）。{REVIEW_RULE}。请待审核办结后再发布。"
    if review.status == ReviewStatus.RETURNED:
        return f"{name}已退回送审单位，没有审核意见。{REVIEW_RULE}。"
    if review.opinion not in LAWFUL_OPINIONS:
        return f"{name}的审核意见为“不合法”。{REVIEW_RULE}。"
    if review.completed_at is not None and local_date(review.completed_at) > issued_on:
        finished = local_date(review.completed_at)
        return (
            f"{name}于 {finished:%Y-%m-%d} 办结，晚于印发日期 {issued_on:%Y-%m-%d}："
            "合法性审核应当在文件印发之前完成。请核对印发日期，或选择其他审核。"
        )
    return ""


async def check(review_id: int | None, exemption: str, *, issued_on: date) -> Basis:
    """The basis of a publication from the form's choice; BasisError saying what is wrong."""
    exemption = exemption.strip()
    if review_id is not None and exemption:
        raise BasisError("请只选择一项：已办结的合法性审核，或未经合法性审核的说明，不要同时填写。")
    if review_id is None:
        if not exemption:
            raise BasisError(
                f"请选择已办结、审核意见为合法或修改后合法的合法性审核；确实未经审核的，须写明理由。{REVIEW_RULE}。"
            )
        if len(exemption) < MIN_EXEMPTION_CHARS:
            raise BasisError(
                f"请具体说明未经合法性审核的理由（至少 {MIN_EXEMPTION_CHARS} 个字），"
                "该说明将在文件页面公开。",
                "review_exemption",
            )
        if len(exemption) > MAX_EXEMPTION_CHARS:
            raise BasisError(f"说明不能超过 {MAX_EXEMPTION_CHARS} 个字。", "review_exemption")
        return Basis(exemption=exemption)
    review = await LegalityReview.get_or_none(id=review_id).select_related("library_document")
    if review is None:
        raise BasisError("未找到所选的合法性审核，请重新选择。")
    if problem := _refusal(review, issued_on):
        raise BasisError(problem)
    if review.library_document is not None:
        used = review.library_document
        raise BasisError(
            f"合法性审核“{review.title}”已用于发布《{used.title}》（{used.unified_number}），"
            "不能再用于另一件文件。"
        )
    return Basis(review=review)


async def link(basis: Basis, document: NormativeDocument) -> bool:
    """Link the basis's review to the newly published document, inside the publishing transaction.
    False when another publication took the review a moment ago (the caller rolls back)."""
    if basis.review is None:
        return True
    taken = await LegalityReview.filter(id=basis.review.id, library_document_id__isnull=True).update(
        library_document_id=document.id
    )
    return taken == 1


async def publication_review(document: NormativeDocument) -> LegalityReview | None:
    """The review a document was published on: linked to it, completed lawful, finished by the time
    it was published (reviews linked later, such as a post-publication review, are not it)."""
    return (
        await LegalityReview.filter(
            library_document_id=document.id,
            status=ReviewStatus.COMPLETED,
            opinion__in=LAWFUL_OPINIONS,
            completed_at__lte=document.created_at,
        )
        .order_by("-completed_at", "-id")
        .first()
    )
