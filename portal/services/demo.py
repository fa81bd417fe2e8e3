"""Demo data: what a visitor of a fresh install sees — Guangzhou's 22 liaison points and one user per role.

Idempotent: points are matched by code and users by username, so running it twice changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from tortoise.timezone import now
from tortoise.transactions import in_transaction

from portal.models import Draft, DraftKind, GovLevel, LiaisonPoint, Role, User
from portal.services import (
    accounts,
    demo_comments,
    demo_decisions,
    demo_hearings,
    demo_library,
    demo_reviews,
    drafts,
)
from portal.services.calendar import local_date
from portal.services.drafting.numerals import cn_to_int, int_to_cn
from portal.settings import DEFAULT_SECRET_KEY

DEMO_PASSWORD = "Demo-2026-portal"


@dataclass(frozen=True)
class PointSeed:
    code: str
    district: str
    name: str
    host: str
    address: str
    phone: str
    intro: str


# Two points in each of Guangzhou's 11 districts: streets, towns, a university, a bar association,
# an industrial park — the mix of hosts the city's liaison network actually has.
POINTS: tuple[PointSeed, ...] = (
    PointSeed(
        "GZ-YX-01",
        "越秀",
        "北京街道基层立法联系点",
        "越秀区北京街道办事处",
        "越秀区北京路 123 号",
        "020-83001201",
        "位于老城区商业中心，联系辖区居民、个体工商户和历史文化街区商户。",
    ),
    PointSeed(
        "GZ-YX-02",
        "越秀",
        "广州市律师协会基层立法联系点",
        "广州市律师协会",
        "越秀区东风中路 437 号",
        "020-83002202",
        "组织执业律师就法规草案的可操作性和法律责任条款提出专业意见。",
    ),
    PointSeed(
        "GZ-HZ-01",
        "海珠",
        "南华西街道基层立法联系点",
        "海珠区南华西街道办事处",
        "海珠区南华西路 88 号",
        "020-84001301",
        "联系老城社区居民、长者和社区社会组织。",
    ),
    PointSeed(
        "GZ-HZ-02",
        "海珠",
        "中山大学法学院基层立法联系点",
        "中山大学法学院",
        "海珠区新港西路 135 号",
        "020-84002302",
        "依托高校法学专家开展立法论证和条文评估。",
    ),
    PointSeed(
        "GZ-LW-01",
        "荔湾",
        "沙面街道基层立法联系点",
        "荔湾区沙面街道办事处",
        "荔湾区沙面北街 45 号",
        "020-81001401",
        "关注历史建筑保护、文化旅游和社区治理方面的立法。",
    ),
    PointSeed(
        "GZ-LW-02",
        "荔湾",
        "逢源街道基层立法联系点",
        "荔湾区逢源街道办事处",
        "荔湾区逢源路 160 号",
        "020-81002402",
        "以社区议事厅为阵地，收集养老服务和社区微改造意见。",
    ),
    PointSeed(
        "GZ-TH-01",
        "天河",
        "猎德街道基层立法联系点",
        "天河区猎德街道办事处",
        "天河区猎德大道 40 号",
        "020-38001501",
        "联系中央商务区企业、新市民和城中村改造居民。",
    ),
    PointSeed(
        "GZ-TH-02",
        "天河",
        "石牌街道基层立法联系点",
        "天河区石牌街道办事处",
        "天河区石牌东路 12 号",
        "020-38002502",
        "辖区高校和科研院所集中，注重听取师生和科技工作者意见。",
    ),
    PointSeed(
        "GZ-BY-01",
        "白云",
        "京溪街道基层立法联系点",
        "白云区京溪街道办事处",
        "白云区京溪路 2 号",
        "020-36001601",
        "联系外来务工人员、物流企业和社区居民。",
    ),
    PointSeed(
        "GZ-BY-02",
        "白云",
        "广东外语外贸大学基层立法联系点",
        "广东外语外贸大学法学院",
        "白云区白云大道北 2 号",
        "020-36002602",
        "发挥涉外法治研究优势，对营商环境和涉外条款提出意见。",
    ),
    PointSeed(
        "GZ-HP-01",
        "黄埔",
        "红山街道基层立法联系点",
        "黄埔区红山街道办事处",
        "黄埔区红山三路 66 号",
        "020-82001701",
        "联系港口、制造业企业职工和社区居民。",
    ),
    PointSeed(
        "GZ-HP-02",
        "黄埔",
        "广州开发区企业服务中心基层立法联系点",
        "广州开发区企业服务中心",
        "黄埔区开创大道 2555 号",
        "020-82002702",
        "面向高新技术企业收集市场主体对法规规章的意见。",
    ),
    PointSeed(
        "GZ-PY-01",
        "番禺",
        "市桥街道基层立法联系点",
        "番禺区市桥街道办事处",
        "番禺区市桥清河东路 8 号",
        "020-34001801",
        "联系中心城区居民、商户和学校家长。",
    ),
    PointSeed(
        "GZ-PY-02",
        "番禺",
        "大石街道基层立法联系点",
        "番禺区大石街道办事处",
        "番禺区大石105国道大石段 201 号",
        "020-34002802",
        "关注交通出行、住宅小区管理和流动人口服务。",
    ),
    PointSeed(
        "GZ-HD-01",
        "花都",
        "新华街道基层立法联系点",
        "花都区新华街道办事处",
        "花都区新华路 55 号",
        "020-86001901",
        "联系汽车产业园区职工和城区居民。",
    ),
    PointSeed(
        "GZ-HD-02",
        "花都",
        "狮岭镇基层立法联系点",
        "花都区狮岭镇人民政府",
        "花都区狮岭镇金狮大道 18 号",
        "020-86002902",
        "皮革皮具产业集聚，重点收集中小企业和个体经营者意见。",
    ),
    PointSeed(
        "GZ-NS-01",
        "南沙",
        "南沙街道基层立法联系点",
        "南沙区南沙街道办事处",
        "南沙区进港大道 9 号",
        "020-39001011",
        "位于自贸试验区，联系港澳青年创业者和跨境企业。",
    ),
    PointSeed(
        "GZ-NS-02",
        "南沙",
        "黄阁镇基层立法联系点",
        "南沙区黄阁镇人民政府",
        "南沙区黄阁镇市南公路 2 号",
        "020-39002012",
        "联系农村集体经济组织、渔民和汽车产业职工。",
    ),
    PointSeed(
        "GZ-CH-01",
        "从化",
        "街口街道基层立法联系点",
        "从化区街口街道办事处",
        "从化区河滨北路 108 号",
        "020-87001021",
        "关注流溪河流域保护、乡村旅游和生态补偿。",
    ),
    PointSeed(
        "GZ-CH-02",
        "从化",
        "温泉镇基层立法联系点",
        "从化区温泉镇人民政府",
        "从化区温泉镇温泉东路 3 号",
        "020-87002022",
        "联系山区村民、民宿经营者和生态保护志愿者。",
    ),
    PointSeed(
        "GZ-ZC-01",
        "增城",
        "荔城街道基层立法联系点",
        "增城区荔城街道办事处",
        "增城区荔城大道 1 号",
        "020-82701031",
        "联系城区居民和荔枝种植专业合作社。",
    ),
    PointSeed(
        "GZ-ZC-02",
        "增城",
        "新塘镇基层立法联系点",
        "增城区新塘镇人民政府",
        "增城区新塘镇港口大道 318 号",
        "020-82702032",
        "牛仔服装产业集聚，重点听取企业、外来务工人员意见。",
    ),
)


@dataclass(frozen=True)
class UserSeed:
    username: str
    display_name: str
    roles: tuple[Role, ...]
    point_code: str | None = None


USERS: tuple[UserSeed, ...] = (
    UserSeed("admin", "系统管理员", (Role.ADMIN,)),
    UserSeed("liaison", "北京街道联系点 陈敏", (Role.LIAISON,), "GZ-YX-01"),
    UserSeed("legislator", "市人大法工委 李卫国", (Role.LEGISLATOR,)),
    UserSeed("organizer", "市住房城乡建设局 王芳", (Role.ORGANIZER,)),
    UserSeed("moderator", "内容审核 张琳", (Role.MODERATOR,)),
    UserSeed("reviewer", "市司法局 合法性审查员 周婷", (Role.REVIEWER,)),
)


CORPUS = Path(__file__).resolve().parent.parent / "corpus"

NORMATIVE_DEMO_TEXT = """广州市关于规范电动自行车停放充电管理的通知（征求意见稿）

