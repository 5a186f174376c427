"""Every URL of the project, requested as every role, against the tables in tests/urlwalk/.

The URLs come from the project's resolver (through every include), so a new URL without an entry
in a table fails here, with a message saying where to add it. admin/, accounts/ (allauth), i18n/
and static files are left out: they have their own tests.
"""

from http import HTTPStatus
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from tests.urlwalk import expected_table, spec, table_modules
from tests.urlwalk.world import build_world

SKIPPED_PREFIXES = ("admin/", "accounts/", "i18n/", "static/", "^static/", "media/", "^media/")


def walk(resolver, prefix="", namespace=""):
    """(name, route) of every URL pattern below `resolver`; name is None for an unnamed one."""
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, route, inner)
        else:
            yield (f"{namespace}{entry.name}" if entry.name else None), route


def project_urls():
    """{name: route} of the URLs the walk covers; unnamed ones are keyed by their route."""
    urls = {}
    for name, route in walk(get_resolver()):
        if route.startswith(SKIPPED_PREFIXES):
            continue
        urls.setdefault(name or f"<unnamed {route}>", route)
    return urls


PROJECT_URLS = project_urls()
TABLE = expected_table()
TABLE_FILES = ", ".join(
    f"tests/urlwalk/{module.__name__.rsplit('.', 1)[-1]}.py" for module in table_modules()
)


@pytest.fixture
def world(db):
    world = build_world()
    for module in table_modules():
        if hasattr(module, "extend_world"):
            module.extend_world(world)
    return world


def outcome(response) -> str:
    if response.status_code in (HTTPStatus.FOUND, HTTPStatus.MOVED_PERMANENTLY, HTTPStatus.SEE_OTHER):
        path = urlsplit(response["Location"]).path
        return spec.LOGIN if path == reverse("account_login") else spec.redirect(path)
    return str(response.status_code)


def role_clients(world):
    clients = {spec.ANONYMOUS: Client()}
    for role in spec.ROLES[1:]:
        clients[role] = Client()
        clients[role].force_login(world.users[role])
    return clients


def request_as(client, method, url, data):
    """One request whose writes are rolled back, so that every role meets the same world."""
    with transaction.atomic():
        response = getattr(client, method)(url, data)
        transaction.set_rollback(True)
    return outcome(response)


def fill(template: str, world) -> str:
    return template.format(w=world)


@pytest.mark.parametrize("url_name", sorted(PROJECT_URLS))
def test_url_answers_every_role_as_the_table_says(url_name, world):
    route = PROJECT_URLS[url_name]
    if url_name.startswith("<unnamed"):
        pytest.fail(f"The URL pattern {route!r} has no name. Give it one and add it to the URL-walk table.")
    if url_name not in TABLE:
        pytest.fail(
            f"The URL {url_name!r} ({route!r}) is not in the URL-walk table. Add an entry to the table of "
            f"its app ({TABLE_FILES}, or a new module there) saying which status anonymous visitors, "
            "non-members, members and coordinators get (see tests/urlwalk/spec.py)."
        )
    clients = role_clients(world)
    expected, actual = {}, {}
    for case in TABLE[url_name]:
        url = reverse(url_name, kwargs={key: fill(value, world) for key, value in case.kwargs.items()})
        data = {key: fill(value, world) for key, value in case.data.items()}
        methods = {"get": case.get} if case.post is None else {"get": case.get, "post": case.post}
        for method, by_role in methods.items():
            assert set(by_role) == set(spec.ROLES), f"{url_name} / {case.label}: give every role an outcome"
            for role in spec.ROLES:
                key = f"{case.label}: {method.upper()} {url} as {role}"
                expected[key] = fill(by_role[role], world)
                actual[key] = request_as(clients[role], method, url, data if method == "post" else {})
        signed_in_gets = {actual[f"{case.label}: GET {url} as {role}"] for role in spec.ROLES[1:]}
        if signed_in_gets == {spec.NOT_ALLOWED} and case.post is None:
            pytest.fail(f"{url_name} / {case.label} only accepts POST: add `post=` outcomes to its Case.")
    assert actual == expected


def test_url_walk_table_names_only_existing_urls():
    assert sorted(set(TABLE) - set(PROJECT_URLS)) == []


def test_url_walk_covers_the_core_urls():
    """The walk itself works: it finds URLs from the root and from nested includes."""
    assert {"home", "healthz", "community_detail", "member_list"} <= set(PROJECT_URLS)
    assert not [name for name in PROJECT_URLS if name.startswith(("admin:", "account_", "set_language"))]
