from tortoise import BaseDBAsyncClient

# SQLite cannot drop the inline UNIQUE of decision_catalog.year, so the table is rebuilt. Dropping it
# needs foreign keys off (decision.catalog_id refers to it, ON DELETE RESTRICT), and that pragma is
# ignored inside a transaction: this migration opens and commits its own.
RUN_IN_TRANSACTION = False


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        PRAGMA foreign_keys = OFF;
        BEGIN;
        CREATE TABLE "decision_catalog_new" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "year" INT NOT NULL,
    "level" VARCHAR(16) NOT NULL DEFAULT 'city' /* CITY: city\nDISTRICT: district\nSTREET: street */,
    "district" VARCHAR(32) NOT NULL DEFAULT '',
    "body" VARCHAR(100) NOT NULL DEFAULT '',
    "status" VARCHAR(16) NOT NULL /* DRAFT: draft\nPUBLISHED: published */,
    "approved_on" DATE,
    "published_at" TIMESTAMP,
    "note" TEXT NOT NULL,
    CONSTRAINT "uid_decision_ca_year_668c44" UNIQUE ("year", "body")
) /* The yearly catalog of major administrative decisions of one government. */;
        INSERT INTO "decision_catalog_new" ("id", "year", "level", "district", "body", "status", "approved_on", "published_at", "note")
            SELECT "id", "year", 'city', '', '', "status", "approved_on", "published_at", "note" FROM "decision_catalog";
        DROP TABLE "decision_catalog";
        ALTER TABLE "decision_catalog_new" RENAME TO "decision_catalog";
        CREATE INDEX "idx_decision_ca_year_217a17" ON "decision_catalog" ("year");
        ALTER TABLE "draft" ADD "district" VARCHAR(32) NOT NULL DEFAULT '';
        ALTER TABLE "draft" ADD "level" VARCHAR(16) NOT NULL DEFAULT 'city' /* CITY: city\nDISTRICT: district\nSTREET: street */;
        CREATE INDEX "idx_draft_distric_490608" ON "draft" ("district");
        COMMIT;
        PRAGMA foreign_keys = ON;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    # Back to one catalog a year: this fails (UNIQUE) while a year has more than one catalog.
    return """
        PRAGMA foreign_keys = OFF;
        BEGIN;
        DROP INDEX IF EXISTS "idx_draft_distric_490608";
        ALTER TABLE "draft" DROP COLUMN "district";
        ALTER TABLE "draft" DROP COLUMN "level";
        CREATE TABLE "decision_catalog_old" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "year" INT NOT NULL UNIQUE,
    "status" VARCHAR(16) NOT NULL /* DRAFT: draft\nPUBLISHED: published */,
    "approved_on" DATE,
    "published_at" TIMESTAMP,
    "note" TEXT NOT NULL
) /* The yearly catalog of major administrative decisions (重大行政决策事项目录). */;
        INSERT INTO "decision_catalog_old" ("id", "year", "status", "approved_on", "published_at", "note")
            SELECT "id", "year", "status", "approved_on", "published_at", "note" FROM "decision_catalog";
        DROP TABLE "decision_catalog";
        ALTER TABLE "decision_catalog_old" RENAME TO "decision_catalog";
        COMMIT;
        PRAGMA foreign_keys = ON;"""


