"""The public journeys with JavaScript switched off: every page is plain HTML with forms that post,
and script only adds to it (counters, the upload progress, the digest's live update)."""

from __future__ import annotations

import re
import secrets

from playwright.sync_api import expect

from tests.e2e.browser import (
    DESKTOP,
    PHONE_LARGE_TEXT,
    Browsing,
    Shot,
    close_registration_early,
    flash,
    schedule_hearing,
)


def test_a_comment_is_sent_and_its_receipt_looked_up_without_javascript(
    browsing: Browsing, shot: Shot
) -> None:
    page = browsing.open(DESKTOP, javascript=False)
    page.goto("/")
    assert page.evaluate("1 + 1") == 2  # (the test's own probe still runs: only the page's scripts are off)
    page.get_by_role("link", name="广州市幼儿园条例（修订草案征求意见稿）").click()
    article = page.locator("article.provision").nth(2)
    button = article.get_by_role("link", name=re.compile(r"^对.+发表意见$"))
    label = button.inner_text().removeprefix("对").removesuffix("发表意见")
    button.click()
    expect(page.locator("#body-count")).to_have_text("已输入 0 字")  # the counter as served, not updated

    # A refused form comes back with what was typed, even with no script to keep it.
    opinion = f"【{secrets.token_hex(3)}】建议{label}增加对农村幼儿园的专门扶持措施。"
    page.get_by_label(re.compile(r"^意见内容")).fill(opinion)
    page.get_by_role("button", name="提交意见").click()
    expect(page.get_by_role("alert")).to_contain_text("请选择您的态度")
    expect(page.get_by_label(re.compile(r"^意见内容"))).to_have_value(opinion)
    shot(page, "refused-kept")

    page.get_by_label("赞成", exact=True).check()
    page.get_by_role("button", name="提交意见").click()
    expect(page).to_have_url(re.compile(r"/receipt\?code=GZ-"))
    assert "您的意见已提交" in flash(page)
    receipt = page.locator(".receipt-code").inner_text().strip()
    shot(page, "receipt")

    page.goto("/receipt")
    page.get_by_label("回执码").fill(receipt)
    page.get_by_role("button", name="查询").click()
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text(label)
    expect(facts).to_contain_text("赞成")
    expect(page.locator(".comment-body")).to_have_text(opinion)
    shot(page, "looked-up")


def test_a_hearing_registration_and_its_result_work_without_javascript(
    browsing: Browsing, shot: Shot
) -> None:
    title = f"公共停车场收费听证会（无脚本 {secrets.token_hex(3)}）"
    organizer = browsing.staff("organizer")
    manage_url = schedule_hearing(organizer, title)

    page = browsing.open(PHONE_LARGE_TEXT, javascript=False)
    page.goto("/hearings")
    page.get_by_role("link", name=title).click()
    form = page.locator("form[action$='/register']")
    form.get_by_label("陈述人", exact=True).check()
    form.get_by_label("类别", exact=True).select_option("市民代表")
    form.get_by_label("姓名", exact=True).fill("林小红")
    form.get_by_label(re.compile(r"^联系电话")).fill(f"137{secrets.randbelow(10**8):08d}")
    form.get_by_label("支持", exact=True).check()
    form.get_by_label(re.compile(r"^陈述人填写：拟陈述")).fill("支持调整，建议夜间停车给予优惠。")
    form.get_by_label(re.compile(r"我知悉报名信息")).check()
    form.get_by_role("button", name="提交报名").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("报名已提交")
    code = page.locator(".receipt-code").inner_text().strip()
    shot(page, "registered")

    organizer.goto(manage_url)
    # The draw runs once registration has ended: here it is closed early, with its public reason.
    close_registration_early(organizer, "报名人数已超过名额，提前截止报名。")
    organizer.get_by_role("button", name="进行遴选").click()
    expect(organizer.locator("main")).to_contain_text("已确定参加人")

    page.goto("/hearings/registration")
    page.get_by_label("报名码").fill(code)
    page.get_by_role("button", name="查询").click()
    status = page.get_by_role("region", name="报名状态")
    expect(status).to_contain_text("入选")
    shot(page, "result")
