"""The digest counts form letters honestly: copies and lightly edited copies are one opinion with N
signatures, while different people's comments on the same topic stay separate."""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest
from tortoise.timezone import now

from portal.models import (
    Comment,
    CommentChange,
    CommentFingerprint,
    DigestSnapshot,
    IdentityType,
    Moderation,
    Outcome,
    Stance,
    TermCount,
)
from portal.services import comments, moderation, personal_data
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


def _letters(n: int, seed: int) -> list[str]:
    """Form letters of two campaigns the way people send them: copies, greetings and sign-offs, a few
    words changed, mixed with unrelated comments on the same topic."""
    rng = random.Random(seed)
    other = "建议在线诉讼必须征得当事人同意，老年人不会使用智能手机，不能强制网上开庭。"
    texts = []
    for _ in range(n):
        if rng.random() < 0.15:
            texts.append(rng.choice(SAME_TOPIC))
            continue
        chars = list(rng.choice((LETTER, other)))
        for _ in range(rng.randrange(0, 8)):
            chars[rng.randrange(len(chars))] = rng.choice("的一是不了人我在有这为之大来以个中上们")
        texts.append(
            rng.choice(("", "尊敬的领导：", "我是一名普通市民，"))
            + "".join(chars)
            + rng.choice(("", "谢谢！"))
        )
    return texts


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_grouping_the_new_rows_on_top_of_the_last_grouping_equals_grouping_everything(seed: int):
    texts = _letters(600, seed)
    sigs = fingerprint.signatures(texts)
    hashes = [fingerprint.text_hash(t) for t in texts]
    everything = fingerprint.cluster(sigs, hashes)
    assert len(everything) > 2 and max(len(g) for g in everything) > 50
    for settled in (1, 37, 250, 599, 600):
        before = fingerprint.cluster(sigs[:settled], hashes[:settled])
        again = fingerprint.cluster(sigs, hashes, settled=settled, settled_groups=before)
        assert sorted(again) == sorted(everything)
    # Refresh after refresh, each building on the one before.
    groups: list[list[int]] = []
    done = 0
    for upto in (50, 51, 300, 420, 600):
        groups = fingerprint.cluster(sigs[:upto], hashes[:upto], settled=done, settled_groups=groups)
        done = upto
    assert sorted(groups) == sorted(everything)


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


def _without_times(data: dict[str, Any]) -> dict[str, Any]:
    # The kept candidates may be fewer after a refresh (those it can still vouch for): checked apart.
    return {k: v for k, v in data.items() if k not in ("computed_at", "candidates")}


def _assert_candidates_agree(refreshed: dict[str, Any], anew: dict[str, Any]) -> None:
    """What a refresh keeps of each article's best single comments is the start of what a digest
    built anew keeps."""
    for key, kept in refreshed["candidates"].items():
        assert kept["best"] == anew["candidates"][key]["best"][: len(kept["best"])], key
        assert len(kept["best"]) >= min(2, len(anew["candidates"][key]["best"])), key
    assert set(refreshed["candidates"]) <= set(anew["candidates"])


