"""Configuration comes from the environment, and production refuses unsafe values."""

from __future__ import annotations

import logging
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


def test_production_starts_with_a_real_secret_and_its_public_address():
    settings = Settings.from_env(
        {"PORTAL_ENV": "production", "SECRET_KEY": "x" * 48, "SITE_URL": "https://canyu.example.gov.cn"}
    )
    assert create_app(settings).state.settings.is_production
    assert settings.public_url == "https://canyu.example.gov.cn"


def test_production_refuses_to_start_without_site_url():
    """Without it every link in official e-mails, calendar files and feeds would need an address that
    the portal could only take from the request, which anyone can send with any Host header."""
    settings = Settings.from_env({"PORTAL_ENV": "production", "SECRET_KEY": "x" * 48})
    with pytest.raises(ConfigurationError, match="SITE_URL must be set"):
        settings.validate()
    with pytest.raises(ConfigurationError, match="SITE_URL"):
        create_app(settings)


def test_development_links_go_to_the_address_serve_listens_on():
    assert Settings.from_env({}).public_url == "http://127.0.0.1:8000"
    assert Settings.from_env({"PORT": "8080"}).public_url == "http://127.0.0.1:8080"
    configured = Settings.from_env({"PORT": "8080", "SITE_URL": "https://test.example.cn"})
    assert configured.public_url == "https://test.example.cn"


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


async def test_development_says_at_start_up_which_address_links_use(settings, caplog):
    app = create_app(settings, manage_database=False)
    with caplog.at_level(logging.WARNING, logger="portal.app"):
        async with app.router.lifespan_context(app):
            pass
    assert "links in e-mails, calendar files and feeds use http://127.0.0.1:8000" in caplog.text
