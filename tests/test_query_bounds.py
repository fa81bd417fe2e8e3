"""The reader and the public comment lists cost the same number of queries with 10 comments as with
300 spread over many articles: nothing is fetched per comment or per article.

The page cache is switched off here, so every request measures the render itself.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from portal.models import Comment, Draft, Moderation, Stance
from portal.services import drafts
from portal.services.drafting.numerals import int_to_cn
from portal.settings import Settings
from tests.conftest import Personas, counted_queries, publish_text

ARTICLES_PER_CHAPTER = 15


def long_law(chapters: int = 3) -> str:
    lines = ["# 广州市查询计数条例", ""]
    number = 0
    for chapter in range(1, chapters + 1):
        lines += [f"## 第{int_to_cn(chapter)}章 第{chapter}部分", ""]
        for _ in range(ARTICLES_PER_CHAPTER):
            number += 1
            lines += [f"第{int_to_cn(number)}条 本条规定第{number}项管理事项，有关部门应当依法履行职责。", ""]
    return "\n".join(lines)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, page_cache_seconds=0)


async def add_comments(draft: Draft, people: Personas, n: int) -> None:
    """``n`` comments over every article and the whole draft, some hidden, some withheld."""
    version = await drafts.latest_published(draft)
    assert version is not None
    units = await drafts.units_of(version)
    start = await Comment.filter(draft=draft).count()
    await Comment.bulk_create(
        [
            Comment(
                draft_id=draft.id,
                version_id=version.id,
                provision_id=units[i % len(units)].id if i % 7 else None,
                unit_key=units[i % len(units)].key if i % 7 else "",
                lineage=units[i % len(units)].lineage if i % 7 else "",
                body=f"第{i}条意见：建议明确责任主体。",
                stance=list(Stance)[i % len(Stance)],
                liaison_point_id=people.tianhe.id,
                routing_reason="least_loaded",
                moderation=Moderation.HIDDEN if i % 11 == 0 else Moderation.PUBLISHED,
                withhold=i % 13 == 0,
                show_name=i % 5 == 0,
                commenter_name=f"市民{i}",
                receipt_code=f"QB-{i:08d}",
                district="天河",
            )
            for i in range(start, n)
        ]
    )


PAGES = (
    "/drafts/{id}",
    "/drafts/{id}/comments",
    "/drafts/{id}/comments?article=tiao-3",
    "/drafts/{id}/comments?article=whole&order=supported",
    "/drafts/{id}/articles/tiao-3",
)


async def queries_per_page(client, draft: Draft) -> dict[str, int]:
    counts = {}
    for template in PAGES:
        path = template.format(id=draft.id)
        with counted_queries() as statements:
            response = await client.get(path)
        assert response.status_code == 200, path
        counts[path] = len(statements)
    return counts


async def test_the_reader_and_comment_lists_cost_the_same_queries_for_10_and_300_comments(
    client, people: Personas
):
    draft = await publish_text(long_law())
    await add_comments(draft, people, 10)
    few = await queries_per_page(client, draft)
    reader = await client.get(f"/drafts/{draft.id}")
    assert reader.headers["x-cache"] == "bypass"  # rendered, not served from the cache
    assert "已收到意见 <strong>10</strong> 条" in reader.text

    await add_comments(draft, people, 300)
    many = await queries_per_page(client, draft)
    reader = await client.get(f"/drafts/{draft.id}")
    assert "已收到意见 <strong>300</strong> 条" in reader.text
    listed = await client.get(f"/drafts/{draft.id}/comments")
    assert listed.text.count('class="comment"') == 20  # one full page out of the published ones

    assert many == few
    # And small in absolute terms: a handful of statements, not one per article or comment.
    assert few[f"/drafts/{draft.id}"] <= 8, few
    assert max(few.values()) <= 10, few
