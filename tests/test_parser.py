"""Tests for the legal-text parser: exact counts on the real corpus, plus one small text per known trap."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from portal.services.drafting.numerals import cn_to_int, int_to_cn
from portal.services.drafting.parser import ParsedDocument, Provision, parse

# A copy of the shared corpus ships with the package (it also feeds the demo drafts).
CORPUS = Path(__file__).resolve().parents[1] / "portal" / "corpus"
CORPUS_FILES = sorted(p.stem for p in CORPUS.glob("*.md") if p.stem != "INDEX")
_EXPECTED_FILES = [
    "fanfenlie-guojia-fa-2005",
    "guangdong-youhua-yingshang-huanjing-tiaoli-2022",
    "guangzhou-cishan-cujin-tiaoli-2021",
    "guangzhou-liuxihe-liuyu-baohu-tiaoli-2021",
    "guangzhou-youeryuan-tiaoli-2021",
    "guizhang-zhiding-chengxu-tiaoli-2017",
    "guoqi-fa-2020",
    "lifafa-2023",
    "minshi-susong-fa-2023",
    "xingzheng-fagui-zhiding-chengxu-tiaoli-2017",
    "xingzheng-fuyi-fa-2023",
    "zhongda-xingzheng-juece-chengxu-zanxing-tiaoli-2019",
]


def test_the_whole_corpus_is_present() -> None:
    assert _EXPECTED_FILES == CORPUS_FILES
    assert all((CORPUS / "truth" / f"{name}.json").is_file() for name in CORPUS_FILES)


# --- helpers ----------------------------------------------------------------------------------------


def of_level(doc: ParsedDocument | Provision, level: str) -> list[Provision]:
    return [p for p in doc.walk() if p.level == level]


def labels(provisions: list[Provision]) -> list[str]:
    return [p.label for p in provisions]


def kuan_count(unit: Provision) -> int:
    return len(of_level(unit, "kuan"))


def xiang_count(unit: Provision) -> int:
    return len(of_level(unit, "xiang"))


def corpus_text(name: str) -> str:
    return (CORPUS / f"{name}.md").read_text(encoding="utf-8")


@cache
def corpus_case(name: str) -> tuple[ParsedDocument, dict[str, Any]]:
    doc = parse(corpus_text(name))
    truth = json.loads((CORPUS / "truth" / f"{name}.json").read_text(encoding="utf-8"))
    return doc, truth


def as_plain_text(markdown: str, separator: str) -> str:
    """The corpus as a drafting office would paste it: no header marker, no `#`, no blank lines."""
    lines = []
    for line in markdown.splitlines():
        if not line.strip() or line.strip() == "<!-- INFO END -->":
            continue
        line = re.sub(r"^#+ ", "", line)
        lines.append(re.sub(r"^(第\S+?条) ", lambda m: m.group(1) + separator, line))
    return "\n".join(lines)


# --- the corpus --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_it_counts_every_corpus_law_exactly(name: str) -> None:
    doc, truth = corpus_case(name)
    counts = doc.counts()
    assert {key: counts[key] for key in truth["counts"]} == truth["counts"]


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_it_numbers_corpus_articles_from_one_without_gaps(name: str) -> None:
    doc, truth = corpus_case(name)
    articles = doc.units()
    assert [a.number for a in articles] == list(range(1, truth["last_article"] + 1))
    assert all(a.level == "tiao" and a.sub == 0 for a in articles)
    assert doc.warnings == []


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_it_matches_kuan_and_xiang_of_every_corpus_article(name: str) -> None:
    doc, truth = corpus_case(name)
    found = [(a.number, a.line, kuan_count(a), xiang_count(a)) for a in doc.units()]
    expected = [(a["num"], a["line"], a["kuan"], a["xiang"]) for a in truth["articles"]]
    assert found == expected


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_it_matches_bian_zhang_jie_headings_and_article_ranges(name: str) -> None:
    doc, truth = corpus_case(name)
    for level in ("bian", "zhang", "jie"):
        found = []
        for heading in of_level(doc, level):
            numbers = [a.number for a in of_level(heading, "tiao")]
            found.append((heading.number, heading.label + heading.heading, heading.line, numbers))
        expected = [
            (
                h["num"],
                re.sub(r"\s", "", h["heading"]),
                h["line"],
                list(range(h["first_article"], h["last_article"] + 1)),
            )
            for h in truth[level]
        ]
        assert found == expected, level


@pytest.mark.parametrize("separator", [" ", "\u3000", ""], ids=["ascii-space", "full-width-space", "none"])
@pytest.mark.parametrize("name", CORPUS_FILES)
def test_it_reads_the_corpus_pasted_as_plain_text(name: str, separator: str) -> None:
    markdown_doc, truth = corpus_case(name)
    doc = parse(as_plain_text(corpus_text(name), separator))
    assert doc.title == markdown_doc.title
    counts = doc.counts()
    assert {key: counts[key] for key in truth["counts"]} == truth["counts"]
    found = [(a.number, kuan_count(a), xiang_count(a)) for a in doc.units()]
    assert found == [(a["num"], a["kuan"], a["xiang"]) for a in truth["articles"]]


def test_it_keeps_the_guoqi_attachment_out_of_the_last_article() -> None:
    doc, _ = corpus_case("guoqi-fa-2020")
    last = doc.units()[-1]
    assert last.label == "第二十四条"
    assert last.text == "本法自1990年10月1日起施行。"
    assert len(doc.attachments) == 1
    assert doc.attachments[0].startswith("附：\n国旗制法说明")
    assert "甲、长288公分，高192公分。" in doc.attachments[0]


def test_it_keeps_the_wrapped_line_of_guoqi_article_five_in_item_two() -> None:
    doc, _ = corpus_case("guoqi-fa-2020")
    article = doc.units()[4]
    assert (kuan_count(article), xiang_count(article)) == (1, 4)
    item = of_level(article, "xiang")[1]
    assert item.text.endswith("最高人民检察院；\n中国人民政治协商会议全国委员会；")


# --- traps, one small text each ----------------------------------------------------------------------


def test_it_reads_headings_with_or_without_markdown_and_inner_spaces() -> None:
    doc = parse(
        "第一章　总　　则\n第一条 甲。\n"
        "## 第二章 监督 管理\n第二条 乙。\n"
        "### 第三章法律责任\n第三条 丙。\n"
        "第四章\u3000附 则\n第四条 丁。\n"
    )
    chapters = of_level(doc, "zhang")
    assert [(c.label, c.heading) for c in chapters] == [
        ("第一章", "总则"),
        ("第二章", "监督管理"),
        ("第三章", "法律责任"),
        ("第四章", "附则"),
    ]
    assert [a.path for a in doc.units()] == [
        "第一章/第一条",
        "第二章/第二条",
        "第三章/第三条",
        "第四章/第四条",
    ]


def test_it_takes_a_chapter_title_from_the_next_line_when_the_number_stands_alone() -> None:
    doc = parse("第一章\n总　则\n第一条 为了测试，制定本法。\n")
    assert [(c.label, c.heading) for c in of_level(doc, "zhang")] == [("第一章", "总则")]
    assert doc.counts()["款"] == 1


def test_it_ignores_table_of_contents() -> None:
    doc = parse(
        "某市物业管理条例\n"
        "目　　录\n"
        "第一章　总　　则\n"
        "第二章　业主大会\n"
        "　第一节　一般规定\n"
        "　第二节　业主委员会\n"
        "第三章　附　　则\n"
        "\n"
        "第一章　总　　则\n"
        "第一条　为了规范物业管理活动，制定本条例。\n"
        "第二章　业主大会\n"
        "第一节　一般规定\n"
        "第二条　业主大会由全体业主组成。\n"
        "第二节　业主委员会\n"
        "第三条　业主委员会是业主大会的执行机构。\n"
        "第三章　附　　则\n"
        "第四条　本条例自2025年1月1日起施行。\n"
    )
    assert doc.title == "某市物业管理条例"
    assert {k: doc.counts()[k] for k in ("章", "节", "条")} == {"章": 3, "节": 2, "条": 4}
    assert of_level(doc, "zhang")[0].line == 9
    assert doc.preamble == ""
    assert doc.warnings == []


def test_it_ends_a_table_of_contents_at_the_first_article() -> None:
    doc = parse(
        "目录\n第一章 总则\n第二章 附则\n第一条 为了测试，制定本法。\n第二条 本法自公布之日起施行。\n"
    )
    assert doc.counts()["章"] == 0
    assert labels(doc.units()) == ["第一条", "第二条"]


def test_it_accepts_article_labels_followed_by_space_full_width_space_or_text() -> None:
    doc = parse("第一条 为了甲，制定本法。\n第二条\u3000本法所称乙。\n第三条丙应当遵守本法。\n")
    assert [(a.number, a.text) for a in doc.units()] == [
        (1, "为了甲，制定本法。"),
        (2, "本法所称乙。"),
        (3, "丙应当遵守本法。"),
    ]


def test_it_reads_three_digit_article_numbers() -> None:
    doc = parse("第九十九条 甲。\n第一百条 乙。\n第一百零一条 丙。\n第一百一十条 丁。\n")
    assert [a.number for a in doc.units()] == [99, 100, 101, 110]
    assert doc.warnings == ["第一百零一条之后缺少第一百零二条至第一百零九条"]


def test_it_tolerates_a_stray_space_between_number_and_tiao() -> None:
    doc = parse("第一百二十七条 甲。\n第一百二十八 条 乙。\n")
    assert [(a.label, a.number, a.text) for a in doc.units()] == [
        ("第一百二十七条", 127, "甲。"),
        ("第一百二十八条", 128, "乙。"),
    ]


def test_it_treats_inserted_articles_as_following_their_base_article() -> None:
    doc = parse("第十五条 甲。\n第十五条之一 乙。\n第十五条之二 丙。\n第十六条 丁。\n")
    assert [(a.label, a.number, a.sub) for a in doc.units()] == [
        ("第十五条", 15, 0),
        ("第十五条之一", 15, 1),
        ("第十五条之二", 15, 2),
        ("第十六条", 16, 0),
    ]
    assert doc.warnings == []


def test_it_keeps_references_at_the_start_of_a_paragraph_as_text() -> None:
    doc = parse(
        "第二十九条 当事人可以申请复议。\n"
        "第三十条 依照本法第十条的规定处理。\n"
        "第十二条规定的期限届满后，不得再申请。\n"
        "第十二条第一款所列事项除外。\n"
        "第三十一条 本法自公布之日起施行。\n"
    )
    assert labels(doc.units()) == ["第二十九条", "第三十条", "第三十一条"]
    article = doc.units()[1]
    assert kuan_count(article) == 3
    assert of_level(article, "kuan")[1].text == "第十二条规定的期限届满后，不得再申请。"
    assert doc.warnings == []


def test_it_accepts_a_fragment_that_does_not_start_at_article_one() -> None:
    doc = parse("第二十九条 甲。\n第三十条 乙。\n")
    assert [a.number for a in doc.units()] == [29, 30]
    assert doc.warnings == []


def test_it_reports_gaps_and_duplicates_in_article_numbering() -> None:
    doc = parse("第一条 甲。\n第二条 乙。\n第二条 乙。\n第五条 丙。\n")
    assert [a.number for a in doc.units()] == [1, 2, 2, 5]
    assert doc.warnings == ["第二条重复出现（第3行）", "第二条之后缺少第三条至第四条"]


def test_it_flags_an_out_of_sequence_label_without_space_but_keeps_it_as_text() -> None:
    doc = parse("第一条 甲。\n第三条乙。\n")
    assert labels(doc.units()) == ["第一条"]
    assert doc.units()[0].text == "甲。\n第三条乙。"
    assert doc.warnings == ["第2行以“第三条”开头，但不符合条文顺序，按正文处理"]


def test_it_reports_missing_chapters() -> None:
    doc = parse("第一章 总则\n第一条 甲。\n第三章 附则\n第二条 乙。\n")
    assert doc.warnings == ["第一章之后缺少第二章"]


def test_it_restarts_jie_in_each_zhang_and_lets_zhang_run_across_bian() -> None:
    doc = parse(
        "第一编 总则\n第一章 任务\n第一节 甲\n第一条 一。\n第二节 乙\n第二条 二。\n"
        "第二章 管辖\n第一节 丙\n第三条 三。\n"
        "第二编 分则\n第三章 程序\n第四条 四。\n"
    )
    assert doc.warnings == []
    assert [a.path for a in doc.units()] == [
        "第一编/第一章/第一节/第一条",
        "第一编/第一章/第二节/第二条",
        "第一编/第二章/第一节/第三条",
        "第二编/第三章/第四条",
    ]


def test_it_reads_items_with_full_width_and_ascii_brackets() -> None:
    doc = parse("第一条 下列事项由市政府决定：\n（一）规划；\n(二) 预算；\n(三)人事。\n")
    items = of_level(doc, "xiang")
    assert [(i.label, i.number, i.text) for i in items] == [
        ("（一）", 1, "规划；"),
        ("(二)", 2, "预算；"),
        ("(三)", 3, "人事。"),
    ]
    assert items[0].path == "第一条/第一款/（一）"


def test_it_nests_sub_items_under_their_item() -> None:
    doc = parse("第一条 包括：\n（一）文件：\n1.通知；\n2．决定；\n3、批复；\n（二）其他材料。\n")
    article = doc.units()[0]
    assert (kuan_count(article), xiang_count(article)) == (1, 2)
    first_item = of_level(article, "xiang")[0]
    assert [(m.label, m.number, m.text) for m in first_item.children] == [
        ("1.", 1, "通知；"),
        ("2．", 2, "决定；"),
        ("3、", 3, "批复；"),
    ]
    assert doc.counts()["目"] == 3


def test_it_keeps_a_decimal_or_a_sub_item_outside_an_item_as_a_paragraph() -> None:
    doc = parse("第一条 高度如下：\n1.5米以上的围墙应当加固。\n")
    assert doc.counts()["目"] == 0
    assert kuan_count(doc.units()[0]) == 2


def test_it_keeps_a_wrapped_item_line_in_its_item() -> None:
    # 国旗法 第五条: an item ending with ； is followed by a plain line that belongs to it.
    doc = parse(
        "第五条 下列机构所在地应当每日升挂国旗：\n\n（一）全国人大常委会；\n\n"
        "（二）国务院，最高人民法院；\n\n中国人民政治协商会议全国委员会；\n\n（三）外交部。\n"
    )
    article = doc.units()[0]
    assert (kuan_count(article), xiang_count(article)) == (1, 3)
    assert of_level(article, "xiang")[1].text == "国务院，最高人民法院；\n中国人民政治协商会议全国委员会；"


def test_it_starts_a_new_kuan_after_an_item_that_ends_a_sentence() -> None:
    doc = parse("第一条 有下列情形之一的，中止审理：\n（一）甲；\n（二）乙。\n中止的原因消除后，恢复审理。\n")
    article = doc.units()[0]
    assert [k.text for k in of_level(article, "kuan")] == [
        "有下列情形之一的，中止审理：",
        "中止的原因消除后，恢复审理。",
    ]
    assert xiang_count(article) == 2


def test_it_joins_hard_wrapped_lines_of_a_paragraph() -> None:
    doc = parse("第一条 为了规范本市物业管理活动，维护业主的合法权益，\n根据有关法律，制定本条例。\n")
    article = doc.units()[0]
    assert kuan_count(article) == 1
    assert article.text == "为了规范本市物业管理活动，维护业主的合法权益，根据有关法律，制定本条例。"


def test_it_reads_paragraphs_with_or_without_blank_lines() -> None:
    text = "第一条 甲。\n乙。\n第二条 丙：\n（一）丁；\n（二）戊。\n"
    spaced = parse(text.replace("\n", "\n\n"))
    windows = parse(text.replace("\n", "\r\n"))
    dense = parse(text)
    expected = {"编": 0, "章": 0, "节": 0, "条": 2, "款": 3, "项": 2, "目": 0}
    assert dense.counts() == spaced.counts() == windows.counts() == expected


def test_it_treats_lines_of_only_invisible_characters_as_blank() -> None:
    doc = parse("\ufeff第一条 甲。\n\u200b\n第二条 乙。\n\u3000\u3000\n\ufeff\n丙。\n")
    assert [kuan_count(a) for a in doc.units()] == [1, 2]
    assert doc.units()[1].text == "乙。\n丙。"


def test_it_puts_an_attachment_after_the_last_article_outside_any_article() -> None:
    doc = parse(
        "第一条 甲。\n第二条 本办法自公布之日起施行。\n"
        "附件1\n申请表\n（一）申请人姓名\n附件2：承诺书\n第一条 本人承诺。\n"
    )
    assert labels(doc.units()) == ["第一条", "第二条"]
    assert doc.units()[-1].text == "本办法自公布之日起施行。"
    assert doc.attachments == ["附件1\n申请表\n（一）申请人姓名", "附件2：承诺书\n第一条 本人承诺。"]
    assert doc.counts()["项"] == 0


def test_it_does_not_take_a_sentence_starting_with_fu_for_an_attachment() -> None:
    doc = parse("第一条 甲。\n附近居民可以提出意见。\n附则另行规定。\n")
    assert doc.attachments == []
    assert kuan_count(doc.units()[0]) == 3


def test_it_splits_a_normative_document_into_numbered_sections() -> None:
    doc = parse(
        "关于加强社区治理的通知\n"
        "各区人民政府，市政府各部门：\n"
        "现就有关事项通知如下：\n"
        "一、总体要求\n"
        "坚持党建引领，推进社区治理现代化。\n"
        "二、主要任务\n"
        "（一）完善机制。各区要建立议事协商机制。\n"
        "（二）强化保障：\n"
        "1.经费保障；\n"
        "2.人员保障。\n"
        "三、工作要求。各区要高度重视，抓好落实。\n"
    )
    sections = doc.units()
    assert [(s.level, s.label, s.number, s.heading) for s in sections] == [
        ("section", "一、", 1, "总体要求"),
        ("section", "二、", 2, "主要任务"),
        ("section", "三、", 3, ""),
    ]
    assert doc.preamble == "各区人民政府，市政府各部门：\n现就有关事项通知如下："
    assert xiang_count(sections[1]) == 2
    assert len(of_level(sections[1], "mu")) == 2
    assert sections[2].text == "工作要求。各区要高度重视，抓好落实。"
    assert doc.to_dict()["units"] == 3


def test_it_ignores_section_numbers_out_of_sequence_or_inside_sentences() -> None:
    doc = parse(
        "一、总体要求\n一、二、三级网格全部覆盖。\n三、其他事项\n二、主要任务\n按照一、二、三的顺序推进。\n"
    )
    assert labels(doc.units()) == ["一、", "二、"]
    assert of_level(doc.units()[0], "kuan")[1].text == "三、其他事项"


def test_it_tells_a_heading_line_from_an_article_starting_with_a_chapter_reference() -> None:
    doc = parse(
        "第一章 总则\n第一条 甲。\n"
        "第三章规定的事项，由市政府另行规定。\n"
        "第三章第二节所列事项除外。\n"
        "第二章 法律责任\n第二条 乙。\n"
    )
    assert [c.label for c in of_level(doc, "zhang")] == ["第一章", "第二章"]
    assert kuan_count(doc.units()[0]) == 3
    assert doc.warnings == []


def test_it_reads_the_title_from_a_markdown_line_or_a_title_like_first_line() -> None:
    assert parse("# 某某条例\n\n第一条 甲。\n").title == "某某条例"
    assert parse("某某条例（草案）\n第一条 甲。\n").title == "某某条例（草案）"
    assert parse("第一条 为了测试，制定本法。\n").title == ""
    assert parse("本法所称甲，是指乙。\n第一条 丙。\n").title == ""


def test_it_skips_the_header_above_the_info_end_marker() -> None:
    doc = parse("# 某某法\n\n2020年1月1日 通过\n\n<!-- INFO END -->\n\n第一条 甲。\n")
    assert doc.title == "某某法"
    assert doc.preamble == ""
    assert doc.units()[0].line == 7


def test_it_keeps_plain_header_lines_as_preamble() -> None:
    doc = parse("某某法\n（2020年1月1日第十三届全国人民代表大会通过）\n第一条 甲。\n")
    assert doc.preamble == "（2020年1月1日第十三届全国人民代表大会通过）"


def test_it_warns_when_no_units_are_found() -> None:
    doc = parse("这是一段没有条文编号的说明。\n")
    assert doc.units() == []
    assert doc.warnings == ["未识别到条文（第X条）或编号段落（一、二、）"]


def test_it_serialises_to_json() -> None:
    doc = parse("# 某某法\n## 第一章 总则\n第一条 下列事项：\n（一）甲；\n（二）乙。\n附件：表格\n")
    data = json.loads(json.dumps(doc.to_dict(), ensure_ascii=False))
    assert set(data) >= {"title", "counts", "units", "provisions", "attachments", "warnings"}
    assert data["units"] == 1
    assert data["counts"]["项"] == 2
    article = data["provisions"][0]["children"][0]
    assert article["label"] == "第一条"
    assert article["path"] == "第一章/第一条"
    assert article["text"] == "下列事项：\n（一）甲；\n（二）乙。"
    assert data["attachments"] == ["附件：表格"]


# --- numerals ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百", 100),
        ("一百零一", 101),
        ("一百〇一", 101),
        ("一百一十", 110),
        ("两百", 200),
        ("一千零一十", 1010),
        ("九千九百九十九", 9999),
        ("二〇二三", 2023),
        ("15", 15),
    ],
)
def test_cn_to_int_reads_legal_numerals(text: str, number: int) -> None:
    assert cn_to_int(text) == number


@pytest.mark.parametrize(
    ("number", "text"), [(0, "零"), (10, "十"), (15, "十五"), (101, "一百零一"), (1010, "一千零一十")]
)
def test_int_to_cn_writes_the_legal_form(number: int, text: str) -> None:
    assert int_to_cn(number) == text


def test_numeral_conversion_round_trips_up_to_9999() -> None:
    assert all(cn_to_int(int_to_cn(n)) == n for n in range(10000))


@pytest.mark.parametrize("text", ["", "百", "十十", "一二十", "甲", "10000", "9" * 5000, "一二三四五"])
def test_cn_to_int_rejects_non_numerals(text: str) -> None:
    """Above 9999 too (ASCII or positional): no law has more articles, and a pasted run of digits
    never becomes a number no column holds."""
    with pytest.raises(ValueError):
        cn_to_int(text)


def test_labels_whose_numerals_make_no_number_are_plain_text() -> None:
    doc = parse("第一条 为了测试，制定本办法。\n（十十）不是一项。\n第" + "9" * 26 + "条 不是一条。")
    assert doc.counts()["条"] == 1 and doc.counts()["项"] == 0
    assert "（十十）不是一项。" in doc.units()[0].text


def test_the_parse_command_prints_the_structure_as_json(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "portal", "parse", str(CORPUS / "lifafa-2023.md")],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result = json.loads(done.stdout)
    truth = json.loads((CORPUS / "truth" / "lifafa-2023.json").read_text(encoding="utf-8"))
    assert {k: result["counts"][k] for k in truth["counts"]} == truth["counts"]
    assert result["units"] == 120
    assert result["title"].startswith("中华人民共和国立法法")
    missing = subprocess.run(
        [sys.executable, "-m", "portal", "parse", str(tmp_path / "none.txt")], capture_output=True, text=True
    )
    assert missing.returncode == 2
    assert "无法读取" in missing.stderr
