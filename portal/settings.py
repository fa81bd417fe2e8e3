"""Configuration: the only module that reads the environment.

Every variable is documented in README.md ("Configuration").
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

DEFAULT_SECRET_KEY = "dev-insecure-secret-key-change-me"
PROJECT_ROOT = Path(__file__).resolve().parent.parent

Environment = Literal["development", "production"]


class ConfigurationError(RuntimeError):
    """The environment describes a configuration the portal refuses to run with."""


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be a whole number, got {raw!r}") from exc
    if value < 0:
        raise ConfigurationError(f"{name} must not be negative, got {value}")
    return value


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ConfigurationError(f"{name} must be true or false, got {raw!r}")


def _receipt_prefix(value: str) -> str:
    if not (value.isascii() and value.isalpha() and 1 <= len(value) <= 4):
        raise ConfigurationError(f"RECEIPT_PREFIX must be 1 to 4 letters, got {value!r}")
    return value.upper()


def _site_url(value: str) -> str:
    value = value.strip().rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path or parts.query:
        raise ConfigurationError(f"SITE_URL must be like https://host (no path), got {value!r}")
    return value


@dataclass(frozen=True)
class Settings:
    database_url: str = f"sqlite://{PROJECT_ROOT / 'data' / 'portal.sqlite3'}"
    secret_key: str = DEFAULT_SECRET_KEY
    environment: Environment = "development"
    upload_dir: Path = PROJECT_ROOT / "data" / "uploads"
    # Limits
    max_form_bytes: int = 1024 * 1024
    max_upload_bytes: int = 20 * 1024 * 1024
    max_meeting_upload_bytes: int = 100 * 1024 * 1024
    ack_working_days: int = 3
    # A normal (一般) legality review is due at the end of this many working days after receipt.
    review_normal_working_days: int = 5
    # Offer a post-decision evaluation once an item's public comments and hearing requests reach this.
    evaluation_threshold: int = 500
    login_max_failures: int = 5
    login_window_seconds: int = 15 * 60
    session_max_age_seconds: int = 8 * 60 * 60
    # A staff session with no request for this long ends (0: never).
    staff_idle_timeout_seconds: int = 30 * 60
    # Abuse limits (python "limits" notation; several separated by ";"). Shared through Redis when set.
    redis_url: str = ""
    rate_limits_enabled: bool = True
    comment_rate_limit: str = "10/minute;200/day"
    comment_per_draft_rate_limit: str = "5/minute"
    receipt_rate_limit: str = "30/minute"
    # Hearing registration codes looked up or used to cancel, per visitor: a code is a bearer secret.
    hearing_code_rate_limit: str = "10/minute;100/day"
    receipt_prefix: str = "GZ"
    # Rendered public pages (reader, draft list, home, API lists): fresh this long, this much memory.
    page_cache_seconds: int = 10
    page_cache_max_mb: int = 64
    # Outgoing e-mail (hearing notifications). Without SMTP_HOST the outbox only records messages.
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_from: str = "noreply@example.cn"
    smtp_starttls: bool = True
    # The public address (https://host) of every link that leaves the site: e-mails, calendar files,
    # feeds. Never taken from a request's Host header. Required in production; in development
    # ``public_url`` falls back to the address ``serve`` listens on.
    site_url: str = ""
    port: int = 8000  # where `python -m portal serve` listens (the Procfile passes $PORT to uvicorn)
    # Site identity shown in the header and the footer.
    site_name: str = "立法公众参与与基层立法联系平台"
    city_name: str = "广州市"
    templates_dir: Path = field(default=PROJECT_ROOT / "templates")
    static_dir: Path = field(default=PROJECT_ROOT / "static")

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def public_url(self) -> str:
        """``scheme://host`` for links that leave the site: SITE_URL, or in development the address
        ``python -m portal serve`` listens on by default (validate() refuses production without it)."""
        return self.site_url or f"http://127.0.0.1:{self.port}"

    @property
    def database_dialect(self) -> Literal["sqlite", "postgres"]:
        return dialect_of(self.database_url)

    def validate(self) -> None:
        """Refuse configurations that are unsafe to serve."""
        if self.is_production and (not self.secret_key or self.secret_key == DEFAULT_SECRET_KEY):
            raise ConfigurationError(
                "SECRET_KEY must be set to a long random value when PORTAL_ENV=production"
            )
        if self.is_production and len(self.secret_key) < 32:
            raise ConfigurationError("SECRET_KEY must be at least 32 characters in production")
        if self.is_production and not self.site_url:
            # Otherwise links in official e-mails, calendar files and feeds would have no trusted
            # address; the Host header a request came with is anyone's to choose.
            raise ConfigurationError(
                "SITE_URL must be set when PORTAL_ENV=production: the public address, like "
                "https://canyu.example.gov.cn, of the links in e-mails, calendar files and feeds"
            )
        dialect_of(self.database_url)
        from limits import parse_many  # validated here so a typo stops the start, not a request

        for name in (
            "comment_rate_limit",
            "comment_per_draft_rate_limit",
            "receipt_rate_limit",
            "hearing_code_rate_limit",
        ):
            try:
                parse_many(getattr(self, name))
            except ValueError as exc:
                raise ConfigurationError(f"{name.upper()} is not a valid rate limit: {exc}") from exc

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        environment = env.get("PORTAL_ENV", "development").strip() or "development"
        if environment not in ("development", "production"):
            raise ConfigurationError(f"PORTAL_ENV must be development or production, got {environment!r}")
        defaults = cls()
        settings = cls(
            database_url=env.get("DATABASE_URL", "").strip() or defaults.database_url,
            secret_key=env.get("SECRET_KEY", "").strip() or DEFAULT_SECRET_KEY,
            environment=environment,  # type: ignore[arg-type]
            upload_dir=Path(env.get("UPLOAD_DIR", "").strip() or defaults.upload_dir),
            max_form_bytes=_int(env, "MAX_FORM_BYTES", defaults.max_form_bytes),
            max_upload_bytes=_int(env, "MAX_UPLOAD_BYTES", defaults.max_upload_bytes),
            max_meeting_upload_bytes=_int(env, "MAX_MEETING_UPLOAD_BYTES", defaults.max_meeting_upload_bytes),
            ack_working_days=_int(env, "ACK_WORKING_DAYS", defaults.ack_working_days),
            review_normal_working_days=_int(
                env, "REVIEW_NORMAL_WORKING_DAYS", defaults.review_normal_working_days
            ),
            evaluation_threshold=_int(env, "EVALUATION_THRESHOLD", defaults.evaluation_threshold),
            login_max_failures=_int(env, "LOGIN_MAX_FAILURES", defaults.login_max_failures),
            login_window_seconds=_int(env, "LOGIN_WINDOW_SECONDS", defaults.login_window_seconds),
            session_max_age_seconds=_int(env, "SESSION_MAX_AGE_SECONDS", defaults.session_max_age_seconds),
            staff_idle_timeout_seconds=_int(
                env, "STAFF_IDLE_TIMEOUT_SECONDS", defaults.staff_idle_timeout_seconds
            ),
            redis_url=env.get("REDIS_URL", "").strip(),
            rate_limits_enabled=_bool(env, "RATE_LIMITS_ENABLED", defaults.rate_limits_enabled),
            comment_rate_limit=env.get("COMMENT_RATE_LIMIT", "").strip() or defaults.comment_rate_limit,
            comment_per_draft_rate_limit=env.get("COMMENT_PER_DRAFT_RATE_LIMIT", "").strip()
            or defaults.comment_per_draft_rate_limit,
            receipt_rate_limit=env.get("RECEIPT_RATE_LIMIT", "").strip() or defaults.receipt_rate_limit,
            hearing_code_rate_limit=env.get("HEARING_CODE_RATE_LIMIT", "").strip()
            or defaults.hearing_code_rate_limit,
            smtp_host=env.get("SMTP_HOST", "").strip(),
            smtp_port=_int(env, "SMTP_PORT", defaults.smtp_port),
            smtp_user=env.get("SMTP_USER", "").strip(),
            smtp_password=env.get("SMTP_PASSWORD", ""),
            smtp_from=env.get("SMTP_FROM", "").strip() or defaults.smtp_from,
            smtp_starttls=_bool(env, "SMTP_STARTTLS", defaults.smtp_starttls),
            page_cache_seconds=_int(env, "PAGE_CACHE_SECONDS", defaults.page_cache_seconds),
            page_cache_max_mb=_int(env, "PAGE_CACHE_MAX_MB", defaults.page_cache_max_mb),
            receipt_prefix=_receipt_prefix(env.get("RECEIPT_PREFIX", "").strip() or defaults.receipt_prefix),
            site_url=_site_url(env.get("SITE_URL", "")),
            port=_int(env, "PORT", defaults.port),
        )
        return settings


def dialect_of(database_url: str) -> Literal["sqlite", "postgres"]:
    scheme = database_url.split(":", 1)[0].lower()
    if scheme == "sqlite":
        return "sqlite"
    if scheme in ("postgres", "postgresql", "asyncpg", "psycopg"):
        return "postgres"
    raise ConfigurationError(f"DATABASE_URL must start with sqlite:// or postgres://, got {scheme!r}")
