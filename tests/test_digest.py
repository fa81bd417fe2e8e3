"""The digest counts form letters honestly: copies and lightly edited copies are one opinion with N
signatures, while different people's comments on the same topic stay separate."""

from __future__ import annotations

from datetime import timedelta

from tortoise.timezone import now

from portal.models import Comment, CommentFingerprint, IdentityType, Stance
from portal.services import comments
from portal.services.digest import build, fingerprint
from tests.conftest import Personas, publish_text

LETTER = "坚决反对禁止在楼道充电！小区没有充电桩，上下班的电动车怎么办？请先建好充电设施再禁止。"
SAME_TOPIC = [
    "楼道充电确实有火灾隐患，我赞成禁止，但希望给半年过渡期。",
    "建议在禁止楼道充电之前，先由街道统一建设集中充电棚。",
    "城中村电动车多，充电桩少，禁止楼道充电要考虑租户的实际困难。",
    "我家楼下就发生过电动车起火，强烈支持禁止在楼道充电。",
]


def test_copies_edits_and_signatures_are_one_group_but_topics_are_not():
    texts = (
        [LETTER] * 20
        + [f"尊敬的领导：{LETTER}谢谢！"] * 10
        + [LETTER.replace("坚决", "强烈") + f"——居民{name}" for name in "张王李赵陈刘杨黄周吴"]
        + SAME_TOPIC
    )
    sigs = fingerprint.signatures(texts)
    groups = fingerprint.cluster(sigs, [fingerprint.text_hash(t) for t in texts])
    assert [len(g) for g in groups] == [40]
    assert groups[0] == list(range(40))


def test_unrelated_texts_sharing_a_phrase_are_not_merged():
    texts = [
        "建议明确幼儿园收费标准的公示方式，便于家长监督。",
        "建议明确幼儿园教师的工资待遇保障方式。",
        "建议明确幼儿园周边交通安全的管理责任。",
    ]
    assert fingerprint.cluster(fingerprint.signatures(texts)) == []


def test_punctuation_and_width_do_not_make_a_text_different():
    assert fingerprint.text_hash("楼道充电，危险！") == fingerprint.text_hash("楼道 充电 危险")
    assert fingerprint.text_hash("ＡＢＣ１２３") == fingerprint.text_hash("abc123")


async def _submit(draft, body: str, unit: str = "tiao-3", stance: Stance = Stance.OPPOSE, **kw) -> Comment:
    data = comments.CommentInput(
        body=body, stance=stance, unit_key=unit, identity_type=IdentityType.INDIVIDUAL, **kw
    )
    comment, _ = await comments.submit(draft, data)
    return comment


async def test_the_digest_counts_a_campaign_as_one_opinion_with_n_signatures(db, people: Personas):
    draft = await publish_text()
    campaign = [
        await _submit(draft, f"{LETTER}{'谢谢！' if i % 3 else ''}", district="白云") for i in range(30)
    ]
    burst_start = now() - timedelta(hours=3)
    for i, c in enumerate(campaign):
        await Comment.filter(id=c.id).update(created_at=burst_start + timedelta(seconds=20 * i))
    for text in SAME_TOPIC:
        await _submit(draft, text, district="天河")
    await _submit(draft, "建议第一条增加立法目的的表述。", unit="tiao-1", stance=Stance.AMEND)
    data = await build.compute(draft)
    assert data["total"] == 35
    assert data["distinct_opinions"] == 6  # the campaign + 4 + 1
    assert data["in_clusters"] == 30
    [group] = data["clusters"]
    assert group["size"] == 30 and group["burst"] is True and group["variants"] == 2
    assert group["representative"].startswith("坚决反对禁止在楼道充电")
    assert sorted(group["comment_ids"]) == sorted(c.id for c in campaign)
    article = next(a for a in data["by_article"] if a["key"] == "tiao-3")
    assert article["count"] == 34 and article["distinct"] == 5
    assert article["by_stance"]["oppose"] == 34
    assert "充电" in article["keywords"]
    reps = article["representatives"]
    assert reps[0]["signatures"] == 30
    assert len(reps) >= 2
    # Every unit of the table of contents is listed, also those without comments.
    assert [a["key"] for a in data["by_article"]] == [
        "whole",
        "tiao-1",
        "tiao-2",
        "tiao-3",
        "tiao-4",
        "tiao-5",
    ]
    assert next(a for a in data["by_article"] if a["key"] == "tiao-5")["count"] == 0
    assert {row["label"]: row["count"] for row in data["by_stance"]} == {"反对": 34, "修改建议": 1}
    assert (await Comment.get(id=campaign[0].id)).cluster_id == group["id"]


async def test_hidden_comments_count_and_are_marked(db, people: Personas):
    draft = await publish_text()
    hidden = [await _submit(draft, LETTER) for _ in range(3)]
    await Comment.filter(id=hidden[0].id).update(moderation="hidden")
    data = await build.compute(draft)
    assert data["total"] == 3
    assert data["clusters"][0]["hidden"] == 1
    assert {row["value"]: row["count"] for row in data["by_moderation"]} == {"published": 2, "hidden": 1}


async def test_a_refresh_only_fingerprints_new_comments(db, people: Personas):
    draft = await publish_text()
    for text in SAME_TOPIC:
        await _submit(draft, text)
    snap = await build.refresh(draft)
    assert snap.status == "idle" and snap.comment_count == 4
    assert await CommentFingerprint.filter(draft_id=draft.id).count() == 4
    first = {f.comment_id: f.signature for f in await CommentFingerprint.filter(draft_id=draft.id)}
    assert await build.is_stale(draft.id, snap) is False
    await _submit(draft, "新的意见：建议增加电动车充电收费标准的规定。")
    assert await build.is_stale(draft.id, await build.snapshot(draft.id)) is True
    assert await build.index_new(draft.id) == 1
    assert await build.index_new(draft.id) == 0
    again = {f.comment_id: f.signature for f in await CommentFingerprint.filter(draft_id=draft.id)}
    assert all(again[k] == v for k, v in first.items())
    snap = await build.refresh(draft)
    assert snap.comment_count == 5 and snap.data["total"] == 5


async def test_only_one_refresh_runs_at_a_time(db, people: Personas):
    draft = await publish_text()
    assert await build.claim(draft.id) is True
    assert await build.claim(draft.id) is False
    snap = await build.refresh(draft, claimed=True)
    assert snap.status == "idle"
    assert await build.claim(draft.id) is True


async def test_a_liaison_points_share_only_counts_its_comments(db, people: Personas):
    draft = await publish_text()
    for _ in range(3):
        await _submit(draft, LETTER, district="天河")
    await _submit(draft, SAME_TOPIC[0], district="海珠")
    data = await build.compute(draft, point_id=people.haizhu.id)
    assert data["total"] == 1 and data["clusters"] == []
