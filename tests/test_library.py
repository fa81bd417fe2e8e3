"""Normative-document library: unified numbers unique and sequential per issuer and year (also when
published at once, and never reused), and validity computed from dates, amendments and repeals."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from portal.models import DocumentStatus, IssuerLevel, NormativeDocument
from portal.services import library
from portal.services.library import DocumentInput, LibraryError
from tests.conftest import Personas
from tests.library_fixtures import BACKFILLED

TEXT = "一、为规范管理，制定本办法。\n二、本办法自印发之日起施行。"


def _input(title: str = "广州市某管理办法", **changes: object) -> DocumentInput:
    fields: dict[str, object] = {
        "title": title,
        "issuer": "广州市住房和城乡建设局",
        "issuer_level": IssuerLevel.CITY_DEPARTMENT,
        "issued_on": date(2020, 3, 1),
        "effective_on": date(2020, 4, 1),
        "expires_on": date(2025, 3, 31),
        "text": TEXT,
        "review_exemption": BACKFILLED,  # documents of 2020: entered before reviews were registered here
        **changes,
    }
    return DocumentInput(**fields)  # type: ignore[arg-type]


async def test_numbers_run_per_issuer_level_and_year(db, people: Personas):
    first = await library.publish(_input("甲"), actor=people.alice, ip="")
    second = await library.publish(_input("乙"), actor=people.alice, ip="")
    city = await library.publish(
        _input("丙", issuer="广州市人民政府", issuer_level=IssuerLevel.CITY_GOVERNMENT),
        actor=people.alice,
        ip="",
    )
    next_year = await library.publish(
        _input("丁", issued_on=date(2021, 1, 5), effective_on=date(2021, 2, 1)), actor=people.alice, ip=""
    )
    assert [first.unified_number, second.unified_number] == ["GZ0220200001", "GZ0220200002"]
    assert city.unified_number == "GZ0120200001" and next_year.unified_number == "GZ0220210001"


async def test_concurrent_publication_gives_consecutive_unique_numbers(db, people: Personas):
    made = await asyncio.gather(
        *(library.publish(_input(f"文件{i}"), actor=people.alice, ip="") for i in range(8))
    )
    numbers = sorted(d.unified_number for d in made)
    assert numbers == [f"GZ022020{i:04d}" for i in range(1, 9)]


async def test_a_number_is_never_reused(db, people: Personas):
    gone = await library.publish(_input("撤回的"), actor=people.alice, ip="")
    await gone.delete()
    again = await library.publish(_input("新的"), actor=people.alice, ip="")
    assert again.unified_number == "GZ0220200002"


async def test_bad_dates_are_refused_in_chinese(db, people: Personas):
    with pytest.raises(LibraryError, match="施行日期不能早于印发日期"):
        await library.publish(_input(effective_on=date(2020, 2, 1)), actor=people.alice, ip="")
    with pytest.raises(LibraryError, match="有效期届满日期应晚于施行日期"):
        await library.publish(_input(expires_on=date(2020, 4, 1)), actor=people.alice, ip="")
    assert await NormativeDocument.all().count() == 0


async def test_status_follows_dates_amendments_and_repeals(db, people: Personas):
    base = await library.publish(_input("原办法"), actor=people.alice, ip="")
    assert await library.refresh_status(base, date(2020, 3, 15)) == DocumentStatus.PENDING
    assert await library.refresh_status(base, date(2021, 1, 1)) == DocumentStatus.IN_FORCE
    assert await library.refresh_status(base, date(2025, 4, 1)) == DocumentStatus.EXPIRED

    amending = await library.publish(
        _input("修改决定", issued_on=date(2022, 5, 1), effective_on=date(2022, 6, 1)),
        actor=people.alice,
        ip="",
        amends=[base],
    )
    assert await library.refresh_status(base, date(2022, 5, 15)) == DocumentStatus.IN_FORCE
    assert await library.refresh_status(base, date(2022, 6, 1)) == DocumentStatus.AMENDED
    await library.publish(
        _input("废止决定", issued_on=date(2023, 1, 1), effective_on=date(2023, 1, 1), expires_on=None),
        actor=people.alice,
        ip="",
        repeals=[base],
    )
    assert await library.refresh_status(base, date(2023, 1, 2)) == DocumentStatus.REPEALED
    stored = await NormativeDocument.get(id=base.id)
    assert stored.status == DocumentStatus.REPEALED  # marked on the document itself
    assert amending.status == DocumentStatus.EXPIRED  # its own five years ran out in 2025


async def test_the_daily_refresh_moves_documents_past_their_expiry(db, people: Personas):
    doc = await library.publish(_input("到期的"), actor=people.alice, ip="")
    await library.refresh_all(date(2024, 1, 1))
    assert (await NormativeDocument.get(id=doc.id)).status == DocumentStatus.IN_FORCE
    assert await library.refresh_all(date(2025, 4, 1)) == 1
    assert (await NormativeDocument.get(id=doc.id)).status == DocumentStatus.EXPIRED
