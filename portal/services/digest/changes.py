"""The triggers that record changes to counted comments for the digest (table comment_change).

A refresh reads only the comments that are new since the stored digest and those the triggers
recorded, instead of every comment of the draft. The database writes the record, not the code that
changes a comment, so no write path (a model save, a bulk ``update()``, raw SQL, a shell) can forget
it. The columns watched are every comment column the digest reads except ``cluster_id``, which only
the digest writes.
"""

from __future__ import annotations

from tortoise import connections

# What is kept of the comment as it was: the columns its counts are made of.
KEPT = (
    "lineage",
    "stance",
    "channel",
    "district",
    "identity_type",
    "outcome",
    "moderation",
    "liaison_point_id",
    "created_at",
)
# The comment columns the digest counts, groups or ranks by; a change to any of them is recorded.
WATCHED = ("draft_id", *KEPT, "support_count", "body", "suggested_wording")

_COLUMNS = ", ".join(("draft_id", "comment_id", *KEPT))
_OLD = ", ".join(("OLD.draft_id", "OLD.id", *(f"OLD.{c}" for c in KEPT)))

SQLITE_DDL = f"""
CREATE TRIGGER IF NOT EXISTS "comment_digest_au" AFTER UPDATE ON "comment"
WHEN {" OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in WATCHED)}
BEGIN
    INSERT INTO "comment_change" ({_COLUMNS}) VALUES ({_OLD});
END;
CREATE TRIGGER IF NOT EXISTS "comment_digest_ad" AFTER DELETE ON "comment" BEGIN
    INSERT INTO "comment_change" ({_COLUMNS}) VALUES ({_OLD});
END;
"""

POSTGRES_DDL = f"""
CREATE OR REPLACE FUNCTION "comment_digest_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "comment_change" ({_COLUMNS}) VALUES ({_OLD});
    RETURN NULL;
END;
$$;
CREATE OR REPLACE TRIGGER "comment_digest_au" AFTER UPDATE ON "comment" FOR EACH ROW
WHEN ({" OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in WATCHED)})
EXECUTE FUNCTION "comment_digest_change"();
CREATE OR REPLACE TRIGGER "comment_digest_ad" AFTER DELETE ON "comment" FOR EACH ROW
EXECUTE FUNCTION "comment_digest_change"();
"""


async def install_schema() -> None:
    """Create the triggers on a database built from the models (tests, schema checks, benchmarks);
    migrated databases get them from their migration."""
    conn = connections.get("default")
    await conn.execute_script(SQLITE_DDL if conn.capabilities.dialect == "sqlite" else POSTGRES_DDL)
