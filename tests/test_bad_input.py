"""Nothing a user can type gives a 500: hostile form values, query strings and tampered URLs.

The forms are not listed by hand: every page of the URL-walk table is opened as each role, its
<form>s are read with html.parser (tests/badinput/forms.py), and every field of every form that
posts to one of our URLs is sent with each hostile value below while the other fields keep what
the page filled in. Views that only accept POST and show no form to a role are sent the data of
their URL-walk case. Every request's writes are rolled back, so each one meets the same world.
"""

from dataclasses import dataclass
from urllib.parse import quote_from_bytes, urlsplit

import pytest
from django.db import transaction
from django.urls import Resolver404, resolve, reverse

from meetings.models import AgendaItem, Meeting
from members.models import Community, Membership, Organisation, User
from tests.badinput.forms import FoundField, FoundForm, forms_in
from tests.badinput.world import ROLES, clients_by_role, extend_for_bad_input
from tests.test_url_walk import PROJECT_URLS, SKIPPED_PREFIXES, TABLE, fill
from tests.test_url_walk import world as url_walk_world  # noqa: F401 - the URL walk's fixture

REPEAT = object()  # the field twice, with the page's value and with another one
MISSING = object()  # the field left out of the request

HOSTILE_VALUES = {
    "empty": "",
    "100 000 characters": "x" * 100_000,
    "NUL byte": "Treffen\x00",
    "lone surrogate (invalid UTF-8)": "\ud800",
    "<script>": "<script>alert(1)</script>",
    "-1": "-1",
    "0": "0",
    "thousands": "100000",
    "beyond 64 bit": "99999999999999999999",
    "not a number": "zwölf",
    "30 February": "2026-02-30",
    "German date without year": "31.12.",
    "year 1": "0001-01-01T00:00",
    "year 1, date only": "0001-01-01",
    "last day before 2000": "1999-12-31T23:00",
    "year 2100": "2100-01-01T00:00",
    "year 9999": "9999-12-31T23:59",
    "year 9999, an hour before its end": "9999-12-31T23:00",
    "25:61 o'clock": "25:61",
    "meeting of another community": "{w.public_meeting.pk}",
    "user of another community": "{w.public_user.pk}",
    "repeated": REPEAT,
    "missing": MISSING,
}
# Values that might be stored and then break the page that shows them: after these, a redirect is
# followed (the others are refused before anything is stored, or are stored as plain text).
FOLLOWED = {
    "100 000 characters",
    "thousands",
    "beyond 64 bit",
    "year 9999",
    "year 9999, an hour before its end",
    "year 2100",
    "last day before 2000",
    "<script>",
}
# A start and an end sent together (one field at a time, the other field keeps a sane time and
# the pair is refused for its length alone): the form's first date field gets the start, every
# other date field the end. A stored pair would break the pages listing the meeting, so the
# redirect after each is followed.
DATE_PAIRS = {
    "year 1": ("0001-01-01T00:10", "0001-01-01T02:00"),
    "last evening before 2000": ("1999-12-31T22:00", "1999-12-31T23:00"),
    "year 2100": ("2100-01-01T10:00", "2100-01-01T12:00"),
    "year 9999": ("9999-12-31T23:00", "9999-12-31T23:59"),
}
DATE_KINDS = {"datetime-local", "date"}
# List pages read ?page=; the walk sends it hostile values, too.
PAGINATED = {
    "member_list",
    "organisation_list",
    "organisation_detail",
    "topic_board",
    "partner_search_list",
    "community_list",
    "community_members",
    "community_meetings",
    "community_manage",
    "invitation_list",
}
NOT_ATTACKED = {"csrfmiddlewaretoken"}
# Pages that are the same for every signed-in user (their own profile, the directory): attacked
# once, as the member, which keeps the whole file fast.
SAME_FOR_EVERYONE = {
    "me",
    "me_delete",
    "me_export",
    "member_list",
    "organisation_list",
    "organisation_detail",
    "invitation_accept",
}
# The accepted facilitator decides on the agenda with the coordinator's forms; those decisions are
# walked as the facilitator too. The answers to a proposal (accept, decline, swap) are walked as the
# member, who is the proposed facilitator of a meeting of the URL-walk world.
FACILITATOR_ONLY = {"agenda_item_decide"}


