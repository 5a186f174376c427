"""/healthz tells a load balancer whether this instance can reach its database."""

import json
import socket
from contextlib import contextmanager
from http import HTTPStatus

import pytest
from django.db import connections


def unreachable_settings(settings_dict):
    """The same database settings, pointed at a database that cannot be reached."""
    broken = dict(settings_dict)
    if settings_dict["ENGINE"].endswith("sqlite3"):
        broken["NAME"] = "/nonexistent-directory/cop-healthz.sqlite3"
    else:
        # A port that was free a moment ago: the connection is refused.
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        broken.update(HOST="127.0.0.1", PORT=str(port), CONN_MAX_AGE=0)
    return broken


@contextmanager
def database_unreachable():
    """This thread's default connection replaced by one to an unreachable database, for real."""
    working = connections["default"]
    broken = type(working)(unreachable_settings(working.settings_dict), alias="default")
    connections["default"] = broken
    try:
        yield
    finally:
        broken.close()
        connections["default"] = working


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert (response.status_code, response["Content-Type"], json.loads(response.content)) == (
        HTTPStatus.OK,
        "application/json",
        {"status": "ok", "database": "ok"},
    )


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_does_not(client):
    with database_unreachable():
        response = client.get("/healthz")
    assert (response.status_code, json.loads(response.content)) == (
        HTTPStatus.SERVICE_UNAVAILABLE,
        {"status": "unavailable", "database": "error"},
    )


@pytest.mark.django_db
def test_healthz_recovers_when_the_database_is_back(client):
    with database_unreachable():
        assert client.get("/healthz").status_code == HTTPStatus.SERVICE_UNAVAILABLE
    response = client.get("/healthz")
    assert (response.status_code, json.loads(response.content)) == (
        HTTPStatus.OK,
        {"status": "ok", "database": "ok"},
    )


@pytest.mark.django_db
def test_healthz_is_never_cached(client):
    response = client.get("/healthz")
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
