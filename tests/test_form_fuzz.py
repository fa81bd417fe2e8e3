"""Every form, query and path parameter fed hostile input over real HTTP (hypothesis and fixed lists):
over-long, empty and whitespace-only fields, control characters, invalid UTF-8, wrong types, negative
and huge numbers, digits int() refuses, unknown enum values, malformed codes and ids, duplicated fields,
a missing CSRF token and a token from another session. Every route's path parameters, every query
parameter each page reads, and every form of the public and the staff pages (read from the pages
themselves), each sent url-encoded and multipart with the token in a field or in the X-CSRF-Token
header, by an anonymous visitor and by signed-in staff. The property: never a 5xx, and a refusal says
why in Chinese."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import fuzzing
from tests.fuzzing import Form, RouteInfo
from tests.live_server import LiveServer

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
KEY_RE = re.compile(r'name="submission_key" value="([^"]+)"')
CHINESE = re.compile(r"[\u4e00-\u9fff]")
FUZZ = settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck), derandomize=True
)


class Long(str):
    """A very long field value that reports itself briefly when hypothesis prints an example."""

    def __repr__(self) -> str:
        return f"Long({len(self)} × {self[:1]!r})"


# Values a form field may receive from a hostile or broken client.
hostile_text = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Zl", "Zp"]), max_size=50),
    st.sampled_from(["", " ", "\u3000\u3000", "\x00", "-1", "0", "99999999999999999999999", "1e309", "NaN"]),
    st.sampled_from(["<script>alert(1)</script>", "'; DROP TABLE comment; --", "=1+1", "../../etc/passwd"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.builds(lambda n: Long("长" * n), st.sampled_from([5_000, 60_000, 200_000])),
    st.sampled_from(["²", "³⁴", "①②", "١٢٣", "１２", "2147483648", "9" * 30, "-0", "1.5", "0x1f"]),
)


@dataclass
class Session:
    client: httpx.Client
    token: str


@pytest.fixture(scope="module")
def visitor(live: LiveServer) -> Iterator[Session]:
    with httpx.Client(base_url=live.url, timeout=30, follow_redirects=False) as client:
        page = client.get("/drafts/1/comment").text
        match = CSRF_RE.search(page)
        assert match, "the comment form of demo draft 1"
        yield Session(client, match.group(1))


def assert_handled(response: httpx.Response) -> None:
    assert response.status_code < 500, (response.status_code, response.text[:300])
    if response.status_code >= 400 and "html" in response.headers.get("content-type", ""):
        main = response.text.split("<main", 1)[-1]
        assert CHINESE.search(main), "a refusal must say why, in Chinese"


def _key(session: Session, path: str) -> str:
    match = KEY_RE.search(session.client.get(path).text)
    return match.group(1) if match else ""


@FUZZ
@given(
    body=hostile_text,
    quote=hostile_text,
    wording=hostile_text,
    name=hostile_text,
    phone=hostile_text,
    email=hostile_text,
    stance=st.one_of(st.sampled_from(["support", "oppose", "amend", "other"]), hostile_text),
    unit=st.one_of(st.sampled_from(["", "tiao-1", "tiao-3"]), hostile_text),
    district=st.one_of(st.sampled_from(["天河", ""]), hostile_text),
    identity=hostile_text,
    point=hostile_text,
)
def test_the_comment_form_survives_anything(
    visitor: Session,
    body: str,
    quote: str,
    wording: str,
    name: str,
    phone: str,
    email: str,
    stance: str,
    unit: str,
    district: str,
    identity: str,
    point: str,
) -> None:
    response = visitor.client.post(
        "/drafts/1/comment",
        data={
            "csrf_token": visitor.token,
            "submission_key": _key(visitor, "/drafts/1/comment"),
            "body": body,
            "quote": quote,
            "suggested_wording": wording,
            "name": name,
            "phone": phone,
            "email": email,
            "stance": stance,
            "unit_key": unit,
            "district": district,
            "identity_type": identity,
            "point_code": point,
        },
    )
    assert_handled(response)
    plain = body.strip()
    if response.status_code == 400 and re.fullmatch(r"[\w\u4e00-\u9fff]{1,4000}", plain):
        assert plain[:20] in response.text, "a refused comment gives its text back"


@FUZZ
@given(
    role=st.one_of(st.sampled_from(["speaker", "observer"]), hostile_text),
    category=hostile_text,
    name=hostile_text,
    phone=hostile_text,
    statement=hostile_text,
    stance=hostile_text,
    hearing=st.one_of(st.sampled_from(["1", "2", "3"]), st.integers(-5, 2**40).map(str)),
)
def test_the_hearing_registration_survives_anything(
    visitor: Session,
    role: str,
    category: str,
    name: str,
    phone: str,
    statement: str,
    stance: str,
    hearing: str,
) -> None:
    path = f"/hearings/{hearing}/register"
    response = visitor.client.post(
        path,
        data={
            "csrf_token": visitor.token,
            "role": role,
            "category": category,
            "name": name,
            "phone": phone,
            "stance": stance,
            "statement": statement,
            "consent": "on",
        },
    )
    assert_handled(response)


@FUZZ
@given(
    path=st.sampled_from(
        [
            "/receipt",
            "/hearings/registration",
            "/search",
            "/drafts",
            "/documents",
            "/decisions",
            "/drafts/1",
            "/drafts/1/comments",
            "/drafts/1/compare",
            "/liaison-points",
        ]
    ),
    name=st.sampled_from(
        ["code", "q", "page", "version", "a", "b", "year", "kind", "status", "level", "district", "article"]
    ),
    value=hostile_text.filter(lambda v: len(v) < 20_000),  # longer URLs are refused by the client itself
)
def test_query_parameters_survive_anything(visitor: Session, path: str, name: str, value: str) -> None:
    assert_handled(visitor.client.get(path, params={name: value}))


@FUZZ
@given(kind=hostile_text, body=hostile_text, title=hostile_text, year=hostile_text, decision=hostile_text)
def test_proposals_and_display_preferences_survive_anything(
    visitor: Session, kind: str, body: str, title: str, year: str, decision: str
) -> None:
    assert_handled(
        visitor.client.post(
            "/decisions/proposals",
            data={
                "csrf_token": visitor.token,
                "kind": kind,
                "body": body,
                "title": title,
                "year": year,
                "decision": decision,
            },
        )
    )
    assert_handled(
        visitor.client.post(
            "/preferences/display", data={"csrf_token": visitor.token, "mode": kind, "next": body}
        )
    )


@FUZZ
@given(username=hostile_text, password=hostile_text)
def test_the_login_form_survives_anything(live: LiveServer, username: str, password: str) -> None:
    with httpx.Client(base_url=live.url, timeout=60) as client:
        token = CSRF_RE.search(client.get("/staff/login").text)
        assert token
        response = client.post(
            "/staff/login", data={"csrf_token": token.group(1), "username": username, "password": password}
        )
    assert_handled(response)
    assert response.status_code in (400, 413, 429)  # nobody signs in with fuzz


def test_invalid_utf8_duplicated_fields_and_bad_csrf_are_refused_in_chinese(
    visitor: Session, live: LiveServer
) -> None:
    form = {"content-type": "application/x-www-form-urlencoded"}
    invalid = visitor.client.post(
        "/drafts/1/comment", content=f"csrf_token={visitor.token}&body=%FF%FE%C0%80".encode(), headers=form
    )
    assert_handled(invalid)
    raw_bytes = visitor.client.post(
        "/drafts/1/comment",
        content=b"csrf_token=" + visitor.token.encode() + b"&body=\xff\xfe\xc0",
        headers=form,
    )
    assert_handled(raw_bytes)
    duplicated = visitor.client.post(
        "/drafts/1/comment",
        content=f"csrf_token={visitor.token}&body=a&body=b&stance=amend&stance=oppose&unit_key=&unit_key=x".encode(),
        headers=form,
    )
    assert_handled(duplicated)

    missing = visitor.client.post("/drafts/1/comment", data={"body": "没有令牌的意见"})
    assert missing.status_code == 403 and "没有令牌的意见" in missing.text  # the text comes back
    assert CHINESE.search(missing.text)
    with httpx.Client(base_url=live.url, timeout=30) as stranger:
        stranger.get("/")
        foreign = stranger.post(
            "/drafts/1/comment", data={"csrf_token": visitor.token, "body": "借用他人令牌"}
        )
    assert foreign.status_code == 403 and "借用他人令牌" in foreign.text


# --- signed-in staff ----------------------------------------------------------------------------------

DEMO_PASSWORD = "Demo-2026-portal"


def signed_in(live: LiveServer, username: str) -> Session:
    client = httpx.Client(base_url=live.url, timeout=60, follow_redirects=False)
    token = fuzzing.token_of(client.get("/staff/login").text)
    response = client.post(
        "/staff/login", data={"csrf_token": token, "username": username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 303, response.text[:300]
    return Session(client, fuzzing.token_of(client.get("/staff/").text))


@pytest.fixture(scope="module")
def staff(live: LiveServer) -> Iterator[Session]:
    """The demo admin, who may open every staff page."""
    session = signed_in(live, "admin")
    yield session
    session.client.close()


@pytest.fixture(scope="module")
def moderator(live: LiveServer) -> Iterator[Session]:
    """Another member of staff, for the password form: wrong current passwords lock an account out."""
    session = signed_in(live, "moderator")
    yield session
    session.client.close()


@pytest.fixture(scope="module", autouse=True)
def staff_signed_in_first(staff: Session, moderator: Session) -> None:
    """Before the login form is fuzzed: its failures soon pause sign-in from this address."""


@pytest.fixture(scope="module")
def documents(live: LiveServer) -> list[str]:
    items = httpx.get(f"{live.url}/api/v1/documents", params={"limit": 1}, timeout=30).json()["items"]
    return [item["unified_number"] for item in items]


def demo_path(route: RouteInfo, documents: list[str], **values: str) -> str:
    """The route's path, each parameter naming demo data unless given."""
    demo = {name: fuzzing.demo_value(name, convertor, documents) for name, convertor in route.params}
    return route.url({**demo, **values})