@pytest.fixture
def world(url_walk_world):  # noqa: F811
    return extend_for_bad_input(url_walk_world)


@dataclass(frozen=True)
class Target:
    url_name: str
    form: FoundForm
    from_table: bool = False  # no page shows this role the form: sent the URL-walk case's data


def encode(pairs) -> str:
    """A urlencoded body; lone surrogates go out as the (invalid) bytes a broken client sends."""
    return "&".join(
        f"{quote_from_bytes(key.encode())}={quote_from_bytes(value.encode('utf-8', 'surrogatepass'))}"
        for key, value in pairs
    )


def send(client, method, url, pairs, *, htmx=False, follow=False) -> str:
    """The status code, or the exception the view raised; the request's writes are rolled back.

    With `follow`, a redirect is followed inside the same transaction: the page that shows what
    was just stored must survive it, too.
    """
    headers = {"HX-Request": "true"} if htmx else {}
    body = encode(pairs)
    try:
        with transaction.atomic():
            if method == "post":
                response = client.post(
                    url,
                    body,
                    content_type="application/x-www-form-urlencoded",
                    headers=headers,
                    follow=follow,
                )
            else:
                response = client.get(f"{url}?{body}", headers=headers, follow=follow)
            transaction.set_rollback(True)
    except Exception as error:  # noqa: BLE001 - an exception is what the test is looking for
        return f"exception {type(error).__name__}: {str(error)[:200]}"
    return str(response.status_code)


def url_name_of(action: str) -> str | None:
    path = urlsplit(action).path
    if path.lstrip("/").startswith(SKIPPED_PREFIXES):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name if match.view_name in PROJECT_URLS else None


def pages(world):
    """Every URL of the URL-walk table, filled from the world, with its URL name and case."""
    for url_name in sorted(TABLE):
        for case in TABLE[url_name]:
            url = reverse(url_name, kwargs={key: fill(value, world) for key, value in case.kwargs.items()})
            yield url_name, case, url


def discover(client, world) -> list[Target]:
    """The forms this client is shown, one per distinct (method, action, field names)."""
    targets, seen = [], set()

    def add(url_name, form, *, from_table=False):
        key = (form.method, urlsplit(form.action).path, tuple(sorted(form.fields)))
        if key not in seen:
            seen.add(key)
            targets.append(Target(url_name, form, from_table))

    for url_name, case, url in pages(world):
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            for form in forms_in(response.content.decode(), url):
                name = url_name_of(form.action)
                if name and form.fields and (form.method == "post" or set(form.fields) - NOT_ATTACKED):
                    add(name, form)
            if url_name in PAGINATED:
                add(url_name, FoundForm(url, "get", fields={"page": FoundField("page", "text", ["2"])}))
        if case.post is not None and url_name not in {t.url_name for t in targets}:
            data = {key: fill(value, world) for key, value in case.data.items()}
            fields = {key: FoundField(key, "text", [value]) for key, value in data.items()}
            form = FoundForm(url, "post", fields=fields or {"_": FoundField("_", "text", [""])})
            add(url_name, form, from_table=True)
    return targets


def hostile_requests(form: FoundForm, world, *, every_field_only=False):
    """(field, label, pairs) for every attackable field and hostile value, plus all fields at once."""
    baseline = form.baseline()
    for name in [] if every_field_only else form.fields:
        if name in NOT_ATTACKED:
            continue
        kept = [(key, value) for key, value in baseline if key != name]
        for label, value in HOSTILE_VALUES.items():
            if value is MISSING:
                pairs = kept
            elif value is REPEAT:
                own = [value for key, value in baseline if key == name] or [""]
                pairs = [*kept, (name, own[0]), (name, "anders")]
            else:
                pairs = [*kept, (name, fill(value, world))]
            yield name, label, pairs
    for label in ("NUL byte", "100 000 characters"):
        value = HOSTILE_VALUES[label]
        pairs = [(key, v if key in NOT_ATTACKED else value) for key, v in baseline]
        yield "every field", label, pairs
    dates = [name for name, found in form.fields.items() if found.kind in DATE_KINDS]
    if dates and not every_field_only:
        for label, (start, end) in DATE_PAIRS.items():
            sent = {name: start if index == 0 else end for index, name in enumerate(dates)}
            pairs = [(key, value) for key, value in baseline if key not in sent]
            yield "date fields together", f"dates: {label}", [*pairs, *sent.items()]


