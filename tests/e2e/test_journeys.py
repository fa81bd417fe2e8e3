"""The four journeys of issue 12, each on a desktop, a phone (375×812) and a phone in large-text mode.

The first three journeys are one story per variant, on a draft of its own: a citizen comments on an
article and keeps the receipt; the liaison point the comment was routed to acknowledges it and records a
meeting; a legislator works through the digest, sets outcomes, exports the table and publishes the
feedback report; then the citizen looks the receipt up and reads the outcome. Tests run in file order
(pytest keeps definition order), and a later chapter names the one it needs when that one did not run.
The hearing journey stands alone: an organizer schedules a hearing, the citizen registers, the
organizer draws, the citizen reads the result.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.browser import (
    VARIANTS,
    Browsing,
    Shot,
    Variant,
    close_registration_early,
    flash,
    schedule_hearing,
)

MINUTES_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
POINT_NAME = "北京街道基层立法联系点"  # the demo liaison user's point (GZ-YX-01)


@dataclass
class Story:
    draft_title: str
    token: str = field(default_factory=lambda: secrets.token_hex(3).upper())
    draft_id: int = 0
    article_key: str = ""
    article_label: str = ""
    receipt: str = ""
    published: bool = False

    @property
    def body(self) -> str:
        # The token first: staff lists cut a comment to its first 50 characters.
        return f"【{self.token}】建议本条明确办理时限，超过时限未答复的，应当向申请人书面说明理由。"


# Each variant works on a different open demo draft, because the story ends by closing it.
STORIES = {
    "desktop": Story("广州市流溪河流域保护条例（修正草案）"),
    "phone": Story("广东省优化营商环境条例（草案）"),
    "phone-large-text": Story("广州市关于规范电动自行车停放充电管理的通知（征求意见稿）"),
}

by_variant = pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])


def story_after(variant: Variant, chapter: str, done: bool) -> Story:
    story = STORIES[variant.name]
    if not done:
        pytest.fail(f"this chapter needs {chapter}[{variant.name}] to have passed first")
    return story


# --- 1. the citizen comments --------------------------------------------------------------------------


@by_variant
def test_a_citizen_finds_an_open_draft_comments_on_an_article_and_gets_a_receipt(
    variant: Variant, browsing: Browsing, shot: Shot
) -> None:
    story = STORIES[variant.name]
    page = browsing.open(variant)
    page.goto("/")
    expect(page.get_by_role("heading", name="正在征求意见")).to_be_visible()
    shot(page, "home")

    page.get_by_role("link", name=story.draft_title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(story.draft_title)
    story.draft_id = int(re.search(r"/drafts/(\d+)", page.url).group(1))  # type: ignore[union-attr]
    shot(page, "reader")

    article = page.locator("article.provision").nth(1)
    article.scroll_into_view_if_needed()
    expect(article).to_be_visible()
    button = article.get_by_role("link", name=re.compile(r"^对.+发表意见$"))
    story.article_label = button.inner_text().removeprefix("对").removesuffix("发表意见")
    story.article_key = (button.get_attribute("href") or "").rpartition("article=")[2]
    shot(page, "article")
    button.click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(f"对{story.article_label}")
    page.get_by_label("修改建议", exact=True).check()
    page.get_by_label(re.compile(r"^意见内容")).fill(story.body)
    page.get_by_label("所在区").select_option(label="越秀区")
    page.get_by_label("交由哪个基层立法联系点跟进").select_option(label=POINT_NAME)
    shot(page, "form-filled")
    page.get_by_role("button", name="提交意见").click()

    expect(page).to_have_url(re.compile(r"/receipt\?code="))
    assert "您的意见已提交" in flash(page)
    story.receipt = page.locator(".receipt-code").inner_text().strip()
    assert re.fullmatch(r"GZ-[0-9A-Z]{4}-[0-9A-Z]{4}", story.receipt), story.receipt
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text(story.draft_title)
    expect(facts).to_contain_text(story.article_label)
    expect(facts).to_contain_text(POINT_NAME)
    expect(page.locator(".comment-body")).to_have_text(story.body)
    shot(page, "receipt")


# --- 2. the liaison point ---------------------------------------------------------------------------


@by_variant
def test_a_liaison_worker_acknowledges_the_routed_comment_and_records_a_meeting(
    variant: Variant, browsing: Browsing, shot: Shot
) -> None:
    story = story_after(variant, "test_a_citizen_finds_an_open_draft…", bool(STORIES[variant.name].receipt))
    page = browsing.staff("liaison", variant)
    shot(page, "dashboard")
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="收件箱").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(POINT_NAME)

    row = page.locator("tr", has_text=story.token)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("已收到")
    row.get_by_role("checkbox", name=f"选择意见 {story.receipt}").check()
    shot(page, "inbox")
    page.get_by_role("button", name="签收", exact=True).click()
    assert "已处理 1 条意见" in flash(page)
    expect(page.locator("tr", has_text=story.token)).to_contain_text("联系点已签收")
    shot(page, "acknowledged")

    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="会议记录").click()
    page.get_by_role("link", name="新建会议记录").click()
    page.get_by_label(story.draft_title).check()
    page.get_by_label("形式").select_option(label="座谈会")
    page.get_by_label("地点").fill("北京街道党群服务中心二楼会议室")
    page.get_by_label("参会人数").fill("12")
    page.get_by_label(re.compile(r"^人员构成")).fill("居民 8，企业 2，人大代表 2")
    page.get_by_role("textbox", name="会议纪要").fill(f"{story.token} 座谈会纪要：与会人员逐条讨论了草案。")
    page.get_by_role("group", name="会议材料").get_by_label("会议纪要").set_input_files(
        {"name": "座谈会纪要.pdf", "mimeType": "application/pdf", "buffer": MINUTES_PDF}
    )
    opinions = [
        ("support", "居民", f"{story.token} 赞成本条，希望尽快施行。"),
        ("amend", "企业代表", f"{story.token} 建议本条增加对企业的告知程序。"),
    ]
    for i, (stance, category, text) in enumerate(opinions, start=1):
        page.locator(f"#op{i}-unit").select_option(f"{story.draft_id}:{story.article_key}")
        page.locator(f"#op{i}-stance").select_option(stance)
        page.locator(f"#op{i}-category").select_option(label=category)
        page.locator(f"#op{i}-body").fill(text)
    shot(page, "meeting-form")
    page.get_by_role("button", name="保存会议记录").click()

    expect(page).to_have_url(re.compile(r"/staff/meetings/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("座谈会")
    expect(page.locator("main")).to_contain_text("座谈会纪要.pdf")
    expect(page.get_by_role("heading", name="会上收集的意见（2 条）")).to_be_visible()
    for _, _, text in opinions:
        expect(page.locator("table", has_text=text)).to_be_visible()
    shot(page, "meeting")


# --- 3. the legislator ------------------------------------------------------------------------------


@by_variant
def test_a_legislator_sets_outcomes_from_the_digest_exports_and_publishes_the_feedback_report(
    variant: Variant, browsing: Browsing, shot: Shot, artifacts: Path
) -> None:
    story = story_after(variant, "test_a_citizen_finds_an_open_draft…", bool(STORIES[variant.name].receipt))
    page = browsing.staff("legislator", variant)
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="草案管理").click()
    page.get_by_role("link", name=story.draft_title).first.click()
    page.get_by_role("link", name="意见汇总").click()
    # The first visit starts the digest in the background; the page fills itself in when it is done.
    expect(page.get_by_role("list", name="主要数字")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("heading", name="逐条分布")).to_be_visible()
    shot(page, "digest")

    # Drill into the article the citizen commented on and decide that comment.
    heat = page.locator("table.heat-table")
    heat.get_by_role("link", name=re.compile("^" + re.escape(story.article_label))).first.click()
    expect(page).to_have_url(re.compile(rf"article={re.escape(story.article_key)}"))
    page.get_by_role("checkbox", name=f"选择意见 {story.receipt}").check()
    page.get_by_label("处理结果", exact=True).last.select_option(label="采纳")
    page.get_by_label(re.compile(r"^理由")).fill("已在修改稿中明确办理时限。")
    shot(page, "article-comments")
    page.get_by_role("button", name="设定处理结果").click()
    assert "已为 1 条意见设定处理结果" in flash(page)
    mine = page.locator("tr", has=page.get_by_role("checkbox", name=f"选择意见 {story.receipt}"))
    expect(mine.locator("td").last).to_have_text("采纳")

    # An outcome for a whole form-letter group, from the digest.
    page.get_by_role("link", name="查看意见汇总").click()
    cluster = page.locator("li.cluster").first
    cluster.scroll_into_view_if_needed()
    size = int(re.search(r"(\d+) 人", cluster.inner_text()).group(1))  # type: ignore[union-attr]
    cluster.get_by_label("结果").select_option(label="部分采纳")
    cluster.get_by_label("理由").fill("已部分吸收，具体标准在配套文件中规定。")
    shot(page, "cluster")
    cluster.get_by_role("button", name=re.compile(r"^适用于这")).click()
    assert f"已为 {size} 条意见设定“部分采纳”" in flash(page)

    # The opinions table as a spreadsheet.
    with page.expect_download() as pending:
        page.get_by_role("link", name="导出意见汇总表（.xlsx，不含联系方式）").click()
    download = pending.value
    assert download.suggested_filename == f"{story.draft_title}-意见汇总表.xlsx"
    saved = artifacts / f"opinions-{variant.name}.xlsx"
    download.save_as(saved)
    book = load_workbook(saved, read_only=True)
    assert book.sheetnames == ["意见汇总表", "说明"]  # 说明: when the data was read, in Beijing time
    assert any("北京时间" in str(c) for r in book["说明"].iter_rows(values_only=True) for c in r)
    rows = [list(r) for r in book["意见汇总表"].iter_rows(values_only=True)]
    assert rows[0][:3] == ["序号", "条款", "意见内容"]
    mine = [r for r in rows if r[2] == story.body]
    assert len(mine) == 1 and mine[0][8] == "采纳", mine
    assert sum(1 for r in rows if str(r[2]).startswith(story.token)) == 2  # the meeting's opinions
    assert any(r[8] == "部分采纳" and (r[7] or 0) == size for r in rows[1:])
    book.close()

    # End the consultation and publish what was adopted and why.
    page.get_by_role("link", name=story.draft_title).first.click()
    # Its window has weeks to run: ending it now goes through the confirmation, with a public reason.
    page.get_by_role("link", name="结束征求意见", exact=True).click()
    page.get_by_label(re.compile(r"^提前结束的理由")).fill("意见已充分收集，提前结束以便尽快提请审议。")
    page.get_by_role("button", name="确认提前结束征求意见").click()
    assert "已提前结束征求意见" in flash(page)
    page.get_by_role("link", name="意见采纳情况说明").first.click()
    summary = f"本次征求意见共收到公众意见，经逐条研究，已采纳合理意见。（{story.token}）"
    page.get_by_label("总体说明（公开）").fill(summary)
    shot(page, "feedback-form")
    page.get_by_role("button", name="公布意见采纳情况说明").click()
    expect(page).to_have_url(re.compile(rf"/drafts/{story.draft_id}/feedback$"))  # the public page
    assert "意见采纳情况说明已公布" in flash(page)
    expect(page.locator("main")).to_contain_text(summary)
    story.published = True
    shot(page, "feedback-public")


# --- 1 (end). the citizen reads the outcome ----------------------------------------------------------


@by_variant
def test_the_citizen_looks_the_receipt_up_and_sees_the_outcome(
    variant: Variant, browsing: Browsing, shot: Shot
) -> None:
    story = story_after(variant, "test_a_legislator_sets_outcomes…", STORIES[variant.name].published)
    page = browsing.open(variant)
    page.goto("/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="回执查询").click()
    page.get_by_label("回执码").fill(story.receipt.lower())  # as typed on a phone
    shot(page, "lookup")
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("heading", name=re.compile("回执码"))).to_contain_text(story.receipt)
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("处理结果")
    expect(facts).to_contain_text("采纳：已在修改稿中明确办理时限。")
    expect(facts).to_contain_text("已作出处理")
    expect(facts.get_by_role("link", name="查看意见采纳情况说明")).to_be_visible()
    shot(page, "outcome")


# --- 4. the hearing ---------------------------------------------------------------------------------


@by_variant
def test_a_citizen_registers_for_a_hearing_and_sees_the_draw(
    variant: Variant, browsing: Browsing, shot: Shot
) -> None:
    token = secrets.token_hex(3).upper()
    title = f"城市停车管理听证会（{variant.name} {token}）"
    organizer = browsing.staff("organizer")
    manage_url = schedule_hearing(organizer, title)

    page = browsing.open(variant)
    page.goto("/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="听证会").click()
    shot(page, "hearings")
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    form = page.locator("form[action$='/register']")
    form.get_by_label("陈述人", exact=True).check()
    form.get_by_label("类别", exact=True).select_option("市民代表")
    form.get_by_label("姓名", exact=True).fill("陈晓明")
    form.get_by_label(re.compile(r"^联系电话")).fill(f"139{secrets.randbelow(10**8):08d}")
    form.get_by_label(re.compile(r"^所在区")).select_option("越秀")
    form.get_by_label("反对", exact=True).check()
    form.get_by_label(re.compile(r"^陈述人填写：拟陈述")).fill("收费标准上调幅度过大，建议分步实施。")
    form.get_by_label(re.compile(r"我知悉报名信息")).check()
    shot(page, "registration-form")
    form.get_by_role("button", name="提交报名").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("报名已提交")
    expect(page.locator("main")).to_contain_text("已报名，等待遴选")
    code = page.locator(".receipt-code").inner_text().strip()
    assert code
    shot(page, "registered")

    organizer.goto(manage_url)
    # The draw runs once registration has ended: here it is closed early, with its public reason.
    close_registration_early(organizer, "报名人数已超过名额，提前截止报名。")
    organizer.get_by_role("button", name="进行遴选").click()
    expect(organizer.locator("main")).to_contain_text("已确定参加人")

    page.get_by_role("link", name="查看报名状态").click()
    expect(page.get_by_label("报名码")).to_have_value(code)
    status = page.get_by_role("region", name="报名状态")
    expect(status).to_contain_text("入选")
    expect(status).to_contain_text("陈述人（市民代表）")
    shot(page, "status")
    status.get_by_role("link", name=title).click()
    results = page.get_by_role("region", name="陈述人遴选结果")
    expect(results.locator("tbody tr")).to_have_count(1)
    expect(results).to_contain_text("越秀")
    shot(page, "results")
