"""Demo library: about fifty normative documents across bodies and years, one amended, one repealed,
some expired and some expiring within 90 days. Documents of the last two years are published on a
completed legality review of their own; older ones were entered afterwards, with that stated as the
reason they carry no review on the platform."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from portal.models import DocumentStatus, IssuerLevel, NormativeDocument, User
from portal.services import demo_reviews, library
from portal.services.calendar import today
from portal.services.demo_decisions import demo_pdf
from portal.services.library import DocumentInput

REVIEWED_DAYS = 730  # documents issued since then went through the review desk on the platform
BACKFILLED = (
    "本文件印发于本平台启用合法性审核登记之前，系历史文件补录入库；"
    "其合法性审核材料由制定机关存档，未在本平台登记。"
)

BODIES = (
    ("广州市人民政府办公厅", IssuerLevel.CITY_GOVERNMENT, "", "穗府办规"),
    ("广州市住房和城乡建设局", IssuerLevel.CITY_DEPARTMENT, "", "穗建规字"),
    ("广州市交通运输局", IssuerLevel.CITY_DEPARTMENT, "", "穗交运规字"),
    ("广州市市场监督管理局", IssuerLevel.CITY_DEPARTMENT, "", "穗市监规字"),
    ("广州市天河区人民政府", IssuerLevel.DISTRICT, "天河", "穗天府规"),
    ("广州市番禺区人民政府", IssuerLevel.DISTRICT, "番禺", "番府规"),
)
SUBJECTS = (
    ("停车场管理", "交通"),
    ("既有住宅增设电梯", "城建"),
    ("个体工商户登记", "市场监管"),
    ("城中村改造", "城建"),
    ("公共租赁住房保障", "住房"),
    ("网络预约出租汽车经营服务", "交通"),
)


def _text(subject: str) -> str:
    return (
        f"关于{subject}的管理办法\n\n"
        "一、总则\n为规范相关管理工作，保障公民、法人和其他组织的合法权益，根据有关法律法规，制定本办法。\n\n"
        "二、职责分工\n（一）主管部门负责统筹协调。\n（二）各区人民政府负责本辖区内的具体实施。\n\n"
        "三、监督管理\n主管部门应当建立健全监督检查制度，依法查处违法行为。\n\n"
        "四、附则\n本办法自施行之日起有效期五年。\n"
    )


async def _publish(
    data: DocumentInput,
    actor: User,
    reviewer: User,
    upload_dir: Path | None,
    **relations: list[NormativeDocument],
) -> NormativeDocument:
    """Publish on a review completed before the issue date, or, for an old document, as backfilled."""
    if data.issued_on >= today() - timedelta(days=REVIEWED_DAYS):
        review = await demo_reviews.completed(data.title, data.issuer, data.issued_on, reviewer, upload_dir)
        data = replace(data, review_id=review.id)
    else:
        data = replace(data, review_exemption=BACKFILLED)
    return await library.publish(data, actor=actor, ip="", **relations)


async def seed(actor: User | None, upload_dir: Path | None = None, *, reviewer: User | None = None) -> int:
    if actor is None or await NormativeDocument.exists():
        return 0
    reviewer = reviewer or actor
    made: list[NormativeDocument] = []
    now_day = today()
    n = 0
    for year in range(2019, now_day.year + 1):
        for body, level, district, prefix in BODIES:
            subject, topic = SUBJECTS[n % len(SUBJECTS)]
            n += 1
            issued = date(year, 1 + (n * 5) % 12, 1 + n % 27)
            if issued > now_day:
                continue
            effective = issued + timedelta(days=30)
            years = 3 if n % 3 == 0 else 5
            made.append(
                await _publish(
                    DocumentInput(
                        title=f"{body.removeprefix('广州市')}关于{subject}的管理办法",
                        issuer=body,
                        issuer_level=level,
                        district=district,
                        topic=topic,
                        doc_number=f"{prefix}〔{year}〕{n}号",
                        issued_on=issued,
                        effective_on=effective,
                        expires_on=effective.replace(year=effective.year + years) - timedelta(days=1),
                        text=_text(subject),
                        interpretation=f"本办法主要明确{subject}的职责分工和监督管理要求。",
                    ),
                    actor,
                    reviewer,
                    upload_dir,
                )
            )
    soon = now_day + timedelta(days=45)
    expiring = await _publish(
        DocumentInput(
            title="广州市交通运输局关于共享电单车管理的通知",
            issuer="广州市交通运输局",
            issuer_level=IssuerLevel.CITY_DEPARTMENT,
            topic="交通",
            doc_number=f"穗交运规字〔{soon.year - 3}〕9号",
            issued_on=date(soon.year - 3, soon.month, 1),
            effective_on=date(soon.year - 3, soon.month, 1),
            expires_on=soon,
            text=_text("共享电单车"),
        ),
        actor,
        reviewer,
        upload_dir,
    )
    made.append(expiring)
    form = await demo_pdf("申请表.pdf", actor, upload_dir)
    await library.attach(expiring, form, "附件1 申请表", actor=actor, ip="")
    in_force = [d for d in made if d.status == DocumentStatus.IN_FORCE and d is not expiring]
    first, second = in_force[0], made[1]
    amend_day = now_day - timedelta(days=60)
    await _publish(
        DocumentInput(
            title=f"关于修改《{first.title}》的决定",
            issuer=first.issuer,
            issuer_level=first.issuer_level,
            topic=first.topic,
            issued_on=amend_day - timedelta(days=20),
            effective_on=amend_day,
            expires_on=first.expires_on,
            text="一、将第二条修改为：主管部门负责统筹协调和监督检查。\n\n二、本决定自施行之日起生效。\n",
        ),
        actor,
        reviewer,
        upload_dir,
        amends=[first],
    )
    await _publish(
        DocumentInput(
            title=f"关于废止《{second.title}》的决定",
            issuer=second.issuer,
            issuer_level=second.issuer_level,
            topic=second.topic,
            issued_on=date(2021, 3, 1),
            effective_on=date(2021, 3, 1),
            text="一、决定废止该文件。\n\n二、本决定自印发之日起施行。\n",
        ),
        actor,
        reviewer,
        upload_dir,
        repeals=[second],
    )
    return len(made) + 2
