"""The URL walk's tables: who gets which status from every URL of the project.

Each app has a module here (members.py, cop.py, meetings.py, …) with

    EXPECTED = {"url_name": [Case(...), ...]}        # required
    def extend_world(world): ...                        # optional: add the objects your URLs need

tests/test_url_walk.py requests every URL of the project as each role in `spec.ROLES` and compares
the outcome with these tables. A URL name missing here fails the walk: new URLs cannot slip through.
"""

import importlib
import pkgutil

_NOT_TABLES = {"spec", "world"}


def table_modules():
    """Every app module of this package, in name order."""
    names = sorted(
        info.name
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_") and info.name not in _NOT_TABLES
    )
    return [importlib.import_module(f"{__name__}.{name}") for name in names]


def expected_table():
    """All apps' tables merged; a URL name claimed by two modules is an error."""
    table = {}
    for module in table_modules():
        for url_name, cases in module.EXPECTED.items():
            if url_name in table:
                raise ValueError(f"URL name {url_name!r} appears in two URL-walk tables ({module.__name__}).")
            table[url_name] = cases
    return table
