"""Memory settings of the long-lived processes (the app processes and the digest worker)."""

from __future__ import annotations

import gc


def freeze_what_was_loaded() -> None:
    """Keep what start-up loaded out of the garbage collector's full passes.

    What is loaded by then lives as long as the process: routes, templates, models and above all
    jieba's dictionary (half a million words) and the keyword weights. A full collection walks all of
    it, about 70 ms with nothing to free, and under load one comes every second or two, stalling every
    request in flight (most of an uncached search's p95 at 64 connections). Frozen (``gc.freeze``), a
    full pass takes 1-2 ms; objects made later are collected as before. Call it once, when start-up
    has loaded what the process needs."""
    gc.collect()
    gc.freeze()
