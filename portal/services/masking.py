"""Contact details as staff lists show them by default: enough to recognise, not enough to use.
The full value is shown only where opening it is an audited act, and only to the people who answer
the commenter (``may_reveal``)."""

from __future__ import annotations

from portal.models import Role, User


def may_reveal(user: User, point_id: int | None = None) -> bool:
    """Whether ``user`` may see commenters' full contact details: legislative staff and admins for
    any comment; a liaison point's staff for the comments routed to their own point. A list that
    spans points (a whole draft's export) passes ``None``: legislative staff and admins only."""
    if user.has_role(Role.ADMIN, Role.LEGISLATOR):
        return True
    return point_id is not None and user.has_role(Role.LIAISON) and user.liaison_point_id == point_id


def mask_phone(phone: str) -> str:
    """138****1234."""
    digits = phone.strip()
    return digits[:3] + "****" + digits[-4:] if len(digits) >= 8 else ("*" * len(digits))


def mask_email(email: str) -> str:
    """li***@example.cn."""
    local, at, domain = email.strip().partition("@")
    if not at:
        return "*" * len(local)
    return f"{local[:2]}***@{domain}"


def mask_contact(value: str) -> str:
    """A phone number or an e-mail address, masked."""
    return mask_email(value) if "@" in value else mask_phone(value)
