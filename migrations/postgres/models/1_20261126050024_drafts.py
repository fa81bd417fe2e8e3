from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "search_entry" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "draft_id" INT NOT NULL,
    "version_number" INT NOT NULL,
    "unit_key" VARCHAR(32) NOT NULL,
    "title" VARCHAR(300) NOT NULL,
    "body" TEXT NOT NULL,
    "tokens" TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_search_entr_draft_i_3c100d" ON "search_entry" ("draft_id");
COMMENT ON TABLE "search_entry" IS 'One searchable text (a draft''s title and summary, or one article of its current version).';
        CREATE TABLE IF NOT EXISTS "draft" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "title" VARCHAR(200) NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "drafting_body" VARCHAR(200) NOT NULL,
    "summary" TEXT NOT NULL,
    "explanation" TEXT NOT NULL,
    "status" VARCHAR(32) NOT NULL,
    "opens_at" TIMESTAMPTZ,
    "closes_at" TIMESTAMPTZ,
    "short_window_reason" TEXT NOT NULL,
    "market_related" BOOL NOT NULL,
    "withdrawn_reason" TEXT NOT NULL,
    "published_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "created_by_id" INT REFERENCES "staff_user" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_draft_status_39e61a" ON "draft" ("status");
CREATE INDEX IF NOT EXISTS "idx_draft_closes__b1e3b7" ON "draft" ("closes_at");
CREATE INDEX IF NOT EXISTS "idx_draft_publish_6af100" ON "draft" ("published_at");
COMMENT ON COLUMN "draft"."kind" IS 'LOCAL_REGULATION: local_regulation\nGOVERNMENT_RULE: government_rule\nNORMATIVE_DOCUMENT: normative_document\nMAJOR_DECISION: major_decision';
COMMENT ON COLUMN "draft"."status" IS 'DRAFT: draft\nOPEN: open\nCLOSED: closed\nFEEDBACK_PUBLISHED: feedback_published\nWITHDRAWN: withdrawn';
COMMENT ON TABLE "draft" IS '草案: one docket that citizens comment on, through one or more published versions.';
        CREATE TABLE IF NOT EXISTS "draft_version" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "number" INT NOT NULL,
    "label" VARCHAR(100) NOT NULL,
    "text" TEXT NOT NULL,
    "source_name" VARCHAR(255) NOT NULL,
    "counts" JSONB NOT NULL,
    "warnings" JSONB NOT NULL,
    "attachments" JSONB NOT NULL,
    "preamble" TEXT NOT NULL,
    "unit_count" INT NOT NULL,
    "published_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "draft_id" INT NOT NULL REFERENCES "draft" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_draft_versi_draft_i_328ea8" UNIQUE ("draft_id", "number")
);
COMMENT ON TABLE "draft_version" IS 'One text of a draft (1 = 征求意见稿). Immutable once published: a change is a new version.';
        CREATE TABLE IF NOT EXISTS "provision" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "position" INT NOT NULL,
    "parent_position" INT,
    "level" VARCHAR(16) NOT NULL,
    "number" INT,
    "sub" INT NOT NULL,
    "label" VARCHAR(64) NOT NULL,
    "heading" VARCHAR(200) NOT NULL,
    "text" TEXT NOT NULL,
    "path" VARCHAR(300) NOT NULL,
    "key" VARCHAR(32) NOT NULL,
    "lineage" VARCHAR(32) NOT NULL,
    "version_id" INT NOT NULL REFERENCES "draft_version" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_provision_version_4e5aa3" UNIQUE ("version_id", "position")
);
CREATE INDEX IF NOT EXISTS "idx_provision_lineage_5e549d" ON "provision" ("lineage");
COMMENT ON TABLE "provision" IS 'One node of a version''s structure: 编 章 节 条 款 项 目 (or a numbered section 一、).';
        CREATE TABLE "draft_liaison_point" (
    "draft_id" INT NOT NULL REFERENCES "draft" ("id") ON DELETE CASCADE,
    "liaisonpoint_id" INT NOT NULL REFERENCES "liaison_point" ("id") ON DELETE CASCADE
);
-- aerich 0.10 omits the unique index of a many-to-many table; Tortoise creates it.
CREATE UNIQUE INDEX IF NOT EXISTS "uidx_draft_liais_draft_i_f3ab1f" ON "draft_liaison_point" ("draft_id", "liaisonpoint_id");
-- Full-text search (the same DDL as portal.services.search).
CREATE INDEX IF NOT EXISTS "idx_search_entry_tsv" ON "search_entry" USING GIN (to_tsvector('simple', "tokens"));
"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_search_entry_tsv";
        DROP TABLE IF EXISTS "draft_liaison_point";
        DROP TABLE IF EXISTS "draft_liaison_point";
        DROP TABLE IF EXISTS "draft";
        DROP TABLE IF EXISTS "draft_version";
        DROP TABLE IF EXISTS "provision";
        DROP TABLE IF EXISTS "search_entry";"""


MODELS_STATE = (
    "eJztXVtz4jgW/isqXjpdxWYISQid2d0qktA9mU5Cb0J6pmbYcoQtwBNjeSw5aWa2//seyf"
    "cb4AQIuPwSuqVzLPmTLJ2r9HdtSjVisP0O51idTInJa6fo75qJpwT+kVFbRzVsWWGdKOB4"
    "aEhyHKcbMm5jVTxxhA1GoEgjTLV1i+vUFPQdc4Ycy6BYIxoa6QbZR/0JQYxTGwpEJ5DO0J"
    "iYxMacaD8iDrXU1se6iY2gnprGDJEnYiNNZ5aBZ0TbF+1rVIUO6OZ4/U05pv6nQxROxwT4"
    "bGjw9/9CsW5q5Bth/n+tR2WkE0OLQaxr4gGyXOEzS5ZdmvyjJBRvMVRUajhTMyS2ZnxCzY"
    "Bad+EO+g5l3HYE3KZjGN7Y+CPg9jQkcbsY4dHICDuGGDTB7XYgLKspyk2vr9x1+4pSSw2o"
    "zxEB3itSqSkmA3SVybcfiy78o3lwdHLUPmwdtYFEdjMoOfnuNh0C4zJKeG76te+yHnPsUk"
    "iMQ1D9gVNkQQrf8wm2swFOMSawhpdIYu0jOw9svyBEO/wiNgH3FH9TDGKO+URgfHw8B9yv"
    "ndvznzq3e0D1XjRJ4RN2v+4br6rp1okRCBF3P6TCeCfYVoP2207tGNYHzfYSWANVLtayLo"
    "41tMhhjXVhKgB2kq+Ec3steDP9rwycz/Rx7jrtcyxeqXcBYXex/tBsHh6eNBuHrfbx0cnJ"
    "cbsRrNrpqnnL99nlJ7GCx/D3l/QI6BPcPG4VWksCjnVN7LdbR1pHS0zr1lHurBZViUXEJg"
    "ILBfM0xhdQw/UpyVlGYpwJrDWPdd//xy5OeHhBrQeinjfkc6DvX1537/qd6y+iuSljfxoS"
    "v06/K2qasnSWKN1rJYYpeAj65bL/ExL/Rb/1broSXsr42JYthnT932qiT9jhVDHps4K1yO"
    "z0S33UYqPuicC2UkjsTHC9aFXzerc1Y7wCCVTI9KPHTAHURywN8kcQePSx+ZnMJNaX0Cts"
    "qlm7had83TOyzPK1Zfh+9+eQXxp20cbPgR6UnFrw+vDShEsAoA/o5v7qqiaRHmL18Rnbmh"
    "KDXNTQJk2UBLTpqmlzmizBJh5LhMSriI77aq+j6bz7lKcUh7X1uUqxoFPI09Ja8S8TCuql"
    "hp4nmNfhLzHriFP4h65OEB3+QVQoHtl0KupsUGQ/E4ujEbUR5sggmHHE9G9oCtLehKG9gX"
    "MyOj6Av0RTB87xsP0B/h602gOnpWrHCNsc5vz7tMb8dt1YsTY9T1ArmUK9ERktX+2GaU3t"
    "wjpgnGtzSkmtthmVpNFYRiVpNPJVElEXl94AM9GpYih7HJV0vFg6dte3whp2gq10c3ltQG"
    "et2wthzly8K5DTIGuEY91II/zzXe8mG+GQI6nf6SpH/0OGztZmyqj9c+SYcrVCQ0c3uG6y"
    "fdHsv9cF/xy4BUIx1c6Hee+682tyBM6vemdJnU084CwxHLpVZLK71NUsL5lFY6O7ZXkNGq"
    "7wWMiaEWWpTBkLTRkSrsqOscCOEZ1UW2XEuLDxKNN+4VbU55kutIBkodFi4LQPj0Clb7WP"
    "2qeImgQBto+EIz7BHKk61/8iJkMqnYrwACCoQ41NnfFEElMbTWFCIcsZgmgxIRp6IjaDZ7"
    "O0YWK9TVWu/O1y5XOdG4V0sIChhO7N5lK2hOYcW0IzbUt4hFfLBrhrOtPU6h4D2+fdZqxr"
    "V73zzpVy2/10f9XpX/ZuTpFBVWwoNhk7BhZUA/NT72v39ua6e9NXbu+vuqdoTGFZMMUKot"
    "iOQQbmTe/2Gti/dpWL3vm9oITOUHsKD3giCoykI4gH5nXn596tctE9v7yTbU3xH7AzaETV"
    "mWeAKTrqh80lBv2wmTvmoiqhEIqFHTqgDKk2K/JxpRi3eeC36SNjznSK7Qys++RbXhBByF"
    "IC7W+eztH9tT9fyQ5UjqvezSefPKl5xwEn3ywDZKJsM2k+6Am2CvjCwMNOwR320g0l5N6Y"
    "mToUc4tsKhe3nY+wA0jegdn70oWlnloEthLA5K57cYpUgzKiDcyP3e7FWef8s/Ll/uzq8u"
    "4nUTciRBPyvRJIoQNT6Mrw1F/gQc86n8CTn7dkuxDvxV5gV4nyrcCqsp2q4bZbUXxM5ppR"
    "5Fx9yRDHGDcyxptUbso0xGxCba48A5DAZxPMim2MOezVBll4gwSh7pGAVkEMiVBqDM4oNQ"
    "g2s4chzZwYgSFwr2sIgpLNjsJZr3cVG4WzyyTM99dn3du9AzkkQKTzWMRCiH2wsb7gC8ji"
    "raZ/4ekfSDwv2G2SvNWGs8Ubzm7546oI48XDvlyEsfbCUY9zVqO+LaOe8bF7vU9/68NZMV"
    "9siq9yyC50yIaYpYGuvLIxr2xqehV2zYaw+17CDIHd4/z4+ZYYeabDqNf1q/uoHVzC8oD/"
    "/koXdgizoWMdhGvForLNFNjX2Jz1qfi75Ay/ch/4hb4w++5NvatzJrp8PSXh1E++rKcnKj"
    "HHj4sqteXIPJJZBHaJuvetBIPnkUher85zqIfFsWFLfWnnnbvzzoXceJQU/t8Xxy/4H0xe"
    "GEPkg1oQzaA8RUgXRjX0TII4KISIjhB2bb1o7wD9Cw2c41H7QOQuHDXh70FjNHDaH1SR34"
    "APR+/30eV06siWEYXZGQYbnMJz1Ak2x/I8AYxM8uzHH6QjHTbffEb0w++hfdx0pkMo/G8V"
    "EPGGARHeICwPbMhQpnTkV+Ib2XDwkGTERuf7wAOGEhh/NpCqIhawImY2n74UkQUbd75Sx1"
    "ZJ8WM44mylm9hrOfJEpU6mhJqfVRFyVFkV86f+C7IqQFQ1oT+FBiTKsx1DItorzZCE54EV"
    "GpUEWzUwKx8YyyZ4OsyKq83fl6M8JdggNr0zw1tzRW4ABUT3ONPmxPfGjsjuO+dL3Brhc7"
    "v9C5UzsfxupWWciVGT45JLZpSlsncs9iYFxr1XOpKCdLIdg3dZV1J0XmXatpdyIlk2fdJX"
    "4Eb64j+nRIi/1oc0140Qc4xkuBGSjpN8N0LK07FMcuTxyQjDX2muP8Hq0D31aOC0G8dHUK"
    "KOoOSkMfwg7PMyOQnR0UhXiZvTOMbCGM8QLKy6JtSid4hauimmEQIdxXXqZCVKbqrZKmly"
    "u3wEKkzbIvY/n7505++uPheiqGm1zAdJryNRTtNFH9QMkWROVmKEp3ynW61+Dk9ASleoPc"
    "amznIy5PLBzmSuZvdysxtUH9hNc7LjcqyhIUsJzG6Jqb0UxodzMD5MYyyOOQdxTLEAq8Ln"
    "o8cYS4f36g9dgnZsWsSMHDCUANxN25DFGY5PWUfRz8sYCpk2mCnk75Y7myjERLYbtTOPcM"
    "4/9j/GVJnrk6BWRtx8qMtrxK0yQso26nkZISkz8zImUcbxaPQ6a2i5khhWF0sfifZ+XQz9"
    "i437OxU8H7xlMmo+IychHj0fdQ4kw+YzIutXFD0fTJZ8qzcd62aHczK1sq3e0fr6XKu3oI"
    "SFOCRdLnjenonrAMRlevIJ4n6AqXu5nk1UcTzfCOuGA8uOPKOPc4OgkWMLIzLw6lCMVZsy"
    "+DEMZNlUBU2YZJi619xWdSPBjt5I4MDOUNRiG+UpnzVxDSaALTrOuky4MkdVCdEKHxES49"
    "ugzv82kUwr1Pl3Sz2tDhB/sXZaQE9ZZ0xCGMSRIZrFIjzy5TIrRraUTGbCU9yMQi/z7x1D"
    "wOeoHGSjUyQuajpoiR9MGvDTbrab8NM6aR2In+EhgZ8P7ZMPgqRFCNoTVz4hN8uMaIgRN3"
    "J64ByRRmPgHDYaWddLvVlPBubAvKXPIObZBD3bOoi0JgJp0T/BFUkD3o/o4cECCpDZYcLp"
    "4jkPD8hVAHwp062HPgNpQDMwGYVOPE9ghfZfS+Ra6iaIFfC9i6bEMdRDx3hE4rRDIhvFpg"
    "ZSqow2FxRTMqUgzsrrtQQ1LAL2LD9DM5LU6vekytJ80wiMYBiWhzbKUkUuZkV7x7/HItCm"
    "OauDRjJSYclTwVRYn6GE/v+D1jK5sEnJJZIK20qFDm04c7vks5U5wyK+OZe6csrtYv77Dm"
    "vxE9CcRPsFAI6wlCBIYgNRVdt/xEBpQlAsDMNYYC779CVcK9YSvCacRgXg9chLMJHXHfNq"
    "6CbB40KOgAjL5i4j2FV8PRNEsWS9OFOl9C5O14tYelaRsFe+kwjriby9+BQrmrm3TvPvHc"
    "G2Ouma3J7VMgzA0er6PBMwk4QKCSiXsgK7XPKIOHnE3J53wNw7huQNatIi6V1BVBeX5gkz"
    "JLa5rhrSZqtzhlTHFnYV38yZY+VdS0vCivvwwOkjMdnDA5pQQFwaZWUTjIyFVZVoaDhDf+"
    "hkiOvomdpAwoiF5SwXNczCKmH76O4/VzonyDOWQoPyAhbo18D82L87Ru5Jeo/EkrZZxokl"
    "uOElx2PoTx19cV0S8BiPEX26vHEfh8Q1YohThbMnIu6I3HvH9KllkHd15Pb+/Y8Dc0gFl0"
    "2Q50gSj8doqo9tGfmE9hghyKI2x8YPjNhPOnT7BxfXfWsmAh3kuzOYQeji4up9lZS3hSbh"
    "LU1m3z2I00JHYctamrEyDCXBlYfPFNRHojyVUrJQaK4uN123Pp19wWW+aahU91pu2jjkCj"
    "SFLHEBRwX4koBvSfCKjLnPUFv8WPw5+ooI+Fccn26httJBkgNhVZ6Eto/O/Su+TSKEa4OO"
    "QdZO6x4F+CpRebtE5e0I292icyxW75fSdGYZeFb4qOAkXynW7Q0cg21hxoQJQplgVtCDkm"
    "AsIeJrOZ/ZpgYpdO5swFCdODtfUnnJUcBV6vrGUtcJc20b1LP/L7vSpBhLuNKswbGIGVf8"
    "9Lg03PMTB1LM1Sm025PT7CYL7G6GyGY/s3KliMRDByLZucUM+FmsVSznQi93Kh/6lb7ugn"
    "fAbRnYy7q6syZbzOF9C1/C7eV5f7mzaufe3lDkeIZO8KDyYB8Xbh1N5wp5WgFU4kndp/JC"
    "lXckReE7NEuEzzrNtB1i6+qklmGo9Wrq80y1OKRZZKbNh6Eyrm6XcTU3hCxfM4zmF5ZPJ1"
    "yL9Ul8VAUQ9shLiO5arKniqE6SJRrOu3wtYNm8fe9t9OuVWfLe1Of4/f9FbDPy"
)