async def test_a_refresh_after_new_comments_equals_a_digest_built_anew(db, people: Personas, monkeypatch):
    draft = await publish_text()
    for i in range(12):
        await _submit(draft, LETTER + ("谢谢！" if i % 2 else ""), district="白云")
    for text in SAME_TOPIC:
        await _submit(draft, text, district="天河")
    first = await _submit(draft, "建议第一条增加立法目的的表述。", unit="tiao-1", stance=Stance.AMEND)
    await build.refresh(draft)

    # New members of the existing campaign (copies and edited ones), a new campaign on another article,
    # the first comments on an article nobody had commented on, and changes to older comments.
    for _ in range(5):
        await _submit(draft, f"尊敬的领导：{LETTER}", district="海珠")
    await _submit(draft, LETTER.replace("坚决", "强烈") + "——居民张")
    campaign = "强烈支持第二条关于公共场所禁烟的规定，建议同时明确经营者的劝阻义务和处罚标准。"
    for i in range(6):
        await _submit(draft, campaign + ("望采纳。" if i % 2 else ""), unit="tiao-2", stance=Stance.SUPPORT)
    await _submit(draft, "第五条的施行日期太早，建议给企业留出一年的准备时间。", unit="tiao-5")
    await Comment.filter(id=first.id).update(moderation=Moderation.HIDDEN, support_count=3)

    placed: list[int] = []
    cluster = fingerprint.cluster

    def spy(*args: Any, **kwargs: Any) -> list[list[int]]:
        placed.append(kwargs.get("settled", 0))
        return cluster(*args, **kwargs)

    monkeypatch.setattr(fingerprint, "cluster", spy)
    refreshed = (await build.refresh(draft)).data
    assert placed == [17]  # only the 13 new comments were placed among the stored groups
    refreshed_ids = dict(await Comment.filter(draft=draft).values_list("id", "cluster_id"))

    # The same digest from nothing: no fingerprints, word counts, cluster ids or stored digest.
    await CommentFingerprint.filter(draft_id=draft.id).delete()
    await TermCount.filter(draft_id=draft.id).delete()
    await Comment.filter(draft=draft).update(cluster_id="")
    await DigestSnapshot.filter(draft_id=draft.id).delete()
    anew = (await build.refresh(draft)).data
    assert placed[-1] == 0
    assert _without_times(refreshed) == _without_times(anew)
    assert dict(await Comment.filter(draft=draft).values_list("id", "cluster_id")) == refreshed_ids
    assert refreshed["total"] == 30 and len(refreshed["clusters"]) == 2
    assert sorted(c["size"] for c in refreshed["clusters"]) == [6, 18]
    assert {a["key"]: a["count"] for a in refreshed["by_article"]}["tiao-5"] == 1
    assert {r["value"]: r["count"] for r in refreshed["by_moderation"]} == {"published": 29, "hidden": 1}


async def test_a_stored_digest_that_does_not_cover_exactly_the_first_comments_is_not_built_on(
    db, people: Personas
):
    draft = await publish_text()
    for i in range(4):
        await _submit(draft, LETTER + ("谢谢！" if i % 2 else ""))
    stored = (await build.refresh(draft)).data
    ids = [c for c in stored["clusters"][0]["comment_ids"]]
    assert build._settled_grouping(stored, ids)[0] == 4
    assert build._settled_grouping({**stored, "grouped_count": 3}, ids) == (0, [])  # a late comment
    assert build._settled_grouping({**stored, "grouping": "another"}, ids) == (0, [])
    assert build._settled_grouping(stored, ids[1:]) == (0, [])  # a grouped comment is gone


# --- changes to comments already counted ------------------------------------------------------------


async def _counted_scenario(draft) -> dict[str, Comment]:
    """A campaign of eight letters, single comments of different lengths on article 3, one on article 1
    and one held in pre-moderation."""
    named: dict[str, Comment] = {}
    for i in range(8):
        named[f"letter{i}"] = await _submit(draft, LETTER + ("谢谢！" if i % 2 else ""), district="白云")
    for i, text in enumerate(SAME_TOPIC):
        named[f"single{i}"] = await _submit(draft, text * (i + 1), district="天河", phone="13800138000")
    named["first"] = await _submit(
        draft, "建议第一条增加立法目的的表述。", unit="tiao-1", stance=Stance.AMEND
    )
    named["pending"] = await _submit(draft, "第四条的罚款数额偏低，建议提高。", unit="tiao-4")
    await Comment.filter(id=named["pending"].id).update(moderation=Moderation.PENDING)
    return named


async def _refresh_and_rebuild(
    draft, monkeypatch, *, words_of_deleted: bool = False
) -> tuple[dict[str, Any], int]:
    """Refresh, then build the same digest from nothing and check both agree. Returns the refreshed
    digest and how many times every comment was read again (0: the refresh built on the stored one).
    ``words_of_deleted``: a deleted comment's words stay in the keyword counts until a rebuild."""
    read_all: list[int] = []
    count_all = build._count_all

    async def spy(*args: Any, **kwargs: Any) -> Any:
        read_all.append(1)
        return await count_all(*args, **kwargs)

    monkeypatch.setattr(build, "_count_all", spy)
    refreshed = (await build.refresh(draft)).data
    assert await CommentChange.filter(draft_id=draft.id).count() == 0  # used up with the digest stored
    refreshed_ids = dict(await Comment.filter(draft=draft).values_list("id", "cluster_id"))
    rereads = len(read_all)
    await CommentFingerprint.filter(draft_id=draft.id).delete()
    await TermCount.filter(draft_id=draft.id).delete()
    await Comment.filter(draft=draft).update(cluster_id="")
    await DigestSnapshot.filter(draft_id=draft.id).delete()
    anew = (await build.refresh(draft)).data
    if words_of_deleted:
        for data in (refreshed, anew):
            del data["keywords"], data["keyword_sample"]
            for article in data["by_article"]:
                del article["keywords"]
    assert _without_times(refreshed) == _without_times(anew)
    _assert_candidates_agree(refreshed, anew)
    assert dict(await Comment.filter(draft=draft).values_list("id", "cluster_id")) == refreshed_ids
    return refreshed, rereads


