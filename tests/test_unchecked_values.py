"""Values no parser checked used to answer 500 (issue 24, item 7): digits that str.isdigit() accepts
and int() refuses (²), numbers past a column's range, text longer than its column, in addresses,
query strings and forms, anonymous and staff. Each is now a 404, or a 400 that names the field and
gives back what was typed; and a value that still slipped through is a 500 that keeps the text."""

from __future__ import annotations

from datetime import date

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send

from portal.models import (
    Comment,
    ConsultationMeeting,
    Evaluation,
    EvaluationTrigger,
    Outcome,
    PublicProposal,
    QuestionnaireResponse,
)
from portal.services import decisions, meetings
from portal.services.calendar import today
from portal.web.limits import BodyLimitMiddleware
from tests.conftest import Personas, csrf_token, login, publish_text
from tests.test_comments import post_comment
from tests.test_decisions import _published
from tests.test_meetings import post_meeting, sheet
from tests.test_review_pages import PDF

SUPERSCRIPT = "²⁰²⁶"  # str.isdigit() says yes, int() raises ValueError
HUGE = "9" * 30  # past every integer column: OverflowError in the database driver
LONG_CODE = "x" * 33  # one past the 32 characters of a liaison point's code


# --- addresses and query strings --------------------------------------------------------------------


async def test_an_oversized_liaison_point_code_in_the_address_is_a_404(client, people: Personas):
    for code in (LONG_CODE, "长" * 33, HUGE):
        response = await client.get(f"/liaison-points/{code}")
        assert response.status_code == 404 and "页面不存在" in response.text, code
    await login(client, people.alice)
    assert (await client.get(f"/staff/points/{LONG_CODE}")).status_code == 404


async def test_an_oversized_point_code_in_the_query_is_a_404(client, people: Personas):
    await login(client, people.alice)
    for path in ("/staff/inbox", "/staff/comments/new", "/staff/meetings"):
        response = await client.get(path, params={"point": LONG_CODE})
        assert response.status_code == 404 and "未找到该联系点" in response.text, path


async def test_a_nul_in_an_address_is_a_404(client, other_client, people: Personas):
    """PostgreSQL refuses text holding NUL: looking one up answered 500 there."""
    draft = await publish_text()
    for path in ("/liaison-points/%00", "/liaison-points/GZ%00", f"/drafts/{draft.id}/articles/tiao-1%00"):
        assert (await client.get(path)).status_code == 404, path
    await login(other_client, people.alice)
    assert (await other_client.get("/staff/points/%00")).status_code == 404


async def test_a_nul_in_a_query_string_is_a_400_before_any_view_reads_it(client, db):
    """PostgreSQL refuses text holding NUL: a library filter, a draft search or an audit filter with
    one answered 500 there."""
    for path in ("/documents?issuer=%00", "/drafts?q=a%00b", "/staff/inbox?point=GZ%00"):
        response = await client.get(path)
        assert response.status_code == 400 and "查询参数中含有无效字符" in response.text, path
    response = await client.get("/api/v1/documents?topic=%00")
    assert response.status_code == 400 and "无效字符" in response.json()["error"]["message"]


async def test_a_page_or_an_id_past_what_a_column_holds_is_refused_by_its_parameter(
    client, other_client, people: Personas
):
    await login(client, people.leo)
    response = await client.get("/staff/reviews", params={"page": "9" * 18})  # an offset past 2**63
    assert response.status_code == 400 and "参数 page 必须在 1 至 100000 之间" in response.text
    await login(other_client, people.lily)
    response = await other_client.get("/staff/inbox", params={"draft": "9" * 11})  # past int4 (PostgreSQL)
    assert response.status_code == 400 and "参数 draft 必须在 1 至 2147483647 之间" in response.text


# --- public forms -----------------------------------------------------------------------------------


async def test_unicode_digits_in_a_proposal_are_a_404_or_this_year_never_a_500(client, people: Personas):
    catalog = await decisions.create_catalog(2021, actor=people.alice, ip="")
    item = await decisions.add_item(catalog, decisions.ItemInput("某事项", "某局"), actor=people.alice, ip="")
    await decisions.publish_catalog(catalog, date(2021, 3, 1), actor=people.alice, ip="")
    token = await csrf_token(client, f"/decisions/{item.id}")
    proposal = {"kind": "hearing", "body": "请举行听证。", "csrf_token": token}
    for decision in ("²", SUPERSCRIPT, HUGE):
        response = await client.post("/decisions/proposals", data={**proposal, "decision": decision})
        assert response.status_code == 404 and "未找到该决策事项" in response.text, decision
    response = await client.post(
        "/decisions/proposals", data={**proposal, "decision": str(item.id), "year": SUPERSCRIPT}
    )
    assert response.status_code == 303
    assert (await PublicProposal.get()).year == today().year


