"""The hearing's registration deadline (issue 25, item 1), on a desktop, a phone and a phone in
large-text mode: the organizer tries to draw while registration is still open and is told when the draw
becomes possible, closes registration early with a public reason, draws, and the public notice shows the
early close next to the deadline it promised, with the reason. The organizer's browser runs no
JavaScript: the confirmation is a checkbox of a plain form."""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import (
    VARIANTS,
    Browsing,
    Shot,
    Variant,
    axe_violations,
    describe,
    flash,
    log_in,
    schedule_hearing,
)

REASON = "报名人数已达陈述人名额的五倍，为按期送达听证材料，提前截止报名。"
BEIJING_TIME = r"\d{4}年\d{2}月\d{2}日 \d{2}:\d{2}"


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])
def test_the_organizer_draws_only_after_registration_ends_and_the_public_sees_the_early_close(
    variant: Variant, browsing: Browsing, shot: Shot
) -> None:
    title = f"公共自行车收费听证会（{variant.name} {secrets.token_hex(3).upper()}）"
    organizer = browsing.open(variant, javascript=False)
    log_in(organizer, "organizer")
    manage_url = schedule_hearing(organizer, title)

    # A citizen applies to speak, choosing a district from the list.
    citizen = browsing.open(variant)
    citizen.goto(manage_url.replace("/staff/hearings/", "/hearings/"))
    expect(citizen.get_by_role("heading", level=1)).to_have_text(title)
    form = citizen.locator("form[action$='/register']")
    form.get_by_label("陈述人", exact=True).check()
    form.get_by_label("类别", exact=True).select_option("市民代表")
    form.get_by_label("姓名", exact=True).fill("黄小华")
    form.get_by_label(re.compile(r"^联系电话")).fill(f"136{secrets.randbelow(10**8):08d}")
    form.get_by_label(re.compile(r"^所在区")).select_option("海珠")
    form.get_by_label("支持", exact=True).check()
    form.get_by_label(re.compile(r"^陈述人填写：拟陈述")).fill("支持调整，建议保留首小时免费。")
    form.get_by_label(re.compile(r"我知悉报名信息")).check()
    form.get_by_role("button", name="提交报名").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("报名已提交")

    # Registration is open: the page says when the draw becomes possible, and a draw is refused.
    organizer.goto(manage_url)
    draw = organizer.get_by_role("region", name="遴选陈述人")
    expect(draw).to_contain_text("报名截止后方可进行遴选")
    deadline = re.search(rf"({BEIJING_TIME}) 报名截止后方可进行遴选", draw.inner_text())
    assert deadline, draw.inner_text()
    shot(organizer, "draw-waits-for-the-deadline")
    draw.get_by_role("button", name="进行遴选").click()
    refused = flash(organizer)
    assert f"报名截止时间（{deadline.group(1)}）之前不能进行遴选" in refused, refused
    assert "听证公告承诺在报名截止后遴选陈述人" in refused
    expect(organizer.locator("main")).to_contain_text("正在报名")
    shot(organizer, "draw-refused")

    # Closing early: the reason is required, then the confirmation.
    close = organizer.get_by_role("region", name="提前截止报名")
    close.get_by_label("提前截止的理由（公开）").fill(REASON)
    close.get_by_label("我确认提前截止报名并公开理由").check()
    shot(organizer, "close-early-form")
    # axe-core needs script to run: it checks the same page in a browser that runs it.
    checker = browsing.staff("organizer", variant)
    checker.goto(manage_url)
    found = axe_violations(checker)
    assert not found, describe(found)
    close.get_by_role("button", name="提前截止报名").click()
    assert "报名已提前截止，理由已在听证公告中公开" in flash(organizer)
    expect(organizer.locator("main")).to_contain_text(f"理由：{REASON}")
    expect(organizer.get_by_role("region", name="遴选陈述人")).to_contain_text("现在可以进行遴选")
    shot(organizer, "closed-early")

    organizer.get_by_role("button", name="进行遴选").click()
    assert "遴选完成：1 名陈述人报名，入选 1 名" in flash(organizer)
    expect(organizer.locator("main")).to_contain_text("已确定参加人")
    shot(organizer, "drawn")

    # The public notice: the early close, its reason, and the deadline first promised.
    citizen.goto(manage_url.replace("/staff/hearings/", "/hearings/"))
    notice = citizen.get_by_role("region", name="听证公告")
    closed = notice.locator("#closed-early")
    expect(closed).to_contain_text(re.compile(rf"报名已于 {BEIJING_TIME} 提前截止"))
    expect(closed).to_contain_text(f"原定截止时间 {deadline.group(1)}")
    expect(closed).to_contain_text(f"理由：{REASON}")
    expect(notice).to_contain_text(f"至 {deadline.group(1)}")
    expect(citizen.get_by_role("button", name="提交报名")).to_have_count(0)
    results = citizen.get_by_role("region", name="陈述人遴选结果")
    expect(results).to_contain_text("海珠")
    shot(citizen, "public-notice")
    found = axe_violations(citizen)
    assert not found, describe(found)
