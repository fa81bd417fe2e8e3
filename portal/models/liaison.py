from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class LiaisonPoint(Model):
    """基层立法联系点: a local office that gathers residents' opinions on drafts."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    district = fields.CharField(max_length=32, db_index=True)
    host_organisation = fields.CharField(max_length=200)
    address = fields.CharField(max_length=300, default="")
    contact_phone = fields.CharField(max_length=64, default="")
    intro = fields.TextField(default="")
    active = fields.BooleanField(default=True)
    # Some points only take opinions they can answer: name and a phone or e-mail are then required.
    requires_contact = fields.BooleanField(default=False)
    sort_order = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "liaison_point"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name