各区人民政府，市政府各部门、各直属机构：

为加强电动自行车停放充电安全管理，预防和减少火灾事故，保障人民群众生命财产安全，现就有关事项通知如下：

一、明确管理责任
（一）各区人民政府负责统筹本辖区电动自行车停放充电场所的规划建设和安全监管。
（二）物业服务人应当在物业服务区域内设置电动自行车集中停放充电场所，并落实日常巡查。

二、规范停放充电行为
（一）禁止在建筑物首层门厅、楼梯间、共用走道以及安全出口处停放电动自行车或者为其充电。
（二）禁止私拉电线和插座为电动自行车充电。
（三）鼓励使用具备定时断电、充满自停功能的智能充电设施。

三、加快充电设施建设
住宅小区、城中村、商业区应当按照需求配建电动自行车集中充电设施，已建成区域应当在本通知印发后一年内完成补建。

四、加强监督检查
消防救援机构、街道办事处应当定期开展联合检查，对违反本通知的行为依法予以处理。

五、本通知自印发之日起施行，有效期五年。
"""


@dataclass(frozen=True)
class DraftSeed:
    title: str
    kind: DraftKind
    body: str
    summary: str
    source: str  # a corpus file name, or "" for NORMATIVE_DEMO_TEXT
    # Days from today: when the (last) window opened and when it closes; negative = in the past.
    opens: int
    closes: int
    market_related: bool = False
    earlier_version: bool = False  # publish an older text first, so the compare page has two versions
    points: tuple[str, ...] = ()  # liaison points assigned to gather opinions on this draft
    level: GovLevel = GovLevel.CITY
    district: str = ""
    text: str = ""  # the text itself, for the district and street drafts not in the corpus


TIANHE_RESETTLEMENT_TEXT = """天河区城中村改造安置补偿方案（征求意见稿）

