from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "sensitive_word" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "word" VARCHAR(50) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "sensitive_word" IS 'A word that holds a comment for a moderator before it is shown.';
        CREATE TABLE IF NOT EXISTS "comment" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "unit_key" VARCHAR(32) NOT NULL,
    "lineage" VARCHAR(32) NOT NULL,
    "quote" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "stance" VARCHAR(16) NOT NULL,
    "suggested_wording" TEXT NOT NULL,
    "channel" VARCHAR(16) NOT NULL,
    "commenter_name" VARCHAR(100) NOT NULL,
    "commenter_phone" VARCHAR(32) NOT NULL,
    "commenter_email" VARCHAR(254) NOT NULL,
    "district" VARCHAR(32) NOT NULL,
    "identity_type" VARCHAR(16) NOT NULL,
    "show_name" BOOL NOT NULL,
    "withhold" BOOL NOT NULL,
    "routing_reason" VARCHAR(32) NOT NULL,
    "routing_note" VARCHAR(500) NOT NULL,
    "moderation" VARCHAR(16) NOT NULL,
    "moderation_flags" JSONB NOT NULL,
    "moderation_reason" VARCHAR(100) NOT NULL,
    "moderation_note" TEXT NOT NULL,
    "moderated_at" TIMESTAMPTZ,
    "processing" VARCHAR(16) NOT NULL,
    "outcome" VARCHAR(16),
    "outcome_reason" TEXT NOT NULL,
    "outcome_unit_key" VARCHAR(32) NOT NULL,
    "outcome_version_number" INT,
    "outcome_at" TIMESTAMPTZ,
    "receipt_code" VARCHAR(16) NOT NULL UNIQUE,
    "submission_key" VARCHAR(64) UNIQUE,
    "cluster_id" VARCHAR(32) NOT NULL,
    "support_count" INT NOT NULL,
    "ip_hash" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "draft_id" INT NOT NULL REFERENCES "draft" ("id") ON DELETE RESTRICT,
    "liaison_point_id" INT NOT NULL REFERENCES "liaison_point" ("id") ON DELETE RESTRICT,
    "outcome_by_id" INT REFERENCES "staff_user" ("id") ON DELETE SET NULL,
    "provision_id" INT REFERENCES "provision" ("id") ON DELETE RESTRICT,
    "version_id" INT NOT NULL REFERENCES "draft_version" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_comment_cluster_4cc09a" ON "comment" ("cluster_id");