def _counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    return {row["value"]: row["count"] for row in rows}


def _representatives_of(data: dict[str, Any], key: str) -> list[int]:
    return [r["id"] for r in next(a for a in data["by_article"] if a["key"] == key)["representatives"]]


Change = Callable[[dict[str, Comment], Personas], Awaitable[None]]


async def _moderate(c: dict[str, Comment], people: Personas) -> None:
    await moderation.decide([c["letter3"], c["single3"]], "hide", actor=people.mona, ip="", reason="广告")
    await moderation.decide([await Comment.get(id=c["pending"].id)], "publish", actor=people.mona, ip="")


async def _outcomes(c: dict[str, Comment], people: Personas) -> None:
    await comments.set_outcome([c["first"]], comments.OutcomeInput(Outcome.ADOPTED), actor=people.leo, ip="")
    draft = await c["first"].draft
    letters = [c[f"letter{i}"].id for i in range(8)]
    data = comments.OutcomeInput(Outcome.NOT_ADOPTED, "与上位法不一致")
    await comments.set_outcome_bulk(draft, letters, data, actor=people.leo, ip="")


async def _reassign(c: dict[str, Comment], people: Personas) -> None:
    comment = await Comment.get(id=c["single0"].id)
    other = people.haizhu if comment.liaison_point_id != people.haizhu.id else people.tianhe
    await comments.reassign(comment, other, "属地调整", actor=people.alice, ip="")


async def _support(c: dict[str, Comment], people: Personas) -> None:
    shortest = await Comment.get(id=c["single0"].id)  # the least substantive: not chosen until supported
    assert await comments.support(shortest, "visitor-1")


async def _move_in_time(c: dict[str, Comment], people: Personas) -> None:
    await Comment.filter(id=c["single1"].id).update(created_at=now() - timedelta(days=3))


async def _several_times(c: dict[str, Comment], people: Personas) -> None:
    comment = await Comment.get(id=c["single2"].id)
    await moderation.decide([comment], "hide", actor=people.mona, ip="", reason="广告")
    await moderation.decide([comment], "restore", actor=people.mona, ip="")
    await comments.set_outcome([comment], comments.OutcomeInput(Outcome.ADOPTED), actor=people.leo, ip="")


async def _erase(c: dict[str, Comment], people: Personas) -> None:
    subject = personal_data.subject_from("phone", "13800138000")
    await personal_data.erase(subject, secret="s", actor=people.alice)
    # Only columns the digest never reads changed: nothing recorded, nothing to recount.
    assert await CommentChange.all().count() == 0


async def _check_moderation(data: dict[str, Any], c: dict[str, Comment]) -> None:
    assert _counts(data["by_moderation"]) == {"published": 13, "hidden": 2}
    assert data["clusters"][0]["hidden"] == 1
    assert c["single3"].id not in _representatives_of(data, "tiao-3")


async def _check_outcomes(data: dict[str, Any], c: dict[str, Comment]) -> None:
    assert _counts(data["by_outcome"]) == {"": 6, "adopted": 1, "not_adopted": 8}


async def _check_reassign(data: dict[str, Any], c: dict[str, Comment]) -> None:
    assert sum(data["by_point"].values()) == 15
    assert len(data["by_point"]) == 2


async def _check_support(data: dict[str, Any], c: dict[str, Comment]) -> None:
    assert c["single0"].id in _representatives_of(data, "tiao-3")


async def _check_time(data: dict[str, Any], c: dict[str, Comment]) -> None:
    assert len(data["per_day"]) == 2