async def test_unicode_digits_in_the_questionnaire_are_no_answer(client, people: Personas):
    item = await _published(people)
    await decisions.start_evaluation(
        item,
        decisions.EvaluationInput(EvaluationTrigger.DECISION_BODY, "第三方评估机构", date(2021, 1, 4)),
        actor=people.alice,
        ip="",
    )
    await decisions.publish_catalog(await item.catalog, date(2020, 3, 1), actor=people.alice, ip="")
    evaluation = await Evaluation.get()
    token = await csrf_token(client, f"/decisions/{item.id}")
    response = await client.post(
        f"/decisions/{item.id}/evaluations/{evaluation.id}/questionnaire",
        data={"satisfaction": "²", "remark": "很好", "csrf_token": token},
        follow_redirects=True,
    )
    assert response.status_code == 200 and "请选择满意程度" in response.text
    assert not await QuestionnaireResponse.exists()


# --- staff forms ------------------------------------------------------------------------------------


async def test_ticked_ids_that_are_no_id_are_ignored(client, other_client, people: Personas):
    draft = await publish_text()
    await post_comment(client, draft.id, "tiao-3")
    comment = await Comment.get()
    await login(client, people.leo)
    token = await csrf_token(client, f"/staff/drafts/{draft.id}/comments")
    response = await client.post(
        f"/staff/drafts/{draft.id}/comments/outcome",
        data={"ids": [str(comment.id), "²", HUGE], "outcome": "adopted", "csrf_token": token},
    )
    assert response.status_code == 303
    assert (await Comment.get(id=comment.id)).outcome == Outcome.ADOPTED
    await login(other_client, people.mona)
    token = await csrf_token(other_client, "/staff/moderation")
    for field in ("ids", "proposal_ids"):
        response = await other_client.post(
            "/staff/moderation", data={field: ["²", HUGE], "action": "publish", "csrf_token": token}
        )
        assert response.status_code == 303, field


async def test_a_sensitive_word_to_remove_in_unicode_digits_removes_nothing(client, people: Personas):
    await login(client, people.alice)
    token = await csrf_token(client, "/staff/moderation/words")
    words = await client.post("/staff/moderation/words", data={"remove": "²", "csrf_token": token})
    assert words.status_code == 303


async def test_the_inbox_ignores_odd_ids_and_the_entry_form_gives_back_the_letter(client, people: Personas):
    await login(client, people.lily)
    token = await csrf_token(client, "/staff/inbox")
    acted = await client.post(
        "/staff/inbox", data={"ids": [HUGE, "²"], "action": "acknowledge", "csrf_token": token}
    )
    assert acted.status_code == 303
    entry = await client.post(
        "/staff/comments/new",
        data={"draft": "第3号", "channel": "letter", "stance": "amend", "body": "来信：建议增加停车位。"},
        headers={"X-CSRF-Token": token},
    )
    assert entry.status_code == 400
    assert "请选择草案" in entry.text and "来信：建议增加停车位。" in entry.text


async def test_a_digest_target_longer_than_a_cluster_id_is_refused(client, people: Personas):
    draft = await publish_text()
    await login(client, people.leo)
    token = await csrf_token(client, f"/staff/drafts/{draft.id}/digest")
    response = await client.post(
        f"/staff/drafts/{draft.id}/digest/outcome",
        data={"target": "cluster:" + "c" * 40, "outcome": "adopted", "csrf_token": token},
    )
    assert response.status_code == 400 and "参数 target 无效" in response.text


async def test_a_catalog_year_in_unicode_digits_is_refused_with_the_form_given_back(client, people: Personas):
    await login(client, people.alice)
    token = await csrf_token(client, "/staff/decisions")
    response = await client.post(
        "/staff/decisions/catalogs",
        data={
            "year": SUPERSCRIPT,
            "level": "street",
            "district": "天河",
            "body": "猎德街道办事处",
            "csrf_token": token,
        },
    )
    assert response.status_code == 400
    assert "请填写有效的年度" in response.text and "猎德街道办事处" in response.text


