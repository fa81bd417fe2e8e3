"""iCalendar (RFC 5545) files for hearings, written with the icalendar library. Text goes in without
the control characters RFC 5545 excludes (services.plaintext)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from icalendar import Calendar, Event

from portal.models import Hearing, HearingStatus
from portal.services import plaintext
from portal.services.calendar import LOCAL_TZ


def build(hearings: Iterable[Hearing], *, base_url: str) -> bytes:
    base = base_url.rstrip("/")
    calendar = Calendar()
    calendar.add("prodid", "-//legislative-participation-portal//hearings//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "听证会日程")
    for hearing in hearings:
        event = Event()
        event.add("uid", f"hearing-{hearing.id}@{base.split('://')[-1]}")
        event.add("summary", plaintext.clean(hearing.title))
        event.add("dtstart", hearing.starts_at.astimezone(LOCAL_TZ))
        event.add("dtend", hearing.ends_at.astimezone(LOCAL_TZ))
        event.add("dtstamp", hearing.notice_published_at or hearing.created_at)
        event.add("location", plaintext.clean(hearing.venue))
        event.add("url", f"{base}/hearings/{hearing.id}")
        matter = plaintext.clean(hearing.matter)  # no control character in a calendar file (RFC 5545)
        lines = [f"听证事项：{matter}", f"详情与报名：{base}/hearings/{hearing.id}"]
        if hearing.registration_closed_early_at is not None:
            lines.append(
                f"报名已于 {_local(hearing.registration_closed_early_at)} 提前截止"
                f"（原定截止时间 {_local(hearing.registration_closes_at)}），"
                f"理由：{plaintext.clean(hearing.registration_closed_early_reason)}"
            )
        event.add("description", "\n".join(lines))
        if hearing.status == HearingStatus.CANCELLED:
            event.add("status", "CANCELLED")
        elif hearing.status == HearingStatus.POSTPONED:
            event.add("status", "TENTATIVE")
        else:
            event.add("status", "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()  # a VTIMEZONE for Asia/Shanghai, so every client agrees
    return bytes(calendar.to_ical())


def _local(moment: datetime) -> str:
    return f"{moment.astimezone(LOCAL_TZ):%Y年%m月%d日 %H:%M}"
