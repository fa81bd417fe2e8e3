from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "liaison_point" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "district" VARCHAR(32) NOT NULL,
    "host_organisation" VARCHAR(200) NOT NULL,
    "address" VARCHAR(300) NOT NULL,
    "contact_phone" VARCHAR(64) NOT NULL,
    "intro" TEXT NOT NULL,
    "active" INT NOT NULL,
    "sort_order" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
) /* 基层立法联系点: a local office that gathers residents' opinions on drafts. */;
CREATE INDEX IF NOT EXISTS "idx_liaison_poi_distric_973ac9" ON "liaison_point" ("district");
CREATE TABLE IF NOT EXISTS "login_attempt" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "username" VARCHAR(64) NOT NULL,
    "ip" VARCHAR(64) NOT NULL,
    "succeeded" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL
) /* One try at the login form; the recent failures throttle further tries across all processes. */;
CREATE INDEX IF NOT EXISTS "idx_login_attem_usernam_e4b0ca" ON "login_attempt" ("username");
CREATE INDEX IF NOT EXISTS "idx_login_attem_ip_3ef213" ON "login_attempt" ("ip");
CREATE INDEX IF NOT EXISTS "idx_login_attem_created_4aac38" ON "login_attempt" ("created_at");
CREATE TABLE IF NOT EXISTS "staff_user" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "username" VARCHAR(64) NOT NULL UNIQUE,
    "display_name" VARCHAR(100) NOT NULL,
    "password_hash" VARCHAR(255) NOT NULL,
    "roles" JSON NOT NULL,
    "active" INT NOT NULL,
    "session_nonce" VARCHAR(32) NOT NULL,
    "last_login_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "liaison_point_id" INT REFERENCES "liaison_point" ("id") ON DELETE RESTRICT
) /* A staff account. Citizens never log in. */;
CREATE TABLE IF NOT EXISTS "attachment" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "original_name" VARCHAR(255) NOT NULL,
    "stored_name" VARCHAR(128) NOT NULL UNIQUE,
    "content_type" VARCHAR(128) NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "uploader_id" INT REFERENCES "staff_user" ("id") ON DELETE SET NULL
) /* Any uploaded file. The stored name is generated; the original name is only ever displayed. */;
CREATE INDEX IF NOT EXISTS "idx_attachment_sha256_dec712" ON "attachment" ("sha256");
CREATE TABLE IF NOT EXISTS "audit_event" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "actor_name" VARCHAR(100) NOT NULL,
    "action" VARCHAR(64) NOT NULL,
    "object_type" VARCHAR(64) NOT NULL,
    "object_id" VARCHAR(64) NOT NULL,
    "detail" JSON NOT NULL,
    "ip" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "actor_id" INT REFERENCES "staff_user" ("id") ON DELETE SET NULL
) /* Who did what, when, to which object, from where. Kept for at least six months (网络安全法 art 21). */;
CREATE INDEX IF NOT EXISTS "idx_audit_event_action_3fd1cc" ON "audit_event" ("action");
CREATE INDEX IF NOT EXISTS "idx_audit_event_created_a87696" ON "audit_event" ("created_at");
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXG1v2zYQ/iuEvywFssDxe7thgJOlXdYkLlJ3LboMAi1RNleZVEUqidvlv+8oWZb1ai"
    "u1HEfwF8c53pnUQ+p09/Co77UpN4gljvpSYn0yJUzWXqHvNYanBL6ktB6iGrbtsE0JJB5Z"
    "njqO6o2EdLCuftHEliAgMojQHWpLypnS77MZcm2LY4MYyKQWOULDCUFCcgcEahCICjQmjD"
    "hYEuMXJKGVO3RMGbYW7ZxZM0RuiYMMKmwLz4hxpPo3uA4DoGxcflcuo19dokk+JmDnQId/"
    "/wNiygxyT0Twr/1FMymxjAjE1FA/4Mk1ObM92TmTrz1FdRUjTeeWO2Whsj2TE84W2tSHez"
    "F2kEnHVXAz17LmcxPMgD/SUMUf4pKNQUzsWmrSlLU/gFBW07SrwVB7fzbUtFpiQgOLJeDn"
    "Ip0ztRhgqMK7+rEaws+N41a31Wt2Wj1Q8Ya5kHQf/K5DYHxDD56rYe3Ba8cS+xoexiGowc"
    "RpniCB7+kEO+kAJwxjWMNFxLEOkM0DOxCEaId3xDbgnuJ7zSJsLCcK43Y7B9y/+tenf/Sv"
    "D0DrheqSwy3s391X86aG36ZmIETcv5EK4x0z2wzaT7u0I1gfN3prYA1amVh7bVGsoUcJPt"
    "aHqQDYcbsKru1S8Bb0WwrOJ3Sc6acDi9We+jkg7Dvrl41Gs9lt1JudXrvV7bZ79YXXTjbl"
    "ue+T8zfKg0fwD1z6EugT3Gh3CvmShUVZC/vp/Eintcay7rQyV7VqijkRhygsNCyTGP8OLZ"
    "JOSYYbiVjGsDbmpkfBl+e44OECjQGEevMpz4F+eH559n7Yv3ynupsK8dXy8OsPz1RLw5PO"
    "YtKDTmyaFj+CPp4P/0DqX/R5cHXmwcuFHDtej6He8HNNjQm7kmuM32nYWFqdgTRALTLr8x"
    "DY0QqFnTGrR3m1+eh2Zo43EIGqmN78khqABoglQX4NAQ8ds7dk5mF9DqPCTE97WsyTrw+C"
    "rOO+dgzfh2ANBdJwiA6+W+RB8aUFlw8XTaQHAIwBXX24uKh5SI+w/uUOO4YWgVy18AaPSR"
    "a6yaZpYxqXYIbHHkLqUtTAg7TXNag8u81KisPWw9ykWOlp5HbtrPjjhEN6aaC7CZaH8EnY"
    "IZIcvlB9gvjoX6KD2HT4VLU5kMi+JbZEJncQlsgiWEgk6D2aQrQ3Eejgxu2a7WP4JIZ+47"
    "ZHvZfwedzp3bgd3Wgj7EhY8y+SGfPTDWPD2XReoFaxhHorMVp22g3LmjuFc8Co1faSklpt"
    "OylJvb5OSlKvZ6ckqi0avQFmalDFUJ5b7KPj1dGx798KZ9gxs8qt5dKATvPbK2FOdd57kJ"
    "MgG0RiaiUR/vP94Cod4dAint9RXaL/kEVFaVRG7VfTZZ63QiOXWpIycaS6/a0s+HPgVghF"
    "UrsA5oPL/qf4DJxeDE7iOZv6gZPYdFC7yGL3tfervGKMxlafltUlNPzgsRCbsWyypzJWUh"
    "keXHseYwWPsbyodorEuKCYCs7ecZpOY0TaD/OIDMvX1OyF6koqA1L8ronhU281IPXH+shP"
    "92/cXr3dAolugqRbH718hTCyuI4txE2T6gTJCZZojBUBIBD4C2oQmJKfELcpg19Xe/HIcL"
    "ApRZK62F63+43/3dr412HZFtsSNaq58dxsrBFeNRuZ4ZVqioZXRWmdKldQrEXpNHIonUaS"
    "0jGoGoOeErxmY7xsUz1aZ/NreALBp8adMWZU4KIMWqrxfnWvt7ohooenqSjEWIYmlct+m2"
    "th3MzBuJnEWNX3QDim2YBV4cKgiGHl8N482wD9ODwJ8pDcZ4VwgUEFwM0jEM4+DfMZswV/"
    "cDG4ehOox2m05HbHbVoNFucWwSx7x+M2bTmPwKosyIOn5XZBPxkMLiKgn5zHUf1weXJ2fX"
    "DszQAoURnZ01uqu+KOesql1i5k17tFjLZX9VYvy3lsJE15rtTkvthqM9ykaxuPnPWo5X7W"
    "d2XWA4yWpt0bfYI+zeb6lkvmsWmmPNPmZq/fXhMrK8+oJKf6UCoPyseU9aUkUzudB11uP8"
    "zlQZUm3Jqh6koedMAIXOFMVUapc0XeL6hSqal/zsghOmESjKnlwkIEmcOltAgyXUfRimBL"
    "QYx1hwv4Y1nIdrgOuRFJIT9L7mtfnPVMi7Nc8BVFObxlm+rxSyUkhTu0s18lXIWr64QYJM"
    "2B5KWAEbstZoHlPzxLzgKfV8Kyr6V4dL5SIHItMzrzAtmUqCwIcLOjMS+K1txAb/WZc+RZ"
    "QICjc5fJI3RKJf1GmEDMO9gN8RKiLOUA+fp2+03h3doU3o3IZ4c2h0uoMPVfh1C49j9uV8"
    "HttFLq/20sxB0HrzvBYlIE8IRhBREv5QUHDoSZKduX2SXUC4PdqKBW/VWmgnq/H7S9/SAi"
    "BAwMgsZ5dee6niZhWEFPs/kKFQsLqQUMY9HcK2G8gfRrN7njXU+3UjYKkvtDzyvJ3u8PPT"
    "7Ljtzhy2XUxU4upJnuTzCsPMGQKFz/wZMM8ZL55wX2uica0hZb5GTDNdwJ1+enw7yTDUsh"
    "2+LdgClRdJE9z+jLCKuBfTS4DV8Y8aNQRV5RURGoSn3jB3GoPqmlve3DbznMfdNHqLOKhs"
    "yGYU8e7hZ5eEscUbBQfMmkgjlPKeyKuqkKIDxXryC6pbCF8xc/FmGvlky2z189Tf64Mabq"
    "SffUHv4HFL7B6Q=="
)
