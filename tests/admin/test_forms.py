"""What a site coordinator does in the admin forms ends up in the database as intended."""

import datetime
from http import HTTPStatus

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from members.admin import CommunityAdmin
from members.models import Community, Invitation, Membership, Organisation, User
from tests.factories import CommunityFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Ein-langes-Passwort-2026"


def user_add_data(**overrides):
    data = {
        "email": "Neue.Kollegin@Kassel.DE",
        "first_name": "Nora",
        "last_name": "Neu",
        "organisation": "",
        "usable_password": "true",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "_save": "1",
    }
    return data | overrides


def test_adding_a_user_stores_the_email_in_lower_case(superuser_client, superuser):
    kassel = OrganisationFactory(name="Stadt Kassel")
    response = superuser_client.post(reverse("admin:members_user_add"), user_add_data(organisation=kassel.pk))
    user = User.objects.get(first_name="Nora")
    assert (response.status_code, response["Location"]) == (
        HTTPStatus.FOUND,
        reverse("admin:members_user_change", args=[user.pk]),
    )
    assert (user.email, user.organisation, user.check_password(PASSWORD), user.is_staff) == (
        "neue.kollegin@kassel.de",
        kassel,
        True,
        False,
    )


def test_adding_a_user_whose_email_differs_only_in_case_is_refused(superuser_client, superuser):
    UserFactory(email="neue.kollegin@kassel.de")
    response = superuser_client.post(reverse("admin:members_user_add"), user_add_data())
    assert response.status_code == HTTPStatus.OK
    assert list(response.context["adminform"].form.errors) == ["email"]
    assert User.objects.filter(email__iexact="neue.kollegin@kassel.de").count() == 1


def test_user_search_finds_members_by_organisation_name(superuser_client):
    kassel = OrganisationFactory(name="Stadt Kassel")
    in_kassel = UserFactory(organisation=kassel)
    UserFactory(organisation=OrganisationFactory(name="Stadt Heidelberg"))
    response = superuser_client.get(reverse("admin:members_user_changelist"), {"q": "Kassel"})
    assert list(response.context["cl"].result_list) == [in_kassel]


def test_user_filter_by_organisation_kind(superuser_client):
    company = OrganisationFactory(name="Stadtwerke Kassel", kind=Organisation.Kind.COMPANY)
    at_company = UserFactory(organisation=company)
    UserFactory()
    response = superuser_client.get(
        reverse("admin:members_user_changelist"), {"organisation__kind__exact": "company"}
    )
    assert list(response.context["cl"].result_list) == [at_company]


def test_organisation_page_lists_its_sub_organisations_read_only(superuser_client):
    kassel = OrganisationFactory(name="Stadt Kassel")
    children = [
        OrganisationFactory(name="Kasseler Verkehrs-Gesellschaft", parent=kassel),
        OrganisationFactory(name="Städtische Werke Kassel", parent=kassel),
    ]
    response = superuser_client.get(reverse("admin:members_organisation_change", args=[kassel.pk]))
    inline = next(
        formset for formset in response.context["inline_admin_formsets"] if formset.opts.fk_name == "parent"
    )
    assert (
        [form.instance for form in inline.formset.forms],
        inline.has_add_permission,
        inline.has_change_permission,
        inline.has_delete_permission,
    ) == (children, False, False, False)


def test_community_filter_separates_cops_from_spin_offs(superuser_client):
    cop = CommunityFactory(name="Personalentwicklung")
    spin_off = CommunityFactory(name="Working Out Loud", parent=cop)
    url = reverse("admin:members_community_changelist")
    assert (
        list(superuser_client.get(url, {"level": "cop"}).context["cl"].result_list),
        list(superuser_client.get(url, {"level": "spin_off"}).context["cl"].result_list),
    ) == ([cop], [spin_off])


def community_add_data(coordinator, **overrides):
    return {
        "name": "Digitales Lernen",
        "slug": "digitales-lernen",
        "parent": "",
        "created_at_0": "01.03.2026",
        "created_at_1": "10:00:00",
        "tagline": "",
        "description": "Wir teilen **Lernangebote**.",
        "visibility": Community.Visibility.PUBLIC,
        "join_policy": Community.JoinPolicy.APPROVAL,
        "max_members": "12",
        "cadence_months": "3",
        "cadence_week": "2",
        "cadence_weekday": "1",
        "meeting_start_time": "10:00",
        "meeting_duration_minutes": "120",
        "meeting_format": Community.Format.ONLINE,
        "meeting_location": "",
        "video_url": "meet.kassel.de/lernen",
        "rotation_mode": Community.RotationMode.PERSON,
        "votes_per_member": "3",
        "reminder_days_early": "14",
        "reminder_days_late": "2",
        "whiteboard_url": "",
        "taskboard_url": "",
        "chat_url": "",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-user": str(coordinator.pk),
        "memberships-0-role": Membership.Role.COORDINATOR,
        "memberships-0-status": Membership.Status.ACTIVE,
        "memberships-0-in_rotation": "on",
        "memberships-0-joined_at_0": "01.03.2026",
        "memberships-0-joined_at_1": "10:00:00",
        "_save": "1",
    } | overrides


