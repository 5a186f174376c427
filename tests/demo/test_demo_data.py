from http import HTTPStatus
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.urls import reverse

from cop import demo
from cop.models import LegalPage
from members import demo_data as data
from members.models import Community, Membership, Organisation, OrganisationDomain, User
from members.services import membership_join, organisation_for_email

pytestmark = pytest.mark.django_db

DEMO_EMAILS = {
    "admin@kassel.example",
    "koordination@heidelberg.example",
    "lena.beispiel@freiburg.example",
    "jonas.muster@sw-kassel.example",
    "aylin.probe@hannover.example",
    "tobias.test@muenster.example",
    "sophie.vorlage@swhd.example",
    "kai.platzhalter@hannover.example",
    "mira.exempel@kassel.example",
    "ole.entwurf@muenster.example",
    "hanna.musterfrau@se-hannover.example",
    "deniz.beispiel@sw-muenster.example",
    "paula.probst@studieninstitut.example",
    "felix.muster@heidelberg.example",
    "jana.test@freiburg.example",
    "neu@freiburg.example",
}

SCALED_MODELS = [
    "members.Organisation",
    "members.OrganisationDomain",
    "members.User",
    "account.EmailAddress",
    "members.Community",
    "members.Membership",
]


def run_demo_data(*args):
    stdout = StringIO()
    call_command("demo_data", *args, stdout=stdout, stderr=StringIO())
    return stdout.getvalue()


def test_demo_data_on_an_empty_database_creates_the_listed_accounts():
    run_demo_data()

    assert set(User.objects.values_list("email", flat=True)) == DEMO_EMAILS


def test_every_demo_account_has_a_verified_primary_address_so_it_can_sign_in():
    run_demo_data()

    addresses = set(EmailAddress.objects.values_list("user__email", "email", "verified", "primary"))
    assert addresses == {(email, email, True, True) for email in DEMO_EMAILS}


def test_demo_accounts_sign_in_with_the_demo_password_where_it_is_allowed(client, settings):
    settings.ALLOW_DEMO_PASSWORD = True
    run_demo_data()

    response = client.post(
        reverse("account_login"),
        {"login": "koordination@heidelberg.example", "password": settings.DEMO_PASSWORD},
    )

    assert (response.status_code, response.url) == (HTTPStatus.FOUND, "/")
    assert client.session["_auth_user_id"] == str(
        User.objects.get(email="koordination@heidelberg.example").pk
    )


def test_the_demo_password_opens_no_account_on_a_real_installation(client, settings):
    settings.DEBUG = False
    settings.ALLOW_DEMO_PASSWORD = False
    run_demo_data()

    response = client.post(
        reverse("account_login"), {"login": "admin@kassel.example", "password": settings.DEMO_PASSWORD}
    )

    assert response.status_code == HTTPStatus.OK
    assert "_auth_user_id" not in client.session


def test_site_coordinator_is_staff_and_superuser_and_nobody_else_is():
    run_demo_data()

    staff = set(User.objects.filter(is_staff=True).values_list("email", "is_superuser"))
    assert staff == {("admin@kassel.example", True)}


def test_every_demo_member_belongs_to_the_organisation_of_their_e_mail_domain():
    run_demo_data()

    users = User.objects.select_related("organisation")
    organisations = {user.email: user.organisation for user in users}
    assert organisations == {user.email: organisation_for_email(user.email) for user in users}
    assert None not in organisations.values()


def test_utilities_belong_to_their_town():
    run_demo_data()

    companies = Organisation.objects.filter(kind=Organisation.Kind.COMPANY).values_list(
        "name", "parent__name"
    )
    assert dict(companies) == {
        "Städtische Werke Kassel": "Stadt Kassel",
        "Stadtwerke Heidelberg": "Stadt Heidelberg",
        "Stadtentwässerung Hannover": "Landeshauptstadt Hannover",
        "Stadtwerke Münster": "Stadt Münster",
    }


def test_no_demo_domain_is_a_real_one():
    run_demo_data()

    domains = OrganisationDomain.objects.values_list("domain", flat=True)
    assert [domain for domain in domains if not domain.endswith(".example")] == []


def test_running_twice_changes_no_counts():
    run_demo_data()
    first = demo.model_counts()

    output = run_demo_data()

    assert demo.model_counts() == first
    assert output.splitlines()[0] == "Demo data is already in place; nothing to add."


