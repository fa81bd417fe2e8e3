"""Pre-moderation: which comments wait for a moderator, and the moderator's decisions."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tortoise.timezone import now
from tortoise.transactions import in_transaction

from portal.models import Comment, Moderation, SensitiveWord, User
from portal.services import audit, screening
from portal.services.periodic import Periodic

# Why a comment was held, shown to the moderator.
FLAG_LABELS = {
    "sensitive_word": "含敏感词",
    "link": "含网址链接",
    "repeated_characters": "大量重复字符",
    "contact_in_body": "正文含电话号码或邮箱（可能泄露个人信息）",
    "id_number": "含身份证号码（敏感个人信息）",
    "bank_card": "含银行卡号（敏感个人信息）",
    "personal_data_in_name": "公开的署名或发言人类别中含电话、邮箱或证件号码",
    "too_short": "内容过短",
}
# The flags that mean personal data: the citizen is told why the comment waits, and what is shown.
PERSONAL_DATA_FLAGS = frozenset({"contact_in_body", "id_number", "bank_card", "personal_data_in_name"})
HIDE_REASONS = (
    "与草案内容无关的广告或推销",
    "含有侮辱、诽谤或人身攻击内容",
    "泄露他人个人信息",
    "重复提交的相同内容",
    "违反法律法规的其他内容",
)

_LINK_RE = re.compile(r"https?://|www\.|\.(?:com|cn|net|org)\b", re.IGNORECASE)
_REPEAT_RE = re.compile(r"(.)\1{7,}")


def screen(text: str, sensitive_words: Iterable[str], *, shown_as: str = "") -> list[str]:
    """The reasons to hold this text for a moderator (empty: publish at once). ``shown_as``: what is
    published beside it about who wrote it (a name shown with consent, a speaker's category)."""
    flags = []
    lowered = text.lower()
    if any(word and word.lower() in lowered for word in sensitive_words):
        flags.append("sensitive_word")
    if _LINK_RE.search(text):
        flags.append("link")
    if _REPEAT_RE.search(text):
        flags.append("repeated_characters")
    found = screening.kinds(text)
    if found & screening.CONTACTS:
        flags.append("contact_in_body")
    if screening.Kind.ID_NUMBER in found:
        flags.append("id_number")
    if screening.Kind.BANK_CARD in found:
        flags.append("bank_card")
    if shown_as and screening.kinds(shown_as):
        flags.append("personal_data_in_name")
    if len(text.strip()) < 5:
        flags.append("too_short")
    return flags


def held_for_personal_data(flags: Iterable[str]) -> bool:
    return not PERSONAL_DATA_FLAGS.isdisjoint(flags)


def held_notice(comment: Comment) -> str:
    """What the commenter is told while their comment waits because it holds personal data."""
    if comment.moderation != Moderation.PENDING or not held_for_personal_data(comment.moderation_flags):
        return ""
    found = screening.kinds_in(
        comment.body,
        comment.suggested_wording,
        comment.quote,
        comment.commenter_name if comment.show_name else "",
        comment.speaker_category,
    )
    return screening.notice(found, "意见将由工作人员审核后再公开，公开时这些信息会被隐去。")


async def sensitive_words() -> list[str]:
    return list(await SensitiveWord.all().values_list("word", flat=True))  # type: ignore[arg-type]


# Every submission is screened against the list, which staff rarely change: a process reads it at
# most once per WORDS_SECONDS. A change shows at once in the process that made it and within that
# interval in the others.
WORDS_SECONDS = 1.0
_words: Periodic[list[str]] = Periodic(sensitive_words, seconds=lambda: WORDS_SECONDS)


async def current_words() -> list[str]:
    """The sensitive words, as screening uses them (read by one request at a time: ``Periodic``)."""
    return await _words.get()


def forget_words() -> None:
    _words.forget()


async def add_words(words: Iterable[str], *, actor: User, ip: str) -> int:
    added = 0
    for word in {w.strip() for w in words if w.strip()}:
        _, created = await SensitiveWord.get_or_create(word=word[:50])
        added += created
    forget_words()
    if added:
        await audit.record("sensitive_words_added", actor=actor, ip=ip, detail={"count": added})
    return added


async def remove_word(word_id: int, *, actor: User, ip: str) -> None:
    word = await SensitiveWord.get_or_none(id=word_id)
    if word is not None:
        await word.delete()
        forget_words()
        await audit.record("sensitive_word_removed", actor=actor, ip=ip, detail={"word": word.word})


class ModerationError(ValueError):
    pass


async def decide(
    comments: list[Comment], action: str, *, actor: User, ip: str, reason: str = "", note: str = ""
) -> int:
    """publish / hide (with a reason) / restore; every decision is audited."""
    if action == "hide" and not reason:
        raise ModerationError("隐藏意见需要选择理由。")
    target = {
        "publish": Moderation.PUBLISHED,
        "restore": Moderation.PUBLISHED,
        "hide": Moderation.HIDDEN,
    }.get(action)
    if target is None:
        raise ModerationError("未知的审核操作。")
    changed = 0
    async with in_transaction():
        for comment in comments:
            if comment.moderation == target:
                continue
            comment.moderation = target
            comment.moderation_reason = reason if target == Moderation.HIDDEN else ""
            comment.moderation_note = note if target == Moderation.HIDDEN else ""
            comment.moderated_at = now()
            await comment.save(
                update_fields=["moderation", "moderation_reason", "moderation_note", "moderated_at"]
            )
            await audit.record(
                f"comment_{action}",
                actor=actor,
                ip=ip,
                object_type="comment",
                object_id=comment.id,
                detail={"reason": reason, "note": note} if reason or note else {},
            )
            changed += 1
    return changed
