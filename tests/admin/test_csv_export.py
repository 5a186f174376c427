"""The members CSV: read back with the csv module, compared as whole rows."""

import csv
import io
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from members.exports_csv import csv_cell_escape, members_csv_write
from members.models import Membership, User
from tests.factories import CommunityFactory, MembershipFactory, OrganisationFactory, UserFactory

ENGLISH_HEADER = [
    "E-mail address",
    "First name",
    "Last name",
    "Organisation",
    "Job title",
    "Department",
    "Expertise",
    "Communities",
]
# What the German catalogue is expected to say for the same labels.
GERMAN_HEADER = [
    "E-Mail-Adresse",
    "Vorname",
    "Nachname",
    "Organisation",
    "Funktion",
    "Fachbereich",
    "Fachgebiete",
    "Communities",
]
ERIKA_ROW = [
    "erika.mustermann@kassel.de",
    "Erika",
    "Müller-Lüdenscheidt",
    "Stadt Kassel",
    "Referentin Personalentwicklung",
    "Amt für Personal; Organisation",
    'agiles Arbeiten, "Working Out Loud"',
    "Agile Verwaltung; Personalentwicklung",
]
# Every profile cell escaped; the communities cell follows.
MALLORY_ROW = ["mallory@example.org", "'=SUM(A1)", "'-x", "'@home", "'+49 561", "'\tTab", "'\rReturn"]


def read_back(text):
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))


def export(users):
    file = io.StringIO(newline="")
    members_csv_write(users=users, file=file)
    return read_back(file.getvalue())


@pytest.fixture
def kassel(db):
    return OrganisationFactory(name="Stadt Kassel", slug="kassel")


@pytest.fixture
def erika(kassel):
    erika = UserFactory(
        email="erika.mustermann@kassel.de",
        first_name="Erika",
        last_name="Müller-Lüdenscheidt",
        organisation=kassel,
        job_title="Referentin Personalentwicklung",
        department="Amt für Personal; Organisation",
        expertise='agiles Arbeiten, "Working Out Loud"',
    )
    for name, status in [
        ("Personalentwicklung", Membership.Status.ACTIVE),
        ("Agile Verwaltung", Membership.Status.ACTIVE),
        ("Alter Kreis", Membership.Status.LEFT),
        ("Warteliste", Membership.Status.WAITLISTED),
        ("Anfrage", Membership.Status.PENDING),
    ]:
        MembershipFactory(user=erika, community=CommunityFactory(name=name), status=status)
    return erika


@pytest.fixture
def mallory(db):
    """Someone who typed spreadsheet formulas into every profile field."""
    return UserFactory(
        email="mallory@example.org",
        first_name="=SUM(A1)",
        last_name="-x",
        organisation=OrganisationFactory(name="@home", slug="at-home"),
        job_title="+49 561",
        department="\tTab",
        expertise="\rReturn",
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+49 561", "'+49 561"),
        ("-x", "'-x"),
        ("@home", "'@home"),
        ("\tTab", "'\tTab"),
        ("\rReturn", "'\rReturn"),
        ("Müller-Lüdenscheidt", "Müller-Lüdenscheidt"),
        ("1+1", "1+1"),
        ("", ""),
        (None, ""),
    ],
)
def test_cell_escape_neutralises_only_formula_starts(value, expected):
    assert csv_cell_escape(value) == expected


def test_export_lists_profile_and_active_communities_sorted(erika):
    with translation.override("en"):
        rows = export(User.objects.all())
    assert rows == [ENGLISH_HEADER, ERIKA_ROW]


def test_export_escapes_cells_that_a_spreadsheet_would_run(mallory):
    with translation.override("en"):
        rows = export(User.objects.filter(pk=mallory.pk))
    assert rows == [ENGLISH_HEADER, MALLORY_ROW + [""]]


def test_export_of_a_member_without_organisation_leaves_the_cell_empty(db):
    UserFactory(email="ohne@example.org", first_name="Otto", last_name="Normal", organisation=None)
    assert export(User.objects.all())[1:] == [["ohne@example.org", "Otto", "Normal", "", "", "", "", ""]]


def test_export_uses_semicolons_and_crlf_and_starts_with_a_bom(db):
    UserFactory(email="a@kassel.de", first_name="Anna", last_name="Alt", organisation=None)
    file = io.StringIO(newline="")
    with translation.override("en"):
        members_csv_write(users=User.objects.all(), file=file)
    assert file.getvalue() == (
        "\ufeffE-mail address;First name;Last name;Organisation;Job title;Department;Expertise;"
        "Communities\r\n"
        "a@kassel.de;Anna;Alt;;;;;\r\n"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 3])
def test_export_queries_do_not_grow_with_members(django_assert_num_queries, rows):
    for number in range(rows):
        MembershipFactory(user=UserFactory(last_name=f"Person {number}"))
    with django_assert_num_queries(2):
        exported = export(User.objects.all())
    assert len(exported) == rows + 1


class TestAdminActions:
    def test_user_action_downloads_the_selected_members_in_german(
        self, superuser_client, erika, mallory, kassel
    ):
        UserFactory(email="nicht-ausgewaehlt@kassel.de", organisation=kassel)
        response = superuser_client.post(
            reverse("admin:members_user_changelist"),
            {"action": "export_members_csv", "_selected_action": [erika.pk, mallory.pk]},
        )
        today = timezone.localdate().isoformat()
        assert (response.status_code, response["Content-Type"], response["Content-Disposition"]) == (
            HTTPStatus.OK,
            "text/csv; charset=utf-8",
            f'attachment; filename="mitglieder-{today}.csv"',
        )
        assert response.content.startswith(b"\xef\xbb\xbf")
        assert read_back(response.content.decode("utf-8")) == [
            GERMAN_HEADER,
            MALLORY_ROW + [""],
            ERIKA_ROW,
        ]

    def test_membership_action_exports_each_member_once(self, superuser_client, erika, mallory):
        MembershipFactory(user=mallory, community=CommunityFactory(name="Sicherheit"))
        selected = Membership.objects.filter(user__in=[erika, mallory]).exclude(status=Membership.Status.LEFT)
        response = superuser_client.post(
            reverse("admin:members_membership_changelist"),
            {
                "action": "export_membership_members_csv",
                "_selected_action": [membership.pk for membership in selected],
            },
        )
        assert read_back(response.content.decode("utf-8"))[1:] == [MALLORY_ROW + ["Sicherheit"], ERIKA_ROW]

    def test_member_without_staff_rights_gets_no_export(self, client, erika):
        client.force_login(erika)
        response = client.post(
            reverse("admin:members_user_changelist"),
            {"action": "export_members_csv", "_selected_action": [erika.pk]},
        )
        assert (response.status_code, response["Location"], response["Content-Type"]) == (
            HTTPStatus.FOUND,
            reverse("admin:login") + "?next=" + reverse("admin:members_user_changelist"),
            "text/html; charset=utf-8",
        )
