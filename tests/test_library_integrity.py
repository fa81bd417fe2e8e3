"""Issue 25 in the library's services: a document is published on a completed lawful legality review
(linked then) or a stated exemption; its level comes from its issuer; it amends or repeals only what its
issuer may; a correction is a new revision that keeps the earlier one; a withdrawal has a public reason
and holds against every date-driven refresh."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from tortoise.timezone import now

from portal.models import (
    AuditEvent,
    DocumentRevision,
    DocumentStatus,
    DraftKind,
    IssuerLevel,
    LegalityReview,
    NormativeDocument,
    Opinion,
    ReviewStatus,
    Role,
    User,
)
from portal.services import library, library_reviews, library_revisions
from portal.services.library import DocumentInput, LibraryError
from portal.services.library_revisions import Correction
from tests.conftest import Personas, local_day, make_user, publish_text
from tests.library_fixtures import BACKFILLED, review

TEXT = "一、为规范停车管理，制定本办法。\n二、本办法自施行之日起施行。"
ISSUED = local_day(-400)  # in force today, whatever day the suite runs


def _input(title: str = "广州市停车管理办法", **changes: object) -> DocumentInput:
    fields: dict[str, object] = {
        "title": title,
        "issuer": "广州市交通运输局",
        "issuer_level": None,
        "issued_on": ISSUED,
        "effective_on": ISSUED + timedelta(days=30),
        "expires_on": local_day(3 * 365),
        "text": TEXT,
        **changes,
    }
    return DocumentInput(**fields)  # type: ignore[arg-type]


async def _published(
    people: Personas,
    title: str = "广州市停车管理办法",
    *,
    amends: tuple[NormativeDocument, ...] = (),
    repeals: tuple[NormativeDocument, ...] = (),
    **changes: object,
) -> NormativeDocument:
    changes.setdefault("review_exemption", BACKFILLED)
    return await library.publish(
        _input(title, **changes), actor=people.alice, ip="", amends=amends, repeals=repeals
    )


# --- 1. publication stands on a review or an exemption ---------------------------------------------


async def test_a_document_without_a_review_or_an_exemption_is_refused_citing_the_rule(db, people: Personas):
    with pytest.raises(LibraryError, match="国办发〔2018〕115号") as refused:
        await library.publish(_input(), actor=people.alice, ip="")
    assert refused.value.field == "review_id"
    with pytest.raises(LibraryError, match="至少 10 个字"):
        await library.publish(_input(review_exemption="无"), actor=people.alice, ip="")
    both = await review()
    with pytest.raises(LibraryError, match="请只选择一项"):
        await library.publish(
            _input(review_id=both.id, review_exemption=BACKFILLED), actor=people.alice, ip=""
        )
    assert await NormativeDocument.all().count() == 0


@pytest.mark.parametrize("opinion", [Opinion.LAWFUL, Opinion.LAWFUL_IF_AMENDED])
async def test_a_completed_lawful_review_is_linked_at_publication(db, people: Personas, opinion: Opinion):
    reviewed = await review(opinion=opinion)
    assert [r.id for r in await library_reviews.eligible()] == [reviewed.id]
    document = await library.publish(_input(review_id=reviewed.id), actor=people.alice, ip="")
    await reviewed.refresh_from_db()
    assert reviewed.library_document_id == document.id
    assert document.review_exemption == ""
    assert await library_reviews.publication_review(document) == reviewed
    assert await library_reviews.eligible() == []  # used once, offered no more
    event = await AuditEvent.get(action="document_published", object_id=str(document.id))
    assert event.detail["review_id"] == reviewed.id and event.actor_id == people.alice.id


@pytest.mark.parametrize(
    ("status", "opinion", "why"),
    [
        (ReviewStatus.RECEIVED, None, "尚未办结（已收件）"),
        (ReviewStatus.IN_REVIEW, None, "尚未办结（审查中）"),
        (ReviewStatus.RETURNED, None, "已退回送审单位，没有审核意见"),
        (ReviewStatus.COMPLETED, Opinion.UNLAWFUL, "审核意见为“不合法”"),
    ],
)
async def test_an_open_returned_or_unlawful_review_is_refused(
    db, people: Personas, status: ReviewStatus, opinion: Opinion | None, why: str
):
    refused = await review(status=status, opinion=opinion)
    with pytest.raises(LibraryError, match=why) as caught:
        await library.publish(_input(review_id=refused.id), actor=people.alice, ip="")
    assert "不得提交集体审议，不得发布" in str(caught.value)
    await refused.refresh_from_db()
    assert refused.library_document_id is None
    assert await NormativeDocument.all().count() == 0
    assert await library_reviews.eligible() == []


async def test_a_review_carries_one_document_only(db, people: Personas):
    reviewed = await review()
    first = await library.publish(_input(review_id=reviewed.id), actor=people.alice, ip="")
    with pytest.raises(LibraryError, match=f"已用于发布《{first.title}》（{first.unified_number}）"):
        await library.publish(_input("另一件文件", review_id=reviewed.id), actor=people.alice, ip="")
    assert await NormativeDocument.all().count() == 1


async def test_a_review_finished_after_the_issue_date_is_refused(db, people: Personas):
    finished_today = await review(completed_at=now())
    with pytest.raises(LibraryError, match=r"晚于印发日期.*合法性审核应当在文件印发之前完成"):
        await library.publish(_input(review_id=finished_today.id), actor=people.alice, ip="")


async def test_an_exemption_is_kept_and_audited(db, people: Personas):
    document = await _published(people)
    assert document.review_exemption == BACKFILLED
    assert await library_reviews.publication_review(document) is None
    event = await AuditEvent.get(action="document_published", object_id=str(document.id))
    assert event.detail["review_exemption"] == BACKFILLED and event.detail["review_id"] is None


async def test_an_adopted_draft_is_published_only_on_a_review_or_an_exemption(db, people: Personas):
    draft = await publish_text(
        TEXT,
        title="停车管理通知（征求意见稿）",
        kind=DraftKind.NORMATIVE_DOCUMENT,
        opens_days=-20,
        closes_days=-1,
    )
    adoption = library.AdoptionInput(
        issuer_level=None, issued_on=local_day(-1), effective_on=local_day(30), expires_on=None
    )
    with pytest.raises(LibraryError, match="国办发〔2018〕115号"):
        await library.publish_from_draft(draft, adoption, actor=people.leo, ip="")
    unlawful = await review(opinion=Opinion.UNLAWFUL)
    with pytest.raises(LibraryError, match="不合法"):
        await library.publish_from_draft(
            draft,
            replace(adoption, review_id=unlawful.id),
            actor=people.leo,
            ip="",
        )
    reviewed = await review()
    document = await library.publish_from_draft(
        draft,
        replace(adoption, review_id=reviewed.id),
        actor=people.leo,
        ip="",
    )
    await reviewed.refresh_from_db()
    assert reviewed.library_document_id == document.id
    assert document.issuer_level == IssuerLevel.CITY_DEPARTMENT  # 广州市测试局, by its name


# --- 3. the level comes from the issuer -----------------------------------------------------------


async def test_the_level_and_district_come_from_the_issuer_and_make_the_number(db, people: Personas):
    district = await _published(people, "天河区旧改通知", issuer="广州市天河区人民政府")
    assert (district.issuer_level, district.district) == (IssuerLevel.DISTRICT, "天河")
    assert district.unified_number == f"GZ03{ISSUED.year}0001"
    street = await _published(people, "南华西议事规则", issuer="海珠区南华西街道办事处")
    assert (street.issuer_level, street.district) == (IssuerLevel.STREET_TOWN, "海珠")
    with pytest.raises(LibraryError, match="按名称属于市政府工作部门（02）") as caught:
        await _published(people, "错层级", issuer_level=IssuerLevel.CITY_GOVERNMENT)
    assert caught.value.field == "issuer_level"
    with pytest.raises(LibraryError, match="无法根据制定机关名称判断层级"):
        await _published(people, "支队文件", issuer="广州市消防救援支队")
    chosen = await _published(
        people, "支队文件", issuer="广州市消防救援支队", issuer_level=IssuerLevel.CITY_DEPARTMENT
    )
    assert chosen.unified_number.startswith("GZ02")


# --- 2. amend or repeal: the same issuer or a higher one ------------------------------------------


async def test_a_bureau_cannot_amend_another_issuers_document(db, people: Personas):
    housing = await _published(people, "住建局电梯办法", issuer="广州市住房和城乡建设局")
    with pytest.raises(LibraryError) as refused:
        await _published(people, "交通局修改决定", amends=(housing,))
    message = str(refused.value)
    assert "“广州市交通运输局”无权修改“广州市住房和城乡建设局”制定的《住建局电梯办法》" in message
    assert refused.value.field == "amends"
    assert await NormativeDocument.filter(title="交通局修改决定").count() == 0
    await housing.refresh_from_db()
    assert housing.status == DocumentStatus.IN_FORCE


async def test_the_city_government_repeals_a_departments_document(db, people: Personas):
    transport = await _published(people)
    repeal = await _published(
        people,
        "市政府废止决定",
        issuer="广州市人民政府",
        effective_on=ISSUED + timedelta(days=60),
        repeals=(transport,),
    )
    await transport.refresh_from_db()
    assert repeal.issuer_level == IssuerLevel.CITY_GOVERNMENT
    assert transport.status == DocumentStatus.REPEALED
    with pytest.raises(LibraryError, match="无权废止"):
        await _published(people, "交通局废止市政府决定", repeals=(repeal,))


# --- 4. corrections --------------------------------------------------------------------------------


def _correction(document: NormativeDocument, **changes: object) -> Correction:
    fields: dict[str, object] = {
        "title": document.title,
        "doc_number": document.doc_number,
        "issuer_level": None,
        "district": document.district,
        "issued_on": document.issued_on,
        "effective_on": document.effective_on,
        "expires_on": document.expires_on,
        "text": document.text,
        "interpretation": document.interpretation,
        "note": "更正标题中的错字。",
        **changes,
    }
    return Correction(**fields)  # type: ignore[arg-type]


async def test_a_correction_is_a_new_revision_that_keeps_the_earlier_one(db, people: Personas):
    document = await _published(people, "广州市停车管里办法", doc_number="穗交规〔2024〕1号")
    number = document.unified_number
    later = local_day(20)
    await library_revisions.correct(
        document,
        _correction(
            document,
            title="广州市停车管理办法",
            effective_on=later,
            text=TEXT.replace("停车管理", "机动车停放管理"),
            note="更正标题错字“管里”为“管理”，施行日期按印发稿更正。",
        ),
        actor=people.alice,
        ip="203.0.113.7",
    )
    stored = await NormativeDocument.get(id=document.id)
    assert (stored.title, stored.unified_number, stored.revision) == ("广州市停车管理办法", number, 2)
    assert stored.status == DocumentStatus.PENDING  # the corrected effective date is ahead
    kept = await DocumentRevision.get(document_id=document.id)
    assert kept.number == 1 and kept.snapshot["title"] == "广州市停车管里办法"
    assert (
        kept.snapshot["text"] == TEXT
        and kept.snapshot["effective_on"] == (ISSUED + timedelta(days=30)).isoformat()
    )
    assert kept.note.startswith("更正标题错字")
    found = await library.public_page(library.LibraryFilter(query="机动车停放"))
    assert [d.id for d in found.items] == [document.id]  # re-indexed
    event = await AuditEvent.get(action="document_corrected")
    assert event.detail["revision"] == 2
    assert event.detail["changed"]["title"] == {"from": "广州市停车管里办法", "to": "广州市停车管理办法"}
    assert event.detail["changed"]["text"] == "changed"
    record = await library_revisions.public_record(stored)
    assert [(r.number, r.changed) for r in record.revisions] == [(1, ["标题", "施行日期", "全文"])]


async def test_a_correction_needs_a_note_and_a_change(db, people: Personas):
    document = await _published(people)
    with pytest.raises(LibraryError, match="请写明更正了什么、为什么更正") as no_note:
        await library_revisions.correct(
            document, _correction(document, title="新标题", note=" "), actor=people.alice, ip=""
        )
    assert no_note.value.field == "note"
    with pytest.raises(LibraryError, match="没有需要更正的地方"):
        await library_revisions.correct(document, _correction(document), actor=people.alice, ip="")
    with pytest.raises(LibraryError, match="按名称属于市政府工作部门"):
        await library_revisions.correct(
            document,
            _correction(document, issuer_level=IssuerLevel.DISTRICT, district="天河"),
            actor=people.alice,
            ip="",
        )
    assert await DocumentRevision.all().count() == 0
    assert (await NormativeDocument.get(id=document.id)).revision == 1


# --- 5. withdrawal ---------------------------------------------------------------------------------


async def test_a_withdrawn_document_stays_withdrawn_whatever_the_date(db, people: Personas):
    document = await _published(people)
    await library_revisions.withdraw(
        document, "发现与上位法不一致，制定机关决定撤回。", actor=people.alice, ip=""
    )
    stored = await NormativeDocument.get(id=document.id)
    assert stored.status == DocumentStatus.WITHDRAWN and stored.withdrawn_at is not None
    assert stored.withdrawn_reason == "发现与上位法不一致，制定机关决定撤回。"
    assert await library.refresh_status(stored) == DocumentStatus.WITHDRAWN
    assert await library.refresh_all(local_day(10 * 365)) == 0
    assert (await NormativeDocument.get(id=document.id)).status == DocumentStatus.WITHDRAWN
    in_force = await library.public_page(library.LibraryFilter(status=DocumentStatus.IN_FORCE))
    assert in_force.total == 0
    event = await AuditEvent.get(action="document_withdrawn")
    assert event.detail["reason"] == stored.withdrawn_reason and event.detail["was"] == "in_force"
    with pytest.raises(LibraryError, match="不能再更正"):
        await library_revisions.correct(stored, _correction(stored, title="改"), actor=people.alice, ip="")
    with pytest.raises(LibraryError, match="已被制定机关撤回，不能再被修改"):
        await _published(people, "修改已撤回的", amends=(stored,))


async def test_a_withdrawn_document_no_longer_repeals_another(db, people: Personas):
    old = await _published(people, "旧办法")
    repeal = await _published(people, "废止决定", effective_on=ISSUED + timedelta(days=60), repeals=(old,))
    await old.refresh_from_db()
    assert old.status == DocumentStatus.REPEALED
    await library_revisions.withdraw(repeal, "废止决定依据有误，予以撤回。", actor=people.alice, ip="")
    await old.refresh_from_db()
    assert old.status == DocumentStatus.IN_FORCE


async def test_a_withdrawal_needs_a_reason_and_a_document_still_in_force(db, people: Personas):
    document = await _published(people)
    with pytest.raises(LibraryError, match="请写明撤回理由") as caught:
        await library_revisions.withdraw(document, "  ", actor=people.alice, ip="")
    assert caught.value.field == "reason"
    expired = await _published(
        people,
        "已失效的",
        issued_on=local_day(-3000),
        effective_on=local_day(-2990),
        expires_on=local_day(-10),
    )
    with pytest.raises(LibraryError, match="文件已失效，不再有效，无需撤回"):
        await library_revisions.withdraw(expired, "测试撤回已失效文件。", actor=people.alice, ip="")
    assert await NormativeDocument.filter(status=DocumentStatus.WITHDRAWN).count() == 0


# --- 6. who may correct or withdraw ----------------------------------------------------------------


async def _staff(username: str, role: Role, organisation: str) -> User:
    user = await make_user(username, role)
    user.organisation = organisation
    await user.save()
    return user


async def test_only_the_issuers_publishing_staff_or_an_admin_may_correct_or_withdraw(db, people: Personas):
    document = await _published(people)
    assert library_revisions.may_change(people.alice, document)
    assert library_revisions.may_change(await _staff("tina", Role.LEGISLATOR, "广州市交通运输局"), document)
    assert library_revisions.may_change(await _staff("tim", Role.REVIEWER, "市交通运输局"), document)
    assert not library_revisions.may_change(people.leo, document)  # no unit registered
    assert not library_revisions.may_change(
        await _staff("hank", Role.LEGISLATOR, "广州市住房和城乡建设局"), document
    )
    assert not library_revisions.may_change(
        await _staff("otto", Role.ORGANIZER, "广州市交通运输局"), document
    )


async def test_linked_reviews_of_other_documents_do_not_count_as_the_publication_review(db, people: Personas):
    document = await _published(people)
    later = await review(completed_at=now())  # a review of the document after it was published
    await LegalityReview.filter(id=later.id).update(library_document_id=document.id)
    assert await library_reviews.publication_review(document) is None
