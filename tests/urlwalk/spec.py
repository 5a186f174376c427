"""The vocabulary of the URL-walk tables: roles, outcomes and cases.

Outcomes are short strings so that a whole table row compares with `==` and a failure shows the
full picture. Strings may refer to the fixture world as `{w.<attribute>}`, e.g.
`redirect("/communities/{w.private.slug}/")`; they are formatted with the world before comparing.
"""

from dataclasses import dataclass, field

# Roles with respect to the world's internal community (`world.private`).
ANONYMOUS = "anonymous"
NON_MEMBER = "non_member"
MEMBER = "member"
COORDINATOR = "coordinator"
ROLES = (ANONYMOUS, NON_MEMBER, MEMBER, COORDINATOR)

OK = "200"
BAD_REQUEST = "400"
FORBIDDEN = "403"
NOT_FOUND = "404"
NOT_ALLOWED = "405"
LOGIN = "302 → login"


def redirect(path: str) -> str:
    """A redirect to `path` (without query string); `path` may use `{w.…}`."""
    return f"302 → {path}"


def roles(*, anonymous: str, non_member: str, member: str, coordinator: str) -> dict[str, str]:
    return {ANONYMOUS: anonymous, NON_MEMBER: non_member, MEMBER: member, COORDINATOR: coordinator}


def everyone(outcome: str) -> dict[str, str]:
    return dict.fromkeys(ROLES, outcome)


def signed_in(outcome: str) -> dict[str, str]:
    """Anonymous visitors are sent to the login page; every signed-in role gets `outcome`."""
    return {**everyone(outcome), ANONYMOUS: LOGIN}


# What a view that only accepts POST (and needs a login) answers to GET.
POST_ONLY_GET = signed_in(NOT_ALLOWED)


@dataclass(frozen=True)
class Case:
    """One way of filling a URL's kwargs, and what each role gets for it.

    `post` is required for views that only accept POST (their GET answers 405); `data` is the
    POST body. Both `kwargs` and `data` values may use `{w.…}`.
    """

    label: str
    get: dict[str, str]
    kwargs: dict[str, str] = field(default_factory=dict)
    post: dict[str, str] | None = None
    data: dict[str, str] = field(default_factory=dict)
