"""The Jinja2 environment and the values every page can use."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from portal.services import levels, masking, plaintext, screening
from portal.services.drafting.numerals import int_to_cn
from portal.settings import Settings
from portal.web import csrf, flash
from portal.web.preferences import display_mode

LOCAL_TZ = ZoneInfo("Asia/Shanghai")
XML_TEMPLATES = (".atom", ".xml")


def local_time(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """Show a stored (UTC) moment in Beijing time."""
    if value is None:
        return ""
    return value.astimezone(LOCAL_TZ).strftime(fmt)


ELLIPSIS = "…"
_ZWJ = "\u200d"


def _joins_previous(ch: str) -> bool:
    """A character that belongs with the one before it: a combining mark, a variation selector,
    an emoji modifier or a zero-width joiner (cutting before it would leave half a character)."""
    code = ord(ch)
    return (
        unicodedata.combining(ch) != 0
        or unicodedata.category(ch) in ("Mn", "Me")
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF
        or ch == _ZWJ
    )


def clip(value: object, length: int = 60) -> str:
    """At most ``length`` characters of the text, then "…"; a text that fits is left as it is.
    Cut by characters, not at the last space (Jinja's ``truncate`` cuts "依据 《立法法》 第四十条…"
    back to "依据..."), and never inside a character: not between a surrogate pair, nor before the
    combining mark or joiner that belongs to the character before it."""
    if value is None:
        return ""
    text = str(value)
    if len(text) <= length:
        return text
    cut = max(length, 0)
    while cut > 0 and (_joins_previous(text[cut]) or text[cut - 1] == _ZWJ):
        cut -= 1
    if cut > 0 and "\ud800" <= text[cut - 1] <= "\udbff":  # a lone high surrogate: its pair follows
        cut -= 1
    return text[:cut].rstrip() + ELLIPSIS


_ITEM_RE = re.compile(r"^[（(][一二三四五六七八九十百]+[）)]")
_SUBITEM_RE = re.compile(r"^(?:[0-9０-９]{1,3}[.．、]|[（(][0-9０-９]{1,3}[）)])")


@dataclass(frozen=True)
class Paragraph:
    kind: str  # "text" | "item" | "subitem"
    text: str


def paragraphs(text: str) -> list[Paragraph]:
    """A provision's text as paragraphs, items marked so they can be indented."""
    result = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        kind = "item" if _ITEM_RE.match(line) else "subitem" if _SUBITEM_RE.match(line) else "text"
        result.append(Paragraph(kind, line))
    return result


def unit_label(key: str) -> str:
    """tiao-15 -> 第十五条, tiao-15-1 -> 第十五条之一, section-3 -> 三、; "" -> 草案整体."""
    if not key:
        return "草案整体"
    kind, _, rest = key.partition("-")
    parts = rest.split("-")
    # int_to_cn() reads 0..9999, as many articles as a law has; anything else is shown as it is.
    if not all(n.isascii() and n.isdigit() and len(n) <= 4 for n in parts):
        return key
    numbers = [int(n) for n in parts]
    if kind == "tiao" and numbers:
        sub = f"之{int_to_cn(numbers[1])}" if len(numbers) > 1 else ""
        return f"第{int_to_cn(numbers[0])}条{sub}"
    if kind == "section" and numbers:
        return f"{int_to_cn(numbers[0])}、"
    return key


def shown(value: object) -> object:
    """What ``{{ … }}`` prints: a missing value (None) as nothing, never the word "None" (a form
    pre-filled with it is saved and published as it is). Undefined names are not missing values:
    they come through unchanged, and StrictUndefined still refuses to print them."""
    return "" if value is None else value


def _page_context(request: Request) -> dict[str, Any]:
    return {
        "current_user": getattr(request.state, "user", None),
        "display_mode": display_mode(request),
        "flashes": flash.pop_all(request),
    }


def build_templates(settings: Settings) -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(settings.templates_dir),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # In production the templates change only with a release, which restarts the processes:
        # checking every template's modification time on every render (a page is three or four
        # templates) is work for nothing. In development an edited template shows at once.
        auto_reload=not settings.is_production,
        finalize=shown,
    )
    templates = Jinja2Templates(env=env, context_processors=[_page_context])
    env.globals["site_name"] = settings.site_name
    env.globals["city_name"] = settings.city_name
    env.globals["csrf_token"] = csrf.token_for
    env.globals["path_for"] = _path_for
    env.filters["local_time"] = local_time
    env.filters["clip"] = clip
    env.filters["mask_contact"] = masking.mask_contact
    env.filters["public_text"] = screening.public_text
    env.filters["paragraphs"] = paragraphs
    env.filters["unit_label"] = unit_label
    env.filters["level_label"] = levels.label_of
    env.filters["catalog_query"] = levels.catalog_query
    return templates


@jinja2.pass_context
def _path_for(context: dict[str, Any], name: str, /, **params: Any) -> str:
    request: Request = context["request"]
    return str(request.app.url_path_for(name, **params))


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status_code: int = 200
) -> Response:
    """Render a template with the app's environment (the one place views reach for it)."""
    templates: Jinja2Templates = request.app.state.templates
    response = templates.TemplateResponse(request, name, context or {}, status_code=status_code)
    if name.endswith(XML_TEMPLATES):
        # A feed is XML 1.0: one character it cannot hold, in any title stored before input was
        # cleaned, and every feed reader refuses the whole feed (services.plaintext).
        body = bytes(response.body).decode()
        cleaned = plaintext.clean(body)
        if cleaned is not body:
            response.body = cleaned.encode()
            response.headers["content-length"] = str(len(response.body))
    return response