def test_adding_a_community_with_a_first_coordinator(superuser_client, superuser):
    coordinator = UserFactory()
    before = timezone.now()
    data = community_add_data(coordinator)
    response = superuser_client.post(reverse("admin:members_community_add"), data)
    assert (response.status_code, response["Location"]) == (
        HTTPStatus.FOUND,
        reverse("admin:members_community_changelist"),
    )
    community = Community.objects.get(slug="digitales-lernen")
    assert (
        community.max_members,
        community.video_url,
        community.join_policy,
        community.reminder_days_early,
        community.reminder_days_late,
    ) == (12, "https://meet.kassel.de/lernen", Community.JoinPolicy.APPROVAL, 14, 2)
    assert list(community.memberships.values_list("user", "role", "status")) == [
        (coordinator.pk, Membership.Role.COORDINATOR, Membership.Status.ACTIVE)
    ]
    # A first member is active from the moment the community is added (membership_active_has_join_date).
    [membership] = community.memberships.all()
    assert before <= membership.joined_at <= timezone.now()


def test_a_secret_community_open_to_requests_is_refused_with_a_field_message(superuser_client, superuser):
    coordinator = UserFactory()
    data = community_add_data(coordinator, visibility=Community.Visibility.SECRET)
    response = superuser_client.post(reverse("admin:members_community_add"), data)
    assert response.status_code == HTTPStatus.OK
    form = response.context["adminform"].form
    assert form.errors == {
        "join_policy": [
            "Eine geheime Community nimmt neue Mitglieder nur mit Einladung auf: "
            "wähle „Nur mit Einladung“ oder eine andere Sichtbarkeit."
        ]
    }
    assert list(Community.objects.filter(slug="digitales-lernen")) == []


def test_invitation_validity_can_be_extended_but_its_address_not_changed(superuser_client, superuser):
    invitation = Invitation.objects.create(
        community=CommunityFactory(),
        email="neu@example.org",
        token_hash="b" * 64,
        invited_by=superuser,
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    response = superuser_client.post(
        reverse("admin:members_invitation_change", args=[invitation.pk]),
        {
            "email": "jemand-anderes@example.org",
            "token_hash": "c" * 64,
            "expires_at_0": "31.12.2030",
            "expires_at_1": "12:00:00",
            "_save": "1",
        },
    )
    invitation.refresh_from_db()
    assert (response.status_code, invitation.email, invitation.token_hash, invitation.expires_at) == (
        HTTPStatus.FOUND,
        "neu@example.org",
        "b" * 64,
        datetime.datetime(2030, 12, 31, 11, 0, tzinfo=datetime.UTC),
    )


def test_fields_missing_from_the_declared_fieldsets_are_shown_at_the_end(rf, superuser):
    class ShortCommunityAdmin(CommunityAdmin):
        fieldsets = CommunityAdmin.fieldsets[:-1]  # without the tools

    request = rf.get("/")
    request.user = superuser
    fieldsets = ShortCommunityAdmin(Community, admin.site).get_fieldsets(request, Community())
    assert fieldsets[len(CommunityAdmin.fieldsets) - 1 :] == [
        ("Weitere Felder", {"fields": ["whiteboard_url", "taskboard_url", "chat_url"]})
    ]


def test_changing_an_address_to_a_case_variant_of_another_members_is_refused(superuser_client, superuser):
    UserFactory(email="neue.kollegin@kassel.de")
    other = UserFactory(
        email="andere.kollegin@kassel.de", first_name="Anna", last_name="Andere", organisation=None
    )
    data = {
        "email": "Neue.Kollegin@Kassel.DE",
        "first_name": "Anna",
        "last_name": "Andere",
        "is_active": "on",
        "date_joined_0": "01.03.2026",
        "date_joined_1": "10:00:00",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "_save": "1",
    }

    response = superuser_client.post(reverse("admin:members_user_change", args=[other.pk]), data)

    assert response.status_code == HTTPStatus.OK
    assert response.context["adminform"].form.errors == {
        "email": ["Mitglied mit diesem Wert für das Feld E-Mail-Adresse existiert bereits."]
    }
    assert User.objects.get(pk=other.pk).email == "andere.kollegin@kassel.de"


def test_changing_an_address_stores_it_normalised(superuser_client, superuser):
    other = UserFactory(
        email="andere.kollegin@kassel.de", first_name="Anna", last_name="Andere", organisation=None
    )
    data = {
        "email": " Anna.Andere@Kassel.DE ",
        "first_name": "Anna",
        "last_name": "Andere",
        "is_active": "on",
        "date_joined_0": "01.03.2026",
        "date_joined_1": "10:00:00",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "_save": "1",
    }

    response = superuser_client.post(reverse("admin:members_user_change", args=[other.pk]), data)

    assert (response.status_code, User.objects.get(pk=other.pk).email) == (
        HTTPStatus.FOUND,
        "anna.andere@kassel.de",
    )


def test_reminder_days_out_of_order_are_refused_in_the_admin_and_nothing_is_added(superuser_client):
    data = community_add_data(UserFactory(), reminder_days_early="1", reminder_days_late="3")
    response = superuser_client.post(reverse("admin:members_community_add"), data)
    assert response.status_code == HTTPStatus.OK
    assert response.context["adminform"].form.non_field_errors() == [
        "Die zweite Erinnerung kommt näher am Treffen als die erste."
    ]
    assert list(Community.objects.filter(slug="digitales-lernen")) == []
