"""Issue 25 on the library's pages: the publish form offers the usable legality reviews and refuses the
rest, the level and the amended documents are checked against the issuer, and the public page shows
the review or the exemption, every correction with the earlier revision, and a withdrawal's reason."""

from __future__ import annotations

from datetime import timedelta

import httpx

from portal.models import DocumentStatus, NormativeDocument, Opinion, ReviewStatus, Role, User
from portal.services import library
from portal.services.calendar import local_date
from portal.services.library import DocumentInput
from tests.conftest import Personas, csrf_token, first_of_month, local_day, login, make_user
from tests.library_fixtures import BACKFILLED, LONG_AGO, review

PARKING = "关于加强停车管理的通知\n\n一、总体要求\n加强停车设施管理，规范路内停车收费。\n"
EFFECTIVE = first_of_month(local_day())
ISSUED = EFFECTIVE - timedelta(days=27)
REVIEWED_ON = local_date(LONG_AGO)


def _form(token: str, **changes: str) -> dict[str, str]:
    return {
        "csrf_token": token,
        "title": "广州市停车管理补充规定",
        "doc_number": f"穗交规〔{ISSUED.year}〕1号",
        "issuer": "广州市交通运输局",
        "issuer_level": "",
        "issued_on": ISSUED.isoformat(),
        "effective_on": EFFECTIVE.isoformat(),
        "valid_years": "5",
        "text": PARKING,
        **changes,
    }


async def _document(
    people: Personas, title: str = "广州市停车管理办法", issuer: str = "广州市交通运输局"
) -> NormativeDocument:
    return await library.publish(
        DocumentInput(
            title=title,
            issuer=issuer,
            issuer_level=None,
            issued_on=local_day(-700),
            effective_on=local_day(-669),
            expires_on=local_day(3 * 365),
            text=PARKING,
            review_exemption=BACKFILLED,
        ),
        actor=people.alice,
        ip="",
    )


async def _issuer_staff(username: str = "tina", organisation: str = "广州市交通运输局") -> User:
    """A legislator registered as working for ``organisation`` (the publishing role, their unit)."""
    user = await make_user(username, Role.LEGISLATOR)
    user.organisation = organisation
    await user.save()
    return user


async def test_the_form_offers_only_usable_reviews_and_the_public_page_shows_the_one_chosen(
    client: httpx.AsyncClient, people: Personas
):
    lawful = await review("广州市停车管理补充规定（送审稿）")
    amended = await review(
        "修改后合法的送审稿", body="广州市发展和改革委员会", opinion=Opinion.LAWFUL_IF_AMENDED
    )
    unlawful = await review("不合法的送审稿", opinion=Opinion.UNLAWFUL)
    in_review = await review("审查中的送审稿", status=ReviewStatus.IN_REVIEW)
    await login(client, people.leo)
    page = await client.get("/staff/documents/new")
    assert page.status_code == 200
    assert f'<option value="{lawful.id}"' in page.text
    assert (
        f"广州市停车管理补充规定（送审稿） — 广州市交通运输局 — 合法 — {REVIEWED_ON:%Y-%m-%d}办结"
        in page.text
    )
    assert "修改后合法的送审稿 — 广州市发展和改革委员会 — 修改后合法" in page.text
    assert unlawful.title not in page.text and in_review.title not in page.text
    assert amended.title in page.text

    token = await csrf_token(client, "/staff/documents/new")
    refused = await client.post("/staff/documents/new", data=_form(token, review_id=str(unlawful.id)))
    assert refused.status_code == 400
    assert "审核意见为“不合法”" in refused.text and "不得提交集体审议，不得发布" in refused.text
    assert "加强停车设施管理，规范路内停车收费。" in refused.text  # what was typed is kept
    neither = await client.post("/staff/documents/new", data=_form(token))
    assert neither.status_code == 400 and "国办发〔2018〕115号" in neither.text
    assert await NormativeDocument.all().count() == 0

    done = await client.post("/staff/documents/new", data=_form(token, review_id=str(lawful.id)))
    assert done.status_code == 303
    created = await NormativeDocument.get(title="广州市停车管理补充规定")
    public = await client.get(f"/documents/{created.unified_number}")
    reviewed_on = f"{REVIEWED_ON.year}年{REVIEWED_ON.month}月{REVIEWED_ON.day}日"
    assert f"<dt>合法性审核</dt><dd>已审核（合法，{reviewed_on}）</dd>" in public.text
    again = await client.get("/staff/documents/new")
    assert f'<option value="{lawful.id}"' not in again.text  # used once


