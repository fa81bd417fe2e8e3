"""The legality-review desk (合法性审查): policy documents sent for review, the clock that runs from
receipt, and the reviewer's opinion with the reply letter."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from portal.models.accounts import User
    from portal.models.decisions import ProcedureStep
    from portal.models.files import Attachment
    from portal.models.library import NormativeDocument


class ReviewLabelled(StrEnum):
    @property
    def label(self) -> str:
        return REVIEW_LABELS[(type(self).__name__, self.value)]


class Urgency(ReviewLabelled):
    URGENT = "urgent"  # one hour, wall clock
    NORMAL = "normal"  # REVIEW_NORMAL_WORKING_DAYS working days
    COMPLEX = "complex"  # urgent and complex: one working day


class ReviewStatus(ReviewLabelled):
    RECEIVED = "received"
    IN_REVIEW = "in_review"
    COMPLETED = "completed"
    RETURNED = "returned"  # sent back to the submitting body without an opinion


class Opinion(ReviewLabelled):
    LAWFUL = "lawful"
    LAWFUL_IF_AMENDED = "lawful_if_amended"
    UNLAWFUL = "unlawful"


REVIEW_LABELS: dict[tuple[str, str], str] = {
    ("Urgency", "urgent"): "紧急",
    ("Urgency", "normal"): "一般",
    ("Urgency", "complex"): "复杂",
    ("ReviewStatus", "received"): "已收件",
    ("ReviewStatus", "in_review"): "审查中",
    ("ReviewStatus", "completed"): "已办结",
    ("ReviewStatus", "returned"): "已退回",
    ("Opinion", "lawful"): "合法",
    ("Opinion", "lawful_if_amended"): "修改后合法",
    ("Opinion", "unlawful"): "不合法",
}

OPEN_STATUSES = (ReviewStatus.RECEIVED, ReviewStatus.IN_REVIEW)


class LegalityReview(Model):
    """One policy document sent for legality review. ``due_at`` is computed at submission and stored,
    so the desk can order and filter by it in SQL."""

    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=300)
    submitting_body = fields.CharField(max_length=200)  # 送审单位
    urgency = fields.CharEnumField(Urgency, max_length=16)
    received_at = fields.DatetimeField(db_index=True)  # the clock starts here
    due_at = fields.DatetimeField(db_index=True)
    status = fields.CharEnumField(ReviewStatus, max_length=16, default=ReviewStatus.RECEIVED, db_index=True)
    started_at = fields.DatetimeField(null=True)
    completed_at = fields.DatetimeField(null=True, db_index=True)
    opinion = fields.CharEnumField(Opinion, max_length=24, null=True)
    reasons = fields.TextField(default="")  # 理由; for a returned review, why it was returned
    articles = fields.TextField(default="")  # 涉及条款
    reviewer: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="legality_reviews", null=True, on_delete=fields.SET_NULL
    )
    document: fields.ForeignKeyRelation[Attachment] = fields.ForeignKeyField(
        "models.Attachment", related_name="reviews_submitted", on_delete=fields.RESTRICT
    )
    reply: fields.ForeignKeyNullableRelation[Attachment] = fields.ForeignKeyField(
        "models.Attachment", related_name="reviews_replied", null=True, on_delete=fields.SET_NULL
    )  # 复函
    decision_step: fields.ForeignKeyNullableRelation[ProcedureStep] = fields.ForeignKeyField(
        "models.ProcedureStep", related_name="legality_reviews", null=True, on_delete=fields.SET_NULL
    )
    library_document: fields.ForeignKeyNullableRelation[NormativeDocument] = fields.ForeignKeyField(
        "models.NormativeDocument", related_name="legality_reviews", null=True, on_delete=fields.SET_NULL
    )
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="reviews_created", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    reviewer_id: int | None
    document_id: int
    reply_id: int | None
    decision_step_id: int | None
    library_document_id: int | None

    class Meta:
        table = "legality_review"
        ordering = ["due_at", "id"]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
