"""Demo comments: a few hundred opinions that read like real ones, spread over districts, points,
identities and days; some held for moderation; a form-letter campaign; and, on the closed draft,
outcomes for every opinion and a published feedback report. Deterministic (fixed random seed)."""

from __future__ import annotations

import hashlib
import io
import random
import re
import struct
import uuid
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from docx import Document
from tortoise.timezone import now

from portal.models import (
    Comment,
    ConsultationMeeting,
    Draft,
    FileKind,
    IdentityType,
    LiaisonPoint,
    MeetingType,
    Outcome,
    Provision,
    SensitiveWord,
    Stance,
    User,
)
from portal.services import comments, drafts, files, meetings, moderation
from portal.services.calendar import local_date
from portal.services.liaison import DISTRICT_ORDER as DISTRICTS

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


# --- meetings -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingSeed:
    point: str
    topic: str
    days_after_open: int
    meeting_type: MeetingType
    place: str
    composition: str
    minutes: str
    summary: str
    opinions: tuple[tuple[int, Stance, str, str], ...]  # (unit index, stance, speaker category, text)


MEETINGS: tuple[MeetingSeed, ...] = (
    MeetingSeed(
        "GZ-YX-01",
        "幼儿园",
        2,
        MeetingType.SYMPOSIUM,
        "北京街道党群服务中心三楼会议室",
        "家长 9，幼儿园教师 4，人大代表 2",
        "街道人大工委主持。与会人员围绕入园难、收费公示和安全管理展开讨论，共提出意见建议 6 条。",
        "围绕幼儿园收费公示、安全管理听取家长和教师意见。",
        (
            (4, Stance.AMEND, "家长", "建议明确普惠性民办园收费标准的公示渠道，在园门口和网上同时公示。"),
            (10, Stance.SUPPORT, "幼儿园教师", "赞成保障教师待遇的规定，希望细化编制外教师的工资保障。"),
            (20, Stance.AMEND, "人大代表", "建议增加老城区幼儿园用地保障的具体措施。"),
            (30, Stance.OTHER, "家长", "希望明确延时托管服务是否另行收费。"),
        ),
    ),
    MeetingSeed(
        "GZ-HZ-01",
        "幼儿园",
        4,
        MeetingType.FIELD_VISIT,
        "南华西街道某社区幼儿园",
        "居民 6，园长 2",
        "联系点工作人员走访社区幼儿园，听取园长和周边居民意见。",
        "走访社区幼儿园，了解办园条件和周边交通安全。",
        (
            (15, Stance.AMEND, "园长", "建议对老旧园舍改造给予专项补助。"),
            (25, Stance.OPPOSE, "居民", "不赞成幼儿园接送时段临时占用人行道，应统筹规划接送区域。"),
        ),
    ),
    MeetingSeed(
        "GZ-HP-02",
        "营商环境",
        3,
        MeetingType.SYMPOSIUM,
        "广州开发区企业服务中心",
        "企业代表 14，律师 2",
        "开发区企业代表座谈，重点讨论涉企检查、政务服务时限和知识产权保护。",
        "组织园区企业就涉企检查和政务服务提出意见。",
        (
            (20, Stance.SUPPORT, "企业代表", "赞成推行涉企检查“一次进门、综合查验”。"),
            (33, Stance.AMEND, "企业代表", "建议明确政务服务事项的办结时限，超时应说明理由。"),
            (45, Stance.AMEND, "律师", "建议对行政处罚裁量基准向社会公开作出规定。"),
        ),
    ),
    MeetingSeed(
        "GZ-BY-01",
        "电动自行车",
        0,
        MeetingType.WRITTEN,
        "京溪街道各社区",
        "居民 31，物业企业 3",
        "通过社区书面征求意见，收回意见表 34 份。",
        "书面征求居民和物业企业意见。",
        (
            (1, Stance.OPPOSE, "居民", "城中村充电设施不足，禁止楼道充电前应先建好集中充电点。"),
            (2, Stance.SUPPORT, "物业企业", "赞成加快充电设施建设，建议明确电费收取标准。"),
        ),
    ),
)


def _minutes_docx(title: str, seed: MeetingSeed) -> bytes:
    document = Document()
    document.add_heading(f"{title} 征求意见会议纪要", level=1)
    document.add_paragraph(f"地点：{seed.place}")
    document.add_paragraph(f"参加人员：{seed.composition}")
    document.add_paragraph(seed.minutes)
    for _, _, category, text in seed.opinions:
        document.add_paragraph(f"{category}：{text}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _sign_in_png(width: int = 240, height: int = 120) -> bytes:
    """A plain PNG standing in for a scanned sign-in sheet."""
    raw = b"".join(b"\x00" + b"\xf5\xf5\xf0" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _stage(upload_dir: Path, name: str, data: bytes, field: str) -> files.StagedFile:
    staging = files.prepare_dirs(upload_dir)
    path = staging / f"demo-{uuid.uuid4().hex}.part"
    path.write_bytes(data)
    staged = files.StagedFile(field, name, path, len(data), hashlib.sha256(data).hexdigest())
    staged.content_type = files.detect_type(path)
    return staged


async def seed_meetings(upload_dir: Path | None, author: User | None) -> int:
    """Meetings at several points, with a Word minutes file and a sign-in sheet when a folder is given."""
    if author is None or await ConsultationMeeting.exists():
        return 0
    created = 0
    for seed in MEETINGS:
        draft = next((d for d in await Draft.all() if seed.topic in d.title), None)
        point = await LiaisonPoint.get_or_none(code=seed.point)
        version = await drafts.latest_published(draft) if draft else None
        if draft is None or point is None or version is None or draft.opens_at is None:
            continue
        units = await drafts.units_of(version)
        held_on = local_date(draft.opens_at) + timedelta(days=seed.days_after_open)
        staged = []
        if upload_dir is not None:
            staged = [
                _stage(
                    upload_dir,
                    f"{held_on:%Y%m%d}会议纪要.docx",
                    _minutes_docx(draft.title, seed),
                    "file-minutes",
                ),
                _stage(upload_dir, "签到表.png", _sign_in_png(), "file-sign_in"),
            ]
        staff = await User.filter(liaison_point=point).first() or author
        await meetings.create(
            meetings.MeetingInput(
                point=point,
                drafts=[draft],
                meeting_type=seed.meeting_type,
                held_on=held_on,
                place=seed.place,
                attendee_count=sum(int(c["count"]) for c in meetings.parse_composition(seed.composition)),  # type: ignore[call-overload]
                composition=meetings.parse_composition(seed.composition),
                minutes=seed.minutes,
                public_summary=seed.summary,
                summary_public=True,
            ),
            staged,
            [FileKind.MINUTES, FileKind.SIGN_IN][: len(staged)],
            [
                meetings.OpinionInput(
                    draft_id=draft.id,
                    unit_key=units[index % len(units)].key,
                    stance=stance,
                    body=text,
                    speaker_category=category,
                )
                for index, stance, category, text in seed.opinions
            ],
            actor=staff,
            ip="",
            upload_dir=upload_dir or Path("."),
        )
        created += 1
    return created