@pytest.mark.parametrize("role", ROLES)
def test_hostile_form_values_never_give_a_server_error(role, world):
    client = clients_by_role(world)[role]
    targets = discover(client, world)
    failures = []
    for target in targets:
        if role != "member" and target.url_name in SAME_FOR_EVERYONE:
            continue
        if role == "facilitator" and target.url_name not in FACILITATOR_ONLY:
            continue
        form = target.form
        for field, label, pairs in hostile_requests(form, world, every_field_only=target.from_table):
            follow = label in FOLLOWED or label.startswith("dates: ")
            outcome = send(client, form.method, form.action, pairs, htmx=form.htmx, follow=follow)
            if not outcome.startswith(("2", "3", "4")):
                failures.append(
                    f"{form.method.upper()} {form.action} ({target.url_name}) as {role}, "
                    f"field {field!r} = {label}: {outcome}"
                )
    assert len(targets) >= 3, f"{role} was shown almost no forms: {targets}"
    assert failures == []


def test_the_walk_reaches_the_forms_that_matter(world):
    """The discovery is not silently empty: each role meets the forms the issues name."""
    clients = clients_by_role(world)
    found = {role: discover(clients[role], world) for role in ROLES}
    reached = {role: {target.url_name for target in found[role] if not target.from_table} for role in ROLES}
    assert {"me", "me_delete", "member_list", "community_join"} <= reached["non_member"]
    assert {"agenda_item_create", "agenda_item_edit", "meeting_rsvp", "community_leave"} <= reached["member"]
    assert {"agenda_item_decide"} <= reached["facilitator"]
    assert {"meeting_facilitator"} <= reached["member"]
    assert {
        "meeting_edit",
        "community_cadence",
        "meeting_minutes",
        "invitation_create",
        "membership_decide",
        "agenda_template",
        "community_capacity",
        "community_settings",
        "invitation_resend",
        "invitation_revoke",
        "agenda_item_timebox",
        "meeting_host",
    } <= reached["coordinator"]
    edit = [t.form for t in found["coordinator"] if t.url_name == "meeting_edit"]
    date_fields = [[n for n, f in form.fields.items() if f.kind in DATE_KINDS] for form in edit]
    assert {tuple(fields) for fields in date_fields} == {("starts_at", "ends_at")}
    swap = [t.form for t in found["member"] if "other_meeting" in t.form.fields]
    assert [form.fields["other_meeting"].choices for form in swap] == [
        [str(world.private_meeting.pk), str(world.later_meeting.pk), str(world.accepted_meeting.pk)]
    ]
    reorder = [
        t.form
        for t in found["coordinator"]
        if t.url_name == "agenda_item_decide" and "positions" in t.form.fields
    ]
    first, second = world.accepted_items
    assert {form.fields["positions"].values[0] for form in reorder} == {f"{first.pk},{second.pk}"}


# --- allauth's pages: our sign-up form, adapter and account pages --------------------------------

ACCOUNT_PAGES = {
    "anonymous": ["account_signup", "account_login", "account_reset_password"],
    "member": ["account_email", "account_change_password"],
}