async def test_an_exemption_is_stated_on_the_public_page(client: httpx.AsyncClient, people: Personas):
    await login(client, people.leo)
    token = await csrf_token(client, "/staff/documents/new")
    short = await client.post("/staff/documents/new", data=_form(token, review_exemption="紧急"))
    assert short.status_code == 400 and "至少 10 个字" in short.text
    reason = "本文件为应对台风灾害的紧急措施，来不及送审，事后已报送司法局备案审查。"
    done = await client.post("/staff/documents/new", data=_form(token, review_exemption=reason))
    assert done.status_code == 303
    created = await NormativeDocument.get(title="广州市停车管理补充规定")
    public = await client.get(f"/documents/{created.unified_number}")
    assert f"未经合法性审核的说明：{reason}" in public.text


async def test_the_form_checks_the_level_and_the_amended_document_against_the_issuer(
    client: httpx.AsyncClient, people: Personas
):
    housing = await _document(people, "广州市既有住宅增设电梯办法", issuer="广州市住房和城乡建设局")
    await login(client, people.leo)
    token = await csrf_token(client, "/staff/documents/new")
    wrong_level = await client.post(
        "/staff/documents/new", data=_form(token, issuer_level="03", review_exemption=BACKFILLED)
    )
    assert wrong_level.status_code == 400
    assert "按名称属于市政府工作部门（02），与所选的区人民政府及其部门（03）不符" in wrong_level.text
    unknown = await client.post(
        "/staff/documents/new", data=_form(token, issuer="广州市消防救援支队", review_exemption=BACKFILLED)
    )
    assert unknown.status_code == 400 and "无法根据制定机关名称判断层级" in unknown.text
    amending = await client.post(
        "/staff/documents/new",
        data=_form(token, amends=housing.unified_number, review_exemption=BACKFILLED),
    )
    assert amending.status_code == 400
    assert (
        "“广州市交通运输局”无权修改“广州市住房和城乡建设局”制定的《广州市既有住宅增设电梯办法》"
        in amending.text
    )
    assert await NormativeDocument.all().count() == 1


async def test_staff_of_the_issuer_correct_a_document_and_the_public_reads_both_revisions(
    client: httpx.AsyncClient, people: Personas
):
    document = await _document(people, "广州市停车管里办法")
    await login(client, await _issuer_staff())
    manage = await client.get(f"/staff/documents/{document.unified_number}")
    assert f'href="/staff/documents/{document.unified_number}/correct"' in manage.text
    form_page = await client.get(f"/staff/documents/{document.unified_number}/correct")
    assert form_page.status_code == 200 and 'value="广州市停车管里办法"' in form_page.text
    token = await csrf_token(client, f"/staff/documents/{document.unified_number}/correct")
    fields = {
        "csrf_token": token,
        "title": "广州市停车管理办法",
        "doc_number": "",
        "issuer_level": "02",
        "issued_on": document.issued_on.isoformat(),
        "effective_on": document.effective_on.isoformat(),
        "expires_on": document.expires_on.isoformat() if document.expires_on else "",
        "text": PARKING.replace("规范路内停车收费", "规范路内停车收费标准"),
        "interpretation": "",
        "note": "",
    }
    no_note = await client.post(f"/staff/documents/{document.unified_number}/correct", data=fields)
    assert no_note.status_code == 400 and "请写明更正了什么、为什么更正" in no_note.text
    assert "规范路内停车收费标准" in no_note.text
    note = "更正标题中的错字“管里”，补全第一条“收费标准”的表述。"
    done = await client.post(
        f"/staff/documents/{document.unified_number}/correct", data={**fields, "note": note}
    )
    assert done.status_code == 303

    public = await client.get(f"/documents/{document.unified_number}")
    today = local_day()
    assert "<h1>广州市停车管理办法</h1>" in public.text and "第2版（已更正1次）" in public.text
    assert f"第1次更正（{today.year}年{today.month}月{today.day}日）" in public.text and note in public.text
    earlier = public.text.split("<details>", 1)[1].split("</details>", 1)[0]
    assert "查看更正前的第1版" in earlier and "广州市停车管里办法" in earlier
    assert "规范路内停车收费。" in earlier and "规范路内停车收费标准" not in earlier


