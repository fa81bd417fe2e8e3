"""The form-body parser returns exactly what the standard library's parse_qsl does."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, unquote_plus, urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.web import urlencoded

# Pieces a body is made of, malformed ones included: escapes of any byte (so broken UTF-8 too), bad
# escapes, separators, pluses, plain and non-ASCII characters sent unescaped.
_PIECES = st.one_of(
    st.integers(0, 255).map(lambda b: f"%{b:02X}"),
    st.integers(0, 255).map(lambda b: f"%{b:02x}"),
    st.sampled_from(["%", "%4", "%zz", "%G1", "+", "&", "=", "&&", "==", ";", " "]),
    st.text(alphabet="abcXYZ019-_.~", min_size=1, max_size=4),
    st.text(alphabet="中文意见，。€\u00e9\U0001f600", min_size=1, max_size=3),
)
_BODIES = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=600, deadline=None)
@given(_BODIES)
def test_the_same_fields_as_parse_qsl_for_any_body(body: str) -> None:
    assert urlencoded.parse(body) == parse_qsl(body, keep_blank_values=True)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_what_a_browser_encodes_comes_back_as_typed(value: str) -> None:
    body = urlencode({"body": value, "name": value})
    assert urlencoded.parse(body) == [("body", value), ("name", value)]
    assert urlencoded.unquote_plus(quote(value)) == unquote_plus(quote(value))


def test_a_chinese_comment() -> None:
    body = (
        "csrf_token=abc&body=%E5%BB%BA%E8%AE%AE%E5%A2%9E%E5%8A%A0+"
        "%E7%AC%AC%E4%B8%89%E6%9D%A1%EF%BC%9A100%25&flag"
    )
    assert urlencoded.parse(body) == [("csrf_token", "abc"), ("body", "建议增加 第三条：100%"), ("flag", "")]


def test_too_many_fields_is_refused_like_the_standard_library() -> None:
    body = "&".join(f"f{i}=x" for i in range(6))
    assert len(urlencoded.parse(body, max_fields=6)) == 6
    with pytest.raises(ValueError):
        urlencoded.parse(body, max_fields=5)
    with pytest.raises(ValueError):
        parse_qsl(body, max_num_fields=5)
    assert urlencoded.parse("", max_fields=0) == []
