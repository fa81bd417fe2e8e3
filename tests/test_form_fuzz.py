"""Every public form and query parameter fed hostile input over real HTTP (hypothesis): over-long,
empty and whitespace-only fields, control characters, invalid UTF-8, wrong types, negative and huge
numbers, unknown enum values, malformed codes and ids, duplicated fields, a missing CSRF token and a
token from another session. The property: never a 5xx, and a refusal says why in Chinese."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
