"""Log lines are JSON objects, one per line; the access line has its fixed fields."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import sys
from collections.abc import Iterator

import pytest

from portal.logs import ACCESS_LOGGER, AccessLines, access_lines, configure_logging
from portal.web.middleware import RequestIds


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
    access_lines.write_to(None)


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


async def test_the_served_app_writes_access_lines_in_batches_of_the_same_shape(written: io.StringIO):
    lines = AccessLines(flush_seconds=0.05, max_buffered=10_000)
    stream = io.StringIO()
    lines.write_to(stream)
    fields = {
        "request_id": "9a",
        "method": "GET",
        "path": "/",
        "status": 200,
        "duration_ms": 0.5,
        "client": "::1",
    }
    lines.record(**fields)
    assert stream.getvalue() == ""  # waiting for the batch
    await asyncio.sleep(0.1)
    (line,) = [json.loads(text) for text in stream.getvalue().splitlines()]
    assert {k: v for k, v in line.items() if k != "asctime"} == {
        "levelname": "INFO",
        "name": "portal.access",
        "message": "request",
        **fields,
    }
    assert len(line["asctime"]) == len("2026-11-26 10:43:30,718")
    for n in range(300):  # past max_buffered: written at once, without waiting for the timer
        lines.record(**{**fields, "request_id": f"{n:04d}"})
    assert len(stream.getvalue().splitlines()) > 100
    lines.flush()
    assert len(stream.getvalue().splitlines()) == 301


def test_configured_logging_sends_access_lines_to_stderr_and_tools_use_the_logger(written: io.StringIO):
    assert access_lines.stream is sys.stderr
    access_lines.write_to(None)  # as before configure_logging: one record per line
    access_lines.record(request_id="1", method="GET", path="/", status=200, duration_ms=1.0, client="")
    (line,) = [json.loads(text) for text in written.getvalue().splitlines()]
    assert line["name"] == "portal.access" and line["request_id"] == "1"


def test_request_ids_are_unique_in_a_process_and_differ_in_a_forked_child():
    ids = RequestIds()
    seen = {ids.next() for _ in range(10_000)}
    assert len(seen) == 10_000 and all(len(i) == 16 for i in seen)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: what would a worker forked from this process hand out?
        os.write(write, ids.next().encode())
        os._exit(0)
    os.waitpid(pid, 0)
    child_id = os.read(read, 64).decode()
    os.close(read)
    os.close(write)
    assert child_id not in seen and child_id[:8] != ids.next()[:8]
