"""Demo data: what a visitor of a fresh install sees — Guangzhou's 22 liaison points and one user per role.

Idempotent: points are matched by code and users by username, so running it twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.transactions import in_transaction

from portal.models import LiaisonPoint, Role, User
from portal.services import accounts

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
    UserSeed("organizer", "市司法局 王芳", (Role.ORGANIZER,)),
    UserSeed("moderator", "内容审核 张琳", (Role.MODERATOR,)),
)


@dataclass(frozen=True)
class SeedReport:
    points_created: int
    users_created: int

    @property
    def changed(self) -> bool:
        return bool(self.points_created or self.users_created)


async def seed() -> SeedReport:
    points_created = users_created = 0
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
    return SeedReport(points_created, users_created)


def login_lines() -> list[str]:
    return [f"  {u.username:<11} / {DEMO_PASSWORD}   ({'、'.join(r.label for r in u.roles)})" for u in USERS]
