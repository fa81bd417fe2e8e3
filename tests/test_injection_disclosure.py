"""Injection and disclosure: markup typed by citizens is shown escaped on every page that shows it
(public, receipts, staff, digests), spreadsheet exports never carry a live formula, SQL-looking text is
stored and shown verbatim, and a commenter's or registrant's name, phone and e-mail appear nowhere
public — staff see the phone masked unless they open it, which is audited."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from datetime import timedelta

import httpx
from openpyxl import load_workbook
from tortoise.timezone import now

from portal.models import (
    AuditEvent,
    Comment,
    ConsultationMeeting,
    HearingRegistration,
    MeetingType,
    Moderation,
)
from portal.services.digest import build
from portal.services.hearing import service
from portal.services.hearing.service import RegistrationInput
from tests.conftest import Personas, local_day, login, publish_text
from tests.test_comments import post_comment

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'
SQL = "'; DROP TABLE comment; --"
FORMULA = '=HYPERLINK("http://evil.example","点我")'
NAME, PHONE, EMAIL = "隐私张三", "13655554444", "zhangsan-private@example.cn"
REG_NAME, REG_PHONE, REG_EMAIL = "隐私李四", "13777776666", "lisi-private@example.cn"


def assert_escaped(page: str, where: str) -> None:
    assert SCRIPT not in page, f"raw <script> on {where}"
    assert "<img src=x" not in page, f"raw <img> on {where}"
    assert "onerror=alert(2)>" not in page or "&gt;" in page, where


def assert_private(page: str, where: str) -> None:
    for secret in (NAME, PHONE, EMAIL, REG_NAME, REG_PHONE, REG_EMAIL):
        assert secret not in page, f"{secret} shown on {where}"


async def _hostile_comments(client: httpx.AsyncClient) -> tuple[int, Comment, Comment, Comment]:
    draft = await publish_text()
    await post_comment(
        client,
        draft.id,
        "tiao-3",
        body=f"正文 {SCRIPT} {IMG}",
        quote=f"引文 {IMG}",
        suggested_wording=f"修改为 {SCRIPT}",
        name=NAME,
        phone=PHONE,
        email=EMAIL,
        district="天河",
    )
    await post_comment(client, draft.id, "tiao-3", body=SQL, name=f"署名{SCRIPT}", show_name="1")
    await post_comment(client, draft.id, "tiao-4", body=FORMULA)
    hostile, sql, formula = await Comment.filter(draft_id=draft.id).order_by("id")
    # Whatever pre-moderation decided, publish them so every public page shows them.
    await Comment.filter(draft_id=draft.id).update(moderation=Moderation.PUBLISHED)
    return draft.id, hostile, sql, formula


async def test_markup_is_escaped_and_sql_is_verbatim_on_every_page(
    client: httpx.AsyncClient, other_client: httpx.AsyncClient, people: Personas
):
    draft_id, hostile, sql, _ = await _hostile_comments(client)
    assert sql.body == SQL  # stored exactly as typed
    assert hostile.body == f"正文 {SCRIPT} {IMG}"

    public = {
        "reader": f"/drafts/{draft_id}",
        "article": f"/drafts/{draft_id}/articles/tiao-3",
        "comments": f"/drafts/{draft_id}/comments",
        "receipt": f"/receipt?code={hostile.receipt_code}",
    }
    for where, url in public.items():
        page = (await other_client.get(url)).text
        assert_escaped(page, where)
        assert_private(page, where)
    comments_page = (await other_client.get(public["comments"])).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in comments_page
    assert "&#39;; DROP TABLE comment; --" in comments_page  # shown verbatim, escaped
    assert "署名&lt;script&gt;" in comments_page  # a consenting name is shown, escaped

    await login(client, people.lily)  # the liaison point the comment was routed to
    assert hostile.liaison_point_id == people.lily.liaison_point_id
    for where, url in {
        "inbox": "/staff/inbox",
        "comment detail": f"/staff/comments/{hostile.id}",
        "contact opened": f"/staff/comments/{hostile.id}?contact=1",
    }.items():
        page = (await client.get(url)).text
        assert_escaped(page, where)

    client.cookies.clear()
    await login(client, people.leo)
    await build.refresh(await hostile.draft)
    for where, url in {
        "staff comment list": f"/staff/drafts/{draft_id}/comments",
        "digest": f"/staff/drafts/{draft_id}/digest",
    }.items():
        response = await client.get(url)
        assert response.status_code == 200, where
        assert_escaped(response.text, where)


async def test_exports_never_carry_a_live_formula(client: httpx.AsyncClient, people: Personas):
    draft_id, _, _, formula = await _hostile_comments(client)
    await login(client, people.leo)
    await build.refresh(await formula.draft)

    workbook = load_workbook(
        io.BytesIO((await client.get(f"/staff/drafts/{draft_id}/export/opinions.xlsx")).content)
    )
    values = [c.value for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row]
    texts = [v for v in values if isinstance(v, str)]
    assert any(v == "'" + FORMULA for v in texts)
    assert not any(v.startswith(("=", "+", "-", "@")) for v in texts)
    assert not any(
        c.data_type == "f" for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row
    )

    text = (await client.get(f"/staff/drafts/{draft_id}/export/comments.csv")).content.decode("utf-8-sig")
    cells = [value for row in csv.reader(io.StringIO(text)) for value in row]
    assert "'" + FORMULA in cells
    assert not any(value.startswith(("=", "+", "-", "@")) for value in cells)


async def test_contacts_are_masked_for_staff_and_opening_them_is_audited(
    client: httpx.AsyncClient, people: Personas
):
    _, hostile, _, _ = await _hostile_comments(client)
    await login(client, people.mona)
    page = (await client.get(f"/staff/comments/{hostile.id}")).text
    # Moderators judge the text; they see no contact details at all, not even masked.
    assert PHONE not in page and "136****4444" not in page and EMAIL not in page
    assert (await client.get(f"/staff/comments/{hostile.id}?contact=1")).text.count(PHONE) == 0
    assert not await AuditEvent.filter(action="comment_contact_viewed").exists()

    client.cookies.clear()
    await login(client, people.lily)
    masked = (await client.get(f"/staff/comments/{hostile.id}")).text
    assert PHONE not in masked and "136****4444" in masked
    opened = (await client.get(f"/staff/comments/{hostile.id}?contact=1")).text
    assert PHONE in opened and EMAIL in opened
    event = await AuditEvent.get(action="comment_contact_viewed")
    assert event.object_id == str(hostile.id) and event.actor_id == people.lily.id


async def test_registrants_markup_is_escaped_and_contacts_stay_private(
    client: httpx.AsyncClient, people: Personas
):
    start = now() + timedelta(days=20)
    hearing = await service.schedule(
        service.HearingInput(
            title=f"听证会 {SCRIPT}",
            matter="票价调整",
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            venue="市政府礼堂",
            registration_opens_at=now() - timedelta(hours=1),
            registration_closes_at=start - timedelta(days=8),
            seats={"利害关系人": {"speakers": 2, "observers": 2}},
        ),
        actor=people.olga,
        ip="",
    )
    await service.publish_notice(hearing, actor=people.olga, ip="")
    consenting = await service.register(
        hearing,
        RegistrationInput(
            f"公开{IMG}",
            "13800000001",
            "利害关系人",
            "speaker",
            stance="support",
            statement=SCRIPT,
            show_name=True,
        ),
    )
    private = await service.register(
        hearing,
        RegistrationInput(
            REG_NAME, REG_PHONE, "利害关系人", "speaker", stance="oppose", statement="反对", email=REG_EMAIL
        ),
    )
    # The reason for closing registration early is published too: typed markup stays text.
    await service.close_registration_early(hearing, f"名额已满 {SCRIPT}", actor=people.olga, ip="")
    await service.run_draw(hearing, secret="k", actor=people.olga, ip="")
    await HearingRegistration.filter(id__in=[consenting.id, private.id]).update(status="selected")
    for where, url in {
        "hearing": f"/hearings/{hearing.id}",
        "lookup": f"/hearings/registration?code={consenting.code}",
        "verify": f"/hearings/{hearing.id}/verify",
        "list": "/hearings",
    }.items():
        page = (await client.get(url)).text
        assert_escaped(page, where)
        assert_private(page, where)
        if where in ("hearing", "list"):
            assert "名额已满 &lt;script&gt;" in page, where
    # The calendar file is text/calendar, not HTML: the title stays as typed, contacts stay out.
    calendar = await client.get(f"/hearings/{hearing.id}.ics")
    assert calendar.headers["content-type"].startswith("text/calendar")
    assert_private(calendar.text, "calendar")
    await login(client, people.alice)  # the hearing is on no decision item or draft: an admin's
    staff_page = (await client.get(f"/staff/hearings/{hearing.id}")).text
    assert_escaped(staff_page, "staff hearing page")
    assert REG_PHONE not in staff_page and REG_EMAIL not in staff_page
    assert "li***@example.cn" in staff_page  # the notification list shows recipients masked


# Personal data as people really type it into the text itself (not the contact fields).
ID_NUMBER, CARD = "440106199003071231", "6222021234567890128"
TYPED = (
    f"身份证{ID_NUMBER}",
    "手机１３６ ５５５５ ４４４４",
    "或 +86 137-7777-6666",
    "座机（020）8300 1234",
    f"卡号 {CARD[:4]} {CARD[4:8]} {CARD[8:12]} {CARD[12:16]} {CARD[16:]}",
    "邮箱 wang-private(at)example.cn",
)


def _compact(text: str) -> str:
    """Digits as a reader (or a scraper) would take them: full-width folded, separators dropped."""
    return re.sub(r"(?<=\d)[\s\-.()（）]+(?=\d)", "", unicodedata.normalize("NFKC", text))


async def test_no_public_page_or_api_reveals_contact_details(client: httpx.AsyncClient, people: Personas):
    draft_id, _, _, _ = await _hostile_comments(client)
    await post_comment(
        client, draft_id, "tiao-3", body="；".join(TYPED), name="公开署名 13911112222", show_name="1"
    )
    await Comment.filter(draft_id=draft_id).update(moderation=Moderation.PUBLISHED)  # whatever was held
    meeting = await ConsultationMeeting.create(
        liaison_point_id=people.tianhe.id,
        meeting_type=MeetingType.SYMPOSIUM,
        held_on=local_day(-1),
        place="社区服务中心",
        attendee_count=5,
        public_summary=f"居民赵某（身份证{ID_NUMBER}，电话 135-2222-3333）发言。",
        summary_public=True,
    )
    assert meeting.summary_public
    urls = [
        "/",
        "/drafts",
        f"/drafts/{draft_id}",
        f"/drafts/{draft_id}/comments",
        f"/drafts/{draft_id}/articles/tiao-3",
        f"/drafts/{draft_id}/feedback",
        "/search?q=正文",
        "/feeds/drafts.atom",
        f"/api/v1/drafts/{draft_id}",
        f"/api/v1/drafts/{draft_id}/comments",
        f"/api/v1/drafts/{draft_id}/stats",
        "/liaison-points/GZ-T-01",
    ]
    secrets = (ID_NUMBER, CARD, "13655554444", "13777776666", "02083001234", "13911112222", "13522223333")
    for url in urls:
        response = await client.get(url)
        assert response.status_code in (200, 404), url
        assert_private(response.text, url)
        assert not re.search(r"1[3-9]\d{9}", response.text), f"a mobile number on {url}"
        compact = _compact(response.text)
        for secret in secrets:
            assert secret not in compact, f"{secret} (as typed) on {url}"
        assert "wang-private" not in response.text, url
    # Not vacuous: the texts are on those pages, with the personal data masked.
    point = (await client.get("/liaison-points/GZ-T-01")).text
    assert "居民赵某（身份证［身份证号码已隐去］，电话 ［手机号码已隐去］）发言。" in point
    shown = (await client.get(f"/drafts/{draft_id}/comments")).text
    assert "卡号 ［银行卡号已隐去］" in shown and "公开署名 ［手机号码已隐去］" in shown
