from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "outbox_message" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "channel" VARCHAR(16) NOT NULL,
    "recipient" VARCHAR(254) NOT NULL,
    "subject" VARCHAR(200) NOT NULL,
    "body" TEXT NOT NULL,
    "topic" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "sent_at" TIMESTAMP,
    "error" TEXT NOT NULL
) /* Every message the portal sends is recorded here first; a sender delivers it when one is configured. */;
        CREATE TABLE IF NOT EXISTS "hearing" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "matter" TEXT NOT NULL,
    "starts_at" TIMESTAMP NOT NULL,
    "ends_at" TIMESTAMP NOT NULL,
    "venue" VARCHAR(200) NOT NULL,
    "registration_opens_at" TIMESTAMP NOT NULL,
    "registration_closes_at" TIMESTAMP NOT NULL,
    "seats" JSON NOT NULL,
    "selection_method" TEXT NOT NULL,
    "status" VARCHAR(24) NOT NULL /* PLANNED: planned\nREGISTRATION_OPEN: registration_open\nSELECTION_DONE: selection_done\nHELD: held\nREPORT_PUBLISHED: report_published\nCANCELLED: cancelled\nPOSTPONED: postponed */,
    "status_reason" TEXT NOT NULL,
    "notice_published_at" TIMESTAMP,
    "materials_sent_at" TIMESTAMP,
    "seed_commitment" VARCHAR(64) NOT NULL,
    "seed" VARCHAR(64) NOT NULL,
    "drawn_at" TIMESTAMP,
    "draw_list" JSON NOT NULL,
    "draw_result" JSON NOT NULL,
    "report_summary" TEXT NOT NULL,
    "report_published_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "decision_id" INT REFERENCES "decision" ("id") ON DELETE SET NULL,
    "draft_id" INT REFERENCES "draft" ("id") ON DELETE SET NULL,
    "record_id" INT REFERENCES "attachment" ("id") ON DELETE SET NULL,
    "report_id" INT REFERENCES "attachment" ("id") ON DELETE SET NULL
) /* 听证会 on a decision or a draft: notice, registration, a checkable selection, record and report. */;
        CREATE TABLE IF NOT EXISTS "hearing_registration" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "phone" VARCHAR(32) NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "district" VARCHAR(32) NOT NULL,
    "category" VARCHAR(32) NOT NULL,
    "role" VARCHAR(16) NOT NULL,
    "stance" VARCHAR(16) NOT NULL,
    "statement" TEXT NOT NULL,
    "show_name" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL /* APPLIED: applied\nSELECTED: selected\nWAITLISTED: waitlisted\nNOT_SELECTED: not_selected\nCANCELLED: cancelled\nATTENDED: attended */,
    "code" VARCHAR(16) NOT NULL UNIQUE,
    "draw_rank" INT,
    "confirmed_record" INT NOT NULL,
    "checked_in_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "hearing_id" INT NOT NULL REFERENCES "hearing" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_hearing_reg_hearing_3a74bb" UNIQUE ("hearing_id", "phone")
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "hearing";
        DROP TABLE IF EXISTS "hearing_registration";
        DROP TABLE IF EXISTS "outbox_message";"""


MODELS_STATE = (
    "eJztXXlz2ziW/yoo/dNJlSfr2457d6tkW0k0LUsaSU6mtzXFhkhIYpsC1TzsaHb7uy8AHu"
    "IBSoQOimJQlbJjEg8kf7je/f63NjM1ZNgf6o4D1ekMYad2B/63huEMkf9w7p6AGpzPl/fo"
    "BQeODNYcxtuNbMeCKu1xDA0bkUsaslVLnzu6iWn7Ol4Ad26YUEMaGOsG+gAGUwRsx7TIBf"
    "oSQLfBBGFkQQdpPwOH3DUtfaJjaIT3TWwsAHpFFtB0e27ABdI+0OdrpkpeQMeT/T/Kxfqf"
    "LlIcc4IInUUe+Nu/yGUda+g7soM/5y/KWEeGFoNY12gH7LriLObsWhM7n1hD+hUjRTUNd4"
    "aXjecLZ2risLXuwR2+O7nmWC6FG7uG4Y9NMALemy6beK8YodHQGLoGHTRK7b3A8lpNUdqd"
    "gdJvDBSllhrQgCICvH9JNTGdDORVbfb1E/oKfzs/u7y5vL24vrwlTdhrhldu/vIevQTGI2"
    "TwtAe1v9h96ECvBcN4CWowcAq7kML3YQotPsApwgTW5COSWAfIrgI7uLBEe7kiioB7Br8r"
    "BsITZ0oxvrpaAe7Xeu/hS733jrR6Tx9pkiXsre62f+vcu0dHYIm4t5CE8U6Q7Qbtw07tGN"
    "Zn57c5sCatMrFm9+JYkyc6ZI/1YBIAO0lXwbm9F7xt/d8cnO/1SeY+HVCs36mPAWFvs/54"
    "fn5xcXN+enF9e3V5c3N1exru2ulbq7bv++ZnuoPH8A+29AjoU3h+dS20l4QU+5rYh9tHri"
    "9zTOvry8xZTW8lNhELUSwU6KQxfiR3HH2GMraRGGUCa80n/RD85xgnPPlArUNYPX/IV0A/"
    "aD41+oP6U5c+bmbbfxoMv/qgQe+cs6uLxNV314lhCjsB35qDL4D+Cf6n024weE3bmVjsic"
    "t2g/+p0XeCrmMq2HxToBaZncHVALXYqPsssKUIsZ0Jqo12Nf/tSjPGO+BAKU8/fuEyoAFi"
    "aZA/EYZHn+Bf0IJh3SRvBbHKOy184evZRnm2r5Lh+1cwh4Kry1e04FsoByWnFvl88tHIYQ"
    "CQdwDt51arxpAeQfXlDVqakgE5eoWGC+l72pzD2if+9EsPGaxRNuCNsKPqwB7bBKYI0k4U"
    "C6mmpW2J1hevs8pDNTctR0K1AqoZIuc9gYoqV7YE6snr6hPp6QjZh1xo2Q6aK6Qvl2rLto"
    "SrT/p69LuqEl501zfPzchuHzsH0rdm57PkFYjhhH0SfTZ9UqDSdDXdabxmKTyXd09WKjxp"
    "OwW95tZ4fpuaQNM18DaFzgn5ifAJcEzyH12dAnP0B1LJ5bFlzug9C30Av6C5A8amBaADDA"
    "RtB9j6dzAjkvzUBu+G7s346oz8RJo6dK9Gtx/Jz7Pr26F7rWpXAFoO4Wfep7Whh3uNHWtK"
    "VwnhFVOWFiJ/Z6tUybQ2LWH9XpyqOIVTrbavwYirm05P86ibTk+z1U30XlwyJ5j5270Ayv"
    "wDQmo+OJoPb38T1p4myCo3l/cGNG/fXgszd/OWIKdB1pADdSON8N/7nTYf4SVFUnenqw74"
    "P2Do9t7YyNp/jl3MdiswcnWDcPn2B/rY/94X/CvgpgjF1HYBzO+e6v9MjsBDq3Of1MfRDu"
    "4Tw6HPRSa711rO8oppqws9LaurrPaYRyFNdZREqqnXqqkZXFJHvUZHHZ1UwgrqfSoxHsxZ"
    "lstWcOtklfpCjTRaq7ogwvzZ6Xjo3n5Uz+6AiREw5zqmJzn5B8Hb1DQQ0Cw4dsA7MsKO8o"
    "IWYFgb1t4D0wKsGaKqAJ1sJL5yAeIFUKcQY2SkdRQFPG+9MuK3GnuCP/iGjhEZiZo/Apan"
    "lyMkv5FbULfJ5JibZB4FG5Blqsi26ff8S2o1SqnVCCaOCNMWpakc63ZxnoN1uzjPZN3orT"
    "jrFlk0eRGOkEiA1wL8p2s6HHgH6HvGFhISVADcVexu45+D1fJdyO22Ou3PQfOk0BcHe2Rq"
    "nM0iG+ugfSV87YoGe8l2pneOBnZnKe404VuawbSWCvxa/7nb7fQGd8B259TIPMQdcqHfID"
    "wP+dtGQ1x/arQf7wABBWvk7uBLo0duMo5lgw3o7DqPyjop9kU01tcp/0h3MkE2FbLfTEvz"
    "Ldx5FwiXWG5MwmvF52s3XSwR8gLBf0MjQfxr3xr3d4DQDfFTozFotj/fAd/zYIhbjcGArg"
    "0inznIGuLGU73ZugNoBnVjiLtfOm2yqubk48ii+trsN8mie9Vt3SnHMvKlMSRuZUtTVmAB"
    "FWBpW+LGJsVmkIeklcN896zqEjW2JjcDPCStHODnV3kU56TVisictIFIp++gchTn2WBHaS"
    "qH8u6nta6Rmak7ixU25fUncKqTAoEnN/VXXXOhIXocN9uPza/Nx+c6OWeXvQzxQ+epW2//"
    "egfIup1DvCB8a+9zvd3s1wfNTpuwr9YEYt1mGrQhfmx0nweksYbmrrMoJY87Nd8yzuV70z"
    "QQxFlBKRG6xIiOCOG+hjS8Uixre9/ptGKs7X0zybs+P903CPgMe9JId2KquiXib7oznZoG"
    "Tz26CvAomcRbAG/LdB3P1RnaWe5H63exdC+lFr4fvhBJm2xH6pRI2nQj6tU/DZRuh8CjNN"
    "vKY7M/6DUfiJzgmQF87T5WggOSUPhNPKI7ENzx2sZ6jPVCpZV6f6C0OvXHxuOd51WpeAHq"
    "Q9wj9/rNz216h0Jp6xNMr6dlnkabiDyNR+X+V6U/qH/6RMQdyiUReXq0UMggjcebbKC7Py"
    "ODiYG5yspsViRJVzl25CqXZHO1QrK5Sks2EfPUhgs53kOBqM8RDtRAIiu52yCcCF0ZPj2R"
    "95/vW83+F7qE5u7I0O0pXUFfmo+PdMVPdY0wXOVgLpZYK2MDTjjhANneXDzacvh10edVxq"
    "8rAvOqA3LtGB3iXDxmFU0EOv7Jka1Z5pBWAPOi9co+ihv53iVpd+B9V04XorJ72wWYrHS3"
    "i7irbMgzxHsocLFZSEX6K9IEF12t13hoNL96TLbXwxDXH35pd761Go+f6XWovhC8DKRN6L"
    "1Pnd63eo/x62PTog5c9Opj46HJrmlI1TX/LQ7OVBC+WTWz7AjrxzJCvtFAFrNQa/XHTnfA"
    "Bkoz5w4djW69N2j9qoQ35tByjIUS3qe9hTfJwRC/02u0Gl/rVFajtyxkoFeIS2Ig8ockkw"
    "HJPgrTlPIkFD4JAxA38Rnj0VZgCPatNAhge0WWzfg4dzbiJdXI9JbM7kB6h6dVgAFa4pxe"
    "nFLyeWXm8xirM3fI6GlimrgEXfWS9e3BM2o002228wgeGGnKnXBhJUJ7D0Fihms7GbmtVj"
    "gWxKgKC6A+2jNZczc5IJZUhRwORU7rKp0NUXF3g1HmkEteoMzjHWoxNhjsJK0c6SMYaWEt"
    "epKuAlJr0YoDCzmuhck6EVfccEjlAGw+AOKbXIJU7nFl3uPsOYIvhJVXCfoT0xITuDi0FV"
    "hqSV+TXK4mKzxNUm49vt1E4e1rdGmt0CUsyVYtq0otKbpMUjoCFvZFwHExZ3vKzjGfpCsu"
    "2fzpvibrjvWZ+lyZQnsqsg1ESCq3+mVaHpmWZwdpeaIZMXLuVVGSKtXE2NlOFfHZFQI2RS"
    "fNWmlweblZcuLLTesiJ3Aa4yD7txC6cSI5dbMtsqL7QopOgpsGd26ZNPybwCKEbZJMQpuG"
    "NvC3EAI2TiS32fX5+xhflUZYOH/fY9DPkcGbN4NflP+MZfDrNbzorRpv9u4K2K/L7iqKb3"
    "zl5kA43EN3gHE32tdxbbt58U0eOTkQjnGuO0C55fXXNY9zI86LNI/hz4H2kt/aAdTVzqaa"
    "Yk0zUqpypIsdYPtAXo98NgsLelr2Wk2o4/JVjmm8VCfIabwG25TmZYvSdb4qf8syUH7K37"
    "7XWYX26L0WgvJR+0ReDFlzS1+ZTjna6iRHZmXyEnGCtVmWaVF69H2OsK2/IjBH1t/8rsCb"
    "ab0Acwwg0HSaMe8EaCwpMlmDd6xaPUbQ+pvmzg2d2jABTRkAHddC4B3EtNQT4mVT2fsDh5"
    "g29fv8yaa9auQnWTuAWa6QxupKvaAFu/P+A2ijt6C9DSBpFwGRtNaxaiF6ExrGYtuaUsE4"
    "iWZhjtPJbMy7ycZcUsvCAQZiZ4oYB313hI2gMaIy528pj6N/sPfxthEMrUWGDT9KlsxWtH"
    "C8OppHBvWqXcFPthAaOQmi9812vfcr37vrnpOc4f7XQaOeSivIDhIO9qsyRUWoZKKoNYmi"
    "UjrIbLa2AGYtYHGzGbUIE7yeSbMjjXOUwfh4fXk5dG9HkLBB0EsgSxgYhDXToqHv5FqYbi"
    "bgY05o3cwZmcWMe6JcVkj3brQANjQoZ9PsArrpcup1FvVQDif1W7RKSOAd86+8/JWsbnFI"
    "fupY/J8KO/h/dA+oYqGvrgtUUWLjMYxyYTvdCjto5IjaWj88q1gZ9ZOE4jI+B2Nay4d6/6"
    "H+2DhcObO0bp7L4nFV+Kv4vCWBEjElrGf26sC3BwFmD/rJBuZ4TKsTgWifnjZspmOXSGwn"
    "7I+xbiAbUDUY/csvXGaDV1NXEbtmoTSXt/en7bj4+o/CxW2pjMnmzwL7DIOIy6TlyNOZ6K"
    "PMXFut/+tTt9NvPj/dAXsxI4ey7s6GuN77/PzUaA/81ODQmrhMv+vlBv/UbLQeFb9ch4cQ"
    "E2OG+FuvORjQXJ5vlu44NH1v+fKGT2k/YrExEZIt42JKptsUi4uZGzCr9lOGX15AUOYlsK"
    "Hgcp4rt+b5itya5+ncmpAuGg0h4dCjNGGVWNmd6d5p6QOyxfGzMGdn9E2QyWS+MaFwJ8l8"
    "PeYpPSgrkskuSSoQF1Z0ADbTTaqK7c5mkBeWm417mlLCL15H0UNP8cAUNJOkiaW1RKCshl"
    "QQZp+3FVYQ+mMnGreTopPBJTKeryiMVyhYpTd5kd7ky11gB1BX2w03tWFu4YYbKE45DJK4"
    "G251II+nEaOq5u0A8nX2n0hPFVr62zopJ7wgORg/QbwYmPTnvqP6Dqp0X7Hy2XcpCXNQ+J"
    "UWnXlkK0ho1z0k/Sx2NJduALG/YYQj5N/jWYv8ps7UMt3JNNK5EkZgcg1p5LqSAv+vlUaw"
    "R6R6wWwcy1d472SVuUuLtsrjz3SmakP36uP5zdC9vb1Uh+711cWYXDkbXQzdm9HV9dC9RL"
    "cj0vL25uMdoE7gRNyZeb7hKnSgYU6Y9Ul3bPAGF8DHiVmjyCR1CKdsLQCrDqK5hMnmOjgd"
    "5i34Hk9eb0y0Q39u5+0kjWRbGsnoCORH1W8teXqeL7juGEIWlZBAWlTyWVTIrjInD9UJAK"
    "zUhwjYPNrCspEX53q/jyJxI2jrQtr8kEAqkzdVJovALbX32wCuY2WKIH0lJcKYCGjw+R1I"
    "Lb6AFp/xj5wtJp+PzpK6yDq6BsQYCZfE67bqbVZ22qcf4mZb6fY6n3uNfv8OkLlEOGiqKb"
    "fThe+yau5Sdftjr/6NuurozpTITG8lqbwbvs4Gubl5tHJ7E97eAnFVoVGHIvinCCX4G4Gv"
    "CWdvjlP9yMmbw01uA/tuklbmli9zbnlpx88+pCtsx/f4ZUEjfoxIqqI4/PQhMj2UbHPcs8"
    "U+U1QUz2Ho81kPyx6PbPbmNibHFm4OQ33R+TdLNoXz4pqZflPMPq9OIZ5sa30OZzPrrEKT"
    "OZ7I7RUaLkNiS7gaYUdVhcpXjW2J0xevl+qs4YT6C823BKgb2F37pK+qzqW5ZRIGFBrbYs"
    "Vcrbt+ZxWaU/uMHk6yKSv8JyKczHo3iqjOPF/+vgXZC4xF6JNgjsEM/mFaAGozHeu0B4fm"
    "2gseYIN3ou4P5Mo1QuTu+OqKky7mUC8h44vL5TpB54AArEHz3UisFUD2qO0/oWwiYv157N"
    "U/De4Ao+Vbc8phtyHbtmWKlx1MkEnNtdRcV19zLVrxWVZ6FjKnpXRweVQZIdu1G2VGleSp"
    "QmQET/mzSkQI1UN5JIRl4xwphbxAWmAh1bS0uPuy1xFlxW/V0wvKft9cvr/z/JzJikfaCf"
    "n1h2vTxI2Elw89EE7Yf5mns+eLwEsuVNhzpRhQLjHghXwWn3Xl4xq0r6DX7+45UXG/oUN4"
    "Cx2IVdqHy4o0xGfP9eoa4smZalpiBuMoiTQYc2zwAfsiZoaPU0nvhhxVGiNc+o5s8UcIcm"
    "5jcXyC8ROUpraGHWBb7UD56G4obIPfq0zGigv1MZzbU9Op8WSyeIuTlTIZa6vY0ca5jDY2"
    "gYdINx69X/aIakHvgvjR8RjMyRcA3QZkorzSukWWOSMy0gnA6BVZTLCazV0qI83Zn2R+2A"
    "7fOrPXp20hf+3dL+tHl8VWGRIygqcOYTzQNSMwYxydRBbEpwjM4ShJcRzNaanncDRNsW3D"
    "iVDkcISkAmrkAiKHySq3NpNq45TSFFNmU0xwZG+ivIiTynEu+TizGguiiZVTdPIwSnliEL"
    "4Xa5zD/ZNhwsykICFNAtAxJTo2SFcZ+jvP960G6PYaD81+00+dHC4NdpNeWoY69xr1VlIv"
    "RHjXNLzZ+aqD9uVIVE0fe9SJqgXsyXsVy5n7EE8aD/yKVgjhYZMc6aduLy4/Dt3r28tbL6"
    "kTGYUX5BA5GDpA1R393wjbQUk70uAkzOvEihFbYEYk6UjxOyIbM8M6L8fUPh8ljZ7lErRl"
    "sqN9iyzZZuX1HpHHYGKutToP9ZbSa3x+bvmlaQxThYZioYlr+NVpPne+NnptWr1G6T23Gn"
    "dgYpJtATMuznINNMTtTu+JkH9tKI+dB1bnhryMac2Y/7VCRpIVuxnip/rfOz3l0T+47zx3"
    "bSVqOxAd9YvzHIN+cZ455vQWJ2yT5pEZmRonA1D24koRlnngy7TIZLalbEj34l6AvtPEN6"
    "HfXV7QE2QSePG8YiV3sU8xR7vwsO90af0yc06LlxFM+tTVXjVMm2ZN+tRoPN7XH35RIm74"
    "Y4Q0yt8re8iutPvjgn6XvYGuK0onFV2lVnTRubrJEMcICxnjklS6O7ohtqem5ShvBEhCJ+"
    "7tmEEuD0jhA5IwdS+ISBVemvP0GKzMAZkmlvkfBfI/yjyBB5/+IeuzgUjEo5VDsPkQbBM8"
    "mNmJ5PTKzAYcXbyo5PdkokMZX5E3vsKdaxuOepxSjnpZRp2z2FP5imSZygITMsqifnljFX"
    "ZZ1M835xdW1K9su1euvGXFpyM4kpkZQynw99gSJKr5/+p1VdX5JHMq7iW3RUY93l3Uity2"
    "IO9RlYxMfmyycmSkAme8bqQPe7Scb7J8ZDQcKlIv0rucKqMsUDUyHpERKW253cA/RMpd+p"
    "VZKz/+Gd+cexqsKBGaczpsVj403ENWe20Gh0uW82bk8Fnjw6m8Rpqu9eXsYARoLZZIPCN4"
    "dwb+C9AckbdnQ/davTwnP89Ox0P39qNKrtzAi/H7D6A5m7nsycAkk3XpYnlHc9R4uWl0m/"
    "wfo7fA6zLt31n847nFQ8Mhxe5sRC7K6qGHdAP1ByE/sEsCmdqAYwgj34mMNJzZnn8hQQXs"
    "LQWUshQtglV87asDqdH34nJmupaKvPNeYEonyCo3sc+vrvI4sl5dZTuy0nuJtE00pI3DsG"
    "bHFS0pZGTR6qmfM7Io5tAALcyXILIHJEpTjiGhz6vMkEDHgeo0Q1mZPSoJMjkwOx+YuYXg"
    "bMSLJso+l6M0FTggij6ZaQF04ejpOJEMnU7y7kfnwlEa5rPcZl3pw1F9a34eH45DFFUs3f"
    "DuOZVjwQX/ygZv7iSOWRX/wgyO0na/u5pjr7sw3neDfqoE1D4zZERKI3IsLfHCidl2FhRv"
    "lyNhRrQa19XlKRq6tyP1cuheji9OwTtoOeDi+r1nBFnmqgg8PHhpMbbvUCa/KJfVgzx9Mu"
    "GZPfIF00bIy6xXrt03Wp1vSuOf3cbDwM/QMEIG4ZnQ9zlSHT9FAwuffVA63WabNfHqYCjm"
    "XMfsfpByQbnvPP56F07sMFXB4eNo/T2Cl+U4W0sdIyrzMJbJ/BIkUxQrKxan2rKqWNlQX5"
    "VtLF1WTENz19GRrcwJJLqqz4UzKWT3IPVowno0f6/beDCy6OVQCA8Fy89N3hFD3UIKTXHA"
    "4ddXhfDyOygwjDfgkI42ipc8VDVcfimGfJxRvIeNVkExas/aQ6c9aLafG3eAvLOjYxcNcf"
    "3x78/9wZ1fy2uI+8/9bqP9eAds1ybTSRviQaP31GyTbZ28J7JmOvbPrMNn9ZaJkA5xdEhr"
    "gbQWSGtBNa0FsvzTnuysFprTnDdCuMZoZDSlrKklcgrtvqaWNx13AG499E46vimcF93Y2t"
    "0iVJV8pq5Sjd2Wlpyl6aEZ9FihuZ2Yp/acNEBbIvaPqGjd8/usEmbF2MGW022lQSw2K/NY"
    "xhQ9RrHORpYNl7RTlctOJep5X7zLfWHmjL1kj3agRWa6CMJLigpivBeTEdmJXCgUErWkqI"
    "BaqgCEoweByC6copPS6nrBKu6PsiX3H3eCOTKg87L/qWkm6vC2T+YsyKHBYcgi6TWymbBp"
    "pFEe36TLc5W5D51R96EzCExMY7F98ZPW0AkL3WLT0VXSiYUmOu2YdnLCAq6R+sKCsW0Cou"
    "pdptVuLQ1ArAFP2uL6MRX6cMlLlouXlAV/9s1NzqDj8JzKsi1wS4oKcDqFRydTr6JNcuvH"
    "CCtolDkSI0wu2xvC2iZDHCGTA1zqAX5F2BU6lkICeSzlO5aiPJyyacmZzE7k8ir18oqN28"
    "bVaLJ7kcNf6uG3ERTLlhASlCNPQqVyioQiszIjIrHJEXJX+OpxaKXMULkiehzoad1EjDTB"
    "Eah1W/V2m5bE8+mHuNf43OwPeiwQSPEK66VO9SHuN1qNB9bkkexJd0s9j6KZGA3xl0aLdD"
    "olMNEeu53eIFp/zzf1R6rvPdTbD41WixXuo6AaBr3a7fQH3Y73fmTVzM3gC0UZpss8/NJl"
    "Nrt0yYlwIWO8SSGvJKFcnsLL01M7blU+J6ML6WFbZjZlRlC3dHJZsWlhaPFR53Ygx7zMY2"
    "4jsjhpBgPdCdzf8qoAOKQV2GzjJ9t1npPtOvtku06fbAhl1KPPRllCmwtar3yh+LYVpZO7"
    "VZl3KzpSSiD95hWmY0TlEKgrlXiQ4Uvu048QHZYlWTkGplKaDl8M3CAmMU1ZgeOnaDEqKY"
    "VvpPHldiEPqTIfUjJQMZsDlIGKuw9ULNlS3nWc4iHyRVYcUs9VUDT0M0IjQZXxtIdw+z5M"
    "PG3JMN5FOO0y5DO11e4C25x5Y48V2Ky0sXxUvZ1zB7D+GFHKkWMmF7gyBLzwEPCowXo31V"
    "N7kR6PUK45SEQzD7rsAJokwmuDaRQrSbHTiObfokE7czIz0HY1CO/1yY8SnPLx/Pzi4ub8"
    "9OL69ury5ubq9jRks9K3VvFb983PlOU6iYrMMhz60IGk3mIQADgkqCDCe0hTPIO6UCB0SF"
    "ABHXiyhF4ux62rFZ5bV2krLD00dFXIlSBKUzmUdz+FVQLExOSZdLIhjtLIfSIHyJYpFqgZ"
    "tK8guHvIkxpKY7n9YLLkt+PfIPYCr4P4/lyrXWdRhTy5Cvdqn5pvGVV6V2bMjtEVmCg7vH"
    "K0mbKPMI6AiN2GLh5HUO92W03qp+/TBxEC9JIXG0Cvfas3B61mn119g7pDvWfoda/noD02"
    "HWVJw48MqA8GjfYje6DjIPJBG8UF7H5jU01N6NQI2u9mhA8r/O8ZWs8fC+IXMUPrkkbar7"
    "i5/Me6NUOakmUFWHk08MjlCSFSS4FmyiHw6Zv4BaeIpd+V9LuSflfl8rsKrBVCfhdxIplw"
    "b73nRcRYs6WhNZLQ7cggzmtmjc+uMuXZa+lQt03cNb2XT9kKY/dPVhkJDa+lMg+b5sm7dz"
    "OG5Kd6eT50b6A6GrrXqnY1dG9Pry7JFXVMrtycjj4SqQMYpgoNYI7HuoqAM4UOmEBqO7QB"
    "2Tt0jRbc/Qn41RFtmkOPeWXY3Ix7BT1W5torV649KSzuTTkubcD7zRZVViNalebwlDCiim"
    "lNINbtjFTC2WBzieXszje7CXdPTtMMxS0f7whJBUwTiamdC+OLFRhfpDGm9RQJO6YIe5Ok"
    "CCuH9+4jz8lzLFPE1hYSVADcou1sZHLqr6JGtiWRLEWbX31qoT9dney7ir8pCILOI5fqax"
    "EDJ3XXNi2Nl886UzyMExWn3Drd1+a9a5uM1BP/gHpid65tOOpxSjnqZRl1jlEojLlIaVTX"
    "hbTQPFZUucc54QSiWR68Xo5wDmRGsMQSxCEyxfFka5AwTfrCWj15PVYVMNuB4/F2aD3bKI"
    "9IUE678s4DohKxqpyZ+ATxYmDSnzsOVi2XgneFLYp9l5Kw7IRfadEZR06z4H7MkOPhaVps"
    "LF7QIgTat2WF4+Tf84kZrd/EmVqmO5kuKVOWIq5BjFxXkraLv1bbssyJjuuOg2Zzvi0rev"
    "9kpS2LtlRgpOlaW1YHI/KKCwAd4EwRYD0AAtzsZ/a3hVRyDBBi3XDJYQYoKI5jIDB2LWoa"
    "IrQ6uQxVy7TJL8MAc8tUkW0jjgFrz8/asdVKxuHRe0XE4bnkZBC1w0Rpqmcj2INiby6Crt"
    "da4pojC6qrqghpvFSoq33lo3QFqpIO44K3S0fIo1J6FDrVj1P6zdJ5CEi/+/Q08gW7Tzr7"
    "6BRzFr29kjfzRU7yWL+lLKteMJezN/ecF/JZ/NN1fexOQFtmi3vtqdl+HjT6d2CmY9dB9h"
    "D3m5/bSrN9B2x9ghUdD3H3S2fQuQPzqemYQ9wZfGn07oDJ5ucGB/Xuo0JgmBZHzMM2RSed"
    "bDmncrC7CUEbJ5K4rndeni21jFs6L1dbd3mScGSOzzS+IzN/s9gB1EIJuY4V4dQ2GQO5Rx"
    "jAXvNhcCh38Y7rjMzvT8i24YTLxsUbrGTkTNZUmUXartWyNV6RtQA+CVN20fxl0AA2rSwL"
    "dNsveo40QA5MBMa6ZTs/A8juIwuQl9Bfqe+27oC3KcLAxIhSsbC6iWshLa1tK+iZUut2pF"
    "o3dUoLuQklEIqQFOjuFaYtOsZgZLLG9LkuWJAoRlRmyWBTX9x9pGuy3dEfSMzRPEJSRZT3"
    "4fE8MjWhAhxB+0rgW7SDqGPOdVVkQocEFfDG3bfm/rgUydKPanNNcrxq3UYFIWUZyMMPL8"
    "dNLj2+yLJMjo9x9gEVElRgyyzifCqJWaZLXT80IoX2HTSvcST6eIOTVRL9PGiq2EHbHWeI"
    "jpZ7YBr/rTJE/ygCsjTYbGqwYSXUH5RuvTdoPjS7rEb7HWDV11RlDi1HJwIm0/0OceOf3U"
    "ZvoNR7n5+fGu2B3xZ9nyOLHHnWxKVKPb9tr9n/Ran3+41+n7a9A5ZuvyiQumDZtNkQtxqf"
    "663m4Fel1/jabHy7AwaaQEN3FoqFXnX0NsQPnRYrCf+1oTw2+w/P/T57IEGYVYZ/RYqm26"
    "pr2+yJ3pfEPiD0Mz185C3LNLnpTAqJCzx55ghrvqpfaD412o/N9mcyAh79EDfbSrfX+dwj"
    "M+EO6Fgheyg9xu0hfiQn+x3QTIy8fH0s499D/b5FrtKMfSzxn8q+YoMx3L2GJv5OZJpCmx"
    "dBnc1BZHYgOQrx1KMO2ZyIaMUbAcqhZ3DnMapVDHqlmHPKcKeCpWdzanQRRTBJ9yNjSLax"
    "OaHXR4Jps+NkFVj8BZSIIHsn4sQ+rNxsUVWSJxS9uWZ6D2RP6ghJBQAvQD9uug7ZSzkbR/"
    "aUjpBUAOOiJzURFmzB/PAREgm4eNYKzWTvqBAR0YA4I+FQNvpZ9HIohIdChoJnb/XHacLg"
    "6LhTsbiHK9BdukGuYpHesoGc1wNwVZXeHNliI7CbqruDFAZU7//od1Uh2PdaibNrma/ePO"
    "VbVF7DSbzSmhJplisAGZNegDkGEFCHQ3LjJxsQOld1XAvdgaF7Mz67pr8gOiW/bs9vz8mv"
    "65vrM/prdIHIr4+3Nx9pk2uEwDvTIn1hdzZCFtKATfXKJiZ3L9Hp6dC9OD09e88PTz7Imw"
    "ypZt18swG0EHizdFqoBOgYBAsBsBxIP4Pff5+TFthRyIGi035+/x140e5BSLV3n7wzaRq2"
    "GWLbJC/xNjUNFHwWdeTUsY2o2ow+ivp2jlzjBYS1kwDEGrDQyNUNh7aYoZlpLcDYMmesNV"
    "kk1iLLA/S3mv8c//hjbyKNXgc1eoXDkB/aKIlkGDhhL4n1KAJtmlKWnUkDbKBXMRflkKDM"
    "9tnSeCd7B5PAtF0SyNnKyXLojgSw9FvLvIapRQ9Hgos+IKjgot+94+sUQU3QDBAhqYCarg"
    "AzgIO+C6mkg/YVQLdoJegckmEUmMtB+wruFXvJv04zpAnA6zevwETet/OYoWPkR5DmPuiW"
    "JIUlZzpafH0VhJiaPE4khd71WvKIpmdbJTlNs/h12d2R4ZxXUR6fYpvryYvO9Fsy4e0wCn"
    "Lmgdy1zLlpQ6PG05LHW5ysVJX7DtnRxmsV5nWg6o7+b0RV0wGlp7JWoQMNcwJ0B83AO2g5"
    "4Oz0PTAtQMsXINuhuTZJM7+q3wmgb8TGO60L39dDZOqqcimFKx8J0W58U5qDxhMhRm8Knb"
    "RD/KVR7zFv9kgt0MPr4hbkZQRmeNB8XyzK8c3yiPStO2K+uyFB5cQWmQTg2PUb5a9QecwO"
    "6Jn1oNbWlZMY58XYZwEFC1PGqUofI1cam54+V6bQFlKJRkgqN6Nl4hDpdbuLxCGH87otmd"
    "6lkk63JcO4IJ/bfWrK/kGVQeTVMNQt1PNiI1GNozDjNzxZpTf7M0qiWFGa9eozDCC232g5"
    "GdPzmWRKOBDrk6m6MECv0HAZC3IHaHFseww9/82zoXt+enZxxZwkIbDQDFovHC3afp8lU2"
    "8eaerN6PgKHCZJMmmd4lb6petDRDuxpKgA81u0dkJKG1LakNLGzqWNJTcgJm+k6OQZsV7k"
    "WIK2A6GjEevsyIDOK3ekplmZJI8+gpY6bWDHWtQ48kb09kopw2YNFRS2zBXL5lHRPgB16g"
    "TvIGDlQ3+yAbMyMTbedmeE51icULs5DaZiGdkMJgrojg1U16LRIUGwVkas2l6eRGPRfv/d"
    "MV8Qtn//HUxNgjgTXdgjbDShziJIA6MF+ENHI3gC3kyLNLHRHLKJTu/Yc6gi+wPo/6OlOw"
    "j4AgkrJKA7U/JeQ/xp0L8CDGrwguYswowmX6TU5CMnE/I+J6DrbaqkG58QEG7b6w6Yr0ys"
    "Uhz7FamOab37ydZpDqOfToD39u9/HuKRSamIjOWfhbR7CGb6xFMsg3c2Csoi/IeNrFedvP"
    "Z/eLh+mC+YKwP9dpvMIPD42HovfRhK6MMQreubVy0XIZEG9LQQFbioCccHpQlleEsSXPJR"
    "jiLoVR2lqZzQtHvX32NwADnuqADpAlJoHQjK0IjAvaSQgB9XYvM+GTedpkH+RvjqGld+iT"
    "ZYI8H4TZW3oG0O92LalrC90PG5fwh8T3Pftdd3zCD/HyFyBVG+XicSwNR8wzxP4q37kwx3"
    "uRjuYDLlPVyD9rvZig4LbexkvcpzsF5ln6tXaXc0qe39QbS9ZTluolmyeKdNIovWisOGtF"
    "S0aFNZ4bwqO76Up/btUq/bih+NoliIaiTTaN+bpoEgzpjJPPoE+CPSwb7QD68Uy/3fdzqt"
    "2CZ/30yy989P943euzM2GKSR7sScNCJ5BJhvjiDsS6ICsQ52lqOFOlUsOud2naKT1k1eFi"
    "J6EAvhGqGQiK63FwdVwra0FKcqlB0ZynmNxZHZxTcT87eGHSBcj3VWUXhTm2IM5B6RTXrN"
    "h8GhjPEDZM0eTJcvXCxvnqySLBzSjODg5hQral/MN2COaRJVqmrCDlU1MSWUqaouLWiPmV"
    "U3yJ8ATBwzjb/zs6yAYW1YA//F2nrJU5nZkGONL+KB/LqCETtmJDcMBWy7bKvSF5jeK8IX"
    "uKTW66M7r8ufWemQJsDdW1jpFiOAb9BegpsDXJGggIIjAcrsZFESleqzzY7nFLfDrq9kdA"
    "g/Ox4rbtAuh62OUQCoMu7oA3jwkvbYACPqHsfy9HBtcrnppCa2XJpYOjlEM0JEaSpng9t9"
    "xIWm23MDLhRRmJN0FTzq9pIeYg5tm0pLwoFEKcIKIn5+dZXH2HB1lW1soPcSMXJEtuS4E/"
    "2932nzkQ4JknZlXXXA/wFDt/fGcNT+c+xiLxKW1SLRsf2BPu+/a3vCfwXcFKCYCjzla5R0"
    "KzqJ24ppB0nnLtOaQKzbwvlRknSVcwvdy2YDWYl5QSvPkkhaefJbeWxke77gpq+kzTuzU4"
    "QV3Nf3kE4a2o5COHcdb+A9lCLegQNROXNqlN1fKMBkZXiodBPLXmbVchOLqzWhbpPhYjXf"
    "xFTGPFKZjGitpTcG2w4Mki2vv655lGDntUjyJpuwUZJnEt4y1bmQOfhIsI8zt66mOwp63Q"
    "FUtKfGa3WhCmyxNLyblubcDq7qJdGPSaiuQ+BCtmIjnluixCnQ8yPCNOHJ1gUZsE3enbV6"
    "8nqsKF5h9jp1CvGEp5ESwS3I9vfAOqsqZNT0vy1QtI8K4bNPW14dWbo6rXGsef6dk1X2PL"
    "hsI2MhjkkkOFlhgcusd5St0IoWw66eKmsvJgq6qAQQ9ptXEN29Zb3nuthmm4AiJMUbgQ6j"
    "FtyZueegjil//T8yDZvZ"
)
