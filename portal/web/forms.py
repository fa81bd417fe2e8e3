"""Reading and validating submitted forms. Views call these; the rules live here, not inline."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from tortoise.models import Model

from portal import columns
from portal.models import DraftKind, GovLevel, IdentityType, Role, Stance
from portal.services import accounts, files, levels, personal_data, plaintext
from portal.services.calendar import LOCAL_TZ
from portal.services.comments import CommentInput
from portal.services.drafting.importing import DraftFileError, text_from_upload
from portal.services.levels import Scope
from portal.services.liaison import DISTRICT_ORDER
from portal.web import csrf, urlencoded
from portal.web.convertors import MAX_ID
from portal.web.preferences import safe_next

MAX_FIELDS = 200
PARSE_SECONDS = 20  # an uploaded draft file's parser, in a worker thread, gives up after this
UNREADABLE = "表单内容无法解析，请刷新页面后重试。"


async def read_form(request: Request, *, files: int = 0, max_part_bytes: int = 1024 * 1024) -> FormData:
    content_type, _, _ = request.headers.get("content-type", "").partition(";")
    if content_type.strip().lower() == "application/x-www-form-urlencoded":
        # Not Starlette's parser: it goes through python-multipart's streaming parser, which cost a
        # comment submission a quarter of its time (portal.web.urlencoded returns what the standard
        # library's parse_qsl does, faster). The CSRF check has usually parsed the body already (the
        # same parser) and left the fields for us. Invalid UTF-8 becomes U+FFFD, as in Starlette.
        pairs: list[tuple[str, str]] | None = request.scope.get(csrf.PARSED_FORM)
        try:
            if pairs is None:
                body = await request.body()
                pairs = urlencoded.parse(body.decode("utf-8", "replace"), max_fields=MAX_FIELDS)
            elif len(pairs) > MAX_FIELDS:
                raise ValueError
        except ValueError as exc:  # more fields than any form of this site has
            raise HTTPException(400, UNREADABLE) from exc
        fields: list[tuple[str, str | UploadFile]] = list(pairs)
        return _cleaned(fields)
    try:
        form = await request.form(max_files=files, max_fields=MAX_FIELDS, max_part_size=max_part_bytes)
    except MultiPartException as exc:
        raise HTTPException(400, UNREADABLE) from exc
    return _cleaned(form.multi_items())


def _cleaned(fields: list[tuple[str, str | UploadFile]]) -> FormData:
    """Every text value without the characters no export could hold (services.plaintext): cleaned
    here, as the form is read, so no view can store them whichever way it reads its fields."""
    return FormData([(k, plaintext.clean(v) if isinstance(v, str) else v) for k, v in fields])


def text(form: FormData, name: str, *, max_length: int) -> str:
    value = form.get(name, "")
    if not isinstance(value, str):
        return ""
    # Already cleaned when read_form read it; again here for a FormData built any other way.
    return plaintext.clean(value).strip()[:max_length]


# --- field parsers: every value a view takes from a form goes through one of these -----------------
#
# What a person types is refused with a message (or read as "not given") here, never passed on to be
# refused by the database: int() of "²" raises, a number past the column's range overflows in the
# driver, and text longer than its column fails Tortoise's validation.

# Longest run of digits read as a number: enough for any id, and int() never sees a huge string.
_MAX_DIGITS = 19


def whole_number(raw: str, *, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """A whole number from minimum to maximum (by default, any id: the range of an integer column),
    written in decimal digits (ASCII or full-width, as a Chinese input method types them); None for
    anything else: a sign, a fraction, superscript or circled digits (which str.isdigit() accepts
    and int() refuses), a number outside the range."""
    raw = raw.strip()
    if not raw or len(raw) > _MAX_DIGITS or not raw.isdecimal():
        return None
    value = int(raw)
    return value if minimum <= value <= maximum else None


def integer(form: FormData, name: str, *, minimum: int = 0, maximum: int = MAX_ID, label: str) -> int | None:
    """An optional whole-number field: None when left empty, FieldError (shown by the field) when
    it is not a whole number in the range."""
    raw = form.get(name, "")
    if not isinstance(raw, str) or not raw.strip():
        return None
    value = whole_number(raw, minimum=minimum, maximum=maximum)
    if value is None:
        raise FieldError(name, f"{label}应为 {minimum} 至 {maximum} 之间的整数。")
    return value


def id_of(form: FormData, name: str) -> int | None:
    """The id in a field (a select or a hidden field naming a row), or None when it holds no id."""
    raw = form.get(name, "")
    return whole_number(raw, minimum=1) if isinstance(raw, str) else None


def ids(values: Iterable[object], *, limit: int = 1000) -> list[int]:
    """The ids among the values of a multi-valued field (ticked rows), each once, at most ``limit``.
    A value that is not an id names no row, as an unticked box would not."""
    found: dict[int, None] = {}
    for raw in values:
        value = whole_number(raw, minimum=1) if isinstance(raw, str) else None
        if value is not None:
            found[value] = None
            if len(found) >= limit:
                break
    return list(found)


def column_text(form: FormData, name: str, model: type[Model], column: str | None = None) -> str:
    """A text field cut to the length of the column it is stored in or looked up by."""
    return text(form, name, max_length=columns.max_length(model, column or name))


# Dates a form may name: wide enough for any law in force and any deadline, narrow enough that date
# arithmetic on them (a validity of five years, working days between two dates) cannot overflow.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2100, 12, 31)


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
class PasswordForm(Validated):
    """Changing one's own password. The strength rules live in services.accounts."""

    current_password: str = ""
    new_password: str = ""
    confirm_password: str = ""

    @classmethod
    def parse(cls, form: FormData) -> PasswordForm:
        def secret(name: str) -> str:
            value = form.get(name, "")
            return value[:256] if isinstance(value, str) else ""

        result = cls(
            current_password=secret("current_password"),
            new_password=secret("new_password"),
            confirm_password=secret("confirm_password"),
        )
        if not result.current_password:
            result.errors["current_password"] = "请输入当前密码。"
        if not result.new_password:
            result.errors["new_password"] = "请输入新密码。"
        if not result.confirm_password:
            result.errors["confirm_password"] = "请再次输入新密码。"
        return result

    def without_passwords(self) -> PasswordForm:
        """The form to show again: its messages, never what was typed."""
        return PasswordForm(errors=self.errors)


