from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from portal.models.levels import GovLevel

if TYPE_CHECKING:
    from portal.models.accounts import User
    from portal.models.liaison import LiaisonPoint


class DraftKind(StrEnum):
    LOCAL_REGULATION = "local_regulation"
    GOVERNMENT_RULE = "government_rule"
    NORMATIVE_DOCUMENT = "normative_document"
    MAJOR_DECISION = "major_decision"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS: dict[DraftKind, str] = {
    DraftKind.LOCAL_REGULATION: "地方性法规",
    DraftKind.GOVERNMENT_RULE: "政府规章",
    DraftKind.NORMATIVE_DOCUMENT: "行政规范性文件",
    DraftKind.MAJOR_DECISION: "重大行政决策草案",
}


class DraftStatus(StrEnum):
    DRAFT = "draft"  # being prepared by staff, not public
    OPEN = "open"  # published; accepting comments while the window is open
    CLOSED = "closed"
    FEEDBACK_PUBLISHED = "feedback_published"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS: dict[DraftStatus, str] = {
    DraftStatus.DRAFT: "准备中",
    DraftStatus.OPEN: "征求意见中",
    DraftStatus.CLOSED: "征求意见已结束",
    DraftStatus.FEEDBACK_PUBLISHED: "已公布意见采纳情况",
    DraftStatus.WITHDRAWN: "已撤回",
}


class Draft(Model):
    """草案: one docket that citizens comment on, through one or more published versions."""

    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=200)
    kind = fields.CharEnumField(DraftKind, max_length=32)
    drafting_body = fields.CharField(max_length=200)
    # The level of government consulting; district and street drafts name their district ("天河",
    # spelled as on liaison points), so a point's page can list its district's consultations.
    level = fields.CharEnumField(GovLevel, max_length=16, default=GovLevel.CITY)
    district = fields.CharField(max_length=32, default="", db_index=True)
    summary = fields.TextField(default="")
    explanation = fields.TextField(default="")  # 起草说明
    status = fields.CharEnumField(DraftStatus, max_length=32, default=DraftStatus.DRAFT, db_index=True)
    opens_at = fields.DatetimeField(null=True)
    closes_at = fields.DatetimeField(null=True, db_index=True)
    # A window shorter than the statutory minimum needs a reason, shown publicly.
    short_window_reason = fields.TextField(default="")
    # 行政规范性文件 closely tied to market entities need 30 days instead of 7 working days.
    market_related = fields.BooleanField(default=False)
    withdrawn_reason = fields.TextField(default="")
    withdrawn_at = fields.DatetimeField(null=True)
    # Closed before the window published: the public reason, and the close it first announced
    # (``closes_at`` then holds the moment it really closed).
    closed_early_reason = fields.TextField(default="")
    planned_closes_at = fields.DatetimeField(null=True)
    # 意见采纳情况说明: the legislators' overall explanation, published with the per-opinion outcomes.
    feedback_summary = fields.TextField(default="")
    feedback_published_at = fields.DatetimeField(null=True)
    published_at = fields.DatetimeField(null=True, db_index=True)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="drafts", null=True, on_delete=fields.SET_NULL
    )
    liaison_points: fields.ManyToManyRelation[LiaisonPoint] = fields.ManyToManyField(
        "models.LiaisonPoint", related_name="drafts", through="draft_liaison_point"
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    versions: fields.ReverseRelation[DraftVersion]

    class Meta:
        table = "draft"
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title


class DraftVersion(Model):
    """One text of a draft (1 = 征求意见稿). Immutable once published: a change is a new version."""

    id = fields.IntField(primary_key=True)
    draft: fields.ForeignKeyRelation[Draft] = fields.ForeignKeyField(
        "models.Draft", related_name="versions", on_delete=fields.CASCADE
    )
    number = fields.IntField()
    label = fields.CharField(max_length=100, default="")  # 征求意见稿, 修改稿, 草案第二稿 …
    text = fields.TextField()
    source_name = fields.CharField(max_length=255, default="")  # the uploaded file's name, if any
    counts: fields.Field[dict[str, int]] = fields.JSONField(default=dict)
    warnings: fields.Field[list[str]] = fields.JSONField(default=list)
    attachments: fields.Field[list[str]] = fields.JSONField(default=list)
    preamble = fields.TextField(default="")
    unit_count = fields.IntField(default=0)
    published_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    draft_id: int

    class Meta:
        table = "draft_version"
        unique_together = (("draft", "number"),)
        ordering = ["number"]

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Provision(Model):
    """One node of a version's structure: 编 章 节 条 款 项 目 (or a numbered section 一、).

    Rows are written in document order; ``parent_position`` points at the parent's ``position``
    so a whole version is inserted in one bulk statement and rebuilt in memory from one query.
    """

    id = fields.IntField(primary_key=True)
    version: fields.ForeignKeyRelation[DraftVersion] = fields.ForeignKeyField(
        "models.DraftVersion", related_name="provisions", on_delete=fields.CASCADE
    )
    position = fields.IntField()
    parent_position = fields.IntField(null=True)
    level = fields.CharField(max_length=16)
    number = fields.IntField(null=True)
    sub = fields.IntField(default=0)
    label = fields.CharField(max_length=64)
    heading = fields.CharField(max_length=200, default="")
    text = fields.TextField(default="")
    path = fields.CharField(max_length=300)
    # The anchor of a commentable unit ("tiao-15", "tiao-15-1", "section-3"); "" for other levels.
    key = fields.CharField(max_length=32, default="")
    # Links "the same article" across versions of one draft.
    lineage = fields.CharField(max_length=32, default="", db_index=True)

    version_id: int

    class Meta:
        table = "provision"
        unique_together = (("version", "position"),)
        ordering = ["position"]

    @property
    def is_unit(self) -> bool:
        return bool(self.key)
