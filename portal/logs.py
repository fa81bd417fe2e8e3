"""Structured logs: one JSON object per line on stderr, for any log shipper to pick up."""

from __future__ import annotations

import json
import logging
import sys
import time

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
        second = int(record.created)
        if second != self._second:
            self._second = second
            self._stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(second))
        line: dict[str, object] = {
            "asctime": f"{self._stamp},{int(record.msecs):03d}",
            "levelname": record.levelname,
            "name": record.name,
            "message": record.getMessage(),
        }
        for field in ACCESS_FIELDS:
            if field in record.__dict__:
                line[field] = record.__dict__[field]
        return json.dumps(line, ensure_ascii=False, default=str)


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
    # uvicorn's own access log would duplicate ours.
    logging.getLogger("uvicorn.access").handlers[:] = []
    logging.getLogger("uvicorn.access").propagate = False
