"""Start an app under uvicorn as production does, wait until it answers, sample its memory, stop it."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def production_env(database_url: str, upload_dir: Path) -> dict[str, str]:
    """The environment of a production process, with the rate limits off (RATE_LIMITS_ENABLED=false):
    every request of the load generator comes from one address, which the limits would refuse."""
    env = {
        **os.environ,
        "PORTAL_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": database_url,
        "UPLOAD_DIR": str(upload_dir),
        "RATE_LIMITS_ENABLED": "false",
        "SITE_URL": "https://canyu.example.gov.cn",  # production refuses to start without one
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    return env


def descendants(pid: int) -> list[int]:
    """Every process below pid (uvicorn's workers and anything they start), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rpartition(")")[2].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found: list[int] = []
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def app_processes(root: int) -> list[int]:
    """The processes that serve requests: uvicorn's spawned workers, or uvicorn itself without them
    (its supervisor and multiprocessing's resource tracker serve nothing)."""
    workers = []
    for pid in descendants(root):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in command:
            workers.append(pid)
    return workers or [root]


def rss_mb(pid: int) -> float | None:
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * PAGE_SIZE / 1024 / 1024


def peak_rss_mb(pid: int) -> float | None:
    """The highest resident set size a running process has had (VmHWM)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return None


@dataclass
class RssSampler:
    """Peak resident memory of each process of a server tree, sampled twice a second."""

    root: int
    peaks: dict[int, float] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def sample(self) -> None:
        for pid in app_processes(self.root):
            mb = rss_mb(pid)
            if mb is not None:
                self.peaks[pid] = max(self.peaks.get(pid, 0.0), mb)

    def _loop(self) -> None:
        while not self._stop.wait(0.5):
            self.sample()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.sample()
        self._stop.set()
        if self._thread:
            self._thread.join()

    def worker_peaks(self) -> list[float]:
        return list(self.peaks.values())


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    sampler: RssSampler
    log: Path


@contextmanager
def uvicorn(
    app: str, env: dict[str, str], *, workers: int, log: Path, ready_path: str = "/healthz"
) -> Iterator[Server]:
    """``uvicorn APP --factory --loop uvloop --http httptools --workers N`` on a free loopback port."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        app,
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--loop",
        "uvloop",
        "--http",
        "httptools",
        "--workers",
        str(workers),
        "--no-access-log",
        "--log-level",
        "warning",
        "--timeout-graceful-shutdown",
        "10",
    ]
    out = log.open("ab")
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    sampler = RssSampler(process.pid)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                answered = httpx.get(url + ready_path, timeout=5).status_code == 200
                # Every worker must be up, not just the first one to accept.
                if answered and (workers == 1 or len(app_processes(process.pid)) >= workers):
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{app} did not start:\n" + log.read_text(errors="replace")[-3000:])
            time.sleep(0.3)
        sampler.start()
        yield Server(url, process, sampler, log)
    finally:
        sampler.stop()
        stop(process, within=30)
        out.close()


@contextmanager
def digest_worker(env: dict[str, str], *, log: Path, poll: float = 1.0) -> Iterator[subprocess.Popen[bytes]]:
    """``python -m portal digest-worker``, as the Procfile runs it; stopped with SIGTERM afterwards.
    The caller waits for its heartbeat (it is ready once it has written one)."""
    out = log.open("ab")
    command = [sys.executable, "-m", "portal", "digest-worker", "--poll", f"{poll:g}"]
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        stop(process, within=60)
        out.close()


def stop(process: subprocess.Popen[bytes], *, within: float) -> None:
    """SIGTERM, then SIGKILL if it has not exited ``within`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=within)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