第一条 为了规范本区城中村改造中的安置补偿工作，保障被搬迁人的合法权益，结合本区实际，制定本方案。

第二条 本方案适用于本区行政区域内纳入城市更新年度计划的城中村改造项目。

第三条 安置补偿可以选择产权置换、货币补偿或者两者相结合的方式，由被搬迁人自愿选择。

第四条 产权置换的安置房应当就近建设，原则上在改造范围内或者相邻地块安排，并优先建设、优先交付。

第五条 临时安置费按照被搬迁房屋的合法面积和本区同类房屋的租金水平计算，逐月发放至安置房交付之日起六个月止。

第六条 区住房和建设部门应当公开补偿标准、安置房源和签约进度，接受村民和社会监督。

第七条 本方案自印发之日起施行。
"""

NANHUAXI_RULES_TEXT = """南华西街道老旧小区微改造居民议事规则（征求意见稿）

一、议事范围
老旧小区微改造的改造内容、设计方案、施工安排和后续管养，应当提交居民议事会讨论。

二、议事组织
（一）居民议事会由社区居民委员会召集，业主代表、租户代表、物业服务人和辖区单位代表参加。
（二）议事会每季度至少召开一次，必要时可以临时召开。

三、议事程序
议题应当提前七日在小区公告栏和社区公众号公示，议事结果应当在会后三日内公布。

四、监督与反馈
街道办事处应当在改造完成后组织居民评议，评议结果作为后续改造项目安排的依据。