async def _check_several(data: dict[str, Any], c: dict[str, Comment]) -> None:
    assert _counts(data["by_outcome"]) == {"": 14, "adopted": 1}
    assert _counts(data["by_moderation"]) == {"published": 14, "pending": 1}


async def _check_nothing(data: dict[str, Any], c: dict[str, Comment]) -> None:
    assert data["total"] == 15


Check = Callable[[dict[str, Any], dict[str, Comment]], Awaitable[None]]


@pytest.mark.parametrize(
    ("change", "check"),
    [
        (_moderate, _check_moderation),
        (_outcomes, _check_outcomes),
        (_reassign, _check_reassign),
        (_support, _check_support),
        (_move_in_time, _check_time),
        (_several_times, _check_several),
        (_erase, _check_nothing),
    ],
    ids=["moderation", "outcomes", "reassignment", "support", "arrival-time", "several", "erasure"],
)
async def test_a_refresh_takes_in_changes_to_comments_it_counted_before(
    db, people: Personas, monkeypatch, change: Change, check: Check
):
    draft = await publish_text()
    named = await _counted_scenario(draft)
    before = (await build.refresh(draft)).data
    assert before["total"] == 14 and [c["size"] for c in before["clusters"]] == [8]
    assert named["single0"].id not in _representatives_of(before, "tiao-3")

    await change(named, people)
    await _submit(draft, f"尊敬的领导：{LETTER}", district="海珠")  # and a new one, as usual
    refreshed, rereads = await _refresh_and_rebuild(draft, monkeypatch)
    assert rereads == 0  # built on the stored digest, not on a read of every comment
    await check(refreshed, named)


async def test_a_deleted_comment_makes_the_refresh_count_everything_again(db, people: Personas, monkeypatch):
    draft = await publish_text()
    named = await _counted_scenario(draft)
    await build.refresh(draft)
    await Comment.filter(id=named["single1"].id).delete()  # the portal never deletes one: a shell might
    refreshed, rereads = await _refresh_and_rebuild(draft, monkeypatch, words_of_deleted=True)
    assert rereads == 1 and refreshed["total"] == 13


async def test_a_refresh_that_can_no_longer_vouch_for_the_best_comments_counts_everything_again(
    db, people: Personas, monkeypatch
):
    draft = await publish_text()
    opinions = [
        "充电桩的建设费用应当由谁承担，条例没有写清楚。",
        "老旧小区没有空地，集中充电棚选址要征求居民意见。",
        "物业公司对违规充电只能劝阻，缺少执法手段，建议明确街道的责任。",
        "外卖骑手每天要充两次电，收费标准过高会增加他们的负担，请考虑分时电价。",
        "电动自行车电池质量参差不齐，应当从销售环节把关，禁止销售不合格的电池和充电器。",
        "建议对改装电动车、私拉电线的行为设定罚款，同时给居民三个月的整改期，先教育后处罚。",
        "学校周边和医院周边人流量大，集中停放点的消防通道必须保持畅通，建议写入条文并定期检查。",
        "城中村出租屋数量多，房东应当承担安全管理责任，建议规定房东配置烟感报警器和灭火器并接受抽查。",
    ]
    singles = [await _submit(draft, text, district="天河") for text in opinions]
    kept = (await build.refresh(draft)).data["candidates"]
    [best] = [v for v in kept.values() if len(v["best"]) == build.CANDIDATES]
    assert best["all"] is False  # two more were never kept

    # One of the kept ones hidden: the rest still rank above everything never kept.
    longest = max(singles, key=lambda c: len(c.body))
    await moderation.decide([longest], "hide", actor=people.mona, ip="", reason="广告")
    refreshed, rereads = await _refresh_and_rebuild(draft, monkeypatch)
    assert rereads == 0 and longest.id not in _representatives_of(refreshed, "tiao-3")

    # All but one hidden: which comment comes next is not known without reading them all.
    await build.refresh(draft)
    ranked = sorted(singles, key=lambda c: -len(c.body))[1:]
    await moderation.decide(ranked[: build.CANDIDATES - 1], "hide", actor=people.mona, ip="", reason="广告")
    refreshed, rereads = await _refresh_and_rebuild(draft, monkeypatch)
    assert rereads == 1
    assert _representatives_of(refreshed, "tiao-3") == [c.id for c in ranked[build.CANDIDATES - 1 :][:2]]
