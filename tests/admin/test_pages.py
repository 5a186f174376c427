"""Every admin page a site coordinator opens renders, for every registered model."""

from http import HTTPStatus

import pytest
from django.contrib import admin
from django.urls import reverse

from cop.models import LegalPage
from members.models import Community, Invitation, Membership, Organisation, OrganisationDomain, User

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
MODEL_IDS = [model._meta.label for model, _model_admin in REGISTERED]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=MODEL_IDS)
def test_changelist_shows_every_row_to_a_superuser(superuser_client, one_of_everything, model, model_admin):
    response = superuser_client.get(admin_url(model, "changelist"))
    changelist = response.context["cl"]
    expected_count = model_admin.get_queryset(response.wsgi_request).count()
    assert (response.status_code, changelist.model, changelist.result_count) == (
        HTTPStatus.OK,
        model,
        expected_count,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=MODEL_IDS)
def test_add_page_renders_for_a_superuser_where_adding_is_allowed(
    superuser_client, one_of_everything, model, model_admin
):
    response = superuser_client.get(admin_url(model, "add"))
    if model_admin.has_add_permission(response.wsgi_request):
        assert (response.status_code, response.context["add"]) == (HTTPStatus.OK, True)
    else:
        assert response.status_code == HTTPStatus.FORBIDDEN


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=MODEL_IDS)
def test_change_page_renders_an_existing_row_for_a_superuser(
    superuser_client, one_of_everything, model, model_admin
):
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"add a {model._meta.label} row to the one_of_everything fixture"
    response = superuser_client.get(admin_url(model, "change", obj.pk))
    assert (response.status_code, response.context["original"]) == (HTTPStatus.OK, obj)


def test_invitations_cannot_be_added_in_the_admin(superuser_client):
    response = superuser_client.get(admin_url(Invitation, "add"))
    assert response.status_code == HTTPStatus.FORBIDDEN


def test_members_app_models_are_all_registered():
    ours = {User, Organisation, OrganisationDomain, Community, Membership, Invitation, LegalPage}
    assert ours - set(admin.site._registry) == set()