@pytest.mark.parametrize("role", sorted(ACCOUNT_PAGES))
def test_hostile_values_on_account_pages_never_give_a_server_error(role, world, client):
    if role != "anonymous":
        client.force_login(world.users[role])
    failures, forms = [], []
    for url_name in ACCOUNT_PAGES[role]:
        url = reverse(url_name)
        response = client.get(url)
        assert response.status_code == 200, f"{url} as {role}: {response.status_code}"
        forms += [
            form
            for form in forms_in(response.content.decode(), url)
            if form.method == "post" and urlsplit(form.action).path == url
        ]
    for form in forms:
        for field, label, pairs in hostile_requests(form, world):
            outcome = send(client, "post", form.action, pairs)
            if not outcome.startswith(("2", "3", "4")):
                failures.append(f"POST {form.action} as {role}, field {field!r} = {label}: {outcome}")
    assert len(forms) >= len(ACCOUNT_PAGES[role])
    assert failures == []


# --- tampered ids and slugs in URLs --------------------------------------------------------------

TAMPERED = {
    "int": ["0", "999999999", "99999999999999999999", "-1", "1e3"],
    "slug": ["gibt-es-nicht", "x" * 300, "-", "%00"],
    "str": ["%00", "x" * 2000, "%ED%A0%80"],
}
# Ids of objects that exist but belong to another community or meeting.
FOREIGN_IDS = {
    ("agenda_item_edit", "item_id"): "{w.public_item.pk}",
    ("agenda_item_decide", "item_id"): "{w.public_item.pk}",
    ("membership_decide", "pk"): "{w.public_coordinator_membership.pk}",
    ("invitation_resend", "pk"): "{w.public_invitation.pk}",
    ("invitation_revoke", "pk"): "{w.public_invitation.pk}",
}


# A member may see the meeting but not decide about its items: 403 before the item is looked up,
# which tells nothing about the item (meetings/views.py: the right is checked on the meeting).
# Views whose object is looked up after the right is checked (cop.guards: 403 first, then the 404 of
# an unknown item or membership).
RIGHT_CHECKED_FIRST = {
    ("member", "agenda_item_decide", "item_id"),
    *(
        ("member", name, "pk")
        for name in (
            "membership_decide",
            "membership_role",
            "membership_rotation",
            "invitation_resend",
            "invitation_revoke",
        )
    ),
    ("member", "agenda_item_timebox", "item_id"),
    ("member", "membership_remove", "pk"),
    # Only coordinators decline a suggestion: a member is refused on the topic, before the look-up.
    ("member", "spin_off_suggestion_decline", "suggestion_pk"),
}
MARKER = {"int": "987654321", "slug": "tampered-marker", "str": "tampered-marker"}


def tampered_urls(world):
    """(url_name, kwarg, value, url) with one kwarg of a working URL replaced by a tampered value."""
    for url_name in sorted(TABLE):
        route = PROJECT_URLS[url_name]
        kwargs = {key: fill(value, world) for key, value in TABLE[url_name][0].kwargs.items()}
        for key in kwargs:
            kind = "int" if f"<int:{key}>" in route else "slug" if f"<slug:{key}>" in route else "str"
            # Reversed with a marker, so that only this kwarg's part of the path is replaced.
            url = reverse(url_name, kwargs={**kwargs, key: MARKER[kind]})
            values = list(TAMPERED[kind])
            if (url_name, key) in FOREIGN_IDS:
                values.append(fill(FOREIGN_IDS[url_name, key], world))
            for tampered in values:
                yield url_name, key, tampered, url.replace(f"/{MARKER[kind]}/", f"/{tampered}/")


@pytest.mark.parametrize("role", ["member", "coordinator"])
def test_tampered_ids_and_slugs_in_urls_give_404(role, world):
    client = clients_by_role(world)[role]
    actual, expected = {}, {}
    for url_name, key, tampered, url in tampered_urls(world):
        for method in ("get", "post"):
            label = f"{method.upper()} {url_name} with {key}={tampered[:30]!r} as {role}"
            outcome = send(client, method, url, [("action", "accept"), ("decision", "approve")])
            actual[label] = outcome
            # A view that only accepts POST may refuse a GET before looking the object up.
            if method == "get" and outcome == "405":
                expected[label] = "405"
            elif (role, url_name, key) in RIGHT_CHECKED_FIRST and tampered.isdigit():
                expected[label] = "403"
            else:
                expected[label] = "404"
    assert len(actual) > 50
    assert actual == expected


