"""Tortoise models, one module per area. Tortoise discovers them through this package."""

from portal.models.accounts import AuditEvent, LoginAttempt, Role, User
from portal.models.drafts import Draft, DraftKind, DraftStatus, DraftVersion, Provision
from portal.models.files import Attachment
from portal.models.liaison import LiaisonPoint
from portal.models.search import SearchEntry

__all__ = [
    "Attachment",
    "AuditEvent",
    "Draft",
    "DraftKind",
    "DraftStatus",
    "DraftVersion",
    "LiaisonPoint",
    "LoginAttempt",
    "Provision",
    "Role",
    "SearchEntry",
    "User",
]
