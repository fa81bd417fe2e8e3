"""The Jinja environment every page is rendered with (portal.web.templating)."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from portal.settings import Settings
from portal.web.templating import build_templates, clip
from tests.conftest import production


def rewrite(path: Path, text: str) -> None:
    """Change a template the way a deploy would, with a later modification time."""
    before = path.stat().st_mtime
    path.write_text(text, encoding="utf-8")
    os.utime(path, (before + 10, before + 10))


def test_production_reads_each_template_once(settings: Settings, tmp_path: Path):
    (tmp_path / "page.html").write_text("one", encoding="utf-8")
    env = build_templates(production(replace(settings, templates_dir=tmp_path))).env
    assert env.get_template("page.html").render() == "one"

    rewrite(tmp_path / "page.html", "two")

    # A release restarts the processes; until then the template read at first use is kept.
    assert env.get_template("page.html").render() == "one"


def test_development_shows_an_edited_template_at_once(settings: Settings, tmp_path: Path):
    (tmp_path / "page.html").write_text("one", encoding="utf-8")
    env = build_templates(replace(settings, templates_dir=tmp_path)).env
    assert env.get_template("page.html").render() == "one"

    rewrite(tmp_path / "page.html", "two")

    assert env.get_template("page.html").render() == "two"


# --- cutting long text: one filter, by characters ---------------------------------------------------

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
CITED = (
    "依据 《中华人民共和国立法法》 第四十条，建议将本草案征求意见的期限延长至三十日以上，并公开意见采纳情况。"
)
MEETING_NOTE = (
    "A40816 会上意见：居民代表提出第三条的审批时限过长，建议缩短为十五个工作日并在网上公开办理进度。"
)


def test_no_template_cuts_text_with_truncate():
    # Jinja's truncate() without killwords cuts back to the last ASCII space, which in Chinese text
    # can be the second character: every template cuts with the shared clip filter instead.
    users = [
        f"{path.relative_to(TEMPLATES)}:{n}"
        for path in sorted(TEMPLATES.rglob("*"))
        if path.is_file()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "truncate(" in line
    ]
    assert not users, "templates using truncate(): " + ", ".join(users)


def test_clip_cuts_by_characters_not_at_the_last_space():
    assert clip(CITED, 30) == CITED[:30] + "…"
    assert clip(CITED, 30).startswith("依据 《中华人民共和国立法法》 第四十条，建议")
    assert clip(MEETING_NOTE, 20) == "A40816 会上意见：居民代表提出第三…"
    assert len(clip(MEETING_NOTE, 20)) == 21


def test_clip_leaves_text_that_fits_as_it_is():
    assert clip("第三条", 3) == "第三条"
    assert clip("短意见", 60) == "短意见"
    assert clip("", 5) == "" and clip(None, 5) == ""
    assert clip(12345, 3) == "123…"


def test_clip_never_cuts_inside_a_character():
    assert clip("意见😀很好", 3) == "意见😀…"  # a character outside the BMP is one character
    family = "👨\u200d👩\u200d👧"
    assert clip("好" + family + "家", 3) == "好…"  # not a man and a dangling joiner
    accented = "cafe\u0301s"
    assert clip(accented, 4) == "caf…"  # not an "e" without its accent
    assert clip("ab\ud83d\ude00c", 3) == "ab…"  # a pair of surrogates, as text from elsewhere may hold


def test_clip_is_the_filter_every_page_has(settings: Settings):
    env = build_templates(settings).env
    assert env.from_string("{{ body|clip(30) }}").render(body=CITED) == CITED[:30] + "…"
    assert env.from_string("{{ body|clip(5) }}").render(body="<b>加粗的意见</b>") == "&lt;b&gt;加粗…"