五、本规则自印发之日起施行。
"""

DRAFTS: tuple[DraftSeed, ...] = (
    DraftSeed(
        "广州市幼儿园条例（修订草案征求意见稿）",
        DraftKind.LOCAL_REGULATION,
        "广州市教育局",
        "修订草案围绕幼儿园规划建设、办园条件、保育教育、安全管理和经费保障作出规定，欢迎社会各界提出意见。",
        "guangzhou-youeryuan-tiaoli-2021",
        opens=-5,
        closes=32,
    ),
    DraftSeed(
        "广州市流溪河流域保护条例（修正草案）",
        DraftKind.LOCAL_REGULATION,
        "广州市水务局",
        "修正草案根据第一轮征求意见情况，增加了流域信息共享的规定，并调整了流域管理体制的表述。",
        "guangzhou-liuxihe-liuyu-baohu-tiaoli-2021",
        opens=-3,
        closes=28,
        earlier_version=True,
    ),
    DraftSeed(
        "广东省优化营商环境条例（草案）",
        DraftKind.LOCAL_REGULATION,
        "广东省发展和改革委员会（受省人大常委会法工委委托，由本市基层立法联系点征集意见）",
        "草案对市场主体保护、政务服务、监管执法和法治保障作出规定。本市各基层立法联系点同步征集意见。",
        "guangdong-youhua-yingshang-huanjing-tiaoli-2022",
        opens=-10,
        closes=21,
        market_related=True,
        points=("GZ-HP-02", "GZ-YX-02", "GZ-BY-02"),
    ),
    DraftSeed(
        "广州市慈善促进条例（草案）",
        DraftKind.LOCAL_REGULATION,
        "广州市民政局",
        "草案规范慈善组织、慈善募捐、慈善信托和志愿服务，征求意见已结束，意见正在整理中。",
        "guangzhou-cishan-cujin-tiaoli-2021",
        opens=-75,
        closes=-40,
    ),
    DraftSeed(
        "广州市关于规范电动自行车停放充电管理的通知（征求意见稿）",
        DraftKind.NORMATIVE_DOCUMENT,
        "广州市消防救援支队",
        "通知明确电动自行车停放充电的管理责任、禁止行为和充电设施建设要求。",
        "",
        opens=-1,
        closes=14,
    ),
    # A district's own consultation (linked to an item of the 天河 catalog) and a street office's:
    # the liaison points of 天河 and 海珠 list them.
    DraftSeed(
        "天河区城中村改造安置补偿方案（征求意见稿）",
        DraftKind.MAJOR_DECISION,
        "广州市天河区住房和建设局",
        "方案明确城中村改造中产权置换、货币补偿和临时安置的标准，是天河区重大行政决策事项，公开征求意见。",
        "",
        opens=-2,
        closes=31,
        level=GovLevel.DISTRICT,
        district="天河",
        text=TIANHE_RESETTLEMENT_TEXT,
    ),
    DraftSeed(
        "南华西街道老旧小区微改造居民议事规则（征求意见稿）",
        DraftKind.NORMATIVE_DOCUMENT,
        "广州市海珠区南华西街道办事处",
        "规则规定老旧小区微改造中居民议事会的议事范围、组织和程序，欢迎辖区居民提出意见。",
        "",
        opens=-1,
        closes=15,
        level=GovLevel.STREET,
        district="海珠",
        text=NANHUAXI_RULES_TEXT,
    ),
)


def earlier_text(text: str, drop_article: int = 10) -> str:
    """A plausible first draft of a text: one article missing (so later ones shift up a number) and
    one sentence worded differently. Used only to give the demo a second version to compare."""
    out: list[str] = []
    skipping = False
    label = re.compile(r"^第([〇零一二三四五六七八九十百千两]+)条(?=\s)")
    for line in text.splitlines():
        match = label.match(line)
        if match:
            number = cn_to_int(match.group(1))
            skipping = number == drop_article
            if number > drop_article:
                line = f"第{int_to_cn(number - 1)}条" + line[match.end() :]
        elif line.startswith("#"):
            skipping = False
        if not skipping:
            out.append(line)
    return "\n".join(out).replace("相结合的管理体制", "相结合的管理模式", 1)


def _text_of(seed: DraftSeed) -> str:
    if seed.text:
        return seed.text
    if not seed.source:
        return NORMATIVE_DEMO_TEXT
    return (CORPUS / f"{seed.source}.md").read_text(encoding="utf-8")


async def _seed_draft(seed: DraftSeed, author: User | None, at: datetime) -> None:
    text = _text_of(seed)
    data = drafts.DraftInput(
        title=seed.title,
        kind=seed.kind,
        drafting_body=seed.body,
        summary=seed.summary,
        market_related=seed.market_related,
        level=seed.level,
        district=seed.district,
    )
    today = local_date(at)
    if seed.earlier_version:
        draft = await drafts.create_draft(data, earlier_text(text), actor=author)
        first_open = at + timedelta(days=seed.opens - 60)
        await drafts.publish(
            draft,
            opens=local_date(first_open),
            closes=local_date(first_open) + timedelta(days=30),
            actor=author,
            at=first_open,
        )
        await drafts.add_version(draft, text, label="修正草案第二稿", actor=author)
    else:
        draft = await drafts.create_draft(data, text, actor=author)
    if seed.points:
        await draft.liaison_points.add(*await LiaisonPoint.filter(code__in=seed.points))
    publish_at = at + timedelta(days=seed.opens)
    await drafts.publish(
        draft,
        opens=today + timedelta(days=seed.opens),
        closes=today + timedelta(days=seed.closes),
        actor=author,
        at=publish_at,
    )


@dataclass(frozen=True)
class SeedReport:
    points_created: int
    users_created: int
    drafts_created: int = 0
    comments_created: int = 0
    meetings_created: int = 0

    @property
    def changed(self) -> bool:
        return any(
            (
                self.points_created,
                self.users_created,
                self.drafts_created,
                self.comments_created,
                self.meetings_created,
            )
        )


async def seed(upload_dir: Path | None = None, *, secret: str = DEFAULT_SECRET_KEY) -> SeedReport:
    """Load the demo data; with ``upload_dir`` the demo meetings get their minutes and sign-in files.
    ``secret``: the site's SECRET_KEY, which keys the pseudonyms of the demo hearings' draws."""
    points_created = users_created = drafts_created = 0
    async with in_transaction():
        for order, p in enumerate(POINTS):
            _, created = await LiaisonPoint.get_or_create(
                code=p.code,
                defaults={
                    "name": p.name,
                    "district": p.district,
                    "host_organisation": p.host,
                    "address": p.address,
                    "contact_phone": p.phone,
                    "intro": p.intro,
                    "sort_order": order,
                },
            )
            points_created += created
        for u in USERS:
            if await User.exists(username=u.username):
                continue
            point = await LiaisonPoint.get(code=u.point_code) if u.point_code else None
            await accounts.create_user(
                username=u.username,
                display_name=u.display_name,
                password=DEMO_PASSWORD,
                roles=list(u.roles),
                liaison_point=point,
            )
            users_created += 1
    author = await User.get_or_none(username="legislator")
    at = now()
    for draft_seed in DRAFTS:
        if await Draft.exists(title=draft_seed.title):
            continue
        async with in_transaction():
            await _seed_draft(draft_seed, author, at)
        drafts_created += 1
    async with in_transaction():
        comments_created = await demo_comments.seed_comments(author)
    meetings_created = await demo_comments.seed_meetings(upload_dir, author)
    organizer = await User.get_or_none(username="organizer")
    if organizer is not None and not organizer.organisation:
        organizer.organisation = "广州市住房和城乡建设局"  # so the demo organizer has items to manage
        await organizer.save(update_fields=["organisation"])
    async with in_transaction():
        await demo_decisions.seed(organizer or author, upload_dir)
        await demo_decisions.seed_district(organizer or author)
    await demo_hearings.seed(organizer or author, upload_dir, secret=secret)
    reviewer = await User.get_or_none(username="reviewer")
    # Reviews first: the library's documents are published on completed reviews (or an exemption).
    async with in_transaction():
        await demo_reviews.seed(reviewer or author, upload_dir)
    async with in_transaction():
        await demo_library.seed(organizer or author, upload_dir, reviewer=reviewer)
    return SeedReport(points_created, users_created, drafts_created, comments_created, meetings_created)


def login_lines() -> list[str]:
    return [f"  {u.username:<11} / {DEMO_PASSWORD}   ({'、'.join(r.label for r in u.roles)})" for u in USERS]
