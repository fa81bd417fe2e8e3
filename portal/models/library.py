"""The normative-document library (行政规范性文件统一发布平台): adopted documents with their unified number,
validity, and the later documents that amend or repeal them."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from portal.models.drafts import Draft
    from portal.models.files import Attachment


class IssuerLevel(StrEnum):
    """The two digits after the city prefix of a unified number (GZ02…): who issued the document."""

    CITY_GOVERNMENT = "01"  # 市人民政府及其办公厅
    CITY_DEPARTMENT = "02"  # 市政府工作部门
    DISTRICT = "03"  # 区人民政府及其部门
    STREET_TOWN = "04"  # 街道办事处、镇人民政府

    @property
    def label(self) -> str:
        return ISSUER_LABELS[self]


ISSUER_LABELS = {
    IssuerLevel.CITY_GOVERNMENT: "市人民政府",
    IssuerLevel.CITY_DEPARTMENT: "市政府工作部门",
    IssuerLevel.DISTRICT: "区人民政府及其部门",
    IssuerLevel.STREET_TOWN: "街道办事处、镇人民政府",
}


class DocumentStatus(StrEnum):
    PENDING = "pending"  # published, not yet in force
    IN_FORCE = "in_force"
    AMENDED = "amended"  # in force, with later amendments
    EXPIRED = "expired"
    REPEALED = "repealed"
    WITHDRAWN = "withdrawn"  # taken back by its issuer, with a public reason

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    DocumentStatus.PENDING: "尚未施行",
    DocumentStatus.IN_FORCE: "有效",
    DocumentStatus.AMENDED: "已修改",
    DocumentStatus.EXPIRED: "失效",
    DocumentStatus.REPEALED: "废止",
    DocumentStatus.WITHDRAWN: "已撤回",
}


class RelationKind(StrEnum):
    AMENDS = "amends"
    REPEALS = "repeals"


class NumberCounter(Model):
    """The last sequence given out per issuer and year. Only ever incremented: numbers are never reused."""

    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=16, unique=True)  # e.g. GZ02-2020
    last_sequence = fields.IntField(default=0)

    class Meta:
        table = "document_number_counter"


class NormativeDocument(Model):
    id = fields.IntField(primary_key=True)
    unified_number = fields.CharField(max_length=20, unique=True)  # 统一编号, e.g. GZ0220200006
    doc_number = fields.CharField(max_length=100, default="")  # 文号, e.g. 穗府规〔2020〕6号
    title = fields.CharField(max_length=300)
    issuer = fields.CharField(max_length=100)  # the issuing body
    issuer_level = fields.CharEnumField(IssuerLevel, max_length=2)
    district = fields.CharField(max_length=32, default="")  # for district, street and town issuers
    topic = fields.CharField(max_length=64, default="")
    issued_on = fields.DateField()
    effective_on = fields.DateField()
    expires_on = fields.DateField(null=True)
    status = fields.CharEnumField(
        DocumentStatus, max_length=16, default=DocumentStatus.PENDING, db_index=True
    )
    text = fields.TextField()
    interpretation = fields.TextField(default="")  # 政策解读
    draft: fields.ForeignKeyNullableRelation[Draft] = fields.ForeignKeyField(
        "models.Draft", related_name="library_documents", null=True, on_delete=fields.SET_NULL
    )
    # Published on a completed legality review (合法 / 修改后合法: ``LegalityReview.library_document``
    # points here, ``legality_reviews``) or with this stated reason why not (both audited).
    review_exemption = fields.TextField(default="")
    # Corrections make a new revision (the earlier ones are kept as DocumentRevision rows).
    revision = fields.IntField(default=1)
    withdrawn_at = fields.DatetimeField(null=True)
    withdrawn_reason = fields.TextField(default="")
    views = fields.BigIntField(default=0)  # written in batches by portal.services.view_counts
    created_at = fields.DatetimeField(auto_now_add=True)

    draft_id: int | None

    class Meta:
        table = "normative_document"
        ordering = ["-issued_on", "-id"]


class DocumentRelation(Model):
    """A later document amends or repeals an earlier one, from its own effective date."""

    id = fields.IntField(primary_key=True)
    source: fields.ForeignKeyRelation[NormativeDocument] = fields.ForeignKeyField(
        "models.NormativeDocument", related_name="acts_on", on_delete=fields.CASCADE
    )
    target: fields.ForeignKeyRelation[NormativeDocument] = fields.ForeignKeyField(
        "models.NormativeDocument", related_name="acted_on_by", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(RelationKind, max_length=16)

    class Meta:
        table = "document_relation"
        unique_together = (("source", "target", "kind"),)


class DocumentRevision(Model):
    """An earlier published state of a document, kept when it was corrected, with the public note that
    says what the correction changed and why."""

    id = fields.IntField(primary_key=True)
    document: fields.ForeignKeyRelation[NormativeDocument] = fields.ForeignKeyField(
        "models.NormativeDocument", related_name="revisions", on_delete=fields.CASCADE
    )
    number = fields.IntField()  # the revision this was
    snapshot: fields.Field[dict[str, str | None]] = fields.JSONField()  # its published fields
    note = fields.TextField()  # the correction that replaced it: what and why (public)
    corrected_at = fields.DatetimeField()

    document_id: int

    class Meta:
        table = "normative_document_revision"
        unique_together = (("document", "number"),)
        ordering = ["number"]


class DocumentAttachment(Model):
    """A file published with a document: its annexes, forms, the signed original as PDF."""

    id = fields.IntField(primary_key=True)
    document: fields.ForeignKeyRelation[NormativeDocument] = fields.ForeignKeyField(
        "models.NormativeDocument", related_name="attachments", on_delete=fields.CASCADE
    )
    attachment: fields.ForeignKeyRelation[Attachment] = fields.ForeignKeyField(
        "models.Attachment", related_name="document_attachments", on_delete=fields.RESTRICT
    )
    title = fields.CharField(max_length=200)
    created_at = fields.DatetimeField(auto_now_add=True)

    document_id: int
    attachment_id: int

    class Meta:
        table = "document_attachment"
        ordering = ["id"]
