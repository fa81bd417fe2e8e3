"""The Jinja environment every page is rendered with (portal.web.templating)."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from portal.settings import Settings
from portal.web.templating import build_templates
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