async def test_a_withdrawal_is_confirmed_and_its_reason_shown_publicly(
    client: httpx.AsyncClient, people: Personas
):
    document = await _document(people)
    await login(client, await _issuer_staff())
    path = f"/staff/documents/{document.unified_number}/withdraw"
    token = await csrf_token(client, f"/staff/documents/{document.unified_number}")
    blank = await client.post(path, data={"csrf_token": token, "reason": ""})
    assert blank.status_code == 400 and "请写明撤回理由" in blank.text
    reason = "该通知与新修订的《广州市停车场条例》不一致，制定机关决定撤回。"
    asked = await client.post(path, data={"csrf_token": token, "reason": reason})
    assert asked.status_code == 200 and "确认撤回文件" in asked.text and reason in asked.text
    unticked = await client.post(path, data={"csrf_token": token, "reason": reason, "step": "confirm"})
    assert unticked.status_code == 400 and "请勾选确认框" in unticked.text
    assert (await NormativeDocument.get(id=document.id)).status == DocumentStatus.IN_FORCE
    done = await client.post(
        path, data={"csrf_token": token, "reason": reason, "step": "confirm", "confirm": "1"}
    )
    assert done.status_code == 303

    public = await client.get(f"/documents/{document.unified_number}")
    assert (
        public.status_code == 200 and "本文件已撤回" in public.text and f"撤回理由：{reason}" in public.text
    )
    in_force = await client.get("/documents", params={"status": "in_force"})
    assert document.title not in in_force.text
    listed = await client.get("/documents")
    assert document.title in listed.text and "已撤回" in listed.text
    manage = await client.get(f"/staff/documents/{document.unified_number}")
    assert "文件已撤回，不能再更正或撤回" in manage.text
    assert (await client.get(f"/staff/documents/{document.unified_number}/correct")).status_code == 303


async def test_staff_of_another_unit_may_not_correct_or_withdraw(client: httpx.AsyncClient, people: Personas):
    document = await _document(people)
    await login(client, await _issuer_staff("hank", "广州市住房和城乡建设局"))
    manage = await client.get(f"/staff/documents/{document.unified_number}")
    assert manage.status_code == 200
    assert "只有制定机关（广州市交通运输局）的发布人员或系统管理员可以更正、撤回本文件" in manage.text
    assert f"/staff/documents/{document.unified_number}/correct" not in manage.text
    token = await csrf_token(client, f"/staff/documents/{document.unified_number}")
    assert (await client.get(f"/staff/documents/{document.unified_number}/correct")).status_code == 403
    withdraw = await client.post(
        f"/staff/documents/{document.unified_number}/withdraw",
        data={"csrf_token": token, "reason": "越权撤回", "step": "confirm", "confirm": "1"},
    )
    assert withdraw.status_code == 403
    assert (await NormativeDocument.get(id=document.id)).status == DocumentStatus.IN_FORCE


async def test_the_review_form_says_the_link_is_made_at_publication(
    client: httpx.AsyncClient, people: Personas
):
    await login(client, people.leo)
    page = await client.get("/staff/reviews/new")
    assert "送审稿尚未发布的不填：文件发布时在发布表单中选择本审核件，即与文件关联" in page.text