def test_running_again_keeps_the_operators_legal_text():
    run_demo_data()
    LegalPage.objects.filter(kind=LegalPage.Kind.IMPRINT).update(body="Unser echtes Impressum.")

    run_demo_data()

    assert LegalPage.objects.get(kind=LegalPage.Kind.IMPRINT).body == "Unser echtes Impressum."


def test_scale_two_makes_twice_the_organisations_members_and_communities():
    run_demo_data()
    single = demo.model_counts()

    run_demo_data("--scale", "2")
    double = demo.model_counts()

    assert {label: double[label] for label in SCALED_MODELS} == {
        "members.Organisation": 2 * single["members.Organisation"],
        "members.OrganisationDomain": 2 * single["members.OrganisationDomain"],
        "members.User": 2 * single["members.User"],
        "account.EmailAddress": 2 * single["account.EmailAddress"],
        "members.Community": 2 * single["members.Community"],
        "members.Membership": single["members.Membership"] + 41,
    }


def test_scaled_run_twice_changes_no_counts():
    run_demo_data("--scale", "3")
    first = demo.model_counts()

    run_demo_data("--scale", "3")

    assert demo.model_counts() == first


def test_bulk_created_rows_pass_model_validation():
    run_demo_data("--scale", "2")

    invalid = []
    for model in (Organisation, OrganisationDomain, User, EmailAddress, Community, Membership):
        for instance in model.objects.all():
            try:
                instance.full_clean()
            except Exception as error:  # noqa: BLE001 - collect every invalid row, not just the first
                invalid.append((model.__name__, instance.pk, error))
    assert invalid == []


def test_scaled_members_can_sign_in_with_the_shared_password_hash(client, settings):
    settings.ALLOW_DEMO_PASSWORD = True
    run_demo_data("--scale", "2")
    scaled = User.objects.get(email=data.cluster_people(2)[0].email)

    client.post(reverse("account_login"), {"login": scaled.email, "password": settings.DEMO_PASSWORD})

    assert client.session["_auth_user_id"] == str(scaled.pk)


def test_scaled_communities_have_their_own_spin_off_and_coordinators():
    run_demo_data("--scale", "2")
    cop, spin_off, closed, small = data.cluster_community_slugs(2)

    assert Community.objects.get(slug=spin_off).parent.slug == cop
    coordinators = Membership.objects.coordinators().filter(
        community__slug__in=[cop, spin_off, closed, small]
    )
    assert coordinators.count() == 4


def test_scale_below_one_is_refused():
    with pytest.raises(CommandError):
        run_demo_data("--scale", "0")


def test_each_demo_community_has_the_expected_coordinator():
    run_demo_data()

    coordinators = Membership.objects.coordinators().values_list("community__slug", "user__email")
    assert sorted(coordinators) == [
        ("digitale-verwaltung", "kai.platzhalter@hannover.example"),
        ("kollegiale-beratung", "aylin.probe@hannover.example"),
        ("personalentwicklung", "koordination@heidelberg.example"),
        ("working-out-loud", "lena.beispiel@freiburg.example"),
    ]


def test_working_out_loud_is_a_spin_off_of_personalentwicklung():
    run_demo_data()

    assert Community.objects.get(slug="working-out-loud").parent.slug == "personalentwicklung"
    assert list(Community.objects.cops().order_by("slug").values_list("slug", flat=True)) == [
        "digitale-verwaltung",
        "kollegiale-beratung",
        "personalentwicklung",
    ]


def test_the_newcomer_belongs_to_no_community():
    run_demo_data()

    assert list(Membership.objects.filter(user__email="neu@freiburg.example")) == []


def test_the_small_community_is_full_so_a_newcomer_goes_on_the_waitlist():
    run_demo_data()
    small = Community.objects.get(slug="kollegiale-beratung")
    newcomer = User.objects.get(email="neu@freiburg.example")

    membership = membership_join(community=small, user=newcomer, invited=True)

    assert Membership.objects.active().filter(community=small).count() == small.max_members == 5
    assert membership.status == Membership.Status.WAITLISTED


def test_digitale_verwaltung_is_internal_hidden_from_visitors_and_open_to_requests(client):
    run_demo_data()
    closed = Community.objects.get(slug="digitale-verwaltung")
    newcomer = User.objects.get(email="neu@freiburg.example")

    visitor = client.get(closed.get_absolute_url())
    client.force_login(newcomer)
    signed_in = client.get(closed.get_absolute_url())
    request = membership_join(community=closed, user=newcomer)

    assert (closed.visibility, closed.join_policy) == (
        Community.Visibility.INTERNAL,
        Community.JoinPolicy.APPROVAL,
    )
    assert (visitor.status_code, signed_in.status_code) == (HTTPStatus.NOT_FOUND, HTTPStatus.OK)
    assert signed_in.context["can_join"] is True
    assert request.status == Membership.Status.PENDING