@dataclass
class UserForm(Validated):
    username: str = ""
    display_name: str = ""
    password: str = ""
    roles: list[Role] = field(default_factory=list)
    point_code: str = ""
    organisation: str = ""

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
            organisation=text(form, "organisation", max_length=100),
        )
        if not result.username:
            result.errors["username"] = "请输入用户名。"
        elif not all(ch.isascii() and (ch.isalnum() or ch in "._-") for ch in result.username):
            result.errors["username"] = "用户名只能包含英文字母、数字和 . _ -。"
        if not result.display_name:
            result.errors["display_name"] = "请输入姓名或显示名称。"
        if not result.password:
            result.errors["password"] = "请设置初始密码。"
        elif problem := accounts.password_problem(result.password, result.username):
            result.errors["password"] = problem
        if len(raw_roles) != len(result.roles) or not result.roles:
            result.errors["roles"] = "请选择有效的角色。"
        return result


def checkbox(form: FormData, name: str) -> bool:
    return form.get(name) in ("1", "on", "true")


def parse_date(raw: str) -> date | None:
    """A date written 2026-01-31, from 1900 to 2100; None for anything else."""
    try:
        value = date.fromisoformat(raw.strip())
    except ValueError:
        return None
    return value if FIRST_DAY <= value <= LAST_DAY else None