async def test_a_draft_link_in_unicode_digits_is_refused(client, people: Personas):
    _, item = await _published_item(people)
    await login(client, people.alice)
    token = await csrf_token(client, f"/staff/decisions/{item.id}")
    response = await client.post(
        f"/staff/decisions/{item.id}/draft", data={"draft": "²", "csrf_token": token}, follow_redirects=True
    )
    assert response.status_code == 200 and "只能关联类别为" in response.text


async def _published_item(people: Personas):
    catalog = await decisions.create_catalog(2022, actor=people.alice, ip="")
    item = await decisions.add_item(catalog, decisions.ItemInput("某事项", "某局"), actor=people.alice, ip="")
    return catalog, item


def hearing_form(token: str, **fields: str) -> dict[str, str]:
    return {
        "csrf_token": token,
        "title": "关于出租车运价调整的听证会",
        "venue": "市政府礼堂",
        "starts_at": "2099-06-01T09:30",
        "ends_at": "2099-06-01T12:00",
        "registration_opens_at": "2099-05-01T09:00",
        "registration_closes_at": "2099-05-10T17:00",
        "speakers_0": "2",
        **fields,
    }


async def test_hearing_seats_links_and_times_out_of_range_are_refused_with_the_form_given_back(
    client, people: Personas
):
    await login(client, people.alice)  # an admin may hold a hearing linked to nothing: the seats are read
    token = await csrf_token(client, "/staff/hearings")
    for fields, message in (
        ({"speakers_0": "²"}, "名额应为 0 至 999 之间的整数"),
        ({"observers_1": HUGE}, "名额应为 0 至 999 之间的整数"),
        ({"decision": SUPERSCRIPT}, "关联的决策事项或草案编号不存在"),
        ({"draft": HUGE}, "关联的决策事项或草案编号不存在"),
        ({"starts_at": "9999-12-31T23:59"}, "请填写完整的日期和时间"),
    ):
        response = await client.post("/staff/hearings", data=hearing_form(token, **fields))
        assert response.status_code == 400, fields
        assert message in response.text and "关于出租车运价调整的听证会" in response.text, fields


async def test_a_review_is_linked_only_to_what_could_exist(client, people: Personas):
    await login(client, people.leo)
    token = await csrf_token(client, "/staff/reviews/new")
    form = {"title": "关于规范共享单车停放管理的通知", "submitting_body": "市交通运输局", "urgency": "urgent"}
    for fields, message in (
        ({"decision_id": SUPERSCRIPT}, "决策事项编号须为数字"),
        ({"decision_id": HUGE}, "决策事项编号须为数字"),
        ({"library_number": "GZ" + "0" * 30}, "未找到该统一编号的规范性文件"),
    ):
        response = await client.post(
            "/staff/reviews/new",
            data={"csrf_token": token, **form, **fields},
            files={"document": ("送审稿.pdf", PDF, "application/pdf")},
        )
        assert response.status_code == 400, fields
        assert message in response.text and "关于规范共享单车停放管理的通知" in response.text, fields


async def test_a_document_amending_an_oversized_number_names_it(client, people: Personas):
    await login(client, people.alice)
    token = await csrf_token(client, "/staff/documents/new")
    number = "GZ" + "0" * 30
    response = await client.post(
        "/staff/documents/new",
        data={
            "csrf_token": token,
            "title": "关于加强某项管理的通知",
            "issuer": "广州市人民政府",
            "issuer_level": "01",
            "issued_on": "2024-03-01",
            "effective_on": "2024-04-01",
            "valid_years": "5",
            "text": "一、为加强管理，制定本通知。",
            "amends": number,
        },
    )
    assert response.status_code == 400
    assert (
        f"文件库中没有统一编号为 {number} 的文件" in response.text
        and "关于加强某项管理的通知" in response.text
    )


async def test_a_date_past_2100_is_refused_before_a_validity_is_counted_from_it(client, people: Personas):
    await login(client, people.alice)
    token = await csrf_token(client, "/staff/documents/new")
    response = await client.post(
        "/staff/documents/new",
        data={
            "csrf_token": token,
            "title": "关于加强某项管理的通知",
            "issuer": "广州市人民政府",
            "issuer_level": "01",
            "issued_on": "2024-03-01",
            "effective_on": "9999-12-31",
            "valid_years": "5",
            "text": "一、为加强管理，制定本通知。",
        },
    )
    assert response.status_code == 400
    assert "请按 年-月-日 格式填写日期" in response.text and "关于加强某项管理的通知" in response.text


