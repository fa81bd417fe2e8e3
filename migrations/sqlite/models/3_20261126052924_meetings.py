from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "consultation_meeting" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "meeting_type" VARCHAR(16) NOT NULL /* SYMPOSIUM: symposium\nARGUMENTATION: argumentation\nFIELD_VISIT: field_visit\nWRITTEN: written\nOTHER: other */,
    "held_on" DATE NOT NULL,
    "place" VARCHAR(200) NOT NULL,
    "attendee_count" INT NOT NULL,
    "composition" JSON NOT NULL,
    "minutes" TEXT NOT NULL,
    "public_summary" TEXT NOT NULL,
    "summary_public" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "created_by_id" INT REFERENCES "staff_user" ("id") ON DELETE SET NULL,
    "liaison_point_id" INT NOT NULL REFERENCES "liaison_point" ("id") ON DELETE RESTRICT
) /* A liaison point's offline consultation: the minutes, the files and the opinions voiced there. */;
CREATE INDEX IF NOT EXISTS "idx_consultatio_held_on_be46a7" ON "consultation_meeting" ("held_on");
        CREATE TABLE IF NOT EXISTS "meeting_file" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL /* MINUTES: minutes\nSIGN_IN: sign_in\nPHOTO: photo\nOTHER: other */,
    "attachment_id" INT NOT NULL REFERENCES "attachment" ("id") ON DELETE RESTRICT,
    "meeting_id" INT NOT NULL REFERENCES "consultation_meeting" ("id") ON DELETE CASCADE
);
        ALTER TABLE "comment" ADD "returned_reason" TEXT NOT NULL DEFAULT '';
        ALTER TABLE "comment" ADD "forwarded_at" TIMESTAMP;
        ALTER TABLE "comment" ADD "forward_note" TEXT NOT NULL DEFAULT '';
        ALTER TABLE "comment" ADD "entered_by_id" INT REFERENCES "staff_user" ("id") ON DELETE SET NULL;
        ALTER TABLE "comment" ADD "acknowledged_at" TIMESTAMP;
        ALTER TABLE "comment" ADD "due_at" TIMESTAMP;
        ALTER TABLE "comment" ADD "meeting_id" INT REFERENCES "consultation_meeting" ("id") ON DELETE RESTRICT;
        ALTER TABLE "comment" ADD "received_on" DATE;
        ALTER TABLE "comment" ADD "returned_at" TIMESTAMP;
        ALTER TABLE "comment" ADD "speaker_category" VARCHAR(50) NOT NULL DEFAULT '';
        ;
        CREATE TABLE "meeting_draft" (
    "consultation_meeting_id" INT NOT NULL REFERENCES "consultation_meeting" ("id") ON DELETE CASCADE,
    "draft_id" INT NOT NULL REFERENCES "draft" ("id") ON DELETE CASCADE
);
        -- SQLite cannot ADD CONSTRAINT: the foreign keys are declared on the ADD COLUMN lines above.
        CREATE INDEX "idx_comment_due_at_2a5d71" ON "comment" ("due_at");
        -- aerich 0.10 omits the unique index of a many-to-many table; Tortoise creates it.
        CREATE UNIQUE INDEX IF NOT EXISTS "uidx_meeting_dra_consult_eb7f06" ON "meeting_draft" ("consultation_meeting_id", "draft_id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "meeting_draft";
        DROP INDEX IF EXISTS "idx_comment_due_at_2a5d71";
                        ALTER TABLE "comment" DROP COLUMN "returned_reason";
        ALTER TABLE "comment" DROP COLUMN "forwarded_at";
        ALTER TABLE "comment" DROP COLUMN "forward_note";
        ALTER TABLE "comment" DROP COLUMN "entered_by_id";
        ALTER TABLE "comment" DROP COLUMN "acknowledged_at";
        ALTER TABLE "comment" DROP COLUMN "due_at";
        ALTER TABLE "comment" DROP COLUMN "meeting_id";
        ALTER TABLE "comment" DROP COLUMN "received_on";
        ALTER TABLE "comment" DROP COLUMN "returned_at";
        ALTER TABLE "comment" DROP COLUMN "speaker_category";
        ;
        DROP TABLE IF EXISTS "meeting_draft";
        DROP TABLE IF EXISTS "consultation_meeting";
        DROP TABLE IF EXISTS "meeting_file";"""


MODELS_STATE = (
    "eJztXXtz2ziS/yoo/ROnypf1S7bjubsq2VYS7diST5KTnR1NMRAJSRxTJIcPO5rd+e7XAE"
    "mJD5AiZImmuKxK2TGBBsgfgEa/0PhXY24oRLM/tBwHy7M50Z3GFfpXQ8dzAv/hlB6iBjbN"
    "VRl94OCxxqrjaL2x7VhYpi1OsGYTeKQQW7ZU01ENndZv6QvkmpqBFaKgiaqRD2g4I8h2DA"
    "se0JdAqo2mRCcWdojyE3Kg1LDUqapjbVlu6NoCkWdiIUW1TQ0viPKB9q8YMryAqk9335Wr"
    "q3+4RHKMKQE6Czr89Td4rOoK+UHs4E/zSZqoRFMiEKsKbYA9l5yFyZ51dOcTq0i/YizJhu"
    "bO9VVlc+HMDH1ZW/XgXr47PHMsl8Ktu5rmj00wAt6brqp4rxiiUcgEuxodNErtvcDqWUOS"
    "ur2hNGgPJamRGNCAIgS8/0g2dDoZ4FVt9vVT+gr/dXJ8dnF2eXp+dglV2Gsun1z85XW9As"
    "YjZPB0h42/WDl2sFeDYbwCNRg4iT1I4HszwxYf4ARhDGv4iDjWAbJZYAcPVmivVkQRcM/x"
    "D0kj+tSZUYybzQxwv7b6N19a/QOo9Z52acAS9lZ31y868croCKwQ9xaSMN4xsu2g/bZTO4"
    "L18cllDqyhVirWrCyKNfToAI/1YBIAO05Xwbm9E7xt9U8OztfqNJVPBxTrOfU+IOwx648n"
    "J6enFydHp+eXzbOLi+bl0ZJrJ4uy2Pd15zPl4BH8A5YeAn2GT5rnQrxkSbGrif12fOT8LM"
    "e0Pj9LndW0KMZELEKxkLCTxPgWShx1TlLYSIQyhrXik34I/rOPEx4+UOmBqOcPeQb0w859"
    "ezBs3T/Q7ua2/YfG8GsN27TkhD1dxJ4enMeGadkI+tYZfkH0T/TPXrfN4DVsZ2qxHlf1hv"
    "9s0HfCrmNIuvEiYSU0O4OnAWqRUfdFYEsSEjtjVBtxNf/tSjPGW5BAqUw/eeIKoAFiSZA/"
    "gcCjTvWfyYJh3YG3wrrM2y185evRJnnYV8nw/SuYQ8HT1Sta+GWpB8WnFnw+fDRxGADwDq"
    "j7eHfXYEiPsfz0gi1FSoF8ToDf6FOJKnc2Z7v2yT/93CcaZp+TCvm919QnaGkP2Vca9AxF"
    "48QIoRfBNVk0P5nHn2AdT9kn0b5pT4GJwFVUp/2cZkBYlR5mGhBoPYk857YgfJsZoIor6G"
    "WGnUP4SfRD5BjwH1WeIWP8O5Hh8cQy5rTMAqX/Z2I6aGJYCDtII9h2kK3+QHOQjGc2Ohi5"
    "F5PmMfwkijxym+PLj/Dz+Pxy5J7LShNhywH+8D5pXXi719iy5SFLqK2Y8aEQeTbdRAHT2r"
    "CE9eUoVXEKXKNRiJh7fHSUR307OkpX32hZVNIFzHxuL4Ayf3+oNQmOJuHxN2FrRIyscnN5"
    "Z0Dz+PZamLnMuwY5CbJCHKxqSYT/Puh1+QivKOK6sCo76N9IU+2dmX0a/z1xdcat0NhVNZ"
    "Ba7Q+02//dFfwZcFOEImpwAPPBfesf8RG4uetdx/Vb2sB1bDhUU2Sye7XrWV4x60+hu2V1"
    "jT+e8Chk+QmT1GaftWYfBldt81lj8wlPKmGDzy6NGDfGPC0EIig6zDJfyKFKa00XoMwfH0"
    "1G7uVH+fgKGTpBhqnqdCeHfxi9zAyNIMXCEwcdwAg70hNZoFFj1HiPDAuxaoSaAlRgJL5x"
    "AesLJM+wrhMtaaMooL/1xohfG6wHf/A1VScwEg1/BCzPLAckv0IRVm2YHKYB8yhgQJYhE9"
    "um3/NbbdUopVUjmDgiQluYpnKi2+lJDtHt9CRVdKNFUdEttGjyIhwiqQFeC/AfruFw4B2S"
    "HyksZElQAXCzxN32P4bZ+t1S2r3rdT8H1eNKXxTssaFwmEU61kH9SsSuFA32SuxMco627s"
    "4T0mksVitFaC0V+I3B48NDrz+8QrZrmobljPQePBi0QeaBv20y0lv37e7tFQJQdAVKh1/a"
    "fShkEssGDOj4PI/JOq72hSzW54l4I3c6JTZVsl8MS6FvIrBAuMQ1YxJeK75cu+liCZEXCP"
    "4LGQvi3/jWvr5CQDfS79vtYaf7+Qr5nvSRftceDunaAP3MIdZIb9+3OndXiMyxqo30hy+9"
    "LqwqEz4OFtXXzqADi+5ZtVWnHMvI18aIuJctSVmBBVSAp22FG5sUm0G+JK0c5tsXVVeosT"
    "W5GeBL0soBftLMYziHWhmR7kkHkUrfQeYYztPBDtNUDuXtT2tVgZmpOosMn/L6HTjRSIHA"
    "Q6H6rCou1kS34073tvO1c/vYgn121cpIv+ndP7S6v1whWLcm1hcgt/Y/t7qdQWvY6XVBfL"
    "WmWFdtZkEb6bfth8chVFaI6TqLUsq4M+MlZV++NgyNYD0tyDtEFxvRMRDuakiXT4oVba97"
    "vbuIaHvdicuuj/fXbQCfYQ+VVCdiqlsh/qI6s5mh8cyjWYCHyWq8BfC2DJfFo1oE22nhR+"
    "u5WLKVUivfN19A0wZ2JM9A06aMqN/6NJQeegCP1OlKt53BsN+5AT3BcwP41n1dCjZIoPCr"
    "eERXKCjx6kZajLRCtZXWYCjd9Vq37dsrL6pS8g58jvQ+lA06n7u0hEJpq1OdPk/qPO0uqD"
    "ztW+n6F2kwbH36BOoOlZJAnx4vJBikyWQTBrr9PTKYGDrXWJkuisTpKieONHNpNs0MzaaZ"
    "1GxC7qkNF3K0hQJRN4kemIFEVvJDGyQRujJ8etD3H6/vOoMvdAmZ7lhT7RldQV86t7d0xc"
    "9UBQSucggXK6yliYannNMA6dFcPNpyxHXR/ioT1xWCOWuDXDtGb7Ev7rOJJgQdf+dItyxz"
    "SCuAedF2ZR/FjWLv4rRbiL4rZwhR2aPtAkwyw+1C4SobygzRFgpcbBaRifpMFMFF1+i3b9"
    "qdr56Q7bUw0ls3P3d73+7at5/pcyw/AV4aUaa07FOv/63VZ/L6xLBoABd9etu+6bBnCpFV"
    "xX+LNxcqQG6WjTQ/wvqxDJFvNJDFLNRG67b3MGQDpRimQ0fjodUf3v0iLQtMbDnaQlqW09"
    "aWhbAxREv67bv21xbV1WiRRTTyjPWSOIj8IUkVQNK3wiRlvRMK74QBiJvEjPFoKzAEuzYa"
    "BLA9E8tmcpw7H/MOqadGS6Y3UEeHJ02AAVrikl6UspbzyiznMVHHdGD0FDFLXIyuesmvdh"
    "AZNZ6rNuM8ghtGknIrUliJ0N7BITHNtZ2UXDEZgQURqsIOUO/tnqy4m2wQK6pCNocip3WV"
    "9oawurvBKHPIa1mgzOO9tGJsMNhx2nqk92Ckha3ocboKaK1FGw4s4riWDutE3HDDIa0HYP"
    "MBEGdyMdKax5WZx9kmwU8gysuA/tSwxBQuDm0Fllo81iRXqElGpEkirMf3m0g8vkaXVoYt"
    "YUWWtawqtaToMknYCNixLwDH1TnsKT1nc5yuuOTNR7uarFu2Z6qmNMP2TIQNhEgqt/rrtD"
    "x1Wp4tpOUJZ8TIyavCJFXKMb81ThWK2RUCNkFXu7WS4PJys+TEl5vWpZ7ASYyDbNZC6EaJ"
    "6qmb7pEV5QsJuhrcJLimZdDj3wCLELZxshraJLRBvIUQsFGims2uz9/H5KokwsL5+26Ddv"
    "YM3rwZ/MLyZySDX7/tnd5q8GbvtoD9umquovhGV24OhJc8dAsYP4Tb2i+2mxff+JaTA+GI"
    "5LoFlO+89h6M/WTEeZHmCfw50F7JW1uAutrZVBOiaUpKVY52sQVsb+D14LPZsaD7VavVhD"
    "qqX+WYxitzQj2N12CbsLy84ioo35T/ylug/JS/A6+xCvHonV4EFUMtPZVyCNe1GZUlO1Q5"
    "R2blj+dnZyP3cozJFcJeTjLDQkRXDIuepoJnyxPMyO/ikF7FNDdsBxmwCpFJrCXdwXiBbK"
    "zBuKPOA6LuDM4VUEV1ysmx/Gs48XTgcPktlnm5TphcyoTJ++JS2+cw5r1yqhULfXW9asHO"
    "IcreonRVMpoVwOkyTGuhLerVKseypT0biLyycHQORgThm9bgpnXbfrsbMpLqHlfE42qFWX"
    "LeikAKaafrhb0W8k0MiJkY3tnImExownsUbhNwnhE0V3XXIfYh+4PdE4uwrrC//LswbPRs"
    "qDJhzyySlPJ23tuW7/P8T5HiXuloSZfPApWfQcQV0nKkfoq1UWaprTH45f6hN+g83l8hez"
    "GHTVl15yO91f/8eN/uDv1sk9iaupRD+ekmP3Xad7eSnwHaQ4ipMSP9W78zHNL0UC+W6jg0"
    "I1z5UlHOaDti4ZYhkleGWpYszEos1NLUcNp1Aimu3oCgzEtgQ8XlJFe6ppOMdE0nnLtr6a"
    "JRCBGOZk0SVkmU3ZpfnWbTBRbHT+yXniQuRlbnh4sohVvJD+cJT8lBychPtiKpQKhx0Wd6"
    "mG1Slmx3Pse8kx7puCcpa/jFr+bx0JM8MDkmi8yk2AniOlOzQKbm2kCYvt9W2EDoj51oKG"
    "iCro5XrEPEi8I4w8BaBygVGaC04gJbgLrakR0JhvmKyI7AcMoRkMQjO6oDeTQzBTU1vw4g"
    "32b/CVqq0NJ/bdxLLE6cg/E91hdDg/7cdaD4mxrdM1Y++y4p5g5afqVFZx6wgph13UPST4"
    "xC07MFEPsMYzlCfhnPW+RXdWaW4U5nocalZVA/15EGz6UE+H9lOsG8z+G4vZbfme7oWr5M"
    "njCmy9OzjyP3/PLs0ruwHUbmiTjImWEHyaqj/kl0OwglggrU08S+3rvd3UJz2IhCQUd+VL"
    "nNC17aZVe1T6tcPi1HdTQhs/2SoDbb5zPbP8GnbeotDGjLjHXjrnfTupP67c+Pd75LUDNk"
    "rEkWmbqa7xX83Pva7nep11DqP961r9DUALags8gGy9UITRDevwfyr23ptnfD/IvwMoY1hw"
    "aeiQQjyZyMI/2+9fdeX6Jp4Qesrzn+3bAkmh0+OKZSgjSOlLHT7YZ/o3nG3ZBxwjIPfJkW"
    "2Qam6tpG/RobNflhaiAT8Z1l6aDHyGrgxZ0DIOq6HHUj34ayoi4uGe9SzBXZVNjVfv6lfi"
    "O990DjRgyTBo0AJgN6vYSsGTa7N6Tdvr1u3fwshe4kmxCiUEVBCl1ORo3I0Oo3GoCiOjNo"
    "+aUk2wX9LnuTxPAhujp5XpmT57G5uskQRwjr7M4lHmJ7RhPGvQCQQCeejDSFvN4gxS9Vw9"
    "YTYdcLMYQSY5DpPU8S195zwXul2ca6wQrg0dbTX3j6L0WfDVQiHm09BJsPwVL63CQDfFoj"
    "taRXZjHgNUP+JiNdy3sbivR1oNh/YKCYayobjnqUsh71sow6Z7Enoijq8MDiQtfqYKo3Ca"
    "by3fmFBVOVjXvliqYKIhleB1JF8xZuL6IqEoa5jciq14av7lWAVfxj43FWoXi1aJSVD3s4"
    "+DUebBUOxApFV3mPE0HHAjFWnIR02xj4zTLS7ff4p3xz7mmQEVCXczpsFmy35CHZsXYB40"
    "wLuQsx1jWRd1IoFe36CLyeTpBDfjjImCDs+SXRwTH6HzRym5PL45F7Lp+dwM/jo8nIvfwo"
    "w5MLfDp5/wF15nOX9ewn9gq0fJoZTJ5hfUqQasP/dfISxMolo/KK756bXGw5pP5l36/KLF"
    "YH770yeE/4yvZXXtFeNlFk6yeV8JhoSTjT47WWBBWwksdSa+SK0jrOiNI6TkZpUQYm4o8I"
    "6lciCq7wQCHDtWTi7fcCUzpGVrmJfdJs5gk/bDbTww9pWTx1hMvVVLKyRgQU5UgYQbutTM"
    "IIkFF1vgaRPiBhmnIMSaVyeGDHwfIsxcSUPioxsnpgtj4wpkXwfMw7A5KR5SNEU4ENouid"
    "Gb5a/ErSKFF9H2niwql9c7yXRvgstzOu9rxX3wdb34xaCtdrfeNZPr9r6o1nORIy1x5XIY"
    "/r8nKuV8Ikco/Z3gD1Sodrpq8l4kXk+FriXsZ0X0vCLZgn20HzYoLhJ/NpXGB5TP0bSnPk"
    "Xh41z+CJPIEnF0fjj9SJwU4b09zbqky8JAVTTD0WNoLdR1XoGnu3yrINipzn+uJlPiiq2z"
    "oLQrkcKTJMWxEjaVB/O8rv20K748ONovbn4g3PhYG7k5PvikrfQebIbRlpBkI0hZ0D3uM5"
    "PANVRjKsKdZVO+XIezrYXOJ6dufMea4osJumHHdPMRmvSCpgm4xN7VwYn2ZgfJrEGHp0QB"
    "yTTMBKcBeMEVYO7+1fQAb9WIaIrX1JUAFwiza0w+RUnzlTOvMI8IqowKO/wW65tyd/LfKH"
    "qwLflXymIAg6j7w+eS2Av03TBxiWIhQOFiWqfUp1Mvja01Cf8aveqHPciksDauK6xNpuvw"
    "W7ffoZDjGQtnJ8Yx8Asx08mbwOrWoddqwTdJctQTfnWF7+NN2cw2VbOkC2/tzQnTFV9Zbj"
    "kLnJ92WFyw8zfVm0poRDVfOdG7IWCDvstlfWAgLg5j+xvy0i0yzaE6xqLmxmLJW242gETV"
    "yLuoaAVqWXxcqWYcMvTUOmZcjEtgnHgbXjvrbstcq6ebtijqsCrts+zHBvubAziPphwjTV"
    "8xHswLBniqDr1a5xXY+r7coyIYpwJr8IXYGmpLcJ4vyPvQGv0Km+n9pvms1DQPvdZaRR+H"
    "4hjnAWu34oXTYLTp1PgprrRLP0ca/Dc8oVnlP5KzTuO93HYXtwhfx7i0f6oPO5K3W6V8hW"
    "p7qk6iP94Utv2LtC5sxwjJHeG35p96+QwebnBhv18Xme471xjhQ63XvOuZ7cP6olFqWdoK"
    "tDtTm7cjQRR05oo0Q1rutD4OcrK+Mrg+Crbbs8jIXER2caPyiezyy2AHUr0lhFEU6wyZSL"
    "Sd9GiFvF13NEuEjwfboAZ0aq5TKs6dCKlxHHz1zzzkZA58qOa5ErNHIvJsfn9BcmR/Dr8u"
    "TyBH6dX5wf01/jUwK/Pl5efKRVzglBB4ZFM+GwLClEQTbxTv6O3DNydDRyT4+Ojt/zzW5v"
    "8iYjEAv6xouNsEXQi6U6DtGRqqPgtizEfPs/oe/fTagBMwe0BpW28/078qy4ganQK4d3hq"
    "rLOiPdNuAlXmagZgefRXMFqbpNLFhgtCt65d/Y1Z4QvVmGsE6xriCLsNPStMaczA1rgSaW"
    "MWe1YdVZi/QMQ6GkTMGb1FmG3lT6Xg5DfmjDJLXYwTutHF2PItAmKeusspxUTuRZMJVTQF"
    "BmRXFDq+z2lb2iM49VfLba7lgAS792Ha+3j/nb9tgVMyNY4SrHGYdfViQViF8v4MBL+VPk"
    "VeZ0gIlhGAXmclC/grxiJ+eKaOSPALx+9QpM5F0fR9RUneCpUDRHiKS4i1/3FV/fBCFma4"
    "8S1Urvelt7yNLzSgNwRW9UOIyZgKNTbH8yz5RMeXuTfCoDgi151tYda9HgmMjDxYdZRnKb"
    "VZTIsmYuO7lHxZLAsyTyB34K+Xc2clQaAUpttv6lj4fIsJihFluOKmvMqq06NpJdi1qeAk"
    "Nwih18Jz1RO/f3747xRHT7+3c0MwBxZrZmXdhkSiciUdB4gX5XyRgfohfDgio2MTGbl7TE"
    "NrFM7A9o8H93qkOQb06GDtl14PBeI/3TcNBEXq78J2Iy67XtEJNSw0dOp/A+h+jBi7yBZn"
    "xC9LnT9ZpDxjONojUkx34msmNYB+9sdW5q5N0h8t7+/U8jfWxQKosgP16KNo/RXJ1abMWh"
    "A5sQZBqWg7W/2cR6VuG1/+bh+sFc0Hhe9u02zCB0e3v3vs4oU0KjeUnT1e0fxEmxTNj2mC"
    "SsTWdxcFl6WUGNLUxTq21r1Qq2/4nguySoLQ75LA5jQxG67zqoXwl8izafeQKNkK1ySVED"
    "nhPwksRoD2DcVJoW5RvI1Q2u/hKusEaD8atKL0HdtTpMiwn0XpZFT/rHyNdimTwM4jN0BH"
    "MH/j8m8IRQuV4FDWBmvHBu09pCe7XAXS6BO5hMeTfXoH7lUjg282yszfR9tZlMELZXJ4KK"
    "FWrqI0E72G5YJgPOLhNkOMjYXGgaBckN6uXYWBgFwjK7WuMDuoGt6U/YoZBOqC1HM6ZI5W"
    "4guenqjaJcG0U5DkOXaMPYfqCIotqmhhfCd8/F6SqhJhRwr6KJbZvKM9IM24IhDTHCCiK+"
    "kwv/LEMjQheZLQnqK8yyFeNN7par03wWlmaS2J4p3fAd8nk5TYKwgpxmB5E+2HakIOmQqP"
    "KVIK6vNStP/kFP36q17HzLrFpadjSWL5TzTMxfzCOtD1esDTtLZJl7ZfBZ/Cak/QI7b+wZ"
    "b7IJn0DOeR2wSBSa0NnvPcE+Kty6iupI5HkLUNGW2s/VhSqIa6TRcfTU9Ovgql58Yxgrw3"
    "UALmJLNuHl6q9xKkEi433EKy3ZrghaefPs7gs+u3SVtIilyrMGx1nilxxmuUvwqk6dLW2f"
    "5NvDDAdH6rmKdOtMOOlG9ewyO7EA00UlgLBfvYLo7sSjQa8B4iaHSrewh0iKt7G/jY1ra9"
    "b0N/X7//X/Va7jjQ=="
)