# --- every route's path parameters ------------------------------------------------------------------

ROUTES = fuzzing.routes()
WITH_PARAMS = [route for route in ROUTES if route.params]


def send(session: Session, method: str, path: str) -> httpx.Response:
    if method == "GET":
        return fuzzing.request(session.client, "GET", path)
    return fuzzing.post_form(session.client, path, session.token, [("body", "路径参数")], "urlencoded+field")


@pytest.mark.parametrize("route", WITH_PARAMS, ids=lambda route: route.path)
def test_every_path_parameter_is_refused_cleanly(
    route: RouteInfo, visitor: Session, staff: Session, documents: list[str]
) -> None:
    """Each {parameter} of the route in turn gets each hostile value, the others a value of the demo
    data; asked anonymously (and, for a staff route, as the admin), by every method the route answers."""
    failures = []
    for session in (visitor, staff) if route.staff else (visitor,):
        for name, convertor in route.params:
            for value in fuzzing.path_values(convertor):
                path = demo_path(route, documents, **{name: value})
                for method in sorted(route.methods):
                    if found := fuzzing.problem(send(session, method, path)):
                        failures.append(f"{method} {path[:90]} → {found}")
    assert not failures, "\n".join(failures)


path_text = st.one_of(
    st.text(min_size=1, max_size=300),
    st.text(alphabet=st.characters(categories=["Nd", "No", "Nl"]), min_size=1, max_size=40),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.sampled_from(fuzzing.PATH_VALUES),
)


