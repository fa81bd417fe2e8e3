from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "decision_catalog" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "year" INT NOT NULL UNIQUE,
    "status" VARCHAR(16) NOT NULL /* DRAFT: draft\nPUBLISHED: published */,
    "approved_on" DATE,
    "published_at" TIMESTAMP,
    "note" TEXT NOT NULL
) /* The yearly catalog of major administrative decisions (重大行政决策事项目录). */;
        CREATE TABLE IF NOT EXISTS "decision" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "seq" INT NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "responsible_unit" VARCHAR(100) NOT NULL,
    "basis" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "in_hearing_catalog" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL /* PLANNED: planned\nIN_PROGRESS: in_progress\nDECIDED: decided\nPUBLISHED: published\nWITHDRAWN: withdrawn */,
    "withdrawn_reason" TEXT NOT NULL,
    "decision_text" TEXT NOT NULL,
    "decided_on" DATE,
    "published_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "catalog_id" INT NOT NULL REFERENCES "decision_catalog" ("id") ON DELETE RESTRICT,
    "draft_id" INT REFERENCES "draft" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_decision_catalog_20f48a" UNIQUE ("catalog_id", "seq")
) /* 重大行政决策事项: one item of a catalog and its way through the statutory procedures. */;
CREATE INDEX IF NOT EXISTS "idx_decision_respons_c130cb" ON "decision" ("responsible_unit");
        CREATE TABLE IF NOT EXISTS "decision_change" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "actor_id" INT REFERENCES "staff_user" ("id") ON DELETE SET NULL,
    "decision_id" INT NOT NULL REFERENCES "decision" ("id") ON DELETE CASCADE
) /* A public record of a catalog change (调整): item added, adjusted or withdrawn, with the reason. */;
        CREATE TABLE IF NOT EXISTS "evaluation" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "trigger" VARCHAR(32) NOT NULL /* BELOW_EXPECTATION: below_expectation\nPUBLIC_OPINION: public_opinion\nDECISION_BODY: decision_body */,
    "evaluator" VARCHAR(100) NOT NULL,
    "started_on" DATE NOT NULL,
    "deputies_participation" TEXT NOT NULL,
    "public_participation" TEXT NOT NULL,
    "questionnaire_open" INT NOT NULL,
    "conclusion" VARCHAR(16) /* CONTINUE: continue\nADJUST: adjust\nSUSPEND: suspend\nTERMINATE: terminate */,
    "summary" TEXT NOT NULL,
    "published_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "decision_id" INT NOT NULL REFERENCES "decision" ("id") ON DELETE CASCADE,
    "report_id" INT REFERENCES "attachment" ("id") ON DELETE SET NULL
) /* 决策后评估 (art 36) of a published decision. */;
        CREATE TABLE IF NOT EXISTS "evaluation_indicator" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "target" VARCHAR(100) NOT NULL,
    "actual" VARCHAR(100) NOT NULL,
    "evaluation_id" INT NOT NULL REFERENCES "evaluation" ("id") ON DELETE CASCADE
);
        CREATE TABLE IF NOT EXISTS "procedure_step" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(32) NOT NULL /* PUBLIC_PARTICIPATION: public_participation\nEXPERT_ARGUMENTATION: expert_argumentation\nRISK_ASSESSMENT: risk_assessment\nLEGALITY_REVIEW: legality_review\nCOLLECTIVE_DISCUSSION: collective_discussion\nPUBLICATION: publication */,
    "state" VARCHAR(16) NOT NULL /* PENDING: pending\nIN_PROGRESS: in_progress\nDONE: done\nNOT_APPLICABLE: not_applicable */,
    "not_applicable_reason" TEXT NOT NULL,
    "started_on" DATE,
    "completed_on" DATE,
    "responsible" VARCHAR(100) NOT NULL,
    "notes" TEXT NOT NULL,
    "meeting" VARCHAR(200) NOT NULL,
    "outcome" TEXT NOT NULL,
    "dissent" TEXT NOT NULL,
    "adoption_explanation" TEXT NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "decision_id" INT NOT NULL REFERENCES "decision" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_procedure_s_decisio_c5ef1c" UNIQUE ("decision_id", "kind")
);
        CREATE TABLE IF NOT EXISTS "public_proposal" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL /* NEW_ITEM: new_item\nHEARING: hearing */,
    "year" INT NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "body" TEXT NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "contact" VARCHAR(100) NOT NULL,
    "moderation" VARCHAR(16) NOT NULL,
    "ip_hash" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "decision_id" INT REFERENCES "decision" ("id") ON DELETE CASCADE
) /* A citizen's proposal of a catalog item (art 10) or request for a hearing, moderated. */;
CREATE INDEX IF NOT EXISTS "idx_public_prop_year_87f9cb" ON "public_proposal" ("year");
        CREATE TABLE IF NOT EXISTS "questionnaire_response" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "satisfaction" INT NOT NULL,
    "remark" TEXT NOT NULL,
    "ip_hash" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "evaluation_id" INT NOT NULL REFERENCES "evaluation" ("id") ON DELETE CASCADE
) /* An answer to the public questionnaire of an evaluation: satisfaction 1–5 and a remark. */;
        CREATE TABLE IF NOT EXISTS "step_document" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "is_hearing_report" INT NOT NULL,
    "public" INT NOT NULL,
    "attachment_id" INT NOT NULL REFERENCES "attachment" ("id") ON DELETE RESTRICT,
    "step_id" INT NOT NULL REFERENCES "procedure_step" ("id") ON DELETE CASCADE
);
        ALTER TABLE "staff_user" ADD "organisation" VARCHAR(100) NOT NULL DEFAULT '';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "staff_user" DROP COLUMN "organisation";
        DROP TABLE IF EXISTS "decision_catalog";
        DROP TABLE IF EXISTS "decision";
        DROP TABLE IF EXISTS "questionnaire_response";
        DROP TABLE IF EXISTS "evaluation_indicator";
        DROP TABLE IF EXISTS "public_proposal";
        DROP TABLE IF EXISTS "evaluation";
        DROP TABLE IF EXISTS "decision_change";
        DROP TABLE IF EXISTS "step_document";
        DROP TABLE IF EXISTS "procedure_step";"""


MODELS_STATE = (
    "eJztXXlz2kja/ypd/DNJlTfrC9thjypslIQdG1jAyc47bGkaqQGNhaTRYYfdne/+drck0N"
    "ECNYcQmq5K2bHUT0v69fXcz39rc1NFuvOh6bpQmc2R4dYa4L81A84R/g/j7hmoQcta3SMX"
    "XDjWaXMYbzd2XBsqpMcJ1B2EL6nIUWzNcjXTIO2bxgJ4lm5CFalgounoAxjOEHBc08YXyE"
    "sAzQFTZCAbukj9C3DxXdPWppoB9eV909AXAL0iG6iaY+lwgdQP5PmqqeAX0Izp4R/lGdpv"
    "HpJdc4ownY0f+PO/8WXNUNF35IR/Wi/yREO6GoNYU0kH9LrsLix6rW24n2hD8hVjWTF1b2"
    "6sGlsLd2Yay9aaD/fy3fE11/YI3Ian68HYhCPgv+mqif+KERoVTaCnk0Ej1P4LrK7VZLnT"
    "HcoDaSjLtdSAhhQR4INLimmQyYBf1aFfPyWv8KfLi+vb67urm+s73IS+5vLK7e/+o1fA+I"
    "QUns6w9ju9D13ot6AYr0ANB06mF1L4PsygzQY4RZjAGn9EEusQ2XVghxdWaK9WRBFwz+F3"
    "WUfG1J0RjOv1NeB+bfYfvjT773Cr9+SRJl7C/uruBLcu/XtkBFaI+wuJG+8E2X7QPu7Ujm"
    "F9cXmXA2vcKhNrei+ONX6ii/dYHyYOsJN0FZzbB8Hb0f7DwPlem2bu0yHF5p36FBD2N+uP"
    "l5dXV7eX51c3d/Xr29v63fly107fWrd937c/kx08hn+4pUdAn8HL+g3XXrKkONTEPt4+cn"
    "OdY1rfXGfOanIrsYnYiGAhQzeNcQvfcbU5ythGYpQJrNWA9EP4n1Oc8PgD1S5m9YIhXwP9"
    "sP0kDYbNpx553NxxftMpfs2hRO5c0quLxNV3N4lhWnYCvrWHXwD5E/xftyNReE3Hndr0ia"
    "t2w/+rkXeCnmvKhvkmQzUyO8OrIWqxUQ9YYFvmYjsTVFvtasHblWaM98CBEp5+8sJkQEPE"
    "0iB/wgyPNjV+RAuKdRu/FTQU1mkRCF/PDsqzfZUM39/DORReXb2iDd+WclByauHPxx+NXA"
    "oAfgfQeX58rFGkx1B5eYO2KmdAjl6h7kHyng7jsA6IP/3YRzptlA24tOyoOrDHNoE5wjuz"
    "MZWJGLwjVk9+V59wTye40edCy3GRJeO+PKLX2BGuAe6rFXRVJbzI+jQvzci6jK3Y9K355T"
    "x5BRpwSj+JPJs8KVQ+earmSq9ZqqnV3bO1qinSTkavuXVT32YmUDUVvM2ge4Z/IuMMuCb+"
    "j6bMgDn+FSn48sQ25+SejT6AH5HlgolpA+gCHUHHBY72HcyxzDVzwLuRdzupX+CfSFVGXn"
    "189xH/vLi5G3k3iloH0HbxyfM+rbc63mvsWae1TlyqmFqrEEkpW/mFp7Vpc2ti4lTFqQZq"
    "tUIEqIvz8zyKgfPzbMUAuReXoTBmwXbPgTL7gBAyKkNG9fc3bj1Xgqxyc/lgQLP27Y0wMz"
    "dvAXIaZBW5UNPTCP9j0O2wEV5RJLUsmuKC/wFdcw7GRtb+OvEMuluBsafpmMt3PpDH/v1Q"
    "8K+BmyAUU7CEML97av4rOQIPj937pOaEdHCfGA7N4pnsfmsxyyumVyz0tKyuWtFnHrl0il"
    "ESoVDcqFCkcAlt4gZtYnRScasSD6nEeDDnWc414a2zdeoLJdJoo+oCC/MX55ORd/dRuWgA"
    "00DAtDSDnOT4HwRvM1NHQLXhxAXv8Ai78gtagFFtVHsPTBvQZoioAjS8kQTKBWgsgDKDho"
    "H0tI6igOdtVkb8XKNPCAZf1wyER6IWjIDt6+Uwyc/4FtQcPDksE8+jcAOyTQU5Dvmefwut"
    "Rim1GuHE4WHaojSVY92uLnOwbleXmawbuRVn3SKLJi/CERIB8EaAf/NMlwHvEH3P2EKWBB"
    "UAdx27K/1ruF6+W3K7j93O57B5UuiLgz02VcZmkY112L4SXlFFg71iO9M7h2R48xR3mvAC"
    "zGBaSwV+bfDc63X7wwZwPMsybXdkdPGFgYR5Hvy3g0ZG80nqtBoAg2Ko+O7wi9THNynHss"
    "UGdHGTR2WdFPsiGuublCebN50ihwjZb6atkjfhWCBMYrExca+VgK/ddrFEyAsE/w2NOfGv"
    "fZPuGwDTjYwnSRq2O58bIPA8GBmP0nBI1gaWz1xkjwzpqdl+bAA0h5o+Mnpfuh28qiz8cX"
    "hRfW0P2njRvWqO5pZjGQXSGOK3sqUpK7CACrC0rXCjk2I7yJeklcN8/6zqCjW6JrcDfEla"
    "OcAv63kU57jVmhiKtIFII++gMBTn2WBHaSqH8v6ntabimam5izU25c0ncKqTAoHHN7VXTf"
    "Wgznsctzut9td267mJz9lVLyPjofvUa3Z+agC8bi1oLDDf2v/c7LQHzWG728Hsqz2FhuZQ"
    "DdrIaEm95yFurCLLcxel5HFn5lvGuXxvmjqCRlb4QIQuMaJjTHioIV1eKZa1ve92H2Os7X"
    "07ybs+P91LGHyKPW6kuTFV3QrxN82dzUydpR5dB3iUTODNgbdtetR/10bQyXI/2ryLpXsp"
    "tfD98AVL2ng7UmZY0iYbUb/5aSj3uhgeud2RW+3BsN9+wHKCbwYItPuGHB6QmCJo4hM1QH"
    "jHbxvrMdYLkVaag6H82G22pFbD96qU/VDikdHH9wbtzx1yh0DpaFODXE/LPFIHizxSS77/"
    "SR4Mm58+YXGHcElYnh4vZDxIk8k2G+j+z8hwYhhMZWU2K5Kkqxw7Us8l2dTXSDb1tGQTMU"
    "9tuZDjPRSIuoWMUA3Es5J7EuZEyMoI6LG8/3z/2B58IUvI8sa65szICvrSbrXIip9pKma4"
    "ysFcrLCWJzqcMsIBsr25WLTl8Osiz6uMX1cE5nUH5MYxOsa5eMoqmgh07JMjW7PMIK0A5k"
    "XrlQMUt/K9S9LuwfuunC5EZfe2CzFZ624XcVfZkmeI91DgYrORgrRXpHIuulpfepDaX30m"
    "2+9hZDQffux0vz1Krc/kOlReMF46Uqfk3qdu/1uzT/n1iWkTBy5ytSU9tOk1FSmaGrzF0Z"
    "kKzDcrZpYdYfNYRsi3GshiFmqt2er2hnSgVNNyyWj0mv3h40/y8oYFbVdfyMv7pLflTXww"
    "xO/0pUfpa5PIauSWjXT0Co2SGIiCIclkQLKPwjSlOAm5T8IQxG18xli0FRiCQysNQtheke"
    "1QPs6bj1npDzK9JbM7EN7haRVgiBY/pxenFHxemfk8yupYLh49lU8Tl6CrXlq1A3hGjeea"
    "Q3cezgMjTbkXLqxEaB8gSEz3HDcjC9Eax4IYVWEB1Cd7JqveNgfEiqqQw6HIaV2lsyEq7m"
    "4xygxywQuUebyXWowtBjtJK0b6BEaaW4uepKuA1Fq04sBGrmcbeJ3wK24YpGIAth8A/k0u"
    "QSr2uDLvcY6F4Atm5RWM/tS0+QQuBm0FllrS1ySXq8kaT5OUW09gN5FZ+xpZWmt0CSuydc"
    "uqUkuKLJOUjoCGfWFwPIOxPWVnA0/SFZcW/PxQk3XP+kzNkmfQmfFsAxGSyq1+kZZHpOXZ"
    "Q1qeaEaMnHtVlKRK1Qv2tlNFfHa5gE3RCbNWGlxWbpac+DLTuogJnMY4zP7NhW6cSEzdbI"
    "ss776QohPgpsG1bJOEf2NYuLBNkglo09CG/hZcwMaJxDa7OX8f5avSCHPn72uF/ZwYvHkz"
    "+EX5z1gGv77kR2/VWLN3X8B+XXVXUXzjKzcHwss9dA8Y96J9nda2mxff5JGTA+EY57oHlB"
    "/9/nrmaW7EeZFmMfw50F7xW3uAutrZVFOsaUZKVYZ0sQdsH/Dr4c+mYUFPq16rCXVcvsox"
    "jVfqBDGNN2Cb0rzsUGQsUOXvWAYqSPk78Dur0B590EJQAWqf8Ish27K1temUo63OcmRWxi"
    "8RJ9iYZZmUD0ffLWQ42isCFrL/FHQF3kz7BZgTAIGqkYx5Z0ClSZHxGmzQuuIGgvafVM/S"
    "NWLDBCRlAHQ9G4F30CClnhArm8rBHzgySNOgzx8c0quKf+K1A6jlihRON23wghb0zvsPoI"
    "PewvYOgLhdBETcWjMUG5GbUNcXu9aUCseJNwtznE5kY95PNuaSWhZOr4b9ClIXfXe5jaAx"
    "ojLnbymPo3+497G2EQPaiwwbfpQsma1o4fp1NE8M6nW7QpBsYWnkxIjetzvN/k9s7657Rn"
    "KG+5+GUjOVVpAeJAzs12WKilCJRFEbEkWldJDZbG0BzFrI4mYzahEmeDOT5kQa5yiD8fHm"
    "+nrk3Y0hZoOgn0AWMzDIUE2bhL7ja8t0MyEfc0bqZs7xLKbcE+GylnTvxgvgQJ1wNu0eIJ"
    "suo15nUQ9lcFI/R6uEhN4x/87LX4nqFsfkp07F/6mwg/+P7gFVLPTVdYEqSmw8hVEubKdb"
    "YweNHFE764fnFSujfpZQXMbnYExr+dAcPDRb0vHKmaV180wWj6nCX8fnrQjkiClhM7PXBI"
    "E9CFB70A8OMCcTUp0IRPv0tWFzzfCwxHZG/5hoOnIAUYORv4LCZQ54NTUF0Ws2SnN5B3/a"
    "nouv/1G4uB2VMdn8WWifoRAxmbQceToTfZSZa6sNfnrqdQft56cGcBZzfChr3nxkNPufn5"
    "+kzjBIDQ7tqUf1u35u8E9t6bElB+U6fISoGDMyvvXbwyHJ5flma65L0veWL2/4jPTDFxsT"
    "IdkxLqZkuk2+uBhLh1m1nzL88kKCMi+BLQWXy1y5NS/X5Na8TOfWhGTRqAhxhx6lCavEyu"
    "5N905KH+Atjp2FOTujb4JMJPONCYV7SebrM0/pQVmTTHZFUoG4sKIDsKluUpEdbz6HrLDc"
    "bNzTlAJ+/jqKPnqyDyanmSRNLKwlHGU1hIIw+7ytsIIwGDveuJ0UnQguEfF8RWG8RsEqvM"
    "mL9CZf7QJ7gLrabripDXMHN9xQccpgkPjdcKsDeTyNGFE17wZQoLP/hHuq0NLf1Uk54QXJ"
    "wPgJGouhSX4eOqrvqEr3NSuffpecMActv9ImMw9vBQntuo9kkMWO5NINIQ42jOUIBfdY1q"
    "KgqTuzTW86i3QuLyMwmYY0fF1Ogf/7WiNYCyl+MBvD8rW8d7bO3KVGW+XxZ7pQ1JFX/3h5"
    "O/Lu7q6VkXdTv5rgKxfjq5F3O67fjLxrdDfGLe9uPzYAcQLH4s7c9w1XoAt1c0qtT5rrgD"
    "e4AAFO1BqFJ6mLOWV7AWh1ENXDTDbTwek4b8H2ePJ7o6Id+m03bydhJNvRSEZGID+qQWvB"
    "07N8wTVX57KoLAmERSWfRQXvKhZ+qIYBoKU+eMBm0RaWjbw41/tDFIkbQ0fj0uYvCYQyeV"
    "tlMg/cQnu/C+CaIc8QJK8kRxgTDg0+uwOhxefQ4lP+kbHF5PPRWVEXWUdXh4aBuEvi9R6b"
    "HVp2OqAfGe2O3Ot3P/elwaAB8FzCHDTRlDvpwndZNXeJur3Vb34jrjqaO8My01tJKu8uX2"
    "eL3NwsWrG9cW9vobgqk6hDHvxThAL8rcBXubM3x6n+yMmbl5vcFvbdJK3ILV/m3PLCjp99"
    "SFfYju/zy5xG/BiRUEUx+OljZHoo2eZ4YIt9pqjIn8Mw4LMeVj2e2OzNbUyOLdwchvqi82"
    "+WbArnxTUz/SaffV6ZQWO6q/V5OZtpZxWazPFEbq9Q9ygSO8IlLTuqKlSOi6wdQeqFNsUB"
    "7quqOFm2iZkrqO+KFXUj7gWdVWfPO2iSuuQRvMY3IHJKb3YRiOqD8+WmWyBo64ulvd2cgD"
    "n81bQBVOeaoZEeXJJHLnyAA97xmvbxlRuE8N1Jvc5IhXKslxCxs+VyCyBzgAPWsPl+pLEK"
    "IHvSto0l381j2Wj1m5+GDUBp2ZaKctgk8LZtm/wl9RJkQisrtLLV18ryVjMWVYy5TEUp/V"
    "IeMX3Jdu1HUK+SPFWIjOArNtaJCEvVRx4JYdU4R7ocP0gU2EgxbTXumut3RFjxO+X8irDf"
    "t9fvG74PL17xSD3Dv371HJKUEPPyS+v6Gf0v9eL17eysxDmFPVeIAeUSA17wZ7FZVzauYf"
    "sKerTunxPdpl598Z4wR2KVDuGOIYzM2XO9ukZmfKaaNp8xNEoijKEM+3LIvvCZmONUwnKf"
    "owJhhEvfk535BEHObQiNTzB28s3U1rAHbKsdBB7dDbntyweVyWjhnIEBLWdmujWWTBZvcb"
    "ZWJqNtZSfaOJfRxsHwYOnGpw9K+hAtaCOMjZxMgIW/AGgOwBPlldTksc05lpHOgIFekU0F"
    "q7nlERnJon/i+eG4bOvMQZ+2g/x1cJ+jP7osts6QkBEYdAzjgabqoRnj5CSyMPaCYw5HSY"
    "rjaM5LPYejKXgdB065omIjJBVQIxcQFYtXub2dVBunFKaYMptiwiN7G+VFnFSMc8nHmdYP"
    "4E0anKITh1HKEwPzvYbKONw/6SbMTHixpEkAOiFEpwbpOkN/9/n+UQK9vvTQHrSDtMDLpU"
    "FvkkurMN6+1HxM6oUw75qGNzsXc9i+HEmYyWNPOgkzhz35oGI5dR9iSeOhX9EaIXzZJEdq"
    "pbur648j7+bu+s5PWIRH4QW5WA6GLlA0V/sPMpywXBtucLbMWUQL7dpgjiXpSGE3LBtTwz"
    "orf9IhHyWMnuUStEUin0OLLNlm5c0ekadgYq49dh+aj3Jf+vz8GJRd0U0F6rKNpp4eVF75"
    "3P0q9TukMovcf36UGmBq4m3BoFyc7eloZHS6/SdM/lWSW90HWsMFv4xpz6n/tYxHkhZyGR"
    "lPzX90+3IrOLgbvru2HLUd8I761WWOQb+6zBxzcosRkkhypIxNlZHdJntxpQjLPPBlWmQi"
    "k1A2pAdxL0DfSVKXpd9dXtATZAJ4/pxZJXexTzFH+/Cw7/ZIbS7TIoW5MCYD4mqv6KZDMg"
    "J9kqTWffPhRznihj9BSCX8vXyAzEH7Py7Idzlb6LqidELRVWpFF5mr2wxxjLCQMS5JFbeT"
    "G2JnZtqu/IaBxHT83o4Z5OKA5D4gMVP3grBU4afwTo/B2vyGaWKR25Ajt6HIgXf06b9kfb"
    "YQiVi0Ygi2H4JdggczOxGcXpnZgJOLFxX8nkjiJ+Ir8sZXeJa65ajHKcWol2XUGYs9la9I"
    "lGAsMNmgKFiXN1ZhnwXrAnN+YQXryrZ75cpbVnw6ghOZmTGUQn+PHUEimv+vfldVmk87Oi"
    "Nl1FHdR42/XQupnlSpv+THJiv+RSonxuv9BbBHy7Amy/5FQ30idf78y6nytxzV/uLRBpGS"
    "hLsN/EOkTGFQUbPy45/xzbmnwZrSjjmnw3ZlH5d7yHqPxHDjzHJMjGysG/wT5ddI041+il"
    "0DAVJDIxKrB95dgL8Bkv/w7mLk3SjXl/jnxflk5N19VPCVW3g1ef8BtOdzjz4ZmHiyrtwH"
    "GyT/ip93RXPw/w30FnoUpn0Xi388s+jjckgNbz7GF0XVx2O6OAaDkB/YFYEI22cYefB3Ij"
    "0NZ7ZX25KgAraEAkoQ8hYvKr5m0ZFUxAdxpzI9W0H+ec8xpRNklZvYl/V6HifNej3bSZPc"
    "S6QkIuFaDIY1O2ZmRSGiZtZP/ZxRMzFjPbQNtgSRPSBRmnIMCXleZYYEui5UZhmKuOxRSZ"
    "CJgdn7wFg2gvMxK1Im+1yO0lTggCj6ZCaFq7kjg+NEIiw4ybufnHtCaZjPcpsshX9C9S3V"
    "efwTjlEMr3TDe+A0hQUXaisbvLkTFGZValtmJxR26f3V03rdh2G6F/ZTJaAOmf0hUtKOYW"
    "mJF7zLtrOgeLscySCilabq1+do5N2NleuRdz25OgfvoO2Cq5v3vhFklYch9F5gpXzYvUOR"
    "2KFcVg/89OmUZfbIFygaIS+zXrl2Lz12v8nSv3rSwzDIPjBGOuaZ0HcLKW6QfoCGhj7I3V"
    "67Q5v4NR5k09IMej9MJyDfd1s/NZYTexmGf/wY0WCPYGXwzdZSx4jKPIxlMr+EiQL5SmbF"
    "qXasmFU21Ndl0kqXzFKR5bkacmQLQ6IpmsWdJSC7B6FH49ajBXvd1oORRS+GgnsoaO5p/I"
    "4G1Gwkk/B9Br++LjyV3UGBIaohh3SyEar4oYruscsM5OOM4j1stQqKUXvWHrqdYbvzLDUA"
    "fmdXMzw0MpqtfzwPho2gTtXIGDwPelKn1QCO5+DppI6ModR/anfwto7fE9lzzQjOrONnrB"
    "ZJfo5xdAhrgbAWCGtBNa0ForTRgeysNrJIPhcuXGM0IlJQ1IviOYX2Xy/Kn457ALe59E46"
    "vSmcF93Y2t0hDBN/pqYQjd2OlpyV6aEd9lihuZ2Yp46FG6AdEftnVLTuB31WCbNi7GCr6b"
    "bWIBablXksY7IWo9hkI8uGS9ipymWn4vW8L97lvjBzxkEyI7vQxjOdB+EVRQUxPojJCO9E"
    "HuQKiVpRVEAtVQDC0YOAZxdO0QlpdbNgFfdH2ZH7jzvBnBjQedn/1DTjdXg7JHMWS3XA4M"
    "qSqRCy2bFU7oJcvkq3E4h/0sDrW6iMSRC2Wh95d+f1a3xFmeArt+fjjyTSmhaOAOZkoinI"
    "rzczhYRLcwDm8jWVOAL+AAKvDQeYhh/izSxiU9RjBT9ZLn5SwdOW5yQO2+/nHD4utAf2QR"
    "Ks+mFZdVUj76BwMetRmsJKOpzwHJ6Zjiub9hQampPB4mSDzSQWszvf7Iaqyi43vUZKWpFU"
    "Tky6yoXx1RqMr9IYEz8PzI7JFsaK8xRMEFYO75vrHHDfXGeiTW7FwcbPsc00yNnOKEuCCo"
    "BbtCsKnpzaK2NKr3WXWxEJF7n8LnI2+s3T8L4rB5sCJ+gsclFEgwN/h1gSTVvlylkVJxKB"
    "7ym/T+Hg9Ad0cBLp2qs26gxvxqV1O2c5cBFczOVfkZ1olg+kveSYPQXAHBdOJruhVa289f"
    "vLeR1JxxvDljvl8dbJF04qyfHyK5NpjRm5w+PpjaPJG5L5jBkZsPeU5XpzcuNHc6oZTddF"
    "c4tty4reP1tryyIt8fG+apovubG9ANAF7gwB2gPAwM3/Qv+2kYKPAUys6R4+zAABxXV1BC"
    "aeTUxDmFbDl6Fimw7+pevAsk0FOQ5iGLAO/Kw9W63utekfxXD18fLy6ur28vzq5q5+fXtb"
    "vztfiibpW+tklPv2ZyKmxJikzeYtD58MvHaYKE31bAQHUOxZPOj6rQWum3F1PEVBSEW8RV"
    "ljdAWqkg5/kh862PWklB6FTvXTlH6zdB4c0u8hPY0Cwe6TRj86xZxFb6/lzcLSGJOwpXD3"
    "LpjLOZh7zgv+LPbpujnyPqQts8W99tTuPA+lQQPMNcNzkTMyBu3PHbndaQBHm5I4hpHR+9"
    "IddhvAmpmuOTK6wy9SvwFMOj+3OKj3H2i/yifN522bohPetoxTOV4tKCe0cSKB62Yv5vlK"
    "y7ijC3O1dZdnCV/m+EzbHCcKY+GdRcaKnirCqW0yBnIfM4D99sPwWO7iPaIoUj0bDVxksd"
    "i4eIO1jJwVNpWdsO1eWbmfY0HglD8QtbYEe3dA9i7IJNlr9ofth3YvSDnJypE2MkhWyv5Q"
    "bvY/Pz9JnTA9JUlMabsytKce2QKCtv324Ee5ORhIgwFp2wC25rzIkChsHdJsZDxKn5uP7e"
    "FPcl/62pa+NYCOphDL/gvZRq8aehsZD93HR+lh2P4qya324OF5MKAPxAjriHpCyarmKJ7j"
    "RHJixj5gaZU6vp8uniNuhpJz80xaEhfoaEeSZwWMAdd8kjqtduczHgGffmS0O3Kv3/2Mjw"
    "EsRGiGjPdQoh3AgkSr25EaQDUNNDJIn81ej4zg/SO+aph4SlkWGcSg5MjxxYj4O+FpCh2+"
    "1IOZHQgHSv5CZ8dPa1pOczVrBBhZTRVzbhEWjRfBJN0fGcMgVYfGLKSUbWFJkFVg8RcQMY"
    "33TlZKlLWbLapKqEXRm2umriF7UkdIKgB4AfFDpufivZSrAluEpAIYFz2psbDgMLU6axJ3"
    "r0gE4PwxLqpJ35HULtChwZ2pO4teDAV/8UHhOF4x03mW47jIh3oE24xI3VnjsBfkSt2ZJ9"
    "4Bv5K3h4AHovdvBV1VCPaDZkhclVZjW1RWddfWWlMizXK5Kxu4F79s1yuyCekPDsB0nuJ6"
    "NmqAkXc7ubghvyA6x7/uLu8u8a+b25sL8mt8hfCvj3e3H0mTG4TAO9PGfRnefIxspAIH+U"
    "WfR941Oj8feVfn5xfv2c7MR3mTEdGsm28OgDYCb7bmusgAmgHChQBoxORfwC+/WLiF4cr4"
    "QNFIP7/8Anzf+NAB27+P3xk3XbYZGY6JX+JtZuoo/CygOfgJDiJqM/IoE3/72NNfAFVK04"
    "dCQwU2ooWySYs5mpv2Akxsc05b40ViL7K8tH+uBc8Jjj/6JsLodVSj13IY8kMbJREMA6tQ"
    "dXw98kCbphTJ1NMA6+gVcaWsXBKU2T67rQZ2/7YvejBxTNsVgZitjJwI3pgDy6C1yIKQWv"
    "RwzLnoQ4IKLvr9B7jMEFQ5zQARkgqo6YrIZ42+c6mkw/YVQLdoJagF8TByzOWwfQX3ioNk"
    "ayPx1BzwBs0rMJEP7TymawaCUy4fgwhJYaGcJ4tvoILgU5PHiYTQu1lLHtH07KokJ0kZvq"
    "66OzGc8yrK41Nsez150XmBSia8HUdBTj2Qe7ZpmQ7UaywtebzF2VpVeeCQHW28UWHeBIrm"
    "av9BRDUdUvoqawW6UDenQHPRHLyDtgsuzt8D0wYk2SFyXJKZAzfDzDwB9gyQN6LjndaFH+"
    "ohItC1XErhykdCdKRvcnsoPWFi9CaTSTsyvkjNPvVmDyZpcvYfRxe3wC/DMcPD5odiUU5v"
    "lkekb83l891dElRObDmIdmNsqlz1zcP2Zd4pSqvfKH89i1N2QM/MHr0xC73AOC/GAQvIWc"
    "YiTlX6GLnS2PQ0S55Bh0slGiGp3Izev/3ktPJVCa/bxl6SdB/P67ZkepdKOt2WDOOCfG4P"
    "qSljVypnKMwyS5pn681+i5LIdpRms/rMANBw3kjyWdP3maRKOBDrk6q6DLAqmNkApJSWM4"
    "G+/+bFyLs8v7iqUydJCGw0h/YLQ4t22GeJ9Lgnmh43Or4ch0mSTFinmHWByPrg0U6sKCrA"
    "/BatnRDShpA2hLSxd2lDVJIvUOQQleR55Y5SV5IfIGgrM8lw7UWNIW9Eb6+VMhzaUEbLlr"
    "li2Xwq0gcgTp3gHfTrsP/gAGplomy8480xz7E4I3ZzEkxFM7LpVBTQXAconk2iQ8JgrYxY"
    "tYM8icSi/fKLa74gw/nlFzAzMeJUdKGPcNCUOIsgFYwX4FcNjeEZeDNt3MRBFqQTndxxLK"
    "gg5wMY/PNRcxEIBBL8QPCmuTP8XiPj03BQBxRq8IIsGmFGki8SavyR0yl+nzPQ8zdV3E1A"
    "CDC37XcHzFcqVsmu84oU17Tf/eBoJIfRD2fAf/v3fxkZY5NQYRkrOAtJ9xDMtamvWAbvHI"
    "SFMtN2of5nB9mvGn7tP/u4frAW1JWBfLuDZxBotR7fCx+GEvowRKsA5VXLRUiEAT0tRIUu"
    "atzxQWlCEd6SBBd/lCtzelVHaSonNO3f9fcUHEBOOypAuIAUqGTxGRoeuFcUAvCcgKcExG"
    "NJLwYJCX9F3zBfXWPKL9EGGySYoKn8FrbN4V5M2mK2F7oB9w9B4GkeuPYGjhn4/2OEryDC"
    "12tYApiZbwbLk3jn/gTDXS6GO5xMeQ/XsP1+tqLjQhs7Wet5DtZ69rlaT7ujCW3vH0TbW5"
    "bjJpoli3XaJLJorTlscEtZjTYV9dCqsuMLeerQLvWaIwfRKLKNiEYyjfba6qNM+gKrkC6v"
    "nGwZUt83hxP2FVGBWIc7y8lCLSr3HTQLETmIuXCNUAhEN9uLwyphO1qKUxXKTgzlvMbiyO"
    "wSdfr2D2+56/QNkT1/MD22cLG6ebZOsnBxM4yDl1OsqH0x34A5IUlUiarJcImqiSqhTEXx"
    "bJL4lFp1w/wJwDRipvF3QZYVMKqNauBvtK2fPJWaDRnW+CIeyK4rGLFjRnLDEMB2y7YqfI"
    "HJvSJ8gUtqvT6587r8mZWOaQLcv4WVbDEc+IbtBbg5wOUJCig4EqDMThYlUak+O/R4TnE7"
    "9PpaRgfzs5OJ7IXtctjqKAWACuWOPoAHP2mPAwxE3ONonh6mTS43ndDElksTSyYHb0aIKE"
    "3lbHD7j7hQNcfS4ULmhTlJV8Gj7iDpISzoOERa4g4kShFWEPHLej2PsaFezzY2kHuJGDks"
    "WzLcif4x6HbYSC8JknZlTXHB/4CuOQdjOGp/nXiGHwlLa5FohvOBPO/vtQPhvwZuAlBMBZ"
    "7yNUq6FZ3FbcWkg6Rzl2lPoaE53PlRknSVcws9yGYDaYl5TivPikhYefJbeRzk+L7gZqCk"
    "zTuzU4QV3NcPkE4aOq6MOXfN2MJ7KEW8BweicubUKLu/UIjJ2vBQ4SaWvcyq5SYWV2tCzc"
    "HDRWu+8amMWaQiGdFGS28Mtj0YJB/9/nrmSYKd1yLJmmzcRkmWSXjHVOdc5uATwT7O3Hqq"
    "5srodQ9QkZ6k1+pCFdpiSXg3Kc25G1zVS6Ifk1A9F8OFHNlBLLdEgVOo50eYaTKmOxdkMB"
    "z87rTVk99jRfFaZq9TZtCYsjRSPLiF2f4eaGdVhYyY/ncFivRRIXwOactrIltTZjWGNS+4"
    "c7bOngdXbUQsxCmJBGdrLHCZ9Y6yFVrRYtjVU2UdxERBFhUHwkHzCqJ7sKz3TBfbbBNQhK"
    "R4I9Bx1IJ7M/cc1THl9/8H0oOVJQ=="
)