def test_kollegiale_beratung_is_secret_and_by_invitation_only(client):
    run_demo_data()
    secret = Community.objects.get(slug="kollegiale-beratung")

    client.force_login(User.objects.get(email="neu@freiburg.example"))
    stranger = client.get(secret.get_absolute_url()).status_code
    listing = client.get(reverse("community_list")).content.decode()
    client.force_login(User.objects.get(email="aylin.probe@hannover.example"))
    member = client.get(secret.get_absolute_url())

    assert (secret.visibility, secret.join_policy) == (
        Community.Visibility.SECRET,
        Community.JoinPolicy.INVITATION,
    )
    assert (stranger, member.status_code) == (HTTPStatus.NOT_FOUND, HTTPStatus.OK)
    assert "Kollegiale Beratung" not in listing


def test_an_unlisted_member_is_named_to_fellow_members_but_not_linked(client):
    run_demo_data()
    jana = User.objects.get(email="jana.test@freiburg.example")
    client.force_login(User.objects.get(email="aylin.probe@hannover.example"))

    content = client.get(reverse("community_detail", kwargs={"slug": "personalentwicklung"})).content.decode()

    assert jana.is_listed is False
    assert "Jana Test" in content
    assert jana.get_absolute_url() not in content


def test_personalentwicklung_shows_its_description_to_visitors_and_its_tools_to_members(client):
    run_demo_data()
    url = reverse("community_detail", kwargs={"slug": "personalentwicklung"})
    board = 'href="https://whiteboard.example/board/personalentwicklung"'

    visitor = client.get(url).content.decode()
    client.force_login(User.objects.get(email="aylin.probe@hannover.example"))
    response = client.get(url)

    content = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Orga und Moderation reihum" in visitor
    assert board not in visitor
    assert board in content


def test_legal_pages_are_marked_as_demo_text_and_follow_the_bitv_structure():
    run_demo_data()

    pages = dict(LegalPage.objects.values_list("kind", "body"))
    assert set(pages) == {"imprint", "privacy", "accessibility"}
    assert {kind for kind, body in pages.items() if body.startswith("> **Demo-Text.**")} == set(pages)
    headings = [line for line in pages["accessibility"].splitlines() if line.startswith("## ")]
    assert headings == [
        "## Stand der Vereinbarkeit mit den Anforderungen",
        "## Nicht barrierefreie Inhalte",
        "## Erstellung dieser Erklärung",
        "## Feedback und Kontakt",
        "## Durchsetzungsverfahren",
    ]


def test_the_command_runs_every_apps_sections_in_app_order():
    from meetings import demo as meetings_demo
    from members import demo as members_demo
    from network import demo as network_demo
    from topics import demo as topics_demo

    assert demo.demo_sections() == [
        *demo.SECTIONS,
        *members_demo.SECTIONS,
        *meetings_demo.SECTIONS,
        *topics_demo.SECTIONS,
        *network_demo.SECTIONS,
    ]


# Rows each benchmark cluster adds: at --scale 6250 that is the national network of issue 9.
PER_CLUSTER = {
    "members.Organisation": 10,
    "members.OrganisationDomain": 10,
    "members.User": 16,
    "account.EmailAddress": 16,
    "members.Community": 4,
    "members.Membership": 41,
    "meetings.Meeting": 16,
    "meetings.MinutesRevision": 16,
    "meetings.AgendaItem": 40,
    "meetings.Attendance": 76,
    "topics.Topic": 3,
}


def test_every_cluster_adds_the_same_rows_so_scale_6250_makes_the_national_network():
    counts = []
    for scale in (1, 2, 3):
        run_demo_data("--scale", str(scale))
        counts.append(demo.model_counts())

    added = [
        {label: after[label] - before[label] for label in after if after[label] != before[label]}
        for before, after in zip(counts, counts[1:], strict=False)
    ]

    assert added == [PER_CLUSTER, PER_CLUSTER]
    national = {label: 6250 * rows for label, rows in PER_CLUSTER.items()}
    assert national["members.User"] == 100_000
    assert national["members.Community"] == 25_000
    assert national["meetings.Meeting"] == 100_000
    assert national["members.Membership"] == 256_250
