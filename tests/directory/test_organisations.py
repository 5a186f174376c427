"""Organisations at /organisations/: list with listed-member counts, detail pages."""

from http import HTTPStatus

import pytest

from members.models import Organisation

from ..factories import OrganisationFactory, UserFactory


@pytest.fixture
def kassel(db):
    return OrganisationFactory(name="Stadt Kassel", slug="kassel", website="https://www.kassel.de")


@pytest.fixture
def werke(kassel):
    return OrganisationFactory(
        name="Städtische Werke Kassel", slug="werke", kind=Organisation.Kind.COMPANY, parent=kassel
    )


@pytest.mark.django_db
class TestOrganisationList:
    def test_lists_kind_parent_and_listed_member_count(self, client, kassel, werke):
        viewer = UserFactory(organisation=kassel)
        UserFactory(organisation=kassel)
        UserFactory(organisation=kassel, is_listed=False)
        UserFactory(organisation=kassel, is_active=False)
        UserFactory(organisation=werke)
        client.force_login(viewer)
        response = client.get("/organisations/")
        rows = [
            (o.name, o.get_kind_display(), o.parent.name if o.parent else None, o.listed_count)
            for o in response.context["organisations"]
        ]
        assert rows == [
            ("Stadt Kassel", "Kommune", None, 2),
            ("Städtische Werke Kassel", "Kommunales Unternehmen", "Stadt Kassel", 1),
        ]

    def test_links_to_the_organisation_and_its_parent(self, viewer_client, werke):
        content = viewer_client.get("/organisations/").content.decode()
        assert '<a href="/organisations/werke/">Städtische Werke Kassel</a>' in content
        assert '<td><a href="/organisations/kassel/">Stadt Kassel</a></td>' in content


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 4])
def test_organisation_list_queries_do_not_grow(viewer_client, kassel, extra, django_assert_num_queries):
    for _ in range(extra):
        child = OrganisationFactory(parent=kassel)
        UserFactory(organisation=child)
    # The viewer's own organisation plus Kassel, plus the extra ones.
    with django_assert_num_queries(4):
        response = viewer_client.get("/organisations/")
    assert len(response.context["organisations"]) == extra + 2


@pytest.mark.django_db
class TestOrganisationDetail:
    def test_shows_kind_parent_children_website_and_listed_members(self, viewer_client, kassel, werke):
        erika = UserFactory(organisation=kassel, first_name="Erika", last_name="Mustermann")
        UserFactory(organisation=kassel, is_listed=False)
        UserFactory(organisation=werke)
        response = viewer_client.get("/organisations/kassel/")
        content = response.content.decode()
        assert response.context["organisation"] == kassel
        assert list(response.context["children"]) == [werke]
        assert list(response.context["members"]) == [erika]
        assert "<dd>Kommune</dd>" in content
        assert '<li><a href="/organisations/werke/">Städtische Werke Kassel</a></li>' in content
        assert 'href="https://www.kassel.de"' in content

    def test_child_shows_its_parent(self, viewer_client, werke):
        content = viewer_client.get("/organisations/werke/").content.decode()
        assert '<dd><a href="/organisations/kassel/">Stadt Kassel</a></dd>' in content

    def test_unknown_slug_is_404(self, viewer_client):
        assert viewer_client.get("/organisations/gibt-es-nicht/").status_code == HTTPStatus.NOT_FOUND

    def test_bad_page_number_shows_the_first_page(self, viewer_client, kassel):
        response = viewer_client.get("/organisations/kassel/", {"page": "x"})
        assert (response.status_code, response.context["page"].number) == (HTTPStatus.OK, 1)


@pytest.mark.django_db
@pytest.mark.parametrize("members", [1, 4])
def test_organisation_detail_queries_do_not_grow(viewer_client, kassel, members, django_assert_num_queries):
    UserFactory.create_batch(members, organisation=kassel, expertise="E-Learning")
    with django_assert_num_queries(6):
        response = viewer_client.get("/organisations/kassel/")
    assert len(response.context["members"]) == members
