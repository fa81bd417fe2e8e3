"""One body limit for every route (MAX_FORM_BYTES), whatever the content type and wherever the CSRF
token travels, refused with a 413 in Chinese before the body is buffered; upload routes keep theirs."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from portal.models import Attachment, Comment
from portal.settings import Settings
from tests.conftest import Personas, publish_text
from tests.test_comments import comment_page
from tests.test_upload_safety import PDF, _document_page

LIMIT = 64 * 1024
REFUSED = "提交的内容超过了 64 KB 的上限"
CHUNK = 8 * 1024


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """A small form limit, so that the bodies past it stay small."""
    return replace(settings, max_form_bytes=LIMIT)


def multipart(fields: list[tuple[str, str]]) -> tuple[bytes, str]:
    """A multipart/form-data body of text fields only, as a browser sends a form with enctype set."""
    boundary = secrets.token_hex(8)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields
    ]
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def comment_fields(token: str, key: str, body: str) -> list[tuple[str, str]]:
    return [("csrf_token", token), ("submission_key", key), ("stance", "amend"), ("body", body)]


class Counted:
    """A chunked body (no Content-Length) that counts how much of it the portal pulled."""

    def __init__(self, head: bytes, filler: bytes, total: int) -> None:
        self.head, self.filler, self.total = head, filler, total
        self.pulled = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        sent = 0
        chunk = self.head
        while sent < self.total:
            self.pulled += len(chunk)
            yield chunk
            sent += len(chunk)
            chunk = self.filler * (CHUNK // len(self.filler))


async def test_a_form_whose_token_is_in_the_header_is_refused_past_the_limit(client, people: Personas):
    draft = await publish_text()
    token, key = await comment_page(client, draft.id)
    response = await client.post(
        f"/drafts/{draft.id}/comment",
        data=dict(comment_fields("", key, "很长的意见" * (LIMIT // 10))),
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 413 and REFUSED in response.text
    assert not await Comment.exists()


@pytest.mark.parametrize("token_in", ["form", "header"])
async def test_a_multipart_form_is_refused_past_the_limit(client, people: Personas, token_in: str):
    draft = await publish_text()
    token, key = await comment_page(client, draft.id)
    fields = comment_fields(token if token_in == "form" else "", key, "很长的意见" * (LIMIT // 10))
    body, content_type = multipart(fields)
    headers = {"content-type": content_type} | ({"X-CSRF-Token": token} if token_in == "header" else {})
    response = await client.post(f"/drafts/{draft.id}/comment", content=body, headers=headers)
    assert response.status_code == 413 and REFUSED in response.text
    assert not await Comment.exists()


@pytest.mark.parametrize("kind", ["urlencoded", "multipart"])
async def test_a_chunked_body_is_refused_as_soon_as_it_passes_the_limit(client, people: Personas, kind: str):
    draft = await publish_text()
    token, key = await comment_page(client, draft.id)
    if kind == "urlencoded":  # the token in the form: read by the CSRF check, before routing
        head = f"csrf_token={token}&submission_key={key}&stance=amend&body=".encode()
        stream = Counted(head, b"%E6%84%8F", 10 * LIMIT)
        headers = {"content-type": "application/x-www-form-urlencoded"}
    else:  # the token in the header: the view reads the body
        body, content_type = multipart(comment_fields("", key, ""))
        stream = Counted(body[: body.rindex(b"\r\n--")], "意见".encode(), 10 * LIMIT)
        headers = {"content-type": content_type, "X-CSRF-Token": token}
    response = await client.post(f"/drafts/{draft.id}/comment", content=stream, headers=headers)
    assert "content-length" not in response.request.headers
    assert response.status_code == 413 and REFUSED in response.text
    assert stream.pulled <= LIMIT + 2 * CHUNK  # refused on the way, not after buffering it all
    assert not await Comment.exists()


async def test_a_declared_length_over_the_limit_is_refused_before_a_byte_is_read(client, people: Personas):
    draft = await publish_text()
    token, _ = await comment_page(client, draft.id)
    read: list[bool] = []

    async def body() -> AsyncIterator[bytes]:
        read.append(True)
        yield b"code=x"

    for path in ("/hearings/registration/cancel", "/staff/login", "/preferences/display"):
        response = await client.post(
            path,
            content=body(),
            headers={
                "content-type": "application/x-www-form-urlencoded",
                "content-length": str(200 * 1024 * 1024),
                "x-csrf-token": token,
            },
        )
        assert response.status_code == 413 and "提交的内容超过了" in response.text, path
    assert read == []


async def test_the_open_data_api_refuses_a_big_body_in_json(client, people: Personas):
    response = await client.post(
        "/api/v1/drafts", content=b"x" * (LIMIT + 1), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["error"]["message"].startswith(REFUSED)


async def test_an_upload_route_keeps_its_own_larger_limit(client, people: Personas, settings: Settings):
    page, token = await _document_page(client, people)
    big_pdf = PDF + b"0" * (3 * LIMIT)
    response = await client.post(
        f"{page}/attachments",
        data={"csrf_token": token, "title": "附件"},
        files={"file": ("附件.pdf", big_pdf, "application/pdf")},
    )
    assert response.status_code == 303
    assert await Attachment.all().count() == 1
    # … and refuses what is over that one, in Chinese, before reading it.
    over = settings.max_upload_bytes + 3 * 1024 * 1024
    refused = await client.post(
        f"{page}/attachments",
        content=b"",
        headers={
            "content-type": "multipart/form-data; boundary=x",
            "content-length": str(over),
            "x-csrf-token": token,
        },
    )
    assert refused.status_code == 413 and "提交的内容超过了 22 MB 的上限" in refused.text


async def test_a_form_within_the_limit_is_taken(client, people: Personas):
    draft = await publish_text()
    token, key = await comment_page(client, draft.id)
    body, content_type = multipart(comment_fields("", key, "建议明确审批时限。"))
    response = await client.post(
        f"/drafts/{draft.id}/comment",
        content=body,
        headers={"content-type": content_type, "X-CSRF-Token": token},
    )
    assert response.status_code == 303
    assert await Comment.exists(body="建议明确审批时限。")
