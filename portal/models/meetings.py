from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from portal.models.accounts import User
    from portal.models.drafts import Draft
    from portal.models.files import Attachment
    from portal.models.liaison import LiaisonPoint


class MeetingType(StrEnum):
    SYMPOSIUM = "symposium"
    ARGUMENTATION = "argumentation"
    FIELD_VISIT = "field_visit"
    WRITTEN = "written"
    OTHER = "other"

    @property
    def label(self) -> str:
        return MEETING_TYPE_LABELS[self]


MEETING_TYPE_LABELS: dict[MeetingType, str] = {
    MeetingType.SYMPOSIUM: "座谈会",
    MeetingType.ARGUMENTATION: "论证会",
    MeetingType.FIELD_VISIT: "实地走访",
    MeetingType.WRITTEN: "书面征求意见",
    MeetingType.OTHER: "其他",
}


class FileKind(StrEnum):
    MINUTES = "minutes"
    SIGN_IN = "sign_in"
    PHOTO = "photo"
    OTHER = "other"

    @property
    def label(self) -> str:
        return FILE_KIND_LABELS[self]


FILE_KIND_LABELS: dict[FileKind, str] = {
    FileKind.MINUTES: "会议纪要",
    FileKind.SIGN_IN: "签到表",
    FileKind.PHOTO: "现场照片",
    FileKind.OTHER: "其他材料",
}


class ConsultationMeeting(Model):
    """A liaison point's offline consultation: the minutes, the files and the opinions voiced there."""

    id = fields.IntField(primary_key=True)
    liaison_point: fields.ForeignKeyRelation[LiaisonPoint] = fields.ForeignKeyField(
        "models.LiaisonPoint", related_name="meetings", on_delete=fields.RESTRICT
    )
    drafts: fields.ManyToManyRelation[Draft] = fields.ManyToManyField(
        "models.Draft", related_name="meetings", through="meeting_draft"
    )
    meeting_type = fields.CharEnumField(MeetingType, max_length=16)
    held_on = fields.DateField(db_index=True)
    place = fields.CharField(max_length=200)
    attendee_count = fields.IntField()
    # [{"category": "居民", "count": 12}, …]
    composition: fields.Field[list[dict[str, object]]] = fields.JSONField(default=list)
    minutes = fields.TextField(default="")
    public_summary = fields.TextField(default="")
    summary_public = fields.BooleanField(default=False)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="meetings", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    liaison_point_id: int

    class Meta:
        table = "consultation_meeting"
        ordering = ["-held_on", "-id"]


class MeetingFile(Model):
    id = fields.IntField(primary_key=True)
    meeting: fields.ForeignKeyRelation[ConsultationMeeting] = fields.ForeignKeyField(
        "models.ConsultationMeeting", related_name="files", on_delete=fields.CASCADE
    )
    attachment: fields.ForeignKeyRelation[Attachment] = fields.ForeignKeyField(
        "models.Attachment", related_name="meeting_files", on_delete=fields.RESTRICT
    )
    kind = fields.CharEnumField(FileKind, max_length=16)

    meeting_id: int
    attachment_id: int

    class Meta:
        table = "meeting_file"
