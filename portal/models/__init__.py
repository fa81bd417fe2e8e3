"""Tortoise models, one module per area. Tortoise discovers them through this package."""

from portal.models.accounts import AuditEvent, LoginAttempt, Role, User
from portal.models.comments import (
    Channel,
    Comment,
    CommentSupport,
    IdentityType,
    Moderation,
    Outcome,
    Processing,
    RoutingReason,
    SensitiveWord,
    Stance,
)
from portal.models.digest import CommentFingerprint, DigestSnapshot, TermCount
from portal.models.drafts import Draft, DraftKind, DraftStatus, DraftVersion, Provision
from portal.models.files import Attachment
from portal.models.liaison import LiaisonPoint
from portal.models.meetings import ConsultationMeeting, FileKind, MeetingFile, MeetingType
from portal.models.search import SearchEntry

__all__ = [
    "Attachment",
    "AuditEvent",
    "Channel",
    "Comment",
    "CommentFingerprint",
    "CommentSupport",
    "ConsultationMeeting",
    "DigestSnapshot",
    "Draft",
    "DraftKind",
    "DraftStatus",
    "DraftVersion",
    "FileKind",
    "IdentityType",
    "LiaisonPoint",
    "LoginAttempt",
    "MeetingFile",
    "MeetingType",
    "Moderation",
    "Outcome",
    "Processing",
    "Provision",
    "Role",
    "RoutingReason",
    "SearchEntry",
    "SensitiveWord",
    "Stance",
    "TermCount",
    "User",
]
