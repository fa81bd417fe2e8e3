"""Shared pieces of the HTTP fuzz tests (tests/test_form_fuzz.py, tests/test_api_fuzz.py): hostile values
for path parameters, every route of the route table with its parameters, the forms of a page read from
its HTML, and a form sent every way a client may send one (url-encoded or multipart, the CSRF token in
a field or in the X-CSRF-Token header)."""

from __future__ import annotations

import inspect
import re
import secrets
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit

import httpx
from starlette.routing import BaseRoute, Mount, Route

from portal.routes import build_routes
from portal.settings import Settings

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
CHINESE = re.compile(r"[\u4e00-\u9fff]")
PARAM_RE = re.compile(r"{(\w+)(?::(\w+))?}")

# What a hostile client puts in a path segment: oversized, negative, huge, fractional, non-ASCII,
# digits that str.isdigit() accepts but int() refuses (superscripts, circled) or reads (Arabic-Indic,
# full-width), encoded separators and controls, and values that look like other types.
PATH_VALUES: tuple[str, ...] = (
    "0",
    "-1",
    "+1",
    "1.5",
    "1e9",
    "0x10",
    "2147483648",
    "9" * 40,
    "x" * 33,
    "x" * 300,
    "长" * 120,
    "天河",
    "²",
    "①",
    "١٢",
    "１２",
    " 1",
    "%00",
    "%0A",
    "%2F",
    "..",
    "NaN",
    "null",
    "'",
    "<b>",
)
# An {x:int} parameter is matched by the router against 0 … 2147483647 before any view runs
# (portal.web.convertors): a few of each kind show it.
INT_PATH_VALUES: tuple[str, ...] = ("-1", "2147483648", "9" * 40, "1.5", "²", "１２", "x" * 33)


def path_values(convertor: str) -> tuple[str, ...]:
    return INT_PATH_VALUES if convertor == "int" else PATH_VALUES


@dataclass(frozen=True)
class RouteInfo:
    path: str  # with its {name:type} placeholders
    methods: frozenset[str]
    params: tuple[tuple[str, str], ...]  # (name, convertor)
    module: str  # of the view, for the query parameters it reads

    @property
    def staff(self) -> bool:
        return self.path.startswith("/staff")

    @property
    def api(self) -> bool:
        return self.path.startswith("/api/")

    def matches(self, path: str) -> bool:
        return (
            re.fullmatch(
                PARAM_RE.sub("[^/]+", re.escape(self.path).replace(r"\{", "{").replace(r"\}", "}")), path
            )
            is not None
        )

    def url(self, values: Mapping[str, str]) -> str:
        """The path with each parameter replaced by its value, percent-encoded unless it is already."""

        def one(match: re.Match[str]) -> str:
            value = values[match.group(1)]
            return value if re.search(r"%[0-9A-Fa-f]{2}", value) else quote(value, safe="")

        return PARAM_RE.sub(one, self.path)


def routes() -> list[RouteInfo]:
    """Every route of the route table, mounts flattened."""

    def walk(table: Sequence[BaseRoute], prefix: str) -> Iterator[RouteInfo]:
        for route in table:
            if isinstance(route, Mount) and route.routes:
                yield from walk(route.routes, prefix + route.path)
            elif isinstance(route, Route):
                path = prefix + route.path
                params = tuple((m.group(1), m.group(2) or "str") for m in PARAM_RE.finditer(path))
                module = inspect.unwrap(route.endpoint).__module__
                yield RouteInfo(path, frozenset(route.methods or {"GET"}) - {"HEAD"}, params, module)

    return list(walk(build_routes(Settings(secret_key="fuzz-" + "x" * 40)), ""))


# Query parameters read by shared helpers, for the modules that call them.
SHARED_QUERY_NAMES = {"level_filter": ("level", "district"), "point_for": ("point",)}
_QUERY_NAME_RE = re.compile(
    r'(?<!path_)params(?:\.get\(|\[)"([a-z_]+)"|\(\s*request,\s*(?:\w+,\s*)?"([a-z_]+)"'
)


def query_names(route: RouteInfo) -> list[str]:
    """The query parameters the route's view module reads (by name, from its source), and those
    of the shared helpers it calls."""
    source = inspect.getsource(inspect.getmodule(sys.modules[route.module]) or sys.modules[route.module])
    found = {a or b for a, b in _QUERY_NAME_RE.findall(source)}
    found.update(name for helper, names in SHARED_QUERY_NAMES.items() if helper in source for name in names)
    return sorted(found - {name for name, _ in route.params})


# A value of each parameter that names something in the demo data, so that fuzzing one parameter of
# a route reaches the code behind the others.
DEMO_VALUES = {
    "code": "GZ-YX-01",
    "key": "tiao-1",
    "kind": "public_participation",
    "which": "document",
}


