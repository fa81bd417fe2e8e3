"""An article keeps its identity across versions: renumbered, edited, moved, removed or added."""

from __future__ import annotations

from portal.models import DraftVersion, Provision
from portal.services import drafts
from portal.services.drafting.compare import Unit, compare
from tests.conftest import SMALL_LAW, publish_text

A = "市人民政府应当加强对城市绿化工作的领导。"
B = "任何单位和个人都有保护城市绿化的义务。"
C = "市绿化行政主管部门负责全市城市绿化工作。"
D = "违反本条例规定的，由绿化行政主管部门责令改正。"


def units(*texts: str) -> list[Unit]:
    return [Unit(f"tiao-{i}", f"第{i}条", i, 0, t, lineage=f"L{i}") for i, t in enumerate(texts, start=1)]


def test_an_inserted_article_shifts_the_others_without_losing_them():
    result = compare(units(A, B, C), units(A, "新增：鼓励社会力量参与绿化。", B, C))
    statuses = [
        (r.status, r.old.label if r.old else None, r.new.label if r.new else None) for r in result.rows
    ]
    assert statuses == [
        ("unchanged", "第1条", "第1条"),
        ("added", None, "第2条"),
        ("unchanged", "第2条", "第3条"),
        ("unchanged", "第3条", "第4条"),
    ]
    assert result.renumbered == 2


def test_an_edited_article_is_changed_with_an_inline_diff():
    result = compare(units(A, B), units(A, B.replace("都有", "均负有")))
    row = result.rows[1]
    assert row.status == "changed"
    assert row.diff == (
        ("equal", "任何单位和个人"),
        ("delete", "都"),
        ("insert", "均负"),
        ("equal", "有保护城市绿化的义务。"),
    )


def test_a_removed_article_is_listed_where_it_was():
    result = compare(units(A, B, C), units(A, C))
    assert [r.status for r in result.rows] == ["unchanged", "removed", "unchanged"]
    assert result.rows[1].old is not None and result.rows[1].old.text == B


def test_a_moved_article_is_found_elsewhere():
    result = compare(units(A, B, C, D), units(A, C, D, B))
    moved = [r for r in result.rows if r.status == "moved"]
    assert len(moved) == 1 and moved[0].old is not None and moved[0].old.text == B


async def test_lineage_follows_the_article_into_the_next_version(db):
    draft = await publish_text()
    inserted = (
        SMALL_LAW.replace(
            "第三条 任何单位和个人不得擅自砍伐树木。",
            "第三条 市和区人民政府应当将城市绿化纳入发展规划。\n\n第四条 任何单位和个人不得擅自砍伐树木。",
        )
        .replace("第四条 市绿化", "第五条 市绿化")
        .replace("第五条 本条例自", "第六条 本条例自")
    )
    v2 = await drafts.add_version(draft, inserted, label="二稿", actor=None)
    v1 = await DraftVersion.get(draft=draft, number=1)
    old = {p.key: p.lineage for p in await Provision.filter(version=v1).exclude(key="")}
    new = {p.key: p.lineage for p in await Provision.filter(version=v2).exclude(key="")}
    assert new["tiao-4"] == old["tiao-3"]  # 不得擅自砍伐树木 moved from 3 to 4
    assert new["tiao-6"] == old["tiao-5"]
    assert new["tiao-3"] not in old.values()  # the inserted article starts a lineage of its own