def parse_moment(raw: str) -> datetime | None:
    """A local date and time as a datetime-local field sends it (2026-01-31T09:30); None otherwise."""
    try:
        value = datetime.strptime(raw.strip(), "%Y-%m-%dT%H:%M")
    except ValueError:
        return None
    return value.replace(tzinfo=LOCAL_TZ) if FIRST_DAY <= value.date() <= LAST_DAY else None


@dataclass
class DraftForm(Validated):
    title: str = ""
    kind: str = ""
    drafting_body: str = ""
    summary: str = ""
    explanation: str = ""
    market_related: bool = False
    text: str = ""
    level: str = GovLevel.CITY.value
    district: str = ""

    @classmethod
    def parse(cls, form: FormData) -> DraftForm:
        result = cls(
            title=text(form, "title", max_length=200),
            kind=text(form, "kind", max_length=32),
            drafting_body=text(form, "drafting_body", max_length=200),
            level=text(form, "level", max_length=16) or GovLevel.CITY.value,
            district=text(form, "district", max_length=32),
            summary=text(form, "summary", max_length=2000),
            explanation=text(form, "explanation", max_length=100_000),
            market_related=checkbox(form, "market_related"),
            text=text(form, "text", max_length=2_000_000),
        )
        if not result.title:
            result.errors["title"] = "请填写草案标题。"
        if result.kind not in {k.value for k in DraftKind}:
            result.errors["kind"] = "请选择草案类别。"
        if not result.drafting_body:
            result.errors["drafting_body"] = "请填写起草单位。"
        result.errors.update(scope_errors(result.level, result.district))
        return result

    @property
    def draft_kind(self) -> DraftKind:
        return DraftKind(self.kind)

    @property
    def scope(self) -> Scope:
        return levels.check(levels.parse_level(self.level), self.district)


def scope_errors(level: str, district: str) -> dict[str, str]:
    """The service's level and district check, run early so every field's error shows at once."""
    try:
        levels.check(levels.parse_level(level), district)
    except levels.LevelError as exc:
        return {exc.field: str(exc)}
    return {}


@dataclass
class ScopeForm(Validated):
    """A draft's level and district as typed, for the staff page that moves it."""

    level: str = GovLevel.CITY.value
    district: str = ""


@dataclass
class PublishForm(Validated):
    opens: date | None = None
    closes: date | None = None
    short_window_reason: str = ""
    raw_opens: str = ""
    raw_closes: str = ""

    @classmethod
    def parse(cls, form: FormData) -> PublishForm:
        raw_opens = text(form, "opens", max_length=10)
        raw_closes = text(form, "closes", max_length=10)
        result = cls(
            opens=parse_date(raw_opens),
            closes=parse_date(raw_closes),
            short_window_reason=text(form, "short_window_reason", max_length=2000),
            raw_opens=raw_opens,
            raw_closes=raw_closes,
        )
        if result.opens is None:
            result.errors["opens"] = "请填写开始日期（格式：2026-01-31）。"
        if result.closes is None:
            result.errors["closes"] = "请填写截止日期（格式：2026-01-31）。"
        return result


async def uploaded_text(form: FormData, name: str, *, max_bytes: int) -> tuple[str, str] | None:
    """(file name, bytes as text) of an uploaded draft file, or None when no file was chosen."""
    upload = form.get(name)
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None
    try:
        data = await upload.read(max_bytes + 1)
    finally:
        await upload.close()
    if len(data) > max_bytes:
        raise HTTPException(413, f"上传的文件超过 {max_bytes // (1024 * 1024)} MB。")
    try:
        # A Word file is parsed in a worker thread: the event loop goes on serving everyone else.
        text = await files.parse_off_loop(
            lambda deadline: text_from_upload(upload.filename or "", data), seconds=PARSE_SECONDS
        )
    except DraftFileError as exc:
        raise FieldError(name, str(exc)) from exc
    except files.ParseTooSlow as exc:
        raise FieldError(name, "文件内容过于复杂，未能在限定时间内读取，请另存为 .txt 后重试。") from exc
    return plaintext.clean(upload.filename)[:255], text


