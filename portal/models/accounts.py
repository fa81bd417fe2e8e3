from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from portal.models.liaison import LiaisonPoint


class Role(StrEnum):
    LIAISON = "liaison"
    LEGISLATOR = "legislator"
    ORGANIZER = "organizer"
    MODERATOR = "moderator"
    REVIEWER = "reviewer"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.LIAISON: "联系点工作人员",
    Role.LEGISLATOR: "立法工作人员",
    Role.ORGANIZER: "决策承办与听证组织",
    Role.MODERATOR: "内容审核",
    Role.REVIEWER: "合法性审查人员",
    Role.ADMIN: "系统管理员",
}


class User(Model):
    """A staff account. Citizens never log in."""

    id = fields.IntField(primary_key=True)
    username = fields.CharField(max_length=64, unique=True)
    display_name = fields.CharField(max_length=100)
    password_hash = fields.CharField(max_length=255)
    # A list of Role values; a staff user may hold several.
    roles: fields.Field[list[str]] = fields.JSONField(default=list)
    liaison_point: fields.ForeignKeyNullableRelation[LiaisonPoint] = fields.ForeignKeyField(
        "models.LiaisonPoint", related_name="staff", null=True, on_delete=fields.RESTRICT
    )
    # The organisation the user works for; an organizer manages the decisions of this 承办单位.
    organisation = fields.CharField(max_length=100, default="")
    active = fields.BooleanField(default=True)
    # Changing it signs the user out everywhere: sessions carry the value they were issued with.
    session_nonce = fields.CharField(max_length=32)
    last_login_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    liaison_point_id: int | None

    class Meta:
        table = "staff_user"
        ordering = ["username"]

    def has_role(self, *roles: Role) -> bool:
        return any(role.value in self.roles for role in roles)

    @property
    def role_labels(self) -> list[str]:
        return [Role(r).label for r in self.roles if r in Role.__members__.values()]

    def __str__(self) -> str:
        return self.display_name


class AuditEvent(Model):
    """Who did what, when, to which object, from where. Kept for at least six months (网络安全法 art 21)."""

    id = fields.BigIntField(primary_key=True)
    actor: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="audit_events", null=True, on_delete=fields.SET_NULL
    )
    actor_name = fields.CharField(max_length=100, default="")
    action = fields.CharField(max_length=64, db_index=True)
    object_type = fields.CharField(max_length=64, default="")
    object_id = fields.CharField(max_length=64, default="")
    detail: fields.Field[dict[str, object]] = fields.JSONField(default=dict)
    ip = fields.CharField(max_length=64, default="")
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    actor_id: int | None

    class Meta:
        table = "audit_event"
        ordering = ["-id"]


class LoginAttempt(Model):
    """One try at the login form; the recent failures throttle further tries across all processes."""

    id = fields.BigIntField(primary_key=True)
    username = fields.CharField(max_length=64, db_index=True)
    ip = fields.CharField(max_length=64, db_index=True)
    succeeded = fields.BooleanField()
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "login_attempt"


class StaffSession(Model):
    """One signed-in browser. The cookie carries a random token; only its hash is kept here.

    Signed cookies cannot be taken back, so every staff request looks its token up: signing out, an
    idle timeout or deactivating the account sets ``revoked_at`` and the cookie is worth nothing,
    in every app process at once.
    """

    id = fields.BigIntField(primary_key=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="sessions", on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    # Written at most once a minute, so an active session does not cost a write per request.
    last_seen_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)
    # Why it ended: logout, idle, deactivated, password_changed.
    end_reason = fields.CharField(max_length=32, default="")
    ip = fields.CharField(max_length=64, default="")

    user_id: int

    class Meta:
        table = "staff_session"
