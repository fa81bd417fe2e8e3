"""Contact details as staff lists show them by default: enough to recognise, not enough to use.
The full value is shown only where opening it is an audited act."""

from __future__ import annotations


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
