"""The legality-review desk as staff use it: who may open it, the desk order, the submission and
opinion forms, the documents and the dashboard."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import httpx
import pytest
import time_machine
from tortoise.timezone import now

from portal.models import (
    Attachment,
    Decision,
    DecisionCatalog,
    LegalityReview,
    Opinion,
    ProcedureStep,
    ReviewStatus,
    Role,
    StepKind,
    Urgency,
    User,
)
from portal.services import reviews
from portal.services.calendar import LOCAL_TZ, is_working_day
from tests.conftest import Personas, csrf_token, first_of_month, local_day, login, make_user

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"0" * 200
DESK_PAGES = ["/staff/reviews", "/staff/reviews/new", "/staff/reviews/dashboard"]


async def a_reviewer() -> User:
    return await make_user("rita", Role.REVIEWER)


async def add_review(
    title: str, urgency: Urgency, received_ago: timedelta, *, status: ReviewStatus = ReviewStatus.RECEIVED
) -> LegalityReview:
    """A review row as the service would store it, received some time ago."""
    received = now() - received_ago
    document = await Attachment.create(
        original_name=f"{title}.pdf",
        stored_name=f"s{title.encode().hex()[:40]}",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
    )
    return await LegalityReview.create(
        title=title,
        submitting_body="市交通运输局",
        urgency=urgency,
        received_at=received,
        due_at=reviews.due_at(received, urgency, normal_days=5),
        status=status,
        document=document,
    )


async def submit_form(client: httpx.AsyncClient, **fields: str) -> httpx.Response:
    token = await csrf_token(client, "/staff/reviews/new")
    data = {
        "title": "关于规范共享单车停放管理的通知",
        "submitting_body": "市交通运输局",
        "urgency": "urgent",
        "csrf_token": token,
        **fields,
    }
    return await client.post(
        "/staff/reviews/new", data=data, files={"document": ("送审稿.pdf", PDF, "application/pdf")}
    )


# --- roles ----------------------------------------------------------------------------------------


async def test_anonymous_visitors_are_sent_to_login(client: httpx.AsyncClient, people: Personas):
    for path in DESK_PAGES:
        response = await client.get(path)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/staff/login?next=")


@pytest.mark.parametrize("persona", ["lily", "olga", "mona"])
async def test_other_staff_roles_get_403(client: httpx.AsyncClient, people: Personas, persona: str):
    await login(client, getattr(people, persona))
    for path in DESK_PAGES:
        response = await client.get(path)
        assert response.status_code == 403, path
        assert "您的账号没有访问此页面的权限。" in response.text


async def test_reviewers_legislators_and_admins_open_the_desk(client: httpx.AsyncClient, people: Personas):
    for user in (await a_reviewer(), people.leo, people.alice):
        client.cookies.clear()  # a fresh browser for each
        await login(client, user)
        for path in DESK_PAGES:
            assert (await client.get(path)).status_code == 200, (user.username, path)
        home = await client.get("/staff/")
        assert '<a href="/staff/reviews"' in home.text


async def test_the_reviewer_role_is_offered_on_the_users_page(client: httpx.AsyncClient, people: Personas):
    await login(client, people.alice)
    page = await client.get("/staff/users")
    assert 'value="reviewer"' in page.text and "合法性审查人员" in page.text


# --- the desk -------------------------------------------------------------------------------------


async def test_the_desk_lists_overdue_reviews_first_with_their_clock(
    client: httpx.AsyncClient, people: Personas
):
    await add_review("一般件", Urgency.NORMAL, timedelta(minutes=5))
    await add_review("刚收到的紧急件", Urgency.URGENT, timedelta(minutes=10))
    await add_review("超时的紧急件", Urgency.URGENT, timedelta(minutes=80))
    await add_review("已办结件", Urgency.URGENT, timedelta(minutes=30), status=ReviewStatus.COMPLETED)
    await login(client, people.leo)
    page = (await client.get("/staff/reviews")).text
    open_part = page.split('id="closed-title"')[0]
    titles = re.findall(r'<a href="/staff/reviews/\d+">([^<]+)</a>', open_part)
    assert titles == ["超时的紧急件", "刚收到的紧急件", "一般件"]
    assert "超时 0小时20分" in page or "超时 0小时19分" in page
    assert "已用时 0小时10分" in page or "已用时 0小时09分" in page
    assert 'class="row-overdue"' in page
    assert "在办（3 件）" in page


async def test_an_empty_desk_says_so(client: httpx.AsyncClient, people: Personas):
    await login(client, people.leo)
    page = (await client.get("/staff/reviews")).text
    assert "目前没有在办的审查件。" in page and "还没有办结的审查件。" in page


# --- submission -----------------------------------------------------------------------------------


async def test_a_submission_starts_the_clock_and_the_document_downloads(
    client: httpx.AsyncClient, people: Personas
):
    await login(client, await a_reviewer())
    response = await submit_form(client)
    assert response.status_code == 303
    review = await LegalityReview.get(title="关于规范共享单车停放管理的通知")
    assert review.urgency == Urgency.URGENT and review.due_at == review.received_at + timedelta(hours=1)
    page = await client.get(response.headers["location"])
    assert "已登记，计时开始" in page.text
    assert "剩余 0小时59分" in page.text or "剩余 1小时00分" in page.text
    download = await client.get(f"/staff/reviews/{review.id}/files/document")
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    assert "attachment" in download.headers["content-disposition"]
    assert (await client.get(f"/staff/reviews/{review.id}/files/reply")).status_code == 404


async def test_a_refused_submission_keeps_the_text_and_shows_the_error_by_the_field(
    client: httpx.AsyncClient, people: Personas
):
    await login(client, people.leo)
    response = await submit_form(client, submitting_body="", title="关于停车收费的通知《草稿》")
    assert response.status_code == 400
    assert '<p class="field-error" id="submitting_body-error">请填写送审单位。</p>' in response.text
    assert 'value="关于停车收费的通知《草稿》"' in response.text
    assert 'value="urgent" checked' in response.text
    assert await LegalityReview.all().count() == 0


async def test_a_disguised_document_is_refused(client: httpx.AsyncClient, people: Personas):
    await login(client, people.leo)
    token = await csrf_token(client, "/staff/reviews/new")
    response = await client.post(
        "/staff/reviews/new",
        data={"title": "通知", "submitting_body": "市交通运输局", "urgency": "normal", "csrf_token": token},
        files={"document": ("送审稿.pdf", b"MZ\x90\x00 not a pdf" * 20, "application/pdf")},
    )
    assert response.status_code == 400
    assert "文件类型不符合要求" in response.text
    assert await LegalityReview.all().count() == 0


# --- the opinion ----------------------------------------------------------------------------------


async def test_an_unlawful_opinion_without_reasons_is_refused_keeping_the_text(
    client: httpx.AsyncClient, people: Personas
):
    review = await add_review("停车通知", Urgency.NORMAL, timedelta(hours=1))
    await login(client, people.leo)
    token = await csrf_token(client, f"/staff/reviews/{review.id}")
    response = await client.post(
        f"/staff/reviews/{review.id}/opinion",
        data={"opinion": "unlawful", "reasons": "", "articles": "第五条、第九条", "csrf_token": token},
        files={"reply": ("", b"", "application/octet-stream")},
    )
    assert response.status_code == 400
    assert '<p class="field-error" id="reasons-error">审查意见为“不合法”时，须写明理由。</p>' in response.text
    assert "第五条、第九条</textarea>" in response.text
    assert 'value="unlawful" checked' in response.text
    await review.refresh_from_db()
    assert review.status == ReviewStatus.RECEIVED and review.opinion is None


async def test_start_then_record_an_opinion_with_a_reply(client: httpx.AsyncClient, people: Personas):
    rita = await a_reviewer()
    review = await add_review("停车通知", Urgency.NORMAL, timedelta(hours=1))
    await login(client, rita)
    token = await csrf_token(client, f"/staff/reviews/{review.id}")
    started = await client.post(f"/staff/reviews/{review.id}/start", data={"csrf_token": token})
    assert started.status_code == 303
    page = await client.get(f"/staff/reviews/{review.id}")
    assert "已开始审查。" in page.text and "审查中" in page.text and "Rita" in page.text
    response = await client.post(
        f"/staff/reviews/{review.id}/opinion",
        data={
            "opinion": "lawful_if_amended",
            "reasons": "第五条罚款幅度超出上位法规定。",
            "articles": "第五条",
            "csrf_token": token,
        },
        files={"reply": ("复函.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 303
    page = await client.get(f"/staff/reviews/{review.id}")
    assert "审查意见“修改后合法”已记录，本件办结。" in page.text
    assert "第五条罚款幅度超出上位法规定。" in page.text
    assert "在时限内办结" in page.text
    await review.refresh_from_db()
    assert review.status == ReviewStatus.COMPLETED and review.opinion == Opinion.LAWFUL_IF_AMENDED
    assert review.reviewer_id == rita.id and review.reply_id is not None
    reply = await client.get(f"/staff/reviews/{review.id}/files/reply")
    assert reply.status_code == 200 and reply.content.startswith(b"%PDF")


async def test_a_returned_review_leaves_the_desk(client: httpx.AsyncClient, people: Personas):
    review = await add_review("材料不全的通知", Urgency.NORMAL, timedelta(hours=1))
    await login(client, people.leo)
    token = await csrf_token(client, f"/staff/reviews/{review.id}")
    refused = await client.post(
        f"/staff/reviews/{review.id}/return", data={"return_reason": "", "csrf_token": token}
    )
    assert refused.status_code == 400 and "请写明退回理由。" in refused.text
    response = await client.post(
        f"/staff/reviews/{review.id}/return", data={"return_reason": "未附起草说明。", "csrf_token": token}
    )
    assert response.status_code == 303
    desk = (await client.get("/staff/reviews")).text
    assert "目前没有在办的审查件。" in desk and "已退回" in desk


# --- the decision link ----------------------------------------------------------------------------


async def test_a_review_linked_to_a_decision_shows_the_link_both_ways(
    client: httpx.AsyncClient, people: Personas
):
    catalog = await DecisionCatalog.create(year=2026, body="广州市人民政府")
    decision = await Decision.create(
        catalog=catalog, seq=1, title="广州市停车收费调整方案", responsible_unit="市发展改革委"
    )
    for kind in StepKind:
        await ProcedureStep.create(decision=decision, kind=kind)
    await login(client, people.alice)
    response = await submit_form(client, urgency="normal", decision_id=str(decision.id))
    assert response.status_code == 303
    review = await LegalityReview.get(title="关于规范共享单车停放管理的通知")
    step = await ProcedureStep.get(decision=decision, kind=StepKind.LEGALITY_REVIEW)
    assert review.decision_step_id == step.id
    page = await client.get(f"/staff/reviews/{review.id}")
    assert (
        f'<a href="/staff/decisions/{decision.id}#step-legality_review">广州市停车收费调整方案</a>'
        in page.text
    )
    manage = await client.get(f"/staff/decisions/{decision.id}")
    assert f'href="/staff/reviews/{review.id}"' in manage.text


async def test_an_unknown_decision_number_is_refused(client: httpx.AsyncClient, people: Personas):
    await login(client, people.leo)
    response = await submit_form(client, decision_id="999")
    assert response.status_code == 400
    assert "未找到该编号的重大行政决策事项。" in response.text


# --- the dashboard --------------------------------------------------------------------------------


def _a_working_afternoon_mid_month() -> datetime:
    """A working day in the middle of this month, 3 pm in Guangzhou: reviews received two hours
    before are of the same month and due within it, whatever day the suite runs."""
    day = first_of_month(local_day()) + timedelta(days=9)
    while not is_working_day(day):
        day += timedelta(days=1)
    return datetime.combine(day, time(15), tzinfo=LOCAL_TZ)


async def test_the_dashboard_shows_this_months_figures(client: httpx.AsyncClient, people: Personas):
    with time_machine.travel(_a_working_afternoon_mid_month(), tick=True):
        # This month: four received; three completed, two of them within the target; one open and overdue.
        for title, minutes in (("甲", 30), ("乙", 50), ("丙", 90)):
            review = await add_review(title, Urgency.URGENT, timedelta(minutes=120))
            review.status = ReviewStatus.COMPLETED
            review.opinion = Opinion.LAWFUL
            review.completed_at = review.received_at + timedelta(minutes=minutes)
            await review.save()
        await add_review("丁", Urgency.URGENT, timedelta(minutes=120))
        figures = (await reviews.monthly_figures())[-1]
        assert figures.received == 4
        await login(client, people.leo)
        page = (await client.get("/staff/reviews/dashboard")).text
    row = re.search(rf"<th scope=\"row\">{figures.label}</th>(.*?)</tr>", page, re.S)
    assert row is not None
    cells = re.findall(r"<td>(.*?)</td>", row.group(1), re.S)
    assert cells[:3] == ["4", "3", "67%（2/3）"]
    assert "1" in cells[3] and 'class="overdue"' in cells[3]
    assert page.count('<th scope="row">') == 12