MODELS_STATE = (
    "eJztXXlz2ziW/yoo/dNJlSfrO457d6tkW0k0bUsaSU6mtzXFhkhI4pgi1TzsaHbnu+8DeI"
    "i3CB0UxUZVyo5JPJD84Xr3+9/G3FCIZn1o2jaWZ3Oi241b9L8NHc8J/Cfl7glq4MVidY9e"
    "sPFYY81xtN3Ysk0s0x4nWLMIXFKIJZvqwlYNnbZv6kvkLDQDK0RBE1UjH9BwRpBlGyZcoC"
    "+BVAtNiU5MbBPlZ2TDXcNUp6qOteC+oWtLRF6JiRTVWmh4SZQP9PmKIcMLqPp0/49ydPUP"
    "h0i2MSVAZ8IDf/sHXFZ1hfwglv/n4kWaqERTIhCrCu2AXZfs5YJda+v2Z9aQfsVYkg3Nme"
    "urxoulPTP0oLXqwh28O1yzTYfCrTua5o2NPwLum66auK8YolHIBDsaHTRK7b7A6lpDkjrd"
    "oTRoDSWpkRhQnyIEvHdJNnQ6GeBVLfb1U/oKfzk/u/x4eXNxfXkDTdhrBlc+/tt99AoYl5"
    "DB0xk2/s3uYxu7LRjGK1D9gZPYhQS+9zNspgOcIIxhDR8Rx9pHNg9s/8IK7dWKKAPuOf4h"
    "aUSf2jOK8dVVDrjfmv37r83+O2j1nj7SgCXsru6Od+vcvUdHYIW4u5C48Y6R7Qbtw07tCN"
    "Zn5zcFsIZWmVize1Gs4Yk27LEuTBxgx+lqOLf3grel/isF5zt1mrlP+xTrd+pjQNjdrD+d"
    "n19cfDw/vbi+ubr8+PHq5jTYtZO38rbvu/YXuoNH8Pe39BDoM3x+dc21lwQU+5rYh9tHri"
    "8LTOvry8xZTW/FNhGTUCwkbCcxfoA7tjonGdtIhDKGteKRfvD/c4wTHj5Q6QKr5w15DvTD"
    "9lNrMGw+9ejj5pb1h8bwaw5b9M45u7qMXX13HRumoBP0vT38iuif6H+6nRaD17DsqcmeuG"
    "o3/J8GfSfs2IakG28SVkKz07/qoxYZdY8FNiUutjNGtdGu5r1dZcZ4Bxwo5eknL6kMqI9Y"
    "EuTPwPCoU/0XsmRYt+GtsC6nnRae8PVskSLbV8Xw/bc/h/yrq1c08VsgB8WnFnw+fDSxGQ"
    "DwDqjz/PjYYEiPsfzyhk1FyoCcvGLNwfQ9rZTD2iP+/EufaKxRNuCtoKP6wB7ZBGYE004k"
    "k8iGqWyJ1le3s9pDtTBMW0BVAKo5fJapYm03YD15vR0hG1EItTkBLglQoyqpLRF7crv6DD"
    "3VFS3LJgsJ+nKojnFLuAbQ14PXVZ3womelcW6EzsjI6Zm8NT+fx69gHU/ZJ9Fn0yf5imBH"
    "Ue3Wa5aaeHX3JFdNTNtJ5LWwnvj7zECKqqC3GbZP4CfRT5BtwH9UeYaM8T+JDJcnpjGn90"
    "zyAf1CFjaaGCbCNtIItmxkqT/Q3NDtmYXejZyPk6sz+EkUeeRcjW8+wc+z65uRcy0rVwib"
    "NnCB75M65MO9xo71y3mqi5qpmEvRWmQromFaGya3VjRKVZ6artHY12BElXSnp0WUdKen2U"
    "o6ei+qzwDMvO2eA+X0A0Loi1L0Re7+xq1zjpHVbi7vDei0fXstzKmbtwA5CbJCbKxqSYT/"
    "Ouh20hFeUcQ1nqpso/9DmmrtjY1s/OfE0dluhcaOqgGXb32gj/3vfcGfAzdFKKLs9GF+99"
    "T8e3wE7h+7d3EtJu3gLjYc6oJnsrutxSyvmY6/1NOyvip+l3nk0u+HSYRyf61yn8ElNPtr"
    "NPvhScWt1t+nEuPemGc5uvm3TvLUF3Ko0VrVBQjzZ6eTkXPzST67RYZOkLFQdXqSwz+M3m"
    "aGRpBi4omN3sEI29ILWaJRY9R4jwwTsWaEqgJU2Eg85QLWl0ieYV0nWlJHUcLz1isjfmuw"
    "J3iDr6k6gZFoeCNguno5IPkNbmHVgsmxMGAe+RuQacjEsuj3/ENoNSqp1fAnDg/TFqapHe"
    "t2cV6Adbs4z2Td6K0o6xZaNEURDpEIgNcC/Idj2CnwDsmPjC0kIKgBuHnsbuvvw3z5LuB2"
    "H7udL37zuNAXBXtsKCmbRTbWfvtaeCiWDfaK7UzuHC3dmSe405hHbgbTWinwG4PnXq/bH9"
    "4iy1lQ0/xI78KFQQt4HvjbIiO9+dTqPNwiAEVX4O7wa6sPNxnHssEGdHZdRGUdF/tCGuvr"
    "hFepM50SiwrZb4apeH4BRRdIKrHYmLjXisfXbrpYQuQlgv9Gxpz4N7637m4R0I30p1Zr2O"
    "58uUWe58FIf2wNh3RtgHxmE3Okt56a7cdbROZY1UZ672u3A6tqAR8Hi+pbe9CGRfeqWqpd"
    "jWXkSWOE38qWpKzBAirB0rbCjU2KzSAPSGuH+e5Z1RVqbE1uBnhAWjvAz6+KKM6hVU48U9"
    "JApNJ3kFMU59lgh2lqh/Lup7WqwMxU7WWOTXn9CZzopETg4ab6qiqO653Icxy3Ow/tb+2H"
    "5yacs6teRvp996nX7Px6i2DdLrC+BL61/6XZaQ+aw3a3A+yrOcW6ajEN2kh/aPWeh9BYIQ"
    "vHXlaSx50Zbxnn8p1haATrWaE8IbrYiI6BcF9DGlwpl7W963YfI6ztXTvOuz4/3bUAfIY9"
    "NFLtiKpuhfibas9mhpamHs0DPEwm8ObA2zQc23UQx1aW+9H6XSzZS6WF7/uvIGnDdiTPQN"
    "KmG1G/+Xko9boAj9TuSA/twbDfvgc5wTUDeNp9XfIPSKDwmrhEt8i/47aN9BjphUorzcFQ"
    "euw2H1oPt65XpeSG9Y/0PtwbtL906B0KpaVOdXo9KfO0OiDytB6ku1+lwbD5+TOIO5RLAn"
    "l6vJRgkCaTTTbQ3Z+R/sTQU5WV2axInK527MhVIcnmKkeyuUpKNiHz1IYLOdpDiagviO6r"
    "gXhWcq8FnAhdGR49yPvPd4/twVe6hBbOWFOtGV1BX9sPD3TFz1QFGK5qMBcrrKWJhqcp4Q"
    "DZ3lxptNXw66LPq41fVwjmvANy7Rgd4lw8ZhVNCLr0kyNbs5xCWgPMy9Yreyhu5HsXp92B"
    "9101XYiq7m3nY5LrbhdyV9mQZ4j2UOJiM4lM1FeicC66Rr9132p/c5lst4eR3rz/pdP9/t"
    "h6+EKvY/kF8NKIMqX3Pnf735t9xq9PDJM6cNGrD637NrumEFlVvLc4OFMBfLNsZNkR1o9l"
    "iHyjgSxnoTaaD93ekA2UYixsOhq9Zn/4+KsU3Fhg09aWUnCf9hbchIMheqffemx9a1JZjd"
    "4yiUZesV4RA5E3JJkMSPZRmKQUJyH3SeiDuInPWBptDYZg30oDH7ZXYlqMj3Pm47RUJJne"
    "ktkdCO/wpArQR4uf04tSCj6vynweY3UWNoyewqeJi9HVL8XhHjyjxnPVYjsP54GRpNwJF1"
    "YhtPcQJKY5lp2RESzHsSBCVVoA9dGeyYqzyQGxoirlcChzWtfpbAiLuxuMcgq54AWqPN6B"
    "FmODwY7TipE+gpHm1qLH6WogtZatODCJ7Zg6rBN+xU0KqRiAzQeAf5OLkYo9rsp7nLUg+A"
    "VYeRnQnxomn8CVQluDpRb3NSnkapLjaZJw6/HsJlLavkaXVo4uYUWWt6xqtaToMknoCFjY"
    "F4Dj6CnbU3Zm/jhdeSn6T/c1WXesz1QX0gxbM55tIERSu9Uv0vKItDw7SMsTzohRcK8Kk9"
    "SpksjOdqqQzy4XsAk6YdZKgpuWm6UgvqlpXcQETmLsZ//mQjdKJKZutkWWd19I0Alwk+Au"
    "TIOGfwMsXNjGyQS0SWh9fwsuYKNEYptdn7+P8VVJhLnz9z34/RwZvEUz+IX5z0gGv37Ljd"
    "5qpM3eXQH7bdVdTfGNrtwCCAd76A4w7oX7Oq5ttyi+8SOnAMIRznUHKD+6/fWM49yIiyKd"
    "xvAXQHvFb+0A6npnU02wphkpVVOkix1gew+vB5/NwoKeVr3WE+qofFVgGq/UCWIar8E2oX"
    "nZouCfp8rfsgyUl/J34HZWoz16r4WgPNQ+w4sRc2GquemUw61OCmRWhpeIEqzNsjycEUR+"
    "LIhuqa8ELYj5F68r9GaYL8iYIIwUlWbMO0EKS4oMaxBgAjKdYPMvirPQVGrDRDRlALYdk6"
    "B3WKelnkhaNpW9P3Ck06Zenz9ZtFcFfsLaQcxyRRRWV+qFLNmd9x9Qh7z57S2EoV0IRGit"
    "6rJJ6E2sactta0r548SbhTlKJ7Ix7yYbc0UtCwcYiJ0pYmzyw+Y2gkaIqpy/pTqO/v7el7"
    "aN6NhcZtjww2TxbEVL262jeWRQ5+0KXrKFwMgJiN61O83+r+neXXcpyRnufh22mom0guwg"
    "ScE+L1NUiEokilqTKCqhg8xma0tg1nwWN5tRCzHB65k0K9S4QBmMT9eXlyPnZoyBDcJuAl"
    "lgYIiuGCYNfYdrQboZn485oXUz5zCLGfdEuayA7t14iSysUc6m3UN0002p11nWQ1M4qd/C"
    "VUJ875h/FOWvRHWLQ/JTx+L/VNrB/2f3gCoX+vq6QJUlNh7DKJe20+XYQUNH1Nb64XnNyq"
    "ifxBSX0TkY0VreNwf3zYfW4cqZJXXzqSxeqgo/j89bEUghU8J6Zq+JPHsQYvagnyxkTCa0"
    "OhEK9+lqw+aq7oDEdsL+mKgasRBVg9G/vMJlFno1VJmwayZJcnl7f9qOi6//Wbi4LZUx2f"
    "yZb59hEKUyaQXydMb6qDLX1hj8+tTrDtrPT7fIWs7hUFad+Uhv9r88P7U6Qy81ODanDtPv"
    "urnBP7dbjw+SV67DRYiJMSP9e789HNJcnm+mats0fW/18obPaD98sTEhki3jYiqm2+SLi1"
    "loOKv2U4Zfnk9Q5SWwoeByXii35nlObs3zZG5NTBeNQgh36FGSsE6s7M5077T0AWxx6VmY"
    "szP6xshEMt+IULiTZL4u85QclJxksiuSGsSFlR2AzXSTsmQ58zlOC8vNxj1JKeDnr6Pooi"
    "e5YHKaSZLEwlrCUVZDKAizz9saKwi9seON20nQieASEc9XFsY5ClbhTV6mN/lqF9gB1PV2"
    "w01smFu44fqK0xQGid8Ntz6QR9OIUVXzdgB5OvvP0FONlv62TsoxL8gUjJ+wvhwa9Oe+o/"
    "oOqnTPWfnsu6SYOSj4SpPOPNgKYtp1F0kvix3NpetD7G0YwQh599KsRV5Te2YaznQW6lwK"
    "IjBTDWlwXUqA/+9cI9gDkd1gthTLV3DvJM/cpYRbFfFnOpOVkXP16fzjyLm5uZRHzvXVxQ"
    "SunI0vRs7H8dX1yLkkN2NoefPx0y2iTuAg7sxd33AZ21gzpsz6pNoWesNL5OHErFEwSW3g"
    "lM0lYtVBFAeY7FQHp8O8RbrHk9sbE+3IH9t5Owkj2ZZGMjoCxVH1WguePs0XXLU1LotKQC"
    "AsKsUsKrCrLOChKgDASn3wgJ1GW1o28vJc7/dRJG6MLZVLmx8QCGXypspkHriF9n4bwFVd"
    "mhFMX0kKMSYcGvz0DoQWn0OLz/jHlC2mmI/OirrMOroa1nXCXRKv99jssLLTHv1Ib3ekXr"
    "/7pd8aDG4RzCXgoKmm3EoWvsuquUvV7Q/95nfqqqPaM5CZ3ipSeTd4nQ1yc6fRiu2Ne3vz"
    "xVWJRh3y4J8gFOBvBL7Cnb05SvVnTt4cbHIb2HfjtCK3fJVzyws7fvYhXWM7vssvcxrxI0"
    "RCFZXCTx8i00PFNsc9W+wzRUX+HIYen3W/6vHIZm9hY3Jk4RYw1Jedf7NiU7gorpnpN/ns"
    "8/IM69Ntrc/BbGad1WgyRxO5vWLNYUhsCVcr6KiuUHmqsS1x+ur2Up81HFN/kcWWAPV8u+"
    "sA+qrrXFqYBjCgWNsWK+Zq3fM6q9Gc2mf0cJxNyfGfCHEy690owjrzYvn7lrAXaMvAJ8GY"
    "oDn+p2EirMxVXaU92DTXnv8AC73jdX+AK9eEwN3J1dV7+gDqDTE1XompU9+z27hytSKv5e"
    "UCVO3lT9YJyytI31C26V/0RRD8SYhNw55VmdD4ZxPZxpv+k/VhpI/0Zza9WSKbd/RjTtDY"
    "UJbvbxHB8gw+w1hQlxx2Eb0Q2LHY8wPXEAbAB59UI68Epq7/Cu9H+pvhaArSDRspxgmyVJ"
    "o0x4JWJtaiL2b5n+YTA5BL9yXoY1fuKD8je4Zt6oAy0ulXM/cU1i6gnOFXmlIRxiWKFVIt"
    "JM+I/EIUNF66PizEfIWnZ7ut0A+jNykAwmnloE4r/lAUhNVvLjIYpnj704W6qeUtIC7RNk"
    "BXOq/V7b49/PWW7Ywj/aHtipq3wS4x0uFKqwVX3H2oGrYz/+3SxyZDiROiqYG5JgrxxXkB"
    "iC/OMyGmt2KOLXQn54DXb19Df629OA4doVk/UDnxbC8P/eZnup9Q2nQjfTW2FODGTYO/mm"
    "yMTBgkhUGy/gZJEFRSnHmz3SX89jU4dsvwkkiYVopoqAPZeTc66iM8tA+r+nF1+nman0Dr"
    "X0Txs2pcIFOcmx8BmUQ2TCUaleJ2RPUpN/LpBdWhfLx8f+uGr8CKJ8oJ/PqnY9F8vIa58p"
    "E7Yf9lwr/rYpaWM66054rscdXSMbzAZ/EIB377OgoHO+dE+d1BD+EEeiBWaR+eiMK/Knuu"
    "19e/Cs5Uw+TzAwqTCD+gFNcqn33h866KUgmntQLFd0Nc+o5crI4Q5MI+QNEJlp53OrE17A"
    "Dbeuc/Ce+G3K5Ve5XJWM24gY4X1sywG2kyWbTFSa5MxtpKVrhxIVu8BfCAdOPSe9XsqBb0"
    "1k8LMJmgBXwBtbdSAystR2cac5CRTpBOjb9MsJovHCojLdifMD8sOymJ7f1pW8hfe3e3/b"
    "PLYnmGhIyY2EMYD1RF880YRyeR+WGHHHM4TFIeR3Na6Tkczj5vWXjKlRAiRFIDNXIJCSFg"
    "lZubSbVRSmGKqbIpxj+yN1FeREnFOFd8nFnpHN58+Qk6cRglEiwA36srKYf7Z83AmbmeAp"
    "oYoBNKdGyQ5hn6u893jy3U67fu24O2lxE/WBrsJr20ymDRbzUf43oh4F2T8GaXIfDbV6P+"
    "AH3sUdcf4LAn71UsN2RWXCcwQqcJ5vE2J7miuddaMsPNi5TWgmljIp8cwTvAYqZ2SJMsCB"
    "AhrCPqsq5CK0OHLjxRGdq8wZ3JhMiuwzr0k1pMa9f9pzpdW4ZjuuonYNimrm8ms7QJB+xq"
    "GkfX+/Udg6G00XxqdR4Gt960Hun9Vg/2fLjgze74gjiM0O6uDj7NU4RGGCLSEjmynYYP1Q"
    "iNQHW9eWe1sW9pgOgY5pyFVvnn6hFiXdQcEVm76208qyNTYFwY48hKrlL9VjeLQRpD6fus"
    "53CRQZMCGatvLi4/jZzrm8sbNw80YPtCbDfYTlZt9V9Et5AndEODkyAVNG0MDOAcptfK9R"
    "29EpM5baalpd7no4RDXbV4RpEfed/q8Npz5Y/d++aj1G99eX70qtlqhow1kI2njuYVtP3S"
    "/dbqd2jBW6n//Ni6DUX9SqajkZHe6fafgPxbS3ro3rPSuPAy/gkn+RLtSH9q/rXblx48pd"
    "CtG88thf1SDh/CxjZ2mnqWN5YtQVjlga/SIhMBsyJglmtIEmf40cbLitzk2YDuxWub/KBp"
    "ogO1b1HQY2QCeP4s/BWPXE7uKTsIXO72WsDlGAsCXBRgMqARzLJmWDTH+OdW6+Guef+LFI"
    "punhCiUNFW2kMu8t1vXvS7rA1cCMJ0wn+g0v4DdK5uMsQRwlLG+AAV32oxxNbMMG3pDYAE"
    "Ov4gsgxycUByH5DA1L0QzyhNUpQOuRVTksSiWgpHtRRRVePg0z9gfTYQidJoxRBsPgTb5G"
    "TJ7ERwelVmA44uDY/g90RZEBG2XjRs3VkoG456lFKMelVGPWWxJ7J7+yt2vOSsBxOnE2kL"
    "1pcvCTBLAi1CwKNVS+LTa5sSG64ny5b5y+7dXo5w98pMX5aWYaO8LG9HMjMjKPmuTluCRD"
    "X/39yu6jqfRAWS9Rhp6tjE5jJwftkSrE38RY8Fti1dPMOYY9UC7BaGmgr4E9aXQ4P+LHgO"
    "P7od9owNHc4P6n2Ycxyzz5NiTq/xj/WUyVLEMcpF1TDZyLyQZQh2hrp3ogeD5zUJJ+fwHE"
    "5XlyPDluAHfB9huC4l8I/lByB2+rbEPfD3ABoMBluUT263tR//jG8uPA3kEL3kjQXfdPCJ"
    "Ast7oYkQ7CH5ft7+mZzl7h06s9d4fUuvoaZrvb+7OkG04HMouw56d4b+C9GyMzdnI+davj"
    "yHn2enk5Fz80mGKx/xxeT9B9Sezx32ZGTQ0i6Bmu2WZkx1M6WqFvxfJ2++n3bSI7z8x6dG"
    "HQZDqjvzMVwUwYaHdBz3BqE4sCsCEYmVVvIFj7M8WNPxDAhqYKYqoewF3cB4DIJ++1p4YJ"
    "fuqeeGxLE/OaZ0jKx2E/v86qqI6/vVVbbrO70XSyJME6ykMKzZWS5WFCLPRf7UL5jnIuIH"
    "gk09XYLIHpAwTTWGhD6vNkOCbRvLswwNSvaoxMjEwOx8YBYmwfNxWvxh9rkcpqnBAVH2yQ"
    "xfzZ/LK0okEnnFefej83ypDPNZbWu4cH2pvxNEEdeXvaeSPobh3XNhAV+5t6XbQ5B248jg"
    "Ler4EJ5XvHlQhMsDl/mV1tfchc9Dz++nTkDtM6dO6xVrTmamxtDdkzw7C4m2K5Bi5+psfD"
    "FyPo6vruH/l6dk5NyM5cuRczm5OEXvsGmji+v3rhFkld3Gd4xJS6SzfYciXU61rB7w9Ok0"
    "zexRLAY5RF5lvXLjrvXY/S61/t5r3Q+9nC5jogHPRH4siGx7SV1Y1PG91O21O6yJW5VRMh"
    "aqzu77SVqku+7Dr7fBxA6Smxw+/NjbI9Jq7mRrqSNEVR7GKplf/NT+fEWuo1Rb1riuGuo5"
    "IKcUuVbIwrFVYkkLgESV1QV3AorsHoQejVuP5u11Gw9GFr0YCu6hYNWi4B11rJpEopkhUv"
    "j1vMjn9A5KjH72OaSjDX6Gh8qak14YsBhnFO1ho1VQjtqzcd/tDNud59Ytgne2Vd0hI735"
    "8NfnwfDWqyw90gfPg16r83CLLMeC6aSM9GGr/9TuwLYO70nMuap7Z9bhM3SJ/FGHODqEtU"
    "BYC4S1oJ7WAlGMeE92VpMsaKogLlwjNCIIVVR45jmFdl/h2Z2OOwC3GXgnHd8ULopuZO1u"
    "EeELn6nKVGO3pSVnZXpo+z3WaG7H5qm1gAZkS8T+Fhat+16fdcKsHDvYarrlGsQis7KIZU"
    "xSIxTrbGTZcAk7VbXsVLye9+W73JdmzthLvvmsIj45dTMCihpivBeTEexEDuYKiVpR1EAt"
    "VQLC4YOAZxdO0Alpdb1gFfVH2ZL7jzrBHBnQRdn/xDSrUuEvP/VICkMWykqSzYTNQo2K+C"
    "ZdnsvMfeiMug+dYWToNBbbEz9p1S0vMhte1LBVGToxyZQW0mAAnrCAayK/sGBsC0CU3csm"
    "kQ1TQVhXkCttpfoxlfpwwUtWi5cUJcL2zU3OsW2nOZVlW+BWFDXgdEqPTqZeRZuUJIgQ1t"
    "AocyRGmEK2N1oheoMhDpGJAa70AL8S3eE6lgICcSwVO5bCPJy0aaWezE7E8qr08oqM28ZF"
    "fLJ7EcNf6eG3CObLlhAQVCNPQq1yigQiszQHkdhIEXJzfPVSaIXMULvagynQ03KTOlE4R6"
    "DRe2x2OrSSoEc/0vutL7TaLAsEktx6hIlTfaQPWo+te9bkAfak25WeR1IMnYz0r61H6HQG"
    "MNEee93+MFy20DP1h4oW3jc7963HR1bvkIKqafRqrzsY9rru+8GqWRj+F/IyTJdF+KXLbH"
    "bpMiXCBcZ4k/pncUKxPLmXp6t23KrqUEYXwsO2ymzKHFA3VbgsWbSUPP+op3YgxrzKY24R"
    "WJw0g4Fq++5vRVUAKaQ12GyjJ9t1kZPtOvtku06ebISksJz5KAtoC0HrVn3k37bCdGK3qv"
    "JuRUdK8qXfosJ0hKgaAnWtEg8yfOE+/QjeYVmRVWNgaqXp8MTADWISk5Q1OH7KFqPiUvhG"
    "Gt/ULsQhVeVDSgQqZnOAIlBx94GKFVvKu45TPES+yJpD6roK8oZ+hmgEqCKe9hBu34eJp6"
    "0YxrsIp12FfCa22l1gWzBv7LECm5U2Nh1Vd+fcAax/jijl0DFTCFwRAl56CHhg50nivkHB"
    "2SevtyOUZwpGf6/M+7tBrB/qsU6olRBiFEy27FCj8HxcG3IkzcOt18YeNZFffxgF2QoBFU"
    "TlYjQmE9i1kD0jyOsdvaN/sPPmhF2nbiQnSAbR1XPysD58+PD+Zy9bbDLcqITniQgjEWFU"
    "oc2lBFduoeDLRr++Cr5VBTM+GT9BJ+K7U7Qn/nHKBW2USOC6XoESCpTeUl4KxWUfGcRFpa"
    "Xo7FqfjQxHJMgyxdFjRTixNVYwJ0FE1soWGuIi2XrBwYxT7DRh1G/hpb6ACUa2K/F+p07/"
    "LJz5p/Pzi4uP56cX1zdXlx8/Xt2cBptw8lbebnzX/kI35AjDIrJNHTpPj7sYOAAOCGqI8B"
    "6qwMyxypVnKiCogYtRvEJ5obiYq5zAmKukkys9NFSZy1M7TFM7lHc/hWUAYmqkecxlQxym"
    "EftEAZBNg09L5bevIbh7KEMRSBeFwwyy5JHj3yD2Aq9N0gW9/MhEUqNAmdKDhmfGm5TOHO"
    "cWJIrQlViHKLhytIWIjjBMG8RuTeUP0272eo9tGgbt0fsB2PSSG3pNr31vtoeP7QG7+oZV"
    "mwYn0Otuz3573bClFU164HVzOGx1HtgDbZvAB20Udr37jU02FK5Tw2+/mxE+rPC/Z2jdcB"
    "esv3DotyM0wj0wtVTaRDXnRJGynKxyj4Y0cnFC8JSqo4lIAT51k7DLBLEIaxFhLcLqXS2r"
    "t7DLCrtsxayGReyyhzEZPqpYtQy9Z7gvn7AVRu6f5BkJNbeltAiaFklr/nGC4ad8eT5yPm"
    "J5PHKuZeVq5NycXl3CFXkCVz6ejj+B1IE0Q8YaMiYTVaYegNhGU0xth9Q10FIVAmPyE/KK"
    "z1s0RTlzCrRSE5qX9FjhaFgtR0MhLO5NOS5swPv14KyqEa1Oc3gGjKhkmFOsq1ZGpZZssF"
    "OJxewuNruBu4fTNENxm+GkuiKpgWkiNrULYXyRg/FFig+4odvAjknc3iQJwtrhvfvEXvAc"
    "0+CxtQUENQC3bDsbTE71ldfItiIqUX/qn5ZHqz41yR+OCvuu5G0KnKCnkQv1NY+Bk0bDGq"
    "aSVi4oUzyMEpWn3Drd1+a9a5uM0BP/CfXEzkLZcNSjlGLUqzLqKUahIEg7oVFdlzGApgmm"
    "yr2UE44j/P3e7eUI50ChRAFzAlNcn24Nkk5zarJWT26PdQXMsvFksh1azxYpIhJU06688w"
    "wKsVRAKTPxCevLoUF/FrRHFc0FVC0Fb44tin2XFLPsBF9p0hkHp5l/P2LIcfE0TDYWL2QZ"
    "AO3ZsoJx8u55xIzWa2LPTMOZzlaUCUtRqkEMrktx28W/821ZxlTVm7ZN5ot0W1b4/kmuLY"
    "u2lHCo6VpbVlcn8IpLhG2WhYL1gAC4+c/sb5PINKPFBKuaA4cZoqDYtkbQxDGpaQhoVbiM"
    "ZdOw4JemoYVpyMSySIoBa8/P2rHVSsTh0XtlxOE5cDLw2mHCNPWzEexBsbfgQddtLXAtUG"
    "TCkWVCPLdiHl/5MF2JqqTDuODt0hHyqJQepU7145R+s3QeHNLvPj2NPMHus8o+OsGchW/n"
    "8maeyAmP9VruNAmBcM85oHvOC3xW+um6PnbHp62yxb3x1O48D1uDWzRXdccm1kgftL90pH"
    "bnFlnqVJdUfaT3vnaH3Vu0mBm2MdK7w6+t/i0y2Pzc4KDefVSISCq1T1OEv7txQRslEriu"
    "d16er7SMWzov11t3eRJzZI7ONJFgavcI5yeY6gMD2G/fDw/lLt4xzDmmfhMPXo7WNFYu2S"
    "iXodP95pISbi/YumPaa/PYOvhKuKxIwMON0/wWcpRTCcraeWKfF/OmzHGmTHgKG/IGUEep"
    "auCEVkJeLpG3eN8+q6plOXzzeEVRQ4z3MotdxOAhryQjC9p66TveR5Wxb9y3h79KX7rfWv"
    "3OU6szvEWnZyOdXXxo9Zr9oXfxfKQ/tF12C/66AFl92G9Bl8Pud5DXTy83EceLhCxkRywk"
    "AhaqGhRyOMf5nceE2MZClbn2eJ+gduDuwZhGtw0QSVICbagJImeH94nyrA/V2XJ2Yfqh5o"
    "N44srJhDAvdk4E43R/bhB/LJhHOieEEaotAaymq1ZB/Kqecish2jUWRFc8NR0P29BrdR7a"
    "nS+3yKMf6e2O9Lnbv2/dIlWXJoYpk5HefPLTZM1ZlqyR3vp7r92nV9w5A1f6rV6ryRJsmW"
    "RBsFaVXFo2+cGVH9BvX2Vubxezfi9BS/BcYi5MYmdEmuaGisUoa8BqlA3/q0re0tyWc5zV"
    "ApLaRNCU4q92rC4nIuLidjdlxkU17H3XGBZFcIuY1goUwS0SGIRlO11a4Ani8E1j4ZZHtm"
    "UVinfBNKcsoCWNU3LTC8D2X0S0w2w694ZDmcZGmrU20uAkz1Lr22c9QxF8yYpobYDEkEYq"
    "YMtGFoHRgH0ITdVXoiPDsUGiMpGrQkZYV9CSYPMDoqchIq/0lg7nP30wUej30WdbCJsE6e"
    "y2SRyLKMkwiVKeKIzN1TI20zikBKrZ2lqvee3MyrtXDtCVJPkriWPiJuhqIz3tlp07jENP"
    "17HHxo8nYlmYfVTieIg2yD0eDNZUmofarj0VWrCdLpFH4tZvNkwba7Bn64oFWzRy81wTBc"
    "HuStBENS37Z4TZfdiJ4SVgT4fNWbXR24xu7jqhVCxP9tQx086Fkp4pwugqrZbIyRI5w7qe"
    "ZQvP0E+sSErUxQV1yI7xPIE1pi7UVM/QnJJKYaJaqJ1LqL9mOeN/Ej4ngRBJHVHeRwrDsa"
    "GkcJ7ZWny/fS3wLVt7L7wy9uiVIdT02dDXV01vUcUO/5CHyEQxlOrkvUqOr6xhdb7Zqo5Q"
    "ilGu8ih7OWtSLNt5gZkBidDNxG3WxDSNFAf0bL4uIKgBp1EGW1cRRViPpkBSHJMMbLJopC"
    "jCog1O8hRhC7+pZPltdxrN9hsQy6rlWcFY5Ps/hNFBJC7Y21Ha6D3fPbbvJRod0b5v95rD"
    "drdzixbOWFNlaYFNW5XVBbPLMn/HVn8oNftfnmkkhdeW/FgQEzhFc8pMiF7bfnvwi9QcDF"
    "qDgRt1YarWi4RpKjKLNhvpj60vzUcam9FvfWu3vt8ijUyxptpLySTUIWuk33cfaSHT9reW"
    "9NAe3D8PBuyBgLDmeTkrqiU7lsWe6H5J5AMCe/Lhow1YxeVNZ1JAXOLJs0tf2l6/+6UPM4"
    "G508IeSvkia6Q/AKt0ixRDJ27dWlb59r559whXaeVaVgBXZl+xwRjuXrEZfSeYptji8+/M"
    "7EBwFPwluG3YnLhDTKJUf2bvftmYL6ibFC+Ccbo/M4awjS2AXh3zBQvHyGqw+EsIZoW9k6"
    "QIv7mbLalLEaGyN9fMLDrZkzpEUgPASzArGY4Ne2nKxpE9pUMkNcC47EkNwoKVapXOBjxE"
    "IgDnr96kGOwdJRARNaxzh0Nl0Yuh4B4KURIle6s/TstfitEg4aPvKxM5Y3SiVCLrYIE4nZ"
    "DWdttQnVBXRwZy4XCd6ATjrZoeSYjl7KCUD9X7hzPa1QT2vUaf9Ezj1Z2n6RaV12AS51pT"
    "Qs0KFeLQoRdkTBBG1E8XbvxkIaBzZNsxyS0aOR8nZ9f0Fyan8Ovm/OYcfl1/vD6jv8YXBH"
    "59uvn4iTa5JgS9M0zoy40DIQqyqF7Z0OHuJTk9HTkXp6dn79PLdBzkTUZUs268uRErb6Zq"
    "20RHqo78hYBYLcCf0e+/L6CFbktwoKi0n99/R27VF7+0iHsf3hmaBm1GumXAS7zNDI34n0"
    "X9n1XdIlRtRh9FXaLHjvaCmFKaPZTG2Zhk7KiaTVvMydwwl2hiGnPWGhaJucxynP6t4T3H"
    "O/7Ymwij10GNXsEwFIc2TCIYhhRvg9h65IE2SSkip5MA52S5ywhfOoaUdpVx6s/KO5o5bT"
    "NTjorZesvc8Dmw9FoLH67EosdjzkXvE9Rw0e/eX3xGsMJpBgiR1EBNV4IZoPqpuWqjBF1g"
    "GEaOuey3r+FesZeczoeM0K/QNrF75zFN1YkXeF34oFuRlJd/8Vjx9VQQfGryKJEQetdryU"
    "Oanm2V5DTh07dVd0eGc1FFeXSKba4nL7vifcWEt8MoyJkHcs80FoaFtUaaljza4iRXVe45"
    "ZIcbr1WYN5Gs2uq/CFVN+5SuylrGNtaMKVJtMkfvsGmjs9P3yKD5j2DELJvWnIZmwMxTYE"
    "8QfSM23kld+L4eItIvVUspXPtIiE7ru9Qetp6AmLxJdNKO9K+tZp95s3uTND77D6OLoznN"
    "OGa433xfLMrxzfLjKvRzzNoNkTujRP0G+80xl/32tZvKe3FAhyfamC/ZTohEYFwEY48FTB"
    "USc1zPI1SVj5GrjE1PXUgzbHGpREMktZvRIt+O8LrdSVr8g3ndVkzvUkun24phXJLP7T41"
    "ZX+jyiB4NR2rJum7sZGkkaIwS294kqc3+yNMIplhmvXqMx1h3XojJrIN12eSKeFQpE+m6t"
    "IRecWaw1iQW2TBb2uCXf/Ns5Fzfnp2ccWcJDEyyRybLylatP0+S2SsPdKMteHx5ThM4mTC"
    "OpWi+3HXB492YkVRA+a3bO2EkDaEtCGkjZ1LGytugE/eSNCJM2K9yLECbQdCRyvS2ZEBXV"
    "TuSEyzKkkeA4JNedbSbXPZSJE3wrdzpQyLNZRI0LJQLJtLRftA1KkTvcOIFTL7yULMysTY"
    "eMuZA8+xPKF2cxpMxTKyaUwUUG0LyY5Jo0P8YK2MWLW9PInGov3+u228EN36/Xc0MwBxJr"
    "qwR1hk6lZZQuMl+qdKxvgEvRkmNLHIArOJTu9YCywT6wMa/O1RtQnyBBJWf0O1Z/BeI/3z"
    "cHCFGNTohSxYhBlNvkip4SOnU3ifE9RzN1XoxiNEwG273SHjlYlVkm29Etk2zHc/WSrNYf"
    "TTCXLf/v3PI31sUCqQsbyzkHaP0Vyduopl9M4ifjWR/7CI+arCa/+Hi+uHxZK5MtBvt2AG"
    "oYeHx/fCh6GCPgyHKFhZcwO676LGHR+UJBThLXFw4aNsidOrOkxTO6Fp966/x+AActxRAc"
    "IFpNTyKZSh4YF7RSEAP67E5gMYN5WmQf4OfHUjVX4JN1gjwXhNpTe/bQH3YtoW2F5se9w/"
    "Rp6nuefa6zlmwP/HBK4QyterIAHMjDc9zZN46/4Ew10thtufTEUPV7997aq2XhU5WK+yz9"
    "WrpDua0Pb+SbS9VTluwlmy0k6bWBatnMMGWkpKuOlOi2iIHf+AO76Qp/btUq9akheNIpmE"
    "aiSTaN8ZhkawnjGT0+hj4I+hg32hH1wpl/u/63YfI5v8XTvO3j8/3bX6787YYEAj1Y44aY"
    "TyCDDfHE7YV0QlYu3vLEcLNbZtLM/oOcGntk3QCetmWhYiehBz4RqiEIiutxf7VcK2tBQn"
    "KpQdGcpFjcWh2ZVuJk7fGnaAcDPSWU3hTWyKEZD7IJv02/fDQxnjh8Sc3xtOunCxunmSJ1"
    "nY0AxwcAqKFY2vxhsyJjSJKlU16TZVNTEllCHLjkkTnzKrrp8/ARl6xDT+zsuygkaNUQP9"
    "F2vrJk9lZsMUa3wZD0yvKxiyY4Zyw1DAtsu2KnyB6b0yfIErar0+uvO6+pmVDmkC3L2FlW"
    "4xHPj67QW4BcDlCQooORKgyk4WFVGpPlvseE5wO+x6LqMD/OxkIjl+uwK2OkaBsMy4ow/o"
    "3k3aYyGdUPc4lqcn1SZXmE5oYquliaWTgzcjRJimdja43UdcKKq10PBS4oU5TlfDo24v6S"
    "EW2LKotMQdSJQgrCHi51dXRYwNV1fZxgZ6LxYjB7JlijvRXwfdTjrSAUHcrqzKNvo/pKnW"
    "3hiOxn9OHN2NhGW1SFTd+kCf99+NPeGfAzcFKKICT/gaxd2KTqK2YtpB3LnLMKdYVy3u/C"
    "hxutq5he5ls8GsxDynlWdFJKw8xa08FrFcX3DDU9IWndkJwhru63tIJ40tWwLOXdU38B5K"
    "EO/AgaiaOTWq7i/kY5IbHircxLKXWb3cxKJqTaxaMFys5hufyjiNVCQjWmvpjcC2A4Pko9"
    "tfzzhKsItaJNMmG7dRMs0kvGWqcy5z8JFgH2VuHUW1JfK6A6hoT63X+kLl22JpeDctzbkd"
    "XPVLoh+RUB0b4CKWZJE0t0SBk6/nJ8A06dOtCzLoFrw7a/Xk9lhTvILsdfIM69M0jRQPbn"
    "62v3vWWV0ho6b/bYGifdQIn33a8prEVOVZI8Wa5905ybPn4VUbEQtxTCLBSY4FLrPeUbZC"
    "K1wMu36qrL2YKOii4kDYa15DdPeW9T7VxTbbBBQiKd8IdBi14M7MPQd1TPn3/wP1j4bp"
)
