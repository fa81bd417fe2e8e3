"""Search costs: the stored tsvector on PostgreSQL, one query per results page, capped counting, and the
page cache for anonymous searches (issue 11)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tortoise import connections

from portal.models import SearchEntry
from portal.services import drafts, search
from tests.conftest import counted_queries, publish_text

# A draft of 30 articles that all mention 听证, and a few that also mention 公示.
MANY_ARTICLES = "# 广州市听证测试条例\n\n" + "\n\n".join(
    f"第{n}条 行政机关应当依法组织听证{'并予以公示' if n % 10 == 0 else ''}，听取意见。" for n in range(1, 31)
)
QUERIES = ("听证", "公示", "听证 公示", "营商环境", "砍伐树木", "行政机关", "没有的词")


def is_postgres() -> bool:
    return connections.get("default").capabilities.dialect == "postgres"


async def test_search_entries_carry_a_stored_tsvector_kept_in_step_with_their_tokens(db):
    if not is_postgres():
        pytest.skip("SQLite keeps its index in the FTS5 table")
    draft = await publish_text()
    conn = connections.get("default")
    _, rows = await conn.execute_query(
        "SELECT count(*) AS n FROM search_entry WHERE draft_id = $1 AND tsv = to_tsvector('simple', tokens)",
        [draft.id],
    )
    assert rows[0]["n"] == await SearchEntry.filter(draft_id=draft.id).count() > 0
    entry = await SearchEntry.filter(draft_id=draft.id, unit_key="tiao-3").get()
    entry.tokens = "航空母舰"
    await entry.save()
    _, rows = await conn.execute_query("SELECT tsv::text AS v FROM search_entry WHERE id = $1", [entry.id])
    assert rows[0]["v"] == "'航空母舰':1"
    assert [h.unit_key for h in (await search.search("航空母舰")).hits] == ["tiao-3"]
    # Written straight into the index: no pending list for every search to scan until a VACUUM.
    _, rows = await conn.execute_query(
        "SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_search_entry_tsv'"
    )
    assert rows[0]["indexdef"].endswith("USING gin (tsv) WITH (fastupdate=off)")


async def test_postgresql_filters_and_ranks_on_the_stored_column_without_recomputing_vectors(db):
    if not is_postgres():
        pytest.skip("PostgreSQL only")
    await publish_text(MANY_ARTICLES, title="广州市听证测试条例（草案）")
    with counted_queries() as statements:
        await search.search("听证")
    assert statements
    conn = connections.get("default")
    expression = search._tsquery_expression(search.query_terms("听证"))
    for logged in statements:
        sql = logged.rsplit(": [", 1)[0]  # the client logs the parameters after the statement
        assert "e.tsv @@" in sql
        assert "to_tsvector" not in sql
        parameters = max(int(n) for n in re.findall(r"\$(\d+)", sql))
        _, plan = await conn.execute_query("EXPLAIN " + sql, [expression, 20, 0][:parameters])
        text = "\n".join(str(row["QUERY PLAN"]) for row in plan)
        assert "to_tsvector" not in text, text


async def test_ranking_on_the_stored_column_matches_ranking_on_vectors_computed_per_row(db):
    if not is_postgres():
        pytest.skip("PostgreSQL only")
    await publish_text()
    await publish_text(MANY_ARTICLES, title="广州市听证测试条例（草案）")
    conn = connections.get("default")
    for query in QUERIES:
        groups = search.query_terms(query)
        expression = search._tsquery_expression(groups)
        _, expected = await conn.execute_query(
            "SELECT e.draft_id, e.unit_key FROM search_entry e "
            "WHERE to_tsvector('simple', e.tokens) @@ to_tsquery('simple', $1) AND e.document_id IS NULL "
            "ORDER BY e.unit_key != '', "
            "ts_rank(to_tsvector('simple', e.tokens), to_tsquery('simple', $1)) DESC, e.id LIMIT 100",
            [expression],
        )
        found = await search.search(query, limit=100)
        assert [(h.draft_id, h.unit_key) for h in found.hits] == [
            (r["draft_id"], r["unit_key"]) for r in expected
        ], query
        assert found.total == len(expected)


async def test_a_results_page_costs_one_query_that_also_counts_the_matches(db):
    await publish_text()
    await publish_text(MANY_ARTICLES, title="广州市听证测试条例（草案）")
    with counted_queries() as statements:
        small = await search.search("营商环境", limit=20)
    assert (small.total, len(small.hits), len(statements)) == (1, 1, 1)
    with counted_queries() as statements:
        first = await search.search("听证", limit=20)
    # 30 articles and the title; SQLite counts a full page in its FTS5 index (bm25() and a window
    # function cannot share a query there), PostgreSQL in the ranked query itself.
    assert (first.total, len(first.hits)) == (31, 20)
    assert len(statements) == (1 if is_postgres() else 2)
    with counted_queries() as statements:
        last = await search.search("听证", limit=20, offset=20)
    assert (last.total, len(last.hits), len(statements)) == (31, 11, 1)
    seen = {(h.draft_id, h.unit_key) for h in first.hits + last.hits}
    assert len(seen) == 31
    # Only a page past the last match needs a count of its own.
    beyond = await search.search("听证", limit=20, offset=40)
    assert (beyond.total, beyond.hits) == (31, [])
    assert (await search.search("航空母舰", limit=20)).total == 0


async def test_the_results_page_shows_the_count_and_pages_through_it(client, db):
    await publish_text(MANY_ARTICLES, title="广州市听证测试条例（草案）")
    page = await client.get("/search", params={"q": "听证"})
    assert "共找到 31 处结果" in page.text
    assert 'href="/search?q=%E5%90%AC%E8%AF%81&amp;page=2"' in page.text
    second = await client.get("/search", params={"q": "听证", "page": "2"})
    assert "共找到 31 处结果" in second.text and second.text.count("<li>") >= 11
    assert "共找到 3 处结果" in (await client.get("/search", params={"q": "公示"})).text


async def test_library_search_does_not_count(db):
    await publish_text()
    with counted_queries() as statements:
        assert await search.matching_documents("营商环境") == []
    assert len(statements) == 1 and "COUNT" not in statements[0].upper()


async def test_a_search_asked_again_is_served_from_the_page_cache(client, db, app):
    await publish_text()
    cache = app.state.page_cache
    first = await client.get("/search", params={"q": "营商环境"})
    assert first.headers["x-cache"] == "miss" and len(cache) == 0  # asked once: not stored
    second = await client.get("/search", params={"q": "营商环境"})
    assert second.headers["x-cache"] == "miss" and len(cache) == 1  # asked again: stored
    with counted_queries() as statements:
        third = await client.get("/search", params={"q": "营商环境"})
    assert third.headers["x-cache"] == "hit"
    assert statements == []
    assert third.text == first.text
    # A stream of distinct queries stores nothing.
    for word in ("砍伐", "绿化", "树木", "审批", "许可"):
        assert (await client.get("/search", params={"q": word})).headers["x-cache"] == "miss"
    assert len(cache) == 1
    # A parameter the page does not read is rendered, never stored.
    odd = await client.get("/search", params={"q": "营商环境", "utm_source": "x"})
    assert odd.headers["x-cache"] == "bypass"


async def test_a_staff_write_drops_cached_search_results(client, db, app):
    draft = await publish_text()
    for _ in range(3):
        page = await client.get("/search", params={"q": "砍伐"})
    assert page.headers["x-cache"] == "hit" and "共找到 1 处结果" in page.text
    await drafts.withdraw(draft, "不再制定", actor=None)
    await app.state.page_cache.invalidate()  # what InvalidateOnStaffWrites does after a staff write
    assert "共找到 0 处结果" in (await client.get("/search", params={"q": "砍伐"})).text


def test_the_admission_rule_forgets_a_key_after_the_ttl_and_keeps_a_bounded_memory(monkeypatch):
    from portal.web import page_cache

    now = [0.0]
    cache = page_cache.PageCache(ttl=10, max_bytes=1 << 20, clock=lambda: now[0])
    key = ("/search", "q=a", "standard", (0, 0))
    assert not cache.admitted(key)
    now[0] = 5.0
    assert cache.admitted(key)  # asked again within the TTL
    other = ("/search", "q=b", "standard", (0, 0))
    assert not cache.admitted(other)
    now[0] = 16.0
    assert not cache.admitted(other)  # 11 s later: as if asked for the first time
    monkeypatch.setattr(page_cache, "MAX_ASKED", 3)
    for n in range(10):
        cache.admitted(("/search", f"q={n}", "standard", (0, 0)))
    assert len(cache._asked) == 3


_LETTERS = "营商环境诉讼证据aAbB "


@given(
    text=st.text(alphabet=_LETTERS, max_size=200),
    words=st.lists(st.text(alphabet=_LETTERS.strip(), min_size=1, max_size=4), max_size=4),
)
def test_a_snippet_marks_what_a_pattern_of_the_words_would(text: str, words: list[str]):
    """The words are found by plain scanning (no pattern compiled per query): the marked runs are
    exactly those of a case-insensitive alternation of the words, longest first."""
    words = sorted({w.lower() for w in words}, key=len, reverse=True)
    runs = search.snippet(text, words)
    shown = "".join(run for run, _ in runs).strip("…")
    assert shown in text
    if words:
        pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
        assert [run for run, marked in runs if marked] == [m.group(0) for m in pattern.finditer(shown)]
