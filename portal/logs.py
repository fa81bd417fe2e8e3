"""Structured logs: one JSON object per line on stderr, for any log shipper to pick up."""

from __future__ import annotations

import asyncio
import atexit
import json
import logging
import sys
import time
from typing import Any, TextIO

from pythonjsonlogger.json import JsonFormatter

FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
ACCESS_LOGGER = "portal.access"
ACCESS_FIELDS = ("request_id", "method", "path", "status", "duration_ms", "client")


class AccessLogFormatter(logging.Formatter):
    """The access line, in the same shape as every other JSON line, written on every request.

    python-json-logger inspects every attribute of every record, which costs more than a cached page
    takes to serve; the access line has fixed fields, so it is built directly. The timestamp is
    formatted once per second.
    """

    def __init__(self) -> None:
        super().__init__()
        self._second = -1
        self._stamp = ""

    def format(self, record: logging.LogRecord) -> str:
        fields = {f: record.__dict__[f] for f in ACCESS_FIELDS if f in record.__dict__}
        return self.line(record.created, record.levelname, record.name, record.getMessage(), fields)

    def line(self, created: float, level: str, name: str, message: str, fields: dict[str, Any]) -> str:
        second = int(created)
        if second != self._second:
            self._second = second
            self._stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(second))
        return json.dumps(
            {
                "asctime": f"{self._stamp},{int((created - second) * 1000):03d}",
                "levelname": level,
                "name": name,
                "message": message,
                **fields,
            },
            ensure_ascii=False,
            default=str,
        )


class AccessLines:
    """Where the access line of every request goes.

    Until ``configure_logging`` runs (tests, command-line tools) each line is a record of the
    ``portal.access`` logger. In the served app it is written to stderr directly and in batches: at
    most ``flush_seconds`` after its request, at once when ``max_buffered`` characters are waiting,
    and at shutdown, the way nginx buffers its access log. A record and a write per request cost a
    third of the time of serving a cached page. A process killed outright (SIGKILL) loses at most the
    last second of access lines, never anything else.
    """

    def __init__(self, *, flush_seconds: float = 1.0, max_buffered: int = 64 * 1024) -> None:
        self.flush_seconds = flush_seconds
        self.max_buffered = max_buffered
        self.stream: TextIO | None = None  # None: through the logging module
        self._formatter = AccessLogFormatter()
        self._lines: list[str] = []
        self._size = 0
        self._timer: asyncio.TimerHandle | None = None

    def write_to(self, stream: TextIO | None) -> None:
        self.flush()
        self.stream = stream

    def record(self, **fields: Any) -> None:
        if self.stream is None:
            logging.getLogger(ACCESS_LOGGER).info("request", extra=fields)
            return
        line = self._formatter.line(time.time(), "INFO", ACCESS_LOGGER, "request", fields)
        self._lines.append(line)
        self._size += len(line)
        if self._size >= self.max_buffered:
            self.flush()
        elif self._timer is None:
            try:
                self._timer = asyncio.get_running_loop().call_later(self.flush_seconds, self.flush)
            except RuntimeError:  # no event loop: nothing would flush later
                self.flush()

    def flush(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if not self._lines or self.stream is None:
            return
        text = "\n".join(self._lines) + "\n"
        self._lines.clear()
        self._size = 0
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # stderr closed or gone: access lines are not worth a crash
            pass


access_lines = AccessLines()
atexit.register(access_lines.flush)


def configure_logging(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(FORMAT, timestamp=False))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    access_handler = logging.StreamHandler(sys.stderr)
    access_handler.setFormatter(AccessLogFormatter())
    access = logging.getLogger(ACCESS_LOGGER)
    access.handlers[:] = [access_handler]
    access.propagate = False
    access_lines.write_to(sys.stderr)
    # uvicorn's own access log would duplicate ours.
    logging.getLogger("uvicorn.access").handlers[:] = []
    logging.getLogger("uvicorn.access").propagate = False
