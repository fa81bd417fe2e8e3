"""Long-lived processes keep what start-up loaded out of the garbage collector's full passes."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

from portal.services.digest import worker

STARTED = """
import asyncio, gc
from pathlib import Path
from portal.app import create_app
from portal.settings import Settings

async def main():
    app = create_app(Settings(database_url={url!r}, secret_key="k" * 48, upload_dir=Path({uploads!r})))
    before = gc.get_freeze_count()
    async with app.router.lifespan_context(app):
        print(before, gc.get_freeze_count())

asyncio.run(main())
"""


def test_an_app_process_freezes_what_start_up_loaded(tmp_path: Path):
    script = STARTED.format(url=f"sqlite://{tmp_path}/m.sqlite3", uploads=str(tmp_path / "uploads"))
    done = subprocess.run(
        [sys.executable, "-c", script], env=os.environ, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    before, after = (int(n) for n in done.stdout.split())
    # jieba's dictionary alone is hundreds of thousands of objects' worth of walking.
    assert before == 0 and after > 50_000


def test_the_digest_worker_freezes_after_loading_the_dictionary():
    try:
        worker.warm_up()
        assert gc.get_freeze_count() > 50_000
    finally:
        gc.unfreeze()
