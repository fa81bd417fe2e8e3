"""Issue 25, item 2 in a browser: a legislator ends an open consultation before its announced close.
The button leads to a confirmation that shows what is cut and the legal minimum with its article;
without a reason nothing closes; with one, the public draft page and the feed tell what happened,
when and why.

The draft is imported and published here, through the staff pages, so no other journey's draft is
closed under it (the journeys of test_journeys.py each use an open demo draft)."""

from __future__ import annotations

import re
import secrets
from datetime import date, datetime, timedelta

from playwright.sync_api import expect

from portal.services.calendar import LOCAL_TZ
from tests.e2e.browser import Browsing, Shot, flash

RULE_TEXT = """第一条 为了加强城市道路占用、挖掘管理，保障城市道路完好和通行安全，制定本规定。

第二条 本规定适用于本市行政区域内城市道路的占用、挖掘及其监督管理。

第三条 因工程建设需要挖掘城市道路的，应当向市政设施主管部门申请许可，并按照批准的位置、面积和期限施工。

第四条 占用、挖掘城市道路期满的，应当及时清理现场、恢复原状。

第五条 本规定自公布之日起施行。
"""
REASON = "国务院有关部门已就同一事项公开征求意见，本规定须与之衔接后重新起草，本轮征求意见提前结束。"


def cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def test_a_legislator_ends_a_consultation_early_with_a_public_reason(browsing: Browsing, shot: Shot) -> None:
    token = secrets.token_hex(3).upper()
    title = f"广州市城市道路占用挖掘管理规定（草案 {token}）"
    today = datetime.now(LOCAL_TZ).date()
    planned = today + timedelta(days=40)

    # Import and publish a government rule with a 41-day window.
    staff = browsing.staff("legislator")
    staff.get_by_role("navigation", name="工作台导航").get_by_role("link", name="草案管理").click()
    staff.get_by_role("link", name="导入新草案").first.click()
    staff.get_by_label("草案标题").fill(title)
    staff.get_by_label("类别").select_option("government_rule")
    staff.get_by_label(re.compile(r"^起草单位")).fill("广州市住房和城乡建设局")
    staff.get_by_label("内容简介（公开显示）").fill("规范城市道路占用、挖掘的许可和管理。")
    staff.get_by_label("或粘贴草案全文").fill(RULE_TEXT)
    staff.get_by_role("button", name="导入并识别结构").click()
    assert "草案已导入" in flash(staff)
    staff.get_by_label("开始日期").fill(today.isoformat())
    staff.get_by_label("截止日期（含当日）").fill(planned.isoformat())
    staff.get_by_role("button", name="发布第 1 版").click()
    assert "已发布" in flash(staff)
    manage_url = staff.url
    draft_id = int(re.search(r"/staff/drafts/(\d+)", manage_url).group(1))  # type: ignore[union-attr]
    shot(staff, "published")

    # 结束征求意见 asks first: what is cut, the minimum and its article, and a reason.
    staff.get_by_role("link", name="结束征求意见", exact=True).click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("结束征求意见")
    main = staff.locator("main")
    expect(main).to_contain_text("（提前 40 日）")
    expect(main).to_contain_text("少于法定的不少于 30 日（《规章制定程序条例》第十五条）")
    shot(staff, "confirm")

    # Without a reason nothing closes.
    staff.get_by_role("button", name="确认提前结束征求意见").click()
    summary = staff.locator("#error-summary")
    expect(summary).to_contain_text("提前结束征求意见需要说明理由")
    expect(summary).to_contain_text(f"原定 {cn(planned)}截止，现在结束将提前 40 日。")
    expect(staff.get_by_label(re.compile(r"^提前结束的理由"))).to_have_attribute("aria-invalid", "true")
    shot(staff, "refused-without-reason")

    staff.get_by_label(re.compile(r"^提前结束的理由")).fill(REASON)
    staff.get_by_role("button", name="确认提前结束征求意见").click()
    assert "已提前结束征求意见" in flash(staff)
    expect(staff).to_have_url(re.compile(rf"/staff/drafts/{draft_id}$"))
    expect(staff.locator("dl.facts")).to_contain_text("征求意见提前结束")
    shot(staff, "closed")

    # The public page says it, with the dates and the reason, and takes no more comments.
    told = f"征求意见已于 {cn(today)} 提前结束（原定 {cn(planned)}截止），理由：{REASON}"
    visitor = browsing.open()
    visitor.goto(f"/drafts/{draft_id}")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
    notice = visitor.get_by_role("note").filter(has_text="征求意见提前结束")
    expect(notice).to_contain_text(told)
    expect(notice).to_contain_text("《规章制定程序条例》第十五条")
    expect(visitor.locator("dl.facts")).to_contain_text("征求意见已结束")
    expect(visitor.get_by_role("link", name="对草案整体发表意见")).to_have_count(0)
    shot(visitor, "public-draft")

    visitor.get_by_role("link", name=re.compile(r"^详情与修改历史")).first.click()
    expect(visitor.locator("main")).to_contain_text(told)
    shot(visitor, "public-article")

    feed = visitor.request.get("/feeds/drafts.atom").text()
    assert f"<title>{title}：征求意见提前结束</title>" in feed
    assert told in feed