# --- refused input changes nothing that is stored ------------------------------------------------


def page_form(client, url) -> FoundForm:
    """The form on `url` that posts back to `url`, as the page filled it in."""
    response = client.get(url)
    assert response.status_code == 200, f"GET {url}: {response.status_code}"
    (form,) = [f for f in forms_in(response.content.decode(), url) if urlsplit(f.action).path == url]
    return form


def stored(model, pk) -> dict:
    return model.objects.filter(pk=pk).values().get()


# An accepted item's time box, kind and presenter (a stale order or a forged presenter: a message, 302).
TIMEBOX = {"pk": "{w.private_meeting.pk}", "item_id": "{w.accepted_items[0].pk}"}
REFUSED = [
    # (label, role, URL name, URL kwargs, changed fields, model, pk, status)
    (
        "meeting ends before it starts",
        "coordinator",
        "meeting_edit",
        {"pk": "{w.private_meeting.pk}"},
        {"starts_at": "2030-01-01T10:00", "ends_at": "2030-01-01T09:00"},
        Meeting,
        "{w.private_meeting.pk}",
        400,
    ),
    (
        "meeting on 30 February",
        "coordinator",
        "meeting_edit",
        {"pk": "{w.private_meeting.pk}"},
        {"starts_at": "2026-02-30T10:00", "title": "Neuer Titel"},
        Meeting,
        "{w.private_meeting.pk}",
        400,
    ),
    (
        "meeting in year 1",
        "coordinator",
        "meeting_edit",
        {"pk": "{w.private_meeting.pk}"},
        {"starts_at": "0001-01-01T00:10", "ends_at": "0001-01-01T02:00", "title": "Neuer Titel"},
        Meeting,
        "{w.private_meeting.pk}",
        400,
    ),
    (
        "meeting on the last evening before 2000",
        "coordinator",
        "meeting_edit",
        {"pk": "{w.private_meeting.pk}"},
        {"starts_at": "1999-12-31T22:00", "ends_at": "1999-12-31T23:00", "title": "Neuer Titel"},
        Meeting,
        "{w.private_meeting.pk}",
        400,
    ),
    (
        "meeting in year 2100",
        "coordinator",
        "meeting_edit",
        {"pk": "{w.private_meeting.pk}"},
        {"starts_at": "2100-01-01T10:00", "ends_at": "2100-01-01T12:00", "title": "Neuer Titel"},
        Meeting,
        "{w.private_meeting.pk}",
        400,
    ),
    (
        "meeting in the last hour of year 9999",
        "coordinator",
        "meeting_edit",
        {"pk": "{w.private_meeting.pk}"},
        {"starts_at": "9999-12-31T23:00", "ends_at": "9999-12-31T23:59", "title": "Neuer Titel"},
        Meeting,
        "{w.private_meeting.pk}",
        400,
    ),
    (
        "meeting title with a NUL byte",
        "coordinator",
        "meeting_edit",
        {"pk": "{w.private_meeting.pk}"},
        {"title": "Treffen\x00", "location": "Rathaus"},
        Meeting,
        "{w.private_meeting.pk}",
        400,
    ),
    (
        "agenda item of zero minutes",
        "member",
        "agenda_item_edit",
        {"pk": "{w.private_meeting.pk}", "item_id": "{w.private_item.pk}"},
        {"duration_minutes": "0", "title": "Anders"},
        AgendaItem,
        "{w.private_item.pk}",
        400,
    ),
    (
        "agenda item of thousands of minutes",
        "member",
        "agenda_item_edit",
        {"pk": "{w.private_meeting.pk}", "item_id": "{w.private_item.pk}"},
        {"duration_minutes": "5000", "title": "Anders"},
        AgendaItem,
        "{w.private_item.pk}",
        400,
    ),
    *[
        (
            label,
            "coordinator",
            "agenda_item_timebox",
            TIMEBOX,
            changes,
            AgendaItem,
            TIMEBOX["item_id"],
            status,
        )
        for label, changes, status in (
            ("time box of minus five minutes", {"duration_minutes": "-5"}, 400),
            ("time box of a whole day", {"duration_minutes": "1440"}, 400),
            ("time box beyond 64 bit", {"duration_minutes": "99999999999999999999"}, 400),
            ("forged kind of agenda item", {"kind": "party"}, 400),
            (
                "presenter of another community",
                {"presenter": "{w.public_user.pk}", "duration_minutes": "50"},
                302,
            ),
            (
                "time box sent with a stale order",
                {"positions": "{w.accepted_items[1].pk},{w.accepted_items[0].pk}", "duration_minutes": "50"},
                302,
            ),
        )
    ],
    (
        "meetings of zero minutes",
        "coordinator",
        "community_cadence",
        {"slug": "{w.private.slug}"},
        {"meeting_duration_minutes": "0", "meeting_location": "Rathaus"},
        Community,
        "{w.private.pk}",
        400,
    ),
    (
        "meetings of thousands of minutes",
        "coordinator",
        "community_cadence",
        {"slug": "{w.private.slug}"},
        {"meeting_duration_minutes": "100000", "meeting_location": "Rathaus"},
        Community,
        "{w.private.pk}",
        400,
    ),
    (
        "a secret community that takes requests",
        "coordinator",
        "community_settings",
        {"slug": "{w.private.slug}"},
        {"visibility": "secret", "join_policy": "approval", "tagline": "Neu"},
        Community,
        "{w.private.pk}",
        400,
    ),
    (
        "no votes per member",
        "coordinator",
        "community_settings",
        {"slug": "{w.private.slug}"},
        {"votes_per_member": "0", "tagline": "Neu"},
        Community,
        "{w.private.pk}",
        400,
    ),
    (
        "a community without a name",
        "coordinator",
        "community_settings",
        {"slug": "{w.private.slug}"},
        {"name": "", "tagline": "Neu"},
        Community,
        "{w.private.pk}",
        400,
    ),
    (
        "second reminder before the first",
        "coordinator",
        "community_cadence",
        {"slug": "{w.private.slug}"},
        {"reminder_days_early": "1", "reminder_days_late": "3", "meeting_location": "Rathaus"},
        Community,
        "{w.private.pk}",
        400,
    ),
    (
        "profile name with a NUL byte",
        "member",
        "me",
        {},
        {"first_name": "Erika\x00", "job_title": "Leitung"},
        User,
        "{w.member.pk}",
        200,
    ),
    (
        "profile text of 100 000 characters",
        "member",
        "me",
        {},
        {"bio": "x" * 100_000, "job_title": "Leitung"},
        User,
        "{w.member.pk}",
        200,
    ),
]


