from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from portal.models.decisions import Decision
    from portal.models.drafts import Draft
    from portal.models.files import Attachment


class HearingStatus(StrEnum):
    PLANNED = "planned"
    REGISTRATION_OPEN = "registration_open"
    SELECTION_DONE = "selection_done"
    HELD = "held"
    REPORT_PUBLISHED = "report_published"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"

    @property
    def label(self) -> str:
        return HEARING_LABELS[self.value]


class RegistrationStatus(StrEnum):
    APPLIED = "applied"
    SELECTED = "selected"
    WAITLISTED = "waitlisted"
    NOT_SELECTED = "not_selected"
    CANCELLED = "cancelled"
    ATTENDED = "attended"

    @property
    def label(self) -> str:
        return REGISTRATION_LABELS[self.value]


HEARING_LABELS = {
    "planned": "筹备中",
    "registration_open": "正在报名",
    "selection_done": "已确定参加人",
    "held": "已举行",
    "report_published": "已公布听证报告",
    "cancelled": "已取消",
    "postponed": "已延期",
}
REGISTRATION_LABELS = {
    "applied": "已报名，等待遴选",
    "selected": "入选",
    "waitlisted": "候补",
    "not_selected": "未入选",
    "cancelled": "已取消",
    "attended": "已签到参加",
}
DEFAULT_CATEGORIES = ("利害关系人", "专家", "市民代表", "人大代表政协委员")


class Hearing(Model):
    """听证会 on a decision or a draft: notice, registration, a checkable selection, record and report."""

    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=200)
    decision: fields.ForeignKeyNullableRelation[Decision] = fields.ForeignKeyField(
        "models.Decision", related_name="hearings", null=True, on_delete=fields.SET_NULL
    )
    draft: fields.ForeignKeyNullableRelation[Draft] = fields.ForeignKeyField(
        "models.Draft", related_name="hearings", null=True, on_delete=fields.SET_NULL
    )
    matter = fields.TextField(default="")  # what is heard
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    venue = fields.CharField(max_length=200)
    registration_opens_at = fields.DatetimeField()
    registration_closes_at = fields.DatetimeField()
    # {"利害关系人": {"speakers": 6, "observers": 10}, …}
    seats: fields.Field[dict[str, dict[str, int]]] = fields.JSONField(default=dict)
    selection_method = fields.TextField(default="")
    status = fields.CharEnumField(HearingStatus, max_length=24, default=HearingStatus.PLANNED)
    status_reason = fields.TextField(default="")  # for cancelled / postponed, shown publicly
    # Registration closed before ``registration_closes_at`` (which keeps the deadline the notice gave):
    # when, and the reason shown on the notice.
    registration_closed_early_at = fields.DatetimeField(null=True)
    registration_closed_early_reason = fields.TextField(default="")
    notice_published_at = fields.DatetimeField(null=True)
    materials_sent_at = fields.DatetimeField(null=True)
    # The draw: the seed is committed (its SHA-256 published) with the notice, and revealed at the draw.
    seed_commitment = fields.CharField(max_length=64, default="")
    seed = fields.CharField(max_length=64, default="")
    drawn_at = fields.DatetimeField(null=True)
    # The pseudonymised list the draw ran on, and its result: published so anyone can recompute it.
    draw_list: fields.Field[list[dict[str, str]]] = fields.JSONField(default=list)
    draw_result: fields.Field[dict[str, list[object]]] = fields.JSONField(default=dict)
    record: fields.ForeignKeyNullableRelation[Attachment] = fields.ForeignKeyField(
        "models.Attachment", related_name="hearing_records", null=True, on_delete=fields.SET_NULL
    )
    report: fields.ForeignKeyNullableRelation[Attachment] = fields.ForeignKeyField(
        "models.Attachment", related_name="hearing_reports", null=True, on_delete=fields.SET_NULL
    )
    report_summary = fields.TextField(default="")
    report_published_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    decision_id: int | None
    draft_id: int | None
    record_id: int | None
    report_id: int | None

    class Meta:
        table = "hearing"
        ordering = ["-starts_at"]


class HearingMaterial(Model):
    """A document participants read before the hearing (the draft, the plan, cost reports...); public."""

    id = fields.IntField(primary_key=True)
    hearing: fields.ForeignKeyRelation[Hearing] = fields.ForeignKeyField(
        "models.Hearing", related_name="materials", on_delete=fields.CASCADE
    )
    attachment: fields.ForeignKeyRelation[Attachment] = fields.ForeignKeyField(
        "models.Attachment", related_name="hearing_materials", on_delete=fields.CASCADE
    )
    title = fields.CharField(max_length=200)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "hearing_material"
        ordering = ["id"]


class HearingRegistration(Model):
    id = fields.BigIntField(primary_key=True)
    hearing: fields.ForeignKeyRelation[Hearing] = fields.ForeignKeyField(
        "models.Hearing", related_name="registrations", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=100)
    phone = fields.CharField(max_length=32)
    email = fields.CharField(max_length=254, default="")
    district = fields.CharField(max_length=32, default="")
    category = fields.CharField(max_length=32)
    role = fields.CharField(max_length=16)  # speaker | observer
    stance = fields.CharField(max_length=16, default="")  # support | oppose | other
    statement = fields.TextField(default="")
    show_name = fields.BooleanField(default=False)
    status = fields.CharEnumField(RegistrationStatus, max_length=16, default=RegistrationStatus.APPLIED)
    code = fields.CharField(max_length=16, unique=True)
    draw_rank = fields.IntField(null=True)  # position in the draw of its category and role
    confirmed_record = fields.BooleanField(default=False)  # signed the hearing record (art 17)
    checked_in_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    hearing_id: int

    class Meta:
        table = "hearing_registration"
        unique_together = (("hearing", "phone"),)  # one person (phone) registers once per hearing
        ordering = ["id"]


class OutboxMessage(Model):
    """Every message the portal sends is recorded here first; a sender delivers it when one is configured."""

    id = fields.BigIntField(primary_key=True)
    channel = fields.CharField(max_length=16, default="email")  # email now; sms has its own sender later
    recipient = fields.CharField(max_length=254)
    subject = fields.CharField(max_length=200)
    body = fields.TextField()
    topic = fields.CharField(max_length=64, default="")  # e.g. hearing:12
    created_at = fields.DatetimeField(auto_now_add=True)
    sent_at = fields.DatetimeField(null=True)
    claimed_at = fields.DatetimeField(null=True)  # a sender process is delivering it (see services.outbox)
    attempts = fields.IntField(default=0)
    error = fields.TextField(default="")

    class Meta:
        table = "outbox_message"
        ordering = ["-id"]
