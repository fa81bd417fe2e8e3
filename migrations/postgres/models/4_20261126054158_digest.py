from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "comment_fingerprint" (
    "comment_id" BIGSERIAL NOT NULL PRIMARY KEY,
    "draft_id" INT NOT NULL,
    "text_hash" VARCHAR(16) NOT NULL,
    "signature" BYTEA NOT NULL,
    "counted" BOOL NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_comment_fin_draft_i_5b32d1" ON "comment_fingerprint" ("draft_id");
COMMENT ON TABLE "comment_fingerprint" IS 'The expensive per-comment work of a digest, done once: the near-duplicate signature (and whether';
        CREATE TABLE IF NOT EXISTS "digest_snapshot" (
    "draft_id" SERIAL NOT NULL PRIMARY KEY,
    "status" VARCHAR(16) NOT NULL,
    "progress" INT NOT NULL,
    "message" VARCHAR(200) NOT NULL,
    "started_at" TIMESTAMPTZ,
    "computed_at" TIMESTAMPTZ,
    "comment_count" INT NOT NULL,
    "seconds" DOUBLE PRECISION NOT NULL,
    "data" JSONB NOT NULL
);
COMMENT ON TABLE "digest_snapshot" IS 'The stored digest of a draft: the staff page is served from it, never recomputed per request.';
        CREATE TABLE IF NOT EXISTS "term_count" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "draft_id" INT NOT NULL,
    "lineage" VARCHAR(32) NOT NULL,
    "term" VARCHAR(32) NOT NULL,
    "n" INT NOT NULL,
    CONSTRAINT "uid_term_count_draft_i_881e29" UNIQUE ("draft_id", "lineage", "term")
);
COMMENT ON TABLE "term_count" IS 'How often a content word occurs in the comments on one article (lineage \"\" = the whole draft).';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "digest_snapshot";
        DROP TABLE IF EXISTS "comment_fingerprint";
        DROP TABLE IF EXISTS "term_count";"""


MODELS_STATE = (
    "eJztXXtzm0i2/ypd+idOlTfrl2zHc/dWybacaMeWfCUl2dnRFGlBS2KNaJaHHc3ufPd7ug"
    "GJR4NAljBiqErZMfRp4Nev8z7/acypQjTrQ8u2sTybE91uXKH/NHQ8J/Afwd1D1MCGsbrH"
    "Lth4rPHmONxubNkmllmPE6xZBC4pxJJN1bBVqrP2LX2BHEOjWCEKmqga+YCGM4Ism5pwgb"
    "0EUi00JToxsU2Un5ANd6mpTlUda8v7VNcWiDwTEymqZWh4QZQP7PkKleEFVH26+0c5uvpv"
    "h0g2nRKgM+GBv/4Gl1VdIT+I5f9pPEkTlWhKCGJVYR3w65K9MPi1jm7f8YbsK8aSTDVnrq"
    "8aGwt7RvVla9WFe/nucM02HQa37miaNzb+CLhvumrivmKARiET7Ghs0Bi1+wKraw1J6vaG"
    "0qA9lKRGbEB9igDw3iWZ6mwywKta/Oun7BX+cnJ8dnF2eXp+dglN+Gsur1z84T56BYxLyO"
    "HpDht/8PvYxm4LjvEKVH/gJH4hhu/NDJtigGOEEazhI6JY+8imge1fWKG9WhFFwD3HPySN"
    "6FN7xjBuNlPA/drq33xu9Q+g1Xv2SApL2F3dXe/WiXuPjcAKcXch5cY7QrYdtN92aoewPj"
    "65zIA1tErEmt8LYw1PtGGPdWHKAXaUroJzeyd4W+rvApyv1WniPu1TrN+p9wFhd7P+eHJy"
    "enpxcnR6ftk8u7hoXh4td+34rbTt+7rzie3gIfz9LT0A+gyfNM9z7SVLil1N7LfbR87PMk"
    "zr87PEWc1uRTYRkzAsJGzHMb6FO7Y6JwnbSIgygrXikX7w/7OPEx4+UOkBq+cNeQr0w85D"
    "ezBsPTyyx80t698ax681bLM7J/zqInL14DwyTMtO0LfO8DNif6J/9rptDi+17KnJn7hqN/"
    "xng70Tdmwq6fRFwkpgdvpXfdRCo+6xwKaUi+2MUG20q3lvV5ox3gIHynj6yZOQAfURi4N8"
    "BwyPOtV/JguOdQfeCuuy6LTwhK8vFsmyfZUM3z/8OeRfXb2iiV+WclB0asHnw0cTmwMA74"
    "C6X+7vGxzpMZafXrCpSAmQzwnsN/pUYsKdJTiuPfK7n/tEw/xzEiF/cLu6g572cPtKgp6j"
    "SE9oAL0QrvFb85N59ArW8ZR/Ens2e5KvInAU1W4/JykQVncPUxUIrJ1EnjNrEL7NKIjiCn"
    "qZYfsQfhL9ENkU/qPKM0TH/yIyXJ6YdM7umSD0/0wMG02oibCNNIItG1nqDzQHznhmoYOR"
    "czFpHsNPosgjpzm+/Ag/j88vR865rDQRNm3YH97HtQtv9xpb1jykMbUVUz4Uws8mqyhgWl"
    "Mzt7wcpipOgGs0CmFzj4+OsohvR0fJ4hu7F+Z0ATNvt8+Bsvh8qCUJgSTh7m+5tRERssrN"
    "5Z0BLdq318Is3LxrkOMgK8TGqhZH+O+DXleM8IoiKgurso3+izTV2pnap/E/E0fnuxUaO6"
    "oGXKv1gT32f3cFfwrcDKGQGOzDfPDQ+kd0BG7ue9dR+ZZ1cB0ZDtXIM9nd1vUsr5j2p9DT"
    "srrKH5d5zKX5CZLUap+1ah8OV63zWaPzCU6q3AqfXSoxbug8yQXCv3WYpr6QA43Wqi5AmD"
    "8+moycy4/y8RWiOkHUUHV2ksM/jF5mVCNIMfHERgcwwrb0RBZo1Bg13iNqIt6MMFWAChuJ"
    "p1zA+gLJM6zrRIvrKAp43nplxK8N/gRv8DVVJzASDW8ETFctByS/wi2sWjA5DArzyN+ATC"
    "oTy2Lf81ut1SilVsOfOHmYtiBN5Vi305MMrNvpSSLrxm6FWbfAosmKcICkBngtwP92qC2A"
    "d0h+JGwhS4IKgJvG7rb/MUyX75bc7n2v+8lvHhX6wmCPqSLYLJKx9ttXwnelaLBXbGd852"
    "jrzjzGnUZ8tRKY1lKB3xh8eXzs9YdXyHIMg5r2SO/BhUEbeB742yIjvfXQ7t5eIQBFV+Du"
    "8HO7Dzc5x7LBBnR8nkVlHRX7Ahrr85i/kTOdEosJ2S/UVNib5FggQuJ6Y8q9Vjy+dtPFEi"
    "AvEPwXMs6Jf+Nb+/oKAd1If2i3h53upyvkWdJH+n17OGRrA+Qzm5gjvf3Q6txfITLHqjbS"
    "Hz/3urCqDPg4WFRfO4MOLLpn1VLtciwjTxoj+a1sccoKLKACLG0r3Pik2AzyJWnlMN8+q7"
    "pCja/JzQBfklYO8JNmFsU5tErxdI8biFT2DrJAcZ4MdpCmcihvf1qrCsxM1V6k2JTXn8Cx"
    "TgoEHm6qz6riYC3vcdzp3na+dm6/tOCcXfUy0m96D4+t7i9XCNatgfUF8K39T61uZ9Aadn"
    "pdYF/NKdZVi2vQRvpt+/HLEBorxHDsRSl53Bl9STiXrynVCNaTnLwDdJERHQPhroZ0eaVY"
    "1va617sPsbbXnSjv+uXhug3gc+yhkWqHVHUrxF9Uezajmkg9mgZ4kKzGOwfeJnW4P6pJsJ"
    "XkfrR+F4v3Umrh++YzSNqwHckzkLTZRtRv3Q2lxx7AI3W60m1nMOx3bkBOcM0AnnZfl/wD"
    "Eii8Ji7RFfLvuG1DPYZ6YdJKazCU7nut2/btletVKbkBnyO9D/cGnU9ddodBaalTnV2Pyz"
    "ztLog87Vvp+hdpMGzd3YG4w7gkkKfHCwkGaTLZZAPd/hnpTwxdqKxMZkWidJVjR5qZJJtm"
    "imTTjEs2AfPUhgs53EOBqBtE99VAeVbyYxs4EbYyPHqQ979c33cGn9kSMpyxploztoI+d2"
    "5v2YqfqQowXOVgLlZYSxMNTwXRAMneXCLacvh1sedVxq8rAHPaAbl2jN7iXNxnFU0AOvHJ"
    "kaxZFpBWAPOi9coeihv53kVpt+B9V04XorJ72/mYpLrbBdxVNuQZwj0UuNhMIhP1mSg5F1"
    "2j375pd766TLbbw0hv3fzc7X27b99+Ytex/AR4aUSZsnt3vf63Vp/z6xNqMgcudvW2fdPh"
    "1xQiq4r3Fm/OVADfLNMkO8L6sQyQbzSQxSzURuu29zjkA6VQw2aj8djqD+9/kZY3DGza2k"
    "Ja3me9LW/CwRC+02/ft7+2mKzGbplEI89YL4mByBuSRAYk+SiMU9YnYe6T0AdxE58xEW0F"
    "hmDXSgMftmdiWpyPc+ZjUZB6ordkcge1d3hcBeijlZ/TC1PWfF6Z+TzO6hg2jJ6STxMXoa"
    "te8qsdeEaN56rFd56cB0accitcWInQ3kGQmOZYdkKumBTHghBVYQHUe3smK84mB8SKqpDD"
    "ochpXaWzISjubjDKAvKaFyjzeC+1GBsMdpS2Huk9GOncWvQoXQWk1qIVByaxHVOHdZJfcS"
    "MgrQdg8wHIv8lFSOs9rsx7nGUQ/ASsvAzoT6mZT+AS0FZgqUV9TTK5mqR4msTcejy7iSTa"
    "19jSStElrMjSllWllhRbJjEdAQ/7AnAcXbA9JedsjtIVl7z5aFeTdcv6TNWQZtia5dkGAi"
    "SVW/11Wp46Lc8W0vIEM2Jk3KuCJFXKMb+1nSrgs5sL2BhdbdaKgyvKzZIRX2Fal3oCxzH2"
    "s1nnQjdMVE/dZIts3n0hRleDGwfXMCkL/wZYcmEbJauhjUPr+1vkAjZMVG+z6/P3cb4qjn"
    "Du/H23fj97Bm/WDH5B/jOUwa/fdqO3GqLZuy1gv666qyi+4ZWbAeHlHroFjB+Dfe3XtpsV"
    "3+iRkwHhEOe6BZTv3f4e6X5uxFmRFjH8GdBe8VtbgLra2VRjrGlCSlWBdLEFbG/g9eCzeV"
    "jQw6rXakIdlq8yTOOVOqGexmuwjWleXlEKylPlv7IKlJfyd+B2VqE9eqeFoDzU7uDFiGmY"
    "amo65WCrwwyZleElwgRrsyyzIs/kh0F0S30myCDmX7yu0As1nxCdIIwUlWXMO0QKT4oMa/"
    "CKV3/WCTb/ojiGpjIbJmIpA7DtmAQdYJ2VeiKibCo7f+BIZ029Pt9ZrFcFfsLaQdxyxcpb"
    "UxM9kQW/8/4D6pIXv72FMLQLgAitVV02CbuJNW3x2ppS/jjlzcIcpquzMW8nG3NJLQv7V2"
    "l8BalNfti5jaAhojLnbymPo7+/94m2ER2biwQbfpAsmq1oYbt1IfcM6rRdwUu2sDRyAqLX"
    "nW6r/4vYu+takJzh+pdhuxVLK8gPEgH2aZmiAlR1oqg1iaJiOshktrYAZs1ncZMZtQATvJ"
    "5JswKNM5TB+Hh+djZyLscY2CDsJpAFBoboCjVZ6DtcW6ab8fmYQ1Y3cw6zmHNPjMta0h2M"
    "F8jCGuNsOo+IbbqCep1FPVTASf0arBLie8f8lpW/qqtbvCU/tS/+T4Ud/H92D6hioa+uC1"
    "RRYuM+jHJhO12KHTRwRL1aP7zsac8GIqviMjwHQ1rLm9bgpnXbfrtyZnHdvJDFE6rw0/i8"
    "FYEUMCWsZ/ZayLMHIW4PemchOpmw6kQo2KerDZurugMS2yH/Y6JqxEJMDcb+8gqXWeiZqj"
    "Lh10wS5/J2/rQtF1//s3Bxr1TGJPNnvn2GQyRk0jLk6Yz0UWaurTH45eGxN+h8ebhC1mIO"
    "h7LqzEd6q//py0O7O/RSg2Nz6nD9rpsb/K7Tvr+VvHIdLkJcjBnp3/qd4ZDl8nwxVdtm6X"
    "vLlzd8xvrJFxsTIHllXEzJdJv54mIMDSfVfkrwy/MJyrwENhRcTjLl1jxJya15Es+tidmi"
    "UQjJHXoUJ6wSK7s13TsrfQBbnDgLc3JG3whZncw3JBRuJZmvyzzFByUlmeyKpAJxYUUHYH"
    "PdpCxZznyORWG5ybjHKWv489dRdNGTXDBzmknixLW1JEdZjVpBmHzeVlhB6I1d3ridGF0d"
    "XFLH8xWFcYqCtfYmL9KbfLULbAHqarvhxjbMV7jh+opTAYOU3w23OpCH04gxVfPrAPJ09n"
    "fQU4WW/mudlCNekAKMH7C+GFL2c9dRfW+qdE9Z+fy7pIg5aPmVJpt5sBVEtOsukl4WO5ZL"
    "14fY2zCWI+TdE1mLvKb2zKTOdBboXFpGYAoNaXBdioH/R6oR7Jb7Wg90bFgzKnRxirQ4TD"
    "N9uZ7bkhVsnMkH3bLhnFE8z2/PC5x9qmt94nXlkAFfgFQLwQHzzNy4TTpHqn2IdPJMTFZR"
    "g84Nh/kYGfxPmFuWHbd67fxpr7B67dwh+c9uAYOhtR3BXpeSp21JUWR9XEXzLW9755psmJ"
    "QJtgKQ0zIcLEnqrGLxVCeWBXtRnkkbIKmA+rIA0xSscnMzrVmYss7XWeZ8nf6RvYlyNExa"
    "j3PJx5m7nOW1M8fo6sMoehhZwPfqiuBwv9MoTsocuqKJADphRPsGaZpbSe/L9X0bPfbbN5"
    "1Bx7MkL5cGvxm23/TbrftovQvgXePwJpvv/fblsNuzx+613b4kkUeulkEkjfsKgBQhfNkk"
    "Q3TR5enZx5Fzfnl2eYVYuDWMwhOxQQ7GNpJVW/2d6JYf4QMNmAMoV0rwxtREc5CkA7FAXm"
    "YeSxRTtMtH1a6m5RK0bdXWcoksS4Lamy6byPIEnyYGeL0Tr09bZqwb972b1r3Ub3/6cu95"
    "6mpUxppkkqmjec66n3pf2/0uc+aV+l/u21doSmFb0DkXZzoaYUVW+w9A/rUt3fZuuNsvvA"
    "w159DBM5FgJLnv70h/aP2915duvYP7Cs3xv6gpsQq7fqqvEpTCYhs70wKPqZKr2ECMsMwD"
    "X6ZFtoEHWe069hrXMfLD0IAnEvuwJoMeIauBz++zl6IZX3+g7F5LHi9ouGRz8xwqt/3WHZ"
    "wAnHak9x5ZOAc1WCwHYDJgJbpljVq89nq7fXvduvlZegSxrTP4zIuwE6Iw/l5acqEjnakz"
    "oNdvLC5EtWfQ80tJjgv2XdYmxXUDdLWiq9SKLjZXNxniEGFdIbPEQ2zNWNGdFwAS6PIXdE"
    "sgrw/I3AckMHVPBKQK1+sjPgapTu1x4tqpPYdT+/Jg3WAFiGjr6Z97+i9Znw1EIhFtPQSb"
    "D8GS+9ykim5SJzWnV2Y24DVD/iYjXfN7G7L0dfzWnzB+yzGUDUc9TFmPellGXbDYY8ENdd"
    "RecRFldYzTm8Q4+YnVBfLyTmKcyrZ7ZQpy8j0ZXgdSRWs/bS/QKRQduY2Ap9dGle5V3FP0"
    "Y6PhT4EwsnDwkwd7MCY1GgMVDGIJBD25l2OxwDlCnwRFfbYx8JtV9dnv8U/45szTICXOLe"
    "N02CwGbrmHpPva+RtnkstdYGNd43knBcr5rffA6+kEsfoHgSg0dHCM/oZGTnNyeTxyzuWz"
    "E/h5fDQZOZcfZbhygU8n7z+gznzu8Cd7+bZ9KZ8l7JZnWHfD1zDSyYvvKxf3yiv+8cKc38"
    "sh1Z35GC6+KuF37bz3Suc9bxCyA7siqJNbiBKI4DHR4nAm+2stCSqgJY/EG2by0jpO8dI6"
    "jntpsQ0sjz3Cb18JL7jCHYWoY8rEPe9zTOkIWeUm9kmzmcX9sNlMdj9k9wSFZgQMa1oyR5"
    "+ijgdJn/ob5HEEHlUXSxDJAxKkKceQVCq1JrZtLM8SVEzJoxIhqwdm6wNjmATPx6IYkJTk"
    "mwGaChwQRZ/M8NX5Y17DRHXAa5R33zvDe2mYz3Ib42rLe/VtsFks7yWtAbt3+o4U0+tSuf"
    "dKq+vG+eXKsUmutbsG51XeOkm1xTWXxdUw6bO6BZvro99PlYDaZV6DkBVRYGuJWhmTbS0x"
    "s2CWbAfNiwmGn9ymcYHlMbNvKM2Rc3nUPIMr8gSuXByNPzIjBo82ZiWxVJm4SQqmmFksLA"
    "Snj6qwNfZuVfwKBDnX9CXKfFDUY+ssCOUypMgwbfMoSf322xF+3xbaHQc35tU/F694Lgzc"
    "nUS+Kyp7B1nAt6WkGQjQFBYHvMdzeAaijETNKdZVKyHkPRlsIXE9uzOWIlMUcY7SZLwDJB"
    "XQTUamdiaMT1MwPo1jDE+0gR2TDMAq5ykYIawc3tuvCw7PMWkeXfuSoALgFq1oh8mpPgum"
    "dGoI8IqowNBf/7Tc28hfllhdhX1X8jaFnKCLyOvI6xz4Wyx9ADWVXO5gYaLaplTXaKstDX"
    "WMX/VGXWBWXCpQM+aQrfX2ufT2yTEc+UDaSvjGPgDGa9m8Dq1qBTvWdbPKVjdLEJaXvXqW"
    "ILhsSwFk6+OG7ulU1Vu2TeaG2JYVvH+YastiLSUcaJotbshcIGzzmlW8BwTAzX/if5tEZl"
    "m0J1jVHDjMeCpt29YImjgmMw0BrQqXsWxSC35pGjJMKhPLIgID1o6ftWWr1bU6/bMYrj6e"
    "nJyeXpwcnZ5fNs8uLpqXR0vRJH4rTUa57nxiYkqISVpv3nLgZMhrhwnSVM9GsAPFnpEHXb"
    "d1jet6XC1HlglRcmfyC9EVqEp6GyfOP21h+kKn+n5Kv0k6jxzS7y49jYJlfwXMWaQqcDJv"
    "5kedT/yW61iz5HGv3XPK5Z5T+RIaD53ul2F7cIXmqu7YxBrpg86nrtTpXiFLneqSqo/0x8"
    "+9Ye8KGTNq05HeG35u968Q5fNzg4N6+/VEV6Fa+by0Y3S1q7awuGgwEUdGaMNENa7rXeDn"
    "Ky3jK53gq627PIy4xIdnmtgpXrxZbAHqVqiziiIc2yZDIPeBAex3boZpoQe7ZOJW/vUCFi"
    "7kfJ/MwBmhZpkUazr04mbE8TLXvLMQ0Dmy7ZjkCo2ci8nxOfuFyRH8ujy5PIFf5xfnx+zX"
    "+JTAr4+XFx9Zk3NC0AE1WSYcniWFKMgibuTvyDkjR0cj5/To6Pi9WO32Jm8yAragT18shE"
    "2CXkzVtomOVB351bIQt+3/hL5/N6AFzByQGlTWz/fvyNXi+qpC9z68MzRdthnpFoWXeJmB"
    "mO1/FssVpOoWYbWU2aNYyb+xoz0hVlmG8IdiXUEm4dHSrMWczKm5QBOTznlrWHXmIjnDUC"
    "Apk/8mdZahN+W+l8OQHdogSc12iKKVw+sxD7RxyjqrrCCVE3nOmcrJJyizoLihVnb7wl7R"
    "mccqPlstZ5wDS6917a+3j/nb9tgUMyNYEQrHKcEvK5IK+K8XEPBS/hR5lYkOMDAMY4657L"
    "ev4F6xk7gi5vmTA16veQUm8q7DETVVJ3iay5sjQFJc4dd9xddTQeTTtYeJaqF3va49oOl5"
    "pQK4ohUVDiMq4PAU25/MMyUT3t4kn8qAYFOetXXbXDQEKvLg7cM0JbnFG0pk2TKTntyl4k"
    "ngeRL5Ay+F/DsL2SrzAGU6W6/o4yGiJlfUYtNWZY1rtVXbQrJjMs2TrwhO0IPv5ElMz/39"
    "u02fiG59/45mFBDnamv+CItM2UQkChov0L9UMsaH6IWa0MQiBubzkt2xDCwT6wMa/N+9ah"
    "PkqZPhgbwcOLzXSL8bDprIzZX/RAyuvbZsYjBq+MjpFN7nED26njfQjUeIPnW6bneIPjMv"
    "WirZ1jORbWoevLPUuaGRd4fIffv3P430MWVUJkGevxTrHqO5OjX5ikMHFiHIoKaNtb9axH"
    "xW4bX/6uL6wVgwf17+7RbMIHR7e/++zihTQqV5SdPV7R/EcbYst+4xTlirzqLg8vSyOSW2"
    "IE0ttq0VK/j5lwffJUGtccimcRhTJVe9a799JfAtWn3mMjS5dJVLihrwjICXxEd7AOOmsr"
    "Qo34Cvbgjll2CDNRKM11R68duulWFanKF3syy63D9GnhTL+WFgn+FBMHfg/2MCVwjj61WQ"
    "AGb0RVBNawv91Qx3uRhufzJlPVz99pVL4djMcrA2k8/VZjxB2F5FBBXL1NQhQTs4bobEnN"
    "/wUheCo2Z1M/WYsaHZql7G+iPmM31BdMIcKNlRoNvsKOCHBJVlx2ROj1zr4utOWULfoOrq"
    "wLOwoFFj1EB/421dx0ku1gu0ZUU8MLmGo6dnCNiFGGCv87SsA7rZvSICukuqXdo761T5ra"
    "pvKaJvXwPCtpgc+Prta3CzJNrOsRkU7JhdZiVoSVgenrxJwO34SZ1S5GmWOUpy/HYZZGlO"
    "gbDMuaMP6Aak8d9BKEc6YeYrjU6B9xDJzJnpatm4XLJxOfK/lEhG3r5vrKJahoYXucvtRu"
    "kqeNTtpJS0gS2LSUvSDFs5vTgjhBVEfCc1jk2QLXPVbl0S1FVb020Bm5TTrTObF5ZZm1iu"
    "9wD1fBCz7jQxwgruNDtwbsaWLfl5FvPqm2PEdSXX8qRcdlXMtWEh2zKrlmEhrGgLpHnNp8"
    "QUkdbxpGs97WOJdV/pbx8t/rhfYGd1txdNttxJV0Qpb17peJ8r3c2eYB9mbh1FtSXyvAWo"
    "WE/t5+pC5VsHWUAASxTzOriqF9IRxIo6NsBFLMkiovJENU4lqN2wj3gl1RfIg1bW0gL7gs"
    "8uTSUtYqryrCEwlnh3DtPMJXjVpk4Qu0/87WGKgSMxlDRZOxPMM1Y9vcxONMBsUeVA2Gte"
    "QXR3YtHwfMDyaNgDJMXr2N9Gx7U1bfqb2v3/+H8YfNf5"
)