@pytest.mark.parametrize(
    ("role", "url_name", "kwargs", "changes", "model", "pk", "status"),
    [case[1:] for case in REFUSED],
    ids=[case[0] for case in REFUSED],
)
def test_refused_input_changes_nothing_stored(role, url_name, kwargs, changes, model, pk, status, world):
    client = clients_by_role(world)[role]
    url = reverse(url_name, kwargs={key: fill(value, world) for key, value in kwargs.items()})
    pk = fill(pk, world)
    changes = {key: fill(value, world) if "{w." in value else value for key, value in changes.items()}
    pairs = [(key, value) for key, value in page_form(client, url).baseline() if key not in changes]
    before = stored(model, pk)
    response = client.post(
        url, encode([*pairs, *changes.items()]), content_type="application/x-www-form-urlencoded"
    )
    assert (response.status_code, stored(model, pk)) == (status, before)


@pytest.mark.parametrize("organisation", ["elsewhere", "999999", "-1", "abc", "99999999999999999999"])
def test_a_host_organisation_outside_the_community_changes_nothing(organisation, world):
    elsewhere = Organisation.objects.create(name="Stadt Anderswo", slug="anderswo")
    client = clients_by_role(world)["coordinator"]
    meeting = world.private_meeting
    before = stored(Meeting, meeting.pk)
    response = client.post(
        reverse("meeting_host", kwargs={"pk": meeting.pk}),
        {"organisation": elsewhere.pk if organisation == "elsewhere" else organisation},
    )
    assert (response.status_code, stored(Meeting, meeting.pk)) == (302, before)


