"""A real uvicorn process serving the portal on a free port, on a fresh SQLite database with the demo
data: for tests that need the whole stack over HTTP (fuzzing, the OpenAPI run)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class LiveServer:
    url: str
    database_path: Path
    upload_dir: Path
    process: subprocess.Popen[bytes]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def server_env(directory: Path, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{directory / 'portal.sqlite3'}",
        "UPLOAD_DIR": str(directory / "uploads"),
        "RATE_LIMITS_ENABLED": "false",
        "PORTAL_ENV": "development",
        **extra,
    }
    env.pop("REDIS_URL", None)
    return env


@contextmanager
def live_server(directory: Path, *, seed: bool = True, **extra_env: str) -> Iterator[LiveServer]:
    env = server_env(directory, **extra_env)
    run = {"env": env, "cwd": REPO, "check": True, "capture_output": True, "timeout": 300}
    subprocess.run([sys.executable, "-m", "portal", "migrate"], **run)  # type: ignore[call-overload]
    if seed:
        subprocess.run([sys.executable, "-m", "portal", "seed-demo"], **run)  # type: ignore[call-overload]
    port = free_port()
    log = (directory / "server.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "portal.app:asgi",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((directory / "server.log").read_text(errors="replace"))
            time.sleep(0.2)
        yield LiveServer(url, directory / "portal.sqlite3", directory / "uploads", process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
