"""Issue 25's library journeys in a browser, on the demo data: staff correct a published normative
document with a public note, and a citizen reads the note and the earlier revision (on a desktop, and
on a phone in the large-text mode); staff withdraw a document through the confirmation step, and the
public page says so with the reason."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from portal.services.calendar import today
from tests.e2e.browser import DESKTOP, PHONE_LARGE_TEXT, Browsing, Shot, axe_violations, describe, flash

# The demo's document about to expire: a text of its own (demo_library.py), issued years ago.
CORRECTED_TITLE = "广州市交通运输局关于共享电单车管理的通知"
NOTE = "第三条“依法查处违法行为”漏印“违规”二字，按印发稿更正为“依法查处违法违规行为”。"


def assert_accessible(page: Page) -> None:
    found = axe_violations(page)
    assert not found, f"{page.url}:\n{describe(found)}"


def _staff_page_of(staff: Page, title: str) -> str:
    """The unified number of a document in the list of those about to expire, and open its staff page."""
    staff.goto("/staff/documents/expiring")
    row = staff.locator("tr", has_text=title)
    number = row.locator("code").inner_text().strip()
    staff.goto(f"/staff/documents/{number}")
    expect(staff.get_by_role("heading", level=1)).to_have_text(title)
    return number


def test_staff_correct_a_document_and_the_public_reads_the_note_and_the_earlier_revision(
    browsing: Browsing, shot: Shot
) -> None:
    staff = browsing.staff("admin")
    number = _staff_page_of(staff, CORRECTED_TITLE)
    expect(staff.locator("#basis-title")).to_be_visible()
    shot(staff, "staff-document")
    assert_accessible(staff)

    staff.get_by_role("link", name="更正文件").click()
    expect(staff.get_by_role("heading", name="更正文件")).to_be_visible()
    text = staff.get_by_label("文件全文")
    original = text.input_value()
    assert "依法查处违法行为" in original
    text.fill(original.replace("依法查处违法行为", "依法查处违法违规行为"))
    staff.get_by_role("button", name="发布更正").click()
    # Without the public note the correction is refused, and the edited text is still there.
    expect(staff.locator("#error-summary")).to_contain_text("请写明更正了什么、为什么更正")
    assert "依法查处违法违规行为" in staff.get_by_label("文件全文").input_value()
    shot(staff, "correction-refused-without-a-note")
    assert_accessible(staff)

    staff.get_by_label("更正说明：更正了什么、为什么更正（将向社会公开）").fill(NOTE)
    staff.get_by_role("button", name="发布更正").click()
    assert "更正已发布（第 2 版）" in flash(staff)
    expect(staff.locator("main")).to_contain_text("第1次更正")
    shot(staff, "staff-after-correction")

    day = today()
    for variant in (DESKTOP, PHONE_LARGE_TEXT):
        citizen = browsing.open(variant)
        citizen.goto(f"/documents/{number}")
        main = citizen.locator("main")
        expect(main).to_contain_text("第2版（已更正1次）")
        expect(main).to_contain_text("依法查处违法违规行为")
        revision = citizen.locator("#rev1")
        expect(revision.get_by_role("heading")).to_have_text(
            f"第1次更正（{day.year}年{day.month}月{day.day}日）"
        )
        expect(revision).to_contain_text(NOTE)
        expect(revision).to_contain_text("更正了：全文")
        expect(main).to_contain_text("未经合法性审核的说明：")  # entered before reviews were kept here
        earlier = revision.locator("details")
        expect(earlier.get_by_text("依法查处违法行为。")).to_be_hidden()
        earlier.locator("summary").click()
        expect(earlier.get_by_text("依法查处违法行为。")).to_be_visible()
        revision.scroll_into_view_if_needed()
        shot(citizen, f"public-{variant.name}-earlier-revision-open")
        assert_accessible(citizen)


def test_staff_withdraw_a_document_after_confirming_and_the_public_page_says_why(
    browsing: Browsing, shot: Shot
) -> None:
    staff = browsing.staff("admin")
    staff.goto("/staff/documents")
    staff.locator("table tbody tr").first.get_by_role("link").click()
    title = staff.get_by_role("heading", level=1).inner_text()
    number = re.search(r"/staff/documents/(\w+)", staff.url).group(1)  # type: ignore[union-attr]
    reason = "该文件与新修订的上位法规定不一致，制定机关决定撤回，另行制定。"
    staff.get_by_label("撤回理由（将向社会公开）").fill(reason)
    staff.get_by_role("button", name="撤回文件…").click()
    expect(staff.get_by_role("heading", name="确认撤回文件")).to_be_visible()
    expect(staff.locator("main")).to_contain_text(reason)
    shot(staff, "withdrawal-confirmation")
    assert_accessible(staff)
    staff.get_by_label("我确认撤回本文件，并公开上述理由").check()
    staff.get_by_role("button", name="确认撤回").click()
    assert "文件已撤回" in flash(staff)
    shot(staff, "staff-after-withdrawal")

    citizen = browsing.open()
    citizen.goto(f"/documents/{number}")
    expect(citizen.get_by_role("heading", level=1)).to_have_text(title)
    notice = citizen.locator("#withdrawn")
    expect(notice.get_by_role("heading")).to_have_text("本文件已撤回")
    expect(notice).to_contain_text(f"撤回理由：{reason}")
    shot(citizen, "public-withdrawn")
    assert_accessible(citizen)
    citizen.goto("/documents?status=in_force")
    expect(citizen.locator("main")).not_to_contain_text(number)


def test_staff_publish_a_document_on_a_completed_review_and_the_public_page_says_so(
    browsing: Browsing, shot: Shot
) -> None:
    staff = browsing.staff("legislator")
    staff.goto("/staff/documents/new")
    day = today()
    staff.get_by_label("文件标题").fill("广州市关于阶段性减免中小微企业房租的通知")
    staff.get_by_label("制定机关", exact=True).fill("广州市国有资产监督管理委员会")
    staff.get_by_label("印发日期").fill(day.isoformat())
    staff.get_by_label("施行日期").fill(day.isoformat())
    staff.get_by_label("文件全文").fill(
        "一、对承租国有房屋的中小微企业阶段性减免房租。\n二、本通知自印发之日起施行。"
    )
    # Left on "根据制定机关名称自动判断": the name gives 02. The demo's review of this notice is offered.
    reviews = staff.get_by_label("已办结的合法性审核")
    offered = reviews.locator(
        "option", has_text="广州市关于阶段性减免中小微企业房租的通知 — 广州市国有资产监督管理委员会 — 合法"
    )
    reviews.select_option(value=offered.get_attribute("value"))
    shot(staff, "publish-form-with-review")
    assert_accessible(staff)
    staff.get_by_role("button", name="发布", exact=True).click()
    assert "文件已发布，统一编号 GZ02" in flash(staff)
    number = re.search(r"/staff/documents/(\w+)", staff.url).group(1)  # type: ignore[union-attr]

    citizen = browsing.open()
    citizen.goto(f"/documents/{number}")
    expect(citizen.locator("main")).to_contain_text("已审核（合法，")
    shot(citizen, "public-reviewed")

    # A street office's draft: the level and district read from the drafting body's name.
    staff.goto("/staff/drafts")
    staff.get_by_role("link", name="南华西街道老旧小区微改造居民议事规则（征求意见稿）").click()
    staff.goto(staff.url.split("#")[0] + "/library")
    expect(staff.locator("main")).to_contain_text("04 街道办事处、镇人民政府（海珠区）")
    expect(staff.locator("main")).to_contain_text("征求意见结束后才能发布正式文件")
    shot(staff, "adopted-draft-form")
    assert_accessible(staff)
