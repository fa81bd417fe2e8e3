"""Tortoise models, one module per area. Tortoise discovers them through this package."""

from portal.models.accounts import AuditEvent, LoginAttempt, Role, User
from portal.models.files import Attachment
from portal.models.liaison import LiaisonPoint

__all__ = ["Attachment", "AuditEvent", "LiaisonPoint", "LoginAttempt", "Role", "User"]
