"""Reading and validating submitted forms. Views call these; the rules live here, not inline."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request

from portal.models import Role
from portal.web.preferences import safe_next


async def read_form(request: Request) -> FormData:
    try:
        return await request.form(max_files=0, max_fields=200)
    except MultiPartException as exc:
        raise HTTPException(400, "表单内容无法解析，请刷新页面后重试。") from exc


def text(form: FormData, name: str, *, max_length: int) -> str:
    value = form.get(name, "")
    if not isinstance(value, str):
        return ""
    # Control characters other than line breaks and tabs are never meant to be in a form field.
    cleaned = "".join(ch for ch in value if ch in "\n\r\t" or ch >= " ")
    return cleaned.strip()[:max_length]


@dataclass
class Validated:
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class LoginForm(Validated):
    username: str = ""
    password: str = ""
    next: str = "/staff/"

    @classmethod
    def parse(cls, form: FormData) -> LoginForm:
        password = form.get("password", "")
        result = cls(
            username=text(form, "username", max_length=64),
            password=password[:256] if isinstance(password, str) else "",
            next=safe_next(text(form, "next", max_length=500), "/staff/"),
        )
        if not result.username:
            result.errors["username"] = "请输入用户名。"
        if not result.password:
            result.errors["password"] = "请输入密码。"
        return result


@dataclass
class UserForm(Validated):
    username: str = ""
    display_name: str = ""
    password: str = ""
    roles: list[Role] = field(default_factory=list)
    point_code: str = ""

    @classmethod
    def parse(cls, form: FormData) -> UserForm:
        password = form.get("password", "")
        raw_roles = [r for r in form.getlist("roles") if isinstance(r, str)]
        result = cls(
            username=text(form, "username", max_length=64),
            display_name=text(form, "display_name", max_length=100),
            password=password if isinstance(password, str) else "",
            roles=[Role(r) for r in raw_roles if r in Role.__members__.values()],
            point_code=text(form, "point_code", max_length=32),
        )
        if not result.username:
            result.errors["username"] = "请输入用户名。"
        elif not all(ch.isascii() and (ch.isalnum() or ch in "._-") for ch in result.username):
            result.errors["username"] = "用户名只能包含英文字母、数字和 . _ -。"
        if not result.display_name:
            result.errors["display_name"] = "请输入姓名或显示名称。"
        if not result.password:
            result.errors["password"] = "请设置初始密码。"
        if len(raw_roles) != len(result.roles) or not result.roles:
            result.errors["roles"] = "请选择有效的角色。"
        return result