def demo_value(name: str, convertor: str, documents: Sequence[str]) -> str:
    if convertor == "int":
        return "1"
    if name == "number":
        return documents[0] if documents else "GZ0220200006"
    return DEMO_VALUES.get(name, "x")


def problem(response: httpx.Response) -> str | None:
    """What is wrong with an answer to hostile input, or None: never a 5xx, and a refusal says why (in
    Chinese on a page, in the error body of the API)."""
    status = response.status_code
    if status >= 500:
        return f"{status}: {response.text[:200]!r}"
    if status < 400 or status == 413:  # another change limits every body (413); not the fuzz's concern
        return None
    kind = response.headers.get("content-type", "")
    if "json" in kind:
        error = response.json().get("error", {})
        return None if error.get("status") == status and error.get("message") else f"{status}: bad error body"
    if "html" in kind and not CHINESE.search(response.text.split("<main", 1)[-1]):
        return f"{status}: a refusal without a Chinese message"
    return None


def token_of(page: str) -> str:
    match = CSRF_RE.search(page)
    assert match, "a page with a form carries a CSRF token"
    return match.group(1)


# --- forms read from a page -------------------------------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # input type, "textarea" or "select"
    value: str = ""
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    action: str
    multipart: bool
    fields: list[Field] = field(default_factory=list)

    def signature(self, table: Sequence[RouteInfo]) -> tuple[str, tuple[str, ...]]:
        """The route the form posts to and its field names: one form of each kind is enough (a page
        lists the same form once for each row, each step of a decision, each user)."""
        path = same_site_path(self.action).partition("?")[0]
        route = next((r.path for r in table if "POST" in r.methods and r.matches(path)), path)
        return route, tuple(sorted({f.name for f in self.fields}))


class _FormParser(HTMLParser):
    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                action = urljoin(self.base, a.get("action") or self.base)
                self._form = Form(action, "multipart" in a.get("enctype", ""))
            return
        if self._form is None or not a.get("name"):
            if tag == "option" and self._select is not None:
                self._select.options.append(a.get("value", ""))
            return
        name = a["name"]
        if tag == "input":
            self._form.fields.append(Field(name, a.get("type", "text").lower(), a.get("value", "")))
        elif tag == "textarea":
            self._form.fields.append(Field(name, "textarea"))
        elif tag == "select":
            self._select = Field(name, "select")
            self._form.fields.append(self._select)
        elif tag == "button" and a.get("value"):
            self._form.fields.append(Field(name, "submit", a["value"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None


def forms_on(page_url: str, html: str) -> list[Form]:
    parser = _FormParser(page_url)
    parser.feed(html)
    return parser.forms


def same_site_path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


# --- one form, sent every way a client may send it --------------------------------------------------

ENCODINGS = ("urlencoded+field", "urlencoded+header", "multipart+field", "multipart+header")


def multipart_body(
    fields: Sequence[tuple[str, str]], files: Sequence[tuple[str, str, bytes]] = ()
) -> tuple[bytes, str]:
    """A multipart/form-data body in the order given (the token first, as a browser sends it)."""
    boundary = "fuzz" + secrets.token_hex(12)
    out = bytearray()
    for name, value in fields:
        out += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        out += value.encode("utf-8", "surrogatepass") + b"\r\n"
    for name, filename, data in files:
        out += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        out += data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out), f"multipart/form-data; boundary={boundary}"


def request(client: httpx.Client, method: str, path: str, **kwargs: object) -> httpx.Response:
    """One request; sent again on a fresh connection if the server closed the kept-alive one (as
    uvicorn does after an unhandled error, which the previous answer, a 500, has already shown)."""
    try:
        return client.request(method, path, **kwargs)  # type: ignore[arg-type]
    except httpx.TransportError:
        return client.request(method, path, **kwargs)  # type: ignore[arg-type]


def post_form(
    client: httpx.Client,
    path: str,
    token: str,
    fields: Sequence[tuple[str, str]],
    encoding: str,
    files: Sequence[tuple[str, str, bytes]] = (),
) -> httpx.Response:
    """POST the fields (and files, which make it multipart) with the token where ``encoding`` says."""
    in_header = encoding.endswith("header")
    headers = {"X-CSRF-Token": token} if in_header else {}
    sent = list(fields) if in_header else [("csrf_token", token), *fields]
    if encoding.startswith("multipart") or files:
        body, content_type = multipart_body(sent, files)
        headers["Content-Type"] = content_type
        return request(client, "POST", path, content=body, headers=headers)
    return request(client, "POST", path, data=_merge(sent), headers=headers)


def _merge(fields: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for name, value in fields:
        merged.setdefault(name, []).append(value)
    return merged
