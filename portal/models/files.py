from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from portal.models.accounts import User


class Attachment(Model):
    """Any uploaded file. The stored name is generated; the original name is only ever displayed."""

    id = fields.IntField(primary_key=True)
    original_name = fields.CharField(max_length=255)
    stored_name = fields.CharField(max_length=128, unique=True)
    content_type = fields.CharField(max_length=128)
    size = fields.BigIntField()
    sha256 = fields.CharField(max_length=64, db_index=True)
    uploader: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="attachments", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "attachment"
