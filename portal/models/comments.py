from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from portal.models.accounts import User
    from portal.models.drafts import Draft, DraftVersion, Provision
    from portal.models.liaison import LiaisonPoint
    from portal.models.meetings import ConsultationMeeting


class LabelledEnum(StrEnum):
    @property
    def label(self) -> str:
        # Keyed by class too: Channel.MEETING and RoutingReason.MEETING are both the string "meeting".
        return LABELS[(type(self).__name__, self.value)]


class Stance(LabelledEnum):
    SUPPORT = "support"
    OPPOSE = "oppose"
    AMEND = "amend"
    OTHER = "other"


class Channel(LabelledEnum):
    WEB = "web"
    MEETING = "meeting"
    LETTER = "letter"
    EMAIL = "email"
    PHONE = "phone"
    VISIT = "visit"


class IdentityType(LabelledEnum):
    INDIVIDUAL = "individual"
    COMPANY = "company"
    ORGANISATION = "organisation"
    DEPUTY = "deputy"
    OTHER = "other"


class Moderation(LabelledEnum):
    PENDING = "pending"
    PUBLISHED = "published"
    HIDDEN = "hidden"


class Processing(LabelledEnum):
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    FORWARDED = "forwarded"
    DECIDED = "decided"


class Outcome(LabelledEnum):
    ADOPTED = "adopted"
    PARTLY_ADOPTED = "partly_adopted"
    NOT_ADOPTED = "not_adopted"
    NOT_RELEVANT = "not_relevant"


class RoutingReason(LabelledEnum):
    CHOSEN = "chosen"
    DRAFT_POINT_IN_DISTRICT = "draft_point_in_district"
    DISTRICT_POINT = "district_point"
    DRAFT_POINT = "draft_point"
    LEAST_LOADED = "least_loaded"
    REASSIGNED = "reassigned"
    MEETING = "meeting"
    ENTERED_BY_STAFF = "entered_by_staff"


LABELS: dict[tuple[str, str], str] = {
    ("Stance", Stance.SUPPORT.value): "赞成",
    ("Stance", Stance.OPPOSE.value): "反对",
    ("Stance", Stance.AMEND.value): "修改建议",
    ("Stance", Stance.OTHER.value): "其他",
    ("Channel", Channel.WEB.value): "网站",
    ("Channel", Channel.MEETING.value): "座谈会",
    ("Channel", Channel.LETTER.value): "来信",
    ("Channel", Channel.EMAIL.value): "电子邮件",
    ("Channel", Channel.PHONE.value): "电话",
    ("Channel", Channel.VISIT.value): "来访",
    ("IdentityType", IdentityType.INDIVIDUAL.value): "个人",
    ("IdentityType", IdentityType.COMPANY.value): "企业",
    ("IdentityType", IdentityType.ORGANISATION.value): "社会组织",
    ("IdentityType", IdentityType.DEPUTY.value): "人大代表、政协委员",
    ("IdentityType", IdentityType.OTHER.value): "其他",
    ("Moderation", Moderation.PENDING.value): "待审核",
    ("Moderation", Moderation.PUBLISHED.value): "已公开",
    ("Moderation", Moderation.HIDDEN.value): "已隐藏",
    ("Processing", Processing.RECEIVED.value): "已收到",
    ("Processing", Processing.ACKNOWLEDGED.value): "联系点已签收",
    ("Processing", Processing.FORWARDED.value): "已转立法工作机构",
    ("Processing", Processing.DECIDED.value): "已作出处理",
    ("Outcome", Outcome.ADOPTED.value): "采纳",
    ("Outcome", Outcome.PARTLY_ADOPTED.value): "部分采纳",
    ("Outcome", Outcome.NOT_ADOPTED.value): "不予采纳",
    ("Outcome", Outcome.NOT_RELEVANT.value): "与草案无关",
    ("RoutingReason", RoutingReason.CHOSEN.value): "意见人选择的联系点",
    ("RoutingReason", RoutingReason.DRAFT_POINT_IN_DISTRICT.value): "负责本草案、位于意见人所在区的联系点",
    ("RoutingReason", RoutingReason.DISTRICT_POINT.value): "意见人所在区的联系点",
    ("RoutingReason", RoutingReason.DRAFT_POINT.value): "负责本草案的联系点",
    ("RoutingReason", RoutingReason.LEAST_LOADED.value): "待办意见最少的联系点",
    ("RoutingReason", RoutingReason.REASSIGNED.value): "工作人员改派",
    ("RoutingReason", RoutingReason.MEETING.value): "联系点座谈会等线下活动收集",
    ("RoutingReason", RoutingReason.ENTERED_BY_STAFF.value): "联系点工作人员登记",
}


