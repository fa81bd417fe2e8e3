from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class SearchEntry(Model):
    """One searchable text: a draft's title and summary, one article of a draft's current version, or
    a library document (``document_id`` set, ``draft_id`` 0).

    ``tokens`` holds the text segmented by jieba, words separated by spaces. SQLite indexes it with an
    FTS5 table kept in step by triggers; PostgreSQL stores to_tsvector('simple', tokens) in a generated
    column ``tsv`` (not a model field: nothing writes it) with a GIN index. Both are created by the
    migrations (see portal/services/search.py for the same DDL).
    """

    id = fields.IntField(primary_key=True)
    draft_id = fields.IntField(db_index=True)  # 0 for a library document
    document_id = fields.IntField(null=True, db_index=True)
    version_number = fields.IntField(default=0)
    unit_key = fields.CharField(max_length=32, default="")  # "" for the draft itself
    title = fields.CharField(max_length=300)
    body = fields.TextField()
    tokens = fields.TextField()

    class Meta:
        table = "search_entry"