def test_declining_a_meeting_that_is_not_yours_changes_nothing(world):
    client = clients_by_role(world)["member"]
    meeting = world.private_meeting
    before = stored(Meeting, meeting.pk)
    response = client.post(reverse("meeting_facilitator", kwargs={"pk": meeting.pk}), {"action": "decline"})
    assert (response.status_code, response["Location"]) == (302, meeting.get_absolute_url())
    assert stored(Meeting, meeting.pk) == before


def test_joining_twice_keeps_the_one_membership(world):
    client = clients_by_role(world)["member"]
    before = list(Membership.objects.filter(community=world.private, user=world.member).values())
    response = client.post(reverse("community_join", kwargs={"slug": world.private.slug}))
    assert response.status_code == 302
    assert list(Membership.objects.filter(community=world.private, user=world.member).values()) == before


def test_a_stale_reorder_form_moves_nothing(world):
    """The facilitator's page still shows the old order after the coordinator moved an item."""
    first, second = world.accepted_items
    stale_positions = f"{first.pk},{second.pk}"
    coordinator, facilitator = clients_by_role(world)["coordinator"], clients_by_role(world)["facilitator"]
    decide = "agenda_item_decide"
    response = coordinator.post(
        reverse(decide, kwargs={"pk": world.private_meeting.pk, "item_id": second.pk}),
        {"action": "up", "positions": stale_positions},
    )
    assert response.status_code == 302
    order_after_move = list(
        AgendaItem.objects.filter(pk__in=[first.pk, second.pk])
        .order_by("position")
        .values_list("pk", flat=True)
    )
    assert order_after_move == [second.pk, first.pk]
    response = facilitator.post(
        reverse(decide, kwargs={"pk": world.private_meeting.pk, "item_id": first.pk}),
        {"action": "down", "positions": stale_positions},
    )
    assert response.status_code == 302
    assert (
        list(
            AgendaItem.objects.filter(pk__in=[first.pk, second.pk])
            .order_by("position")
            .values_list("pk", flat=True)
        )
        == order_after_move
    )


# --- requests no browser of ours would send ------------------------------------------------------


def test_odd_request_bodies_are_refused_without_a_server_error_and_change_nothing(world):
    client = clients_by_role(world)["coordinator"]
    url = reverse("meeting_edit", kwargs={"pk": world.private_meeting.pk})
    baseline = [(key, value) for key, value in page_form(client, url).baseline() if key != "title"]
    before = stored(Meeting, world.private_meeting.pk)
    form_type = "application/x-www-form-urlencoded"
    bodies = {
        "3 MB title (beyond DATA_UPLOAD_MAX_MEMORY_SIZE)": (
            form_type,
            [*baseline, ("title", "x" * 3_000_000)],
        ),
        "2000 fields (beyond DATA_UPLOAD_MAX_NUMBER_FIELDS)": (
            form_type,
            [*baseline, ("title", "T"), *((f"f{n}", "1") for n in range(2000))],
        ),
        "unknown charset": (f"{form_type}; charset=klingonisch", [*baseline, ("title", "Neuer Titel\x00")]),
        "JSON instead of a form": ("application/json", None),
    }
    outcomes = {}
    for label, (content_type, pairs) in bodies.items():
        body = b'{"title": "Neu"}' if pairs is None else encode(pairs).encode()
        try:
            # generic(): post() would encode the body with the (unknown) charset itself.
            response = client.generic("POST", url, body, content_type=content_type)
        except Exception as error:  # noqa: BLE001 - an exception is what the test is looking for
            outcomes[label] = f"exception {type(error).__name__}"
        else:
            outcomes[label] = response.status_code
    assert outcomes == dict.fromkeys(bodies, 400)
    assert stored(Meeting, world.private_meeting.pk) == before