class Comment(Model):
    """意见: one opinion on a whole draft (unit_key "") or on one article, from any channel."""

    id = fields.BigIntField(primary_key=True)
    draft: fields.ForeignKeyRelation[Draft] = fields.ForeignKeyField(
        "models.Draft", related_name="comments", on_delete=fields.RESTRICT
    )
    version: fields.ForeignKeyRelation[DraftVersion] = fields.ForeignKeyField(
        "models.DraftVersion", related_name="comments", on_delete=fields.RESTRICT
    )
    provision: fields.ForeignKeyNullableRelation[Provision] = fields.ForeignKeyField(
        "models.Provision", related_name="comments", null=True, on_delete=fields.RESTRICT
    )
    unit_key = fields.CharField(max_length=32, default="")  # "" = the whole draft
    lineage = fields.CharField(max_length=32, default="")  # the article across versions
    quote = fields.TextField(default="")
    body = fields.TextField()
    stance = fields.CharEnumField(Stance, max_length=16)
    suggested_wording = fields.TextField(default="")
    channel = fields.CharEnumField(Channel, max_length=16, default=Channel.WEB)
    # Who: shown publicly only with separate consent (个人信息保护法 art 25).
    commenter_name = fields.CharField(max_length=100, default="")
    commenter_phone = fields.CharField(max_length=32, default="")
    commenter_email = fields.CharField(max_length=254, default="")
    district = fields.CharField(max_length=32, default="")
    identity_type = fields.CharEnumField(IdentityType, max_length=16, default=IdentityType.INDIVIDUAL)
    show_name = fields.BooleanField(default=False)
    withhold = fields.BooleanField(default=False)  # the commenter asked that the comment not be published
    # Routing
    liaison_point: fields.ForeignKeyRelation[LiaisonPoint] = fields.ForeignKeyField(
        "models.LiaisonPoint", related_name="comments", on_delete=fields.RESTRICT
    )
    routing_reason = fields.CharEnumField(RoutingReason, max_length=32)
    routing_note = fields.CharField(max_length=500, default="")
    # Moderation
    moderation = fields.CharEnumField(Moderation, max_length=16, default=Moderation.PENDING)
    moderation_flags: fields.Field[list[str]] = fields.JSONField(default=list)
    moderation_reason = fields.CharField(max_length=100, default="")
    moderation_note = fields.TextField(default="")
    moderated_at = fields.DatetimeField(null=True)
    # Processing and outcome
    processing = fields.CharEnumField(Processing, max_length=16, default=Processing.RECEIVED)
    outcome = fields.CharEnumField(Outcome, max_length=16, null=True)
    outcome_reason = fields.TextField(default="")
    outcome_unit_key = fields.CharField(
        max_length=32, default=""
    )  # where it was taken up, in a later version
    outcome_version_number = fields.IntField(null=True)
    outcome_at = fields.DatetimeField(null=True)
    outcome_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="outcomes_set", null=True, on_delete=fields.SET_NULL
    )
    receipt_code = fields.CharField(max_length=16, unique=True)
    # One-time key of the form that sent it: a second post of the same form finds this comment.
    submission_key = fields.CharField(max_length=64, unique=True, null=True)
    cluster_id = fields.CharField(max_length=32, default="", db_index=True)
    # The liaison point's work on it: acknowledge by due_at (working days), forward, or return it.
    due_at = fields.DatetimeField(null=True, db_index=True)
    acknowledged_at = fields.DatetimeField(null=True)
    forwarded_at = fields.DatetimeField(null=True)
    forward_note = fields.TextField(default="")
    returned_reason = fields.TextField(default="")
    returned_at = fields.DatetimeField(null=True)
    # Offline channels: the meeting it was voiced at, the speaker's category, who typed it in, when received.
    meeting: fields.ForeignKeyNullableRelation[ConsultationMeeting] = fields.ForeignKeyField(
        "models.ConsultationMeeting", related_name="opinions", null=True, on_delete=fields.RESTRICT
    )
    speaker_category = fields.CharField(max_length=50, default="")
    entered_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="comments_entered", null=True, on_delete=fields.SET_NULL
    )
    received_on = fields.DateField(null=True)
    support_count = fields.IntField(default=0)
    ip_hash = fields.CharField(max_length=64, default="")
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    draft_id: int
    version_id: int
    provision_id: int | None
    liaison_point_id: int
    meeting_id: int | None

    class Meta:
        table = "comment"
        indexes = (
            ("draft_id", "lineage", "moderation"),
            ("liaison_point_id", "processing"),
            ("liaison_point_id", "created_at"),  # each point's last assignment, for routing
            # Public lists page through a draft's published comments in id order without sorting them.
            ("draft_id", "moderation", "withhold", "id"),
        )

    @property
    def is_public(self) -> bool:
        return self.moderation == Moderation.PUBLISHED and not self.withhold

    @property
    def public_name(self) -> str:
        """What the public may see of who wrote it."""
        if self.show_name and self.commenter_name:
            return self.commenter_name
        district = f"{self.district}区" if self.district else ""
        who = self.speaker_category or self.identity_type.label
        return f"{district}{who}意见人"


class CommentSupport(Model):
    """附议: a visitor endorsing a published comment, at most once per visitor (by salted IP hash)."""

    id = fields.BigIntField(primary_key=True)
    comment: fields.ForeignKeyRelation[Comment] = fields.ForeignKeyField(
        "models.Comment", related_name="supports", on_delete=fields.CASCADE
    )
    ip_hash = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "comment_support"
        unique_together = (("comment", "ip_hash"),)


class SensitiveWord(Model):
    """A word that holds a comment for a moderator before it is shown."""

    id = fields.IntField(primary_key=True)
    word = fields.CharField(max_length=50, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "sensitive_word"
        ordering = ["word"]