@FUZZ
@given(
    where=st.sampled_from([(route, name) for route in WITH_PARAMS for name, _ in route.params]),
    value=path_text,
)
def test_path_parameters_survive_anything(
    visitor: Session, staff: Session, documents: list[str], where: tuple[RouteInfo, str], value: str
) -> None:
    route, name = where
    path = demo_path(route, documents, **{name: value})
    for method in sorted(route.methods):
        assert fuzzing.problem(send(staff if route.staff else visitor, method, path)) is None, (method, path)


# --- every query parameter every page reads ----------------------------------------------------------

# Digits int() cannot read, longer than any text column; a number no integer column holds; and the
# longest number a query parameter may carry (as an id it fits no key; as a page its offset overflows).
QUERY_VALUES = ("²" * 301, "9" * 40, "9" * 18)
HEAVY = re.compile(r"\.(xlsx|docx)$")  # built afresh on each request, and reading no parameter


def test_every_query_parameter_of_every_page_is_refused_cleanly(
    visitor: Session, staff: Session, documents: list[str]
) -> None:
    failures = []
    for route in ROUTES:
        if "GET" not in route.methods or HEAVY.search(route.path):
            continue
        path = demo_path(route, documents)
        session = staff if route.staff else visitor
        for name in fuzzing.query_names(route):
            for value in QUERY_VALUES:
                response = fuzzing.request(session.client, "GET", path, params={name: value})
                if found := fuzzing.problem(response):
                    failures.append(f"GET {path}?{name}={value[:10]}… → {found}")
    assert not failures, "\n".join(failures)


# --- every form of the site, sent every way ---------------------------------------------------------