class FieldError(ValueError):
    """A value that failed a check deeper than the form (file content); shown next to the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


DISTRICTS = DISTRICT_ORDER
HONEYPOT = "contact_time_confirm"  # hidden from people; bots fill every field
_STANCES = frozenset(s.value for s in Stance)
_IDENTITY_TYPES = frozenset(i.value for i in IdentityType)


@dataclass
class CommentForm(Validated):
    body: str = ""
    stance: str = ""
    unit_key: str = ""
    quote: str = ""
    suggested_wording: str = ""
    identity_type: str = "individual"
    district: str = ""
    name: str = ""
    phone: str = ""
    email: str = ""
    show_name: bool = False
    withhold: bool = False
    point_code: str = ""
    submission_key: str = ""
    honeypot: bool = False

    @classmethod
    def parse(cls, form: FormData) -> CommentForm:
        # Keep what was typed in full (the page gives it back); the service enforces the length limits.
        result = cls(
            body=text(form, "body", max_length=20_000),
            stance=text(form, "stance", max_length=16),
            unit_key=text(form, "unit_key", max_length=32),
            quote=text(form, "quote", max_length=2_000),
            suggested_wording=text(form, "suggested_wording", max_length=20_000),
            identity_type=text(form, "identity_type", max_length=16) or "individual",
            district=text(form, "district", max_length=8),
            name=text(form, "name", max_length=100),
            phone=text(form, "phone", max_length=32),
            email=text(form, "email", max_length=254),
            show_name=checkbox(form, "show_name"),
            withhold=checkbox(form, "withhold"),
            point_code=text(form, "point_code", max_length=32),
            submission_key=text(form, "submission_key", max_length=64),
            honeypot=bool(text(form, HONEYPOT, max_length=100)),
        )
        if not result.body.strip():
            # Also checked by the service; said here too so that one refusal lists every problem.
            result.errors["body"] = "请填写意见内容。"
        if result.stance not in _STANCES:
            result.errors["stance"] = "请选择您的态度（赞成、反对、修改建议或其他）。"
        if result.identity_type not in _IDENTITY_TYPES:
            result.errors["identity_type"] = "请选择有效的身份类型。"
        if result.district and result.district not in DISTRICTS:
            result.errors["district"] = "请选择有效的所在区。"
        if result.phone and not all(ch.isdigit() or ch in "-+ " for ch in result.phone):
            result.errors["phone"] = "电话号码只能包含数字和“-”。"
        if result.email and ("@" not in result.email or " " in result.email):
            result.errors["email"] = "请填写有效的电子邮箱，或留空。"
        return result

    def to_input(self) -> CommentInput:
        return CommentInput(
            body=self.body,
            stance=Stance(self.stance),
            unit_key=self.unit_key,
            quote=self.quote,
            suggested_wording=self.suggested_wording,
            identity_type=IdentityType(self.identity_type),
            district=self.district,
            name=self.name,
            phone=self.phone,
            email=self.email,
            show_name=self.show_name,
            withhold=self.withhold,
            point_code=self.point_code,
            submission_key=self.submission_key or None,
        )


@dataclass
class PersonalDataForm(Validated):
    """Whose data: a phone number or an e-mail address (normalised by the service)."""

    kind: str = "phone"
    value: str = ""
    subject: personal_data.Subject | None = None

    @classmethod
    def parse(cls, form: FormData) -> PersonalDataForm:
        result = cls(kind=text(form, "kind", max_length=8), value=text(form, "value", max_length=254))
        try:
            result.subject = personal_data.subject_from(result.kind, result.value)
        except personal_data.PersonalDataError as exc:
            result.errors["value"] = str(exc)
        return result
