from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class CommentFingerprint(Model):
    """The expensive per-comment work of a digest, done once: the near-duplicate signature (and whether
    the comment's words were counted for keywords). New comments are fingerprinted incrementally."""

    comment_id = fields.BigIntField(primary_key=True)
    draft_id = fields.IntField(db_index=True)
    text_hash = fields.CharField(max_length=16)
    signature = fields.BinaryField()
    counted = fields.BooleanField(default=False)

    class Meta:
        table = "comment_fingerprint"


class TermCount(Model):
    """How often a content word occurs in the comments on one article (lineage "" = the whole draft)."""

    id = fields.BigIntField(primary_key=True)
    draft_id = fields.IntField()
    lineage = fields.CharField(max_length=32)
    term = fields.CharField(max_length=32)
    n = fields.IntField(default=0)

    class Meta:
        table = "term_count"
        unique_together = (("draft_id", "lineage", "term"),)


class CommentChange(Model):
    """A change to a comment the digest reads, recorded by database triggers for its next refresh.

    The triggers (``comment_digest_*``, portal/services/digest/changes.py) write a row on every UPDATE
    that changes a column the digest reads and on every DELETE, whatever code path wrote it. The row
    holds the counted columns as they were before the change, so a refresh can take the comment out of
    the stored counts and put it back as it is now; the refresh that has done so deletes the rows it
    read."""

    id = fields.BigIntField(primary_key=True)
    draft_id = fields.IntField(db_index=True)
    comment_id = fields.BigIntField()
    lineage = fields.CharField(max_length=32)
    stance = fields.CharField(max_length=16)
    channel = fields.CharField(max_length=16)
    district = fields.CharField(max_length=32)
    identity_type = fields.CharField(max_length=16)
    outcome = fields.CharField(max_length=16, null=True)
    moderation = fields.CharField(max_length=16)
    liaison_point_id = fields.IntField()
    created_at = fields.DatetimeField()

    class Meta:
        table = "comment_change"


class DigestSnapshot(Model):
    """The stored digest of a draft: the staff page is served from it, never recomputed per request."""

    draft_id = fields.IntField(primary_key=True)
    status = fields.CharField(max_length=16, default="idle")  # idle | running | failed
    progress = fields.IntField(default=0)  # percent, while running
    message = fields.CharField(max_length=200, default="")
    started_at = fields.DatetimeField(null=True)
    computed_at = fields.DatetimeField(null=True)
    comment_count = fields.IntField(default=0)
    seconds = fields.FloatField(default=0)
    data: fields.Field[dict[str, object]] = fields.JSONField(default=dict)

    class Meta:
        table = "digest_snapshot"


class WorkerBeat(Model):
    """A long-lived background worker's sign of life, written every few seconds while it runs.

    The web processes read it to decide whether a job can wait for the worker (queued in the database)
    or must be run in a process of its own (no worker running, as in development)."""

    name = fields.CharField(max_length=32, primary_key=True)  # the kind of worker, e.g. "digest"
    beat_at = fields.DatetimeField()
    host = fields.CharField(max_length=64, default="")
    pid = fields.IntField(default=0)

    class Meta:
        table = "worker_beat"