# Downloads and feeds carry no form; /staff/logout would end the signed-in session the fuzz uses.
NO_FORMS = re.compile(r"\.(xlsx|docx|csv|json|ics|atom)$|/healthz|/files/|/attachments/|/materials/\{")
NOT_FUZZED = {"/staff/logout"}
# Every field of a form gets these at once, round after round (shifted, so that each round mixes them
# and every value reaches every field) …
FIELD_VALUES: tuple[str, ...] = (
    "",
    "0",
    "-1",
    "²",
    "①",
    "１２",
    "2147483648",
    "9" * 30,
    "1.5",
    "\x00\x07",
    "\ufffe",
    "<script>alert(1)</script>",
    "x" * 300,
    Long("长" * 60000),
    "2026-02-30",
    "9999-12-31T23:59",
)
ALL_HOSTILE_ROUNDS = 8
# … then each field alone gets these, the others a plausible value, so that the hostile value gets
# past the form's other checks: digits int() refuses, a number no column holds, text longer than any
# short column (each of them longer than any code, key or number a form looks up).
DEEP_VALUES: tuple[str, ...] = ("²" * 40, "9" * 40, "长" * 301)
FILES = (("fuzz.txt", b"\x00\xff not a document"), ("fuzz.docx", b"PK\x03\x04 broken"), ("fuzz.xlsx", b""))
PLAUSIBLE_BY_NAME = {
    "phone": "13800138000",
    "email": "fuzz@example.cn",
    "text": "第一条 为了测试，制定本办法。\n第二条 本办法自公布之日起施行。",
    "year": "2026",
}
PLAUSIBLE_BY_KIND = {
    "date": "2026-03-02",
    "datetime-local": "2099-03-02T09:30",
    "number": "2",
    "email": "fuzz@example.cn",
    "tel": "13800138000",
    "password": "Fuzz-passw0rd-2026",
}


def pages(session_is_staff: bool, documents: list[str]) -> list[str]:
    """Every page that may carry a form: the GET routes, with the demo data's values for parameters."""
    return [
        demo_path(route, documents)
        for route in ROUTES
        if "GET" in route.methods
        and route.staff == session_is_staff
        and not route.api
        and not NO_FORMS.search(route.path)
    ]


def crawl(session: Session, paths: list[str]) -> list[Form]:
    """The forms on the pages, one of each kind (a page repeats a form for each row it lists)."""
    forms: dict[tuple[str, tuple[str, ...]], Form] = {}
    for path in paths:
        response = fuzzing.request(session.client, "GET", path)
        assert fuzzing.problem(response) is None, (path, response.status_code)
        for form in fuzzing.forms_on(f"{session.client.base_url}{path}", response.text):
            action = fuzzing.same_site_path(form.action)
            if action.startswith("/") and action not in NOT_FUZZED:
                forms.setdefault(form.signature(ROUTES), form)
    return list(forms.values())


@dataclass
class Input:
    """One named input of a form, with the values a person could give it."""

    kind: str
    valid: list[str]

    @property
    def many(self) -> bool:  # ticked rows: a list of ids
        return self.kind == "checkbox" and len(self.valid) > 1


def inputs(form: Form) -> dict[str, Input]:
    found: dict[str, Input] = {}
    for f in form.fields:
        if f.name == "csrf_token":
            continue
        one = found.setdefault(f.name, Input(f.kind, []))
        one.valid.extend(v for v in (f.options or [f.value]) if v)
    for name, one in found.items():
        if not one.valid:
            one.valid.append(
                PLAUSIBLE_BY_NAME.get(name) or PLAUSIBLE_BY_KIND.get(one.kind) or f"测试{name}"[:20]
            )
    return found


Sent = tuple[list[tuple[str, str]], list[tuple[str, str, bytes]]]


def rounds(form: Form) -> list[Sent]:
    """What is sent to the form: first every field hostile at once, then each field hostile alone."""
    named = inputs(form)

    def fill(hostile: dict[str, str], round_: int) -> Sent:
        fields: list[tuple[str, str]] = []
        files: list[tuple[str, str, bytes]] = []
        for i, (name, one) in enumerate(named.items()):
            if one.kind == "file":
                files.append((name, *FILES[(round_ + i) % len(FILES)]))
            elif one.many:
                bad = [(name, hostile[name])] if name in hostile else []
                fields.extend([*((name, v) for v in one.valid[:3]), *bad])
            else:
                fields.append((name, hostile.get(name, one.valid[0])))
        return fields, files

    sent = [
        fill(
            {name: FIELD_VALUES[(round_ + 5 * i) % len(FIELD_VALUES)] for i, name in enumerate(named)}, round_
        )
        for round_ in range(ALL_HOSTILE_ROUNDS)
    ]
    for i, name in enumerate(n for n, one in named.items() if one.kind != "file"):
        for value in (DEEP_VALUES[i % 3], DEEP_VALUES[(i + 1) % 3]):
            sent.append(fill({name: value}, i))
    return sent


