"""Demo comments: a few hundred opinions that read like real ones, spread over districts, points,
identities and days; some held for moderation; a form-letter campaign; and, on the closed draft,
outcomes for every opinion and a published feedback report. Deterministic (fixed random seed)."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.timezone import now

from portal.models import Comment, Draft, IdentityType, Outcome, Provision, SensitiveWord, Stance, User
from portal.services import comments, drafts, moderation
from portal.web.forms import DISTRICTS

SENSITIVE_WORDS = ("代开发票", "办证", "博彩", "刷单", "贷款秒批")

AUDIENCES: dict[str, tuple[str, ...]] = {
    "幼儿园": ("作为一名家长", "我是幼儿园教师", "作为民办园举办者", "我家孩子今年入园"),
    "流溪河": ("我是沿河村民", "作为养殖户", "我是环保志愿者", "我在从化经营民宿"),
    "营商环境": ("作为中小企业负责人", "我是个体工商户", "我们是外资企业", "我在政务服务窗口工作"),
    "慈善": ("我是慈善组织工作人员", "作为志愿者", "我长期参与社区捐赠", "作为社工"),
    "电动自行车": ("我是外卖骑手", "我是物业管理人员", "作为小区居民", "我家住城中村"),
}
NAMES = ("陈建华", "李秀英", "黄志强", "梁美玲", "何国栋", "罗嘉欣", "张伟", "吴丽萍", "郭振宇", "林晓燕")

SUPPORT = (
    "{who}，赞成{label}的规定，{why}。",
    "{label}写得很好，{why}，希望尽快施行。",
    "支持{label}，特别是“{snippet}”这一句，{why}。",
)
OPPOSE = (
    "{who}，不赞成{label}中“{snippet}”的规定，这样会增加基层负担，建议删去。",
    "{label}要求“{snippet}”，实际执行中很难做到，建议重新研究。",
)
AMEND = (
    "建议将{label}中的“{snippet}”修改为“{snippet}，并明确办理时限和责任部门”。",
    "{who}，建议{label}增加一款：对执行中的争议，应当听取当事人意见并说明理由。",
    "{label}“{snippet}”的表述不够明确，建议细化具体标准，避免各区执行不一。",
    "建议在{label}中明确“{snippet}”的适用范围，并规定相应的监督方式。",
)
OTHER = (
    "请问{label}中所说的“{snippet}”具体包括哪些情形？希望在说明中解释。",
    "{who}，想了解{label}出台后对现有做法有什么影响，希望有过渡期安排。",
)
WHY = ("这关系到群众的切身利益", "能够解决长期存在的问题", "有利于规范管理", "与我们的实际需要相符")
WHOLE = (
    "总体赞成草案，建议加强宣传解读，让群众了解新规定。",
    "草案整体结构清晰，但部分条款表述较原则，建议配套出台实施细则。",
    "建议草案多听取基层一线的意见，增加可操作性。",
    "希望草案实施后定期评估效果，并向社会公布评估结果。",
)
HELD = (
    "专业代开发票，联系电话13800001111",
    "详情请看 www.example-ad.com 有惊喜",
    "好好好好好好好好好好好好",
    "办证请联系 wx12345，快速办理",
)
CAMPAIGN = "坚决反对禁止在楼道充电！小区没有充电桩，上下班的电动车怎么办？请先建好充电设施再禁止。"
CAMPAIGN_OPENERS = ("", "我反对：", "强烈呼吁：", "居民心声：", "")
CAMPAIGN_ENDINGS = ("", "谢谢！", "望采纳。", "恳请考虑我们的实际困难。")

OUTCOME_REASONS: dict[Outcome, tuple[str, ...]] = {
    Outcome.ADOPTED: ("",),
    Outcome.PARTLY_ADOPTED: ("已在修改稿中作出相应完善，具体标准将在配套文件中规定。",),
    Outcome.NOT_ADOPTED: ("上位法已有明确规定，本条例不再重复。", "该建议涉及的事项不属于本条例调整范围。"),
    Outcome.NOT_RELEVANT: ("意见内容与本草案无关，已转有关部门研究。",),
}


def _snippet(text: str, rng: random.Random) -> str:
    clauses = [c.strip() for c in re.split(r"[，。；：\n]", text) if 6 <= len(c.strip()) <= 24]
    return rng.choice(clauses) if clauses else text[:16]


def _topic(title: str) -> str:
    return next((t for t in AUDIENCES if t in title), "营商环境")


def _text_for(stance: Stance, unit: Provision | None, title: str, rng: random.Random) -> str:
    if unit is None:
        return rng.choice(WHOLE)
    pool = {Stance.SUPPORT: SUPPORT, Stance.OPPOSE: OPPOSE, Stance.AMEND: AMEND, Stance.OTHER: OTHER}[stance]
    return rng.choice(pool).format(
        who=rng.choice(AUDIENCES[_topic(title)]),
        label=unit.label + (unit.heading if unit.heading else ""),
        snippet=_snippet(unit.text, rng),
        why=rng.choice(WHY),
    )


@dataclass(frozen=True)
class Plan:
    count: int
    with_outcomes: bool = False
    campaign: int = 0
    held: int = 2


PLANS = {
    "幼儿园": Plan(110, held=3),
    "流溪河": Plan(70),
    "营商环境": Plan(80),
    "慈善": Plan(60, with_outcomes=True),
    "电动自行车": Plan(40, campaign=45),
}


async def _submit(draft: Draft, data: comments.CommentInput, at: datetime, rng: random.Random) -> Comment:
    comment, _ = await comments.submit(draft, data, ip_hash=f"demo{rng.randrange(10**9)}", at=at)
    await Comment.filter(id=comment.id).update(created_at=at)
    return comment


def _moment(draft: Draft, rng: random.Random, upper: datetime) -> datetime:
    """Early-heavy, as real participation is: most opinions arrive in the first days."""
    assert draft.opens_at is not None and draft.closes_at is not None
    end = min(draft.closes_at, upper)
    span = max(60.0, (end - draft.opens_at).total_seconds())
    return draft.opens_at + timedelta(seconds=span * rng.random() ** 2.2)


async def seed_comments(author: User | None) -> int:
    """Add the demo comments to the demo drafts that have none yet; return how many were added."""
    rng = random.Random(2026)
    for word in SENSITIVE_WORDS:
        await SensitiveWord.get_or_create(word=word)
    added = 0
    at_now = now()
    for draft in await Draft.all().order_by("id"):
        plan = next((p for topic, p in PLANS.items() if topic in draft.title), None)
        if plan is None or await Comment.exists(draft=draft) or draft.opens_at is None:
            continue
        version = await drafts.latest_published(draft)
        if version is None:
            continue
        units = await drafts.units_of(version)
        for i in range(plan.count):
            unit = None if rng.random() < 0.15 else rng.choice(units)
            stance = rng.choices(list(Stance), weights=(3, 2, 5, 1))[0]
            identity = rng.choices(list(IdentityType), weights=(12, 3, 2, 1, 1))[0]
            named = rng.random() < 0.3
            data = comments.CommentInput(
                body=_text_for(stance, unit, draft.title, rng),
                stance=stance,
                unit_key=unit.key if unit else "",
                identity_type=identity,
                district=rng.choice(DISTRICTS) if rng.random() < 0.9 else "",
                name=rng.choice(NAMES) if named else "",
                phone=f"13{rng.randrange(10**8, 10**9)}" if named and rng.random() < 0.6 else "",
                show_name=named and rng.random() < 0.5,
                withhold=rng.random() < 0.05,
                submission_key=f"demo-{draft.id}-{i}",
            )
            await _submit(draft, data, _moment(draft, rng, at_now), rng)
            added += 1
        for i in range(plan.held):
            data = comments.CommentInput(
                body=HELD[i % len(HELD)], stance=Stance.OTHER, submission_key=f"demo-held-{draft.id}-{i}"
            )
            await _submit(draft, data, _moment(draft, rng, at_now), rng)
            added += 1
        if plan.campaign:
            target = next((u for u in units if "充电" in u.text), units[0])
            burst = (draft.opens_at or at_now) + timedelta(hours=20)
            for i in range(plan.campaign):
                body = rng.choice(CAMPAIGN_OPENERS) + CAMPAIGN + rng.choice(CAMPAIGN_ENDINGS)
                data = comments.CommentInput(
                    body=body,
                    stance=Stance.OPPOSE,
                    unit_key=target.key,
                    district=rng.choice(("白云", "番禺", "天河")),
                    submission_key=f"demo-campaign-{draft.id}-{i}",
                )
                await _submit(draft, data, burst + timedelta(seconds=rng.randrange(0, 900)), rng)
                added += 1
        if plan.with_outcomes and author is not None:
            await _decide_all(draft, author, rng)
    return added


async def _decide_all(draft: Draft, author: User, rng: random.Random) -> None:
    for comment in await Comment.filter(draft=draft).order_by("id"):
        if comment.moderation_flags:
            outcome = Outcome.NOT_RELEVANT
        else:
            outcome = rng.choices(list(Outcome), weights=(3, 4, 4, 1))[0]
        await comments.set_outcome(
            [comment],
            comments.OutcomeInput(outcome, rng.choice(OUTCOME_REASONS[outcome])),
            actor=author,
            ip="",
        )
    held = await Comment.filter(draft=draft, moderation="pending")
    moderator = await User.get_or_none(username="moderator") or author
    if held:
        await moderation.decide(held, "hide", actor=moderator, ip="", reason=moderation.HIDE_REASONS[0])
    await comments.publish_feedback(
        draft,
        "本次征求意见共收到社会各界意见，经逐条研究，对合理的意见予以采纳或部分采纳，"
        "对不予采纳的意见说明了理由。感谢社会各界对慈善立法的关心和支持。",
        actor=author,
        ip="",
    )
