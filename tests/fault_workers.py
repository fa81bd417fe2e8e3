"""Separate processes for the fault tests (tests/test_faults_*.py): each is a real OS process with its
own database connection, started with ``python -m tests.fault_workers COMMAND DATABASE_URL …``.

- ``setup URL``: migrate the database and create a liaison point, an open draft and a hearing with
  registration open; prints ``{"draft": id, "hearing": id}``.
- ``write URL DRAFT HEARING TAG COMMENTS OBSERVERS START``: wait until the time START, then submit
  COMMENTS comments and register OBSERVERS hearing observers; prints what was stored and every error.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
import zlib
from datetime import timedelta

from tortoise import Tortoise
from tortoise.timezone import now

from portal import db
from portal.models import Hearing, LiaisonPoint, Role, Stance
from portal.services import comments
from portal.services.hearing import service as hearings

OBSERVER_SEATS = 7
CATEGORY = "利害关系人"


async def setup(url: str) -> dict[str, int]:
    from tests.conftest import make_user, publish_text

    await db.apply_migrations(url)
    await Tortoise.init(config=db.tortoise_config(url))
    try:
        await LiaisonPoint.create(
            code="GZ-T-01", name="猎德街道基层立法联系点", district="天河", host_organisation="猎德街道办事处"
        )
        olga = await make_user("olga", Role.ORGANIZER)
        draft = await publish_text()
        start = now() + timedelta(days=20)
        hearing = await hearings.schedule(
            hearings.HearingInput(
                title="停车收费标准调整听证会",
                matter="中心城区路内停车收费标准",
                starts_at=start,
                ends_at=start + timedelta(hours=3),
                venue="市政府礼堂",
                registration_opens_at=now() - timedelta(hours=1),
                registration_closes_at=start - timedelta(days=8),
                seats={CATEGORY: {"speakers": 1, "observers": OBSERVER_SEATS}},
            ),
            actor=olga,
            ip="",
        )
        await hearings.publish_notice(hearing, actor=olga, ip="")
        return {"draft": draft.id, "hearing": hearing.id}
    finally:
        await Tortoise.close_connections()


async def write(
    url: str, draft_id: int, hearing_id: int, tag: str, n_comments: int, n_observers: int, start: float
) -> dict[str, list[str]]:
    from portal.models import Draft

    await Tortoise.init(config=db.tortoise_config(url))
    stored: list[str] = []
    registered: list[str] = []
    errors: list[str] = []
    try:
        draft = await Draft.get(id=draft_id)
        hearing = await Hearing.get(id=hearing_id)
        await asyncio.sleep(max(0.0, start - time.time()))
        for i in range(max(n_comments, n_observers)):
            if i < n_comments:
                try:
                    comment, _ = await comments.submit(
                        draft,
                        comments.CommentInput(
                            body=f"并发写入的意见 {tag}-{i}", stance=Stance.AMEND, submission_key=f"{tag}-{i}"
                        ),
                    )
                    stored.append(comment.receipt_code)
                except Exception as exc:
                    errors.append(f"comment {tag}-{i}: {exc!r}")
            if i < n_observers:
                try:
                    registration = await hearings.register(
                        hearing,
                        hearings.RegistrationInput(
                            name=f"旁听人{tag}{i}",
                            phone=f"139{zlib.crc32(tag.encode()) % 10000:04d}{i:04d}",
                            category=CATEGORY,
                            role="observer",
                        ),
                    )
                    registered.append(registration.code)
                except Exception as exc:
                    errors.append(f"observer {tag}-{i}: {exc!r}")
    finally:
        await Tortoise.close_connections()
    return {"receipts": stored, "registrations": registered, "errors": errors}


def main(argv: list[str]) -> None:
    command, url, *rest = argv
    if command == "setup":
        result: object = asyncio.run(setup(url))
    elif command == "write":
        draft, hearing, tag, n_comments, n_observers, start = rest
        result = asyncio.run(
            write(url, int(draft), int(hearing), tag, int(n_comments), int(n_observers), float(start))
        )
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