def fuzz_forms(session: Session, forms: list[Form], by_action: dict[str, Session] | None = None) -> list[str]:
    failures = []
    for form in forms:
        action = fuzzing.same_site_path(form.action)
        sender = (by_action or {}).get(action, session)
        statuses = set()
        for number, (fields, files) in enumerate(rounds(form)):
            encoding = fuzzing.ENCODINGS[number % len(fuzzing.ENCODINGS)]
            response = fuzzing.post_form(sender.client, action, sender.token, fields, encoding, files)
            statuses.add(response.status_code)
            if found := fuzzing.problem(response):
                failures.append(f"{action} [{encoding}] {[(k, v[:20]) for k, v in fields]} → {found}")
                break
        if statuses == {403}:  # the token or the role refused every round: the form was never reached
            failures.append(f"{action}: every round refused with 403")
    return failures


def test_every_public_form_survives_anything_sent_any_way(visitor: Session, documents: list[str]) -> None:
    forms = crawl(visitor, pages(False, documents))
    assert len(forms) >= 5, [f.action for f in forms]
    failures = fuzz_forms(visitor, forms)
    assert not failures, "\n".join(failures)


def test_every_staff_form_survives_anything_sent_any_way(
    staff: Session, moderator: Session, documents: list[str]
) -> None:
    """Runs late in the file: it changes the demo data (drafts closed, hearings cancelled, users created)."""
    forms = crawl(staff, pages(True, documents))
    assert len(forms) >= 30, [f.action for f in forms]
    failures = fuzz_forms(staff, forms, by_action={"/staff/password": moderator})
    assert not failures, "\n".join(failures)
    assert staff.client.get("/staff/").status_code == 200, "still signed in"


# --- tokens and bodies no browser sends ---------------------------------------------------------------

HOSTILE_TOKENS: tuple[bytes, ...] = (b"\xff\xfe", "²".encode(), b"x" * 5000, b"%00")


def malformed_bodies(token: str) -> list[tuple[str, bytes]]:
    """(content type, body) pairs: multipart cut short, without or with a wrong boundary, a file part
    before the token, a part without a name; url-encoded with broken escapes; JSON; nothing."""
    part = f'--b\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
    file_part = '--b\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nxx\r\n'
    return [
        (
            "multipart/form-data; boundary=b",
            (part + '--b\r\nContent-Disposition: form-data; name="body"').encode(),
        ),
        ("multipart/form-data", (part + "--b--\r\n").encode()),
        ("multipart/form-data; boundary=other", (part + "--b--\r\n").encode()),
        ("multipart/form-data; boundary=b", (file_part + part + "--b--\r\n").encode()),
        ("multipart/form-data; boundary=b", (part + file_part * 3 + "--b--\r\n").encode()),
        (
            "multipart/form-data; boundary=b",
            (part + "--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--\r\n").encode(),
        ),
        ("application/x-www-form-urlencoded", f"csrf_token={token}&body=%E4%B8&year=%zz&&=&ids=%00".encode()),
        ("application/json", b'{"csrf_token": "' + token.encode() + b'", "body": 1}'),
        ("text/plain", b""),
    ]


def test_hostile_csrf_headers_and_malformed_bodies_are_refused_cleanly(
    visitor: Session, staff: Session, documents: list[str]
) -> None:
    """Every POST route, anonymously (public routes) and as the admin (staff routes): a token header no
    session holds, and bodies no browser sends with the session's token in the header. Runs last: with
    a good token an empty body is enough to close a draft or run a draw."""
    failures = []
    for route in ROUTES:
        if "POST" not in route.methods or route.path in NOT_FUZZED:
            continue
        session = staff if route.staff else visitor
        path = demo_path(route, documents)
        for token in HOSTILE_TOKENS:
            response = fuzzing.request(session.client, "POST", path, headers={"X-CSRF-Token": token})
            if found := fuzzing.problem(response):
                failures.append(f"POST {path} X-CSRF-Token={token[:10]!r} → {found}")
        for content_type, body in malformed_bodies(session.token):
            headers = {"Content-Type": content_type, "X-CSRF-Token": session.token}
            response = fuzzing.request(session.client, "POST", path, content=body, headers=headers)
            if found := fuzzing.problem(response):
                failures.append(f"POST {path} [{content_type}] {body[:40]!r} → {found}")
    assert not failures, "\n".join(failures)
