"""Proxy settings read from the environment (cop/settings/base.py)."""

import runpy
from pathlib import Path

import pytest

BASE_SETTINGS = Path(__file__).resolve().parents[2] / "cop" / "settings" / "base.py"


@pytest.fixture
def settings_with(monkeypatch):
    def _settings(**environment):
        for name in ("ALLAUTH_TRUSTED_PROXY_COUNT", "TRUSTED_PROXY_HEADER"):
            monkeypatch.delenv(name, raising=False)
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(BASE_SETTINGS))

    return _settings


def test_without_proxy_variables_no_forwarded_header_is_trusted(settings_with):
    values = settings_with()

    assert (values["ALLAUTH_TRUSTED_PROXY_COUNT"], values["SECURE_PROXY_SSL_HEADER"]) == (0, None)


def test_proxy_count_is_read_as_a_number(settings_with):
    assert settings_with(ALLAUTH_TRUSTED_PROXY_COUNT="2")["ALLAUTH_TRUSTED_PROXY_COUNT"] == 2


def test_an_empty_proxy_count_means_no_proxy(settings_with):
    assert settings_with(ALLAUTH_TRUSTED_PROXY_COUNT=" ")["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0


def test_a_proxy_count_that_is_no_number_stops_the_start(settings_with):
    with pytest.raises(ValueError) as error:
        settings_with(ALLAUTH_TRUSTED_PROXY_COUNT="zwei")

    assert str(error.value) == "invalid literal for int() with base 10: 'zwei'"


@pytest.mark.parametrize("value", ["true", "1", "yes", "on", "TRUE"])
def test_trusted_proxy_header_switches_on_the_forwarded_proto_check(settings_with, value):
    values = settings_with(TRUSTED_PROXY_HEADER=value)

    assert values["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.mark.parametrize("value", ["false", "0", "", "no"])
def test_trusted_proxy_header_off_trusts_no_forwarded_proto(settings_with, value):
    assert settings_with(TRUSTED_PROXY_HEADER=value)["SECURE_PROXY_SSL_HEADER"] is None


def test_production_trusts_no_forwarded_proto_unless_told(settings_with, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "production-test-key")
    monkeypatch.delenv("TRUSTED_PROXY_HEADER", raising=False)
    production = runpy.run_path(
        str(BASE_SETTINGS.with_name("production.py")), run_name="cop.settings.production"
    )

    assert production["SECURE_PROXY_SSL_HEADER"] is None


def test_passwords_need_at_least_twelve_characters(settings):
    from django.contrib.auth.password_validation import get_password_validators

    validators = get_password_validators(settings.AUTH_PASSWORD_VALIDATORS)

    assert [(type(v).__name__, getattr(v, "min_length", None)) for v in validators] == [
        ("UserAttributeSimilarityValidator", None),
        ("MinimumLengthValidator", 12),
        ("CommonPasswordValidator", None),
        ("NumericPasswordValidator", None),
    ]