CREATE INDEX IF NOT EXISTS "idx_comment_created_061f12" ON "comment" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_comment_draft_i_2fa3ed" ON "comment" ("draft_id", "lineage", "moderation");
CREATE INDEX IF NOT EXISTS "idx_comment_liaison_0d5a92" ON "comment" ("liaison_point_id", "processing");
COMMENT ON COLUMN "comment"."stance" IS 'SUPPORT: support\nOPPOSE: oppose\nAMEND: amend\nOTHER: other';
COMMENT ON COLUMN "comment"."channel" IS 'WEB: web\nMEETING: meeting\nLETTER: letter\nEMAIL: email\nPHONE: phone\nVISIT: visit';
COMMENT ON COLUMN "comment"."identity_type" IS 'INDIVIDUAL: individual\nCOMPANY: company\nORGANISATION: organisation\nDEPUTY: deputy\nOTHER: other';
COMMENT ON COLUMN "comment"."routing_reason" IS 'CHOSEN: chosen\nDRAFT_POINT_IN_DISTRICT: draft_point_in_district\nDISTRICT_POINT: district_point\nDRAFT_POINT: draft_point\nLEAST_LOADED: least_loaded\nREASSIGNED: reassigned';
COMMENT ON COLUMN "comment"."moderation" IS 'PENDING: pending\nPUBLISHED: published\nHIDDEN: hidden';
COMMENT ON COLUMN "comment"."processing" IS 'RECEIVED: received\nACKNOWLEDGED: acknowledged\nFORWARDED: forwarded\nDECIDED: decided';
COMMENT ON COLUMN "comment"."outcome" IS 'ADOPTED: adopted\nPARTLY_ADOPTED: partly_adopted\nNOT_ADOPTED: not_adopted\nNOT_RELEVANT: not_relevant';
COMMENT ON TABLE "comment" IS '意见: one opinion on a whole draft (unit_key \"\") or on one article, from any channel.';
        CREATE TABLE IF NOT EXISTS "comment_support" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "ip_hash" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "comment_id" BIGINT NOT NULL REFERENCES "comment" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_comment_sup_comment_b0adc5" UNIQUE ("comment_id", "ip_hash")
);
COMMENT ON TABLE "comment_support" IS '附议: a visitor endorsing a published comment, at most once per visitor (by salted IP hash).';
        ALTER TABLE "draft" ADD "feedback_summary" TEXT NOT NULL DEFAULT '';
        ALTER TABLE "draft" ADD "feedback_published_at" TIMESTAMPTZ;
        ALTER TABLE "liaison_point" ADD "requires_contact" BOOL NOT NULL DEFAULT False;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "draft" DROP COLUMN "feedback_summary";
        ALTER TABLE "draft" DROP COLUMN "feedback_published_at";
        ALTER TABLE "liaison_point" DROP COLUMN "requires_contact";
        DROP TABLE IF EXISTS "comment_support";
        DROP TABLE IF EXISTS "sensitive_word";
        DROP TABLE IF EXISTS "comment";"""


MODELS_STATE = (
    "eJztXety2ziyfhWU/sSp8mZt2bIdzzlbJdtKoo0t+chKsrujKQYiIYljiuAQoB3Nbt79NH"
    "gTrxIpSzTFZVXKdgA0AH64dTe6G/9uzKlCNPauzTmWZ3Oi88Yl+ndDx3MCfyTkHqIGNoxl"
    "nkjgeKzZxXG43JhxE8uixgnWGIEkhTDZVA2uUl2Ub+sLZBkaxQpR0ETVyDs0nBHEODUhQX"
    "QCqQxNiU5MzInyC+KQS011qupY8/Opri0QeSImUlRmaHhBlHeifYXK0AFVn+6+KUtX/7CI"
    "xOmUAJ0JDf76GySrukJ+EOb913iUJirRlBDEqiIqsNMlvjDstK7OP9gFxVeMJZlq1lxfFj"
    "YWfEZ1v7TqwO33HdK4aQm4dUvT3LHxRsDp6bKI08UAjUIm2NLEoAlqpwPLtIYk9fpD6aEz"
    "lKRGbEA9igDwbpJMdTEZoKvM/vqp6MJfmsen56cXJ2enF1DE7qafcv7TaXoJjENow9MbNn"
    "7a+Zhjp4SN8RJUb+AkOyGG7/UMm8kAxwgjWMNHRLH2kF0FtpewRHu5IoqAe45/SBrRp3wm"
    "MG61VoD7tT24/tQeHECpt6JJCkvYWd09N6vp5IkRWCLuLKTceEfItoP2607tENbHzYsMWE"
    "OpVKztvDDW0CKHPdaBKQfYUboKzu2d4M3UPxNwvlKnqfu0R7F+p94HhJ3N+n2zeXJy3jw6"
    "ObtonZ6fty6O/F07nrVq+77qfhQ7eAh/b0sPgD7DzdZZrr3Ep9jVxH69feTsNMO0PjtNnd"
    "UiK7KJmERgIWEex/gGcrg6JynbSIgygrXikr7z/tjHCQ8fqPSB1XOHfAX0w+5d52HYvrsX"
    "zc0Z+0Oz8WsPOyKnaacuIqkHZ5Fh8itB37rDT0j8F/2r3+vY8FLGp6bd4rLc8F8N0SdscS"
    "rp9FnCSmB2eqkeaqFRd1lgU8rFdkaoNtrV3N6VZoy3wIEKnn7ymMiAeojFQf4ADI861T+T"
    "hY11F3qFdTnptHCFry+MZNm+SobvT28OeanLLpr42ZeDolMLPh8+mnAbAOgD6n25vW3YSI"
    "+x/PiMTUUKQS5yaJNGUvyy8ax5cx5NwTqe2giJTxEd98ReS1F55ylNKF7mHq4UikU5iTxl"
    "loq/zSiIlwp6nmF+CD+Jfog4hT9UeYbo+HciQ/LEpHORZ4Ig+5kYHE2oiTBHGsGMI6b+QH"
    "Pg9mYMHYys80nrGH4SRR5ZrfHFe/h5fHYxss5kpYWwyWHOv41LzK/XjS1L06sYtYoJ1IXw"
    "aOliN0xrauaWAcNUxQkljUYxIsnRURaR5OgoXSQReWHuDTATncqHsktRc8fruWNnf8stYU"
    "fIKjeXdwZ00r69FubEzbsGOQ6yQjhWtTjCf3/o95IRXlJE5TtV5ug/SFPZzlQZjf+ZWLq9"
    "W6GxpWpc1dk70ezfdgX/CrgFQiHRzoP54K79j+gIXN/2r6Iym6jgKjIcqpFnsjul61leMY"
    "1GoadldRUaDvOYS5sRJKlVGWtVGTZctR5jjR4jOKlKpcS4pvO0a30v63CV+kIOFFqrugBh"
    "/vhoMrIu3svHl4jqBFFD1cVJDv8wep5RjSDFxBOODmCEufRIFmjUGDXeImoiuxgRqgAVNh"
    "JXuYD1BZJnWNeJFtdRFNDeemXErw27BXfwNVUnMBINdwRgpgtsgORXyMIqg8lhUJhH3gZk"
    "UpkwJr7nt1qrUUqthjdx8jBtQZrKsW4nzQys20kzlXUTWWHWLbBosiIcIKkBXgvwHxblCf"
    "AOyY+ULcQnqAC4q9jdzj+Gq+U7n9u97fc+esWjQl8Y7DFVEjaLdKy98pWwxyga7CXbGd85"
    "Oro1j3GnEfujFKa1VOA3Hr7c3/cHw0vELMOgJh/pfUh46ADPA/9nZKS37zq9m0sEoOgK5A"
    "4/dQaQaXMsG2xAx2dZVNZRsS+gsT6L2dBY0ylhQsh+pqYiepJjgSQS1xtT7rXi8rWbLpYA"
    "eYHgP5NxTvwb3zpXlwjoRvpdpzPs9j5eojkhHIZipN92hkOxNkA+48Qc6Z27dvf2EpE5Vr"
    "WRfv+p34NVZcDHwaL62n3owqJ7UpnKy7GMXGmM5L9li1NWYAEVcNO2xM2eFJtB7pNWDvPt"
    "s6pL1Ow1uRngPmnlAG+2sijOodQK6+34BZEq+iAnKM7TwQ7SVA7l7U9rVYGZqfLFijvl9S"
    "dwrJICgYdM9UlVLKzlPY67vZvu1+7Nlzacs8taRvp1/+6+3fvnJYJ1a2B9AXzr4GO7131o"
    "D7v9HrCv5hTrKrM1aCP9pnP/ZQiFFWJYfFFKHndGn1PO5StKNYL1NMPlAF1kRMdAuKsh9V"
    "OKZW2v+v3bEGt71Y3yrl/urjoAvo09FFJ5SFW3RPxZ5bMZ1ZLUo6sAD5LVeOfA26SW4KIl"
    "k2CWZn60fheL11Jq4fv6E0jasB3JM5C0xUY0aH8YSvd9gEfq9qSb7sNw0L0GOcG5BnC1+7"
    "rkHZBA4RZxiC6Rl+OUDdUYqkVIK+2HoXTbb990bi4dq0rJcWIc6QPIe+h+7IkcASVTpzpR"
    "NtkKt3/aeUOsJ6od05mKKF3lGItWJhmltUJGacVllMBF04ZLMlxDgagbRPcUOnnW5H0HeA"
    "oh17v0ILl/ubrtPnwSi8GwxprKZmKNfOre3Ii1O1MVYJ3KwSYssZYmGp6y+Jil22Ul0ZbD"
    "Qku0VxkLrQDMq466tWP0GifcPitbAtAlnxzpOuIE0gpgXrSG2EVxIyu6KO0W7OjKaQxUdr"
    "s5D5OVhnMBw5MNeYZwDQUuNpPIRH0iSs5F1xh0rjvdrw677NQw0tvXn3v9b7edm48iHcuP"
    "gJdGlKnI+9AffGsPbM57Qk1hiiVSbzrXXTtNIbKqbMZwb5+pAL5Zpmk3AuvHMkC+0UAWs1"
    "Ab7Zv+/dAeKIUaXIzGfXswvP2n5GcY2OTaQvLzRW1+JhwM4ZxB57bztS2kLpFlEo08Yb0k"
    "Vz3ukKQyIOlHYZyyPglzn4QeiJtYfyXRVmAIdq008GB7Iiaz+ThrPk5yoU61e0yvoLbzji"
    "vzPLTyc3phyprPKzOfZ7M6BofRU/Jp4iJ01QvNtAMbp/FcZfbOk/PAiFNuhQsrEdo7cPfS"
    "LMZTIpmsMBEIURXmCr23Z7JrcAgIWnrCOZEeAStKV1worKM9OX9VQ5phNsszewMkleMna4"
    "fQ2iF0Cw6hQV+sjHtVkKRKEfu2tlMlOa5lxDbR563GOF0aGy/yARyjq0XdOLiGSYURN8CS"
    "C9soWQ1tHFpP15IL2DBRvR+s98K3z6g4wrm98G+8evYM3qx++MGzPOSHP+g4NliNpNm7LW"
    "C/LqurKL7hlZsBYX8P3QLG98G69mvbzYpv9MjJgHCIxdoCyrdOffd0PzfirEgncaYZ0F7y"
    "W1uAutoxUWKsae7AKDE9VIKx3JVL+eHzgGhpJozhiCcPTmUVmtw/Cwgh46GWHkkmgOvagD"
    "ISCxTOEFjm/dnp6ci6GGNyibDjkklNRHSFmsIEBdJ8s0/kNnEoItHOKeOIwipEBjF9uoPx"
    "AjGswbij7j0SOrWECLhFNZoQYubXYNwdT+v3Wx0Fdx/ixeyLXnef7372SrNbLPTVVe16J0"
    "fe7S1MVyVtQwE73QqdROCIeiEfHIhEt2cDkZUXDs/BECN83X64bt90XitAoKMRSmDqfFVR"
    "Oi/na6WycHAXJ6fvR9bZxemFE6oPwH0kHPEZMEyyytU/ic48LgoKHEKOSa3pzInrZwJTZZ"
    "IAv+VqIlgS37bLpuq3/sr11h9XuZbLssknqCCr1czkldNc4ZXTjHvlPMKnJQO83rDcoy0z"
    "1o3b/nX7Vhp0Pn65dUMPaFTGmmSSqaW54Qc+9r92Br27Tm8oDb7cdi7RlMK2oNubumlpRB"
    "iUD+6A/GtHuulffxElhVm5OYcKnogEI2mJwiP9rv33/kASbgQPdltz/Ds1JeFN4Kk2X9/s"
    "x97YhSNuciy7FVFBooRlHvgyLTJmzefYzBU3MEBSAWugog38yQ9DA54o2Ws6HfQIWQ38Jh"
    "EbuZWgyM0csdGlLs5402dz8xwqdlAHN5yDiNco3NCpIQJIACYPwh1J1iiz/cw6nZur9vVn"
    "KeDDPiFEEfy9FHBmFwI21PoNKhIRTKDm55IcF+K72CaOBAG62o2gzG4E9lzdZIhDhIWMcZ"
    "HCTZWGmM2EwfYzAAl0+b0OU8jrAzK/Ez42H4ntjmojFBuDlbGt4sR1hKucEcXsg3WDFZBE"
    "W0//3NPfZ302EImSaOsh2HwIfO5zg5M/tZKa0yszG/CSIX+Vka75vQ1Z+voS/b/wEt0ylA"
    "1HPUxZj3pZRj1hsbu9j6/1vN5FMbraBWa9WYSPWRzo2kI4bBURnV4vsBB2r/O3YyG8h7tX"
    "qmlwgr/LC0GqqK/LS42oU1wyEsC+w/piSMXPgnwyXtUCZMVuYH+eFDE8in6sq8uSQpfTDq"
    "pOWD47aMoS9qBHhz94bpGgf5hr9LNMjnnSJNppQboUw//nehsrb8GkmVoFFtQaiysp4La2"
    "3vKqrxPEyQ+O6ARh7zXUY/S/aGS1JhfHI+tMPm0GX1IdWef4ZPL2HerO55bdsmvL7kl3wh"
    "hePAY1JUhl8LdOnj0bqbg1VvHNJ9rT+3d4blCwFxnT10ZbLzTayh3a7YWh3Mp2BG09QgMe"
    "p73rloynT1AB7WgBganFBpZHD+2Vr4T1U+EGItQyZZL7hbsIWeUmdrPVymJ21mqtePmrFX"
    "9tzUrkUNOfIFhSlOPhAdFsZR4eAFZVh/7kGpAgTTmGpFJvQWDOsTxLUS2kj0qErB6YrQ+M"
    "YRI8HyfZ/qefy0GaChwQRZ/MdkDrvKEgw0R1HMhYcKp9u3AtDfNZ7kuY+sa1+ndvdUTKUl"
    "y51dHRst23pUZHy+CDXN+05bpp8wN5vRCmPDHP9gaoXfqzh26PEu5aordL6XctseugLF7u"
    "rfMJhp/2ncY5lsfifkNpjayLo9YppMgTSDk/Gr8Xlxi2lymik4kqE8c5fYrFjQVDcPrYb3"
    "2zN4gaqi6mEQJBzrn5SvJ4L6rZ2vu9XBcpeZ/1qOxzHtt3asurfy5e8VwYuDvxePZewc6D"
    "cZCmMP/PPZ7DMxBlJGpOsa6yFQ9EJ4OdSFzP7myzG+RDOE1T3JxTVMZLkgroJiNTOxPGJy"
    "swPoljDC1yYMckA7DKeQpGCCuH9/Zj7kE7Js2ja/cJKgBu0Yp2mJzqU8KUXun6uSQq0OXT"
    "Oy331uPTJH9YKuy7krsp5AQ9ibz2uM2BPxNu49RUcpmDhYnqO6UoqPVNQzrU1b1pqH27qj"
    "bqCdeKvgI1FiG01ttvQW/POJ5MXoZQtXy2tucVE/DbeJk3zMbXdHvlBuN/ZdT/JcG7KOwH"
    "E7zmizrAJPjIbMkPxp8s6VczdKrqbc7J3Ei+mgnmH668mhEl4bRaFs3mBmMuxPMMfEaQXQ"
    "MC4Oa/2P8X713rHIhVzYK92Y4IzLlG0MQyxU0H0KqQjGWTMvilacgwqUwYIwn3MTtua8uX"
    "MPXTECKviKchLDgZ8l4rBGmqp/LegZ7KyIOuU7rGdT2uzJJlQpTcAclCdAVqRl7HJnGLip"
    "H9kuHr56s3FuFzCHO7NJxZWholsGYhM6R0viz02mM2nkyHWhzfYNeH9w1DQGfJHHijSzSy"
    "zifHZ+IXJkfw66J50YRfZ+dnx+LX+ITAr/cX5+9FkTNC0AE1hU+w7S9KFMSI4wMxsk7J0d"
    "HIOjk6Ok546+vVejLSR/qAPgObZxL0bKrA0uoIuEUvXjyytZy/oO/fDSgBPDtMOFXU8/07"
    "cgQAj8t08qHPUNQvM9IZhU48z2CH9j5LeE2rOrAV4iUyaEo8ejG2tEckYisTu1GsK8Cl2n"
    "4josSczCmwsxOTzu3SsAmYi3Rf64B7uteT2t/6Vc2E/GHIDm2QpLZBTvLbCK/HPNDGKeu4"
    "SglO7eQpp1O7R1BBI5Xjsyxe7VHOJeDUfhazbys4BkPFZyuzxnkuMJ3S9c3lPkay2GMpfg"
    "aSk2g/B8ABkgpY8hRg+lf+YCGVsZMyMM/10K5XvoJ7xU4sLMWlUQ543eIVmMi7NszWVJ3g"
    "aa6LgABJcU8f7Su+rgoin9ttmKgWetc73gY0Pdtwva1eTNHDiAdueIrtjw9uyYS3V/EsfS"
    "DYlGcdnZuLRoKKPJh9uEpJzuyCEvFLZtKTO1R2OEw7nOaBG0zzDUP2i7a2ztZ99uRQPGIs"
    "FLXY5Kqs2VptlTMkW6bQPHmK4BQ9+E5aEnru7985fSQ6+/4dzSggbqut7SYYmYqJSBQ0Xq"
    "DfVTLGh+iZmlCEEQPb81LkMAPLhL1DD/93q3KCXHUyNGg/iAf9Gukfhg8t5EQNfSSGrb1m"
    "nBiCGj5yOoX+HKJ759IGqnEJ0cduz6kOiWddEacSZ09E5tQ8eMPUuaGRN4fI6f3bX0b6mA"
    "oqkyD3qk1Uj9FcnZr2ikMHjBBkUJNj7a+MmE8qdPuvDq7vjIUwBbG/ncEMQjc3t29r39oS"
    "Ks1LGrhj/yCOs2W5dY9xwlp1FgXXDrSVU2IL0tRi21qxon5sftcah+QHx9OVZ5V6Z7xo9Z"
    "nD0OTSVfoUNeAZAS+Jec8DjJsqHES/AV/dSJRfggXWSDBuUenZK7tWhmnbDL0Tb8bh/jFy"
    "pVibHwb2GRqCuQN/jwmkEMHXqyABzOhzwrsCW6ivZrjLxXB7kynr4eqVr1wwm1aWg7WVfq"
    "624qES9sqYtHYNvNx3a1LbCS7hlPGc41YcLsIDT7K8chkOFpsCYdkOMvwOXcPR9CecUEgn"
    "Qpej0SlSEw+QzHT1QVGug6IcfjQlOjC2byiiqMzQ8CL3KxxRukqICQW8MGNgxgQ/I80wy2"
    "nSECGsIOI7efrEpBrJ9aSDT1A/5rBaMN7klY064FFhAXcIc1Tp1L2Qz7rTxAgruNPswNIH"
    "My55/up5ha8Ycf3AQ3kisTjyVi1lZ1tm1ZKyw7Z8gXAZ+e6Lk0hr54q1ZmexACUvND7L+b"
    "xyycDOanuWNNlCFmgDWAmD7vUwmwnayofR8lihtf2KqoN9mLm1FJVL5GkLUImaOk/VhYpa"
    "XKZzwiRGkiJx/lfbNsYeFXrhZMoaRmtf8NmlOrtNTFWeNRIU2m7O4SqVNl6WWafOToehVk"
    "KXSwmdavueLkEHAyNUT3beiZZOLKocCLvFK4juTrTOImg1SWKhV73/7JMUrwd9HT3E1jSe"
    "r3o3+/P/ASHyixY="
)
