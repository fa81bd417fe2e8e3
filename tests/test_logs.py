"""Log lines are JSON objects, one per line; the access line has its fixed fields."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from portal.logs import ACCESS_LOGGER, configure_logging


@pytest.fixture
def written() -> Iterator[io.StringIO]:
    """What the configured handlers write (to stderr in production), in one buffer."""
    root, access = logging.getLogger(), logging.getLogger(ACCESS_LOGGER)
    saved = (root.handlers[:], root.level, access.handlers[:], access.propagate)
    configure_logging()
    buffer = io.StringIO()
    for handler in root.handlers + access.handlers:
        assert isinstance(handler, logging.StreamHandler)
        handler.setStream(buffer)
    yield buffer
    root.handlers[:], level, access.handlers[:], access.propagate = saved
    root.setLevel(level)


def test_access_and_other_lines_are_json_with_the_same_leading_fields(written: io.StringIO):
    logging.getLogger(ACCESS_LOGGER).info(
        "request",
        extra={
            "request_id": "5f2c",
            "method": "GET",
            "path": "/drafts/草案",
            "status": 200,
            "duration_ms": 1.25,
            "client": "203.0.113.7",
        },
    )
    logging.getLogger("portal.services").warning("磁盘空间不足")
    lines = [json.loads(line) for line in written.getvalue().splitlines()]
    access, other = lines
    assert access == {
        "asctime": access["asctime"],
        "levelname": "INFO",
        "name": "portal.access",
        "message": "request",
        "request_id": "5f2c",
        "method": "GET",
        "path": "/drafts/草案",
        "status": 200,
        "duration_ms": 1.25,
        "client": "203.0.113.7",
    }
    assert other["message"] == "磁盘空间不足" and other["levelname"] == "WARNING"
    for line in (access, other):
        assert len(line["asctime"]) == len("2026-11-26 10:43:30,718")
