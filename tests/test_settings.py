"""Configuration comes from the environment, and production refuses unsafe values."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.app import create_app
from portal.settings import DEFAULT_SECRET_KEY, ConfigurationError, Settings


def test_it_reads_every_variable_from_the_environment():
    settings = Settings.from_env(
        {
            "DATABASE_URL": "postgres://u@db:5432/portal",
            "SECRET_KEY": "k" * 40,
            "UPLOAD_DIR": "/srv/uploads",
            "PORTAL_ENV": "production",
            "MAX_UPLOAD_BYTES": "1000",
            "LOGIN_MAX_FAILURES": "3",
        }
    )
    assert settings.database_url == "postgres://u@db:5432/portal"
    assert settings.database_dialect == "postgres"
    assert settings.upload_dir == Path("/srv/uploads")
    assert settings.is_production
    assert settings.max_upload_bytes == 1000
    assert settings.login_max_failures == 3


def test_development_defaults_to_an_embedded_sqlite_file():
    settings = Settings.from_env({})
    assert settings.database_url.endswith("data/portal.sqlite3")
    assert settings.database_dialect == "sqlite"
    assert not settings.is_production
    settings.validate()


@pytest.mark.parametrize("secret", ["", DEFAULT_SECRET_KEY, "short-but-set"])
def test_production_refuses_a_missing_default_or_short_secret(secret: str):
    settings = Settings.from_env({"PORTAL_ENV": "production", "SECRET_KEY": secret})
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        settings.validate()
    with pytest.raises(ConfigurationError):
        create_app(settings)


def test_production_starts_with_a_real_secret():
    settings = Settings.from_env({"PORTAL_ENV": "production", "SECRET_KEY": "x" * 48})
    assert create_app(settings).state.settings.is_production


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PORTAL_ENV": "staging"}, "PORTAL_ENV"),
        ({"MAX_UPLOAD_BYTES": "lots"}, "MAX_UPLOAD_BYTES"),
        ({"LOGIN_MAX_FAILURES": "-1"}, "LOGIN_MAX_FAILURES"),
    ],
)
def test_it_names_the_variable_that_is_wrong(env: dict[str, str], message: str):
    with pytest.raises(ConfigurationError, match=message):
        Settings.from_env(env)


def test_it_refuses_an_unknown_database():
    with pytest.raises(ConfigurationError, match="DATABASE_URL"):
        Settings.from_env({"DATABASE_URL": "mysql://root@localhost/x"}).validate()
