"""The migrations of this database kind build exactly the schema the models describe."""

from __future__ import annotations

import os
import subprocess
import sys

from portal.schema_check import differences
from tests.conftest import database_url_for_tests


def test_migrations_applied_to_an_empty_database_match_the_models(tmp_path):
    url = database_url_for_tests()
    if url.startswith("sqlite"):
        url = f"sqlite://{tmp_path}/scratch.sqlite3"
    result = subprocess.run(
        [sys.executable, "-m", "portal", "check-migrations", "--database-url", url.replace("_{}", "")],
        capture_output=True,
        text=True,
        timeout=300,
        env=os.environ.copy(),
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "migrations match the models" in result.stdout


def test_the_comparison_notices_a_missing_column_and_index():
    models = {
        "t": {
            "columns": {"a": ("INT", True, False), "b": ("TEXT", True, False)},
            "indexes": {(False, ("a",))},
        }
    }
    migrated = {"t": {"columns": {"a": ("INT", True, False)}, "indexes": set()}}
    problems = differences(models, migrated)
    assert any("t.b" in p for p in problems)
    assert any("index" in p for p in problems)
    assert differences(models, {}) == ["table t is missing from the migrated database"]
    with_fk = {"t": {**models["t"], "foreign_keys": {("meeting_id", "meeting", "id", "RESTRICT")}}}
    without_fk = {"t": {**models["t"], "foreign_keys": set()}}
    assert differences(with_fk, without_fk) == [
        "t: foreign key ('meeting_id', 'meeting', 'id', 'RESTRICT') only in the models schema"
    ]


def test_no_migration_adds_a_required_column_without_a_database_default():
    """aerich writes `ADD "x" TEXT NOT NULL` for a field with a Python default; on a table that already
    has rows that statement fails, so every such column must carry a DEFAULT in the SQL."""
    import re
    from pathlib import Path

    pattern = re.compile(r'ALTER TABLE "\w+" ADD "\w+" [^;]*NOT NULL(?![^;]*DEFAULT)[^;]*;')
    offenders = []
    for path in sorted(Path(__file__).resolve().parents[1].glob("migrations/*/models/*.py")):
        offenders += [
            f"{path.name}: {m.group(0)}" for m in pattern.finditer(path.read_text(encoding="utf-8"))
        ]
    assert offenders == []