async def test_a_meeting_with_odd_numbers_is_refused_with_the_minutes_given_back(client, people: Personas):
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    for fields, message in (
        ({"attendee_count": SUPERSCRIPT}, "请填写参会人数"),
        ({"attendee_count": HUGE}, "请填写参会人数"),
        ({"op1-unit": f"{SUPERSCRIPT}:tiao-3"}, "第 1 条意见：请选择所针对的条文和态度"),
    ):
        response = await post_meeting(client, draft.id, [], **fields)
        assert response.status_code == 400, fields
        assert message in response.text and "会议围绕草案第三条展开讨论。" in response.text, fields
    response = await post_meeting(client, draft.id, [], drafts=[str(draft.id), "²", HUGE])
    assert response.status_code == 303
    assert await ConsultationMeeting.exists()


async def test_a_spreadsheet_with_unicode_digits_reports_the_rows(client, people: Personas):
    assert meetings.unit_key_from_label("²") is None
    assert meetings.unit_key_from_label("第" + "9" * 5000 + "条") is None
    assert (
        meetings.unit_key_from_label("第三条之十十") is None
        and meetings.unit_key_from_label("十十、") is None
    )
    draft = await publish_text(opens_days=-10)
    await login(client, people.lily)
    await post_meeting(client, draft.id, [])
    meeting = await ConsultationMeeting.get()
    token = await csrf_token(client, f"/staff/meetings/{meeting.id}")
    preview = await client.post(
        f"/staff/meetings/{meeting.id}/import",
        data={"csrf_token": token},
        files={
            "sheet": (
                "意见.xlsx",
                sheet(
                    [
                        ["²", "第三条", "赞成", "居民", "草案编号写错了。"],
                        ["", "³", "赞成", "居民", "条文写错了。"],
                    ]
                ),
                "application/octet-stream",
            )
        },
    )
    assert preview.status_code == 200
    # The meeting discussed one draft: a number it cannot read is as good as none.
    assert "共 2 行，其中 1 行可以导入，1 行有错误" in preview.text and "找不到条文“³”" in preview.text


async def test_a_draft_whose_numerals_make_no_number_is_imported_as_plain_text(client, people: Personas):
    await login(client, people.leo)
    token = await csrf_token(client, "/staff/drafts/new")
    response = await client.post(
        "/staff/drafts/new",
        data={
            "csrf_token": token,
            "title": "广州市测试办法（草案）",
            "kind": "government_rule",
            "drafting_body": "广州市测试局",
            "text": "第一条 为了测试，制定本办法。\n（十十）这一行的编号不成数字。\n第"
            + "9" * 26
            + "条 这也不是一条。",
        },
    )
    assert response.status_code == 303
    page = await client.get(response.headers["location"])
    assert page.status_code == 200 and "（十十）这一行的编号不成数字。" in page.text


# --- the last line of defence -----------------------------------------------------------------------


async def test_a_value_that_still_slips_through_is_a_500_that_gives_back_what_was_typed(app, client):
    async def unchecked(request: Request) -> Response:
        form = await request.form()
        return PlainTextResponse(str(int(str(form["year"]))))

    app.router.routes.insert(0, Route("/unchecked", unchecked, methods=["POST"]))
    token = await csrf_token(client, "/staff/login")
    response = await client.post(
        "/unchecked",
        data={"csrf_token": token, "year": "²", "body": "我写了很久的意见", "phone": "13800138000"},
    )
    assert response.status_code == 500
    assert "系统出现了意外错误" in response.text and "我写了很久的意见" in response.text
    assert "13800138000" not in response.text  # contacts are never echoed


async def test_a_content_length_in_other_digits_is_not_read_as_a_size():
    """The body limit reads Content-Length as HTTP writes it: "²" (b"\\xb2" in Latin-1) is no size."""
    passed: list[bool] = []

    async def inner(scope: Scope, receive: Receive, send: Send) -> None:
        passed.append(True)

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        pass

    scope: Scope = {"type": "http", "method": "POST", "path": "/", "headers": [(b"content-length", b"\xb2")]}
    await BodyLimitMiddleware(inner, max_bytes=10)(scope, receive, send)
    assert passed
